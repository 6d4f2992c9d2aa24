/* Never ends: spin-emu must stop it at --max-insns. */
    .section .text.init, "ax"
    .globl _start
_start:
1:  addi a0, a0, 1
    j 1b
