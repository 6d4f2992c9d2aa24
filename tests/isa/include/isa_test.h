/* Macros for the ISA suite's assembly tests (included by .S files through cpp).
 *
 * A test is `main`, started in M-mode by tests/support/crt.S with the FP unit on and
 * PMP open. It numbers its cases in TESTNUM (gp); the first case that fails ends the
 * program with that number as exit status, so `spin-emu --bare` and QEMU's spike
 * machine both say which case broke. TEST_PASS ends with status 0.
 * Tests that drop to S- or U-mode must come back to M-mode (ecall) before ending.
 */
#ifndef SPIN_ISA_TEST_H
#define SPIN_ISA_TEST_H

#define TESTNUM gp

#define TEST_BEGIN \
    .text;          \
    .globl main;    \
    .align 2;       \
main:

#define TEST_PASS  li a0, 0; call spin_exit
#define TEST_FAIL  mv a0, TESTNUM; call spin_exit

/* Runs `code`, then checks that register `reg` holds `expect` (64-bit). */
#define TEST_CASE(num, reg, expect, code...) \
test_##num:                                  \
    li TESTNUM, num;                         \
    code;                                    \
    li t6, expect;                           \
    bne reg, t6, fail;

/* Standard tail: every test file ends with TEST_END after its last case. */
#define TEST_END      \
    TEST_PASS;        \
fail:                 \
    TEST_FAIL;

#endif
