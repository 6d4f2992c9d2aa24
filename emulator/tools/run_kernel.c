/* spin-emu --kernel: boots Linux on the virt machine, talks to Spin's init on the control
 * port (docs/guest-init.md), and turns the command's end into an exit status. The host
 * side of idling lives here: when the guest waits for its timer, the process sleeps in
 * poll() (watching stdin) and then moves guest time on by what really passed. */
#define _DEFAULT_SOURCE /* getentropy */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
/* Blocks the (Node) thread without spinning: Atomics.wait on a private buffer that
 * nobody notifies, so it returns after the timeout. Node allows this on its main
 * thread; the npm package will drive the machine from the event loop instead. */
EM_JS(void, host_sleep_ms, (double ms), {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
});
#endif

#include "cJSON.h"
#include "spin_emu.h"
#include "virt_machine.h"

#define SLICE (UINT64_C(1) << 20)
#define MAX_IDLE_WAIT_NS UINT64_C(20000000) /* look at stdin at least every 20 ms */
#define NS_PER_TICK (1000000000 / RV_TIMEBASE_HZ)

typedef struct kernel_run {
    spin_virt_machine machine;
    const spin_emu_options *options;
    char *line; /* control-port bytes not yet ended by a newline */
    size_t line_len, line_cap;
    bool ready, reported_exit, stop;
    int exit_status;
    double start;
} kernel_run;

static void log_out(void *opaque, const uint8_t *data, size_t len) {
    kernel_run *k = opaque;
    if (k->options->verbose) fwrite(data, 1, len, stderr);
}

static void control_message(kernel_run *k, const char *text) {
    cJSON *msg = cJSON_Parse(text);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(msg, "type");
    if (!cJSON_IsString(type)) {
        fprintf(stderr, "spin-emu: unreadable message from the guest's init: %.200s\n", text);
    } else if (!strcmp(type->valuestring, "ready")) {
        k->ready = true;
        const cJSON *kernel = cJSON_GetObjectItemCaseSensitive(msg, "kernel");
        const cJSON *boot = cJSON_GetObjectItemCaseSensitive(msg, "boot_ns");
        if (k->options->verbose || !k->options->command)
            fprintf(stderr, "spin-emu: guest ready after %.3f s (kernel %s, %.3f s of guest boot time, %" PRIu64
                    " instructions)\n", spin_emu_now() - k->start,
                    cJSON_IsString(kernel) ? kernel->valuestring : "?",
                    cJSON_IsNumber(boot) ? boot->valuedouble / 1e9 : 0.0, k->machine.hart.icount);
        if (!k->options->command) k->stop = true; /* booting was all that was asked */
    } else if (!strcmp(type->valuestring, "exit")) {
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(msg, "status");
        k->reported_exit = true;
        k->exit_status = cJSON_IsNumber(status) ? status->valueint : EXIT_SPIN_FAILED;
    } else if (!strcmp(type->valuestring, "error")) {
        const cJSON *message = cJSON_GetObjectItemCaseSensitive(msg, "message");
        fprintf(stderr, "spin-emu: guest: %s\n", cJSON_IsString(message) ? message->valuestring : text);
    }
    cJSON_Delete(msg);
}

static void port_out(void *opaque, int port, const uint8_t *data, size_t len) {
    kernel_run *k = opaque;
    if (port == 0) {
        fwrite(data, 1, len, stdout);
        fflush(stdout);
        return;
    }
    if (port != SPIN_VIRT_CONTROL_PORT) return;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n') {
            if (k->line_len) {
                k->line[k->line_len] = '\0';
                control_message(k, k->line);
            }
            k->line_len = 0;
            continue;
        }
        if (k->line_len + 2 > k->line_cap) {
            size_t cap = k->line_cap ? k->line_cap * 2 : 256;
            char *bigger = realloc(k->line, cap);
            if (!bigger) return; /* drop the byte; the message will not parse */
            k->line = bigger;
            k->line_cap = cap;
        }
        k->line[k->line_len++] = (char)data[i];
    }
}

