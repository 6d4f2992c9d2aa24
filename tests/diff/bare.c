/* Bare-metal variant (spin-emu --bare, qemu-system-riscv64 -M spike): tests/support's
 * crt.S calls main in M-mode; text goes out through the HTIF console. */
#include "htif.h"

int diff_main(void);

void diff_emit(const char *s, unsigned long n) {
    while (n--) spin_putchar(*s++);
}

void diff_flush(void) {}

int main(void) {
    return diff_main();
}
