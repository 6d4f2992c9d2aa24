// The native `spin` command's subcommands, shared between spin.c (pull, images, rmi,
// inspect) and run.c (run, which pulls a missing image first).
#ifndef SPIN_CLI_COMMANDS_H
#define SPIN_CLI_COMMANDS_H

#include <stdio.h>

#include "cli/cli_args.h"
#include "oci/store.h"

#define EXIT_SPIN_FAILED 125

// Pulls `image` into the store; progress and result lines go to `out`. 0 or 125.
int spin_cli_pull(const spin_cli_args *args, spin_store *store, const char *image, FILE *out);

// spin run: the container's exit status, or 125 when spin fails.
int spin_cli_run(const spin_cli_args *args, spin_store *store);

#endif
