/* spin-emu's parts: option parsing (spin_emu.c), the bare-metal runner (run_bare.c) and
 * the Linux runner (run_kernel.c). */
#ifndef SPIN_EMU_TOOL_H
#define SPIN_EMU_TOOL_H

#include <stddef.h>
#include <stdint.h>

#define EXIT_BUDGET 124
#define EXIT_SPIN_FAILED 125

typedef struct spin_emu_options {
    const char *bare, *kernel, *initrd, *append;
    uint64_t max_insns, ram_mib;
    int trace, stats, verbose;
    int64_t jit_threshold; /* --jit: entries before code is translated (0 off, -1 default) */
    char **command; /* after "--": the command for the guest init (NULL if none) */
    int command_count;
} spin_emu_options;

uint8_t *spin_emu_read_file(const char *path, size_t *size);
double spin_emu_now(void);
struct rv_hart;
/* The --stats line: instructions retired, seconds, MIPS, translations made (jit.h). */
void spin_emu_print_stats(const struct rv_hart *h, double seconds);

/* Applies --jit to a hart (the default stays where it was not given). */
void spin_emu_configure_hart(const spin_emu_options *o, struct rv_hart *h);

int spin_emu_run_bare(const spin_emu_options *o);
int spin_emu_run_kernel(const spin_emu_options *o);

#endif
