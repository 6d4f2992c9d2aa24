/* A container on the virt machine: the control-port conversation with the guest's init
 * (ready -> run -> exit) and the stdio routing, driven in slices by the host. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "runtime/container.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fs/p9_server.h"
#include "virt_machine.h"

#define NS_PER_TICK (1000000000u / RV_TIMEBASE_HZ)
#define DEFAULT_RAM (UINT64_C(256) << 20)
/* The longest control line kept; longer ones are the guest misbehaving. */
#define MAX_CONTROL_LINE (UINT64_C(1) << 20)

struct spin_container {
    spin_virt_machine machine;
    spin_p9_server *p9; /* serves config's trees; NULL without any */
    spin_container_host host;
    char *run_message;      /* sent once the init is ready; NULL: boot only */
    bool tty, stdin_closed;
    char *line;             /* control-port bytes not yet ended by a newline */
    size_t line_len, line_cap;
    bool line_overflow;     /* dropping the rest of an over-long line */
    bool ready, exited;
    int exit_status;
    char *kernel_release, *error;
    uint64_t boot_ns, ready_instructions;
};

static void set_error(spin_container *c, const char *fmt, const char *arg) {
    char *msg;
    size_t len = strlen(fmt) + (arg ? strlen(arg) : 0) + 1;
    if (!(msg = malloc(len))) return;
    snprintf(msg, len, fmt, arg ? arg : "");
    free(c->error);
    c->error = msg;
}

static void send_control(spin_container *c, const char *json) {
    if (spin_virt_port_input(&c->machine, SPIN_VIRT_CONTROL_PORT, json, strlen(json)) ||
        spin_virt_port_input(&c->machine, SPIN_VIRT_CONTROL_PORT, "\n", 1))
        set_error(c, "%s", "out of memory sending a message to the guest");
}

static void control_message(spin_container *c, const char *text) {
    cJSON *msg = cJSON_Parse(text);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(msg, "type");
    if (!cJSON_IsString(type)) {
        set_error(c, "unreadable message from the guest's init: %.200s", text);
    } else if (!strcmp(type->valuestring, "ready") && !c->ready) {
        c->ready = true;
        c->ready_instructions = c->machine.hart.icount;
        const cJSON *kernel = cJSON_GetObjectItemCaseSensitive(msg, "kernel");
        const cJSON *boot = cJSON_GetObjectItemCaseSensitive(msg, "boot_ns");
        if (cJSON_IsString(kernel)) c->kernel_release = strdup(kernel->valuestring);
        if (cJSON_IsNumber(boot) && boot->valuedouble >= 0) c->boot_ns = (uint64_t)boot->valuedouble;
        if (c->run_message) send_control(c, c->run_message);
    } else if (!strcmp(type->valuestring, "exit") && !c->exited) {
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(msg, "status");
        c->exited = true;
        c->exit_status = cJSON_IsNumber(status) && status->valueint >= 0 && status->valueint <= 255
                             ? status->valueint : 125;
    } else if (!strcmp(type->valuestring, "error")) {
        const cJSON *message = cJSON_GetObjectItemCaseSensitive(msg, "message");
        set_error(c, "%s", cJSON_IsString(message) ? message->valuestring : text);
    }
    cJSON_Delete(msg);
}

static void control_bytes(spin_container *c, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n') {
            if (c->line_len && !c->line_overflow) {
                c->line[c->line_len] = '\0';
                control_message(c, c->line);
            }
            c->line_len = 0;
            c->line_overflow = false;
            continue;
        }
        if (c->line_overflow) continue;
        if (c->line_len + 2 > c->line_cap) {
            size_t cap = c->line_cap ? c->line_cap * 2 : 256;
            char *bigger = cap <= MAX_CONTROL_LINE ? realloc(c->line, cap) : NULL;
            if (!bigger) {
                c->line_overflow = true;
                continue;
            }
            c->line = bigger;
            c->line_cap = cap;
        }
        c->line[c->line_len++] = (char)data[i];
    }
}

