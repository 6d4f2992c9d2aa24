/* Where the init's command-line arguments really start. */
#ifndef SPIN_INIT_CMDLINE_H
#define SPIN_INIT_CMDLINE_H

/* Counts the arguments after the first "--" of a kernel command line, splitting it the
 * way the kernel does (spaces separate, double quotes group). -1 if there is no "--". */
int cmdline_args_after_dashes(const char *cmdline);

#endif
