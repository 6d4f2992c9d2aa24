/* ELF64 loader. See elf_loader.h. Only what RISC-V bare-metal images and kernels need:
 * ELFCLASS64, little-endian, EM_RISCV, PT_LOAD segments, one SHT_SYMTAB. */
#include "elf_loader.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define EM_RISCV 243
#define PT_LOAD 1
#define SHT_SYMTAB 2

static uint64_t rd(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

static bool in_bounds(size_t size, uint64_t off, uint64_t len) {
    return off <= size && len <= size - off;
}

static int fail(char *err, size_t err_size, const char *fmt, ...) {
    if (err && err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_size, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int check_header(const uint8_t *image, size_t size, char *err, size_t err_size) {
    if (size < 64 || memcmp(image, "\177ELF", 4) != 0)
        return fail(err, err_size, "not an ELF file");
    if (image[4] != 2 || image[5] != 1)
        return fail(err, err_size, "not a 64-bit little-endian ELF file");
    if (rd(image + 18, 2) != EM_RISCV)
        return fail(err, err_size, "ELF file is not for RISC-V (e_machine %u)", (unsigned)rd(image + 18, 2));
    return 0;
}

int spin_elf_load(spin_bus *bus, const uint8_t *image, size_t size, uint64_t *entry, char *err,
                  size_t err_size) {
    if (check_header(image, size, err, err_size)) return -1;
    uint64_t phoff = rd(image + 32, 8), phentsize = rd(image + 54, 2), phnum = rd(image + 56, 2);
    if (phentsize < 56 || !in_bounds(size, phoff, phentsize * phnum))
        return fail(err, err_size, "ELF program headers lie outside the file");
    int loaded = 0;
    /* Check every segment before copying any, so a bad file loads nothing. */
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t i = 0; i < phnum; i++) {
            const uint8_t *ph = image + phoff + i * phentsize;
            if (rd(ph, 4) != PT_LOAD) continue;
            uint64_t off = rd(ph + 8, 8), paddr = rd(ph + 24, 8);
            uint64_t filesz = rd(ph + 32, 8), memsz = rd(ph + 40, 8);
            if (pass == 0) {
                if (filesz > memsz || !in_bounds(size, off, filesz))
                    return fail(err, err_size, "ELF segment %u lies outside the file", (unsigned)i);
                uint64_t ram_end = bus->ram_base + bus->ram_size;
                if (paddr < bus->ram_base || paddr > ram_end || memsz > ram_end - paddr)
                    return fail(err, err_size,
                                "ELF segment %u (0x%llx, %llu bytes) does not fit in RAM "
                                "(0x%llx, %llu bytes)",
                                (unsigned)i, (unsigned long long)paddr, (unsigned long long)memsz,
                                (unsigned long long)bus->ram_base, (unsigned long long)bus->ram_size);
                continue;
            }
            spin_bus_write_ram(bus, paddr, image + off, filesz);
            memset(bus->ram + (paddr - bus->ram_base) + filesz, 0, memsz - filesz);
            loaded++;
        }
    }
    if (!loaded) return fail(err, err_size, "ELF file has no loadable segment");
    *entry = rd(image + 24, 8);
    return 0;
}

int spin_elf_symbol(const uint8_t *image, size_t size, const char *name, uint64_t *value) {
    if (check_header(image, size, NULL, 0)) return -1;
    uint64_t shoff = rd(image + 40, 8), shentsize = rd(image + 58, 2), shnum = rd(image + 60, 2);
    if (shentsize < 64 || !in_bounds(size, shoff, shentsize * shnum)) return -1;
    size_t name_len = strlen(name);
    for (uint64_t i = 0; i < shnum; i++) {
        const uint8_t *sh = image + shoff + i * shentsize;
        if (rd(sh + 4, 4) != SHT_SYMTAB) continue;
        uint64_t off = rd(sh + 24, 8), len = rd(sh + 32, 8), link = rd(sh + 40, 4);
        uint64_t entsize = rd(sh + 56, 8);
        if (entsize < 24 || link >= shnum || !in_bounds(size, off, len)) return -1;
        const uint8_t *strsh = image + shoff + link * shentsize;
        uint64_t stroff = rd(strsh + 24, 8), strlen_ = rd(strsh + 32, 8);
        if (!in_bounds(size, stroff, strlen_)) return -1;
        for (uint64_t s = 0; s + entsize <= len; s += entsize) {
            const uint8_t *sym = image + off + s;
            uint64_t n = rd(sym, 4);
            if (n >= strlen_ || strlen_ - n <= name_len) continue;
            const char *sname = (const char *)image + stroff + n;
            if (memcmp(sname, name, name_len) == 0 && sname[name_len] == '\0') {
                *value = rd(sym + 8, 8);
                return 0;
            }
        }
    }
    return -1;
}
