/* virtio network device. See virtio_net.h. */
#include "virtio/virtio_net.h"

#include <stdlib.h>
#include <string.h>

/* Configuration space (5.1.4): mac[6], le16 status, le16 max_virtqueue_pairs, le16 mtu. */
#define CONFIG_MAC 0
#define CONFIG_STATUS 6
#define CONFIG_MAX_PAIRS 8
#define CONFIG_MTU 10
#define CONFIG_SIZE 12

static uint64_t net_config_read(void *dev, uint32_t offset, unsigned size) {
    virtio_net *net = dev;
    uint8_t config[CONFIG_SIZE] = {0};
    memcpy(config + CONFIG_MAC, net->mac, 6);
    config[CONFIG_STATUS] = VIRTIO_NET_S_LINK_UP;
    config[CONFIG_MAX_PAIRS] = 1;
    config[CONFIG_MTU] = (uint8_t)net->mtu;
    config[CONFIG_MTU + 1] = (uint8_t)(net->mtu >> 8);
    uint64_t value = 0; /* little-endian, as the transport guarantees offset + size fits */
    for (unsigned i = 0; i < size; i++) value |= (uint64_t)config[offset + i] << (8 * i);
    return value;
}

/* ---- receive: host to guest ------------------------------------------------------------ */

typedef enum rx_result { RX_NO_BUFFER, RX_DELIVERED, RX_DROPPED } rx_result;

/* Puts one frame into the next posted receive buffer: RX_NO_BUFFER if none is posted
 * (or the queue is not usable), RX_DROPPED if the frame exceeds the negotiated MTU or
 * the buffer is too small for it (that buffer goes back to the driver empty). */
static rx_result deliver(virtio_net *net, const uint8_t *frame, size_t len, virtq_chain *chain) {
    if (!virtio_mmio_queue_ready(&net->mmio, VIRTIO_NET_RX_QUEUE)) return RX_NO_BUFFER;
    /* A driver that accepted VIRTIO_NET_F_MTU is promised nothing longer than the MTU
     * plus the Ethernet header (and a VLAN tag, which Linux's buffers allow for). */
    if (virtio_mmio_has_feature(&net->mmio, VIRTIO_NET_F_MTU) &&
        len > (size_t)net->mtu + VIRTIO_NET_ETH_HEADER + 4) {
        net->stats.rx_dropped++;
        return RX_DROPPED;
    }
    if (!virtio_mmio_pop(&net->mmio, VIRTIO_NET_RX_QUEUE, chain)) return RX_NO_BUFFER;
    uint32_t written = 0;
    if (chain->writable_len >= VIRTIO_NET_HDR_SIZE + len) {
        /* No offloads: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset all 0;
         * num_buffers 1 (required without VIRTIO_NET_F_MRG_RXBUF). The writes cannot
         * fall short: the chain's buffers were checked to lie in RAM. */
        uint8_t header[VIRTIO_NET_HDR_SIZE] = {0};
        header[10] = 1;
        virtq_chain_write(net->mmio.bus, chain, 0, header, sizeof header);
        virtq_chain_write(net->mmio.bus, chain, VIRTIO_NET_HDR_SIZE, frame, len);
        written = (uint32_t)(VIRTIO_NET_HDR_SIZE + len);
        net->stats.rx_frames++;
    } else {
        net->stats.rx_dropped++; /* the driver's buffers are smaller than the frame */
    }
    virtio_mmio_push(&net->mmio, VIRTIO_NET_RX_QUEUE, chain->head, written);
    return written ? RX_DELIVERED : RX_DROPPED;
}

static void backlog_pop(virtio_net *net) {
    virtio_net_frame *f = &net->backlog[net->backlog_head];
    net->backlog_bytes -= f->len;
    free(f->data);
    *f = (virtio_net_frame){0};
    net->backlog_head = (net->backlog_head + 1) % VIRTIO_NET_BACKLOG_FRAMES;
    net->backlog_count--;
}