static void port_out(void *opaque, int port, const uint8_t *data, size_t len) {
    spin_container *c = opaque;
    if (port == SPIN_VIRT_CONTROL_PORT) {
        control_bytes(c, data, len);
    } else if (port == 0 || port == SPIN_VIRT_STDOUT_PORT) {
        c->host.output(c->host.opaque, SPIN_STDOUT, data, len);
    } else if (port == SPIN_VIRT_STDERR_PORT) {
        c->host.output(c->host.opaque, SPIN_STDERR, data, len);
    }
}

/* 9P: the guest's requests go to the server, which answers at once (its trees answer
 * from memory or the local file system); the request id travels as the server's
 * per-request pointer. */
static void p9_reply(void *opaque, void *request, const uint8_t *msg, size_t len) {
    spin_container *c = opaque;
    spin_virt_p9_reply(&c->machine, *(const uint32_t *)request, msg, len);
}

static void p9_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len) {
    spin_container *c = opaque;
    spin_p9_server_handle(c->p9, msg, len, &id);
}

/* The server with the root as "" and volume i as "v<i>". 0, or -1. */
static int serve_trees(spin_container *c, const spin_container_config *config) {
    if (!config->root && !config->volume_count) return 0;
    if (!(c->p9 = spin_p9_server_new(0, p9_reply, c))) return -1;
    if (config->root && spin_p9_server_add_export(c->p9, "", config->root)) return -1;
    for (size_t i = 0; i < config->volume_count; i++) {
        char aname[32];
        snprintf(aname, sizeof aname, "v%zu", i);
        if (spin_p9_server_add_export(c->p9, aname, config->volumes[i])) return -1;
    }
    return 0;
}

static void net_out(void *opaque, const uint8_t *frame, size_t len) {
    spin_container *c = opaque;
    c->host.net_out(c->host.opaque, frame, len);
}

static void log_out(void *opaque, const uint8_t *data, size_t len) {
    spin_container *c = opaque;
    if (c->host.log) c->host.log(c->host.opaque, data, len);
}

static uint64_t now_ns(void *opaque) {
    spin_container *c = opaque;
    return c->host.now_ns(c->host.opaque);
}

static void random_bytes(void *opaque, uint8_t *buf, size_t len) {
    spin_container *c = opaque;
    c->host.random(c->host.opaque, buf, len);
}

/* /dev/console is the UART (the kernel log); the container's terminal is hvc0. */
static char *bootargs(const spin_container_config *config) {
    const char *base = config->kernel_log ? "earlycon=sbi console=ttyS0 loglevel=7"
                                          : "console=ttyS0 loglevel=0";
    const char *append = config->append ? config->append : "";
    size_t len = strlen(base) + strlen(append) + 2;
    char *s = malloc(len);
    if (s) snprintf(s, len, "%s%s%s", base, append[0] ? " " : "", append);
    return s;
}

spin_container *spin_container_create(const spin_container_config *config,
                                      const spin_container_host *host, char **err) {
    *err = NULL;
    spin_container *c = calloc(1, sizeof *c);
    char *args = bootargs(config);
    if (!c || !args || (config->spec && !(c->run_message = spin_spec_run_message(config->spec)))) {
        free(args);
        if (c) free(c->run_message);
        free(c);
        *err = strdup("out of memory");
        return NULL;
    }
    c->host = *host;
    c->tty = config->spec && config->spec->tty;
    if (serve_trees(c, config)) {
        free(args);
        spin_p9_server_free(c->p9);
        free(c->run_message);
        free(c);
        *err = strdup("cannot serve the container's file trees (out of memory)");
        return NULL;
    }
    spin_virt_config vc = {.ram_size = config->ram_size ? config->ram_size : DEFAULT_RAM,
                           .kernel = config->kernel, .kernel_size = config->kernel_size,
                           .initrd = config->initrd, .initrd_size = config->initrd_size,
                           .bootargs = args, .p9_tag = c->p9 ? "spin" : NULL,
                           .p9_max_request = SPIN_P9_DEFAULT_MAX_MSIZE};
    memcpy(vc.net_mac, config->net_mac, sizeof vc.net_mac);
    spin_virt_host vh = {.log_out = log_out, .port_out = port_out, .now_ns = now_ns,
                         .random = random_bytes, .p9_request = p9_request,
                         .net_out = host->net_out ? net_out : NULL, .opaque = c};
    char why[256];
    int failed = spin_virt_init(&c->machine, &vc, &vh, why, sizeof why);
    free(args);
    if (failed) {
        *err = strdup(why);
        spin_p9_server_free(c->p9);
        free(c->run_message);
        free(c);
        return NULL;
    }
    return c;
}

