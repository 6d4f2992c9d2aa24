/* FSGNJ/FSGNJN/FSGNJX.D (double precision), incl. the fmv/fneg/fabs idioms (rs1 == rs2):
 * sign bits of every combination, NaN operands (bits copied untouched, payload and signalling
 * bit kept, no flags), infinities and zeros. Unboxed single operands: see rv64f/nanbox.S.
 */
#include "fp_test.h"
TEST_BEGIN

    /* fsgnj */
    TEST_FP_OP2_D(2, fsgnj.d, 0, 0xbff0000000000000, 0x3ff0000000000000, 0xc000000000000000)
    TEST_FP_OP2_D(3, fsgnj.d, 0, 0xc008000000000000, 0xc008000000000000, 0xc010000000000000)
    TEST_FP_OP2_D(4, fsgnj.d, 0, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)
    TEST_FP_OP2_D(5, fsgnj.d, 0, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000)
    TEST_FP_OP2_D(6, fsgnj.d, 0, 0xfff0000000000000, 0x7ff0000000000000, 0xfff0000000000000)
    TEST_FP_OP2_D(7, fsgnj.d, 0, 0x7ff0000000000000, 0xfff0000000000000, 0x3ff0000000000000)
    TEST_FP_OP2_D(8, fsgnj.d, 0, 0xfff0000000000001, 0x7ff0000000000001, 0xbff0000000000000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_D(9, fsgnj.d, 0, 0x7ff0000000012345, 0xfff0000000012345, 0x3ff0000000000000)
    TEST_FP_OP2_D(10, fsgnj.d, 0, 0xfff8000000002345, 0x7ff8000000002345, 0xfff8000000002345)
    TEST_FP_OP2_D(11, fsgnj.d, 0, 0xc014000000000000, 0x4014000000000000, 0xfff8000000000000)    /* sign taken from a NaN */

    /* fsgnjn */
    TEST_FP_OP2_D(12, fsgnjn.d, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xc000000000000000)
    TEST_FP_OP2_D(13, fsgnjn.d, 0, 0x4008000000000000, 0xc008000000000000, 0xc010000000000000)
    TEST_FP_OP2_D(14, fsgnjn.d, 0, 0x0000000000000000, 0x0000000000000000, 0x8000000000000000)
    TEST_FP_OP2_D(15, fsgnjn.d, 0, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
    TEST_FP_OP2_D(16, fsgnjn.d, 0, 0x7ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000)
    TEST_FP_OP2_D(17, fsgnjn.d, 0, 0xfff0000000000000, 0xfff0000000000000, 0x3ff0000000000000)
    TEST_FP_OP2_D(18, fsgnjn.d, 0, 0x7ff0000000000001, 0x7ff0000000000001, 0xbff0000000000000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_D(19, fsgnjn.d, 0, 0xfff0000000012345, 0xfff0000000012345, 0x3ff0000000000000)
    TEST_FP_OP2_D(20, fsgnjn.d, 0, 0x7ff8000000002345, 0x7ff8000000002345, 0xfff8000000002345)
    TEST_FP_OP2_D(21, fsgnjn.d, 0, 0x4014000000000000, 0x4014000000000000, 0xfff8000000000000)    /* sign taken from a NaN */

    /* fsgnjx */
    TEST_FP_OP2_D(22, fsgnjx.d, 0, 0xbff0000000000000, 0x3ff0000000000000, 0xc000000000000000)
    TEST_FP_OP2_D(23, fsgnjx.d, 0, 0x4008000000000000, 0xc008000000000000, 0xc010000000000000)
    TEST_FP_OP2_D(24, fsgnjx.d, 0, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)
    TEST_FP_OP2_D(25, fsgnjx.d, 0, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
    TEST_FP_OP2_D(26, fsgnjx.d, 0, 0xfff0000000000000, 0x7ff0000000000000, 0xfff0000000000000)
    TEST_FP_OP2_D(27, fsgnjx.d, 0, 0xfff0000000000000, 0xfff0000000000000, 0x3ff0000000000000)
    TEST_FP_OP2_D(28, fsgnjx.d, 0, 0xfff0000000000001, 0x7ff0000000000001, 0xbff0000000000000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_D(29, fsgnjx.d, 0, 0xfff0000000012345, 0xfff0000000012345, 0x3ff0000000000000)
    TEST_FP_OP2_D(30, fsgnjx.d, 0, 0xfff8000000002345, 0x7ff8000000002345, 0xfff8000000002345)
    TEST_FP_OP2_D(31, fsgnjx.d, 0, 0xc014000000000000, 0x4014000000000000, 0xfff8000000000000)    /* sign taken from a NaN */

    /* rs1 == rs2: fmv / fneg / fabs */
    TEST_CASE(32, a0, 0xc01c000000000000, FP_LD(D, fa0, 0xc01c000000000000); csrwi fflags, 0; fmv.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.d (no flags) */
    TEST_CASE(33, a0, 0x7ff0000000000001, FP_LD(D, fa0, 0x7ff0000000000001); csrwi fflags, 0; fmv.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.d (no flags) */
    TEST_CASE(34, a0, 0x8000000000000000, FP_LD(D, fa0, 0x8000000000000000); csrwi fflags, 0; fmv.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.d (no flags) */
    TEST_CASE(35, a0, 0x401c000000000000, FP_LD(D, fa0, 0xc01c000000000000); csrwi fflags, 0; fneg.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.d (no flags) */
    TEST_CASE(36, a0, 0xfff0000000000001, FP_LD(D, fa0, 0x7ff0000000000001); csrwi fflags, 0; fneg.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.d (no flags) */
    TEST_CASE(37, a0, 0x0000000000000000, FP_LD(D, fa0, 0x8000000000000000); csrwi fflags, 0; fneg.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.d (no flags) */
    TEST_CASE(38, a0, 0x401c000000000000, FP_LD(D, fa0, 0xc01c000000000000); csrwi fflags, 0; fabs.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.d (no flags) */
    TEST_CASE(39, a0, 0x7ff0000000000001, FP_LD(D, fa0, 0x7ff0000000000001); csrwi fflags, 0; fabs.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.d (no flags) */
    TEST_CASE(40, a0, 0x0000000000000000, FP_LD(D, fa0, 0x8000000000000000); csrwi fflags, 0; fabs.d fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.d (no flags) */
TEST_END
