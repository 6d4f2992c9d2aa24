# The 9P2000.L server and host folder trees (src/fs), driven through a temporary folder.
set(SPIN_FS_SOURCE_DIR "${_spin_root_dir}/src/fs")
spin_unit_test(p9_server_test p9_server_test.c
               "${SPIN_FS_SOURCE_DIR}/fs.c" "${SPIN_FS_SOURCE_DIR}/hostfs.c"
               "${SPIN_FS_SOURCE_DIR}/p9_wire.c" "${SPIN_FS_SOURCE_DIR}/p9_fids.c"
               "${SPIN_FS_SOURCE_DIR}/p9_exports.c"
               "${SPIN_FS_SOURCE_DIR}/p9_server.c" "${SPIN_FS_SOURCE_DIR}/p9_file_ops.c"
               "${SPIN_FS_SOURCE_DIR}/p9_name_ops.c")
spin_unit_test(hostfs_test hostfs_test.c "${SPIN_FS_SOURCE_DIR}/fs.c" "${SPIN_FS_SOURCE_DIR}/hostfs.c")
foreach(t p9_server_test hostfs_test)
  target_include_directories(${t} PRIVATE "${_spin_root_dir}/src")
endforeach()
