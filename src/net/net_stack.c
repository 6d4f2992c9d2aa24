/* The stack's frame path and lwIP's interface (net_stack.h). Every frame from the guest
 * is looked at here first: ARP for 10.0.2.3 is answered here (lwIP answers only for its
 * own address), TCP and UDP to other hosts go to net_tcp.c and net_udp.c, and what is
 * left (ARP and ICMP for the gateway) goes to lwIP as it is.
 *
 * The trick that lets unpatched lwIP terminate connections to any address: while one
 * packet of a relayed flow is inside lwIP, the interface's address is the packet's
 * destination (net_input), so ip4_input accepts it, and pcbs bound to that address
 * (or listening on any address) take it. The netmask is 0.0.0.0, so whatever address
 * the interface has at a given moment, the guest is on its link, and replies go out
 * with the pcb's own local address as their source. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ethernet.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/tcp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#define MAX_FRAME 65535u /* lwIP's pbufs count in 16 bits */
#define ETH_HEADER 14u
#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_ARP 0x0806u
#define GATEWAY_MAC {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02} /* slirp's */
#define RELAY_TIMER_MS 100u

static spin_net *current; /* lwIP is global: its clock needs the one stack */

u32_t sys_now(void) { return current ? (u32_t)net_now_ms(current) : 0; }

uint64_t net_now_ms(const spin_net *net) { return net->config.now_ms(net->config.opaque); }

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// ---- to the guest -------------------------------------------------------------------

static err_t link_output(struct netif *netif, struct pbuf *p) {
    spin_net *net = netif->state;
    if (net->queue_count == NET_OUT_QUEUE) {
        net->stats.frames_dropped++;
        return ERR_OK; /* TCP sends again; a datagram is lost as on any full link */
    }
    uint8_t *copy = malloc(p->tot_len);
    if (!copy) return ERR_MEM;
    pbuf_copy_partial(p, copy, p->tot_len, 0);
    net->queue[(net->queue_head + net->queue_count++) % NET_OUT_QUEUE] = (net_out_frame){copy, p->tot_len};
    return ERR_OK;
}

static bool flush_to_guest(spin_net *net) {
    bool any = false;
    while (net->queue_count) {
        net_out_frame *f = &net->queue[net->queue_head];
        if (!net->config.to_guest(net->config.opaque, f->data, f->len)) break;
        free(f->data);
        net->queue_head = (net->queue_head + 1) % NET_OUT_QUEUE;
        net->queue_count--;
        net->stats.frames_out++;
        any = true;
    }
    return any;
}

// ---- from the guest -----------------------------------------------------------------

void net_input(spin_net *net, const uint8_t *frame, size_t len, uint32_t local_ip) {
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
    if (!p) return;
    pbuf_take(p, frame, (u16_t)len);
    ip4_addr_t *addr = ip_2_ip4(&net->netif.ip_addr);
    uint32_t saved = ip4_addr_get_u32(addr);
    if (local_ip) ip4_addr_set_u32(addr, lwip_htonl(local_ip));
    if (net->netif.input(p, &net->netif) != ERR_OK) pbuf_free(p);
    ip4_addr_set_u32(addr, saved);
}

/* ARP requests for 10.0.2.3 get the gateway's MAC: the DNS address lives in the stack. */
static void answer_arp(spin_net *net, const uint8_t *frame, size_t len) {
    if (len < ETH_HEADER + 28) return;
    const uint8_t *arp = frame + ETH_HEADER;
    if (be16(arp) != 1 || be16(arp + 2) != ETHERTYPE_IPV4 || arp[4] != 6 || arp[5] != 4 || be16(arp + 6) != 1)
        return;
    uint8_t reply[ETH_HEADER + 28];
    const uint8_t mac[6] = GATEWAY_MAC;
    memcpy(reply, arp + 8, 6); /* to the sender */
    memcpy(reply + 6, mac, 6);
    reply[12] = ETHERTYPE_ARP >> 8;
    reply[13] = ETHERTYPE_ARP & 0xff;
    uint8_t *r = reply + ETH_HEADER;
    memcpy(r, arp, 6);
    r[6] = 0;
    r[7] = 2; /* reply */
    memcpy(r + 8, mac, 6);
    memcpy(r + 14, arp + 24, 4); /* the address asked for is ours */
    memcpy(r + 18, arp + 8, 10); /* sender MAC and IP become the target */
    uint8_t *copy = malloc(sizeof reply);
    if (!copy || net->queue_count == NET_OUT_QUEUE) {
        free(copy);
        return;
    }
    memcpy(copy, reply, sizeof reply);
    net->queue[(net->queue_head + net->queue_count++) % NET_OUT_QUEUE] = (net_out_frame){copy, sizeof reply};
}

static bool is_relayable(uint32_t ip) {
    uint8_t first = (uint8_t)(ip >> 24);
    if (first == 0 || first == 127 || first >= 224) return false; /* this host, loopback, multicast */
    if ((ip >> (32 - SPIN_NET_PREFIX)) == (SPIN_NET_GATEWAY_IP >> (32 - SPIN_NET_PREFIX)))
        return ip == SPIN_NET_GATEWAY_IP || ip == SPIN_NET_DNS_IP; /* the guest's own link */
    return true;
}

bool net_map_destination(const spin_net *net, uint32_t ip, uint16_t port, bool udp, uint32_t *host_ip,
                         uint16_t *host_port) {
    if (!is_relayable(ip) || port == 0) return false;
    *host_ip = ip;
    *host_port = port;
    if (ip == SPIN_NET_GATEWAY_IP) *host_ip = SPIN_NET_LOOPBACK_IP;
    if (ip == SPIN_NET_DNS_IP) {
        if (!udp || port != 53 || !net->config.dns_ip) return false;
        *host_ip = net->config.dns_ip;
        *host_port = net->config.dns_port ? net->config.dns_port : 53;
    }
    return true;
}

