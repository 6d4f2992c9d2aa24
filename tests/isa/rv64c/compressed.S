/* Every RV64C instruction via explicit c.* mnemonics: C.ADDI4SPN C.FLD C.LW C.LD C.FSD
 * C.SW C.SD C.NOP C.ADDI C.ADDIW C.LI C.ADDI16SP C.LUI C.SRLI C.SRAI C.ANDI C.SUB C.XOR
 * C.OR C.AND C.SUBW C.ADDW C.J C.BEQZ C.BNEZ C.SLLI C.FLDSP C.LWSP C.LDSP C.JR C.MV
 * C.EBREAK C.JALR C.ADD C.FSDSP C.SWSP C.SDSP — immediate ranges and sign extension,
 * link = pc+2 for C.JALR, 32-bit instructions at 2-byte aligned addresses. */
#include "isa_trap.h"
TEST_BEGIN
    .option rvc
    TRAP_INIT
    addi sp, sp, -512
    andi sp, sp, -16
    /* C.ADDI4SPN */
    TEST_CASE(2, a0, 16, c.addi4spn a0, sp, 16; sub a0, a0, sp)
    TEST_CASE(3, s1, 1020, c.addi4spn s1, sp, 1020; sub s1, s1, sp)
    TEST_CASE(4, a5, 4, c.addi4spn a5, sp, 4; sub a5, a5, sp)
    /* C.LW / C.LD / C.SW / C.SD / C.FLD / C.FSD with x8..x15 */
    TEST_CASE(5, a0, 0xffffffff80000001, la a1, d; c.lw a0, 0(a1))
    TEST_CASE(6, a0, 0x7ffffffe, la a1, d; c.lw a0, 4(a1))
    TEST_CASE(7, s0, 0x7ffffffe80000001, la a1, d; c.ld s0, 0(a1))
    TEST_CASE(8, a0, 0x1122334455667788, la a1, d; c.ld a0, 248(a1))
    TEST_CASE(9, a0, 0xffffffff99aabbcc, la a1, d; c.lw a0, 124(a1))
    TEST_CASE(10, a2, 0x0000000012345678, la a1, buf; sd x0, 0(a1); li a0, 0xabcdef0012345678; c.sw a0, 0(a1); ld a2, 0(a1))
    TEST_CASE(11, a2, 0xabcdef0012345678, la a1, buf; c.sd a0, 120(a1); ld a2, 120(a1))
    TEST_CASE(12, a2, 0x12345678, la a1, buf; c.sw a0, 124(a1); lwu a2, 124(a1))
    TEST_CASE(13, a0, 0x400921fb54442d18, la a1, dd; c.fld fa0, 8(a1); fmv.x.d a0, fa0)
    TEST_CASE(14, a0, 0x400921fb54442d18, la a1, buf; c.fsd fa0, 248(a1); ld a0, 248(a1))
    /* C.NOP, C.ADDI, C.ADDIW, C.LI */
    TEST_CASE(15, a0, 7, li a0, 7; c.nop)
    TEST_CASE(16, a0, 38, li a0, 7; c.addi a0, 31)
    TEST_CASE(17, a0, -25, li a0, 7; c.addi a0, -32)
    TEST_CASE(18, t0, 0x100000000, li t0, 0xffffffff; c.addi t0, 1)
    TEST_CASE(19, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
    TEST_CASE(20, a0, 0xffffffff80000000, li a0, 0x1280000000; c.addiw a0, 0)   /* sext.w */
    TEST_CASE(21, t1, 0x7fffffe0, li t1, 0x80000000; c.addiw t1, -32)
    TEST_CASE(22, a0, 31, c.li a0, 31)
    TEST_CASE(23, a0, -32, c.li a0, -32)
    TEST_CASE(24, ra, -1, c.li ra, -1)
    /* C.ADDI16SP */
    TEST_CASE(25, a0, 496, mv a2, sp; c.addi16sp sp, 496; sub a0, sp, a2; mv sp, a2)
    TEST_CASE(26, a0, -512, mv a2, sp; c.addi16sp sp, -512; sub a0, sp, a2; mv sp, a2)
    TEST_CASE(27, a0, 16, mv a2, sp; c.addi16sp sp, 16; sub a0, sp, a2; mv sp, a2)
    /* C.LUI: nzimm sign-extended from bit 17 */
    TEST_CASE(28, a0, 0x1000, c.lui a0, 1)
    TEST_CASE(29, a0, 0x1f000, c.lui a0, 0x1f)
    TEST_CASE(30, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
    TEST_CASE(31, t2, 0xfffffffffffff000, c.lui t2, 0xfffff)
    /* C.SRLI C.SRAI C.ANDI C.SLLI */
    TEST_CASE(32, a0, 1, li a0, 0x8000000000000000; c.srli a0, 63)
    TEST_CASE(33, a0, 0x0000000080000000, li a0, 0x8000000000000000; c.srli a0, 32)
    TEST_CASE(34, a0, 0x4000000000000000, li a0, 0x8000000000000000; c.srli a0, 1)
    TEST_CASE(35, a0, -1, li a0, 0x8000000000000000; c.srai a0, 63)
    TEST_CASE(36, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
    TEST_CASE(37, a0, 0x0000000123456780, li a0, 0x0000123456780000; c.srai a0, 12)
    TEST_CASE(38, a0, 0x1f, li a0, 0x12345f; c.andi a0, 31)
    TEST_CASE(39, a0, 0x1234560, li a0, 0x123456f; c.andi a0, -32)
    TEST_CASE(40, a0, 0, li a0, 0x123456f; c.andi a0, 0)
    TEST_CASE(41, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
    TEST_CASE(42, t3, 0x0000001234000000, li t3, 0x1234; c.slli t3, 24)
    TEST_CASE(43, a0, 0xfffffffe, li a0, 0x7fffffff; c.slli a0, 1)
    /* C.SUB C.XOR C.OR C.AND C.SUBW C.ADDW */
    TEST_CASE(44, a0, -1, li a0, 1; li a1, 2; c.sub a0, a1)
    TEST_CASE(45, a0, 0xff00ff00ff00ff00, li a0, 0x0f0f0f0f0f0f0f0f; li a1, 0xf00ff00ff00ff00f; c.xor a0, a1)
    TEST_CASE(46, s1, 0xff0fff0fff0fff0f, li s1, 0x0f0f0f0f0f0f0f0f; li a1, 0xf00ff00ff00ff00f; c.or s1, a1)
    TEST_CASE(47, a0, 0x000f000f000f000f, li a0, 0x0f0f0f0f0f0f0f0f; li a5, 0xf00ff00ff00ff00f; c.and a0, a5)
    TEST_CASE(48, a0, 0x7fffffff, li a0, 0x80000000; li a1, 1; c.subw a0, a1)
    TEST_CASE(49, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 0x1200000001; c.addw a0, a1)
    TEST_CASE(50, a0, -1, li a0, 0; li a1, 1; c.subw a0, a1)
    /* C.J C.BEQZ C.BNEZ */
    TEST_CASE(51, a0, 1, li a0, 0; c.j 1f; li a0, 99; 1: addi a0, a0, 1)
    TEST_CASE(52, a0, 2, li a0, 0; c.j 2f; 1: addi a0, a0, 1; c.j 3f; 2: addi a0, a0, 1; c.j 1b; 3:)
    TEST_CASE(53, a0, 1, li a0, 0; li a1, 0; c.beqz a1, 1f; c.j 2f; 1: li a0, 1; 2:)
    TEST_CASE(54, a0, 0, li a0, 0; li a1, 5; c.beqz a1, 1f; c.j 2f; 1: li a0, 1; 2:)
    TEST_CASE(55, a0, 1, li a0, 0; li a1, 0x100000000; c.bnez a1, 1f; c.j 2f; 1: li a0, 1; 2:)
    TEST_CASE(56, a0, 0, li a0, 0; li a1, 0; c.bnez a1, 1f; c.j 2f; 1: li a0, 1; 2:)
    TEST_CASE(57, a0, 4, li a0, 0; li a1, 4; 1: addi a0, a0, 1; addi a1, a1, -1; c.bnez a1, 1b)
    TEST_CASE(58, a0, 1, li a0, 0; li a1, -1; c.j 2f; 1: li a0, 1; c.j 3f; 2: c.bnez a1, 1b; 3:)
    /* SP-relative: C.SWSP C.SDSP C.LWSP C.LDSP C.FSDSP C.FLDSP */
    TEST_CASE(59, a0, 0xffffffff87654321, li a1, 0x87654321; c.swsp a1, 0(sp); c.lwsp a0, 0(sp))
    TEST_CASE(60, a0, 0x87654321, lwu a0, 0(sp))
    TEST_CASE(61, t4, 0x7edcba9876543210, li a1, 0x7edcba9876543210; c.sdsp a1, 504(sp); c.ldsp t4, 504(sp))
    TEST_CASE(62, a0, 0x7edcba9876543210, ld a0, 504(sp))
    TEST_CASE(63, a0, 0x12345678, li a1, 0x12345678; c.swsp a1, 252(sp); c.lwsp a0, 252(sp))
    TEST_CASE(64, a0, 0x400921fb54442d18, la a1, dd; fld ft3, 8(a1); c.fsdsp ft3, 128(sp); c.fldsp ft9, 128(sp); fmv.x.d a0, ft9)
    TEST_CASE(65, a0, 0x400921fb54442d18, ld a0, 128(sp))
    /* C.JR C.JALR C.MV C.ADD */
    TEST_CASE(66, a0, 1, li a0, 0; la t0, 1f; c.jr t0; j fail; 1: li a0, 1)
    TEST_CASE(67, a0, 2, la a1, 1f; 2: c.jalr a1; j fail; 1: la a2, 2b; sub a0, ra, a2)
    TEST_CASE(68, a0, 2, la ra, 1f; 2: c.jalr ra; j fail; 1: la a2, 2b; sub a0, ra, a2)  /* rs1 == ra */
    TEST_CASE(69, s2, 0x123456789, li t1, 0x123456789; c.mv s2, t1)
    TEST_CASE(70, a0, 0x8000000000000001, li a0, 0x7fffffffffffffff; li t2, 2; c.add a0, t2)
    /* C.EBREAK: cause 3, mepc = its address */
    TEST_TRAP_TVAL(72, 3, 0, 1: c.ebreak; j fail)
    TEST_CASE(73, s11, 0, la a1, 1b; sub s11, s11, a1)
    /* 32-bit instructions at 2-mod-4 addresses, jumps to 2-aligned targets */
    TEST_CASE(74, a0, 3, .balign 4; li a0, 0; c.nop; addi a0, a0, 1; addi a0, a0, 1; c.addi a0, 1)
    TEST_CASE(75, a0, 1, .balign 4; li a0, 0; la a1, 1f; jalr a1; j fail; c.nop; 1: li a0, 1)
    TEST_CASE(76, a0, 0, .balign 4; c.nop; la a1, 1f; andi a1, a1, 3; li a2, 2; 1: sub a0, a1, a2)
    /* a 32-bit instruction whose halves straddle a page boundary */
    TEST_CASE(77, a0, 0x55, li a0, 0; la a1, straddle; jalr a1; addi a0, a0, 0)
TEST_END_TRAP
    .balign 4096
    .skip 4096 - 4
straddle:
    c.nop
    .option norvc
    addi a0, x0, 0x55
    ret
    .data
    .align 4
d:  .word 0x80000001, 0x7ffffffe
    .skip 116
    .word 0x99aabbcc
    .skip 120
    .dword 0x1122334455667788
dd: .dword 0, 0x400921fb54442d18
    .align 4
buf: .skip 256
