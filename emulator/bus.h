/*
 * The physical address space of one machine: guest RAM (one host allocation) plus
 * memory-mapped devices, each a base, a size, an ops struct and an opaque pointer.
 * The hart asks the bus, never a device: it translates a virtual address, then either
 * gets a host pointer into RAM (the fast path its TLB caches) or calls spin_bus_read /
 * spin_bus_write, which dispatch to the device that owns the address.
 *
 * A device may overlay RAM (HTIF's tohost word lives inside RAM); pages touched by an
 * overlay are never handed out as plain RAM, so every access to them reaches the device.
 *
 * Anything that writes guest RAM behind the hart's back (a loader, a DMA-capable device)
 * goes through spin_bus_write_ram(), which tells the code cache that those bytes changed.
 */
#ifndef SPIN_EMULATOR_BUS_H
#define SPIN_EMULATOR_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPIN_PAGE_SHIFT 12
#define SPIN_PAGE_SIZE (UINT64_C(1) << SPIN_PAGE_SHIFT)
#define SPIN_PAGE_MASK (~(SPIN_PAGE_SIZE - 1))
#define SPIN_BUS_MAX_REGIONS 32

typedef struct spin_mmio_ops {
    /* size is 1, 2, 4 or 8; offset is relative to the region's base */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
} spin_mmio_ops;

typedef struct spin_mmio_region {
    uint64_t base, size;
    const spin_mmio_ops *ops;
    void *opaque;
} spin_mmio_region;

typedef struct spin_bus {
    uint8_t *ram;
    uint64_t ram_base, ram_size;
    spin_mmio_region regions[SPIN_BUS_MAX_REGIONS];
    int region_count;
    /* Told about every RAM write that did not come from the hart's own stores. */
    void (*ram_written)(void *opaque, uint64_t paddr, uint64_t len);
    void *ram_written_opaque;
} spin_bus;

/* 0 on success, -1 if the RAM cannot be allocated. RAM starts zeroed. */
int spin_bus_init(spin_bus *bus, uint64_t ram_base, uint64_t ram_size);
void spin_bus_destroy(spin_bus *bus);

/* 0 on success, -1 if the table is full or the range is empty or wraps. */
int spin_bus_add_mmio(spin_bus *bus, uint64_t base, uint64_t size, const spin_mmio_ops *ops,
                      void *opaque);

/* Host pointer to the page holding paddr if that whole page is plain RAM with no device
 * overlay, else NULL. What the hart's TLB caches. */
uint8_t *spin_bus_ram_page(const spin_bus *bus, uint64_t paddr);

/* Device or RAM access of 1, 2, 4 or 8 bytes that lies within one page. Returns 0, or -1
 * when nothing answers at paddr (an access fault for the hart). */
int spin_bus_read(spin_bus *bus, uint64_t paddr, unsigned size, uint64_t *value);
int spin_bus_write(spin_bus *bus, uint64_t paddr, unsigned size, uint64_t value);

/* Bulk copies into or out of RAM only (loaders, DMA). Return -1 if any byte lies
 * outside RAM, and then copy nothing. */
int spin_bus_write_ram(spin_bus *bus, uint64_t paddr, const void *data, uint64_t len);
int spin_bus_read_ram(const spin_bus *bus, uint64_t paddr, void *data, uint64_t len);

#endif
