/* 9P handlers that make, read or remove names, and the lock and extended attribute
 * requests: Tmkdir, Tsymlink, Tmknod, Tlink, Treadlink, Tunlinkat, Tremove, Trename,
 * Trenameat, Tlock, Tgetlock, Txattrwalk, Txattrcreate. See p9_call.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdlib.h>
#include <string.h>

#include "fs/p9_call.h"

/* ---- making and removing names --------------------------------------------------------- */

/* Puts the qid of a node just made in dir and drops the reference. */
static int reply_new_node(p9_call *c, const p9_path *dir, spin_fs_node *node) {
    spin_fs_attr a;
    int r = node_attr(dir->fs, node, &a);
    dir->fs->ops->unref(dir->fs, node);
    if (r) return r;
    p9_qid q = qid_of(&a, dir);
    p9_put_qid(&c->out, &q);
    return 0;
}

/* The directory fid of a request that adds or removes a name in it. */
static int dir_for_change(p9_fid *d, const char *name) {
    if (!plain(d)) return -SPIN_EBADF;
    if (!spin_fs_name_valid(name)) return -SPIN_EINVAL;
    return fs_read_only(d->path->fs) ? -SPIN_EROFS : 0;
}

int p9_op_mkdir(p9_call *c) {
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint32_t mode = p9_get_u32(&c->in), gid = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    spin_fs *fs = d->path->fs;
    spin_fs_node *node;
    spin_fs_owner owner = {d->uid, gid};
    if ((r = fs->ops->mkdir(fs, d->path->node, name, mode & 07777u, owner, &node))) return r;
    return reply_new_node(c, d->path, node);
}

int p9_op_symlink(p9_call *c) {
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    size_t target_len;
    const char *target = p9_get_str(&c->in, &target_len);
    uint32_t gid = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    if (target_len == 0) return -SPIN_ENOENT;
    if (target_len >= LINK_MAX_TARGET) return -SPIN_ENAMETOOLONG;
    spin_fs *fs = d->path->fs;
    spin_fs_node *node;
    spin_fs_owner owner = {d->uid, gid};
    if ((r = fs->ops->symlink(fs, d->path->node, name, target, owner, &node))) return r;
    return reply_new_node(c, d->path, node);
}

int p9_op_mknod(p9_call *c) {
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint32_t mode = p9_get_u32(&c->in);
    uint32_t major = p9_get_u32(&c->in), minor = p9_get_u32(&c->in);
    uint32_t gid = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    uint32_t type = mode & SPIN_S_IFMT;
    if (type != SPIN_S_IFCHR && type != SPIN_S_IFBLK && type != SPIN_S_IFIFO &&
        type != SPIN_S_IFSOCK && type != SPIN_S_IFREG)
        return -SPIN_EINVAL;
    /* Linux's new_encode_dev */
    uint64_t rdev = (minor & 0xffu) | ((uint64_t)(major & 0xfffu) << 8) |
                    ((uint64_t)(minor & ~0xffu) << 12);
    spin_fs *fs = d->path->fs;
    spin_fs_node *node;
    spin_fs_owner owner = {d->uid, gid};
    if ((r = fs->ops->mknod(fs, d->path->node, name, type | (mode & 07777u), rdev, owner, &node)))
        return r;
    return reply_new_node(c, d->path, node);
}

int p9_op_link(p9_call *c) {
    p9_fid *d = get_fid(c);
    p9_fid *f = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    if (!f) return -SPIN_EBADF;
    if (f->path->fs != d->path->fs) return -SPIN_EXDEV;
    if (is_dir(f->path->fs, f->path->node)) return -SPIN_EPERM;
    return d->path->fs->ops->link(d->path->fs, d->path->node, name, f->path->node);
}