static uint64_t now_ns(void *opaque) {
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

static void random_bytes(void *opaque, uint8_t *buf, size_t len) {
    (void)opaque;
    while (len) {
        size_t n = len < 256 ? len : 256; /* getentropy's limit per call */
        if (getentropy(buf, n) != 0) memset(buf, 0, n);
        buf += n;
        len -= n;
    }
}

/* The kernel command line: our defaults, the user's additions, then the command for
 * the init after "--" (each argument in double quotes, which the kernel strips). */
static char *build_bootargs(const spin_emu_options *o) {
    const char *base = o->verbose ? "earlycon=sbi console=ttyS0 console=hvc0 loglevel=7"
                                  : "console=hvc1 loglevel=0";
    size_t len = strlen(base) + (o->append ? strlen(o->append) + 1 : 0) + 4;
    for (int i = 0; i < o->command_count; i++) len += strlen(o->command[i]) + 3;
    char *s = malloc(len + 1);
    if (!s) return NULL;
    strcpy(s, base);
    if (o->append) strcat(strcat(s, " "), o->append);
    if (o->command_count) {
        strcat(s, " --");
        for (int i = 0; i < o->command_count; i++) {
            if (strchr(o->command[i], '"')) {
                free(s);
                errno = EINVAL;
                return NULL;
            }
            strcat(strcat(strcat(s, " \""), o->command[i]), "\"");
        }
    }
    return s;
}

/* Waits until the guest's timer is due (or stdin has input), then moves guest time on.
 * In wasm under Node this program has no poll() on stdin: it sleeps with Atomics.wait
 * and reads no input. */
static void idle(kernel_run *k, bool *stdin_open) {
    uint64_t ticks = spin_virt_ticks_until_timer(&k->machine);
    uint64_t wait_ns = ticks > MAX_IDLE_WAIT_NS / NS_PER_TICK ? MAX_IDLE_WAIT_NS : ticks * NS_PER_TICK;
    uint64_t t0 = monotonic_ns();
#ifdef __EMSCRIPTEN__
    (void)stdin_open;
    host_sleep_ms((double)wait_ns / 1e6);
#else
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    poll(&pfd, *stdin_open ? 1 : 0, (int)((wait_ns + 999999) / 1000000));
#endif
    uint64_t waited = monotonic_ns() - t0;
    uint64_t skip = waited / NS_PER_TICK;
    spin_virt_skip_time(&k->machine, skip ? skip : 1);
}

static void forward_stdin(kernel_run *k, bool *stdin_open) {
#ifdef __EMSCRIPTEN__
    (void)k;
    *stdin_open = false;
    return;
#endif
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (!*stdin_open || poll(&pfd, 1, 0) <= 0) return;
    uint8_t buf[4096];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) {
        *stdin_open = false;
        return;
    }
    spin_virt_port_input(&k->machine, 0, buf, (size_t)n);
}

int spin_emu_run_kernel(const spin_emu_options *o) {
    size_t kernel_size = 0, initrd_size = 0;
    uint8_t *kernel = spin_emu_read_file(o->kernel, &kernel_size), *initrd = NULL;
    if (!kernel) {
        fprintf(stderr, "spin-emu: cannot read %s: %s\n", o->kernel, strerror(errno));
        return EXIT_SPIN_FAILED;
    }
    if (o->initrd && !(initrd = spin_emu_read_file(o->initrd, &initrd_size))) {
        fprintf(stderr, "spin-emu: cannot read %s: %s\n", o->initrd, strerror(errno));
        free(kernel);
        return EXIT_SPIN_FAILED;
    }
    char *bootargs = build_bootargs(o);
    if (!bootargs) {
        fprintf(stderr, "spin-emu: a command argument contains '\"', which the kernel command line cannot carry\n");
        free(kernel);
        free(initrd);
        return EXIT_SPIN_FAILED;
    }
    static kernel_run k;
    k.options = o;
    k.start = spin_emu_now();
    spin_virt_config config = {o->ram_mib << 20, kernel, kernel_size, initrd, initrd_size, bootargs};
    spin_virt_host host = {log_out, port_out, now_ns, random_bytes, &k};
    char err[256];
    int failed = spin_virt_init(&k.machine, &config, &host, err, sizeof err);
    free(kernel);
    free(initrd);
    free(bootargs);
    if (failed) {
        fprintf(stderr, "spin-emu: %s: %s\n", o->kernel, err);
        return EXIT_SPIN_FAILED;
    }
    if (o->trace) fprintf(stderr, "spin-emu: --trace is only for --bare programs; ignored\n");
    spin_emu_configure_hart(o, &k.machine.hart);

    bool stdin_open = true;
    uint64_t used = 0;
    spin_virt_status status = SPIN_VIRT_RUNNING;
    while (!k.stop && used < o->max_insns) {
        uint64_t before = k.machine.hart.icount + k.machine.hart.trap_count;
        uint64_t slice = o->max_insns - used < SLICE ? o->max_insns - used : SLICE;
        status = spin_virt_run(&k.machine, slice);
        used += k.machine.hart.icount + k.machine.hart.trap_count - before;
        if (status == SPIN_VIRT_POWEROFF) break;
        forward_stdin(&k, &stdin_open);
        if (status == SPIN_VIRT_IDLE) idle(&k, &stdin_open);
    }
    double seconds = spin_emu_now() - k.start;
    fflush(stdout);
    if (o->stats) spin_emu_print_stats(&k.machine.hart, seconds);

    int code;
    if (k.reported_exit) {
        code = k.exit_status;
    } else if (k.stop) {
        code = 0; /* booted to ready, no command */
    } else if (status == SPIN_VIRT_POWEROFF) {
        fprintf(stderr, "spin-emu: the guest powered off before %s\n",
                k.ready ? "reporting the command's status" : "its init was ready");
        code = EXIT_SPIN_FAILED;
    } else {
        fprintf(stderr, "spin-emu: the guest did not finish within %" PRIu64 " instructions (pc 0x%" PRIx64 ")\n",
                o->max_insns, k.machine.hart.pc);
        code = EXIT_BUDGET;
    }
    spin_virt_destroy(&k.machine);
    free(k.line);
    return code;
}
