/* Paging-test helpers (included by tests/isa/paging/*.S; not a test itself).
 *
 * Layout built at run time (page tables are 4 KiB-aligned arrays in .bss):
 *   root_s / root_u   top-level tables; entry for VA 0x80000000.. (the program, HTIF,
 *                     page tables, stack) is an identity leaf RWX-AD, without U in
 *                     root_s, with U in root_u: S-mode tests run under root_s, U-mode
 *                     tests under root_u, so code runs at VA == PA and the M-mode
 *                     handler's resume addresses (t5) work in every mode.
 *   Sv39: root[0] -> l1, l1[1] -> l0: VA 0x200000 + i*0x1000 = l0[i], the test pages.
 *   Sv48: root[0] -> l2, l2[0] -> l1, then as Sv39 (the same VAs).
 * vpage<i> (i = 0..7) are 4 KiB data pages whose first dword is VPAGE_MAGIC(i).
 */
#include "isa_trap.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_RWX (PTE_R | PTE_W | PTE_X)
#define PTE_LEAF (PTE_V | PTE_A | PTE_D)

#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)
#define SATP_MODE_SV39 8
#define SATP_MODE_SV48 9

#define VA_TEST(i) (0x200000 + (i) * 0x1000)
#define VPAGE_MAGIC(i) (0x5a5a000000000000 + (i) * 0x1111)

/* table[idx] = PTE pointing at symbol `sym` with `flags` (uses t0, t1, t2) */
#define SET_PTE(table, idx, sym, flags)                   \
    la t0, sym; srli t0, t0, 12; slli t0, t0, 10;         \
    li t1, flags; or t0, t0, t1;                          \
    la t1, table; li t2, (idx) * 8; add t1, t1, t2; sd t0, 0(t1)
/* table[idx] = PTE pointing at physical address `pa` (a constant) */
#define SET_PTE_PA(table, idx, pa, flags)                 \
    li t0, ((((pa) >> 12) << 10) | (flags));              \
    la t1, table; li t2, (idx) * 8; add t1, t1, t2; sd t0, 0(t1)
/* reg = table[idx] */
#define GET_PTE(reg, table, idx)                          \
    la t1, table; li t2, (idx) * 8; add t1, t1, t2; ld reg, 0(t1)
/* satp = mode | PPN(root); sfence.vma */
#define SET_SATP(root, mode)                              \
    la t0, root; srli t0, t0, 12; li t1, (mode) << 60;    \
    or t0, t0, t1; csrw satp, t0; sfence.vma

/* Common Sv39 skeleton: identity gigapage for 0x80000000 in both roots, l1/l0 chain
 * for the test pages (l0 left empty). */
#define VM_SETUP_SV39                                     \
    SET_PTE_PA(root_s, 2, 0x80000000, PTE_LEAF | PTE_RWX);          \
    SET_PTE_PA(root_u, 2, 0x80000000, PTE_LEAF | PTE_RWX | PTE_U);  \
    SET_PTE(root_s, 0, l1, PTE_V);                        \
    SET_PTE(root_u, 0, l1, PTE_V);                        \
    SET_PTE(l1, 1, l0, PTE_V)

#define VM_SETUP_SV48                                     \
    SET_PTE_PA(l2, 2, 0x80000000, PTE_LEAF | PTE_RWX);    \
    SET_PTE_PA(l2u, 2, 0x80000000, PTE_LEAF | PTE_RWX | PTE_U); \
    SET_PTE(l2, 0, l1, PTE_V);                            \
    SET_PTE(l2u, 0, l1, PTE_V);                           \
    SET_PTE(root_s, 0, l2, PTE_V);                        \
    SET_PTE(root_u, 0, l2u, PTE_V);                       \
    SET_PTE(l1, 1, l0, PTE_V)

/* Page tables and data pages (put VM_DATA after TEST_END_TRAP). */
#define VPAGE(i) .balign 4096; vpage##i: .dword VPAGE_MAGIC(i); .skip 4096 - 8
#define VM_DATA                                           \
    .bss;                                                 \
    .balign 4096;                                         \
root_s: .skip 4096; root_u: .skip 4096;                   \
l2: .skip 4096; l2u: .skip 4096;                          \
l1: .skip 4096; l0: .skip 4096;                           \
    .data;                                                \
    VPAGE(0); VPAGE(1); VPAGE(2); VPAGE(3);               \
    VPAGE(4); VPAGE(5); VPAGE(6); VPAGE(7);               \
    .text
