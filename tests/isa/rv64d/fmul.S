/* FMUL.D (double precision): exact products, halfway/non-halfway products in every
 * rounding mode (static and dyn) for both signs, overflow and underflow per mode (UF only when
 * tiny AND inexact; tininess detected after rounding), exact subnormal results (no UF),
 * signed zeros, 0*inf (NV), canonical NaNs, sNaN.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact products */
    TEST_FP_OP2_RM_D(2, fmul.d, rne, 0, 0xc01e000000000000, 0x4008000000000000, 0xc004000000000000)    /* 3 * -2.5 */
    TEST_FP_OP2_RM_D(3, fmul.d, rne, 0, 0x0000000000000001, 0x0000000000000001, 0x3ff0000000000000)    /* min subnormal * 1: exact, no UF */
    TEST_FP_OP2_RM_D(4, fmul.d, rne, 0, 0x0008000000000000, 0x0010000000000000, 0x3fe0000000000000)    /* min normal / 2: exact subnormal, no UF */
    TEST_FP_OP2_RM_D(5, fmul.d, rne, 0, 0x3fd0000000000000, 0x0008000000000000, 0x7fc0000000000000)    /* 2^-bias * 2^(bias-2) */

    /* static RNE */
    TEST_FP_OP2_RM_D(6, fmul.d, rne, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_D(7, fmul.d, rne, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_D(8, fmul.d, rne, FNX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_D(9, fmul.d, rne, FNX, 0xbff0000000000000, 0xbfeffffffffffffe, 0x3ff0000000000001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_D(10, fmul.d, rne, FOF|FNX, 0x7ff0000000000000, 0x5ff0000000000000, 0x5ff0000000000000)    /* overflow */
    TEST_FP_OP2_RM_D(11, fmul.d, rne, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x3ff8000000000000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_D(12, fmul.d, rne, FUF|FNX, 0x0000000000000000, 0x1dd0000000000000, 0x1dd0000000000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_D(13, fmul.d, rne, FUF|FNX, 0x8000000000000000, 0x9dd0000000000000, 0x1dd0000000000000)    /* negative underflow */
    TEST_FP_OP2_RM_D(14, fmul.d, rne, FUF|FNX, 0x0008000000000002, 0x0010000000000003, 0x3fe0000000000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RTZ */
    TEST_FP_OP2_RM_D(15, fmul.d, rtz, FNX, 0x4008000000000001, 0x4008000000000000, 0x3ff0000000000001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_D(16, fmul.d, rtz, FNX, 0xc008000000000001, 0xc008000000000000, 0x3ff0000000000001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_D(17, fmul.d, rtz, FNX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_D(18, fmul.d, rtz, FNX, 0xbfefffffffffffff, 0xbfeffffffffffffe, 0x3ff0000000000001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_D(19, fmul.d, rtz, FOF|FNX, 0x7fefffffffffffff, 0x5ff0000000000000, 0x5ff0000000000000)    /* overflow */
    TEST_FP_OP2_RM_D(20, fmul.d, rtz, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0x3ff8000000000000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_D(21, fmul.d, rtz, FUF|FNX, 0x0000000000000000, 0x1dd0000000000000, 0x1dd0000000000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_D(22, fmul.d, rtz, FUF|FNX, 0x8000000000000000, 0x9dd0000000000000, 0x1dd0000000000000)    /* negative underflow */
    TEST_FP_OP2_RM_D(23, fmul.d, rtz, FUF|FNX, 0x0008000000000001, 0x0010000000000003, 0x3fe0000000000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RDN */
    TEST_FP_OP2_RM_D(24, fmul.d, rdn, FNX, 0x4008000000000001, 0x4008000000000000, 0x3ff0000000000001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_D(25, fmul.d, rdn, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_D(26, fmul.d, rdn, FNX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_D(27, fmul.d, rdn, FNX, 0xbff0000000000000, 0xbfeffffffffffffe, 0x3ff0000000000001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_D(28, fmul.d, rdn, FOF|FNX, 0x7fefffffffffffff, 0x5ff0000000000000, 0x5ff0000000000000)    /* overflow */
    TEST_FP_OP2_RM_D(29, fmul.d, rdn, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x3ff8000000000000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_D(30, fmul.d, rdn, FUF|FNX, 0x0000000000000000, 0x1dd0000000000000, 0x1dd0000000000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_D(31, fmul.d, rdn, FUF|FNX, 0x8000000000000001, 0x9dd0000000000000, 0x1dd0000000000000)    /* negative underflow */
    TEST_FP_OP2_RM_D(32, fmul.d, rdn, FUF|FNX, 0x0008000000000001, 0x0010000000000003, 0x3fe0000000000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RUP */
    TEST_FP_OP2_RM_D(33, fmul.d, rup, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_D(34, fmul.d, rup, FNX, 0xc008000000000001, 0xc008000000000000, 0x3ff0000000000001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_D(35, fmul.d, rup, FNX, 0x3ff0000000000003, 0x3ff0000000000001, 0x3ff0000000000001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_D(36, fmul.d, rup, FNX, 0xbfefffffffffffff, 0xbfeffffffffffffe, 0x3ff0000000000001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_D(37, fmul.d, rup, FOF|FNX, 0x7ff0000000000000, 0x5ff0000000000000, 0x5ff0000000000000)    /* overflow */
    TEST_FP_OP2_RM_D(38, fmul.d, rup, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0x3ff8000000000000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_D(39, fmul.d, rup, FUF|FNX, 0x0000000000000001, 0x1dd0000000000000, 0x1dd0000000000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_D(40, fmul.d, rup, FUF|FNX, 0x8000000000000000, 0x9dd0000000000000, 0x1dd0000000000000)    /* negative underflow */
    TEST_FP_OP2_RM_D(41, fmul.d, rup, FUF|FNX, 0x0008000000000002, 0x0010000000000003, 0x3fe0000000000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* static RMM */
    TEST_FP_OP2_RM_D(42, fmul.d, rmm, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)    /* 3*(1+ulp) = 3 + 1.5ulp(3): halfway */
    TEST_FP_OP2_RM_D(43, fmul.d, rmm, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)    /* -3*(1+ulp) */
    TEST_FP_OP2_RM_D(44, fmul.d, rmm, FNX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)    /* (1+ulp)^2: 1+2ulp+ulp^2 */
    TEST_FP_OP2_RM_D(45, fmul.d, rmm, FNX, 0xbff0000000000000, 0xbfeffffffffffffe, 0x3ff0000000000001)    /* -(1-ulp)(1+ulp): just below -1 */
    TEST_FP_OP2_RM_D(46, fmul.d, rmm, FOF|FNX, 0x7ff0000000000000, 0x5ff0000000000000, 0x5ff0000000000000)    /* overflow */
    TEST_FP_OP2_RM_D(47, fmul.d, rmm, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x3ff8000000000000)    /* -max * 1.5: overflow */
    TEST_FP_OP2_RM_D(48, fmul.d, rmm, FUF|FNX, 0x0000000000000000, 0x1dd0000000000000, 0x1dd0000000000000)    /* underflow to 0 */
    TEST_FP_OP2_RM_D(49, fmul.d, rmm, FUF|FNX, 0x8000000000000000, 0x9dd0000000000000, 0x1dd0000000000000)    /* negative underflow */
    TEST_FP_OP2_RM_D(50, fmul.d, rmm, FUF|FNX, 0x0008000000000002, 0x0010000000000003, 0x3fe0000000000000)    /* (min normal+3ulp)/2: inexact subnormal, UF */

    /* tininess after rounding: product (1-ulp^2)*2^emin rounds to 2^emin -> NX only in RNE/RUP/RMM, UF|NX when it stays subnormal */
    TEST_FP_OP2_RM_D(51, fmul.d, rne, FNX, 0x0010000000000000, 0x3feffffffffffffe, 0x0010000000000001)
    TEST_FP_OP2_RM_D(52, fmul.d, rtz, FUF|FNX, 0x000fffffffffffff, 0x3feffffffffffffe, 0x0010000000000001)
    TEST_FP_OP2_RM_D(53, fmul.d, rdn, FUF|FNX, 0x000fffffffffffff, 0x3feffffffffffffe, 0x0010000000000001)
    TEST_FP_OP2_RM_D(54, fmul.d, rup, FNX, 0x0010000000000000, 0x3feffffffffffffe, 0x0010000000000001)
    TEST_FP_OP2_RM_D(55, fmul.d, rmm, FNX, 0x0010000000000000, 0x3feffffffffffffe, 0x0010000000000001)

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP2_RM_D(56, fmul.d, dyn, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(57, fmul.d, dyn, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(58, fmul.d, dyn, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP_OP2_RM_D(59, fmul.d, dyn, FUF|FNX, 0x8000000000000000, 0x8000000000000001, 0x3fe0000000000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP2_RM_D(60, fmul.d, dyn, FNX, 0x4008000000000001, 0x4008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(61, fmul.d, dyn, FNX, 0xc008000000000001, 0xc008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(62, fmul.d, dyn, FOF|FNX, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP_OP2_RM_D(63, fmul.d, dyn, FUF|FNX, 0x8000000000000000, 0x8000000000000001, 0x3fe0000000000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_D(64, fmul.d, dyn, FNX, 0x4008000000000001, 0x4008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(65, fmul.d, dyn, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(66, fmul.d, dyn, FOF|FNX, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP_OP2_RM_D(67, fmul.d, dyn, FUF|FNX, 0x8000000000000001, 0x8000000000000001, 0x3fe0000000000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_D(68, fmul.d, dyn, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(69, fmul.d, dyn, FNX, 0xc008000000000001, 0xc008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(70, fmul.d, dyn, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP_OP2_RM_D(71, fmul.d, dyn, FUF|FNX, 0x8000000000000000, 0x8000000000000001, 0x3fe0000000000000)    /* -minsub/2: underflow, halfway */

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP2_RM_D(72, fmul.d, dyn, FNX, 0x4008000000000002, 0x4008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(73, fmul.d, dyn, FNX, 0xc008000000000002, 0xc008000000000000, 0x3ff0000000000001)
    TEST_FP_OP2_RM_D(74, fmul.d, dyn, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP_OP2_RM_D(75, fmul.d, dyn, FUF|FNX, 0x8000000000000001, 0x8000000000000001, 0x3fe0000000000000)    /* -minsub/2: underflow, halfway */
    FP_SET_FRM(RM_RNE)

    /* signed zeros, infinities, NaNs */
    TEST_FP_OP2_RM_D(76, fmul.d, rne, 0, 0x8000000000000000, 0x8000000000000000, 0x4014000000000000)
    TEST_FP_OP2_RM_D(77, fmul.d, rne, 0, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000)
    TEST_FP_OP2_RM_D(78, fmul.d, rne, FNV, 0x7ff8000000000000, 0x0000000000000000, 0xfff0000000000000)    /* 0 * -inf: NV */
    TEST_FP_OP2_RM_D(79, fmul.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000000, 0x8000000000000000)    /* inf * -0: NV */
    TEST_FP_OP2_RM_D(80, fmul.d, rne, 0, 0xfff0000000000000, 0xfff0000000000000, 0x0000000000000001)
    TEST_FP_OP2_RM_D(81, fmul.d, rne, 0, 0x7ff8000000000000, 0x7ff8000000002345, 0x3ff0000000000000)
    TEST_FP_OP2_RM_D(82, fmul.d, rne, 0, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000000)
    TEST_FP_OP2_RM_D(83, fmul.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000001, 0x0000000000000000)
    TEST_FP_OP2_RM_D(84, fmul.d, rne, FNV, 0x7ff8000000000000, 0x3ff0000000000000, 0xfff0000000012345)
TEST_END
