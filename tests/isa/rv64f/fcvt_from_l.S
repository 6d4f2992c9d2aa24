/* FCVT.S.{L,LU} (integer to single): exact conversions (no flags), 0 -> +0 in
 * every mode, values between representable neighbours (halfway and not, both signs) in
 * every rounding mode (static and dyn), the extreme integers; the W/WU forms read only the
 * low 32 bits of rs1.
 */
#include "fp_test.h"
TEST_BEGIN

    /* fcvt.s.l static RNE */
    TEST_FP_FROMINT_RM(2, S, fcvt.s.l, rne, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(3, S, fcvt.s.l, rne, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(4, S, fcvt.s.l, rne, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(5, S, fcvt.s.l, rne, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(6, S, fcvt.s.l, rne, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(7, S, fcvt.s.l, rne, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(8, S, fcvt.s.l, rne, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(9, S, fcvt.s.l, rne, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(10, S, fcvt.s.l, rne, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(11, S, fcvt.s.l, rne, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(12, S, fcvt.s.l, rne, FNX, 0xcb800000, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(13, S, fcvt.s.l, rne, FNX, 0xcc000000, 0xfffffffffdffffff)
    TEST_FP_FROMINT_RM(14, S, fcvt.s.l, rne, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(15, S, fcvt.s.l, rne, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(16, S, fcvt.s.l, rne, 0, 0xdeffffff, 0x8000008000000000)

    /* fcvt.s.l static RTZ */
    TEST_FP_FROMINT_RM(17, S, fcvt.s.l, rtz, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(18, S, fcvt.s.l, rtz, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(19, S, fcvt.s.l, rtz, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(20, S, fcvt.s.l, rtz, FNX, 0x5effffff, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(21, S, fcvt.s.l, rtz, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(22, S, fcvt.s.l, rtz, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(23, S, fcvt.s.l, rtz, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(24, S, fcvt.s.l, rtz, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(25, S, fcvt.s.l, rtz, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(26, S, fcvt.s.l, rtz, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(27, S, fcvt.s.l, rtz, FNX, 0xcb800000, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(28, S, fcvt.s.l, rtz, FNX, 0xcc000000, 0xfffffffffdffffff)
    TEST_FP_FROMINT_RM(29, S, fcvt.s.l, rtz, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(30, S, fcvt.s.l, rtz, FNX, 0x53800000, 0x0000010000010001)
    TEST_FP_FROMINT_RM(31, S, fcvt.s.l, rtz, 0, 0xdeffffff, 0x8000008000000000)

    /* fcvt.s.l static RDN */
    TEST_FP_FROMINT_RM(32, S, fcvt.s.l, rdn, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(33, S, fcvt.s.l, rdn, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(34, S, fcvt.s.l, rdn, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(35, S, fcvt.s.l, rdn, FNX, 0x5effffff, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(36, S, fcvt.s.l, rdn, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(37, S, fcvt.s.l, rdn, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(38, S, fcvt.s.l, rdn, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(39, S, fcvt.s.l, rdn, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(40, S, fcvt.s.l, rdn, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(41, S, fcvt.s.l, rdn, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(42, S, fcvt.s.l, rdn, FNX, 0xcb800001, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(43, S, fcvt.s.l, rdn, FNX, 0xcc000001, 0xfffffffffdffffff)
    TEST_FP_FROMINT_RM(44, S, fcvt.s.l, rdn, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(45, S, fcvt.s.l, rdn, FNX, 0x53800000, 0x0000010000010001)
    TEST_FP_FROMINT_RM(46, S, fcvt.s.l, rdn, 0, 0xdeffffff, 0x8000008000000000)

    /* fcvt.s.l static RUP */
    TEST_FP_FROMINT_RM(47, S, fcvt.s.l, rup, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(48, S, fcvt.s.l, rup, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(49, S, fcvt.s.l, rup, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(50, S, fcvt.s.l, rup, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(51, S, fcvt.s.l, rup, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(52, S, fcvt.s.l, rup, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(53, S, fcvt.s.l, rup, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(54, S, fcvt.s.l, rup, FNX, 0x4c000001, 0x0000000002000001)
    TEST_FP_FROMINT_RM(55, S, fcvt.s.l, rup, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(56, S, fcvt.s.l, rup, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(57, S, fcvt.s.l, rup, FNX, 0xcb800000, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(58, S, fcvt.s.l, rup, FNX, 0xcc000000, 0xfffffffffdffffff)
    TEST_FP_FROMINT_RM(59, S, fcvt.s.l, rup, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(60, S, fcvt.s.l, rup, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(61, S, fcvt.s.l, rup, 0, 0xdeffffff, 0x8000008000000000)

    /* fcvt.s.l static RMM */
    TEST_FP_FROMINT_RM(62, S, fcvt.s.l, rmm, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(63, S, fcvt.s.l, rmm, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(64, S, fcvt.s.l, rmm, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(65, S, fcvt.s.l, rmm, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(66, S, fcvt.s.l, rmm, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(67, S, fcvt.s.l, rmm, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(68, S, fcvt.s.l, rmm, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(69, S, fcvt.s.l, rmm, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(70, S, fcvt.s.l, rmm, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(71, S, fcvt.s.l, rmm, 0, 0xbf800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(72, S, fcvt.s.l, rmm, FNX, 0xcb800001, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(73, S, fcvt.s.l, rmm, FNX, 0xcc000000, 0xfffffffffdffffff)
    TEST_FP_FROMINT_RM(74, S, fcvt.s.l, rmm, 0, 0xdf000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(75, S, fcvt.s.l, rmm, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(76, S, fcvt.s.l, rmm, 0, 0xdeffffff, 0x8000008000000000)

    /* fcvt.s.l dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_FROMINT_RM(77, S, fcvt.s.l, dyn, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(78, S, fcvt.s.l, dyn, FNX, 0xcb800001, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(79, S, fcvt.s.l, dyn, 0, 0x00000000, 0x0000000000000000)

    /* fcvt.s.l dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_FROMINT_RM(80, S, fcvt.s.l, dyn, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(81, S, fcvt.s.l, dyn, FNX, 0xcb800000, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(82, S, fcvt.s.l, dyn, 0, 0x00000000, 0x0000000000000000)
    FP_SET_FRM(RM_RNE)

    /* fcvt.s.lu static RNE */
    TEST_FP_FROMINT_RM(83, S, fcvt.s.lu, rne, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(84, S, fcvt.s.lu, rne, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(85, S, fcvt.s.lu, rne, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(86, S, fcvt.s.lu, rne, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(87, S, fcvt.s.lu, rne, 0, 0x5f000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(88, S, fcvt.s.lu, rne, FNX, 0x5f800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(89, S, fcvt.s.lu, rne, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(90, S, fcvt.s.lu, rne, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(91, S, fcvt.s.lu, rne, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(92, S, fcvt.s.lu, rne, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(93, S, fcvt.s.lu, rne, FNX, 0x5f000000, 0x8000008000000000)

    /* fcvt.s.lu static RTZ */
    TEST_FP_FROMINT_RM(94, S, fcvt.s.lu, rtz, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(95, S, fcvt.s.lu, rtz, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(96, S, fcvt.s.lu, rtz, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(97, S, fcvt.s.lu, rtz, FNX, 0x5effffff, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(98, S, fcvt.s.lu, rtz, 0, 0x5f000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(99, S, fcvt.s.lu, rtz, FNX, 0x5f7fffff, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(100, S, fcvt.s.lu, rtz, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(101, S, fcvt.s.lu, rtz, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(102, S, fcvt.s.lu, rtz, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(103, S, fcvt.s.lu, rtz, FNX, 0x53800000, 0x0000010000010001)
    TEST_FP_FROMINT_RM(104, S, fcvt.s.lu, rtz, FNX, 0x5f000000, 0x8000008000000000)

    /* fcvt.s.lu static RDN */
    TEST_FP_FROMINT_RM(105, S, fcvt.s.lu, rdn, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(106, S, fcvt.s.lu, rdn, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(107, S, fcvt.s.lu, rdn, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(108, S, fcvt.s.lu, rdn, FNX, 0x5effffff, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(109, S, fcvt.s.lu, rdn, 0, 0x5f000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(110, S, fcvt.s.lu, rdn, FNX, 0x5f7fffff, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(111, S, fcvt.s.lu, rdn, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(112, S, fcvt.s.lu, rdn, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(113, S, fcvt.s.lu, rdn, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(114, S, fcvt.s.lu, rdn, FNX, 0x53800000, 0x0000010000010001)
    TEST_FP_FROMINT_RM(115, S, fcvt.s.lu, rdn, FNX, 0x5f000000, 0x8000008000000000)

    /* fcvt.s.lu static RUP */
    TEST_FP_FROMINT_RM(116, S, fcvt.s.lu, rup, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(117, S, fcvt.s.lu, rup, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(118, S, fcvt.s.lu, rup, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(119, S, fcvt.s.lu, rup, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(120, S, fcvt.s.lu, rup, 0, 0x5f000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(121, S, fcvt.s.lu, rup, FNX, 0x5f800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(122, S, fcvt.s.lu, rup, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(123, S, fcvt.s.lu, rup, FNX, 0x4c000001, 0x0000000002000001)
    TEST_FP_FROMINT_RM(124, S, fcvt.s.lu, rup, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(125, S, fcvt.s.lu, rup, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(126, S, fcvt.s.lu, rup, FNX, 0x5f000001, 0x8000008000000000)

    /* fcvt.s.lu static RMM */
    TEST_FP_FROMINT_RM(127, S, fcvt.s.lu, rmm, 0, 0x00000000, 0x0000000000000000)
    TEST_FP_FROMINT_RM(128, S, fcvt.s.lu, rmm, 0, 0x3f800000, 0x0000000000000001)
    TEST_FP_FROMINT_RM(129, S, fcvt.s.lu, rmm, 0, 0x40e00000, 0x0000000000000007)
    TEST_FP_FROMINT_RM(130, S, fcvt.s.lu, rmm, FNX, 0x5f000000, 0x7fffffffffffffff)
    TEST_FP_FROMINT_RM(131, S, fcvt.s.lu, rmm, 0, 0x5f000000, 0x8000000000000000)
    TEST_FP_FROMINT_RM(132, S, fcvt.s.lu, rmm, FNX, 0x5f800000, 0xffffffffffffffff)
    TEST_FP_FROMINT_RM(133, S, fcvt.s.lu, rmm, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(134, S, fcvt.s.lu, rmm, FNX, 0x4c000000, 0x0000000002000001)
    TEST_FP_FROMINT_RM(135, S, fcvt.s.lu, rmm, 0, 0x4b3c614e, 0x0000000000bc614e)
    TEST_FP_FROMINT_RM(136, S, fcvt.s.lu, rmm, FNX, 0x53800001, 0x0000010000010001)
    TEST_FP_FROMINT_RM(137, S, fcvt.s.lu, rmm, FNX, 0x5f000001, 0x8000008000000000)

    /* fcvt.s.lu dynamic, frm = RDN */
    FP_SET_FRM(RM_RDN)
    TEST_FP_FROMINT_RM(138, S, fcvt.s.lu, dyn, FNX, 0x4b800000, 0x0000000001000001)
    TEST_FP_FROMINT_RM(139, S, fcvt.s.lu, dyn, FNX, 0x5f7fffff, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(140, S, fcvt.s.lu, dyn, 0, 0x00000000, 0x0000000000000000)

    /* fcvt.s.lu dynamic, frm = RUP */
    FP_SET_FRM(RM_RUP)
    TEST_FP_FROMINT_RM(141, S, fcvt.s.lu, dyn, FNX, 0x4b800001, 0x0000000001000001)
    TEST_FP_FROMINT_RM(142, S, fcvt.s.lu, dyn, FNX, 0x5f800000, 0xfffffffffeffffff)
    TEST_FP_FROMINT_RM(143, S, fcvt.s.lu, dyn, 0, 0x00000000, 0x0000000000000000)
    FP_SET_FRM(RM_RNE)
TEST_END
