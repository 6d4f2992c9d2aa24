/*
 * The translator: the hot code of one page around a slot becomes one wasm module with one
 * function, rv_jit_function. See jit.h for the contract and docs/hart.md ("Translated
 * code") for the design.
 *
 * A translation covers a region: the block starting at the hot slot and the blocks of
 * the same page that direct branches and jumps reach from it (as far as they are already
 * decoded, up to MAX_BLOCKS). Blocks are dispatched inside the function by a loop around
 * a br_table on the next block's number, so loops and if/else inside the region never
 * leave wasm; a block falls straight into its fall-through successor when that comes
 * next. Taken branches check the limit, as the interpreter does, and return when it is
 * reached; everything leaving the region returns.
 *
 * The function keeps the guest registers the region uses in wasm locals: all of them are
 * loaded from the hart on entry and every one the region may write is stored back at
 * every exit, so no exit needs to know which path led to it. Instructions the translator
 * does not handle (CSR, system, atomics) end their block: the function returns
 * RV_JIT_EXIT_INTERPRET and the interpreter runs them.
 */
#include <stdlib.h>

#include "riscv/jit_emit.h"

static void flush_registers(translator *t) {
    for (unsigned r = 1; r < 32; r++)
        if (t->written & (UINT32_C(1) << r)) STORE_FIELD(t, &t->h->x[r], local_get(t, t->reg_local[r]));
}

/* All exits share their last part (jit_emit.h): they leave pc, icount and how in locals
 * and branch to the end of the function. */
void jit_exit_at(translator *t, rv_jit_exit how, int64_t off, bool pc_in_va, unsigned retired) {
    if (!pc_in_va) {
        push_pc(t, off);
        local_set(t, L_VA);
    }
    push_count(t, retired);
    local_set(t, L_VALUE);
    i32_const(t, how);
    local_set(t, L_RESULT);
    op(t, W_BR); /* out of the ifs, the blocks after this one, the dispatch loop */
    wasm_put_u32(&t->code, t->depth + (t->blocks - 1 - t->current) + 1);
}

/* The exit all exit_at branches to, after the function's outermost block. */
static void shared_exit(translator *t) {
    flush_registers(t);
    STORE_FIELD(t, &t->h->pc, local_get(t, L_VA));
    STORE_FIELD(t, &t->h->icount, local_get(t, L_VALUE));
    local_get(t, L_RESULT);
}

/* The region block starting at `slot`, or -1. */
static int block_at(const translator *t, int64_t slot) {
    for (unsigned i = 0; i < t->blocks; i++)
        if (t->block_start[i] == slot) return (int)i;
    return -1;
}

/* Control goes to byte offset `target` of the page after `retired` instructions of the
 * current block: to that block of the region if there is one (checking the limit first
 * when the branch was taken), else back to the interpreter. */
static void go_to(translator *t, int64_t target, unsigned retired, bool taken) {
    int next = (target & 1) || target < 0 ? -1 : block_at(t, target / 2);
    if (next < 0) {
        jit_exit_at(t, taken ? RV_JIT_EXIT_JUMP : RV_JIT_EXIT_CONTINUE, target, false, retired);
        return;
    }
    local_get(t, L_IC);
    i64_const(t, retired);
    op(t, W_I64_ADD);
    local_set(t, L_IC);
    if (taken) {
        local_get(t, L_IC);
        local_get(t, L_LIMIT);
        op(t, W_I64_GE_U);
        block_if(t, W_VOID);
        jit_exit_at(t, RV_JIT_EXIT_JUMP, target, false, 0);
        block_end(t);
    }
    if ((unsigned)next == t->current + 1 && t->depth == 0)
        return; /* its code comes right after this block's */
    i32_const(t, (uint32_t)next);
    local_set(t, L_NEXT);
    op(t, W_BR); /* to the dispatcher, past the blocks after this one */
    wasm_put_u32(&t->code, t->blocks - 1 - t->current + t->depth);
}

/* A taken branch or JAL (the decoder resolved in-page targets to slot distances). */
static void jump(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
    int64_t target = d->rm ? off + d->imm / (int32_t)(sizeof(rv_decoded) / 2) : off + d->imm;
    go_to(t, target, k + 1, true);
}

/* The end of a block: a branch or jump (transfers), else the first instruction not
 * translated (or past MAX_LINE), where the function returns. */
static void translate_end(translator *t, const rv_decoded *d, int64_t off, unsigned k,
                          bool transfers) {
    static const uint8_t compare[] = {
        [RV_OP_BEQ] = W_I64_EQ, [RV_OP_BNE] = W_I64_NE, [RV_OP_BLT] = W_I64_LT_S,
        [RV_OP_BGE] = W_I64_GE_S, [RV_OP_BLTU] = W_I64_LT_U, [RV_OP_BGEU] = W_I64_GE_U,
    };
    int o = d->op;
    if (!transfers) {
        /* The page's end (sentinel, or an instruction straddling it) goes through the fetch
         * path, as in the interpreter; a block cut at MAX_LINE goes on in whatever runs the
         * next slot; anything else is interpreted in place. */
        uint32_t reads = 0, writes = 0;
        rv_jit_exit how = o == RV_OP_PAGE_END || o == RV_OP_UNDECODED ? RV_JIT_EXIT_REFETCH
                          : jit_registers_of(d, &reads, &writes)          ? RV_JIT_EXIT_CONTINUE
                                                                      : RV_JIT_EXIT_INTERPRET;
        jit_exit_at(t, how, off, false, k);
        return;
    }
    if (o == RV_OP_JAL) {
        push_pc(t, off + d->len);
        set_x(t, d->rd);
        jump(t, d, off, k);
        return;
    }
    if (o == RV_OP_JALR) {
        get_x(t, d->rs1);
        i64_const(t, d->imm);
        op(t, W_I64_ADD);
        i64_const(t, ~INT64_C(1));
        op(t, W_I64_AND);
        local_set(t, L_VA);
        push_pc(t, off + d->len);
        set_x(t, d->rd);
        jit_exit_at(t, RV_JIT_EXIT_JUMP, 0, true, k + 1);
        return;
    }
    get_x(t, d->rs1);
    get_x(t, d->rs2);
    op(t, compare[o]);
    block_if(t, W_VOID);
    jump(t, d, off, k);
    block_end(t);
    go_to(t, off + d->len, k + 1, false);
}

