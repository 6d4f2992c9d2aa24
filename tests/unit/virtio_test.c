/* The virtio-mmio transport, split virtqueues, console and entropy devices, driven the
 * way a guest kernel drives them: a fake driver (virtio_fake_driver.h) lays out
 * descriptor tables and rings in a test machine's RAM, talks to the device only through
 * its registers on the bus, and reads results back from the used rings. Then the same
 * driver misbehaves: bad indexes, loops, addresses outside RAM or wrapping around 2^64,
 * huge lengths, bad queue sizes, notifications of disabled queues; each must leave the
 * device in DEVICE_NEEDS_RESET or ignored, never crash (the test build runs under
 * ASan + UBSan). A seeded random loop finishes the job. Runs natively and in wasm. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "virtio/virtio_9p.h"
#include "virtio/virtio_console.h"
#include "virtio/virtio_mmio.h"
#include "virtio/virtio_rng.h"
#include "virtio/virtqueue.h"
#include "virtio_fake_driver.h"

/* ------------------------------------------------------------------------------------ */
/* Host side of the console                                                              */

typedef struct host_log {
    uint8_t out[4][65536];
    size_t out_len[4];
    int open_events, last_open_port;
    bool open[4];
    int echo_port; /* -1: none */
    virtio_console *con;
} host_log;

static void port_output(void *opaque, int port, const uint8_t *data, size_t len) {
    host_log *h = opaque;
    CHECK(port >= 0 && port < 4);
    if (port < 0 || port >= 4) return;
    if (h->out_len[port] + len <= sizeof h->out[port]) {
        memcpy(h->out[port] + h->out_len[port], data, len);
        h->out_len[port] += len;
    }
}

static void port_open(void *opaque, int port, bool open) {
    host_log *h = opaque;
    h->open_events++;
    h->last_open_port = port;
    if (port >= 0 && port < 4) h->open[port] = open;
}

#define F(bit) (UINT64_C(1) << (bit))
#define CONSOLE_FEATURES                                                                   \
    (F(VIRTIO_F_VERSION_1) | F(VIRTIO_CONSOLE_F_MULTIPORT) | F(VIRTIO_CONSOLE_F_SIZE) |   \
     F(VIRTIO_CONSOLE_F_EMERG_WRITE))

typedef struct ctrl_msg {
    uint32_t id;
    uint16_t event, value;
    uint8_t extra[300];
    uint32_t extra_len;
} ctrl_msg;

/* Control receive buffers posted by the fake driver, by descriptor head. */
static uint64_t ctrl_buf[VIRTIO_CONSOLE_QUEUE_SIZE];

static void post_ctrl_buffers(guest *g, unsigned n) {
    for (unsigned k = 0; k < n; k++) {
        uint16_t head = g->q[2].next_desc;
        ctrl_buf[head] = add_in(g, 2, 4096);
    }
    kick(g, 2);
}

/* Reads every control message the device has delivered, reposting each buffer. */
static int read_ctrl(guest *g, ctrl_msg *m, int max) {
    int n = 0;
    uint32_t id, len;
    while (get_used(g, 2, &id, &len)) {
        CHECK(id < VIRTIO_CONSOLE_QUEUE_SIZE && len >= 8);
        if (n < max && id < VIRTIO_CONSOLE_QUEUE_SIZE && len >= 8) {
            uint8_t b[4096];
            CHECK(spin_bus_read_ram(&g->bus, ctrl_buf[id], b, len) == 0);
            memcpy(&m[n].id, b, 4);
            memcpy(&m[n].event, b + 4, 2);
            memcpy(&m[n].value, b + 6, 2);
            m[n].extra_len = len - 8 < sizeof m[n].extra ? len - 8 : sizeof m[n].extra;
            memcpy(m[n].extra, b + 8, m[n].extra_len);
            n++;
        }
        post_ctrl_buffers(g, 1);
    }
    return n;
}

static void send_ctrl(guest *g, uint32_t id, uint16_t event, uint16_t value) {
    uint8_t b[8];
    memcpy(b, &id, 4);
    memcpy(b + 4, &event, 2);
    memcpy(b + 6, &value, 2);
    add_out(g, 3, b, 8);
    kick(g, 3);
    uint32_t uid, ulen;
    CHECK(get_used(g, 3, &uid, &ulen)); /* consumed at once */
}

static int find_msg(const ctrl_msg *m, int n, uint32_t id, uint16_t event) {
    for (int i = 0; i < n; i++)
        if (m[i].id == id && m[i].event == event) return i;
    return -1;
}

/* Port n's receive queue and the buffers the driver posted there. */
static unsigned rxq(int port) { return port == 0 ? 0 : 2 + 2 * (unsigned)port; }
static uint64_t rx_buf[8][VIRTIO_CONSOLE_QUEUE_SIZE];

static void post_rx(guest *g, int port, unsigned n, uint32_t size) {
    unsigned q = rxq(port);
    for (unsigned k = 0; k < n; k++) {
        uint16_t head = g->q[q].next_desc;
        rx_buf[port][head] = add_in(g, q, size);
    }
    kick(g, q);
}

/* Collects what the device delivered on a port's receive queue. */
static size_t read_rx(guest *g, int port, uint8_t *out, size_t max) {
    size_t total = 0;
    uint32_t id, len;
    while (get_used(g, rxq(port), &id, &len)) {
        CHECK(id < VIRTIO_CONSOLE_QUEUE_SIZE);
        if (id >= VIRTIO_CONSOLE_QUEUE_SIZE) break;
        if (total + len <= max) CHECK(spin_bus_read_ram(&g->bus, rx_buf[port][id], out + total, len) == 0);
        total += len;
    }
    return total;
}

/* Brings up a multiport console as Linux's driver does: features, all queues, DRIVER_OK,
 * control receive buffers, DEVICE_READY; then for each DEVICE_ADD the port's receive
 * buffers and PORT_READY; for CONSOLE_PORT, PORT_OPEN. Returns the messages seen. */
static int linux_handshake(guest *g, unsigned max_ports, ctrl_msg *seen, int max_seen) {
    CHECK(negotiate(g, CONSOLE_FEATURES | F(VIRTIO_F_EVENT_IDX)));
    uint32_t nr = rd(g, VIRTIO_MMIO_CONFIG + 4);
    CHECK(nr == max_ports);
    for (unsigned i = 0; i < 2 * nr + 2; i++) setup_queue(g, i, 64);
    driver_ok(g);
    post_ctrl_buffers(g, 16);
    send_ctrl(g, UINT32_MAX, VIRTIO_CONSOLE_DEVICE_READY, 1);
    int total = 0;
    for (int round = 0; round < 8; round++) {
        ctrl_msg m[32];
        int n = read_ctrl(g, m, 32);
        for (int i = 0; i < n; i++) {
            if (total < max_seen) seen[total++] = m[i];
            if (m[i].event == VIRTIO_CONSOLE_DEVICE_ADD) {
                post_rx(g, (int)m[i].id, 4, 4096);
                send_ctrl(g, m[i].id, VIRTIO_CONSOLE_PORT_READY, 1);
            } else if (m[i].event == VIRTIO_CONSOLE_CONSOLE_PORT) {
                send_ctrl(g, m[i].id, VIRTIO_CONSOLE_PORT_OPEN, 1);
            }
        }
    }
    return total;
}

