/*
 * The interpreter: one switch over pre-decoded instructions (decode.h), walking a code
 * page (code_cache.h) with the pc kept in a local. Straight-line code moves to the next
 * slot; a taken branch that stays in the page moves within it; everything else (page
 * end, a jump elsewhere, a trap, a CSR write, a device asking) goes back through
 * `refetch`, the only place that looks at the budget, timers and interrupts. Loads and
 * stores try the TLB's host-pointer fast path inline and fall back to mmu.c. Natively
 * the switch is threaded code: each slot holds its handler's address and every handler
 * knows its instruction's size (docs/hart.md, "Dispatch").
 */
#include <stdlib.h>
#include <string.h>

#include "riscv/fp_fast.h"
#include "riscv/internal.h"
#include "riscv/jit.h"
#include "riscv/muldiv.h"
#include "riscv/sbi.h"

/* Threaded dispatch (computed goto) where the compiler has it and it helps: native
 * gcc/clang builds, where slots hold their handler's address (code_cache.h). */
#define SPIN_THREADED_DISPATCH RV_DECODED_HANDLER_ADDRESS

/* Hot code is translated to wasm functions (jit.h) where there is an engine to compile
 * them: the wasm build. Natively the entry counting is compiled out. */
#ifdef __EMSCRIPTEN__
#define SPIN_JIT 1
#else
#define SPIN_JIT 0
#endif

_Static_assert(sizeof(rv_decoded) == (RV_DECODED_HANDLER_ADDRESS ? 32 : 16),
               "decoded instructions are a power of two in size (STEP, PC)");
_Static_assert(sizeof(rv_tlb_entry) == 16 || sizeof(void *) == 4, "TLB entries are 16 bytes");


/* RAM written by anything but the hart's stores (loaders, DMA) may hold decoded code. */
static void ram_written(void *opaque, uint64_t paddr, uint64_t len) {
    rv_hart *h = opaque;
    rv_code_cache_invalidate(&h->code, paddr, len);
}

int rv_hart_init(rv_hart *h, spin_bus *bus) {
    memset(h, 0, sizeof *h);
    h->bus = bus;
    bus->ram_written = ram_written;
    bus->ram_written_opaque = h;
    if (rv_code_cache_init(&h->code, 1024) != 0) return -1;
    /* The one-shot page: every slot sends the interpreter back to refetch, except the
     * one an instruction executed on its own is decoded into (two extra slots: such an
     * instruction may straddle the page end). */
    h->oneshot = calloc(RV_CODE_SLOTS + 2, sizeof *h->oneshot);
    if (!h->oneshot) {
        rv_code_cache_destroy(&h->code);
        return -1;
    }
    for (int i = 0; i < RV_CODE_SLOTS + 2; i++) h->oneshot[i].op = h->oneshot[i].handler = RV_OP_PAGE_END;
    h->oneshot_used = UINT32_MAX;
    h->jit_threshold = rv_jit_available() ? RV_JIT_DEFAULT_THRESHOLD : 0;
    rv_hart_reset(h, 0);
    return 0;
}

void rv_hart_destroy(rv_hart *h) {
    rv_code_cache_destroy(&h->code);
    free(h->oneshot);
    h->oneshot = NULL;
}

void rv_hart_reset(rv_hart *h, uint64_t pc) {
    memset(h->x, 0, sizeof h->x);
    memset(h->f, 0, sizeof h->f);
    h->pc = pc;
    h->priv = RV_PRIV_M;
    rv_select_tlb(h);
    h->mstatus = (UINT64_C(2) << 32) | (UINT64_C(2) << 34); /* UXL = SXL = 64 */
    h->medeleg = h->mideleg = h->mie = h->mip = 0;
    h->mtvec = h->mscratch = h->mepc = h->mcause = h->mtval = 0;
    h->mcounteren = h->mcountinhibit = h->menvcfg = 0;
    memset(h->counter_offset, 0, sizeof h->counter_offset);
    memset(h->counter_frozen, 0, sizeof h->counter_frozen);
    h->stvec = h->sscratch = h->sepc = h->scause = h->stval = 0;
    h->scounteren = h->senvcfg = h->satp = 0;
    memset(h->pmpcfg, 0, sizeof h->pmpcfg);
    memset(h->pmpaddr, 0, sizeof h->pmpaddr);
    h->fflags = h->frm = 0;
    h->reservation_valid = false;
    h->mtimecmp = h->stimecmp = UINT64_MAX;
    h->stop_requested = h->end_block = false;
    rv_recompute_timer(h);
    rv_hart_flush_tlb(h);
    rv_code_cache_clear(&h->code);
}

void rv_hart_flush_tlb(rv_hart *h) {
    for (int s = 0; s < 3; s++) {
        struct rv_tlb_set *set = &h->tlb_sets[s];
        for (int i = 0; i < RV_TLB_SIZE; i++) {
            set->read[i].tag = RV_TLB_INVALID;
            set->write[i].tag = RV_TLB_INVALID;
            set->fetch[i].tag = RV_TLB_INVALID;
        }
    }
}

void rv_select_tlb(rv_hart *h) {
    struct rv_tlb_set *set = &h->tlb_sets[h->priv == RV_PRIV_M ? 2 : h->priv];
    h->tlb_read = set->read;
    h->tlb_write = set->write;
    h->tlb_fetch = set->fetch;
}

uint64_t rv_hart_time(const rv_hart *h) {
    return (h->icount + h->idle_insns) / RV_INSNS_PER_TICK;
}

