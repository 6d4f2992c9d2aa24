# The guest's network stack (src/net) with a fake host: what the guest sees, and a
# hostile guest's frames (under ASan + UBSan in the native-asan preset).
spin_unit_test(net_stack_test "${CMAKE_CURRENT_LIST_DIR}/net_stack_test.c")
target_link_libraries(net_stack_test PRIVATE spin_net)
