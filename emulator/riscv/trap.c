/*
 * Traps: taking exceptions and interrupts (with delegation to S-mode through
 * medeleg/mideleg), their priority, and the MRET/SRET returns.
 */
#include "riscv/internal.h"

void rv_set_priv(rv_hart *h, int priv) {
    h->priv = priv;
    rv_select_tlb(h); /* each privilege has its own TLB set: nothing to flush */
}

void rv_take_trap(rv_hart *h, uint64_t cause, uint64_t tval) {
    bool interrupt = (cause & CAUSE_INTERRUPT) != 0;
    uint64_t code = cause & ~CAUSE_INTERRUPT;
    uint64_t deleg = interrupt ? h->mideleg : h->medeleg;
    if (h->priv <= RV_PRIV_S && code < 64 && ((deleg >> code) & 1)) {
        uint64_t s = h->mstatus;
        s = (s & ~MSTATUS_SPIE) | ((s & MSTATUS_SIE) ? MSTATUS_SPIE : 0);
        s = (s & ~MSTATUS_SPP) | (h->priv == RV_PRIV_S ? MSTATUS_SPP : 0);
        s &= ~MSTATUS_SIE;
        h->mstatus = s;
        h->scause = cause;
        h->sepc = h->pc;
        h->stval = tval;
        uint64_t base = h->stvec & ~UINT64_C(3);
        h->pc = (interrupt && (h->stvec & 3) == 1) ? base + 4 * code : base;
        rv_set_priv(h, RV_PRIV_S);
    } else {
        uint64_t s = h->mstatus;
        s = (s & ~MSTATUS_MPIE) | ((s & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
        s = (s & ~MSTATUS_MPP) | ((uint64_t)h->priv << MSTATUS_MPP_SHIFT);
        s &= ~MSTATUS_MIE;
        h->mstatus = s;
        h->mcause = cause;
        h->mepc = h->pc;
        h->mtval = tval;
        uint64_t base = h->mtvec & ~UINT64_C(3);
        h->pc = (interrupt && (h->mtvec & 3) == 1) ? base + 4 * code : base;
        rv_set_priv(h, RV_PRIV_M);
    }
}

/* Highest priority first: MEI, MSI, MTI, SEI, SSI, STI (privileged spec 3.1.9). */
static const int irq_priority[] = {IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI};

bool rv_take_interrupt(rv_hart *h) {
    uint64_t pending = h->mip & h->mie;
    if (!pending) return false;
    bool m_enabled = h->priv < RV_PRIV_M || (h->mstatus & MSTATUS_MIE);
    bool s_enabled = h->priv < RV_PRIV_S || (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_SIE));
    uint64_t take = (m_enabled ? pending & ~h->mideleg : 0) | 0;
    if (!take) take = s_enabled ? pending & h->mideleg : 0;
    if (!take) return false;
    for (unsigned i = 0; i < sizeof irq_priority / sizeof irq_priority[0]; i++) {
        int irq = irq_priority[i];
        if (take & (UINT64_C(1) << irq)) {
            rv_take_trap(h, CAUSE_INTERRUPT | (uint64_t)irq, 0);
            h->reservation_valid = false;
            return true;
        }
    }
    return false;
}

int rv_mret(rv_hart *h) {
    if (h->priv < RV_PRIV_M) return rv_fault(h, EXC_ILLEGAL_INSN, 0x30200073);
    uint64_t s = h->mstatus;
    int mpp = (int)((s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    s = (s & ~MSTATUS_MIE) | ((s & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
    s |= MSTATUS_MPIE;
    s &= ~MSTATUS_MPP; /* MPP becomes U, the least-privileged mode */
    if (mpp != RV_PRIV_M) s &= ~MSTATUS_MPRV;
    bool mprv_changed = (s ^ h->mstatus) & MSTATUS_MPRV;
    h->mstatus = s;
    h->pc = h->mepc;
    rv_set_priv(h, mpp);
    if (mprv_changed) rv_hart_flush_tlb(h); /* M-mode data accesses were translated */
    return 0;
}

int rv_sret(rv_hart *h) {
    if (h->priv < RV_PRIV_S || (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_TSR)))
        return rv_fault(h, EXC_ILLEGAL_INSN, 0x10200073);
    uint64_t s = h->mstatus;
    int spp = (s & MSTATUS_SPP) ? RV_PRIV_S : RV_PRIV_U;
    s = (s & ~MSTATUS_SIE) | ((s & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
    s |= MSTATUS_SPIE;
    s &= ~MSTATUS_SPP;
    bool mprv_changed = (s & MSTATUS_MPRV) != 0;
    s &= ~MSTATUS_MPRV; /* returning to a mode below M clears MPRV */
    h->mstatus = s;
    if (mprv_changed) rv_hart_flush_tlb(h);
    h->pc = h->sepc;
    rv_set_priv(h, spp);
    return 0;
}
