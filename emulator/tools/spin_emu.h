/* spin-emu's parts: option parsing (spin_emu.c), the bare-metal runner (run_bare.c) and
 * the Linux runner (run_kernel.c). */
#ifndef SPIN_EMU_TOOL_H
#define SPIN_EMU_TOOL_H

#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"
#include "runtime/spec.h"

#define EXIT_BUDGET 124
#define EXIT_SPIN_FAILED 125

typedef struct spin_emu_options {
    const char *bare, *kernel, *initrd, *append;
    unsigned net_udp_port; /* --net-udp: 0 for no network device */
    uint8_t net_mac[6];    /* --net-mac: all zero for the machine's default */
    uint64_t max_insns, ram_mib;
    int trace, stats, verbose;
    int64_t jit_threshold; /* --jit: entries before code is translated (0 off, -1 default) */
    char **command; /* after "--": the command for the guest init (NULL if none) */
    int command_count;
    /* How the command runs (sent to the init in its "run" message). */
    const char **env; /* -e K=V, in order */
    int env_count;
    const char *workdir, *user, *hostname;
    int tty, interactive;
    double timeout; /* seconds; 0: none */
    const char *rootfs;    /* --rootfs: a host folder served as the container's root */
    const char **volumes;  /* -v HOST:GUEST[:ro], as given */
    int volume_count;
} spin_emu_options;

uint8_t *spin_emu_read_file(const char *path, size_t *size);
double spin_emu_now(void);
struct rv_hart;
/* The --stats line: instructions retired, seconds, MIPS, translations made (jit.h). */
void spin_emu_print_stats(const struct rv_hart *h, double seconds);

/* Applies --jit to a hart (the default stays where it was not given). */
void spin_emu_configure_hart(const spin_emu_options *o, struct rv_hart *h);

/* The --net-udp backend (net_udp.c). */
struct spin_container;
int spin_emu_parse_udp_port(const char *spec, unsigned *port);
int spin_emu_parse_mac(const char *text, uint8_t mac[6]);
/* A non-blocking UDP socket on 127.0.0.1 connected to 127.0.0.1:port, or -1 (err says
 * why). */
int spin_emu_net_open(unsigned port, char *err, size_t err_size);
void spin_emu_net_send(int fd, const uint8_t *frame, size_t len);
/* Hands the frames waiting on fd to the guest (a bounded number per call); returns how
 * many the guest's device accepted (dropped ones need no wake-up). */
int spin_emu_net_poll(int fd, struct spin_container *c);

int spin_emu_run_bare(const spin_emu_options *o);
int spin_emu_run_kernel(const spin_emu_options *o);

/* The file trees spin-emu gives the guest (shares.c): --rootfs and the -v folders. */
typedef struct spin_emu_shares {
    spin_fs *root;          /* NULL without --rootfs */
    spin_volume *volumes;   /* parsed -v arguments (heap strings) */
    spin_fs **trees;        /* trees[i] serves volumes[i] */
    size_t count;
} spin_emu_shares;

/* Opens --rootfs and every -v folder. 0, or -1 after printing why. */
int spin_emu_shares_open(spin_emu_shares *s, const spin_emu_options *o);
void spin_emu_shares_close(spin_emu_shares *s);

#endif