/* The instruction count at which time reaches `ticks` (UINT64_MAX: never). */
static uint64_t icount_at_time(const rv_hart *h, uint64_t ticks) {
    if (ticks > (UINT64_MAX - RV_INSNS_PER_TICK) / RV_INSNS_PER_TICK) return UINT64_MAX;
    uint64_t clock = h->icount + h->idle_insns, due = ticks * RV_INSNS_PER_TICK;
    return due <= clock ? h->icount : h->icount + (due - clock);
}

static bool sstc_enabled(const rv_hart *h) { return (h->menvcfg >> 63) & 1; }

/* Updates MTIP (and STIP under Sstc) from the compares and sets timer_due_at, the
 * instruction count at which the next one fires, so the interpreter compares one
 * counter with one limit instead of dividing on every block. */
void rv_recompute_timer(rv_hart *h) {
    uint64_t now = rv_hart_time(h);
    uint64_t due = UINT64_MAX;
    if (h->mtimecmp <= now) {
        h->mip |= MIP_MTIP;
    } else {
        h->mip &= ~MIP_MTIP;
        due = icount_at_time(h, h->mtimecmp);
    }
    if (sstc_enabled(h)) {
        if (h->stimecmp <= now) {
            h->mip |= MIP_STIP;
        } else {
            h->mip &= ~MIP_STIP;
            uint64_t s = icount_at_time(h, h->stimecmp);
            if (s < due) due = s;
        }
    }
    h->timer_due_at = due;
}

void rv_hart_set_mtimecmp(rv_hart *h, uint64_t ticks) {
    h->mtimecmp = ticks;
    rv_recompute_timer(h);
    h->end_block = true;
}

static uint64_t ticks_until(uint64_t now, uint64_t cmp) {
    if (cmp == UINT64_MAX) return UINT64_MAX;
    return cmp > now ? cmp - now : 0;
}

uint64_t rv_hart_ticks_until_timer(const rv_hart *h) {
    uint64_t now = rv_hart_time(h);
    uint64_t m = ticks_until(now, h->mtimecmp);
    uint64_t s = sstc_enabled(h) ? ticks_until(now, h->stimecmp) : UINT64_MAX;
    return m < s ? m : s;
}

void rv_hart_skip_time(rv_hart *h, uint64_t ticks) {
    h->idle_insns += ticks * RV_INSNS_PER_TICK;
    rv_recompute_timer(h);
}

void rv_hart_set_irq(rv_hart *h, uint64_t mip_bits, bool level) {
    if (level)
        h->mip |= mip_bits;
    else
        h->mip &= ~mip_bits;
    h->end_block = true;
}

/* Fetch path: the code page holding pc, via the fetch TLB. */
static rv_code_page *fetch_code_page(rv_hart *h, uint64_t pc, bool *created) {
    rv_tlb_entry *e = &h->tlb_fetch[(pc >> 12) & (RV_TLB_SIZE - 1)];
    uint64_t ppage;
    const uint8_t *host;
    if (likely(e->tag == (pc & SPIN_PAGE_MASK))) {
        host = (const uint8_t *)(uintptr_t)((pc & SPIN_PAGE_MASK) + e->addend);
        ppage = rv_host_to_phys(h, host);
    } else {
        uint64_t pa;
        uint8_t *p = rv_translate(h, pc, RV_ACCESS_EXEC, &pa);
        if (pa == UINT64_MAX) return NULL;
        if (!p) {
            rv_fault(h, EXC_INSN_ACCESS, pc); /* code must live in RAM */
            return NULL;
        }
        ppage = pa & SPIN_PAGE_MASK;
        host = p - (pc & ~SPIN_PAGE_MASK);
    }
    rv_code_page *page = rv_code_cache_get(&h->code, ppage, host, created);
    if (!page) abort(); /* host out of memory: nothing sensible left to do */
    if (h->jit_threshold && !page->jit) /* without memory for it, the page is interpreted */
        page->jit = calloc(RV_CODE_SLOTS + 1, sizeof *page->jit);
    if (*created) {
        /* Stores must not reach this page through the fast path any more. */
        for (int set = 0; set < 3; set++) {
            for (int i = 0; i < RV_TLB_SIZE; i++) {
                rv_tlb_entry *w = &h->tlb_sets[set].write[i];
                if (w->tag != RV_TLB_INVALID && (uintptr_t)(w->tag + w->addend) == (uintptr_t)host)
                    w->tag = RV_TLB_INVALID;
            }
        }
    }
    return page;
}

/* Reads the bits of the instruction at pc, which straddles a page boundary. */
static int fetch_straddling(rv_hart *h, uint64_t pc, uint32_t *bits) {
    uint64_t lo, hi;
    uint64_t pa;
    uint8_t *p = rv_translate(h, pc, RV_ACCESS_EXEC, &pa);
    if (pa == UINT64_MAX) return -1;
    if (!p) return rv_fault(h, EXC_INSN_ACCESS, pc);
    lo = (uint64_t)p[0] | (uint64_t)p[1] << 8;
    p = rv_translate(h, pc + 2, RV_ACCESS_EXEC, &pa);
    if (pa == UINT64_MAX) return -1;
    if (!p) return rv_fault(h, EXC_INSN_ACCESS, pc + 2);
    hi = (uint64_t)p[0] | (uint64_t)p[1] << 8;
    *bits = (uint32_t)(lo | hi << 16);
    return 0;
}

static inline int64_t sx32(uint64_t v) { return (int64_t)(int32_t)(uint32_t)v; }


