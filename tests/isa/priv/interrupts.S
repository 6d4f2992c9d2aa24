/* Interrupts raised from M-mode through mip.SSIP/STIP/SEIP: mip reads them back; they
 * are taken only when enabled in mie and globally (MIE in M; always in lower modes),
 * SSI before STI, with mcause's interrupt bit set and mepc = the next instruction to
 * execute. (The spec's SEI > SSI is not checked: QEMU 7.2 without AIA takes the
 * lowest-numbered pending interrupt first, so it takes SSI before SEI.) delegated ones (mideleg) are never taken in M, are
 * taken in S only with sstatus.SIE, always in U; WFI returns when an interrupt is
 * pending and enabled in mie even with MIE = 0. */
#include "isa_trap.h"
#include "irq_common.h"
TEST_BEGIN
    .option norvc
    IRQ_INIT
    csrw mie, zero
    csrw mideleg, zero
    LOG_RESET
    /* pend all three; none enabled */
    li a1, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrs mip, a1
    TEST_CASE(2, a0, MIP_SSIP | MIP_STIP | MIP_SEIP, csrr a0, mip; li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; and a0, a0, a1)
    csrsi mstatus, MSTATUS_MIE
    nop
    LOG_COUNT(3, 0)
    csrci mstatus, MSTATUS_MIE
    /* enabled in mie but MIE = 0: nothing taken; wfi returns */
    li a1, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrw mie, a1
    nop
    wfi
    LOG_COUNT(4, 0)
    /* MIE = 1: all three taken, mepc = the instruction after csrsi */
    csrsi mstatus, MSTATUS_MIE
1:  nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(5, 3)
    TEST_CASE(9, a0, 0, la a1, irqlog; ld a0, 8(a1); la a2, 1b; sub a0, a0, a2)
    /* SSI before STI */
    LOG_RESET
    li a1, MIP_SSIP | MIP_STIP
    csrs mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(6, 2)
    LOG_CAUSE(7, 0, IRQ(1))
    LOG_CAUSE(8, 1, IRQ(5))
    /* SEI alone */
    LOG_RESET
    li a1, MIP_SEIP
    csrs mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(26, 1)
    LOG_CAUSE(27, 0, IRQ(9))
    TEST_CASE(10, a0, 0, csrr a0, mip; li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; and a0, a0, a1)
    /* only the enabled ones */
    LOG_RESET
    li a1, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrs mip, a1
    li a1, MIP_STIP
    csrw mie, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(11, 1)
    LOG_CAUSE(12, 0, IRQ(5))
    /* lower modes: M-level interrupts are taken even with mstatus.MIE = 0 */
    LOG_RESET
    li a1, MIP_SSIP | MIP_STIP
    csrw mie, a1
    csrs mip, a1
    GOTO_MODE(PRV_S)
    nop
    nop
    TO_M
    LOG_COUNT(13, 2)
    LOG_CAUSE(14, 0, IRQ(1))
    LOG_CAUSE(15, 1, IRQ(5))
    /* delegation: SSI delegated is not taken in M even with MIE = 1 */
    LOG_RESET
    li a1, MIP_SSIP
    csrw mideleg, a1
    csrw mie, a1
    csrs mip, a1
    TEST_CASE(16, a0, MIP_SSIP, csrr a0, mideleg; andi a0, a0, MIP_SSIP | MIP_STIP | MIP_SEIP)
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(17, 0)
    /* in S with SIE = 0: not taken; SIE = 1: taken by S with scause = IRQ(1) */
    csrci mstatus, MSTATUS_SIE
    GOTO_MODE(PRV_S)
    nop
    LOG_COUNT(18, 0)
    csrsi sstatus, MSTATUS_SIE
2:  nop
    csrci sstatus, MSTATUS_SIE
    LOG_COUNT(19, 1)
    LOG_CAUSE(20, 0, IRQ(1))
    TEST_CASE(21, a0, 0, la a1, irqlog; ld a0, 8(a1); la a2, 2b; sub a0, a0, a2)
    TO_M
    TEST_CASE(22, a0, 0, csrr a0, mip; andi a0, a0, MIP_SSIP)
    /* in U: delegated SSI taken although sstatus.SIE = 0 */
    LOG_RESET
    li a1, MIP_SSIP
    csrs mip, a1
    GOTO_MODE(PRV_U)
    nop
    nop
    TO_M
    LOG_COUNT(23, 1)
    LOG_CAUSE(24, 0, IRQ(1))
    /* S-mode software can raise SSIP itself through sip when delegated */
    LOG_RESET
    GOTO_MODE(PRV_S)
    csrsi sip, MIP_SSIP
    csrsi sstatus, MSTATUS_SIE
    nop
    csrci sstatus, MSTATUS_SIE
    TO_M
    LOG_COUNT(25, 1)
    csrw mie, zero
    csrw mideleg, zero
    csrw mip, zero
    TRAP_INIT
TEST_END_TRAP
IRQ_HANDLERS
