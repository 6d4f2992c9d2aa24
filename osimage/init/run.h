/* Running the command and waiting for it. */
#ifndef SPIN_INIT_RUN_H
#define SPIN_INIT_RUN_H

#include "command.h"

struct outcome {
    int status;    /* exit code, or 128 + signal number */
    int signal;    /* 0 unless killed by a signal */
    char *error;   /* heap message if the command could not be started, else NULL */
};

/* Starts cmd with the init's stdio (the console) in a new session, reaps every other
 * process that exits meanwhile (the init is PID 1: orphans are re-parented to it), and
 * returns how cmd ended. A command that cannot be started ends with status 127 (126 if
 * it exists but cannot be executed), as in a shell, and out->error says why. */
void run_command(const struct command *cmd, struct outcome *out);

#endif
