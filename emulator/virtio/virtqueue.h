/*
 * Split virtqueues (virtio 1.2, section 2.7) seen from the device side: take the next
 * descriptor chain the driver made available, walk it into a list of guest-physical
 * segments, copy bytes in and out of those segments, and hand the chain back in the
 * used ring with the number of bytes written.
 *
 * Everything the guest wrote is hostile. Ring addresses are checked against guest RAM
 * when the queue is enabled; descriptor indexes, chain lengths, indirect tables, buffer
 * addresses and lengths are checked on every walk. A guest that breaks the rules gets
 * VIRTQ_BROKEN back (the transport then sets DEVICE_NEEDS_RESET); nothing here reads or
 * writes host memory outside guest RAM, and every loop is bounded by the queue size.
 * Guest RAM is only touched through spin_bus_read_ram / spin_bus_write_ram.
 */
#ifndef SPIN_VIRTIO_VIRTQUEUE_H
#define SPIN_VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"

#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u
#define VIRTQ_DESC_F_INDIRECT 4u
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1u
#define VIRTQ_USED_F_NO_NOTIFY 1u

/* The largest queue size a split virtqueue may have. */
#define VIRTQ_MAX_SIZE 32768u
/* The most descriptors one indirect table may hold (a bound on the work one chain can
 * cause; Linux never builds larger ones for our devices). */
#define VIRTQ_MAX_INDIRECT 4096u

/* One queue as the transport configured it. */
typedef struct virtq {
    uint64_t desc, avail, used; /* guest-physical addresses of the three parts */
    uint16_t num;               /* queue size: a power of two, 1..VIRTQ_MAX_SIZE */
    bool ready;
    bool event_idx;             /* VIRTIO_F_EVENT_IDX negotiated */
    bool indirect;              /* VIRTIO_F_INDIRECT_DESC negotiated */
    uint16_t last_avail;        /* next available-ring slot the device will take */
    uint16_t used_idx;          /* the device's copy of used->idx */
    uint16_t signalled_used;    /* used_idx when the driver was last considered for an
                                 * interrupt (EVENT_IDX) */
} virtq;

typedef struct virtq_seg {
    uint64_t addr;
    uint32_t len;
} virtq_seg;

/* A popped chain: readable segments (driver to device) first, then writable ones. The
 * segment array grows as needed and is reused between pops; free it with
 * virtq_chain_free. */
typedef struct virtq_chain {
    uint16_t head;
    virtq_seg *segs;
    unsigned count, cap;
    unsigned readable;           /* segs[0 .. readable) are readable, the rest writable */
    uint64_t readable_len, writable_len;
} virtq_chain;

enum { VIRTQ_BROKEN = -1, VIRTQ_EMPTY = 0, VIRTQ_POPPED = 1 };

/* Checks a queue's configuration before it is enabled: size a power of two no larger
 * than max, each ring aligned as the spec requires and wholly inside guest RAM. */
bool virtq_config_valid(const virtq *q, const spin_bus *bus, uint16_t max);

/* Forgets ring positions (on enable and on reset). */
void virtq_reset_state(virtq *q);

/* Takes the next available chain into *chain. VIRTQ_POPPED, VIRTQ_EMPTY when the driver
 * has made nothing new available, or VIRTQ_BROKEN when the guest broke the rules (bad
 * index, loop, readable after writable, buffer outside RAM, bad indirect table, or
 * memory failure: the device must then stop using the queue). */
int virtq_pop(virtq *q, spin_bus *bus, virtq_chain *chain);

/* Returns a chain to the driver with the number of bytes the device wrote. 0, or -1 if
 * the used ring cannot be written (only possible if the queue was never validated). */
int virtq_push(virtq *q, spin_bus *bus, uint16_t head, uint32_t written);

/* After one or more pushes: whether the driver wants an interrupt now (honours
 * VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event with EVENT_IDX). */
bool virtq_should_interrupt(virtq *q, const spin_bus *bus);

/* Copies out of the chain's readable segments, starting offset bytes in. Returns the
 * number of bytes copied (less than len at the end of the readable part). */
size_t virtq_chain_read(const spin_bus *bus, const virtq_chain *chain, uint64_t offset,
                        void *buf, size_t len);
/* Copies into the chain's writable segments, starting offset bytes in. Returns the
 * number of bytes copied. */
size_t virtq_chain_write(spin_bus *bus, const virtq_chain *chain, uint64_t offset,
                         const void *data, size_t len);

void virtq_chain_free(virtq_chain *chain);

#endif
