/* Machine information and status views: misa (MXL = 64, I M A F D C S U present),
 * mhartid = 0; sstatus is a restricted view of mstatus (S fields visible and writable,
 * M fields invisible and untouched); sie/sip are mie/mip masked by mideleg; SSIP is
 * the only sip bit S-mode can write. */
#include "isa_trap.h"
#define EXT(c) (1 << ((c) - 'A'))
#define SMASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define MMASK (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
TEST_BEGIN
    .option norvc
    TRAP_INIT
    csrw mie, zero
    csrw mideleg, zero
    TEST_CASE(2, a0, 2, csrr a0, misa; srli a0, a0, 62)
    TEST_CASE(3, a0, EXT('I') | EXT('M') | EXT('A') | EXT('F') | EXT('D') | EXT('C') | EXT('S') | EXT('U'), csrr a1, misa; li a2, EXT('I') | EXT('M') | EXT('A') | EXT('F') | EXT('D') | EXT('C') | EXT('S') | EXT('U'); and a0, a1, a2)
    TEST_CASE(4, a0, 0, csrr a1, misa; andi a0, a1, EXT('E'))
    TEST_CASE(5, a0, 0, csrr a0, mhartid)
    TEST_CASE(6, a0, 2, csrr a0, mstatus; srli a0, a0, 32; andi a0, a0, 3)    /* UXL */
    TEST_CASE(7, a0, 2, csrr a0, mstatus; srli a0, a0, 34; andi a0, a0, 3)    /* SXL */
    TEST_CASE(8, a0, 2, csrr a0, sstatus; srli a0, a0, 32; andi a0, a0, 3)    /* UXL in sstatus */
    /* mstatus -> sstatus */
    li a1, SMASK | MMASK
    csrc mstatus, a1
    TEST_CASE(9, a0, MSTATUS_SIE | MSTATUS_SUM, li a1, MSTATUS_SIE | MSTATUS_SUM; csrs mstatus, a1; csrr a2, sstatus; li a1, SMASK; and a0, a2, a1)
    TEST_CASE(10, a0, 0, li a1, MSTATUS_MIE | MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a1; csrr a2, sstatus; and a0, a2, a1)
    li a1, SMASK | MMASK
    csrc mstatus, a1
    /* sstatus -> mstatus: S fields set, M fields untouched */
    TEST_CASE(11, a0, SMASK, li a1, -1; csrs sstatus, a1; csrr a2, mstatus; li a1, SMASK; and a0, a2, a1)
    TEST_CASE(12, a0, 0, csrr a2, mstatus; li a1, MMASK; and a0, a2, a1)
    TEST_CASE(13, a0, 0, li a1, SMASK; csrc sstatus, a1; csrr a2, mstatus; and a0, a2, a1)
    TEST_CASE(14, a0, MSTATUS_MPP, li a1, MSTATUS_MPP; csrs mstatus, a1; li a1, -1; csrw sstatus, a1; csrr a2, mstatus; li a1, MSTATUS_MPP; and a0, a2, a1)
    li a1, SMASK | MMASK
    csrc mstatus, a1
    /* sie: mie masked by mideleg */
    li a1, 0x222
    csrw mie, a1
    TEST_CASE(20, a0, 0, csrr a2, sie; andi a0, a2, 0x222)
    TEST_CASE(21, a0, 0x222, li a1, 0x222; csrw mideleg, a1; csrr a2, sie; andi a0, a2, 0x222)
    TEST_CASE(22, a0, 0, csrw sie, zero; csrr a2, mie; andi a0, a2, 0x222)
    TEST_CASE(23, a0, 0x002, li a1, 0x002; csrw mideleg, a1; li a1, 0x222; csrw sie, a1; csrr a2, mie; andi a0, a2, 0x222)
    TEST_CASE(24, a0, 0x888, li a1, 0x888; csrw mie, a1; csrr a2, mie; li a1, 0x888; and a0, a2, a1)   /* M bits: not visible in sie */
    TEST_CASE(25, a0, 0, csrr a2, sie; li a1, 0x888; and a0, a2, a1)
    csrw mie, zero
    /* sip: mip masked by mideleg */
    li a1, 0x222
    csrs mip, a1
    TEST_CASE(30, a0, 0x002, csrr a2, sip; andi a0, a2, 0x222)           /* mideleg = SSI */
    TEST_CASE(31, a0, 0x222, li a1, 0x222; csrw mideleg, a1; csrr a2, sip; andi a0, a2, 0x222)
    TEST_CASE(32, a0, 0, csrw mideleg, zero; csrr a2, sip; andi a0, a2, 0x222)
    csrw mip, zero
    li a1, 0x222
    csrw mideleg, a1
    /* from S: SSIP writable through sip, STIP/SEIP are not */
    GOTO_MODE(PRV_S)
    TEST_CASE(33, a0, 0x002, li a1, 0x222; csrs sip, a1; csrr a2, sip; andi a0, a2, 0x222)
    TEST_CASE(34, a0, 0, csrci sip, 2; csrr a2, sip; andi a0, a2, 0x222)
    TO_M
    TEST_CASE(35, a0, 0, csrr a2, mip; andi a0, a2, 0x222)
    csrw mideleg, zero
TEST_END_TRAP
