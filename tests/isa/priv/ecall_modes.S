/* ECALL from M, S and U: causes 11, 9, 8; mepc = the ecall; MPP records the mode the
 * trap came from; MPIE = previous MIE and MIE = 0 inside the handler, and mret
 * restores MIE from MPIE. */
#include "isa_trap.h"
#define MPP_OF(reg) li a1, MSTATUS_MPP; and a0, reg, a1
TEST_BEGIN
    .option norvc
    TRAP_INIT
    TEST_TRAP(2, 11, 1: ecall)
    TEST_CASE(3, a0, (PRV_M << 11), MPP_OF(s8))
    TEST_CASE(4, s11, 0, la a1, 1b; sub s11, s11, a1)
    TEST_TRAP_TVAL(5, 11, 0, ecall)
    GOTO_MODE(PRV_S)
    TEST_TRAP_TVAL(6, 9, 0, 1: ecall)
    TEST_CASE(7, a0, (PRV_S << 11), MPP_OF(s8))
    TEST_CASE(8, s11, 0, la a1, 1b; sub s11, s11, a1)
    TEST_TRAP(9, 9, ecall)                   /* still S after the handler's mret */
    TO_M
    TEST_TRAP(10, 11, ecall)
    GOTO_MODE(PRV_U)
    TEST_TRAP_TVAL(11, 8, 0, 1: ecall)
    TEST_CASE(12, a0, (PRV_U << 11), MPP_OF(s8))
    TEST_CASE(13, s11, 0, la a1, 1b; sub s11, s11, a1)
    TEST_TRAP(14, 8, ecall)
    TO_M
    TEST_TRAP(15, 11, ecall)
    /* MIE -> MPIE on trap, MIE cleared; restored by mret (no interrupt enabled in mie) */
    csrw mie, zero
    csrsi mstatus, MSTATUS_MIE
    TEST_TRAP(16, 11, ecall)
    TEST_CASE(17, a0, MSTATUS_MPIE, li a1, MSTATUS_MPIE | MSTATUS_MIE; and a0, s8, a1)
    TEST_CASE(18, a0, MSTATUS_MIE, csrr a0, mstatus; andi a0, a0, MSTATUS_MIE)
    csrci mstatus, MSTATUS_MIE
    TEST_TRAP(19, 11, ecall)
    TEST_CASE(20, a0, 0, li a1, MSTATUS_MPIE | MSTATUS_MIE; and a0, s8, a1)
    TEST_CASE(21, a0, 0, csrr a0, mstatus; andi a0, a0, MSTATUS_MIE)
TEST_END_TRAP
