/*
 * The translator from guest code to wasm functions (docs/hart.md, "Translated code").
 * Only the wasm build has an engine to compile them with; natively rv_jit_available()
 * is false and none of this runs.
 *
 * The interpreter counts entries into each slot of a code page (rv_code_page.jit).
 * When a slot gets hot, the code of its page reachable from it (its block and the blocks
 * direct branches lead to: a region) is translated into one wasm module that imports
 * the main module's memory, and its function is put into the function table; the slot
 * then holds the function's table index and the interpreter calls it instead of
 * interpreting. A translated function reads and writes the hart at fixed addresses,
 * keeps guest registers in wasm locals, loads and stores through the same TLB as the
 * interpreter (leaving every miss to it), and calls small C helpers for F/D operations
 * and the multiplications and divisions wasm lacks. It leaves the hart exactly as the
 * interpreter would (pc, icount, registers, the exception) and says how the
 * interpreter goes on (rv_jit_exit).
 */
#ifndef SPIN_RISCV_JIT_H
#define SPIN_RISCV_JIT_H

#include <stdbool.h>
#include <stdint.h>

#include "riscv/code_cache.h"

struct rv_hart;

/* Entry counts per slot: 0 .. threshold - 1 while cold (rv_hart.jit_threshold), then one
 * of these. */
#define RV_JIT_NEVER UINT32_C(0x7fffffff) /* cannot be translated: always interpret */
#define RV_JIT_FUNCTION UINT32_C(0x80000000) /* | table index of the translation */
#define RV_JIT_MAX_THRESHOLD UINT32_C(0x10000000)
/* The entry on which a slot is translated, by default, where translation is available. */
#define RV_JIT_DEFAULT_THRESHOLD 50000

/* How a translated function hands control back (h->pc and h->icount are exact). */
typedef enum rv_jit_exit {
    RV_JIT_EXIT_JUMP = 0,     /* a taken branch or jump to h->pc: check the limit, go on */
    RV_JIT_EXIT_CONTINUE = 1, /* fell through to the next block at h->pc (same page) */
    RV_JIT_EXIT_INTERPRET = 2,/* the instruction at h->pc (same page) needs the interpreter */
    RV_JIT_EXIT_REFETCH = 3,  /* go back to the fetch path (a store ended the block, page end) */
    RV_JIT_EXIT_TRAP = 4,     /* the instruction at h->pc raised h->exc_cause / exc_tval */
} rv_jit_exit;

/* A translation: ic is the exact instruction count on entry, limit the count at which
 * taken branches must return (budget, timer), vbase the virtual address of the page. */
typedef int (*rv_jit_function)(uint64_t ic, uint64_t limit, uint64_t vbase);

/* Can this build compile translations at all? */
bool rv_jit_available(void);

/* Translates the region starting at slot `index` of a page's decoded slots. Returns the
 * slot's new entry: RV_JIT_FUNCTION | table index, or RV_JIT_NEVER. */
uint32_t rv_jit_translate(struct rv_hart *h, const rv_decoded *slots, unsigned index);

/* Calls a translation (an entry with RV_JIT_FUNCTION set). */
static inline int rv_jit_call(uint32_t entry, uint64_t ic, uint64_t limit, uint64_t vbase) {
    rv_jit_function f = (rv_jit_function)(uintptr_t)(entry & ~RV_JIT_FUNCTION);
    return f(ic, limit, vbase);
}

/* Between the translator (jit_translate.c) and its runtime (jit_runtime.c). */
/* Compiles a module's bytes and puts its function "f" into the function table: the
 * table index, or 0 when the engine refused it. */
uint32_t rv_jit_instantiate(const uint8_t *module, uint32_t size);
/* Helpers the translations import. */
/* An F/D operation other than loads and stores: 0 or -1 with the fault recorded. */
int rv_jit_fp(struct rv_hart *h, const rv_decoded *d);
/* MULH, MULHSU, MULHU and the divisions, which wasm has no single instruction for. */
uint64_t rv_jit_muldiv(uint32_t op, uint64_t a, uint64_t b);

/* A page's entry array (RV_CODE_SLOTS + 1 entries) is being forgotten or freed: release
 * its translations and reset its counts. */
void rv_jit_forget(uint32_t *entries);

#endif
