/*
 * One RISC-V hart: RV64IMAFDC + Zicsr + Zifencei, M/S/U modes, privileged spec 1.12,
 * Sv39/Sv48. The hart knows the bus, never the devices behind it.
 *
 * The host drives it in slices: rv_hart_run() executes until an instruction budget is
 * spent, the hart waits for an interrupt (WFI with nothing pending), or a device asked
 * it to stop. Time is derived from the instruction count (plus the instructions'
 * worth of time the host skipped while the hart was idle), so the guest sees the same
 * clock in a browser, in Node and natively.
 *
 * How it is fast (docs/hart.md): instructions are decoded once per physical page into
 * rv_decoded entries (code_cache.h) and executed by one switch (threaded code natively,
 * through handler addresses held in the decoded slots); loads, stores and
 * fetches go through small direct-mapped TLBs holding host-pointer addends; interrupts,
 * timers and the budget are only looked at when control leaves a straight line
 * (taken branch, jump, page end, CSR write, trap).
 */
#ifndef SPIN_RISCV_HART_H
#define SPIN_RISCV_HART_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "riscv/code_cache.h"

enum { RV_PRIV_U = 0, RV_PRIV_S = 1, RV_PRIV_M = 3 };

/* Instructions' worth of time per tick of the 10 MHz timebase (mtime, `time`). */
#define RV_INSNS_PER_TICK 10
#define RV_TIMEBASE_HZ 10000000

#define RV_TLB_SIZE 256

/* 16 bytes, so indexing is a shift. Entries exist only for plain RAM pages, so the
 * physical address is found from the host one (rv_tlb_host_to_phys in mmu.c). */
typedef struct rv_tlb_entry {
    uint64_t tag;     /* virtual page address; RV_TLB_INVALID when empty */
    uintptr_t addend; /* host address = guest virtual address + addend */
} rv_tlb_entry;
#define RV_TLB_INVALID UINT64_MAX

typedef enum rv_run_result {
    RV_RUN_BUDGET, /* the instruction budget is spent */
    RV_RUN_IDLE,   /* WFI with no interrupt pending: nothing to do until one arrives */
    RV_RUN_STOP,   /* a device asked the hart to stop (poweroff, test exit) */
} rv_run_result;

typedef struct rv_hart {
    uint64_t x[33]; /* x[32] is where writes to x0 go, so x[0] always reads zero */
    uint64_t f[32];
    uint64_t pc;
    int priv;

    /* Time and counters. */
    uint64_t icount;       /* instructions retired since reset */
    uint64_t idle_insns;   /* time skipped while idle, in instructions */
    uint64_t mtimecmp;     /* in ticks; the CLINT device is its MMIO face */
    uint64_t stimecmp;     /* Sstc: S-mode timer compare, drives STIP when menvcfg.STCE */
    uint64_t timer_due_at; /* icount at which time reaches the next compare (UINT64_MAX: never) */
    int64_t counter_offset[2];   /* mcycle, minstret = icount + offset (csr.c) */
    uint64_t counter_frozen[2];  /* their values while mcountinhibit stops them */
    uint64_t trap_count;         /* traps taken since reset */

    /* Machine and supervisor CSRs. */
    uint64_t mstatus, medeleg, mideleg, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
    uint64_t mcounteren, mcountinhibit, menvcfg;
    uint64_t stvec, sscratch, sepc, scause, stval, scounteren, senvcfg, satp;
    uint64_t pmpcfg[2], pmpaddr[16];
    uint32_t fflags, frm;

    /* LR/SC reservation. */
    uint64_t reservation, reservation_value;
    bool reservation_valid;

    /* Raised by a device during a store (e.g. the CLINT changed mip): the current block
     * ends so interrupts are looked at again. */
    bool end_block;
    /* Raised by a device: rv_hart_run returns RV_RUN_STOP at the next block end. */
    bool stop_requested;

    /* The exception a slow path reports before it returns nonzero. */
    uint64_t exc_cause, exc_tval;

    spin_bus *bus;
    /* One TLB set per privilege level (U, S, M): a trap or return picks the set of
     * its new privilege instead of flushing, since entries hold permissions checked
     * for one privilege. tlb_read/write/fetch point into the current set. */
    struct rv_tlb_set {
        rv_tlb_entry read[RV_TLB_SIZE], write[RV_TLB_SIZE], fetch[RV_TLB_SIZE];
    } tlb_sets[3];
    rv_tlb_entry *tlb_read, *tlb_write, *tlb_fetch;
    rv_code_cache code;
    rv_decoded *oneshot;   /* see rv_hart_run: instructions executed outside the cache */
    uint32_t oneshot_used; /* its slot in use, or UINT32_MAX */
    bool oneshot_linked;   /* its slots hold their handlers' addresses (natively, execute.c) */

    /* Supervisor binary interface served in C: when set, ECALL from S-mode calls it
     * instead of trapping to M-mode (there is no M-mode firmware then). sbi.h. */
    struct rv_sbi *sbi;

    /* Translation to wasm (jit.h): a slot is translated on its jit_threshold-th entry (1:
     * the first); 0 turns translation off (always, where rv_jit_available() is false). */
    uint32_t jit_threshold;
    uint64_t jit_translations; /* translations made since init (statistics) */

    /* Optional per-instruction trace (slow: the hart then runs one instruction at a
     * time). */
    void (*trace)(void *opaque, uint64_t pc, uint32_t insn, int len);
    void *trace_opaque;
} rv_hart;

/* 0 on success, -1 if memory for the code cache cannot be had. The hart registers
 * itself as the bus's ram_written hook, to drop decoded code that devices overwrite. */
int rv_hart_init(rv_hart *h, spin_bus *bus);
void rv_hart_destroy(rv_hart *h);
void rv_hart_reset(rv_hart *h, uint64_t pc);

rv_run_result rv_hart_run(rv_hart *h, uint64_t max_insns);

/* The 10 MHz timebase seen by the guest (mtime, the `time` CSR). */
uint64_t rv_hart_time(const rv_hart *h);
void rv_hart_set_mtimecmp(rv_hart *h, uint64_t ticks);
/* Ticks until time reaches mtimecmp or (Sstc) stimecmp, whichever is first (0 if one is
 * already due, UINT64_MAX if never). */
uint64_t rv_hart_ticks_until_timer(const rv_hart *h);
/* Moves time forward while the hart is idle. */
void rv_hart_skip_time(rv_hart *h, uint64_t ticks);

/* Interrupt lines driven by devices (mip bits). */
#define RV_MIP_MSIP (UINT64_C(1) << 3)
#define RV_MIP_SEIP (UINT64_C(1) << 9)
#define RV_MIP_MEIP (UINT64_C(1) << 11)

/* Interrupt lines driven by devices: mask of MIP bits, level true = pending. */
void rv_hart_set_irq(rv_hart *h, uint64_t mip_bits, bool level);

/* Forget every cached translation (satp, sfence.vma, mstatus SUM/MXR/MPRV changes). */
void rv_hart_flush_tlb(rv_hart *h);

#endif
