/* MUL MULH MULHSU MULHU MULW: low/high halves of the 128-bit product with signed,
 * unsigned and mixed operands; MULW sign-extends the low 32 bits of the product and
 * ignores the upper operand bits. */
#include "isa_test.h"
#define RR(num, inst, expect, v1, v2) TEST_CASE(num, a0, expect, li a1, v1; li a2, v2; inst a0, a1, a2)
#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff
TEST_BEGIN
    .option norvc
    RR(2, mul, 0, 0, 12345)
    RR(3, mul, 56088, 123, 456)
    RR(4, mul, -56088, -123, 456)
    RR(5, mul, 56088, -123, -456)
    RR(6, mul, 1, -1, -1)
    RR(7, mul, MIN, MIN, -1)
    RR(8, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff)
    RR(9, mul, 0x2236d88fe5618cf0, 0x123456789abcdef0 + 0, 0x0fedcba987654321)
    RR(10, mul, MIN, MIN, MIN + 1)
    RR(15, mulh, 0, 123, 456)
    RR(16, mulh, -1, -123, 456)
    RR(17, mulh, 0, -1, -1)
    RR(18, mulh, 0x4000000000000000, MIN, MIN)
    RR(19, mulh, 0x3fffffffffffffff, MAX, MAX)
    RR(20, mulh, 0xc000000000000000, MIN, MAX)
    RR(21, mulh, 0, MIN, -1)
    RR(22, mulh, -1, MIN, 1)
    RR(25, mulhu, 0, 123, 456)
    RR(26, mulhu, 0xfffffffffffffffe, -1, -1)
    RR(27, mulhu, 0x4000000000000000, MIN, MIN)
    RR(28, mulhu, 0x7ffffffffffffffe, -1, MAX)
    RR(29, mulhu, 0, 0xffffffff, 0xffffffff)
    RR(30, mulhu, 0x0123456789abcdee, 0x0123456789abcdef, -1)
    RR(35, mulhsu, 0, 123, 456)
    RR(36, mulhsu, -1, -1, 1)                   /* -1 * 1 */
    RR(37, mulhsu, -1, -1, -1)                  /* -1 * (2^64-1) = -(2^64-1) */
    RR(38, mulhsu, 0x7ffffffffffffffe, MAX, -1)
    RR(39, mulhsu, 0xc000000000000000, MIN, MIN)
    RR(40, mulhsu, 0x8000000000000000, MIN, -1)
    RR(41, mulhsu, 0, 1, -1)
    RR(45, mulw, 56088, 123, 456)
    RR(46, mulw, 0xffffffff80000000, 0x10000, 0x8000)
    RR(47, mulw, 1, 0xffffffff, 0xffffffff)
    RR(48, mulw, 0x00000000, 0x100000000, 5)
    RR(49, mulw, 0xfffffffffffffff1, 0x12345678fffffffd, 0xabcdef0000000005)
    RR(50, mulw, 0x7fffffff, 0x7fffffff, 0x1)
    RR(51, mulw, 0xffffffff80000000, 0x80000000, 0xffffffff)
    TEST_CASE(52, x0, 0, li a1, 3; mul x0, a1, a1)
    TEST_CASE(53, a1, 49, li a1, 7; mul a1, a1, a1)
TEST_END
