/*
 * memfs: the spin_fs operations of the in-memory tree (see memfs.h). Nodes, content
 * and accounting live in memfs_node.c, directory tables in memfs_dir.c, xattrs in
 * memfs_xattr.c and clones in memfs_clone.c; this file holds the rules of each call.
 *
 * memfs checks no permissions: the guest kernel does (the 9P server passes who asks
 * as the owner of new nodes only). Every name is checked; every change is refused with
 * -SPIN_EROFS on a read-only tree.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strnlen, clock_gettime */
#include "fs/memfs_internal.h"

#include <stdlib.h>
#include <string.h>

#define SYMLINK_MAX 4095 /* PATH_MAX - 1, as Linux */
#define LINK_MAX 65000   /* as ext4 */
#define TMPFS_MAGIC 0x01021994u
#define BLOCK_SIZE 4096u

static memfs_node *N(spin_fs_node *node) { return (memfs_node *)node; }

static int check_name(const char *name) {
    if (strnlen(name, SPIN_FS_NAME_MAX + 1) > SPIN_FS_NAME_MAX) return -SPIN_ENAMETOOLONG;
    return spin_fs_name_valid(name) ? 0 : -SPIN_EINVAL;
}

/* A directory that can still hold entries (not removed). */
static int check_dir(const memfs_node *dir) {
    if (!memfs_is_dir(dir)) return -SPIN_ENOTDIR;
    return dir->links ? 0 : -SPIN_ENOENT;
}

static int fs_root(spin_fs *fs, spin_fs_node **out) {
    memfs *m = memfs_of(fs);
    m->root->refs++;
    *out = (spin_fs_node *)m->root;
    return 0;
}

static int fs_lookup(spin_fs *fs, spin_fs_node *dirh, const char *name, spin_fs_node **out) {
    (void)fs;
    memfs_node *dir = N(dirh);
    int err = check_dir(dir);
    if (!err) err = check_name(name);
    if (err) return err;
    memfs_dirent *e = memfs_dir_find(&dir->u.dir, name);
    if (!e) return -SPIN_ENOENT;
    e->node->refs++;
    *out = (spin_fs_node *)e->node;
    return 0;
}

static void fs_ref(spin_fs *fs, spin_fs_node *node) {
    (void)fs;
    N(node)->refs++;
}

static void fs_unref(spin_fs *fs, spin_fs_node *node) {
    memfs_node *n = N(node);
    if (n->refs) n->refs--;
    memfs_node_maybe_free(memfs_of(fs), n);
}

static int fs_getattr(spin_fs *fs, spin_fs_node *node, spin_fs_attr *out) {
    (void)fs;
    memfs_node *n = N(node);
    memset(out, 0, sizeof *out);
    out->ino = n->ino;
    out->version = n->version;
    out->mode = n->mode;
    out->uid = n->uid;
    out->gid = n->gid;
    if (memfs_is_dir(n)) out->nlink = n->links ? 2 + n->u.dir.subdirs : 0;
    else out->nlink = n->links;
    out->rdev = n->rdev;
    if (memfs_is_reg(n)) out->size = n->u.file.size;
    else if (memfs_is_lnk(n)) out->size = n->u.link.len;
    else if (memfs_is_dir(n)) out->size = BLOCK_SIZE;
    if (memfs_is_reg(n) && n->u.file.blob) {
        uint64_t held = n->u.file.blob->capacity;
        if (held > n->u.file.size) held = n->u.file.size;
        out->blocks = (held + 511) / 512;
    }
    out->blksize = BLOCK_SIZE;
    out->atime = n->atime;
    out->mtime = n->mtime;
    out->ctime = n->ctime;
    return 0;
}

static int fs_setattr(spin_fs *fs, spin_fs_node *node, const spin_fs_setattr *attr) {
    memfs *m = memfs_of(fs);
    memfs_node *n = N(node);
    if (fs->read_only) return -SPIN_EROFS;
    if (attr->valid & SPIN_FS_SET_SIZE) {
        if (memfs_is_dir(n)) return -SPIN_EISDIR;
        if (!memfs_is_reg(n)) return -SPIN_EINVAL;
        int err = memfs_file_truncate(m, n, attr->size);
        if (err) return err;
        memfs_touch(m, n, true);
    }
    if (attr->valid & SPIN_FS_SET_MODE) n->mode = (n->mode & SPIN_S_IFMT) | (attr->mode & 07777);
    if (attr->valid & SPIN_FS_SET_UID) n->uid = attr->uid;
    if (attr->valid & SPIN_FS_SET_GID) n->gid = attr->gid;
    spin_fs_time now = memfs_now(m);
    if (attr->valid & SPIN_FS_SET_ATIME)
        n->atime = (attr->valid & SPIN_FS_SET_ATIME_SET) ? attr->atime : now;
    if (attr->valid & SPIN_FS_SET_MTIME)
        n->mtime = (attr->valid & SPIN_FS_SET_MTIME_SET) ? attr->mtime : now;
    if (attr->valid) n->ctime = now;
    return 0;
}

