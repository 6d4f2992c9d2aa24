/*
 * The bare machine of `spin-emu --bare`: one hart in M-mode at the ELF's entry, RAM at
 * 0x80000000, a CLINT, the test-finisher syscon and HTIF at the ELF's tohost/fromhost:
 * what QEMU's spike machine offers to bare-metal test programs. docs/spin-emu.md.
 */
#ifndef SPIN_EMULATOR_BARE_MACHINE_H
#define SPIN_EMULATOR_BARE_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"
#include "clint.h"
#include "htif.h"
#include "riscv/hart.h"
#include "syscon.h"

#define SPIN_BARE_RAM_BASE UINT64_C(0x80000000)
#define SPIN_BARE_CLINT_BASE UINT64_C(0x02000000)
#define SPIN_BARE_SYSCON_BASE UINT64_C(0x00100000)

typedef struct spin_bare_machine {
    spin_bus bus;
    rv_hart hart;
    spin_htif htif;
    spin_clint clint;
    spin_syscon syscon;
    bool exited;
    int exit_code;
    void (*console_out)(void *opaque, uint8_t byte);
    void *console_opaque;
} spin_bare_machine;

typedef enum spin_bare_status {
    SPIN_BARE_EXITED,     /* the program ended; exit_code says how */
    SPIN_BARE_BUDGET,     /* the instruction budget ran out first */
    SPIN_BARE_DEADLOCK,   /* the hart waits for an interrupt that nothing will raise */
} spin_bare_status;

/* Builds the machine and loads the ELF. 0, or -1 with a sentence in err. */
int spin_bare_machine_init(spin_bare_machine *m, uint64_t ram_size, const uint8_t *elf,
                           size_t elf_size, void (*console_out)(void *, uint8_t),
                           void *console_opaque, char *err, size_t err_size);
void spin_bare_machine_destroy(spin_bare_machine *m);

/* Runs until the program exits or max_insns instructions have retired (each trap taken
 * counts as one, so a guest trapping forever ends too). */
spin_bare_status spin_bare_machine_run(spin_bare_machine *m, uint64_t max_insns);

#endif
