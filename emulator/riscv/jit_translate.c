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
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "riscv/internal.h"
#include "riscv/jit.h"
#include "riscv/jit_wasm.h"
#include "riscv/softfloat.h"

/* Bounds of one region: blocks, and the instructions of one block (longer blocks go on
 * in another translation). */
#define MAX_BLOCKS 64
#define MAX_LINE 128

/* Locals: the three parameters, three i32 temporaries, two i64 temporaries, then one i64
 * per guest register the region uses (few locals keep the engine's compile time down). */
enum {
    L_IC = 0,    /* instruction count at the start of the current block */
    L_LIMIT = 1,
    L_VBASE = 2,
    L_ENTRY = 3,  /* TLB entry address */
    L_RESULT = 4, /* a helper's result; how an exit goes on */
    L_NEXT = 5,   /* the block the dispatcher runs next */
    L_VA = 6,     /* address of a load or store; target of JALR; pc at an exit */
    L_VALUE = 7,  /* value of a store or an FP load; icount at an exit */
    L_REGS = 8,
};
#define I32_LOCALS 3

typedef struct translator {
    wasm_buf code;
    rv_hart *h;
    const rv_decoded *slots;
    unsigned block_start[MAX_BLOCKS]; /* slots where the region's blocks start */
    unsigned blocks;
    unsigned current;   /* the block being emitted */
    uint32_t used;      /* guest registers read or written (bit r) */
    uint32_t written;   /* guest registers the region may write */
    uint8_t reg_local[32]; /* local of each used register */
    unsigned depth;     /* wasm blocks open inside the current block's code */
} translator;

static uint32_t hart_addr(const translator *t, const void *field) {
    (void)t;
    return (uint32_t)(uintptr_t)field;
}

static void op(translator *t, uint8_t o) { wasm_put(&t->code, o); }
static void local_get(translator *t, uint32_t l) { op(t, W_LOCAL_GET); wasm_put_u32(&t->code, l); }
static void local_set(translator *t, uint32_t l) { op(t, W_LOCAL_SET); wasm_put_u32(&t->code, l); }
static void i32_const(translator *t, uint32_t v) { op(t, W_I32_CONST); wasm_put_s64(&t->code, (int32_t)v); }
static void i64_const(translator *t, int64_t v) { op(t, W_I64_CONST); wasm_put_s64(&t->code, v); }
static void mem(translator *t, uint8_t o, uint32_t align_log2, uint32_t offset) {
    op(t, o);
    wasm_put_u32(&t->code, align_log2);
    wasm_put_u32(&t->code, offset);
}
static void block_if(translator *t, uint8_t type) { op(t, W_IF); op(t, type); t->depth++; }
static void block_end(translator *t) { op(t, W_END); t->depth--; }

/* Hart fields: addresses in the shared memory are wasm constants. */
static void load_field(translator *t, const uint64_t *field) {
    i32_const(t, 0);
    mem(t, W_I64_LOAD, 3, hart_addr(t, field));
}
/* Stores the i64 that `value` pushes. */
#define STORE_FIELD(t, field, value)                     \
    do {                                                 \
        i32_const((t), 0);                               \
        value;                                           \
        mem((t), W_I64_STORE, 3, hart_addr((t), (field))); \
    } while (0)

/* Guest registers: x0 reads zero, writes to x0 (mapped to 32 by the decoder) vanish. */
static void get_x(translator *t, unsigned r) {
    if (r == 0)
        i64_const(t, 0);
    else
        local_get(t, t->reg_local[r]);
}
static void set_x(translator *t, unsigned r) {
    if (r == 0 || r >= 32)
        op(t, W_DROP);
    else
        local_set(t, t->reg_local[r]);
}

/* pc of the instruction at byte offset `off` of the page (may lie outside the page). */
static void push_pc(translator *t, int64_t off) {
    local_get(t, L_VBASE);
    if (off) {
        i64_const(t, off);
        op(t, W_I64_ADD);
    }
}
static void push_count(translator *t, unsigned retired) {
    local_get(t, L_IC);
    if (retired) {
        i64_const(t, retired);
        op(t, W_I64_ADD);
    }
}

