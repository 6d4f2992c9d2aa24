/* Reserved rounding modes raise illegal instruction (mcause 2):
 *  - dynamic rounding (rm = 7 in the instruction) with frm = 5, 6 or 7 (also when frm
 *    got there through a whole-fcsr write), for arithmetic, fma, sqrt and conversions;
 *  - rm = 5 or 6 encoded in the instruction, whatever frm holds.
 * A trapping instruction leaves rd and fflags unchanged. Static rounding modes and
 * instructions without a rounding mode (sign injection, min/max, compares, fclass, moves,
 * loads/stores) do not trap while frm holds a reserved value.
 */
#include "fp_test.h"
#define ONE_S 0xffffffff3f800000
#define TWO_D 0x4000000000000000

/* run `code` with fa3 preset to a marker; expect trap `cause`, fa3 and fflags kept */
#define TEST_ILL(num, code...)                                                    \
    TEST_TRAP(num, CAUSE_ILLEGAL, li t0, 0x1234; fmv.d.x fa3, t0; li a0, 0x1234;  \
              csrwi fflags, FDZ; code);                                           \
    fmv.x.d t0, fa3; li t2, 0x1234; bne t0, t2, fail; bne a0, t2, fail;           \
    frflags t0; li t2, FDZ; bne t0, t2, fail
#define TEST_NOTRAP(num, code...) TEST_TRAP(num, -1, code)

TEST_BEGIN
    FP_TRAP_INIT
    li t0, ONE_S; fmv.d.x fa0, t0; fmv.d.x fa1, t0; fmv.d.x fa2, t0
    li t0, TWO_D; fmv.d.x fs0, t0; fmv.d.x fs1, t0; fmv.d.x fs2, t0

    /* frm = 5 */
    FP_SET_FRM(5)
    TEST_ILL(2, fadd.s fa3, fa0, fa1, dyn)
    TEST_ILL(3, fmul.d fa3, fs0, fs1, dyn)
    TEST_ILL(4, fsqrt.s fa3, fa0, dyn)
    TEST_ILL(5, fmadd.d fa3, fs0, fs1, fs2, dyn)
    TEST_ILL(6, fcvt.w.s a0, fa0, dyn)
    TEST_ILL(7, fcvt.s.l fa3, a0, dyn)
    TEST_ILL(8, fcvt.s.d fa3, fs0, dyn)
    /* static modes and rm-less instructions still work */
    TEST_NOTRAP(9, fadd.s fa3, fa0, fa1, rtz; fmv.x.w a0, fa3; li t2, 0x40000000; bne a0, t2, fail)
    TEST_NOTRAP(10, fsgnjn.d fa3, fs0, fs1; fmin.s fa3, fa0, fa1; feq.d a0, fs0, fs1; fclass.s a0, fa0; fmv.x.w a0, fa0; fmv.w.x fa3, a0)
    TEST_NOTRAP(11, la a2, buf; fsd fs0, 0(a2); fld fa3, 0(a2); flw fa3, 0(a2); fsw fa3, 0(a2))
    TEST_CASE(12, a0, 5, frrm a0)
    /* frm = 6 */
    FP_SET_FRM(6)
    TEST_ILL(13, fsub.d fa3, fs0, fs1, dyn)
    TEST_ILL(14, fdiv.s fa3, fa0, fa1, dyn)
    TEST_ILL(15, fnmsub.s fa3, fa0, fa1, fa2, dyn)
    TEST_ILL(16, fcvt.lu.d a0, fs0, dyn)
    TEST_ILL(17, fcvt.d.lu fa3, a0, dyn)
    TEST_NOTRAP(18, fmax.d fa3, fs0, fs1; flt.s a0, fa0, fa1; fsgnjx.s fa3, fa0, fa1)
    /* frm = 7 through a whole-fcsr write */
    TEST_CASE(19, a0, 7, li t0, 0xe0; fscsr t0; frrm a0)
    TEST_ILL(20, fadd.d fa3, fs0, fs1, dyn)
    TEST_ILL(21, fnmadd.s fa3, fa0, fa1, fa2, dyn)
    TEST_ILL(22, fsqrt.d fa3, fs0, dyn)
    TEST_ILL(23, fcvt.l.s a0, fa0, dyn)
    TEST_ILL(24, fcvt.s.wu fa3, a0, dyn)
    TEST_NOTRAP(25, fmul.d fa3, fs0, fs1, rmm; fmsub.s fa3, fa0, fa1, fa2, rdn; fcvt.w.d a0, fs0, rup)
    /* back to a valid frm: dyn works again */
    FP_SET_FRM(RM_RNE)
    TEST_NOTRAP(26, fadd.d fa3, fs0, fs1, dyn; fmv.x.d a0, fa3; li t2, 0x4010000000000000; bne a0, t2, fail)

    /* rm = 5 / 6 in the instruction (frm valid) */
    TEST_ILL(27, .insn r 0x53, 5, 0x00, fa3, fa0, fa1)        /* fadd.s rm=5 */
    TEST_ILL(28, .insn r 0x53, 6, 0x00, fa3, fa0, fa1)        /* fadd.s rm=6 */
    TEST_ILL(29, .insn r 0x53, 5, 0x09, fa3, fs0, fs1)        /* fmul.d rm=5 */
    TEST_ILL(30, .insn r 0x53, 6, 0x0d, fa3, fs0, fs1)        /* fdiv.d rm=6 */
    TEST_ILL(31, .insn r 0x53, 5, 0x2c, fa3, fa0, f0)         /* fsqrt.s rm=5 */
    TEST_ILL(32, .insn r4 0x43, 6, 0, fa3, fa0, fa1, fa2)     /* fmadd.s rm=6 */
    TEST_ILL(33, .insn r4 0x4f, 5, 1, fa3, fs0, fs1, fs2)     /* fnmadd.d rm=5 */
    TEST_ILL(34, .insn r 0x53, 6, 0x60, a0, fa0, x0)          /* fcvt.w.s rm=6 */
    TEST_ILL(35, .insn r 0x53, 5, 0x69, fa3, a0, f2)          /* fcvt.d.l rm=5 */
    TEST_ILL(36, .insn r 0x53, 6, 0x20, fa3, fs0, f1)         /* fcvt.s.d rm=6 */
    TEST_ILL(37, .insn r 0x53, 5, 0x61, a0, fs0, f3)          /* fcvt.lu.d rm=5 */
    /* ... also when frm holds a reserved value */
    FP_SET_FRM(6)
    TEST_ILL(38, .insn r 0x53, 5, 0x04, fa3, fa0, fa1)        /* fsub.s rm=5 */
    FP_SET_FRM(RM_RNE)
    /* the same encodings with a valid rm execute (encoding sanity check) */
    TEST_NOTRAP(39, .insn r 0x53, 1, 0x00, fa3, fa0, fa1; fmv.x.w a0, fa3; li t2, 0x40000000; bne a0, t2, fail)
    TEST_NOTRAP(40, li a0, 0x1234; .insn r 0x53, 2, 0x69, fa3, a0, f2; fmv.x.d a0, fa3; li t2, 0x40b2340000000000; bne a0, t2, fail)
TEST_END

    .data
    .align 3
buf: .dword 0
