/*
 * The SiFive "test finisher" syscon that QEMU's virt machine (and Linux's syscon-poweroff
 * driver) use to end a machine: write 0x5555 to pass (exit 0), 0x3333 | code << 16 to fail
 * with code, 0x7777 to reset (treated as an exit with status 0 until reboot exists).
 */
#ifndef SPIN_EMULATOR_SYSCON_H
#define SPIN_EMULATOR_SYSCON_H

#include "bus.h"

#define SPIN_SYSCON_SIZE 0x1000

typedef struct spin_syscon {
    void (*exit)(void *opaque, int code);
    void *opaque;
} spin_syscon;

int spin_syscon_attach(spin_syscon *syscon, spin_bus *bus, uint64_t base);

#endif
