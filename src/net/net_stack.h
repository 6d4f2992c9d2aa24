/*
 * The guest's network: a user-mode TCP/IP stack (lwIP) between the container's
 * virtio-net frames and the host's sockets (net_host.h), in the manner of QEMU's slirp
 * (docs/net.md). The guest is 10.0.2.15/24; the stack is its gateway 10.0.2.2 (which
 * also stands for the host's own loopback, 127.0.0.1) and its DNS server 10.0.2.3
 * (datagrams to port 53 go to the host's name server). A TCP connection or UDP flow
 * from the guest to any other address:port becomes a host socket to the same
 * address:port; a port forward turns connections to a host port into connections to
 * the guest's.
 *
 * Single-threaded and non-blocking: frames from the guest come in through
 * spin_net_from_guest, host events through net_host.h's functions, and
 * spin_net_poll (called by the host loop between slices of guest instructions) runs
 * lwIP's timers and hands queued frames to the guest. lwIP keeps global state, so a
 * process has at most one stack at a time.
 */
#ifndef SPIN_NET_STACK_H
#define SPIN_NET_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net_host.h"

/* Addresses (host byte order). */
#define SPIN_NET_GUEST_IP UINT32_C(0x0a00020f)   /* 10.0.2.15 */
#define SPIN_NET_GATEWAY_IP UINT32_C(0x0a000202) /* 10.0.2.2: the stack; the host's loopback */
#define SPIN_NET_DNS_IP UINT32_C(0x0a000203)     /* 10.0.2.3 */
#define SPIN_NET_PREFIX 24
#define SPIN_NET_LOOPBACK_IP UINT32_C(0x7f000001)

/* Limits: beyond them new connections are refused (RST) and new flows dropped. */
#define SPIN_NET_MAX_TCP 256
#define SPIN_NET_MAX_UDP 128
#define SPIN_NET_MAX_FORWARDS 64

typedef struct spin_net_config {
    /* Where the guest's DNS queries (UDP 10.0.2.3:53) go; dns_ip 0: nowhere. */
    uint32_t dns_ip;
    uint16_t dns_port;
    /* The stack's clock: milliseconds, monotonic. */
    uint64_t (*now_ms)(void *opaque);
    /* A frame for the guest; false if it cannot be taken now (it is offered again at
     * the next spin_net_poll). */
    bool (*to_guest)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
} spin_net_config;

typedef struct spin_net_stats {
    uint64_t frames_in, frames_out, frames_dropped; /* guest -> stack, stack -> guest */
    uint64_t tcp_opened, tcp_refused, udp_flows;
} spin_net_stats;

/* Whether this process has a stack now (lwIP's state is global: one at a time). */
bool spin_net_in_use(void);

/* NULL with a sentence in *err (heap) if a stack exists already or memory runs out. */
spin_net *spin_net_create(const spin_net_config *config, const spin_net_host *host, char **err);
void spin_net_destroy(spin_net *net);

/* One Ethernet frame the guest sent (not kept; anything malformed is dropped). */
void spin_net_from_guest(spin_net *net, const uint8_t *frame, size_t len);

/* Timers and the frames waiting for the guest. True if it handed the guest anything. */
bool spin_net_poll(spin_net *net);

/* A port forward: the host listens on bind_ip:host_port; each connection is relayed to
 * the guest's guest_port. 0, or -1 with a sentence in error. */
int spin_net_forward_tcp(spin_net *net, uint32_t bind_ip, uint16_t host_port, uint16_t guest_port,
                         char *error, size_t error_size);

const spin_net_stats *spin_net_get_stats(const spin_net *net);

#endif
