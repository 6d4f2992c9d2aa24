/* LUI and AUIPC: 20-bit immediates placed at bits 31:12, sign extension of bit 31 to
 * 64 bits, AUIPC relative to its own address (forward, zero and negative offsets). */
#include "isa_test.h"
TEST_BEGIN
    .option norvc
    TEST_CASE(2, a0, 0x12345000, lui a0, 0x12345)
    TEST_CASE(3, a0, 0, lui a0, 0)
    TEST_CASE(4, a0, 0x7ffff000, lui a0, 0x7ffff)
    TEST_CASE(5, a0, 0xffffffff80000000, lui a0, 0x80000)
    TEST_CASE(6, a0, 0xfffffffffffff000, lui a0, 0xfffff)
    TEST_CASE(7, x0, 0, lui x0, 0x12345)
    TEST_CASE(8, a0, 0x12345678, lui a0, 0x12345; addi a0, a0, 0x678)
    TEST_CASE(9, a0, 0, 1: auipc a0, 0; la a1, 1b; sub a0, a0, a1)
    TEST_CASE(10, a0, 0x1000, 1: auipc a0, 1; la a1, 1b; sub a0, a0, a1)
    TEST_CASE(11, a0, 0x7ffff000, 1: auipc a0, 0x7ffff; la a1, 1b; sub a0, a0, a1)
    TEST_CASE(12, a0, 0xffffffff80000000, 1: auipc a0, 0x80000; la a1, 1b; sub a0, a0, a1)
    TEST_CASE(13, a0, 0xfffffffffffff000, 1: auipc a0, 0xfffff; la a1, 1b; sub a0, a0, a1)
    TEST_CASE(14, x0, 0, auipc x0, 1)
    /* pc-relative pair reaching a data word */
    TEST_CASE(15, a0, 0x5a5aa5a5, 1: auipc a1, %pcrel_hi(word); lwu a0, %pcrel_lo(1b)(a1))
TEST_END
    .data
    .align 3
word: .word 0x5a5aa5a5
