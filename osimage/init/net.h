/* The container's network interfaces: lo always (programs expect 127.0.0.1), and eth0
 * (the virtio-net device) when the "run" message has a "network" object. */
#ifndef SPIN_INIT_NET_H
#define SPIN_INIT_NET_H

#include "command.h"

/* Brings lo up and, with cmd->net_address, configures eth0: the address and prefix,
 * up, a default route via cmd->net_gateway. NULL, or a static sentence saying what
 * failed (errno set). */
const char *net_configure(const struct command *cmd);

/* Parses "A.B.C.D/N" (N 0..32) into a network-order address and netmask. 0 or -1. */
int net_parse_cidr(const char *text, unsigned *addr, unsigned *mask);

#endif
