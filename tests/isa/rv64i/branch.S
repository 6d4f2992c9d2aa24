/* Conditional branches BEQ BNE BLT BGE BLTU BGEU: taken and not taken, signed vs
 * unsigned comparisons at the edges (0, -1, INT64_MIN/MAX), equal operands, same
 * register twice, forward and backward targets, x0 as operand. */
#include "isa_test.h"

#define BR(num, taken, inst, v1, v2)                                          \
    TEST_CASE(num, a0, taken, li a0, 0; li a1, v1; li a2, v2;                 \
              inst a1, a2, 1f; j 2f; 1: li a0, 1; 2:)
/* backward: the branch target lies before the branch */
#define BRB(num, taken, inst, v1, v2)                                         \
    TEST_CASE(num, a0, taken, li a0, 0; li a1, v1; li a2, v2; j 2f;           \
              1: li a0, 1; j 3f; 2: inst a1, a2, 1b; 3:)

#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff

TEST_BEGIN
    .option norvc
    BR(2, 1, beq, 0, 0)
    BR(3, 1, beq, -1, -1)
    BR(4, 0, beq, 0, 1)
    BR(5, 0, beq, 0x100000000, 0)
    BR(6, 0, beq, MIN, MAX)
    BRB(7, 1, beq, 5, 5)
    BRB(8, 0, beq, 5, 6)

    BR(10, 0, bne, 0, 0)
    BR(11, 1, bne, 0, 1)
    BR(12, 1, bne, 0x100000000, 0)
    BR(13, 1, bne, -1, 0x7fffffffffffffff)
    BRB(14, 1, bne, 1, 2)
    BRB(15, 0, bne, -7, -7)

    BR(20, 1, blt, 0, 1)
    BR(21, 0, blt, 1, 0)
    BR(22, 0, blt, 1, 1)
    BR(23, 1, blt, -1, 0)
    BR(24, 0, blt, 0, -1)
    BR(25, 1, blt, MIN, MAX)
    BR(26, 0, blt, MAX, MIN)
    BR(27, 1, blt, -2, -1)
    BR(28, 1, blt, MIN, 0)
    BRB(29, 1, blt, -5, 3)
    BRB(30, 0, blt, 3, -5)

    BR(35, 0, bge, 0, 1)
    BR(36, 1, bge, 1, 0)
    BR(37, 1, bge, 1, 1)
    BR(38, 0, bge, -1, 0)
    BR(39, 1, bge, 0, -1)
    BR(40, 0, bge, MIN, MAX)
    BR(41, 1, bge, MAX, MIN)
    BR(42, 1, bge, MIN, MIN)
    BR(43, 1, bge, -1, -2)
    BRB(44, 1, bge, 3, -5)
    BRB(45, 0, bge, -5, 3)

    BR(50, 1, bltu, 0, 1)
    BR(51, 0, bltu, 1, 0)
    BR(52, 0, bltu, 1, 1)
    BR(53, 0, bltu, -1, 0)
    BR(54, 1, bltu, 0, -1)
    BR(55, 0, bltu, MIN, MAX)
    BR(56, 1, bltu, MAX, MIN)
    BR(57, 1, bltu, -2, -1)
    BR(58, 1, bltu, 0xffffffff, 0x100000000)
    BRB(59, 1, bltu, 3, -5)
    BRB(60, 0, bltu, -5, 3)

    BR(65, 0, bgeu, 0, 1)
    BR(66, 1, bgeu, 1, 0)
    BR(67, 1, bgeu, 1, 1)
    BR(68, 1, bgeu, -1, 0)
    BR(69, 0, bgeu, 0, -1)
    BR(70, 1, bgeu, MIN, MAX)
    BR(71, 0, bgeu, MAX, MIN)
    BR(72, 1, bgeu, -1, -2)
    BR(73, 0, bgeu, 0xffffffff, 0x100000000)
    BRB(74, 1, bgeu, -5, 3)
    BRB(75, 0, bgeu, 3, -5)

    /* same register on both sides, x0 operands */
    TEST_CASE(80, a0, 1, li a0, 0; li a1, -3; beq a1, a1, 1f; j 2f; 1: li a0, 1; 2:)
    TEST_CASE(81, a0, 0, li a0, 0; li a1, -3; blt a1, a1, 1f; j 2f; 1: li a0, 1; 2:)
    TEST_CASE(82, a0, 1, li a0, 0; li a1, -3; blt a1, x0, 1f; j 2f; 1: li a0, 1; 2:)
    TEST_CASE(83, a0, 0, li a0, 0; li a1, -3; bltu a1, x0, 1f; j 2f; 1: li a0, 1; 2:)
    TEST_CASE(84, a0, 1, li a0, 0; bgeu x0, x0, 1f; j 2f; 1: li a0, 1; 2:)
    /* a counted backward loop */
    TEST_CASE(85, a0, 10, li a0, 0; li a1, 10; 1: addi a0, a0, 1; addi a1, a1, -1; bnez a1, 1b)
    /* far branch (> 2 KiB) forward and backward */
    TEST_CASE(86, a0, 1, li a0, 0; beq x0, x0, 1f; .skip 3000; 1: li a0, 1)
    TEST_CASE(87, a0, 2, li a0, 0; j 2f; 1: addi a0, a0, 1; j 3f; .skip 3000; 2: addi a0, a0, 1; bne a0, x0, 1b; 3:)
TEST_END
