/* Start-up of bare-metal C test programs (M-mode, one hart): stack, FP unit on,
 * PMP open so lower modes may touch memory (QEMU enforces PMP), .bss cleared, then
 * main(); its return value is the HTIF exit status (0 = pass). Traps that nobody
 * expected end the program with status 0x400 + mcause. */
    .section .text.init, "ax"
    .globl _start
_start:
    la      sp, __stack_top
    la      t0, spin_unexpected_trap
    csrw    mtvec, t0
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f               /* NAPOT, R W X, covering everything */
    csrw    pmpcfg0, t0
    li      t0, (1 << 13)          /* mstatus.FS = Initial */
    csrs    mstatus, t0
    csrwi   fcsr, 0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    main
    call    spin_exit
3:  j       3b

    .align 2
spin_unexpected_trap:
    csrr    a0, mcause
    addi    a0, a0, 0x400
    call    spin_exit
4:  j       4b
