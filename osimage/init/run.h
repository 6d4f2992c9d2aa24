/* Running the command and waiting for it. */
#ifndef SPIN_INIT_RUN_H
#define SPIN_INIT_RUN_H

#include "channel.h"
#include "command.h"

struct outcome {
    int status;    /* exit code, or 128 + signal number */
    int signal;    /* 0 unless killed by a signal */
    char *error;   /* heap message if the command could not be started, else NULL */
};

/* Starts cmd in a new session as its user, with its stdio (TTY mode: the console's
 * terminal; otherwise the spin.stdin/stdout/stderr ports), serves "kill" messages from
 * ch meanwhile, reaps every other process that exits (the init is PID 1: orphans are
 * re-parented to it), and returns how cmd ended. A command that cannot be started ends
 * with status 127 if it does not exist, 126 otherwise (as docker), and out->error says
 * why. */
void run_command(const struct command *cmd, struct channel *ch, struct outcome *out);

#endif
