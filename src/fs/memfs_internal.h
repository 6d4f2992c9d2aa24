/*
 * memfs internals shared by its files: memfs.c (the spin_fs operations), memfs_dir.c
 * (a directory's entry table), memfs_node.c (nodes, content, accounting) and
 * memfs_clone.c (copy-on-write clones). Not for users of memfs: they see memfs.h.
 */
#ifndef SPIN_FS_MEMFS_INTERNAL_H
#define SPIN_FS_MEMFS_INTERNAL_H

#include "fs/memfs.h"

typedef struct memfs_node memfs_node;

/* File content, shared between the trees of clones: refs counts the files (in any
 * tree) pointing at it; whoever writes to shared content copies it first. */
typedef struct memfs_blob {
    uint32_t refs;
    size_t capacity;
    unsigned char bytes[];
} memfs_blob;

typedef struct memfs_dirent {
    char *name;       /* NULL once removed (a hole until the table is compacted) */
    memfs_node *node;
    uint64_t cookie;  /* readdir offset continuing after this entry; grows with each insert */
    uint32_t hash;
} memfs_dirent;

/* A directory's entries in insertion order (so cookies ascend and readdir can continue
 * from any cookie by binary search) with an open-addressing hash index over them for
 * lookup by name. Removing leaves a hole; holes are compacted away as the table grows. */
typedef struct memfs_dir {
    memfs_dirent *entries;
    size_t count;     /* used slots of entries, holes included */
    size_t capacity;
    size_t live;      /* entries that are not holes */
    uint32_t *index;  /* 0: empty; else position in entries + 1 */
    size_t index_size; /* a power of two, or 0 */
    uint64_t next_cookie;
    uint64_t subdirs; /* for the directory's link count */
} memfs_dir;

typedef struct memfs_xattr {
    char *name;
    void *value;
    size_t len;
} memfs_xattr;

struct memfs_node {
    uint64_t ino, version;
    uint32_t mode, uid, gid;
    uint64_t rdev;
    spin_fs_time atime, mtime, ctime;
    uint64_t links; /* directory entries naming the node (the root counts one) */
    uint64_t refs;  /* references held by callers, open files included */
    memfs_node *parent; /* directories: the one containing it (the root: itself) */
    memfs_xattr *xattrs;
    size_t xattr_count;
    union {
        memfs_dir dir;
        struct { memfs_blob *blob; uint64_t size; } file; /* blob NULL or holds <= size */
        struct { char *target; size_t len; } link;
    } u;
    /* Every node of a tree, for destroy and clone (no recursion over the tree's depth). */
    memfs_node *all_prev, *all_next;
    memfs_node *clone; /* during memfs_clone: the copy of this node */
};

typedef struct memfs {
    spin_fs base;
    memfs_options opts;
    memfs_node *root;
    memfs_node *all; /* list of every node */
    uint64_t next_ino;
    uint64_t bytes, nodes;
} memfs;

struct spin_fs_file {
    memfs_node *node;
    uint32_t flags;
};

static inline memfs *memfs_of(spin_fs *fs) { return (memfs *)fs; }
static inline bool memfs_is_dir(const memfs_node *n) {
    return (n->mode & SPIN_S_IFMT) == SPIN_S_IFDIR;
}
static inline bool memfs_is_reg(const memfs_node *n) {
    return (n->mode & SPIN_S_IFMT) == SPIN_S_IFREG;
}
static inline bool memfs_is_lnk(const memfs_node *n) {
    return (n->mode & SPIN_S_IFMT) == SPIN_S_IFLNK;
}

/* memfs_dir.c */
void memfs_dir_init(memfs_dir *dir);
void memfs_dir_release(memfs_dir *dir); /* frees the table and names, not the nodes */
memfs_dirent *memfs_dir_find(memfs_dir *dir, const char *name);
/* Makes room for one more entry so the next memfs_dir_insert cannot fail. */
int memfs_dir_reserve(memfs_dir *dir);
int memfs_dir_insert(memfs_dir *dir, const char *name, memfs_node *node);
void memfs_dir_remove(memfs_dir *dir, memfs_dirent *entry);
/* The first live entry whose cookie is greater than after, or NULL. */
memfs_dirent *memfs_dir_next(memfs_dir *dir, uint64_t after);
/* A copy of src's table with nodes mapped through each node's clone pointer. */
int memfs_dir_copy(memfs_dir *dst, const memfs_dir *src);

/* memfs_node.c */
spin_fs_time memfs_now(memfs *m);
/* A new node of the given mode owned by owner, counted against max_nodes. */
int memfs_node_new(memfs *m, uint32_t mode, spin_fs_owner owner, memfs_node **out);
/* Frees the node if nothing names or references it any more. */
void memfs_node_maybe_free(memfs *m, memfs_node *node);
/* Frees the node whatever its counts (destroy), with its content. */
void memfs_node_free(memfs *m, memfs_node *node);
/* Charges (delta > 0) or refunds (delta < 0) content bytes: -SPIN_ENOSPC past the limit. */
int memfs_charge(memfs *m, int64_t delta);
/* Makes the file's content private and able to hold size bytes (copying shared content). */
int memfs_file_reserve(memfs *m, memfs_node *node, uint64_t size);
int memfs_file_truncate(memfs *m, memfs_node *node, uint64_t size);
void memfs_blob_unref(memfs_blob *blob);
/* Bytes node's content counts against max_bytes. */
uint64_t memfs_node_bytes(const memfs_node *node);
void memfs_touch(memfs *m, memfs_node *node, bool content); /* ctime (+mtime, version) */

/* memfs_xattr.c */
int64_t memfs_getxattr(spin_fs *fs, spin_fs_node *node, const char *name, void *buf,
                       size_t len);
int64_t memfs_listxattr(spin_fs *fs, spin_fs_node *node, char *buf, size_t len);
int memfs_setxattr(spin_fs *fs, spin_fs_node *node, const char *name, const void *value,
                   size_t len, int flags);
int memfs_removexattr(spin_fs *fs, spin_fs_node *node, const char *name);
void memfs_xattrs_free(memfs_node *node);
int memfs_xattrs_copy(memfs_node *dst, const memfs_node *src);
uint64_t memfs_xattrs_bytes(const memfs_node *node);

/* memfs.c */
extern const spin_fs_ops memfs_ops;
int memfs_new_tree(const memfs_options *opts, memfs **out);

#endif
