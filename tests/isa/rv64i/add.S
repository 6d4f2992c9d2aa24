/* ADD: sums, wrap-around, x0 as source and destination. */
#include "isa_test.h"
TEST_BEGIN
    TEST_CASE(2, a0, 5, li a1, 2; li a2, 3; add a0, a1, a2)
    TEST_CASE(3, a0, 0, li a1, -1; li a2, 1; add a0, a1, a2)
    TEST_CASE(4, a0, 0x8000000000000000, li a1, 0x7fffffffffffffff; li a2, 1; add a0, a1, a2)
    TEST_CASE(5, x0, 0, li a1, 7; add x0, a1, a1)
    TEST_CASE(6, a0, 7, li a1, 7; add a0, a1, x0)
TEST_END
