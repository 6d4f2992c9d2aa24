/* Misaligned loads and stores under Sv39 in S- and U-mode: they are carried out (no
 * trap) within a page and across two pages that map to non-adjacent frames; one that
 * crosses into an unmapped or read-only page raises the page fault with stval = the
 * first address of the part that faulted, i.e. the start of the second page (QEMU 7.2).
 * A faulting misaligned store writes nothing (QEMU 7.2 and spin-emu agree). */
#include "vm.h"
TEST_BEGIN
    .option norvc
    TRAP_INIT
    VM_SETUP_SV39
    SET_PTE(l0, 0, vpage2, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE(l0, 1, vpage6, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE(l0, 3, vpage4, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE(l0, 4, vpage5, PTE_LEAF | PTE_R | PTE_U)
    /* end of vpage2: 8 bytes 0x11..0x18 at 4088; vpage6 starts with its magic */
    la a1, vpage2
    li t0, 4088
    add a1, a1, t0
    li a2, 0x1817161514131211
    sd a2, 0(a1)
    la a1, vpage4
    li t0, 4088
    add a1, a1, t0
    sd a2, 0(a1)
    SET_SATP(root_s, SATP_MODE_SV39)
    li a1, MSTATUS_SUM
    csrs mstatus, a1
    GOTO_MODE(PRV_S)
    TEST_CASE(2, a0, 0x15141312, li a1, VA_TEST(0) + 4089; lw a0, 0(a1))
    TEST_CASE(3, a0, 0x0000181716151413, li a1, VA_TEST(0) + 4090; ld a0, 0(a1); slli a0, a0, 16; srli a0, a0, 16)
    /* crossing into vpage6 (magic 0x5a5a000000006666) */
    TEST_CASE(4, a0, 0x6666181716151413 , li a1, VA_TEST(0) + 4090; ld a0, 0(a1))
    TEST_CASE(5, a0, 0x6618, li a1, VA_TEST(0) + 4095; lhu a0, 0(a1))
    TEST_CASE(6, a0, 0xaabbccdd, li a1, VA_TEST(0) + 4094; li a2, 0xaabbccdd; sw a2, 0(a1); lwu a0, 0(a1))
    TEST_CASE(7, a0, 0xaabb, li a1, VA_TEST(1); lhu a0, 0(a1))
    TEST_TRAP_TVAL(8, 13, VA_TEST(2), li a1, VA_TEST(1) + 4092; ld a0, 0(a1))
    TEST_TRAP_TVAL(9, 15, VA_TEST(4), li a1, VA_TEST(3) + 4092; li a0, -1; sd a0, 0(a1))
    TEST_CASE(13, a0, 0x1817161514131211, li a1, VA_TEST(3) + 4088; ld a0, 0(a1))   /* nothing written */
    TO_M
    SET_SATP(root_u, SATP_MODE_SV39)
    GOTO_MODE(PRV_U)
    TEST_CASE(10, a0, 0xaabbccdd16151413, li a1, VA_TEST(0) + 4090; ld a0, 0(a1))
    TEST_CASE(11, a0, 0x1817161514131211 >> 8, li a1, VA_TEST(3) + 4089; ld a0, 0(a1); slli a0, a0, 8; srli a0, a0, 8)
    TO_M
    li a1, MSTATUS_SUM
    csrc mstatus, a1
    csrw satp, zero
    sfence.vma
    TEST_CASE(12, a0, 0xccdd, la a1, vpage2; li t0, 4094; add a1, a1, t0; lhu a0, 0(a1))
TEST_END_TRAP
VM_DATA
