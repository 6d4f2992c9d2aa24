/* The virtio network device driven the way Linux's virtio_net driver drives it, through
 * the fake driver (virtio_fake_driver.h): configuration space, transmit (the host sees
 * the frame without the virtio header), receive into posted buffers (zero header,
 * num_buffers 1), the backlog while no buffer is posted and its bounds, and a guest
 * that posts buffers too small, chains too short or too long, or malformed ones. Runs
 * natively (under ASan + UBSan in the test build) and in wasm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "virtio/virtio_mmio.h"
#include "virtio/virtio_net.h"
#include "virtio/virtqueue.h"
#include "virtio_fake_driver.h"

#define F(bit) (UINT64_C(1) << (bit))
#define ALL_FEATURES                                                                      \
    (F(VIRTIO_F_VERSION_1) | F(VIRTIO_NET_F_MAC) | F(VIRTIO_NET_F_STATUS) |                 \
     F(VIRTIO_NET_F_MTU) | F(VIRTIO_NET_F_CSUM))
#define RX 0
#define TX 1
#define RX_BUFFER 1530 /* what Linux posts without offloads: header + 1518 */

static const uint8_t test_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

/* The host side: what frame_out saw. */
typedef struct host_side {
    uint8_t last[VIRTIO_NET_MAX_FRAME];
    size_t last_len;
    unsigned frames;
    virtio_net *echo_to; /* if set, frame_out hands each frame straight back */
} host_side;

static host_side host;

static void frame_out(void *opaque, const uint8_t *frame, size_t len) {
    host_side *h = opaque;
    CHECK(len >= VIRTIO_NET_ETH_HEADER && len <= VIRTIO_NET_MAX_FRAME);
    if (len > sizeof h->last) return;
    memcpy(h->last, frame, len);
    h->last_len = len;
    h->frames++;
    if (h->echo_to) CHECK(virtio_net_receive(h->echo_to, frame, len));
}

/* A recognisable frame: byte i is seed + i. */
static void make_frame(uint8_t *f, size_t len, uint8_t seed) {
    for (size_t i = 0; i < len; i++) f[i] = (uint8_t)(seed + i);
}

static bool frame_is(const uint8_t *f, size_t len, uint8_t seed) {
    for (size_t i = 0; i < len; i++)
        if (f[i] != (uint8_t)(seed + i)) return false;
    return true;
}

