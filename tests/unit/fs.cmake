# The container's file tree (src/fs): memfs and layer application.
spin_unit_test(memfs_test memfs_test.c)
target_link_libraries(memfs_test PRIVATE spin_fs)
spin_unit_test(tar_apply_test tar_apply_test.c)
target_link_libraries(tar_apply_test PRIVATE spin_fs)

# Against real tools: layers made by GNU tar (gnu, pax, ustar), gzip and python's tarfile
# (hostile entries), applied by tar_apply_test's list mode (under node in the wasm build).
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME unit.tar_apply_tools
         COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/tar_apply_check.py" --
                 ${CMAKE_CROSSCOMPILING_EMULATOR} "$<TARGET_FILE:tar_apply_test>")
set_tests_properties(unit.tar_apply_tools PROPERTIES TIMEOUT 600)
# A real OCI image built by umoci, two layers with whiteouts, compared with what
# `umoci unpack` puts on disk (native builds: the comparison is about the C, not the host).
if(NOT EMSCRIPTEN)
  find_program(SPIN_UMOCI umoci REQUIRED)
  add_test(NAME unit.tar_apply_umoci
           COMMAND ${Python3_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/tar_apply_check.py" --umoci
                   -- "$<TARGET_FILE:tar_apply_test>")
  set_tests_properties(unit.tar_apply_umoci PROPERTIES TIMEOUT 600)
endif()

# The 9P2000.L server and host folder trees (src/fs), driven through a temporary folder.
spin_unit_test(p9_server_test p9_server_test.c)
spin_unit_test(hostfs_test hostfs_test.c)
foreach(t p9_server_test hostfs_test)
  target_link_libraries(${t} PRIVATE spin_fs)
  target_include_directories(${t} PRIVATE "${_spin_root_dir}/src")
endforeach()
