/*
 * Decoded instructions, cached per physical page. Each 4 KiB page of guest code has
 * 2048 slots, one per 2-byte offset (compressed instructions may start at any even
 * address), plus a sentinel slot past the end that sends the interpreter back to its
 * fetch path. A slot is decoded the first time it is executed.
 *
 * Pages are keyed by physical address, so they stay valid across address-space
 * switches; they are dropped whenever their bytes are written, by the hart's stores
 * (which never get a fast-path TLB entry for a page with live decoded code) or by
 * devices and loaders (spin_bus_write_ram -> rv_code_cache_invalidate). This shape,
 * a decoded block addressed by physical page, is also where a translator to wasm can
 * hang its compiled functions later.
 */
#ifndef SPIN_RISCV_CODE_CACHE_H
#define SPIN_RISCV_CODE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#define RV_CODE_SLOTS 2048 /* 4096 bytes / 2 */

/* Natively (gcc, clang: threaded code) each slot also holds the address of its handler
 * in the interpreter, so going to the next instruction is one indirect jump through the
 * slot instead of a load of `handler` and a jump through a table. Slots then take 32
 * bytes instead of 16. wasm dispatches with a switch and keeps 16-byte slots. */
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
#define RV_DECODED_HANDLER_ADDRESS 1
#else
#define RV_DECODED_HANDLER_ADDRESS 0
#endif

/* One decoded instruction. Slots are filled a basic block at a time: from the slot where
 * execution entered, forward to the next instruction that may leave the straight line
 * (branch, jump, CSR, system instruction) or the page end. `remaining` counts the
 * instructions from this slot to the end of its block, inclusive, so the interpreter
 * adds it to the retired count once when it enters a block instead of counting each
 * instruction (and subtracts what did not retire when a block is left early). */
typedef struct rv_decoded {
#if RV_DECODED_HANDLER_ADDRESS
    /* handler's address (execute.c links it whenever slots are decoded or a page is
     * taken; rv_decode leaves it NULL) */
    const void *run;
    uint64_t unused_; /* a power-of-two size: slots are found by shifting */
#endif
    uint8_t op;         /* rv_op (decode.h); 0 means "not decoded yet" */
    uint8_t rd;         /* integer destination 0 is mapped to 32, the x0 sink */
    uint8_t rs1, rs2;   /* (rs3 of fused multiply-add is raw >> 27) */
    uint8_t len : 4;    /* 2 or 4 */
    uint8_t rm : 4;     /* FP rounding mode; AMO aq/rl; branches and JAL: 1 if the target
                         * is in this page, and then imm is the byte offset between the
                         * two slots instead of the pc offset */
    uint8_t handler;    /* the native interpreter's handler: op, or op's compressed twin
                         * (rv_handler in decode.h), whose size is then known statically */
    uint16_t remaining; /* instructions from here to the end of the block */
    int32_t imm;
    uint32_t raw;       /* the instruction's bits (illegal-instruction mtval, traces) */
} rv_decoded;

typedef struct rv_code_page {
    uint64_t ppage;          /* physical page address, or UINT64_MAX when free */
    const uint8_t *host;     /* the page's bytes in host memory */
    uint16_t lo, hi;         /* slots [lo, hi) may hold decoded entries */
    uint32_t *jit;           /* per slot (and sentinel): entry count or translation (jit.h);
                              * NULL while translation is off */
    rv_decoded slot[RV_CODE_SLOTS + 1];
} rv_code_page;

typedef struct rv_code_cache {
    rv_code_page **pages; /* two-way set associative by physical page number (code_cache.c);
                           * pages allocated lazily */
    uint32_t count;       /* a power of two */
} rv_code_cache;

int rv_code_cache_init(rv_code_cache *c, uint32_t count);
void rv_code_cache_destroy(rv_code_cache *c);
/* The page for ppage, or NULL if none is cached. */
rv_code_page *rv_code_cache_find(rv_code_cache *c, uint64_t ppage);
/* The page for ppage, created (evicting whatever held its slot) if needed; NULL only
 * when host memory runs out. *created tells whether it is new. */
rv_code_page *rv_code_cache_get(rv_code_cache *c, uint64_t ppage, const uint8_t *host,
                                bool *created);
/* Decodes the basic block that starts at slot `index` of the page (see rv_decoded),
 * stopping early at a slot that is already decoded, and before a 32-bit instruction that
 * straddles the page end (which is never cached). Returns false, decoding nothing, when
 * the block would start with such a straddling instruction. */
bool rv_code_page_decode_block(rv_code_page *p, unsigned index);
/* Drops every cached page overlapping [paddr, paddr + len): it will not be found again,
 * but its slots stay readable until the fetch path reuses it, so an instruction that
 * invalidated its own page can still finish. Returns true if any page was dropped. */
bool rv_code_cache_invalidate(rv_code_cache *c, uint64_t paddr, uint64_t len);
void rv_code_cache_clear(rv_code_cache *c);

#endif
