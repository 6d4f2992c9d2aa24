/*
 * Spin's C API for JavaScript hosts: the npm package's worker (node/lib/worker.js) and,
 * later, the browser's. It is exported from the wasm bundle (spin-node.js/.wasm) and
 * speaks the `spin` command line: every call takes the argv of the matching command
 * (cli/cli_args.h parses it, so the JS API accepts exactly what the CLI accepts and fails
 * with the same sentences), and answers in JSON strings the caller frees with free().
 * Nothing blocks: the host calls the step functions from its event loop.
 *
 * Callbacks into the host (the bundle's JS side, Module.*):
 *   Module.spinHttpWake()                         a pull has network events to handle
 *   Module.spinPullProgress(job, digest, done, total)
 *   Module.spinOutput(id, stream, bytes)          stream 1 stdout, 2 stderr (a copy)
 */
#ifndef SPIN_INCLUDE_SPIN_H
#define SPIN_INCLUDE_SPIN_H

#include <stdint.h>

typedef struct spin_api_pull spin_api_pull;
typedef struct spin_launch spin_launch;

/* The command line, parsed: {"command": "run", "interactive": true, ...} or
 * {"error": sentence}. */
char *spin_api_parse(int argc, char **argv);

/* images, rmi and inspect: {"images": [{name, digest, platform, size}]},
 * {"untagged": [names], "deleted_blobs": n, "deleted_bytes": n},
 * {"name", "digest", "platform", "config": {...}}; or {"error": sentence}. */
char *spin_api_store_command(int argc, char **argv);

/* A pull command line. NULL if it cannot start: spin_api_error() says why. */
spin_api_pull *spin_api_pull_begin(int argc, char **argv);
/* Moves it on (call when Module.spinHttpWake fires, or now and then): 1 once finished. */
int spin_api_pull_step(spin_api_pull *job);
/* Once finished: {"name", "digest"} or {"error": sentence}. */
char *spin_api_pull_result(spin_api_pull *job);
void spin_api_pull_free(spin_api_pull *job);

/* A run command line becomes a container (not started; `id` names it in Module.spinOutput).
 * NULL on failure: spin_api_error() says why and spin_api_status() is 1 when the image
 * is not in the store (pull it and try again), 125 otherwise. */
spin_launch *spin_api_container_create(int id, int argc, char **argv);
/* Runs up to max_insns guest instructions: the state of runtime/container.h
 * (0 running, 1 idle: sleep up to spin_api_wait_ns(), 2 ready, 3 exited, 4 failed). */
int spin_api_container_run(spin_launch *c, double max_insns);
double spin_api_wait_ns(void);
void spin_api_container_waited(spin_launch *c, double ns);
int spin_api_container_write_stdin(spin_launch *c, const uint8_t *data, int len);
/* Bytes of stdin written but not yet taken by the command (keep it under 1 MiB). */
double spin_api_container_stdin_pending(spin_launch *c);
void spin_api_container_close_stdin(spin_launch *c);
void spin_api_container_kill(spin_launch *c, int sig);
void spin_api_container_resize(spin_launch *c, int cols, int rows);
int spin_api_container_exit_status(spin_launch *c);
/* The guest's last error sentence, or NULL. */
const char *spin_api_container_error(spin_launch *c);
/* --timeout in seconds, 0 for none (the host's clock enforces it). */
double spin_api_container_timeout(spin_launch *c);
void spin_api_container_destroy(spin_launch *c);

/* The last failure's sentence and status (see above). */
const char *spin_api_error(void);
int spin_api_status(void);

#endif
