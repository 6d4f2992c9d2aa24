// spin run: the container is made from the arguments (launch.h: the image from the store,
// pulled first if missing, or from an OCI or `docker save` archive) and this process
// drives the machine (src/runtime/drive.h) with its own stdio, signals and terminal.
// Exit status: the command's; 125 when spin fails (the guest reports 126/127 itself).
#include <stdio.h>

#include "cli/commands.h"
#include "cli/launch.h"
#include "runtime/container.h"
#include "runtime/drive.h"

// The container's network rides on the drive loop's input hooks.
static bool poll_network(void *opaque, spin_container *c) {
  (void)c;
  return spin_launch_poll(opaque);
}
static size_t watch_network(void *opaque, struct pollfd *fds, size_t max) {
  return spin_launch_watch_fds(opaque, fds, max);
}

int spin_cli_run(const spin_cli_args *args, spin_store *store) {
  char error[1024];
  spin_container_host host = spin_drive_host();
  host.log = NULL;
  spin_launch *launch;
  int rc = spin_launch_create(args, store, &host, &launch, error, sizeof error);
  if (rc == SPIN_LAUNCH_NOT_STORED) {
#ifndef __EMSCRIPTEN__  // (in wasm pulls run from Node's event loop, which run blocks:
                        // the error says to pull first)
    fprintf(stderr, "Unable to find image '%s' locally\n", args->images[0]);
    if (spin_cli_pull(args, store, args->images[0], stderr) != 0) return EXIT_SPIN_FAILED;
    rc = spin_launch_create(args, store, &host, &launch, error, sizeof error);
#endif
  }
  if (rc != SPIN_LAUNCH_OK) {
    fprintf(stderr, "spin: %s\n", error);
    return EXIT_SPIN_FAILED;
  }
  spin_container *c = spin_launch_container(launch);
  spin_drive_options drive = {.forward_stdin = args->interactive, .tty = args->tty,
                              .timeout = spin_launch_timeout(launch), .input_fd = -1,
                              .poll_input = poll_network, .watch_fds = watch_network, .opaque = launch};
  spin_container_state state = spin_drive(c, &drive);
  const char *why = spin_container_error(c);
  int status = EXIT_SPIN_FAILED;
  if (state == SPIN_CONTAINER_EXITED) {
    status = spin_container_exit_status(c);
    if (why) fprintf(stderr, "spin: %s\n", why);
  } else {
    fprintf(stderr, "spin: %s\n", why ? why : "the machine stopped before the command ended");
  }
  spin_launch_destroy(launch);
  return status;
}
