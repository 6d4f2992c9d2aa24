/* ECALL and EBREAK in M-mode: cause 11 (environment call from M) and 3 (breakpoint),
 * mepc = address of the instruction, mtval = 0 (QEMU 7.2 writes 0 for both), and
 * execution resumes where the handler says; MPP = U after the mret (it is set to the least-privileged mode). */
#include "isa_trap.h"
TEST_BEGIN
    .option norvc
    TRAP_INIT
    TEST_TRAP_TVAL(2, 11, 0, 1: ecall; j fail)
    TEST_CASE(3, s11, 0, la a1, 1b; sub s11, s11, a1)
    TEST_TRAP_TVAL(4, 3, 0, 1: ebreak; j fail)
    TEST_CASE(5, s11, 0, la a1, 1b; sub s11, s11, a1)
    TEST_CASE(6, a0, 0, csrr a0, mstatus; li a1, MSTATUS_MPP; and a0, a0, a1)
    /* registers untouched by the trap */
    TEST_CASE(7, a0, 1234, li a0, 1234; la t5, 1f; ecall; 1:)
TEST_END_TRAP
