/* FCLASS.S (single precision): each of the ten classes (-inf, -normal, -subnormal,
 * -0, +0, +subnormal, +normal, +inf, sNaN, qNaN), with boundary values of each; no flags.
 */
#include "fp_test.h"
TEST_BEGIN
    TEST_FP_TOX(2, S, fclass.s, 0, 0x1, 0xff800000)
    TEST_FP_TOX(3, S, fclass.s, 0, 0x2, 0xbf800000)
    TEST_FP_TOX(4, S, fclass.s, 0, 0x2, 0xff7fffff)
    TEST_FP_TOX(5, S, fclass.s, 0, 0x2, 0x80800000)
    TEST_FP_TOX(6, S, fclass.s, 0, 0x4, 0x80000001)
    TEST_FP_TOX(7, S, fclass.s, 0, 0x4, 0x807fffff)
    TEST_FP_TOX(8, S, fclass.s, 0, 0x8, 0x80000000)
    TEST_FP_TOX(9, S, fclass.s, 0, 0x10, 0x00000000)
    TEST_FP_TOX(10, S, fclass.s, 0, 0x20, 0x00000001)
    TEST_FP_TOX(11, S, fclass.s, 0, 0x20, 0x007fffff)
    TEST_FP_TOX(12, S, fclass.s, 0, 0x40, 0x00800000)
    TEST_FP_TOX(13, S, fclass.s, 0, 0x40, 0x3f800000)
    TEST_FP_TOX(14, S, fclass.s, 0, 0x40, 0x7f7fffff)
    TEST_FP_TOX(15, S, fclass.s, 0, 0x80, 0x7f800000)
    TEST_FP_TOX(16, S, fclass.s, 0, 0x100, 0x7f800001)
    TEST_FP_TOX(17, S, fclass.s, 0, 0x100, 0xff812345)
    TEST_FP_TOX(18, S, fclass.s, 0, 0x200, 0x7fc00000)
    TEST_FP_TOX(19, S, fclass.s, 0, 0x200, 0xffc00000)
    TEST_FP_TOX(20, S, fclass.s, 0, 0x200, 0x7fc02345)
    TEST_FP_TOX(21, S, fclass.s, 0, 0x200, 0x7fe00001)
TEST_END
