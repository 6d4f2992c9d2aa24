/* Loading and entering a Linux kernel Image. See linux_boot.h; the header layout is
 * Documentation/riscv/boot-image-header.rst of the kernel. */
#include "riscv/linux_boot.h"

#include <stdio.h>
#include <string.h>

#include "riscv/internal.h"

#define IMAGE_HEADER_SIZE 64

static uint64_t le64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

int rv_linux_load_image(spin_bus *bus, const uint8_t *image, size_t size, uint64_t *entry,
                        uint64_t *end, char *err, size_t err_size) {
    if (size < IMAGE_HEADER_SIZE || memcmp(image + 56, "RSC\x05", 4) != 0) {
        snprintf(err, err_size, "not a RISC-V Linux kernel Image (no RSC\\x05 magic at offset 56)");
        return -1;
    }
    uint64_t text_offset = le64(image + 8), image_size = le64(image + 16);
    if (image_size < size) image_size = size;
    uint64_t load = bus->ram_base + text_offset;
    if (text_offset >= bus->ram_size || image_size > bus->ram_size - text_offset) {
        snprintf(err, err_size, "the kernel (%llu bytes at offset 0x%llx) does not fit in %llu MiB of RAM",
                 (unsigned long long)image_size, (unsigned long long)text_offset,
                 (unsigned long long)(bus->ram_size >> 20));
        return -1;
    }
    spin_bus_write_ram(bus, load, image, size);
    *entry = load;
    *end = load + image_size;
    return 0;
}

void rv_linux_enter(rv_hart *h, rv_sbi *sbi, uint64_t entry, uint64_t dtb) {
    rv_hart_reset(h, entry);
    h->x[10] = 0;   /* a0: hart id */
    h->x[11] = dtb; /* a1: device tree */
    h->sbi = sbi;
    /* What M-mode firmware leaves behind: S-mode handles its interrupts and every
     * exception a kernel expects to see; counters readable below M; Sstc on. */
    h->mideleg = MIP_SSIP | MIP_STIP | MIP_SEIP;
    h->medeleg = (1u << EXC_INSN_MISALIGNED) | (1u << EXC_INSN_ACCESS) | (1u << EXC_ILLEGAL_INSN) |
                 (1u << EXC_BREAKPOINT) | (1u << EXC_LOAD_MISALIGNED) | (1u << EXC_LOAD_ACCESS) |
                 (1u << EXC_STORE_MISALIGNED) | (1u << EXC_STORE_ACCESS) | (1u << EXC_ECALL_U) |
                 (1u << EXC_INSN_PAGE_FAULT) | (1u << EXC_LOAD_PAGE_FAULT) |
                 (1u << EXC_STORE_PAGE_FAULT);
    h->mcounteren = 0xffffffff;
    /* Linux 6.1 never writes scounteren but its vDSO reads `time` from U-mode (QEMU 7.2
     * does not gate U-mode counters on scounteren): open cycle, time and instret. */
    h->scounteren = 0x7;
    h->menvcfg |= UINT64_C(1) << 63; /* STCE */
    rv_set_priv(h, RV_PRIV_S);
    rv_recompute_timer(h);
}
