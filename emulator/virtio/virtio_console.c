/* virtio console with multiple ports. See virtio_console.h. */
#include "virtio/virtio_console.h"

#include <stdlib.h>
#include <string.h>

#define CONTROL_RX 2u
#define CONTROL_TX 3u
#define CONTROL_HEADER 8u /* { le32 id; le16 event; le16 value; } */
#define CONFIG_SIZE 12u   /* { le16 cols; le16 rows; le32 max_nr_ports; le32 emerg_wr; } */
/* Control messages waiting for the driver's buffers. A driver that keeps asking for
 * messages (PORT_READY over and over) without reading them cannot grow this without
 * bound: beyond the limit, new messages are dropped. */
#define CONTROL_BACKLOG_MAX (64u * 1024u)

/* --- growable byte FIFO --- */

static int fifo_push(virtio_console_fifo *f, const void *data, size_t len) {
    if (len == 0) return 0;
    if (len > f->cap - f->len) { /* grow */
        if (len > SIZE_MAX / 2 - f->len) return -1;
        size_t cap = f->cap ? f->cap : 256;
        while (cap < f->len + len) cap *= 2;
        uint8_t *d = malloc(cap);
        if (!d) return -1;
        if (f->len) memcpy(d, f->data + f->head, f->len);
        free(f->data);
        f->data = d;
        f->cap = cap;
        f->head = 0;
    } else if (f->head + f->len + len > f->cap) { /* slide down to make room */
        memmove(f->data, f->data + f->head, f->len);
        f->head = 0;
    }
    memcpy(f->data + f->head + f->len, data, len);
    f->len += len;
    return 0;
}

static void fifo_free(virtio_console_fifo *f) {
    free(f->data);
    memset(f, 0, sizeof *f);
}

static void fifo_drop(virtio_console_fifo *f, size_t n) {
    f->head += n;
    f->len -= n;
    if (f->len) return;
    f->head = 0;
    if (f->cap > 65536) fifo_free(f); /* a big paste does not pin its memory for good */
}

/* --- queues and ports --- */

static unsigned rx_queue(int port) { return port == 0 ? 0 : 2 + 2 * (unsigned)port; }

static bool multiport(const virtio_console *con) {
    return virtio_mmio_has_feature(&con->mmio, VIRTIO_CONSOLE_F_MULTIPORT);
}

/* Whether bytes for port may go to the guest now: the guest must have the port open, or
 * Linux throws the data away (without multiport, port 0 is simply there). */
static bool port_deliverable(const virtio_console *con, int port) {
    if (!virtio_mmio_running(&con->mmio)) return false;
    if (!multiport(con)) return port == 0;
    return con->ports[port].guest_open;
}

static void send_control(virtio_console *con, uint32_t id, uint16_t event, uint16_t value,
                         const void *extra, size_t extra_len);

/* Tells the driver the host hung up, once everything queued before has been delivered
 * (Linux answers reads with end of file as soon as the host is gone and no data is
 * buffered in the guest). */
static void maybe_send_hangup(virtio_console *con, int port) {
    virtio_console_port *p = &con->ports[port];
    if (!p->host_closed || p->host_close_sent || p->in.len || !p->guest_ready || !multiport(con))
        return;
    p->host_close_sent = true;
    send_control(con, (uint32_t)port, VIRTIO_CONSOLE_PORT_OPEN, 0, NULL, 0);
}

static void deliver_port(virtio_console *con, int port) {
    virtio_console_port *p = &con->ports[port];
    unsigned q = rx_queue(port);
    if (!p->in.len || !port_deliverable(con, port)) return;
    virtq_chain chain = {0};
    bool pushed = false;
    while (p->in.len && virtio_mmio_pop(&con->mmio, q, &chain)) {
        size_t want = p->in.len < UINT32_MAX ? p->in.len : UINT32_MAX; /* used.len is 32-bit */
        size_t n = virtq_chain_write(con->mmio.bus, &chain, 0, p->in.data + p->in.head, want);
        fifo_drop(&p->in, n);
        virtio_mmio_push(&con->mmio, q, chain.head, (uint32_t)n);
        pushed = true;
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&con->mmio, q);
    maybe_send_hangup(con, port);
}