static void net_setup(guest *g, virtio_net *net, bool up) {
    guest_init(g);
    memset(&host, 0, sizeof host);
    CHECK(virtio_net_init(net, &g->bus, test_mac, 0, frame_out, &host) == 0);
    CHECK(virtio_mmio_attach(&net->mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&net->mmio, set_irq, g);
    if (!up) return;
    CHECK(negotiate(g, ALL_FEATURES));
    setup_queue(g, RX, 64);
    setup_queue(g, TX, 64);
    driver_ok(g);
}

static void net_teardown(guest *g, virtio_net *net) {
    virtio_net_destroy(net);
    spin_bus_destroy(&g->bus);
}

/* Transmits header + frame (seeded) as the given readable pieces. */
static void transmit_split(guest *g, size_t frame_len, uint8_t seed, const uint32_t *pieces,
                           unsigned n) {
    uint8_t buf[VIRTIO_NET_HDR_SIZE + 2048] = {0};
    CHECK(frame_len + VIRTIO_NET_HDR_SIZE <= sizeof buf);
    make_frame(buf + VIRTIO_NET_HDR_SIZE, frame_len, seed);
    gseg s[4];
    uint32_t off = 0;
    for (unsigned i = 0; i < n; i++) {
        s[i] = (gseg){buf_alloc(g, pieces[i]), pieces[i], false};
        CHECK(spin_bus_write_ram(&g->bus, s[i].addr, buf + off, pieces[i]) == 0);
        off += pieces[i];
    }
    CHECK(off == VIRTIO_NET_HDR_SIZE + frame_len);
    add_chain(g, TX, s, n);
    kick(g, TX);
}

static void transmit(guest *g, size_t frame_len, uint8_t seed) {
    uint32_t whole = (uint32_t)(VIRTIO_NET_HDR_SIZE + frame_len);
    transmit_split(g, frame_len, seed, &whole, 1);
}

/* Checks the next used receive buffer holds a zero header and the seeded frame. */
static void expect_received(guest *g, const uint64_t *posted, size_t frame_len, uint8_t seed) {
    uint32_t id = 0, len = 0;
    CHECK(get_used(g, RX, &id, &len));
    CHECK_EQ(len, VIRTIO_NET_HDR_SIZE + frame_len);
    if (id >= 64) return;
    uint8_t buf[VIRTIO_NET_HDR_SIZE + 4096];
    CHECK(frame_len <= 4096);
    if (frame_len > 4096) return;
    CHECK(spin_bus_read_ram(&g->bus, posted[id], buf, VIRTIO_NET_HDR_SIZE + frame_len) == 0);
    static const uint8_t header[VIRTIO_NET_HDR_SIZE] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    CHECK(memcmp(buf, header, sizeof header) == 0);
    CHECK(frame_is(buf + VIRTIO_NET_HDR_SIZE, frame_len, seed));
}

/* Posts n receive buffers of size bytes; records their addresses by descriptor head. */
static void post_rx(guest *g, uint64_t *posted, unsigned n, uint32_t size) {
    for (unsigned i = 0; i < n; i++) {
        uint16_t head = g->q[RX].next_desc;
        posted[head] = add_in(g, RX, size);
    }
    kick(g, RX);
}

static void test_config(void) {
    guest g;
    virtio_net net;
    net_setup(&g, &net, false);
    CHECK_EQ(rd(&g, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_NET);
    wr(&g, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t low = rd(&g, VIRTIO_MMIO_DEVICE_FEATURES);
    CHECK(low & F(VIRTIO_NET_F_MAC));
    CHECK(low & F(VIRTIO_NET_F_STATUS));
    CHECK(low & F(VIRTIO_NET_F_MTU));
    CHECK(low & F(VIRTIO_NET_F_CSUM));
    CHECK(!(low & F(1))); /* no VIRTIO_NET_F_GUEST_CSUM */
    CHECK(!(low & (F(11) | F(12)))); /* no VIRTIO_NET_F_HOST_TSO4/6 */
    CHECK(!(low & F(15))); /* no VIRTIO_NET_F_MRG_RXBUF */
    CHECK(!(low & F(17))); /* no control queue */
    for (unsigned i = 0; i < 6; i++) {
        uint64_t v = 0;
        CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + i, 1, &v) == 0);
        CHECK_EQ(v, test_mac[i]);
    }
    uint64_t v = 0;
    CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + 6, 2, &v) == 0);
    CHECK_EQ(v, VIRTIO_NET_S_LINK_UP);
    CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + 10, 2, &v) == 0);
    CHECK_EQ(v, VIRTIO_NET_DEFAULT_MTU);
    /* Past the end of the configuration space: 0. */
    CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + 11, 2, &v) == 0);
    CHECK_EQ(v, 0);
    /* The configuration space is read-only. */
    CHECK(spin_bus_write(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG, 1, 0xff) == 0);
    CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG, 1, &v) == 0);
    CHECK_EQ(v, test_mac[0]);
    net_teardown(&g, &net);

    /* Bad arguments. */
    spin_bus bus;
    CHECK(spin_bus_init(&bus, RAM_BASE, RAM_SIZE) == 0);
    CHECK(virtio_net_init(&net, &bus, test_mac, 0, NULL, NULL) == -1);
    virtio_net_destroy(&net);
    CHECK(virtio_net_init(&net, &bus, test_mac, 67, frame_out, &host) == -1);
    virtio_net_destroy(&net);
    CHECK(virtio_net_init(&net, &bus, test_mac, 9000, frame_out, &host) == 0);
    CHECK_EQ(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_CONFIG + 10, 2), 9000);
    virtio_net_destroy(&net);
    spin_bus_destroy(&bus);
}

