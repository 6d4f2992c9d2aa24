/* FADD.D / FSUB.D (double precision): exact sums (no flags), every static
 * rounding mode on halfway and non-halfway sums of both signs, the same through frm (dyn),
 * static rm overriding frm, overflow per mode (inf vs max finite, OF|NX), signed zeros
 * (x-x = +0, -0 under RDN; -0 + -0 = -0), inf-inf (NV), canonical NaN results without
 * payload propagation, sNaN -> NV, subnormal operands and results.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact results raise nothing */
    TEST_FP_OP2_RM_D(2, fadd.d, rne, 0, 0x4000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)    /* 1+1 */
    TEST_FP_OP2_RM_D(3, fadd.d, rne, 0, 0x3ff4000000000000, 0x4004000000000000, 0xbff4000000000000)    /* 2.5 + -1.25 */
    TEST_FP_OP2_RM_D(4, fsub.d, rne, 0, 0xc000000000000000, 0x4008000000000000, 0x4014000000000000)    /* 3-5 */
    TEST_FP_OP2_RM_D(5, fadd.d, rne, 0, 0x0000000000000002, 0x0000000000000001, 0x0000000000000001)    /* subnormal+subnormal, exact */
    TEST_FP_OP2_RM_D(6, fadd.d, rne, 0, 0x0010000000000000, 0x000fffffffffffff, 0x0000000000000001)    /* largest subnormal + min -> min normal */
    TEST_FP_OP2_RM_D(7, fsub.d, rne, 0, 0x000fffffffffffff, 0x0010000000000000, 0x0000000000000001)    /* normal - subnormal -> subnormal, exact (no UF) */

    /* static RNE */
    TEST_FP_OP2_RM_D(8, fadd.d, rne, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_D(9, fadd.d, rne, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_D(10, fadd.d, rne, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_D(11, fadd.d, rne, FNX, 0xbff0000000000002, 0xbff0000000000000, 0xbcb8000000000000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_D(12, fadd.d, rne, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca8000000000000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_D(13, fadd.d, rne, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_D(14, fsub.d, rne, FNX, 0xbff0000000000000, 0xbff0000000000000, 0x3c90000000000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_D(15, fadd.d, rne, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7fefffffffffffff)    /* overflow + */
    TEST_FP_OP2_RM_D(16, fsub.d, rne, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x7fefffffffffffff)    /* overflow - */
    TEST_FP_OP2_RM_D(17, fsub.d, rne, 0, 0x0000000000000000, 0x4008000000000000, 0x4008000000000000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_D(18, fadd.d, rne, 0, 0x0000000000000000, 0xc01c000000000000, 0x401c000000000000)    /* -x+x */

    /* static RTZ */
    TEST_FP_OP2_RM_D(19, fadd.d, rtz, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_D(20, fadd.d, rtz, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3cb8000000000000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_D(21, fadd.d, rtz, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_D(22, fadd.d, rtz, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbcb8000000000000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_D(23, fadd.d, rtz, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_D(24, fadd.d, rtz, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_D(25, fsub.d, rtz, FNX, 0xbff0000000000000, 0xbff0000000000000, 0x3c90000000000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_D(26, fadd.d, rtz, FOF|FNX, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff)    /* overflow + */
    TEST_FP_OP2_RM_D(27, fsub.d, rtz, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0x7fefffffffffffff)    /* overflow - */
    TEST_FP_OP2_RM_D(28, fsub.d, rtz, 0, 0x0000000000000000, 0x4008000000000000, 0x4008000000000000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_D(29, fadd.d, rtz, 0, 0x0000000000000000, 0xc01c000000000000, 0x401c000000000000)    /* -x+x */

    /* static RDN */
    TEST_FP_OP2_RM_D(30, fadd.d, rdn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_D(31, fadd.d, rdn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3cb8000000000000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_D(32, fadd.d, rdn, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_D(33, fadd.d, rdn, FNX, 0xbff0000000000002, 0xbff0000000000000, 0xbcb8000000000000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_D(34, fadd.d, rdn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_D(35, fadd.d, rdn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_D(36, fsub.d, rdn, FNX, 0xbff0000000000001, 0xbff0000000000000, 0x3c90000000000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_D(37, fadd.d, rdn, FOF|FNX, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff)    /* overflow + */
    TEST_FP_OP2_RM_D(38, fsub.d, rdn, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x7fefffffffffffff)    /* overflow - */
    TEST_FP_OP2_RM_D(39, fsub.d, rdn, 0, 0x8000000000000000, 0x4008000000000000, 0x4008000000000000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_D(40, fadd.d, rdn, 0, 0x8000000000000000, 0xc01c000000000000, 0x401c000000000000)    /* -x+x */

    /* static RUP */
    TEST_FP_OP2_RM_D(41, fadd.d, rup, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_D(42, fadd.d, rup, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_D(43, fadd.d, rup, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_D(44, fadd.d, rup, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbcb8000000000000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_D(45, fadd.d, rup, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca8000000000000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_D(46, fadd.d, rup, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3c90000000000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_D(47, fsub.d, rup, FNX, 0xbff0000000000000, 0xbff0000000000000, 0x3c90000000000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_D(48, fadd.d, rup, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7fefffffffffffff)    /* overflow + */
    TEST_FP_OP2_RM_D(49, fsub.d, rup, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0x7fefffffffffffff)    /* overflow - */
    TEST_FP_OP2_RM_D(50, fsub.d, rup, 0, 0x0000000000000000, 0x4008000000000000, 0x4008000000000000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_D(51, fadd.d, rup, 0, 0x0000000000000000, 0xc01c000000000000, 0x401c000000000000)    /* -x+x */

    /* static RMM */
    TEST_FP_OP2_RM_D(52, fadd.d, rmm, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)    /* 1 + ulp/2: halfway, even below */
    TEST_FP_OP2_RM_D(53, fadd.d, rmm, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)    /* 1 + 3ulp/2: halfway, even above */
    TEST_FP_OP2_RM_D(54, fadd.d, rmm, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)    /* -1 - ulp/2 */
    TEST_FP_OP2_RM_D(55, fadd.d, rmm, FNX, 0xbff0000000000002, 0xbff0000000000000, 0xbcb8000000000000)    /* -1 - 3ulp/2 */
    TEST_FP_OP2_RM_D(56, fadd.d, rmm, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca8000000000000)    /* 1 + 3ulp/4 */
    TEST_FP_OP2_RM_D(57, fadd.d, rmm, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)    /* 1 + ulp/4 */
    TEST_FP_OP2_RM_D(58, fsub.d, rmm, FNX, 0xbff0000000000000, 0xbff0000000000000, 0x3c90000000000000)    /* -1 - ulp/4 */
    TEST_FP_OP2_RM_D(59, fadd.d, rmm, FOF|FNX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7fefffffffffffff)    /* overflow + */
    TEST_FP_OP2_RM_D(60, fsub.d, rmm, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0x7fefffffffffffff)    /* overflow - */
    TEST_FP_OP2_RM_D(61, fsub.d, rmm, 0, 0x0000000000000000, 0x4008000000000000, 0x4008000000000000)    /* x-x: zero sign by mode */
    TEST_FP_OP2_RM_D(62, fadd.d, rmm, 0, 0x0000000000000000, 0xc01c000000000000, 0x401c000000000000)    /* -x+x */

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP2_RM_D(63, fadd.d, dyn, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)
    TEST_FP_OP2_RM_D(64, fadd.d, dyn, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)
    TEST_FP_OP2_RM_D(65, fsub.d, dyn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0xbca8000000000000)
    TEST_FP_OP2_RM_D(66, fadd.d, dyn, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0xffefffffffffffff)
    TEST_FP_OP2_RM_D(67, fsub.d, dyn, 0, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP2_RM_D(68, fadd.d, dyn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3cb8000000000000)
    TEST_FP_OP2_RM_D(69, fadd.d, dyn, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)
    TEST_FP_OP2_RM_D(70, fsub.d, dyn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0xbca8000000000000)
    TEST_FP_OP2_RM_D(71, fadd.d, dyn, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0xffefffffffffffff)
    TEST_FP_OP2_RM_D(72, fsub.d, dyn, 0, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_D(73, fadd.d, dyn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3cb8000000000000)
    TEST_FP_OP2_RM_D(74, fadd.d, dyn, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)
    TEST_FP_OP2_RM_D(75, fsub.d, dyn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0xbca8000000000000)
    TEST_FP_OP2_RM_D(76, fadd.d, dyn, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0xffefffffffffffff)
    TEST_FP_OP2_RM_D(77, fsub.d, dyn, 0, 0x8000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_D(78, fadd.d, dyn, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)
    TEST_FP_OP2_RM_D(79, fadd.d, dyn, FNX, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)
    TEST_FP_OP2_RM_D(80, fsub.d, dyn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0xbca8000000000000)
    TEST_FP_OP2_RM_D(81, fadd.d, dyn, FOF|FNX, 0xffefffffffffffff, 0xffefffffffffffff, 0xffefffffffffffff)
    TEST_FP_OP2_RM_D(82, fsub.d, dyn, 0, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP2_RM_D(83, fadd.d, dyn, FNX, 0x3ff0000000000002, 0x3ff0000000000000, 0x3cb8000000000000)
    TEST_FP_OP2_RM_D(84, fadd.d, dyn, FNX, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)
    TEST_FP_OP2_RM_D(85, fsub.d, dyn, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0xbca8000000000000)
    TEST_FP_OP2_RM_D(86, fadd.d, dyn, FOF|FNX, 0xfff0000000000000, 0xffefffffffffffff, 0xffefffffffffffff)
    TEST_FP_OP2_RM_D(87, fsub.d, dyn, 0, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)

    /* static modes ignore frm (frm = RUP here, then RDN) */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_D(88, fadd.d, rne, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)
    TEST_FP_OP2_RM_D(89, fadd.d, rtz, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000)
    TEST_FP_OP2_RM_D(90, fadd.d, rdn, FNX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000)
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_D(91, fsub.d, rup, 0, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)    /* +0 although frm is RDN */
    TEST_FP_OP2_RM_D(92, fadd.d, rmm, FNX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)
    FP_SET_FRM(RM_RNE)

    /* signed zeros */
    TEST_FP_OP2_RM_D(93, fadd.d, rne, 0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000)    /* -0 + -0 = -0 */
    TEST_FP_OP2_RM_D(94, fadd.d, rne, 0, 0x0000000000000000, 0x0000000000000000, 0x8000000000000000)    /* +0 + -0 = +0 */
    TEST_FP_OP2_RM_D(95, fadd.d, rdn, 0, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)    /* +0 + -0 = -0 under RDN */
    TEST_FP_OP2_RM_D(96, fsub.d, rne, 0, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)    /* -0 - +0 = -0 */
    TEST_FP_OP2_RM_D(97, fsub.d, rne, 0, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)    /* +0 - +0 = +0 */
    TEST_FP_OP2_RM_D(98, fadd.d, rne, 0, 0x3ff0000000000000, 0x8000000000000000, 0x3ff0000000000000)    /* -0 + 1 */

    /* infinities */
    TEST_FP_OP2_RM_D(99, fadd.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000000, 0xfff0000000000000)    /* inf + -inf: NV */
    TEST_FP_OP2_RM_D(100, fsub.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000000, 0x7ff0000000000000)    /* inf - inf: NV */
    TEST_FP_OP2_RM_D(101, fsub.d, rne, 0, 0x7ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000)    /* inf - -inf = inf */
    TEST_FP_OP2_RM_D(102, fadd.d, rne, 0, 0xfff0000000000000, 0xfff0000000000000, 0x7fefffffffffffff)    /* -inf + max */

    /* NaNs: canonical result, payload/sign dropped; sNaN raises NV */
    TEST_FP_OP2_RM_D(103, fadd.d, rne, 0, 0x7ff8000000000000, 0x7ff8000000000000, 0x3ff0000000000000)
    TEST_FP_OP2_RM_D(104, fadd.d, rne, 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff8000000002345)    /* payload not propagated */
    TEST_FP_OP2_RM_D(105, fadd.d, rne, 0, 0x7ff8000000000000, 0xfff8000000000000, 0xfff8000000000000)    /* negative qNaN -> positive canonical */
    TEST_FP_OP2_RM_D(106, fadd.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000001, 0x3ff0000000000000)
    TEST_FP_OP2_RM_D(107, fsub.d, rne, FNV, 0x7ff8000000000000, 0x3ff0000000000000, 0xfff0000000012345)
    TEST_FP_OP2_RM_D(108, fadd.d, rne, FNV, 0x7ff8000000000000, 0x7ff8000000002345, 0x7ff0000000000001)    /* qNaN and sNaN: NV */
    TEST_FP_OP2_RM_D(109, fsub.d, rne, 0, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff0000000000000)
    TEST_FP_OP2_RM_D(110, fadd.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff0000000000000)
TEST_END
