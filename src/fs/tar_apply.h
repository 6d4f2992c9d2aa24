/*
 * Applying an OCI image layer (a tar archive, plain or gzip-compressed) onto a file
 * tree, streaming: feed the layer's bytes as they arrive (a download in progress) and
 * call finish at the end. Everything goes through the tree's spin_fs operations, one
 * name at a time from the root, so no entry can reach outside the tree.
 *
 * Rules (docs/fs.md, "Applying layers"): leading "/" and "." components are dropped,
 * ".." is resolved lexically and refused if it climbs above the root; a path whose
 * parent is a symlink is refused; hard links must name an entry already in the tree;
 * OCI whiteouts (.wh.NAME, .wh..wh..opq) delete lower-layer content.
 *
 * Lives in src/fs because it only knows the spin_fs interface and the tar format; the
 * image store (src/oci) hands it the layer blobs in order.
 *
 *     tar_apply *t;
 *     tar_apply_start(tree, &t);
 *     while (more) if (tar_apply_feed(t, buf, n)) break;
 *     int err = tar_apply_finish(t);   // or the feed's error
 *     if (err) fprintf(stderr, "%s\n", tar_apply_error(t));
 *     tar_apply_free(t);
 *
 * On an error the tree keeps what was applied before it: the caller discards the tree
 * (image trees are built afresh; nothing half-applied is served).
 */
#ifndef SPIN_FS_TAR_APPLY_H
#define SPIN_FS_TAR_APPLY_H

#include "fs/fs.h"

typedef struct tar_apply tar_apply;

/* Starts applying one layer onto fs. 0 or -SPIN_ENOMEM. */
int tar_apply_start(spin_fs *fs, tar_apply **out);

/* The next bytes of the layer. 0, or a negative errno (then every later call returns
 * it again and tar_apply_error says what went wrong, naming the entry). */
int tar_apply_feed(tar_apply *t, const void *data, size_t len);

/* The layer's end: checks nothing is cut short (a missing end-of-archive marker is
 * fine; a member's data cut short is not) and finishes directory times. */
int tar_apply_finish(tar_apply *t);

/* What went wrong, or "" if nothing did. */
const char *tar_apply_error(const tar_apply *t);

/* Entries applied so far (whiteouts included, extended headers not). */
uint64_t tar_apply_entries(const tar_apply *t);

void tar_apply_free(tar_apply *t);

#endif
