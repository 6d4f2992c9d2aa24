/*
 * Control and status registers (Zicsr): the CSR instructions' read-modify-write, access
 * rules (privilege in bits 9:8 of the number, read-only when bits 11:10 are 11), and each
 * register's writable fields (WARL).
 */
#include "riscv/internal.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_HPMCOUNTER3 = 0xc03, CSR_HPMCOUNTER31 = 0xc1f,
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
    CSR_SENVCFG = 0x10a, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
    CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_STIMECMP = 0x14d, CSR_SATP = 0x180,
    CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13, CSR_MHARTID = 0xf14,
    CSR_MCONFIGPTR = 0xf15,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a,
    CSR_MCOUNTINHIBIT = 0x320, CSR_MHPMEVENT3 = 0x323, CSR_MHPMEVENT31 = 0x33f,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343,
    CSR_MIP = 0x344, CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG15 = 0x3af, CSR_PMPADDR0 = 0x3b0,
    CSR_PMPADDR63 = 0x3ef,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02, CSR_MHPMCOUNTER3 = 0xb03,
    CSR_MHPMCOUNTER31 = 0xb1f,
};

/* RV64 with A, C, D, F, I, M, S, U. */
#define MISA_VALUE                                                                         \
    ((UINT64_C(2) << 62) | (1u << ('A' - 'A')) | (1u << ('C' - 'A')) | (1u << ('D' - 'A')) | \
     (1u << ('F' - 'A')) | (1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('S' - 'A')) | \
     (1u << ('U' - 'A')))

#define SSTATUS_MASK                                                                     \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | \
     MSTATUS_UXL | MSTATUS_SD)
#define MSTATUS_WRITABLE                                                                 \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | \
     MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |   \
     MSTATUS_TSR)
#define S_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define M_INTERRUPTS (MIP_MSIP | MIP_MTIP | MIP_MEIP)
/* Exceptions that S-mode may handle: everything but ecall from M. */
#define MEDELEG_WRITABLE UINT64_C(0xb3ff)

static uint64_t read_mstatus(const rv_hart *h) {
    uint64_t s = h->mstatus;
    if ((s & MSTATUS_FS) == MSTATUS_FS) s |= MSTATUS_SD;
    return s;
}

