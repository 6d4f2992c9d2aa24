/*
 * A spin_fs over a folder of the host, for `-v HOST:GUEST[:ro]` and `--rootfs DIR`.
 *
 * The guest may only ever reach what lies inside the folder. A node is the list of names
 * leading to it from the folder; every operation opens the directories on the way one
 * component at a time (openat with O_NOFOLLOW | O_DIRECTORY) and acts on the last name
 * relative to its directory without following it (AT_SYMLINK_NOFOLLOW, O_NOFOLLOW). So
 * "..", absolute symlinks and symlinks in the middle of a path never lead out, and
 * symlinks are only ever read (readlink), never followed. Nothing is kept open between
 * operations except open files, so a guest holding many fids costs no host descriptors.
 * Since every operation walks its node's names, a node's name list is bounded (64 KiB):
 * deeper trees answer ENAMETOOLONG, so one request costs bounded work.
 *
 * The same code runs natively and in wasm under Node (Emscripten's NODERAWFS, where
 * openat joins path strings and Node's open honours O_NOFOLLOW, which refuses a symlink
 * at every step of the walk). Where Emscripten 3.1.6 cannot act on a symlink itself
 * (chown, utimes follow links) those requests on symlinks are refused with EOPNOTSUPP;
 * hard links are not available there (EMLINK).
 *
 * Only regular files and directories are opened (a FIFO would block the host, a device
 * node would reach host hardware); device nodes cannot be created. Host owners and
 * permissions are shown as they are; new files are given the guest's owner when the
 * host allows it (running as root), else they belong to the user running Spin. Inode
 * numbers are the host's.
 */
#ifndef SPIN_FS_HOSTFS_H
#define SPIN_FS_HOSTFS_H

#include <stdbool.h>

#include "fs/fs.h"

/* A tree over the host directory path (must exist and be a directory). NULL with errno
 * set otherwise. Destroy with fs->ops->destroy(fs). */
spin_fs *spin_hostfs_new(const char *path, bool read_only);

/* The host's errno value as a negative Linux errno (SPIN_E*); wasm numbers differ. */
int spin_hostfs_errno(int host_errno);

#endif
