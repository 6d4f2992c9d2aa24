/* Reserved RV64C encodings raise illegal instruction (cause 2) with mtval = the 16
 * instruction bits (QEMU 7.2 behaviour): the all-zero halfword, C.ADDI4SPN with
 * nzuimm=0, C.LWSP/C.LDSP with rd=0, C.JR with rs1=0, C.ADDI16SP with imm=0, C.LUI with
 * imm=0, C.ADDIW with rd=0, the reserved quadrant-0 funct3=100 slot and the reserved
 * C.SUBW/C.ADDW siblings. HINT encodings (rd=x0 forms of C.ADDI/C.LI/C.LUI/C.MV/C.ADD/
 * C.SLLI) execute as no-ops. */
#include "isa_trap.h"
#define ILL(num, bits) TEST_TRAP_TVAL(num, 2, bits, .half bits)
TEST_BEGIN
    .option rvc
    TRAP_INIT
    ILL(2, 0x0000)
    ILL(3, 0x0004)      /* c.addi4spn x9, sp, 0 */
    ILL(4, 0x001c)      /* c.addi4spn x15, sp, 0 */
    ILL(5, 0x4002)      /* c.lwsp x0, 0(sp) */
    ILL(6, 0x5012)      /* c.lwsp x0, 36(sp) */
    ILL(7, 0x6002)      /* c.ldsp x0, 0(sp) */
    ILL(8, 0x8002)      /* c.jr x0 */
    ILL(9, 0x6101)      /* c.addi16sp sp, 0 */
    ILL(10, 0x6501)     /* c.lui a0, 0 */
    ILL(11, 0x6081)     /* c.lui ra, 0 */
    ILL(12, 0x2005)     /* c.addiw x0, 1 */
    ILL(13, 0x2001)     /* c.addiw x0, 0 */
    ILL(14, 0x8000)     /* quadrant 0, funct3 = 100 */
    ILL(15, 0x9c41)     /* funct6 100111, funct2 10 */
    ILL(16, 0x9c61)     /* funct6 100111, funct2 11 */
    /* the registers these would have written are untouched */
    TEST_CASE(17, a0, 0x77, li a0, 0x77; la t5, 1f; .half 0x6501; 1:)
    /* HINTs: no trap, no effect */
    TEST_NO_TRAP(20, .half 0x0005)      /* c.addi x0, 1 */
    TEST_NO_TRAP(21, .half 0x4015)      /* c.li x0, 5 */
    TEST_NO_TRAP(22, .half 0x6005)      /* c.lui x0, 1 */
    TEST_NO_TRAP(23, .half 0x802a)      /* c.mv x0, a0 */
    TEST_NO_TRAP(24, .half 0x902a)      /* c.add x0, a0 */
    TEST_NO_TRAP(25, .half 0x0006)      /* c.slli x0, 1 */
    TEST_NO_TRAP(26, .half 0x0001)      /* c.nop */
    TEST_CASE(27, x0, 0, .half 0x4015)
TEST_END_TRAP
