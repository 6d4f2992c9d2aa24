/* Split virtqueues, device side. See virtqueue.h. */
#include "virtio/virtqueue.h"

#include <stdlib.h>
#include <string.h>

/* Ring layout (virtio 1.2, 2.7): a descriptor is { le64 addr; le32 len; le16 flags;
 * le16 next; }; the available ring is { le16 flags; le16 idx; le16 ring[num];
 * le16 used_event; }; the used ring is { le16 flags; le16 idx;
 * { le32 id; le32 len; } ring[num]; le16 avail_event; }. */
#define DESC_SIZE 16u
#define AVAIL_RING 4u
#define USED_RING 4u
#define USED_ELEM 8u

static bool range_in_ram(const spin_bus *bus, uint64_t addr, uint64_t len) {
    uint64_t off = addr - bus->ram_base;
    return addr >= bus->ram_base && off <= bus->ram_size && len <= bus->ram_size - off;
}

static int read16(const spin_bus *bus, uint64_t addr, uint16_t *v) {
    uint8_t b[2];
    if (spin_bus_read_ram(bus, addr, b, 2)) return -1;
    *v = (uint16_t)(b[0] | b[1] << 8);
    return 0;
}

static int write16(spin_bus *bus, uint64_t addr, uint16_t v) {
    uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    return spin_bus_write_ram(bus, addr, b, 2);
}

static uint32_t get32(const uint8_t *b) {
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint8_t *b, uint32_t v) {
    for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
}

bool virtq_config_valid(const virtq *q, const spin_bus *bus, uint16_t max) {
    uint32_t n = q->num;
    if (n == 0 || n > max || n > VIRTQ_MAX_SIZE || (n & (n - 1))) return false;
    if ((q->desc & 15) || (q->avail & 1) || (q->used & 3)) return false;
    return range_in_ram(bus, q->desc, (uint64_t)DESC_SIZE * n) &&
           range_in_ram(bus, q->avail, AVAIL_RING + 2u * n + 2u) &&
           range_in_ram(bus, q->used, USED_RING + USED_ELEM * n + 2u);
}

void virtq_reset_state(virtq *q) {
    q->last_avail = q->used_idx = q->signalled_used = 0;
}

/* With EVENT_IDX: ask to be notified when the driver makes slot last_avail available. */
static void publish_avail_event(virtq *q, spin_bus *bus) {
    if (q->event_idx) write16(bus, q->used + USED_RING + USED_ELEM * q->num, q->last_avail);
}

/* Number of chains available and not yet taken, or -1 if the driver's index is more
 * than a queue's worth ahead (impossible for an honest driver). */
static int avail_count(virtq *q, const spin_bus *bus) {
    uint16_t idx;
    if (read16(bus, q->avail + 2, &idx)) return -1;
    uint16_t pending = (uint16_t)(idx - q->last_avail);
    return pending > q->num ? -1 : pending;
}

static int add_seg(virtq_chain *c, uint64_t addr, uint32_t len) {
    if (c->count == c->cap) {
        unsigned cap = c->cap ? c->cap * 2 : 16;
        virtq_seg *s = realloc(c->segs, cap * sizeof *s);
        if (!s) return -1;
        c->segs = s;
        c->cap = cap;
    }
    c->segs[c->count++] = (virtq_seg){addr, len};
    return 0;
}

