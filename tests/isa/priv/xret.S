/* MRET and SRET: MIE <- MPIE, MPIE <- 1, MPP <- U, privilege <- old MPP; SIE <- SPIE,
 * SPIE <- 1, SPP <- U, privilege <- old SPP; SRET is legal in M-mode; traps delegated to S record SPP / SPIE / SIE; mret in S and
 * sret/mret in U are illegal. (Priv 1.12's "xRET to a mode below M clears MPRV" is not
 * tested: QEMU 7.2 leaves MPRV set.) */
#include "isa_trap.h"
#define FIELD(reg, mask) li a1, mask; and a0, reg, a1
TEST_BEGIN
    .option norvc
    TRAP_INIT
    STRAP_INIT
    csrw mie, zero
    /* mret M -> M: MPIE=0, MIE=1 -> MIE=0, MPIE=1, MPP=U */
    TEST_CASE(2, a0, MSTATUS_MPIE, li a1, MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a1; li a1, MSTATUS_MPIE; csrc mstatus, a1; csrsi mstatus, MSTATUS_MIE; la a1, 1f; csrw mepc, a1; mret; 1: csrr a2, mstatus; FIELD(a2, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE))
    /* MPIE=1, MIE=0 -> MIE=1 */
    TEST_CASE(3, a0, MSTATUS_MPIE | MSTATUS_MIE, li a1, MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a1; csrci mstatus, MSTATUS_MIE; la a1, 1f; csrw mepc, a1; mret; 1: csrr a2, mstatus; FIELD(a2, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE))
    csrci mstatus, MSTATUS_MIE
    GOTO_MODE(PRV_U)
    TEST_TRAP(4, 8, ecall)
    TO_M
    /* sret from M-mode to S: SIE <- SPIE, SPIE <- 1, SPP <- U */
    TEST_CASE(6, a0, MSTATUS_SPIE | MSTATUS_SIE, li a1, MSTATUS_SPP | MSTATUS_SPIE; csrs mstatus, a1; csrci mstatus, MSTATUS_SIE; la a1, 1f; csrw sepc, a1; sret; 1: csrr a2, sstatus; FIELD(a2, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE))
    TEST_TRAP(7, 9, ecall)                   /* now in S */
    /* sret S -> U with SPIE=0: SIE=0 */
    TEST_CASE(8, a0, 0, li a0, 0; li a1, MSTATUS_SPP | MSTATUS_SPIE; csrc sstatus, a1; la a1, 1f; csrw sepc, a1; sret; 1:)
    TEST_TRAP(9, 8, ecall)                   /* now in U */
    TO_M
    TEST_CASE(10, a0, MSTATUS_SPIE, csrr a2, mstatus; FIELD(a2, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE))
    /* traps delegated to S: breakpoint from S with SIE=1 -> SPP=1, SPIE=1, SIE=0 */
    li a1, (1 << 3)
    csrw medeleg, a1
    GOTO_MODE(PRV_S)
    csrsi sstatus, MSTATUS_SIE
    TEST_TRAP(12, 3, ebreak)
    TEST_CASE(13, a0, MSTATUS_SPP | MSTATUS_SPIE, FIELD(s8, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE))
    TEST_CASE(14, a0, MSTATUS_SIE, csrr a2, sstatus; FIELD(a2, MSTATUS_SPP | MSTATUS_SIE))  /* sret restored, SPP=U */
    csrci sstatus, MSTATUS_SIE
    TEST_TRAP(15, 3, ebreak)
    TEST_CASE(16, a0, MSTATUS_SPP, FIELD(s8, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE))
    /* from U: SPP=0 */
    li a1, MSTATUS_SPP
    csrc sstatus, a1
    la a1, 1f
    csrw sepc, a1
    sret
1:  TEST_TRAP(17, 3, ebreak)
    TEST_CASE(18, a0, 0, FIELD(s8, MSTATUS_SPP))
    /* mret/sret in U are illegal, mret in S is illegal */
    TEST_TRAP_TVAL(19, 2, 0x30200073, mret)
    TEST_TRAP_TVAL(20, 2, 0x10200073, sret)
    TO_M
    csrw medeleg, zero
    GOTO_MODE(PRV_S)
    TEST_TRAP_TVAL(21, 2, 0x30200073, mret)
    TEST_TRAP(22, 9, ecall)
    TO_M
TEST_END_TRAP
