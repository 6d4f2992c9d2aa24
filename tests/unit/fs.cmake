# The container's file tree (src/fs): memfs and layer application.
spin_unit_test(memfs_test memfs_test.c)
target_link_libraries(memfs_test PRIVATE spin_fs)
spin_unit_test(tar_apply_test tar_apply_test.c)
target_link_libraries(tar_apply_test PRIVATE spin_fs)
