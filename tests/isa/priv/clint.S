/* Machine software and timer interrupts through the CLINT (msip at 0x2000000,
 * mtimecmp at 0x2004000, mtime at 0x200bff8): mip.MSIP/MTIP follow the CLINT, are not
 * writable through mip; the timer fires once mtime >= mtimecmp; WFI wakes on it.
 * Priority is checked only for the pairs where QEMU 7.2 agrees with the spec
 * (MSI > MTI, MSI > SEI, MSI > STI, MTI > SEI): QEMU 7.2 without AIA takes the
 * lowest-numbered pending interrupt first, so MTI vs STI and SEI vs SSI come out
 * reversed there; with all five pending only the count is checked. */
#include "isa_trap.h"
#include "irq_common.h"
TEST_BEGIN
    .option norvc
    IRQ_INIT
    csrw mie, zero
    csrw mideleg, zero
    LOG_RESET
    li a1, CLINT_MTIMECMP
    li a2, -1
    sd a2, 0(a1)
    TEST_CASE(2, a0, 0, csrr a0, mip; andi a0, a0, MIP_MTIP | MIP_MSIP)
    TEST_CASE(3, a0, 0, li a1, MIP_MTIP | MIP_MSIP; csrs mip, a1; csrr a0, mip; andi a0, a0, MIP_MTIP | MIP_MSIP)
    /* mtime advances */
    TEST_CASE(4, a0, 1, li a1, CLINT_MTIME; ld a2, 0(a1); li a4, 1000; 1: addi a4, a4, -1; bnez a4, 1b; ld a3, 0(a1); sltu a0, a2, a3)
    /* msip */
    TEST_CASE(5, a0, MIP_MSIP, li a1, CLINT_MSIP; li a2, 1; sw a2, 0(a1); csrr a0, mip; andi a0, a0, MIP_MSIP)
    TEST_CASE(6, a0, 0, li a1, CLINT_MSIP; sw zero, 0(a1); csrr a0, mip; andi a0, a0, MIP_MSIP)
    /* mtimecmp in the past -> MTIP */
    TEST_CASE(7, a0, MIP_MTIP, li a1, CLINT_MTIMECMP; sd zero, 0(a1); csrr a0, mip; andi a0, a0, MIP_MTIP)
    TEST_CASE(8, a0, 0, li a1, CLINT_MTIMECMP; li a2, -1; sd a2, 0(a1); csrr a0, mip; andi a0, a0, MIP_MTIP)
    /* timer interrupt after a short while */
    li a1, MIP_MTIP
    csrw mie, a1
    csrsi mstatus, MSTATUS_MIE
    TEST_CASE(9, a0, 0, li a1, CLINT_MTIME; ld a2, 0(a1); addi a2, a2, 200; li a1, CLINT_MTIMECMP; sd a2, 0(a1); li a0, 0; LOG_COUNT(90, 0))
    TEST_CASE(10, a0, 1, li a4, 50000000; 1: la a1, irqlog; sub a0, t3, a1; bnez a0, 2f; addi a4, a4, -1; bnez a4, 1b; 2: srli a0, a0, 4)
    csrci mstatus, MSTATUS_MIE
    LOG_CAUSE(11, 0, IRQ(7))
    /* everything at once */
    LOG_RESET
    li a1, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP
    csrw mie, a1
    li a1, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrs mip, a1
    li a1, CLINT_MSIP
    li a2, 1
    sw a2, 0(a1)
    li a1, CLINT_MTIMECMP
    sd zero, 0(a1)
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(12, 5)
    csrw mie, zero
#define PAIR(num, en, first, second, pend...)                          \
    LOG_RESET; pend; li a1, en; csrw mie, a1;                          \
    csrsi mstatus, MSTATUS_MIE; nop; csrci mstatus, MSTATUS_MIE;       \
    LOG_COUNT(num, 2); LOG_CAUSE(num##0, 0, first); LOG_CAUSE(num##1, 1, second)
#define PEND_MSI li a1, CLINT_MSIP; li a2, 1; sw a2, 0(a1)
#define PEND_MTI li a1, CLINT_MTIMECMP; sd zero, 0(a1)
#define PEND_SEI li a1, MIP_SEIP; csrs mip, a1
#define PEND_STI li a1, MIP_STIP; csrs mip, a1
    PAIR(13, MIP_MSIP | MIP_MTIP, IRQ(3), IRQ(7), PEND_MSI; PEND_MTI)
    PAIR(14, MIP_MSIP | MIP_SEIP, IRQ(3), IRQ(9), PEND_MSI; PEND_SEI)
    PAIR(15, MIP_MSIP | MIP_STIP, IRQ(3), IRQ(5), PEND_MSI; PEND_STI)
    PAIR(16, MIP_MTIP | MIP_SEIP, IRQ(7), IRQ(9), PEND_MTI; PEND_SEI)
    /* WFI wakes up on the timer */
    LOG_RESET
    li a1, MIP_MTIP
    csrw mie, a1
    TEST_CASE(18, a0, MIP_MTIP, li a1, CLINT_MTIME; ld a2, 0(a1); addi a2, a2, 100; li a1, CLINT_MTIMECMP; sd a2, 0(a1); wfi; 1: csrr a0, mip; andi a0, a0, MIP_MTIP; beqz a0, 1b)
    LOG_COUNT(19, 0)
    li a1, CLINT_MTIMECMP
    li a2, -1
    sd a2, 0(a1)
    csrw mie, zero
    TRAP_INIT
TEST_END_TRAP
IRQ_HANDLERS
