/* CLINT registers. See clint.h. */
#include "clint.h"

#define CLINT_MSIP 0x0
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME 0xbff8

static uint64_t read_part(uint64_t reg, uint64_t offset, unsigned size) {
    uint64_t v = reg >> (8 * (offset & 7));
    return size == 8 ? v : v & ((UINT64_C(1) << (8 * size)) - 1);
}

static uint64_t write_part(uint64_t reg, uint64_t offset, uint64_t value, unsigned size) {
    unsigned shift = 8 * (unsigned)(offset & 7);
    uint64_t mask = size == 8 ? UINT64_MAX : ((UINT64_C(1) << (8 * size)) - 1) << shift;
    return (reg & ~mask) | ((value << shift) & mask);
}

static uint64_t clint_read(void *opaque, uint64_t offset, unsigned size) {
    spin_clint *c = opaque;
    if (offset < 4) return (c->hart->mip >> 3) & 1;
    if (offset - CLINT_MTIMECMP < 8) return read_part(c->hart->mtimecmp, offset, size);
    if (offset - CLINT_MTIME < 8) return read_part(rv_hart_time(c->hart), offset, size);
    return 0;
}

static void clint_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_clint *c = opaque;
    if (offset < 4) {
        rv_hart_set_irq(c->hart, RV_MIP_MSIP, value & 1);
    } else if (offset - CLINT_MTIMECMP < 8) {
        rv_hart_set_mtimecmp(c->hart, write_part(c->hart->mtimecmp, offset, value, size));
    }
    /* mtime is derived from the instruction count and is not writable here. */
}

static const spin_mmio_ops clint_ops = {clint_read, clint_write};

int spin_clint_attach(spin_clint *clint, spin_bus *bus, uint64_t base, rv_hart *hart) {
    clint->hart = hart;
    return spin_bus_add_mmio(bus, base, SPIN_CLINT_SIZE, &clint_ops, clint);
}
