/* FMADD/FMSUB/FNMSUB/FNMADD.S (single precision): sign conventions of the four forms,
 * single rounding (cases where a separate multiply then add would give a different result),
 * every rounding mode (static and dyn) on halfway sums, product overflow cancelled by the
 * addend, overflow/underflow, zero signs of exact-zero sums, 0*inf with any addend incl.
 * qNaN (NV), inf*x - inf (NV), NaN operands (canonical result, NV only for sNaN).
 */
#include "fp_test.h"
TEST_BEGIN

    /* the four forms: a*b+c, a*b-c, -(a*b)+c, -(a*b)-c with a=2, b=3, c=1 */
    TEST_FP_OP3_RM_S(2, fmadd.s, rne, 0, 0x40e00000, 0x40000000, 0x40400000, 0x3f800000)
    TEST_FP_OP3_RM_S(3, fmadd.s, rne, 0, 0xc0b00000, 0xc0000000, 0x40400000, 0x3f000000)
    TEST_FP_OP3_RM_S(4, fmsub.s, rne, 0, 0x40a00000, 0x40000000, 0x40400000, 0x3f800000)
    TEST_FP_OP3_RM_S(5, fmsub.s, rne, 0, 0xc0d00000, 0xc0000000, 0x40400000, 0x3f000000)
    TEST_FP_OP3_RM_S(6, fnmsub.s, rne, 0, 0xc0a00000, 0x40000000, 0x40400000, 0x3f800000)
    TEST_FP_OP3_RM_S(7, fnmsub.s, rne, 0, 0x40d00000, 0xc0000000, 0x40400000, 0x3f000000)
    TEST_FP_OP3_RM_S(8, fnmadd.s, rne, 0, 0xc0e00000, 0x40000000, 0x40400000, 0x3f800000)
    TEST_FP_OP3_RM_S(9, fnmadd.s, rne, 0, 0x40b00000, 0xc0000000, 0x40400000, 0x3f000000)

    /* single rounding: (1+e)^2 - (1+2e) = e^2 exactly; separate mul/add would give 0 */
    TEST_FP_OP3_RM_S(10, fmadd.s, rne, 0, 0x33800000, 0x3f800800, 0x3f800800, 0xbf801000)
    TEST_FP_OP3_RM_S(11, fnmsub.s, rne, 0, 0x33800000, 0x3f800800, 0xbf800800, 0xbf801000)
    TEST_FP_OP3_RM_S(12, fmsub.s, rne, 0, 0x33800000, 0x3f800800, 0x3f800800, 0x3f801000)
    TEST_FP_OP3_RM_S(13, fnmadd.s, rne, 0, 0x33800000, 0xbf800800, 0x3f800800, 0x3f801000)
    TEST_FP_OP3_RM_S(14, fmadd.s, rne, 0, 0xa8800000, 0x3f800001, 0x3f7ffffe, 0xbf800000)    /* (1+ulp)(1-ulp) - 1 = -ulp^2 */
    TEST_FP_OP3_RM_S(15, fmadd.s, rne, 0, 0x7f7fffff, 0x7f7fffff, 0x40000000, 0xff7fffff)    /* max*2 - max = max: no overflow inside */
    TEST_FP_OP3_RM_S(16, fmsub.s, rne, 0, 0x00000000, 0x00800000, 0x3f000000, 0x00400000)    /* exact zero */

    /* static RNE */
    TEST_FP_OP3_RM_S(17, fmadd.s, rne, FNX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000)    /* 1*1 + ulp/2 */
    TEST_FP_OP3_RM_S(18, fmadd.s, rne, FNX, 0xbf800000, 0xbf800000, 0x3f800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP3_RM_S(19, fmadd.s, rne, FNX, 0x3f800002, 0x3f800001, 0x3f800001, 0x00000000)    /* (1+ulp)^2 + 0 */
    TEST_FP_OP3_RM_S(20, fnmsub.s, rne, 0, 0xc0400001, 0x40400000, 0x3f800001, 0x34000000)    /* -(3+3ulp) + ulp */
    TEST_FP_OP3_RM_S(21, fmadd.s, rne, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000, 0x00000000)    /* overflow */
    TEST_FP_OP3_RM_S(22, fnmadd.s, rne, FOF|FNX, 0xff800000, 0x7f7fffff, 0x40000000, 0x7f7fffff)    /* -(2max) - max: overflow */
    TEST_FP_OP3_RM_S(23, fmsub.s, rne, 0, 0x00000000, 0x40400000, 0x40400000, 0x41100000)    /* exact zero sum: sign by mode */
    TEST_FP_OP3_RM_S(24, fmadd.s, rne, FUF|FNX, 0x00000000, 0x00000001, 0x3f000000, 0x00000000)    /* underflow */

    /* static RTZ */
    TEST_FP_OP3_RM_S(25, fmadd.s, rtz, FNX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000)    /* 1*1 + ulp/2 */
    TEST_FP_OP3_RM_S(26, fmadd.s, rtz, FNX, 0xbf800000, 0xbf800000, 0x3f800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP3_RM_S(27, fmadd.s, rtz, FNX, 0x3f800002, 0x3f800001, 0x3f800001, 0x00000000)    /* (1+ulp)^2 + 0 */
    TEST_FP_OP3_RM_S(28, fnmsub.s, rtz, 0, 0xc0400001, 0x40400000, 0x3f800001, 0x34000000)    /* -(3+3ulp) + ulp */
    TEST_FP_OP3_RM_S(29, fmadd.s, rtz, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x40000000, 0x00000000)    /* overflow */
    TEST_FP_OP3_RM_S(30, fnmadd.s, rtz, FOF|FNX, 0xff7fffff, 0x7f7fffff, 0x40000000, 0x7f7fffff)    /* -(2max) - max: overflow */
    TEST_FP_OP3_RM_S(31, fmsub.s, rtz, 0, 0x00000000, 0x40400000, 0x40400000, 0x41100000)    /* exact zero sum: sign by mode */
    TEST_FP_OP3_RM_S(32, fmadd.s, rtz, FUF|FNX, 0x00000000, 0x00000001, 0x3f000000, 0x00000000)    /* underflow */

    /* static RDN */
    TEST_FP_OP3_RM_S(33, fmadd.s, rdn, FNX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000)    /* 1*1 + ulp/2 */
    TEST_FP_OP3_RM_S(34, fmadd.s, rdn, FNX, 0xbf800001, 0xbf800000, 0x3f800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP3_RM_S(35, fmadd.s, rdn, FNX, 0x3f800002, 0x3f800001, 0x3f800001, 0x00000000)    /* (1+ulp)^2 + 0 */
    TEST_FP_OP3_RM_S(36, fnmsub.s, rdn, 0, 0xc0400001, 0x40400000, 0x3f800001, 0x34000000)    /* -(3+3ulp) + ulp */
    TEST_FP_OP3_RM_S(37, fmadd.s, rdn, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x40000000, 0x00000000)    /* overflow */
    TEST_FP_OP3_RM_S(38, fnmadd.s, rdn, FOF|FNX, 0xff800000, 0x7f7fffff, 0x40000000, 0x7f7fffff)    /* -(2max) - max: overflow */
    TEST_FP_OP3_RM_S(39, fmsub.s, rdn, 0, 0x80000000, 0x40400000, 0x40400000, 0x41100000)    /* exact zero sum: sign by mode */
    TEST_FP_OP3_RM_S(40, fmadd.s, rdn, FUF|FNX, 0x00000000, 0x00000001, 0x3f000000, 0x00000000)    /* underflow */

    /* static RUP */
    TEST_FP_OP3_RM_S(41, fmadd.s, rup, FNX, 0x3f800001, 0x3f800000, 0x3f800000, 0x33800000)    /* 1*1 + ulp/2 */
    TEST_FP_OP3_RM_S(42, fmadd.s, rup, FNX, 0xbf800000, 0xbf800000, 0x3f800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP3_RM_S(43, fmadd.s, rup, FNX, 0x3f800003, 0x3f800001, 0x3f800001, 0x00000000)    /* (1+ulp)^2 + 0 */
    TEST_FP_OP3_RM_S(44, fnmsub.s, rup, 0, 0xc0400001, 0x40400000, 0x3f800001, 0x34000000)    /* -(3+3ulp) + ulp */
    TEST_FP_OP3_RM_S(45, fmadd.s, rup, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000, 0x00000000)    /* overflow */
    TEST_FP_OP3_RM_S(46, fnmadd.s, rup, FOF|FNX, 0xff7fffff, 0x7f7fffff, 0x40000000, 0x7f7fffff)    /* -(2max) - max: overflow */
    TEST_FP_OP3_RM_S(47, fmsub.s, rup, 0, 0x00000000, 0x40400000, 0x40400000, 0x41100000)    /* exact zero sum: sign by mode */
    TEST_FP_OP3_RM_S(48, fmadd.s, rup, FUF|FNX, 0x00000001, 0x00000001, 0x3f000000, 0x00000000)    /* underflow */

    /* static RMM */
    TEST_FP_OP3_RM_S(49, fmadd.s, rmm, FNX, 0x3f800001, 0x3f800000, 0x3f800000, 0x33800000)    /* 1*1 + ulp/2 */
    TEST_FP_OP3_RM_S(50, fmadd.s, rmm, FNX, 0xbf800001, 0xbf800000, 0x3f800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP3_RM_S(51, fmadd.s, rmm, FNX, 0x3f800002, 0x3f800001, 0x3f800001, 0x00000000)    /* (1+ulp)^2 + 0 */
    TEST_FP_OP3_RM_S(52, fnmsub.s, rmm, 0, 0xc0400001, 0x40400000, 0x3f800001, 0x34000000)    /* -(3+3ulp) + ulp */
    TEST_FP_OP3_RM_S(53, fmadd.s, rmm, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x40000000, 0x00000000)    /* overflow */
    TEST_FP_OP3_RM_S(54, fnmadd.s, rmm, FOF|FNX, 0xff800000, 0x7f7fffff, 0x40000000, 0x7f7fffff)    /* -(2max) - max: overflow */
    TEST_FP_OP3_RM_S(55, fmsub.s, rmm, 0, 0x00000000, 0x40400000, 0x40400000, 0x41100000)    /* exact zero sum: sign by mode */
    TEST_FP_OP3_RM_S(56, fmadd.s, rmm, FUF|FNX, 0x00000001, 0x00000001, 0x3f000000, 0x00000000)    /* underflow */

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP3_RM_S(57, fmadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x3f800000, 0x34400000)
    TEST_FP_OP3_RM_S(58, fnmadd.s, dyn, FNX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP3_RM_S(59, fmsub.s, dyn, 0, 0x00000000, 0xc0a00000, 0x3f800000, 0xc0a00000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP3_RM_S(60, fmadd.s, dyn, FNX, 0x3f800001, 0x3f800000, 0x3f800000, 0x34400000)
    TEST_FP_OP3_RM_S(61, fnmadd.s, dyn, FNX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP3_RM_S(62, fmsub.s, dyn, 0, 0x00000000, 0xc0a00000, 0x3f800000, 0xc0a00000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP3_RM_S(63, fmadd.s, dyn, FNX, 0x3f800001, 0x3f800000, 0x3f800000, 0x34400000)
    TEST_FP_OP3_RM_S(64, fnmadd.s, dyn, FNX, 0xbf800001, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP3_RM_S(65, fmsub.s, dyn, 0, 0x80000000, 0xc0a00000, 0x3f800000, 0xc0a00000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP3_RM_S(66, fmadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x3f800000, 0x34400000)
    TEST_FP_OP3_RM_S(67, fnmadd.s, dyn, FNX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP3_RM_S(68, fmsub.s, dyn, 0, 0x00000000, 0xc0a00000, 0x3f800000, 0xc0a00000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP3_RM_S(69, fmadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x3f800000, 0x34400000)
    TEST_FP_OP3_RM_S(70, fnmadd.s, dyn, FNX, 0xbf800001, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP3_RM_S(71, fmsub.s, dyn, 0, 0x00000000, 0xc0a00000, 0x3f800000, 0xc0a00000)
    FP_SET_FRM(RM_RNE)

    /* zeros */
    TEST_FP_OP3_RM_S(72, fmadd.s, rne, 0, 0x80000000, 0x80000000, 0x3f800000, 0x80000000)    /* -0 + -0 = -0 */
    TEST_FP_OP3_RM_S(73, fmadd.s, rne, 0, 0x00000000, 0x80000000, 0x3f800000, 0x00000000)    /* -0 + +0 = +0 */
    TEST_FP_OP3_RM_S(74, fmadd.s, rdn, 0, 0x80000000, 0x80000000, 0x3f800000, 0x00000000)    /* -0 + +0 = -0 (RDN) */
    TEST_FP_OP3_RM_S(75, fnmadd.s, rne, 0, 0x80000000, 0x00000000, 0x3f800000, 0x00000000)    /* -(0) - 0 = -0 */
    TEST_FP_OP3_RM_S(76, fnmsub.s, rne, 0, 0x00000000, 0x00000000, 0x3f800000, 0x00000000)    /* -(0) + 0 = +0 */
    TEST_FP_OP3_RM_S(77, fmsub.s, rne, 0, 0x00000000, 0x00000000, 0x3f800000, 0x00000000)    /* 0 - 0 = +0 */
    TEST_FP_OP3_RM_S(78, fmadd.s, rne, FUF|FNX, 0x00000000, 0x00000001, 0x00000001, 0x80000000)    /* tiny product + -0: UF|NX, +0 */

    /* invalid operations and NaNs */
    TEST_FP_OP3_RM_S(79, fmadd.s, rne, FNV, 0x7fc00000, 0x00000000, 0x7f800000, 0x3f800000)    /* 0*inf + 1: NV */
    TEST_FP_OP3_RM_S(80, fmadd.s, rne, FNV, 0x7fc00000, 0x7f800000, 0x80000000, 0x7fc00000)    /* inf*0 + qNaN: still NV */
    TEST_FP_OP3_RM_S(81, fnmadd.s, rne, FNV, 0x7fc00000, 0x00000000, 0xff800000, 0x7fc02345)    /* 0*-inf + qNaN: NV */
    TEST_FP_OP3_RM_S(82, fmadd.s, rne, FNV, 0x7fc00000, 0x7f800000, 0x3f800000, 0xff800000)    /* inf - inf: NV */
    TEST_FP_OP3_RM_S(83, fmsub.s, rne, FNV, 0x7fc00000, 0x7f800000, 0x3f800000, 0x7f800000)    /* inf - inf: NV */
    TEST_FP_OP3_RM_S(84, fmadd.s, rne, 0, 0x7f800000, 0x7f800000, 0x3f800000, 0x7f800000)
    TEST_FP_OP3_RM_S(85, fmadd.s, rne, 0, 0xff800000, 0x3f800000, 0x40000000, 0xff800000)
    TEST_FP_OP3_RM_S(86, fmadd.s, rne, 0, 0x7fc00000, 0x3f800000, 0x40000000, 0x7fc02345)    /* qNaN addend: no flags */
    TEST_FP_OP3_RM_S(87, fmadd.s, rne, 0, 0x7fc00000, 0xffc00000, 0x40000000, 0x40400000)
    TEST_FP_OP3_RM_S(88, fmadd.s, rne, FNV, 0x7fc00000, 0x3f800000, 0x7f800001, 0x40400000)    /* NV */
    TEST_FP_OP3_RM_S(89, fmadd.s, rne, FNV, 0x7fc00000, 0x3f800000, 0x40000000, 0xff812345)    /* NV */
    TEST_FP_OP3_RM_S(90, fmadd.s, rne, 0, 0x7fc00000, 0x7fc00000, 0x7f800000, 0x00000000)    /* qNaN*inf + 0: no flags */
TEST_END