static void test_console_multiport(void) {
    guest g;
    guest_init(&g);
    static host_log h;
    memset(&h, 0, sizeof h);
    virtio_console con;
    virtio_console_host hi = {port_output, port_open, &h};
    CHECK(virtio_console_init(&con, &g.bus, &hi, 4) == 0);
    CHECK(virtio_console_add_port(&con, "spin.control") == 1);
    CHECK(virtio_console_add_port(&con, "") == -1);
    CHECK(virtio_mmio_attach(&con.mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&con.mmio, set_irq, &g);
    virtio_console_set_size(&con, 80, 24);

    CHECK(rd(&g, VIRTIO_MMIO_MAGIC_VALUE) == 0x74726976);
    CHECK(rd(&g, VIRTIO_MMIO_VERSION) == 2);
    CHECK(rd(&g, VIRTIO_MMIO_DEVICE_ID) == 3);
    /* Host input for port 0 before the guest is there: kept. */
    CHECK(virtio_console_write(&con, 0, "early", 5) == 0);
    CHECK(virtio_console_pending(&con, 0) == 5);
    /* Host input for the named port before it is open: kept too. */
    CHECK(virtio_console_write(&con, 1, "{\"cmd\":1}\n", 10) == 0);
    CHECK(virtio_console_write(&con, 7, "x", 1) == -1);

    ctrl_msg seen[32];
    int n = linux_handshake(&g, 4, seen, 32);
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG) == (80u | 24u << 16)); /* cols, rows */
    int add0 = find_msg(seen, n, 0, VIRTIO_CONSOLE_DEVICE_ADD), add1 = find_msg(seen, n, 1, VIRTIO_CONSOLE_DEVICE_ADD);
    int cons = find_msg(seen, n, 0, VIRTIO_CONSOLE_CONSOLE_PORT);
    int name = find_msg(seen, n, 1, VIRTIO_CONSOLE_PORT_NAME);
    int resize = find_msg(seen, n, 0, VIRTIO_CONSOLE_RESIZE);
    CHECK(add0 >= 0 && add1 >= 0 && cons > add0);
    CHECK(find_msg(seen, n, 1, VIRTIO_CONSOLE_CONSOLE_PORT) < 0);
    CHECK(find_msg(seen, n, 2, VIRTIO_CONSOLE_DEVICE_ADD) < 0); /* only ports that exist */
    CHECK(name >= 0 && seen[name].extra_len == 12 && memcmp(seen[name].extra, "spin.control", 12) == 0);
    CHECK(find_msg(seen, n, 0, VIRTIO_CONSOLE_PORT_OPEN) >= 0);
    CHECK(find_msg(seen, n, 1, VIRTIO_CONSOLE_PORT_OPEN) >= 0);
    CHECK(resize >= 0 && seen[resize].extra_len == 4);
    if (resize >= 0) { /* { cols, rows }, as the spec and Debian's 6.1 have it */
        uint16_t a, b;
        memcpy(&a, seen[resize].extra, 2);
        memcpy(&b, seen[resize].extra + 2, 2);
        CHECK(a == 80 && b == 24);
    }
    /* The guest opened the console port: the early bytes arrived. */
    CHECK(h.open[0] && !h.open[1]);
    CHECK(virtio_console_port_open(&con, 0));
    uint8_t in[8192];
    size_t got = read_rx(&g, 0, in, sizeof in);
    CHECK(got == 5 && memcmp(in, "early", 5) == 0);
    CHECK(g.irq_level == 1);
    ack_irq(&g);
    CHECK(g.irq_level == 0);
    CHECK(virtio_console_pending(&con, 1) == 10); /* port 1 not open yet */
    CHECK(read_rx(&g, 1, in, sizeof in) == 0);

    /* Guest output on port 0 and, once opened, on the named port. */
    add_out(&g, 1, "hello, host", 11);
    kick(&g, 1);
    CHECK(h.out_len[0] == 11 && memcmp(h.out[0], "hello, host", 11) == 0);
    uint32_t id, len;
    CHECK(get_used(&g, 1, &id, &len) && len == 0);
    send_ctrl(&g, 1, VIRTIO_CONSOLE_PORT_OPEN, 1);
    CHECK(h.open[1] && h.last_open_port == 1);
    got = read_rx(&g, 1, in, sizeof in);
    CHECK(got == 10 && memcmp(in, "{\"cmd\":1}\n", 10) == 0);
    /* A chain of two readable descriptors is one write. */
    {
        uint64_t a = buf_alloc(&g, 8), b = buf_alloc(&g, 8);
        CHECK(spin_bus_write_ram(&g.bus, a, "{\"ok\":", 6) == 0);
        CHECK(spin_bus_write_ram(&g.bus, b, "1}\n", 3) == 0);
        gseg s[2] = {{a, 6, false}, {b, 3, false}};
        add_chain(&g, 5, s, 2);
        kick(&g, 5);
        CHECK(h.out_len[1] == 9 && memcmp(h.out[1], "{\"ok\":1}\n", 9) == 0);
    }

    /* Input larger than the posted buffers waits for more buffers. */
    static uint8_t big[20000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (uint8_t)(i * 7 + 3);
    CHECK(virtio_console_write(&con, 0, big, sizeof big) == 0);
    /* 3 buffers of 4096 are still posted on port 0 (4 were posted, one used) */
    static uint8_t back[40000];
    got = read_rx(&g, 0, back, sizeof back);
    CHECK(got == 3 * 4096);
    CHECK(virtio_console_pending(&con, 0) == sizeof big - 3 * 4096);
    /* EVENT_IDX: the device, out of buffers with data waiting, asked to be notified of
     * the very next buffer (avail_event == the driver's next index). */
    CHECK(r16(&g, g.q[0].used + 4 + 8u * g.q[0].num) == g.q[0].avail_idx);
    post_rx(&g, 0, 1, 1000);
    got += read_rx(&g, 0, back + got, sizeof back - got);
    CHECK(got == 3 * 4096 + 1000);
    post_rx(&g, 0, 4, 4096);
    got += read_rx(&g, 0, back + got, sizeof back - got);
    CHECK(got == sizeof big && memcmp(back, big, sizeof big) == 0);
    CHECK(virtio_console_pending(&con, 0) == 0);

    /* Resize while running: config space and a RESIZE message. */
    uint32_t gen = rd(&g, VIRTIO_MMIO_CONFIG_GENERATION);
    ack_irq(&g);
    virtio_console_set_size(&con, 132, 50);
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG_GENERATION) != gen);
    CHECK(rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG_CHANGE);
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG) == (132u | 50u << 16));
    {
        uint64_t v = 0;
        CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + 2, 2, &v) == 0 && v == 50);
    }
    ctrl_msg m[8];
    int k = read_ctrl(&g, m, 8);
    CHECK(k == 1 && m[0].event == VIRTIO_CONSOLE_RESIZE && m[0].extra_len == 4);
    CHECK(memcmp(m[0].extra, "\x84\0\x32\0", 4) == 0); /* 132, 50 */
    con.resize_rows_first = true; /* for kernels before the fix */
    virtio_console_set_size(&con, 132, 51);
    k = read_ctrl(&g, m, 8);
    CHECK(k == 1 && memcmp(m[0].extra, "\x33\0\x84\0", 4) == 0);

    /* Emergency write. */
    size_t before = h.out_len[0];
    wr(&g, VIRTIO_MMIO_CONFIG + 8, '!');
    CHECK(h.out_len[0] == before + 1 && h.out[0][before] == '!');

    /* A port added while running is announced at once. */
    CHECK(virtio_console_add_port(&con, "spin.extra") == 2);
    k = read_ctrl(&g, m, 8);
    CHECK(k == 1 && m[0].id == 2 && m[0].event == VIRTIO_CONSOLE_DEVICE_ADD);
    CHECK(virtio_console_add_port(&con, "one.too.many") == 3);
    CHECK(virtio_console_add_port(&con, "none.left") == -1);

    /* Control messages about ports that do not exist, short ones, unknown events. */
    send_ctrl(&g, 17, VIRTIO_CONSOLE_PORT_OPEN, 1);
    send_ctrl(&g, 1, 99, 1);
    add_out(&g, 3, "abc", 3);
    kick(&g, 3);
    CHECK(get_used(&g, 3, &id, &len));
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));

    /* The guest closes the named port; data waits again. */
    send_ctrl(&g, 1, VIRTIO_CONSOLE_PORT_OPEN, 0);
    CHECK(!h.open[1]);
    CHECK(virtio_console_write(&con, 1, "later", 5) == 0);
    CHECK(read_rx(&g, 1, in, sizeof in) == 0 && virtio_console_pending(&con, 1) == 5);

    /* The host hangs up the named port with bytes still queued: they are delivered when
     * the guest opens it again, and only then does PORT_OPEN(0) tell it the host left. */
    read_ctrl(&g, m, 8); /* what earlier steps left unread */
    CHECK(virtio_console_close_port(&con, 1) == 0);
    CHECK(virtio_console_write(&con, 1, "refused", 7) == -1);
    CHECK(read_ctrl(&g, m, 8) == 0);
    send_ctrl(&g, 1, VIRTIO_CONSOLE_PORT_OPEN, 1);
    got = read_rx(&g, 1, in, sizeof in);
    CHECK(got == 5 && memcmp(in, "later", 5) == 0);
    k = read_ctrl(&g, m, 8);
    CHECK(k == 1 && m[0].id == 1 && m[0].event == VIRTIO_CONSOLE_PORT_OPEN && m[0].value == 0);
    CHECK(virtio_console_close_port(&con, 9) == -1);

    /* Reset: ports close, and a second handshake works (ports announced again). */
    wr(&g, VIRTIO_MMIO_STATUS, 0);
    CHECK(!h.open[0] && !h.open[1] && g.irq_level == 0);
    g.ring_next = RAM_BASE + 0x1000;
    n = linux_handshake(&g, 4, seen, 32);
    CHECK(find_msg(seen, n, 2, VIRTIO_CONSOLE_DEVICE_ADD) >= 0);
    CHECK(find_msg(seen, n, 0, VIRTIO_CONSOLE_CONSOLE_PORT) >= 0);
    CHECK(h.open[0]);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));

    virtio_console_destroy(&con);
    spin_bus_destroy(&g.bus);
}

