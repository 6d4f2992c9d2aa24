/* FDIV.S (single precision): exact quotients, 1/3 and -1/3 and 2/3 in every rounding
 * mode (static and dyn), x/0 (DZ, signed inf), 0/0 and inf/inf (NV), inf/0 (no DZ), NaN/0
 * (no DZ), x/inf, overflow and underflow per mode, canonical NaNs.
 */
#include "fp_test.h"
TEST_BEGIN

    /* exact quotients */
    TEST_FP_OP2_RM_S(2, fdiv.s, rne, 0, 0x40000000, 0x40c00000, 0x40400000)
    TEST_FP_OP2_RM_S(3, fdiv.s, rne, 0, 0xbe000000, 0xbf800000, 0x41000000)
    TEST_FP_OP2_RM_S(4, fdiv.s, rne, FUF|FNX, 0x00000000, 0x00000001, 0x40000000)    /* min subnormal / 2: halfway to 0 -> UF|NX */
    TEST_FP_OP2_RM_S(5, fdiv.s, rne, 0, 0x00000001, 0x00800000, 0x4b000000)    /* min normal / 2^m = min subnormal exactly */

    /* static RNE */
    TEST_FP_OP2_RM_S(6, fdiv.s, rne, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)    /* 1/3 */
    TEST_FP_OP2_RM_S(7, fdiv.s, rne, FNX, 0xbeaaaaab, 0xbf800000, 0x40400000)    /* -1/3 */
    TEST_FP_OP2_RM_S(8, fdiv.s, rne, FNX, 0x3f2aaaab, 0x40000000, 0x40400000)    /* 2/3 */
    TEST_FP_OP2_RM_S(9, fdiv.s, rne, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x3f000000)    /* overflow */
    TEST_FP_OP2_RM_S(10, fdiv.s, rne, FUF|FNX, 0x802aaaab, 0x00800000, 0xc0400000)    /* -minnormal/3: UF */
    TEST_FP_OP2_RM_S(11, fdiv.s, rne, FUF|FNX, 0x00000000, 0x00000001, 0x49800000)    /* tiny: UF */

    /* static RTZ */
    TEST_FP_OP2_RM_S(12, fdiv.s, rtz, FNX, 0x3eaaaaaa, 0x3f800000, 0x40400000)    /* 1/3 */
    TEST_FP_OP2_RM_S(13, fdiv.s, rtz, FNX, 0xbeaaaaaa, 0xbf800000, 0x40400000)    /* -1/3 */
    TEST_FP_OP2_RM_S(14, fdiv.s, rtz, FNX, 0x3f2aaaaa, 0x40000000, 0x40400000)    /* 2/3 */
    TEST_FP_OP2_RM_S(15, fdiv.s, rtz, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x3f000000)    /* overflow */
    TEST_FP_OP2_RM_S(16, fdiv.s, rtz, FUF|FNX, 0x802aaaaa, 0x00800000, 0xc0400000)    /* -minnormal/3: UF */
    TEST_FP_OP2_RM_S(17, fdiv.s, rtz, FUF|FNX, 0x00000000, 0x00000001, 0x49800000)    /* tiny: UF */

    /* static RDN */
    TEST_FP_OP2_RM_S(18, fdiv.s, rdn, FNX, 0x3eaaaaaa, 0x3f800000, 0x40400000)    /* 1/3 */
    TEST_FP_OP2_RM_S(19, fdiv.s, rdn, FNX, 0xbeaaaaab, 0xbf800000, 0x40400000)    /* -1/3 */
    TEST_FP_OP2_RM_S(20, fdiv.s, rdn, FNX, 0x3f2aaaaa, 0x40000000, 0x40400000)    /* 2/3 */
    TEST_FP_OP2_RM_S(21, fdiv.s, rdn, FOF|FNX, 0x7f7fffff, 0x7f7fffff, 0x3f000000)    /* overflow */
    TEST_FP_OP2_RM_S(22, fdiv.s, rdn, FUF|FNX, 0x802aaaab, 0x00800000, 0xc0400000)    /* -minnormal/3: UF */
    TEST_FP_OP2_RM_S(23, fdiv.s, rdn, FUF|FNX, 0x00000000, 0x00000001, 0x49800000)    /* tiny: UF */

    /* static RUP */
    TEST_FP_OP2_RM_S(24, fdiv.s, rup, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)    /* 1/3 */
    TEST_FP_OP2_RM_S(25, fdiv.s, rup, FNX, 0xbeaaaaaa, 0xbf800000, 0x40400000)    /* -1/3 */
    TEST_FP_OP2_RM_S(26, fdiv.s, rup, FNX, 0x3f2aaaab, 0x40000000, 0x40400000)    /* 2/3 */
    TEST_FP_OP2_RM_S(27, fdiv.s, rup, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x3f000000)    /* overflow */
    TEST_FP_OP2_RM_S(28, fdiv.s, rup, FUF|FNX, 0x802aaaaa, 0x00800000, 0xc0400000)    /* -minnormal/3: UF */
    TEST_FP_OP2_RM_S(29, fdiv.s, rup, FUF|FNX, 0x00000001, 0x00000001, 0x49800000)    /* tiny: UF */

    /* static RMM */
    TEST_FP_OP2_RM_S(30, fdiv.s, rmm, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)    /* 1/3 */
    TEST_FP_OP2_RM_S(31, fdiv.s, rmm, FNX, 0xbeaaaaab, 0xbf800000, 0x40400000)    /* -1/3 */
    TEST_FP_OP2_RM_S(32, fdiv.s, rmm, FNX, 0x3f2aaaab, 0x40000000, 0x40400000)    /* 2/3 */
    TEST_FP_OP2_RM_S(33, fdiv.s, rmm, FOF|FNX, 0x7f800000, 0x7f7fffff, 0x3f000000)    /* overflow */
    TEST_FP_OP2_RM_S(34, fdiv.s, rmm, FUF|FNX, 0x802aaaab, 0x00800000, 0xc0400000)    /* -minnormal/3: UF */
    TEST_FP_OP2_RM_S(35, fdiv.s, rmm, FUF|FNX, 0x00000000, 0x00000001, 0x49800000)    /* tiny: UF */

    /* dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_OP2_RM_S(36, fdiv.s, dyn, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(37, fdiv.s, dyn, FNX, 0xbf2aaaab, 0xc0000000, 0x40400000)
    TEST_FP_OP2_RM_S(38, fdiv.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0x3e800000)

    /* dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_OP2_RM_S(39, fdiv.s, dyn, FNX, 0x3eaaaaaa, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(40, fdiv.s, dyn, FNX, 0xbf2aaaaa, 0xc0000000, 0x40400000)
    TEST_FP_OP2_RM_S(41, fdiv.s, dyn, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x3e800000)

    /* dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_S(42, fdiv.s, dyn, FNX, 0x3eaaaaaa, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(43, fdiv.s, dyn, FNX, 0xbf2aaaab, 0xc0000000, 0x40400000)
    TEST_FP_OP2_RM_S(44, fdiv.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0x3e800000)

    /* dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_S(45, fdiv.s, dyn, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(46, fdiv.s, dyn, FNX, 0xbf2aaaaa, 0xc0000000, 0x40400000)
    TEST_FP_OP2_RM_S(47, fdiv.s, dyn, FOF|FNX, 0xff7fffff, 0xff7fffff, 0x3e800000)

    /* dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_OP2_RM_S(48, fdiv.s, dyn, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(49, fdiv.s, dyn, FNX, 0xbf2aaaab, 0xc0000000, 0x40400000)
    TEST_FP_OP2_RM_S(50, fdiv.s, dyn, FOF|FNX, 0xff800000, 0xff7fffff, 0x3e800000)
    FP_SET_FRM(RM_RNE)

    /* division by zero and invalid operations */
    TEST_FP_OP2_RM_S(51, fdiv.s, rne, FDZ, 0x7f800000, 0x3f800000, 0x00000000)    /* 1/0 = inf, DZ */
    TEST_FP_OP2_RM_S(52, fdiv.s, rne, FDZ, 0xff800000, 0x3f800000, 0x80000000)    /* 1/-0 = -inf, DZ */
    TEST_FP_OP2_RM_S(53, fdiv.s, rne, FDZ, 0xff800000, 0xff7fffff, 0x00000000)    /* -max/0 = -inf, DZ */
    TEST_FP_OP2_RM_S(54, fdiv.s, rne, FDZ, 0xff800000, 0x00000001, 0x80000000)
    TEST_FP_OP2_RM_S(55, fdiv.s, rne, FNV, 0x7fc00000, 0x00000000, 0x00000000)    /* 0/0: NV */
    TEST_FP_OP2_RM_S(56, fdiv.s, rne, FNV, 0x7fc00000, 0x80000000, 0x00000000)
    TEST_FP_OP2_RM_S(57, fdiv.s, rne, FNV, 0x7fc00000, 0x7f800000, 0xff800000)    /* inf/inf: NV */
    TEST_FP_OP2_RM_S(58, fdiv.s, rne, 0, 0x7f800000, 0x7f800000, 0x00000000)    /* inf/0 = inf, no DZ */
    TEST_FP_OP2_RM_S(59, fdiv.s, rne, 0, 0x7fc00000, 0x7fc00000, 0x00000000)    /* qNaN/0: no DZ */
    TEST_FP_OP2_RM_S(60, fdiv.s, rne, FNV, 0x7fc00000, 0x7f800001, 0x00000000)    /* sNaN/0: NV only */
    TEST_FP_OP2_RM_S(61, fdiv.s, rne, 0, 0x80000000, 0x40a00000, 0xff800000)    /* 5/-inf = -0 */
    TEST_FP_OP2_RM_S(62, fdiv.s, rne, 0, 0x00000000, 0x00000000, 0x40a00000)
    TEST_FP_OP2_RM_S(63, fdiv.s, rne, 0, 0x80000000, 0x80000000, 0x7f800000)
    TEST_FP_OP2_RM_S(64, fdiv.s, rne, 0, 0x7fc00000, 0x7fc02345, 0x3f800000)
TEST_END