/* An IPv4 packet: relayed TCP and UDP go their own way, the rest to lwIP untouched. */
static void from_guest_ipv4(spin_net *net, const uint8_t *frame, size_t len) {
    const uint8_t *ip = frame + ETH_HEADER;
    size_t avail = len - ETH_HEADER;
    if (avail < 20 || (ip[0] >> 4) != 4) return;
    size_t header = (size_t)(ip[0] & 0xf) * 4, total = be16(ip + 2);
    if (header < 20 || total < header || total > avail) return;
    uint32_t src = be32(ip + 12), dst = be32(ip + 16);
    uint8_t proto = ip[9];
    bool fragment = (be16(ip + 6) & 0x3fff) != 0; /* MF or an offset */
    if (dst == SPIN_NET_GATEWAY_IP && proto != IP_PROTO_TCP && proto != IP_PROTO_UDP) {
        net_input(net, frame, len, 0); /* ICMP echo and the like: lwIP answers */
        return;
    }
    if (fragment || src != SPIN_NET_GUEST_IP || !is_relayable(dst)) return;
    const uint8_t *l4 = ip + header;
    size_t l4_len = total - header;
    if (proto == IP_PROTO_TCP && l4_len >= 20) {
        net_flow flow = {src, dst, be16(l4), be16(l4 + 2)};
        uint8_t flags = l4[13];
        bool syn = (flags & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) == TCP_SYN;
        net_tcp_from_guest(net, frame, len, &flow, syn);
    } else if (proto == IP_PROTO_UDP && l4_len >= 8) {
        net_flow flow = {src, dst, be16(l4), be16(l4 + 2)};
        net_udp_from_guest(net, frame, len, &flow);
    }
}

void spin_net_from_guest(spin_net *net, const uint8_t *frame, size_t len) {
    net->stats.frames_in++;
    if (len < ETH_HEADER || len > MAX_FRAME) return;
    uint16_t type = be16(frame + 12);
    if (type == ETHERTYPE_ARP) {
        /* lwIP's etharp_input reads the whole ARP header without looking at the length
         * (found by tests/unit/net_stack_test.c under ASan): short ones stop here. */
        if (len < ETH_HEADER + 28) return;
        /* The guest's MAC, fixed once it speaks: replies for 10.0.2.3 (which lwIP does not
         * own) must not wait for an ARP round trip of their own. */
        if (be32(frame + ETH_HEADER + 14) == SPIN_NET_GUEST_IP) {
            ip4_addr_t guest;
            ip4_addr_set_u32(&guest, lwip_htonl(SPIN_NET_GUEST_IP));
            etharp_add_static_entry(&guest, (struct eth_addr *)(void *)(frame + ETH_HEADER + 8));
        }
        if (be32(frame + ETH_HEADER + 24) == SPIN_NET_DNS_IP)
            answer_arp(net, frame, len);
        else
            net_input(net, frame, len, 0);
    } else if (type == ETHERTYPE_IPV4) {
        from_guest_ipv4(net, frame, len);
    }
}

// ---- life ---------------------------------------------------------------------------

static err_t netif_setup(struct netif *netif) {
    const uint8_t mac[6] = GATEWAY_MAC;
    netif->name[0] = 's';
    netif->name[1] = 'n';
    netif->mtu = 1500;
    netif->hwaddr_len = 6;
    memcpy(netif->hwaddr, mac, 6);
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    netif->output = etharp_output;
    netif->linkoutput = link_output;
    return ERR_OK;
}

bool spin_net_in_use(void) { return current != NULL; }

spin_net *spin_net_create(const spin_net_config *config, const spin_net_host *host, char **err) {
    static bool lwip_ready;
    *err = NULL;
    if (current) {
        *err = strdup("a network stack exists already in this process");
        return NULL;
    }
    spin_net *net = calloc(1, sizeof *net);
    if (!net) return NULL;
    net->config = *config;
    net->host = *host;
    current = net;
    if (!lwip_ready) {
        lwip_init();
        lwip_ready = true;
    }
    ip4_addr_t ip, mask, gw;
    ip4_addr_set_u32(&ip, lwip_htonl(SPIN_NET_GATEWAY_IP));
    ip4_addr_set_u32(&mask, 0); /* everything is on the guest's link: see the top */
    ip4_addr_set_u32(&gw, 0);
    net->tcp = net_tcp_create(net);
    net->udp = net_udp_create(net);
    if (!net->tcp || !net->udp || !netif_add(&net->netif, &ip, &mask, &gw, net, netif_setup, ethernet_input)) {
        spin_net_destroy(net);
        return NULL;
    }
    netif_set_default(&net->netif);
    netif_set_up(&net->netif);
    return net;
}

void spin_net_destroy(spin_net *net) {
    if (!net) return;
    if (net->tcp) net_tcp_destroy(net);
    if (net->udp) net_udp_destroy(net);
    if (net->netif.state == net) netif_remove(&net->netif);
    while (net->queue_count) {
        free(net->queue[net->queue_head].data);
        net->queue_head = (net->queue_head + 1) % NET_OUT_QUEUE;
        net->queue_count--;
    }
    if (current == net) current = NULL;
    free(net);
}

bool spin_net_poll(spin_net *net) {
    sys_check_timeouts();
    uint64_t now = net_now_ms(net);
    if (now - net->timers_ms >= RELAY_TIMER_MS) { /* the relays' timeouts are coarse */
        net->timers_ms = now;
        net_tcp_timers(net);
        net_udp_timers(net);
    }
    return flush_to_guest(net);
}

const spin_net_stats *spin_net_get_stats(const spin_net *net) { return &net->stats; }
