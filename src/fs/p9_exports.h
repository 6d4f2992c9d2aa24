/*
 * The 9P server's exports (internal to p9_server.c): the named trees a client can attach
 * to, and a read-only directory that lists them all.
 *
 * Linux mounts one virtio-9p device only once (its channel is then in use), so a guest
 * that needs several trees (the container's root and host folders) mounts the export
 * directory (aname "/") once and bind-mounts its entries: each export appears under its
 * aname, the root export ("") as "root". Walking into an entry enters that export at
 * its root; ".." never leads back out of an export. Inode numbers (qid paths) carry the
 * export's index in their top byte, so files of different exports under one mount never
 * look like hard links of each other.
 */
#ifndef SPIN_FS_P9_EXPORTS_H
#define SPIN_FS_P9_EXPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"
#include "fs/p9_fids.h"

#define P9_EXPORTS_MAX 64u
#define P9_EXPORTS_ANAME "/"          /* attaches the export directory */
#define P9_EXPORTS_ROOT_NAME "root"   /* the root export's entry in it */
#define P9_EXPORTS_TABLE_ID 0xffu     /* the directory's own export id (qid top byte) */

typedef struct p9_export {
    char *aname;
    spin_fs *fs;
    p9_path *root; /* made at the first attach, kept until the exports are destroyed */
} p9_export;

typedef struct p9_exports {
    spin_fs table;                  /* the export directory as a (read-only) tree */
    p9_export list[P9_EXPORTS_MAX];
    size_t count;
    p9_path *table_root;
} p9_exports;

void p9_exports_init(p9_exports *x);
/* Releases the roots (every fid must be gone). */
void p9_exports_destroy(p9_exports *x, p9_tables *t);

/* 0, or -1 (bad or duplicate name, "root", table full, no memory). */
int p9_exports_add(p9_exports *x, const char *aname, spin_fs *fs);

/* The export attached by aname, or by its name in the export directory. NULL if none. */
p9_export *p9_exports_by_aname(p9_exports *x, const char *aname);
p9_export *p9_exports_by_entry(p9_exports *x, const char *name);

/* The root of export e (or of the export directory, e NULL) as a new reference. */
int p9_exports_root(p9_exports *x, p9_export *e, p9_path **out);

bool p9_exports_is_table(const p9_exports *x, const spin_fs *fs);

/* A qid path: the inode number with the export id in its top byte. */
uint64_t p9_exports_qid_path(uint64_t ino, uint8_t export_id);

#endif