int p9_op_readlink(p9_call *c) {
    p9_fid *f = get_fid(c);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(f)) return -SPIN_EBADF;
    char buf[LINK_MAX_TARGET];
    int64_t n = f->path->fs->ops->readlink(f->path->fs, f->path->node, buf, sizeof buf);
    if (n < 0) return (int)n;
    if ((uint64_t)n > sizeof buf) return -SPIN_EIO;
    p9_put_str(&c->out, buf, (size_t)n);
    return 0;
}

/* Removes name from directory path dir and forgets the place it named. */
static int unlink_name(spin_p9_server *s, p9_path *dir, const char *name, bool remove_dir) {
    int r = dir->fs->ops->unlink(dir->fs, dir->node, name, remove_dir);
    if (r) return r;
    p9_path *gone = p9_path_find(&s->tables, dir, name);
    if (gone) p9_path_forget(&s->tables, gone);
    return 0;
}

int p9_op_unlinkat(p9_call *c) {
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint32_t flags = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    if (flags & ~P9_AT_REMOVEDIR) return -SPIN_EINVAL;
    return unlink_name(c->s, d->path, name, (flags & P9_AT_REMOVEDIR) != 0);
}

int p9_op_remove(p9_call *c) {
    p9_fid *f = get_fid(c);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    p9_path *p = f->path;
    int r;
    if (!p->parent) r = -SPIN_EBUSY;
    else if (fs_read_only(p->fs)) r = -SPIN_EROFS;
    else if (!p->hashed) r = -SPIN_ENOENT; /* already unlinked or replaced */
    else r = unlink_name(c->s, p->parent, p->name, is_dir(p->fs, p->node));
    p9_drop_fid(c->s, f); /* Tremove clunks the fid whatever the outcome */
    return r;
}

/* Renames old_name in old_dir to new_name in new_dir, keeping the server's paths true. */
static int rename_name(spin_p9_server *s, p9_path *old_dir, const char *old_name,
                       p9_path *new_dir, const char *new_name) {
    if (old_dir->fs != new_dir->fs) return -SPIN_EXDEV;
    if (fs_read_only(old_dir->fs)) return -SPIN_EROFS;
    if (!spin_fs_name_valid(old_name) || !spin_fs_name_valid(new_name)) return -SPIN_EINVAL;
    p9_path *moving = p9_path_find(&s->tables, old_dir, old_name);
    /* A directory cannot move below itself (the backend refuses too; our paths must never
     * form a loop whatever the backend says). */
    if (moving && p9_path_within(new_dir, moving)) return -SPIN_EINVAL;
    int r = old_dir->fs->ops->rename(old_dir->fs, old_dir->node, old_name, new_dir->node, new_name);
    if (r) return r;
    if (old_dir == new_dir && !strcmp(old_name, new_name)) return 0;
    p9_path *replaced = p9_path_find(&s->tables, new_dir, new_name);
    if (replaced) p9_path_forget(&s->tables, replaced);
    if (moving && p9_path_move(&s->tables, moving, new_dir, new_name)) p9_path_forget(&s->tables, moving);
    return 0;
}

int p9_op_rename(p9_call *c) {
    p9_fid *f = get_fid(c);
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f || !plain(d)) return -SPIN_EBADF;
    p9_path *p = f->path;
    if (!p->parent) return -SPIN_EBUSY;
    if (!p->hashed) return -SPIN_ENOENT;
    return rename_name(c->s, p->parent, p->name, d->path, name);
}

int p9_op_renameat(p9_call *c) {
    p9_fid *od = get_fid(c);
    const char *old_name = p9_get_str(&c->in, NULL);
    p9_fid *nd = get_fid(c);
    const char *new_name = p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(od) || !plain(nd)) return -SPIN_EBADF;
    return rename_name(c->s, od->path, old_name, nd->path, new_name);
}

/* ---- locks and extended attributes ----------------------------------------------------- */

/* One container per tree, so advisory locks between its own processes are the guest
 * kernel's business: every lock is granted. */
