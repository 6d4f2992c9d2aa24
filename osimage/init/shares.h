/* The container's file trees from the host: its root and host folders over virtio-9p. */
#ifndef SPIN_INIT_SHARES_H
#define SPIN_INIT_SHARES_H

#include "command.h"

/* The 9p mount tag of Spin's virtio-9p device, and the message size asked for. */
#define SHARE_TAG "spin"
#define SHARE_MSIZE 262144

/* Mounts cmd's root (if any) and its mounts (in the new root, else in the initramfs),
 * moves /proc, /sys and /dev into the new root and makes it the root of this process
 * (and so of the command). 0, or -1 with *err a heap message (NULL if memory ran out)
 * saying what failed: the init must not run the command then. */
int mount_shares(const struct command *cmd, char **err);

#endif
