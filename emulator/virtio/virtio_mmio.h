/*
 * The virtio-mmio transport, version 2 (virtio 1.2, section 4.2): the register file a
 * driver sees at the device's base address, feature negotiation, the device status
 * state machine, the queues' configuration and the interrupt line. A device (console,
 * rng, ...) is one file that fills in a virtio_device_ops and embeds a virtio_mmio; the
 * transport calls the device when the driver notifies a queue, reads or writes its
 * configuration space, or resets it, and the device takes chains from its queues and
 * returns them through the helpers below.
 *
 * The register window is VIRTIO_MMIO_SIZE bytes: control registers below 0x100, the
 * device's configuration space from 0x100. The interrupt line is level-triggered: high
 * while InterruptStatus is non-zero, reported through set_irq on every change.
 *
 * A guest that breaks the rules (a malformed chain, an invalid queue configuration) puts
 * the device into DEVICE_NEEDS_RESET: the status bit is set, a configuration-change
 * interrupt is raised, and the device ignores its queues until the driver resets it by
 * writing 0 to Status.
 */
#ifndef SPIN_VIRTIO_MMIO_H
#define SPIN_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "virtio/virtqueue.h"

#define VIRTIO_MMIO_SIZE 0x200u
#define VIRTIO_MMIO_MAGIC 0x74726976u /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x4e495053u /* "SPIN" */

/* Register offsets. */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_SHM_SEL 0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW 0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH 0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW 0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH 0x0bc
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

/* Device status bits. */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

/* InterruptStatus bits. */
#define VIRTIO_INT_USED_BUFFER 1u
#define VIRTIO_INT_CONFIG_CHANGE 2u

/* Transport feature bits. */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Feature bits every device on this transport offers. */
#define VIRTIO_MMIO_TRANSPORT_FEATURES                                                    \
    ((UINT64_C(1) << VIRTIO_F_VERSION_1) | (UINT64_C(1) << VIRTIO_F_INDIRECT_DESC) |      \
     (UINT64_C(1) << VIRTIO_F_EVENT_IDX))

/* Devices are given their own pointer (dev) back. */
typedef struct virtio_device_ops {
    uint32_t device_id;    /* virtio device type: 3 console, 4 entropy, ... */
    uint64_t features;     /* device-specific feature bits (the transport adds its own) */
    uint32_t config_size;  /* bytes of configuration space */
    /* Configuration space access, offset + size <= config_size, size 1, 2, 4 or 8.
     * config_write may be NULL (read-only configuration). */
    uint64_t (*config_read)(void *dev, uint32_t offset, unsigned size);
    void (*config_write)(void *dev, uint32_t offset, uint64_t value, unsigned size);
    /* The driver notified queue (always < num_queues). */
    void (*queue_notify)(void *dev, unsigned queue);
    /* The driver reset the device (Status written 0): forget all driver-side state. */
    void (*reset)(void *dev);
    /* The driver set DRIVER_OK (may be NULL). */
    void (*driver_ok)(void *dev);
} virtio_device_ops;

typedef struct virtio_mmio {
    spin_bus *bus;
    const virtio_device_ops *ops;
    void *dev;
    unsigned num_queues;
    uint16_t queue_max;
    virtq *queues;
    void (*set_irq)(void *opaque, int level);
    void *irq_opaque;
    int irq_level;

    uint32_t status, interrupt_status, config_generation;
    uint32_t device_features_sel, driver_features_sel, queue_sel;
    uint64_t driver_features;
} virtio_mmio;

/* Prepares the transport for device dev with num_queues queues of at most queue_max
 * entries (a power of two). 0, or -1 if memory runs out or the arguments are bad. */
int virtio_mmio_init(virtio_mmio *vm, spin_bus *bus, const virtio_device_ops *ops, void *dev,
                     unsigned num_queues, uint16_t queue_max);
void virtio_mmio_destroy(virtio_mmio *vm);

/* Maps the register window at base (VIRTIO_MMIO_SIZE bytes). 0, or -1 if the bus is
 * full. */
int virtio_mmio_attach(virtio_mmio *vm, uint64_t base);

/* The interrupt line. Called with the new level whenever it changes. */
void virtio_mmio_set_irq(virtio_mmio *vm, void (*set_irq)(void *opaque, int level),
                         void *opaque);

/* The same register file as the bus sees it (tests and machines may call it directly). */
uint64_t virtio_mmio_read(void *vm, uint64_t offset, unsigned size);
void virtio_mmio_write(void *vm, uint64_t offset, uint64_t value, unsigned size);

/* --- For devices --- */

/* True once the driver has set DRIVER_OK and the device does not need a reset. */
bool virtio_mmio_running(const virtio_mmio *vm);
/* True if the driver accepted feature bit (valid once FEATURES_OK is set). */
bool virtio_mmio_has_feature(const virtio_mmio *vm, unsigned bit);
/* True if the device may use queue i now (running and the queue enabled). */
bool virtio_mmio_queue_ready(const virtio_mmio *vm, unsigned i);
/* Takes the next chain from queue i. True if one was taken; false if the queue is not
 * ready, empty, or the guest broke the rules (the device then needs a reset). */
bool virtio_mmio_pop(virtio_mmio *vm, unsigned i, virtq_chain *chain);
/* Returns a chain to queue i with the bytes written; call virtio_mmio_notify after a
 * batch of pushes. */
void virtio_mmio_push(virtio_mmio *vm, unsigned i, uint16_t head, uint32_t written);
/* Raises the used-buffer interrupt for queue i if the driver wants one now. */
void virtio_mmio_notify(virtio_mmio *vm, unsigned i);
/* The configuration space changed: new generation, configuration-change interrupt. */
void virtio_mmio_config_changed(virtio_mmio *vm);
/* The guest broke the rules: DEVICE_NEEDS_RESET and, once the driver is up, a
 * configuration-change interrupt. */
void virtio_mmio_needs_reset(virtio_mmio *vm);

#endif
