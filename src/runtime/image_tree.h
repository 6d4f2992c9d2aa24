/*
 * An image's file tree, built from its layers: a memfs with each layer applied in order
 * (src/fs/tar_apply: gzip or plain tar, whiteouts, no escapes), then a copy-on-write
 * clone per container so the image's tree is never changed (src/fs/memfs.h).
 */
#ifndef SPIN_RUNTIME_IMAGE_TREE_H
#define SPIN_RUNTIME_IMAGE_TREE_H

#include <stddef.h>

#include "fs/fs.h"

/* Applies the layer files (paths, bottom first) to a new memfs. 0 with *out, or -1
 * with a heap sentence in *err naming the layer and what was wrong. */
int spin_image_tree_from_files(const char *const *layer_paths, size_t count, spin_fs **out,
                               char **err);

/* A layer read through any tree (an archive unpacked in memory): the file at path
 * (components separated by '/') in fs. Same as above otherwise. */
int spin_image_tree_from_tree(spin_fs *source, const char *const *layer_paths, size_t count,
                              spin_fs **out, char **err);

/* The container's writable tree: a copy-on-write clone of image. 0 or -1 (no memory). */
int spin_image_tree_container(spin_fs *image, spin_fs **out);

/* Reads a whole (small) file at path in fs into a NUL-terminated heap buffer (JSON
 * documents of an archive). NULL if it is missing, not a file or larger than max. */
char *spin_fs_read_small_file(spin_fs *fs, const char *path, size_t max, size_t *len);

#endif
