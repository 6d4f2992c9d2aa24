/* Counters: mcycle and minstret advance, are writable and stop while inhibited in
 * mcountinhibit; cycle/instret are readable
 * in M; in S they need mcounteren.CY/IR, in U both mcounteren and scounteren bits;
 * otherwise the read is illegal (cause 2, mtval = instruction bits). */
#include "isa_trap.h"
#define ILL(num, insn, code...) TEST_TRAP_TVAL(num, 2, insn, code)
TEST_BEGIN
    .option norvc
    TRAP_INIT
    TEST_CASE(2, a0, 1, csrr a1, mcycle; nop; nop; nop; csrr a2, mcycle; sltu a0, a1, a2)
    TEST_CASE(3, a0, 1, csrr a1, minstret; nop; nop; nop; csrr a2, minstret; sltu a0, a1, a2)
    TEST_CASE(4, a0, 1, csrr a1, cycle; nop; csrr a2, cycle; sltu a0, a1, a2)
    TEST_CASE(5, a0, 1, csrr a1, instret; nop; csrr a2, instret; sltu a0, a1, a2)
    /* writes: the counter continues from the written value */
    TEST_CASE(6, a0, 0, li a1, 0x1000000000; csrw minstret, a1; csrr a2, minstret; sub a2, a2, a1; srli a0, a2, 32)
    TEST_CASE(7, a0, 0, li a1, 0x2000000000; csrw mcycle, a1; csrr a2, mcycle; sub a2, a2, a1; srli a0, a2, 32)
    TEST_CASE(8, a0, 0x20, csrr a2, mcycle; srli a0, a2, 32)
    /* mcountinhibit: CY (bit 0) and IR (bit 2) stop mcycle / minstret */
    TEST_CASE(40, a0, 0, li a1, 5; csrw mcountinhibit, a1; csrr a1, mcycle; nop; nop; nop; csrr a2, mcycle; sub a0, a2, a1)
    TEST_CASE(41, a0, 0, csrr a1, minstret; nop; nop; nop; csrr a2, minstret; sub a0, a2, a1)
    TEST_CASE(42, a0, 5, csrr a0, mcountinhibit; andi a0, a0, 5)
    TEST_CASE(43, a0, 1, li a1, 1; csrw mcountinhibit, a1; csrr a1, minstret; nop; nop; csrr a2, minstret; sltu a0, a1, a2)
    TEST_CASE(44, a0, 0, csrr a1, mcycle; nop; nop; csrr a2, mcycle; sub a0, a2, a1)
    TEST_CASE(45, a0, 1, csrw mcountinhibit, zero; csrr a1, mcycle; nop; nop; csrr a2, mcycle; sltu a0, a1, a2)
    /* gating */
    csrw mcounteren, zero
    csrw scounteren, zero
    GOTO_MODE(PRV_S)
    ILL(10, 0xc0002573, csrr a0, cycle)
    ILL(11, 0xc0202573, csrr a0, instret)
    TO_M
    li a1, 1
    csrw mcounteren, a1                      /* CY only */
    GOTO_MODE(PRV_S)
    TEST_NO_TRAP(12, csrr a0, cycle)
    ILL(13, 0xc0202573, csrr a0, instret)
    TO_M
    GOTO_MODE(PRV_U)
    ILL(14, 0xc0002573, csrr a0, cycle)
    TO_M
    li a1, 5
    csrw mcounteren, a1                      /* CY, IR */
    csrw scounteren, a1
    GOTO_MODE(PRV_U)
    TEST_NO_TRAP(15, csrr a0, cycle; csrr a0, instret)
    TO_M
    li a1, 4
    csrw scounteren, a1                      /* U: IR only */
    GOTO_MODE(PRV_U)
    ILL(16, 0xc0002573, csrr a0, cycle)
    TEST_NO_TRAP(17, csrr a0, instret)
    TO_M
    li a1, 1
    csrw mcounteren, a1                      /* scounteren.IR set but mcounteren.IR clear */
    GOTO_MODE(PRV_U)
    ILL(18, 0xc0202573, csrr a0, instret)
    TO_M
    GOTO_MODE(PRV_S)
    TEST_NO_TRAP(19, csrr a0, scounteren; li a1, 1; csrw scounteren, a1)
    TO_M
    GOTO_MODE(PRV_U)
    TEST_NO_TRAP(20, csrr a0, cycle)
    TO_M
TEST_END_TRAP
