/* Trap-catching and privilege-switching helpers for the ISA suite's integer and
 * privileged tests (on top of isa_test.h).
 *
 * Convention: before an instruction that may trap, t5 holds the address to resume at.
 * The M-mode handler (ISA_TRAP_HANDLER, installed by TRAP_INIT) records
 *     s9 = mcause, s10 = mtval, s11 = mepc, s8 = mstatus (as the trap left it)
 * and returns to t5 in the privilege mode the trap came from (mret with the MPP the
 * trap set). If t4 == TRAP_MAGIC_TO_M when the trap is taken, t4 is cleared and the
 * handler returns in M-mode instead: that is how TO_M (ecall) comes back from S/U.
 * ISA_STRAP_HANDLER (STRAP_INIT) does the same for traps delegated to S-mode:
 *     s9 = scause, s10 = stval, s11 = sepc, s8 = sstatus, returns to t5 with sret.
 * TO_M_EBREAK is TO_M through a breakpoint, for when ecall is delegated to S.
 * Registers used by the helpers: t4, t5, t6, s8, s9, s10, s11.
 */
#ifndef SPIN_ISA_TRAP_H
#define SPIN_ISA_TRAP_H
#include "isa_test.h"

#define TRAP_MAGIC_TO_M 0x4d4d

#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define TRAP_INIT  la t0, isa_trap_handler; csrw mtvec, t0
#define STRAP_INIT la t0, isa_strap_handler; csrw stvec, t0

/* Expects `code` to trap with cause `cause` (s9), resuming after it. */
#define TEST_TRAP(num, cause, code...)   \
test_##num:                              \
    li TESTNUM, num;                     \
    la t5, .Lresume_##num;               \
    li s9, -1;                           \
    code;                                \
.Lresume_##num:                          \
    li t6, cause;                        \
    bne s9, t6, fail;

/* As TEST_TRAP, and also checks the trap value (s10). */
#define TEST_TRAP_TVAL(num, cause, tval, code...) \
    TEST_TRAP(num, cause, code)                  \
    li t6, tval;                                 \
    bne s10, t6, fail;

/* Expects `code` not to trap at all. */
#define TEST_NO_TRAP(num, code...)       \
    TEST_TRAP(num, -1, code)

/* Changes privilege from M-mode to `prv` (PRV_S/PRV_U), continuing at the next line. */
#define GOTO_MODE(prv)                   \
    li t0, MSTATUS_MPP;                  \
    csrc mstatus, t0;                    \
    li t0, ((prv) << 11);                \
    csrs mstatus, t0;                    \
    la t0, 1f;                           \
    csrw mepc, t0;                       \
    mret;                                \
1:

/* From S/U (ecall not delegated), back to M-mode, continuing at the next line. */
#define TO_M                             \
    li t4, TRAP_MAGIC_TO_M;              \
    la t5, 1f;                           \
    ecall;                               \
1:

/* As TO_M, through EBREAK (breakpoints must not be delegated). */
#define TO_M_EBREAK                      \
    li t4, TRAP_MAGIC_TO_M;              \
    la t5, 1f;                           \
    ebreak;                              \
1:

/* (alignment under .option rvc so that 2-byte padding is possible after odd-sized
 * code assembled with norvc mode switches) */
#define ISA_TRAP_HANDLER                 \
    .option push;                        \
    .option rvc;                         \
    .balign 4;                           \
    .option pop;                         \
isa_trap_handler:                        \
    csrr s9, mcause;                     \
    csrr s10, mtval;                     \
    csrr s11, mepc;                      \
    csrr s8, mstatus;                    \
    csrw mepc, t5;                       \
    li t6, TRAP_MAGIC_TO_M;              \
    bne t4, t6, 1f;                      \
    li t4, 0;                            \
    li t6, MSTATUS_MPP;                  \
    csrs mstatus, t6;                    \
1:  mret;                                \
    .option push;                        \
    .option rvc;                         \
    .balign 4;                           \
    .option pop;                         \
isa_strap_handler:                       \
    csrr s9, scause;                     \
    csrr s10, stval;                     \
    csrr s11, sepc;                      \
    csrr s8, sstatus;                    \
    csrw sepc, t5;                       \
    sret;

/* Tail for tests using the handlers: TEST_END plus the handlers. */
#define TEST_END_TRAP  \
    TEST_END           \
    ISA_TRAP_HANDLER

#endif
