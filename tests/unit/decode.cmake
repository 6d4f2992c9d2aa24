# The decoder: every compressed encoding's handler has a statically known size.
spin_unit_test(decode_test "${CMAKE_CURRENT_LIST_DIR}/decode_test.c"
               "${SPIN_EMULATOR_SOURCE_DIR}/riscv/decode.c")
