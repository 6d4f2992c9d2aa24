/* The guest's network stack (src/net/net_stack.h) with a fake host: what a guest sees
 * (ARP answers for the gateway and the DNS address, ICMP echo from the gateway, a TCP
 * connection that is held until the host connects and then answered with SYN-ACK from
 * the address the guest asked for, a refused one answered with RST, a DNS datagram
 * relayed to the host's name server and its answer coming back from 10.0.2.3), then a
 * hostile guest: random frames and mutations of valid ones (under ASan + UBSan in the
 * test build) must neither crash the stack nor make it exceed its bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_stack.h"

static int failures, checks;
#define CHECK(c)                                                                  \
    do {                                                                          \
        checks++;                                                                 \
        if (!(c)) {                                                               \
            failures++;                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
        }                                                                         \
    } while (0)

static const uint8_t guest_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
static const uint8_t any_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

// ---- the fake host ----------------------------------------------------------------------

typedef struct fake {
    uint64_t now;
    uint8_t frames[64][2048];
    size_t lens[64], count; /* frames for the guest since the last reset */
    int next_handle, connects, udp_sends, open_handles;
    uint32_t last_ip;
    uint16_t last_port;
    int last_handle;
} fake;

static fake host;

static uint64_t now_ms(void *o) { return ((fake *)o)->now; }
static bool to_guest(void *o, const uint8_t *f, size_t len) {
    fake *h = o;
    if (h->count < 64 && len <= sizeof h->frames[0]) {
        memcpy(h->frames[h->count], f, len);
        h->lens[h->count++] = len;
    }
    return true;
}
static int f_connect(void *o, uint32_t ip, uint16_t port) {
    fake *h = o;
    h->connects++;
    h->last_ip = ip;
    h->last_port = port;
    h->open_handles++;
    return h->last_handle = h->next_handle++;
}
static long f_send(void *o, int handle, const uint8_t *d, size_t len) {
    (void)o, (void)handle, (void)d;
    return (long)len;
}
static void f_shutdown(void *o, int handle) { (void)o, (void)handle; }
static void f_close(void *o, int handle, bool reset) {
    (void)handle, (void)reset;
    ((fake *)o)->open_handles--;
}
static void f_pause(void *o, int handle, bool paused) { (void)o, (void)handle, (void)paused; }
static int f_listen(void *o, uint32_t ip, uint16_t port, char *e, size_t n) {
    (void)ip, (void)port, (void)e, (void)n;
    ((fake *)o)->open_handles++;
    return ((fake *)o)->next_handle++;
}
static int f_udp_open(void *o) {
    fake *h = o;
    h->open_handles++;
    return h->last_handle = h->next_handle++;
}
static void f_udp_send(void *o, int handle, uint32_t ip, uint16_t port, const uint8_t *d, size_t len) {
    fake *h = o;
    (void)handle, (void)d, (void)len;
    h->udp_sends++;
    h->last_ip = ip;
    h->last_port = port;
}
static void f_udp_close(void *o, int handle) {
    (void)handle;
    ((fake *)o)->open_handles--;
}
static const spin_net_host_ops fake_ops = {f_connect, f_send, f_shutdown, f_close, f_pause,
                                           f_listen, f_udp_open, f_udp_send, f_udp_close};

// ---- frames -----------------------------------------------------------------------------

static void put16(uint8_t *p, unsigned v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static void put32(uint8_t *p, uint32_t v) {
    put16(p, v >> 16);
    put16(p + 2, v & 0xffff);
}
static unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) << 16 | get16(p + 2); }

static uint32_t sum(const uint8_t *p, size_t len, uint32_t acc) {
    for (size_t i = 0; i + 1 < len; i += 2) acc += get16(p + i);
    if (len & 1) acc += (uint32_t)p[len - 1] << 8;
    return acc;
}
static unsigned fold(uint32_t acc) {
    while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
    return ~acc & 0xffff;
}

static size_t ethernet(uint8_t *f, const uint8_t *dst, unsigned type) {
    memcpy(f, dst, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, type);
    return 14;
}

