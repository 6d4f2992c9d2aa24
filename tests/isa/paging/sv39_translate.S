/* Sv39 translation from S-mode: 4 KiB pages (loads, stores, aliases of one frame,
 * offsets within the page), 2 MiB and 1 GiB superpages, misaligned superpages
 * (page fault, stval = VA), non-canonical VAs (page fault), code fetched from a
 * mapped page, fetch from a non-executable page (cause 12, mepc = stval = VA), and a
 * 32-bit instruction straddling into an unmapped page (mepc = its start, stval = the
 * start of the unmapped page, as QEMU 7.2 reports). */
#include "vm.h"
#define SP2M_PA 0x80200000
TEST_BEGIN
    .option norvc
    TRAP_INIT
    VM_SETUP_SV39
    SET_PTE(l0, 0, vpage0, PTE_LEAF | PTE_R | PTE_W)
    SET_PTE(l0, 1, vpage1, PTE_LEAF | PTE_R)
    SET_PTE(l0, 2, vpage2, PTE_LEAF | PTE_R | PTE_X)
    SET_PTE(l0, 3, vpage0, PTE_LEAF | PTE_R | PTE_W)
    SET_PTE(l0, 4, vpage4, PTE_LEAF | PTE_R | PTE_X)
    SET_PTE_PA(l1, 2, SP2M_PA, PTE_LEAF | PTE_R | PTE_W)           /* VA 0x400000: 2 MiB */
    SET_PTE_PA(l1, 3, SP2M_PA + 0x1000, PTE_LEAF | PTE_R | PTE_W)  /* misaligned 2 MiB */
    SET_PTE_PA(root_s, 3, 0x80000000, PTE_LEAF | PTE_R)            /* VA 0xc0000000: 1 GiB */
    SET_PTE_PA(root_s, 4, SP2M_PA, PTE_LEAF | PTE_R)               /* misaligned 1 GiB */
    /* data in the 2 MiB region */
    li a1, SP2M_PA
    li a2, 0x2222333344445555
    sd a2, 0x238(a1)
    li a3, SP2M_PA + 0x1ff000
    li a2, 0x6666777788889999
    sd a2, 8(a3)
    /* code in vpage2 at +0x10: li a0, 0x77; ret */
    la a1, vpage2
    li a2, 0x07700513
    sw a2, 0x10(a1)
    li a2, 0x00008067
    sw a2, 0x14(a1)
    /* code straddling vpage4 -> (unmapped) VA_TEST(5): c.nop at -4 ... */
    la a1, vpage4
    li a2, 0x0001           /* c.nop */
    li t0, 4092
    add a1, a1, t0
    sh a2, 0(a1)
    li a2, 0x0513           /* low half of addi a0, x0, 0 */
    sh a2, 2(a1)
    fence.i
    SET_SATP(root_s, SATP_MODE_SV39)
    GOTO_MODE(PRV_S)
    TEST_CASE(2, a0, VPAGE_MAGIC(0), li a1, VA_TEST(0); ld a0, 0(a1))
    TEST_CASE(3, a0, VPAGE_MAGIC(1), li a1, VA_TEST(1); ld a0, 0(a1))
    TEST_CASE(4, a0, 0, li a1, VA_TEST(1); ld a0, 8(a1))
    TEST_CASE(5, a0, 0x1234, li a1, VA_TEST(0); li a2, 0x1234; sd a2, 16(a1); ld a0, 16(a1))
    TEST_CASE(6, a0, 0xabcd, li a1, VA_TEST(0) + 4000; li a2, 0xabcd; sw a2, 24(a1); li a1, VA_TEST(3) + 4024; lwu a0, 0(a1))
    TEST_CASE(7, a0, 0x5a, li a1, VA_TEST(0); lb a0, 7(a1))
    TEST_CASE(8, a0, 0x2222333344445555, li a1, 0x400000; ld a0, 0x238(a1))
    TEST_CASE(9, a0, 0x6666777788889999, li a1, 0x5ff000; ld a0, 8(a1))
    TEST_CASE(10, a0, VPAGE_MAGIC(2), la a1, vpage2; li a2, 0x40000000; add a1, a1, a2; ld a0, 0(a1))
    TEST_TRAP_TVAL(11, 13, 0x600000, li a1, 0x600000; ld a0, 0(a1))
    TEST_TRAP_TVAL(12, 15, 0x600010, li a1, 0x600000; sd a0, 16(a1))
    TEST_TRAP_TVAL(13, 13, 0x100000008, li a1, 0x100000000; ld a0, 8(a1))
    TEST_TRAP_TVAL(14, 13, 0x4000000000, li a1, 0x4000000000; ld a0, 0(a1))      /* bit 38 set, 63:39 clear */
    TEST_TRAP_TVAL(15, 15, 0xffffff0000000000, li a1, 0xffffff0000000000; sd a0, 0(a1))
    TEST_TRAP_TVAL(16, 13, 0x8000000000200000, li a1, 0x8000000000200000; ld a0, 0(a1))
    /* execute from a mapped page and return */
    TEST_CASE(17, a0, 0x77, li a0, 0; li a1, VA_TEST(2) + 0x10; jalr a1)
    /* fetch from a page without X */
    TEST_TRAP_TVAL(18, 12, VA_TEST(0) + 8, li a1, VA_TEST(0) + 8; jalr a1)
    TEST_CASE(19, s11, VA_TEST(0) + 8, )
    /* fetch from an unmapped page */
    TEST_TRAP_TVAL(20, 12, VA_TEST(6), li a1, VA_TEST(6); jalr a1)
    /* straddling instruction */
    TEST_TRAP_TVAL(21, 12, VA_TEST(5), li a1, VA_TEST(4) + 4092; jalr a1)
    TEST_CASE(22, s11, VA_TEST(4) + 4094, )
    /* the superpage alias of vpage0 reads what was stored through VA_TEST(0) */
    TEST_CASE(23, a0, 0x1234, la a1, vpage0; li a2, 0x40000000; add a1, a1, a2; ld a0, 16(a1))
    TO_M
    csrw satp, zero
    sfence.vma
    TEST_CASE(24, a0, 0x1234, la a1, vpage0; ld a0, 16(a1))
TEST_END_TRAP
VM_DATA
