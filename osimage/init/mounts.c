/* The kernel file systems the init and every container program rely on. The embedded
 * initramfs has empty /proc, /sys and /dev; the kernel does not mount devtmpfs itself
 * when the root is an initramfs (CONFIG_DEVTMPFS_MOUNT only covers disk roots). */
#include "mounts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *type, *target, *options;
    unsigned long flags;
} basics[] = {
    { "proc", "/proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
    { "sysfs", "/sys", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
    { "devtmpfs", "/dev", "mode=0755", MS_NOSUID },
    { "devpts", "/dev/pts", "newinstance,ptmxmode=0666,mode=0620", MS_NOSUID | MS_NOEXEC },
    { "tmpfs", "/dev/shm", "mode=1777", MS_NOSUID | MS_NODEV },
};

/* What udev or a container runtime would add to /dev: devtmpfs has only device nodes.
 * /dev/ptmx is pointed at the devpts instance above (newinstance), as docker does. */
static const struct {
    const char *target, *link;
} links[] = {
    { "/proc/self/fd", "/dev/fd" },
    { "/proc/self/fd/0", "/dev/stdin" },
    { "/proc/self/fd/1", "/dev/stdout" },
    { "/proc/self/fd/2", "/dev/stderr" },
    { "pts/ptmx", "/dev/ptmx" },
};

/* Appends "what: strerror(err)" to *msg, "; "-separated. */
static void add_failure(char **msg, const char *what, int err)
{
    char *joined;
    if (asprintf(&joined, "%s%s%s: %s", *msg ? *msg : "", *msg ? "; " : "", what,
                 strerror(err)) < 0)
        return;
    free(*msg);
    *msg = joined;
}

char *mount_basics(void)
{
    char *msg = NULL;
    for (size_t i = 0; i < sizeof basics / sizeof basics[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "mount %s on %s", basics[i].type, basics[i].target);
        if (mkdir(basics[i].target, 0755) != 0 && errno != EEXIST) {
            add_failure(&msg, what, errno);
            continue;
        }
        if (mount(basics[i].type, basics[i].target, basics[i].type, basics[i].flags,
                  basics[i].options) != 0 && errno != EBUSY)
            add_failure(&msg, what, errno);
    }
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (strcmp(links[i].link, "/dev/ptmx") == 0)
            unlink(links[i].link);   /* devtmpfs made a node for the initial instance */
        if (symlink(links[i].target, links[i].link) != 0 && errno != EEXIST) {
            char what[64];
            snprintf(what, sizeof what, "symlink %s", links[i].link);
            add_failure(&msg, what, errno);
        }
    }
    return msg;
}
