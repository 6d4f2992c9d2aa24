/* HTIF for bare-metal test programs: console output and exit, the way QEMU's spike
 * machine and spin-emu --bare both implement it. */
#ifndef SPIN_TEST_HTIF_H
#define SPIN_TEST_HTIF_H
#include <stdint.h>

void spin_putchar(int c);
void spin_puts(const char *s);          /* no newline added */
void spin_put_hex64(uint64_t v);        /* 16 lowercase hex digits */
void spin_put_dec(uint64_t v);
void spin_exit(int code) __attribute__((noreturn));

#endif
