/* x0 is hard-wired to zero whatever writes it (ALU, LUI/AUIPC, loads, JAL/JALR
 * links); FENCE in its variants (incl. FENCE.TSO and the PAUSE hint) executes as
 * an ordinary instruction and memory effects before/after it are visible in order. */
#include "isa_test.h"
TEST_BEGIN
    .option norvc
    TEST_CASE(2, x0, 0, li a1, -1; addi x0, a1, 1)
    TEST_CASE(3, x0, 0, lui x0, 0xfffff)
    TEST_CASE(4, x0, 0, auipc x0, 0x1234)
    TEST_CASE(5, x0, 0, la a1, d; ld x0, 0(a1))
    TEST_CASE(6, x0, 0, jal x0, 1f; 1:)
    TEST_CASE(7, x0, 0, la a1, 1f; jalr x0, 0(a1); 1:)
    TEST_CASE(8, a0, 0, li a1, 9; xor x0, a1, x0; add a0, x0, x0)
    TEST_CASE(9, a0, 0, li a1, 9; sub x0, x0, a1; mv a0, x0)
    TEST_CASE(10, a0, 0, la a1, d; sd x0, 8(a1); ld a0, 8(a1))
    /* fences */
    TEST_CASE(11, a0, 7, la a1, d; li a2, 7; sd a2, 8(a1); fence; ld a0, 8(a1))
    TEST_CASE(12, a0, 8, la a1, d; li a2, 8; sd a2, 8(a1); fence rw, rw; ld a0, 8(a1))
    TEST_CASE(13, a0, 9, la a1, d; li a2, 9; sd a2, 8(a1); fence w, r; ld a0, 8(a1))
    TEST_CASE(14, a0, 10, la a1, d; li a2, 10; sd a2, 8(a1); fence.tso; ld a0, 8(a1))
    TEST_CASE(15, a0, 11, la a1, d; li a2, 11; sd a2, 8(a1); fence iorw, iorw; ld a0, 8(a1))
    TEST_CASE(16, a0, 12, la a1, d; li a2, 12; sd a2, 8(a1); .word 0x0100000f /* pause */; ld a0, 8(a1))
    TEST_CASE(17, a0, 13, li a0, 13; fence i, o)
TEST_END
    .data
    .align 3
d: .dword 0x1122334455667788, 0
