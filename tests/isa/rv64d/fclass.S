/* FCLASS.D (double precision): each of the ten classes (-inf, -normal, -subnormal,
 * -0, +0, +subnormal, +normal, +inf, sNaN, qNaN), with boundary values of each; no flags.
 */
#include "fp_test.h"
TEST_BEGIN
    TEST_FP_TOX(2, D, fclass.d, 0, 0x1, 0xfff0000000000000)
    TEST_FP_TOX(3, D, fclass.d, 0, 0x2, 0xbff0000000000000)
    TEST_FP_TOX(4, D, fclass.d, 0, 0x2, 0xffefffffffffffff)
    TEST_FP_TOX(5, D, fclass.d, 0, 0x2, 0x8010000000000000)
    TEST_FP_TOX(6, D, fclass.d, 0, 0x4, 0x8000000000000001)
    TEST_FP_TOX(7, D, fclass.d, 0, 0x4, 0x800fffffffffffff)
    TEST_FP_TOX(8, D, fclass.d, 0, 0x8, 0x8000000000000000)
    TEST_FP_TOX(9, D, fclass.d, 0, 0x10, 0x0000000000000000)
    TEST_FP_TOX(10, D, fclass.d, 0, 0x20, 0x0000000000000001)
    TEST_FP_TOX(11, D, fclass.d, 0, 0x20, 0x000fffffffffffff)
    TEST_FP_TOX(12, D, fclass.d, 0, 0x40, 0x0010000000000000)
    TEST_FP_TOX(13, D, fclass.d, 0, 0x40, 0x3ff0000000000000)
    TEST_FP_TOX(14, D, fclass.d, 0, 0x40, 0x7fefffffffffffff)
    TEST_FP_TOX(15, D, fclass.d, 0, 0x80, 0x7ff0000000000000)
    TEST_FP_TOX(16, D, fclass.d, 0, 0x100, 0x7ff0000000000001)
    TEST_FP_TOX(17, D, fclass.d, 0, 0x100, 0xfff0000000012345)
    TEST_FP_TOX(18, D, fclass.d, 0, 0x200, 0x7ff8000000000000)
    TEST_FP_TOX(19, D, fclass.d, 0, 0x200, 0xfff8000000000000)
    TEST_FP_TOX(20, D, fclass.d, 0, 0x200, 0x7ff8000000002345)
    TEST_FP_TOX(21, D, fclass.d, 0, 0x200, 0x7ffc000000000001)
TEST_END
