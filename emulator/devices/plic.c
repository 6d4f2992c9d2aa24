/* PLIC. See plic.h. */
#include "plic.h"

#include <stdlib.h>
#include <string.h>

static int bit(const uint32_t *map, unsigned i) { return (map[i / 32] >> (i % 32)) & 1; }
static void set_bit(uint32_t *map, unsigned i, int on) {
    if (on) map[i / 32] |= UINT32_C(1) << (i % 32);
    else map[i / 32] &= ~(UINT32_C(1) << (i % 32));
}

/* Bits of a bitmap word that name real sources (not 0, not above num_sources). */
static uint32_t valid_mask(const spin_plic *p, unsigned word) {
    uint32_t mask = UINT32_MAX;
    if (word == 0) mask &= ~UINT32_C(1);
    unsigned first = word * 32;
    if (p->num_sources + 1 - first < 32) mask &= (UINT32_C(1) << (p->num_sources + 1 - first)) - 1;
    return mask;
}

/* The best claimable source for a context: pending, enabled, priority above the
 * threshold; highest priority wins, ties go to the lowest id. 0 if none. */
static unsigned best_source(const spin_plic *p, unsigned ctx) {
    const uint32_t *en = p->enable + (size_t)ctx * p->words;
    unsigned best = 0, best_prio = p->threshold[ctx];
    for (unsigned w = 0; w < p->words; w++) {
        uint32_t ready = p->pending[w] & en[w];
        while (ready) {
            unsigned b = (unsigned)__builtin_ctz(ready);
            ready &= ready - 1;
            unsigned s = w * 32 + b;
            if (p->priority[s] > best_prio) {
                best = s;
                best_prio = p->priority[s];
            }
        }
    }
    return best;
}

static void update(spin_plic *p) {
    for (unsigned c = 0; c < p->num_contexts; c++) {
        uint8_t level = best_source(p, c) != 0;
        if (level != p->output[c]) {
            p->output[c] = level;
            if (p->set_context_irq) p->set_context_irq(p->opaque, (int)c, level);
        }
    }
}

/* The gateway: a high line not held by an unfinished claim is a request. */
static void gateway(spin_plic *p, unsigned s) {
    set_bit(p->pending, s, bit(p->level, s) && !bit(p->claimed, s));
}

int spin_plic_init(spin_plic *plic, unsigned num_sources, unsigned num_contexts,
                   void (*set_context_irq)(void *opaque, int context, int level),
                   void *opaque) {
    memset(plic, 0, sizeof *plic);
    if (num_sources < 1 || num_sources > SPIN_PLIC_MAX_SOURCES || num_contexts < 1 ||
        num_contexts > SPIN_PLIC_MAX_CONTEXTS)
        return -1;
    plic->num_sources = num_sources;
    plic->num_contexts = num_contexts;
    plic->words = (num_sources + 1 + 31) / 32;
    plic->priority = calloc(num_sources + 1, 1);
    plic->level = calloc(plic->words, sizeof(uint32_t));
    plic->pending = calloc(plic->words, sizeof(uint32_t));
    plic->claimed = calloc(plic->words, sizeof(uint32_t));
    plic->enable = calloc((size_t)num_contexts * plic->words, sizeof(uint32_t));
    plic->threshold = calloc(num_contexts, sizeof(uint32_t));
    plic->output = calloc(num_contexts, 1);
    plic->set_context_irq = set_context_irq;
    plic->opaque = opaque;
    if (!plic->priority || !plic->level || !plic->pending || !plic->claimed || !plic->enable ||
        !plic->threshold || !plic->output) {
        spin_plic_destroy(plic);
        return -1;
    }
    return 0;
}

void spin_plic_destroy(spin_plic *plic) {
    free(plic->priority);
    free(plic->level);
    free(plic->pending);
    free(plic->claimed);
    free(plic->enable);
    free(plic->threshold);
    free(plic->output);
    memset(plic, 0, sizeof *plic);
}

void spin_plic_set_irq(spin_plic *plic, unsigned source, int level) {
    if (source < 1 || source > plic->num_sources) return;
    set_bit(plic->level, source, level != 0);
    gateway(plic, source);
    update(plic);
}

static uint32_t claim(spin_plic *p, unsigned ctx) {
    unsigned s = best_source(p, ctx);
    if (s) {
        set_bit(p->pending, s, 0);
        set_bit(p->claimed, s, 1);
        update(p);
    }
    return s;
}

static void complete(spin_plic *p, unsigned ctx, uint32_t id) {
    /* The spec ignores completions of sources not enabled for this context. */
    if (id < 1 || id > p->num_sources || !bit(p->enable + (size_t)ctx * p->words, id)) return;
    set_bit(p->claimed, id, 0);
    gateway(p, id);
    update(p);
}

/* One aligned 32-bit register. do_claim: a read of a claim register claims (a plain
 * peek, for merging a narrow write, must not). */
