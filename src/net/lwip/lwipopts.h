/* lwIP's configuration for Spin's user-mode network (docs/net.md): raw API only
 * (NO_SYS: no threads, no sockets layer; src/net drives lwIP from the host's loop and
 * sys_now() is the stack's own clock), IPv4 with ARP, TCP, UDP and ICMP echo, one
 * Ethernet interface: the guest's gateway. Memory comes from malloc (so ASan sees every
 * buffer); src/net bounds connections and buffers itself. */
#ifndef SPIN_LWIPOPTS_H
#define SPIN_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_NETIF_API 0

#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define ETHARP_SUPPORT_STATIC_ENTRIES 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_FORWARD 0
#define IP_REASSEMBLY 0 /* the guest fragments nothing at its MTU; fragments are dropped */
#define IP_FRAG 1 /* a host datagram larger than the guest's MTU goes out in fragments */
#define LWIP_SINGLE_NETIF 1 /* every route is the guest's link (docs/net.md) */
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK 0
#define SO_REUSE 1 /* one UDP pcb per guest flow, several may share a local address */

/* TCP: a full 64 KiB window each way (no window scaling), segments of the link's MSS. */
#define TCP_MSS 1460
#define TCP_WND 65535
#define TCP_SND_BUF 65535
#define TCP_SND_QUEUELEN 128
#define TCP_QUEUE_OOSEQ 1
#define TCP_LISTEN_BACKLOG 0
#define LWIP_TCP_KEEPALIVE 0
#define LWIP_CALLBACK_API 1
#define MEMP_NUM_TCP_SEG 512
#define MEMP_NUM_TCP_PCB 512 /* not enforced with MEMP_MEM_MALLOC: src/net bounds them */
#define MEMP_NUM_TCP_PCB_LISTEN 128
#define MEMP_NUM_UDP_PCB 256

/* Checksums: generated for the guest, checked on what it sends (it may be hostile). */
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_TCP 1
#define CHECKSUM_CHECK_UDP 1

#define LWIP_STATS 0
#define PBUF_POOL_SIZE 64
#define PBUF_POOL_BUFSIZE 1600

#endif
