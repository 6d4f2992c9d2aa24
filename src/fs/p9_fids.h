/*
 * The 9P server's memory of the namespace it has handed out (internal to p9_server.c).
 *
 * A p9_path is one place in an export, reached from the export's root by names: it
 * holds its node, its name and its parent. Places are shared: the server keeps at most
 * one live path per (parent, name), so a rename or unlink through any fid updates what
 * every other fid knows. ".." is the parent path, and the export's root has none, so no
 * walk can leave the export. Paths are reference counted (fids and children hold them).
 *
 * A p9_fid is the client's handle: a path plus, once opened, the backend's open file, or
 * the buffer of an extended attribute being read or written.
 */
#ifndef SPIN_FS_P9_FIDS_H
#define SPIN_FS_P9_FIDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"

typedef struct p9_path {
    unsigned refs;
    struct p9_path *parent; /* NULL: the export's root */
    char *name;             /* NULL at the root */
    spin_fs *fs;
    spin_fs_node *node;
    uint64_t ino;           /* the node's inode number when the path was made */
    uint8_t export_id;      /* which export the path lies in (qid paths carry it) */
    bool hashed;            /* findable by (parent, name); false once unlinked/replaced */
    struct p9_path *hash_next;
} p9_path;

typedef enum { P9_XATTR_NONE, P9_XATTR_READ, P9_XATTR_WRITE } p9_xattr_mode;

typedef struct p9_fid {
    uint32_t id;
    p9_path *path;
    uint32_t uid;           /* who attached (owner of what this fid creates) */
    spin_fs_file *file;     /* non-NULL once opened */
    uint32_t open_flags;
    p9_xattr_mode xattr;
    uint8_t *xattr_buf;
    uint64_t xattr_size;    /* READ: the value's length; WRITE: the announced length */
    uint64_t xattr_filled;  /* WRITE: bytes written so far */
    char *xattr_name;
    int xattr_flags;
    struct p9_fid *next;
} p9_fid;

typedef struct p9_tables {
    p9_path **paths;        /* hash buckets of named paths */
    size_t path_buckets, path_count;
    p9_fid **fids;          /* hash buckets by fid number */
    size_t fid_buckets, fid_count;
} p9_tables;

int p9_tables_init(p9_tables *t);
void p9_tables_destroy(p9_tables *t); /* every fid must be gone */

/* A new root path for fs holding node (takes the reference). NULL if memory runs out. */
p9_path *p9_path_new_root(spin_fs *fs, spin_fs_node *node, uint64_t ino, uint8_t export_id);
/* The path for name under parent holding node with inode ino (takes the node reference):
 * the live one if it still names the same inode, else a new one that replaces it. */
p9_path *p9_path_child(p9_tables *t, p9_path *parent, const char *name, spin_fs_node *node,
                       uint64_t ino);
/* The live path named name under parent, or NULL (no reference taken). */
p9_path *p9_path_find(p9_tables *t, p9_path *parent, const char *name);
void p9_path_ref(p9_path *p);
void p9_path_unref(p9_tables *t, p9_path *p);
/* The name is gone from its directory: new walks will not find this path. */
void p9_path_forget(p9_tables *t, p9_path *p);
/* The path was renamed to new_name under new_parent. 0, or -1 if memory runs out. */
int p9_path_move(p9_tables *t, p9_path *p, p9_path *new_parent, const char *new_name);
/* True if p is anc or lies below it. */
bool p9_path_within(const p9_path *p, const p9_path *anc);

p9_fid *p9_fid_find(p9_tables *t, uint32_t id);
/* A new, empty fid (NULL if the id is taken, the table is full or memory runs out). */
p9_fid *p9_fid_add(p9_tables *t, uint32_t id, size_t max_fids);
/* Removes the fid from the table and frees it; the caller closed its file and xattr. */
void p9_fid_remove(p9_tables *t, p9_fid *f);

#endif
