/* Misaligned loads and stores to RAM in M-mode. QEMU's spike machine (the reference)
 * performs them without trapping, byte-by-byte little endian, and so must spin-emu:
 * every width at every misalignment, stores crossing an 8-byte boundary. */
#include "isa_test.h"
TEST_BEGIN
    .option norvc
    TEST_CASE(2, a0, 0x0807060504030201 >> 8 | 0x0900000000000000, la a1, d; ld a0, 1(a1))
    TEST_CASE(3, a0, 0x0f0e0d0c0b0a0908, la a1, d; ld a0, 7(a1))
    TEST_CASE(4, a0, 0x0b0a090807060504, la a1, d; ld a0, 3(a1))
    TEST_CASE(5, a0, 0x05040302, la a1, d; lw a0, 1(a1))
    TEST_CASE(6, a0, 0x0a090807, la a1, d; lw a0, 6(a1))
    TEST_CASE(7, a0, 0xfffffffff2f1f0ef, la a1, n; lw a0, 3(a1))
    TEST_CASE(8, a0, 0xf2f1f0ef, la a1, n; lwu a0, 3(a1))
    TEST_CASE(9, a0, 0x0908, la a1, d; lh a0, 7(a1))
    TEST_CASE(10, a0, 0xfffffffffffff0ef, la a1, n; lh a0, 3(a1))
    TEST_CASE(11, a0, 0xf0ef, la a1, n; lhu a0, 3(a1))
    /* stores */
    TEST_CASE(12, a0, 0x1122334455667788, la a1, buf; sd x0, 0(a1); sd x0, 8(a1); li a2, 0x1122334455667788; sd a2, 5(a1); ld a0, 5(a1))
    TEST_CASE(13, a0, 0x6677880000000000, la a1, buf; ld a0, 0(a1))
    TEST_CASE(14, a0, 0x0000001122334455, la a1, buf; ld a0, 8(a1))
    TEST_CASE(15, a0, 0x00ddccbbaa000000, la a1, buf; sd x0, 0(a1); li a2, 0xddccbbaa; sw a2, 3(a1); ld a0, 0(a1))
    TEST_CASE(16, a0, 0x000000000000beef, la a1, buf; sd x0, 0(a1); sd x0, 8(a1); li a2, 0xbeef; sh a2, 7(a1); ld a0, 8(a1); slli a0, a0, 8; lbu a3, 7(a1); or a0, a0, a3)
    TEST_CASE(17, a0, 0x00000000000000ef, la a1, buf; lbu a0, 7(a1))
TEST_END
    .data
    .align 4
d:   .byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
n:   .byte 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf2, 0xf3
buf: .dword 0, 0
