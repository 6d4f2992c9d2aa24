/* FCVT.{L,LU}.S (single to integer): every rounding mode
 * (static) on +-0.5, +-1.5, +-2.5, +-0.75 and 7.25 (NX when inexact, none when exact);
 * dynamic rounding through frm; saturation with NV: NaN (any sign) -> largest positive,
 * +inf/too large -> largest, -inf/too small -> smallest (0 for unsigned); negative values
 * to unsigned: NV unless they round to 0 (e.g. -0.5 RTZ -> 0 with NX only); the limits
 * themselves; 32-bit results sign-extended to 64 bits (also for WU).
 */
#include "fp_test.h"
TEST_BEGIN

    /* fcvt.l.s static RNE */
    TEST_FP_TOINT(2, S, fcvt.l.s, rne, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(3, S, fcvt.l.s, rne, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(4, S, fcvt.l.s, rne, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(5, S, fcvt.l.s, rne, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(6, S, fcvt.l.s, rne, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(7, S, fcvt.l.s, rne, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(8, S, fcvt.l.s, rne, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(9, S, fcvt.l.s, rne, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(10, S, fcvt.l.s, rne, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.l.s static RTZ */
    TEST_FP_TOINT(11, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(12, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(13, S, fcvt.l.s, rtz, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(14, S, fcvt.l.s, rtz, FNX, 0xffffffffffffffff, 0xbfc00000)
    TEST_FP_TOINT(15, S, fcvt.l.s, rtz, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(16, S, fcvt.l.s, rtz, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(17, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(18, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(19, S, fcvt.l.s, rtz, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.l.s static RDN */
    TEST_FP_TOINT(20, S, fcvt.l.s, rdn, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(21, S, fcvt.l.s, rdn, FNX, 0xffffffffffffffff, 0xbf000000)
    TEST_FP_TOINT(22, S, fcvt.l.s, rdn, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(23, S, fcvt.l.s, rdn, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(24, S, fcvt.l.s, rdn, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(25, S, fcvt.l.s, rdn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(26, S, fcvt.l.s, rdn, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(27, S, fcvt.l.s, rdn, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(28, S, fcvt.l.s, rdn, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.l.s static RUP */
    TEST_FP_TOINT(29, S, fcvt.l.s, rup, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(30, S, fcvt.l.s, rup, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(31, S, fcvt.l.s, rup, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(32, S, fcvt.l.s, rup, FNX, 0xffffffffffffffff, 0xbfc00000)
    TEST_FP_TOINT(33, S, fcvt.l.s, rup, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(34, S, fcvt.l.s, rup, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(35, S, fcvt.l.s, rup, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(36, S, fcvt.l.s, rup, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(37, S, fcvt.l.s, rup, FNX, 0x0000000000000008, 0x40e80000)

    /* fcvt.l.s static RMM */
    TEST_FP_TOINT(38, S, fcvt.l.s, rmm, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(39, S, fcvt.l.s, rmm, FNX, 0xffffffffffffffff, 0xbf000000)
    TEST_FP_TOINT(40, S, fcvt.l.s, rmm, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(41, S, fcvt.l.s, rmm, FNX, 0xfffffffffffffffe, 0xbfc00000)
    TEST_FP_TOINT(42, S, fcvt.l.s, rmm, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(43, S, fcvt.l.s, rmm, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(44, S, fcvt.l.s, rmm, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(45, S, fcvt.l.s, rmm, FNX, 0xffffffffffffffff, 0xbf400000)
    TEST_FP_TOINT(46, S, fcvt.l.s, rmm, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.l.s limits, saturation, specials */
    TEST_FP_TOINT(47, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0x5f000000)
    TEST_FP_TOINT(48, S, fcvt.l.s, rtz, 0, 0x8000000000000000, 0xdf000000)
    TEST_FP_TOINT(49, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0x5f800000)
    TEST_FP_TOINT(50, S, fcvt.l.s, rtz, 0, 0x7fffff8000000000, 0x5effffff)
    TEST_FP_TOINT(51, S, fcvt.l.s, rtz, FNV, 0x8000000000000000, 0xdf000001)
    TEST_FP_TOINT(52, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0x7f800000)
    TEST_FP_TOINT(53, S, fcvt.l.s, rtz, FNV, 0x8000000000000000, 0xff800000)
    TEST_FP_TOINT(54, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0x7fc00000)
    TEST_FP_TOINT(55, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0xffc00000)
    TEST_FP_TOINT(56, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0x7f800001)
    TEST_FP_TOINT(57, S, fcvt.l.s, rtz, FNV, 0x7fffffffffffffff, 0xff812345)
    TEST_FP_TOINT(58, S, fcvt.l.s, rtz, 0, 0x0000000000000000, 0x80000000)
    TEST_FP_TOINT(59, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0x00000001)
    TEST_FP_TOINT(60, S, fcvt.l.s, rtz, FNX, 0x0000000000000000, 0x80000001)
    TEST_FP_TOINT(61, S, fcvt.l.s, rtz, 0, 0xffffffffffffffff, 0xbf800000)
    TEST_FP_TOINT(62, S, fcvt.l.s, rtz, 0, 0x0000000000800000, 0x4b000000)
    TEST_FP_TOINT(63, S, fcvt.l.s, rtz, 0, 0x000000000012d687, 0x4996b438)
    TEST_FP_TOINT(64, S, fcvt.l.s, rne, FNV, 0x7fffffffffffffff, 0x5f000000)
    TEST_FP_TOINT(65, S, fcvt.l.s, rne, 0, 0x8000000000000000, 0xdf000000)
    TEST_FP_TOINT(66, S, fcvt.l.s, rne, FNV, 0x7fffffffffffffff, 0x5f800000)
    TEST_FP_TOINT(67, S, fcvt.l.s, rne, 0, 0x7fffff8000000000, 0x5effffff)
    TEST_FP_TOINT(68, S, fcvt.l.s, rne, FNV, 0x8000000000000000, 0xdf000001)
    TEST_FP_TOINT(69, S, fcvt.l.s, rne, FNV, 0x7fffffffffffffff, 0x7f800000)

    /* fcvt.l.s dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(70, S, fcvt.l.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(71, S, fcvt.l.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.l.s dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(72, S, fcvt.l.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(73, S, fcvt.l.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.l.s dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(74, S, fcvt.l.s, dyn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(75, S, fcvt.l.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.l.s dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(76, S, fcvt.l.s, dyn, FNX, 0xfffffffffffffffe, 0xc0200000)
    TEST_FP_TOINT(77, S, fcvt.l.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.l.s dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(78, S, fcvt.l.s, dyn, FNX, 0xfffffffffffffffd, 0xc0200000)
    TEST_FP_TOINT(79, S, fcvt.l.s, dyn, FNX, 0x0000000000000004, 0x40600000)
    FP_SET_FRM(RM_RNE)

    /* fcvt.lu.s static RNE */
    TEST_FP_TOINT(80, S, fcvt.lu.s, rne, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(81, S, fcvt.lu.s, rne, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(82, S, fcvt.lu.s, rne, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(83, S, fcvt.lu.s, rne, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(84, S, fcvt.lu.s, rne, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(85, S, fcvt.lu.s, rne, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(86, S, fcvt.lu.s, rne, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(87, S, fcvt.lu.s, rne, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(88, S, fcvt.lu.s, rne, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.lu.s static RTZ */
    TEST_FP_TOINT(89, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(90, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(91, S, fcvt.lu.s, rtz, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(92, S, fcvt.lu.s, rtz, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(93, S, fcvt.lu.s, rtz, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(94, S, fcvt.lu.s, rtz, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(95, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(96, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(97, S, fcvt.lu.s, rtz, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.lu.s static RDN */
    TEST_FP_TOINT(98, S, fcvt.lu.s, rdn, FNX, 0x0000000000000000, 0x3f000000)
    TEST_FP_TOINT(99, S, fcvt.lu.s, rdn, FNV, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(100, S, fcvt.lu.s, rdn, FNX, 0x0000000000000001, 0x3fc00000)
    TEST_FP_TOINT(101, S, fcvt.lu.s, rdn, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(102, S, fcvt.lu.s, rdn, FNX, 0x0000000000000002, 0x40200000)
    TEST_FP_TOINT(103, S, fcvt.lu.s, rdn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(104, S, fcvt.lu.s, rdn, FNX, 0x0000000000000000, 0x3f400000)
    TEST_FP_TOINT(105, S, fcvt.lu.s, rdn, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(106, S, fcvt.lu.s, rdn, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.lu.s static RUP */
    TEST_FP_TOINT(107, S, fcvt.lu.s, rup, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(108, S, fcvt.lu.s, rup, FNX, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(109, S, fcvt.lu.s, rup, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(110, S, fcvt.lu.s, rup, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(111, S, fcvt.lu.s, rup, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(112, S, fcvt.lu.s, rup, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(113, S, fcvt.lu.s, rup, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(114, S, fcvt.lu.s, rup, FNX, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(115, S, fcvt.lu.s, rup, FNX, 0x0000000000000008, 0x40e80000)

    /* fcvt.lu.s static RMM */
    TEST_FP_TOINT(116, S, fcvt.lu.s, rmm, FNX, 0x0000000000000001, 0x3f000000)
    TEST_FP_TOINT(117, S, fcvt.lu.s, rmm, FNV, 0x0000000000000000, 0xbf000000)
    TEST_FP_TOINT(118, S, fcvt.lu.s, rmm, FNX, 0x0000000000000002, 0x3fc00000)
    TEST_FP_TOINT(119, S, fcvt.lu.s, rmm, FNV, 0x0000000000000000, 0xbfc00000)
    TEST_FP_TOINT(120, S, fcvt.lu.s, rmm, FNX, 0x0000000000000003, 0x40200000)
    TEST_FP_TOINT(121, S, fcvt.lu.s, rmm, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(122, S, fcvt.lu.s, rmm, FNX, 0x0000000000000001, 0x3f400000)
    TEST_FP_TOINT(123, S, fcvt.lu.s, rmm, FNV, 0x0000000000000000, 0xbf400000)
    TEST_FP_TOINT(124, S, fcvt.lu.s, rmm, FNX, 0x0000000000000007, 0x40e80000)

    /* fcvt.lu.s limits, saturation, specials */
    TEST_FP_TOINT(125, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0x5f800000)
    TEST_FP_TOINT(126, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0x60000000)
    TEST_FP_TOINT(127, S, fcvt.lu.s, rtz, 0, 0xffffff0000000000, 0x5f7fffff)
    TEST_FP_TOINT(128, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0x7f800000)
    TEST_FP_TOINT(129, S, fcvt.lu.s, rtz, FNV, 0x0000000000000000, 0xff800000)
    TEST_FP_TOINT(130, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0x7fc00000)
    TEST_FP_TOINT(131, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0xffc00000)
    TEST_FP_TOINT(132, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0x7f800001)
    TEST_FP_TOINT(133, S, fcvt.lu.s, rtz, FNV, 0xffffffffffffffff, 0xff812345)
    TEST_FP_TOINT(134, S, fcvt.lu.s, rtz, 0, 0x0000000000000000, 0x80000000)
    TEST_FP_TOINT(135, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0x00000001)
    TEST_FP_TOINT(136, S, fcvt.lu.s, rtz, FNX, 0x0000000000000000, 0x80000001)
    TEST_FP_TOINT(137, S, fcvt.lu.s, rtz, FNV, 0x0000000000000000, 0xbf800000)
    TEST_FP_TOINT(138, S, fcvt.lu.s, rtz, 0, 0x0000000000800000, 0x4b000000)
    TEST_FP_TOINT(139, S, fcvt.lu.s, rtz, 0, 0x000000000012d687, 0x4996b438)
    TEST_FP_TOINT(140, S, fcvt.lu.s, rne, FNV, 0xffffffffffffffff, 0x5f800000)
    TEST_FP_TOINT(141, S, fcvt.lu.s, rne, FNV, 0xffffffffffffffff, 0x60000000)
    TEST_FP_TOINT(142, S, fcvt.lu.s, rne, 0, 0xffffff0000000000, 0x5f7fffff)
    TEST_FP_TOINT(143, S, fcvt.lu.s, rne, FNV, 0xffffffffffffffff, 0x7f800000)
    TEST_FP_TOINT(144, S, fcvt.lu.s, rne, FNV, 0x0000000000000000, 0xff800000)
    TEST_FP_TOINT(145, S, fcvt.lu.s, rne, FNV, 0xffffffffffffffff, 0x7fc00000)

    /* fcvt.lu.s dynamic, frm = RNE */
    FP_SET_FRM(RM_RNE)
    TEST_FP_TOINT(146, S, fcvt.lu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(147, S, fcvt.lu.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.lu.s dynamic, frm = RTZ */
    FP_SET_FRM(RM_RTZ)
    TEST_FP_TOINT(148, S, fcvt.lu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(149, S, fcvt.lu.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.lu.s dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_TOINT(150, S, fcvt.lu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(151, S, fcvt.lu.s, dyn, FNX, 0x0000000000000003, 0x40600000)

    /* fcvt.lu.s dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_TOINT(152, S, fcvt.lu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(153, S, fcvt.lu.s, dyn, FNX, 0x0000000000000004, 0x40600000)

    /* fcvt.lu.s dynamic, frm = RMM */
    FP_SET_FRM(RM_RMM)
    TEST_FP_TOINT(154, S, fcvt.lu.s, dyn, FNV, 0x0000000000000000, 0xc0200000)
    TEST_FP_TOINT(155, S, fcvt.lu.s, dyn, FNX, 0x0000000000000004, 0x40600000)
    FP_SET_FRM(RM_RNE)
TEST_END
