/*
 * The native host of net_host.h: POSIX non-blocking sockets, driven from the process's
 * poll loop (runtime/drive.c). spin_net_posix_fds says what to watch while the machine
 * idles; spin_net_posix_poll serves what is ready (never blocking) and hands the events
 * to the stack it was attached to.
 */
#ifndef SPIN_NET_POSIX_H
#define SPIN_NET_POSIX_H

#include <stdbool.h>
#include <stddef.h>

#include "net/net_host.h"

struct pollfd;
typedef struct spin_net_posix spin_net_posix;

#define SPIN_NET_POSIX_MAX_SOCKETS 512

spin_net_posix *spin_net_posix_create(void);
/* Closes every socket. */
void spin_net_posix_destroy(spin_net_posix *p);
/* The ops for spin_net_create. */
spin_net_host spin_net_posix_host(spin_net_posix *p);
/* Where events go (set once the stack exists). */
void spin_net_posix_attach(spin_net_posix *p, spin_net *net);
/* Fills up to max entries with the sockets to watch; returns how many. */
size_t spin_net_posix_fds(const spin_net_posix *p, struct pollfd *fds, size_t max);
/* Serves ready sockets; true if any event reached the stack. */
bool spin_net_posix_poll(spin_net_posix *p);

#endif
