/* FMIN.S / FMAX.S (single precision): ordinary values, -0 < +0 in both operand
 * orders, infinities, subnormals, one quiet NaN (other operand returned, no flags), one
 * signalling NaN (other operand returned, NV), two NaNs (canonical NaN, NV iff any is sNaN).
 */
#include "fp_test.h"
TEST_BEGIN

    /* fmin */
    TEST_FP_OP2_S(2, fmin.s, 0, 0x3f800000, 0x3f800000, 0x40000000)
    TEST_FP_OP2_S(3, fmin.s, 0, 0xc0000000, 0xbf800000, 0xc0000000)
    TEST_FP_OP2_S(4, fmin.s, 0, 0x80000000, 0x80000000, 0x00000000)
    TEST_FP_OP2_S(5, fmin.s, 0, 0x80000000, 0x00000000, 0x80000000)
    TEST_FP_OP2_S(6, fmin.s, 0, 0x80000000, 0x80000000, 0x80000000)
    TEST_FP_OP2_S(7, fmin.s, 0, 0x7f7fffff, 0x7f800000, 0x7f7fffff)
    TEST_FP_OP2_S(8, fmin.s, 0, 0xff800000, 0xff800000, 0xff7fffff)
    TEST_FP_OP2_S(9, fmin.s, 0, 0x80000001, 0x00000001, 0x80000001)
    TEST_FP_OP2_S(10, fmin.s, 0, 0x40400000, 0x40400000, 0x40400000)
    TEST_FP_OP2_S(11, fmin.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000)
    TEST_FP_OP2_S(12, fmin.s, 0, 0xff800000, 0xff800000, 0x7fc02345)
    TEST_FP_OP2_S(13, fmin.s, FNV, 0x3f800000, 0x7f800001, 0x3f800000)
    TEST_FP_OP2_S(14, fmin.s, FNV, 0xc0a00000, 0xc0a00000, 0xff812345)
    TEST_FP_OP2_S(15, fmin.s, 0, 0x7fc00000, 0x7fc00000, 0xffc00000)
    TEST_FP_OP2_S(16, fmin.s, FNV, 0x7fc00000, 0x7f800001, 0x7fc00000)
    TEST_FP_OP2_S(17, fmin.s, FNV, 0x7fc00000, 0x7fc02345, 0xff812345)
    TEST_FP_OP2_S(18, fmin.s, FNV, 0x7fc00000, 0x7f800001, 0x7f800001)

    /* fmax */
    TEST_FP_OP2_S(19, fmax.s, 0, 0x40000000, 0x3f800000, 0x40000000)
    TEST_FP_OP2_S(20, fmax.s, 0, 0xbf800000, 0xbf800000, 0xc0000000)
    TEST_FP_OP2_S(21, fmax.s, 0, 0x00000000, 0x80000000, 0x00000000)
    TEST_FP_OP2_S(22, fmax.s, 0, 0x00000000, 0x00000000, 0x80000000)
    TEST_FP_OP2_S(23, fmax.s, 0, 0x80000000, 0x80000000, 0x80000000)
    TEST_FP_OP2_S(24, fmax.s, 0, 0x7f800000, 0x7f800000, 0x7f7fffff)
    TEST_FP_OP2_S(25, fmax.s, 0, 0xff7fffff, 0xff800000, 0xff7fffff)
    TEST_FP_OP2_S(26, fmax.s, 0, 0x00000001, 0x00000001, 0x80000001)
    TEST_FP_OP2_S(27, fmax.s, 0, 0x40400000, 0x40400000, 0x40400000)
    TEST_FP_OP2_S(28, fmax.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000)
    TEST_FP_OP2_S(29, fmax.s, 0, 0xff800000, 0xff800000, 0x7fc02345)
    TEST_FP_OP2_S(30, fmax.s, FNV, 0x3f800000, 0x7f800001, 0x3f800000)
    TEST_FP_OP2_S(31, fmax.s, FNV, 0xc0a00000, 0xc0a00000, 0xff812345)
    TEST_FP_OP2_S(32, fmax.s, 0, 0x7fc00000, 0x7fc00000, 0xffc00000)
    TEST_FP_OP2_S(33, fmax.s, FNV, 0x7fc00000, 0x7f800001, 0x7fc00000)
    TEST_FP_OP2_S(34, fmax.s, FNV, 0x7fc00000, 0x7fc02345, 0xff812345)
    TEST_FP_OP2_S(35, fmax.s, FNV, 0x7fc00000, 0x7f800001, 0x7f800001)
TEST_END