static void test_transmit(void) {
    guest g;
    virtio_net net;
    net_setup(&g, &net, true);
    transmit(&g, 60, 7);
    CHECK_EQ(host.frames, 1);
    CHECK_EQ(host.last_len, 60);
    CHECK(frame_is(host.last, 60, 7));
    uint32_t id = 0, len = 0;
    CHECK(get_used(&g, TX, &id, &len) && len == 0);
    CHECK(g.irq_level == 1 && (rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_USED_BUFFER));
    ack_irq(&g);

    /* Header and frame in separate descriptors, the frame itself split too. */
    uint32_t pieces[3] = {VIRTIO_NET_HDR_SIZE, 20, 1494};
    transmit_split(&g, 1514, 99, pieces, 3);
    CHECK_EQ(host.frames, 2);
    CHECK_EQ(host.last_len, 1514);
    CHECK(frame_is(host.last, 1514, 99));
    /* The header split across descriptors. */
    uint32_t odd[2] = {5, VIRTIO_NET_HDR_SIZE - 5 + 64};
    transmit_split(&g, 64, 3, odd, 2);
    CHECK_EQ(host.frames, 3);
    CHECK(host.last_len == 64 && frame_is(host.last, 64, 3));

    /* Too short for a header plus an Ethernet header: dropped, buffer returned. */
    transmit(&g, VIRTIO_NET_ETH_HEADER - 1, 1);
    CHECK_EQ(host.frames, 3);
    CHECK(get_used(&g, TX, &id, &len) && get_used(&g, TX, &id, &len));
    CHECK(get_used(&g, TX, &id, &len) && len == 0);
    CHECK_EQ(net.stats.tx_errors, 1);
    /* Only a header (nothing readable beyond it), and a chain with nothing readable. */
    gseg h = {buf_alloc(&g, VIRTIO_NET_HDR_SIZE), VIRTIO_NET_HDR_SIZE, false};
    add_chain(&g, TX, &h, 1);
    gseg w = {buf_alloc(&g, 100), 100, true};
    add_chain(&g, TX, &w, 1);
    kick(&g, TX);
    CHECK_EQ(host.frames, 3);
    CHECK_EQ(net.stats.tx_errors, 3);
    /* The largest frame passes; one byte more does not. */
    gseg big = {buf_alloc(&g, VIRTIO_NET_MAX_BUFFER), VIRTIO_NET_MAX_BUFFER, false};
    add_chain(&g, TX, &big, 1);
    kick(&g, TX);
    CHECK_EQ(host.frames, 4);
    CHECK_EQ(host.last_len, VIRTIO_NET_MAX_FRAME);
    gseg too_big[2] = {{buf_alloc(&g, VIRTIO_NET_MAX_BUFFER), VIRTIO_NET_MAX_BUFFER, false},
                       {buf_alloc(&g, 1), 1, false}};
    add_chain(&g, TX, too_big, 2);
    kick(&g, TX);
    CHECK_EQ(host.frames, 4);
    CHECK_EQ(net.stats.tx_errors, 4);
    CHECK_EQ(net.stats.tx_frames, 4);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));

    /* Many frames around the ring. */
    for (int i = 0; i < 200; i++) transmit(&g, 60 + i, (uint8_t)i);
    CHECK_EQ(host.frames, 204);
    CHECK(host.last_len == 259 && frame_is(host.last, 259, 199));
    net_teardown(&g, &net);
}

