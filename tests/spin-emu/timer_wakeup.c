/* Sleeps in WFI until the CLINT timer fires (spin-emu skips the idle time), checks
 * that mtime moved on by at least the requested ticks, and that the interrupt was taken
 * with the right cause; exits 0 on success. */
#include <stdint.h>
#include "htif.h"

#define MTIMECMP (*(volatile uint64_t *)0x2004000)
#define MTIME (*(volatile uint64_t *)0x200bff8)

volatile uint64_t taken_cause;
void timer_handler(void);
__asm__(".align 2\n"
        "timer_handler:\n"
        "  csrr t0, mcause\n"
        "  la t1, taken_cause\n"
        "  sd t0, 0(t1)\n"
        "  li t0, -1\n"
        "  li t1, 0x2004000\n"
        "  sd t0, 0(t1)\n" /* mtimecmp = max: no more interrupts */
        "  mret\n");

int main(void) {
    uint64_t start = MTIME;
    __asm__ volatile("csrw mtvec, %0" ::"r"(timer_handler));
    MTIMECMP = start + 1000000; /* 0.1 s at 10 MHz */
    __asm__ volatile("csrw mie, %0" ::"r"(1 << 7));
    __asm__ volatile("csrsi mstatus, 8");
    while (!taken_cause) __asm__ volatile("wfi");
    if (taken_cause != ((UINT64_C(1) << 63) | 7)) return 2;
    if (MTIME - start < 1000000) return 3;
    spin_puts("woke\n");
    return 0;
}
