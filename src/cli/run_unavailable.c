// spin run in builds without the container runtime's host side (wasm for now: booting
// the machine from Node's event loop is future work). Answers like docker does when a
// feature is missing: a sentence and 125.
#include <stdio.h>

#include "cli/commands.h"

int spin_cli_run(const spin_cli_args *args, spin_store *store) {
  (void)args;
  (void)store;
  fprintf(stderr, "spin: run is not available yet in this build\n");
  return EXIT_SPIN_FAILED;
}