static void deliver_control(virtio_console *con) {
    virtio_console_fifo *f = &con->control;
    if (!f->len || !multiport(con)) return;
    virtq_chain chain = {0};
    bool pushed = false;
    while (f->len && virtio_mmio_pop(&con->mmio, CONTROL_RX, &chain)) {
        uint32_t len;
        memcpy(&len, f->data + f->head, sizeof len);
        /* A buffer too small for the message gets what fits (Linux posts a page). */
        size_t n = virtq_chain_write(con->mmio.bus, &chain, 0, f->data + f->head + sizeof len, len);
        fifo_drop(f, sizeof len + len);
        virtio_mmio_push(&con->mmio, CONTROL_RX, chain.head, (uint32_t)n);
        pushed = true;
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&con->mmio, CONTROL_RX);
}

/* Queues a control message for the driver: header, then extra bytes (a name, a size). */
static void send_control(virtio_console *con, uint32_t id, uint16_t event, uint16_t value,
                         const void *extra, size_t extra_len) {
    uint8_t h[CONTROL_HEADER] = {(uint8_t)id, (uint8_t)(id >> 8), (uint8_t)(id >> 16),
                                 (uint8_t)(id >> 24), (uint8_t)event, (uint8_t)(event >> 8),
                                 (uint8_t)value, (uint8_t)(value >> 8)};
    uint32_t len = (uint32_t)(CONTROL_HEADER + extra_len);
    size_t before = con->control.len;
    if (before > CONTROL_BACKLOG_MAX) return;
    if (fifo_push(&con->control, &len, sizeof len) || fifo_push(&con->control, h, sizeof h) ||
        fifo_push(&con->control, extra, extra_len)) {
        con->control.len = before; /* out of memory: drop the whole message */
        return;
    }
    deliver_control(con);
}

static void send_resize(virtio_console *con) {
    if (!virtio_mmio_has_feature(&con->mmio, VIRTIO_CONSOLE_F_SIZE) || !con->cols || !con->rows)
        return;
    /* The spec says { cols, rows }; Linux read { rows, cols } until commit 5326ab737a47
     * (2025, backported to the stable kernels, Debian's 6.1 included). */
    uint16_t a = con->resize_rows_first ? con->rows : con->cols;
    uint16_t b = con->resize_rows_first ? con->cols : con->rows;
    uint8_t size[4] = {(uint8_t)a, (uint8_t)(a >> 8), (uint8_t)b, (uint8_t)(b >> 8)};
    send_control(con, 0, VIRTIO_CONSOLE_RESIZE, 0, size, sizeof size);
}

static void set_guest_open(virtio_console *con, int port, bool open) {
    virtio_console_port *p = &con->ports[port];
    if (p->guest_open == open) return;
    p->guest_open = open;
    if (con->host.port_open) con->host.port_open(con->host.opaque, port, open);
    if (open) deliver_port(con, port);
}

