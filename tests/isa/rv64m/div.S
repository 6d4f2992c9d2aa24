/* DIV DIVU REM REMU: rounding toward zero, remainder takes the dividend's sign,
 * division by zero (quotient all ones / 2^64-1, remainder = dividend) and signed
 * overflow (INT64_MIN / -1 = INT64_MIN, remainder 0) without any trap. */
#include "isa_test.h"
#define RR(num, inst, expect, v1, v2) TEST_CASE(num, a0, expect, li a1, v1; li a2, v2; inst a0, a1, a2)
#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff
TEST_BEGIN
    .option norvc
    RR(2, div, 3, 20, 6)
    RR(3, div, -3, -20, 6)
    RR(4, div, -3, 20, -6)
    RR(5, div, 3, -20, -6)
    RR(6, div, MIN, MIN, 1)
    RR(7, div, MIN, MIN, -1)            /* overflow */
    RR(8, div, -1, 0, 0)                /* by zero */
    RR(9, div, -1, -5, 0)
    RR(10, div, -1, MIN, 0)
    RR(11, div, 0, 1, MIN)
    RR(12, div, -MAX, MAX, -1)
    RR(15, divu, 3, 20, 6)
    RR(16, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
    RR(17, divu, 0, 20, -6)
    RR(18, divu, -1, 5, 0)
    RR(19, divu, -1, 0, 0)
    RR(20, divu, 1, MIN, MIN)
    RR(21, divu, 0, MIN, -1)
    RR(22, divu, -1, -1, 1)
    RR(25, rem, 2, 20, 6)
    RR(26, rem, -2, -20, 6)
    RR(27, rem, 2, 20, -6)
    RR(28, rem, -2, -20, -6)
    RR(29, rem, 0, MIN, -1)             /* overflow */
    RR(30, rem, -5, -5, 0)              /* by zero */
    RR(31, rem, MIN, MIN, 0)
    RR(32, rem, 0, 0, 0)
    RR(33, rem, 0x8000000000000001, MIN + 1, MIN)
    RR(35, remu, 2, 20, 6)
    RR(36, remu, 2, -20, 6)             /* 2^64-20 = 6 * 0x2aaaaaaaaaaaaaa7 + 2 */
    RR(37, remu, 20, 20, -6)
    RR(38, remu, -5, -5, 0)
    RR(39, remu, 0, 0, 0)
    RR(40, remu, MAX, MAX, MIN)
    RR(41, remu, 0, -1, 1)
    TEST_CASE(42, x0, 0, li a1, 3; li a2, 0; div x0, a1, a2)
TEST_END
