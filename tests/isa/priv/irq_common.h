/* Interrupt-test helpers (included by the priv interrupt tests; not a test itself).
 * irq_handler (M) and sirq_handler (S) append {cause, epc} to `irqlog` through t3,
 * clear the source (mip/sip bits, CLINT msip/mtimecmp) and return to the interrupted
 * instruction. Exceptions end up in isa_trap_handler as usual (mtvec is switched).
 * Registers reserved: t2, t3, t6. */
#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME    0x200bff8
#define IRQ(c)         (0x8000000000000000 | (c))
#define MIP_SSIP (1 << 1)
#define MIP_MSIP (1 << 3)
#define MIP_STIP (1 << 5)
#define MIP_MTIP (1 << 7)
#define MIP_SEIP (1 << 9)
#define MIP_MEIP (1 << 11)

#define IRQ_INIT     la t0, irq_handler; csrw mtvec, t0; la t0, sirq_handler; csrw stvec, t0
#define LOG_RESET    la t3, irqlog
/* checks that log entry `idx` has cause `cause` */
#define LOG_CAUSE(num, idx, cause) TEST_CASE(num, a0, cause, la a1, irqlog; ld a0, (16 * (idx))(a1))
#define LOG_COUNT(num, n) TEST_CASE(num, a0, n, la a1, irqlog; sub a0, t3, a1; srli a0, a0, 4)

#define IRQ_HANDLERS                                   \
    .option push; .option rvc; .balign 4; .option pop; \
irq_handler:                                           \
    csrr t6, mcause;                                   \
    bgez t6, isa_trap_handler;                         \
    sd t6, 0(t3);                                      \
    csrr t6, mepc;                                     \
    sd t6, 8(t3);                                      \
    addi t3, t3, 16;                                   \
    csrr t6, mcause;                                   \
    slli t6, t6, 1;                                    \
    srli t6, t6, 1;                                    \
    li t2, 1; beq t6, t2, 1f;                          \
    li t2, 3; beq t6, t2, 3f;                          \
    li t2, 5; beq t6, t2, 5f;                          \
    li t2, 7; beq t6, t2, 7f;                          \
    li t2, 9; beq t6, t2, 9f;                          \
    csrw mie, zero; mret;                              \
1:  csrci mip, MIP_SSIP; mret;                         \
3:  li t6, CLINT_MSIP; sw zero, 0(t6); mret;           \
5:  li t6, MIP_STIP; csrc mip, t6; mret;               \
7:  li t6, CLINT_MTIMECMP; li t2, -1; sd t2, 0(t6); mret; \
9:  li t6, MIP_SEIP; csrc mip, t6; mret;               \
    .option push; .option rvc; .balign 4; .option pop; \
sirq_handler:                                          \
    csrr t6, scause;                                   \
    bgez t6, isa_strap_handler;                        \
    sd t6, 0(t3);                                      \
    csrr t6, sepc;                                     \
    sd t6, 8(t3);                                      \
    addi t3, t3, 16;                                   \
    csrci sip, MIP_SSIP;                               \
    sret;                                              \
    .data;                                             \
    .align 4;                                          \
irqlog: .skip 16 * 32;                                 \
    .text
