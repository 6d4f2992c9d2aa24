/* What the init runs. A command comes either from the kernel command line (Linux hands
 * everything after "--" to the init as argv) or from a "run" message on the control
 * channel (proto.c); both end up in a struct command with heap-owned strings. */
#include "command.h"

#include <stdlib.h>
#include <string.h>

const char *const default_env[] = {
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME=/",
    "TERM=linux",
    NULL,
};

static char **copy_strings(const char *const *src, int n)
{
    char **dst = calloc((size_t)n + 1, sizeof *dst);
    for (int i = 0; dst && i < n; i++) {
        dst[i] = strdup(src[i]);
        if (!dst[i]) {
            while (i--)
                free(dst[i]);
            free(dst);
            return NULL;
        }
    }
    return dst;
}

char **default_env_copy(void)
{
    int n = 0;
    while (default_env[n])
        n++;
    return copy_strings(default_env, n);
}

int command_from_args(struct command *cmd, int argc, char **argv)
{
    memset(cmd, 0, sizeof *cmd);
    if (argc < 1)
        return -1;
    cmd->argv = copy_strings((const char *const *)argv, argc);
    cmd->env = default_env_copy();
    if (!cmd->argv || !cmd->env) {
        command_free(cmd);
        return -1;
    }
    return 0;
}

static void free_strings(char **v)
{
    for (char **p = v; p && *p; p++)
        free(*p);
    free(v);
}

static void free_share(struct share *s)
{
    free(s->aname);
    free(s->target);
}

void command_free(struct command *cmd)
{
    free_strings(cmd->argv);
    free_strings(cmd->env);
    free(cmd->cwd);
    free(cmd->user);
    free(cmd->hostname);
    free(cmd->net_address);
    free(cmd->net_gateway);
    if (cmd->root)
        free_share(cmd->root);
    free(cmd->root);
    for (int i = 0; i < cmd->nmounts; i++)
        free_share(&cmd->mounts[i]);
    free(cmd->mounts);
    memset(cmd, 0, sizeof *cmd);
}
