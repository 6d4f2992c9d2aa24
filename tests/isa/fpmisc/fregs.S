/* The 32 f registers: each holds its own 64-bit value (written with fmv.d.x, read with
 * fmv.x.d and fsd), f0 is an ordinary register, and register fields are decoded from the
 * right places: rd/rs1/rs2/rs3 spread over the whole register file, incl. rd equal to a
 * source and all operands the same register, for R-type and R4-type (fma) instructions,
 * compressed loads/stores, and integer<->FP forms with x registers other than a0/a1.
 */
#include "fp_test.h"
#define PAT(r) (0x3ff0000000000000 + ((r) << 40) + (r))
TEST_BEGIN
    /* 2: write f0..f31 with distinct patterns, then check all via fmv.x.d */
    li TESTNUM, 2
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li t0, PAT(\r)
    fmv.d.x f\r, t0
    .endr
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fmv.x.d t1, f\r
    li t0, PAT(\r)
    bne t0, t1, fail
    .endr
    /* 3: and via fsd to memory */
    li TESTNUM, 3
    la a2, buf
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsd f\r, (\r * 8)(a2)
    .endr
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld t1, (\r * 8)(a2)
    li t0, PAT(\r)
    bne t0, t1, fail
    .endr
    /* 4: fld back into reversed registers */
    li TESTNUM, 4
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fld f\r, ((31 - \r) * 8)(a2)
    .endr
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fmv.x.d t1, f\r
    li t0, PAT(31 - \r)
    bne t0, t1, fail
    .endr

    /* R-type with scattered fields; values: f31=1.0, f1=2.0, f17=3.0, f30=5.0, f0=7.0 */
#define SETUP li t0, 0x3ff0000000000000; fmv.d.x f31, t0; li t0, 0x4000000000000000; fmv.d.x f1, t0; \
              li t0, 0x4008000000000000; fmv.d.x f17, t0; li t0, 0x4014000000000000; fmv.d.x f30, t0; \
              li t0, 0x401c000000000000; fmv.d.x f0, t0
    TEST_CASE(5, a0, 0x4014000000000000, SETUP; fadd.d f16, f1, f17; fmv.x.d a0, f16)            /* 2+3 */
    TEST_CASE(6, a0, 0xc000000000000000, SETUP; fsub.d f0, f30, f0; fmv.x.d a0, f0)               /* 5-7 */
    TEST_CASE(7, a0, 0x4024000000000000, SETUP; fmul.d f30, f30, f1; fmv.x.d a0, f30)             /* rd = rs1 */
    TEST_CASE(8, a0, 0x4022000000000000, SETUP; fmul.d f17, f17, f17; fmv.x.d a0, f17)            /* all same */
    TEST_CASE(9, a0, 0x4000000000000000, SETUP; fdiv.d f2, f1, f31; fmv.x.d a0, f2)               /* 2/1 */
    TEST_CASE(10, a0, 0x3fe0000000000000, SETUP; fdiv.d f1, f31, f1; fmv.x.d a0, f1)              /* rd = rs2 */
    /* R4-type: rs3 field (bits 31:27) */
    TEST_CASE(11, a0, 0x401c000000000000, SETUP; fmadd.d f5, f1, f17, f31; fmv.x.d a0, f5)       /* 2*3+1 */
    TEST_CASE(12, a0, 0x4030000000000000, SETUP; fmadd.d f31, f17, f30, f31; fmv.x.d a0, f31)    /* 3*5+1, rd = rs3 */
    TEST_CASE(13, a0, 0x4028000000000000, SETUP; fmadd.d f0, f17, f17, f17; fmv.x.d a0, f0)      /* 3*3+3 */
    TEST_CASE(14, a0, 0xc020000000000000, SETUP; fnmadd.d f9, f31, f0, f31; fmv.x.d a0, f9)      /* -(1*7)-1 */
    TEST_CASE(15, a0, 0x4008000000000000, SETUP; fmsub.d f20, f1, f30, f0; fmv.x.d a0, f20)        /* 2*5-7 */
    TEST_CASE(16, a0, 0x3ff0000000000000, SETUP; fnmsub.d f1, f1, f17, f0; fmv.x.d a0, f1)        /* -(2*3)+7, rd = rs1 */
    /* compares / conversions with other integer registers */
    TEST_CASE(17, s3, 1, SETUP; flt.d s3, f1, f17)
    TEST_CASE(18, t5, 0, SETUP; li t5, 9; fle.d t5, f30, f17)
    TEST_CASE(19, s7, 7, SETUP; fcvt.l.d s7, f0, rtz)
    TEST_CASE(20, a0, 0x4049000000000000, SETUP; li s6, 50; fcvt.d.l f29, s6; fmv.x.d a0, f29)
    TEST_CASE(21, x0, 0, SETUP; feq.d x0, f1, f1)                                                  /* rd = x0 stays 0 */
    /* compressed FP loads/stores with other registers in the RVC range */
    TEST_CASE(22, a0, 0x4008000000000000, SETUP; la s1, buf; c.fsd fs1, 0(s1); fmv.d.x fs1, x0; fsd f17, 0(s1); c.fld fs0, 0(s1); fmv.x.d a0, fs0)
TEST_END

    .data
    .align 3
buf: .fill 256, 1, 0
