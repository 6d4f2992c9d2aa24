/*
 * The host's sockets, as the user-mode network (net_stack.h) sees them: one small ops
 * struct per host, so that the same stack runs over POSIX non-blocking sockets
 * (net_posix.c, natively) and, later, over Node's `net`/`dgram` or a browser's WebSocket
 * relay (a thin EM_JS layer: docs/net.md). Nothing here blocks: every call starts
 * something and returns; what happens later comes back through the spin_net_host_*
 * event functions below, called by the backend from the host's loop (never from inside
 * one of these calls).
 *
 * Handles are the backend's small non-negative integers, unique among its open sockets.
 * Addresses are IPv4 in host byte order (0x7f000001 is 127.0.0.1).
 */
#ifndef SPIN_NET_HOST_H
#define SPIN_NET_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct spin_net spin_net;

typedef struct spin_net_host_ops {
    /* A TCP connection to ip:port. Returns its handle (-1: refused at once); the outcome
     * comes as spin_net_host_connected. */
    int (*tcp_connect)(void *host, uint32_t ip, uint16_t port);
    /* Sends up to len bytes; returns how many were taken (0 when the socket is full:
     * spin_net_host_writable says when to try again), -1 when the connection is broken. */
    long (*tcp_send)(void *host, int handle, const uint8_t *data, size_t len);
    /* No more data from us (FIN) once what was sent is out. */
    void (*tcp_shutdown)(void *host, int handle);
    /* Closes the handle (with reset: abortively, RST); no event comes for it afterwards. */
    void (*tcp_close)(void *host, int handle, bool reset);
    /* Stops (true) or resumes delivering data from this connection: flow control. */
    void (*tcp_pause)(void *host, int handle, bool paused);
    /* Listens on bind_ip:port for a port forward; connections arrive as
     * spin_net_host_accepted. -1 with a sentence in error when the port is unusable. */
    int (*listen)(void *host, uint32_t bind_ip, uint16_t port, char *error, size_t error_size);
    /* A UDP socket (bound to an ephemeral port) for one guest flow; -1 on failure. */
    int (*udp_open)(void *host);
    /* One datagram to ip:port (dropped silently if the host cannot send it now). */
    void (*udp_send)(void *host, int handle, uint32_t ip, uint16_t port, const uint8_t *data, size_t len);
    void (*udp_close)(void *host, int handle);
} spin_net_host_ops;

typedef struct spin_net_host {
    const spin_net_host_ops *ops;
    void *opaque;
} spin_net_host;

/* Events from the backend (net_stack.c implements them). */
void spin_net_host_connected(spin_net *net, int handle, bool ok);
/* Data from the host peer; len 0 is its end of stream (FIN). */
void spin_net_host_data(spin_net *net, int handle, const uint8_t *data, size_t len);
/* The connection broke (reset or error): the handle is closed by the stack. */
void spin_net_host_failed(spin_net *net, int handle);
/* A tcp_send that took less than asked can take more now. */
void spin_net_host_writable(spin_net *net, int handle);
/* A new connection on a listening handle (already connected). */
void spin_net_host_accepted(spin_net *net, int listener, int handle);
/* A datagram on a UDP handle from ip:port. */
void spin_net_host_datagram(spin_net *net, int handle, uint32_t ip, uint16_t port, const uint8_t *data,
                            size_t len);

#endif
