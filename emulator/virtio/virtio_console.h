/*
 * virtio console (virtio 1.2, section 5.3) with multiple ports. Port 0 is the
 * container's terminal, a console port (hvc0 in the guest); further ports are named
 * ("spin.control") and appear in the guest as /dev/vportNpM with the name in sysfs
 * (udev links /dev/virtio-ports/NAME). Ports are announced to the driver through the
 * control queues once it says DEVICE_READY.
 *
 * The host side never blocks and has no fixed-size buffers: virtio_console_write queues
 * bytes for a port in a growable buffer and they are delivered as the guest posts
 * receive buffers (for a port other than a console port, only while the guest has it
 * open: Linux drops data that arrives for a closed port). What the guest writes comes
 * back through port_output, and the guest opening or closing a port through port_open.
 *
 * Queues: 0/1 receive/transmit of port 0, 2/3 control receive/transmit, then 4+2(n-1)
 * and 5+2(n-1) for port n >= 1.
 */
#ifndef SPIN_VIRTIO_CONSOLE_H
#define SPIN_VIRTIO_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_CONSOLE_F_SIZE 0
#define VIRTIO_CONSOLE_F_MULTIPORT 1
#define VIRTIO_CONSOLE_F_EMERG_WRITE 2

/* Control message events (5.3.6.2). */
#define VIRTIO_CONSOLE_DEVICE_READY 0
#define VIRTIO_CONSOLE_DEVICE_ADD 1
#define VIRTIO_CONSOLE_DEVICE_REMOVE 2
#define VIRTIO_CONSOLE_PORT_READY 3
#define VIRTIO_CONSOLE_CONSOLE_PORT 4
#define VIRTIO_CONSOLE_RESIZE 5
#define VIRTIO_CONSOLE_PORT_OPEN 6
#define VIRTIO_CONSOLE_PORT_NAME 7

#define VIRTIO_CONSOLE_MAX_PORTS 32
#define VIRTIO_CONSOLE_MAX_NAME 255
#define VIRTIO_CONSOLE_QUEUE_SIZE 128
/* The most bytes taken from one transmit chain (Linux writes at most 32 KiB at a time);
 * the rest of a larger chain is ignored, so one notification cannot cost unbounded work. */
#define VIRTIO_CONSOLE_MAX_CHAIN_OUTPUT (UINT32_C(1) << 20)

typedef struct virtio_console_host {
    /* Bytes the guest wrote to port (called once per chunk; may be called many times). */
    void (*port_output)(void *opaque, int port, const uint8_t *data, size_t len);
    /* The guest opened (open = true) or closed a port. May be NULL. */
    void (*port_open)(void *opaque, int port, bool open);
    void *opaque;
} virtio_console_host;

/* A growable FIFO of bytes. */
typedef struct virtio_console_fifo {
    uint8_t *data;
    size_t head, len, cap; /* bytes data[head .. head + len) are queued */
} virtio_console_fifo;

typedef struct virtio_console_port {
    char *name;           /* NULL for port 0 */
    bool console;         /* announced as a console port (port 0) */
    bool guest_ready;     /* the guest sent PORT_READY */
    bool guest_open;      /* the guest has the port open */
    bool host_closed;     /* the host hung up: the guest reads end of file once the
                           * bytes queued before are delivered */
    bool host_close_sent; /* PORT_OPEN(0) sent for the hang-up */
    virtio_console_fifo in; /* host to guest, not yet delivered */
} virtio_console_port;

typedef struct virtio_console {
    virtio_mmio mmio; /* the transport: attach it with virtio_mmio_attach(&con->mmio, base) */
    virtio_console_host host;
    unsigned max_ports, nports;
    virtio_console_port ports[VIRTIO_CONSOLE_MAX_PORTS];
    uint16_t cols, rows;
    bool resize_rows_first; /* RESIZE payload as (rows, cols), for kernels older than
                             * Linux commit 5326ab737a47; default: the spec's (cols, rows),
                             * which Debian's 6.1 reads */
    bool driver_ready;      /* the driver sent DEVICE_READY */
    virtio_console_fifo control; /* device-to-driver control messages not yet delivered,
                                  * each as a host-order uint32_t length + the message */
} virtio_console;

/* Sets up a console with room for max_ports ports (1..VIRTIO_CONSOLE_MAX_PORTS; port 0,
 * the console port, exists from the start). 0, or -1 on bad arguments or no memory. */
int virtio_console_init(virtio_console *con, spin_bus *bus, const virtio_console_host *host,
                        unsigned max_ports);
void virtio_console_destroy(virtio_console *con);

/* Adds a named port (name: 1..VIRTIO_CONSOLE_MAX_NAME bytes, no NUL, copied). Returns
 * its number, or -1. Ports may be added before or after the driver is up. */
int virtio_console_add_port(virtio_console *con, const char *name);

/* Queues len bytes for the guest on port. 0, or -1 on a bad port or no memory. */
int virtio_console_write(virtio_console *con, int port, const void *data, size_t len);

/* The host hangs up port (end of input for the guest, e.g. a container's stdin at end
 * of file). Bytes queued before are delivered first; a guest read then returns 0.
 * Writing to the port afterwards is refused. 0, or -1 on a bad port. */
int virtio_console_close_port(virtio_console *con, int port);

/* Bytes queued for port and not yet delivered to the guest. */
size_t virtio_console_pending(const virtio_console *con, int port);

/* True if the guest has port open (port 0: the guest's console is up). */
bool virtio_console_port_open(const virtio_console *con, int port);

/* The terminal's size for port 0 (configuration space, and a RESIZE message when
 * multiport is in use). */
void virtio_console_set_size(virtio_console *con, uint16_t cols, uint16_t rows);

#endif
