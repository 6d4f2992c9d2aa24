/* FSQRT.D (double precision): exact roots, sqrt(2) and sqrt(3) in every rounding mode
 * (static and dyn), sqrt(-0) = -0, sqrt(+0), sqrt(+inf), negative operands incl. -inf and
 * -subnormal (NV, canonical NaN), NaN operands, subnormal operands, largest finite.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact */
    TEST_FP_OP1_RM_D(2, fsqrt.d, rne, 0, 0x4000000000000000, 0x4010000000000000)
    TEST_FP_OP1_RM_D(3, fsqrt.d, rne, 0, 0x3fe0000000000000, 0x3fd0000000000000)
    TEST_FP_OP1_RM_D(4, fsqrt.d, rne, 0, 0x4070000000000000, 0x40f0000000000000)
    TEST_FP_OP1_RM_D(5, fsqrt.d, rne, 0, 0x1e60000000000000, 0x0000000000000001)    /* even power of 2 in the subnormal range */

    /* static RNE */
    TEST_FP_OP1_RM_D(6, fsqrt.d, rne, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(7, fsqrt.d, rne, FNX, 0x3ffbb67ae8584caa, 0x4008000000000000)
    TEST_FP_OP1_RM_D(8, fsqrt.d, rne, FNX, 0x5fefffffffffffff, 0x7fefffffffffffff)
    TEST_FP_OP1_RM_D(9, fsqrt.d, rne, 0, 0x1e60000000000000, 0x0000000000000001)
    TEST_FP_OP1_RM_D(10, fsqrt.d, rne, FNX, 0x3fe6a09e667f3bcd, 0x3fe0000000000000)

    /* static RTZ */
    TEST_FP_OP1_RM_D(11, fsqrt.d, rtz, FNX, 0x3ff6a09e667f3bcc, 0x4000000000000000)
    TEST_FP_OP1_RM_D(12, fsqrt.d, rtz, FNX, 0x3ffbb67ae8584caa, 0x4008000000000000)
    TEST_FP_OP1_RM_D(13, fsqrt.d, rtz, FNX, 0x5fefffffffffffff, 0x7fefffffffffffff)
    TEST_FP_OP1_RM_D(14, fsqrt.d, rtz, 0, 0x1e60000000000000, 0x0000000000000001)
    TEST_FP_OP1_RM_D(15, fsqrt.d, rtz, FNX, 0x3fe6a09e667f3bcc, 0x3fe0000000000000)

    /* static RDN */
    TEST_FP_OP1_RM_D(16, fsqrt.d, rdn, FNX, 0x3ff6a09e667f3bcc, 0x4000000000000000)
    TEST_FP_OP1_RM_D(17, fsqrt.d, rdn, FNX, 0x3ffbb67ae8584caa, 0x4008000000000000)
    TEST_FP_OP1_RM_D(18, fsqrt.d, rdn, FNX, 0x5fefffffffffffff, 0x7fefffffffffffff)
    TEST_FP_OP1_RM_D(19, fsqrt.d, rdn, 0, 0x1e60000000000000, 0x0000000000000001)
    TEST_FP_OP1_RM_D(20, fsqrt.d, rdn, FNX, 0x3fe6a09e667f3bcc, 0x3fe0000000000000)

    /* static RUP */
    TEST_FP_OP1_RM_D(21, fsqrt.d, rup, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(22, fsqrt.d, rup, FNX, 0x3ffbb67ae8584cab, 0x4008000000000000)
    TEST_FP_OP1_RM_D(23, fsqrt.d, rup, FNX, 0x5ff0000000000000, 0x7fefffffffffffff)
    TEST_FP_OP1_RM_D(24, fsqrt.d, rup, 0, 0x1e60000000000000, 0x0000000000000001)
    TEST_FP_OP1_RM_D(25, fsqrt.d, rup, FNX, 0x3fe6a09e667f3bcd, 0x3fe0000000000000)

    /* static RMM */
    TEST_FP_OP1_RM_D(26, fsqrt.d, rmm, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(27, fsqrt.d, rmm, FNX, 0x3ffbb67ae8584caa, 0x4008000000000000)
    TEST_FP_OP1_RM_D(28, fsqrt.d, rmm, FNX, 0x5fefffffffffffff, 0x7fefffffffffffff)
    TEST_FP_OP1_RM_D(29, fsqrt.d, rmm, 0, 0x1e60000000000000, 0x0000000000000001)
    TEST_FP_OP1_RM_D(30, fsqrt.d, rmm, FNX, 0x3fe6a09e667f3bcd, 0x3fe0000000000000)

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP1_RM_D(31, fsqrt.d, dyn, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(32, fsqrt.d, dyn, FNX, 0x4001e3779b97f4a8, 0x4014000000000000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP1_RM_D(33, fsqrt.d, dyn, FNX, 0x3ff6a09e667f3bcc, 0x4000000000000000)
    TEST_FP_OP1_RM_D(34, fsqrt.d, dyn, FNX, 0x4001e3779b97f4a7, 0x4014000000000000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP1_RM_D(35, fsqrt.d, dyn, FNX, 0x3ff6a09e667f3bcc, 0x4000000000000000)
    TEST_FP_OP1_RM_D(36, fsqrt.d, dyn, FNX, 0x4001e3779b97f4a7, 0x4014000000000000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP1_RM_D(37, fsqrt.d, dyn, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(38, fsqrt.d, dyn, FNX, 0x4001e3779b97f4a8, 0x4014000000000000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP1_RM_D(39, fsqrt.d, dyn, FNX, 0x3ff6a09e667f3bcd, 0x4000000000000000)
    TEST_FP_OP1_RM_D(40, fsqrt.d, dyn, FNX, 0x4001e3779b97f4a8, 0x4014000000000000)
    FP_SET_FRM(RM_RNE)

    /* special operands */
    TEST_FP_OP1_RM_D(41, fsqrt.d, rne, 0, 0x8000000000000000, 0x8000000000000000)    /* sqrt(-0) = -0 */
    TEST_FP_OP1_RM_D(42, fsqrt.d, rdn, 0, 0x0000000000000000, 0x0000000000000000)    /* sqrt(+0) = +0 */
    TEST_FP_OP1_RM_D(43, fsqrt.d, rne, 0, 0x7ff0000000000000, 0x7ff0000000000000)
    TEST_FP_OP1_RM_D(44, fsqrt.d, rne, FNV, 0x7ff8000000000000, 0xfff0000000000000)    /* NV */
    TEST_FP_OP1_RM_D(45, fsqrt.d, rne, FNV, 0x7ff8000000000000, 0xbff0000000000000)    /* NV */
    TEST_FP_OP1_RM_D(46, fsqrt.d, rne, FNV, 0x7ff8000000000000, 0x8000000000000001)    /* NV */
    TEST_FP_OP1_RM_D(47, fsqrt.d, rne, 0, 0x7ff8000000000000, 0x7ff8000000002345)
    TEST_FP_OP1_RM_D(48, fsqrt.d, rne, 0, 0x7ff8000000000000, 0xfff8000000000000)
    TEST_FP_OP1_RM_D(49, fsqrt.d, rne, FNV, 0x7ff8000000000000, 0x7ff0000000000001)    /* NV */
TEST_END
