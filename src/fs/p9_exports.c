/* The 9P server's exports and the directory listing them. See p9_exports.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/p9_exports.h"

#include <stdlib.h>
#include <string.h>

static p9_exports *X(spin_fs *fs) { return (p9_exports *)fs; }

static const char *entry_name(const p9_export *e) {
    return e->aname[0] ? e->aname : P9_EXPORTS_ROOT_NAME;
}

uint64_t p9_exports_qid_path(uint64_t ino, uint8_t export_id) {
    return ino ^ ((uint64_t)export_id << 56);
}

/* ---- the export directory as a tree: one node, listing, everything else refused ---- */

static struct spin_fs_node { int unused; } table_node;
static struct spin_fs_file { int unused; } table_file;

static int t_root(spin_fs *fs, spin_fs_node **out) {
    (void)fs;
    *out = &table_node;
    return 0;
}
static int t_lookup(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node **out) {
    (void)fs, (void)dir, (void)name, (void)out;
    return -SPIN_ENOENT; /* the server walks into exports itself */
}
static void t_ref(spin_fs *fs, spin_fs_node *node) { (void)fs, (void)node; }
static int t_getattr(spin_fs *fs, spin_fs_node *node, spin_fs_attr *out) {
    (void)node;
    memset(out, 0, sizeof *out);
    out->ino = 1;
    out->mode = SPIN_S_IFDIR | 0555;
    out->nlink = 2 + X(fs)->count;
    out->blksize = 4096;
    return 0;
}
static int t_setattr(spin_fs *fs, spin_fs_node *node, const spin_fs_setattr *attr) {
    (void)fs, (void)node, (void)attr;
    return -SPIN_EROFS;
}
static int t_open(spin_fs *fs, spin_fs_node *node, uint32_t flags, spin_fs_file **out) {
    (void)fs, (void)node;
    if ((flags & SPIN_O_ACCMODE) != SPIN_O_RDONLY || (flags & SPIN_O_TRUNC)) return -SPIN_EISDIR;
    *out = &table_file;
    return 0;
}
static int64_t t_read(spin_fs *fs, spin_fs_file *file, uint64_t offset, void *buf, size_t len) {
    (void)fs, (void)file, (void)offset, (void)buf, (void)len;
    return -SPIN_EISDIR;
}
static int64_t t_write(spin_fs *fs, spin_fs_file *file, uint64_t offset, const void *buf,
                       size_t len) {
    (void)fs, (void)file, (void)offset, (void)buf, (void)len;
    return -SPIN_EISDIR;
}
/* Offsets: 0 ".", 1 "..", 2 + i export i. */
static int t_readdir(spin_fs *fs, spin_fs_file *dir, uint64_t offset, spin_fs_emit_fn emit,
                     void *ctx) {
    (void)dir;
    p9_exports *x = X(fs);
    for (uint64_t i = offset; i < 2 + x->count; i++) {
        spin_fs_dirent d = {.ino = 1, .type = SPIN_DT_FROM_MODE(SPIN_S_IFDIR), .next_offset = i + 1};
        if (i < 2) {
            d.name = i == 0 ? "." : "..";
        } else {
            const p9_export *e = &x->list[i - 2];
            spin_fs_attr a;
            spin_fs_node *root;
            if (e->fs->ops->root(e->fs, &root) == 0) {
                if (e->fs->ops->getattr(e->fs, root, &a) == 0)
                    d.ino = p9_exports_qid_path(a.ino, (uint8_t)(i - 2));
                e->fs->ops->unref(e->fs, root);
            }
            d.name = entry_name(e);
        }
        if (emit(ctx, &d)) break;
    }
    return 0;
}
static int t_fsync(spin_fs *fs, spin_fs_file *file) {
    (void)fs, (void)file;
    return 0;
}
static void t_close(spin_fs *fs, spin_fs_file *file) { (void)fs, (void)file; }
static int t_create(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t flags, uint32_t mode,
                    spin_fs_owner owner, spin_fs_node **node, spin_fs_file **file) {
    (void)fs, (void)dir, (void)name, (void)flags, (void)mode, (void)owner, (void)node, (void)file;
    return -SPIN_EROFS;
}
static int t_mkdir(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode,
                   spin_fs_owner owner, spin_fs_node **out) {
    (void)fs, (void)dir, (void)name, (void)mode, (void)owner, (void)out;
    return -SPIN_EROFS;
}
static int t_symlink(spin_fs *fs, spin_fs_node *dir, const char *name, const char *target,
                     spin_fs_owner owner, spin_fs_node **out) {
    (void)fs, (void)dir, (void)name, (void)target, (void)owner, (void)out;
    return -SPIN_EROFS;
}
static int t_mknod(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode, uint64_t rdev,
                   spin_fs_owner owner, spin_fs_node **out) {
    (void)fs, (void)dir, (void)name, (void)mode, (void)rdev, (void)owner, (void)out;
    return -SPIN_EROFS;
}
static int t_link(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node *node) {
    (void)fs, (void)dir, (void)name, (void)node;
    return -SPIN_EROFS;
}
static int64_t t_readlink(spin_fs *fs, spin_fs_node *node, char *buf, size_t len) {
    (void)fs, (void)node, (void)buf, (void)len;
    return -SPIN_EINVAL;
}
static int t_unlink(spin_fs *fs, spin_fs_node *dir, const char *name, bool remove_dir) {
    (void)fs, (void)dir, (void)name, (void)remove_dir;
    return -SPIN_EROFS;
}
static int t_rename(spin_fs *fs, spin_fs_node *old_dir, const char *old_name,
                    spin_fs_node *new_dir, const char *new_name) {
    (void)fs, (void)old_dir, (void)old_name, (void)new_dir, (void)new_name;
    return -SPIN_EROFS;
}
static int t_statfs(spin_fs *fs, spin_fs_statfs *out) {
    (void)fs;
    memset(out, 0, sizeof *out);
    out->type = 0x01021997; /* V9FS_MAGIC */
    out->bsize = 4096;
    out->namelen = SPIN_FS_NAME_MAX;
    return 0;
}
static void t_destroy(spin_fs *fs) { (void)fs; }

