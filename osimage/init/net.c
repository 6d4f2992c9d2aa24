/* Interface setup with the classic ioctls (no netlink, no ip(8) in the initramfs). */
#include "net.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int net_parse_cidr(const char *text, unsigned *addr, unsigned *mask)
{
    const char *slash = strchr(text, '/');
    char ip[16];
    if (!slash || (size_t)(slash - text) >= sizeof ip)
        return -1;
    memcpy(ip, text, (size_t)(slash - text));
    ip[slash - text] = '\0';
    char *end;
    long bits = strtol(slash + 1, &end, 10);
    struct in_addr a;
    if (end == slash + 1 || *end || bits < 0 || bits > 32 || inet_pton(AF_INET, ip, &a) != 1)
        return -1;
    *addr = a.s_addr;
    *mask = htonl(bits == 0 ? 0 : 0xffffffffu << (32 - bits));
    return 0;
}

static void set_sockaddr(struct sockaddr *sa, unsigned addr)
{
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = addr};
    memcpy(sa, &sin, sizeof sin);
}

static int set_up(int fd, const char *name)
{
    struct ifreq ifr = {0};
    strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFFLAGS, &ifr) != 0)
        return -1;
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    return ioctl(fd, SIOCSIFFLAGS, &ifr);
}

static const char *configure_eth0(int fd, const struct command *cmd)
{
    unsigned addr, mask;
    struct in_addr gw;
    if (net_parse_cidr(cmd->net_address, &addr, &mask) != 0)
        return "bad network address";
    struct ifreq ifr = {0};
    strncpy(ifr.ifr_name, "eth0", IFNAMSIZ - 1);
    set_sockaddr(&ifr.ifr_addr, addr);
    if (ioctl(fd, SIOCSIFADDR, &ifr) != 0)
        return "setting eth0's address";
    set_sockaddr(&ifr.ifr_netmask, mask);
    if (ioctl(fd, SIOCSIFNETMASK, &ifr) != 0)
        return "setting eth0's netmask";
    if (set_up(fd, "eth0") != 0)
        return "bringing eth0 up";
    if (!cmd->net_gateway)
        return NULL;
    if (inet_pton(AF_INET, cmd->net_gateway, &gw) != 1)
        return "bad gateway address";
    struct rtentry route = {0};
    set_sockaddr(&route.rt_dst, 0);
    set_sockaddr(&route.rt_genmask, 0);
    set_sockaddr(&route.rt_gateway, gw.s_addr);
    route.rt_flags = RTF_UP | RTF_GATEWAY;
    route.rt_dev = "eth0";
    if (ioctl(fd, SIOCADDRT, &route) != 0)
        return "adding the default route";
    return NULL;
}

const char *net_configure(const struct command *cmd)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return "no socket for interface setup";
    const char *why = set_up(fd, "lo") != 0 ? "bringing lo up" : NULL;
    if (!why && cmd->net_address)
        why = configure_eth0(fd, cmd);
    close(fd);
    return why;
}
