/* Glue of the riscv64 Linux build of the CPU benchmark (static, no libc, for
 * qemu-riscv64-static): _start sets gp and calls bench_run; write(64) and exit(93) are
 * raw system calls. */
#include <stddef.h>

#include "bench.h"

static long sys3(long n, long a, long b, long c) {
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

void bench_out(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    while (n) {
        long w = sys3(64, 1, (long)s, (long)n);
        if (w <= 0) break;
        s += w;
        n -= (size_t)w;
    }
}

void bench_linux_main(void) __attribute__((noreturn, used));
void bench_linux_main(void) {
    int status = bench_run();
    for (;;) sys3(93, status, 0, 0);
}

__asm__(".section .text._start, \"ax\"\n"
        ".globl _start\n"
        "_start:\n"
        ".option push\n"
        ".option norelax\n"
        "    la gp, __global_pointer$\n"
        ".option pop\n"
        "    andi sp, sp, -16\n"
        "    call bench_linux_main\n"
        "1:  j 1b\n");
