/*
 * Loads a RISC-V 64 ELF image (from bytes the host read; the emulator opens no files)
 * into guest RAM and looks up symbols. The input is untrusted: every offset and size is
 * checked against the buffer and every segment against RAM before anything is copied.
 */
#ifndef SPIN_EMULATOR_ELF_LOADER_H
#define SPIN_EMULATOR_ELF_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "bus.h"

/* Copies the PT_LOAD segments to their physical addresses, zero-filling .bss. Returns 0
 * with *entry set, or -1 with a sentence in err naming what is wrong. */
int spin_elf_load(spin_bus *bus, const uint8_t *image, size_t size, uint64_t *entry, char *err,
                  size_t err_size);

/* Value of a symbol from the ELF's symbol table; 0 with *value set, -1 if absent. */
int spin_elf_symbol(const uint8_t *image, size_t size, const char *name, uint64_t *value);

#endif