/* Without VIRTIO_CONSOLE_F_MULTIPORT: two queues, port 0 only. */
static void test_console_single(void) {
    guest g;
    guest_init(&g);
    static host_log h;
    memset(&h, 0, sizeof h);
    virtio_console con;
    virtio_console_host hi = {port_output, port_open, &h};
    CHECK(virtio_console_init(&con, &g.bus, &hi, 2) == 0);
    CHECK(virtio_console_add_port(&con, "spin.control") == 1);
    CHECK(virtio_mmio_attach(&con.mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&con.mmio, set_irq, &g);
    CHECK(negotiate(&g, F(VIRTIO_F_VERSION_1) | F(VIRTIO_CONSOLE_F_SIZE)));
    setup_queue(&g, 0, 16);
    setup_queue(&g, 1, 16);
    /* Buffers posted and notified before DRIVER_OK are used once it is set. */
    add_out(&g, 1, "pre", 3);
    kick(&g, 1);
    CHECK(h.out_len[0] == 0);
    driver_ok(&g);
    CHECK(h.out_len[0] == 3 && h.open[0]);
    CHECK(virtio_console_write(&con, 0, "abc", 3) == 0);
    CHECK(virtio_console_pending(&con, 0) == 3); /* no buffers yet */
    post_rx(&g, 0, 1, 2);
    uint8_t in[16];
    CHECK(read_rx(&g, 0, in, sizeof in) == 2 && memcmp(in, "ab", 2) == 0);
    post_rx(&g, 0, 1, 2);
    CHECK(read_rx(&g, 0, in, sizeof in) == 1 && in[0] == 'c');
    /* A big paste goes through page-sized buffers as the driver posts them, in order,
     * and its host-side memory is given back afterwards. */
    {
        static uint8_t paste[200000], back[200000];
        for (size_t i = 0; i < sizeof paste; i++) paste[i] = (uint8_t)(i % 251);
        CHECK(virtio_console_write(&con, 0, paste, sizeof paste) == 0);
        size_t got = 0;
        for (int i = 0; i < 100 && virtio_console_pending(&con, 0); i++) {
            post_rx(&g, 0, 1, 4096);
            got += read_rx(&g, 0, back + got, sizeof back - got);
        }
        CHECK(got == sizeof paste && memcmp(back, paste, sizeof paste) == 0);
        CHECK(con.ports[0].in.cap == 0);
    }
    /* Named port data has nowhere to go without multiport. */
    CHECK(virtio_console_write(&con, 1, "zz", 2) == 0 && virtio_console_pending(&con, 1) == 2);
    /* Queues beyond the two are there (Linux never asks) but notifying them is harmless. */
    kick(&g, 3);
    kick(&g, 5);
    /* A config-space resize raises a configuration-change interrupt. */
    ack_irq(&g);
    virtio_console_set_size(&con, 100, 30);
    CHECK(g.irq_level == 1 && (rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG_CHANGE));
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG) == (100u | 30u << 16));
    virtio_console_destroy(&con);
    spin_bus_destroy(&g.bus);
}

/* ------------------------------------------------------------------------------------ */
/* Entropy                                                                               */

static uint8_t fill_counter;
static void fill(void *opaque, uint8_t *buf, size_t len) {
    (void)opaque;
    for (size_t i = 0; i < len; i++) buf[i] = fill_counter++;
}

static void rng_setup(guest *g, virtio_rng *rng, uint64_t features, uint16_t num) {
    guest_init(g);
    CHECK(virtio_rng_init(rng, &g->bus, fill, NULL) == 0);
    CHECK(virtio_mmio_attach(&rng->mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&rng->mmio, set_irq, g);
    CHECK(rd(g, VIRTIO_MMIO_DEVICE_ID) == 4);
    CHECK(negotiate(g, features));
    setup_queue(g, 0, num);
    driver_ok(g);
}

static void rng_teardown(guest *g, virtio_rng *rng) {
    virtio_rng_destroy(rng);
    spin_bus_destroy(&g->bus);
}

static void test_rng(void) {
    guest g;
    virtio_rng rng;
    rng_setup(&g, &rng, F(VIRTIO_F_VERSION_1), 8);
    fill_counter = 0;
    uint64_t a = add_in(&g, 0, 32);
    uint64_t b1 = buf_alloc(&g, 10), b2 = buf_alloc(&g, 6);
    gseg s[2] = {{b1, 10, true}, {b2, 6, true}};
    add_chain(&g, 0, s, 2);
    kick(&g, 0);
    uint32_t id, len;
    CHECK(get_used(&g, 0, &id, &len) && id == 0 && len == 32);
    CHECK(get_used(&g, 0, &id, &len) && id == 1 && len == 16);
    CHECK(!get_used(&g, 0, &id, &len));
    uint8_t buf[32];
    CHECK(spin_bus_read_ram(&g.bus, a, buf, 32) == 0);
    for (int i = 0; i < 32; i++) CHECK(buf[i] == i);
    CHECK(spin_bus_read_ram(&g.bus, b1, buf, 10) == 0 && spin_bus_read_ram(&g.bus, b2, buf + 10, 6) == 0);
    for (int i = 0; i < 16; i++) CHECK(buf[i] == 32 + i);
    CHECK(g.irq_level == 1 && rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) == VIRTIO_INT_USED_BUFFER);
    ack_irq(&g);
    CHECK(g.irq_level == 0);

    /* VIRTQ_AVAIL_F_NO_INTERRUPT suppresses the interrupt. */
    w16(&g, g.q[0].avail, VIRTQ_AVAIL_F_NO_INTERRUPT);
    add_in(&g, 0, 8);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len) && len == 8);
    CHECK(g.irq_level == 0);
    w16(&g, g.q[0].avail, 0);

    /* A chain with a readable part first: only the writable part is filled. */
    uint64_t r = buf_alloc(&g, 4), wbuf = buf_alloc(&g, 4);
    gseg s2[2] = {{r, 4, false}, {wbuf, 4, true}};
    add_chain(&g, 0, s2, 2);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len) && len == 4);

    /* Many requests over the ring's wrap-around. */
    for (int i = 0; i < 40; i++) {
        add_in(&g, 0, 4);
        kick(&g, 0);
        CHECK(get_used(&g, 0, &id, &len) && len == 4);
    }
    /* A huge (but in-RAM) buffer is filled only up to the request cap. */
    gseg hs = {BUF_AREA, (uint32_t)(RAM_SIZE / 2), true};
    add_chain(&g, 0, &hs, 1);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len) && len == VIRTIO_RNG_MAX_REQUEST);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    rng_teardown(&g, &rng);
}

