/* What the init runs: argv, environment, working directory. */
#ifndef SPIN_INIT_COMMAND_H
#define SPIN_INIT_COMMAND_H

#include <stdbool.h>

/* A file tree the host serves over virtio-9p, mounted before the command runs. */
struct share {
    char *aname;   /* which of the host's exports ("" is its root export) */
    char *target;  /* absolute path in the container */
    int readonly;
};

struct command {
    char **argv;     /* NULL-terminated, at least one element */
    char **env;      /* NULL-terminated */
    char *cwd;       /* NULL: stay in / */
    char *user;      /* "user[:group]", names or numbers; NULL: root */
    char *hostname;  /* NULL: leave the kernel's */
    bool tty;        /* stdio on the terminal (console port 0) with it as controlling tty */
    bool stdin_open; /* stdin from the host (else /dev/null); in TTY mode always */
    struct share *root;    /* NULL: the command runs in the initramfs */
    struct share *mounts;  /* nmounts host folders, mounted in order */
    int nmounts;
    char *net_address;     /* eth0's "A.B.C.D/N"; NULL: no network (lo only) */
    char *net_gateway;     /* the default route's gateway; NULL: none */
};

/* The environment a command gets when its source gives none. */
extern const char *const default_env[];

/* A heap copy of default_env. */
char **default_env_copy(void);

/* Builds a command from argc strings (the kernel command line after "--"), with the
 * default environment. Returns 0, or -1 if argc is 0 or memory ran out. */
int command_from_args(struct command *cmd, int argc, char **argv);

void command_free(struct command *cmd);

#endif
