/* NaN boxing of single-precision values in the 64-bit f registers.
 * Reading: every single-precision instruction that interprets an f register whose upper
 * 32 bits are not all ones sees the canonical NaN 0x7fc00000 (a quiet NaN, so no NV by
 * itself): arithmetic, fma, min/max, compares (feq quiet, flt/fle NV), fclass (qNaN),
 * conversions (fcvt.w.s -> NV and max, fcvt.d.s -> canonical double NaN), and the
 * sign-injection forms incl. fmv.s/fneg.s/fabs.s (canonical NaN with injected sign).
 * Transfers out ignore the upper half: fmv.x.w and fsw use the low 32 bits as they are.
 * Writing: fmv.w.x, flw and single-precision results are NaN-boxed (checked with
 * fmv.x.d and fsd). Operands are raw 64-bit patterns ("U"); BOX(x) is a proper box.
 */
#include "fp_test.h"
#define BOX(x) FP_BOX_S(x)
#define UNB1 0x000000003f800000      /* 1.0 with upper half zero */
#define UNB2 0xfffffffe3f800000      /* one bit short of a box */
#define UNB3 0x7fffffff40000000      /* 2.0 with upper sign bit clear */
TEST_BEGIN
    /* arithmetic on unboxed operands: canonical NaN, no flags */
    TEST_FP_OP2_RM(2, U, S, fadd.s, rne, 0, QNAN_S, UNB1, BOX(0x3f800000))
    TEST_FP_OP2_RM(3, U, S, fadd.s, rne, 0, QNAN_S, BOX(0x3f800000), UNB2)
    TEST_FP_OP2_RM(4, U, S, fsub.s, rne, 0, QNAN_S, UNB3, UNB3)
    TEST_FP_OP2_RM(5, U, S, fmul.s, rtz, 0, QNAN_S, UNB1, BOX(0x00000000))
    TEST_FP_OP2_RM(6, U, S, fdiv.s, rne, 0, QNAN_S, BOX(0x3f800000), UNB1)
    TEST_FP_OP2_RM(7, U, S, fdiv.s, rne, 0, QNAN_S, UNB1, BOX(0x00000000))    /* NaN/0: no DZ */
    TEST_FP_OP1_RM(8, U, S, fsqrt.s, rne, 0, QNAN_S, UNB1)
    TEST_FP_OP2_RM(9, U, S, fadd.s, rne, FNV, QNAN_S, UNB1, BOX(0x7f800001))   /* the sNaN still signals */
    /* fma */
    TEST_FP_OP3_RM(10, U, S, fmadd.s, rne, 0, QNAN_S, BOX(0x3f800000), BOX(0x3f800000), UNB1)
    TEST_FP_OP3_RM(11, U, S, fnmsub.s, rne, 0, QNAN_S, UNB2, BOX(0x3f800000), BOX(0x3f800000))
    TEST_FP_OP3_RM(12, U, S, fmadd.s, rne, FNV, QNAN_S, BOX(0x00000000), BOX(0x7f800000), UNB1) /* 0*inf + NaN */
    /* min/max: the unboxed operand is a quiet NaN */
    TEST_FP_OP2(13, U, S, fmin.s, 0, 0x40000000, UNB1, BOX(0x40000000))
    TEST_FP_OP2(14, U, S, fmax.s, 0, 0xc0000000, BOX(0xc0000000), UNB3)
    TEST_FP_OP2(15, U, S, fmax.s, 0, QNAN_S, UNB1, UNB2)
    /* compares */
    TEST_FP_CMP(16, U, feq.s, 0, 0, UNB1, UNB1)                  /* same bits, but NaN */
    TEST_FP_CMP(17, U, feq.s, 0, 0, UNB1, BOX(0x3f800000))
    TEST_FP_CMP(18, U, flt.s, FNV, 0, UNB1, BOX(0x40000000))
    TEST_FP_CMP(19, U, fle.s, FNV, 0, BOX(0x3f800000), UNB3)
    TEST_FP_CMP(20, U, feq.s, 0, 1, BOX(0x3f800000), BOX(0x3f800000))
    /* fclass */
    TEST_FP_TOX(21, U, fclass.s, 0, 0x200, UNB1)
    TEST_FP_TOX(22, U, fclass.s, 0, 0x200, 0x00000000ff800000)   /* would be -inf if boxed */
    TEST_FP_TOX(23, U, fclass.s, 0, 0x200, 0x7fffffff00000000)   /* would be +0 */
    TEST_FP_TOX(24, U, fclass.s, 0, 0x001, BOX(0xff800000))
    /* conversions */
    TEST_FP_TOINT(25, U, fcvt.w.s, rtz, FNV, 0x7fffffff, UNB1)
    TEST_FP_TOINT(26, U, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, UNB3)
    TEST_FP_OP1(27, U, D, fcvt.d.s, 0, QNAN_D, UNB1)
    TEST_FP_OP1(28, U, D, fcvt.d.s, 0, 0x3ff0000000000000, BOX(0x3f800000))
    /* sign injection with unboxed operands: canonical NaN (sign +) takes part */
    TEST_FP_OP2(29, U, S, fsgnj.s, 0, 0xffc00000, UNB1, BOX(0xc0000000))
    TEST_FP_OP2(30, U, S, fsgnj.s, 0, 0x7fc00000, UNB2, BOX(0x40000000))
    TEST_FP_OP2(31, U, S, fsgnj.s, 0, 0x3f800000, BOX(0xbf800000), UNB1)   /* sign of canonical NaN is + */
    TEST_FP_OP2(32, U, S, fsgnjn.s, 0, 0xbf800000, BOX(0x3f800000), UNB3)
    TEST_FP_OP2(33, U, S, fsgnjx.s, 0, 0xbf800000, BOX(0xbf800000), UNB1)
    TEST_FP_OP2(34, U, S, fsgnjx.s, 0, 0xffc00000, UNB1, BOX(0x80000000))
    TEST_FP_OP2(35, U, S, fsgnjn.s, 0, 0xffc00000, UNB1, UNB1)
    /* fmv.s / fneg.s / fabs.s of an unboxed register */
    TEST_CASE(36, a0, FP_BOX_S(QNAN_S), FP_LD(U, fa0, UNB1); fmv.s fa3, fa0; fmv.x.d a0, fa3)
    TEST_CASE(37, a0, FP_BOX_S(0xffc00000), FP_LD(U, fa0, UNB2); fneg.s fa3, fa0; fmv.x.d a0, fa3)
    TEST_CASE(38, a0, FP_BOX_S(QNAN_S), FP_LD(U, fa0, 0x00000000bf800000); fabs.s fa3, fa0; fmv.x.d a0, fa3)

    /* transfers out use the low 32 bits as they are; fmv.x.w sign-extends */
    TEST_FP_TOX(39, U, fmv.x.w, 0, 0xffffffff87654321, 0x1234567887654321)
    TEST_FP_TOX(40, U, fmv.x.w, 0, 0x0000000076543210, 0x0000000076543210)
    TEST_FP_TOX(41, S, fmv.x.w, 0, 0xffffffff80000000, 0x80000000)
    TEST_FP_TOX(42, S, fmv.x.w, 0, 0x000000007fffffff, 0x7fffffff)
    TEST_FP_TOX(43, S, fmv.x.w, 0, 0xffffffffff800001, 0xff800001)     /* sNaN bits untouched */
    TEST_CASE(44, a0, 0xa5a5a5a587654321, /* fsw stores the low word only, leaves neighbours */
        la a2, buf; li t0, 0xa5a5a5a5a5a5a5a5; sd t0, 0(a2); sd t0, 8(a2);
        FP_LD(U, fa0, 0x1234567887654321); fsw fa0, 0(a2); ld a0, 0(a2); ld t0, 8(a2); li t1, 0xa5a5a5a5a5a5a5a5; bne t0, t1, fail)

    /* writes box: fmv.w.x (ignores x[63:32]), flw, results */
    TEST_FP_FROMINT(45, S, fmv.w.x, 0, 0x3f800000, 0x123456783f800000)
    TEST_FP_FROMINT(46, S, fmv.w.x, 0, 0x7f800001, 0x000000007f800001) /* sNaN bits kept, no NV */
    TEST_CASE(47, a0, 0xffffffff7f812345,
        la a2, buf; li t0, 0x000000007f812345; sd t0, 0(a2); FP_LD(D, fa3, 0); flw fa3, 0(a2); fmv.x.d a0, fa3)
    TEST_CASE(48, a0, 0xffffffffc0400000,
        la a2, buf; li t0, 0x11111111c0400000; sd t0, 8(a2); flw fa3, 8(a2); fsd fa3, 0(a2); ld a0, 0(a2))
    TEST_CASE(49, a0, 0xffffffff40400000, /* fadd.s result seen through fsd */
        FP_LD(S, fa0, 0x3f800000); FP_LD(S, fa1, 0x40000000); FP_LD(D, fa3, 0x4000000000000000);
        fadd.s fa3, fa0, fa1; la a2, buf; fsd fa3, 0(a2); ld a0, 0(a2))
    TEST_CASE(50, a0, 0xffffffff7fc00000, /* NaN result boxed too */
        FP_LD(S, fa0, 0x7f800000); FP_LD(S, fa1, 0xff800000); FP_LD(D, fa3, 0);
        fadd.s fa3, fa0, fa1; la a2, buf; fsd fa3, 0(a2); ld a0, 0(a2))
    TEST_CASE(51, a0, 0xffffffff4f000000, FP_LD(D, fa3, 0); li a1, 0x80000000; fcvt.s.wu fa3, a1; fmv.x.d a0, fa3)
    TEST_CASE(52, a0, 0xffffffff3f800000, FP_LD(D, fa3, 0); li a1, -1; fcvt.s.l fa3, a1; fabs.s fa3, fa3; fmv.x.d a0, fa3)
    TEST_CASE(53, a0, 0xffffffff3f800000, FP_LD(D, fa0, 0x3ff0000000000000); fcvt.s.d fa3, fa0; fmv.x.d a0, fa3)
    /* a boxed single read as a double is a (quiet) NaN */
    TEST_FP_OP2_RM(54, U, D, fadd.d, rne, 0, QNAN_D, BOX(0x3f800000), 0x3ff0000000000000)
    TEST_FP_TOX(55, U, fclass.d, 0, 0x200, BOX(0x00000000))
TEST_END

    .data
    .align 3
buf: .dword 0, 0
