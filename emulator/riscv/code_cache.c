/* Decoded-instruction cache per physical page. See code_cache.h. */
#include "riscv/code_cache.h"

#include <stdlib.h>
#include <string.h>

#include "riscv/decode.h"
#include "riscv/jit.h"

int rv_code_cache_init(rv_code_cache *c, uint32_t count) {
    c->count = count;
    c->pages = calloc(count, sizeof *c->pages);
    return c->pages ? 0 : -1;
}

void rv_code_cache_destroy(rv_code_cache *c) {
    for (uint32_t i = 0; c->pages && i < c->count; i++) {
        rv_code_page *p = c->pages[i];
        if (p && p->jit) {
            rv_jit_forget(p->jit);
            free(p->jit);
        }
        free(p);
    }
    free(c->pages);
    c->pages = NULL;
}

/* Two-way set associative: the set of a physical page is two neighbouring entries, the
 * one filled last first. (Direct-mapped, a kernel page and a user page that happened to
 * share an entry took it from each other on every timer interrupt, and each time the
 * decoded slots and translations of the hot user loop were lost.) */
static rv_code_page **set_of(const rv_code_cache *c, uint64_t ppage) {
    return &c->pages[((uint32_t)(ppage >> 12) & (c->count / 2 - 1)) * 2];
}

rv_code_page *rv_code_cache_find(rv_code_cache *c, uint64_t ppage) {
    rv_code_page **set = set_of(c, ppage);
    for (int way = 0; way < 2; way++)
        if (set[way] && set[way]->ppage == ppage) return set[way];
    return NULL;
}

static void page_forget(rv_code_page *p) {
    /* Only the slots that were ever decoded need clearing: usually a small range. A page
     * that was dropped keeps its slots until here (see rv_code_cache_invalidate). */
    if (p->hi > p->lo) memset(&p->slot[p->lo], 0, (size_t)(p->hi - p->lo) * sizeof p->slot[0]);
    if (p->jit) rv_jit_forget(p->jit); /* translations of the old bytes */
    p->lo = RV_CODE_SLOTS;
    p->hi = 0;
    p->ppage = UINT64_MAX;
}

rv_code_page *rv_code_cache_get(rv_code_cache *c, uint64_t ppage, const uint8_t *host,
                                bool *created) {
    rv_code_page **set = set_of(c, ppage);
    *created = false;
    for (int way = 0; way < 2; way++)
        if (set[way] && set[way]->ppage == ppage) return set[way];
    /* The new page goes first; the one there moves second, and the second one (or a free
     * page: dropped, or never used) makes room. */
    bool first_free = !set[0] || set[0]->ppage == UINT64_MAX;
    rv_code_page *p = first_free ? set[0] : set[1];
    if (!first_free) set[1] = set[0];
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p) return NULL;
        p->slot[RV_CODE_SLOTS].op = p->slot[RV_CODE_SLOTS].handler = RV_OP_PAGE_END;
        p->lo = RV_CODE_SLOTS;
    } else {
        page_forget(p);
    }
    set[0] = p;
    p->ppage = ppage;
    p->host = host;
    *created = true;
    return p;
}

bool rv_code_page_decode_block(rv_code_page *p, unsigned index) {
    unsigned first = index, count = 0;
    uint16_t tail = 0; /* `remaining` of the slot after the block, if already decoded */
    while (index < RV_CODE_SLOTS) {
        rv_decoded *d = &p->slot[index];
        if (d->op != RV_OP_UNDECODED) {
            tail = d->remaining;
            break;
        }
        uint16_t low;
        memcpy(&low, p->host + 2 * index, 2);
        uint32_t bits = low;
        if (rv_insn_length(low) == 4) {
            if (index == RV_CODE_SLOTS - 1) break; /* straddles the page end */
            uint16_t high;
            memcpy(&high, p->host + 2 * index + 2, 2);
            bits |= (uint32_t)high << 16;
        }
        rv_decode(d, bits);
        count++;
        /* In-page branch and jump targets are resolved now: the interpreter then moves
         * by slots without computing a pc. */
        if (d->op == RV_OP_JAL || (d->op >= RV_OP_BEQ && d->op <= RV_OP_BGEU)) {
            int64_t target = 2 * (int64_t)index + d->imm;
            d->rm = target >= 0 && target < 4096;
            if (d->rm) d->imm *= (int32_t)(sizeof(rv_decoded) / 2); /* now a byte offset between slots */
        }
        index += d->len >> 1;
        if (rv_op_ends_block(d->op)) break;
    }
    if (count == 0) return false;
    /* Number the block backwards: the last instruction has `remaining` 1, plus the
     * already-decoded block it falls into, if any. */
    unsigned end = index;
    uint16_t remaining = tail;
    unsigned slots[RV_CODE_SLOTS];
    unsigned n = 0;
    for (unsigned i = first; i < end; i += p->slot[i].len >> 1) slots[n++] = i;
    while (n--) p->slot[slots[n]].remaining = ++remaining;
    if (first < p->lo) p->lo = (uint16_t)first;
    if (end > p->hi) p->hi = (uint16_t)end;
    return true;
}

bool rv_code_cache_invalidate(rv_code_cache *c, uint64_t paddr, uint64_t len) {
    bool any = false;
    if (len == 0) return false;
    uint64_t first = paddr & ~UINT64_C(0xfff), last = (paddr + len - 1) & ~UINT64_C(0xfff);
    if (last - first > (uint64_t)c->count << 12) {  /* huge range: cheaper to drop all */
        rv_code_cache_clear(c);
        return true;
    }
    for (uint64_t page = first;; page += 0x1000) {
        rv_code_page *p = rv_code_cache_find(c, page);
        if (p) {
            /* Only unhook it: the interpreter may be in the middle of one of its slots
             * (a store into its own page). The slots are cleared when the page is
             * taken again, from the interpreter's fetch path. */
            p->ppage = UINT64_MAX;
            any = true;
        }
        if (page == last) break;
    }
    return any;
}

void rv_code_cache_clear(rv_code_cache *c) {
    for (uint32_t i = 0; i < c->count; i++)
        if (c->pages[i]) c->pages[i]->ppage = UINT64_MAX; /* cleared when reused */
}