static void test_receive(void) {
    guest g;
    virtio_net net;
    uint64_t posted[64] = {0};
    net_setup(&g, &net, true);
    post_rx(&g, posted, 4, RX_BUFFER);
    uint8_t f[4096];
    make_frame(f, 100, 5);
    CHECK(virtio_net_receive(&net, f, 100));
    expect_received(&g, posted, 100, 5);
    CHECK(g.irq_level == 1);
    ack_irq(&g);
    make_frame(f, 1514, 6);
    CHECK(virtio_net_receive(&net, f, 1514));
    expect_received(&g, posted, 1514, 6);
    CHECK_EQ(virtio_net_backlog(&net), 0);

    /* A buffer made of a header descriptor and data descriptors. */
    uint64_t hdr = buf_alloc(&g, VIRTIO_NET_HDR_SIZE), d1 = buf_alloc(&g, 30), d2 = buf_alloc(&g, 2000);
    gseg s[3] = {{hdr, VIRTIO_NET_HDR_SIZE, true}, {d1, 30, true}, {d2, 2000, true}};
    uint16_t head = add_chain(&g, RX, s, 3);
    kick(&g, RX);
    /* Two more simple buffers are still posted ahead of it. */
    make_frame(f, 60, 1);
    CHECK(virtio_net_receive(&net, f, 60) && virtio_net_receive(&net, f, 60));
    expect_received(&g, posted, 60, 1);
    expect_received(&g, posted, 60, 1);
    make_frame(f, 500, 42);
    CHECK(virtio_net_receive(&net, f, 500));
    uint32_t id = 0, len = 0;
    CHECK(get_used(&g, RX, &id, &len) && id == head && len == VIRTIO_NET_HDR_SIZE + 500);
    uint8_t out[600];
    CHECK(spin_bus_read_ram(&g.bus, d1, out, 30) == 0 && spin_bus_read_ram(&g.bus, d2, out + 30, 470) == 0);
    CHECK(frame_is(out, 500, 42));
    CHECK(spin_bus_read_ram(&g.bus, hdr + 10, out, 2) == 0 && out[0] == 1 && out[1] == 0);

    /* Lengths the host may not give. */
    CHECK(!virtio_net_receive(&net, f, 0));
    CHECK(!virtio_net_receive(&net, f, VIRTIO_NET_ETH_HEADER - 1));
    uint8_t *huge = calloc(1, VIRTIO_NET_MAX_FRAME + 1);
    CHECK(huge != NULL);
    if (huge) CHECK(!virtio_net_receive(&net, huge, VIRTIO_NET_MAX_FRAME + 1));
    CHECK_EQ(virtio_net_backlog(&net), 0);
    CHECK_EQ(net.stats.rx_dropped, 3);

    /* A buffer too small for the frame: returned empty, the frame dropped. */
    post_rx(&g, posted, 1, 100);
    make_frame(f, 200, 9);
    CHECK(!virtio_net_receive(&net, f, 200));
    CHECK(get_used(&g, RX, &id, &len) && len == 0);
    CHECK_EQ(net.stats.rx_dropped, 4);
    /* A receive chain with nothing writable is no buffer at all. */
    gseg r = {buf_alloc(&g, 64), 64, false};
    add_chain(&g, RX, &r, 1);
    kick(&g, RX);
    CHECK(!virtio_net_receive(&net, f, 20));
    CHECK(get_used(&g, RX, &id, &len) && len == 0);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    CHECK_EQ(net.stats.rx_frames, 5);

    /* With VIRTIO_NET_F_MTU accepted, nothing longer than MTU + 18 reaches the driver,
     * however large its buffers; without it, frames as large as the buffers. */
    post_rx(&g, posted, 2, 4096);
    make_frame(f, 1519, 4);
    CHECK(!virtio_net_receive(&net, f, 1519));
    make_frame(f, 1518, 5);
    CHECK(virtio_net_receive(&net, f, 1518));
    expect_received(&g, posted, 1518, 5);
    CHECK_EQ(net.stats.rx_dropped, 6);
    g.ring_next = RAM_BASE + 0x1000;
    CHECK(negotiate(&g, ALL_FEATURES & ~F(VIRTIO_NET_F_MTU)));
    setup_queue(&g, RX, 64);
    setup_queue(&g, TX, 64);
    driver_ok(&g);
    post_rx(&g, posted, 1, 4096);
    make_frame(f, 2000, 6);
    CHECK(virtio_net_receive(&net, f, 2000));
    expect_received(&g, posted, 2000, 6);
    free(huge);
    net_teardown(&g, &net);
}

