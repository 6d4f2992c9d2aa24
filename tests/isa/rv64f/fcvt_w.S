/* FCVT.{W,WU}.S (single to integer): every rounding mode
 * (static) on +-0.5, +-1.5, +-2.5, +-0.75 and 7.25 (NX when inexact, none when exact);
 * dynamic rounding through frm; saturation with NV: NaN (any sign) -> largest positive,
 * +inf/too large -> largest, -inf/too small -> smallest (0 for unsigned); negative values
 * to unsigned: NV unless they round to 0 (e.g. -0.5 RTZ -> 0 with NX only); the limits
 * themselves; 32-bit results sign-extended to 64 bits (also for WU).
 */
#include "fp_test.h"
TEST_BEGIN

    /* fcvt.w.s static RNE */
    TEST_FP_TOINT(2, S, fcvt.w.s, rne, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(3, S, fcvt.w.s, rne, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(4, S, fcvt.w.s, rne, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(5, S, fcvt.w.s, rne, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(6, S, fcvt.w.s, rne, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(7, S, fcvt.w.s, rne, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(8, S, fcvt.w.s, rne, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(9, S, fcvt.w.s, rne, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(10, S, fcvt.w.s, rne, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.w.s static RTZ */
    TEST_FP_TOINT(11, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(12, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(13, S, fcvt.w.s, rtz, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(14, S, fcvt.w.s, rtz, FNX, 0xffffffffffffffff, 0xbfc00000)
    TEST_FP_TOINT(15, S, fcvt.w.s, rtz, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(16, S, fcvt.w.s, rtz, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(17, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(18, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(19, S, fcvt.w.s, rtz, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.w.s static RDN */
    TEST_FP_TOINT(20, S, fcvt.w.s, rdn, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(21, S, fcvt.w.s, rdn, FNX, 0xffffffffffffffff, 0xbf000000)
    TEST_FP_TOINT(22, S, fcvt.w.s, rdn, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(23, S, fcvt.w.s, rdn, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(24, S, fcvt.w.s, rdn, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(25, S, fcvt.w.s, rdn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(26, S, fcvt.w.s, rdn, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(27, S, fcvt.w.s, rdn, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(28, S, fcvt.w.s, rdn, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.w.s static RUP */
    TEST_FP_TOINT(29, S, fcvt.w.s, rup, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(30, S, fcvt.w.s, rup, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(31, S, fcvt.w.s, rup, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(32, S, fcvt.w.s, rup, FNX, 0xffffffffffffffff, 0xbfc00000)
    TEST_FP_TOINT(33, S, fcvt.w.s, rup, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(34, S, fcvt.w.s, rup, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(35, S, fcvt.w.s, rup, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(36, S, fcvt.w.s, rup, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(37, S, fcvt.w.s, rup, FNX, 0x0000000000000008, 0x40e80000)

    /* fcvt.w.s static RMM */
    TEST_FP_TOINT(38, S, fcvt.w.s, rmm, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(39, S, fcvt.w.s, rmm, FNX, 0xffffffffffffffff, 0xbf000000)
    TEST_FP_TOINT(40, S, fcvt.w.s, rmm, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(41, S, fcvt.w.s, rmm, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(42, S, fcvt.w.s, rmm, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(43, S, fcvt.w.s, rmm, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(44, S, fcvt.w.s, rmm, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(45, S, fcvt.w.s, rmm, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(46, S, fcvt.w.s, rmm, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.w.s limits, saturation, specials */
    TEST_FP_TOINT(47, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0x4f000000)
    TEST_FP_TOINT(48, S, fcvt.w.s, rtz, 0, 0xffffffff80000000, 0xcf000000)
    TEST_FP_TOINT(49, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0x4f800000)
    TEST_FP_TOINT(50, S, fcvt.w.s, rtz, 0, 0x000000007fffff80, 0x4effffff)
    TEST_FP_TOINT(51, S, fcvt.w.s, rtz, FNV, 0xffffffff80000000, 0xcf000001)
    TEST_FP_TOINT(52, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0x7f800000)
    TEST_FP_TOINT(53, S, fcvt.w.s, rtz, FNV, 0xffffffff80000000, 0xff800000)
    TEST_FP_TOINT(54, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0x7fc00000)
    TEST_FP_TOINT(55, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0xffc00000)
    TEST_FP_TOINT(56, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0x7f800001)
    TEST_FP_TOINT(57, S, fcvt.w.s, rtz, FNV, 0x000000007fffffff, 0xff812345)
    TEST_FP_TOINT(58, S, fcvt.w.s, rtz, 0, 0x0000000000000000, 0x80000000)
    TEST_FP_TOINT(59, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0x00000001)
    TEST_FP_TOINT(60, S, fcvt.w.s, rtz, FNX, 0x0000000000000000, 0x80000001)
    TEST_FP_TOINT(61, S, fcvt.w.s, rtz, 0, 0xffffffffffffffff, 0xbf800000)
    TEST_FP_TOINT(62, S, fcvt.w.s, rtz, 0, 0x0000000000800000, 0x4b000000)
    TEST_FP_TOINT(63, S, fcvt.w.s, rtz, 0, 0x000000000012d687, 0x4996b438)
    TEST_FP_TOINT(64, S, fcvt.w.s, rne, FNV, 0x000000007fffffff, 0x4f000000)
    TEST_FP_TOINT(65, S, fcvt.w.s, rne, 0, 0xffffffff80000000, 0xcf000000)
    TEST_FP_TOINT(66, S, fcvt.w.s, rne, FNV, 0x000000007fffffff, 0x4f800000)
    TEST_FP_TOINT(67, S, fcvt.w.s, rne, 0, 0x000000007fffff80, 0x4effffff)
    TEST_FP_TOINT(68, S, fcvt.w.s, rne, FNV, 0xffffffff80000000, 0xcf000001)
    TEST_FP_TOINT(69, S, fcvt.w.s, rne, FNV, 0x000000007fffffff, 0x7f800000)

    /* fcvt.w.s dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(70, S, fcvt.w.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(71, S, fcvt.w.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.w.s dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(72, S, fcvt.w.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(73, S, fcvt.w.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.w.s dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(74, S, fcvt.w.s, dyn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(75, S, fcvt.w.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.w.s dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(76, S, fcvt.w.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(77, S, fcvt.w.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.w.s dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(78, S, fcvt.w.s, dyn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(79, S, fcvt.w.s, dyn, FNX, 0x0000000000000004, 0x40600000)
    FP_SET_FRM(RM_RNE)

    /* fcvt.wu.s static RNE */
    TEST_FP_TOINT(80, S, fcvt.wu.s, rne, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(81, S, fcvt.wu.s, rne, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(82, S, fcvt.wu.s, rne, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(83, S, fcvt.wu.s, rne, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(84, S, fcvt.wu.s, rne, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(85, S, fcvt.wu.s, rne, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(86, S, fcvt.wu.s, rne, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(87, S, fcvt.wu.s, rne, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(88, S, fcvt.wu.s, rne, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.wu.s static RTZ */
    TEST_FP_TOINT(89, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(90, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(91, S, fcvt.wu.s, rtz, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(92, S, fcvt.wu.s, rtz, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(93, S, fcvt.wu.s, rtz, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(94, S, fcvt.wu.s, rtz, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(95, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(96, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(97, S, fcvt.wu.s, rtz, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.wu.s static RDN */
    TEST_FP_TOINT(98, S, fcvt.wu.s, rdn, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(99, S, fcvt.wu.s, rdn, FNV, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(100, S, fcvt.wu.s, rdn, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(101, S, fcvt.wu.s, rdn, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(102, S, fcvt.wu.s, rdn, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(103, S, fcvt.wu.s, rdn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(104, S, fcvt.wu.s, rdn, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(105, S, fcvt.wu.s, rdn, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(106, S, fcvt.wu.s, rdn, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.wu.s static RUP */
    TEST_FP_TOINT(107, S, fcvt.wu.s, rup, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(108, S, fcvt.wu.s, rup, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(109, S, fcvt.wu.s, rup, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(110, S, fcvt.wu.s, rup, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(111, S, fcvt.wu.s, rup, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(112, S, fcvt.wu.s, rup, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(113, S, fcvt.wu.s, rup, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(114, S, fcvt.wu.s, rup, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(115, S, fcvt.wu.s, rup, FNX, 0x0000000000000008, 0x40e80000)

    /* fcvt.wu.s static RMM */
    TEST_FP_TOINT(116, S, fcvt.wu.s, rmm, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(117, S, fcvt.wu.s, rmm, FNV, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(118, S, fcvt.wu.s, rmm, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(119, S, fcvt.wu.s, rmm, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(120, S, fcvt.wu.s, rmm, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(121, S, fcvt.wu.s, rmm, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(122, S, fcvt.wu.s, rmm, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(123, S, fcvt.wu.s, rmm, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(124, S, fcvt.wu.s, rmm, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.wu.s limits, saturation, specials */
    TEST_FP_TOINT(125, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0x4f800000)
    TEST_FP_TOINT(126, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0x50000000)
    TEST_FP_TOINT(127, S, fcvt.wu.s, rtz, 0, 0xffffffffffffff00, 0x4f7fffff)
    TEST_FP_TOINT(128, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0x7f800000)
    TEST_FP_TOINT(129, S, fcvt.wu.s, rtz, FNV, 0x0000000000000000, 0xff800000)
    TEST_FP_TOINT(130, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0x7fc00000)
    TEST_FP_TOINT(131, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0xffc00000)
    TEST_FP_TOINT(132, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0x7f800001)
    TEST_FP_TOINT(133, S, fcvt.wu.s, rtz, FNV, 0xffffffffffffffff, 0xff812345)
    TEST_FP_TOINT(134, S, fcvt.wu.s, rtz, 0, 0x0000000000000000, 0x80000000)
    TEST_FP_TOINT(135, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0x00000001)
    TEST_FP_TOINT(136, S, fcvt.wu.s, rtz, FNX, 0x0000000000000000, 0x80000001)
    TEST_FP_TOINT(137, S, fcvt.wu.s, rtz, FNV, 0x0000000000000000, 0xbf800000)
    TEST_FP_TOINT(138, S, fcvt.wu.s, rtz, 0, 0x0000000000800000, 0x4b000000)
    TEST_FP_TOINT(139, S, fcvt.wu.s, rtz, 0, 0x000000000012d687, 0x4996b438)
    TEST_FP_TOINT(140, S, fcvt.wu.s, rne, FNV, 0xffffffffffffffff, 0x4f800000)
    TEST_FP_TOINT(141, S, fcvt.wu.s, rne, FNV, 0xffffffffffffffff, 0x50000000)
    TEST_FP_TOINT(142, S, fcvt.wu.s, rne, 0, 0xffffffffffffff00, 0x4f7fffff)
    TEST_FP_TOINT(143, S, fcvt.wu.s, rne, FNV, 0xffffffffffffffff, 0x7f800000)
    TEST_FP_TOINT(144, S, fcvt.wu.s, rne, FNV, 0x0000000000000000, 0xff800000)
    TEST_FP_TOINT(145, S, fcvt.wu.s, rne, FNV, 0xffffffffffffffff, 0x7fc00000)

    /* fcvt.wu.s dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(146, S, fcvt.wu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(147, S, fcvt.wu.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.wu.s dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(148, S, fcvt.wu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(149, S, fcvt.wu.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.wu.s dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(150, S, fcvt.wu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(151, S, fcvt.wu.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.wu.s dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(152, S, fcvt.wu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(153, S, fcvt.wu.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.wu.s dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(154, S, fcvt.wu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(155, S, fcvt.wu.s, dyn, FNX, 0x0000000000000004, 0x40600000)
    FP_SET_FRM(RM_RNE)
TEST_END