/* An IPv4 packet from the guest with a payload of protocol proto (checksums filled). */
static size_t ipv4(uint8_t *f, uint32_t dst, uint8_t proto, const uint8_t *l4, size_t l4_len) {
    size_t at = ethernet(f, any_mac, 0x0800);
    uint8_t *ip = f + at;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    put16(ip + 2, (unsigned)(20 + l4_len));
    ip[8] = 64;
    ip[9] = proto;
    put32(ip + 12, SPIN_NET_GUEST_IP);
    put32(ip + 16, dst);
    put16(ip + 10, fold(sum(ip, 20, 0)));
    memcpy(ip + 20, l4, l4_len);
    uint8_t *l = ip + 20;
    if (proto == 6 || proto == 17) {
        uint32_t pseudo = sum(ip + 12, 8, 0) + proto + (uint32_t)l4_len;
        unsigned at_sum = proto == 6 ? 16 : 6;
        put16(l + at_sum, 0);
        put16(l + at_sum, fold(sum(l, l4_len, pseudo)));
    } else if (proto == 1) {
        put16(l + 2, 0);
        put16(l + 2, fold(sum(l, l4_len, 0)));
    }
    return at + 20 + l4_len;
}

static size_t arp_request(uint8_t *f, uint32_t target) {
    size_t at = ethernet(f, any_mac, 0x0806);
    uint8_t *a = f + at;
    put16(a, 1), put16(a + 2, 0x0800), a[4] = 6, a[5] = 4, put16(a + 6, 1);
    memcpy(a + 8, guest_mac, 6);
    put32(a + 14, SPIN_NET_GUEST_IP);
    memset(a + 18, 0, 6);
    put32(a + 24, target);
    return at + 28;
}

static size_t tcp_syn(uint8_t *f, uint32_t dst, uint16_t sport, uint16_t dport, uint32_t seq) {
    uint8_t t[20] = {0};
    put16(t, sport), put16(t + 2, dport), put32(t + 4, seq);
    t[12] = 5 << 4;
    t[13] = 0x02; /* SYN */
    put16(t + 14, 65535);
    return ipv4(f, dst, 6, t, sizeof t);
}

static size_t udp(uint8_t *f, uint32_t dst, uint16_t sport, uint16_t dport, const char *payload) {
    uint8_t u[300];
    size_t n = strlen(payload);
    put16(u, sport), put16(u + 2, dport), put16(u + 4, (unsigned)(8 + n)), put16(u + 6, 0);
    memcpy(u + 8, payload, n);
    return ipv4(f, dst, 17, u, 8 + n);
}

/* The first frame for the guest that is IPv4 of protocol proto, or NULL. */
static const uint8_t *find_ipv4(uint8_t proto) {
    for (size_t i = 0; i < host.count; i++)
        if (host.lens[i] >= 34 && get16(host.frames[i] + 12) == 0x0800 && host.frames[i][23] == proto)
            return host.frames[i] + 14;
    return NULL;
}

/* Whether the guest got an ARP reply, to its MAC, saying who has ip. */
static bool arp_reply_for(uint32_t ip) {
    for (size_t i = 0; i < host.count; i++)
        if (host.lens[i] >= 42 && get16(host.frames[i] + 12) == 0x0806 && get16(host.frames[i] + 20) == 2 &&
            get32(host.frames[i] + 28) == ip && !memcmp(host.frames[i], guest_mac, 6))
            return true;
    return false;
}

static spin_net *make(void) {
    memset(&host, 0, sizeof host);
    host.now = 1000;
    spin_net_config config = {.dns_ip = 0x7f000035, .dns_port = 5353, .now_ms = now_ms, .to_guest = to_guest,
                              .opaque = &host};
    spin_net_host h = {&fake_ops, &host};
    char *err = NULL;
    spin_net *net = spin_net_create(&config, &h, &err);
    CHECK(net != NULL);
    free(err);
    return net;
}