static void backlog_clear(virtio_net *net) {
    while (net->backlog_count) backlog_pop(net);
    net->backlog_head = 0;
}

/* Moves backlog frames into posted buffers, oldest first, while there are buffers. */
static void flush_backlog(virtio_net *net) {
    virtq_chain chain = {0};
    bool pushed = false;
    while (net->backlog_count) {
        const virtio_net_frame *f = &net->backlog[net->backlog_head];
        if (deliver(net, f->data, f->len, &chain) == RX_NO_BUFFER) break;
        pushed = true;
        backlog_pop(net);
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&net->mmio, VIRTIO_NET_RX_QUEUE);
}

bool virtio_net_receive(virtio_net *net, const uint8_t *frame, size_t len) {
    if (len < VIRTIO_NET_ETH_HEADER || len > VIRTIO_NET_MAX_FRAME) {
        net->stats.rx_dropped++;
        return false;
    }
    flush_backlog(net);
    if (net->backlog_count == 0) {
        virtq_chain chain = {0};
        rx_result r = deliver(net, frame, len, &chain);
        virtq_chain_free(&chain);
        if (r != RX_NO_BUFFER) {
            virtio_mmio_notify(&net->mmio, VIRTIO_NET_RX_QUEUE);
            return r == RX_DELIVERED;
        }
    }
    uint8_t *copy = NULL;
    if (net->backlog_count == VIRTIO_NET_BACKLOG_FRAMES ||
        len > VIRTIO_NET_BACKLOG_BYTES - net->backlog_bytes || !(copy = malloc(len))) {
        net->stats.rx_dropped++;
        return false;
    }
    memcpy(copy, frame, len);
    unsigned tail = (net->backlog_head + net->backlog_count) % VIRTIO_NET_BACKLOG_FRAMES;
    net->backlog[tail] = (virtio_net_frame){copy, len};
    net->backlog_count++;
    net->backlog_bytes += len;
    return true;
}

unsigned virtio_net_backlog(const virtio_net *net) { return net->backlog_count; }

/* ---- transmit: guest to host ----------------------------------------------------------- */

/* virtio_net_hdr fields (5.1.6): u8 flags, u8 gso_type, le16 hdr_len, le16 gso_size,
 * le16 csum_start, le16 csum_offset, le16 num_buffers. */
#define HDR_FLAGS 0
#define HDR_GSO_TYPE 1
#define HDR_CSUM_START 6
#define HDR_CSUM_OFFSET 8
#define HDR_F_NEEDS_CSUM 1u

static uint16_t get16(const uint8_t *b) { return (uint16_t)(b[0] | b[1] << 8); }

/* VIRTIO_NET_F_CSUM: the driver left a checksum for us. The Internet checksum (RFC 1071)
 * of frame[start..len) (the driver has put the pseudo-header's sum in the checksum field)
 * goes at frame[start + offset]; a result of 0 is sent as 0xffff, which means the same
 * and keeps UDP's "no checksum" meaning out of it. False if the place is not inside the
 * frame. */
static bool complete_checksum(uint8_t *frame, size_t len, size_t start, size_t offset) {
    if (start >= len || offset > len - start || len - start - offset < 2) return false;
    uint64_t sum = 0;
    size_t i = start;
    for (; i + 1 < len; i += 2) sum += (uint32_t)frame[i] << 8 | frame[i + 1];
    if (i < len) sum += (uint32_t)frame[i] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    uint16_t checksum = (uint16_t)~sum;
    if (checksum == 0) checksum = 0xffff;
    frame[start + offset] = (uint8_t)(checksum >> 8);
    frame[start + offset + 1] = (uint8_t)checksum;
    return true;
}

/* The frame in tx_buffer (after the header), as the host should see it: checksum
 * completed if asked for. False if the header asks for something impossible. */
