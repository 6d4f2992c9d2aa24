/* spin-emu --kernel: boots Linux on the virt machine as a container without an image
 * (src/runtime/container.h: the init's protocol, stdio routing, exit status, host
 * folders over virtio-9p from shares.c, the network device on a loopback UDP socket
 * from net_udp.c), driven from this process by src/runtime/drive.h (idle sleeps,
 * stdin, signals, terminal). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "runtime/container.h"
#include "runtime/drive.h"
#include "spin_emu.h"
#include "virtio/virtio_net.h"

/* What to run: the command after "--" with -e/-w/-u/-t/-i/--hostname, by the same rules
 * as containers (no image config here). 0, or -1 after saying why. */
static int build_spec(const spin_emu_options *o, const spin_emu_shares *shares, spin_spec *spec) {
    const spin_run_options options = {
        .command = (const char *const *)o->command, .command_count = (size_t)o->command_count,
        .env = o->env, .env_count = (size_t)o->env_count, .workdir = o->workdir, .user = o->user,
        .hostname = o->hostname, .tty = o->tty != 0, .interactive = o->interactive != 0,
        .volumes = shares->volumes, .volume_count = shares->count, .root_tree = shares->root != NULL};
    char *err = NULL;
    if (spin_spec_build(NULL, &options, spec, &err) == 0) return 0;
    fprintf(stderr, "spin-emu: %s\n", err ? err : "out of memory");
    free(err);
    return -1;
}

static double start;

/* --net-udp: frames between the guest's network device and a program on loopback. */
typedef struct net_link {
    int fd;
} net_link;

static void net_out(void *opaque, const uint8_t *frame, size_t len) {
    const net_link *n = opaque;
    spin_emu_net_send(n->fd, frame, len);
}

static bool net_poll(void *opaque, spin_container *c) {
    const net_link *n = opaque;
    return spin_emu_net_poll(n->fd, c) > 0;
}

static void print_net_stats(spin_container *c) {
    const virtio_net_stats *n = spin_container_net_stats(c);
    if (n)
        fprintf(stderr, "spin-emu: net {\"tx_frames\":%" PRIu64 ",\"tx_errors\":%" PRIu64
                ",\"tx_checksums\":%" PRIu64 ",\"rx_frames\":%" PRIu64 ",\"rx_dropped\":%" PRIu64
                "}\n", n->tx_frames, n->tx_errors, n->tx_checksums, n->rx_frames, n->rx_dropped);
}

static void report_ready(void *opaque, spin_container *c) {
    (void)opaque;
    const char *kernel;
    uint64_t boot_ns, instructions;
    if (spin_container_ready_info(c, &kernel, &boot_ns, &instructions))
        fprintf(stderr, "spin-emu: guest ready after %.3f s (kernel %s, %.3f s of guest boot time, %" PRIu64
                " instructions)\n", spin_drive_now() - start, kernel, (double)boot_ns / 1e9, instructions);
}

int spin_emu_run_kernel(const spin_emu_options *o) {
    start = spin_drive_now();
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
    spin_spec spec = {0};
    spin_emu_shares shares;
    if (spin_emu_shares_open(&shares, o) != 0) {
        free(kernel);
        free(initrd);
        return EXIT_SPIN_FAILED;
    }
    if (o->command && build_spec(o, &shares, &spec) != 0) {
        free(kernel);
        free(initrd);
        spin_emu_shares_close(&shares);
        return EXIT_SPIN_FAILED;
    }
    net_link net = {-1};
    char net_err[256];
    if (o->net_udp_port && (net.fd = spin_emu_net_open(o->net_udp_port, net_err, sizeof net_err)) < 0) {
        fprintf(stderr, "spin-emu: %s\n", net_err);
        free(kernel);
        free(initrd);
        spin_spec_free(&spec);
        spin_emu_shares_close(&shares);
        return EXIT_SPIN_FAILED;
    }
    spin_container_config config = {kernel, kernel_size, initrd, initrd_size, o->ram_mib << 20,
                                    o->verbose != 0, o->append, o->command ? &spec : NULL,
                                    shares.root, shares.trees, shares.count, {0}};
    memcpy(config.net_mac, o->net_mac, sizeof config.net_mac);
    spin_container_host host = spin_drive_host();
    if (!o->verbose) host.log = NULL;
    if (net.fd >= 0) host.net_out = net_out;
    host.opaque = &net; /* the drive host's own callbacks take no state */
    char *err = NULL;
    spin_container *c = spin_container_create(&config, &host, &err);
    free(kernel);
    free(initrd);
    spin_spec_free(&spec);
    if (!c) {
        fprintf(stderr, "spin-emu: %s: %s\n", o->kernel, err ? err : "out of memory");
        free(err);
        spin_emu_shares_close(&shares);
        if (net.fd >= 0) close(net.fd);
        return EXIT_SPIN_FAILED;
    }
    if (o->trace) fprintf(stderr, "spin-emu: --trace is only for --bare programs; ignored\n");
    spin_emu_configure_hart(o, spin_container_hart(c));

    spin_drive_options drive = {.forward_stdin = o->interactive != 0, .tty = o->tty != 0,
                                .timeout = o->timeout,
                                .max_insns = o->max_insns == UINT64_MAX ? 0 : o->max_insns,
                                .on_ready = o->verbose || !o->command ? report_ready : NULL,
                                .input_fd = net.fd, .poll_input = net.fd >= 0 ? net_poll : NULL,
                                .opaque = &net};
    spin_container_state state = spin_drive(c, &drive);
    if (o->stats) {
        spin_emu_print_stats(spin_container_hart(c), spin_drive_now() - start);
        print_net_stats(c);
    }

    int code;
    const char *why = spin_container_error(c);
    if (state == SPIN_CONTAINER_EXITED) {
        code = spin_container_exit_status(c);
        if (why) fprintf(stderr, "spin-emu: guest: %s\n", why);
    } else if (state == SPIN_CONTAINER_READY) {
        code = 0; /* booted to ready, no command */
    } else if (state == SPIN_CONTAINER_FAILED) {
        fprintf(stderr, "spin-emu: %s\n", why ? why : "the guest failed");
        code = EXIT_SPIN_FAILED;
    } else {
        fprintf(stderr, "spin-emu: the guest did not finish within %" PRIu64 " instructions\n", o->max_insns);
        code = EXIT_BUDGET;
    }
    spin_container_destroy(c);
    spin_emu_shares_close(&shares);
    if (net.fd >= 0) close(net.fd);
    return code;
}