static int fs_open(spin_fs *fs, spin_fs_node *node, uint32_t flags, spin_fs_file **out) {
    memfs *m = memfs_of(fs);
    memfs_node *n = N(node);
    uint32_t access = flags & SPIN_O_ACCMODE;
    if (access == SPIN_O_ACCMODE) return -SPIN_EINVAL;
    bool writing = access != SPIN_O_RDONLY;
    if ((flags & SPIN_O_DIRECTORY) && !memfs_is_dir(n)) return -SPIN_ENOTDIR;
    if (memfs_is_dir(n) && (writing || (flags & SPIN_O_TRUNC))) return -SPIN_EISDIR;
    if (memfs_is_lnk(n)) return -SPIN_ELOOP;
    if (!memfs_is_dir(n) && !memfs_is_reg(n)) return -SPIN_EOPNOTSUPP; /* the guest's business */
    if ((writing || (flags & SPIN_O_TRUNC)) && fs->read_only) return -SPIN_EROFS;
    spin_fs_file *file = malloc(sizeof *file);
    if (!file) return -SPIN_ENOMEM;
    if (writing && (flags & SPIN_O_TRUNC) && n->u.file.size) {
        int err = memfs_file_truncate(m, n, 0);
        if (err) {
            free(file);
            return err;
        }
        memfs_touch(m, n, true);
    }
    file->node = n;
    file->flags = flags;
    n->refs++;
    *out = file;
    return 0;
}

static int64_t fs_read(spin_fs *fs, spin_fs_file *file, uint64_t offset, void *buf,
                       size_t len) {
    (void)fs;
    memfs_node *n = file->node;
    if (memfs_is_dir(n)) return -SPIN_EISDIR;
    if ((file->flags & SPIN_O_ACCMODE) == SPIN_O_WRONLY) return -SPIN_EBADF;
    uint64_t size = n->u.file.size;
    if (offset >= size) return 0;
    uint64_t count = size - offset;
    if (count > len) count = len;
    if (count > INT64_MAX) count = INT64_MAX;
    memfs_blob *blob = n->u.file.blob;
    uint64_t stored = 0; /* bytes of the range the blob holds; the rest reads as zeros */
    if (blob && offset < blob->capacity) {
        stored = blob->capacity - offset;
        if (stored > count) stored = count;
        memcpy(buf, blob->bytes + offset, (size_t)stored);
    }
    memset((unsigned char *)buf + stored, 0, (size_t)(count - stored));
    return (int64_t)count;
}

static int64_t fs_write(spin_fs *fs, spin_fs_file *file, uint64_t offset, const void *buf,
                        size_t len) {
    memfs *m = memfs_of(fs);
    memfs_node *n = file->node;
    if ((file->flags & SPIN_O_ACCMODE) == SPIN_O_RDONLY) return -SPIN_EBADF;
    if (fs->read_only) return -SPIN_EROFS;
    if (!memfs_is_reg(n)) return -SPIN_EISDIR;
    if (file->flags & SPIN_O_APPEND) offset = n->u.file.size;
    if (len == 0) return 0;
    if ((uint64_t)len > INT64_MAX || offset > UINT64_MAX - len) return -SPIN_EFBIG;
    uint64_t end = offset + len, size = n->u.file.size;
    uint64_t growth = end > size ? end - size : 0;
    int err = memfs_charge(m, (int64_t)growth);
    if (err) return err;
    if ((err = memfs_file_reserve(m, n, end))) {
        memfs_charge(m, -(int64_t)growth);
        return err;
    }
    memcpy(n->u.file.blob->bytes + offset, buf, len);
    if (end > size) n->u.file.size = end;
    memfs_touch(m, n, true);
    return (int64_t)len;
}

static int fs_readdir(spin_fs *fs, spin_fs_file *file, uint64_t offset, spin_fs_emit_fn emit,
                      void *ctx) {
    (void)fs;
    memfs_node *dir = file->node;
    if (!memfs_is_dir(dir)) return -SPIN_ENOTDIR;
    spin_fs_dirent d;
    if (offset < 1) {
        d = (spin_fs_dirent){dir->ino, SPIN_DT_FROM_MODE(SPIN_S_IFDIR), 1, "."};
        if (emit(ctx, &d)) return 0;
    }
    if (offset < 2) {
        d = (spin_fs_dirent){dir->parent->ino, SPIN_DT_FROM_MODE(SPIN_S_IFDIR), 2, ".."};
        if (emit(ctx, &d)) return 0;
    }
    uint64_t after = offset < 2 ? 2 : offset;
    memfs_dirent *e;
    while ((e = memfs_dir_next(&dir->u.dir, after))) {
        d = (spin_fs_dirent){e->node->ino, SPIN_DT_FROM_MODE(e->node->mode), e->cookie, e->name};
        if (emit(ctx, &d)) return 0;
        after = e->cookie; /* looked up afresh each time: emit may not hold on to e */
    }
    return 0;
}

static int fs_fsync(spin_fs *fs, spin_fs_file *file) {
    (void)fs;
    (void)file;
    return 0;
}

static void fs_close(spin_fs *fs, spin_fs_file *file) {
    memfs_node *n = file->node;
    free(file);
    fs_unref(fs, (spin_fs_node *)n);
}

/* Checks that name can be added to dir and makes room for it. */
static int prepare_entry(spin_fs *fs, memfs_node *dir, const char *name) {
    if (fs->read_only) return -SPIN_EROFS;
    int err = check_dir(dir);
    if (!err) err = check_name(name);
    if (err) return err;
    if (memfs_dir_find(&dir->u.dir, name)) return -SPIN_EEXIST;
    return memfs_dir_reserve(&dir->u.dir);
}

/* Names node in dir (prepared by prepare_entry); on failure frees a node nothing holds. */
static int add_entry(memfs *m, memfs_node *dir, const char *name, memfs_node *node) {
    int err = memfs_dir_insert(&dir->u.dir, name, node);
    if (err) {
        memfs_node_maybe_free(m, node);
        return err;
    }
    node->links++;
    if (memfs_is_dir(node)) node->parent = dir;
    memfs_touch(m, dir, true);
    return 0;
}

static void give_node(memfs_node *node, spin_fs_node **out) {
    if (!out) return;
    node->refs++;
    *out = (spin_fs_node *)node;
}

static int fs_create(spin_fs *fs, spin_fs_node *dirh, const char *name, uint32_t flags,
                     uint32_t mode, spin_fs_owner owner, spin_fs_node **node_out,
                     spin_fs_file **file_out) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh), *node;
    uint32_t access = flags & SPIN_O_ACCMODE;
    if (access == SPIN_O_ACCMODE) return -SPIN_EINVAL;
    int err = prepare_entry(fs, dir, name);
    if (err) return err;
    spin_fs_file *file = NULL;
    if (file_out && !(file = malloc(sizeof *file))) return -SPIN_ENOMEM;
    if ((err = memfs_node_new(m, SPIN_S_IFREG | (mode & 07777), owner, &node)) ||
        (err = add_entry(m, dir, name, node))) {
        free(file);
        return err;
    }
    if (file) {
        file->node = node;
        file->flags = flags & ~(uint32_t)SPIN_O_TRUNC;
        node->refs++;
        *file_out = file;
    }
    give_node(node, node_out);
    return 0;
}

static int fs_mkdir(spin_fs *fs, spin_fs_node *dirh, const char *name, uint32_t mode,
                    spin_fs_owner owner, spin_fs_node **out) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh), *node;
    int err = prepare_entry(fs, dir, name);
    if (!err) err = memfs_node_new(m, SPIN_S_IFDIR | (mode & 07777), owner, &node);
    if (!err) err = add_entry(m, dir, name, node);
    if (!err) give_node(node, out);
    return err;
}

static int fs_symlink(spin_fs *fs, spin_fs_node *dirh, const char *name, const char *target,
                      spin_fs_owner owner, spin_fs_node **out) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh), *node;
    size_t len = strnlen(target, SYMLINK_MAX + 1);
    if (len == 0) return -SPIN_ENOENT;
    if (len > SYMLINK_MAX) return -SPIN_ENAMETOOLONG;
    int err = prepare_entry(fs, dir, name);
    if (err) return err;
    char *copy = malloc(len + 1);
    if (!copy) return -SPIN_ENOMEM;
    memcpy(copy, target, len + 1);
    if ((err = memfs_charge(m, (int64_t)len))) {
        free(copy);
        return err;
    }
    if ((err = memfs_node_new(m, SPIN_S_IFLNK | 0777, owner, &node))) {
        memfs_charge(m, -(int64_t)len);
        free(copy);
        return err;
    }
    node->u.link.target = copy;
    node->u.link.len = len;
    if (!(err = add_entry(m, dir, name, node))) give_node(node, out);
    return err;
}

