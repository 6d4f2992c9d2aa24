// A container made from `spin run`'s arguments, and everything it owns: the image's
// layers as a tree (from the store or an --image-file archive), the container's private
// copy with docker's /etc files, host folders for -v, the spec (runtime/spec.h) and the
// machine with the guest kernel. Every front end makes containers this way: the native
// `spin run` (run.c drives it from this process) and the JS hosts through the C API
// (api/spin.h: the npm package's worker and, later, the browser's).
// Nothing is printed: failures are one sentence in `error`.
#ifndef SPIN_CLI_LAUNCH_H
#define SPIN_CLI_LAUNCH_H

#include <stddef.h>

#include "cli/cli_args.h"
#include "oci/store.h"
#include "runtime/container.h"

typedef struct spin_launch spin_launch;

enum {
  SPIN_LAUNCH_OK = 0,
  SPIN_LAUNCH_NOT_STORED = 1,  // the image is not in the store (pull it, then try again)
  SPIN_LAUNCH_FAILED = 125,    // spin itself failed (docker's status for that)
};

// Makes the container (not yet started: the host drives it with container.h). `store`
// may be NULL with --image-file. The host's callbacks are copied.
int spin_launch_create(const spin_cli_args *args, spin_store *store, const spin_container_host *host,
                       spin_launch **out, char *error, size_t error_size);

spin_container *spin_launch_container(spin_launch *launch);
// --timeout in seconds (0: none).
double spin_launch_timeout(const spin_launch *launch);
// The container's network between slices (sockets, timers, frames for the guest): the
// host calls it as often as it can; true if the guest got anything. No network: false.
bool spin_launch_poll(spin_launch *launch);
bool spin_launch_has_network(const spin_launch *launch);
// The sockets an idle host should wake up for (drive.h's watch_fds); 0 without a network.
struct pollfd;
size_t spin_launch_watch_fds(spin_launch *launch, struct pollfd *fds, size_t max);
void spin_launch_destroy(spin_launch *launch);

#endif