/* AMOs, LR and SC. Returns 0 or -1 with the fault recorded. */
static int exec_atomic(rv_hart *h, const rv_decoded *d) {
    int op = d->op;
    bool dbl = op >= RV_OP_LR_D;
    unsigned size = dbl ? 8 : 4;
    uint64_t va = h->x[d->rs1];
    bool is_lr = op == RV_OP_LR_W || op == RV_OP_LR_D;
    bool is_sc = op == RV_OP_SC_W || op == RV_OP_SC_D;
    uint8_t *host;
    uint64_t pa, old = 0;
    if (rv_amo_address(h, va, size, is_lr, &host, &pa)) return -1;
    if (host)
        memcpy(&old, host, size);
    else if (spin_bus_read(h->bus, pa, size, &old))
        return rv_fault(h, is_lr ? EXC_LOAD_ACCESS : EXC_STORE_ACCESS, va);
    if (!dbl) old = (uint64_t)sx32(old);

    if (is_lr) {
        h->reservation = va;
        h->reservation_valid = true;
        h->reservation_value = old;
        h->x[d->rd] = old;
        return 0;
    }
    uint64_t src = h->x[d->rs2], val;
    if (is_sc) {
        /* Like QEMU, also require the reserved word to still hold what LR read. */
        bool ok = h->reservation_valid && h->reservation == va && h->reservation_value == old;
        h->reservation_valid = false;
        if (!ok) {
            h->x[d->rd] = 1;
            return 0;
        }
        val = src;
        old = 0;
    } else {
        if (!dbl) src = (uint64_t)sx32(src);
        switch (dbl ? op - (RV_OP_LR_D - RV_OP_LR_W) : op) {
        case RV_OP_AMOSWAP_W: val = src; break;
        case RV_OP_AMOADD_W: val = old + src; break;
        case RV_OP_AMOXOR_W: val = old ^ src; break;
        case RV_OP_AMOAND_W: val = old & src; break;
        case RV_OP_AMOOR_W: val = old | src; break;
        case RV_OP_AMOMIN_W: val = (int64_t)old < (int64_t)src ? old : src; break;
        case RV_OP_AMOMAX_W: val = (int64_t)old > (int64_t)src ? old : src; break;
        case RV_OP_AMOMINU_W: val = old < src ? old : src; break;
        default: val = old > src ? old : src; break; /* AMOMAXU */
        }
    }
    if (host)
        memcpy(host, &val, size);
    else if (spin_bus_write(h->bus, pa, size, val))
        return rv_fault(h, EXC_STORE_ACCESS, va);
    h->x[d->rd] = old; /* SC success writes 0 */
    return 0;
}

static bool fp_enabled(const rv_hart *h) { return (h->mstatus & MSTATUS_FS) != 0; }

rv_run_result rv_hart_run(rv_hart *h, uint64_t max_insns) {
    uint64_t *const x = h->x;
    /* Retired instructions. A block's instructions are added when it is entered (see
     * rv_decoded.remaining), so mid-block the exact count is ic - d->remaining. */
    uint64_t ic = h->icount;
    uint64_t budget_end = ic + max_insns < ic ? UINT64_MAX : ic + max_insns;
    uint64_t limit = 0;
    uint64_t pc = h->pc; /* only kept up to date across refetch */
    const rv_decoded *d = NULL;
    const rv_decoded *page_slots = NULL; /* slots of the page being executed */
    uint64_t vbase = 0;                  /* its virtual address */
    rv_run_result result;
#if SPIN_JIT
    uint32_t *jit_slots = NULL; /* the page's entry counts and translations, if any */
    const uint32_t jit_hot = h->jit_threshold - 1; /* count at which a slot is translated */
#endif

#if SPIN_THREADED_DISPATCH
    /* Natively, every handler jumps straight to the next one (one indirect branch per
     * handler, which host branch predictors handle far better than a single shared
     * one). wasm has no indirect jumps, so there the switch below is the dispatcher. */
#define LABEL_ADDRESS(name) &&op_##name,
#define C_LABEL_ADDRESS(name) &&op_C_##name,
#define CD_LABEL_ADDRESS(name) &&op_CD_##name,
    static const void *const handlers[RV_HANDLER_COUNT] = {
        RV_OPS(LABEL_ADDRESS) RV_FP_OPS(LABEL_ADDRESS) RV_COMPRESSED_OPS(C_LABEL_ADDRESS)
        RV_COMPRESSED_ALU_OPS(CD_LABEL_ADDRESS)};
#undef LABEL_ADDRESS
#undef C_LABEL_ADDRESS
#undef CD_LABEL_ADDRESS
#define CASE(name) case RV_OP_##name: op_##name:
#define DISPATCH() goto *d->run
/* Fills in the handler addresses of slots [from, to): after they are decoded, and for a
 * whole page when it is taken (its undecoded slots lead to op_UNDECODED). */
#define LINK(slots, from, to)                                               \
    do {                                                                    \
        for (unsigned i_ = (from); i_ < (to); i_++)                         \
            (slots)[i_].run = handlers[(slots)[i_].handler];                \
    } while (0)
#else
#define CASE(name) case RV_OP_##name:
#define DISPATCH() goto dispatch
#define LINK(slots, from, to) ((void)0)
#endif
#define DISPATCH_SWITCH switch (d->op)

/* The current instruction's address, from its slot. */
#define PC() (vbase + ((uint64_t)(d - page_slots) << 1))
#define SYNC() (h->pc = PC(), h->icount = ic - d->remaining)
/* The slot `size` bytes on (size / 2 slots). Handlers know their
 * instruction's size as a constant: were it read from d->len, every dispatch would wait
 * for that load from the previous slot, a chain of some 5 host cycles per instruction
 * that was the interpreter's critical path (and made it 20% slower). */
#define STEP(d, size) \
    ((const rv_decoded *)((const char *)(d) + (size_t)(size) * (sizeof(rv_decoded) / 2)))
/* Next instruction of the same block. */
#define NEXT_SIZED(size)            \
    do {                            \
        d = STEP(d, size);          \
        DISPATCH();                 \
    } while (0)
/* For operations without a compressed form, which are always 4 bytes (rv_decode gives
 * 2-byte encodings only RV_COMPRESSED_OPS and the ones that jump or trap; the unit test
 * decode_test checks every 16-bit encoding). */
#define NEXT() NEXT_SIZED(4)
/* An operation with a compressed form (RV_COMPRESSED_OPS) that goes on with
 * `then(size)`: natively, one handler per size (rv_decoded.handler picks it); the switch
 * has one case that reads d->len. */
#if SPIN_THREADED_DISPATCH
#define SIZED_CASES_THEN(then, name, ...)  \
    CASE(name) { __VA_ARGS__; then(4); }   \
    op_C_##name: { __VA_ARGS__; then(2); }
#else
#define SIZED_CASES_THEN(then, name, ...) CASE(name) { __VA_ARGS__; then(d->len); }
#endif
#define SIZED_CASES(name, ...) SIZED_CASES_THEN(NEXT_SIZED, name, __VA_ARGS__)
/* An integer operation of RV_COMPRESSED_ALU_OPS: rd = value(rs1's value). Natively it
 * has a third handler for compressed encodings with rd == rs1, which then updates the
 * one register in place (a read-modify-write, two fewer host instructions). */
#if SPIN_THREADED_DISPATCH
#define SIZED_ALU(name, value)                              \
    SIZED_CASES(name, x[d->rd] = value(x[d->rs1]))          \
    op_CD_##name: {                                         \
        uint64_t *rd_ = &x[d->rd];                          \
        *rd_ = value(*rd_);                                 \
        NEXT_SIZED(2);                                      \
    }
