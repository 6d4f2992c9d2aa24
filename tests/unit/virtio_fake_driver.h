/* A fake guest driver for the virtio device unit tests: lays out descriptor tables and
 * rings in a test machine's RAM, talks to a device only through its registers on the
 * bus (at DEV_BASE), and reads results back from the used rings, the way a guest
 * kernel's driver does. Header-only (static inline) so each test compiles it in. */
#ifndef SPIN_TESTS_UNIT_VIRTIO_FAKE_DRIVER_H
#define SPIN_TESTS_UNIT_VIRTIO_FAKE_DRIVER_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bus.h"
#include "device_check.h"
#include "virtio/virtio_mmio.h"
#include "virtio/virtqueue.h"

#define RAM_BASE UINT64_C(0x80000000)
#define RAM_SIZE (UINT64_C(4) << 20)
#define DEV_BASE UINT64_C(0x10001000)
#define BUF_AREA (RAM_BASE + (UINT64_C(2) << 20)) /* data buffers live above 2 MiB */

/* ------------------------------------------------------------------------------------ */
/* The fake guest driver                                                                 */

typedef struct gq {
    uint64_t desc, avail, used;
    uint16_t num, avail_idx, used_seen, next_desc;
} gq;

typedef struct guest {
    spin_bus bus;
    uint64_t base;
    gq q[80];
    uint64_t ring_next, buf_next;
    int irq_level, irq_changes;
} guest;

static inline void set_irq(void *opaque, int level) {
    guest *g = opaque;
    g->irq_level = level;
    g->irq_changes++;
}

static inline uint32_t rd(guest *g, uint64_t off) {
    uint64_t v = 0;
    CHECK(spin_bus_read(&g->bus, g->base + off, 4, &v) == 0);
    return (uint32_t)v;
}

static inline void wr(guest *g, uint64_t off, uint32_t v) {
    CHECK(spin_bus_write(&g->bus, g->base + off, 4, v) == 0);
}

static inline void w16(guest *g, uint64_t a, uint16_t v) { CHECK(spin_bus_write_ram(&g->bus, a, &v, 2) == 0); }
static inline void w32(guest *g, uint64_t a, uint32_t v) { CHECK(spin_bus_write_ram(&g->bus, a, &v, 4) == 0); }
static inline void w64(guest *g, uint64_t a, uint64_t v) { CHECK(spin_bus_write_ram(&g->bus, a, &v, 8) == 0); }
static inline uint16_t r16(guest *g, uint64_t a) {
    uint16_t v = 0;
    CHECK(spin_bus_read_ram(&g->bus, a, &v, 2) == 0);
    return v;
}
static inline uint32_t r32(guest *g, uint64_t a) {
    uint32_t v = 0;
    CHECK(spin_bus_read_ram(&g->bus, a, &v, 4) == 0);
    return v;
}

static inline uint64_t ring_alloc(guest *g, uint64_t size, uint64_t align) {
    g->ring_next = (g->ring_next + align - 1) & ~(align - 1);
    uint64_t a = g->ring_next;
    g->ring_next += size;
    CHECK(g->ring_next <= BUF_AREA);
    return a;
}

static inline uint64_t buf_alloc(guest *g, uint64_t size) {
    if (g->buf_next + size > RAM_BASE + RAM_SIZE) g->buf_next = BUF_AREA; /* recycle */
    uint64_t a = g->buf_next;
    g->buf_next += (size + 15) & ~UINT64_C(15);
    return a;
}

static inline void guest_init(guest *g) {
    memset(g, 0, sizeof *g);
    CHECK(spin_bus_init(&g->bus, RAM_BASE, RAM_SIZE) == 0);
    g->base = DEV_BASE;
    g->ring_next = RAM_BASE + 0x1000;
    g->buf_next = BUF_AREA;
}

static inline bool status_has(guest *g, uint32_t bit) { return (rd(g, VIRTIO_MMIO_STATUS) & bit) != 0; }

/* Reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK. Returns whether FEATURES_OK stuck. */
static inline bool negotiate(guest *g, uint64_t want) {
    wr(g, VIRTIO_MMIO_STATUS, 0);
    CHECK(rd(g, VIRTIO_MMIO_STATUS) == 0);
    wr(g, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(g, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(g, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t offered = rd(g, VIRTIO_MMIO_DEVICE_FEATURES);
    wr(g, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    offered |= (uint64_t)rd(g, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
    uint64_t accept = want & offered;
    wr(g, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(g, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)accept);
    wr(g, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(g, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(accept >> 32));
    wr(g, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    return status_has(g, VIRTIO_STATUS_FEATURES_OK);
}

static inline void setup_queue(guest *g, unsigned i, uint16_t num) {
    gq *q = &g->q[i];
    memset(q, 0, sizeof *q);
    wr(g, VIRTIO_MMIO_QUEUE_SEL, i);
    CHECK(rd(g, VIRTIO_MMIO_QUEUE_READY) == 0);
    CHECK(rd(g, VIRTIO_MMIO_QUEUE_NUM_MAX) >= num);
    q->num = num;
    q->desc = ring_alloc(g, 16u * num, 16);
    q->avail = ring_alloc(g, 6u + 2u * num, 2);
    q->used = ring_alloc(g, 6u + 8u * num, 4);
    static const uint8_t zeros[8192];
    CHECK(spin_bus_write_ram(&g->bus, q->desc, zeros, q->used + 6u + 8u * num - q->desc) == 0);
    wr(g, VIRTIO_MMIO_QUEUE_NUM, num);
    wr(g, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
    wr(g, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(q->desc >> 32));
    wr(g, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)q->avail);
    wr(g, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(q->avail >> 32));
    wr(g, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)q->used);
    wr(g, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(q->used >> 32));
    wr(g, VIRTIO_MMIO_QUEUE_READY, 1);
    CHECK(rd(g, VIRTIO_MMIO_QUEUE_READY) == 1);
}

static inline void driver_ok(guest *g) {
    wr(g, VIRTIO_MMIO_STATUS, rd(g, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
    CHECK(status_has(g, VIRTIO_STATUS_DRIVER_OK));
}

typedef struct gseg {
    uint64_t addr;
    uint32_t len;
    bool write;
} gseg;

static inline void put_desc(guest *g, uint64_t table, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next) {
    uint64_t d = table + 16u * i;
    w64(g, d, addr);
    w32(g, d + 8, len);
    w16(g, d + 12, flags);
    w16(g, d + 14, next);
}

static inline void publish(guest *g, unsigned qi, uint16_t head) {
    gq *q = &g->q[qi];
    w16(g, q->avail + 4 + 2u * (q->avail_idx % q->num), head);
    q->avail_idx++;
    w16(g, q->avail + 2, q->avail_idx);
}

/* Makes a chain of n descriptors available; returns its head. */
static inline uint16_t add_chain(guest *g, unsigned qi, const gseg *s, unsigned n) {
    gq *q = &g->q[qi];
    uint16_t head = q->next_desc;
    for (unsigned k = 0; k < n; k++) {
        uint16_t i = (uint16_t)((head + k) % q->num), nx = (uint16_t)((head + k + 1) % q->num);
        uint16_t flags = (uint16_t)((s[k].write ? VIRTQ_DESC_F_WRITE : 0) | (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
        put_desc(g, q->desc, i, s[k].addr, s[k].len, flags, nx);
    }
    q->next_desc = (uint16_t)((head + n) % q->num);
    publish(g, qi, head);
    return head;
}

static inline uint64_t add_out(guest *g, unsigned qi, const void *data, uint32_t len) {
    uint64_t a = buf_alloc(g, len);
    CHECK(spin_bus_write_ram(&g->bus, a, data, len) == 0);
    gseg s = {a, len, false};
    add_chain(g, qi, &s, 1);
    return a;
}

static inline uint64_t add_in(guest *g, unsigned qi, uint32_t len) {
    uint64_t a = buf_alloc(g, len);
    gseg s = {a, len, true};
    add_chain(g, qi, &s, 1);
    return a;
}

static inline void kick(guest *g, unsigned qi) { wr(g, VIRTIO_MMIO_QUEUE_NOTIFY, qi); }

/* Next used element of queue qi: true and id/len, or false if none. */
static inline bool get_used(guest *g, unsigned qi, uint32_t *id, uint32_t *len) {
    gq *q = &g->q[qi];
    if (r16(g, q->used + 2) == q->used_seen) return false;
    uint64_t e = q->used + 4 + 8u * (q->used_seen % q->num);
    *id = r32(g, e);
    *len = r32(g, e + 4);
    q->used_seen++;
    return true;
}

static inline void ack_irq(guest *g) {
    wr(g, VIRTIO_MMIO_INTERRUPT_ACK, rd(g, VIRTIO_MMIO_INTERRUPT_STATUS));
}

#endif
