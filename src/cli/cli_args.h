// The `spin` command line: one table of commands and options, parsed here, so that every
// front end (this native command, the Node CLI through the wasm build) accepts exactly
// the same arguments. No I/O: the result is a plain struct, or one error sentence.
//
//   spin [--store DIR] pull [--platform OS/ARCH[/VARIANT]] [--insecure-registry HOST]...
//                            [--username USER --password PASSWORD] [-q] IMAGE
//   spin [--store DIR] images [-q]
//   spin [--store DIR] rmi IMAGE...
//   spin [--store DIR] inspect IMAGE
//   spin [--store DIR] run [--rm] [-i] [-t] [-e K=V]... [--env-file F]... [-v HOST:GUEST[:ro]]...
//                           [-p [IP:]HOSTPORT:GUESTPORT[/tcp]]... [--network none]
//                           [-w DIR] [-u USER] [--entrypoint CMD] [--hostname NAME]
//                           [--platform OS/ARCH] [--memory SIZE] [--timeout SECONDS]
//                           [--insecure-registry HOST]... (IMAGE | --image-file FILE) [CMD [ARG...]]
// Global options may also follow the command name. `--opt=value` and `--opt value` both work.
#ifndef SPIN_CLI_ARGS_H
#define SPIN_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define SPIN_CLI_MAX_LIST 64

typedef enum {
  SPIN_CLI_HELP,
  SPIN_CLI_PULL,
  SPIN_CLI_IMAGES,
  SPIN_CLI_RMI,
  SPIN_CLI_INSPECT,
  SPIN_CLI_RUN,
  SPIN_CLI_VERSION,
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
  char *const *rest;                    // run: the command after IMAGE
  size_t rest_count;
  // run's options (docker run's meaning)
  const char *env[SPIN_CLI_MAX_LIST];   // -e K=V or -e K (K taken from the caller's env)
  size_t env_count;
  const char *env_files[SPIN_CLI_MAX_LIST];
  size_t env_file_count;
  const char *volumes[SPIN_CLI_MAX_LIST];  // -v HOST:GUEST[:ro]
  size_t volume_count;
  const char *publish[SPIN_CLI_MAX_LIST];  // -p [IP:]HOSTPORT:GUESTPORT[/tcp]
  size_t publish_count;
  const char *workdir, *user, *entrypoint, *hostname, *image_file;
  const char *memory;                   // e.g. 512m, 1g; NULL: the default
  const char *timeout;                  // seconds; NULL: none
  const char *network;                  // --network: "none" (no network) or the default
  bool remove, interactive, tty;
} spin_cli_args;

// Parses argv[1..argc-1]. Strings point into argv. False with one sentence in `error`.
bool spin_cli_parse(int argc, char *const argv[], spin_cli_args *out, char *error, size_t error_size);

// The usage text.
const char *spin_cli_usage(void);

#endif