#else
#define SIZED_ALU(name, value) SIZED_CASES(name, x[d->rd] = value(x[d->rs1]))
#endif
/* Entering a slot from elsewhere: count it, and run its translation once it has one. */
#if SPIN_JIT
#define JIT_CHECK()                                              \
    if (jit_slots) {                                             \
        uint32_t *count_ = &jit_slots[d - page_slots];           \
        if (unlikely(*count_ >= jit_hot)) goto jit_entry;        \
        ++*count_;                                               \
    }
#else
#define JIT_CHECK()
#endif
/* Start of a block at d: count it whole. */
#define ENTER()                 \
    do {                        \
        JIT_CHECK();            \
        ic += d->remaining;     \
        DISPATCH();             \
    } while (0)
/* After a block-ending instruction that fell through. */
#define FALL_THROUGH_SIZED(size)    \
    do {                            \
        d = STEP(d, size);          \
        ENTER();                    \
    } while (0)
#define FALL_THROUGH() FALL_THROUGH_SIZED(4)
#define JUMP(target)                                          \
    do {                                                      \
        pc = (target);                                        \
        if (unlikely(ic >= limit)) goto refetch;              \
        if (likely(pc - vbase < SPIN_PAGE_SIZE)) {            \
            d = &page_slots[(pc - vbase) >> 1];               \
            ENTER();                                          \
        }                                                     \
        goto refetch;                                         \
    } while (0)
/* Taken branch or JAL whose target the decoder found in this page. */
#define JUMP_IN_PAGE()                                                  \
    do {                                                                \
        d = (const rv_decoded *)((const char *)d + d->imm);             \
        if (unlikely(ic >= limit)) {                                    \
            pc = PC();                                                  \
            goto refetch;                                               \
        }                                                               \
        ENTER();                                                        \
    } while (0)
/* The current instruction retired, but the rest of its block must not run now. */
#define END_BLOCK()                         \
    do {                                    \
        ic -= d->remaining - 1u;            \
        pc = PC() + d->len;                 \
        goto refetch;                       \
    } while (0)
#define TRAP(cause, tval)              \
    do {                               \
        rv_fault(h, (cause), (tval));  \
        goto exception;                \
    } while (0)
#define ILLEGAL() TRAP(EXC_ILLEGAL_INSN, d->raw)

/* Loads into rd, sign- or zero-extended by the C type's signedness. */
#define LOAD(ctype, size)                                                             \
    do {                                                                              \
        uint64_t va = x[d->rs1] + (uint64_t)(int64_t)d->imm;                          \
        const rv_tlb_entry *e = &h->tlb_read[(va >> 12) & (RV_TLB_SIZE - 1)];         \
        ctype v;                                                                      \
        if (likely(e->tag == (va & (SPIN_PAGE_MASK | (size - 1))))) {                 \
            memcpy(&v, (const void *)(uintptr_t)(va + e->addend), size);              \
        } else {                                                                      \
            uint64_t raw;                                                             \
            SYNC();                                                                   \
            if (rv_load_slow(h, va, size, &raw)) goto exception;                      \
            v = (ctype)raw;                                                           \
        }                                                                             \
        x[d->rd] = (uint64_t)(int64_t)v;                                              \
    } while (0)
#define STORE(ctype, size, value)                                                     \
    do {                                                                              \
        uint64_t va = x[d->rs1] + (uint64_t)(int64_t)d->imm;                          \
        const rv_tlb_entry *e = &h->tlb_write[(va >> 12) & (RV_TLB_SIZE - 1)];        \
        ctype v = (ctype)(value);                                                     \
        if (likely(e->tag == (va & (SPIN_PAGE_MASK | (size - 1))))) {                 \
            memcpy((void *)(uintptr_t)(va + e->addend), &v, size);                    \
        } else {                                                                      \
            SYNC();                                                                   \
            if (rv_store_slow(h, va, size, (uint64_t)v)) goto exception;              \
            if (h->end_block) {                                                       \
                h->end_block = false;                                                 \
                END_BLOCK();                                                          \
            }                                                                         \
        }                                                                             \
    } while (0)