static void test_backlog(void) {
    guest g;
    virtio_net net;
    uint64_t posted[64] = {0};
    uint8_t f[2048];
    net_setup(&g, &net, true);
    /* No buffers: frames wait, in order. */
    for (uint8_t i = 0; i < 3; i++) {
        make_frame(f, 80 + i, i);
        CHECK(virtio_net_receive(&net, f, 80 + i));
    }
    CHECK_EQ(virtio_net_backlog(&net), 3);
    uint32_t id = 0, len = 0;
    CHECK(!get_used(&g, RX, &id, &len));
    post_rx(&g, posted, 2, RX_BUFFER);
    expect_received(&g, posted, 80, 0);
    expect_received(&g, posted, 81, 1);
    CHECK(!get_used(&g, RX, &id, &len));
    CHECK_EQ(virtio_net_backlog(&net), 1);
    CHECK(g.irq_level == 1);
    ack_irq(&g);
    /* A new frame goes behind the one still waiting. */
    make_frame(f, 90, 50);
    CHECK(virtio_net_receive(&net, f, 90));
    CHECK_EQ(virtio_net_backlog(&net), 2);
    post_rx(&g, posted, 4, RX_BUFFER);
    expect_received(&g, posted, 82, 2);
    expect_received(&g, posted, 90, 50);
    CHECK_EQ(virtio_net_backlog(&net), 0);
    /* Two buffers left: the next frames go straight in. */
    make_frame(f, 70, 3);
    CHECK(virtio_net_receive(&net, f, 70));
    expect_received(&g, posted, 70, 3);

    /* The frame bound, while a fresh driver sets up (a reset forgets the backlog, and
     * Linux resets the device first, so this is where frames can pile up before the
     * driver is ready). */
    g.ring_next = RAM_BASE + 0x1000;
    CHECK(negotiate(&g, ALL_FEATURES));
    CHECK_EQ(virtio_net_backlog(&net), 0);
    setup_queue(&g, RX, 64);
    setup_queue(&g, TX, 64);
    make_frame(f, 60, 0);
    for (unsigned i = 0; i < VIRTIO_NET_BACKLOG_FRAMES; i++) CHECK(virtio_net_receive(&net, f, 60));
    uint64_t dropped = net.stats.rx_dropped;
    CHECK(!virtio_net_receive(&net, f, 60));
    CHECK_EQ(net.stats.rx_dropped, dropped + 1);
    CHECK_EQ(virtio_net_backlog(&net), VIRTIO_NET_BACKLOG_FRAMES);
    /* Buffers posted before DRIVER_OK (as Linux does) are filled once it is set. */
    for (unsigned i = 0; i < 64; i++) posted[i] = add_in(&g, RX, RX_BUFFER);
    kick(&g, RX); /* ignored: not running yet */
    CHECK_EQ(virtio_net_backlog(&net), VIRTIO_NET_BACKLOG_FRAMES);
    driver_ok(&g);
    CHECK_EQ(virtio_net_backlog(&net), VIRTIO_NET_BACKLOG_FRAMES - 64);
    for (unsigned i = 0; i < 64; i++) expect_received(&g, posted, 60, 0);

    /* The byte bound: 1 MiB of 60000-byte frames is 17 of them. */
    wr(&g, VIRTIO_MMIO_STATUS, 0);
    uint8_t *big = calloc(1, 60000);
    CHECK(big != NULL);
    if (big) {
        unsigned queued = 0;
        while (queued < 100 && virtio_net_receive(&net, big, 60000)) queued++;
        CHECK_EQ(queued, VIRTIO_NET_BACKLOG_BYTES / 60000);
        CHECK(net.backlog_bytes <= VIRTIO_NET_BACKLOG_BYTES);
        /* Small frames still fit in what is left. */
        CHECK(virtio_net_receive(&net, f, 60));
    }
    free(big);
    net_teardown(&g, &net); /* frees what is still queued (ASan checks) */
}