/* ------------------------------------------------------------------------------------ */
/* 9p: requests out to the host, replies back now or later                               */

typedef struct p9_host {
    uint32_t ids[256];
    uint8_t last[256];
    size_t last_len;
    unsigned count;
    bool answer_now;
    virtio_9p *dev;
} p9_host;

static void p9_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len) {
    p9_host *h = opaque;
    if (h->count < 256) h->ids[h->count] = id;
    h->count++;
    h->last_len = len < sizeof h->last ? len : sizeof h->last;
    memcpy(h->last, msg, h->last_len);
    if (h->answer_now) CHECK(virtio_9p_reply(h->dev, id, (const uint8_t *)"now!", 4) == 0);
}

/* One request chain: out bytes, then a reply buffer of in_len. Returns the reply buffer. */
static uint64_t p9_chain(guest *g, const char *out, uint32_t in_len) {
    uint64_t o = buf_alloc(g, (uint32_t)strlen(out)), i = buf_alloc(g, in_len);
    CHECK(spin_bus_write_ram(&g->bus, o, out, strlen(out)) == 0);
    gseg s[2] = {{o, (uint32_t)strlen(out), false}, {i, in_len, true}};
    add_chain(g, 0, s, 2);
    return i;
}

static void test_9p(void) {
    guest g;
    virtio_9p dev;
    p9_host h = {.dev = &dev};
    guest_init(&g);
    virtio_9p_host host = {p9_request, &h};
    CHECK(virtio_9p_init(&dev, &g.bus, "", 4096, &host) == -1); /* a tag is required */
    CHECK(virtio_9p_init(&dev, &g.bus, "spin", 16, &host) == 0);
    CHECK(virtio_mmio_attach(&dev.mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&dev.mmio, set_irq, &g);
    CHECK(rd(&g, VIRTIO_MMIO_DEVICE_ID) == VIRTIO_ID_9P);
    /* the mount tag: feature bit 0 and {le16 len, tag} in the configuration space */
    wr(&g, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK(rd(&g, VIRTIO_MMIO_DEVICE_FEATURES) & (1u << VIRTIO_9P_F_MOUNT_TAG));
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG) == (4u | (uint32_t)'s' << 16 | (uint32_t)'p' << 24));
    uint64_t tail = 0;
    CHECK(spin_bus_read(&g.bus, DEV_BASE + VIRTIO_MMIO_CONFIG + 4, 2, &tail) == 0);
    CHECK(tail == ((uint32_t)'i' | (uint32_t)'n' << 8));
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG + 4) == 0); /* past the 6 bytes of configuration */
    CHECK(negotiate(&g, F(VIRTIO_F_VERSION_1) | F(VIRTIO_9P_F_MOUNT_TAG)));
    setup_queue(&g, 0, 8);
    driver_ok(&g);

    /* answered later: the chain stays with the device until the host replies */
    uint64_t r1 = p9_chain(&g, "request-one", 64);
    uint64_t r2 = p9_chain(&g, "two", 2);
    kick(&g, 0);
    CHECK(h.count == 2 && h.last_len == 3 && !memcmp(h.last, "two", 3));
    CHECK(virtio_9p_in_flight(&dev) == 2);
    uint32_t id, len;
    CHECK(!get_used(&g, 0, &id, &len));
    CHECK(virtio_9p_reply(&dev, h.ids[1], (const uint8_t *)"long reply", 10) == 0);
    CHECK(get_used(&g, 0, &id, &len) && id == 2 && len == 2); /* cut to the reply buffer */
    CHECK(virtio_9p_reply(&dev, h.ids[1], (const uint8_t *)"again", 5) == -1); /* answered */
    CHECK(virtio_9p_reply(&dev, h.ids[0], (const uint8_t *)"first", 5) == 0);
    CHECK(get_used(&g, 0, &id, &len) && id == 0 && len == 5);
    char buf[16] = "";
    CHECK(spin_bus_read_ram(&g.bus, r1, buf, 5) == 0 && !memcmp(buf, "first", 5));
    CHECK(spin_bus_read_ram(&g.bus, r2, buf, 2) == 0 && !memcmp(buf, "lo", 2));
    CHECK(g.irq_level == 1);
    ack_irq(&g);

    /* a request longer than max_request reaches the host cut short */
    p9_chain(&g, "0123456789abcdefXYZ", 64);
    kick(&g, 0);
    CHECK(h.count == 3 && h.last_len == 16);
    CHECK(virtio_9p_reply(&dev, h.ids[2], (const uint8_t *)"ok", 2) == 0);
    CHECK(get_used(&g, 0, &id, &len) && len == 2);

    /* answered at once, inside the request callback */
    h.answer_now = true;
    for (int i = 0; i < 20; i++) { /* across the ring's wrap-around */
        p9_chain(&g, "x", 8);
        kick(&g, 0);
        CHECK(get_used(&g, 0, &id, &len) && len == 4);
    }
    h.answer_now = false;

    /* the same chain offered again while in flight: waits for a free slot, never
     * overflows the device's table */
    unsigned before = h.count;
    uint16_t head = g.q[0].next_desc;
    p9_chain(&g, "dup", 8);
    for (int i = 0; i < 7; i++) publish(&g, 0, head);
    kick(&g, 0);
    CHECK(h.count == before + 8);
    CHECK(virtio_9p_in_flight(&dev) == 8);

    /* a reset drops what was in flight: late replies are refused */
    uint32_t stale = h.ids[before < 256 ? before : 0];
    wr(&g, VIRTIO_MMIO_STATUS, 0);
    CHECK(virtio_9p_in_flight(&dev) == 0);
    CHECK(virtio_9p_reply(&dev, stale, (const uint8_t *)"late", 4) == -1);
    CHECK(virtio_9p_reply(&dev, 0xdeadbeef, (const uint8_t *)"bad", 3) == -1);
    virtio_9p_destroy(&dev);
    spin_bus_destroy(&g.bus);
}

