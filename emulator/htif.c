/* HTIF tohost/fromhost device. See htif.h. */
#include "htif.h"

static void htif_command(spin_htif *htif) {
    uint64_t cmd = htif->tohost;
    unsigned device = (unsigned)(cmd >> 56), command = (unsigned)(cmd >> 48) & 0xff;
    uint64_t payload = cmd & ((UINT64_C(1) << 48) - 1);
    if (device == 0 && command == 0 && (payload & 1)) {
        htif->exit(htif->opaque, (int)(payload >> 1));
        return;
    }
    if (device == 1 && command == 1) {
        htif->console_out(htif->opaque, (uint8_t)payload);
        htif->tohost = 0;
        htif->fromhost = (uint64_t)device << 56 | (uint64_t)command << 48;
        return;
    }
    /* Anything else (e.g. a proxied syscall) is not supported: acknowledge and drop. */
    htif->tohost = 0;
}

static uint64_t *reg(spin_htif *htif, uint64_t offset) {
    return offset < 8 ? &htif->tohost : &htif->fromhost;
}

static uint64_t htif_read(void *opaque, uint64_t offset, unsigned size) {
    spin_htif *htif = opaque;
    uint64_t v = *reg(htif, offset & 8 ? 8 : 0) >> (8 * (offset & 7));
    return size == 8 ? v : v & ((UINT64_C(1) << (8 * size)) - 1);
}

static void htif_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_htif *htif = opaque;
    uint64_t *r = reg(htif, offset & 8 ? 8 : 0);
    unsigned shift = 8 * (unsigned)(offset & 7);
    uint64_t mask = size == 8 ? UINT64_MAX : ((UINT64_C(1) << (8 * size)) - 1) << shift;
    *r = (*r & ~mask) | ((value << shift) & mask);
    /* A command is complete once its upper word has been written. */
    if (r == &htif->tohost && shift + 8 * size > 32) htif_command(htif);
}

static const spin_mmio_ops htif_ops = {htif_read, htif_write};

/* fromhost mapped on its own (not right after tohost): offsets 0..7 mean fromhost. */
static uint64_t fromhost_read(void *opaque, uint64_t offset, unsigned size) {
    return htif_read(opaque, offset | 8, size);
}
static void fromhost_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    htif_write(opaque, offset | 8, value, size);
}
static const spin_mmio_ops fromhost_ops = {fromhost_read, fromhost_write};

int spin_htif_attach(spin_htif *htif, spin_bus *bus, uint64_t tohost_addr, uint64_t fromhost_addr) {
    htif->tohost = htif->fromhost = 0;
    if (fromhost_addr == tohost_addr + 8)
        return spin_bus_add_mmio(bus, tohost_addr, 16, &htif_ops, htif);
    if (spin_bus_add_mmio(bus, tohost_addr, 8, &htif_ops, htif)) return -1;
    return fromhost_addr ? spin_bus_add_mmio(bus, fromhost_addr, 8, &fromhost_ops, htif) : 0;
}
