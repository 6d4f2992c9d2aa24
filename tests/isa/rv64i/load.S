/* Loads LB LH LW LD LBU LHU LWU: sign vs zero extension, every byte/half/word
 * position, positive and negative offsets (incl. the 12-bit extremes), rd == rs1,
 * x0 as destination. */
#include "isa_test.h"
TEST_BEGIN
    .option norvc
    TEST_CASE(2, a0, 0xffffffffffffff88, la a1, d; lb a0, 0(a1))
    TEST_CASE(3, a0, 0x88, la a1, d; lbu a0, 0(a1))
    TEST_CASE(4, a0, 0x07, la a1, d; lb a0, 1(a1))
    TEST_CASE(5, a0, 0xfffffffffffffff0, la a1, d; lb a0, 7(a1))
    TEST_CASE(6, a0, 0xf0, la a1, d; lbu a0, 7(a1))
    TEST_CASE(7, a0, 0x0788, la a1, d; lh a0, 0(a1))
    TEST_CASE(8, a0, 0x0006, la a1, d; lhu a0, 2(a1))
    TEST_CASE(9, a0, 0xffffffffffff8000, la a1, h; lh a0, 0(a1))
    TEST_CASE(10, a0, 0x8000, la a1, h; lhu a0, 0(a1))
    TEST_CASE(11, a0, 0x7fff, la a1, h; lh a0, 2(a1))
    TEST_CASE(12, a0, 0x00060788, la a1, d; lw a0, 0(a1))
    TEST_CASE(13, a0, 0xfffffffff0b00d0c, la a1, d; lw a0, 4(a1))
    TEST_CASE(14, a0, 0xf0b00d0c, la a1, d; lwu a0, 4(a1))
    TEST_CASE(15, a0, 0xf0b00d0c00060788, la a1, d; ld a0, 0(a1))
    TEST_CASE(16, a0, 0x7fffffff, la a1, w; lw a0, 0(a1))
    TEST_CASE(17, a0, 0xffffffff80000000, la a1, w; lw a0, 4(a1))
    TEST_CASE(18, a0, 0x80000000, la a1, w; lwu a0, 4(a1))
    /* negative offsets */
    TEST_CASE(19, a0, 0xf0b00d0c00060788, la a1, d + 8; ld a0, -8(a1))
    TEST_CASE(20, a0, 0xfffffffffffffff0, la a1, d + 8; lb a0, -1(a1))
    TEST_CASE(21, a0, 0xfffffffff0b00d0c, la a1, d + 100; lw a0, -96(a1))
    /* 12-bit offset extremes */
    TEST_CASE(22, a0, 0xf0b00d0c00060788, la a1, d + 2048; ld a0, -2048(a1))
    TEST_CASE(23, a0, 0xf0b00d0c00060788, la a1, d - 2047; ld a0, 2047(a1))
    /* rd == rs1 */
    TEST_CASE(24, a1, 0xf0b00d0c00060788, la a1, d; ld a1, 0(a1))
    TEST_CASE(25, a1, 0xffffffff80000000, la a1, w; lw a1, 4(a1))
    /* x0 as destination: load happens, register stays zero */
    TEST_CASE(26, x0, 0, la a1, d; ld x0, 0(a1))
    TEST_CASE(27, x0, 0, la a1, d; lb x0, 7(a1))
    /* all-ones dword through every width */
    TEST_CASE(28, a0, -1, la a1, ones; lb a0, 3(a1))
    TEST_CASE(29, a0, 0xff, la a1, ones; lbu a0, 3(a1))
    TEST_CASE(30, a0, 0xffff, la a1, ones; lhu a0, 6(a1))
    TEST_CASE(31, a0, -1, la a1, ones; lh a0, 6(a1))
    TEST_CASE(32, a0, 0xffffffff, la a1, ones; lwu a0, 4(a1))
    TEST_CASE(33, a0, -1, la a1, ones; ld a0, 0(a1))
TEST_END
    .data
    .align 4
d:    .dword 0xf0b00d0c00060788
w:    .word 0x7fffffff, 0x80000000
h:    .half 0x8000, 0x7fff
    .align 3
ones: .dword -1
    .skip 4096
