/*
 * The RISC-V Supervisor Binary Interface (SBI 2.0), served in C instead of by M-mode
 * firmware: with `hart->sbi` set, an ECALL from S-mode is answered here and never
 * traps. The kernel is then entered directly in S-mode, timer interrupts go through
 * Sstc (stimecmp), and nothing runs in M-mode.
 *
 * Extensions: base, TIME, IPI, RFENCE, HSM, SRST, DBCN and the legacy calls
 * (set_timer, console_putchar/getchar, clear/send_ipi, remote fences, shutdown).
 * The host answers the calls that leave the hart through the callbacks below.
 */
#ifndef SPIN_RISCV_SBI_H
#define SPIN_RISCV_SBI_H

#include <stddef.h>
#include <stdint.h>

struct rv_hart;

typedef struct rv_sbi {
    /* Debug console output (legacy putchar, DBCN write and write_byte). */
    void (*console_write)(void *opaque, const uint8_t *data, size_t len);
    /* Legacy console_getchar: a byte, or -1 if none is waiting. */
    int (*console_read)(void *opaque);
    /* SRST system reset: type 0 shutdown, 1 cold reboot, 2 warm reboot; reason 0 none,
     * 1 system failure. */
    void (*system_reset)(void *opaque, uint32_t type, uint32_t reason);
    void *opaque;
} rv_sbi;

#define RV_SBI_SPEC_VERSION ((2u << 24) | 0u) /* 2.0 */
#define RV_SBI_IMPL_ID 0x5350494eu            /* "SPIN": not a registered id */

/* Serves the call described by a7 (extension), a6 (function) and a0..a5, writing the
 * error code to a0 and the value to a1 (legacy calls: the result to a0). */
void rv_sbi_call(struct rv_hart *h);

#endif
