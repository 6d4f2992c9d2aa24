/* mstatus.FS (bits 14:13) and mstatus.SD (bit 63) with the F/D extensions:
 *  - FS = Off: every kind of FP instruction (loads/stores incl. compressed, arithmetic,
 *    fma, sqrt, sign injection, min/max, compares, fclass, moves, conversions) and any
 *    access to fcsr/frm/fflags raises illegal instruction (mcause 2); FS stays Off and
 *    the f registers, fcsr and integer destinations are left unchanged.
 *  - FS = Clean/Initial: writing an f register (arithmetic, load, move, conversion) or
 *    writing fflags/frm/fcsr makes FS = Dirty and sets SD; SD reads 0 while FS is not
 *    Dirty (XS and VS are off here).
 */
#include "fp_test.h"
#define MSTATUS_FS 0x6000
#define FS_OFF 0
#define FS_INITIAL 0x2000
#define FS_CLEAN 0x4000
#define FS_DIRTY 0x6000
#define SET_FS(v) li t0, MSTATUS_FS; csrc mstatus, t0; li t0, v; csrs mstatus, t0
/* a0 = mstatus.FS | (SD >> 63 << 0): FS bits as they sit, SD as bit 0 */
#define READ_FS_SD csrr t0, mstatus; li t1, MSTATUS_FS; and a0, t0, t1; srli t0, t0, 63; or a0, a0, t0

#define TEST_OFF(num, code...) TEST_TRAP(num, CAUSE_ILLEGAL, li a0, 0x77; code); li t2, 0x77; bne a0, t2, fail
#define TEST_DIRTY(num, from, code...) \
    TEST_CASE(num, a0, FS_DIRTY | 1, SET_FS(from); READ_FS_SD; li t2, from; bne a0, t2, fail; code; READ_FS_SD)

TEST_BEGIN
    FP_TRAP_INIT
    /* known state to compare against afterwards */
    li t0, 0x3ff0000000000000; fmv.d.x fa0, t0; fmv.d.x fa1, t0; fmv.d.x fa2, t0; fmv.d.x fa3, t0
    li t0, (RM_RTZ << 5) | FNX; csrw fcsr, t0
    la s0, buf

    /* Dirty / SD */
    TEST_CASE(2, a0, FS_CLEAN, SET_FS(FS_CLEAN); READ_FS_SD)            /* SD clear */
    TEST_CASE(3, a0, FS_DIRTY | 1, SET_FS(FS_DIRTY); READ_FS_SD)        /* SD set */
    TEST_DIRTY(4, FS_CLEAN, fmv.w.x ft0, x0)
    TEST_DIRTY(5, FS_CLEAN, fadd.d ft0, fa0, fa1)
    TEST_DIRTY(6, FS_CLEAN, fld ft0, 0(s0))
    TEST_DIRTY(7, FS_INITIAL, flw ft1, 0(s0))
    TEST_DIRTY(8, FS_CLEAN, fcvt.d.l ft1, x0)
    TEST_DIRTY(9, FS_INITIAL, fmadd.s ft1, fa0, fa1, fa2)
    TEST_DIRTY(10, FS_CLEAN, csrwi fflags, FNX)
    TEST_DIRTY(11, FS_CLEAN, csrwi frm, RM_RTZ)
    TEST_DIRTY(12, FS_INITIAL, li t0, (RM_RTZ << 5) | FNX; csrw fcsr, t0)

    /* FS = Off: everything traps */
    SET_FS(FS_OFF)
    TEST_CASE(13, a0, 0, READ_FS_SD)
    TEST_OFF(14, flw fa3, 0(s0))
    TEST_OFF(15, fsw fa0, 0(s0))
    TEST_OFF(16, fld fa3, 0(s0))
    TEST_OFF(17, fsd fa0, 0(s0))
    TEST_OFF(18, c.fld fa3, 8(s0))
    TEST_OFF(19, c.fsd fa0, 8(s0))
    TEST_OFF(20, c.fldsp fa3, 0(sp))
    TEST_OFF(21, fadd.s fa3, fa0, fa1)
    TEST_OFF(22, fdiv.d fa3, fa0, fa1)
    TEST_OFF(23, fsqrt.d fa3, fa0)
    TEST_OFF(24, fmadd.d fa3, fa0, fa1, fa2)
    TEST_OFF(25, fnmsub.s fa3, fa0, fa1, fa2)
    TEST_OFF(26, fsgnj.d fa3, fa0, fa1)
    TEST_OFF(27, fmin.s fa3, fa0, fa1)
    TEST_OFF(28, feq.d a0, fa0, fa1)
    TEST_OFF(29, flt.s a0, fa0, fa1)
    TEST_OFF(30, fclass.d a0, fa0)
    TEST_OFF(31, fmv.x.w a0, fa0)
    TEST_OFF(32, fmv.x.d a0, fa0)
    TEST_OFF(33, fmv.w.x fa3, x0)
    TEST_OFF(34, fmv.d.x fa3, x0)
    TEST_OFF(35, fcvt.w.s a0, fa0, rtz)
    TEST_OFF(36, fcvt.d.lu fa3, x0)
    TEST_OFF(37, fcvt.s.d fa3, fa0)
    TEST_OFF(38, fcvt.d.s fa3, fa0)
    TEST_OFF(39, csrr a0, fcsr)
    TEST_OFF(40, csrr a0, frm)
    TEST_OFF(41, csrr a0, fflags)
    TEST_OFF(42, csrwi fflags, 0)
    TEST_OFF(43, csrrw a0, fcsr, x0)
    TEST_OFF(44, fsrmi a0, 0)
    TEST_OFF(45, csrrs a0, fflags, x0)
    TEST_CASE(46, a0, 0, READ_FS_SD)                                     /* still Off */
    /* nothing changed */
    SET_FS(FS_CLEAN)
    TEST_CASE(47, a0, 0x3ff0000000000000, fmv.x.d a0, fa3)
    TEST_CASE(48, a0, (RM_RTZ << 5) | FNX, frcsr a0)
    TEST_CASE(49, a0, 0, ld a0, 0(s0))
TEST_END

    .data
    .align 3
buf: .dword 0, 0