/* VIRTIO_F_EVENT_IDX: used_event decides interrupts, avail_event is published. */
static void test_event_idx(void) {
    guest g;
    virtio_rng rng;
    rng_setup(&g, &rng, F(VIRTIO_F_VERSION_1) | F(VIRTIO_F_EVENT_IDX), 8);
    gq *q = &g.q[0];
    uint64_t used_event = q->avail + 4 + 2u * q->num, avail_event = q->used + 4 + 8u * q->num;
    uint32_t id, len;
    /* used_event = 0: interrupt when entry 0 is used. */
    w16(&g, used_event, 0);
    add_in(&g, 0, 4);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len));
    CHECK(g.irq_level == 1);
    CHECK(r16(&g, avail_event) == 1);
    ack_irq(&g);
    /* used_event = 3: no interrupt for entries 1 and 2, one for entry 3. */
    w16(&g, used_event, 3);
    for (int i = 0; i < 2; i++) {
        add_in(&g, 0, 4);
        kick(&g, 0);
        CHECK(get_used(&g, 0, &id, &len));
        CHECK(g.irq_level == 0);
    }
    add_in(&g, 0, 4);
    add_in(&g, 0, 4);
    kick(&g, 0); /* entries 3 and 4 in one batch: crosses used_event */
    CHECK(get_used(&g, 0, &id, &len) && get_used(&g, 0, &id, &len));
    CHECK(g.irq_level == 1);
    CHECK(r16(&g, avail_event) == 5);
    ack_irq(&g);
    /* used_event far behind: no interrupt. */
    w16(&g, used_event, 2);
    add_in(&g, 0, 4);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len) && g.irq_level == 0);
    rng_teardown(&g, &rng);
}

