/* JAL and JALR: link register = pc+4, forward and backward targets, rd=x0, JALR
 * offset added to rs1, LSB of the target cleared, rd==rs1 (target computed from the
 * old rs1 value). */
#include "isa_test.h"
TEST_BEGIN
    .option norvc
    /* jal forward: skips the instruction in between, link = next pc */
    TEST_CASE(2, a2, 1, li a2, 0; jal a0, 1f; li a2, 99; 1: addi a2, a2, 1)
    TEST_CASE(3, a0, 0, jal a0, 1f; 2: j fail; 1: la a1, 2b; sub a0, a0, a1)
    /* jal backward */
    TEST_CASE(4, a2, 2, li a2, 0; j 2f; 1: addi a2, a2, 1; j 3f; 2: addi a2, a2, 1; jal a0, 1b; li a2, 99; 3:)
    TEST_CASE(5, a0, 0, j 2f; 1: j 3f; 2: jal a0, 1b; 4: j fail; 3: la a1, 4b; sub a0, a0, a1)
    /* jal x0 does not link */
    TEST_CASE(6, x0, 0, jal x0, 1f; j fail; 1:)
    /* jalr: offset 0, positive, negative */
    TEST_CASE(7, a0, 0, la a1, 1f; jalr a0, 0(a1); 2: j fail; 1: la a3, 2b; sub a0, a0, a3)
    TEST_CASE(8, a2, 1, li a2, 0; la a1, 1f - 12; jalr a0, 12(a1); j fail; 1: li a2, 1)
    TEST_CASE(9, a2, 1, li a2, 0; la a1, 1f + 16; jalr a0, -16(a1); j fail; 1: li a2, 1)
    TEST_CASE(10, a2, 1, li a2, 0; la a1, 1f + 2048; jalr a0, -2048(a1); j fail; 1: li a2, 1)
    TEST_CASE(11, a2, 1, li a2, 0; la a1, 1f - 2047; addi a1, a1, -1; jalr a0, 2047(a1); j fail; 1: li a2, 1)
    /* target's bit 0 is cleared: odd rs1, odd offset */
    TEST_CASE(12, a2, 1, li a2, 0; la a1, 1f + 1; jalr a0, 0(a1); j fail; 1: li a2, 1)
    TEST_CASE(13, a2, 1, li a2, 0; la a1, 1f; jalr a0, 1(a1); j fail; 1: li a2, 1)
    TEST_CASE(14, a2, 1, li a2, 0; la a1, 1f - 1; jalr a0, 2(a1); j fail; 1: li a2, 1)
    /* rd == rs1: jump uses the old value, rd gets the link */
    TEST_CASE(15, a1, 0, la a1, 1f; jalr a1, 0(a1); 2: j fail; 1: la a3, 2b; sub a1, a1, a3)
    TEST_CASE(16, a1, 0, la a1, 1f - 8; jalr a1, 8(a1); 2: j fail; 1: la a3, 2b; sub a1, a1, a3)
    /* jalr x0 (ret-like), call/ret pair */
    TEST_CASE(17, a2, 1, li a2, 0; la a1, 1f; jalr x0, 0(a1); j fail; 1: li a2, 1)
    TEST_CASE(18, a0, 42, li a0, 0; jal ra, sub42; addi a0, a0, 0)
TEST_END
sub42:
    li a0, 42
    ret
