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
    char **command; /* after "--": the command for the guest init (NULL if none) */
    int command_count;
    /* How the command runs (sent to the init in its "run" message). */
    const char **env; /* -e K=V, in order */
    int env_count;
    const char *workdir, *user, *hostname;
    int tty, interactive;
    double timeout; /* seconds; 0: none */
} spin_emu_options;

uint8_t *spin_emu_read_file(const char *path, size_t *size);
double spin_emu_now(void);
void spin_emu_print_stats(uint64_t instructions, double seconds);

int spin_emu_run_bare(const spin_emu_options *o);
int spin_emu_run_kernel(const spin_emu_options *o);

#endif
