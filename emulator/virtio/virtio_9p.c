/* virtio 9P transport device. See virtio_9p.h. */
#include "virtio/virtio_9p.h"

#include <stdlib.h>
#include <string.h>

/* Request ids: the pending slot in the low 16 bits, the reset generation above. */
static uint32_t make_id(const virtio_9p *dev, unsigned slot) {
    return (uint32_t)dev->generation << 16 | slot;
}

static int free_slot(const virtio_9p *dev) {
    for (unsigned i = 0; i < VIRTIO_9P_QUEUE_SIZE; i++)
        if (!dev->pending[i].busy) return (int)i;
    return -1;
}

static void take_requests(virtio_9p *dev) {
    if (dev->in_notify) return; /* the loop below is already running */
    dev->in_notify = true;
    int slot;
    while ((slot = free_slot(dev)) >= 0) {
        virtio_9p_pending *p = &dev->pending[slot];
        if (!virtio_mmio_pop(&dev->mmio, 0, &p->chain)) break;
        size_t len = p->chain.readable_len < dev->max_request ? (size_t)p->chain.readable_len
                                                              : dev->max_request;
        len = virtq_chain_read(dev->mmio.bus, &p->chain, 0, dev->request_buf, len);
        p->busy = true;
        dev->host.request(dev->host.opaque, make_id(dev, (unsigned)slot), dev->request_buf, len);
    }
    dev->in_notify = false;
}

static void p9_queue_notify(void *opaque, unsigned queue) {
    (void)queue; /* there is only queue 0 */
    take_requests(opaque);
}

int virtio_9p_reply(virtio_9p *dev, uint32_t id, const uint8_t *msg, size_t len) {
    unsigned slot = id & 0xffffu;
    if ((id >> 16) != dev->generation || slot >= VIRTIO_9P_QUEUE_SIZE || !dev->pending[slot].busy)
        return -1;
    virtio_9p_pending *p = &dev->pending[slot];
    size_t written = virtq_chain_write(dev->mmio.bus, &p->chain, 0, msg, len);
    p->busy = false;
    virtio_mmio_push(&dev->mmio, 0, p->chain.head, (uint32_t)written);
    virtio_mmio_notify(&dev->mmio, 0);
    take_requests(dev); /* a slot is free again: chains may be waiting for one */
    return 0;
}

unsigned virtio_9p_in_flight(const virtio_9p *dev) {
    unsigned n = 0;
    for (unsigned i = 0; i < VIRTIO_9P_QUEUE_SIZE; i++) n += dev->pending[i].busy;
    return n;
}

static void p9_reset(void *opaque) {
    virtio_9p *dev = opaque;
    dev->generation++; /* answers to what the old driver asked are dropped */
    for (unsigned i = 0; i < VIRTIO_9P_QUEUE_SIZE; i++) dev->pending[i].busy = false;
}

/* struct virtio_9p_config { le16 tag_len; u8 tag[tag_len]; } */
static uint64_t p9_config_read(void *opaque, uint32_t offset, unsigned size) {
    const virtio_9p *dev = opaque;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t at = offset + i;
        uint8_t b = at == 0 ? (uint8_t)dev->tag_len
                  : at == 1 ? (uint8_t)(dev->tag_len >> 8)
                  : at - 2 < dev->tag_len ? (uint8_t)dev->tag[at - 2] : 0;
        v |= (uint64_t)b << (8 * i);
    }
    return v;
}

static const virtio_device_ops p9_ops = {
    .device_id = VIRTIO_ID_9P,
    .features = UINT64_C(1) << VIRTIO_9P_F_MOUNT_TAG,
    .config_read = p9_config_read,
    .queue_notify = p9_queue_notify,
    .reset = p9_reset,
};

int virtio_9p_init(virtio_9p *dev, spin_bus *bus, const char *tag, uint32_t max_request,
                   const virtio_9p_host *host) {
    memset(dev, 0, sizeof *dev);
    size_t tag_len = tag ? strlen(tag) : 0;
    if (!host || !host->request || tag_len == 0 || tag_len > VIRTIO_9P_MAX_TAG || max_request == 0)
        return -1;
    memcpy(dev->tag, tag, tag_len);
    dev->tag_len = (uint16_t)tag_len;
    dev->host = *host;
    dev->max_request = max_request;
    if (!(dev->request_buf = malloc(max_request))) return -1;
    /* ops is shared, config_size is per device: copy the ops with this tag's size */
    virtio_device_ops *ops = malloc(sizeof *ops);
    if (!ops) {
        free(dev->request_buf);
        return -1;
    }
    *ops = p9_ops;
    ops->config_size = 2 + (uint32_t)tag_len;
    if (virtio_mmio_init(&dev->mmio, bus, ops, dev, 1, VIRTIO_9P_QUEUE_SIZE)) {
        free(ops);
        free(dev->request_buf);
        return -1;
    }
    return 0;
}

void virtio_9p_destroy(virtio_9p *dev) {
    for (unsigned i = 0; i < VIRTIO_9P_QUEUE_SIZE; i++) virtq_chain_free(&dev->pending[i].chain);
    free((void *)dev->mmio.ops);
    virtio_mmio_destroy(&dev->mmio);
    free(dev->request_buf);
    dev->request_buf = NULL;
}
