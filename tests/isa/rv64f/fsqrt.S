/* FSQRT.S (single precision): exact roots, sqrt(2) and sqrt(3) in every rounding mode
 * (static and dyn), sqrt(-0) = -0, sqrt(+0), sqrt(+inf), negative operands incl. -inf and
 * -subnormal (NV, canonical NaN), NaN operands, subnormal operands, largest finite.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact */
    TEST_FP_OP1_RM_S(2, fsqrt.s, rne, 0, 0x40000000, 0x40800000)
    TEST_FP_OP1_RM_S(3, fsqrt.s, rne, 0, 0x3f000000, 0x3e800000)
    TEST_FP_OP1_RM_S(4, fsqrt.s, rne, 0, 0x43800000, 0x47800000)
    TEST_FP_OP1_RM_S(5, fsqrt.s, rne, 0, 0x1a800000, 0x00000002)    /* even power of 2 in the subnormal range */

    /* static RNE */
    TEST_FP_OP1_RM_S(6, fsqrt.s, rne, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(7, fsqrt.s, rne, FNX, 0x3fddb3d7, 0x40400000)
    TEST_FP_OP1_RM_S(8, fsqrt.s, rne, FNX, 0x5f7fffff, 0x7f7fffff)
    TEST_FP_OP1_RM_S(9, fsqrt.s, rne, FNX, 0x1a3504f3, 0x00000001)
    TEST_FP_OP1_RM_S(10, fsqrt.s, rne, FNX, 0x3f3504f3, 0x3f000000)

    /* static RTZ */
    TEST_FP_OP1_RM_S(11, fsqrt.s, rtz, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(12, fsqrt.s, rtz, FNX, 0x3fddb3d7, 0x40400000)
    TEST_FP_OP1_RM_S(13, fsqrt.s, rtz, FNX, 0x5f7fffff, 0x7f7fffff)
    TEST_FP_OP1_RM_S(14, fsqrt.s, rtz, FNX, 0x1a3504f3, 0x00000001)
    TEST_FP_OP1_RM_S(15, fsqrt.s, rtz, FNX, 0x3f3504f3, 0x3f000000)

    /* static RDN */
    TEST_FP_OP1_RM_S(16, fsqrt.s, rdn, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(17, fsqrt.s, rdn, FNX, 0x3fddb3d7, 0x40400000)
    TEST_FP_OP1_RM_S(18, fsqrt.s, rdn, FNX, 0x5f7fffff, 0x7f7fffff)
    TEST_FP_OP1_RM_S(19, fsqrt.s, rdn, FNX, 0x1a3504f3, 0x00000001)
    TEST_FP_OP1_RM_S(20, fsqrt.s, rdn, FNX, 0x3f3504f3, 0x3f000000)

    /* static RUP */
    TEST_FP_OP1_RM_S(21, fsqrt.s, rup, FNX, 0x3fb504f4, 0x40000000)
    TEST_FP_OP1_RM_S(22, fsqrt.s, rup, FNX, 0x3fddb3d8, 0x40400000)
    TEST_FP_OP1_RM_S(23, fsqrt.s, rup, FNX, 0x5f800000, 0x7f7fffff)
    TEST_FP_OP1_RM_S(24, fsqrt.s, rup, FNX, 0x1a3504f4, 0x00000001)
    TEST_FP_OP1_RM_S(25, fsqrt.s, rup, FNX, 0x3f3504f4, 0x3f000000)

    /* static RMM */
    TEST_FP_OP1_RM_S(26, fsqrt.s, rmm, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(27, fsqrt.s, rmm, FNX, 0x3fddb3d7, 0x40400000)
    TEST_FP_OP1_RM_S(28, fsqrt.s, rmm, FNX, 0x5f7fffff, 0x7f7fffff)
    TEST_FP_OP1_RM_S(29, fsqrt.s, rmm, FNX, 0x1a3504f3, 0x00000001)
    TEST_FP_OP1_RM_S(30, fsqrt.s, rmm, FNX, 0x3f3504f3, 0x3f000000)

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP1_RM_S(31, fsqrt.s, dyn, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(32, fsqrt.s, dyn, FNX, 0x400f1bbd, 0x40a00000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP1_RM_S(33, fsqrt.s, dyn, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(34, fsqrt.s, dyn, FNX, 0x400f1bbc, 0x40a00000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP1_RM_S(35, fsqrt.s, dyn, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(36, fsqrt.s, dyn, FNX, 0x400f1bbc, 0x40a00000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP1_RM_S(37, fsqrt.s, dyn, FNX, 0x3fb504f4, 0x40000000)
    TEST_FP_OP1_RM_S(38, fsqrt.s, dyn, FNX, 0x400f1bbd, 0x40a00000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP1_RM_S(39, fsqrt.s, dyn, FNX, 0x3fb504f3, 0x40000000)
    TEST_FP_OP1_RM_S(40, fsqrt.s, dyn, FNX, 0x400f1bbd, 0x40a00000)
    FP_SET_FRM(RM_RNE)

    /* special operands */
    TEST_FP_OP1_RM_S(41, fsqrt.s, rne, 0, 0x80000000, 0x80000000)    /* sqrt(-0) = -0 */
    TEST_FP_OP1_RM_S(42, fsqrt.s, rdn, 0, 0x00000000, 0x00000000)    /* sqrt(+0) = +0 */
    TEST_FP_OP1_RM_S(43, fsqrt.s, rne, 0, 0x7f800000, 0x7f800000)
    TEST_FP_OP1_RM_S(44, fsqrt.s, rne, FNV, 0x7fc00000, 0xff800000)    /* NV */
    TEST_FP_OP1_RM_S(45, fsqrt.s, rne, FNV, 0x7fc00000, 0xbf800000)    /* NV */
    TEST_FP_OP1_RM_S(46, fsqrt.s, rne, FNV, 0x7fc00000, 0x80000001)    /* NV */
    TEST_FP_OP1_RM_S(47, fsqrt.s, rne, 0, 0x7fc00000, 0x7fc02345)
    TEST_FP_OP1_RM_S(48, fsqrt.s, rne, 0, 0x7fc00000, 0xffc00000)
    TEST_FP_OP1_RM_S(49, fsqrt.s, rne, FNV, 0x7fc00000, 0x7f800001)    /* NV */
TEST_END
