/* LR.W/D and SC.W/D: LR loads (LR.W sign-extends), SC after a matching LR succeeds
 * (rd = 0) and stores; SC without a reservation, a second SC after a successful one,
 * and SC to an address other than the reserved one fail (rd != 0) and store nothing.
 * SC.W stores only 32 bits. aq/rl variants behave the same. */
#include "isa_test.h"
#define INIT la a1, mem; li a2, 0x1111111122222222; sd a2, 0(a1); li a2, 0x3333333344444444; sd a2, 8(a1)
TEST_BEGIN
    .option norvc
    TEST_CASE(2, a0, 0x1111111122222222, INIT; lr.d a0, (a1))
    TEST_CASE(3, a0, 0, INIT; lr.d a0, (a1); li a3, 0x55; sc.d a0, a3, (a1))
    TEST_CASE(4, a0, 0x55, ld a0, 0(a1))
    /* second sc after a successful one fails and does not store */
    TEST_CASE(5, a0, 1, INIT; lr.d a0, (a1); li a3, 0x66; sc.d a0, a3, (a1); li a3, 0x77; sc.d a0, a3, (a1); snez a0, a0)
    TEST_CASE(6, a0, 0x66, ld a0, 0(a1))
    /* sc without lr fails */
    TEST_CASE(7, a0, 1, INIT; li a3, 0x99; sc.d a0, a3, (a1); snez a0, a0)
    TEST_CASE(8, a0, 0x1111111122222222, ld a0, 0(a1))
    /* lr.w sign-extends, sc.w writes 32 bits only */
    TEST_CASE(9, a0, 0xffffffff80000001, la a1, mem; li a2, 0x1234567880000001; sd a2, 0(a1); lr.w a0, (a1))
    TEST_CASE(10, a0, 0, li a3, 0xaaaaaaaa00000007; sc.w a0, a3, (a1))
    TEST_CASE(11, a0, 0x1234567800000007, ld a0, 0(a1))
    TEST_CASE(12, a0, 0x22222222, INIT; lr.w a0, (a1))
    TEST_CASE(13, a0, 0x11111111, addi a5, a1, 4; lr.w a0, (a5))
    /* sc to a different address (another page) than the reservation fails */
    TEST_CASE(14, a0, 1, INIT; la a4, far; sd x0, 0(a4); lr.d a0, (a1); li a3, 0x42; sc.d a0, a3, (a4); snez a0, a0)
    TEST_CASE(15, a0, 0, ld a0, 0(a4))
    TEST_CASE(16, a0, 1, li a3, 0x43; sc.d a0, a3, (a1); snez a0, a0)
    TEST_CASE(17, a0, 0x1111111122222222, ld a0, 0(a1))
    /* aq/rl flavours */
    TEST_CASE(18, a0, 0, INIT; lr.d.aq a0, (a1); li a3, 0x5a; sc.d.rl a0, a3, (a1))
    TEST_CASE(19, a0, 0, INIT; lr.w.aqrl a0, (a1); li a3, 0x5b; sc.w.aqrl a0, a3, (a1))
    TEST_CASE(20, a0, 0x111111110000005b, ld a0, 0(a1))
    /* lr of the upper word and of the second dword */
    TEST_CASE(21, a0, 0x3333333344444444, INIT; addi a5, a1, 8; lr.d a0, (a5))
    /* a typical atomic-increment loop */
    TEST_CASE(22, a0, 0x1111111122222225, INIT; li a5, 3; 1: lr.d a0, (a1); addi a0, a0, 1; sc.d a6, a0, (a1); bnez a6, 1b; addi a5, a5, -1; bnez a5, 1b; ld a0, 0(a1))
    /* rd of sc == source register */
    TEST_CASE(23, a3, 0, INIT; lr.d a0, (a1); li a3, 0x1234; sc.d a3, a3, (a1))
    TEST_CASE(24, a0, 0x1234, ld a0, 0(a1))
TEST_END
    .data
    .align 4
mem: .dword 0, 0
    .align 12
far: .dword 0
