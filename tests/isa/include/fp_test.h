/* Macros for the F/D tests of the ISA suite (use together with isa_test.h).
 *
 * Every case loads its operands as raw bit patterns through an integer register and
 * fmv.d.x (so a test can also plant unboxed single-precision values), clears fflags,
 * runs ONE instruction, then reads the accrued flags with `csrrw t1, fflags, x0` and
 * compares both the result bits and the flags; the first mismatch ends the program
 * with the case number as exit status.
 *
 * Register use: operands fa0, fa1, fa2 (or a1 for integer operands), result fa3 (read
 * back whole with fmv.x.d, so single-precision results must be NaN-boxed) or a0.
 * Scratch: t0, t1, t2. frm is NOT touched: static-rounding cases name the mode in the
 * instruction (rne, rtz, rdn, rup, rmm) and dynamic cases write frm first (FP_SET_FRM)
 * and use `dyn`.
 *
 * Naming: _S = single-precision operands and result (operands are boxed by the
 * macro, the expected result is checked boxed), _D = double. Mixed-format macros
 * (conversions) spell both formats: TEST_FP_CVT(num, PI, PR, ...), with PI/PR one of
 * S (boxed single), D (double), U (raw 64-bit pattern, used to feed unboxed values).
 */
#ifndef SPIN_FP_TEST_H
#define SPIN_FP_TEST_H

#include "isa_test.h"

/* fflags bits */
#define FNX 0x01
#define FUF 0x02
#define FOF 0x04
#define FDZ 0x08
#define FNV 0x10

/* rounding-mode encodings (frm field and rm field) */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4
#define RM_DYN 7

/* How a bit pattern sits in a 64-bit f register for each format. */
#define FP_BOX_S(v) (0xffffffff00000000 | ((v) & 0xffffffff))
#define FP_BOX_D(v) (v)
#define FP_BOX_U(v) (v)

/* Canonical NaNs */
#define QNAN_S 0x7fc00000
#define QNAN_D 0x7ff8000000000000

#define FP_SET_FRM(rm) csrwi frm, rm

#define FP_LD(P, freg, v) li t0, FP_BOX_##P(v); fmv.d.x freg, t0
#define FP_CASE_HEAD(num) test_##num: li TESTNUM, num
/* Compare a0 with `expect` and the fflags accrued since the last clear with `flags`. */
#define FP_CHECK(flags, expect) \
    csrrw t1, fflags, x0;       \
    li t2, expect;              \
    bne a0, t2, fail;           \
    li t2, flags;               \
    bne t1, t2, fail

/* ---- generic forms: PI = operand format, PR = result format ---- */

/* inst fa3, fa0, rm   (fsqrt, fcvt.s.d, fcvt.d.s) */
#define TEST_FP_OP1_RM(num, PI, PR, inst, rm, flags, res, a) \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); csrwi fflags, 0;   \
    inst fa3, fa0, rm; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst fa3, fa0   (fcvt.d.s, exact, no rm) */
#define TEST_FP_OP1(num, PI, PR, inst, flags, res, a)        \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); csrwi fflags, 0;   \
    inst fa3, fa0; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst fa3, fa0, fa1, rm   (fadd, fsub, fmul, fdiv) */
#define TEST_FP_OP2_RM(num, PI, PR, inst, rm, flags, res, a, b)               \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); FP_LD(PI, fa1, b); csrwi fflags, 0; \
    inst fa3, fa0, fa1, rm; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst fa3, fa0, fa1   (fsgnj*, fmin, fmax) */
#define TEST_FP_OP2(num, PI, PR, inst, flags, res, a, b)                      \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); FP_LD(PI, fa1, b); csrwi fflags, 0; \
    inst fa3, fa0, fa1; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst fa3, fa0, fa1, fa2, rm   (fmadd, fmsub, fnmsub, fnmadd) */
#define TEST_FP_OP3_RM(num, PI, PR, inst, rm, flags, res, a, b, c)                  \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); FP_LD(PI, fa1, b); FP_LD(PI, fa2, c);     \
    csrwi fflags, 0;                                                                \
    inst fa3, fa0, fa1, fa2, rm; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst a0, fa0, fa1   (feq, flt, fle): integer result */
