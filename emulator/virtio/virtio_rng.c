/* virtio entropy device. See virtio_rng.h. */
#include "virtio/virtio_rng.h"

#include <string.h>

static void rng_queue_notify(void *dev, unsigned q) {
    virtio_rng *rng = dev;
    virtq_chain chain = {0};
    bool pushed = false;
    while (virtio_mmio_pop(&rng->mmio, q, &chain)) {
        uint64_t total = chain.writable_len < VIRTIO_RNG_MAX_REQUEST ? chain.writable_len
                                                                      : VIRTIO_RNG_MAX_REQUEST;
        uint64_t done = 0;
        while (done < total) {
            uint8_t buf[4096];
            size_t n = total - done < sizeof buf ? (size_t)(total - done) : sizeof buf;
            rng->fill(rng->opaque, buf, n);
            size_t w = virtq_chain_write(rng->mmio.bus, &chain, done, buf, n);
            memset(buf, 0, sizeof buf); /* leave no entropy lying around on the stack */
            done += w;
            if (w < n) break;
        }
        virtio_mmio_push(&rng->mmio, q, chain.head, (uint32_t)done);
        pushed = true;
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&rng->mmio, q);
}

static const virtio_device_ops rng_ops = {
    .device_id = VIRTIO_ID_RNG,
    .queue_notify = rng_queue_notify,
};

int virtio_rng_init(virtio_rng *rng, spin_bus *bus,
                    void (*fill)(void *opaque, uint8_t *buf, size_t len), void *opaque) {
    memset(rng, 0, sizeof *rng);
    if (!fill) return -1;
    rng->fill = fill;
    rng->opaque = opaque;
    return virtio_mmio_init(&rng->mmio, bus, &rng_ops, rng, 1, VIRTIO_RNG_QUEUE_SIZE);
}

void virtio_rng_destroy(virtio_rng *rng) { virtio_mmio_destroy(&rng->mmio); }
