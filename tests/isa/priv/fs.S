/* mstatus.FS and SD: with FS = Off every FP instruction and FP CSR access is illegal
 * (cause 2, mtval = instruction bits); writing an FP register or fcsr with FS =
 * Initial or Clean makes FS Dirty and sets SD (also seen through sstatus); SD reads
 * 0 when FS is not Dirty. */
#include "isa_trap.h"
#define FS_OF(reg) srli a0, reg, 13; andi a0, a0, 3
#define SD_OF(reg) srli a0, reg, 63
TEST_BEGIN
    .option norvc
    TRAP_INIT
    li a1, MSTATUS_FS
    csrc mstatus, a1
    TEST_CASE(2, a0, 0, csrr a2, mstatus; FS_OF(a2))
    TEST_CASE(3, a0, 0, csrr a2, mstatus; SD_OF(a2))
    TEST_TRAP_TVAL(4, 2, 0x02b57553, fadd.d fa0, fa0, fa1)
    TEST_TRAP_TVAL(5, 2, 0xe2050553, fmv.x.d a0, fa0)
    TEST_TRAP_TVAL(6, 2, 0xf2058553, fmv.d.x fa0, a1)
    TEST_TRAP_TVAL(7, 2, 0x00003027 | (10 << 20) | (8 << 15) | 0, fsd fa0, 0(s0))
    TEST_TRAP_TVAL(8, 2, 0x00302573, csrr a0, fcsr)
    TEST_TRAP_TVAL(9, 2, 0x00105073, csrwi fflags, 0)
    TEST_TRAP_TVAL(10, 2, 0x00002507 | (0 << 20) | (10 << 15), flw fa0, 0(a0))
    TEST_TRAP(11, 2, .option push; .option rvc; c.fldsp fa0, 0(sp); .option pop)
    /* Initial -> Dirty on an FP register write */
    li a1, (1 << 13)
    csrs mstatus, a1
    TEST_CASE(12, a0, 1, csrr a2, mstatus; FS_OF(a2))
    TEST_CASE(13, a0, 0, csrr a2, mstatus; SD_OF(a2))
    TEST_CASE(14, a0, 3, li a1, 0x3ff0000000000000; fmv.d.x fa0, a1; csrr a2, mstatus; FS_OF(a2))
    TEST_CASE(15, a0, 1, csrr a2, mstatus; SD_OF(a2))
    TEST_CASE(16, a0, 1, csrr a2, sstatus; SD_OF(a2))
    TEST_CASE(17, a0, 3, csrr a2, sstatus; FS_OF(a2))
    /* Clean -> Dirty on an FP register write / fcsr write */
    TEST_CASE(18, a0, 0, li a1, MSTATUS_FS; csrc mstatus, a1; li a1, (2 << 13); csrs mstatus, a1; csrr a2, mstatus; SD_OF(a2))
    TEST_CASE(19, a0, 3, fadd.d fa2, fa0, fa0; csrr a2, mstatus; FS_OF(a2))
    TEST_CASE(20, a0, 3, li a1, MSTATUS_FS; csrc mstatus, a1; li a1, (2 << 13); csrs mstatus, a1; csrwi fcsr, 0; csrr a2, mstatus; FS_OF(a2))
    TEST_CASE(21, a0, 3, li a1, MSTATUS_FS; csrc mstatus, a1; li a1, (1 << 13); csrs mstatus, a1; la a3, dval; fld fa3, 0(a3); csrr a2, mstatus; FS_OF(a2))
    /* FS through sstatus */
    TEST_CASE(22, a0, 0, li a1, MSTATUS_FS; csrc sstatus, a1; csrr a2, mstatus; FS_OF(a2))
    TEST_TRAP(23, 2, fmv.x.d a0, fa0)
    /* in S and U the same */
    GOTO_MODE(PRV_S)
    TEST_TRAP(24, 2, fmv.x.d a0, fa0)
    TO_M
    GOTO_MODE(PRV_U)
    TEST_TRAP(25, 2, fmv.x.d a0, fa0)
    TO_M
    li a1, (3 << 13)
    csrs mstatus, a1
    GOTO_MODE(PRV_U)
    TEST_CASE(26, a0, 0x3ff0000000000000, fmv.x.d a0, fa0)
    TO_M
TEST_END_TRAP
    .data
    .align 3
dval: .dword 0x4000000000000000
