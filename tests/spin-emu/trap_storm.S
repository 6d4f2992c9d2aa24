/* Traps forever: mtvec points where nothing is mapped, so every trap's handler fetch
 * faults again. spin-emu must still stop at --max-insns (each trap counts as one). */
    .section .text.init, "ax"
    .globl _start
_start:
    li t0, 0x1000000000
    csrw mtvec, t0
    ecall