static void handle_control(virtio_console *con, const uint8_t *m) {
    uint32_t id = (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
    uint16_t event = (uint16_t)(m[4] | m[5] << 8), value = (uint16_t)(m[6] | m[7] << 8);
    if (event == VIRTIO_CONSOLE_DEVICE_READY) {
        if (value != 1 || con->driver_ready) return;
        con->driver_ready = true;
        for (unsigned i = 0; i < con->nports; i++)
            send_control(con, i, VIRTIO_CONSOLE_DEVICE_ADD, 0, NULL, 0);
        return;
    }
    if (!con->driver_ready || id >= con->nports) return; /* a port we never announced */
    virtio_console_port *p = &con->ports[id];
    switch (event) {
    case VIRTIO_CONSOLE_PORT_READY:
        if (value != 1) { /* the driver could not set the port up */
            p->guest_ready = false;
            break;
        }
        if (p->guest_ready) break;
        p->guest_ready = true;
        if (p->console) {
            send_control(con, id, VIRTIO_CONSOLE_CONSOLE_PORT, 1, NULL, 0);
            send_resize(con);
        }
        if (p->name) send_control(con, id, VIRTIO_CONSOLE_PORT_NAME, 1, p->name, strlen(p->name));
        send_control(con, id, VIRTIO_CONSOLE_PORT_OPEN, 1, NULL, 0); /* the host is there */
        maybe_send_hangup(con, (int)id);
        break;
    case VIRTIO_CONSOLE_PORT_OPEN:
        if (p->guest_ready) set_guest_open(con, (int)id, value != 0);
        break;
    default: break; /* nothing else is sent by a driver */
    }
}

static void handle_control_tx(virtio_console *con) {
    virtq_chain chain = {0};
    bool pushed = false;
    while (virtio_mmio_pop(&con->mmio, CONTROL_TX, &chain)) {
        uint8_t m[CONTROL_HEADER];
        bool whole = virtq_chain_read(con->mmio.bus, &chain, 0, m, sizeof m) == sizeof m;
        virtio_mmio_push(&con->mmio, CONTROL_TX, chain.head, 0);
        pushed = true;
        if (whole) handle_control(con, m);
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&con->mmio, CONTROL_TX);
}

static void handle_output(virtio_console *con, int port, unsigned q) {
    virtq_chain chain = {0};
    bool pushed = false;
    while (virtio_mmio_pop(&con->mmio, q, &chain)) {
        uint8_t buf[4096];
        uint64_t total = chain.readable_len < VIRTIO_CONSOLE_MAX_CHAIN_OUTPUT
                             ? chain.readable_len
                             : VIRTIO_CONSOLE_MAX_CHAIN_OUTPUT;
        for (uint64_t off = 0; off < total;) {
            size_t want = total - off < sizeof buf ? (size_t)(total - off) : sizeof buf;
            size_t n = virtq_chain_read(con->mmio.bus, &chain, off, buf, want);
            if (n == 0) break;
            if (con->host.port_output) con->host.port_output(con->host.opaque, port, buf, n);
            off += n;
        }
        virtio_mmio_push(&con->mmio, q, chain.head, 0);
        pushed = true;
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&con->mmio, q);
}

/* --- device ops --- */

static uint64_t console_config_read(void *dev, uint32_t offset, unsigned size) {
    virtio_console *con = dev;
    uint8_t c[CONFIG_SIZE] = {(uint8_t)con->cols, (uint8_t)(con->cols >> 8), (uint8_t)con->rows,
                              (uint8_t)(con->rows >> 8), (uint8_t)con->max_ports,
                              (uint8_t)(con->max_ports >> 8)};
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) v |= (uint64_t)c[offset + i] << (8 * i);
    return v;
}

static void console_config_write(void *dev, uint32_t offset, uint64_t value, unsigned size) {
    virtio_console *con = dev;
    /* emerg_wr: one character for port 0, usable even before the queues are set up. */
    if (offset == 8 && size == 4 && con->host.port_output &&
        virtio_mmio_has_feature(&con->mmio, VIRTIO_CONSOLE_F_EMERG_WRITE)) {
        uint8_t ch = (uint8_t)value;
        con->host.port_output(con->host.opaque, 0, &ch, 1);
    }
}

static void console_queue_notify(void *dev, unsigned q) {
    virtio_console *con = dev;
    if (q == CONTROL_RX) {
        deliver_control(con);
    } else if (q == CONTROL_TX) {
        if (multiport(con)) handle_control_tx(con);
    } else {
        int port = q < 2 ? 0 : (int)(q - 2) / 2;
        if (port > 0 && !multiport(con)) return;
        if (q & 1) {
            handle_output(con, port, q);
        } else if ((unsigned)port < con->nports) {
            deliver_port(con, port);
        }
    }
}

