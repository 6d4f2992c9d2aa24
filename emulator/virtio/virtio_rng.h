/*
 * virtio entropy device (virtio 1.2, section 5.4): one request queue; every buffer the
 * driver posts is filled with bytes from the host's fill callback (getrandom natively,
 * crypto.getRandomValues in the browser) and returned at once. No configuration space,
 * no feature bits of its own.
 */
#ifndef SPIN_VIRTIO_RNG_H
#define SPIN_VIRTIO_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_RNG 4
#define VIRTIO_RNG_QUEUE_SIZE 64
/* The most bytes given for one request (Linux asks for at most a few dozen); a larger
 * buffer is filled this far, so one notification costs bounded work. */
#define VIRTIO_RNG_MAX_REQUEST 65536u

typedef struct virtio_rng {
    virtio_mmio mmio; /* attach with virtio_mmio_attach(&rng->mmio, base) */
    void (*fill)(void *opaque, uint8_t *buf, size_t len);
    void *opaque;
} virtio_rng;

/* fill must fill all len bytes (len <= 4096 per call). 0, or -1 if memory runs out. */
int virtio_rng_init(virtio_rng *rng, spin_bus *bus,
                    void (*fill)(void *opaque, uint8_t *buf, size_t len), void *opaque);
void virtio_rng_destroy(virtio_rng *rng);

#endif
