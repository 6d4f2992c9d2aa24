/* FMUL.S (single precision): exact products, halfway/non-halfway products in every
 * rounding mode (static and dyn) for both signs, overflow and underflow per mode (UF only when
 * tiny AND inexact; tininess detected after rounding), exact subnormal results (no UF),
 * signed zeros, 0*inf (NV), canonical NaNs, sNaN.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact products */
    TEST_FP_OP2_RM_S(2, fmul.s, rne, 0, 0xc0f00000, 0x40400000, 0xc0200000)    /* 3 * -2.5 */
    TEST_FP_OP2_RM_S(3, fmul.s, rne, 0, 0x00000001, 0x00000001, 0x3f800000)    /* min subnormal * 1: exact, no UF */
    TEST_FP_OP2_RM_S(4, fmul.s, rne, 0, 0x00400000, 0x00800000, 0x3f000000)    /* min normal / 2: exact subnormal, no UF */
    TEST_FP_OP2_RM_S(5, fmul.s, rne, 0, 0x3e800000, 0x00400000, 0x7e000000)    /* 2^-bias * 2^(bias-2) */

    /* static RNE */
    TEST_FP_OP2_RM_S(6, fmul.s, rne, FNX, 0x40400002, 0x40400000, 0x3f800001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_S(7, fmul.s, rne, FNX, 0xc0400002, 0xc0400000, 0x3f800001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_S(8, fmul.s, rne, FNX, 0x3f800002, 0x3f800001, 0x3f800001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_S(9, fmul.s, rne, FNX, 0xbf800000, 0xbf7ffffe, 0x3f800001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_S(10, fmul.s, rne, FOF|FNX, 0x7f800000, 0x5f800000, 0x5f800000)    /* overflow */
    TEST_FP_OP2_RM_S(11, fmul.s, rne, FOF|FNX, 0xff800000, 0xff7fffff, 0x3fc00000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_S(12, fmul.s, rne, FUF|FNX, 0x00000000, 0x16000000, 0x16000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_S(13, fmul.s, rne, FUF|FNX, 0x80000000, 0x96000000, 0x16000000)    /* negative underflow */
    TEST_FP_OP2_RM_S(14, fmul.s, rne, FUF|FNX, 0x00400002, 0x00800003, 0x3f000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RTZ */
    TEST_FP_OP2_RM_S(15, fmul.s, rtz, FNX, 0x40400001, 0x40400000, 0x3f800001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_S(16, fmul.s, rtz, FNX, 0xc0400001, 0xc0400000, 0x3f800001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_S(17, fmul.s, rtz, FNX, 0x3f800002, 0x3f800001, 0x3f800001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_S(18, fmul.s, rtz, FNX, 0xbf7fffff, 0xbf7ffffe, 0x3f800001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_S(19, fmul.s, rtz, FOF|FNX, 0x7f7fffff, 0x5f800000, 0x5f800000)    /* overflow */
    TEST_FP_OP2_RM_S(20, fmul.s, rtz, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x3fc00000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_S(21, fmul.s, rtz, FUF|FNX, 0x00000000, 0x16000000, 0x16000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_S(22, fmul.s, rtz, FUF|FNX, 0x80000000, 0x96000000, 0x16000000)    /* negative underflow */
    TEST_FP_OP2_RM_S(23, fmul.s, rtz, FUF|FNX, 0x00400001, 0x00800003, 0x3f000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RDN */
    TEST_FP_OP2_RM_S(24, fmul.s, rdn, FNX, 0x40400001, 0x40400000, 0x3f800001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_S(25, fmul.s, rdn, FNX, 0xc0400002, 0xc0400000, 0x3f800001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_S(26, fmul.s, rdn, FNX, 0x3f800002, 0x3f800001, 0x3f800001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_S(27, fmul.s, rdn, FNX, 0xbf800000, 0xbf7ffffe, 0x3f800001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_S(28, fmul.s, rdn, FOF|FNX, 0x7f7fffff, 0x5f800000, 0x5f800000)    /* overflow */
    TEST_FP_OP2_RM_S(29, fmul.s, rdn, FOF|FNX, 0xff800000, 0xff7fffff, 0x3fc00000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_S(30, fmul.s, rdn, FUF|FNX, 0x00000000, 0x16000000, 0x16000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_S(31, fmul.s, rdn, FUF|FNX, 0x80000001, 0x96000000, 0x16000000)    /* negative underflow */
    TEST_FP_OP2_RM_S(32, fmul.s, rdn, FUF|FNX, 0x00400001, 0x00800003, 0x3f000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RUP */
    TEST_FP_OP2_RM_S(33, fmul.s, rup, FNX, 0x40400002, 0x40400000, 0x3f800001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_S(34, fmul.s, rup, FNX, 0xc0400001, 0xc0400000, 0x3f800001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_S(35, fmul.s, rup, FNX, 0x3f800003, 0x3f800001, 0x3f800001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_S(36, fmul.s, rup, FNX, 0xbf7fffff, 0xbf7ffffe, 0x3f800001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_S(37, fmul.s, rup, FOF|FNX, 0x7f800000, 0x5f800000, 0x5f800000)    /* overflow */
    TEST_FP_OP2_RM_S(38, fmul.s, rup, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x3fc00000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_S(39, fmul.s, rup, FUF|FNX, 0x00000001, 0x16000000, 0x16000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_S(40, fmul.s, rup, FUF|FNX, 0x80000000, 0x96000000, 0x16000000)    /* negative underflow */
    TEST_FP_OP2_RM_S(41, fmul.s, rup, FUF|FNX, 0x00400002, 0x00800003, 0x3f000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RMM */
    TEST_FP_OP2_RM_S(42, fmul.s, rmm, FNX, 0x40400002, 0x40400000, 0x3f800001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_S(43, fmul.s, rmm, FNX, 0xc0400002, 0xc0400000, 0x3f800001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_S(44, fmul.s, rmm, FNX, 0x3f800002, 0x3f800001, 0x3f800001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_S(45, fmul.s, rmm, FNX, 0xbf800000, 0xbf7ffffe, 0x3f800001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_S(46, fmul.s, rmm, FOF|FNX, 0x7f800000, 0x5f800000, 0x5f800000)    /* overflow */
    TEST_FP_OP2_RM_S(47, fmul.s, rmm, FOF|FNX, 0xff800000, 0xff7fffff, 0x3fc00000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_S(48, fmul.s, rmm, FUF|FNX, 0x00000000, 0x16000000, 0x16000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_S(49, fmul.s, rmm, FUF|FNX, 0x80000000, 0x96000000, 0x16000000)    /* negative underflow */
    TEST_FP_OP2_RM_S(50, fmul.s, rmm, FUF|FNX, 0x00400002, 0x00800003, 0x3f000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* tininess after rounding: product (1-ulp^2)*2^emin rounds to 2^emin -> NX only in RNE/RUP/RMM, UF|NX when it stays subnormal */
    TEST_FP_OP2_RM_S(51, fmul.s, rne, FNX, 0x00800000, 0x3f7ffffe, 0x00800001)
    TEST_FP_OP2_RM_S(52, fmul.s, rtz, FUF|FNX, 0x007fffff, 0x3f7ffffe, 0x00800001)
    TEST_FP_OP2_RM_S(53, fmul.s, rdn, FUF|FNX, 0x007fffff, 0x3f7ffffe, 0x00800001)
    TEST_FP_OP2_RM_S(54, fmul.s, rup, FNX, 0x00800000, 0x3f7ffffe, 0x00800001)
    TEST_FP_OP2_RM_S(55, fmul.s, rmm, FNX, 0x00800000, 0x3f7ffffe, 0x00800001)

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP2_RM_S(56, fmul.s, dyn, FNX, 0x40400002, 0x40400000, 0x3f800001)
    TEST_FP_OP2_RM_S(57, fmul.s, dyn, FNX, 0xc0400002, 0xc0400000, 0x3f800001)
    TEST_FP_OP2_RM_S(58, fmul.s, dyn, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000)
    TEST_FP_OP2_RM_S(59, fmul.s, dyn, FUF|FNX, 0x80000000, 0x80000001, 0x3f000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP2_RM_S(60, fmul.s, dyn, FNX, 0x40400001, 0x40400000, 0x3f800001)
    TEST_FP_OP2_RM_S(61, fmul.s, dyn, FNX, 0xc0400001, 0xc0400000, 0x3f800001)
    TEST_FP_OP2_RM_S(62, fmul.s, dyn, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x40000000)
    TEST_FP_OP2_RM_S(63, fmul.s, dyn, FUF|FNX, 0x80000000, 0x80000001, 0x3f000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_S(64, fmul.s, dyn, FNX, 0x40400001, 0x40400000, 0x3f800001)
    TEST_FP_OP2_RM_S(65, fmul.s, dyn, FNX, 0xc0400002, 0xc0400000, 0x3f800001)
    TEST_FP_OP2_RM_S(66, fmul.s, dyn, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x40000000)
    TEST_FP_OP2_RM_S(67, fmul.s, dyn, FUF|FNX, 0x80000001, 0x80000001, 0x3f000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_S(68, fmul.s, dyn, FNX, 0x40400002, 0x40400000, 0x3f800001)
    TEST_FP_OP2_RM_S(69, fmul.s, dyn, FNX, 0xc0400001, 0xc0400000, 0x3f800001)
    TEST_FP_OP2_RM_S(70, fmul.s, dyn, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000)
    TEST_FP_OP2_RM_S(71, fmul.s, dyn, FUF|FNX, 0x80000000, 0x80000001, 0x3f000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP2_RM_S(72, fmul.s, dyn, FNX, 0x40400002, 0x40400000, 0x3f800001)
    TEST_FP_OP2_RM_S(73, fmul.s, dyn, FNX, 0xc0400002, 0xc0400000, 0x3f800001)
    TEST_FP_OP2_RM_S(74, fmul.s, dyn, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000)
    TEST_FP_OP2_RM_S(75, fmul.s, dyn, FUF|FNX, 0x80000001, 0x80000001, 0x3f000000)    /* -minsub/2: underflow, halfway */
    FP_SET_FRM(RM_RNE)

    /* signed zeros, infinities, NaNs */
    TEST_FP_OP2_RM_S(76, fmul.s, rne, 0, 0x80000000, 0x80000000, 0x40a00000)
    TEST_FP_OP2_RM_S(77, fmul.s, rne, 0, 0x00000000, 0x80000000, 0x80000000)
    TEST_FP_OP2_RM_S(78, fmul.s, rne, FNV, 0x7fc00000, 0x00000000, 0xff800000)    /* 0 * -inf: NV */
    TEST_FP_OP2_RM_S(79, fmul.s, rne, FNV, 0x7fc00000, 0x7f800000, 0x80000000)    /* inf * -0: NV */
    TEST_FP_OP2_RM_S(80, fmul.s, rne, 0, 0xff800000, 0xff800000, 0x00000001)
    TEST_FP_OP2_RM_S(81, fmul.s, rne, 0, 0x7fc00000, 0x7fc02345, 0x3f800000)
    TEST_FP_OP2_RM_S(82, fmul.s, rne, 0, 0x7fc00000, 0xffc00000, 0x7f800000)
    TEST_FP_OP2_RM_S(83, fmul.s, rne, FNV, 0x7fc00000, 0x7f800001, 0x00000000)
    TEST_FP_OP2_RM_S(84, fmul.s, rne, FNV, 0x7fc00000, 0x3f800000, 0xff812345)
TEST_END
