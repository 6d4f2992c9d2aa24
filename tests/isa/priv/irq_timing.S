/* When a pending interrupt becomes takeable: right after the instruction that enables
 * it — csrw mie, csrs mstatus.MIE, mret restoring MIE from MPIE, sret restoring SIE,
 * csrw mideleg moving it away from/to S, clearing the pending bit before it was
 * enabled — with mepc/sepc = the next instruction. */
#include "isa_trap.h"
#include "irq_common.h"
#define EPC_IS(num, idx, label) TEST_CASE(num, a0, 0, la a1, irqlog; ld a0, (16 * (idx) + 8)(a1); la a2, label; sub a0, a0, a2)
TEST_BEGIN
    .option norvc
    IRQ_INIT
    csrw mie, zero
    csrw mideleg, zero
    /* enabling through mie with MIE already set */
    LOG_RESET
    csrsi mstatus, MSTATUS_MIE
    li a1, MIP_SSIP
    csrs mip, a1
    nop
    LOG_COUNT(2, 0)
    li a1, MIP_SSIP
    csrw mie, a1
1:  nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(3, 1)
    EPC_IS(4, 0, 1b)
    /* mret restoring MIE = 1 to M-mode: taken at the mret target */
    LOG_RESET
    li a1, MIP_STIP
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_MPP | MSTATUS_MPIE
    csrs mstatus, a1
    la a1, 2f
    csrw mepc, a1
    mret
2:  nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(5, 1)
    LOG_CAUSE(6, 0, IRQ(5))
    EPC_IS(7, 0, 2b)
    /* pending bit cleared before enabling: nothing */
    LOG_RESET
    li a1, MIP_SEIP
    csrw mie, a1
    csrs mip, a1
    csrc mip, a1
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    LOG_COUNT(8, 0)
    /* delegated: in S with SIE = 1, taken by S right after sret enables SIE */
    LOG_RESET
    li a1, MIP_SSIP
    csrw mideleg, a1
    csrw mie, a1
    GOTO_MODE(PRV_S)
    csrsi sip, MIP_SSIP
    nop
    LOG_COUNT(9, 0)
    li a1, MSTATUS_SPP | MSTATUS_SPIE
    csrs sstatus, a1
    la a1, 3f
    csrw sepc, a1
    sret
3:  nop
    LOG_COUNT(10, 1)
    LOG_CAUSE(11, 0, IRQ(1))
    EPC_IS(12, 0, 3b)
    csrci sstatus, MSTATUS_SIE
    TO_M
    /* undelegating a pending SSI while in S with SIE = 0: now M-level, taken at once
       when back in S */
    csrci mstatus, MSTATUS_MIE      /* the mrets on the way back left MIE = 1 */
    LOG_RESET
    li a1, MIP_SSIP
    csrs mip, a1
    csrw mideleg, zero
    nop
    LOG_COUNT(16, 0)
    GOTO_MODE(PRV_S)
4:  nop
    TO_M
    LOG_COUNT(13, 1)
    LOG_CAUSE(14, 0, IRQ(1))
    EPC_IS(15, 0, 4b)
    csrw mie, zero
    csrw mip, zero
    TRAP_INIT
TEST_END_TRAP
IRQ_HANDLERS
