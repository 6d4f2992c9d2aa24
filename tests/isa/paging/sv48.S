/* Sv48 translation: four-level walk for 4 KiB pages (S and U), 2 MiB, 1 GiB and 512 GiB
 * superpages, misaligned 1 GiB / 512 GiB superpages (page fault), a mapping in the
 * upper half (VA 0xffff8000_00200000), non-canonical VAs (bits 63:48 != bit 47) and
 * unmapped VAs fault with stval = VA; A/D set by hardware on the 512 GiB leaf. */
#include "vm.h"
#define HI 0xffff800000000000
TEST_BEGIN
    .option norvc
    TRAP_INIT
    VM_SETUP_SV48
    SET_PTE(l0, 0, vpage0, PTE_LEAF | PTE_R | PTE_W)
    SET_PTE(l0, 1, vpage1, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE_PA(l1, 2, 0x80200000, PTE_LEAF | PTE_R | PTE_W)           /* VA 0x400000: 2 MiB */
    SET_PTE_PA(l2, 3, 0x80000000, PTE_LEAF | PTE_R)                   /* VA 0xc0000000: 1 GiB */
    SET_PTE_PA(l2, 4, 0x80200000, PTE_LEAF | PTE_R)                   /* misaligned 1 GiB */
    SET_PTE_PA(root_s, 1, 0x0, PTE_V | PTE_R | PTE_W)                 /* VA 0x8000000000: 512 GiB, A=D=0 */
    SET_PTE_PA(root_s, 2, 0x80000000, PTE_LEAF | PTE_R)               /* misaligned 512 GiB */
    SET_PTE(root_s, 256, l2, PTE_V)                                   /* upper half */
    li a1, 0x80200000
    li a2, 0x0123456776543210
    sd a2, 0x40(a1)
    SET_SATP(root_s, SATP_MODE_SV48)
    TEST_CASE(2, a0, 9, csrr a0, satp; srli a0, a0, 60)
    GOTO_MODE(PRV_S)
    TEST_CASE(3, a0, VPAGE_MAGIC(0), li a1, VA_TEST(0); ld a0, 0(a1))
    TEST_CASE(4, a0, 0x4848, li a1, VA_TEST(0); li a2, 0x4848; sd a2, 8(a1); ld a0, 8(a1))
    TEST_CASE(5, a0, 0x0123456776543210, li a1, 0x400000; ld a0, 0x40(a1))
    TEST_CASE(6, a0, VPAGE_MAGIC(3), la a1, vpage3; li a2, 0x40000000; add a1, a1, a2; ld a0, 0(a1))
    TEST_TRAP_TVAL(7, 13, 0x100000000, li a1, 0x100000000; ld a0, 0(a1))
    TEST_CASE(8, a0, VPAGE_MAGIC(5), la a1, vpage5; li a2, 0x8000000000; add a1, a1, a2; ld a0, 0(a1))
    TEST_CASE(9, a0, 0x5151, la a1, vpage5; li a2, 0x8000000000; add a1, a1, a2; li a3, 0x5151; sd a3, 8(a1); ld a0, 8(a1))
    TEST_TRAP_TVAL(10, 13, 0x10000000000, li a1, 0x10000000000; ld a0, 0(a1))
    TEST_TRAP_TVAL(11, 15, 0x10000000008, li a1, 0x10000000000; sd a0, 8(a1))
    TEST_CASE(12, a0, VPAGE_MAGIC(0), li a1, HI + VA_TEST(0); ld a0, 0(a1))
    TEST_TRAP_TVAL(13, 13, 0x800000000000, li a1, 0x800000000000; ld a0, 0(a1))     /* bit 47 set, 63:48 clear */
    TEST_TRAP_TVAL(14, 13, 0x7fff00000000ff00 , li a1, 0x7fff00000000ff00; ld a0, 0(a1))
    TEST_TRAP_TVAL(15, 13, 0x18000000000, li a1, 0x18000000000; ld a0, 0(a1))       /* unmapped root entry 3 */
    TEST_TRAP_TVAL(16, 13, HI + 0x40000000, li a1, HI + 0x40000000; ld a0, 0(a1))   /* unmapped in the upper half */
    TEST_TRAP_TVAL(17, 13, VA_TEST(1), li a1, VA_TEST(1); ld a0, 0(a1))             /* U page */
    TO_M
    TEST_CASE(18, a0, PTE_A | PTE_D, GET_PTE(a0, root_s, 1); andi a0, a0, PTE_A | PTE_D)
    TEST_CASE(19, a0, 0x5151, la a1, vpage5; ld a0, 8(a1))
    SET_SATP(root_u, SATP_MODE_SV48)
    GOTO_MODE(PRV_U)
    TEST_CASE(20, a0, VPAGE_MAGIC(1), li a1, VA_TEST(1); ld a0, 0(a1))
    TEST_TRAP_TVAL(21, 13, VA_TEST(0), li a1, VA_TEST(0); ld a0, 0(a1))
    TO_M
    csrw satp, zero
    sfence.vma
TEST_END_TRAP
VM_DATA
