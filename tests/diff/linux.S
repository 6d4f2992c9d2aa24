/* Linux user-mode variant (qemu-riscv64-static): own _start, no libc. Output is
 * buffered and written to fd 1 with the write syscall; exit(0) with ecall a7=93. */
    .option norelax
    .text
    .globl _start
_start:
    la      sp, linux_stack_top
    call    diff_main
    li      a7, 93
    ecall
1:  j       1b

    .globl diff_emit
/* diff_emit(a0 = s, a1 = n): append to the buffer, flushing when full. */
diff_emit:
    la      t0, linux_out_len
    ld      t1, 0(t0)
    la      t2, linux_out_buf
2:  beqz    a1, 4f
    li      t3, 65536
    bltu    t1, t3, 3f
    sd      t1, 0(t0)
    addi    sp, sp, -32
    sd      ra, 0(sp)
    sd      a0, 8(sp)
    sd      a1, 16(sp)
    call    diff_flush
    ld      ra, 0(sp)
    ld      a0, 8(sp)
    ld      a1, 16(sp)
    addi    sp, sp, 32
    la      t0, linux_out_len
    ld      t1, 0(t0)
    la      t2, linux_out_buf
3:  lbu     t3, 0(a0)
    add     t4, t2, t1
    sb      t3, 0(t4)
    addi    t1, t1, 1
    addi    a0, a0, 1
    addi    a1, a1, -1
    j       2b
4:  sd      t1, 0(t0)
    ret

    .globl diff_flush
/* diff_flush(): write(1, buf, len) until everything is out (stdout may be a
 * non-blocking pipe: retry on -EAGAIN). */
diff_flush:
    la      t0, linux_out_len
    la      a1, linux_out_buf
    ld      a2, 0(t0)
5:  beqz    a2, 6f
    li      a0, 1
    li      a7, 64
    ecall
    li      t1, -11
    beq     a0, t1, 5b
    blez    a0, 6f
    add     a1, a1, a0
    sub     a2, a2, a0
    j       5b
6:  sd      zero, 0(t0)
    ret

    .bss
    .balign 16
linux_out_len:  .zero 8
linux_out_buf:  .zero 65536
    .balign 16
                .zero 65536
linux_stack_top:
