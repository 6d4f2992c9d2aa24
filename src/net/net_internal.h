/* What the parts of the stack share (net_stack.c: frames, lwIP's interface and timers;
 * net_tcp.c: TCP relays and port forwards; net_udp.c: UDP flows). Not for other folders. */
#ifndef SPIN_NET_INTERNAL_H
#define SPIN_NET_INTERNAL_H

#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "net/net_stack.h"

typedef struct net_tcp_state net_tcp_state;
typedef struct net_udp_state net_udp_state;

typedef struct net_out_frame {
    uint8_t *data;
    size_t len;
} net_out_frame;

/* Frames for the guest wait here (bounded) until spin_net_poll hands them over: lwIP
 * produces them inside the guest's own transmit, where handing them back is not safe. */
#define NET_OUT_QUEUE 1024

struct spin_net {
    spin_net_config config;
    spin_net_host host;
    struct netif netif;
    net_out_frame queue[NET_OUT_QUEUE];
    size_t queue_head, queue_count;
    net_tcp_state *tcp;
    net_udp_state *udp;
    spin_net_stats stats;
    uint64_t timers_ms; /* when the relays' timers last ran */
};

/* The flow a guest packet belongs to (host byte order). */
typedef struct net_flow {
    uint32_t guest_ip, dst_ip;
    uint16_t guest_port, dst_port;
} net_flow;

static inline ip_addr_t net_lwip_addr(uint32_t ip) {
    ip_addr_t a;
    ip_addr_set_ip4_u32_val(a, lwip_htonl(ip));
    return a;
}

static inline uint32_t net_host_addr(const ip_addr_t *a) { return lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(a))); }

/* Hands a frame to lwIP as if it were addressed to the stack: local_ip is the address
 * the stack plays for it (the packet's destination; 0: the gateway only). */
void net_input(spin_net *net, const uint8_t *frame, size_t len, uint32_t local_ip);

/* Where a guest connection or flow to ip:port goes on the host; false if nowhere. */
bool net_map_destination(const spin_net *net, uint32_t ip, uint16_t port, bool udp, uint32_t *host_ip,
                         uint16_t *host_port);

uint64_t net_now_ms(const spin_net *net);

/* net_tcp.c */
net_tcp_state *net_tcp_create(spin_net *net);
void net_tcp_destroy(spin_net *net);
/* A guest TCP segment (frame) of flow; syn: a connection request (SYN without ACK). */
void net_tcp_from_guest(spin_net *net, const uint8_t *frame, size_t len, const net_flow *flow, bool syn);
void net_tcp_timers(spin_net *net);

/* net_udp.c */
net_udp_state *net_udp_create(spin_net *net);
void net_udp_destroy(spin_net *net);
void net_udp_from_guest(spin_net *net, const uint8_t *frame, size_t len, const net_flow *flow);
void net_udp_timers(spin_net *net);
bool net_udp_datagram(spin_net *net, int handle, uint32_t ip, uint16_t port, const uint8_t *data, size_t len);

#endif
