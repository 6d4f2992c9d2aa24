/*
 * virtio network device (virtio 1.2, section 5.1): one Ethernet interface, one receive
 * and one transmit queue (0 and 1), no control queue. Every buffer starts with the
 * 12-byte virtio_net_hdr (VERSION_1 layout): the device drops it from transmitted frames
 * and writes a zero header (num_buffers = 1) in front of received ones. Offered:
 * VIRTIO_NET_F_MAC (the address in the configuration space), VIRTIO_NET_F_STATUS (link
 * always up), VIRTIO_NET_F_MTU, and VIRTIO_NET_F_CSUM: the guest may leave a transmitted
 * packet's TCP/UDP checksum to the device, which completes it natively instead of in
 * emulated instructions, so the host always sees finished frames. No segmentation
 * offloads, no receive-side checksum or merged buffers.
 *
 * Host side: the device calls frame_out for each Ethernet frame the guest transmits
 * (at once, inside the guest's queue notification). The host hands frames to the guest
 * with virtio_net_receive between slices: a frame goes into a receive buffer the driver
 * has posted, or waits in a bounded backlog until the driver posts one; beyond the
 * bound it is dropped and counted. The backlog is delivered in order.
 *
 * The guest is hostile: a transmitted chain shorter than the header plus an Ethernet
 * header, or longer than VIRTIO_NET_MAX_BUFFER, or whose header asks for segmentation or
 * for a checksum outside the frame, is returned and dropped (counted); a
 * receive buffer too small for the frame gets the frame dropped (counted) and is
 * returned with nothing written; a frame longer than the MTU promised to the driver
 * (plus Ethernet and VLAN headers) is dropped; malformed chains put the device into
 * DEVICE_NEEDS_RESET (the transport does that).
 */
#ifndef SPIN_VIRTIO_NET_H
#define SPIN_VIRTIO_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_NET 1
#define VIRTIO_NET_F_CSUM 0
#define VIRTIO_NET_F_MTU 3
#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_STATUS 16
#define VIRTIO_NET_S_LINK_UP 1u

#define VIRTIO_NET_RX_QUEUE 0
#define VIRTIO_NET_TX_QUEUE 1
#define VIRTIO_NET_QUEUE_SIZE 256

#define VIRTIO_NET_HDR_SIZE 12u
#define VIRTIO_NET_ETH_HEADER 14u
/* The largest buffer (header + frame) either way: a 64 KiB IP packet plus Ethernet and
 * VLAN headers, rounded as QEMU does. */
#define VIRTIO_NET_MAX_BUFFER 65550u
#define VIRTIO_NET_MAX_FRAME (VIRTIO_NET_MAX_BUFFER - VIRTIO_NET_HDR_SIZE)
/* Frames the host may queue while the guest has no receive buffer posted. */
#define VIRTIO_NET_BACKLOG_FRAMES 256u
#define VIRTIO_NET_BACKLOG_BYTES (UINT32_C(1) << 20)
#define VIRTIO_NET_DEFAULT_MTU 1500

typedef struct virtio_net_stats {
    uint64_t tx_frames;     /* handed to frame_out */
    uint64_t tx_errors;     /* transmit chains too short or too long, dropped */
    uint64_t tx_checksums;  /* checksums completed for the driver (VIRTIO_NET_F_CSUM) */
    uint64_t rx_frames;     /* written into the guest's receive buffers */
    uint64_t rx_dropped;    /* backlog full, or a frame larger than the guest's buffer */
} virtio_net_stats;

typedef struct virtio_net_frame {
    uint8_t *data;
    size_t len;
} virtio_net_frame;

typedef struct virtio_net {
    virtio_mmio mmio; /* attach with virtio_mmio_attach(&net->mmio, base) */
    uint8_t mac[6];
    uint16_t mtu;
    void (*frame_out)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
    uint8_t *tx_buffer; /* VIRTIO_NET_MAX_BUFFER bytes: one transmitted chain */
    /* Frames waiting for receive buffers: a ring of VIRTIO_NET_BACKLOG_FRAMES. */
    virtio_net_frame backlog[VIRTIO_NET_BACKLOG_FRAMES];
    unsigned backlog_head, backlog_count;
    size_t backlog_bytes;
    virtio_net_stats stats;
} virtio_net;

/* Sets up the device with MAC address mac and MTU mtu (68..65535, 0 for 1500).
 * frame_out receives each transmitted frame without the virtio header (len >= 14). 0,
 * or -1 on bad arguments or no memory. */
int virtio_net_init(virtio_net *net, spin_bus *bus, const uint8_t mac[6], uint16_t mtu,
                    void (*frame_out)(void *opaque, const uint8_t *frame, size_t len),
                    void *opaque);
void virtio_net_destroy(virtio_net *net);

/* Gives the guest one Ethernet frame (14..VIRTIO_NET_MAX_FRAME bytes, copied). True if
 * it was delivered or queued in the backlog; false if it was dropped (bad length,
 * backlog full, no memory). */
bool virtio_net_receive(virtio_net *net, const uint8_t *frame, size_t len);

/* Frames waiting in the backlog. */
unsigned virtio_net_backlog(const virtio_net *net);

#endif
