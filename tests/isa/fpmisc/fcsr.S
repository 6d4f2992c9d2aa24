/* fcsr / frm / fflags CSRs: layout (fflags = fcsr[4:0], frm = fcsr[7:5], fcsr[31:8]
 * reads zero), csrrw/csrrs/csrrc and their immediate forms on all three (old value
 * returned, masking of written values), the fsrm/frrm/fsflags/frflags/fscsr/frcsr
 * idioms; flags accrue across instructions (never cleared by FP instructions) and show
 * in fcsr; frm drives dynamic rounding.
 */
#include "fp_test.h"
TEST_BEGIN
    /* layout */
    TEST_CASE(2, a0, 0, csrwi fcsr, 0; csrr a0, fcsr)
    TEST_CASE(3, a0, 0, li t0, 0xff; csrrw a0, fcsr, t0)               /* old value */
    TEST_CASE(4, a0, 0xff, csrr a0, fcsr)
    TEST_CASE(5, a0, 7, csrr a0, frm)
    TEST_CASE(6, a0, 0x1f, csrr a0, fflags)
    TEST_CASE(7, a0, 0xff, li t0, -1; csrw fcsr, t0; csrr a0, fcsr)     /* bits 31:8 stay 0 */
    TEST_CASE(8, a0, 0xa5, li t0, 0xffffffa5; csrw fcsr, t0; csrr a0, fcsr)
    TEST_CASE(9, a0, 5, csrr a0, frm)
    TEST_CASE(10, a0, 0x05, csrr a0, fflags)
    /* fflags writes: 5 bits, frm untouched */
    TEST_CASE(11, a0, 0x05, li t0, 0xfff; csrrw a0, fflags, t0)
    TEST_CASE(12, a0, 0xbf, csrr a0, fcsr)
    TEST_CASE(13, a0, 0x1f, csrr a0, fflags)
    TEST_CASE(14, a0, 0x1f, csrrwi a0, fflags, 0x0a)
    TEST_CASE(15, a0, 0xaa, csrr a0, fcsr)
    /* frm writes: 3 bits, fflags untouched */
    TEST_CASE(16, a0, 5, li t0, 0xf9; csrrw a0, frm, t0)
    TEST_CASE(17, a0, 0x2a, csrr a0, fcsr)                              /* frm = 1 */
    TEST_CASE(18, a0, 1, csrrwi a0, frm, 0x1e)
    TEST_CASE(19, a0, 0xca, csrr a0, fcsr)                              /* frm = 6 */
    /* csrrs / csrrc */
    TEST_CASE(20, a0, 0x0a, csrwi fcsr, 0x10; csrwi fflags, 0x0a; li t0, 0x11; csrrs a0, fflags, t0)
    TEST_CASE(21, a0, 0x1b, csrr a0, fflags)
    TEST_CASE(22, a0, 0x1b, li t0, 0x0c; csrrc a0, fflags, t0)
    TEST_CASE(23, a0, 0x13, csrr a0, fcsr)
    TEST_CASE(24, a0, 0x13, csrrci a0, fflags, 0x03)
    TEST_CASE(25, a0, 0x10, csrrsi a0, fflags, 0x04)
    TEST_CASE(26, a0, 0x14, csrr a0, fflags)
    TEST_CASE(27, a0, 0, csrrsi a0, frm, 2)
    TEST_CASE(28, a0, 2, csrrsi a0, frm, 1)
    TEST_CASE(29, a0, 3, csrrci a0, frm, 2)
    TEST_CASE(30, a0, 0x34, csrr a0, fcsr)
    TEST_CASE(31, a0, 0x34, li t0, 0x300; csrrs a0, fcsr, t0)           /* bit 8+ cannot be set */
    TEST_CASE(32, a0, 0x34, csrr a0, fcsr)
    TEST_CASE(33, a0, 0x34, li t0, 0xe1; csrrs a0, fcsr, t0)
    TEST_CASE(34, a0, 0xf5, csrr a0, fcsr)
    TEST_CASE(35, a0, 0xf5, li t0, 0x81; csrrc a0, fcsr, t0)
    TEST_CASE(36, a0, 0x74, csrr a0, fcsr)
    TEST_CASE(37, a0, 0x74, csrrs a0, fcsr, x0)                         /* pure read */
    TEST_CASE(38, a0, 0x74, csrrc a0, fcsr, x0; csrr a0, fcsr)
    /* the assembler idioms */
    TEST_CASE(39, a0, 3, li t0, 2; fsrm a0, t0)
    TEST_CASE(40, a0, 2, frrm a0)
    TEST_CASE(41, a0, 0x14, li t0, 0x1; fsflags a0, t0)
    TEST_CASE(42, a0, 0x01, frflags a0)
    TEST_CASE(43, a0, 0x41, li t0, 0x82; fscsr a0, t0)
    TEST_CASE(44, a0, 0x82, frcsr a0)
    TEST_CASE(45, a0, 4, fsrmi a0, 1)
    TEST_CASE(46, a0, 0x2f, fsflagsi 0xf; frcsr a0)

    /* flags accrue; FP instructions only ever set them */
    TEST_CASE(47, a0, FDZ, csrwi fcsr, 0; FP_LD(S, fa0, 0x3f800000); FP_LD(S, fa1, 0); fdiv.s fa2, fa0, fa1; frflags a0)
    TEST_CASE(48, a0, FDZ|FNX, FP_LD(S, fa1, 0x40400000); fdiv.s fa2, fa0, fa1; frflags a0)
    TEST_CASE(49, a0, FDZ|FNX, fadd.s fa2, fa0, fa0; fsgnj.s fa2, fa0, fa1; frflags a0)   /* exact op: unchanged */
    TEST_CASE(50, a0, FNV|FDZ|FNX, FP_LD(S, fa1, 0xbf800000); fsqrt.s fa2, fa1; frflags a0)
    TEST_CASE(51, a0, FNV|FDZ|FOF|FNX, FP_LD(D, fa1, 0x7fefffffffffffff); fadd.d fa2, fa1, fa1; frflags a0)
    TEST_CASE(52, a0, 0x1f, FP_LD(D, fa1, 0x0000000000000001); fmul.d fa2, fa1, fa1; frflags a0)
    TEST_CASE(53, a0, 0x1f, csrr a0, fcsr)
    TEST_CASE(54, a0, FNX, csrwi fflags, 0; FP_LD(S, fa1, 0x3f000000); fcvt.w.s a1, fa1, rtz; frflags a0)
    TEST_CASE(55, a0, FNX|FNV, FP_LD(S, fa1, 0x7f800001); feq.s a1, fa1, fa1; frflags a0)
    TEST_CASE(56, a0, FNX|FNV, FP_LD(S, fa1, 0x7fc00000); feq.s a1, fa1, fa1; fle.d a1, fa0, fa0; frflags a0)
    TEST_CASE(57, a0, FNX|FNV|FDZ, FP_LD(D, fa1, 0); FP_LD(D, fa0, 0xbff0000000000000); fdiv.d fa2, fa0, fa1; frflags a0)
    /* flags accrue with frm set too, and fcsr writes replace them */
    TEST_CASE(58, a0, (RM_RUP << 5) | FNX|FNV|FDZ, fsrmi RM_RUP; frcsr a0)
    TEST_CASE(59, a0, (RM_RUP << 5), fsflagsi 0; frcsr a0)

    /* frm drives dyn rounding: 1/3 single in RUP, then RDN, then RMM */
    FP_SET_FRM(RM_RUP)
    TEST_FP_OP2_RM_S(60, fdiv.s, dyn, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)
    FP_SET_FRM(RM_RDN)
    TEST_FP_OP2_RM_S(61, fdiv.s, dyn, FNX, 0x3eaaaaaa, 0x3f800000, 0x40400000)
    TEST_FP_OP2_RM_S(62, fdiv.s, rup, FNX, 0x3eaaaaab, 0x3f800000, 0x40400000)
    TEST_CASE(63, a0, RM_RDN, frrm a0)                                  /* static rm leaves frm alone */
    TEST_CASE(64, a0, (RM_RMM << 5) | FNX, li t0, (RM_RMM << 5); fscsr t0; FP_LD(D, fa0, 0x3ff0000000000000); FP_LD(D, fa1, 0x4008000000000000); fdiv.d fa2, fa0, fa1; frcsr a0)
    TEST_CASE(65, a0, 0x3fd5555555555555, fmv.x.d a0, fa2)
TEST_END
