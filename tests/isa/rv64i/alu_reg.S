/* Register-register ALU: ADD SUB SLL SLT SLTU XOR SRL SRA OR AND — wrap-around,
 * signed/unsigned compare edges, shift amounts taken from the low 6 bits of rs2 only,
 * rd == rs1 == rs2, x0 as source and destination. */
#include "isa_test.h"
#define RR(num, inst, expect, v1, v2) TEST_CASE(num, a0, expect, li a1, v1; li a2, v2; inst a0, a1, a2)
#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff
TEST_BEGIN
    .option norvc
    RR(2, add, 0, -1, 1)
    RR(3, add, MIN, MAX, 1)
    RR(4, add, 0xfffffffffffffffe, MAX, MAX + 0)
    RR(5, add, 0x100000000, 0xffffffff, 1)
    RR(6, sub, 0, 5, 5)
    RR(7, sub, -1, 0, 1)
    RR(8, sub, MAX, MIN, 1)
    RR(9, sub, MIN, 0, MIN)
    RR(10, sub, 0xffffffff, 0x100000000, 1)
    TEST_CASE(11, a0, 0, li a0, 77; sub a0, a0, a0)
    TEST_CASE(12, a0, 154, li a0, 77; add a0, a0, a0)
    RR(13, sub, 3, 1, -2)

    RR(15, sll, 0x1234, 0x1234, 0)
    RR(16, sll, MIN, 1, 63)
    RR(17, sll, 1, 1, 64)            /* only low 6 bits: 64 -> 0 */
    RR(18, sll, 2, 1, 65)
    RR(19, sll, 0x8000000000000000, 1, 0xffffffffffffffff)
    RR(20, sll, 0xf0, 0xf, 0x7fffffffffffffc4)
    RR(21, srl, 1, MIN, 63)
    RR(22, srl, MIN, MIN, 64)
    RR(23, srl, 0x00ffffffffffffff, -1, 0x48)
    RR(24, srl, 0x4000000000000000, MIN, 1)
    RR(25, sra, -1, MIN, 63)
    RR(26, sra, MIN, MIN, 0xc0)
    RR(27, sra, 0xffffffffffff0000, 0xff00000000000000, 0x28)
    RR(28, sra, 0x0000000000ff0000, 0x00ff000000000000, 32)
    RR(29, sra, 0xc000000000000000, MIN, -63)   /* low 6 bits of -63 = 1 */

    RR(30, slt, 1, -1, 0)
    RR(31, slt, 0, 0, -1)
    RR(32, slt, 1, MIN, MAX)
    RR(33, slt, 0, MAX, MIN)
    RR(34, slt, 0, 7, 7)
    RR(35, sltu, 0, -1, 0)
    RR(36, sltu, 1, 0, -1)
    RR(37, sltu, 0, MIN, MAX)
    RR(38, sltu, 1, MAX, MIN)
    RR(39, sltu, 0, 7, 7)
    TEST_CASE(40, a0, 1, li a2, 9; sltu a0, x0, a2)  /* snez */
    TEST_CASE(41, a0, 0, sltu a0, x0, x0)

    RR(45, xor, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f, 0xf00ff00ff00ff00f)
    RR(46, xor, 0, 0x1234, 0x1234)
    RR(47, or, 0xff0fff0fff0fff0f, 0x0f0f0f0f0f0f0f0f, 0xf00ff00ff00ff00f)
    RR(48, or, -1, MIN, MAX)
    RR(49, and, 0x000f000f000f000f, 0x0f0f0f0f0f0f0f0f, 0xf00ff00ff00ff00f)
    RR(50, and, 0, MIN, MAX)
    TEST_CASE(51, x0, 0, li a1, 1; li a2, 2; add x0, a1, a2)
    TEST_CASE(52, x0, 0, li a1, 1; or x0, a1, a1)
    TEST_CASE(53, a0, -5, li a1, 5; sub a0, x0, a1)     /* neg */
    TEST_CASE(54, a0, 0, li a1, 5; and a0, a1, x0)
    TEST_CASE(55, a0, 5, li a1, 5; or a0, x0, a1)
TEST_END
