/* Register-immediate ALU: ADDI SLTI SLTIU XORI ORI ANDI SLLI SRLI SRAI — 12-bit
 * sign-extended immediates (-2048..2047), wrap-around, signed vs unsigned compare,
 * shift amounts 0 and 63, rd == rs1, x0 as destination. */
#include "isa_test.h"
#define RI(num, inst, expect, v, imm) TEST_CASE(num, a0, expect, li a1, v; inst a0, a1, imm)
TEST_BEGIN
    .option norvc
    RI(2, addi, 0, 0, 0)
    RI(3, addi, 2047, 0, 2047)
    RI(4, addi, -2048, 0, -2048)
    RI(5, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
    RI(6, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
    RI(7, addi, 0, -1, 1)
    RI(8, addi, 0x100000000, 0xffffffff, 1)
    TEST_CASE(9, a1, 12, li a1, 5; addi a1, a1, 7)
    TEST_CASE(10, x0, 0, addi x0, x0, 5)
    TEST_CASE(11, a0, 5, li a1, 5; addi a0, a1, 0)          /* mv */

    RI(12, slti, 1, -1, 0)
    RI(13, slti, 0, 0, 0)
    RI(14, slti, 0, 0, -1)
    RI(15, slti, 1, 0x8000000000000000, -2048)
    RI(16, slti, 0, 0x7fffffffffffffff, 2047)
    RI(17, slti, 1, 2046, 2047)
    RI(18, slti, 0, -2048, -2048)

    RI(20, sltiu, 1, 0, 1)                                  /* seqz */
    RI(21, sltiu, 0, 5, 1)
    RI(22, sltiu, 1, 0, -1)                                 /* imm = 2^64-1 */
    RI(23, sltiu, 1, 0xfffffffffffffffe, -1)
    RI(24, sltiu, 0, -1, -1)
    RI(25, sltiu, 0, -1, 0)
    RI(26, sltiu, 1, 0x7fe, 2047)
    RI(27, sltiu, 0, 0x8000000000000000, 2047)
    RI(28, sltiu, 1, 0x8000000000000000, -2048)

    RI(30, xori, 0xfffffffffffff0f0, 0x0f0f, -1)            /* not */
    RI(31, xori, 0x00ff00ff00ff07ff, 0x00ff00ff00ff0000, 0x7ff)
    RI(32, xori, 0xff00ff00ff00f800, 0x00ff00ff00ff00ff, -1793) /* imm 0x8ff -> sign-ext */
    RI(33, ori, 0x12345ff, 0x1234500, 0xff)
    RI(34, ori, 0xfffffffffffff800, 0, -2048)
    RI(35, ori, -1, 0x1234, -1)
    RI(36, andi, 0x0000000000000234, 0x1234, 0x7ff)
    RI(37, andi, 0xfffffffffffff800, -1, -2048)
    RI(38, andi, 0x123456789abcd800, 0x123456789abcdef0, -2048)
    RI(39, andi, 0, 0x123456789abcdef0, 0)

    RI(40, slli, 0x1234, 0x1234, 0)
    RI(41, slli, 2, 1, 1)
    RI(42, slli, 0x8000000000000000, 1, 63)
    RI(43, slli, 0x100000000, 1, 32)
    RI(44, slli, 0xfffffffe00000000, 0xffffffff, 33)
    RI(45, srli, 0x8000000000000000, 0x8000000000000000, 0)
    RI(46, srli, 1, 0x8000000000000000, 63)
    RI(47, srli, 0x00000000ffffffff, -1, 32)
    RI(48, srli, 0x4000000000000000, 0x8000000000000000, 1)
    RI(49, srai, 0xc000000000000000, 0x8000000000000000, 1)
    RI(50, srai, -1, 0x8000000000000000, 63)
    RI(51, srai, 0, 0x7fffffffffffffff, 63)
    RI(52, srai, 0x3fffffffffffffff, 0x7fffffffffffffff, 1)
    RI(53, srai, 0xffffffff80000000, 0x8000000000000000, 32)
    RI(54, srai, 0x1234, 0x1234, 0)
    TEST_CASE(55, x0, 0, li a1, -1; slli x0, a1, 3)
    TEST_CASE(56, a1, 0x80, li a1, 1; slli a1, a1, 7)
TEST_END
