/* Sv39 permission checks with cause and stval = VA: read-only, execute-only (MXR makes
 * it readable), V=0, the reserved W-without-R encodings, a non-leaf PTE at the last
 * level; U pages from S (faults without SUM, loads/stores fine with SUM, fetch always
 * faults), S pages from U (loads, stores, fetches fault); AMOs need W; reserved PTE
 * bits 54..63 (no Svnapot/Svpbmt) and A/D/U set in a non-leaf PTE fault (as in QEMU
 * 7.2); a store failing its permission check leaves A clear; page faults
 * delegated to S through medeleg reach stvec with scause/stval. */
#include "vm.h"
#define CODE(page, imm) la a1, page; li a2, (((imm) << 20) | 0x513); sw a2, 0x20(a1); li a2, 0x8067; sw a2, 0x24(a1)
TEST_BEGIN
    .option norvc
    TRAP_INIT
    STRAP_INIT
    VM_SETUP_SV39
    SET_PTE(l0, 0, vpage0, PTE_LEAF | PTE_R | PTE_W)
    SET_PTE(l0, 1, vpage1, PTE_LEAF | PTE_R)
    SET_PTE(l0, 2, vpage2, PTE_LEAF | PTE_X)
    SET_PTE(l0, 3, vpage3, PTE_A | PTE_D | PTE_RWX)          /* V = 0 */
    SET_PTE(l0, 4, vpage4, PTE_LEAF | PTE_W)                 /* reserved */
    SET_PTE(l0, 5, vpage5, PTE_LEAF | PTE_R | PTE_W | PTE_U)
    SET_PTE(l0, 6, vpage6, PTE_LEAF | PTE_R | PTE_X | PTE_U)
    SET_PTE(l0, 7, vpage7, PTE_LEAF | PTE_RWX)
    SET_PTE(l0, 8, vpage0, PTE_V)                            /* pointer at level 0 */
    SET_PTE(l0, 9, vpage4, PTE_LEAF | PTE_W | PTE_X)         /* reserved */
    SET_PTE(l0, 10, vpage1, PTE_LEAF | PTE_R | (1 << 54))   /* reserved bit 54 */
    SET_PTE(l0, 11, vpage1, PTE_LEAF | PTE_R | (1 << 63))   /* N without Svnapot */
    SET_PTE(l0, 12, vpage1, PTE_LEAF | PTE_R | (1 << 61))   /* PBMT without Svpbmt */
    SET_PTE(l0, 13, vpage1, PTE_V | PTE_R)                  /* read-only, A = 0 */
    SET_PTE(l1, 5, l0, PTE_V | PTE_A | PTE_D)               /* non-leaf with A/D: VA 0xa00000 */
    SET_PTE(l1, 6, l0, PTE_V | PTE_U)                       /* non-leaf with U: VA 0xc00000 */
    CODE(vpage6, 0x66)
    CODE(vpage7, 0x55)
    CODE(vpage2, 0x22)
    fence.i
    SET_SATP(root_s, SATP_MODE_SV39)
    GOTO_MODE(PRV_S)
    /* read-only */
    TEST_CASE(2, a0, VPAGE_MAGIC(1), li a1, VA_TEST(1); ld a0, 0(a1))
    TEST_TRAP_TVAL(3, 15, VA_TEST(1) + 8, li a1, VA_TEST(1); sd a0, 8(a1))
    TEST_TRAP_TVAL(4, 15, VA_TEST(1), li a1, VA_TEST(1); amoadd.d a0, a0, (a1))
    TEST_TRAP_TVAL(5, 15, VA_TEST(1) + 1, li a1, VA_TEST(1); sb a0, 1(a1))
    TEST_TRAP(6, 12, li a1, VA_TEST(1) + 0x20; jalr a1)
    /* execute-only */
    TEST_CASE(7, a0, 0x22, li a1, VA_TEST(2) + 0x20; jalr a1)
    TEST_TRAP_TVAL(8, 13, VA_TEST(2), li a1, VA_TEST(2); ld a0, 0(a1))
    TEST_TRAP_TVAL(9, 13, VA_TEST(2), li a1, VA_TEST(2); lr.d a0, (a1))
    li a1, MSTATUS_MXR
    csrs sstatus, a1
    TEST_CASE(10, a0, VPAGE_MAGIC(2), li a1, VA_TEST(2); ld a0, 0(a1))
    TEST_TRAP_TVAL(11, 15, VA_TEST(2), li a1, VA_TEST(2); sd a0, 0(a1))
    li a1, MSTATUS_MXR
    csrc sstatus, a1
    TEST_TRAP_TVAL(12, 13, VA_TEST(2) + 16, li a1, VA_TEST(2); ld a0, 16(a1))
    /* V = 0 */
    TEST_TRAP_TVAL(13, 13, VA_TEST(3), li a1, VA_TEST(3); ld a0, 0(a1))
    TEST_TRAP_TVAL(14, 15, VA_TEST(3) + 0x100, li a1, VA_TEST(3); sd a0, 0x100(a1))
    TEST_TRAP_TVAL(15, 12, VA_TEST(3) + 0x20, li a1, VA_TEST(3) + 0x20; jalr a1)
    /* W without R: reserved */
    TEST_TRAP_TVAL(16, 13, VA_TEST(4), li a1, VA_TEST(4); ld a0, 0(a1))
    TEST_TRAP_TVAL(17, 15, VA_TEST(4), li a1, VA_TEST(4); sd a0, 0(a1))
    TEST_TRAP_TVAL(18, 15, VA_TEST(9), li a1, VA_TEST(9); sd a0, 0(a1))
    TEST_TRAP_TVAL(19, 12, VA_TEST(9) + 0x20, li a1, VA_TEST(9) + 0x20; jalr a1)
    /* non-leaf at level 0 */
    TEST_TRAP_TVAL(20, 13, VA_TEST(8), li a1, VA_TEST(8); ld a0, 0(a1))
    /* U page from S */
    TEST_TRAP_TVAL(21, 13, VA_TEST(5), li a1, VA_TEST(5); ld a0, 0(a1))
    TEST_TRAP_TVAL(22, 15, VA_TEST(5), li a1, VA_TEST(5); sd a0, 0(a1))
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    TEST_CASE(23, a0, VPAGE_MAGIC(5), li a1, VA_TEST(5); ld a0, 0(a1))
    TEST_CASE(24, a0, 0x55aa, li a1, VA_TEST(5); li a2, 0x55aa; sd a2, 8(a1); ld a0, 8(a1))
    TEST_TRAP_TVAL(25, 12, VA_TEST(6) + 0x20, li a1, VA_TEST(6) + 0x20; jalr a1)
    li a1, MSTATUS_SUM
    csrc sstatus, a1
    TEST_TRAP_TVAL(26, 12, VA_TEST(6) + 0x20, li a1, VA_TEST(6) + 0x20; jalr a1)
    /* MXR alone does not open U pages to S */
    li a1, MSTATUS_MXR
    csrs sstatus, a1
    TEST_TRAP_TVAL(27, 13, VA_TEST(6), li a1, VA_TEST(6); ld a0, 0(a1))
    li a1, MSTATUS_MXR
    csrc sstatus, a1
    /* reserved PTE bits, and A/D/U in a non-leaf PTE (QEMU 7.2 faults on those) */
    TEST_TRAP_TVAL(50, 13, VA_TEST(10), li a1, VA_TEST(10); ld a0, 0(a1))
    TEST_TRAP_TVAL(51, 13, VA_TEST(11), li a1, VA_TEST(11); ld a0, 0(a1))
    TEST_TRAP_TVAL(52, 13, VA_TEST(12), li a1, VA_TEST(12); ld a0, 0(a1))
    TEST_TRAP_TVAL(53, 13, 0xa00000, li a1, 0xa00000; ld a0, 0(a1))
    TEST_TRAP_TVAL(54, 13, 0xc00000, li a1, 0xc00000; ld a0, 0(a1))
    /* a store that faults on permissions does not set A */
    TEST_TRAP_TVAL(55, 15, VA_TEST(13), li a1, VA_TEST(13); sd a0, 0(a1))
    TEST_CASE(56, a0, 0, GET_PTE(a0, l0, 13); andi a0, a0, PTE_A | PTE_D)
    /* delegated page faults */
    TO_M
    li a1, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, a1
    GOTO_MODE(PRV_S)
    TEST_TRAP_TVAL(28, 13, VA_TEST(3) + 8, li a1, VA_TEST(3); ld a0, 8(a1))
    TEST_TRAP_TVAL(29, 15, VA_TEST(1), li a1, VA_TEST(1); sd a0, 0(a1))
    TEST_TRAP_TVAL(30, 12, VA_TEST(0), li a1, VA_TEST(0); jalr a1)
    TEST_CASE(31, a0, 12, csrr a0, scause)
    TEST_CASE(32, s11, VA_TEST(0), )
    TO_M
    csrw medeleg, zero
    /* U-mode under root_u */
    SET_SATP(root_u, SATP_MODE_SV39)
    GOTO_MODE(PRV_U)
    TEST_CASE(40, a0, VPAGE_MAGIC(5), li a1, VA_TEST(5); ld a0, 0(a1))
    TEST_CASE(41, a0, 0x77aa, li a1, VA_TEST(5); li a2, 0x77aa; sd a2, 16(a1); ld a0, 16(a1))
    TEST_CASE(42, a0, 0x66, li a1, VA_TEST(6) + 0x20; jalr a1)
    TEST_TRAP_TVAL(43, 15, VA_TEST(6), li a1, VA_TEST(6); sd a0, 0(a1))
    TEST_TRAP_TVAL(44, 13, VA_TEST(0), li a1, VA_TEST(0); ld a0, 0(a1))
    TEST_TRAP_TVAL(45, 15, VA_TEST(0) + 8, li a1, VA_TEST(0); sd a0, 8(a1))
    TEST_TRAP_TVAL(46, 12, VA_TEST(7) + 0x20, li a1, VA_TEST(7) + 0x20; jalr a1)
    TEST_CASE(47, a0, 0x77aa, li a1, VA_TEST(5) + 16; li a2, 5; amoswap.d a0, a2, (a1))
    TEST_TRAP_TVAL(48, 15, VA_TEST(6), li a1, VA_TEST(6); amoadd.w a0, a0, (a1))
    TO_M
    csrw satp, zero
    sfence.vma
    TEST_CASE(49, a0, 5, la a1, vpage5; ld a0, 16(a1))
TEST_END_TRAP
VM_DATA