static void write_mstatus(rv_hart *h, uint64_t value, uint64_t writable) {
    uint64_t old = h->mstatus;
    uint64_t s = (old & ~writable) | (value & writable);
    if (((s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2) /* no H-mode: keep the old MPP */
        s = (s & ~MSTATUS_MPP) | (old & MSTATUS_MPP);
    s &= ~MSTATUS_SD;
    h->mstatus = s;
    if ((old ^ s) & (MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR)) rv_hart_flush_tlb(h);
}

/* Counters visible below M-mode only where mcounteren (and for U, scounteren) allow. */
static bool counter_allowed(const rv_hart *h, int csr) {
    uint64_t bit = UINT64_C(1) << (csr & 31);
    if (h->priv < RV_PRIV_M && !(h->mcounteren & bit)) return false;
    if (h->priv < RV_PRIV_S && !(h->scounteren & bit)) return false;
    return true;
}

/* mcycle and minstret: both count retired instructions (one cycle each), from an
 * offset, unless mcountinhibit stops them; then they hold counter_frozen. */
enum { COUNTER_CY = 0, COUNTER_IR = 2 };

static uint64_t counter_value(const rv_hart *h, int c) {
    if (h->mcountinhibit & (UINT64_C(1) << c)) return h->counter_frozen[c / 2];
    return h->icount + (uint64_t)h->counter_offset[c / 2];
}

/* The writing instruction still retires after the write; the next read sees the value
 * written (as on QEMU), so the offset leaves that one out. */
static void set_counter(rv_hart *h, int c, uint64_t value) {
    if (h->mcountinhibit & (UINT64_C(1) << c))
        h->counter_frozen[c / 2] = value;
    else
        h->counter_offset[c / 2] = (int64_t)(value - h->icount - 1);
}

static bool fp_allowed(const rv_hart *h) { return (h->mstatus & MSTATUS_FS) != 0; }

#define MENVCFG_STCE (UINT64_C(1) << 63)

/* Sstc: below M-mode, stimecmp needs menvcfg.STCE and mcounteren.TM. */
static bool stimecmp_allowed(const rv_hart *h) {
    return h->priv == RV_PRIV_M || ((h->menvcfg & MENVCFG_STCE) && (h->mcounteren & 2));
}

/* Returns 0 with *value, or -1 if the CSR does not exist or may not be read here. */
static int csr_read(rv_hart *h, int csr, uint64_t *value) {
    switch (csr) {
    case CSR_FFLAGS: if (!fp_allowed(h)) return -1; *value = h->fflags; return 0;
    case CSR_FRM: if (!fp_allowed(h)) return -1; *value = h->frm; return 0;
    case CSR_FCSR: if (!fp_allowed(h)) return -1; *value = h->frm << 5 | h->fflags; return 0;
    case CSR_CYCLE: if (!counter_allowed(h, csr)) return -1; *value = counter_value(h, COUNTER_CY); return 0;
    case CSR_TIME: if (!counter_allowed(h, csr)) return -1; *value = rv_hart_time(h); return 0;
    case CSR_INSTRET: if (!counter_allowed(h, csr)) return -1; *value = counter_value(h, COUNTER_IR); return 0;
    case CSR_SSTATUS: *value = read_mstatus(h) & SSTATUS_MASK; return 0;
    case CSR_SIE: *value = h->mie & h->mideleg; return 0;
    case CSR_STVEC: *value = h->stvec; return 0;
    case CSR_SCOUNTEREN: *value = h->scounteren; return 0;
    case CSR_SENVCFG: *value = h->senvcfg; return 0;
    case CSR_SSCRATCH: *value = h->sscratch; return 0;
    case CSR_SEPC: *value = h->sepc; return 0;
    case CSR_SCAUSE: *value = h->scause; return 0;
    case CSR_STVAL: *value = h->stval; return 0;
    case CSR_SIP: *value = h->mip & h->mideleg; return 0;
    case CSR_STIMECMP: if (!stimecmp_allowed(h)) return -1; *value = h->stimecmp; return 0;
    case CSR_SATP:
        if (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_TVM)) return -1;
        *value = h->satp;
        return 0;
    case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MHARTID:
    case CSR_MCONFIGPTR:
        *value = 0;
        return 0;
    case CSR_MSTATUS: *value = read_mstatus(h); return 0;
    case CSR_MISA: *value = MISA_VALUE; return 0;
    case CSR_MEDELEG: *value = h->medeleg; return 0;
    case CSR_MIDELEG: *value = h->mideleg; return 0;
    case CSR_MIE: *value = h->mie; return 0;
    case CSR_MTVEC: *value = h->mtvec; return 0;
    case CSR_MCOUNTEREN: *value = h->mcounteren; return 0;
    case CSR_MENVCFG: *value = h->menvcfg; return 0;
    case CSR_MCOUNTINHIBIT: *value = h->mcountinhibit; return 0;
    case CSR_MSCRATCH: *value = h->mscratch; return 0;
    case CSR_MEPC: *value = h->mepc; return 0;
    case CSR_MCAUSE: *value = h->mcause; return 0;
    case CSR_MTVAL: *value = h->mtval; return 0;
    case CSR_MIP: *value = h->mip; return 0;
    case CSR_MCYCLE: *value = counter_value(h, COUNTER_CY); return 0;
    case CSR_MINSTRET: *value = counter_value(h, COUNTER_IR); return 0;
    }
    if (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31) {
        if (!counter_allowed(h, csr)) return -1;
        *value = 0;
        return 0;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)) {
        *value = 0;
        return 0;
    }
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG15) {
        int n = csr - CSR_PMPCFG0;
        if (n & 1) return -1; /* RV64 has only the even pmpcfg registers */
        *value = n / 2 < 2 ? h->pmpcfg[n / 2] : 0;
        return 0;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        int n = csr - CSR_PMPADDR0;
        *value = n < 16 ? h->pmpaddr[n] : 0;
        return 0;
    }
    return -1;
}

