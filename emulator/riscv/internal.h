/*
 * Definitions shared by the hart's own files (execute, mmu, csr, trap, fp_exec): CSR
 * numbers and fields, exception causes, and the slow paths the interpreter calls. Not
 * for use outside emulator/riscv.
 */
#ifndef SPIN_RISCV_INTERNAL_H
#define SPIN_RISCV_INTERNAL_H

#include "riscv/decode.h"
#include "riscv/hart.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* mstatus / sstatus fields */
#define MSTATUS_SIE (UINT64_C(1) << 1)
#define MSTATUS_MIE (UINT64_C(1) << 3)
#define MSTATUS_SPIE (UINT64_C(1) << 5)
#define MSTATUS_MPIE (UINT64_C(1) << 7)
#define MSTATUS_SPP (UINT64_C(1) << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (UINT64_C(3) << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (UINT64_C(3) << MSTATUS_FS_SHIFT)
#define MSTATUS_MPRV (UINT64_C(1) << 17)
#define MSTATUS_SUM (UINT64_C(1) << 18)
#define MSTATUS_MXR (UINT64_C(1) << 19)
#define MSTATUS_TVM (UINT64_C(1) << 20)
#define MSTATUS_TW (UINT64_C(1) << 21)
#define MSTATUS_TSR (UINT64_C(1) << 22)
#define MSTATUS_UXL (UINT64_C(3) << 32)
#define MSTATUS_SXL (UINT64_C(3) << 34)
#define MSTATUS_SD (UINT64_C(1) << 63)

/* interrupt numbers (mip/mie bits) */
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (UINT64_C(1) << IRQ_SSI)
#define MIP_MSIP (UINT64_C(1) << IRQ_MSI)
#define MIP_STIP (UINT64_C(1) << IRQ_STI)
#define MIP_MTIP (UINT64_C(1) << IRQ_MTI)
#define MIP_SEIP (UINT64_C(1) << IRQ_SEI)
#define MIP_MEIP (UINT64_C(1) << IRQ_MEI)

/* exception causes */
enum {
    EXC_INSN_MISALIGNED = 0,
    EXC_INSN_ACCESS = 1,
    EXC_ILLEGAL_INSN = 2,
    EXC_BREAKPOINT = 3,
    EXC_LOAD_MISALIGNED = 4,
    EXC_LOAD_ACCESS = 5,
    EXC_STORE_MISALIGNED = 6,
    EXC_STORE_ACCESS = 7,
    EXC_ECALL_U = 8,
    EXC_ECALL_S = 9,
    EXC_ECALL_M = 11,
    EXC_INSN_PAGE_FAULT = 12,
    EXC_LOAD_PAGE_FAULT = 13,
    EXC_STORE_PAGE_FAULT = 15,
};
#define CAUSE_INTERRUPT (UINT64_C(1) << 63)

enum rv_access { RV_ACCESS_READ = 0, RV_ACCESS_WRITE = 1, RV_ACCESS_EXEC = 2 };

/* Records an exception for the interpreter to take; always returns -1 so slow paths
 * can `return rv_fault(...)`. */
static inline int rv_fault(rv_hart *h, uint64_t cause, uint64_t tval) {
    h->exc_cause = cause;
    h->exc_tval = tval;
    return -1;
}

static inline void rv_mark_fs_dirty(rv_hart *h) { h->mstatus |= MSTATUS_FS; }

/* A single-precision operand: the low half of a NaN-boxed f register, or the canonical
 * NaN when the upper half is not all ones. */
static inline uint32_t rv_f32_operand(const rv_hart *h, int r) {
    uint64_t v = h->f[r];
    return (v >> 32) == 0xffffffffu ? (uint32_t)v : 0x7fc00000u;
}

/* mmu.c */
/* The guest physical address of a host pointer into RAM (from a TLB entry). */
static inline uint64_t rv_host_to_phys(const rv_hart *h, const uint8_t *host) {
    return h->bus->ram_base + (uint64_t)(host - h->bus->ram);
}
/* Translates va for an access of this kind at the current effective privilege and fills
 * the matching TLB when the page is plain RAM. On success *pa is the physical address and
 * the result is the host pointer for va (NULL for device memory). On failure returns
 * NULL with *pa = UINT64_MAX and the fault recorded. */
uint8_t *rv_translate(rv_hart *h, uint64_t va, int access, uint64_t *pa);
int rv_load_slow(rv_hart *h, uint64_t va, unsigned size, uint64_t *value);
int rv_store_slow(rv_hart *h, uint64_t va, unsigned size, uint64_t value);
/* For AMOs and LR/SC: aligned address check, then translation for writing (LR: reading).
 * *host is the host pointer (NULL for a device, then *pa is used with the bus). */
int rv_amo_address(rv_hart *h, uint64_t va, unsigned size, bool is_lr, uint8_t **host,
                   uint64_t *pa);

/* trap.c */
void rv_take_trap(rv_hart *h, uint64_t cause, uint64_t tval);
/* Takes the highest-priority pending and enabled interrupt, if any; true if it did. */
bool rv_take_interrupt(rv_hart *h);
int rv_mret(rv_hart *h);
int rv_sret(rv_hart *h);
void rv_set_priv(rv_hart *h, int priv);

/* csr.c */
int rv_exec_csr(rv_hart *h, const rv_decoded *d);

/* fp_exec.c: F and D operations other than loads and stores. */
int rv_exec_fp(rv_hart *h, const rv_decoded *d);

/* execute.c */
void rv_recompute_timer(rv_hart *h);
/* Points tlb_read/write/fetch at the current privilege's TLB set. */
void rv_select_tlb(rv_hart *h);

#endif