int p9_op_lock(p9_call *c) {
    p9_fid *f = get_fid(c);
    p9_get_u8(&c->in);  /* type */
    p9_get_u32(&c->in); /* flags */
    p9_get_u64(&c->in); /* start */
    p9_get_u64(&c->in); /* length */
    p9_get_u32(&c->in); /* proc_id */
    p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    p9_put_u8(&c->out, P9_LOCK_SUCCESS);
    return 0;
}

int p9_op_getlock(p9_call *c) {
    p9_fid *f = get_fid(c);
    p9_get_u8(&c->in);
    uint64_t start = p9_get_u64(&c->in), length = p9_get_u64(&c->in);
    uint32_t proc_id = p9_get_u32(&c->in);
    size_t id_len;
    const char *client_id = p9_get_str(&c->in, &id_len);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    p9_put_u8(&c->out, P9_LOCK_TYPE_UNLCK); /* nothing would conflict */
    p9_put_u64(&c->out, start);
    p9_put_u64(&c->out, length);
    p9_put_u32(&c->out, proc_id);
    p9_put_str(&c->out, client_id, id_len);
    return 0;
}

int p9_op_xattrwalk(p9_call *c) {
    spin_p9_server *s = c->s;
    p9_fid *f = get_fid(c);
    uint32_t newfid = p9_get_u32(&c->in);
    size_t name_len;
    const char *name = p9_get_str(&c->in, &name_len);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(f)) return -SPIN_EBADF;
    if (newfid != f->id && p9_fid_find(&s->tables, newfid)) return -SPIN_EBADF;
    spin_fs *fs = f->path->fs;
    spin_fs_node *node = f->path->node;
    bool list = name_len == 0;
    if (list ? !fs->ops->listxattr : !fs->ops->getxattr) return -SPIN_EOPNOTSUPP;
    int64_t n = list ? fs->ops->listxattr(fs, node, NULL, 0) : fs->ops->getxattr(fs, node, name, NULL, 0);
    if (n < 0) return (int)n;
    if (n > (int64_t)SPIN_P9_MAX_XATTR) return -SPIN_ERANGE;
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return -SPIN_ENOMEM;
    int64_t got = list ? fs->ops->listxattr(fs, node, (char *)buf, (size_t)n)
                       : fs->ops->getxattr(fs, node, name, buf, (size_t)n);
    if (got < 0 || got > n) {
        free(buf);
        return got < 0 ? (int)got : -SPIN_EIO;
    }
    p9_fid *nf = f;
    if (newfid != f->id) {
        if (!(nf = p9_fid_add(&s->tables, newfid, SPIN_P9_MAX_FIDS))) {
            free(buf);
            return -SPIN_EMFILE;
        }
        p9_path_ref(f->path);
        nf->path = f->path;
        nf->uid = f->uid;
    }
    nf->xattr = P9_XATTR_READ;
    nf->xattr_buf = buf;
    nf->xattr_size = (uint64_t)got;
    p9_put_u64(&c->out, (uint64_t)got);
    return 0;
}

int p9_op_xattrcreate(p9_call *c) {
    p9_fid *f = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint64_t size = p9_get_u64(&c->in);
    uint32_t flags = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(f)) return -SPIN_EBADF;
    if (!name[0] || flags > 3) return -SPIN_EINVAL;
    if (size > SPIN_P9_MAX_XATTR) return -SPIN_ERANGE;
    spin_fs *fs = f->path->fs;
    if (fs_read_only(fs)) return -SPIN_EROFS;
    if (!fs->ops->setxattr) return -SPIN_EOPNOTSUPP;
    uint8_t *buf = malloc(size ? (size_t)size : 1);
    char *copy = strdup(name);
    if (!buf || !copy) {
        free(buf);
        free(copy);
        return -SPIN_ENOMEM;
    }
    f->xattr = P9_XATTR_WRITE;
    f->xattr_buf = buf;
    f->xattr_name = copy;
    f->xattr_size = size;
    f->xattr_filled = 0;
    f->xattr_flags = (int)flags;
    return 0;
}