static bool finish_frame(virtio_net *net, size_t frame_len) {
    const uint8_t *hdr = net->tx_buffer;
    if (hdr[HDR_GSO_TYPE] != 0) return false; /* no segmentation offload was offered */
    if (!(hdr[HDR_FLAGS] & HDR_F_NEEDS_CSUM) ||
        !virtio_mmio_has_feature(&net->mmio, VIRTIO_NET_F_CSUM))
        return true; /* a driver without F_CSUM may not ask: the flag means nothing then */
    if (!complete_checksum(net->tx_buffer + VIRTIO_NET_HDR_SIZE, frame_len,
                           get16(hdr + HDR_CSUM_START), get16(hdr + HDR_CSUM_OFFSET)))
        return false;
    net->stats.tx_checksums++;
    return true;
}

static void transmit(virtio_net *net) {
    virtq_chain chain = {0};
    bool pushed = false;
    while (virtio_mmio_pop(&net->mmio, VIRTIO_NET_TX_QUEUE, &chain)) {
        uint64_t len = chain.readable_len;
        bool valid = len >= VIRTIO_NET_HDR_SIZE + VIRTIO_NET_ETH_HEADER &&
                     len <= VIRTIO_NET_MAX_BUFFER &&
                     virtq_chain_read(net->mmio.bus, &chain, 0, net->tx_buffer, (size_t)len) == len &&
                     finish_frame(net, (size_t)len - VIRTIO_NET_HDR_SIZE);
        /* Return the buffer before the host sees the frame, so the queue is consistent
         * if frame_out answers at once with virtio_net_receive. */
        virtio_mmio_push(&net->mmio, VIRTIO_NET_TX_QUEUE, chain.head, 0);
        pushed = true;
        if (!valid) {
            net->stats.tx_errors++;
            continue;
        }
        net->stats.tx_frames++;
        net->frame_out(net->opaque, net->tx_buffer + VIRTIO_NET_HDR_SIZE,
                       (size_t)len - VIRTIO_NET_HDR_SIZE);
    }
    virtq_chain_free(&chain);
    if (pushed) virtio_mmio_notify(&net->mmio, VIRTIO_NET_TX_QUEUE);
}

static void net_queue_notify(void *dev, unsigned queue) {
    virtio_net *net = dev;
    if (queue == VIRTIO_NET_TX_QUEUE)
        transmit(net);
    else
        flush_backlog(net); /* the driver posted receive buffers */
}

static void net_reset(void *dev) {
    /* Frames queued for the driver that went away are not for the next one. */
    backlog_clear(dev);
}

static const virtio_device_ops net_ops = {
    .device_id = VIRTIO_ID_NET,
    .features = (UINT64_C(1) << VIRTIO_NET_F_CSUM) | (UINT64_C(1) << VIRTIO_NET_F_MAC) |
                (UINT64_C(1) << VIRTIO_NET_F_STATUS) | (UINT64_C(1) << VIRTIO_NET_F_MTU),
    .config_size = CONFIG_SIZE,
    .config_read = net_config_read,
    .queue_notify = net_queue_notify,
    .reset = net_reset,
};

int virtio_net_init(virtio_net *net, spin_bus *bus, const uint8_t mac[6], uint16_t mtu,
                    void (*frame_out)(void *opaque, const uint8_t *frame, size_t len),
                    void *opaque) {
    memset(net, 0, sizeof *net);
    if (!frame_out || !mac || (mtu && mtu < 68)) return -1;
    memcpy(net->mac, mac, 6);
    net->mtu = mtu ? mtu : VIRTIO_NET_DEFAULT_MTU;
    net->frame_out = frame_out;
    net->opaque = opaque;
    net->tx_buffer = malloc(VIRTIO_NET_MAX_BUFFER);
    if (!net->tx_buffer) return -1;
    if (virtio_mmio_init(&net->mmio, bus, &net_ops, net, 2, VIRTIO_NET_QUEUE_SIZE)) {
        free(net->tx_buffer);
        net->tx_buffer = NULL;
        return -1;
    }
    return 0;
}

void virtio_net_destroy(virtio_net *net) {
    backlog_clear(net);
    free(net->tx_buffer);
    net->tx_buffer = NULL;
    virtio_mmio_destroy(&net->mmio);
}
