/*
 * memfs_clone: a container's private tree from the image tree. Every node reachable
 * from the root is copied (metadata, xattrs, symlink targets, directory tables with
 * their cookies), keeping inode numbers and hard links; file contents are not copied
 * but shared: each blob counts the files pointing at it, and whichever tree writes to
 * a shared blob first copies it (memfs_file_reserve). So neither tree can see the
 * other's later changes, and the source may even be changed or dropped first.
 *
 * The copy walks the tree's list of nodes, not the directories, so a deep hostile tree
 * costs no stack: one pass copies the nodes (remembering each copy in node->clone),
 * a second fills the directory tables through those pointers.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strnlen, clock_gettime */
#include "fs/memfs_internal.h"

#include <stdlib.h>
#include <string.h>

/* Copies one node's metadata and content (not directory entries) into tree m. */
static int copy_node(memfs *m, memfs_node *src, memfs_node **out) {
    memfs_node *n = calloc(1, sizeof *n);
    if (!n) return -SPIN_ENOMEM;
    n->ino = src->ino;
    n->version = src->version;
    n->mode = src->mode;
    n->uid = src->uid;
    n->gid = src->gid;
    n->rdev = src->rdev;
    n->atime = src->atime;
    n->mtime = src->mtime;
    n->ctime = src->ctime;
    n->links = src->links;
    if (memfs_is_dir(n)) memfs_dir_init(&n->u.dir);
    /* On the list first, so a failure below leaves it for the caller's cleanup. */
    n->all_next = m->all;
    if (m->all) m->all->all_prev = n;
    m->all = n;
    m->nodes++;
    *out = n;
    if (memfs_is_reg(n)) {
        n->u.file.blob = src->u.file.blob;
        n->u.file.size = src->u.file.size;
        if (n->u.file.blob) n->u.file.blob->refs++;
    } else if (memfs_is_lnk(n)) {
        n->u.link.target = malloc(src->u.link.len + 1);
        if (!n->u.link.target) {
            n->mode = SPIN_S_IFREG; /* nothing to free */
            return -SPIN_ENOMEM;
        }
        memcpy(n->u.link.target, src->u.link.target, src->u.link.len + 1);
        n->u.link.len = src->u.link.len;
    }
    int err = memfs_xattrs_copy(n, src);
    m->bytes += memfs_node_bytes(n);
    return err;
}

int memfs_clone(spin_fs *source, const memfs_options *opts, spin_fs **out) {
    if (!memfs_is(source)) return -SPIN_EINVAL;
    memfs *src = memfs_of(source), *m;
    int err = memfs_new_tree(opts, &m);
    if (err) return err;
    m->next_ino = src->next_ino;
    for (memfs_node *n = src->all; n; n = n->all_next) n->clone = NULL;
    /* Nodes no entry names (unlinked while open) stay behind: nothing reaches them. */
    for (memfs_node *n = src->all; n && !err; n = n->all_next)
        if (n->links) err = copy_node(m, n, &n->clone);
    for (memfs_node *n = src->all; n && !err; n = n->all_next) {
        if (!n->clone || !memfs_is_dir(n)) continue;
        n->clone->parent = n->parent->clone;
        err = memfs_dir_copy(&n->clone->u.dir, &n->u.dir);
    }
    if (!err && ((m->opts.max_nodes && m->nodes > m->opts.max_nodes) ||
                 (m->opts.max_bytes && m->bytes > m->opts.max_bytes)))
        err = -SPIN_ENOSPC;
    if (!err) m->root = src->root->clone;
    for (memfs_node *n = src->all; n; n = n->all_next) n->clone = NULL;
    if (err) {
        m->base.ops->destroy(&m->base);
        return err;
    }
    *out = &m->base;
    return 0;
}