static uint32_t read32(spin_plic *p, uint64_t off, int do_claim) {
    if (off < SPIN_PLIC_PENDING_BASE) {
        uint64_t s = off / 4;
        return s >= 1 && s <= p->num_sources ? p->priority[s] : 0;
    }
    if (off < SPIN_PLIC_ENABLE_BASE) {
        uint64_t w = (off - SPIN_PLIC_PENDING_BASE) / 4;
        return w < p->words ? p->pending[w] : 0;
    }
    if (off < SPIN_PLIC_CONTEXT_BASE) {
        uint64_t c = (off - SPIN_PLIC_ENABLE_BASE) / SPIN_PLIC_ENABLE_STRIDE;
        uint64_t w = (off - SPIN_PLIC_ENABLE_BASE) % SPIN_PLIC_ENABLE_STRIDE / 4;
        return c < p->num_contexts && w < p->words ? p->enable[c * p->words + w] : 0;
    }
    uint64_t c = (off - SPIN_PLIC_CONTEXT_BASE) / SPIN_PLIC_CONTEXT_STRIDE;
    uint64_t r = (off - SPIN_PLIC_CONTEXT_BASE) % SPIN_PLIC_CONTEXT_STRIDE;
    if (c >= p->num_contexts) return 0;
    if (r == 0) return p->threshold[c];
    if (r == 4) return do_claim ? claim(p, (unsigned)c) : 0;
    return 0;
}

static void write32(spin_plic *p, uint64_t off, uint32_t v) {
    if (off < SPIN_PLIC_PENDING_BASE) {
        uint64_t s = off / 4;
        if (s >= 1 && s <= p->num_sources) {
            p->priority[s] = (uint8_t)(v & SPIN_PLIC_MAX_PRIORITY);
            update(p);
        }
        return;
    }
    if (off < SPIN_PLIC_ENABLE_BASE) return; /* pending bits are read-only */
    if (off < SPIN_PLIC_CONTEXT_BASE) {
        uint64_t c = (off - SPIN_PLIC_ENABLE_BASE) / SPIN_PLIC_ENABLE_STRIDE;
        uint64_t w = (off - SPIN_PLIC_ENABLE_BASE) % SPIN_PLIC_ENABLE_STRIDE / 4;
        if (c < p->num_contexts && w < p->words) {
            p->enable[c * p->words + w] = v & valid_mask(p, (unsigned)w);
            update(p);
        }
        return;
    }
    uint64_t c = (off - SPIN_PLIC_CONTEXT_BASE) / SPIN_PLIC_CONTEXT_STRIDE;
    uint64_t r = (off - SPIN_PLIC_CONTEXT_BASE) % SPIN_PLIC_CONTEXT_STRIDE;
    if (c >= p->num_contexts) return;
    if (r == 0) {
        p->threshold[c] = v & SPIN_PLIC_MAX_PRIORITY;
        update(p);
    } else if (r == 4) {
        complete(p, (unsigned)c, v);
    }
}

uint64_t spin_plic_read(void *opaque, uint64_t offset, unsigned size) {
    spin_plic *p = opaque;
    if (offset >= SPIN_PLIC_SIZE) return 0;
    if (size == 8) {
        if (offset & 7) return 0;
        return read32(p, offset, 1) | (uint64_t)read32(p, offset + 4, 1) << 32;
    }
    if (size != 1 && size != 2 && size != 4) return 0;
    unsigned shift = 8 * (unsigned)(offset & 3);
    if ((offset & 3) + size > 4) return 0; /* straddles two registers */
    uint32_t v = read32(p, offset & ~UINT64_C(3), 1) >> shift;
    return size == 4 ? v : v & ((UINT32_C(1) << (8 * size)) - 1);
}

void spin_plic_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_plic *p = opaque;
    if (offset >= SPIN_PLIC_SIZE) return;
    if (size == 8) {
        if (offset & 7) return;
        write32(p, offset, (uint32_t)value);
        write32(p, offset + 4, (uint32_t)(value >> 32));
        return;
    }
    if (size != 1 && size != 2 && size != 4) return;
    if ((offset & 3) + size > 4) return;
    uint64_t reg = offset & ~UINT64_C(3);
    uint32_t v = (uint32_t)value;
    if (size < 4) { /* merge the bytes into the register's current value */
        unsigned shift = 8 * (unsigned)(offset & 3);
        uint32_t mask = ((UINT32_C(1) << (8 * size)) - 1) << shift;
        v = (read32(p, reg, 0) & ~mask) | ((v << shift) & mask);
    }
    write32(p, reg, v);
}

static const spin_mmio_ops plic_ops = {spin_plic_read, spin_plic_write};

int spin_plic_attach(spin_plic *plic, spin_bus *bus, uint64_t base) {
    return spin_bus_add_mmio(bus, base, SPIN_PLIC_SIZE, &plic_ops, plic);
}