void spin_container_destroy(spin_container *c) {
    if (!c) return;
    spin_virt_destroy(&c->machine);
    spin_p9_server_free(c->p9);
    free(c->run_message);
    free(c->line);
    free(c->kernel_release);
    free(c->error);
    free(c);
}

spin_container_state spin_container_run(spin_container *c, uint64_t max_insns, uint64_t *wait_ns) {
    *wait_ns = 0;
    if (c->exited) return SPIN_CONTAINER_EXITED;
    if (c->machine.powered_off) return SPIN_CONTAINER_FAILED;
    if (c->ready && !c->run_message) return SPIN_CONTAINER_READY;
    spin_virt_status status = spin_virt_run(&c->machine, max_insns);
    /* The command's output is all in (it went out with each write) once "exit" came. */
    if (c->exited) return SPIN_CONTAINER_EXITED;
    if (c->ready && !c->run_message) return SPIN_CONTAINER_READY;
    if (status == SPIN_VIRT_POWEROFF) {
        if (!c->error)
            set_error(c, "the guest powered off before %s",
                      c->ready ? "reporting the command's status" : "its init was ready");
        return SPIN_CONTAINER_FAILED;
    }
    if (status == SPIN_VIRT_IDLE) {
        uint64_t ticks = spin_virt_ticks_until_timer(&c->machine);
        *wait_ns = ticks > UINT64_MAX / NS_PER_TICK ? UINT64_MAX : ticks * NS_PER_TICK;
        return SPIN_CONTAINER_IDLE;
    }
    return SPIN_CONTAINER_RUNNING;
}

void spin_container_waited(spin_container *c, uint64_t ns) {
    uint64_t ticks = ns / NS_PER_TICK;
    spin_virt_skip_time(&c->machine, ticks ? ticks : 1);
}

int spin_container_write_stdin(spin_container *c, const void *data, size_t len) {
    if (c->stdin_closed) return -1;
    return spin_virt_port_input(&c->machine, c->tty ? 0 : SPIN_VIRT_STDIN_PORT, data, len);
}

size_t spin_container_stdin_pending(const spin_container *c) {
    return spin_virt_port_pending(&c->machine, c->tty ? 0 : SPIN_VIRT_STDIN_PORT);
}

void spin_container_close_stdin(spin_container *c) {
    if (c->stdin_closed || c->tty) return;
    c->stdin_closed = true;
    spin_virt_port_close(&c->machine, SPIN_VIRT_STDIN_PORT);
}

void spin_container_kill(spin_container *c, int sig) {
    if (sig < 1 || sig > 64 || c->exited) return;
    if (!c->ready) { /* nothing runs yet: the container ends here */
        c->exited = true;
        c->exit_status = 128 + sig;
        return;
    }
    char msg[48];
    snprintf(msg, sizeof msg, "{\"type\":\"kill\",\"signal\":%d}", sig);
    send_control(c, msg);
}

bool spin_container_net_input(spin_container *c, const void *frame, size_t len) {
    return spin_virt_net_input(&c->machine, frame, len);
}

const struct virtio_net_stats *spin_container_net_stats(const spin_container *c) {
    return c->machine.has_net ? &c->machine.net.stats : NULL;
}

void spin_container_resize(spin_container *c, uint16_t cols, uint16_t rows) {
    spin_virt_console_resize(&c->machine, cols, rows);
}

int spin_container_exit_status(const spin_container *c) { return c->exited ? c->exit_status : -1; }

const char *spin_container_error(const spin_container *c) { return c->error; }

bool spin_container_ready_info(const spin_container *c, const char **kernel, uint64_t *boot_ns,
                               uint64_t *instructions) {
    if (!c->ready) return false;
    *kernel = c->kernel_release ? c->kernel_release : "?";
    *boot_ns = c->boot_ns;
    *instructions = c->ready_instructions;
    return true;
}

uint64_t spin_container_instructions(const spin_container *c) { return c->machine.hart.icount; }

struct rv_hart *spin_container_hart(spin_container *c) { return &c->machine.hart; }
