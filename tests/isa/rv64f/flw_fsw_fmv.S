/* FLW / FSW / FMV.X.W / FMV.W.X: bit patterns move unchanged (sNaN, NaN payloads, -0,
 * subnormals; no flags), positive/negative/extreme 12-bit offsets, loads are NaN-boxed,
 * stores write exactly 4 bytes, fmv.x.w sign-extends bit 31, fmv.w.x ignores x[63:32].
 */
#include "fp_test.h"

/* flw from buf+off after storing word w there; check boxed register and no flags */
#define TEST_FLW(num, off, w)                                              \
    TEST_CASE(num, a0, FP_BOX_S(w),                                        \
        la a2, buf; li t0, w; sw t0, off(a2); csrwi fflags, 0;             \
        flw fa3, off(a2); fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)
/* fsw of a boxed pattern to buf+off, checked with lwu; neighbour words untouched */
#define TEST_FSW(num, off, w)                                              \
    TEST_CASE(num, a0, w,                                                  \
        la a2, buf; li t0, 0x5555555555555555; sd t0, off-8(a2); sd t0, off(a2); sd t0, off+8(a2); \
        FP_LD(S, fa0, w); csrwi fflags, 0; fsw fa0, off(a2); lwu a0, off(a2); \
        lwu t0, off+4(a2); li t2, 0x55555555; bne t0, t2, fail;            \
        lwu t0, off-4(a2); bne t0, t2, fail; csrr t1, fflags; bnez t1, fail)

TEST_BEGIN
    TEST_FLW(2, 16, 0x3f800000)
    TEST_FLW(3, 20, 0x7f800001)          /* sNaN: no conversion, no NV */
    TEST_FLW(4, 24, 0xffc12345)          /* NaN payload kept */
    TEST_FLW(5, 28, 0x80000000)
    TEST_FLW(6, 32, 0x00000001)
    TEST_FSW(7, 16, 0x7fa00000)
    TEST_FSW(8, 24, 0xff800001)
    TEST_FSW(9, 32, 0x80000000)
    /* offsets: negative, +2044, -2048 */
    TEST_CASE(10, a0, FP_BOX_S(0x12345678), la a2, buf; li t0, 0x12345678; sw t0, 0(a2); addi a3, a2, 4; flw fa3, -4(a3); fmv.x.d a0, fa3)
    TEST_CASE(11, a0, FP_BOX_S(0x9abcdef0), la a2, buf; li t0, 0x9abcdef0; sw t0, 0(a2); addi a3, a2, -2044; flw fa3, 2044(a3); fmv.x.d a0, fa3)
    TEST_CASE(12, a0, FP_BOX_S(0x0badf00d), la a2, buf; li t0, 0x0badf00d; sw t0, 4(a2); li t0, 2052; add a3, a2, t0; flw fa3, -2048(a3); fmv.x.d a0, fa3)
    TEST_CASE(13, a0, 0x7f800001, la a2, buf; FP_LD(S, fa0, 0x7f800001); addi a3, a2, 12; fsw fa0, -4(a3); lwu a0, 8(a2))
    TEST_CASE(14, a0, 0xdeadbeef, la a2, buf; FP_LD(S, fa0, 0xdeadbeef); addi a3, a2, -2044; fsw fa0, 2044(a3); lwu a0, 0(a2))
    /* load, store round trip keeps sNaN bits */
    TEST_CASE(15, a0, 0xff800003, la a2, buf; li t0, 0xff800003; sw t0, 40(a2); flw fa1, 40(a2); fsw fa1, 44(a2); lwu a0, 44(a2))
    /* fmv.w.x / fmv.x.w */
    TEST_FP_FROMINT(16, S, fmv.w.x, 0, 0x7f800001, 0x7f800001)
    TEST_FP_FROMINT(17, S, fmv.w.x, 0, 0xffc00001, 0xaaaaaaaaffc00001)
    TEST_FP_FROMINT(18, S, fmv.w.x, 0, 0x00000000, 0xffffffff00000000)
    TEST_FP_TOX(19, S, fmv.x.w, 0, 0xffffffffbf800000, 0xbf800000)
    TEST_FP_TOX(20, S, fmv.x.w, 0, 0x000000003f800000, 0x3f800000)
    TEST_FP_TOX(21, S, fmv.x.w, 0, 0xffffffffff800001, 0xff800001)
    TEST_FP_TOX(22, S, fmv.x.w, 0, 0x0000000000000001, 0x00000001)
    TEST_CASE(23, a0, 0xffffffff80000001, li a1, 0x0000000080000001; fmv.w.x fa5, a1; fmv.x.w a0, fa5)
    /* x0 source gives +0 */
    TEST_CASE(24, a0, FP_BOX_S(0), FP_LD(D, fa3, 0x4000000000000000); fmv.w.x fa3, x0; fmv.x.d a0, fa3)
TEST_END

    .data
    .align 3
buf: .fill 64, 1, 0