int virtq_pop(virtq *q, spin_bus *bus, virtq_chain *c) {
    if (!q->ready) return VIRTQ_EMPTY;
    int n = avail_count(q, bus);
    if (n < 0) return VIRTQ_BROKEN;
    if (n == 0) {
        publish_avail_event(q, bus);
        return VIRTQ_EMPTY;
    }
    uint16_t head;
    if (read16(bus, q->avail + AVAIL_RING + 2u * (q->last_avail & (q->num - 1)), &head))
        return VIRTQ_BROKEN;
    if (head >= q->num) return VIRTQ_BROKEN;
    q->last_avail++;
    publish_avail_event(q, bus);

    c->head = head;
    c->count = c->readable = 0;
    c->readable_len = c->writable_len = 0;
    uint64_t table = q->desc;
    uint32_t table_n = q->num, budget = q->num; /* a chain visits each slot at most once */
    bool indirect = false, writable = false;
    uint16_t i = head;
    for (;;) {
        if (budget-- == 0) return VIRTQ_BROKEN; /* longer than the table: a loop */
        uint8_t d[DESC_SIZE];
        if (spin_bus_read_ram(bus, table + (uint64_t)DESC_SIZE * i, d, DESC_SIZE))
            return VIRTQ_BROKEN;
        uint64_t addr = (uint64_t)get32(d) | (uint64_t)get32(d + 4) << 32;
        uint32_t len = get32(d + 8);
        uint16_t flags = (uint16_t)(d[12] | d[13] << 8), next = (uint16_t)(d[14] | d[15] << 8);
        if (flags & VIRTQ_DESC_F_INDIRECT) {
            /* Only where negotiated, never nested, never followed by more of the chain,
             * a whole number of descriptors, bounded, inside RAM. (The spec asks no
             * alignment of an indirect table.) */
            if (!q->indirect || indirect || (flags & VIRTQ_DESC_F_NEXT) || len == 0 ||
                len % DESC_SIZE || len / DESC_SIZE > VIRTQ_MAX_INDIRECT ||
                !range_in_ram(bus, addr, len))
                return VIRTQ_BROKEN;
            indirect = true;
            table = addr;
            table_n = budget = len / DESC_SIZE;
            i = 0;
            continue;
        }
        if (flags & VIRTQ_DESC_F_WRITE) {
            writable = true;
        } else if (writable) {
            return VIRTQ_BROKEN; /* readable after writable */
        }
        if (len) {
            if (!range_in_ram(bus, addr, len) || add_seg(c, addr, len)) return VIRTQ_BROKEN;
            if (flags & VIRTQ_DESC_F_WRITE) {
                c->writable_len += len;
            } else {
                c->readable++;
                c->readable_len += len;
            }
        }
        if (!(flags & VIRTQ_DESC_F_NEXT)) break;
        if (next >= table_n) return VIRTQ_BROKEN;
        i = next;
    }
    return VIRTQ_POPPED;
}

int virtq_push(virtq *q, spin_bus *bus, uint16_t head, uint32_t written) {
    uint8_t e[USED_ELEM];
    put32(e, head);
    put32(e + 4, written);
    if (spin_bus_write_ram(bus, q->used + USED_RING + USED_ELEM * (q->used_idx & (q->num - 1)),
                           e, USED_ELEM))
        return -1;
    q->used_idx++;
    return write16(bus, q->used + 2, q->used_idx);
}

bool virtq_should_interrupt(virtq *q, const spin_bus *bus) {
    uint16_t old = q->signalled_used, now = q->used_idx;
    if (old == now) return false;
    q->signalled_used = now;
    if (q->event_idx) {
        uint16_t event;
        if (read16(bus, q->avail + AVAIL_RING + 2u * q->num, &event)) return true;
        /* Interrupt if used_event lies in [old, now): the driver asked to hear about the
         * entry at index used_event and we have just written it. */
        return (uint16_t)(now - event - 1) < (uint16_t)(now - old);
    }
    uint16_t flags;
    if (read16(bus, q->avail, &flags)) return true;
    return !(flags & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

size_t virtq_chain_read(const spin_bus *bus, const virtq_chain *c, uint64_t offset,
                        void *buf, size_t len) {
    size_t done = 0;
    for (unsigned s = 0; s < c->readable && done < len; s++) {
        const virtq_seg *g = &c->segs[s];
        if (offset >= g->len) {
            offset -= g->len;
            continue;
        }
        uint64_t n = g->len - offset;
        if (n > len - done) n = len - done;
        if (spin_bus_read_ram(bus, g->addr + offset, (uint8_t *)buf + done, n)) break;
        done += (size_t)n;
        offset = 0;
    }
    return done;
}

size_t virtq_chain_write(spin_bus *bus, const virtq_chain *c, uint64_t offset,
                         const void *data, size_t len) {
    size_t done = 0;
    for (unsigned s = c->readable; s < c->count && done < len; s++) {
        const virtq_seg *g = &c->segs[s];
        if (offset >= g->len) {
            offset -= g->len;
            continue;
        }
        uint64_t n = g->len - offset;
        if (n > len - done) n = len - done;
        if (spin_bus_write_ram(bus, g->addr + offset, (const uint8_t *)data + done, n)) break;
        done += (size_t)n;
        offset = 0;
    }
    return done;
}

void virtq_chain_free(virtq_chain *c) {
    free(c->segs);
    memset(c, 0, sizeof *c);
}
