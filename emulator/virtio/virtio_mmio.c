/* The virtio-mmio transport, version 2. See virtio_mmio.h. */
#include "virtio/virtio_mmio.h"

#include <stdlib.h>
#include <string.h>

#define DRIVER_STATUS_BITS                                                                \
    (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK |          \
     VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_FAILED)

static uint64_t offered_features(const virtio_mmio *vm) {
    return VIRTIO_MMIO_TRANSPORT_FEATURES | vm->ops->features;
}

static void update_irq(virtio_mmio *vm) {
    int level = vm->interrupt_status != 0;
    if (level == vm->irq_level) return;
    vm->irq_level = level;
    if (vm->set_irq) vm->set_irq(vm->irq_opaque, level);
}

static void raise_interrupt(virtio_mmio *vm, uint32_t bits) {
    vm->interrupt_status |= bits;
    update_irq(vm);
}

static void clear_queues(virtio_mmio *vm) {
    for (unsigned i = 0; i < vm->num_queues; i++) {
        memset(&vm->queues[i], 0, sizeof vm->queues[i]);
        vm->queues[i].num = vm->queue_max; /* QueueNum starts at the maximum */
    }
}

int virtio_mmio_init(virtio_mmio *vm, spin_bus *bus, const virtio_device_ops *ops, void *dev,
                     unsigned num_queues, uint16_t queue_max) {
    memset(vm, 0, sizeof *vm);
    if (!ops || num_queues == 0 || num_queues > 1024 || queue_max == 0 ||
        queue_max > VIRTQ_MAX_SIZE || (queue_max & (queue_max - 1)))
        return -1;
    vm->queues = calloc(num_queues, sizeof *vm->queues);
    if (!vm->queues) return -1;
    vm->bus = bus;
    vm->ops = ops;
    vm->dev = dev;
    vm->num_queues = num_queues;
    vm->queue_max = queue_max;
    clear_queues(vm);
    return 0;
}

void virtio_mmio_destroy(virtio_mmio *vm) {
    free(vm->queues);
    vm->queues = NULL;
    vm->num_queues = 0;
}

static const spin_mmio_ops virtio_mmio_bus_ops = {virtio_mmio_read, virtio_mmio_write};

int virtio_mmio_attach(virtio_mmio *vm, uint64_t base) {
    return spin_bus_add_mmio(vm->bus, base, VIRTIO_MMIO_SIZE, &virtio_mmio_bus_ops, vm);
}

void virtio_mmio_set_irq(virtio_mmio *vm, void (*set_irq)(void *opaque, int level),
                         void *opaque) {
    vm->set_irq = set_irq;
    vm->irq_opaque = opaque;
    if (set_irq) set_irq(opaque, vm->irq_level);
}

static virtq *selected_queue(virtio_mmio *vm) {
    return vm->queue_sel < vm->num_queues ? &vm->queues[vm->queue_sel] : NULL;
}

static void device_reset(virtio_mmio *vm) {
    vm->status = 0;
    vm->interrupt_status = 0;
    vm->driver_features = 0;
    vm->device_features_sel = vm->driver_features_sel = vm->queue_sel = 0;
    clear_queues(vm);
    update_irq(vm);
    if (vm->ops->reset) vm->ops->reset(vm->dev);
}

static bool features_acceptable(const virtio_mmio *vm) {
    return !(vm->driver_features & ~offered_features(vm)) &&
           (vm->driver_features >> VIRTIO_F_VERSION_1 & 1);
}

