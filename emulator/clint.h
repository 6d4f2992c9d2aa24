/*
 * CLINT (core-local interruptor) for one hart, SiFive layout as QEMU's virt and spike
 * machines have it: msip at +0, mtimecmp at +0x4000, mtime at +0xbff8. The timer itself
 * (mtime derived from the instruction count, mtimecmp, MTIP) lives in the hart; this is
 * its memory-mapped face.
 */
#ifndef SPIN_EMULATOR_CLINT_H
#define SPIN_EMULATOR_CLINT_H

#include "bus.h"
#include "riscv/hart.h"

#define SPIN_CLINT_SIZE 0x10000

typedef struct spin_clint {
    rv_hart *hart;
} spin_clint;

int spin_clint_attach(spin_clint *clint, spin_bus *bus, uint64_t base, rv_hart *hart);

#endif
