/* POSIX sockets behind net_host.h (net_posix.h). A handle is an index into one table of
 * sockets; every socket is non-blocking, and nothing is called back from inside an op:
 * a connect's outcome, data, accepts and writability all come out of
 * spin_net_posix_poll. */
#define _GNU_SOURCE /* accept4, MSG_NOSIGNAL */
#include "net/net_posix.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_CHUNK (32u << 10)
#define READS_PER_POLL 4 /* per socket, so that one busy peer does not starve the rest */

typedef enum { SOCK_FREE, SOCK_CONNECTING, SOCK_TCP, SOCK_LISTEN, SOCK_UDP } sock_kind;

typedef struct sock {
    sock_kind kind;
    int fd;
    bool paused, want_write, eof;
} sock;

struct spin_net_posix {
    sock socks[SPIN_NET_POSIX_MAX_SOCKETS];
    spin_net *net;
};

static sock *get(spin_net_posix *p, int h) {
    if (h < 0 || h >= SPIN_NET_POSIX_MAX_SOCKETS || p->socks[h].kind == SOCK_FREE) return NULL;
    return &p->socks[h];
}

static int add(spin_net_posix *p, int fd, sock_kind kind) {
    for (int h = 0; h < SPIN_NET_POSIX_MAX_SOCKETS; h++)
        if (p->socks[h].kind == SOCK_FREE) {
            p->socks[h] = (sock){.kind = kind, .fd = fd};
            return h;
        }
    close(fd);
    return -1;
}

static struct sockaddr_in inet(uint32_t ip, uint16_t port) {
    return (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(ip)};
}

static int op_tcp_connect(void *opaque, uint32_t ip, uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = inet(ip, port);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return add(opaque, fd, SOCK_CONNECTING); /* the outcome comes out of the poll */
}

static long op_tcp_send(void *opaque, int h, const uint8_t *data, size_t len) {
    sock *s = get(opaque, h);
    if (!s || s->kind != SOCK_TCP) return -1;
    ssize_t n = send(s->fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) n = 0;
    if (n < 0) return -1;
    if ((size_t)n < len) s->want_write = true;
    return (long)n;
}

static void op_tcp_shutdown(void *opaque, int h) {
    sock *s = get(opaque, h);
    if (s) shutdown(s->fd, SHUT_WR);
}

static void op_close(spin_net_posix *p, int h, bool reset) {
    sock *s = get(p, h);
    if (!s) return;
    if (reset) {
        struct linger l = {1, 0}; /* close sends RST */
        setsockopt(s->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    close(s->fd);
    *s = (sock){.kind = SOCK_FREE, .fd = -1};
}

static void op_tcp_close(void *opaque, int h, bool reset) { op_close(opaque, h, reset); }

static void op_tcp_pause(void *opaque, int h, bool paused) {
    sock *s = get(opaque, h);
    if (s) s->paused = paused;
}

static int op_listen(void *opaque, uint32_t ip, uint16_t port, char *error, size_t error_size) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = inet(ip, port);
    char addr[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &a.sin_addr, addr, sizeof addr);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 64) != 0) {
        snprintf(error, error_size, "cannot listen on %s:%u: %s", addr, port, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    int h = add(opaque, fd, SOCK_LISTEN);
    if (h < 0) snprintf(error, error_size, "too many sockets");
    return h;
}

static int op_udp_open(void *opaque) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    return fd < 0 ? -1 : add(opaque, fd, SOCK_UDP);
}

static void op_udp_send(void *opaque, int h, uint32_t ip, uint16_t port, const uint8_t *data, size_t len) {
    sock *s = get(opaque, h);
    struct sockaddr_in a = inet(ip, port);
    if (s && s->kind == SOCK_UDP) sendto(s->fd, data, len, MSG_DONTWAIT, (struct sockaddr *)&a, sizeof a);
}

static void op_udp_close(void *opaque, int h) { op_close(opaque, h, false); }

static const spin_net_host_ops posix_ops = {
    .tcp_connect = op_tcp_connect, .tcp_send = op_tcp_send, .tcp_shutdown = op_tcp_shutdown,
    .tcp_close = op_tcp_close, .tcp_pause = op_tcp_pause, .listen = op_listen,
    .udp_open = op_udp_open, .udp_send = op_udp_send, .udp_close = op_udp_close,
};

spin_net_posix *spin_net_posix_create(void) {
    spin_net_posix *p = calloc(1, sizeof *p);
    if (p)
        for (int h = 0; h < SPIN_NET_POSIX_MAX_SOCKETS; h++) p->socks[h].fd = -1;
    return p;
}

