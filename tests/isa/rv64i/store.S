/* Stores SB SH SW SD: only the addressed bytes change, low bits of rs2 are stored,
 * positive and negative offsets, store-to-load round trip, rs1 == rs2. */
#include "isa_test.h"
#define CLR la a1, buf; li a3, 0x0123456789abcdef; sd a3, 0(a1); sd a3, 8(a1)
TEST_BEGIN
    .option norvc
    TEST_CASE(2, a0, 0x0123456789abcd55, CLR; li a2, 0x1155; sb a2, 0(a1); ld a0, 0(a1))
    TEST_CASE(3, a0, 0xaa23456789abcdef, CLR; li a2, -86; sb a2, 7(a1); ld a0, 0(a1))
    TEST_CASE(4, a0, 0x0123456789ab7788, CLR; li a2, 0x99887788; sh a2, 0(a1); ld a0, 0(a1))
    TEST_CASE(5, a0, 0x01234567ffffcdef, CLR; li a2, -1; sh a2, 2(a1); ld a0, 0(a1))
    TEST_CASE(6, a0, 0x0123456711223344, CLR; li a2, 0xdead11223344; sw a2, 0(a1); ld a0, 0(a1))
    TEST_CASE(7, a0, 0x8000000089abcdef, CLR; li a2, 0x80000000; sw a2, 4(a1); ld a0, 0(a1))
    TEST_CASE(8, a0, 0xfedcba9876543210, CLR; li a2, 0xfedcba9876543210; sd a2, 8(a1); ld a0, 8(a1))
    TEST_CASE(9, a0, 0x0123456789abcdef, CLR; li a2, 0xfedcba9876543210; sd a2, 8(a1); ld a0, 0(a1))
    /* negative offsets */
    TEST_CASE(10, a0, 0x0123456789abcd5a, CLR; li a2, 0x5a; addi a4, a1, 16; sb a2, -16(a4); ld a0, 0(a1))
    TEST_CASE(11, a0, 0x1122334455667788, CLR; li a2, 0x1122334455667788; addi a4, a1, 2047; addi a4, a4, 1; sd a2, -2040(a4); ld a0, 8(a1))
    TEST_CASE(12, a0, 0x01abcd6789abcdef, CLR; li a2, 0xabcd; addi a4, a1, -2040; sh a2, 2045(a4); ld a0, 0(a1))
    /* round trips with sign/zero extension */
    TEST_CASE(13, a0, 0xffffffffffffff80, CLR; li a2, 0x80; sb a2, 3(a1); lb a0, 3(a1))
    TEST_CASE(14, a0, 0xffffffff80000001, CLR; li a2, 0x80000001; sw a2, 8(a1); lw a0, 8(a1))
    TEST_CASE(15, a0, 0x80000001, CLR; li a2, 0x80000001; sw a2, 8(a1); lwu a0, 8(a1))
    /* rs1 == rs2: the address itself is stored */
    TEST_CASE(16, a0, 0, CLR; sd a1, 0(a1); ld a0, 0(a1); sub a0, a0, a1)
    /* storing x0 */
    TEST_CASE(17, a0, 0x0123456700000000, CLR; sw x0, 0(a1); ld a0, 0(a1))
TEST_END
    .data
    .align 4
    .skip 2048
buf: .dword 0, 0
    .skip 2048
