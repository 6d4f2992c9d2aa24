/* spin-emu --kernel: boots Linux on the virt machine, talks to Spin's init on the control
 * port (docs/guest-init.md): once it is ready, sends the command (with the file trees
 * to mount) as a "run" message, and turns the command's end into an exit status. Host
 * folders are served over virtio-9p (shares.c). The host
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
#include "fs/p9_server.h"
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
    spin_emu_shares shares;
    bool ready, reported_exit, stop;
    int exit_status;
    double start;
} kernel_run;

static void log_out(void *opaque, const uint8_t *data, size_t len) {
    kernel_run *k = opaque;
    if (k->options->verbose) fwrite(data, 1, len, stderr);
}

/* The command for the init, with the file trees to mount. */
static void send_run(kernel_run *k) {
    const spin_emu_options *o = k->options;
    cJSON *run = cJSON_CreateObject();
    cJSON *argv = run ? cJSON_AddArrayToObject(run, "argv") : NULL;
    bool ok = argv && cJSON_AddStringToObject(run, "type", "run");
    for (int i = 0; ok && i < o->command_count; i++) {
        cJSON *arg = cJSON_CreateString(o->command[i]);
        ok = arg && cJSON_AddItemToArray(argv, arg);
    }
    ok = ok && spin_emu_shares_describe(&k->shares, o, run) == 0;
    char *text = ok ? cJSON_PrintUnformatted(run) : NULL;
    cJSON_Delete(run);
    if (!text || spin_virt_port_input(&k->machine, SPIN_VIRT_CONTROL_PORT, text, strlen(text)) ||
        spin_virt_port_input(&k->machine, SPIN_VIRT_CONTROL_PORT, "\n", 1)) {
        fprintf(stderr, "spin-emu: out of memory for the run message\n");
        k->stop = true;
    }
    free(text);
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
        else send_run(k);
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

static void p9_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len) {
    kernel_run *k = opaque;
    spin_emu_shares_request(&k->shares, id, msg, len);
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

/* The kernel command line: our defaults and the user's additions. (The command goes to
 * the init in a "run" message, which carries any argument and the file trees.) */
static char *build_bootargs(const spin_emu_options *o) {
    const char *base = o->verbose ? "earlycon=sbi console=ttyS0 console=hvc0 loglevel=7"
                                  : "console=hvc1 loglevel=0";
    size_t len = strlen(base) + (o->append ? strlen(o->append) + 1 : 0);
    char *s = malloc(len + 1);
    if (!s) return NULL;
    strcpy(s, base);
    if (o->append) strcat(strcat(s, " "), o->append);
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
    static kernel_run k;
    if (!bootargs || spin_emu_shares_open(&k.shares, o)) {
        if (!bootargs) fprintf(stderr, "spin-emu: out of memory\n");
        free(kernel);
        free(initrd);
        free(bootargs);
        return EXIT_SPIN_FAILED;
    }
    k.options = o;
    k.start = spin_emu_now();
    spin_virt_config config = {
        .ram_size = o->ram_mib << 20,
        .kernel = kernel, .kernel_size = kernel_size,
        .initrd = initrd, .initrd_size = initrd_size,
        .bootargs = bootargs,
        .p9_tag = k.shares.server ? "spin" : NULL, /* the device only when there are shares */
        .p9_max_request = SPIN_P9_DEFAULT_MAX_MSIZE,
    };
    spin_virt_host host = {
        .log_out = log_out, .port_out = port_out, .now_ns = now_ns, .random = random_bytes,
        .p9_request = p9_request, .opaque = &k,
    };
    k.shares.machine = &k.machine;
    char err[256];
    int failed = spin_virt_init(&k.machine, &config, &host, err, sizeof err);
    free(kernel);
    free(initrd);
    free(bootargs);
    if (failed) {
        fprintf(stderr, "spin-emu: %s: %s\n", o->kernel, err);
        spin_emu_shares_close(&k.shares);
        return EXIT_SPIN_FAILED;
    }
    if (o->trace) fprintf(stderr, "spin-emu: --trace is only for --bare programs; ignored\n");

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
    if (o->stats) spin_emu_print_stats(k.machine.hart.icount, seconds);

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
    spin_emu_shares_close(&k.shares);
    free(k.line);
    return code;
}