static bool is_control_transfer(int o) {
    return o == RV_OP_JAL || o == RV_OP_JALR || (o >= RV_OP_BEQ && o <= RV_OP_BGEU);
}

/* Is the slot's instruction decoded and one the translator handles? */
static bool translatable(const translator *t, unsigned slot) {
    uint32_t reads = 0, writes = 0;
    return slot < RV_CODE_SLOTS && jit_registers_of(&t->slots[slot], &reads, &writes);
}

/* Walks the block from `slot`: its instruction count (the last is a control transfer, or
 * the block ends before slot *end), registers and successors within the page. */
static unsigned scan_block(translator *t, unsigned slot, unsigned *end, int64_t succ[2]) {
    unsigned n = 0;
    succ[0] = succ[1] = -1;
    for (;;) {
        const rv_decoded *d = &t->slots[slot];
        uint32_t reads = 0, writes = 0;
        if (n == MAX_LINE || !jit_registers_of(d, &reads, &writes)) break;
        t->used |= reads | writes;
        t->written |= writes;
        n++;
        if (is_control_transfer(d->op)) {
            if (d->op != RV_OP_JALR && d->rm)
                succ[0] = (int64_t)slot + d->imm / (int32_t)sizeof(rv_decoded);
            if (d->op != RV_OP_JAL && d->op != RV_OP_JALR) succ[1] = slot + (d->len >> 1);
            break;
        }
        slot += d->len >> 1;
    }
    *end = slot;
    return n;
}

/* The region: blocks in depth-first order, fall-through successors first so that they
 * usually come right after their predecessor. */
static void find_region(translator *t, unsigned first) {
    unsigned stack[2 * MAX_BLOCKS + 2], depth = 0, instructions = 0;
    stack[depth++] = first;
    while (depth && t->blocks < MAX_BLOCKS && instructions < MAX_REGION) {
        unsigned slot = stack[--depth], end;
        int64_t succ[2];
        if (block_at(t, slot) >= 0 || !translatable(t, slot)) continue;
        t->block_start[t->blocks++] = slot;
        instructions += scan_block(t, slot, &end, succ);
        for (int i = 0; i < 2; i++)
            if (succ[i] >= 0 && succ[i] < RV_CODE_SLOTS && depth < sizeof stack / sizeof stack[0])
                stack[depth++] = (unsigned)succ[i];
    }
}

static void emit_block(translator *t, unsigned slot) {
    unsigned end;
    int64_t succ[2];
    unsigned n = scan_block(t, slot, &end, succ);
    for (unsigned k = 0; k < n; k++) {
        const rv_decoded *d = &t->slots[slot];
        int64_t off = 2 * (int64_t)slot;
        if (k == n - 1 && is_control_transfer(d->op)) {
            translate_end(t, d, off, k, true);
            return;
        }
        jit_translate_one(t, d, off, k);
        slot += d->len >> 1;
    }
    translate_end(t, &t->slots[end], 2 * (int64_t)end, n, false);
}

uint32_t rv_jit_translate(rv_hart *h, const rv_decoded *slots, unsigned index) {
    translator t = {.h = h, .slots = slots};
    find_region(&t, index);
    if (t.blocks == 0) return RV_JIT_NEVER;
    t.used &= ~UINT32_C(1);
    t.written &= ~UINT32_C(1);

    /* block { (registers) loop { block { ... block { br_table } code 0 } code 1 ... }
     * code n-1 } } shared exit */
    op(&t, W_BLOCK);
    op(&t, W_VOID);
    unsigned locals = L_REGS;
    for (unsigned r = 1; r < 32; r++)
        if (t.used & (UINT32_C(1) << r)) {
            t.reg_local[r] = (uint8_t)locals++;
            load_field(&t, &h->x[r]);
            local_set(&t, t.reg_local[r]);
        }
    op(&t, W_LOOP);
    op(&t, W_VOID);
    for (unsigned i = 0; i < t.blocks; i++) {
        op(&t, W_BLOCK);
        op(&t, W_VOID);
    }
    local_get(&t, L_NEXT);
    op(&t, W_BR_TABLE);
    wasm_put_u32(&t.code, t.blocks - 1);
    for (unsigned i = 0; i < t.blocks; i++) wasm_put_u32(&t.code, i);
    for (t.current = 0; t.current < t.blocks; t.current++) {
        op(&t, W_END);
        emit_block(&t, t.block_start[t.current]);
    }
    op(&t, W_END);
    op(&t, W_UNREACHABLE);
    op(&t, W_END);
    shared_exit(&t);
    op(&t, W_END);

    wasm_buf module = {0};
    wasm_module(&module, &t.code, I32_LOCALS, locals - L_VA);
    uint32_t index_in_table = 0;
    if (!module.failed && module.len <= UINT32_MAX)
        index_in_table = rv_jit_instantiate(module.bytes, (uint32_t)module.len);
    free(t.code.bytes);
    free(module.bytes);
    if (!index_in_table) return RV_JIT_NEVER;
    h->jit_translations++;
    return RV_JIT_FUNCTION | index_in_table;
}
