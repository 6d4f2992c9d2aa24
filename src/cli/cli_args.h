// The `spin` command line: one table of commands and options, parsed here, so that every
// front end (this native command, the Node CLI through the wasm build) accepts exactly
// the same arguments. No I/O: the result is a plain struct, or one error sentence.
//
//   spin [--store DIR] pull [--platform OS/ARCH[/VARIANT]] [--insecure-registry HOST]...
//                            [--username USER --password PASSWORD] [-q] IMAGE
//   spin [--store DIR] images [-q]
//   spin [--store DIR] rmi IMAGE...
//   spin [--store DIR] inspect IMAGE
//   spin run ...   (reserved: comes with the 9P file system; parsed as "not yet")
// Global options may also follow the command name. `--opt=value` and `--opt value` both work.
#ifndef SPIN_CLI_ARGS_H
#define SPIN_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define SPIN_CLI_MAX_LIST 32

typedef enum {
  SPIN_CLI_HELP,
  SPIN_CLI_PULL,
  SPIN_CLI_IMAGES,
  SPIN_CLI_RMI,
  SPIN_CLI_INSPECT,
  SPIN_CLI_RUN,
} spin_cli_command;

typedef struct {
  spin_cli_command command;
  const char *store;                    // NULL: the default store (SPIN_STORE, cache dir)
  const char *platform;                 // NULL: linux/riscv64
  const char *username, *password;
  const char *insecure_registries[SPIN_CLI_MAX_LIST];
  size_t insecure_count;
  bool quiet;
  const char *images[SPIN_CLI_MAX_LIST];  // IMAGE operands (rmi takes several)
  size_t image_count;
  char *const *rest;                    // run: the command after IMAGE (not parsed yet)
  size_t rest_count;
} spin_cli_args;

// Parses argv[1..argc-1]. Strings point into argv. False with one sentence in `error`.
bool spin_cli_parse(int argc, char *const argv[], spin_cli_args *out, char *error, size_t error_size);

// The usage text.
const char *spin_cli_usage(void);

#endif
