/* The container's file trees from the host, all served by Spin's one virtio-9p device
 * (tag "spin"). Linux mounts a virtio-9p device only once, so the init mounts the
 * server's export directory (aname "/": one entry per export, the root export as "root")
 * on /.spin in the initramfs and bind-mounts entries from there: the root onto /newroot,
 * each host folder onto its target.
 *
 * Cache mode: cache=mmap for that one mount. A container's private tree (nobody else
 * writes it) would be correct with cache=loose too, but the same mount also carries
 * host folders, which the user may change on the host while the container runs: loose
 * would show stale pages and attributes there. mmap caches nothing but what is mapped,
 * so every read and stat reaches the host, and shared writable mmap works (databases,
 * package managers), which plain cache=none refuses.
 *
 * Switching root is what switch_root does: move /proc, /sys and /dev (with /dev/pts)
 * into /newroot, move it onto "/" and chroot there. The initramfs stays in memory
 * underneath (it only holds the init). */
#include "shares.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define NEW_ROOT "/newroot"
#define EXPORTS_DIR "/.spin"
#define EXPORTS_ANAME "/"
#define ROOT_ENTRY "root"

/* Sets *msg to "what path: reason" on the heap (NULL if memory ran out); returns -1. */
static int failure(char **msg, const char *what, const char *path, int err)
{
    if (asprintf(msg, "%s %s: %s", what, path, strerror(err)) < 0)
        *msg = NULL;
    return -1;
}

/* mkdir -p: every missing directory of path, 0755. */
static int make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char end = *p;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            int err = errno;
            free(copy);
            errno = err;
            return -1;
        }
        *p = end;
        if (!end)
            break;
    }
    free(copy);
    return 0;
}

/* The export directory, once. */
static int mount_exports(char **msg)
{
    char options[256];
    snprintf(options, sizeof options,
             "trans=virtio,version=9p2000.L,msize=%d,access=client,cache=mmap,aname=%s",
             SHARE_MSIZE, EXPORTS_ANAME);
    if (mkdir(EXPORTS_DIR, 0700) != 0 && errno != EEXIST)
        return failure(msg, "mkdir", EXPORTS_DIR, errno);
    if (mount(SHARE_TAG, EXPORTS_DIR, "9p", 0, options) != 0)
        return failure(msg, "mount 9p on", EXPORTS_DIR, errno);
    return 0;
}

/* Binds export s at path at (made if missing), read-only if asked. A bind mount takes
 * the read-only flag only on a remount. */
static int bind_share(const struct share *s, const char *at, int is_root, char **msg)
{
    const char *entry = s->aname[0] ? s->aname : ROOT_ENTRY;
    char *from;
    if (strchr(entry, '/') || !strcmp(entry, "..") || !strcmp(entry, "."))
        return failure(msg, "bad export name for", at, EINVAL);
    if (asprintf(&from, EXPORTS_DIR "/%s", entry) < 0)
        return failure(msg, "bind", at, ENOMEM);
    int r = 0;
    if (make_dirs(at) != 0)
        r = failure(msg, "mkdir", at, errno);
    else if (mount(from, at, NULL, MS_BIND, NULL) != 0)
        r = failure(msg, "bind mount on", at, errno);
    free(from);
    if (r)
        return r;
    /* host folders: no devices, no setuid; a root keeps both (it is the system) */
    unsigned long flags = is_root ? 0 : MS_NOSUID | MS_NODEV;
    if ((s->readonly || flags) &&
        mount(NULL, at, NULL, MS_REMOUNT | MS_BIND | flags | (s->readonly ? MS_RDONLY : 0), NULL) != 0)
        return failure(msg, "remount", at, errno);
    return 0;
}

/* Moves the kernel file systems into the new root and makes it "/". */
static int switch_root(char **msg)
{
    static const char *const moved[] = { "/proc", "/sys", "/dev" };
    for (size_t i = 0; i < sizeof moved / sizeof moved[0]; i++) {
        char target[64];
        snprintf(target, sizeof target, NEW_ROOT "%s", moved[i]);
        if (mkdir(target, 0755) != 0 && errno != EEXIST)
            return failure(msg, "mkdir", target, errno);
        if (mount(moved[i], target, NULL, MS_MOVE, NULL) != 0)
            return failure(msg, "move mount to", target, errno);
    }
    if (chdir(NEW_ROOT) != 0)
        return failure(msg, "chdir", NEW_ROOT, errno);
    if (mount(".", "/", NULL, MS_MOVE, NULL) != 0)
        return failure(msg, "move mount to", "/", errno);
    if (chroot(".") != 0 || chdir("/") != 0)
        return failure(msg, "chroot", NEW_ROOT, errno);
    return 0;
}

int mount_shares(const struct command *cmd, char **err)
{
    *err = NULL;
    const char *prefix = cmd->root ? NEW_ROOT : "";
    if (!cmd->root && cmd->nmounts == 0)
        return 0;
    if (mount_exports(err) != 0)
        return -1;
    if (cmd->root && bind_share(cmd->root, NEW_ROOT, 1, err) != 0)
        return -1;
    for (int i = 0; i < cmd->nmounts; i++) {
        char *at;
        if (asprintf(&at, "%s%s", prefix, cmd->mounts[i].target) < 0)
            return -1;
        int r = bind_share(&cmd->mounts[i], at, 0, err);
        free(at);
        if (r != 0)
            return -1;
    }
    return cmd->root ? switch_root(err) : 0;
}