static int fs_mknod(spin_fs *fs, spin_fs_node *dirh, const char *name, uint32_t mode,
                    uint64_t rdev, spin_fs_owner owner, spin_fs_node **out) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh), *node;
    uint32_t type = mode & SPIN_S_IFMT;
    if (type == 0) type = SPIN_S_IFREG;
    if (type != SPIN_S_IFREG && type != SPIN_S_IFCHR && type != SPIN_S_IFBLK &&
        type != SPIN_S_IFIFO && type != SPIN_S_IFSOCK)
        return -SPIN_EINVAL;
    int err = prepare_entry(fs, dir, name);
    if (!err) err = memfs_node_new(m, type | (mode & 07777), owner, &node);
    if (err) return err;
    if (type == SPIN_S_IFCHR || type == SPIN_S_IFBLK) node->rdev = rdev;
    if (!(err = add_entry(m, dir, name, node))) give_node(node, out);
    return err;
}

static int fs_link(spin_fs *fs, spin_fs_node *dirh, const char *name, spin_fs_node *target) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh), *node = N(target);
    if (fs->read_only) return -SPIN_EROFS;
    if (memfs_is_dir(node)) return -SPIN_EPERM;
    if (node->links == 0) return -SPIN_ENOENT;
    if (node->links >= LINK_MAX) return -SPIN_EMLINK;
    int err = prepare_entry(fs, dir, name);
    if (!err) err = memfs_dir_insert(&dir->u.dir, name, node);
    if (err) return err;
    node->links++;
    memfs_touch(m, node, false);
    memfs_touch(m, dir, true);
    return 0;
}

static int64_t fs_readlink(spin_fs *fs, spin_fs_node *node, char *buf, size_t len) {
    (void)fs;
    memfs_node *n = N(node);
    if (!memfs_is_lnk(n)) return -SPIN_EINVAL;
    if (len < n->u.link.len) return -SPIN_ERANGE;
    memcpy(buf, n->u.link.target, n->u.link.len);
    return (int64_t)n->u.link.len;
}

/* Drops the entry naming node (the caller checked the rules) and maybe the node. */
static void drop_entry(memfs *m, memfs_node *dir, memfs_dirent *e) {
    memfs_node *node = e->node;
    memfs_dir_remove(&dir->u.dir, e);
    node->links--;
    if (memfs_is_dir(node)) {
        node->links = 0;
        node->parent = node; /* ".." of a removed directory: itself, never a freed parent */
    }
    memfs_touch(m, dir, true);
    memfs_touch(m, node, false);
    memfs_node_maybe_free(m, node);
}

static int fs_unlink(spin_fs *fs, spin_fs_node *dirh, const char *name, bool remove_dir) {
    memfs *m = memfs_of(fs);
    memfs_node *dir = N(dirh);
    if (fs->read_only) return -SPIN_EROFS;
    int err = check_dir(dir);
    if (!err) err = check_name(name);
    if (err) return err;
    memfs_dirent *e = memfs_dir_find(&dir->u.dir, name);
    if (!e) return -SPIN_ENOENT;
    if (remove_dir) {
        if (!memfs_is_dir(e->node)) return -SPIN_ENOTDIR;
        if (e->node->u.dir.live) return -SPIN_ENOTEMPTY;
    } else if (memfs_is_dir(e->node)) {
        return -SPIN_EISDIR;
    }
    drop_entry(m, dir, e);
    return 0;
}

