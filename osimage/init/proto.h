/* The control protocol's messages (docs/guest-init.md): JSON, one object per line. */
#ifndef SPIN_INIT_PROTO_H
#define SPIN_INIT_PROTO_H

#include <stdint.h>

#include "command.h"

/* Each returns a heap string without newline, or NULL when out of memory. */
char *msg_ready(const char *kernel, int64_t boot_ns);
char *msg_exit(int status, int signal);   /* signal 0: exited normally */
char *msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parses {"type":"run","argv":[...],"env":[...],"cwd":"...","user":"...",
 * "hostname":"...","tty":bool,"stdin":bool,"root":{"aname":"..."},
 * "mounts":[{"aname":"...","target":"/...","readonly":true}]}. Returns 0 and fills cmd,
 * or -1 with a heap error message in *err. */
int parse_run(const char *line, struct command *cmd, char **err);

/* Parses {"type":"kill","signal":N} (1 <= N <= 64). 0 and *signal, or -1 if line is
 * not such a message. */
int parse_kill(const char *line, int *signal);

#endif