void spin_net_posix_destroy(spin_net_posix *p) {
    if (!p) return;
    for (int h = 0; h < SPIN_NET_POSIX_MAX_SOCKETS; h++) op_close(p, h, false);
    free(p);
}

spin_net_host spin_net_posix_host(spin_net_posix *p) { return (spin_net_host){&posix_ops, p}; }

void spin_net_posix_attach(spin_net_posix *p, spin_net *net) { p->net = net; }

static short interest(const sock *s) {
    switch (s->kind) {
        case SOCK_CONNECTING: return POLLOUT;
        case SOCK_TCP: return (short)((s->paused || s->eof ? 0 : POLLIN) | (s->want_write ? POLLOUT : 0));
        case SOCK_LISTEN:
        case SOCK_UDP: return POLLIN;
        default: return 0;
    }
}

size_t spin_net_posix_fds(const spin_net_posix *p, struct pollfd *fds, size_t max) {
    size_t n = 0;
    for (int h = 0; h < SPIN_NET_POSIX_MAX_SOCKETS && n < max; h++) {
        short events = interest(&p->socks[h]);
        if (events) fds[n++] = (struct pollfd){.fd = p->socks[h].fd, .events = events};
    }
    return n;
}

// ---- serving one ready socket ---------------------------------------------------------

static void serve_connecting(spin_net_posix *p, int h, sock *s) {
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err) {
        op_close(p, h, false);
        spin_net_host_connected(p->net, h, false);
        return;
    }
    s->kind = SOCK_TCP;
    spin_net_host_connected(p->net, h, true);
}

static void serve_tcp(spin_net_posix *p, int h, short revents) {
    sock *s = &p->socks[h];
    if (s->want_write && (revents & (POLLOUT | POLLERR | POLLHUP))) { /* a failed send says why */
        s->want_write = false;
        spin_net_host_writable(p->net, h);
    }
    static uint8_t buf[READ_CHUNK];
    for (int i = 0; i < READS_PER_POLL && (s = get(p, h)) && s->kind == SOCK_TCP && !s->paused && !s->eof; i++) {
        ssize_t n = recv(s->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        if (n < 0) {
            op_close(p, h, false);
            spin_net_host_failed(p->net, h);
            return;
        }
        if (n == 0) s->eof = true;
        spin_net_host_data(p->net, h, buf, (size_t)n);
        if (n == 0) return;
    }
}

static void serve_listen(spin_net_posix *p, int h, sock *s) {
    for (int i = 0; i < 16; i++) {
        int fd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int c = add(p, fd, SOCK_TCP);
        if (c >= 0) spin_net_host_accepted(p->net, h, c);
        if (!(s = get(p, h))) return;
    }
}

static void serve_udp(spin_net_posix *p, int h) {
    static uint8_t buf[65536];
    sock *s;
    for (int i = 0; i < 16 && (s = get(p, h)) && s->kind == SOCK_UDP; i++) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(s->fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &len);
        if (n < 0) return;
        if (from.sin_family != AF_INET) continue;
        spin_net_host_datagram(p->net, h, ntohl(from.sin_addr.s_addr), ntohs(from.sin_port), buf, (size_t)n);
    }
}

bool spin_net_posix_poll(spin_net_posix *p) {
    if (!p->net) return false;
    struct pollfd fds[SPIN_NET_POSIX_MAX_SOCKETS];
    int handles[SPIN_NET_POSIX_MAX_SOCKETS], n = 0;
    for (int h = 0; h < SPIN_NET_POSIX_MAX_SOCKETS; h++) {
        short events = interest(&p->socks[h]);
        if (!events) continue;
        fds[n] = (struct pollfd){.fd = p->socks[h].fd, .events = events};
        handles[n++] = h;
    }
    if (n == 0 || poll(fds, (nfds_t)n, 0) <= 0) return false;
    bool any = false;
    for (int i = 0; i < n; i++) {
        int h = handles[i];
        sock *s = get(p, h);
        /* A handle closed (or reused) by an earlier event in this round waits for the next. */
        if (!fds[i].revents || !s || s->fd != fds[i].fd) continue;
        any = true;
        switch (s->kind) {
            case SOCK_CONNECTING: serve_connecting(p, h, s); break;
            case SOCK_TCP: serve_tcp(p, h, fds[i].revents); break;
            case SOCK_LISTEN: serve_listen(p, h, s); break;
            case SOCK_UDP: serve_udp(p, h); break;
            default: break;
        }
    }
    return any;
}