static int fs_rename(spin_fs *fs, spin_fs_node *old_dirh, const char *old_name,
                     spin_fs_node *new_dirh, const char *new_name) {
    memfs *m = memfs_of(fs);
    memfs_node *old_dir = N(old_dirh), *new_dir = N(new_dirh);
    if (fs->read_only) return -SPIN_EROFS;
    int err = check_dir(old_dir);
    if (!err) err = check_dir(new_dir);
    if (!err) err = check_name(old_name);
    if (!err) err = check_name(new_name);
    if (err) return err;
    memfs_dirent *src = memfs_dir_find(&old_dir->u.dir, old_name);
    if (!src) return -SPIN_ENOENT;
    memfs_node *moving = src->node;
    memfs_dirent *dst = memfs_dir_find(&new_dir->u.dir, new_name);
    if (dst && dst->node == moving) return 0; /* the same file: rename(2) does nothing */
    if (memfs_is_dir(moving)) {
        /* Not into itself or its own subtree. */
        for (memfs_node *p = new_dir;; p = p->parent) {
            if (p == moving) return -SPIN_EINVAL;
            if (p->parent == p) break;
        }
    }
    if (dst) {
        memfs_node *victim = dst->node;
        if (memfs_is_dir(moving) && !memfs_is_dir(victim)) return -SPIN_ENOTDIR;
        if (!memfs_is_dir(moving) && memfs_is_dir(victim)) return -SPIN_EISDIR;
        if (memfs_is_dir(victim) && victim->u.dir.live) return -SPIN_ENOTEMPTY;
        /* Take over the victim's entry: nothing can fail from here. */
        dst->node = moving;
        moving->links++;
        victim->links--;
        if (memfs_is_dir(victim)) {
            victim->links = 0;
            victim->parent = victim;
        }
        memfs_touch(m, victim, false);
        memfs_node_maybe_free(m, victim);
    } else {
        if ((err = memfs_dir_insert(&new_dir->u.dir, new_name, moving))) return err;
        moving->links++;
        src = memfs_dir_find(&old_dir->u.dir, old_name); /* the insert may have moved it */
    }
    if (memfs_is_dir(moving)) moving->parent = new_dir;
    memfs_dir_remove(&old_dir->u.dir, src);
    moving->links--;
    memfs_touch(m, old_dir, true);
    memfs_touch(m, new_dir, true);
    memfs_touch(m, moving, false);
    return 0;
}

static int fs_statfs(spin_fs *fs, spin_fs_statfs *out) {
    memfs *m = memfs_of(fs);
    /* An unlimited tree reports its usage plus 1 GiB free, so tools see sane numbers. */
    uint64_t total = m->opts.max_bytes ? m->opts.max_bytes : m->bytes + (1ull << 30);
    uint64_t files = m->opts.max_nodes ? m->opts.max_nodes : m->nodes + (1ull << 20);
    memset(out, 0, sizeof *out);
    out->type = TMPFS_MAGIC;
    out->bsize = BLOCK_SIZE;
    out->blocks = total / BLOCK_SIZE;
    out->bfree = out->bavail = (total - (m->bytes < total ? m->bytes : total)) / BLOCK_SIZE;
    out->files = files;
    out->ffree = files - (m->nodes < files ? m->nodes : files);
    out->fsid = (uint64_t)(uintptr_t)m;
    out->namelen = SPIN_FS_NAME_MAX;
    return 0;
}

static void fs_destroy(spin_fs *fs) {
    memfs *m = memfs_of(fs);
    while (m->all) memfs_node_free(m, m->all);
    free(m);
}

const spin_fs_ops memfs_ops = {
    .root = fs_root,
    .lookup = fs_lookup,
    .ref = fs_ref,
    .unref = fs_unref,
    .getattr = fs_getattr,
    .setattr = fs_setattr,
    .open = fs_open,
    .read = fs_read,
    .write = fs_write,
    .readdir = fs_readdir,
    .fsync = fs_fsync,
    .close = fs_close,
    .create = fs_create,
    .mkdir = fs_mkdir,
    .symlink = fs_symlink,
    .mknod = fs_mknod,
    .link = fs_link,
    .readlink = fs_readlink,
    .unlink = fs_unlink,
    .rename = fs_rename,
    .statfs = fs_statfs,
    .getxattr = memfs_getxattr,
    .listxattr = memfs_listxattr,
    .setxattr = memfs_setxattr,
    .removexattr = memfs_removexattr,
    .destroy = fs_destroy,
};

int memfs_new_tree(const memfs_options *opts, memfs **out) {
    memfs *m = calloc(1, sizeof *m);
    if (!m) return -SPIN_ENOMEM;
    if (opts) m->opts = *opts;
    m->base.ops = &memfs_ops;
    m->base.read_only = m->opts.read_only;
    m->next_ino = 1;
    *out = m;
    return 0;
}

int memfs_create(const memfs_options *opts, spin_fs **out) {
    memfs *m;
    int err = memfs_new_tree(opts, &m);
    if (err) return err;
    memfs_node *root;
    if ((err = memfs_node_new(m, SPIN_S_IFDIR | 0755, (spin_fs_owner){0, 0}, &root))) {
        free(m);
        return err;
    }
    root->links = 1;
    root->parent = root;
    m->root = root;
    *out = &m->base;
    return 0;
}

bool memfs_is(const spin_fs *fs) { return fs && fs->ops == &memfs_ops; }

void memfs_get_usage(const spin_fs *fs, memfs_usage *out) {
    const memfs *m = (const memfs *)fs;
    out->bytes = m->bytes;
    out->nodes = m->nodes;
}
