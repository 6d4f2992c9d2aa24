/*
 * What a container runs, as the guest's init receives it in its "run" message
 * (docs/guest-init.md): the image's config (Entrypoint, Cmd, Env, WorkingDir, User)
 * merged with the user's options the way docker merges them.
 */
#ifndef SPIN_RUNTIME_SPEC_H
#define SPIN_RUNTIME_SPEC_H

#include <stdbool.h>
#include <stddef.h>

/* A host folder in the container: -v HOST:GUEST[:ro]. */
typedef struct spin_volume {
    const char *host, *guest;
    bool read_only;
} spin_volume;

/* Parses "HOST:GUEST", "HOST:GUEST:ro" or "HOST:GUEST:rw" (GUEST absolute; HOST may
 * itself contain ':'). 0 with heap copies in *host and *guest, or -1 with a heap
 * sentence in *err. */
int spin_volume_parse(const char *arg, char **host, char **guest, bool *read_only, char **err);

/* The user's options (docker run's). Strings are borrowed, not copied. */
typedef struct spin_run_options {
    const char *const *command;  /* after the image name: replaces the image's Cmd */
    size_t command_count;
    const char *entrypoint;      /* --entrypoint: replaces the image's Entrypoint and
                                  * drops its Cmd; "" clears it; NULL keeps the image's */
    const char *const *env;      /* K=V (or K alone: skipped here; the CLI resolves it
                                  * from its own environment), later ones win */
    size_t env_count;
    const char *workdir, *user, *hostname;
    bool tty, interactive;
    const spin_volume *volumes;  /* served as 9P exports "v0", "v1", ... in this order */
    size_t volume_count;
    bool root_tree;              /* the container's root is served as the "" export (else
                                  * the command runs in the guest's initramfs) */
    const char *net_address;     /* eth0's "A.B.C.D/N" (NULL: no network, lo only) */
    const char *net_gateway;     /* its default route (NULL: none) */
} spin_run_options;

/* Where the guest mounts export "v<i>". */
typedef struct spin_spec_mount {
    char *target;
    bool read_only;
} spin_spec_mount;

/* The merged result; every string is owned (spin_spec_free). */
typedef struct spin_spec {
    char **argv;    /* NULL-terminated, at least one element */
    char **env;     /* NULL-terminated */
    char *cwd;      /* never NULL: "/" by default */
    char *user;     /* NULL: root */
    char *hostname; /* NULL: the runtime's default */
    bool tty, interactive;
    bool root_tree;           /* mount the "" export as / */
    spin_spec_mount *mounts;  /* mount i is export "v<i>" */
    size_t mount_count;
    char *net_address, *net_gateway; /* NULL: no network */
} spin_spec;

/* Merges an image config (the JSON of an OCI image config blob, whose "config" member
 * holds Entrypoint, Cmd, Env, WorkingDir, User; NULL for an image without one) with
 * options. Returns 0, or -1 with a heap sentence in *err (malformed config, no command
 * at all, bad option). */
int spin_spec_build(const char *image_config_json, const spin_run_options *options,
                    spin_spec *out, char **err);

void spin_spec_free(spin_spec *spec);

/* The init's "run" message for spec (heap JSON without a newline), or NULL when memory
 * runs out. */
char *spin_spec_run_message(const spin_spec *spec);

#endif
