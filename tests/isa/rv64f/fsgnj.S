/* FSGNJ/FSGNJN/FSGNJX.S (single precision), incl. the fmv/fneg/fabs idioms (rs1 == rs2):
 * sign bits of every combination, NaN operands (bits copied untouched, payload and signalling
 * bit kept, no flags), infinities and zeros. Unboxed single operands: see rv64f/nanbox.S.
 */
#include "fp_test.h"
TEST_BEGIN

    /* fsgnj */
    TEST_FP_OP2_S(2, fsgnj.s, 0, 0xbf800000, 0x3f800000, 0xc0000000)
    TEST_FP_OP2_S(3, fsgnj.s, 0, 0xc0400000, 0xc0400000, 0xc0800000)
    TEST_FP_OP2_S(4, fsgnj.s, 0, 0x80000000, 0x00000000, 0x80000000)
    TEST_FP_OP2_S(5, fsgnj.s, 0, 0x00000000, 0x80000000, 0x00000000)
    TEST_FP_OP2_S(6, fsgnj.s, 0, 0xff800000, 0x7f800000, 0xff800000)
    TEST_FP_OP2_S(7, fsgnj.s, 0, 0x7f800000, 0xff800000, 0x3f800000)
    TEST_FP_OP2_S(8, fsgnj.s, 0, 0xff800001, 0x7f800001, 0xbf800000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_S(9, fsgnj.s, 0, 0x7f812345, 0xff812345, 0x3f800000)
    TEST_FP_OP2_S(10, fsgnj.s, 0, 0xffc02345, 0x7fc02345, 0xffc02345)
    TEST_FP_OP2_S(11, fsgnj.s, 0, 0xc0a00000, 0x40a00000, 0xffc00000)    /* sign taken from a NaN */

    /* fsgnjn */
    TEST_FP_OP2_S(12, fsgnjn.s, 0, 0x3f800000, 0x3f800000, 0xc0000000)
    TEST_FP_OP2_S(13, fsgnjn.s, 0, 0x40400000, 0xc0400000, 0xc0800000)
    TEST_FP_OP2_S(14, fsgnjn.s, 0, 0x00000000, 0x00000000, 0x80000000)
    TEST_FP_OP2_S(15, fsgnjn.s, 0, 0x80000000, 0x80000000, 0x00000000)
    TEST_FP_OP2_S(16, fsgnjn.s, 0, 0x7f800000, 0x7f800000, 0xff800000)
    TEST_FP_OP2_S(17, fsgnjn.s, 0, 0xff800000, 0xff800000, 0x3f800000)
    TEST_FP_OP2_S(18, fsgnjn.s, 0, 0x7f800001, 0x7f800001, 0xbf800000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_S(19, fsgnjn.s, 0, 0xff812345, 0xff812345, 0x3f800000)
    TEST_FP_OP2_S(20, fsgnjn.s, 0, 0x7fc02345, 0x7fc02345, 0xffc02345)
    TEST_FP_OP2_S(21, fsgnjn.s, 0, 0x40a00000, 0x40a00000, 0xffc00000)    /* sign taken from a NaN */

    /* fsgnjx */
    TEST_FP_OP2_S(22, fsgnjx.s, 0, 0xbf800000, 0x3f800000, 0xc0000000)
    TEST_FP_OP2_S(23, fsgnjx.s, 0, 0x40400000, 0xc0400000, 0xc0800000)
    TEST_FP_OP2_S(24, fsgnjx.s, 0, 0x80000000, 0x00000000, 0x80000000)
    TEST_FP_OP2_S(25, fsgnjx.s, 0, 0x80000000, 0x80000000, 0x00000000)
    TEST_FP_OP2_S(26, fsgnjx.s, 0, 0xff800000, 0x7f800000, 0xff800000)
    TEST_FP_OP2_S(27, fsgnjx.s, 0, 0xff800000, 0xff800000, 0x3f800000)
    TEST_FP_OP2_S(28, fsgnjx.s, 0, 0xff800001, 0x7f800001, 0xbf800000)    /* sNaN: no NV, payload kept */
    TEST_FP_OP2_S(29, fsgnjx.s, 0, 0xff812345, 0xff812345, 0x3f800000)
    TEST_FP_OP2_S(30, fsgnjx.s, 0, 0xffc02345, 0x7fc02345, 0xffc02345)
    TEST_FP_OP2_S(31, fsgnjx.s, 0, 0xc0a00000, 0x40a00000, 0xffc00000)    /* sign taken from a NaN */

    /* rs1 == rs2: fmv / fneg / fabs */
    TEST_CASE(32, a0, 0xffffffffc0e00000, FP_LD(S, fa0, 0xc0e00000); csrwi fflags, 0; fmv.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.s (no flags) */
    TEST_CASE(33, a0, 0xffffffff7f800001, FP_LD(S, fa0, 0x7f800001); csrwi fflags, 0; fmv.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.s (no flags) */
    TEST_CASE(34, a0, 0xffffffff80000000, FP_LD(S, fa0, 0x80000000); csrwi fflags, 0; fmv.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fmv.s (no flags) */
    TEST_CASE(35, a0, 0xffffffff40e00000, FP_LD(S, fa0, 0xc0e00000); csrwi fflags, 0; fneg.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.s (no flags) */
    TEST_CASE(36, a0, 0xffffffffff800001, FP_LD(S, fa0, 0x7f800001); csrwi fflags, 0; fneg.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.s (no flags) */
    TEST_CASE(37, a0, 0xffffffff00000000, FP_LD(S, fa0, 0x80000000); csrwi fflags, 0; fneg.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fneg.s (no flags) */
    TEST_CASE(38, a0, 0xffffffff40e00000, FP_LD(S, fa0, 0xc0e00000); csrwi fflags, 0; fabs.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.s (no flags) */
    TEST_CASE(39, a0, 0xffffffff7f800001, FP_LD(S, fa0, 0x7f800001); csrwi fflags, 0; fabs.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.s (no flags) */
    TEST_CASE(40, a0, 0xffffffff00000000, FP_LD(S, fa0, 0x80000000); csrwi fflags, 0; fabs.s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)    /* fabs.s (no flags) */
TEST_END
