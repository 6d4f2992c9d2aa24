/* FCVT.D.{W,WU} (integer to double): exact conversions (no flags), 0 -> +0 in
 * every mode, values between representable neighbours (halfway and not, both signs) in
 * every rounding mode (static and dyn), the extreme integers; the W/WU forms read only the
 * low 32 bits of rs1.
 */
#include "fp_test.h"
TEST_BEGIN

    /* fcvt.d.w: always exact */
    TEST_FP_FROMINT(2, D, fcvt.d.w, 0, 0x0000000000000000, 0x0000000000000000)
    TEST_FP_FROMINT(3, D, fcvt.d.w, 0, 0x3ff0000000000000, 0x0000000000000001)
    TEST_FP_FROMINT(4, D, fcvt.d.w, 0, 0x401c000000000000, 0x0000000000000007)
    TEST_FP_FROMINT(5, D, fcvt.d.w, 0, 0x41dfffffffc00000, 0x000000007fffffff)
    TEST_FP_FROMINT(6, D, fcvt.d.w, 0, 0xc1e0000000000000, 0x0000000080000000)
    TEST_FP_FROMINT(7, D, fcvt.d.w, 0, 0xbff0000000000000, 0x00000000ffffffff)
    TEST_FP_FROMINT(8, D, fcvt.d.w, 0, 0x3ff0000000000000, 0x0020000000000001)
    TEST_FP_FROMINT(9, D, fcvt.d.w, 0, 0x3ff0000000000000, 0x0040000000000001)
    TEST_FP_FROMINT(10, D, fcvt.d.w, 0, 0x41678c29c0000000, 0x0000000000bc614e)
    TEST_FP_FROMINT(11, D, fcvt.d.w, 0, 0xbff0000000000000, 0xffffffffffffffff)
    TEST_FP_FROMINT(12, D, fcvt.d.w, 0, 0xbff0000000000000, 0xffdfffffffffffff)
    TEST_FP_FROMINT(13, D, fcvt.d.w, 0, 0xbff0000000000000, 0xffbfffffffffffff)
    TEST_FP_FROMINT(14, D, fcvt.d.w, 0, 0xc1e0000000000000, 0xffffffff80000000)
    TEST_FP_FROMINT(15, D, fcvt.d.w, 0, 0x4014000000000000, 0x1234567800000005)
    TEST_FP_FROMINT(16, D, fcvt.d.w, 0, 0x4008000000000000, 0xfffffffe00000003)
    TEST_FP_FROMINT(17, D, fcvt.d.w, 0, 0xc1e0000000000000, 0xffffffff80000000)

    /* fcvt.d.wu: always exact */
    TEST_FP_FROMINT(18, D, fcvt.d.wu, 0, 0x0000000000000000, 0x0000000000000000)
    TEST_FP_FROMINT(19, D, fcvt.d.wu, 0, 0x3ff0000000000000, 0x0000000000000001)
    TEST_FP_FROMINT(20, D, fcvt.d.wu, 0, 0x401c000000000000, 0x0000000000000007)
    TEST_FP_FROMINT(21, D, fcvt.d.wu, 0, 0x41dfffffffc00000, 0x000000007fffffff)
    TEST_FP_FROMINT(22, D, fcvt.d.wu, 0, 0x41e0000000000000, 0x0000000080000000)
    TEST_FP_FROMINT(23, D, fcvt.d.wu, 0, 0x41efffffffe00000, 0x00000000ffffffff)
    TEST_FP_FROMINT(24, D, fcvt.d.wu, 0, 0x3ff0000000000000, 0x0020000000000001)
    TEST_FP_FROMINT(25, D, fcvt.d.wu, 0, 0x3ff0000000000000, 0x0040000000000001)
    TEST_FP_FROMINT(26, D, fcvt.d.wu, 0, 0x41678c29c0000000, 0x0000000000bc614e)
    TEST_FP_FROMINT(27, D, fcvt.d.wu, 0, 0x4014000000000000, 0x1234567800000005)
    TEST_FP_FROMINT(28, D, fcvt.d.wu, 0, 0x4008000000000000, 0xfffffffe00000003)
    TEST_FP_FROMINT(29, D, fcvt.d.wu, 0, 0x41e0000000000000, 0xffffffff80000000)
TEST_END
