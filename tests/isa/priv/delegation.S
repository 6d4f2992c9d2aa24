/* Exception delegation through medeleg: delegated traps from S and U go to stvec with
 * scause/sepc/stval set (stval = instruction bits for illegal instructions, 0 for
 * ecall/ebreak) and leave mcause/mepc alone; traps taken in M-mode are never
 * delegated; undelegated traps from S/U still go to M. */
#include "isa_trap.h"
TEST_BEGIN
    .option norvc
    TRAP_INIT
    STRAP_INIT
    csrw mie, zero
    li a1, (1 << 8) | (1 << 2)            /* ecall from U, illegal instruction */
    csrw medeleg, a1
    TEST_CASE(2, a0, (1 << 8) | (1 << 2), csrr a0, medeleg)
    /* in M, delegated causes still trap to M */
    csrw scause, zero
    TEST_TRAP_TVAL(3, 2, 0xc0001073, csrw cycle, zero)
    TEST_CASE(4, a0, 0, csrr a0, scause)   /* S-level CSRs untouched */
    GOTO_MODE(PRV_U)
    /* ecall from U -> S handler */
    TEST_TRAP_TVAL(5, 8, 0, 1: ecall)
    TEST_CASE(6, s11, 0, la a1, 1b; sub s11, s11, a1)
    /* illegal instruction from U -> S, stval = bits */
    TEST_TRAP_TVAL(7, 2, 0x30002573, 1: csrr a0, mstatus)
    TEST_CASE(8, s11, 0, la a1, 1b; sub s11, s11, a1)
    /* ebreak not delegated -> M */
    TEST_TRAP(9, 3, ebreak)
    TO_M_EBREAK
    TEST_CASE(10, a0, 0, csrr a0, mcause; addi a0, a0, -3)   /* mcause from the ebreak only */
    /* from S: illegal delegated, ecall from S not delegated */
    GOTO_MODE(PRV_S)
    csrw sscratch, zero
    TEST_TRAP_TVAL(11, 2, 0x30002573, csrr a0, mstatus)
    TEST_CASE(12, a0, 0x02, csrr a0, scause)
    TEST_CASE(13, a0, 0x30002573, csrr a0, stval)
    TEST_TRAP(14, 9, ecall)                  /* to M (s9 = mcause) */
    TO_M
    TEST_CASE(15, a0, 9, csrr a0, mcause)
    /* delegate ecall from S and breakpoints */
    li a1, (1 << 9) | (1 << 3)
    csrw medeleg, a1
    GOTO_MODE(PRV_S)
    TEST_TRAP_TVAL(16, 9, 0, 1: ecall)
    TEST_CASE(17, a0, 9, csrr a0, scause)
    TEST_TRAP(18, 3, ebreak)
    TEST_TRAP(19, 2, csrr a0, mstatus)        /* no longer delegated: M */
    TEST_CASE(20, a0, 3, csrr a0, scause)    /* still from case 18 */
    TO_M
    csrw medeleg, zero
    /* load access fault (5) from U on an address with no memory, delegated */
    li a1, (1 << 5)
    csrw medeleg, a1
    GOTO_MODE(PRV_U)
    TEST_TRAP_TVAL(21, 5, 0x1000000000, li a1, 0x1000000000; ld a0, 0(a1))
    TO_M
    csrw medeleg, zero
TEST_END_TRAP