/* ---- VIRTIO_NET_F_CSUM ---- */

/* The one's-complement sum of data (RFC 1071), folded to 16 bits, added to sum. */
static uint32_t ones_sum(uint32_t sum, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) sum += i & 1 ? data[i] : (uint32_t)data[i] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return sum;
}

/* An Ethernet + IPv4 + UDP frame with payload_len bytes of payload (seeded) from
 * 10.0.2.15:1234 to 10.0.2.2:9. Returns its length. With partial set, the UDP checksum
 * field holds the pseudo-header's sum, as Linux leaves it for a device with
 * VIRTIO_NET_F_CSUM; otherwise it is the real checksum. */
static size_t udp_frame(uint8_t *f, size_t payload_len, uint8_t seed, bool partial) {
    static const uint8_t head[34] = {
        0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x00,
        0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 2, 15, 10, 0, 2, 2};
    memcpy(f, head, sizeof head);
    size_t udp_len = 8 + payload_len;
    f[16] = (uint8_t)((20 + udp_len) >> 8), f[17] = (uint8_t)(20 + udp_len);
    uint8_t *u = f + 34;
    u[0] = 0x04, u[1] = 0xd2, u[2] = 0, u[3] = 9;
    u[4] = (uint8_t)(udp_len >> 8), u[5] = (uint8_t)udp_len, u[6] = u[7] = 0;
    make_frame(u + 8, payload_len, seed);
    uint8_t pseudo[12] = {10, 0, 2, 15, 10, 0, 2, 2, 0, 17, (uint8_t)(udp_len >> 8), (uint8_t)udp_len};
    uint32_t pseudo_sum = ones_sum(0, pseudo, sizeof pseudo);
    uint16_t check = partial ? (uint16_t)pseudo_sum : (uint16_t)~ones_sum(pseudo_sum, u, udp_len);
    if (!partial && check == 0) check = 0xffff;
    u[6] = (uint8_t)(check >> 8), u[7] = (uint8_t)check;
    return 34 + udp_len;
}

/* Transmits frame with a header asking for a checksum at start + offset. */
static void transmit_needs_csum(guest *g, const uint8_t *frame, size_t len, uint16_t start,
                                uint16_t offset) {
    uint8_t hdr[VIRTIO_NET_HDR_SIZE] = {1 /* NEEDS_CSUM */, 0, 0, 0, 0, 0, (uint8_t)start,
                                        (uint8_t)(start >> 8), (uint8_t)offset, (uint8_t)(offset >> 8)};
    gseg s[2] = {{buf_alloc(g, sizeof hdr), sizeof hdr, false}, {buf_alloc(g, len), (uint32_t)len, false}};
    CHECK(spin_bus_write_ram(&g->bus, s[0].addr, hdr, sizeof hdr) == 0);
    CHECK(spin_bus_write_ram(&g->bus, s[1].addr, frame, len) == 0);
    add_chain(g, TX, s, 2);
    kick(g, TX);
}

