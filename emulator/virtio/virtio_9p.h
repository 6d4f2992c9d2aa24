/*
 * virtio 9P transport device (virtio 1.2, section 5.11, "9P Transport"): one request
 * queue; each chain carries one 9P request in its readable part and room for the reply
 * in its writable part. The device knows nothing of 9P: it copies the request out
 * (bounded by max_request, the server's msize), hands it to the host's request callback
 * with an id, and returns the chain to the guest when the host calls virtio_9p_reply with
 * that id, at once (inside the callback) or later. The mount tag is in the configuration
 * space (VIRTIO_9P_F_MOUNT_TAG): the guest mounts `-t 9p -o trans=virtio TAG`.
 *
 * A request larger than max_request reaches the host cut short (the server answers it
 * with an error, its size field no longer matching); a reply larger than the chain's
 * writable part is cut short too (the guest sized the buffers). Requests in flight are at
 * most the queue's size; a driver that offers the same chain twice while it is in flight
 * waits for a free slot. Replies for requests made before a device reset are dropped.
 */
#ifndef SPIN_VIRTIO_9P_H
#define SPIN_VIRTIO_9P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_9P 9
#define VIRTIO_9P_F_MOUNT_TAG 0
#define VIRTIO_9P_QUEUE_SIZE 128
#define VIRTIO_9P_MAX_TAG 255

typedef struct virtio_9p_host {
    /* One request of len bytes; answer with virtio_9p_reply(dev, id, ...). msg is only
     * valid during the call. */
    void (*request)(void *opaque, uint32_t id, const uint8_t *msg, size_t len);
    void *opaque;
} virtio_9p_host;

typedef struct virtio_9p_pending {
    bool busy;
    virtq_chain chain;
} virtio_9p_pending;

typedef struct virtio_9p {
    virtio_mmio mmio; /* attach with virtio_mmio_attach(&dev->mmio, base) */
    virtio_9p_host host;
    char tag[VIRTIO_9P_MAX_TAG];
    uint16_t tag_len;
    uint32_t max_request;
    uint8_t *request_buf;    /* max_request bytes */
    uint16_t generation;     /* bumped by a reset: older ids are stale */
    bool in_notify;          /* taking chains now (replies made meanwhile do not recurse) */
    virtio_9p_pending pending[VIRTIO_9P_QUEUE_SIZE];
} virtio_9p;

/* tag: 1..VIRTIO_9P_MAX_TAG bytes (copied). max_request: the largest request copied out
 * (the 9P server's msize limit). 0, or -1 on bad arguments or no memory. */
int virtio_9p_init(virtio_9p *dev, spin_bus *bus, const char *tag, uint32_t max_request,
                   const virtio_9p_host *host);
void virtio_9p_destroy(virtio_9p *dev);

/* The reply to request id. 0, or -1 if id is unknown or stale (the device was reset),
 * in which case nothing is written. */
int virtio_9p_reply(virtio_9p *dev, uint32_t id, const uint8_t *msg, size_t len);

/* Requests handed to the host and not yet answered. */
unsigned virtio_9p_in_flight(const virtio_9p *dev);

#endif
