# virtio-mmio transport, split virtqueues and the virtio devices.
target_sources(spin_emulator PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/virtqueue.c
  ${CMAKE_CURRENT_LIST_DIR}/virtio_mmio.c
  ${CMAKE_CURRENT_LIST_DIR}/virtio_console.c
  ${CMAKE_CURRENT_LIST_DIR}/virtio_rng.c
  ${CMAKE_CURRENT_LIST_DIR}/virtio_9p.c
  ${CMAKE_CURRENT_LIST_DIR}/virtio_net.c
)
