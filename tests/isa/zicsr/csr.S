/* Zicsr: CSRRW CSRRS CSRRC CSRRWI CSRRSI CSRRCI on mscratch (old value to rd, new value
 * written; immediates zero-extended 5-bit; rd == rs1), rs1 = x0 / uimm = 0 means no
 * write for CSRRS/CSRRC(I) so reading a read-only CSR that way is legal, while a
 * write to a read-only CSR is illegal (cause 2, mtval = instruction bits, rd unchanged).
 * (CSRRS/CSRRC with rs1 != x0 holding 0 is not tested: the spec calls it a write, QEMU
 * 7.2 treats it as a read.)
 * unimplemented CSR numbers are illegal; mhartid = 0 on this single hart. */
#include "isa_trap.h"
#define ILL(num, insn, code...) TEST_TRAP_TVAL(num, 2, insn, code)
TEST_BEGIN
    .option norvc
    TRAP_INIT
    TEST_CASE(2, a0, 0x1234, li a1, 0x1234; csrw mscratch, a1; csrr a0, mscratch)
    TEST_CASE(3, a0, 0x1234, li a1, -1; csrrw a0, mscratch, a1)
    TEST_CASE(4, a0, -1, csrr a0, mscratch)
    TEST_CASE(5, a0, -1, li a1, 0xff; csrrc a0, mscratch, a1)
    TEST_CASE(6, a0, 0xffffffffffffff00, csrr a0, mscratch)
    TEST_CASE(7, a0, 0xffffffffffffff00, li a1, 0x0f; csrrs a0, mscratch, a1)
    TEST_CASE(8, a0, 0xffffffffffffff0f, csrr a0, mscratch)
    TEST_CASE(9, a0, 0xffffffffffffff0f, csrrwi a0, mscratch, 31)
    TEST_CASE(10, a0, 31, csrr a0, mscratch)
    TEST_CASE(11, a0, 31, csrrci a0, mscratch, 0x15)
    TEST_CASE(12, a0, 0x0a, csrrsi a0, mscratch, 0x10)
    TEST_CASE(13, a0, 0x1a, csrrsi a0, mscratch, 0)       /* read only */
    TEST_CASE(14, a0, 0x1a, csrrci a0, mscratch, 0)
    TEST_CASE(15, a0, 0x1a, csrrs a0, mscratch, x0)
    TEST_CASE(16, a0, 0x1a, csrrc a0, mscratch, x0)
    /* rd == rs1: old value returned, value of rs1 before the instruction written */
    TEST_CASE(17, a1, 0x1a, li a1, 0x500; csrrw a1, mscratch, a1)
    TEST_CASE(18, a0, 0x500, csrr a0, mscratch)
    TEST_CASE(19, a1, 0x500, li a1, 0x0ff; csrrs a1, mscratch, a1)
    TEST_CASE(20, a0, 0x5ff, csrr a0, mscratch)
    TEST_CASE(21, a1, 0x5ff, li a1, 0x00f; csrrc a1, mscratch, a1)
    TEST_CASE(22, a0, 0x5f0, csrr a0, mscratch)
    /* rd = x0 still writes */
    TEST_CASE(23, a0, 0x777, li a1, 0x777; csrrw x0, mscratch, a1; csrr a0, mscratch)
    TEST_CASE(24, a0, 0, csrwi mscratch, 0; csrr a0, mscratch)
    /* read-only CSRs: reads legal */
    TEST_NO_TRAP(25, csrr a0, mhartid; csrr a1, mvendorid; csrr a2, marchid; csrr a3, mimpid)
    TEST_CASE(26, a0, 0, csrr a0, mhartid)
    TEST_NO_TRAP(27, csrrs a0, mhartid, x0; csrrc a0, mhartid, x0; csrrsi a0, mhartid, 0; csrrci a0, mvendorid, 0)
    TEST_NO_TRAP(28, csrr a0, cycle; csrr a0, instret)
    /* writes to read-only CSRs: illegal */
    ILL(30, 0xf1401073, csrrw x0, mhartid, x0)
    ILL(31, 0xf1101073, csrw mvendorid, zero)
    ILL(32, 0xf14fe573, csrrsi a0, mhartid, 31)
    ILL(33, 0xf140f573, csrrci a0, mhartid, 1)
    ILL(34, 0xf1405573, csrrwi a0, mhartid, 0)
    ILL(35, 0xc0059573, li a1, 0; csrrw a0, cycle, a1)
    ILL(36, 0xc025a573, li a1, 1; csrrs a0, instret, a1)
    ILL(37, 0xf125b573, li a1, 4; csrrc a0, marchid, a1)
    TEST_CASE(38, a0, 0x99, li a0, 0x99; la t5, 1f; csrrw a0, mhartid, a0; 1:)
    /* unimplemented CSR numbers */
    ILL(39, 0x80002573, csrr a0, 0x800)
    ILL(40, 0x7ff02573, csrr a0, 0x7ff)
TEST_END_TRAP