/* VIRTIO_F_INDIRECT_DESC. */
static void test_indirect(void) {
    guest g;
    virtio_rng rng;
    rng_setup(&g, &rng, F(VIRTIO_F_VERSION_1) | F(VIRTIO_F_INDIRECT_DESC), 8);
    uint64_t table = ring_alloc(&g, 16 * 3, 16);
    uint64_t b[3] = {buf_alloc(&g, 5), buf_alloc(&g, 6), buf_alloc(&g, 7)};
    for (unsigned i = 0; i < 3; i++)
        put_desc(&g, table, i, b[i], 5 + i, (uint16_t)(VIRTQ_DESC_F_WRITE | (i < 2 ? VIRTQ_DESC_F_NEXT : 0)), (uint16_t)(i + 1));
    put_desc(&g, g.q[0].desc, 0, table, 48, VIRTQ_DESC_F_INDIRECT, 0);
    publish(&g, 0, 0);
    kick(&g, 0);
    uint32_t id, len;
    CHECK(get_used(&g, 0, &id, &len) && id == 0 && len == 18);
    /* An indirect table only 8-byte aligned (the spec asks for no alignment), reached
     * after a direct descriptor. */
    uint64_t t2 = ring_alloc(&g, 16 * 2 + 8, 16) + 8;
    put_desc(&g, t2, 1, b[0], 5, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    put_desc(&g, t2, 0, b[1], 6, VIRTQ_DESC_F_WRITE, 0);
    put_desc(&g, g.q[0].desc, 1, b[2], 7, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    put_desc(&g, g.q[0].desc, 2, t2, 32, VIRTQ_DESC_F_INDIRECT, 0);
    /* the table's walk starts at its entry 0: 6 bytes, then stops (no NEXT) */
    publish(&g, 0, 1);
    kick(&g, 0);
    CHECK(get_used(&g, 0, &id, &len) && id == 1 && len == 13);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    rng_teardown(&g, &rng);
}

/* ------------------------------------------------------------------------------------ */
/* Hostile guests                                                                        */

/* One malformed chain: sets up a fresh rng device with an 8-entry queue, lets build()
 * write descriptors and publish, kicks, and expects DEVICE_NEEDS_RESET plus a
 * configuration-change interrupt, nothing used, and a working device after a reset. */
static void expect_broken(const char *what, uint64_t features, void (*build)(guest *g)) {
    guest g;
    virtio_rng rng;
    rng_setup(&g, &rng, F(VIRTIO_F_VERSION_1) | features, 8);
    build(&g);
    kick(&g, 0);
    bool broken = status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET);
    if (!broken) fprintf(stderr, "not broken: %s\n", what);
    CHECK(broken);
    CHECK(rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG_CHANGE);
    CHECK(g.irq_level == 1);
    CHECK(r16(&g, g.q[0].used + 2) == 0);
    /* Further notifications are ignored until a reset. */
    add_in(&g, 0, 4);
    kick(&g, 0);
    CHECK(r16(&g, g.q[0].used + 2) == 0);
    /* Writing DEVICE_NEEDS_RESET does not clear it; a reset does. */
    wr(&g, VIRTIO_MMIO_STATUS, rd(&g, VIRTIO_MMIO_STATUS));
    CHECK(status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    g.ring_next = RAM_BASE + 0x1000;
    CHECK(negotiate(&g, F(VIRTIO_F_VERSION_1)));
    CHECK(g.irq_level == 0);
    setup_queue(&g, 0, 8);
    driver_ok(&g);
    add_in(&g, 0, 4);
    kick(&g, 0);
    uint32_t id, len;
    CHECK(get_used(&g, 0, &id, &len) && len == 4);
    rng_teardown(&g, &rng);
}

static void bad_head(guest *g) { publish(g, 0, 8); }
static void bad_head_huge(guest *g) { publish(g, 0, 0xffff); }
static void bad_next(guest *g) {
    put_desc(g, g->q[0].desc, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 9);
    publish(g, 0, 0);
}
static void loop2(guest *g) {
    put_desc(g, g->q[0].desc, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(g, g->q[0].desc, 1, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    publish(g, 0, 0);
}
static void self_loop(guest *g) {
    put_desc(g, g->q[0].desc, 3, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 3);
    publish(g, 0, 3);
}
static void buf_below_ram(guest *g) {
    put_desc(g, g->q[0].desc, 0, 0x1000, 4, VIRTQ_DESC_F_WRITE, 0);
    publish(g, 0, 0);
}
static void buf_past_ram(guest *g) {
    put_desc(g, g->q[0].desc, 0, RAM_BASE + RAM_SIZE - 2, 4, VIRTQ_DESC_F_WRITE, 0);
    publish(g, 0, 0);
}
static void buf_wraps(guest *g) {
    put_desc(g, g->q[0].desc, 0, UINT64_C(0xfffffffffffffff0), 0x100, VIRTQ_DESC_F_WRITE, 0);
    publish(g, 0, 0);
}
static void buf_huge(guest *g) {
    put_desc(g, g->q[0].desc, 0, RAM_BASE, 0xffffffffu, VIRTQ_DESC_F_WRITE, 0);
    publish(g, 0, 0);
}
static void readable_after_writable(guest *g) {
    put_desc(g, g->q[0].desc, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(g, g->q[0].desc, 1, BUF_AREA, 4, 0, 0);
    publish(g, 0, 0);
}
static void avail_idx_jump(guest *g) {
    put_desc(g, g->q[0].desc, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE, 0);
    w16(g, g->q[0].avail + 2, 9); /* 9 new entries in an 8-entry queue */
}
static uint64_t indirect_table(guest *g) {
    (void)g;
    return BUF_AREA + 0x10000;
}
static void indirect_not_negotiated(guest *g) {
    put_desc(g, indirect_table(g), 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE, 0);
    put_desc(g, g->q[0].desc, 0, indirect_table(g), 16, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_nested(guest *g) {
    put_desc(g, indirect_table(g), 0, indirect_table(g), 16, VIRTQ_DESC_F_INDIRECT, 0);
    put_desc(g, g->q[0].desc, 0, indirect_table(g), 16, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_odd_len(guest *g) {
    put_desc(g, indirect_table(g), 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE, 0);
    put_desc(g, g->q[0].desc, 0, indirect_table(g), 17, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_zero_len(guest *g) {
    put_desc(g, g->q[0].desc, 0, indirect_table(g), 0, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_huge(guest *g) {
    put_desc(g, g->q[0].desc, 0, RAM_BASE, 0xfffffff0u, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_outside(guest *g) {
    put_desc(g, g->q[0].desc, 0, UINT64_C(0xfffffffffffffff0), 32, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_with_next(guest *g) {
    put_desc(g, indirect_table(g), 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE, 0);
    put_desc(g, g->q[0].desc, 0, indirect_table(g), 16, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT, 1);
    put_desc(g, g->q[0].desc, 1, BUF_AREA, 4, VIRTQ_DESC_F_WRITE, 0);
    publish(g, 0, 0);
}
static void indirect_loop(guest *g) {
    uint64_t t = indirect_table(g);
    put_desc(g, t, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(g, t, 1, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    put_desc(g, g->q[0].desc, 0, t, 32, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}
static void indirect_bad_next(guest *g) {
    uint64_t t = indirect_table(g);
    put_desc(g, t, 0, BUF_AREA, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    put_desc(g, g->q[0].desc, 0, t, 32, VIRTQ_DESC_F_INDIRECT, 0);
    publish(g, 0, 0);
}

static void test_hostile_chains(void) {
    expect_broken("head index out of range", 0, bad_head);
    expect_broken("head index 0xffff", 0, bad_head_huge);
    expect_broken("next index out of range", 0, bad_next);
    expect_broken("two-descriptor loop", 0, loop2);
    expect_broken("self loop", 0, self_loop);
    expect_broken("buffer below RAM", 0, buf_below_ram);
    expect_broken("buffer past RAM end", 0, buf_past_ram);
    expect_broken("buffer wrapping 2^64", 0, buf_wraps);
    expect_broken("4 GiB buffer", 0, buf_huge);
    expect_broken("readable after writable", 0, readable_after_writable);
    expect_broken("avail idx more than a queue ahead", 0, avail_idx_jump);
    expect_broken("indirect not negotiated", 0, indirect_not_negotiated);
    uint64_t ind = F(VIRTIO_F_INDIRECT_DESC);
    expect_broken("nested indirect", ind, indirect_nested);
    expect_broken("indirect length not a multiple of 16", ind, indirect_odd_len);
    expect_broken("indirect length 0", ind, indirect_zero_len);
    expect_broken("indirect table too large", ind, indirect_huge);
    expect_broken("indirect table wrapping 2^64", ind, indirect_outside);
    expect_broken("indirect with next", ind, indirect_with_next);
    expect_broken("loop inside an indirect table", ind, indirect_loop);
    expect_broken("next outside an indirect table", ind, indirect_bad_next);
}

/* Queue configurations a driver must not write. Each QueueReady must fail (queue stays
 * disabled) and put the device into DEVICE_NEEDS_RESET. */
typedef struct bad_queue {
    const char *what;
    uint32_t num;
    uint64_t desc, avail, used; /* 0: a good default */
} bad_queue;

static void test_hostile_queues(void) {
    const uint64_t top = RAM_BASE + RAM_SIZE;
    const bad_queue cases[] = {
        {"size not a power of two", 48, 0, 0, 0},
        {"size larger than max", 128, 0, 0, 0},
        {"size 2^16 + 1 (truncates to 1)", 65537, 0, 0, 0},
        {"size 0", 0, 0, 0, 0},
        {"descriptor table below RAM", 8, 0x1000, 0, 0},
        {"descriptor table misaligned", 8, RAM_BASE + 0x8008, 0, 0},
        {"descriptor table past RAM end", 8, top - 64, 0, 0},
        {"available ring past RAM end", 8, 0, top - 8, 0},
        {"used ring wrapping 2^64", 8, 0, 0, UINT64_C(0xfffffffffffffff8)},
        {"used ring misaligned", 8, 0, 0, RAM_BASE + 0x9002},
        {"available ring at 2^64 - 2", 8, 0, UINT64_C(0xfffffffffffffffe), 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        guest g;
        virtio_rng rng;
        guest_init(&g);
        CHECK(virtio_rng_init(&rng, &g.bus, fill, NULL) == 0);
        CHECK(virtio_mmio_attach(&rng.mmio, DEV_BASE) == 0);
        virtio_mmio_set_irq(&rng.mmio, set_irq, &g);
        CHECK(negotiate(&g, F(VIRTIO_F_VERSION_1)));
        const bad_queue *b = &cases[c];
        uint64_t desc = b->desc ? b->desc : RAM_BASE + 0x8000;
        uint64_t avail = b->avail ? b->avail : RAM_BASE + 0x9000;
        uint64_t used = b->used ? b->used : RAM_BASE + 0xa000;
        wr(&g, VIRTIO_MMIO_QUEUE_SEL, 0);
        wr(&g, VIRTIO_MMIO_QUEUE_NUM, b->num);
        wr(&g, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
        wr(&g, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
        wr(&g, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)avail);
        wr(&g, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(avail >> 32));
        wr(&g, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)used);
        wr(&g, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(used >> 32));
        wr(&g, VIRTIO_MMIO_QUEUE_READY, 1);
        bool ok = rd(&g, VIRTIO_MMIO_QUEUE_READY) == 0 && status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET);
        if (!ok) fprintf(stderr, "bad queue accepted: %s\n", b->what);
        CHECK(ok);
        wr(&g, VIRTIO_MMIO_STATUS, rd(&g, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
        kick(&g, 0); /* ignored */
        rng_teardown(&g, &rng);
    }
}

/* Register-level misuse: wrong widths, unknown offsets, unknown queues, notifications of
 * disabled queues, features the device never offered or without VERSION_1. */
static void test_hostile_registers(void) {
    guest g;
    virtio_rng rng;
    guest_init(&g);
    CHECK(virtio_rng_init(&rng, &g.bus, fill, NULL) == 0);
    CHECK(virtio_mmio_attach(&rng.mmio, DEV_BASE) == 0);
    virtio_mmio_set_irq(&rng.mmio, set_irq, &g);
    uint64_t v;
    /* 1-, 2- and 8-byte accesses to control registers read 0 and write nothing. */
    CHECK(spin_bus_read(&g.bus, DEV_BASE, 1, &v) == 0 && v == 0);
    CHECK(spin_bus_read(&g.bus, DEV_BASE, 8, &v) == 0 && v == 0);
    CHECK(spin_bus_write(&g.bus, DEV_BASE + VIRTIO_MMIO_STATUS, 2, 3) == 0);
    CHECK(rd(&g, VIRTIO_MMIO_STATUS) == 0);
    CHECK(rd(&g, 0x0f0) == 0);
    wr(&g, 0x0f0, 0xffffffff);
    /* The rng has no configuration space. */
    CHECK(rd(&g, VIRTIO_MMIO_CONFIG) == 0);
    wr(&g, VIRTIO_MMIO_CONFIG, 1);
    CHECK(spin_bus_read(&g.bus, DEV_BASE + 0x1fc, 8, &v) == -1); /* past the window: bus says no */
    /* No shared memory regions. */
    CHECK(rd(&g, VIRTIO_MMIO_SHM_LEN_LOW) == UINT32_MAX && rd(&g, VIRTIO_MMIO_SHM_LEN_HIGH) == UINT32_MAX);

    /* Features: without VERSION_1, or with bits never offered, FEATURES_OK is refused. */
    CHECK(!negotiate(&g, 0));
    wr(&g, VIRTIO_MMIO_STATUS, 0);
    wr(&g, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(&g, VIRTIO_MMIO_DRIVER_FEATURES, 1u | 1u << 30);
    wr(&g, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    CHECK(!status_has(&g, VIRTIO_STATUS_FEATURES_OK));
    /* DRIVER_OK without FEATURES_OK does not stick. */
    wr(&g, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
    CHECK(!status_has(&g, VIRTIO_STATUS_DRIVER_OK));
    /* Queue registers before FEATURES_OK: the queue does not come up. */
    wr(&g, VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(&g, VIRTIO_MMIO_QUEUE_READY, 1);
    CHECK(rd(&g, VIRTIO_MMIO_QUEUE_READY) == 0);

    CHECK(negotiate(&g, F(VIRTIO_F_VERSION_1)));
    /* Feature bits cannot change after FEATURES_OK. */
    wr(&g, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(&g, VIRTIO_MMIO_DRIVER_FEATURES, 1u << 28);
    CHECK(!virtio_mmio_has_feature(&rng.mmio, VIRTIO_F_INDIRECT_DESC));
    /* Queues that do not exist. */
    wr(&g, VIRTIO_MMIO_QUEUE_SEL, 5);
    CHECK(rd(&g, VIRTIO_MMIO_QUEUE_NUM_MAX) == 0);
    wr(&g, VIRTIO_MMIO_QUEUE_NUM, 8);
    wr(&g, VIRTIO_MMIO_QUEUE_READY, 1);
    CHECK(rd(&g, VIRTIO_MMIO_QUEUE_READY) == 0);
    wr(&g, VIRTIO_MMIO_QUEUE_SEL, 0xffffffff);
    wr(&g, VIRTIO_MMIO_QUEUE_READY, 1);
    /* Notify of a disabled queue, an unknown queue, before DRIVER_OK. */
    kick(&g, 0);
    kick(&g, 1);
    kick(&g, 0xffff);
    wr(&g, VIRTIO_MMIO_QUEUE_NOTIFY, 0xffffffff);
    setup_queue(&g, 0, 8);
    driver_ok(&g);
    /* Queue configuration is frozen while the queue is enabled. */
    wr(&g, VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(&g, VIRTIO_MMIO_QUEUE_DESC_LOW, 0);
    wr(&g, VIRTIO_MMIO_QUEUE_NUM, 2);
    CHECK(rd(&g, VIRTIO_MMIO_QUEUE_DESC_LOW) == (uint32_t)g.q[0].desc && rd(&g, VIRTIO_MMIO_QUEUE_NUM) == 8);
    add_in(&g, 0, 4);
    kick(&g, 0);
    uint32_t id, len;
    CHECK(get_used(&g, 0, &id, &len) && len == 4);
    /* A disabled queue is left alone. */
    wr(&g, VIRTIO_MMIO_QUEUE_READY, 0);
    add_in(&g, 0, 4);
    kick(&g, 0);
    CHECK(!get_used(&g, 0, &id, &len));
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    /* FAILED stops the device. */
    wr(&g, VIRTIO_MMIO_QUEUE_READY, 1);
    wr(&g, VIRTIO_MMIO_STATUS, rd(&g, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_FAILED);
    kick(&g, 0);
    CHECK(!virtio_mmio_running(&rng.mmio));
    rng_teardown(&g, &rng);
}

/* The console under hostile control traffic: a driver that asks for messages forever
 * without reading them does not grow the host's memory without bound. */
static void test_hostile_console(void) {
    guest g;
    guest_init(&g);
    static host_log h;
    memset(&h, 0, sizeof h);
    virtio_console con;
    virtio_console_host hi = {port_output, port_open, &h};
    CHECK(virtio_console_init(&con, &g.bus, &hi, 2) == 0);
    CHECK(virtio_console_add_port(&con, "spin.control") == 1);
    CHECK(virtio_mmio_attach(&con.mmio, DEV_BASE) == 0);
    CHECK(negotiate(&g, CONSOLE_FEATURES));
    for (unsigned i = 0; i < 6; i++) setup_queue(&g, i, 64);
    driver_ok(&g);
    send_ctrl(&g, 0, VIRTIO_CONSOLE_DEVICE_READY, 1);
    for (int i = 0; i < 20000; i++) send_ctrl(&g, 1, VIRTIO_CONSOLE_PORT_READY, (uint16_t)(i & 1));
    CHECK(con.control.len <= 70 * 1024);
    CHECK(!status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    /* A receive buffer without writable space, then a bad chain on a transmit queue. */
    add_out(&g, 0, "x", 1);
    CHECK(virtio_console_write(&con, 0, "abc", 3) == 0);
    put_desc(&g, g.q[5].desc, 0, BUF_AREA, 4, VIRTQ_DESC_F_NEXT, 0);
    publish(&g, 5, 0);
    kick(&g, 5);
    CHECK(status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET));
    virtio_console_destroy(&con);
    spin_bus_destroy(&g.bus);
}

/* ------------------------------------------------------------------------------------ */
/* Random register writes and ring contents                                              */

static uint64_t seed = 0x243f6a8885a308d3u;
static uint64_t rnd(void) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static long fuzz_output;
static void host_echo(void *opaque, int port, const uint8_t *data, size_t len) {
    host_log *h = opaque;
    fuzz_output += (long)len;
    if (h->con && len) virtio_console_write(h->con, port, data, len < 64 ? len : 64);
}

static void fuzz(void) {
    static const uint64_t regs[] = {
        VIRTIO_MMIO_DEVICE_FEATURES_SEL, VIRTIO_MMIO_DRIVER_FEATURES, VIRTIO_MMIO_DRIVER_FEATURES_SEL,
        VIRTIO_MMIO_QUEUE_SEL, VIRTIO_MMIO_QUEUE_NUM, VIRTIO_MMIO_QUEUE_READY, VIRTIO_MMIO_QUEUE_NOTIFY,
        VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_MMIO_STATUS, VIRTIO_MMIO_QUEUE_DESC_LOW,
        VIRTIO_MMIO_QUEUE_DESC_HIGH, VIRTIO_MMIO_QUEUE_DRIVER_LOW, VIRTIO_MMIO_QUEUE_DRIVER_HIGH,
        VIRTIO_MMIO_QUEUE_DEVICE_LOW, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, VIRTIO_MMIO_CONFIG,
        VIRTIO_MMIO_CONFIG + 8};
    long notifies = 0, broken_rounds = 0, used_total = 0;
    for (int dev = 0; dev < 2; dev++) {
        guest g;
        guest_init(&g);
        static host_log h;
        memset(&h, 0, sizeof h);
        virtio_console con;
        virtio_rng rng;
        virtio_mmio *vm;
        if (dev == 0) {
            virtio_console_host hi = {host_echo, port_open, &h};
            CHECK(virtio_console_init(&con, &g.bus, &hi, 2) == 0);
            virtio_console_add_port(&con, "spin.control");
            h.con = &con;
            vm = &con.mmio;
        } else {
            CHECK(virtio_rng_init(&rng, &g.bus, fill, NULL) == 0);
            vm = &rng.mmio;
        }
        CHECK(virtio_mmio_attach(vm, DEV_BASE) == 0);
        virtio_mmio_set_irq(vm, set_irq, &g);
        unsigned nq = vm->num_queues;
        for (int round = 0; round < 200; round++) {
            /* A proper start, so that the interesting code is reached. */
            g.ring_next = RAM_BASE + 0x1000;
            uint64_t feat = F(VIRTIO_F_VERSION_1) | (rnd() & (F(VIRTIO_F_EVENT_IDX) | F(VIRTIO_F_INDIRECT_DESC) |
                                                               F(VIRTIO_CONSOLE_F_MULTIPORT) | F(VIRTIO_CONSOLE_F_SIZE)));
            negotiate(&g, feat);
            for (unsigned i = 0; i < nq; i++) setup_queue(&g, i, (uint16_t)(1u << (rnd() % 7)));
            driver_ok(&g);
            for (int it = 0; it < 300; it++) {
                uint64_t r = rnd();
                /* Mostly a driver doing its job, with some mischief mixed in. */
                unsigned pick = (unsigned)(r % 64);
                switch (pick < 4 ? pick : pick < 36 ? 5 : pick < 56 ? 6 : 7) {
                case 0: { /* random register write */
                    uint64_t off = regs[(r >> 8) % (sizeof regs / sizeof regs[0])];
                    uint32_t val = (uint32_t)rnd();
                    if (off == VIRTIO_MMIO_STATUS && (val & 0xff) == 0) val = 0;
                    if (off == VIRTIO_MMIO_QUEUE_SEL || off == VIRTIO_MMIO_QUEUE_NOTIFY) val %= nq + 2;
                    wr(&g, off, val);
                    break;
                }
                case 1: /* random access anywhere in the window */
                    if (r & 256) {
                        uint64_t v;
                        spin_bus_read(&g.bus, DEV_BASE + ((r >> 9) % VIRTIO_MMIO_SIZE & ~UINT64_C(3)), 4, &v);
                    } else {
                        spin_bus_write(&g.bus, DEV_BASE + ((r >> 9) % VIRTIO_MMIO_SIZE & ~UINT64_C(3)), 4, rnd());
                    }
                    break;
                case 2: { /* random bytes in a ring or descriptor table */
                    unsigned qi = (unsigned)(r >> 8) % nq;
                    gq *q = &g.q[qi];
                    uint64_t base[3] = {q->desc, q->avail, q->used};
                    uint64_t size[3] = {16u * q->num, 6u + 2u * q->num, 6u + 8u * q->num};
                    int part = (int)((r >> 24) % 3);
                    uint64_t a = base[part] + rnd() % size[part];
                    uint8_t byte = (uint8_t)rnd();
                    spin_bus_write_ram(&g.bus, a, &byte, 1);
                    break;
                }
                case 3: { /* a plausible descriptor with random flags and next */
                    unsigned qi = (unsigned)(r >> 8) % nq;
                    gq *q = &g.q[qi];
                    uint64_t addr = (rnd() & 1) ? BUF_AREA + rnd() % (RAM_SIZE / 2) : rnd();
                    put_desc(&g, q->desc, (unsigned)(rnd() % q->num), addr, (uint32_t)(rnd() % 8192),
                             (uint16_t)(rnd() & 7), (uint16_t)(rnd() % (q->num + 2)));
                    if (rnd() & 1) publish(&g, qi, (uint16_t)(rnd() % (q->num + 1)));
                    break;
                }
                case 5: { /* a correct buffer */
                    unsigned qi = (unsigned)(r >> 8) % nq;
                    if (r & 256) add_in(&g, qi, 1 + (uint32_t)(rnd() % 300));
                    else add_out(&g, qi, "0123456789abcdef", 1 + (uint32_t)(rnd() % 16));
                    break;
                }
                case 6:
                    kick(&g, (unsigned)(r >> 8) % nq);
                    notifies++;
                    break;
                default:
                    if (dev == 0) {
                        virtio_console_write(&con, (int)((r >> 8) % 3), "input", 5);
                        if ((r >> 16) % 16 == 0) virtio_console_set_size(&con, (uint16_t)rnd(), (uint16_t)rnd());
                    }
                    break;
                }
                CHECK(g.irq_level == (rd(&g, VIRTIO_MMIO_INTERRUPT_STATUS) != 0));
            }
            broken_rounds += status_has(&g, VIRTIO_STATUS_DEVICE_NEEDS_RESET);
            for (unsigned i = 0; i < nq; i++) used_total += vm->queues[i].used_idx;
        }
        if (dev == 0) virtio_console_destroy(&con);
        else virtio_rng_destroy(&rng);
        spin_bus_destroy(&g.bus);
    }
    /* The loop reached both sides: chains used, guest output seen, devices broken. */
    printf("fuzz: %ld notifications, %ld used entries, %ld bytes of output, %ld of 400 rounds "
           "ended in DEVICE_NEEDS_RESET\n", notifies, used_total, fuzz_output, broken_rounds);
    CHECK(notifies > 1000 && used_total > 1000 && fuzz_output > 1000);
    CHECK(broken_rounds > 20 && broken_rounds < 380);
}

/* The virtqueue alone: random descriptor tables (indexes, flags, lengths and addresses
 * near the edges of RAM, indirect tables) must only ever produce chains whose every
 * segment lies inside RAM, with readable segments first and totals that add up. */
static void fuzz_virtqueue(void) {
    guest g;
    guest_init(&g);
    long popped = 0, broken = 0;
    for (int round = 0; round < 3000; round++) {
        virtq q = {0};
        q.num = (uint16_t)(1u << (rnd() % 5));
        q.desc = RAM_BASE + 0x1000;
        q.avail = RAM_BASE + 0x2000;
        q.used = RAM_BASE + 0x3000;
        q.ready = true;
        q.indirect = rnd() & 1;
        q.event_idx = rnd() & 1;
        CHECK(virtq_config_valid(&q, &g.bus, 16));
        const uint64_t addrs[] = {RAM_BASE, RAM_BASE + RAM_SIZE - 16, RAM_BASE - 8, 0,
                                  UINT64_MAX - 7, BUF_AREA, RAM_BASE + 0x4000};
        uint64_t tables[] = {q.desc, RAM_BASE + 0x4000};
        for (int t = 0; t < 2; t++)
            for (unsigned i = 0; i < 16; i++) {
                /* Mostly plausible, sometimes not. */
                uint64_t r = rnd();
                uint64_t addr = r % 8 < 5 ? BUF_AREA + rnd() % 4096 : addrs[r % 7] + (rnd() % 64);
                uint32_t len = (r >> 8) % 16 == 0 ? (uint32_t)rnd() : (uint32_t)(rnd() % 80);
                uint16_t flags = (uint16_t)((r >> 16) & 3);
                if ((r >> 20) % 8 == 0) flags |= VIRTQ_DESC_F_INDIRECT;
                uint16_t next = (uint16_t)((r >> 24) % 8 ? (r >> 32) % q.num : (r >> 32) % 20);
                if (flags & VIRTQ_DESC_F_INDIRECT) addr = tables[1] + 16 * ((r >> 40) % 4);
                put_desc(&g, tables[t], i, addr, len, flags, next);
            }
        for (unsigned i = 0; i < q.num; i++) w16(&g, q.avail + 4 + 2 * i, (uint16_t)(rnd() % (q.num + 2)));
        w16(&g, q.avail + 2, (uint16_t)(rnd() % (2u * q.num + 2)));
        virtq_chain c = {0};
        for (int k = 0; k < 40; k++) {
            int r = virtq_pop(&q, &g.bus, &c);
            if (r == VIRTQ_EMPTY) break;
            if (r == VIRTQ_BROKEN) {
                broken++;
                break;
            }
            popped++;
            uint64_t rl = 0, wl = 0;
            CHECK(c.head < q.num && c.count <= q.num + VIRTQ_MAX_INDIRECT && c.readable <= c.count);
            for (unsigned s = 0; s < c.count; s++) {
                const virtq_seg *sg = &c.segs[s];
                CHECK(sg->len > 0 && sg->addr >= RAM_BASE && sg->addr - RAM_BASE + sg->len <= RAM_SIZE);
                if (s < c.readable) rl += sg->len;
                else wl += sg->len;
            }
            CHECK(rl == c.readable_len && wl == c.writable_len);
            CHECK(virtq_push(&q, &g.bus, c.head, (uint32_t)wl) == 0);
            virtq_should_interrupt(&q, &g.bus);
        }
        virtq_chain_free(&c);
    }
    printf("virtqueue fuzz: %ld chains popped, %ld rounds broken\n", popped, broken);
    CHECK(popped > 300 && broken > 300);
    spin_bus_destroy(&g.bus);
}

int main(void) {
    test_console_multiport();
    test_console_single();
    test_rng();
    test_9p();
    test_event_idx();
    test_indirect();
    test_hostile_chains();
    test_hostile_queues();
    test_hostile_registers();
    test_hostile_console();
    fuzz();
    fuzz_virtqueue();
    return device_check_summary("virtio");
}
