# The runtime: image config + options -> what the container runs.
spin_unit_test(spec_test "${CMAKE_CURRENT_LIST_DIR}/spec_test.c")
target_link_libraries(spec_test PRIVATE spin_runtime)
spin_unit_test(etc_files_test "${CMAKE_CURRENT_LIST_DIR}/etc_files_test.c")
target_link_libraries(etc_files_test PRIVATE spin_runtime)
