/* UDP flows: a NAT table. The guest's first datagram from port G to D:P makes an entry:
 * an lwIP pcb bound to D:P and connected to the guest's G (so lwIP takes the flow's
 * datagrams, with checksums checked) and a host socket sending to D:P (mapped: the
 * gateway is the host's loopback, 10.0.2.3:53 the host's name server). Replies from
 * exactly that host address come back from D:P; anything else is dropped. Entries
 * expire after a quiet minute, and the oldest goes when the table is full. */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lwip/udp.h"

#define FLOW_IDLE_MS 60000u
#define MAX_DATAGRAM 65507u

typedef struct udp_flow {
    bool used;
    spin_net *net;
    net_flow flow;
    int handle;
    struct udp_pcb *pcb;
    uint32_t host_ip;
    uint16_t host_port;
    uint64_t used_ms;
} udp_flow;

struct net_udp_state {
    udp_flow flows[SPIN_NET_MAX_UDP];
};

static void flow_end(udp_flow *u) {
    if (u->pcb) udp_remove(u->pcb);
    if (u->handle >= 0) u->net->host.ops->udp_close(u->net->host.opaque, u->handle);
    *u = (udp_flow){0};
}

static void on_guest_datagram(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port) {
    udp_flow *u = arg;
    (void)pcb;
    (void)addr;
    (void)port;
    uint8_t *data = malloc(p->tot_len ? p->tot_len : 1);
    if (data) {
        pbuf_copy_partial(p, data, p->tot_len, 0);
        u->used_ms = net_now_ms(u->net);
        u->net->host.ops->udp_send(u->net->host.opaque, u->handle, u->host_ip, u->host_port, data, p->tot_len);
        free(data);
    }
    pbuf_free(p);
}

static udp_flow *flow_open(spin_net *net, const net_flow *f) {
    uint32_t ip;
    uint16_t port;
    if (!net_map_destination(net, f->dst_ip, f->dst_port, true, &ip, &port)) return NULL;
    udp_flow *slot = NULL;
    for (size_t i = 0; i < SPIN_NET_MAX_UDP; i++) {
        udp_flow *u = &net->udp->flows[i];
        if (!u->used) {
            slot = u;
            break;
        }
        if (!slot || u->used_ms < slot->used_ms) slot = u;
    }
    if (slot->used) flow_end(slot); /* the table is full: the quietest flow goes */
    udp_flow *u = slot;
    *u = (udp_flow){.used = true, .net = net, .flow = *f, .handle = -1, .host_ip = ip, .host_port = port,
                    .used_ms = net_now_ms(net)};
    ip_addr_t local = net_lwip_addr(f->dst_ip), guest = net_lwip_addr(f->guest_ip);
    u->pcb = udp_new();
    if (u->pcb) ip_set_option(u->pcb, SOF_REUSEADDR);
    if (!u->pcb || udp_bind(u->pcb, &local, f->dst_port) != ERR_OK ||
        udp_connect(u->pcb, &guest, f->guest_port) != ERR_OK ||
        (u->handle = net->host.ops->udp_open(net->host.opaque)) < 0) {
        flow_end(u);
        return NULL;
    }
    udp_recv(u->pcb, on_guest_datagram, u);
    net->stats.udp_flows++;
    return u;
}

void net_udp_from_guest(spin_net *net, const uint8_t *frame, size_t len, const net_flow *f) {
    udp_flow *u = NULL;
    for (size_t i = 0; i < SPIN_NET_MAX_UDP && !u; i++)
        if (net->udp->flows[i].used && !memcmp(&net->udp->flows[i].flow, f, sizeof *f)) u = &net->udp->flows[i];
    if (!u && !(u = flow_open(net, f))) return;
    net_input(net, frame, len, f->dst_ip);
}

bool net_udp_datagram(spin_net *net, int handle, uint32_t ip, uint16_t port, const uint8_t *data, size_t len) {
    udp_flow *u = NULL;
    for (size_t i = 0; i < SPIN_NET_MAX_UDP && !u; i++)
        if (net->udp->flows[i].used && net->udp->flows[i].handle == handle) u = &net->udp->flows[i];
    if (!u || ip != u->host_ip || port != u->host_port || len > MAX_DATAGRAM) return false;
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
    if (!p) return false;
    pbuf_take(p, data, (u16_t)len);
    ip_addr_t local = net_lwip_addr(u->flow.dst_ip), guest = net_lwip_addr(u->flow.guest_ip);
    udp_sendto_if_src(u->pcb, p, &guest, u->flow.guest_port, &net->netif, &local);
    pbuf_free(p);
    u->used_ms = net_now_ms(net);
    return true;
}

void spin_net_host_datagram(spin_net *net, int handle, uint32_t ip, uint16_t port, const uint8_t *data,
                            size_t len) {
    net_udp_datagram(net, handle, ip, port, data, len);
}

void net_udp_timers(spin_net *net) {
    uint64_t now = net_now_ms(net);
    for (size_t i = 0; i < SPIN_NET_MAX_UDP; i++) {
        udp_flow *u = &net->udp->flows[i];
        if (u->used && now - u->used_ms > FLOW_IDLE_MS) flow_end(u);
    }
}

net_udp_state *net_udp_create(spin_net *net) {
    (void)net;
    return calloc(1, sizeof(net_udp_state));
}

void net_udp_destroy(spin_net *net) {
    for (size_t i = 0; i < SPIN_NET_MAX_UDP; i++)
        if (net->udp->flows[i].used) flow_end(&net->udp->flows[i]);
    free(net->udp);
    net->udp = NULL;
}