refetch:
    /* Between blocks: pc and ic are exact here. */
    h->end_block = false;
    if (unlikely(h->stop_requested)) {
        result = RV_RUN_STOP;
        goto out;
    }
    if (ic >= h->timer_due_at) {
        h->icount = ic;
        rv_recompute_timer(h);
    }
    if (ic >= budget_end) {
        result = RV_RUN_BUDGET;
        goto out;
    }
    if (unlikely(h->mip & h->mie)) {
        h->pc = pc;
        h->icount = ic;
        if (rv_take_interrupt(h)) pc = h->pc;
    }
    limit = budget_end < h->timer_due_at ? budget_end : h->timer_due_at;
    vbase = pc & SPIN_PAGE_MASK;
    {
        unsigned index = (unsigned)(pc & 0xfff) >> 1;
        if (h->oneshot_used != UINT32_MAX) { /* tidy the previous one-shot slot */
            h->oneshot[h->oneshot_used] = h->oneshot[RV_CODE_SLOTS];
            h->oneshot_used = UINT32_MAX;
        }
        if (likely(!h->trace)) {
            bool created;
            rv_code_page *page = fetch_code_page(h, pc, &created);
            if (!page) goto fetch_exception;
            if (unlikely(created)) LINK(page->slot, 0, RV_CODE_SLOTS + 1);
            page_slots = page->slot;
#if SPIN_JIT
            jit_slots = h->jit_threshold ? page->jit : NULL;
#endif
            d = &page_slots[index];
            if (likely(d->op != RV_OP_UNDECODED)) ENTER();
            if (rv_code_page_decode_block(page, index)) {
                LINK(page->slot, index, page->hi);
                ENTER();
            }
        }
        /* One instruction on its own (tracing, or a 32-bit instruction straddling the
         * page end): fetched through the slow path and decoded into its slot of the
         * one-shot page, whose every other slot leads back here. */
        uint32_t bits = 0;
        uint64_t pa;
        uint8_t *p = rv_translate(h, pc, RV_ACCESS_EXEC, &pa);
        if (pa == UINT64_MAX) goto fetch_exception;
        if (!p) {
            rv_fault(h, EXC_INSN_ACCESS, pc);
            goto fetch_exception;
        }
        bits = (uint32_t)p[0] | (uint32_t)p[1] << 8;
        if (rv_insn_length((uint16_t)bits) == 4) {
            if ((pc & 0xfff) == 0xffe) {
                if (fetch_straddling(h, pc, &bits)) goto fetch_exception;
            } else {
                bits |= (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            }
        }
        rv_decoded *slot = &h->oneshot[index];
        rv_decode(slot, bits);
        if (unlikely(!h->oneshot_linked)) {
            LINK(h->oneshot, 0, RV_CODE_SLOTS + 2);
            h->oneshot_linked = true;
        }
        LINK(h->oneshot, index, index + 1);
        slot->remaining = 1;
        slot->rm = slot->op == RV_OP_JAL || (slot->op >= RV_OP_BEQ && slot->op <= RV_OP_BGEU) ? 0 : slot->rm;
        h->oneshot_used = index;
        if (h->trace) h->trace(h->trace_opaque, pc, slot->raw, slot->len);
        page_slots = h->oneshot;
#if SPIN_JIT
        jit_slots = NULL;
#endif
        d = slot;
        limit = ic + 1;
        ENTER();
    }

dispatch: __attribute__((unused));
    DISPATCH_SWITCH {
    CASE(UNDECODED)
    CASE(PAGE_END)
        pc = PC();
        goto refetch;
    default: /* cannot happen: every op has its case */
    CASE(ILLEGAL)
        ILLEGAL();

    SIZED_CASES(LUI, x[d->rd] = (uint64_t)(int64_t)d->imm)
    /* The values of the integer operations with a compressed form, from rs1's value */
#define ADDI_OF(a) ((a) + (uint64_t)(int64_t)d->imm)
#define ANDI_OF(a) ((a) & (uint64_t)(int64_t)d->imm)
#define SLLI_OF(a) ((a) << d->imm)
#define SRLI_OF(a) ((a) >> d->imm)
#define SRAI_OF(a) ((uint64_t)((int64_t)(a) >> d->imm))
#define ADD_OF(a) ((a) + x[d->rs2])
#define SUB_OF(a) ((a) - x[d->rs2])
#define XOR_OF(a) ((a) ^ x[d->rs2])
#define OR_OF(a) ((a) | x[d->rs2])
#define AND_OF(a) ((a) & x[d->rs2])
#define ADDIW_OF(a) ((uint64_t)sx32((a) + (uint64_t)(int64_t)d->imm))
#define ADDW_OF(a) ((uint64_t)sx32((a) + x[d->rs2]))
#define SUBW_OF(a) ((uint64_t)sx32((a) - x[d->rs2]))
    CASE(AUIPC) x[d->rd] = PC() + (uint64_t)(int64_t)d->imm; NEXT();
    CASE(JAL)
        x[d->rd] = PC() + d->len;
        if (d->rm) JUMP_IN_PAGE();
        JUMP(PC() + (uint64_t)(int64_t)d->imm);
    CASE(JALR) {
        uint64_t target = (x[d->rs1] + (uint64_t)(int64_t)d->imm) & ~UINT64_C(1);
        x[d->rd] = PC() + d->len;
        JUMP(target);
    }
#define TAKE_BRANCH_IF(cond)                                  \
    if (cond) {                                               \
        if (d->rm) JUMP_IN_PAGE();                            \
        JUMP(PC() + (uint64_t)(int64_t)d->imm);               \
    }
#define BRANCH(cond) TAKE_BRANCH_IF(cond) FALL_THROUGH();
    SIZED_CASES_THEN(FALL_THROUGH_SIZED, BEQ, TAKE_BRANCH_IF(x[d->rs1] == x[d->rs2]))
    SIZED_CASES_THEN(FALL_THROUGH_SIZED, BNE, TAKE_BRANCH_IF(x[d->rs1] != x[d->rs2]))
    CASE(BLT) BRANCH((int64_t)x[d->rs1] < (int64_t)x[d->rs2])
    CASE(BGE) BRANCH((int64_t)x[d->rs1] >= (int64_t)x[d->rs2])
    CASE(BLTU) BRANCH(x[d->rs1] < x[d->rs2])
    CASE(BGEU) BRANCH(x[d->rs1] >= x[d->rs2])
#undef BRANCH

    CASE(LB) LOAD(int8_t, 1); NEXT();
    CASE(LH) LOAD(int16_t, 2); NEXT();
    SIZED_CASES(LW, LOAD(int32_t, 4))
    SIZED_CASES(LD, LOAD(int64_t, 8))
    CASE(LBU) LOAD(uint8_t, 1); NEXT();
    CASE(LHU) LOAD(uint16_t, 2); NEXT();
    CASE(LWU) LOAD(uint32_t, 4); NEXT();
    CASE(SB) STORE(uint8_t, 1, x[d->rs2]); NEXT();
    CASE(SH) STORE(uint16_t, 2, x[d->rs2]); NEXT();
    SIZED_CASES(SW, STORE(uint32_t, 4, x[d->rs2]))
    SIZED_CASES(SD, STORE(uint64_t, 8, x[d->rs2]))

    SIZED_ALU(ADDI, ADDI_OF)
    CASE(SLTI) x[d->rd] = (int64_t)x[d->rs1] < (int64_t)d->imm; NEXT();
    CASE(SLTIU) x[d->rd] = x[d->rs1] < (uint64_t)(int64_t)d->imm; NEXT();
    CASE(XORI) x[d->rd] = x[d->rs1] ^ (uint64_t)(int64_t)d->imm; NEXT();
    CASE(ORI) x[d->rd] = x[d->rs1] | (uint64_t)(int64_t)d->imm; NEXT();
    SIZED_ALU(ANDI, ANDI_OF)
    SIZED_ALU(SLLI, SLLI_OF)
    SIZED_ALU(SRLI, SRLI_OF)
    SIZED_ALU(SRAI, SRAI_OF)
    SIZED_ALU(ADD, ADD_OF)
    SIZED_ALU(SUB, SUB_OF)
    CASE(SLL) x[d->rd] = x[d->rs1] << (x[d->rs2] & 63); NEXT();
    CASE(SLT) x[d->rd] = (int64_t)x[d->rs1] < (int64_t)x[d->rs2]; NEXT();
    CASE(SLTU) x[d->rd] = x[d->rs1] < x[d->rs2]; NEXT();
    SIZED_ALU(XOR, XOR_OF)
    CASE(SRL) x[d->rd] = x[d->rs1] >> (x[d->rs2] & 63); NEXT();
    CASE(SRA) x[d->rd] = (uint64_t)((int64_t)x[d->rs1] >> (x[d->rs2] & 63)); NEXT();
    SIZED_ALU(OR, OR_OF)
    SIZED_ALU(AND, AND_OF)
    SIZED_ALU(ADDIW, ADDIW_OF)
    CASE(SLLIW) x[d->rd] = (uint64_t)sx32((uint32_t)x[d->rs1] << d->imm); NEXT();
    CASE(SRLIW) x[d->rd] = (uint64_t)sx32((uint32_t)x[d->rs1] >> d->imm); NEXT();
    CASE(SRAIW) x[d->rd] = (uint64_t)(int64_t)((int32_t)(uint32_t)x[d->rs1] >> d->imm); NEXT();
    SIZED_ALU(ADDW, ADDW_OF)
    SIZED_ALU(SUBW, SUBW_OF)
    CASE(SLLW) x[d->rd] = (uint64_t)sx32((uint32_t)x[d->rs1] << (x[d->rs2] & 31)); NEXT();
    CASE(SRLW) x[d->rd] = (uint64_t)sx32((uint32_t)x[d->rs1] >> (x[d->rs2] & 31)); NEXT();
    CASE(SRAW)
        x[d->rd] = (uint64_t)(int64_t)((int32_t)(uint32_t)x[d->rs1] >> (x[d->rs2] & 31));
        NEXT();

    CASE(MUL) x[d->rd] = x[d->rs1] * x[d->rs2]; NEXT();
    CASE(MULH) x[d->rd] = rv_mulh((int64_t)x[d->rs1], (int64_t)x[d->rs2]); NEXT();
    CASE(MULHSU) x[d->rd] = rv_mulhsu((int64_t)x[d->rs1], x[d->rs2]); NEXT();
    CASE(MULHU) x[d->rd] = rv_mulhu(x[d->rs1], x[d->rs2]); NEXT();
    CASE(DIV) x[d->rd] = rv_div((int64_t)x[d->rs1], (int64_t)x[d->rs2]); NEXT();
    CASE(DIVU) x[d->rd] = rv_divu(x[d->rs1], x[d->rs2]); NEXT();
    CASE(REM) x[d->rd] = rv_rem((int64_t)x[d->rs1], (int64_t)x[d->rs2]); NEXT();
    CASE(REMU) x[d->rd] = rv_remu(x[d->rs1], x[d->rs2]); NEXT();
    CASE(MULW) x[d->rd] = (uint64_t)sx32((uint32_t)x[d->rs1] * (uint32_t)x[d->rs2]); NEXT();
    CASE(DIVW) x[d->rd] = rv_divw((int32_t)x[d->rs1], (int32_t)x[d->rs2]); NEXT();
    CASE(DIVUW) x[d->rd] = rv_divuw((uint32_t)x[d->rs1], (uint32_t)x[d->rs2]); NEXT();
    CASE(REMW) x[d->rd] = rv_remw((int32_t)x[d->rs1], (int32_t)x[d->rs2]); NEXT();
    CASE(REMUW) x[d->rd] = rv_remuw((uint32_t)x[d->rs1], (uint32_t)x[d->rs2]); NEXT();

    CASE(FENCE) NEXT();
    CASE(FENCE_I) END_BLOCK(); /* stores already dropped stale decoded code */
    CASE(ECALL)
        if (h->priv == RV_PRIV_S && h->sbi) { /* firmware served in C (sbi.c) */
            SYNC();
            rv_sbi_call(h);
            END_BLOCK();
        }
        TRAP(EXC_ECALL_U + (uint64_t)h->priv, 0);
    CASE(EBREAK) TRAP(EXC_BREAKPOINT, 0); /* mtval 0, as QEMU writes it */
    CASE(MRET)
        SYNC();
        if (rv_mret(h)) goto exception;
        pc = h->pc;
        goto refetch;
    CASE(SRET)
        SYNC();
        if (rv_sret(h)) goto exception;
        pc = h->pc;
        goto refetch;
    CASE(WFI)
        if (h->priv == RV_PRIV_U || (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_TW)))
            ILLEGAL();
        pc = PC() + d->len;
        if (h->mip & h->mie) goto refetch;
        result = RV_RUN_IDLE;
        goto out;
    CASE(SFENCE_VMA)
        if (h->priv == RV_PRIV_U || (h->priv == RV_PRIV_S && (h->mstatus & MSTATUS_TVM)))
            ILLEGAL();
        rv_hart_flush_tlb(h);
        END_BLOCK();

    CASE(CSRRW) CASE(CSRRS) CASE(CSRRC)
    CASE(CSRRWI) CASE(CSRRSI) CASE(CSRRCI)
        SYNC();
        if (rv_exec_csr(h, d)) goto exception;
        END_BLOCK(); /* the write may have changed interrupts, translation or privilege */

    CASE(LR_W) CASE(SC_W) CASE(AMOSWAP_W) CASE(AMOADD_W)
    CASE(AMOXOR_W) CASE(AMOAND_W) CASE(AMOOR_W) CASE(AMOMIN_W)
    CASE(AMOMAX_W) CASE(AMOMINU_W) CASE(AMOMAXU_W)
    CASE(LR_D) CASE(SC_D) CASE(AMOSWAP_D) CASE(AMOADD_D)
    CASE(AMOXOR_D) CASE(AMOAND_D) CASE(AMOOR_D) CASE(AMOMIN_D)
    CASE(AMOMAX_D) CASE(AMOMINU_D) CASE(AMOMAXU_D)
        SYNC();
        if (exec_atomic(h, d)) goto exception;
        if (h->end_block) {
            h->end_block = false;
            END_BLOCK();
        }
        NEXT();

    CASE(FLW)
        if (!fp_enabled(h)) ILLEGAL();
        {
            uint32_t v;
            uint64_t va = x[d->rs1] + (uint64_t)(int64_t)d->imm;
            const rv_tlb_entry *e = &h->tlb_read[(va >> 12) & (RV_TLB_SIZE - 1)];
            if (likely(e->tag == (va & (SPIN_PAGE_MASK | 3)))) {
                memcpy(&v, (const void *)(uintptr_t)(va + e->addend), 4);
            } else {
                uint64_t raw;
                SYNC();
                if (rv_load_slow(h, va, 4, &raw)) goto exception;
                v = (uint32_t)raw;
            }
            h->f[d->rd] = UINT64_C(0xffffffff00000000) | v;
            rv_mark_fs_dirty(h);
        }
        NEXT();
#define FLD_BODY()                                                                    \
    do {                                                                              \
        if (!fp_enabled(h)) ILLEGAL();                                                \
        uint64_t v;                                                                   \
        uint64_t va = x[d->rs1] + (uint64_t)(int64_t)d->imm;                          \
        const rv_tlb_entry *e = &h->tlb_read[(va >> 12) & (RV_TLB_SIZE - 1)];         \
        if (likely(e->tag == (va & (SPIN_PAGE_MASK | 7)))) {                          \
            memcpy(&v, (const void *)(uintptr_t)(va + e->addend), 8);                 \
        } else {                                                                      \
            SYNC();                                                                   \
            if (rv_load_slow(h, va, 8, &v)) goto exception;                           \
        }                                                                             \
        h->f[d->rd] = v;                                                              \
        rv_mark_fs_dirty(h);                                                          \
    } while (0)
    SIZED_CASES(FLD, FLD_BODY())
#undef FLD_BODY
    CASE(FSW)
        if (!fp_enabled(h)) ILLEGAL();
        STORE(uint32_t, 4, h->f[d->rs2]);
        NEXT();
    SIZED_CASES(FSD, if (!fp_enabled(h)) ILLEGAL(); STORE(uint64_t, 8, h->f[d->rs2]))

    /* F and D arithmetic: the hot operations try the host-arithmetic fast paths first:
     * the quick one when nothing but the destination can change (NX already raised, FS
     * already Dirty), else the one that works out NX. */
#define RNE_MODE() (d->rm == 0 || (d->rm == 7 && h->frm == 0))
#define FP_FAST(kind, name, quick, op, ...)                                        \
    CASE(name) {                                                                   \
        uint32_t fl = h->fflags; /* with NX already set, it is not worked out */   \
        kind r;                                                                    \
        if (likely((fl & SF_FLAG_NX) && (h->mstatus & MSTATUS_FS) == MSTATUS_FS) && \
            RNE_MODE() && quick(__VA_ARGS__, &r)) {                                \
            h->f[d->rd] = FP_RESULT_##kind(r);                                     \
            NEXT();                                                                \
        }                                                                          \
        if ((h->mstatus & MSTATUS_FS) && RNE_MODE()) {                             \
            if (op(__VA_ARGS__, &r, &fl)) {                                        \
                h->f[d->rd] = FP_RESULT_##kind(r);                                 \
                h->fflags = fl;                                                    \
                rv_mark_fs_dirty(h);                                               \
                NEXT();                                                            \
            }                                                                      \
        }                                                                          \
        goto fp_slow;                                                              \
    }
#define FP_RESULT_uint32_t(r) (UINT64_C(0xffffffff00000000) | (r))
#define FP_RESULT_uint64_t(r) (r)
#define F32_OPERAND(r) rv_f32_operand(h, r)
    FP_FAST(uint32_t, FADD_S, fpf_quick_add32, fpf_add32, F32_OPERAND(d->rs1), F32_OPERAND(d->rs2))
    FP_FAST(uint32_t, FSUB_S, fpf_quick_add32, fpf_add32, F32_OPERAND(d->rs1),
            F32_OPERAND(d->rs2) ^ 0x80000000u)
    FP_FAST(uint32_t, FMUL_S, fpf_quick_mul32, fpf_mul32, F32_OPERAND(d->rs1), F32_OPERAND(d->rs2))
    FP_FAST(uint32_t, FDIV_S, fpf_quick_div32, fpf_div32, F32_OPERAND(d->rs1), F32_OPERAND(d->rs2))
    FP_FAST(uint64_t, FADD_D, fpf_quick_add64, fpf_add64, h->f[d->rs1], h->f[d->rs2])
    FP_FAST(uint64_t, FSUB_D, fpf_quick_add64, fpf_add64, h->f[d->rs1],
            h->f[d->rs2] ^ (UINT64_C(1) << 63))
    FP_FAST(uint64_t, FMUL_D, fpf_quick_mul64, fpf_mul64, h->f[d->rs1], h->f[d->rs2])
    FP_FAST(uint64_t, FDIV_D, fpf_quick_div64, fpf_div64, h->f[d->rs1], h->f[d->rs2])
#undef FP_FAST
#undef RNE_MODE
#undef FP_RESULT_uint32_t
#undef FP_RESULT_uint64_t
#undef F32_OPERAND
    RV_FP_OTHER_OPS(CASE)
    fp_slow:
        if (rv_exec_fp(h, d)) goto exception;
        NEXT();
    }

