/*
 * Applying one parsed tar entry of a layer to a file tree (the part of tar_apply that
 * knows about paths, whiteouts and replacing what lower layers left), through spin_fs
 * operations only. The byte stream, compression and headers are tar_apply.c's.
 */
#ifndef SPIN_FS_TAR_ENTRY_H
#define SPIN_FS_TAR_ENTRY_H

#include "fs/tar_format.h"

typedef struct tar_created tar_created; /* entries this layer made: (directory, name) */

typedef struct tar_dir_time {
    spin_fs_node *dir;
    spin_fs_time mtime;
} tar_dir_time;

typedef struct tar_layer {
    spin_fs *fs;
    spin_fs_node *root;
    tar_created *created;
    tar_dir_time *dir_times; /* set at the end: entries added later would change them */
    size_t dir_time_count, dir_time_capacity;
} tar_layer;

int tar_layer_init(tar_layer *l, spin_fs *fs);
void tar_layer_release(tar_layer *l);

/* Applies h. For a regular file, *file is the new file (and *node a reference to it),
 * open for writing h->size bytes of data, to be handed to tar_layer_file_done;
 * otherwise both are NULL. 0, or a negative errno with *why set to an explanation
 * (static) or NULL (the errno says). */
int tar_layer_entry(tar_layer *l, const tar_header *h, spin_fs_node **node,
                    spin_fs_file **file, const char **why);

/* Closes and drops a file of tar_layer_entry after its data, setting its times. */
int tar_layer_file_done(tar_layer *l, spin_fs_node *node, spin_fs_file *file,
                        const tar_header *h);

/* Sets the directory times the layer's entries asked for (and forgets them). */
int tar_layer_finish(tar_layer *l);

#endif