static void test_checksum(void) {
    guest g;
    virtio_net net;
    net_setup(&g, &net, true);
    uint8_t partial[2048], full[2048];
    /* Odd and even payload lengths, small and full-size. */
    static const size_t sizes[] = {0, 1, 5, 18, 100, 1471, 1472};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        size_t len = udp_frame(partial, sizes[i], (uint8_t)i, true);
        udp_frame(full, sizes[i], (uint8_t)i, false);
        transmit_needs_csum(&g, partial, len, 34, 6);
        CHECK_EQ(host.last_len, len);
        CHECK(memcmp(host.last, full, len) == 0);
    }
    CHECK_EQ(net.stats.tx_frames, 7);
    CHECK_EQ(net.stats.tx_checksums, 7);
    /* A sum that comes out as 0 is sent as 0xffff: a payload whose words cancel the rest. */
    size_t len = udp_frame(partial, 2, 0, true);
    udp_frame(full, 2, 0, false);
    uint32_t rest = ones_sum(0, partial + 34, 8); /* pseudo sum + header, payload 0 */
    uint16_t cancel = (uint16_t)~rest;
    partial[42] = full[42] = (uint8_t)(cancel >> 8), partial[43] = full[43] = (uint8_t)cancel;
    transmit_needs_csum(&g, partial, len, 34, 6);
    CHECK(host.last[40] == 0xff && host.last[41] == 0xff);

    /* Places outside the frame: dropped. */
    unsigned frames = host.frames;
    len = udp_frame(partial, 20, 1, true);
    transmit_needs_csum(&g, partial, len, (uint16_t)len, 0);
    transmit_needs_csum(&g, partial, len, (uint16_t)(len - 1), 0);
    transmit_needs_csum(&g, partial, len, 34, (uint16_t)(len - 35));
    transmit_needs_csum(&g, partial, len, 0xffff, 0xffff);
    CHECK_EQ(host.frames, frames);
    CHECK_EQ(net.stats.tx_errors, 4);
    /* The last two bytes of the frame are a place. */
    transmit_needs_csum(&g, partial, len, 34, (uint16_t)(len - 36));
    CHECK_EQ(host.frames, frames + 1);
    /* A segmentation request was never offered: dropped. */
    uint8_t gso_hdr[VIRTIO_NET_HDR_SIZE] = {0, 1 /* GSO_TCPV4 */};
    gseg s[2] = {{buf_alloc(&g, sizeof gso_hdr), sizeof gso_hdr, false}, {buf_alloc(&g, len), (uint32_t)len, false}};
    CHECK(spin_bus_write_ram(&g.bus, s[0].addr, gso_hdr, sizeof gso_hdr) == 0);
    CHECK(spin_bus_write_ram(&g.bus, s[1].addr, partial, len) == 0);
    add_chain(&g, TX, s, 2);
    kick(&g, TX);
    CHECK_EQ(host.frames, frames + 1);
    CHECK_EQ(net.stats.tx_errors, 5);

    /* A driver that did not accept F_CSUM gets its frames sent as they are. */
    g.ring_next = RAM_BASE + 0x1000;
    CHECK(negotiate(&g, ALL_FEATURES & ~F(VIRTIO_NET_F_CSUM)));
    setup_queue(&g, RX, 64);
    setup_queue(&g, TX, 64);
    driver_ok(&g);
    len = udp_frame(partial, 30, 2, true);
    transmit_needs_csum(&g, partial, len, 34, 6);
    CHECK(host.last_len == len && memcmp(host.last, partial, len) == 0);
    transmit_needs_csum(&g, partial, len, 0xffff, 0xffff);
    CHECK(host.last_len == len && memcmp(host.last, partial, len) == 0);
    net_teardown(&g, &net);
}

/* frame_out may answer at once with virtio_net_receive (a host that loops frames back). */
static void test_echo(void) {
    guest g;
    virtio_net net;
    uint64_t posted[64] = {0};
    net_setup(&g, &net, true);
    host.echo_to = &net;
    post_rx(&g, posted, 8, RX_BUFFER);
    for (uint8_t i = 0; i < 20; i++) {
        transmit(&g, 100 + i, i);
        expect_received(&g, posted, 100 + i, i);
        post_rx(&g, posted, 1, RX_BUFFER);
    }
    CHECK_EQ(host.frames, 20);
    CHECK_EQ(net.stats.rx_frames, 20);
    net_teardown(&g, &net);
}