#if SPIN_JIT
jit_entry: {
    /* d's count reached the threshold: translate it (once), then run the translation,
     * which returns with pc and icount exact and says how to go on. */
    uint32_t *entry = &jit_slots[d - page_slots];
    if (*entry < RV_JIT_NEVER) *entry = rv_jit_translate(h, page_slots, (unsigned)(d - page_slots));
    if (*entry & RV_JIT_FUNCTION) {
        int how = rv_jit_call(*entry, ic, limit, vbase);
        pc = h->pc;
        ic = h->icount;
        switch (how) {
        case RV_JIT_EXIT_JUMP: JUMP(pc);
        case RV_JIT_EXIT_CONTINUE:
            d = &page_slots[(pc - vbase) >> 1];
            ENTER();
        case RV_JIT_EXIT_INTERPRET:
            d = &page_slots[(pc - vbase) >> 1];
            ic += d->remaining;
            DISPATCH();
        case RV_JIT_EXIT_TRAP: goto take_trap;
        default: goto refetch;
        }
    }
    ic += d->remaining;
    DISPATCH();
}
#endif

exception:
    /* h->exc_cause and h->exc_tval say what the instruction at d did; it did not
     * retire. */
    SYNC();
    goto take_trap;
fetch_exception:
    /* The fetch at pc failed; nothing of it retired. */
    h->pc = pc;
    h->icount = ic;