static void console_reset(void *dev) {
    virtio_console *con = dev;
    con->driver_ready = false;
    con->control.len = con->control.head = 0;
    for (unsigned i = 0; i < con->nports; i++) {
        con->ports[i].guest_ready = false;
        con->ports[i].host_close_sent = false;
        set_guest_open(con, (int)i, false);
    }
}

static void console_driver_ok(void *dev) {
    virtio_console *con = dev;
    if (!multiport(con)) set_guest_open(con, 0, true);
}

static const virtio_device_ops console_ops_template = {
    .device_id = VIRTIO_ID_CONSOLE,
    .features = (UINT64_C(1) << VIRTIO_CONSOLE_F_SIZE) | (UINT64_C(1) << VIRTIO_CONSOLE_F_MULTIPORT) |
                (UINT64_C(1) << VIRTIO_CONSOLE_F_EMERG_WRITE),
    .config_size = CONFIG_SIZE,
    .config_read = console_config_read,
    .config_write = console_config_write,
    .queue_notify = console_queue_notify,
    .reset = console_reset,
    .driver_ok = console_driver_ok,
};

/* --- host interface --- */

int virtio_console_init(virtio_console *con, spin_bus *bus, const virtio_console_host *host,
                        unsigned max_ports) {
    memset(con, 0, sizeof *con);
    if (max_ports == 0 || max_ports > VIRTIO_CONSOLE_MAX_PORTS) return -1;
    if (virtio_mmio_init(&con->mmio, bus, &console_ops_template, con, 2 * max_ports + 2,
                         VIRTIO_CONSOLE_QUEUE_SIZE))
        return -1;
    if (host) con->host = *host;
    con->max_ports = max_ports;
    con->nports = 1;
    con->ports[0].console = true;
    return 0;
}

void virtio_console_destroy(virtio_console *con) {
    for (unsigned i = 0; i < con->nports; i++) {
        free(con->ports[i].name);
        fifo_free(&con->ports[i].in);
    }
    fifo_free(&con->control);
    virtio_mmio_destroy(&con->mmio);
}

int virtio_console_add_port(virtio_console *con, const char *name) {
    size_t len = name ? strlen(name) : 0;
    if (con->nports >= con->max_ports || len == 0 || len > VIRTIO_CONSOLE_MAX_NAME) return -1;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, name, len + 1);
    int port = (int)con->nports++;
    con->ports[port] = (virtio_console_port){.name = copy};
    if (con->driver_ready) send_control(con, (uint32_t)port, VIRTIO_CONSOLE_DEVICE_ADD, 0, NULL, 0);
    return port;
}

int virtio_console_write(virtio_console *con, int port, const void *data, size_t len) {
    if (port < 0 || (unsigned)port >= con->nports || con->ports[port].host_closed) return -1;
    if (fifo_push(&con->ports[port].in, data, len)) return -1;
    deliver_port(con, port);
    return 0;
}

int virtio_console_close_port(virtio_console *con, int port) {
    if (port < 0 || (unsigned)port >= con->nports) return -1;
    con->ports[port].host_closed = true;
    maybe_send_hangup(con, port);
    return 0;
}

size_t virtio_console_pending(const virtio_console *con, int port) {
    return port >= 0 && (unsigned)port < con->nports ? con->ports[port].in.len : 0;
}

bool virtio_console_port_open(const virtio_console *con, int port) {
    return port >= 0 && (unsigned)port < con->nports && con->ports[port].guest_open;
}

void virtio_console_set_size(virtio_console *con, uint16_t cols, uint16_t rows) {
    if (cols == con->cols && rows == con->rows) return;
    con->cols = cols;
    con->rows = rows;
    virtio_mmio_config_changed(&con->mmio);
    if (multiport(con) && con->ports[0].guest_ready) send_resize(con);
}