static void write_status(virtio_mmio *vm, uint32_t value) {
    if (value == 0) {
        device_reset(vm);
        return;
    }
    /* The driver only ever sets bits; DEVICE_NEEDS_RESET is the device's to set. */
    uint32_t old = vm->status, now = old | (value & DRIVER_STATUS_BITS);
    if ((now & ~old & VIRTIO_STATUS_FEATURES_OK) && !features_acceptable(vm))
        now &= ~VIRTIO_STATUS_FEATURES_OK; /* the driver reads it back and gives up */
    if ((now & ~old & VIRTIO_STATUS_DRIVER_OK) && !(now & VIRTIO_STATUS_FEATURES_OK))
        now &= ~VIRTIO_STATUS_DRIVER_OK;
    vm->status = now;
    if ((now & ~old & VIRTIO_STATUS_DRIVER_OK) && virtio_mmio_running(vm)) {
        if (vm->ops->driver_ok) vm->ops->driver_ok(vm->dev);
        /* Buffers made available before DRIVER_OK were not used then; look now. */
        for (unsigned i = 0; i < vm->num_queues && virtio_mmio_running(vm); i++)
            if (vm->queues[i].ready) vm->ops->queue_notify(vm->dev, i);
    }
}

static void write_queue_ready(virtio_mmio *vm, virtq *q, uint32_t value) {
    if (!(value & 1)) {
        q->ready = false;
        return;
    }
    if (q->ready || !(vm->status & VIRTIO_STATUS_FEATURES_OK) ||
        (vm->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET))
        return;
    q->event_idx = virtio_mmio_has_feature(vm, VIRTIO_F_EVENT_IDX);
    q->indirect = virtio_mmio_has_feature(vm, VIRTIO_F_INDIRECT_DESC);
    if (!virtq_config_valid(q, vm->bus, vm->queue_max)) {
        virtio_mmio_needs_reset(vm);
        return;
    }
    virtq_reset_state(q);
    q->ready = true;
}

static void set_half(uint64_t *reg, bool high, uint32_t value) {
    if (high)
        *reg = (*reg & UINT32_MAX) | (uint64_t)value << 32;
    else
        *reg = (*reg & ~(uint64_t)UINT32_MAX) | value;
}

uint64_t virtio_mmio_read(void *opaque, uint64_t offset, unsigned size) {
    virtio_mmio *vm = opaque;
    if (offset >= VIRTIO_MMIO_CONFIG) {
        uint64_t c = offset - VIRTIO_MMIO_CONFIG;
        if (c >= vm->ops->config_size || size > vm->ops->config_size - c || !vm->ops->config_read)
            return 0;
        return vm->ops->config_read(vm->dev, (uint32_t)c, size);
    }
    if (size != 4 || (offset & 3)) return 0; /* control registers are 32-bit only */
    virtq *q = selected_queue(vm);
    switch (offset) {
    case VIRTIO_MMIO_MAGIC_VALUE: return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION: return 2;
    case VIRTIO_MMIO_DEVICE_ID: return vm->ops->device_id;
    case VIRTIO_MMIO_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return vm->device_features_sel > 1 ? 0
                                           : (uint32_t)(offered_features(vm) >> (32 * vm->device_features_sel));
    case VIRTIO_MMIO_QUEUE_NUM_MAX: return q ? vm->queue_max : 0;
    case VIRTIO_MMIO_QUEUE_NUM: return q ? q->num : 0;
    case VIRTIO_MMIO_QUEUE_READY: return q ? q->ready : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS: return vm->interrupt_status;
    case VIRTIO_MMIO_STATUS: return vm->status;
    case VIRTIO_MMIO_QUEUE_DESC_LOW: return q ? (uint32_t)q->desc : 0;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH: return q ? (uint32_t)(q->desc >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: return q ? (uint32_t)q->avail : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: return q ? (uint32_t)(q->avail >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW: return q ? (uint32_t)q->used : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: return q ? (uint32_t)(q->used >> 32) : 0;
    /* No shared memory regions: a region that does not exist has length and base ~0. */
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH: return UINT32_MAX;
    case VIRTIO_MMIO_CONFIG_GENERATION: return vm->config_generation;
    default: return 0;
    }
}

void virtio_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    virtio_mmio *vm = opaque;
    if (offset >= VIRTIO_MMIO_CONFIG) {
        uint64_t c = offset - VIRTIO_MMIO_CONFIG;
        if (c < vm->ops->config_size && size <= vm->ops->config_size - c && vm->ops->config_write)
            vm->ops->config_write(vm->dev, (uint32_t)c, value, size);
        return;
    }
    if (size != 4 || (offset & 3)) return;
    uint32_t v = (uint32_t)value;
    virtq *q = selected_queue(vm);
    /* A queue's configuration is fixed while it is enabled. */
    virtq *idle_q = q && !q->ready ? q : NULL;
    switch (offset) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: vm->device_features_sel = v; break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        /* Features are fixed once FEATURES_OK is set. */
        if (vm->driver_features_sel <= 1 && !(vm->status & VIRTIO_STATUS_FEATURES_OK))
            set_half(&vm->driver_features, vm->driver_features_sel == 1, v);
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: vm->driver_features_sel = v; break;
    case VIRTIO_MMIO_QUEUE_SEL: vm->queue_sel = v; break;
    case VIRTIO_MMIO_QUEUE_NUM:
        /* An out-of-range size is kept as 0 so that enabling the queue fails. */
        if (idle_q) idle_q->num = v <= vm->queue_max ? (uint16_t)v : 0;
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        if (q) write_queue_ready(vm, q, v);
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        /* The value is the queue's index (VIRTIO_F_NOTIFICATION_DATA is not offered).
         * Notifications of disabled or unknown queues are ignored. */
        if (v < vm->num_queues && vm->queues[v].ready && virtio_mmio_running(vm))
            vm->ops->queue_notify(vm->dev, v);
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        vm->interrupt_status &= ~v;
        update_irq(vm);
        break;
    case VIRTIO_MMIO_STATUS: write_status(vm, v); break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        if (idle_q) set_half(&idle_q->desc, offset == VIRTIO_MMIO_QUEUE_DESC_HIGH, v);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        if (idle_q) set_half(&idle_q->avail, offset == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, v);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        if (idle_q) set_half(&idle_q->used, offset == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, v);
        break;
    default: break; /* read-only or unknown: ignored */
    }
}

