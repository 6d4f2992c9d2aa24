/*
 * A container's life on the virt machine: boot the guest kernel, hand the init its
 * "run" message once it is ready, carry stdio and signals, and turn the command's end
 * into an exit status (docs/guest-init.md has the protocol).
 *
 * Nothing here blocks or reads a clock of its own: the host (spin-emu, the spin CLI,
 * the Node worker) calls spin_container_run for a slice of guest instructions, sleeps
 * when it answers SPIN_CONTAINER_IDLE for at most the time it says, tells how long it
 * really waited, and passes input, signals and resizes in between. Output, the kernel
 * log and wall-clock time go through spin_container_host.
 */
#ifndef SPIN_RUNTIME_CONTAINER_H
#define SPIN_RUNTIME_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"
#include "runtime/spec.h"

typedef struct spin_container spin_container;

enum { SPIN_STDOUT = 1, SPIN_STDERR = 2 };

typedef struct spin_container_host {
    /* The command's output: stream SPIN_STDOUT or SPIN_STDERR (a TTY's output is stdout). */
    void (*output)(void *opaque, int stream, const uint8_t *data, size_t len);
    /* The kernel log (may be NULL: discarded). */
    void (*log)(void *opaque, const uint8_t *data, size_t len);
    /* Wall-clock time, ns since the Unix epoch (the guest's RTC). */
    uint64_t (*now_ns)(void *opaque);
    /* Entropy for the guest. */
    void (*random)(void *opaque, uint8_t *buf, size_t len);
    /* Ethernet frames the guest sends; NULL: the container has no network device. */
    void (*net_out)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
} spin_container_host;

typedef struct spin_container_config {
    const uint8_t *kernel; /* Linux Image with Spin's init (copied: may be freed after) */
    size_t kernel_size;
    const uint8_t *initrd; /* optional extra initramfs */
    size_t initrd_size;
    uint64_t ram_size;     /* bytes; 0: 256 MiB */
    bool kernel_log;       /* print the kernel's messages through host.log */
    const char *append;    /* more kernel command line (may be NULL) */
    const spin_spec *spec; /* what to run (copied into the run message); NULL: boot only */
    /* File trees served to the guest over virtio-9p (borrowed: they must outlive the
     * container): the root (the "" export, used when spec->root_tree) and one per
     * spec mount ("v<i>"). No trees: no 9p device. */
    spin_fs *root;
    spin_fs *const *volumes;
    size_t volume_count;
    uint8_t net_mac[6];    /* the network device's MAC (with host.net_out); all zero: the
                            * machine's default */
} spin_container_config;

typedef enum spin_container_state {
    SPIN_CONTAINER_RUNNING, /* the slice's budget is spent: call again */
    SPIN_CONTAINER_IDLE,    /* the guest waits: sleep up to *wait_ns (input may end it) */
    SPIN_CONTAINER_READY,   /* booted, no spec given: done (see spin_container_ready_info) */
    SPIN_CONTAINER_EXITED,  /* the command ended: spin_container_exit_status */
    SPIN_CONTAINER_FAILED,  /* the guest stopped without a status: spin_container_error */
} spin_container_state;

/* Builds the machine and loads the kernel. NULL with a heap sentence in *err. */
spin_container *spin_container_create(const spin_container_config *config,
                                      const spin_container_host *host, char **err);
void spin_container_destroy(spin_container *c);

/* Runs up to max_insns guest instructions. When IDLE, *wait_ns is how long the host may
 * sleep before the guest's next timer (UINT64_MAX: no timer). */
spin_container_state spin_container_run(spin_container *c, uint64_t max_insns, uint64_t *wait_ns);
/* The host slept (or was busy) for ns while the guest was idle: guest time moves on. */
void spin_container_waited(spin_container *c, uint64_t ns);

/* Input for the command: its stdin port (or its terminal in TTY mode). -1 after close or
 * when memory runs out. */
int spin_container_write_stdin(spin_container *c, const void *data, size_t len);
/* Input written but not yet taken by the guest: hosts keep this bounded (stop reading
 * their input above SPIN_STDIN_HIGH_WATER) so that a command that does not read cannot
 * make the host buffer without end. */
#define SPIN_STDIN_HIGH_WATER (1u << 20)
size_t spin_container_stdin_pending(const spin_container *c);
/* End of input: the command reads end of file (no effect in TTY mode). */
void spin_container_close_stdin(spin_container *c);
/* Sends signal sig (1..64) to the command; before it started, the machine just stops
 * (status 128 + sig). */
void spin_container_kill(spin_container *c, int sig);
/* One Ethernet frame for the guest (copied). True if delivered or queued, false if
 * dropped (or there is no network device). */
bool spin_container_net_input(spin_container *c, const void *frame, size_t len);
/* The terminal's size (TTY mode). */
void spin_container_resize(spin_container *c, uint16_t cols, uint16_t rows);

/* After EXITED: the command's status (128 + n if signal n killed it). */
int spin_container_exit_status(const spin_container *c);
/* After FAILED (or for the last error the guest reported): a sentence, or NULL. */
const char *spin_container_error(const spin_container *c);
/* Boot facts from the init's ready message (valid once ready): the kernel release,
 * guest ns from kernel start to ready, guest instructions to ready. */
bool spin_container_ready_info(const spin_container *c, const char **kernel,
                               uint64_t *boot_ns, uint64_t *instructions);
/* The network device's counters, or NULL without one. */
struct virtio_net_stats;
const struct virtio_net_stats *spin_container_net_stats(const spin_container *c);
/* The machine's hart, for developer tools (spin-emu's --jit and --stats). */
struct rv_hart;
struct rv_hart *spin_container_hart(spin_container *c);
/* Guest instructions retired so far. */
uint64_t spin_container_instructions(const spin_container *c);

#endif