static void flush_registers(translator *t) {
    for (unsigned r = 1; r < 32; r++)
        if (t->written & (UINT32_C(1) << r)) STORE_FIELD(t, &t->h->x[r], local_get(t, t->reg_local[r]));
}

/* Returns to the interpreter with the hart exact: pc at byte offset `off` of the page
 * (or, with pc_in_va, the absolute pc already in L_VA), icount after `retired`
 * instructions of the current block, registers stored. All exits share that last part:
 * they leave pc, icount and how in locals and branch to the end of the function. */
static void exit_at(translator *t, rv_jit_exit how, int64_t off, bool pc_in_va, unsigned retired) {
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

/* Exits unless FP is enabled: the interpreter then raises the illegal instruction. */
static void require_fp(translator *t, int64_t off, unsigned retired) {
    load_field(t, &t->h->mstatus);
    i64_const(t, (int64_t)MSTATUS_FS);
    op(t, W_I64_AND);
    op(t, W_I64_EQZ);
    block_if(t, W_VOID);
    exit_at(t, RV_JIT_EXIT_INTERPRET, off, false, retired);
    block_end(t);
}

/* L_ENTRY = address of the TLB entry for L_VA in the table the hart field points at, and
 * pushes whether its tag matches an aligned access of `size` bytes. */
static void tlb_probe(translator *t, rv_tlb_entry *const *table, unsigned size) {
    _Static_assert(sizeof(rv_tlb_entry) == 16, "TLB entries are 16 bytes (shift by 4)");
    i32_const(t, 0);
    mem(t, W_I32_LOAD, 2, (uint32_t)(uintptr_t)table);
    local_get(t, L_VA);
    i64_const(t, 12);
    op(t, W_I64_SHR_U);
    op(t, W_I32_WRAP_I64);
    i32_const(t, RV_TLB_SIZE - 1);
    op(t, W_I32_AND);
    i32_const(t, 4);
    op(t, W_I32_SHL);
    op(t, W_I32_ADD);
    op(t, W_LOCAL_TEE);
    wasm_put_u32(&t->code, L_ENTRY);
    mem(t, W_I64_LOAD, 3, offsetof(rv_tlb_entry, tag));
    local_get(t, L_VA);
    i64_const(t, (int64_t)(SPIN_PAGE_MASK | (size - 1)));
    op(t, W_I64_AND);
    op(t, W_I64_EQ);
}

/* The host address of L_VA through the matching entry at L_ENTRY. */
static void host_address(translator *t) {
    local_get(t, L_VA);
    op(t, W_I32_WRAP_I64);
    local_get(t, L_ENTRY);
    mem(t, W_I32_LOAD, 2, offsetof(rv_tlb_entry, addend));
    op(t, W_I32_ADD);
}

static void effective_address(translator *t, const rv_decoded *d) {
    get_x(t, d->rs1);
    if (d->imm) {
        i64_const(t, d->imm);
        op(t, W_I64_ADD);
    }
    local_set(t, L_VA);
}

/* Exits to the interpreter (which runs this instruction through its slow path: TLB
 * miss, device, misaligned, a store to a page holding code) unless the TLB probe that
 * tlb_probe just pushed matched. */
static void exit_unless_hit(translator *t, int64_t off, unsigned k) {
    op(t, W_I32_EQZ);
    block_if(t, W_VOID);
    exit_at(t, RV_JIT_EXIT_INTERPRET, off, false, k);
    block_end(t);
}

static void translate_load(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
    uint8_t load;
    unsigned size;
    switch (d->op) {
    case RV_OP_LB: load = W_I64_LOAD8_S; size = 1; break;
    case RV_OP_LBU: load = W_I64_LOAD8_U; size = 1; break;
    case RV_OP_LH: load = W_I64_LOAD16_S; size = 2; break;
    case RV_OP_LHU: load = W_I64_LOAD16_U; size = 2; break;
    case RV_OP_LW: load = W_I64_LOAD32_S; size = 4; break;
    case RV_OP_LWU: case RV_OP_FLW: load = W_I64_LOAD32_U; size = 4; break;
    default: load = W_I64_LOAD; size = 8; break; /* LD, FLD */
    }
    bool fp = d->op == RV_OP_FLW || d->op == RV_OP_FLD;
    if (fp) require_fp(t, off, k);
    effective_address(t, d);
    tlb_probe(t, &t->h->tlb_read, size);
    exit_unless_hit(t, off, k);
    host_address(t);
    mem(t, load, 0, 0);
    if (!fp) {
        set_x(t, d->rd);
        return;
    }
    if (d->op == RV_OP_FLW) { /* NaN-boxed */
        i64_const(t, (int64_t)UINT64_C(0xffffffff00000000));
        op(t, W_I64_OR);
    }
    local_set(t, L_VALUE);
    STORE_FIELD(t, &t->h->f[d->rd], local_get(t, L_VALUE));
    STORE_FIELD(t, &t->h->mstatus, (load_field(t, &t->h->mstatus), i64_const(t, (int64_t)MSTATUS_FS),
                                    op(t, W_I64_OR)));
}

static void translate_store(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
    uint8_t store;
    unsigned size;
    switch (d->op) {
    case RV_OP_SB: store = W_I64_STORE8; size = 1; break;
    case RV_OP_SH: store = W_I64_STORE16; size = 2; break;
    case RV_OP_SW: case RV_OP_FSW: store = W_I64_STORE32; size = 4; break;
    default: store = W_I64_STORE; size = 8; break; /* SD, FSD */
    }
    bool fp = d->op == RV_OP_FSW || d->op == RV_OP_FSD;
    if (fp) require_fp(t, off, k);
    effective_address(t, d);
    tlb_probe(t, &t->h->tlb_write, size);
    exit_unless_hit(t, off, k);
    host_address(t);
    if (fp)
        load_field(t, &t->h->f[d->rs2]);
    else
        get_x(t, d->rs2);
    mem(t, store, 0, 0);
}

/* F/D operations that read or write integer registers (the helper works on the hart). */
static bool fp_reads_x(int o) {
    switch (o) {
    case RV_OP_FCVT_S_W: case RV_OP_FCVT_S_WU: case RV_OP_FCVT_S_L: case RV_OP_FCVT_S_LU:
    case RV_OP_FCVT_D_W: case RV_OP_FCVT_D_WU: case RV_OP_FCVT_D_L: case RV_OP_FCVT_D_LU:
    case RV_OP_FMV_W_X: case RV_OP_FMV_D_X:
        return true;
    }
    return false;
}
static bool fp_writes_x(int o) {
    switch (o) {
    case RV_OP_FCVT_W_S: case RV_OP_FCVT_WU_S: case RV_OP_FCVT_L_S: case RV_OP_FCVT_LU_S:
    case RV_OP_FMV_X_W: case RV_OP_FEQ_S: case RV_OP_FLT_S: case RV_OP_FLE_S: case RV_OP_FCLASS_S:
    case RV_OP_FCVT_W_D: case RV_OP_FCVT_WU_D: case RV_OP_FCVT_L_D: case RV_OP_FCVT_LU_D:
    case RV_OP_FMV_X_D: case RV_OP_FEQ_D: case RV_OP_FLT_D: case RV_OP_FLE_D: case RV_OP_FCLASS_D:
        return true;
    }
    return false;
}

/* Branches out of the enclosing block (the FP slow path) unless the i64 at the top of the
 * stack, shifted right by `shift` and masked by `mask`, minus `low`, is below `count`:
 * an exponent-field range check. */
static void need_exponent_in(translator *t, unsigned shift, int64_t mask, int64_t low, int64_t count) {
    i64_const(t, shift);
    op(t, W_I64_SHR_U);
    i64_const(t, mask);
    op(t, W_I64_AND);
    i64_const(t, low);
    op(t, W_I64_SUB);
    i64_const(t, count);
    op(t, W_I64_GE_U);
    op(t, W_BR_IF);
    wasm_put_u32(&t->code, 0);
}

/* Double-precision add, subtract, multiply and divide inline, under the conditions of the
 * interpreter's fast path (fp_fast.h) and two more that spare its inexactness test: FS is
 * already Dirty and fflags.NX is already set, so neither can change. Anything else (and
 * the first operations, which set NX) takes the helper. */
static void fp_inline(translator *t, const rv_decoded *d, uint8_t wasm_op) {
    i32_const(t, 0);
    mem(t, W_I32_LOAD, 2, hart_addr(t, &t->h->fflags));
    i32_const(t, SF_FLAG_NX);
    op(t, W_I32_AND);
    op(t, W_I32_EQZ);
    op(t, W_BR_IF);
    wasm_put_u32(&t->code, 0);
    load_field(t, &t->h->mstatus);
    i64_const(t, (int64_t)MSTATUS_FS);
    op(t, W_I64_AND);
    i64_const(t, (int64_t)MSTATUS_FS);
    op(t, W_I64_NE);
    op(t, W_BR_IF);
    wasm_put_u32(&t->code, 0);
    if (d->rm == 7) { /* dynamic: frm must say RNE */
        i32_const(t, 0);
        mem(t, W_I32_LOAD, 2, hart_addr(t, &t->h->frm));
        op(t, W_BR_IF);
        wasm_put_u32(&t->code, 0);
    }
    load_field(t, &t->h->f[d->rs1]);
    op(t, W_LOCAL_TEE);
    wasm_put_u32(&t->code, L_VA);
    need_exponent_in(t, 52, 0x7ff, 1, 0x7fe); /* normal */
    load_field(t, &t->h->f[d->rs2]);
    op(t, W_LOCAL_TEE);
    wasm_put_u32(&t->code, L_VALUE);
    need_exponent_in(t, 52, 0x7ff, 1, 0x7fe);
    local_get(t, L_VA);
    op(t, W_F64_REINTERPRET_I64);
    local_get(t, L_VALUE);
    op(t, W_F64_REINTERPRET_I64);
    op(t, wasm_op);
    op(t, W_I64_REINTERPRET_F64);
    op(t, W_LOCAL_TEE);
    wasm_put_u32(&t->code, L_VALUE);
    need_exponent_in(t, 52, 0x7ff, 2, 0x7fd); /* normal, above the smallest exponent */
    STORE_FIELD(t, &t->h->f[d->rd], local_get(t, L_VALUE));
}

static void translate_fp(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
    static const uint8_t inline_op[] = {
        [RV_OP_FADD_D] = W_F64_ADD, [RV_OP_FSUB_D] = W_F64_SUB, [RV_OP_FMUL_D] = W_F64_MUL,
        [RV_OP_FDIV_D] = W_F64_DIV,
    };
    bool fast = d->op < sizeof inline_op && inline_op[d->op] && (d->rm == 0 || d->rm == 7);
    if (fast) { /* block { block { fast path; br 1 } slow path } */
        op(t, W_BLOCK);
        op(t, W_VOID);
        op(t, W_BLOCK);
        op(t, W_VOID);
        t->depth += 2;
        fp_inline(t, d, inline_op[d->op]);
        op(t, W_BR);
        wasm_put_u32(&t->code, 1);
        block_end(t);
    }
    if (fp_reads_x(d->op) && d->rs1 != 0) STORE_FIELD(t, &t->h->x[d->rs1], local_get(t, t->reg_local[d->rs1]));
    i32_const(t, hart_addr(t, t->h));
    i32_const(t, (uint32_t)(uintptr_t)d);
    op(t, W_CALL);
    wasm_put_u32(&t->code, WASM_CALL_FP);
    block_if(t, W_VOID);
    exit_at(t, RV_JIT_EXIT_TRAP, off, false, k);
    block_end(t);
    if (fp_writes_x(d->op) && d->rd < 32) {
        load_field(t, &t->h->x[d->rd]);
        local_set(t, t->reg_local[d->rd]);
    }
    if (fast) block_end(t);
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
        exit_at(t, taken ? RV_JIT_EXIT_JUMP : RV_JIT_EXIT_CONTINUE, target, false, retired);
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
        exit_at(t, RV_JIT_EXIT_JUMP, target, false, 0);
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

static void alu_imm(translator *t, const rv_decoded *d, uint8_t o) {
    get_x(t, d->rs1);
    i64_const(t, d->imm);
    op(t, o);
}
static void alu_reg(translator *t, const rv_decoded *d, uint8_t o) {
    get_x(t, d->rs1);
    get_x(t, d->rs2);
    op(t, o);
}
/* 32-bit operations: on the low halves, result sign-extended. */
static void alu32(translator *t, const rv_decoded *d, uint8_t o, bool imm) {
    get_x(t, d->rs1);
    op(t, W_I32_WRAP_I64);
    if (imm) {
        i32_const(t, (uint32_t)d->imm);
    } else {
        get_x(t, d->rs2);
        op(t, W_I32_WRAP_I64);
    }
    op(t, o);
    op(t, W_I64_EXTEND_I32_S);
}

/* Registers an instruction reads and writes, or false if the translator leaves it to the
 * interpreter. */
static bool registers_of(const rv_decoded *d, uint32_t *reads, uint32_t *writes) {
    uint32_t rs1 = UINT32_C(1) << d->rs1, rs2 = UINT32_C(1) << d->rs2;
    uint32_t rd = d->rd < 32 ? UINT32_C(1) << d->rd : 0;
    int o = d->op;
    switch (o) {
    case RV_OP_LUI: case RV_OP_AUIPC: case RV_OP_JAL: *writes |= rd; return true;
    case RV_OP_JALR: *reads |= rs1; *writes |= rd; return true;
    case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT: case RV_OP_BGE: case RV_OP_BLTU:
    case RV_OP_BGEU:
    case RV_OP_SB: case RV_OP_SH: case RV_OP_SW: case RV_OP_SD:
        *reads |= rs1 | rs2;
        return true;
    case RV_OP_FLW: case RV_OP_FLD: case RV_OP_FSW: case RV_OP_FSD: *reads |= rs1; return true;
    case RV_OP_FENCE: return true;
    case RV_OP_ILLEGAL: case RV_OP_FENCE_I: case RV_OP_ECALL: case RV_OP_EBREAK:
    case RV_OP_MRET: case RV_OP_SRET: case RV_OP_WFI: case RV_OP_SFENCE_VMA:
    case RV_OP_UNDECODED: case RV_OP_PAGE_END:
        return false;
    }
    if (o >= RV_OP_CSRRW && o <= RV_OP_CSRRCI) return false;
    if (o >= RV_OP_LR_W && o <= RV_OP_AMOMAXU_D) return false;
    if (o >= RV_OP_FP_FIRST) {
        if (fp_reads_x(o)) *reads |= rs1;
        if (fp_writes_x(o)) *writes |= rd;
        return true;
    }
    /* loads, integer register-immediate and register-register operations, M */
    *reads |= rs1 | rs2;
    *writes |= rd;
    return true;
}

/* One instruction that does not end the line. */
static void translate_one(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
    int o = d->op;
    switch (o) {
    case RV_OP_LUI: i64_const(t, d->imm); set_x(t, d->rd); return;
    case RV_OP_AUIPC: push_pc(t, off + d->imm); set_x(t, d->rd); return;
    case RV_OP_LB: case RV_OP_LH: case RV_OP_LW: case RV_OP_LD: case RV_OP_LBU: case RV_OP_LHU:
    case RV_OP_LWU: case RV_OP_FLW: case RV_OP_FLD:
        translate_load(t, d, off, k);
        return;
    case RV_OP_SB: case RV_OP_SH: case RV_OP_SW: case RV_OP_SD: case RV_OP_FSW: case RV_OP_FSD:
        translate_store(t, d, off, k);
        return;
    case RV_OP_FENCE: return;
    case RV_OP_ADDI: alu_imm(t, d, W_I64_ADD); break;
    case RV_OP_SLTI: alu_imm(t, d, W_I64_LT_S); op(t, W_I64_EXTEND_I32_U); break;
    case RV_OP_SLTIU: alu_imm(t, d, W_I64_LT_U); op(t, W_I64_EXTEND_I32_U); break;
    case RV_OP_XORI: alu_imm(t, d, W_I64_XOR); break;
    case RV_OP_ORI: alu_imm(t, d, W_I64_OR); break;
    case RV_OP_ANDI: alu_imm(t, d, W_I64_AND); break;
    case RV_OP_SLLI: alu_imm(t, d, W_I64_SHL); break;
    case RV_OP_SRLI: alu_imm(t, d, W_I64_SHR_U); break;
    case RV_OP_SRAI: alu_imm(t, d, W_I64_SHR_S); break;
    /* wasm shifts take the count modulo the width, as RISC-V does */
    case RV_OP_ADD: alu_reg(t, d, W_I64_ADD); break;
    case RV_OP_SUB: alu_reg(t, d, W_I64_SUB); break;
    case RV_OP_SLL: alu_reg(t, d, W_I64_SHL); break;
    case RV_OP_SLT: alu_reg(t, d, W_I64_LT_S); op(t, W_I64_EXTEND_I32_U); break;
    case RV_OP_SLTU: alu_reg(t, d, W_I64_LT_U); op(t, W_I64_EXTEND_I32_U); break;
    case RV_OP_XOR: alu_reg(t, d, W_I64_XOR); break;
    case RV_OP_SRL: alu_reg(t, d, W_I64_SHR_U); break;
    case RV_OP_SRA: alu_reg(t, d, W_I64_SHR_S); break;
    case RV_OP_OR: alu_reg(t, d, W_I64_OR); break;
    case RV_OP_AND: alu_reg(t, d, W_I64_AND); break;
    case RV_OP_MUL: alu_reg(t, d, W_I64_MUL); break;
    case RV_OP_ADDIW: alu32(t, d, W_I32_ADD, true); break;
    case RV_OP_SLLIW: alu32(t, d, W_I32_SHL, true); break;
    case RV_OP_SRLIW: alu32(t, d, W_I32_SHR_U, true); break;
    case RV_OP_SRAIW: alu32(t, d, W_I32_SHR_S, true); break;
    case RV_OP_ADDW: alu32(t, d, W_I32_ADD, false); break;
    case RV_OP_SUBW: alu32(t, d, W_I32_SUB, false); break;
    case RV_OP_SLLW: alu32(t, d, W_I32_SHL, false); break;
    case RV_OP_SRLW: alu32(t, d, W_I32_SHR_U, false); break;
    case RV_OP_SRAW: alu32(t, d, W_I32_SHR_S, false); break;
    case RV_OP_MULW: alu32(t, d, W_I32_MUL, false); break;
    case RV_OP_MULH: case RV_OP_MULHSU: case RV_OP_MULHU: case RV_OP_DIV: case RV_OP_DIVU:
    case RV_OP_REM: case RV_OP_REMU: case RV_OP_DIVW: case RV_OP_DIVUW: case RV_OP_REMW:
    case RV_OP_REMUW:
        i32_const(t, (uint32_t)o);
        get_x(t, d->rs1);
        get_x(t, d->rs2);
        op(t, W_CALL);
        wasm_put_u32(&t->code, WASM_CALL_MULDIV);
        break;
    default: /* F/D arithmetic (registers_of let nothing else through) */
        translate_fp(t, d, off, k);
        return;
    }
    set_x(t, d->rd);
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
         * path, as in the interpreter; a line cut at MAX_LINE goes on in whatever runs the
         * next slot; anything else is interpreted in place. */
        uint32_t reads = 0, writes = 0;
        rv_jit_exit how = o == RV_OP_PAGE_END || o == RV_OP_UNDECODED ? RV_JIT_EXIT_REFETCH
                          : registers_of(d, &reads, &writes)          ? RV_JIT_EXIT_CONTINUE
                                                                      : RV_JIT_EXIT_INTERPRET;
        exit_at(t, how, off, false, k);
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
        exit_at(t, RV_JIT_EXIT_JUMP, 0, true, k + 1);
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
    return slot < RV_CODE_SLOTS && registers_of(&t->slots[slot], &reads, &writes);
}

/* Walks the block from `slot`: its instruction count (the last is a control transfer, or
 * the block ends before slot *end), registers and successors within the page. */
static unsigned scan_block(translator *t, unsigned slot, unsigned *end, int64_t succ[2]) {
    unsigned n = 0;
    succ[0] = succ[1] = -1;
    for (;;) {
        const rv_decoded *d = &t->slots[slot];
        uint32_t reads = 0, writes = 0;
        if (n == MAX_LINE || !registers_of(d, &reads, &writes)) break;
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
    unsigned stack[2 * MAX_BLOCKS + 2], depth = 0;
    stack[depth++] = first;
    while (depth && t->blocks < MAX_BLOCKS) {
        unsigned slot = stack[--depth], end;
        int64_t succ[2];
        if (block_at(t, slot) >= 0 || !translatable(t, slot)) continue;
        t->block_start[t->blocks++] = slot;
        scan_block(t, slot, &end, succ);
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
        translate_one(t, d, off, k);
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
