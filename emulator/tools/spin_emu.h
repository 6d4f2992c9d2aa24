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
    const char *rootfs;    /* --rootfs: a host folder served as the container's root */
    const char **volumes;  /* -v HOST:GUEST[:ro], as given */
    int volume_count;
} spin_emu_options;

uint8_t *spin_emu_read_file(const char *path, size_t *size);
double spin_emu_now(void);
void spin_emu_print_stats(uint64_t instructions, double seconds);

int spin_emu_run_bare(const spin_emu_options *o);
int spin_emu_run_kernel(const spin_emu_options *o);

/* The file trees spin-emu serves the guest over virtio-9p (shares.c). */
typedef struct spin_p9_server spin_p9_server;
typedef struct spin_fs spin_fs;
struct spin_virt_machine;
struct cJSON;
typedef struct spin_emu_shares {
    spin_p9_server *server;
    spin_fs **trees;
    int count;
    struct spin_virt_machine *machine;
} spin_emu_shares;

/* Opens --rootfs and every -v folder and serves them (nothing to do without any). 0, or
 * -1 after printing why. */
int spin_emu_shares_open(spin_emu_shares *s, const spin_emu_options *o);
/* Adds "root" and "mounts" for the shares to a run message. 0, or -1 (no memory). */
int spin_emu_shares_describe(const spin_emu_shares *s, const spin_emu_options *o, struct cJSON *run);
/* The machine's p9_request callback (opaque: the spin_emu_shares). */
void spin_emu_shares_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len);
void spin_emu_shares_close(spin_emu_shares *s);

#endif
