# virtio-mmio transport, split virtqueues, console, entropy and 9p devices, driven by a fake
# guest driver through the bus (tests/unit/virtio_test.c).
spin_unit_test(virtio_test virtio_test.c
               "${SPIN_EMULATOR_SOURCE_DIR}/bus.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtqueue.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_mmio.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_console.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_rng.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_9p.c")
# The network device, driven by the same fake driver (tests/unit/virtio_net_test.c).
spin_unit_test(virtio_net_test virtio_net_test.c
               "${SPIN_EMULATOR_SOURCE_DIR}/bus.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtqueue.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_mmio.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/virtio/virtio_net.c")
