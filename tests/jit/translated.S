/* Code that the hart's translator to wasm (emulator/riscv/jit.h) must run exactly as the
 * interpreter does: hot loops with loads, stores and M operations; a load and a store
 * that fault in the middle of a translated loop; code patched and run again (its
 * translation must go); a loop across a page boundary with a 32-bit instruction
 * straddling it; a timer interrupt arriving in a translated loop.
 *
 * It checks the results it can know (exit status = failing case, like the ISA suite) and
 * prints what depends on the machine (instructions retired, where the interrupt hit),
 * which tests/jit/compare.sh compares between `--jit off` and translated runs. */
#include "isa_trap.h"

#define CHECK(num, reg, expect) li TESTNUM, num; li t6, expect; bne reg, t6, fail
/* Prints "name value" (value in hex) on the console. */
#define REPORT(name, reg)      \
    mv a1, reg;                \
    la a0, .Lname_##name;      \
    call report;               \
    .pushsection .rodata;      \
.Lname_##name: .asciz #name " "; \
    .popsection

#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME 0x200bff8
#define UNMAPPED 0xf0000000

TEST_BEGIN
    addi sp, sp, -16
    sd ra, 8(sp)
    TRAP_INIT

    /* 1. A hot loop: stores, loads, multiply and divide; sum of i*i/i for i = 200..1. */
    csrr s1, minstret
    la s2, buf
    li s3, 200
    li s4, 0
1:  andi t0, s3, 63
    slli t0, t0, 3
    add t0, s2, t0
    sd s3, 0(t0)
    ld t1, 0(t0)
    mul t2, t1, t1
    divu t2, t2, s3
    lw t3, 4(t0)
    add s4, s4, t2
    addw s4, s4, t3
    sh s3, 2(t0)
    lhu t3, 2(t0)
    sub t3, t3, s3
    add s4, s4, t3
    addi s3, s3, -1
    bnez s3, 1b
    csrr s5, minstret
    sub s5, s5, s1
    CHECK(2, s4, 20100)
    REPORT(loop_instret, s5)

    /* 2. A load that faults on the 60th iteration of a translated loop: the trap sees
     * the loop's registers as they were, mepc at the load, mtval its address. */
    csrr s1, minstret
    li s2, 0
    li s3, 100
    la s6, buf
    li s7, 60
    la t5, 2f
    li s9, -1
1:  addi s2, s2, 1
    mv t0, s6
    bne s2, s7, 3f
    li t0, UNMAPPED
3:  ld t1, 0(t0)
    addi s3, s3, -1
    bnez s3, 1b
2:  csrr s5, minstret
    sub s5, s5, s1
    CHECK(3, s9, 5)
    li t0, UNMAPPED
    CHECK(4, s10, UNMAPPED)
    la t0, 3b
    sub s11, s11, t0
    CHECK(5, s11, 0)
    CHECK(6, s2, 60)
    CHECK(7, s3, 41)
    REPORT(load_fault_instret, s5)

    /* 3. The same with a store (store access fault, cause 7). */
    csrr s1, minstret
    li s2, 0
    li s3, 100
    li s7, 30
    la t5, 2f
    li s9, -1
1:  addi s2, s2, 1
    mv t0, s6
    bne s2, s7, 3f
    li t0, UNMAPPED + 8
3:  sd s2, 0(t0)
    addi s3, s3, -1
    bnez s3, 1b
2:  csrr s5, minstret
    sub s5, s5, s1
    CHECK(8, s9, 7)
    CHECK(9, s10, UNMAPPED + 8)
    CHECK(10, s2, 30)
    ld t0, 0(s6)
    CHECK(11, t0, 29)
    REPORT(store_fault_instret, s5)

    /* 4. Code patched between calls: codebuf is `addi a0, a0, i & 15; ret`, rewritten
     * (and fenced) on every one of 100 iterations; sum 6 * 120 + 0+1+2+3 = 726. */
    csrr s1, minstret
    la s2, codebuf
    li s3, 0
    li s4, 0
1:  andi t0, s3, 15
    slli t0, t0, 20
    li t1, 0x00050513          /* addi a0, a0, 0 */
    or t1, t1, t0
    sw t1, 0(s2)
    li t1, 0x00008067          /* ret */
    sw t1, 4(s2)
    fence.i
    mv a0, s4
    jalr s2
    mv s4, a0
    addi s3, s3, 1
    li t0, 100
    blt s3, t0, 1b
    csrr s5, minstret
    sub s5, s5, s1
    CHECK(12, s4, 726)
    REPORT(patched_instret, s5)

    /* 5. A loop whose body crosses a page boundary, a 32-bit instruction straddling it. */
    csrr s1, minstret
    li s2, 0
    li s3, 50
    la t0, cross_loop
    jalr t0
    csrr s5, minstret
    sub s5, s5, s1
    CHECK(13, s2, 400)
    CHECK(14, s3, 0)
    REPORT(cross_page_instret, s5)

    /* 6. A timer interrupt during a long translated loop: where it hits (pc, count)
     * must not depend on translation. */
    la t0, timer_handler
    csrw mtvec, t0
    li s9, -1
    li s10, 0
    li t0, CLINT_MTIME
    ld t1, 0(t0)
    addi t1, t1, 777           /* ticks: 7770 instructions from now */
    li t0, CLINT_MTIMECMP
    sd t1, 0(t0)
    csrr s1, minstret
    li t0, 0x80                /* mie.MTIE */
    csrs mie, t0
    csrsi mstatus, 8           /* mstatus.MIE */
    li s2, 0
    li s3, 5000
1:  addi s2, s2, 7
    xor s2, s2, s3
    addi s3, s3, -1
    bnez s3, 1b
    csrci mstatus, 8
    TRAP_INIT
    li t0, 0x8000000000000007
    CHECK(15, s9, 0x8000000000000007)
    sub s10, s10, s1
    REPORT(timer_instret, s10)
    la t0, 1b
    sub s11, s11, t0
    REPORT(timer_pc, s11)
    REPORT(timer_loop_result, s2)

    ld ra, 8(sp)
    addi sp, sp, 16
TEST_END_TRAP

/* report(a0 = name, a1 = value) */
report:
    addi sp, sp, -16
    sd ra, 8(sp)
    sd a1, 0(sp)
    call spin_puts
    ld a0, 0(sp)
    call spin_put_hex64
    li a0, 10
    call spin_putchar
    ld ra, 8(sp)
    addi sp, sp, 16
    ret

    .balign 4
timer_handler:
    csrr s9, mcause
    csrr s11, mepc
    csrr s10, minstret
    li t6, 0x80
    csrc mie, t6
    mret

/* s2 += 8 per iteration, s3 iterations; the loop starts 8 bytes before a page end and
 * its second 32-bit addi straddles the boundary (after a 16-bit nop). */
    .option push
    .option norvc
    .balign 4096
    .skip 4096 - 8
cross_loop:
    addi s2, s2, 3
    .option rvc
    c.nop
    .option norvc
    addi s2, s2, 5
    addi s3, s3, -1
    bnez s3, cross_loop
    ret
    .option pop

    .data
    .balign 8
buf: .skip 512
    .balign 8
codebuf: .skip 64
