# Platform devices: one file each, attached to the bus by the machine.
target_sources(spin_emulator PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/plic.c
  ${CMAKE_CURRENT_LIST_DIR}/uart16550.c
  ${CMAKE_CURRENT_LIST_DIR}/goldfish_rtc.c
)
