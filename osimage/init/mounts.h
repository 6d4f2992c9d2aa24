/* The kernel file systems the init and every container program rely on. */
#ifndef SPIN_INIT_MOUNTS_H
#define SPIN_INIT_MOUNTS_H

/* Mounts proc, sysfs, devtmpfs, devpts and /dev/shm, and adds /dev/fd, /dev/std* and
 * /dev/ptmx links. Returns NULL on success, or a heap string
 * describing every failure (the init reports it once it has a channel, and carries on:
 * a command may still run without, say, /dev/pts). */
char *mount_basics(void);

#endif
