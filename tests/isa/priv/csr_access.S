/* CSR and system-instruction privilege checks: S-mode touching M CSRs and U-mode
 * touching S/M CSRs is illegal (cause 2, mtval = the instruction bits); mstatus.TVM
 * makes satp and SFENCE.VMA illegal in S (not in M); TW makes WFI illegal in S (WFI in
 * U is always illegal here); TSR makes SRET illegal in S (not in M); SFENCE.VMA is
 * illegal in U. */
#include "isa_trap.h"
#define ILL(num, insn, code...) TEST_TRAP_TVAL(num, 2, insn, code)
TEST_BEGIN
    .option norvc
    TRAP_INIT
    csrw mie, zero
    GOTO_MODE(PRV_S)
    ILL(2, 0x30002573, csrr a0, mstatus)
    ILL(3, 0x34002573, csrr a0, mscratch)
    ILL(4, 0x30551073, csrw mtvec, a0)
    ILL(5, 0xf1402573, csrr a0, mhartid)
    ILL(6, 0x30202573, csrr a0, medeleg)
    TEST_NO_TRAP(7, csrr a0, sstatus; csrr a0, satp; csrr a0, sscratch; csrw sscratch, a0; sfence.vma)
    TEST_TRAP(8, 9, ecall)
    TO_M
    GOTO_MODE(PRV_U)
    ILL(10, 0x10002573, csrr a0, sstatus)
    ILL(11, 0x18002573, csrr a0, satp)
    ILL(12, 0x14002573, csrr a0, sscratch)
    ILL(13, 0x30002573, csrr a0, mstatus)
    ILL(14, 0x12000073, sfence.vma)
    ILL(15, 0x10500073, wfi)
    ILL(16, 0x10200073, sret)
    TEST_TRAP(17, 8, ecall)
    TO_M
    /* TVM */
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    TEST_NO_TRAP(20, csrr a0, satp; csrw satp, zero; sfence.vma)
    GOTO_MODE(PRV_S)
    ILL(21, 0x18002573, csrr a0, satp)
    ILL(22, 0x18001073, csrw satp, zero)
    ILL(23, 0x12000073, sfence.vma)
    ILL(24, 0x12b50073, sfence.vma a0, a1)
    TEST_NO_TRAP(25, csrr a0, sstatus)
    TO_M
    li a1, MSTATUS_TVM
    csrc mstatus, a1
    /* TW: wfi returns at once when an interrupt is pending and locally enabled; with
       SSIP delegated and sstatus.SIE = 0 it is not taken in S */
    li a1, (1 << 1)
    csrw mideleg, a1
    csrw mie, a1
    csrw mip, a1
    li a1, MSTATUS_TW
    csrs mstatus, a1
    TEST_NO_TRAP(30, wfi)                    /* M: TW does not apply */
    GOTO_MODE(PRV_S)
    ILL(31, 0x10500073, wfi)
    TO_M
    li a1, MSTATUS_TW
    csrc mstatus, a1
    GOTO_MODE(PRV_S)
    TEST_NO_TRAP(32, wfi)
    TO_M
    csrw mip, zero
    csrw mie, zero
    csrw mideleg, zero
    /* TSR */
    li a1, MSTATUS_TSR
    csrs mstatus, a1
    GOTO_MODE(PRV_S)
    ILL(40, 0x10200073, sret)
    TO_M
    /* sret in M with TSR set is fine: go to S through it */
    li a1, MSTATUS_SPP
    csrs mstatus, a1
    TEST_TRAP(41, 9, la a1, 1f; csrw sepc, a1; sret; 1: ecall)
    TO_M
    li a1, MSTATUS_TSR
    csrc mstatus, a1
TEST_END_TRAP
