# The flattened device tree builder the machines describe themselves with.
target_sources(spin_emulator PRIVATE ${CMAKE_CURRENT_LIST_DIR}/fdt.c)