static void send_frame(spin_net *net, const uint8_t *f, size_t len) {
    host.count = 0;
    spin_net_from_guest(net, f, len);
    spin_net_poll(net);
}

// ---- what a guest sees ------------------------------------------------------------------

static void test_arp_and_ping(spin_net *net) {
    uint8_t f[2048];
    send_frame(net, f, arp_request(f, SPIN_NET_GATEWAY_IP));
    CHECK(arp_reply_for(SPIN_NET_GATEWAY_IP));
    send_frame(net, f, arp_request(f, SPIN_NET_DNS_IP));
    CHECK(arp_reply_for(SPIN_NET_DNS_IP));
    send_frame(net, f, arp_request(f, 0x0a000209)); /* nobody */
    CHECK(!arp_reply_for(0x0a000209));
    uint8_t echo[16] = {8, 0, 0, 0, 0x12, 0x34, 0, 1, 'p', 'i', 'n', 'g'};
    send_frame(net, f, ipv4(f, SPIN_NET_GATEWAY_IP, 1, echo, sizeof echo));
    const uint8_t *ip = find_ipv4(1);
    CHECK(ip && ip[20] == 0 && get32(ip + 12) == SPIN_NET_GATEWAY_IP && !memcmp(ip + 28, "ping", 4));
    send_frame(net, f, ipv4(f, 0x08080808, 1, echo, sizeof echo)); /* not relayed */
    CHECK(find_ipv4(1) == NULL);
}

static void test_tcp(spin_net *net) {
    uint8_t f[2048];
    uint32_t far = 0x5db8d822; /* 93.184.216.34 */
    int before = host.connects;
    send_frame(net, f, tcp_syn(f, far, 40000, 80, 1000));
    CHECK(host.connects == before + 1 && host.last_ip == far && host.last_port == 80);
    CHECK(find_ipv4(6) == NULL); /* held until the host connects */
    send_frame(net, f, tcp_syn(f, far, 40000, 80, 1000)); /* the guest's retry: still held */
    CHECK(host.connects == before + 1 && find_ipv4(6) == NULL);
    host.count = 0;
    spin_net_host_connected(net, host.last_handle, true);
    spin_net_poll(net);
    const uint8_t *ip = find_ipv4(6);
    CHECK(ip && get32(ip + 12) == far && get16(ip + 20) == 80 && get16(ip + 22) == 40000 &&
          (ip[33] & 0x12) == 0x12 && get32(ip + 28) == 1001);

    /* 10.0.2.2 is the host's loopback; a refused connect is a RST for the SYN. */
    send_frame(net, f, tcp_syn(f, SPIN_NET_GATEWAY_IP, 40001, 8080, 5000));
    CHECK(host.last_ip == SPIN_NET_LOOPBACK_IP && host.last_port == 8080);
    host.count = 0;
    spin_net_host_connected(net, host.last_handle, false);
    spin_net_poll(net);
    ip = find_ipv4(6);
    CHECK(ip && get32(ip + 12) == SPIN_NET_GATEWAY_IP && (ip[33] & 0x04) && get32(ip + 28) == 5001);

    /* Nowhere to go: loopback, multicast, the link's other addresses (the guest's own
     * kernel never routes them here; a hostile one gets nothing). */
    before = host.connects;
    send_frame(net, f, tcp_syn(f, 0x7f000001, 40002, 22, 1));
    CHECK(host.connects == before && !find_ipv4(6));
    send_frame(net, f, tcp_syn(f, 0x0a000209, 40003, 22, 1));
    CHECK(host.connects == before);
}