bool virtio_mmio_running(const virtio_mmio *vm) {
    return (vm->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_DEVICE_NEEDS_RESET |
                          VIRTIO_STATUS_FAILED)) == VIRTIO_STATUS_DRIVER_OK;
}

bool virtio_mmio_has_feature(const virtio_mmio *vm, unsigned bit) {
    return bit < 64 && (vm->status & VIRTIO_STATUS_FEATURES_OK) &&
           (vm->driver_features >> bit & 1);
}

bool virtio_mmio_queue_ready(const virtio_mmio *vm, unsigned i) {
    return i < vm->num_queues && vm->queues[i].ready && virtio_mmio_running(vm);
}

bool virtio_mmio_pop(virtio_mmio *vm, unsigned i, virtq_chain *chain) {
    if (!virtio_mmio_queue_ready(vm, i)) return false;
    int r = virtq_pop(&vm->queues[i], vm->bus, chain);
    if (r == VIRTQ_BROKEN) virtio_mmio_needs_reset(vm);
    return r == VIRTQ_POPPED;
}

void virtio_mmio_push(virtio_mmio *vm, unsigned i, uint16_t head, uint32_t written) {
    if (!virtio_mmio_queue_ready(vm, i)) return;
    if (virtq_push(&vm->queues[i], vm->bus, head, written)) virtio_mmio_needs_reset(vm);
}

void virtio_mmio_notify(virtio_mmio *vm, unsigned i) {
    if (i < vm->num_queues && vm->queues[i].ready &&
        virtq_should_interrupt(&vm->queues[i], vm->bus))
        raise_interrupt(vm, VIRTIO_INT_USED_BUFFER);
}

void virtio_mmio_config_changed(virtio_mmio *vm) {
    vm->config_generation++;
    if (vm->status & VIRTIO_STATUS_DRIVER_OK) raise_interrupt(vm, VIRTIO_INT_CONFIG_CHANGE);
}

void virtio_mmio_needs_reset(virtio_mmio *vm) {
    if (vm->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET) return;
    vm->status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
    if (vm->status & VIRTIO_STATUS_DRIVER_OK) raise_interrupt(vm, VIRTIO_INT_CONFIG_CHANGE);
}
