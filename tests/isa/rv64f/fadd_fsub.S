/* FADD.S / FSUB.S (single precision): exact sums (no flags), every static
 * rounding mode on halfway and non-halfway sums of both signs, the same through frm (dyn),
 * static rm overriding frm, overflow per mode (inf vs max finite, OF|NX), signed zeros
 * (x-x = +0, -0 under RDN; -0 + -0 = -0), inf-inf (NV), canonical NaN results without
 * payload propagation, sNaN -> NV, subnormal operands and results.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact results raise nothing */
    TEST_FP_OP2_RM_S(2, fadd.s, rne, 0, 0x40000000, 0x3f800000, 0x3f800000)    /* 1+1 */
    TEST_FP_OP2_RM_S(3, fadd.s, rne, 0, 0x3fa00000, 0x40200000, 0xbfa00000)    /* 2.5 + -1.25 */
    TEST_FP_OP2_RM_S(4, fsub.s, rne, 0, 0xc0000000, 0x40400000, 0x40a00000)    /* 3-5 */
    TEST_FP_OP2_RM_S(5, fadd.s, rne, 0, 0x00000002, 0x00000001, 0x00000001)    /* subnormal+subnormal, exact */
    TEST_FP_OP2_RM_S(6, fadd.s, rne, 0, 0x00800000, 0x007fffff, 0x00000001)    /* largest subnormal + min -> min normal */
    TEST_FP_OP2_RM_S(7, fsub.s, rne, 0, 0x007fffff, 0x00800000, 0x00000001)    /* normal - subnormal -> subnormal, exact (no UF) */

    /* static RNE */
    TEST_FP_OP2_RM_S(8, fadd.s, rne, FNX, 0x3f800000, 0x3f800000, 0x33800000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_S(9, fadd.s, rne, FNX, 0x3f800002, 0x3f800000, 0x34400000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_S(10, fadd.s, rne, FNX, 0xbf800000, 0xbf800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_S(11, fadd.s, rne, FNX, 0xbf800002, 0xbf800000, 0xb4400000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_S(12, fadd.s, rne, FNX, 0x3f800001, 0x3f800000, 0x33c00000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_S(13, fadd.s, rne, FNX, 0x3f800000, 0x3f800000, 0x33000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_S(14, fsub.s, rne, FNX, 0xbf800000, 0xbf800000, 0x33000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_S(15, fadd.s, rne, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)    /* overflow + */
    TEST_FP_OP2_RM_S(16, fsub.s, rne, FOF|FNX, 0xff800000, 0xff7fffff, 0x7f7fffff)    /* overflow - */
    TEST_FP_OP2_RM_S(17, fsub.s, rne, 0, 0x00000000, 0x40400000, 0x40400000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_S(18, fadd.s, rne, 0, 0x00000000, 0xc0e00000, 0x40e00000)    /* -x+x */

    /* static RTZ */
    TEST_FP_OP2_RM_S(19, fadd.s, rtz, FNX, 0x3f800000, 0x3f800000, 0x33800000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_S(20, fadd.s, rtz, FNX, 0x3f800001, 0x3f800000, 0x34400000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_S(21, fadd.s, rtz, FNX, 0xbf800000, 0xbf800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_S(22, fadd.s, rtz, FNX, 0xbf800001, 0xbf800000, 0xb4400000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_S(23, fadd.s, rtz, FNX, 0x3f800000, 0x3f800000, 0x33c00000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_S(24, fadd.s, rtz, FNX, 0x3f800000, 0x3f800000, 0x33000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_S(25, fsub.s, rtz, FNX, 0xbf800000, 0xbf800000, 0x33000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_S(26, fadd.s, rtz, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff)    /* overflow + */
    TEST_FP_OP2_RM_S(27, fsub.s, rtz, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x7f7fffff)    /* overflow - */
    TEST_FP_OP2_RM_S(28, fsub.s, rtz, 0, 0x00000000, 0x40400000, 0x40400000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_S(29, fadd.s, rtz, 0, 0x00000000, 0xc0e00000, 0x40e00000)    /* -x+x */

    /* static RDN */
    TEST_FP_OP2_RM_S(30, fadd.s, rdn, FNX, 0x3f800000, 0x3f800000, 0x33800000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_S(31, fadd.s, rdn, FNX, 0x3f800001, 0x3f800000, 0x34400000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_S(32, fadd.s, rdn, FNX, 0xbf800001, 0xbf800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_S(33, fadd.s, rdn, FNX, 0xbf800002, 0xbf800000, 0xb4400000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_S(34, fadd.s, rdn, FNX, 0x3f800000, 0x3f800000, 0x33c00000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_S(35, fadd.s, rdn, FNX, 0x3f800000, 0x3f800000, 0x33000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_S(36, fsub.s, rdn, FNX, 0xbf800001, 0xbf800000, 0x33000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_S(37, fadd.s, rdn, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff)    /* overflow + */
    TEST_FP_OP2_RM_S(38, fsub.s, rdn, FOF|FNX, 0xff800000, 0xff7fffff, 0x7f7fffff)    /* overflow - */
    TEST_FP_OP2_RM_S(39, fsub.s, rdn, 0, 0x80000000, 0x40400000, 0x40400000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_S(40, fadd.s, rdn, 0, 0x80000000, 0xc0e00000, 0x40e00000)    /* -x+x */

    /* static RUP */
    TEST_FP_OP2_RM_S(41, fadd.s, rup, FNX, 0x3f800001, 0x3f800000, 0x33800000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_S(42, fadd.s, rup, FNX, 0x3f800002, 0x3f800000, 0x34400000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_S(43, fadd.s, rup, FNX, 0xbf800000, 0xbf800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_S(44, fadd.s, rup, FNX, 0xbf800001, 0xbf800000, 0xb4400000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_S(45, fadd.s, rup, FNX, 0x3f800001, 0x3f800000, 0x33c00000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_S(46, fadd.s, rup, FNX, 0x3f800001, 0x3f800000, 0x33000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_S(47, fsub.s, rup, FNX, 0xbf800000, 0xbf800000, 0x33000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_S(48, fadd.s, rup, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)    /* overflow + */
    TEST_FP_OP2_RM_S(49, fsub.s, rup, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x7f7fffff)    /* overflow - */
    TEST_FP_OP2_RM_S(50, fsub.s, rup, 0, 0x00000000, 0x40400000, 0x40400000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_S(51, fadd.s, rup, 0, 0x00000000, 0xc0e00000, 0x40e00000)    /* -x+x */

    /* static RMM */
    TEST_FP_OP2_RM_S(52, fadd.s, rmm, FNX, 0x3f800001, 0x3f800000, 0x33800000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_S(53, fadd.s, rmm, FNX, 0x3f800002, 0x3f800000, 0x34400000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_S(54, fadd.s, rmm, FNX, 0xbf800001, 0xbf800000, 0xb3800000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_S(55, fadd.s, rmm, FNX, 0xbf800002, 0xbf800000, 0xb4400000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_S(56, fadd.s, rmm, FNX, 0x3f800001, 0x3f800000, 0x33c00000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_S(57, fadd.s, rmm, FNX, 0x3f800000, 0x3f800000, 0x33000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_S(58, fsub.s, rmm, FNX, 0xbf800000, 0xbf800000, 0x33000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_S(59, fadd.s, rmm, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)    /* overflow + */
    TEST_FP_OP2_RM_S(60, fsub.s, rmm, FOF|FNX, 0xff800000, 0xff7fffff, 0x7f7fffff)    /* overflow - */
    TEST_FP_OP2_RM_S(61, fsub.s, rmm, 0, 0x00000000, 0x40400000, 0x40400000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_S(62, fadd.s, rmm, 0, 0x00000000, 0xc0e00000, 0x40e00000)    /* -x+x */

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP2_RM_S(63, fadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x34400000)
    TEST_FP_OP2_RM_S(64, fadd.s, dyn, FNX, 0xbf800000, 0xbf800000, 0xb3800000)
    TEST_FP_OP2_RM_S(65, fsub.s, dyn, FNX, 0x3f800001, 0x3f800000, 0xb3c00000)
    TEST_FP_OP2_RM_S(66, fadd.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0xff7fffff)
    TEST_FP_OP2_RM_S(67, fsub.s, dyn, 0, 0x00000000, 0x3f800000, 0x3f800000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP2_RM_S(68, fadd.s, dyn, FNX, 0x3f800001, 0x3f800000, 0x34400000)
    TEST_FP_OP2_RM_S(69, fadd.s, dyn, FNX, 0xbf800000, 0xbf800000, 0xb3800000)
    TEST_FP_OP2_RM_S(70, fsub.s, dyn, FNX, 0x3f800000, 0x3f800000, 0xb3c00000)
    TEST_FP_OP2_RM_S(71, fadd.s, dyn, FOF|FNX, 0xff7fffff, 0xff7fffff, 0xff7fffff)
    TEST_FP_OP2_RM_S(72, fsub.s, dyn, 0, 0x00000000, 0x3f800000, 0x3f800000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_S(73, fadd.s, dyn, FNX, 0x3f800001, 0x3f800000, 0x34400000)
    TEST_FP_OP2_RM_S(74, fadd.s, dyn, FNX, 0xbf800001, 0xbf800000, 0xb3800000)
    TEST_FP_OP2_RM_S(75, fsub.s, dyn, FNX, 0x3f800000, 0x3f800000, 0xb3c00000)
    TEST_FP_OP2_RM_S(76, fadd.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0xff7fffff)
    TEST_FP_OP2_RM_S(77, fsub.s, dyn, 0, 0x80000000, 0x3f800000, 0x3f800000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_S(78, fadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x34400000)
    TEST_FP_OP2_RM_S(79, fadd.s, dyn, FNX, 0xbf800000, 0xbf800000, 0xb3800000)
    TEST_FP_OP2_RM_S(80, fsub.s, dyn, FNX, 0x3f800001, 0x3f800000, 0xb3c00000)
    TEST_FP_OP2_RM_S(81, fadd.s, dyn, FOF|FNX, 0xff7fffff, 0xff7fffff, 0xff7fffff)
    TEST_FP_OP2_RM_S(82, fsub.s, dyn, 0, 0x00000000, 0x3f800000, 0x3f800000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP2_RM_S(83, fadd.s, dyn, FNX, 0x3f800002, 0x3f800000, 0x34400000)
    TEST_FP_OP2_RM_S(84, fadd.s, dyn, FNX, 0xbf800001, 0xbf800000, 0xb3800000)
    TEST_FP_OP2_RM_S(85, fsub.s, dyn, FNX, 0x3f800001, 0x3f800000, 0xb3c00000)
    TEST_FP_OP2_RM_S(86, fadd.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0xff7fffff)
    TEST_FP_OP2_RM_S(87, fsub.s, dyn, 0, 0x00000000, 0x3f800000, 0x3f800000)

    /* static modes ignore frm (frm = RUP here, then RDN) */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_S(88, fadd.s, rne, FNX, 0x3f800000, 0x3f800000, 0x33800000)
    TEST_FP_OP2_RM_S(89, fadd.s, rtz, FNX, 0x3f800000, 0x3f800000, 0x33c00000)
    TEST_FP_OP2_RM_S(90, fadd.s, rdn, FNX, 0x3f800000, 0x3f800000, 0x33c00000)
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_S(91, fsub.s, rup, 0, 0x00000000, 0x3f800000, 0x3f800000)    /* +0 although frm is RDN */
    TEST_FP_OP2_RM_S(92, fadd.s, rmm, FNX, 0x3f800001, 0x3f800000, 0x33800000)
    FP_SET_FRM(RM_RNE)

    /* signed zeros */
    TEST_FP_OP2_RM_S(93, fadd.s, rne, 0, 0x80000000, 0x80000000, 0x80000000)    /* -0 + -0 = -0 */
    TEST_FP_OP2_RM_S(94, fadd.s, rne, 0, 0x00000000, 0x00000000, 0x80000000)    /* +0 + -0 = +0 */
    TEST_FP_OP2_RM_S(95, fadd.s, rdn, 0, 0x80000000, 0x00000000, 0x80000000)    /* +0 + -0 = -0 under RDN */
    TEST_FP_OP2_RM_S(96, fsub.s, rne, 0, 0x80000000, 0x80000000, 0x00000000)    /* -0 - +0 = -0 */
    TEST_FP_OP2_RM_S(97, fsub.s, rne, 0, 0x00000000, 0x00000000, 0x00000000)    /* +0 - +0 = +0 */
    TEST_FP_OP2_RM_S(98, fadd.s, rne, 0, 0x3f800000, 0x80000000, 0x3f800000)    /* -0 + 1 */

    /* infinities */
    TEST_FP_OP2_RM_S(99, fadd.s, rne, FNV, 0x7fc00000, 0x7f800000, 0xff800000)    /* inf + -inf: NV */
    TEST_FP_OP2_RM_S(100, fsub.s, rne, FNV, 0x7fc00000, 0x7f800000, 0x7f800000)    /* inf - inf: NV */
    TEST_FP_OP2_RM_S(101, fsub.s, rne, 0, 0x7f800000, 0x7f800000, 0xff800000)    /* inf - -inf = inf */
    TEST_FP_OP2_RM_S(102, fadd.s, rne, 0, 0xff800000, 0xff800000, 0x7f7fffff)    /* -inf + max */

    /* NaNs: canonical result, payload/sign dropped; sNaN raises NV */
    TEST_FP_OP2_RM_S(103, fadd.s, rne, 0, 0x7fc00000, 0x7fc00000, 0x3f800000)
    TEST_FP_OP2_RM_S(104, fadd.s, rne, 0, 0x7fc00000, 0x3f800000, 0x7fc02345)    /* payload not propagated */
    TEST_FP_OP2_RM_S(105, fadd.s, rne, 0, 0x7fc00000, 0xffc00000, 0xffc00000)    /* negative qNaN -> positive canonical */
    TEST_FP_OP2_RM_S(106, fadd.s, rne, FNV, 0x7fc00000, 0x7f800001, 0x3f800000)
    TEST_FP_OP2_RM_S(107, fsub.s, rne, FNV, 0x7fc00000, 0x3f800000, 0xff812345)
    TEST_FP_OP2_RM_S(108, fadd.s, rne, FNV, 0x7fc00000, 0x7fc02345, 0x7f800001)    /* qNaN and sNaN: NV */
    TEST_FP_OP2_RM_S(109, fsub.s, rne, 0, 0x7fc00000, 0x7fc00000, 0x7f800000)
    TEST_FP_OP2_RM_S(110, fadd.s, rne, FNV, 0x7fc00000, 0x7f800001, 0x7f800000)
TEST_END
