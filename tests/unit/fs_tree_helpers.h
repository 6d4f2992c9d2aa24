/* Path helpers for the file-tree tests (memfs_test.c, tar_apply_test.c): reach a node by
 * a relative path, read a small file as a string. Test code only: the spin_fs interface
 * itself has no paths. */
#ifndef SPIN_TESTS_UNIT_FS_TREE_HELPERS_H
#define SPIN_TESTS_UNIT_FS_TREE_HELPERS_H

#include <stdio.h>
#include <string.h>

#include "fs/fs.h"

/* The node at a relative path ("" = root) as a new reference, or NULL. */
static spin_fs_node *fs_node_at(spin_fs *fs, const char *path) {
    spin_fs_node *node, *next;
    fs->ops->root(fs, &node);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *name = strtok(buf, "/"); name; name = strtok(NULL, "/")) {
        int err = fs->ops->lookup(fs, node, name, &next);
        fs->ops->unref(fs, node);
        if (err) return NULL;
        node = next;
    }
    return node;
}

/* The content of a file as a string: "<missing>", or "<err N>" if it cannot be opened. */
static const char *fs_file_text(spin_fs *fs, const char *path) {
    static char buf[4096];
    spin_fs_node *n = fs_node_at(fs, path);
    spin_fs_file *f;
    if (!n) return "<missing>";
    int err = fs->ops->open(fs, n, SPIN_O_RDONLY, &f);
    fs->ops->unref(fs, n);
    if (err) {
        snprintf(buf, sizeof buf, "<err %d>", err);
        return buf;
    }
    int64_t r = fs->ops->read(fs, f, 0, buf, sizeof buf - 1);
    fs->ops->close(fs, f);
    buf[r < 0 ? 0 : r] = 0;
    return buf;
}

#endif
