/*
 * Inside the translator (jit_translate.c: regions, control flow, exits;
 * jit_translate_ops.c: one instruction at a time): its state, the wasm locals a
 * translation uses, and the small emitters everything is written with.
 */
#ifndef SPIN_RISCV_JIT_EMIT_H
#define SPIN_RISCV_JIT_EMIT_H

#include <stddef.h>
#include <stdint.h>

#include "riscv/internal.h"
#include "riscv/jit.h"
#include "riscv/jit_wasm.h"

/* Bounds of one region: blocks, instructions of one block (longer blocks go on in
 * another translation), instructions of the region (the engine's compile time grows
 * with the function: a region of 1000 instructions takes some 50 ms). */
#define MAX_BLOCKS 64
#define MAX_LINE 128
#define MAX_REGION 512

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

static inline uint32_t hart_addr(const translator *t, const void *field) {
    (void)t; /* (the hart is at a fixed address for the life of the translation) */
    return (uint32_t)(uintptr_t)field;
}

static inline void op(translator *t, uint8_t o) { wasm_put(&t->code, o); }
static inline void local_get(translator *t, uint32_t l) { op(t, W_LOCAL_GET); wasm_put_u32(&t->code, l); }
static inline void local_set(translator *t, uint32_t l) { op(t, W_LOCAL_SET); wasm_put_u32(&t->code, l); }
static inline void i32_const(translator *t, uint32_t v) { op(t, W_I32_CONST); wasm_put_s64(&t->code, (int32_t)v); }
static inline void i64_const(translator *t, int64_t v) { op(t, W_I64_CONST); wasm_put_s64(&t->code, v); }
static inline void mem(translator *t, uint8_t o, uint32_t align_log2, uint32_t offset) {
    op(t, o);
    wasm_put_u32(&t->code, align_log2);
    wasm_put_u32(&t->code, offset);
}
static inline void block_if(translator *t, uint8_t type) { op(t, W_IF); op(t, type); t->depth++; }
static inline void block_end(translator *t) { op(t, W_END); t->depth--; }

/* Hart fields: addresses in the shared memory are wasm constants. */
static inline void load_field(translator *t, const uint64_t *field) {
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
static inline void get_x(translator *t, unsigned r) {
    if (r == 0)
        i64_const(t, 0);
    else
        local_get(t, t->reg_local[r]);
}
static inline void set_x(translator *t, unsigned r) {
    if (r == 0 || r >= 32)
        op(t, W_DROP);
    else
        local_set(t, t->reg_local[r]);
}

/* pc of the instruction at byte offset `off` of the page (may lie outside the page). */
static inline void push_pc(translator *t, int64_t off) {
    local_get(t, L_VBASE);
    if (off) {
        i64_const(t, off);
        op(t, W_I64_ADD);
    }
}
static inline void push_count(translator *t, unsigned retired) {
    local_get(t, L_IC);
    if (retired) {
        i64_const(t, retired);
        op(t, W_I64_ADD);
    }
}


/* jit_translate.c: returns to the interpreter with the hart exact: pc at byte offset
 * `off` of the page (or, with pc_in_va, the absolute pc already in L_VA), icount after
 * `retired` instructions of the current block, registers stored. */
void jit_exit_at(translator *t, rv_jit_exit how, int64_t off, bool pc_in_va, unsigned retired);

/* jit_translate_ops.c: the registers an instruction reads and writes (bit r), or false
 * if the translator leaves it to the interpreter. */
bool jit_registers_of(const rv_decoded *d, uint32_t *reads, uint32_t *writes);
/* Emits an instruction that does not end a block (the k-th of its block, at byte offset
 * `off` of the page). */
void jit_translate_one(translator *t, const rv_decoded *d, int64_t off, unsigned k);

#endif
