/* The host loop for a plain process (drive.h). */
#define _GNU_SOURCE /* getentropy, cfmakeraw, ppoll */
#include "runtime/drive.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
/* Blocks the (Node) thread without spinning: Atomics.wait on a private buffer that
 * nobody notifies, so it returns after the timeout. Node allows this on its main
 * thread; the npm package drives the machine from its event loop instead. */
EM_JS(void, host_sleep_ms, (double ms), {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
});
#else
#include <sys/ioctl.h>
#include <termios.h>
#endif

#define SLICE (UINT64_C(1) << 20)
#define MAX_IDLE_WAIT_NS UINT64_C(20000000) /* look at stdin at least every 20 ms */
#define MAX_WATCHED 1024                    /* stdin, input_fd and watch_fds' sockets */

typedef struct drive_state {
    spin_container *container;
    const spin_drive_options *options;
    bool stdin_open;
    double deadline; /* when the timeout kills the command (0: never) */
} drive_state;

static volatile sig_atomic_t pending_signal, pending_resize;

static void on_signal(int sig) { pending_signal = sig; }
static void on_resize(int sig) {
    (void)sig;
    pending_resize = 1;
}

static void output(void *opaque, int stream, const uint8_t *data, size_t len) {
    (void)opaque;
    FILE *f = stream == SPIN_STDERR ? stderr : stdout;
    fwrite(data, 1, len, f);
    fflush(f);
}

static void log_out(void *opaque, const uint8_t *data, size_t len) {
    (void)opaque;
    fwrite(data, 1, len, stderr);
}

static uint64_t wall_ns(void *opaque) {
    (void)opaque;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

double spin_drive_now(void) { return (double)monotonic_ns() / 1e9; }

static void random_bytes(void *opaque, uint8_t *buf, size_t len) {
    (void)opaque;
    while (len) {
        size_t n = len < 256 ? len : 256; /* getentropy's limit per call */
        if (getentropy(buf, n) != 0) memset(buf, 0, n);
        buf += n;
        len -= n;
    }
}

spin_container_host spin_drive_host(void) {
    return (spin_container_host){.output = output, .log = log_out, .now_ns = wall_ns,
                                 .random = random_bytes};
}

#ifndef __EMSCRIPTEN__
/* The command has not taken what was sent: stdin waits (it is not read on). */
static bool stdin_full(const drive_state *d) {
    return spin_container_stdin_pending(d->container) >= SPIN_STDIN_HIGH_WATER;
}
#endif

/* Sleeps until the guest's timer is due (or stdin or the other input is readable), then
 * moves guest time on. */
static void idle(drive_state *d, uint64_t wait_ns) {
    if (wait_ns > MAX_IDLE_WAIT_NS) wait_ns = MAX_IDLE_WAIT_NS;
    uint64_t t0 = monotonic_ns();
#ifdef __EMSCRIPTEN__
    host_sleep_ms((double)wait_ns / 1e6);
#else
    /* An fd of -1 is skipped. ppoll, not poll: a guest timer a fraction of a millisecond
     * away must not cost a whole one (network round trips, ping -i 0.001). */
    struct pollfd pfd[MAX_WATCHED] = {{.fd = d->stdin_open && !stdin_full(d) ? STDIN_FILENO : -1, .events = POLLIN},
                                      {.fd = d->options->poll_input ? d->options->input_fd : -1, .events = POLLIN}};
    size_t n = 2;
    if (d->options->watch_fds) n += d->options->watch_fds(d->options->opaque, pfd + 2, MAX_WATCHED - 2);
    struct timespec timeout = {(time_t)(wait_ns / 1000000000u), (long)(wait_ns % 1000000000u)};
    ppoll(pfd, (nfds_t)n, &timeout, NULL);
#endif
    spin_container_waited(d->container, monotonic_ns() - t0);
}

/* stdin to the command; at end of file the command's stdin is hung up. True if
 * something was handed over. */
static bool forward_stdin(drive_state *d) {
#ifdef __EMSCRIPTEN__
    d->stdin_open = false; /* Emscripten's Node file system has no poll() on stdin */
    return false;
#else
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (!d->stdin_open || stdin_full(d) || poll(&pfd, 1, 0) <= 0) return false;
    uint8_t buf[4096];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) {
        d->stdin_open = false;
        spin_container_close_stdin(d->container);
        return true;
    }
    spin_container_write_stdin(d->container, buf, (size_t)n);
    return true;
#endif
}

#ifndef __EMSCRIPTEN__
static struct termios saved_termios;
static bool termios_saved;

static void restore_terminal(void) {
    if (termios_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    termios_saved = false;
}

static void raw_terminal(void) {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_termios) != 0) return;
    termios_saved = true;
    atexit(restore_terminal);
    struct termios raw = saved_termios;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
}

static void update_size(drive_state *d) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row)
        spin_container_resize(d->container, ws.ws_col, ws.ws_row);
}
#endif

/* Between slices: signals and resizes from the host, and the timeout. */
static void host_events(drive_state *d) {
    if (pending_signal) {
        int sig = pending_signal;
        pending_signal = 0;
        spin_container_kill(d->container, sig);
    }
#ifndef __EMSCRIPTEN__
    if (pending_resize) {
        pending_resize = 0;
        update_size(d);
    }
#endif
    if (d->deadline > 0 && spin_drive_now() >= d->deadline) {
        d->deadline = 0;
        fprintf(stderr, "spin: timeout: killing the command after %g s\n", d->options->timeout);
        spin_container_kill(d->container, SIGKILL);
    }
}

static void install_handlers(drive_state *d) {
#ifndef __EMSCRIPTEN__
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (d->options->tty) {
        signal(SIGWINCH, on_resize);
        update_size(d);
        if (d->options->forward_stdin) raw_terminal();
    }
#else
    (void)d;
    (void)on_signal;
    (void)on_resize;
#endif
}

static void remove_handlers(void) {
#ifndef __EMSCRIPTEN__
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGWINCH, SIG_DFL);
    restore_terminal();
#endif
}

spin_container_state spin_drive(spin_container *c, const spin_drive_options *o) {
    drive_state d = {c, o, o->forward_stdin, o->timeout > 0 ? spin_drive_now() + o->timeout : 0};
    install_handlers(&d);
    bool ready_seen = false;
    uint64_t used = 0, budget = o->max_insns ? o->max_insns : UINT64_MAX;
    spin_container_state state = SPIN_CONTAINER_RUNNING;
    while (used < budget) {
        uint64_t before = spin_container_instructions(c), wait_ns;
        uint64_t slice = budget - used < SLICE ? budget - used : SLICE;
        state = spin_container_run(c, slice, &wait_ns);
        uint64_t ran = spin_container_instructions(c) - before;
        used += ran ? ran : 1; /* a slice of traps only still spends budget */
        if (!ready_seen && o->on_ready &&
            spin_container_ready_info(c, &(const char *){0}, &(uint64_t){0}, &(uint64_t){0})) {
            ready_seen = true;
            o->on_ready(o->opaque, c);
        }
        if (state == SPIN_CONTAINER_EXITED || state == SPIN_CONTAINER_READY ||
            state == SPIN_CONTAINER_FAILED)
            break;
        bool input = forward_stdin(&d);
        if (o->poll_input && o->poll_input(o->opaque, c)) input = true;
        host_events(&d);
        /* Input just handed over has the guest busy again: no sleeping now. */
        if (state == SPIN_CONTAINER_IDLE && !input) idle(&d, wait_ns);
    }
    fflush(stdout);
    remove_handlers();
    return state;
}
