/* HTIF client: tohost/fromhost words the host watches. Device 1 command 1 writes one
 * byte to the console and is acknowledged through fromhost; device 0 with bit 0 set
 * ends the program with status (value >> 1). */
#include "htif.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(8)));

static void htif_send(uint64_t cmd) {
    while (tohost) fromhost = 0;
    tohost = cmd;
}

void spin_putchar(int c) {
    htif_send((UINT64_C(1) << 56) | (UINT64_C(1) << 48) | (uint8_t)c);
    while (!fromhost) {}
    fromhost = 0;
}

void spin_puts(const char *s) {
    while (*s) spin_putchar(*s++);
}

void spin_put_hex64(uint64_t v) {
    for (int shift = 60; shift >= 0; shift -= 4) spin_putchar("0123456789abcdef"[(v >> shift) & 15]);
}

void spin_put_dec(uint64_t v) {
    char buf[24];
    int n = 0;
    do { buf[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) spin_putchar(buf[--n]);
}

void spin_exit(int code) {
    for (;;) htif_send(((uint64_t)code << 1) | 1);
}
