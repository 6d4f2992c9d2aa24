/*
 * PLIC (platform-level interrupt controller), written from the RISC-V PLIC specification,
 * with the SiFive register layout QEMU's virt machine uses and Linux's
 * "sifive,plic-1.0.0" / "riscv,plic0" driver programs:
 *
 *   0x000000 + 4 * s           priority of source s (1..num_sources), 0 = never interrupts
 *   0x001000 + 4 * w           pending bits of sources 32w..32w+31 (read-only)
 *   0x002000 + 0x80 * c + 4*w  enable bits of context c
 *   0x200000 + 0x1000 * c      priority threshold of context c
 *   0x200004 + 0x1000 * c      claim (read) / complete (write) of context c
 *
 * Source 0 does not exist (its bits read as zero). Contexts are the machine's to assign;
 * as in QEMU virt, context 0 is hart 0's M-mode (MEIP) and context 1 its S-mode (SEIP).
 *
 * Inputs are level-triggered (spin_plic_set_irq). A source whose line is high becomes
 * pending unless it is claimed and not yet completed; a line that drops before the claim
 * withdraws the request (as QEMU does, so a device that deasserts causes no spurious
 * interrupt). A claim returns the enabled pending source of highest priority above the
 * context's threshold (ties go to the lowest id), clears its pending bit and holds it
 * until completion; completing re-arms the gateway, and a line still high makes it
 * pending again. A context's output is high while some pending source is enabled for it
 * with priority above its threshold; the machine connects that to a hart through the
 * set_context_irq callback, which is called only when an output changes.
 *
 * The guest is hostile: every access is bounds-checked; reads of unknown registers return
 * 0 and writes to read-only or unknown registers are ignored. Registers are 32-bit; an
 * 8-byte access covers two neighbouring registers, narrower ones see part of one.
 */
#ifndef SPIN_EMULATOR_DEVICES_PLIC_H
#define SPIN_EMULATOR_DEVICES_PLIC_H

#include <stdint.h>

#include "bus.h"

#define SPIN_PLIC_MAX_SOURCES 1023
#define SPIN_PLIC_MAX_CONTEXTS 15872
/* Priorities are 3 bits wide (0..7) as in QEMU virt; higher bits are not writable. */
#define SPIN_PLIC_MAX_PRIORITY 7
/* The whole register window (what the device tree's reg gives Linux). */
#define SPIN_PLIC_SIZE 0x4000000

#define SPIN_PLIC_PRIORITY_BASE 0x000000
#define SPIN_PLIC_PENDING_BASE 0x001000
#define SPIN_PLIC_ENABLE_BASE 0x002000
#define SPIN_PLIC_ENABLE_STRIDE 0x80
#define SPIN_PLIC_CONTEXT_BASE 0x200000
#define SPIN_PLIC_CONTEXT_STRIDE 0x1000

typedef struct spin_plic {
    unsigned num_sources;  /* sources are 1..num_sources */
    unsigned num_contexts;
    unsigned words;        /* 32-bit words per bitmap: (num_sources + 1 + 31) / 32 */
    uint8_t *priority;     /* [num_sources + 1] */
    uint32_t *level;       /* [words] line levels from the devices */
    uint32_t *pending;     /* [words] */
    uint32_t *claimed;     /* [words] claimed and not yet completed */
    uint32_t *enable;      /* [num_contexts * words] */
    uint32_t *threshold;   /* [num_contexts] */
    uint8_t *output;       /* [num_contexts] last level told to set_context_irq */
    void (*set_context_irq)(void *opaque, int context, int level);
    void *opaque;
} spin_plic;

/* 0, or -1 if the counts are out of range (sources 1..1023, contexts 1..15872) or memory
 * runs out. All priorities, enables and thresholds start at 0, nothing pending. */
int spin_plic_init(spin_plic *plic, unsigned num_sources, unsigned num_contexts,
                   void (*set_context_irq)(void *opaque, int context, int level),
                   void *opaque);
void spin_plic_destroy(spin_plic *plic);

/* Maps the registers at base (SPIN_PLIC_SIZE bytes). */
int spin_plic_attach(spin_plic *plic, spin_bus *bus, uint64_t base);

/* A device's interrupt line: source 1..num_sources, anything else is ignored. */
void spin_plic_set_irq(spin_plic *plic, unsigned source, int level);

/* The bus-facing accessors (also what the unit tests drive). */
uint64_t spin_plic_read(void *opaque, uint64_t offset, unsigned size);
void spin_plic_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
