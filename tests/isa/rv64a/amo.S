/* AMO*.D and AMO*.W: swap add xor and or min max minu maxu — rd gets the old memory
 * value (sign-extended for .W), memory gets op(old, rs2); .W touches only 32 bits and
 * compares/adds the low 32 bits of rs2; rd = x0; rd == rs2; aq/rl variants. */
#include "isa_test.h"
#define AMOD(num, inst, init, src, old, new)                                     \
test_##num: li TESTNUM, num; la a1, mem; li a2, init; sd a2, 0(a1); li a3, src;  \
    inst a0, a3, (a1); li t6, old; bne a0, t6, fail;                             \
    ld a4, 0(a1); li t6, new; bne a4, t6, fail;
/* .W on the low word; the high word holds a sentinel that must survive */
#define AMOW(num, inst, init, src, old, new)                                     \
test_##num: li TESTNUM, num; la a1, mem; li a2, init; sw a2, 0(a1);              \
    li a2, 0xa5a5a5a5; sw a2, 4(a1); li a3, src;                                 \
    inst a0, a3, (a1); li t6, old; bne a0, t6, fail;                             \
    lwu a4, 0(a1); li t6, new; bne a4, t6, fail;                                 \
    lwu a4, 4(a1); li t6, 0xa5a5a5a5; bne a4, t6, fail;
#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff
TEST_BEGIN
    .option norvc
    AMOD(2, amoswap.d, 0x1122334455667788, 0x99, 0x1122334455667788, 0x99)
    AMOD(3, amoadd.d, 0x1122334455667788, 0x1000000000000001, 0x1122334455667788, 0x2122334455667789)
    AMOD(4, amoadd.d, -1, 1, -1, 0)
    AMOD(5, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
    AMOD(6, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
    AMOD(7, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
    AMOD(8, amomin.d, -5, 3, -5, -5)
    AMOD(9, amomin.d, 3, -5, 3, -5)
    AMOD(10, amomin.d, MIN, MAX, MIN, MIN)
    AMOD(11, amomax.d, -5, 3, -5, 3)
    AMOD(12, amomax.d, MAX, MIN, MAX, MAX)
    AMOD(13, amominu.d, -5, 3, -5, 3)
    AMOD(14, amominu.d, MIN, MAX, MIN, MAX)
    AMOD(15, amomaxu.d, -5, 3, -5, -5)
    AMOD(16, amomaxu.d, 7, 7, 7, 7)
    AMOD(17, amomaxu.d, MAX, MIN, MAX, MIN)

    AMOW(20, amoswap.w, 0x80000000, 0x1234567812345678, 0xffffffff80000000, 0x12345678)
    AMOW(21, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
    AMOW(22, amoadd.w, 0xffffffff, 0xff00000001, 0xffffffffffffffff, 0)  /* no carry out */
    AMOW(23, amoxor.w, 0xf0f0f0f0, 0xffffffffffffffff, 0xfffffffff0f0f0f0, 0x0f0f0f0f)
    AMOW(24, amoand.w, 0xf0f0f0f0, 0xff00ff00, 0xfffffffff0f0f0f0, 0xf000f000)
    AMOW(25, amoor.w, 0x0000f0f0, 0x0f000000, 0xf0f0, 0x0f00f0f0)
    AMOW(26, amomin.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000)
    AMOW(27, amomin.w, 5, 0x00000000fffffffe, 5, 0xfffffffe)          /* -2 as 32-bit */
    AMOW(28, amomin.w, 5, 0xffffffff00000006, 5, 5)                   /* upper bits of rs2 ignored */
    AMOW(29, amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff)
    AMOW(30, amomax.w, 0xfffffffe, 0x1ffffffff, 0xfffffffffffffffe, 0xffffffff)
    AMOW(31, amominu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff)
    AMOW(32, amominu.w, 5, 0x100000000, 5, 0)                         /* low word 0 */
    AMOW(33, amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000)
    AMOW(34, amomaxu.w, 5, 0xffffffff00000004, 5, 5)

    /* rd = x0: memory still updated */
    TEST_CASE(40, a0, 12, la a1, mem; li a2, 5; sd a2, 0(a1); li a3, 7; amoadd.d x0, a3, (a1); ld a0, 0(a1))
    /* rd == rs2: old value to rd, rs2 value (read before) to memory */
    TEST_CASE(41, a3, 5, la a1, mem; li a2, 5; sd a2, 0(a1); li a3, 7; amoswap.d a3, a3, (a1))
    TEST_CASE(42, a0, 7, ld a0, 0(a1))
    TEST_CASE(43, a3, 7, li a3, 2; amoadd.d a3, a3, (a1))
    TEST_CASE(44, a0, 9, ld a0, 0(a1))
    /* aq/rl */
    TEST_CASE(45, a0, 9, li a3, 1; amoadd.d.aq a0, a3, (a1))
    TEST_CASE(46, a0, 10, li a3, 1; amoadd.d.rl a0, a3, (a1))
    TEST_CASE(47, a0, 11, li a3, 1; amoadd.d.aqrl a0, a3, (a1))
    TEST_CASE(48, a0, 12, ld a0, 0(a1))
    /* .w at the upper word of a dword */
    TEST_CASE(49, a0, 0x0000000300000001, la a1, mem; li a2, 1; sd a2, 0(a1); li a3, 3; addi a5, a1, 4; amoswap.w.aqrl a0, a3, (a5); ld a0, 0(a1))
TEST_END
    .data
    .align 4
mem: .dword 0, 0
