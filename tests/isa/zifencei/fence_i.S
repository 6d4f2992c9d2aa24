/* Zifencei: self-modifying code. An instruction written to memory is executed after
 * FENCE.I; rewriting it and FENCE.I again runs the new one (a cached old copy must
 * not survive); a 16-bit instruction patched in place; code patched right ahead of
 * the running instruction stream, in the same page, through plain, AMO, compressed,
 * FP and misaligned stores. */
#include "isa_test.h"
#define ADDI_A0(imm) (((imm) << 20) | 0x513)
TEST_BEGIN
    .option norvc
    /* code buffer: li a0, 1; ret */
    TEST_CASE(2, a0, 1, la a1, codebuf; li a2, ADDI_A0(1); sw a2, 0(a1); li a2, 0x8067; sw a2, 4(a1); fence.i; jalr a1)
    TEST_CASE(3, a0, 2, la a1, codebuf; li a2, ADDI_A0(2); sw a2, 0(a1); fence.i; jalr a1)
    TEST_CASE(4, a0, 3, la a1, codebuf; li a2, ADDI_A0(3); sw a2, 0(a1); fence.i; jalr a1)
    /* run it a few times in a loop, then patch */
    TEST_CASE(5, a0, 3, la a1, codebuf; li a3, 5; 1: jalr a1; addi a3, a3, -1; bnez a3, 1b)
    TEST_CASE(6, a0, 0x7ff, la a1, codebuf; li a2, ADDI_A0(0x7ff); sw a2, 0(a1); fence.i; jalr a1)
    /* 16-bit: c.li a0, 9 (0x4525); c.jr ra (0x8082) */
    TEST_CASE(7, a0, 9, la a1, codebuf; li a2, 0x80824525; sw a2, 0(a1); fence.i; jalr a1)
    TEST_CASE(8, a0, 10, la a1, codebuf; li a2, 0x4529; sh a2, 0(a1); fence.i; jalr a1)
    /* patch the instruction right after the fence.i in the running code */
    TEST_CASE(9, a0, 0x42, li a0, 0; la a1, 1f; li a2, ADDI_A0(0x42); sw a2, 0(a1); fence.i; 1: addi a0, x0, 0x11)
    TEST_CASE(10, a0, 0x43, li a0, 0; la a1, 1f; li a2, ADDI_A0(0x43); sw a2, 0(a1); fence.i; 1: addi a0, x0, 0x11)
    /* patching a single byte of the immediate */
    TEST_CASE(11, a0, 0x101, la a1, codebuf; li a2, ADDI_A0(1); sw a2, 0(a1); li a2, 0x8067; sw a2, 4(a1); fence.i; jalr a1; li a2, 0x10; sb a2, 3(a1); fence.i; jalr a1)
    /* patching the running page through the other store paths: AMO, compressed store,
       64-bit FP store (two instructions at once), misaligned store */
    TEST_CASE(12, a0, 0x51, li a0, 0; la a1, 1f; li a2, ADDI_A0(0x51); amoswap.w x0, a2, (a1); fence.i; 1: addi a0, x0, 0x11)
    TEST_CASE(13, a0, 0x52, li a0, 0; la a1, 1f; li a2, ADDI_A0(0x52); .option push; .option rvc; c.sw a2, 0(a1); .option pop; fence.i; 1: addi a0, x0, 0x11)
    TEST_CASE(14, a0, 0x54, li a0, 0; la a1, 1f; li a2, (0x00150513 << 32) | ADDI_A0(0x53); fmv.d.x fa0, a2; fsd fa0, 0(a1); fence.i; .option push; .option rvc; .balign 8; .option pop; 1: addi a0, x0, 0x11; addi a0, a0, 0x22)
    TEST_CASE(15, a0, 0x55, li a0, 0; la a1, 1f; li a2, ADDI_A0(0x55); sw a2, 0(a1); fence.i; .option push; .option rvc; .balign 4; c.nop; 1: .option pop; addi a0, x0, 0x11)
TEST_END
    .data
    .align 4
codebuf: .skip 64
