# Unit tests of the FDT builder and the platform devices (emulator/fdt, emulator/devices).

spin_unit_test(fdt_test fdt_test.c "${SPIN_EMULATOR_SOURCE_DIR}/fdt/fdt.c")
# The builder's example tree, decompiled by dtc, must be the expected source.
add_test(NAME unit.fdt_dtc
         COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/fdt_dtc_check.sh"
                 "${CMAKE_CURRENT_LIST_DIR}/fdt_virt.dts" "${CMAKE_CURRENT_BINARY_DIR}/fdt_virt.dtb"
                 ${CMAKE_CROSSCOMPILING_EMULATOR} "$<TARGET_FILE:fdt_test>")
set_tests_properties(unit.fdt_dtc PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)

spin_unit_test(plic_test plic_test.c "${SPIN_EMULATOR_SOURCE_DIR}/devices/plic.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/bus.c")
spin_unit_test(uart16550_test uart16550_test.c "${SPIN_EMULATOR_SOURCE_DIR}/devices/uart16550.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/bus.c")
spin_unit_test(goldfish_rtc_test goldfish_rtc_test.c
               "${SPIN_EMULATOR_SOURCE_DIR}/devices/goldfish_rtc.c" "${SPIN_EMULATOR_SOURCE_DIR}/bus.c")
# UART and RTC wired into the PLIC on one bus, as the machine will wire them.
spin_unit_test(devices_wiring_test devices_wiring_test.c
               "${SPIN_EMULATOR_SOURCE_DIR}/devices/plic.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/devices/uart16550.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/devices/goldfish_rtc.c" "${SPIN_EMULATOR_SOURCE_DIR}/bus.c")
