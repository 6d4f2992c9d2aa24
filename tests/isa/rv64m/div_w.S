/* DIVW DIVUW REMW REMUW: 32-bit division of the low words, result sign-extended
 * to 64 bits (also for the unsigned forms), division by zero and INT32_MIN / -1. */
#include "isa_test.h"
#define RR(num, inst, expect, v1, v2) TEST_CASE(num, a0, expect, li a1, v1; li a2, v2; inst a0, a1, a2)
TEST_BEGIN
    .option norvc
    RR(2, divw, 3, 20, 6)
    RR(3, divw, -3, -20, 6)
    RR(4, divw, 3, 0xffffffffffffffec, 0x00000000fffffffa)
    RR(5, divw, 0xffffffff80000000, 0x80000000, -1)     /* overflow */
    RR(6, divw, -1, 0x1234, 0)                          /* by zero */
    RR(7, divw, -1, 0x1234, 0x100000000)                /* low word zero */
    RR(8, divw, 1, 0x1200000007, 0x3400000007)          /* upper bits ignored */
    RR(9, divw, 0xffffffffc0000000, 0x80000000, 2)
    RR(15, divuw, 3, 20, 6)
    RR(16, divuw, 0x2aaaaaa7, -20, 6)
    RR(17, divuw, 0xffffffffffffffff, 0x55, 0)          /* 0xffffffff sign-extended */
    RR(18, divuw, 0xffffffff80000000, 0x80000000, 1)    /* result bit 31 -> sign-ext */
    RR(19, divuw, 0, 0x80000000, 0xffffffff)
    RR(20, divuw, 1, 0x0000000580000000, 0xffffffff80000000)
    RR(25, remw, 2, 20, 6)
    RR(26, remw, -2, -20, 6)
    RR(27, remw, 0, 0x80000000, -1)                     /* overflow */
    RR(28, remw, 0xffffffff80000000, 0x1180000000, 0)   /* by zero: sext(dividend) */
    RR(29, remw, 0x1234, 0x7700001234, 0x100000000)
    RR(35, remuw, 2, 20, 6)
    RR(36, remuw, 2, -20, 6)
    RR(37, remuw, 0xfffffffffffffffb, -5, 0)            /* by zero: sext(0xfffffffb) */
    RR(38, remuw, 0xffffffff80000000, 0x80000000, 0x80000001)
    RR(39, remuw, 0x7fffffff, 0x7fffffff, 0x80000000)
TEST_END
