/* Spin's guest init (PID 1). It mounts the kernel file systems, finds the control
 * channel, says "ready", gets one command (kernel command line after "--", else a "run"
 * message on the control port), runs it, reports how it ended and powers the machine
 * off. Before running it, it mounts the file trees the command names (its root and host
 * folders, over virtio-9p) and sets up the network (lo, and eth0 when asked). The wire
 * protocol is described in docs/guest-init.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "channel.h"
#include "cmdline.h"
#include "command.h"
#include "mounts.h"
#include "net.h"
#include "power.h"
#include "proto.h"
#include "run.h"
#include "shares.h"
#include "util.h"

static struct channel ch;

/* Sends a message built by a msg_* function (NULL-safe: a message that could not be
 * built is dropped; there is no better place to report that). */
static void report(char *msg)
{
    if (msg)
        channel_send(&ch, msg);
    free(msg);
}

/* The command from the kernel command line: the last N elements of argv, N being the
 * number of arguments after "--" (see cmdline.c). Returns 0 if there is one. */
static int command_from_kernel(struct command *cmd, int argc, char **argv)
{
    char *line = read_file("/proc/cmdline");
    int n = line ? cmdline_args_after_dashes(line) : -1;
    free(line);
    if (n <= 0 || n > argc - 1)
        return -1;
    return command_from_args(cmd, n, argv + argc - n);
}

/* The command from a "run" message on the control port. Reports why not, on failure. */
static int command_from_port(struct command *cmd)
{
    char *line = channel_read_line(&ch);
    if (!line) {
        report(msg_error("control port closed before a \"run\" message"));
        return -1;
    }
    char *err = NULL;
    int rc = parse_run(line, cmd, &err);
    free(line);
    if (rc != 0)
        report(msg_error("%s", err ? err : "out of memory"));
    free(err);
    return rc;
}

int main(int argc, char **argv)
{
    char *mount_err = mount_basics();
    if (channel_open(&ch) != 0)
        power_off();   /* nowhere to report anything */

    struct utsname u;
    report(msg_ready(uname(&u) == 0 ? u.release : "unknown", boot_ns()));
    if (mount_err)
        report(msg_error("%s", mount_err));
    free(mount_err);

    struct command cmd;
    if (command_from_kernel(&cmd, argc, argv) != 0) {
        if (!ch.is_port) {
            report(msg_error("no command: nothing after \"--\" on the kernel command line "
                           "and no \"" CONTROL_PORT_NAME "\" port"));
            power_off();
        }
        if (command_from_port(&cmd) != 0)
            power_off();
    }

    char *share_err;
    if (mount_shares(&cmd, &share_err) != 0) {
        report(msg_error("%s", share_err ? share_err : "mounting the container's file trees failed"));
        power_off();   /* no command ran: the last message is this error */
    }

    const char *net_err = net_configure(&cmd);
    if (net_err)
        report(msg_error("network: %s: %m", net_err));

    struct outcome out;
    if (cmd.hostname && sethostname(cmd.hostname, strlen(cmd.hostname)) != 0)
        report(msg_error("sethostname %s: %m", cmd.hostname));
    run_command(&cmd, &ch, &out);
    if (out.error)
        report(msg_error("%s", out.error));
    report(msg_exit(out.status, out.signal));
    free(out.error);
    command_free(&cmd);
    power_off();
}
