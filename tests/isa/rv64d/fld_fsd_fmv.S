/* FLD / FSD / FMV.X.D / FMV.D.X (and the compressed C.FLD, C.FSD, C.FLDSP, C.FSDSP):
 * 64-bit patterns move unchanged (sNaN, payloads, -0, subnormals, boxed singles; no
 * flags), positive/negative/extreme offsets, stores write exactly 8 bytes.
 */
#include "fp_test.h"

#define TEST_FLD(num, off, v)                                              \
    TEST_CASE(num, a0, v,                                                  \
        la a2, buf; li t0, v; sd t0, off(a2); csrwi fflags, 0;             \
        fld fa3, off(a2); fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)
#define TEST_FSD(num, off, v)                                              \
    TEST_CASE(num, a0, v,                                                  \
        la a2, buf; li t0, 0x5555555555555555; sd t0, off-8(a2); sd t0, off+8(a2); \
        FP_LD(D, fa0, v); csrwi fflags, 0; fsd fa0, off(a2); ld a0, off(a2);  \
        ld t0, off+8(a2); li t2, 0x5555555555555555; bne t0, t2, fail; \
        ld t0, off-8(a2); bne t0, t2, fail; csrr t1, fflags; bnez t1, fail)

TEST_BEGIN
    TEST_FLD(2, 16, 0x3ff0000000000000)
    TEST_FLD(3, 24, 0x7ff0000000000001)     /* sNaN */
    TEST_FLD(4, 32, 0xfff8123456789abc)     /* payload */
    TEST_FLD(5, 40, 0x8000000000000000)
    TEST_FLD(6, 48, 0x000fffffffffffff)
    TEST_FLD(7, 56, 0xffffffff3f800000)     /* a boxed single */
    TEST_FSD(8, 16, 0x7ff4000000000000)
    TEST_FSD(9, 32, 0x000000003f800000)
    TEST_FSD(10, 48, 0x8000000000000001)
    /* offsets */
    TEST_CASE(11, a0, 0x0123456789abcdef, la a2, buf; li t0, 0x0123456789abcdef; sd t0, 0(a2); addi a3, a2, 8; fld fa3, -8(a3); fmv.x.d a0, fa3)
    TEST_CASE(12, a0, 0xfedcba9876543210, la a2, buf; li t0, 0xfedcba9876543210; sd t0, 0(a2); addi a3, a2, -2040; fld fa3, 2040(a3); fmv.x.d a0, fa3)
    TEST_CASE(13, a0, 0x1111222233334444, la a2, buf; li t0, 0x1111222233334444; sd t0, 8(a2); li t0, 2056; add a3, a2, t0; fld fa3, -2048(a3); fmv.x.d a0, fa3)
    TEST_CASE(14, a0, 0x7ff0000000000002, la a2, buf; FP_LD(D, fa0, 0x7ff0000000000002); addi a3, a2, -2040; fsd fa0, 2040(a3); ld a0, 0(a2))
    /* compressed forms (explicit mnemonics; registers in the RVC range) */
    TEST_CASE(15, a0, 0x4008000000000000, la s0, buf; li t0, 0x4008000000000000; sd t0, 24(s0); c.fld fs1, 24(s0); fmv.x.d a0, fs1)
    TEST_CASE(16, a0, 0xc000000000000000, la s0, buf; FP_LD(D, fa5, 0xc000000000000000); c.fsd fa5, 248(s0); ld a0, 248(s0))
    TEST_CASE(17, a0, 0x7ff8000000000001,
        li t0, 0x7ff8000000000001; addi sp, sp, -16; sd t0, 8(sp); c.fldsp fa4, 8(sp); addi sp, sp, 16; fmv.x.d a0, fa4)
    TEST_CASE(18, a0, 0xbff0000000000000,
        FP_LD(D, fs2, 0xbff0000000000000); addi sp, sp, -16; c.fsdsp fs2, 0(sp); ld a0, 0(sp); addi sp, sp, 16)
    /* fmv.d.x / fmv.x.d */
    TEST_FP_FROMINT(19, D, fmv.d.x, 0, 0x7ff0000000000001, 0x7ff0000000000001)
    TEST_FP_FROMINT(20, D, fmv.d.x, 0, 0x8000000000000000, 0x8000000000000000)
    TEST_FP_FROMINT(21, D, fmv.d.x, 0, 0x00000000ffffffff, 0x00000000ffffffff)
    TEST_FP_TOX(22, D, fmv.x.d, 0, 0xfff0000000000001, 0xfff0000000000001)
    TEST_FP_TOX(23, D, fmv.x.d, 0, 0x0000000000000001, 0x0000000000000001)
    TEST_CASE(24, a0, 0, FP_LD(D, fa3, 0x4000000000000000); fmv.d.x fa3, x0; fmv.x.d a0, fa3)
    /* fld/fsd round trip keeps sNaN */
    TEST_CASE(25, a0, 0xfff0000000000005, la a2, buf; li t0, 0xfff0000000000005; sd t0, 0(a2); fld ft0, 0(a2); fsd ft0, 8(a2); ld a0, 8(a2))
TEST_END

    .data
    .align 3
buf: .fill 256, 1, 0
