/* Physical address space: RAM plus device regions. See bus.h. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE */
#include "bus.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifndef __EMSCRIPTEN__
#include <sys/mman.h>
#endif

/* Guest RAM is page-aligned, so host pointers and guest addresses share their page
 * offsets (the TLB fast path relies on it), and zeroed, and costs host memory only for
 * the pages the guest touches:
 *  - natively, an anonymous mapping is committed page by page on first touch;
 *  - in wasm, memory the heap has never handed out (straight from sbrk, i.e. from
 *    memory.grow) is zero and left to the engine to commit lazily. It cannot be given
 *    back to the heap, so a destroyed machine's RAM is kept for the next one (zeroed
 *    again then, which touches it). */
#ifdef __EMSCRIPTEN__
static void *spare_ram;
static uint64_t spare_ram_size;
#endif

static void *ram_alloc(uint64_t size) {
#ifdef __EMSCRIPTEN__
    if (spare_ram && spare_ram_size >= size) {
        void *p = spare_ram;
        spare_ram = NULL;
        memset(p, 0, (size_t)size);
        return p;
    }
    if (size > INTPTR_MAX - SPIN_PAGE_SIZE) return NULL;
    void *raw = sbrk((intptr_t)(size + SPIN_PAGE_SIZE));
    if (raw == (void *)-1) return NULL;
    return (void *)(((uintptr_t)raw + SPIN_PAGE_SIZE - 1) & ~(uintptr_t)(SPIN_PAGE_SIZE - 1));
#else
    void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
#endif
}

static void ram_free(void *p, uint64_t size) {
#ifdef __EMSCRIPTEN__
    if (p && (!spare_ram || size > spare_ram_size)) {
        spare_ram = p;
        spare_ram_size = size;
    }
#else
    if (p) munmap(p, (size_t)size);
#endif
}

int spin_bus_init(spin_bus *bus, uint64_t ram_base, uint64_t ram_size) {
    memset(bus, 0, sizeof *bus);
    if (ram_size == 0 || (ram_base & ~SPIN_PAGE_MASK) || (ram_size & ~SPIN_PAGE_MASK) ||
        ram_base + ram_size < ram_base || ram_size > SIZE_MAX)
        return -1;
    bus->ram = ram_alloc(ram_size);
    if (!bus->ram) return -1;
    bus->ram_base = ram_base;
    bus->ram_size = ram_size;
    return 0;
}

void spin_bus_destroy(spin_bus *bus) {
    ram_free(bus->ram, bus->ram_size);
    bus->ram = NULL;
}

int spin_bus_add_mmio(spin_bus *bus, uint64_t base, uint64_t size, const spin_mmio_ops *ops,
                      void *opaque) {
    if (bus->region_count == SPIN_BUS_MAX_REGIONS || size == 0 || base + size - 1 < base)
        return -1;
    bus->regions[bus->region_count++] = (spin_mmio_region){base, size, ops, opaque};
    return 0;
}

static const spin_mmio_region *find_region(const spin_bus *bus, uint64_t paddr) {
    for (int i = 0; i < bus->region_count; i++) {
        const spin_mmio_region *r = &bus->regions[i];
        if (paddr - r->base < r->size) return r;
    }
    return NULL;
}

static bool in_ram(const spin_bus *bus, uint64_t paddr, uint64_t len) {
    uint64_t off = paddr - bus->ram_base;
    return paddr >= bus->ram_base && off < bus->ram_size && len <= bus->ram_size - off;
}

uint8_t *spin_bus_ram_page(const spin_bus *bus, uint64_t paddr) {
    uint64_t page = paddr & SPIN_PAGE_MASK;
    if (!in_ram(bus, page, SPIN_PAGE_SIZE)) return NULL;
    for (int i = 0; i < bus->region_count; i++) {
        const spin_mmio_region *r = &bus->regions[i];
        if (r->base < page + SPIN_PAGE_SIZE && page < r->base + r->size) return NULL;
    }
    return bus->ram + (page - bus->ram_base);
}

int spin_bus_read(spin_bus *bus, uint64_t paddr, unsigned size, uint64_t *value) {
    const spin_mmio_region *r = find_region(bus, paddr);
    if (r) {
        if (paddr + size - r->base > r->size) return -1;
        *value = r->ops->read ? r->ops->read(r->opaque, paddr - r->base, size) : 0;
        return 0;
    }
    if (!in_ram(bus, paddr, size)) return -1;
    uint64_t v = 0;
    memcpy(&v, bus->ram + (paddr - bus->ram_base), size); /* little-endian host */
    *value = v;
    return 0;
}

int spin_bus_write(spin_bus *bus, uint64_t paddr, unsigned size, uint64_t value) {
    const spin_mmio_region *r = find_region(bus, paddr);
    if (r) {
        if (paddr + size - r->base > r->size) return -1;
        if (r->ops->write) r->ops->write(r->opaque, paddr - r->base, value, size);
        return 0;
    }
    return spin_bus_write_ram(bus, paddr, &value, size);
}

int spin_bus_write_ram(spin_bus *bus, uint64_t paddr, const void *data, uint64_t len) {
    if (!in_ram(bus, paddr, len)) return -1;
    memcpy(bus->ram + (paddr - bus->ram_base), data, (size_t)len);
    if (bus->ram_written && len) bus->ram_written(bus->ram_written_opaque, paddr, len);
    return 0;
}

int spin_bus_read_ram(const spin_bus *bus, uint64_t paddr, void *data, uint64_t len) {
    if (!in_ram(bus, paddr, len)) return -1;
    memcpy(data, bus->ram + (paddr - bus->ram_base), (size_t)len);
    return 0;
}
