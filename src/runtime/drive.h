/*
 * Driving a container from a plain process (spin-emu --kernel, the native spin CLI, and
 * spin-emu's wasm twin under Node): the host loop of container.h with this process's
 * stdio, clocks and signals. When the guest idles the process sleeps (natively in
 * poll(), watching stdin; in wasm with Atomics.wait) and then tells the container how
 * long it slept. Signals (SIGINT, SIGTERM, SIGHUP) go to the command; with a TTY the
 * window size follows SIGWINCH, and -it on a terminal makes it raw so that keys (Ctrl-C
 * included) reach the guest's terminal. The npm package has its own host in JS.
 */
#ifndef SPIN_RUNTIME_DRIVE_H
#define SPIN_RUNTIME_DRIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/container.h"

struct pollfd;

typedef struct spin_drive_options {
    bool forward_stdin;  /* -i: stdin to the command (native builds only) */
    bool tty;            /* -t: pass the window size on; raw terminal with forward_stdin */
    double timeout;      /* seconds from the start until SIGKILL; 0: none */
    uint64_t max_insns;  /* guest instruction budget (traps count one); 0: none */
    /* Called once when the guest's init is ready (may be NULL). */
    void (*on_ready)(void *opaque, spin_container *c);
    /* Another input to watch (a network socket), used when poll_input is set: idle
     * sleeps end when input_fd is readable, and poll_input is called between slices to
     * hand what arrived to the container; it returns true if it handed over anything. */
    int input_fd;
    bool (*poll_input)(void *opaque, spin_container *c);
    /* More inputs (the network's sockets; may be NULL): fills up to max entries with
     * what idle sleeps should also end for, and returns how many. */
    size_t (*watch_fds)(void *opaque, struct pollfd *fds, size_t max);
    void *opaque;
} spin_drive_options;

/* The host callbacks for this process: output to stdout/stderr, kernel log to stderr,
 * wall clock, entropy. */
spin_container_host spin_drive_host(void);

/* Runs c until it exits, fails, is ready without a command, or spends the budget
 * (then SPIN_CONTAINER_RUNNING is returned). */
spin_container_state spin_drive(spin_container *c, const spin_drive_options *options);

/* Seconds on a monotonic clock. */
double spin_drive_now(void);

#endif
