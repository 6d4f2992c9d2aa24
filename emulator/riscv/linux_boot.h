/*
 * Booting a RISC-V Linux kernel "Image" without firmware: the image is checked and
 * copied to RAM at its text offset, and the hart is put where M-mode firmware would
 * leave it: S-mode at the image's first byte with a0 = hart id and a1 = the device tree,
 * interrupts and exceptions delegated to S-mode, counters and Sstc open, and SBI served
 * in C (sbi.h).
 */
#ifndef SPIN_RISCV_LINUX_BOOT_H
#define SPIN_RISCV_LINUX_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "bus.h"
#include "riscv/hart.h"
#include "riscv/sbi.h"

/* Validates the Image header and copies it to RAM. 0 with *entry and *end (first byte
 * after the kernel's memory, image_size included) set, or -1 with a sentence in err. */
int rv_linux_load_image(spin_bus *bus, const uint8_t *image, size_t size, uint64_t *entry,
                        uint64_t *end, char *err, size_t err_size);

/* Puts the hart in the state the boot protocol asks for (see above). */
void rv_linux_enter(rv_hart *h, rv_sbi *sbi, uint64_t entry, uint64_t dtb);

#endif
