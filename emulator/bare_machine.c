/* The bare test machine. See bare_machine.h. */
#include "bare_machine.h"

#include <stdio.h>
#include <string.h>

#include "elf_loader.h"

#define SPIN_BARE_SLICE (UINT64_C(1) << 16)

static void machine_exit(void *opaque, int code) {
    spin_bare_machine *m = opaque;
    if (!m->exited) {
        m->exited = true;
        m->exit_code = code;
    }
    m->hart.stop_requested = true;
}

static void machine_console(void *opaque, uint8_t byte) {
    spin_bare_machine *m = opaque;
    if (m->console_out) m->console_out(m->console_opaque, byte);
}

int spin_bare_machine_init(spin_bare_machine *m, uint64_t ram_size, const uint8_t *elf,
                           size_t elf_size, void (*console_out)(void *, uint8_t),
                           void *console_opaque, char *err, size_t err_size) {
    memset(m, 0, sizeof *m);
    m->console_out = console_out;
    m->console_opaque = console_opaque;
    if (spin_bus_init(&m->bus, SPIN_BARE_RAM_BASE, ram_size)) {
        snprintf(err, err_size, "cannot allocate %llu bytes of guest RAM", (unsigned long long)ram_size);
        return -1;
    }
    if (rv_hart_init(&m->hart, &m->bus)) {
        spin_bus_destroy(&m->bus);
        snprintf(err, err_size, "cannot allocate the hart's code cache");
        return -1;
    }

    uint64_t entry;
    if (spin_elf_load(&m->bus, elf, elf_size, &entry, err, err_size)) goto fail;

    m->htif.console_out = machine_console;
    m->htif.exit = machine_exit;
    m->htif.opaque = m;
    uint64_t tohost, fromhost = 0;
    if (spin_elf_symbol(elf, elf_size, "tohost", &tohost) == 0) {
        if (spin_elf_symbol(elf, elf_size, "fromhost", &fromhost) != 0) fromhost = 0;
        if (spin_htif_attach(&m->htif, &m->bus, tohost, fromhost)) {
            snprintf(err, err_size, "cannot map HTIF at tohost 0x%llx", (unsigned long long)tohost);
            goto fail;
        }
    }
    m->syscon.exit = machine_exit;
    m->syscon.opaque = m;
    if (spin_syscon_attach(&m->syscon, &m->bus, SPIN_BARE_SYSCON_BASE) ||
        spin_clint_attach(&m->clint, &m->bus, SPIN_BARE_CLINT_BASE, &m->hart)) {
        snprintf(err, err_size, "cannot map the machine's devices");
        goto fail;
    }
    rv_hart_reset(&m->hart, entry);
    return 0;
fail:
    rv_hart_destroy(&m->hart);
    spin_bus_destroy(&m->bus);
    return -1;
}

void spin_bare_machine_destroy(spin_bare_machine *m) {
    rv_hart_destroy(&m->hart);
    spin_bus_destroy(&m->bus);
}

/* Work done by the hart: instructions retired plus traps taken (a trap storm retires
 * nothing but must still use up the budget). */
static uint64_t work_done(const spin_bare_machine *m) { return m->hart.icount + m->hart.trap_count; }

spin_bare_status spin_bare_machine_run(spin_bare_machine *m, uint64_t max_insns) {
    uint64_t start = work_done(m);
    while (!m->exited) {
        uint64_t used = work_done(m) - start;
        if (used >= max_insns) return SPIN_BARE_BUDGET;
        /* Slices, not one long call: returning to the host now and then is what lets a
         * wasm engine swap in its optimised code for rv_hart_run (no on-stack
         * replacement for wasm), and later lets the host serve I/O. */
        uint64_t slice = max_insns - used;
        if (slice > SPIN_BARE_SLICE) slice = SPIN_BARE_SLICE;
        rv_run_result r = rv_hart_run(&m->hart, slice);
        if (r == RV_RUN_IDLE) {
            /* Nothing to do until the timer fires: skip straight to it. */
            uint64_t ticks = rv_hart_ticks_until_timer(&m->hart);
            if (ticks == UINT64_MAX || !(m->hart.mie & (UINT64_C(1) << 7))) {
                if (!(m->hart.mip & m->hart.mie)) return SPIN_BARE_DEADLOCK;
            } else {
                rv_hart_skip_time(&m->hart, ticks);
            }
        }
    }
    return SPIN_BARE_EXITED;
}