static void test_udp(spin_net *net) {
    uint8_t f[2048];
    send_frame(net, f, udp(f, SPIN_NET_DNS_IP, 33333, 53, "query"));
    CHECK(host.udp_sends == 1 && host.last_ip == 0x7f000035 && host.last_port == 5353);
    int handle = host.last_handle;
    host.count = 0;
    spin_net_host_datagram(net, handle, 0x7f000035, 5353, (const uint8_t *)"answer", 6);
    spin_net_poll(net);
    const uint8_t *ip = find_ipv4(17);
    CHECK(ip && get32(ip + 12) == SPIN_NET_DNS_IP && get16(ip + 20) == 53 && get16(ip + 22) == 33333 &&
          !memcmp(ip + 28, "answer", 6));
    host.count = 0; /* from anyone else: dropped */
    spin_net_host_datagram(net, handle, 0x01020304, 5353, (const uint8_t *)"spoof", 5);
    spin_net_poll(net);
    CHECK(find_ipv4(17) == NULL);
    send_frame(net, f, udp(f, SPIN_NET_GATEWAY_IP, 33336, 7777, "to the host"));
    CHECK(host.udp_sends == 2 && host.last_ip == SPIN_NET_LOOPBACK_IP && host.last_port == 7777);
    send_frame(net, f, udp(f, SPIN_NET_DNS_IP, 33334, 54, "not dns"));
    CHECK(host.udp_sends == 2);
    send_frame(net, f, udp(f, 0x0a0002ff, 33335, 9, "broadcast"));
    CHECK(host.udp_sends == 2);
}

// ---- a hostile guest --------------------------------------------------------------------

static uint32_t rng = 12345;
static uint32_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void test_hostile(spin_net *net) {
    uint8_t f[2048], valid[6][2048];
    size_t lens[6] = {arp_request(valid[0], SPIN_NET_GATEWAY_IP), tcp_syn(valid[1], 0x01020304, 1, 2, 3),
                      udp(valid[2], SPIN_NET_DNS_IP, 5, 53, "x"), udp(valid[3], 0x01020304, 6, 7, "yy"),
                      arp_request(valid[4], SPIN_NET_DNS_IP), tcp_syn(valid[5], SPIN_NET_GATEWAY_IP, 9, 10, 11)};
    for (int round = 0; round < 200000; round++) {
        size_t len;
        if (round % 4 == 0) { /* noise */
            len = next_random() % 200;
            for (size_t i = 0; i < len; i++) f[i] = (uint8_t)next_random();
            if (len >= 14) put16(f + 12, round & 8 ? 0x0800 : 0x0806);
        } else { /* a valid frame, bent */
            int k = (int)(next_random() % 6);
            len = lens[k];
            memcpy(f, valid[k], len);
            for (int flips = 1 + (int)(next_random() % 4); flips; flips--) f[next_random() % len] ^= (uint8_t)(1u << (next_random() % 8));
            if (next_random() % 4 == 0) len = next_random() % (len + 1);
            if (next_random() % 8 == 0) len += next_random() % 64; /* trailing garbage */
        }
        spin_net_from_guest(net, f, len);
        if (round % 64 == 0) {
            /* The host answers some connects either way; time moves on. */
            if (host.connects) spin_net_host_connected(net, (int)(next_random() % (unsigned)host.next_handle), next_random() & 1);
            host.now += 500;
            host.count = 0;
            spin_net_poll(net);
        }
    }
    CHECK(host.connects > 100 && host.udp_sends > 100); /* the bent frames reached the relays */
    CHECK(host.open_handles <= SPIN_NET_MAX_TCP + SPIN_NET_MAX_UDP + SPIN_NET_MAX_FORWARDS);
    host.now += 200000; /* every held connection and flow times out */
    spin_net_poll(net);
    CHECK(host.open_handles >= 0);
}

int main(void) {
    spin_net *net = make();
    test_arp_and_ping(net);
    test_tcp(net);
    test_udp(net);
    char *err = NULL;
    CHECK(spin_net_create(&(spin_net_config){.now_ms = now_ms, .to_guest = to_guest}, &(spin_net_host){&fake_ops, &host},
                          &err) == NULL && err); /* one stack per process */
    free(err);
    spin_net_destroy(net);
    net = make(); /* a second life after the first */
    test_arp_and_ping(net);
    test_hostile(net);
    spin_net_destroy(net);
    printf("net_stack_test: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
