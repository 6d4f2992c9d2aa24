/* Glue of the bare-metal riscv64 build of the CPU benchmark (spin-emu --bare, QEMU
 * -M spike): tests/support's crt.S calls main and htif.c prints. Built with
 * -DBENCH_INSTRET it also prints minstret at the end ("instret N"); under QEMU with
 * -icount shift=0 that is the guest instruction count. Not part of the checksum. */
#include <stdint.h>

#include "bench.h"
#include "htif.h"

void bench_out(const char *s) { spin_puts(s); }

int main(void) {
    int status = bench_run();
#ifdef BENCH_INSTRET
    uint64_t n;
    __asm__ volatile("csrr %0, minstret" : "=r"(n));
    spin_puts("instret ");
    spin_put_dec(n);
    spin_puts("\n");
#endif
    return status;
}