static const spin_fs_ops table_ops = {
    t_root, t_lookup, t_ref, t_ref, t_getattr, t_setattr, t_open, t_read, t_write, t_readdir,
    t_fsync, t_close, t_create, t_mkdir, t_symlink, t_mknod, t_link, t_readlink, t_unlink,
    t_rename, t_statfs, NULL, NULL, NULL, NULL, t_destroy,
};

/* ---- the list ---------------------------------------------------------------------- */

void p9_exports_init(p9_exports *x) {
    memset(x, 0, sizeof *x);
    x->table.ops = &table_ops;
    x->table.read_only = true;
}

void p9_exports_destroy(p9_exports *x, p9_tables *t) {
    for (size_t i = 0; i < x->count; i++) {
        if (x->list[i].root) p9_path_unref(t, x->list[i].root);
        free(x->list[i].aname);
    }
    if (x->table_root) p9_path_unref(t, x->table_root);
    memset(x, 0, sizeof *x);
}

int p9_exports_add(p9_exports *x, const char *aname, spin_fs *fs) {
    if (!aname || !fs || x->count >= P9_EXPORTS_MAX) return -1;
    if (aname[0] && (!spin_fs_name_valid(aname) || !strcmp(aname, P9_EXPORTS_ROOT_NAME))) return -1;
    if (p9_exports_by_aname(x, aname)) return -1;
    char *copy = strdup(aname);
    if (!copy) return -1;
    x->list[x->count++] = (p9_export){copy, fs, NULL};
    return 0;
}

p9_export *p9_exports_by_aname(p9_exports *x, const char *aname) {
    for (size_t i = 0; i < x->count; i++)
        if (!strcmp(x->list[i].aname, aname)) return &x->list[i];
    return NULL;
}

p9_export *p9_exports_by_entry(p9_exports *x, const char *name) {
    for (size_t i = 0; i < x->count; i++)
        if (!strcmp(entry_name(&x->list[i]), name)) return &x->list[i];
    return NULL;
}

bool p9_exports_is_table(const p9_exports *x, const spin_fs *fs) { return fs == &x->table; }

int p9_exports_root(p9_exports *x, p9_export *e, p9_path **out) {
    p9_path **slot = e ? &e->root : &x->table_root;
    if (!*slot) {
        spin_fs *fs = e ? e->fs : &x->table;
        spin_fs_node *node;
        int r = fs->ops->root(fs, &node);
        if (r) return r;
        spin_fs_attr a;
        memset(&a, 0, sizeof a);
        if ((r = fs->ops->getattr(fs, node, &a))) {
            fs->ops->unref(fs, node);
            return r;
        }
        uint8_t id = e ? (uint8_t)(e - x->list) : P9_EXPORTS_TABLE_ID;
        if (!(*slot = p9_path_new_root(fs, node, a.ino, id))) return -SPIN_ENOMEM;
    }
    p9_path_ref(*slot);
    *out = *slot;
    return 0;
}
