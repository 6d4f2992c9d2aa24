/* spin-emu --net-udp: the guest's network device attached to a program on this host,
 * one Ethernet frame per UDP datagram on loopback (as QEMU's -netdev dgram does), so a
 * test harness can play the rest of the network. Loopback only by design: the socket
 * is bound to 127.0.0.1 and connected to 127.0.0.1:PORT, so the kernel passes only that
 * peer's datagrams. Native only: the wasm build has no sockets and refuses the option. */
#define _GNU_SOURCE /* SOCK_NONBLOCK, SOCK_CLOEXEC, MSG_TRUNC */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef __EMSCRIPTEN__
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include "spin_emu.h"
#include "runtime/container.h"
#include "virtio/virtio_net.h"

/* Datagrams taken per call: the host's share of one slice stays bounded. */
#define MAX_FRAMES_PER_POLL 256

int spin_emu_parse_udp_port(const char *spec, unsigned *port) {
    static const char *const loopback[] = {"127.0.0.1:", "localhost:"};
    for (size_t i = 0; i < sizeof loopback / sizeof *loopback; i++)
        if (!strncmp(spec, loopback[i], strlen(loopback[i]))) spec += strlen(loopback[i]);
    char *end;
    errno = 0;
    unsigned long n = strtoul(spec, &end, 10);
    if (errno || end == spec || *end || spec[0] == '-' || n == 0 || n > 65535) return -1;
    *port = (unsigned)n;
    return 0;
}

int spin_emu_parse_mac(const char *text, uint8_t mac[6]) {
    if (strlen(text) != 17) return -1;
    for (int i = 0; i < 17; i++)
        if (i % 3 == 2 ? text[i] != ':' : !isxdigit((unsigned char)text[i])) return -1;
    for (int i = 0; i < 6; i++) mac[i] = (uint8_t)strtoul((char[]){text[3 * i], text[3 * i + 1], 0}, NULL, 16);
    /* A unicast address that is not all zero (zero means "the default" to the machine). */
    if ((mac[0] & 1) || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5])) return -1;
    return 0;
}

#ifdef __EMSCRIPTEN__

int spin_emu_net_open(unsigned port, char *err, size_t err_size) {
    (void)port;
    snprintf(err, err_size, "--net-udp needs the native spin-emu (the wasm build has no sockets)");
    return -1;
}

void spin_emu_net_send(int fd, const uint8_t *frame, size_t len) {
    (void)fd, (void)frame, (void)len;
}

int spin_emu_net_poll(int fd, spin_container *c) {
    (void)fd, (void)c;
    return 0;
}

#else

int spin_emu_net_open(unsigned port, char *err, size_t err_size) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, err_size, "cannot make a UDP socket: %s", strerror(errno));
        return -1;
    }
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    struct sockaddr_in peer = local;
    peer.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) ||
        connect(fd, (struct sockaddr *)&peer, sizeof peer)) {
        snprintf(err, err_size, "cannot attach to 127.0.0.1:%u: %s", port, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

void spin_emu_net_send(int fd, const uint8_t *frame, size_t len) {
    /* A full socket buffer or a peer not (yet) listening loses the frame, as a cable
     * would; the guest's protocols retransmit. */
    (void)send(fd, frame, len, MSG_DONTWAIT);
}

int spin_emu_net_poll(int fd, spin_container *c) {
    static uint8_t frame[VIRTIO_NET_MAX_FRAME + 1];
    int taken = 0;
    for (int i = 0; i < MAX_FRAMES_PER_POLL; i++) {
        /* MSG_TRUNC: the datagram's real length, so an oversized one is refused whole
         * rather than delivered cut short. */
        ssize_t n = recv(fd, frame, sizeof frame, MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0) {
            if (errno == EINTR || errno == ECONNREFUSED) continue; /* peer not there yet */
            break; /* EAGAIN: nothing more */
        }
        if ((size_t)n <= VIRTIO_NET_MAX_FRAME && spin_container_net_input(c, frame, (size_t)n))
            taken++;
    }
    return taken;
}

#endif
