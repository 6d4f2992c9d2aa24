/* Waits for an interrupt with none enabled: spin-emu must say so, not hang. */
    .section .text.init, "ax"
    .globl _start
_start:
    csrw mie, zero
1:  wfi
    j 1b
