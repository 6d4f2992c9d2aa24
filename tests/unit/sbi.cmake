# SBI served in C.
spin_unit_test(sbi_test "${CMAKE_CURRENT_LIST_DIR}/sbi_test.c")
target_link_libraries(sbi_test PRIVATE spin_emulator)
