# Bare-metal riscv64 programs for tests and benchmarks: cross-compiled with the Debian
# riscv64 toolchain against tests/support (start-up, HTIF, link script), runnable on
# `spin-emu --bare` and on `qemu-system-riscv64 -M spike -bios none -kernel`.

set(SPIN_BARE_SUPPORT_DIR "${CMAKE_SOURCE_DIR}/tests/support")
set(SPIN_BARE_CFLAGS
  -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -O2
  -nostdlib -nostartfiles -ffreestanding -fno-pie -no-pie
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments
  -T "${SPIN_BARE_SUPPORT_DIR}/link.ld"
  -I "${SPIN_BARE_SUPPORT_DIR}" -I "${CMAKE_SOURCE_DIR}/tests/isa/include")
set(SPIN_BARE_RUNTIME "${SPIN_BARE_SUPPORT_DIR}/crt.S" "${SPIN_BARE_SUPPORT_DIR}/htif.c")
file(GLOB SPIN_BARE_HEADERS CONFIGURE_DEPENDS
     "${SPIN_BARE_SUPPORT_DIR}/*.h" "${SPIN_BARE_SUPPORT_DIR}/*.ld"
     "${CMAKE_SOURCE_DIR}/tests/isa/include/*.h" "${CMAKE_SOURCE_DIR}/tests/isa/*/*.h")

# spin_bare_program(<output.elf> <sources...>): cross-compiles one bare program.
function(spin_bare_program out)
  add_custom_command(OUTPUT "${out}"
    COMMAND "${SPIN_RISCV_CC}" ${SPIN_BARE_CFLAGS} ${SPIN_BARE_RUNTIME} ${ARGN} -o "${out}"
    DEPENDS ${SPIN_BARE_RUNTIME} ${ARGN} ${SPIN_BARE_HEADERS}
    VERBATIM)
endfunction()
