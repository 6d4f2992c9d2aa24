/*
 * memfs: a file tree held in memory, the spin_fs backend for a container's root.
 *
 * The image's layers are applied (tar_apply.h) into one memfs, the image tree; each
 * container then gets memfs_clone(image_tree): its own copy of every node's metadata,
 * with file contents shared and copied only when one side writes them. So a container's
 * writes never reach the image tree or another container, and starting a container
 * costs metadata work proportional to the number of nodes, not to the image's bytes.
 *
 * Everything is in memory and synchronous; the same code runs natively and in wasm.
 * See docs/fs.md for the rules (limits, accounting, unlink of open files, CoW).
 */
#ifndef SPIN_FS_MEMFS_H
#define SPIN_FS_MEMFS_H

#include "fs/fs.h"

/* Wall-clock time for new nodes and "now" updates; the host may pass its own. */
typedef spin_fs_time (*memfs_clock_fn)(void *ctx);

typedef struct memfs_options {
    /* Bytes of content the tree may hold: file data, symlink targets, xattr values
     * (shared CoW data counts in every tree that references it). 0: no limit. */
    uint64_t max_bytes;
    /* Nodes the tree may hold. 0: no limit. */
    uint64_t max_nodes;
    bool read_only;
    memfs_clock_fn clock; /* NULL: the host's real-time clock */
    void *clock_ctx;
} memfs_options;

/* A new tree holding an empty root directory (mode 0755, owner 0:0). opts may be NULL
 * (no limits, writable). 0 or -SPIN_ENOMEM. */
int memfs_create(const memfs_options *opts, spin_fs **out);

/* A new tree with the same nodes (same inode numbers, metadata, links) as source, whose
 * file contents are shared with source until either side changes them. source must be
 * a memfs; it is not modified and may be cloned again, or dropped before its clones.
 * opts as for memfs_create (its limits must hold what source holds: else -SPIN_ENOSPC). */
int memfs_clone(spin_fs *source, const memfs_options *opts, spin_fs **out);

/* True if fs is a memfs (memfs_clone accepts only those). */
bool memfs_is(const spin_fs *fs);

/* What the tree holds now, as counted against its limits. */
typedef struct memfs_usage {
    uint64_t bytes, nodes;
} memfs_usage;
void memfs_get_usage(const spin_fs *fs, memfs_usage *out);

#endif
