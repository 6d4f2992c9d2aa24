/* Smallest bare-metal program: the README's first command runs it. */
#include "htif.h"
int main(void) {
    spin_puts("Hello from a RISC-V hart!\n");
    return 0;
}