/* Returns 0, or -1 if the write is not allowed. */
static int csr_write(rv_hart *h, int csr, uint64_t value) {
    switch (csr) {
    case CSR_FFLAGS: if (!fp_allowed(h)) return -1; h->fflags = value & 0x1f; rv_mark_fs_dirty(h); return 0;
    case CSR_FRM: if (!fp_allowed(h)) return -1; h->frm = value & 7; rv_mark_fs_dirty(h); return 0;
    case CSR_FCSR:
        if (!fp_allowed(h)) return -1;
        h->fflags = value & 0x1f;
        h->frm = (value >> 5) & 7;
        rv_mark_fs_dirty(h);
        return 0;
    case CSR_SSTATUS: write_mstatus(h, value, SSTATUS_MASK & MSTATUS_WRITABLE); return 0;
    case CSR_SIE: h->mie = (h->mie & ~h->mideleg) | (value & h->mideleg & S_INTERRUPTS); return 0;
    case CSR_STVEC: if ((value & 3) < 2) h->stvec = value; return 0; /* modes 2, 3 reserved */
    case CSR_SCOUNTEREN: h->scounteren = value & 0xffffffff; return 0;
    case CSR_SENVCFG: h->senvcfg = value & 1; return 0;
    case CSR_SSCRATCH: h->sscratch = value; return 0;
    case CSR_SEPC: h->sepc = value & ~UINT64_C(1); return 0;
    case CSR_SCAUSE: h->scause = value; return 0;
    case CSR_STVAL: h->stval = value; return 0;
    case CSR_SIP: {
        uint64_t mask = h->mideleg & MIP_SSIP;
        h->mip = (h->mip & ~mask) | (value & mask);
        return 0;
    }
    case CSR_STIMECMP:
        if (!stimecmp_allowed(h)) return -1;
        h->stimecmp = value;
        rv_recompute_timer(h);
        return 0;
    case CSR_SATP: {
        if (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_TVM)) return -1;
        uint64_t mode = value >> 60;
        /* Only Bare, Sv39 and Sv48: a write asking for another mode changes nothing
         * (Linux probes Sv57, then Sv48, then Sv39 this way). */
        if (mode != 0 && mode != 8 && mode != 9) return 0;
        h->satp = value & (UINT64_C(0xf) << 60 | UINT64_C(0xffff) << 44 | ((UINT64_C(1) << 44) - 1));
        rv_hart_flush_tlb(h);
        return 0;
    }
    case CSR_MSTATUS: write_mstatus(h, value, MSTATUS_WRITABLE); return 0;
    case CSR_MISA: return 0; /* fixed */
    case CSR_MEDELEG: h->medeleg = value & MEDELEG_WRITABLE; return 0;
    case CSR_MIDELEG: h->mideleg = value & S_INTERRUPTS; return 0;
    case CSR_MIE: h->mie = value & (S_INTERRUPTS | M_INTERRUPTS); return 0;
    case CSR_MTVEC: if ((value & 3) < 2) h->mtvec = value; return 0;
    case CSR_MCOUNTEREN: h->mcounteren = value & 0xffffffff; return 0;
    case CSR_MENVCFG:
        h->menvcfg = value & (1 | MENVCFG_STCE);
        rv_recompute_timer(h); /* STCE hands STIP to the stimecmp comparator */
        return 0;
    case CSR_MCOUNTINHIBIT: {
        /* An inhibited counter keeps the value it had; a resumed one goes on from it. */
        uint64_t next = value & 0xfffffffd;
        static const int counters[] = {COUNTER_CY, COUNTER_IR};
        for (unsigned i = 0; i < 2; i++) {
            int c = counters[i];
            uint64_t now = counter_value(h, c);
            uint64_t bit = UINT64_C(1) << c;
            h->mcountinhibit = (h->mcountinhibit & ~bit) | (next & bit);
            set_counter(h, c, now);
        }
        h->mcountinhibit = next;
        return 0;
    }
    case CSR_MSCRATCH: h->mscratch = value; return 0;
    case CSR_MEPC: h->mepc = value & ~UINT64_C(1); return 0;
    case CSR_MCAUSE: h->mcause = value; return 0;
    case CSR_MTVAL: h->mtval = value; return 0;
    case CSR_MIP: {
        /* under Sstc, STIP belongs to the stimecmp comparator */
        uint64_t writable = S_INTERRUPTS & ~((h->menvcfg & MENVCFG_STCE) ? MIP_STIP : 0);
        h->mip = (h->mip & ~writable) | (value & writable);
        return 0;
    }
    case CSR_MCYCLE: set_counter(h, COUNTER_CY, value); return 0;
    case CSR_MINSTRET: set_counter(h, COUNTER_IR, value); return 0;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31))
        return 0; /* no events: the counters stay zero */
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG15) {
        int n = csr - CSR_PMPCFG0;
        if (n & 1) return -1;
        if (n / 2 < 2) h->pmpcfg[n / 2] = value & UINT64_C(0x9f9f9f9f9f9f9f9f);
        return 0;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        int n = csr - CSR_PMPADDR0;
        if (n < 16) h->pmpaddr[n] = value & ((UINT64_C(1) << 54) - 1);
        return 0;
    }
    return -1;
}

int rv_exec_csr(rv_hart *h, const rv_decoded *d) {
    int csr = d->imm & 0xfff;
    bool immediate = d->op >= RV_OP_CSRRWI;
    int kind = immediate ? d->op - RV_OP_CSRRWI : d->op - RV_OP_CSRRW; /* 0 W, 1 S, 2 C */
    uint64_t operand = immediate ? d->rs1 : h->x[d->rs1];
    bool writes = kind == 0 || d->rs1 != 0;
    if (((csr >> 8) & 3) > h->priv) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    if (writes && (csr >> 10) == 3) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    uint64_t old = 0;
    if (csr_read(h, csr, &old)) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    if (writes) {
        uint64_t value = kind == 0 ? operand : kind == 1 ? old | operand : old & ~operand;
        if (csr_write(h, csr, value)) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    }
    h->x[d->rd] = old;
    return 0;
}
