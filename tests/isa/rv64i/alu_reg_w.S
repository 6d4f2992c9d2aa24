/* 32-bit register-register ops ADDW SUBW SLLW SRLW SRAW: low 32 bits of the
 * operands, 32-bit result sign-extended, shift amount = low 5 bits of rs2 only. */
#include "isa_test.h"
#define RR(num, inst, expect, v1, v2) TEST_CASE(num, a0, expect, li a1, v1; li a2, v2; inst a0, a1, a2)
TEST_BEGIN
    .option norvc
    RR(2, addw, 0xffffffff80000000, 0x7fffffff, 1)
    RR(3, addw, 0, 0xffffffff, 1)
    RR(4, addw, 0x7fffffff, 0x80000000, 0xffffffff)
    RR(5, addw, 3, 0x1234567800000001, 0xabcdef0000000002)
    RR(6, addw, 0xfffffffffffffffe, 0xffffffff, 0xffffffff)
    RR(10, subw, 0x7fffffff, 0x80000000, 1)
    RR(11, subw, 0xffffffff80000000, 0, 0x80000000)
    RR(12, subw, -1, 0x100000000, 1)
    RR(13, subw, 0, 0x1111111100000005, 0x2222222200000005)
    RR(14, subw, 0xffffffff80000001, 0x7fffffff, 0xfffffffffffffffe)
    RR(20, sllw, 0xffffffff80000000, 1, 31)
    RR(21, sllw, 1, 1, 32)           /* only low 5 bits: 32 -> 0 */
    RR(22, sllw, 2, 1, 33)
    RR(23, sllw, 0x12345678, 0xffffffff12345678, 0)
    RR(24, sllw, 0xffffffff80000000, 0x0000000300000001, 0x3f)
    RR(25, sllw, 0xfffffffffedcba90, 0x0fedcba9, 4)
    RR(30, srlw, 1, 0x80000000, 31)
    RR(31, srlw, 0xffffffff80000000, 0x80000000, 32)
    RR(32, srlw, 0x7fffffff, -1, 33)
    RR(33, srlw, 0x0000ffff, 0x12345678ffff0000, 16)
    RR(34, srlw, 0xffffffff87654321, 0x1234567887654321, 0xffffffffffffffe0)
    RR(40, sraw, -1, 0x80000000, 31)
    RR(41, sraw, 0xffffffff80000000, 0x80000000, 32)
    RR(42, sraw, 0xffffffffc0000000, 0x80000000, 33)
    RR(43, sraw, 0x00007fff, 0xffffffff7fff0000, 16)
    RR(44, sraw, 0xffffffffffff8000, 0x0000000080000000, 0x50)
    RR(45, sraw, 0, 0x7fffffff, 31)
    TEST_CASE(46, x0, 0, li a1, 1; addw x0, a1, a1)
    TEST_CASE(47, a0, 0xffffffff80000000, li a0, 0x40000000; addw a0, a0, a0)
TEST_END
