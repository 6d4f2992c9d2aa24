/* FCVT.{W,WU}.D (double to integer): every rounding mode
 * (static) on +-0.5, +-1.5, +-2.5, +-0.75 and 7.25 (NX when inexact, none when exact);
 * dynamic rounding through frm; saturation with NV: NaN (any sign) -> largest positive,
 * +inf/too large -> largest, -inf/too small -> smallest (0 for unsigned); negative values
 * to unsigned: NV unless they round to 0 (e.g. -0.5 RTZ -> 0 with NX only); the limits
 * themselves; 32-bit results sign-extended to 64 bits (also for WU).
 */
#include "fp_test.h"
TEST_BEGIN

    /* fcvt.w.d static RNE */
    TEST_FP_TOINT(2, D, fcvt.w.d, rne, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(3, D, fcvt.w.d, rne, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(4, D, fcvt.w.d, rne, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(5, D, fcvt.w.d, rne, FNX, 0xfffffffffffffffe, 0xbff8000000000000)
    TEST_FP_TOINT(6, D, fcvt.w.d, rne, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(7, D, fcvt.w.d, rne, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(8, D, fcvt.w.d, rne, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(9, D, fcvt.w.d, rne, FNX, 0xffffffffffffffff, 0xbfe8000000000000)
    TEST_FP_TOINT(10, D, fcvt.w.d, rne, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.w.d static RTZ */
    TEST_FP_TOINT(11, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(12, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(13, D, fcvt.w.d, rtz, FNX, 0x0000000000000001, 0x3ff8000000000000)
    TEST_FP_TOINT(14, D, fcvt.w.d, rtz, FNX, 0xffffffffffffffff, 0xbff8000000000000)
    TEST_FP_TOINT(15, D, fcvt.w.d, rtz, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(16, D, fcvt.w.d, rtz, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(17, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0x3fe8000000000000)
    TEST_FP_TOINT(18, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(19, D, fcvt.w.d, rtz, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.w.d static RDN */
    TEST_FP_TOINT(20, D, fcvt.w.d, rdn, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(21, D, fcvt.w.d, rdn, FNX, 0xffffffffffffffff, 0xbfe0000000000000)
    TEST_FP_TOINT(22, D, fcvt.w.d, rdn, FNX, 0x0000000000000001, 0x3ff8000000000000)
    TEST_FP_TOINT(23, D, fcvt.w.d, rdn, FNX, 0xfffffffffffffffe, 0xbff8000000000000)
    TEST_FP_TOINT(24, D, fcvt.w.d, rdn, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(25, D, fcvt.w.d, rdn, FNX, 0xfffffffffffffffd, 0xc004000000000000)
    TEST_FP_TOINT(26, D, fcvt.w.d, rdn, FNX, 0x0000000000000000, 0x3fe8000000000000)
    TEST_FP_TOINT(27, D, fcvt.w.d, rdn, FNX, 0xffffffffffffffff, 0xbfe8000000000000)
    TEST_FP_TOINT(28, D, fcvt.w.d, rdn, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.w.d static RUP */
    TEST_FP_TOINT(29, D, fcvt.w.d, rup, FNX, 0x0000000000000001, 0x3fe0000000000000)
    TEST_FP_TOINT(30, D, fcvt.w.d, rup, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(31, D, fcvt.w.d, rup, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(32, D, fcvt.w.d, rup, FNX, 0xffffffffffffffff, 0xbff8000000000000)
    TEST_FP_TOINT(33, D, fcvt.w.d, rup, FNX, 0x0000000000000003, 0x4004000000000000)
    TEST_FP_TOINT(34, D, fcvt.w.d, rup, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(35, D, fcvt.w.d, rup, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(36, D, fcvt.w.d, rup, FNX, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(37, D, fcvt.w.d, rup, FNX, 0x0000000000000008, 0x401d000000000000)

    /* fcvt.w.d static RMM */
    TEST_FP_TOINT(38, D, fcvt.w.d, rmm, FNX, 0x0000000000000001, 0x3fe0000000000000)
    TEST_FP_TOINT(39, D, fcvt.w.d, rmm, FNX, 0xffffffffffffffff, 0xbfe0000000000000)
    TEST_FP_TOINT(40, D, fcvt.w.d, rmm, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(41, D, fcvt.w.d, rmm, FNX, 0xfffffffffffffffe, 0xbff8000000000000)
    TEST_FP_TOINT(42, D, fcvt.w.d, rmm, FNX, 0x0000000000000003, 0x4004000000000000)
    TEST_FP_TOINT(43, D, fcvt.w.d, rmm, FNX, 0xfffffffffffffffd, 0xc004000000000000)
    TEST_FP_TOINT(44, D, fcvt.w.d, rmm, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(45, D, fcvt.w.d, rmm, FNX, 0xffffffffffffffff, 0xbfe8000000000000)
    TEST_FP_TOINT(46, D, fcvt.w.d, rmm, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.w.d limits, saturation, specials */
    TEST_FP_TOINT(47, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x41e0000000000000)
    TEST_FP_TOINT(48, D, fcvt.w.d, rtz, 0, 0xffffffff80000000, 0xc1e0000000000000)
    TEST_FP_TOINT(49, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x41f0000000000000)
    TEST_FP_TOINT(50, D, fcvt.w.d, rtz, FNX, 0x000000007fffffff, 0x41dfffffffffffff)
    TEST_FP_TOINT(51, D, fcvt.w.d, rtz, FNX, 0xffffffff80000000, 0xc1e0000000000001)
    TEST_FP_TOINT(52, D, fcvt.w.d, rtz, FNX, 0x000000007fffffff, 0x41dfffffffe00000)
    TEST_FP_TOINT(53, D, fcvt.w.d, rtz, 0, 0x000000007fffffff, 0x41dfffffffc00000)
    TEST_FP_TOINT(54, D, fcvt.w.d, rtz, FNX, 0x000000007ffffffe, 0x41dfffffffa00000)
    TEST_FP_TOINT(55, D, fcvt.w.d, rtz, FNX, 0xffffffff80000000, 0xc1e0000000100000)
    TEST_FP_TOINT(56, D, fcvt.w.d, rtz, FNV, 0xffffffff80000000, 0xc1e0000000200000)
    TEST_FP_TOINT(57, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x7ff0000000000000)
    TEST_FP_TOINT(58, D, fcvt.w.d, rtz, FNV, 0xffffffff80000000, 0xfff0000000000000)
    TEST_FP_TOINT(59, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x7ff8000000000000)
    TEST_FP_TOINT(60, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0xfff8000000000000)
    TEST_FP_TOINT(61, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x7ff0000000000001)
    TEST_FP_TOINT(62, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0xfff0000000012345)
    TEST_FP_TOINT(63, D, fcvt.w.d, rtz, 0, 0x0000000000000000, 0x8000000000000000)
    TEST_FP_TOINT(64, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0x0000000000000001)
    TEST_FP_TOINT(65, D, fcvt.w.d, rtz, FNX, 0x0000000000000000, 0x8000000000000001)
    TEST_FP_TOINT(66, D, fcvt.w.d, rtz, 0, 0xffffffffffffffff, 0xbff0000000000000)
    TEST_FP_TOINT(67, D, fcvt.w.d, rtz, FNV, 0x000000007fffffff, 0x4330000000000000)
    TEST_FP_TOINT(68, D, fcvt.w.d, rtz, 0, 0x000000000012d687, 0x4132d68700000000)
    TEST_FP_TOINT(69, D, fcvt.w.d, rne, FNV, 0x000000007fffffff, 0x41e0000000000000)
    TEST_FP_TOINT(70, D, fcvt.w.d, rne, 0, 0xffffffff80000000, 0xc1e0000000000000)
    TEST_FP_TOINT(71, D, fcvt.w.d, rne, FNV, 0x000000007fffffff, 0x41f0000000000000)
    TEST_FP_TOINT(72, D, fcvt.w.d, rne, FNV, 0x000000007fffffff, 0x41dfffffffffffff)
    TEST_FP_TOINT(73, D, fcvt.w.d, rne, FNX, 0xffffffff80000000, 0xc1e0000000000001)
    TEST_FP_TOINT(74, D, fcvt.w.d, rne, FNV, 0x000000007fffffff, 0x41dfffffffe00000)

    /* fcvt.w.d dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(75, D, fcvt.w.d, dyn, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(76, D, fcvt.w.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)

    /* fcvt.w.d dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(77, D, fcvt.w.d, dyn, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(78, D, fcvt.w.d, dyn, FNX, 0x0000000000000003, 0x400c000000000000)

    /* fcvt.w.d dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(79, D, fcvt.w.d, dyn, FNX, 0xfffffffffffffffd, 0xc004000000000000)
    TEST_FP_TOINT(80, D, fcvt.w.d, dyn, FNX, 0x0000000000000003, 0x400c000000000000)

    /* fcvt.w.d dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(81, D, fcvt.w.d, dyn, FNX, 0xfffffffffffffffe, 0xc004000000000000)
    TEST_FP_TOINT(82, D, fcvt.w.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)

    /* fcvt.w.d dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(83, D, fcvt.w.d, dyn, FNX, 0xfffffffffffffffd, 0xc004000000000000)
    TEST_FP_TOINT(84, D, fcvt.w.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)
    FP_SET_FRM(RM_RNE)

    /* fcvt.wu.d static RNE */
    TEST_FP_TOINT(85, D, fcvt.wu.d, rne, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(86, D, fcvt.wu.d, rne, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(87, D, fcvt.wu.d, rne, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(88, D, fcvt.wu.d, rne, FNV, 0x0000000000000000, 0xbff8000000000000)
    TEST_FP_TOINT(89, D, fcvt.wu.d, rne, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(90, D, fcvt.wu.d, rne, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(91, D, fcvt.wu.d, rne, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(92, D, fcvt.wu.d, rne, FNV, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(93, D, fcvt.wu.d, rne, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.wu.d static RTZ */
    TEST_FP_TOINT(94, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(95, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(96, D, fcvt.wu.d, rtz, FNX, 0x0000000000000001, 0x3ff8000000000000)
    TEST_FP_TOINT(97, D, fcvt.wu.d, rtz, FNV, 0x0000000000000000, 0xbff8000000000000)
    TEST_FP_TOINT(98, D, fcvt.wu.d, rtz, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(99, D, fcvt.wu.d, rtz, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(100, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0x3fe8000000000000)
    TEST_FP_TOINT(101, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(102, D, fcvt.wu.d, rtz, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.wu.d static RDN */
    TEST_FP_TOINT(103, D, fcvt.wu.d, rdn, FNX, 0x0000000000000000, 0x3fe0000000000000)
    TEST_FP_TOINT(104, D, fcvt.wu.d, rdn, FNV, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(105, D, fcvt.wu.d, rdn, FNX, 0x0000000000000001, 0x3ff8000000000000)
    TEST_FP_TOINT(106, D, fcvt.wu.d, rdn, FNV, 0x0000000000000000, 0xbff8000000000000)
    TEST_FP_TOINT(107, D, fcvt.wu.d, rdn, FNX, 0x0000000000000002, 0x4004000000000000)
    TEST_FP_TOINT(108, D, fcvt.wu.d, rdn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(109, D, fcvt.wu.d, rdn, FNX, 0x0000000000000000, 0x3fe8000000000000)
    TEST_FP_TOINT(110, D, fcvt.wu.d, rdn, FNV, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(111, D, fcvt.wu.d, rdn, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.wu.d static RUP */
    TEST_FP_TOINT(112, D, fcvt.wu.d, rup, FNX, 0x0000000000000001, 0x3fe0000000000000)
    TEST_FP_TOINT(113, D, fcvt.wu.d, rup, FNX, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(114, D, fcvt.wu.d, rup, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(115, D, fcvt.wu.d, rup, FNV, 0x0000000000000000, 0xbff8000000000000)
    TEST_FP_TOINT(116, D, fcvt.wu.d, rup, FNX, 0x0000000000000003, 0x4004000000000000)
    TEST_FP_TOINT(117, D, fcvt.wu.d, rup, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(118, D, fcvt.wu.d, rup, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(119, D, fcvt.wu.d, rup, FNX, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(120, D, fcvt.wu.d, rup, FNX, 0x0000000000000008, 0x401d000000000000)

    /* fcvt.wu.d static RMM */
    TEST_FP_TOINT(121, D, fcvt.wu.d, rmm, FNX, 0x0000000000000001, 0x3fe0000000000000)
    TEST_FP_TOINT(122, D, fcvt.wu.d, rmm, FNV, 0x0000000000000000, 0xbfe0000000000000)
    TEST_FP_TOINT(123, D, fcvt.wu.d, rmm, FNX, 0x0000000000000002, 0x3ff8000000000000)
    TEST_FP_TOINT(124, D, fcvt.wu.d, rmm, FNV, 0x0000000000000000, 0xbff8000000000000)
    TEST_FP_TOINT(125, D, fcvt.wu.d, rmm, FNX, 0x0000000000000003, 0x4004000000000000)
    TEST_FP_TOINT(126, D, fcvt.wu.d, rmm, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(127, D, fcvt.wu.d, rmm, FNX, 0x0000000000000001, 0x3fe8000000000000)
    TEST_FP_TOINT(128, D, fcvt.wu.d, rmm, FNV, 0x0000000000000000, 0xbfe8000000000000)
    TEST_FP_TOINT(129, D, fcvt.wu.d, rmm, FNX, 0x0000000000000007, 0x401d000000000000)

    /* fcvt.wu.d limits, saturation, specials */
    TEST_FP_TOINT(130, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x41f0000000000000)
    TEST_FP_TOINT(131, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x4200000000000000)
    TEST_FP_TOINT(132, D, fcvt.wu.d, rtz, FNX, 0xffffffffffffffff, 0x41efffffffffffff)
    TEST_FP_TOINT(133, D, fcvt.wu.d, rtz, FNX, 0xffffffffffffffff, 0x41effffffff00000)
    TEST_FP_TOINT(134, D, fcvt.wu.d, rtz, 0, 0xffffffffffffffff, 0x41efffffffe00000)
    TEST_FP_TOINT(135, D, fcvt.wu.d, rtz, FNX, 0xfffffffffffffffe, 0x41efffffffd00000)
    TEST_FP_TOINT(136, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x7ff0000000000000)
    TEST_FP_TOINT(137, D, fcvt.wu.d, rtz, FNV, 0x0000000000000000, 0xfff0000000000000)
    TEST_FP_TOINT(138, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x7ff8000000000000)
    TEST_FP_TOINT(139, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0xfff8000000000000)
    TEST_FP_TOINT(140, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x7ff0000000000001)
    TEST_FP_TOINT(141, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0xfff0000000012345)
    TEST_FP_TOINT(142, D, fcvt.wu.d, rtz, 0, 0x0000000000000000, 0x8000000000000000)
    TEST_FP_TOINT(143, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0x0000000000000001)
    TEST_FP_TOINT(144, D, fcvt.wu.d, rtz, FNX, 0x0000000000000000, 0x8000000000000001)
    TEST_FP_TOINT(145, D, fcvt.wu.d, rtz, FNV, 0x0000000000000000, 0xbff0000000000000)
    TEST_FP_TOINT(146, D, fcvt.wu.d, rtz, FNV, 0xffffffffffffffff, 0x4330000000000000)
    TEST_FP_TOINT(147, D, fcvt.wu.d, rtz, 0, 0x000000000012d687, 0x4132d68700000000)
    TEST_FP_TOINT(148, D, fcvt.wu.d, rne, FNV, 0xffffffffffffffff, 0x41f0000000000000)
    TEST_FP_TOINT(149, D, fcvt.wu.d, rne, FNV, 0xffffffffffffffff, 0x4200000000000000)
    TEST_FP_TOINT(150, D, fcvt.wu.d, rne, FNV, 0xffffffffffffffff, 0x41efffffffffffff)
    TEST_FP_TOINT(151, D, fcvt.wu.d, rne, FNV, 0xffffffffffffffff, 0x41effffffff00000)
    TEST_FP_TOINT(152, D, fcvt.wu.d, rne, 0, 0xffffffffffffffff, 0x41efffffffe00000)
    TEST_FP_TOINT(153, D, fcvt.wu.d, rne, FNX, 0xfffffffffffffffe, 0x41efffffffd00000)

    /* fcvt.wu.d dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(154, D, fcvt.wu.d, dyn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(155, D, fcvt.wu.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)

    /* fcvt.wu.d dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(156, D, fcvt.wu.d, dyn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(157, D, fcvt.wu.d, dyn, FNX, 0x0000000000000003, 0x400c000000000000)

    /* fcvt.wu.d dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(158, D, fcvt.wu.d, dyn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(159, D, fcvt.wu.d, dyn, FNX, 0x0000000000000003, 0x400c000000000000)

    /* fcvt.wu.d dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(160, D, fcvt.wu.d, dyn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(161, D, fcvt.wu.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)

    /* fcvt.wu.d dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(162, D, fcvt.wu.d, dyn, FNV, 0x0000000000000000, 0xc004000000000000)
    TEST_FP_TOINT(163, D, fcvt.wu.d, dyn, FNX, 0x0000000000000004, 0x400c000000000000)
    FP_SET_FRM(RM_RNE)
TEST_END
