/*
 * The translator, one instruction at a time: loads and stores through the TLB, integer
 * operations, F/D arithmetic (inline or through the helper). See jit_emit.h.
 */
#include "riscv/jit_emit.h"
#include "riscv/softfloat.h"

/* Exits unless FP is enabled: the interpreter then raises the illegal instruction. */
static void require_fp(translator *t, int64_t off, unsigned retired) {
    load_field(t, &t->h->mstatus);
    i64_const(t, (int64_t)MSTATUS_FS);
    op(t, W_I64_AND);
    op(t, W_I64_EQZ);
    block_if(t, W_VOID);
    jit_exit_at(t, RV_JIT_EXIT_INTERPRET, off, false, retired);
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
    jit_exit_at(t, RV_JIT_EXIT_INTERPRET, off, false, k);
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
    jit_exit_at(t, RV_JIT_EXIT_TRAP, off, false, k);
    block_end(t);
    if (fp_writes_x(d->op) && d->rd < 32) {
        load_field(t, &t->h->x[d->rd]);
        local_set(t, t->reg_local[d->rd]);
    }
    if (fast) block_end(t);
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

bool jit_registers_of(const rv_decoded *d, uint32_t *reads, uint32_t *writes) {
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

void jit_translate_one(translator *t, const rv_decoded *d, int64_t off, unsigned k) {
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
    default: /* F/D arithmetic (jit_registers_of let nothing else through) */
        translate_fp(t, d, off, k);
        return;
    }
    set_x(t, d->rd);
}