/* A malformed chain on either queue: DEVICE_NEEDS_RESET, frames wait, a reset recovers. */
static void test_hostile_chains(void) {
    for (unsigned q = 0; q < 2; q++) {
        guest g;
        virtio_net net;
        uint64_t posted[64] = {0};
        net_setup(&g, &net, true);
        put_desc(&g, g.q[q].desc, 0, buf_alloc(&g, 64), 64, VIRTQ_DESC_F_NEXT | (q == RX ? VIRTQ_DESC_F_WRITE : 0), 0);
        publish(&g, q, 0); /* a descriptor that chains to itself */
        kick(&g, q);
        uint8_t f[64];
        make_frame(f, 64, 1);
        CHECK(virtio_net_receive(&net, f, 64)); /* queued: the device is stopped */
        CHECK(status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
        CHECK(rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG_CHANGE);
        CHECK_EQ(host.frames, 0);
        g.ring_next = RAM_BASE + 0x1000;
        CHECK(negotiate(&g, ALL_FEATURES));
        setup_queue(&g, RX, 64);
        setup_queue(&g, TX, 64);
        driver_ok(&g);
        post_rx(&g, posted, 1, RX_BUFFER);
        CHECK(virtio_net_receive(&net, f, 64));
        expect_received(&g, posted, 64, 1);
        transmit(&g, 64, 2);
        CHECK(host.frames == 1 && frame_is(host.last, 64, 2));
        net_teardown(&g, &net);
    }
}

/* Random chains on both queues and random host frames: never a crash, the bounds hold. */
static uint64_t seed = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static void fuzz(void) {
    guest g;
    virtio_net net;
    net_setup(&g, &net, true);
    static uint8_t f[VIRTIO_NET_MAX_FRAME + 16];
    for (int round = 0; round < 3000; round++) {
        unsigned q = rnd() & 1;
        switch (rnd() % 4) {
        case 0: { /* a random chain of one to three descriptors */
            gseg s[3];
            unsigned n = 1 + rnd() % 3;
            for (unsigned i = 0; i < n; i++) {
                uint32_t len = (uint32_t)(rnd() % 4 == 0 ? rnd() % (VIRTIO_NET_MAX_BUFFER + 100) : rnd() % 2000);
                s[i] = (gseg){buf_alloc(&g, len), len, (rnd() & 1) != 0};
            }
            add_chain(&g, q, s, n);
            kick(&g, q);
            break;
        }
        case 1: /* random descriptor bytes */
            put_desc(&g, g.q[q].desc, rnd() % 64, rnd() % 2 ? rnd() : BUF_AREA + rnd() % (RAM_SIZE / 2),
                     (uint32_t)rnd(), (uint16_t)rnd(), (uint16_t)rnd());
            break;
        case 2: { /* a host frame of random size */
            size_t len = rnd() % 8 == 0 ? rnd() % sizeof f : rnd() % 1600;
            virtio_net_receive(&net, f, len);
            break;
        }
        default:
            if (rnd() % 64 == 0 || status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET)) {
                g.ring_next = RAM_BASE + 0x1000;
                CHECK(negotiate(&g, ALL_FEATURES));
                setup_queue(&g, RX, 64);
                setup_queue(&g, TX, 64);
                driver_ok(&g);
            }
            uint32_t id = 0, len = 0;
            while (get_used(&g, q, &id, &len)) CHECK(id < 64 && len <= VIRTIO_NET_MAX_BUFFER);
            break;
        }
        CHECK(virtio_net_backlog(&net) <= VIRTIO_NET_BACKLOG_FRAMES);
        CHECK(net.backlog_bytes <= VIRTIO_NET_BACKLOG_BYTES);
    }
    CHECK(host.frames > 0 && net.stats.rx_frames > 0 && net.stats.tx_errors > 0);
    net_teardown(&g, &net);
}

int main(void) {
    test_config();
    test_transmit();
    test_receive();
    test_backlog();
    test_checksum();
    test_echo();
    test_hostile_chains();
    fuzz();
    return device_check_summary("virtio_net");
}
