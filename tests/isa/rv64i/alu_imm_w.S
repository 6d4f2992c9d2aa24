/* 32-bit register-immediate ops ADDIW SLLIW SRLIW SRAIW: operate on the low 32 bits
 * of rs1 (upper bits ignored) and sign-extend the 32-bit result to 64 bits. */
#include "isa_test.h"
#define RI(num, inst, expect, v, imm) TEST_CASE(num, a0, expect, li a1, v; inst a0, a1, imm)
TEST_BEGIN
    .option norvc
    RI(2, addiw, 0, 0, 0)
    RI(3, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    RI(4, addiw, 0x7fffffff, 0xffffffff80000000, -1)
    RI(5, addiw, 0x7fffffff, 0x80000000, -1)
    RI(6, addiw, 0xffffffff80000000, 0x1234567880000000, 0)   /* sext.w */
    RI(7, addiw, 0x12345678, 0xffffffff12345678, 0)
    RI(8, addiw, 0, 0xffffffff, 1)
    RI(9, addiw, 2047, 0x5500000000, 2047)
    RI(10, addiw, -2048, 0x5500000000, -2048)
    RI(11, addiw, 0xfffffffffffffffe, 0x0123456700000000 - 1, -1)

    RI(15, slliw, 0x1234, 0x1234, 0)
    RI(16, slliw, 0xffffffff80000000, 1, 31)
    RI(17, slliw, 0, 0x100000000, 1)
    RI(18, slliw, 0x0000000012345670, 0xfffffff801234567, 4)
    RI(19, slliw, 0xffffffffabcd0000, 0xabcd, 16)
    RI(20, slliw, 0xffffffff80000000, 0xffffffff80000000, 0)
    RI(25, srliw, 0xffffffff80000000, 0x80000000, 0)
    RI(26, srliw, 0x40000000, 0x80000000, 1)
    RI(27, srliw, 1, 0x80000000, 31)
    RI(28, srliw, 0x7fffffff, -1, 1)
    RI(29, srliw, 0x00001234, 0xffffffff12345678, 16)
    RI(30, srliw, 0xffffffffffffffff, 0xffffffff, 0)
    RI(35, sraiw, 0xffffffffc0000000, 0x80000000, 1)
    RI(36, sraiw, -1, 0x80000000, 31)
    RI(37, sraiw, 0, 0x7fffffff, 31)
    RI(38, sraiw, 0x3fffffff, 0xffffffff7fffffff, 1)
    RI(39, sraiw, 0xffffffffffff8000, 0x0000000180000000, 16)
    RI(40, sraiw, 0x12345678, 0xaaaaaaaa12345678, 0)
    TEST_CASE(41, x0, 0, li a1, 5; addiw x0, a1, 1)
TEST_END