#define TEST_FP_CMP(num, PI, inst, flags, res, a, b)                          \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); FP_LD(PI, fa1, b); csrwi fflags, 0; \
    li a0, 0x5a5a; inst a0, fa0, fa1; FP_CHECK(flags, res)

/* inst a0, fa0   (fclass, fmv.x.w, fmv.x.d): integer result, no rm */
#define TEST_FP_TOX(num, PI, inst, flags, res, a)                             \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); csrwi fflags, 0;                    \
    inst a0, fa0; FP_CHECK(flags, res)

/* inst a0, fa0, rm   (fcvt.{w,wu,l,lu}.{s,d}): integer result */
#define TEST_FP_TOINT(num, PI, inst, rm, flags, res, a)                       \
    FP_CASE_HEAD(num); FP_LD(PI, fa0, a); csrwi fflags, 0;                    \
    inst a0, fa0, rm; FP_CHECK(flags, res)

/* inst fa3, a1, rm   (fcvt.{s,d}.{w,wu,l,lu}): integer operand */
#define TEST_FP_FROMINT_RM(num, PR, inst, rm, flags, res, ival)                  \
    FP_CASE_HEAD(num); li a1, ival; csrwi fflags, 0;                             \
    inst fa3, a1, rm; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* inst fa3, a1   (fmv.w.x, fmv.d.x, and the exact fcvt.d.{w,wu}) */
#define TEST_FP_FROMINT(num, PR, inst, flags, res, ival)                         \
    FP_CASE_HEAD(num); li a1, ival; csrwi fflags, 0;                             \
    inst fa3, a1; fmv.x.d a0, fa3; FP_CHECK(flags, FP_BOX_##PR(res))

/* ---- shorthands for same-format operations ---- */
#define TEST_FP_OP1_RM_S(num, inst, rm, fl, r, a)        TEST_FP_OP1_RM(num, S, S, inst, rm, fl, r, a)
#define TEST_FP_OP1_RM_D(num, inst, rm, fl, r, a)        TEST_FP_OP1_RM(num, D, D, inst, rm, fl, r, a)
#define TEST_FP_OP2_RM_S(num, inst, rm, fl, r, a, b)     TEST_FP_OP2_RM(num, S, S, inst, rm, fl, r, a, b)
#define TEST_FP_OP2_RM_D(num, inst, rm, fl, r, a, b)     TEST_FP_OP2_RM(num, D, D, inst, rm, fl, r, a, b)
#define TEST_FP_OP2_S(num, inst, fl, r, a, b)            TEST_FP_OP2(num, S, S, inst, fl, r, a, b)
#define TEST_FP_OP2_D(num, inst, fl, r, a, b)            TEST_FP_OP2(num, D, D, inst, fl, r, a, b)
#define TEST_FP_OP3_RM_S(num, inst, rm, fl, r, a, b, c)  TEST_FP_OP3_RM(num, S, S, inst, rm, fl, r, a, b, c)
#define TEST_FP_OP3_RM_D(num, inst, rm, fl, r, a, b, c)  TEST_FP_OP3_RM(num, D, D, inst, rm, fl, r, a, b, c)

/* ---- trap catching, for cases that expect an exception ----
 * FP_TRAP_INIT installs a handler that stores mcause in s11 and resumes after the
 * trapping instruction (2 or 4 bytes, read from memory at mepc). s11 is set to -1
 * before each guarded instruction; TEST_TRAP checks the cause afterwards. */
#define FP_TRAP_INIT         \
    la t0, fp_trap_handler;  \
    csrw mtvec, t0;          \
    j fp_trap_init_done;     \
    .align 2;                \
fp_trap_handler:             \
    csrr s11, mcause;        \
    csrr s10, mepc;          \
    lhu s9, 0(s10);          \
    andi s9, s9, 3;          \
    addi s10, s10, 2;        \
    li s8, 3;                \
    bne s9, s8, 1f;          \
    addi s10, s10, 2;        \
1:  csrw mepc, s10;          \
    mret;                    \
fp_trap_init_done:

/* Runs `code` and checks that it trapped with mcause `cause` (-1: no trap). */
#define TEST_TRAP(num, cause, code...) \
    FP_CASE_HEAD(num);                 \
    li s11, -1;                        \
    code;                              \
    li t2, cause;                      \
    bne s11, t2, fail

#define CAUSE_ILLEGAL 2

#endif
