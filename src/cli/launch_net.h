// spin run's network (launch.h uses it): docker's defaults, a user-mode network for the
// container unless `--network none`, with `-p [IP:]HOSTPORT:GUESTPORT[/tcp]` forwards
// (IP defaults to 127.0.0.1, see docs/net.md). Natively the stack (net/net_stack.h) runs
// over this process's sockets (net/net_posix.h); in wasm over the embedder's
// (net/net_js.h: Module.spinNet, the npm package's worker), and a wasm host without
// them (spin-wasm) runs containers without a network and refuses -p.
#ifndef SPIN_CLI_LAUNCH_NET_H
#define SPIN_CLI_LAUNCH_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli_args.h"
#include "runtime/container.h"

struct pollfd;
typedef struct spin_launch_net spin_launch_net;

// Checks --network and -p and, when the container gets a network, makes the stack and
// opens the forwards' listening sockets. 0 with *out (NULL: no network), or -1 with one
// sentence in error.
int spin_launch_net_create(const spin_cli_args *args, spin_launch_net **out, char *error, size_t error_size);
void spin_launch_net_destroy(spin_launch_net *net);

// The container the stack talks to (frames for the guest wait until it is set).
void spin_launch_net_bind(spin_launch_net *net, spin_container *container);
// A frame from the guest (the container host's net_out).
void spin_launch_net_from_guest(spin_launch_net *net, const uint8_t *frame, size_t len);
// Between slices: sockets, timers, frames for the guest. True if the guest got anything.
bool spin_launch_net_poll(spin_launch_net *net);
// What idle sleeps watch (drive.h's watch_fds).
size_t spin_launch_net_fds(spin_launch_net *net, struct pollfd *fds, size_t max);

// The guest's address and gateway for the init's run message.
#define SPIN_LAUNCH_NET_ADDRESS "10.0.2.15/24"
#define SPIN_LAUNCH_NET_GATEWAY "10.0.2.2"

#endif
