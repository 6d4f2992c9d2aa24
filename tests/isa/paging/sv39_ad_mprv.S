/* Sv39 A/D bits, SFENCE.VMA and MPRV. QEMU 7.2 updates A and D in hardware, and so
 * must spin-emu: a load sets A (not D), a store sets A and D, a fetch sets A, also for
 * superpage leaves. A PTE changed by S-mode takes effect after SFENCE.VMA (global and
 * by address). With MPRV = 1, M-mode loads/stores translate with MPP's privilege (and
 * SUM/MXR), MPP = M means no translation. satp ignores writes with a reserved MODE. */
#include "vm.h"
#define CODE(page, imm) la a1, page; li a2, (((imm) << 20) | 0x513); sw a2, 0x20(a1); li a2, 0x8067; sw a2, 0x24(a1)
#define PTE_BITS(reg, table, idx) GET_PTE(reg, table, idx); andi reg, reg, PTE_A | PTE_D
#define MPRV_AS(prv) li a3, MSTATUS_MPP; csrc mstatus, a3; li a3, MSTATUS_MPRV | ((prv) << 11); csrs mstatus, a3
#define MPRV_OFF li a3, MSTATUS_MPRV; csrc mstatus, a3
TEST_BEGIN
    .option norvc
    TRAP_INIT
    VM_SETUP_SV39
    SET_PTE(l0, 0, vpage0, PTE_V | PTE_R | PTE_W)
    SET_PTE(l0, 1, vpage1, PTE_V | PTE_R | PTE_W | PTE_A)
    SET_PTE(l0, 2, vpage2, PTE_V | PTE_R | PTE_X)
    SET_PTE(l0, 7, vpage7, PTE_V | PTE_R | PTE_W)
    SET_PTE_PA(l1, 2, 0x80200000, PTE_V | PTE_R | PTE_W)      /* 2 MiB, A = D = 0 */
    CODE(vpage2, 0x42)
    fence.i
    SET_SATP(root_s, SATP_MODE_SV39)
    GOTO_MODE(PRV_S)
    TEST_CASE(2, a0, VPAGE_MAGIC(0), li a1, VA_TEST(0); ld a0, 0(a1))
    TEST_CASE(3, a0, PTE_A, PTE_BITS(a0, l0, 0))
    TEST_CASE(4, a0, 0x99, li a1, VA_TEST(0); li a2, 0x99; sd a2, 8(a1); ld a0, 8(a1))
    TEST_CASE(5, a0, PTE_A | PTE_D, PTE_BITS(a0, l0, 0))
    TEST_CASE(6, a0, PTE_A, PTE_BITS(a0, l0, 1))
    TEST_CASE(7, a0, PTE_A | PTE_D, li a1, VA_TEST(1); sw zero, 8(a1); PTE_BITS(a0, l0, 1))
    TEST_CASE(8, a0, 0, PTE_BITS(a0, l0, 2))
    TEST_CASE(9, a0, 0x42, li a1, VA_TEST(2) + 0x20; jalr a1)
    TEST_CASE(10, a0, PTE_A, PTE_BITS(a0, l0, 2))
    TEST_CASE(11, a0, PTE_A | PTE_D, li a1, VA_TEST(7); amoadd.d zero, zero, (a1); PTE_BITS(a0, l0, 7))
    TEST_CASE(12, a0, PTE_A, li a1, 0x400000; ld a0, 0(a1); PTE_BITS(a0, l1, 2))
    TEST_CASE(13, a0, PTE_A | PTE_D, li a1, 0x400000; sd a0, 0(a1); PTE_BITS(a0, l1, 2))
    /* sfence.vma after S-mode edits a PTE */
    TEST_CASE(20, a0, VPAGE_MAGIC(0), li a1, VA_TEST(3); SET_PTE(l0, 3, vpage0, PTE_LEAF | PTE_R); sfence.vma; ld a0, 0(a1))
    TEST_CASE(21, a0, VPAGE_MAGIC(4), li a1, VA_TEST(3); SET_PTE(l0, 3, vpage4, PTE_LEAF | PTE_R); sfence.vma; ld a0, 0(a1))
    TEST_CASE(22, a0, VPAGE_MAGIC(5), li a1, VA_TEST(3); SET_PTE(l0, 3, vpage5, PTE_LEAF | PTE_R); li a1, VA_TEST(3); sfence.vma a1; ld a0, 0(a1))
    TEST_CASE(23, a0, VPAGE_MAGIC(6), li a1, VA_TEST(3); SET_PTE(l0, 3, vpage6, PTE_LEAF | PTE_R); sfence.vma x0, x0; li a1, VA_TEST(3); ld a0, 0(a1))
    TEST_TRAP_TVAL(24, 13, VA_TEST(3), SET_PTE(l0, 3, vpage6, 0); sfence.vma; li a1, VA_TEST(3); ld a0, 0(a1))
    TEST_CASE(25, a0, VPAGE_MAGIC(6), SET_PTE(l0, 3, vpage6, PTE_LEAF | PTE_R); li a1, VA_TEST(3); sfence.vma a1, zero; ld a0, 0(a1))
    TO_M
    /* MPRV */
    SET_PTE(l0, 4, vpage4, PTE_LEAF | PTE_R | PTE_W)
    SET_PTE(l0, 5, vpage5, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE(l0, 6, vpage6, PTE_LEAF | PTE_X)
    sfence.vma
    TEST_CASE(30, a0, VPAGE_MAGIC(4), li a1, VA_TEST(4); MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF)
    TEST_CASE(31, a0, 0x31, li a1, VA_TEST(4); li a2, 0x31; MPRV_AS(PRV_S); sd a2, 8(a1); MPRV_OFF; la a1, vpage4; ld a0, 8(a1))
    TEST_TRAP_TVAL(32, 13, VA_TEST(5), li a1, VA_TEST(5); MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF)
    MPRV_OFF
    TEST_CASE(33, a0, VPAGE_MAGIC(5), li a1, VA_TEST(5); li a3, MSTATUS_SUM; csrs mstatus, a3; MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF; li a3, MSTATUS_SUM; csrc mstatus, a3)
    TEST_CASE(34, a0, VPAGE_MAGIC(5), li a1, VA_TEST(5); MPRV_AS(PRV_U); ld a0, 0(a1); MPRV_OFF)
    TEST_TRAP_TVAL(35, 15, VA_TEST(4) + 8, li a1, VA_TEST(4); MPRV_AS(PRV_U); sd a0, 8(a1); MPRV_OFF)
    MPRV_OFF
    TEST_TRAP_TVAL(36, 13, VA_TEST(6), li a1, VA_TEST(6); MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF)
    MPRV_OFF
    TEST_CASE(37, a0, VPAGE_MAGIC(6), li a1, VA_TEST(6); li a3, MSTATUS_MXR; csrs mstatus, a3; MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF; li a3, MSTATUS_MXR; csrc mstatus, a3)
    TEST_CASE(38, a0, VPAGE_MAGIC(7), la a1, vpage7; MPRV_AS(PRV_M); ld a0, 0(a1); MPRV_OFF)
    /* without MPRV, M-mode is untranslated even with satp set */
    TEST_CASE(39, a0, VPAGE_MAGIC(1), la a1, vpage1; ld a0, 0(a1))
    /* satp: reserved modes are ignored */
    TEST_CASE(40, a0, 8, csrr a0, satp; srli a0, a0, 60)
    TEST_CASE(41, a0, 0, csrr a2, satp; li a1, 1 << 60; csrw satp, a1; csrr a3, satp; sub a0, a3, a2)
    TEST_CASE(42, a0, 0, csrr a2, satp; li a1, 7 << 60; csrw satp, a1; csrr a3, satp; sub a0, a3, a2)
    TEST_CASE(43, a0, 0, csrr a2, satp; li a1, 15 << 60; csrw satp, a1; csrr a3, satp; sub a0, a3, a2)
    TEST_CASE(44, a0, 0, csrr a2, satp; li a1, (12 << 60) | 0x80000; csrw satp, a1; csrr a3, satp; sub a0, a3, a2)
    TEST_CASE(45, a0, 0, csrw satp, zero; csrr a0, satp)
    TEST_CASE(46, a0, 9, li a1, SATP_SV48; csrw satp, a1; csrr a0, satp; srli a0, a0, 60; csrw satp, zero)
TEST_END_TRAP
VM_DATA