take_trap:
    /* A trap retires nothing but costs one instruction of the budget, so a guest that
     * traps forever (say, mtvec pointing at nothing) still returns to its host. */
    h->trap_count++;
    if (budget_end > ic) budget_end--;
    rv_take_trap(h, h->exc_cause, h->exc_tval);
    pc = h->pc;
    ic = h->icount;
    goto refetch;

out:
    h->pc = pc;
    h->icount = ic;
    return result;
#undef PC
#undef SYNC
#undef NEXT
#undef NEXT_SIZED
#undef SIZED_CASES
#undef SIZED_CASES_THEN
#undef SIZED_ALU
#undef ADDI_OF
#undef ANDI_OF
#undef SLLI_OF
#undef SRLI_OF
#undef SRAI_OF
#undef ADD_OF
#undef SUB_OF
#undef XOR_OF
#undef OR_OF
#undef AND_OF
#undef ADDIW_OF
#undef ADDW_OF
#undef SUBW_OF
#undef FALL_THROUGH_SIZED
#undef TAKE_BRANCH_IF
#undef STEP
#undef ENTER
#undef JIT_CHECK
#undef FALL_THROUGH
#undef JUMP
#undef JUMP_IN_PAGE
#undef END_BLOCK
#undef TRAP
#undef ILLEGAL
#undef LOAD
#undef STORE
#undef CASE
#undef DISPATCH
#undef DISPATCH_SWITCH
}
