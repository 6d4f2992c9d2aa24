/*
 * HTIF, the host-target interface of RISC-V test programs: two 64-bit words, tohost and
 * fromhost, at addresses the program's ELF names. Writing tohost = 1 passes, (n << 1) | 1
 * fails with n; device 1 command 1 prints a byte and is acknowledged in fromhost. Same
 * behaviour as QEMU's spike machine, including that a 64-bit command takes effect when
 * its upper half is written.
 */
#ifndef SPIN_EMULATOR_HTIF_H
#define SPIN_EMULATOR_HTIF_H

#include <stdint.h>

#include "bus.h"

typedef struct spin_htif {
    uint64_t tohost, fromhost;
    void (*console_out)(void *opaque, uint8_t byte);
    void (*exit)(void *opaque, int code);
    void *opaque;
} spin_htif;

/* Maps tohost (and fromhost, unless it is 0) as 8-byte device registers. */
int spin_htif_attach(spin_htif *htif, spin_bus *bus, uint64_t tohost_addr, uint64_t fromhost_addr);

#endif
