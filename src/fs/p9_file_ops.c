/* 9P handlers for attributes, open files and directories: Tgetattr, Tsetattr, Tstatfs,
 * Tlopen, Tlcreate, Tread, Twrite, Tfsync, Treaddir. See p9_call.h. */
#include <string.h>

#include "fs/p9_call.h"

/* ---- attributes ------------------------------------------------------------------------ */

int p9_op_getattr(p9_call *c) {
    p9_fid *f = get_fid(c);
    p9_get_u64(&c->in); /* request_mask: the basic set is always answered */
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    spin_fs_attr a;
    int r = node_attr(f->path->fs, f->path->node, &a);
    if (r) return r;
    p9_qid q = qid_of(&a, f->path);
    p9_writer *w = &c->out;
    p9_put_u64(w, P9_GETATTR_BASIC);
    p9_put_qid(w, &q);
    p9_put_u32(w, a.mode);
    p9_put_u32(w, a.uid);
    p9_put_u32(w, a.gid);
    p9_put_u64(w, a.nlink);
    p9_put_u64(w, a.rdev);
    p9_put_u64(w, a.size);
    p9_put_u64(w, a.blksize);
    p9_put_u64(w, a.blocks);
    const spin_fs_time *times[] = {&a.atime, &a.mtime, &a.ctime};
    for (int i = 0; i < 3; i++) {
        p9_put_u64(w, (uint64_t)times[i]->sec);
        p9_put_u64(w, times[i]->nsec);
    }
    for (int i = 0; i < 4; i++) p9_put_u64(w, 0); /* btime, gen, data_version: not kept */
    return 0;
}

int p9_op_setattr(p9_call *c) {
    p9_fid *f = get_fid(c);
    spin_fs_setattr sa;
    sa.valid = p9_get_u32(&c->in);
    sa.mode = p9_get_u32(&c->in) & 07777u;
    sa.uid = p9_get_u32(&c->in);
    sa.gid = p9_get_u32(&c->in);
    sa.size = p9_get_u64(&c->in);
    sa.atime.sec = (int64_t)p9_get_u64(&c->in);
    sa.atime.nsec = (uint32_t)p9_get_u64(&c->in);
    sa.mtime.sec = (int64_t)p9_get_u64(&c->in);
    sa.mtime.nsec = (uint32_t)p9_get_u64(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f || f->xattr != P9_XATTR_NONE) return -SPIN_EBADF;
    if ((sa.atime.nsec >= 1000000000u && (sa.valid & SPIN_FS_SET_ATIME_SET)) ||
        (sa.mtime.nsec >= 1000000000u && (sa.valid & SPIN_FS_SET_MTIME_SET)))
        return -SPIN_EINVAL;
    sa.valid &= 0x1ffu;
    if (fs_read_only(f->path->fs)) return -SPIN_EROFS;
    return f->path->fs->ops->setattr(f->path->fs, f->path->node, &sa);
}

int p9_op_statfs(p9_call *c) {
    p9_fid *f = get_fid(c);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    spin_fs_statfs st;
    memset(&st, 0, sizeof st);
    int r = f->path->fs->ops->statfs(f->path->fs, &st);
    if (r) return r;
    p9_writer *w = &c->out;
    p9_put_u32(w, st.type);
    p9_put_u32(w, st.bsize);
    p9_put_u64(w, st.blocks);
    p9_put_u64(w, st.bfree);
    p9_put_u64(w, st.bavail);
    p9_put_u64(w, st.files);
    p9_put_u64(w, st.ffree);
    p9_put_u64(w, st.fsid);
    p9_put_u32(w, st.namelen);
    return 0;
}

/* ---- opening, reading, writing --------------------------------------------------------- */

/* The most data one Tread/Twrite carries: msize less Twrite's 23-byte head (Linux's
 * P9_IOHDRSZ is 24). */
static uint32_t iounit(const spin_p9_server *s) { return s->msize - 24; }

/* An open request that would change the tree (write access or truncation). */
static bool open_writes(uint32_t flags) {
    return (flags & SPIN_O_ACCMODE) != SPIN_O_RDONLY || (flags & SPIN_O_TRUNC);
}

int p9_op_lopen(p9_call *c) {
    p9_fid *f = get_fid(c);
    uint32_t flags = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(f)) return -SPIN_EBADF;
    spin_fs *fs = f->path->fs;
    if ((flags & SPIN_O_ACCMODE) == 3) return -SPIN_EINVAL;
    if (fs_read_only(fs) && open_writes(flags)) return -SPIN_EROFS;
    spin_fs_attr a;
    int r = node_attr(fs, f->path->node, &a);
    if (r) return r;
    if ((flags & SPIN_O_DIRECTORY) && (a.mode & SPIN_S_IFMT) != SPIN_S_IFDIR) return -SPIN_ENOTDIR;
    if ((r = fs->ops->open(fs, f->path->node, flags & OPEN_FLAGS_PASSED, &f->file))) {
        f->file = NULL;
        return r;
    }
    f->open_flags = flags;
    p9_qid q = qid_of(&a, f->path);
    p9_put_qid(&c->out, &q);
    p9_put_u32(&c->out, iounit(c->s));
    return 0;
}

int p9_op_lcreate(p9_call *c) {
    spin_p9_server *s = c->s;
    p9_fid *f = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint32_t flags = p9_get_u32(&c->in);
    uint32_t mode = p9_get_u32(&c->in);
    uint32_t gid = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!plain(f)) return -SPIN_EBADF;
    if (!spin_fs_name_valid(name)) return -SPIN_EINVAL;
    if ((flags & SPIN_O_ACCMODE) == 3) return -SPIN_EINVAL;
    spin_fs *fs = f->path->fs;
    if (fs_read_only(fs)) return -SPIN_EROFS;
    spin_fs_node *node;
    spin_fs_file *file;
    spin_fs_owner owner = {f->uid, gid};
    int r = fs->ops->create(fs, f->path->node, name, flags & OPEN_FLAGS_PASSED,
                            SPIN_S_IFREG | (mode & 07777u), owner, &node, &file);
    if (r) return r;
    spin_fs_attr a;
    if ((r = node_attr(fs, node, &a))) {
        fs->ops->close(fs, file);
        fs->ops->unref(fs, node);
        return r;
    }
    p9_path *child = p9_path_child(&s->tables, f->path, name, node, a.ino);
    if (!child) {
        fs->ops->close(fs, file);
        return -SPIN_ENOMEM;
    }
    p9_path_unref(&s->tables, f->path); /* the fid now stands for the new, open file */
    f->path = child;
    f->file = file;
    f->open_flags = flags;
    p9_qid q = qid_of(&a, child);
    p9_put_qid(&c->out, &q);
    p9_put_u32(&c->out, iounit(s));
    return 0;
}

int p9_op_read(p9_call *c) {
    p9_fid *f = get_fid(c);
    uint64_t offset = p9_get_u64(&c->in);
    uint32_t count = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    size_t room = p9_writer_room(&c->out);
    room = room > 4 ? room - 4 : 0;
    if (count > room) count = (uint32_t)room;
    uint8_t *data = c->out.buf + c->out.len + 4;
    int64_t n;
    if (f->xattr == P9_XATTR_READ) {
        n = offset >= f->xattr_size ? 0 : (int64_t)(f->xattr_size - offset);
        if (n > count) n = count;
        if (n) memcpy(data, f->xattr_buf + offset, (size_t)n);
    } else if (f->file && (f->open_flags & SPIN_O_ACCMODE) != SPIN_O_WRONLY) {
        n = f->path->fs->ops->read(f->path->fs, f->file, offset, data, count);
        if (n < 0) return (int)n;
        if (n > count) return -SPIN_EIO; /* a backend bug must not overrun the reply */
    } else {
        return -SPIN_EBADF;
    }
    p9_put_u32(&c->out, (uint32_t)n);
    c->out.len += (size_t)n;
    return 0;
}

int p9_op_write(p9_call *c) {
    p9_fid *f = get_fid(c);
    uint64_t offset = p9_get_u64(&c->in);
    uint32_t count = p9_get_u32(&c->in);
    const uint8_t *data = p9_get_bytes(&c->in, count);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    int64_t n;
    if (f->xattr == P9_XATTR_WRITE) {
        if (offset != f->xattr_filled || count > f->xattr_size - f->xattr_filled) return -SPIN_EINVAL;
        if (count) memcpy(f->xattr_buf + offset, data, count);
        f->xattr_filled += count;
        n = count;
    } else if (f->file && (f->open_flags & SPIN_O_ACCMODE) != SPIN_O_RDONLY) {
        if (fs_read_only(f->path->fs)) return -SPIN_EROFS;
        n = f->path->fs->ops->write(f->path->fs, f->file, offset, data, count);
        if (n < 0) return (int)n;
        if (n > count) return -SPIN_EIO;
    } else {
        return -SPIN_EBADF;
    }
    p9_put_u32(&c->out, (uint32_t)n);
    return 0;
}

int p9_op_fsync(p9_call *c) {
    p9_fid *f = get_fid(c);
    p9_get_u32(&c->in); /* datasync: both get a full fsync */
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f || !f->file) return -SPIN_EBADF;
    return f->path->fs->ops->fsync(f->path->fs, f->file);
}

/* Packs directory entries into the reply until count bytes are used. */
typedef struct readdir_ctx {
    p9_writer *w;
    size_t limit; /* w->len may grow up to here */
    const p9_path *dir;
    const p9_exports *exports;
} readdir_ctx;

static int emit_entry(void *opaque, const spin_fs_dirent *d) {
    readdir_ctx *rc = opaque;
    size_t name_len = strlen(d->name);
    if (name_len > SPIN_FS_NAME_MAX) return 0; /* cannot be named in 9P: skip it */
    if (rc->w->len + P9_QID_SIZE + 8 + 1 + 2 + name_len > rc->limit) return 1;
    /* the export directory lists exports by their roots' qid paths, already marked */
    uint64_t path = p9_exports_is_table(rc->exports, rc->dir->fs)
                        ? d->ino : p9_exports_qid_path(d->ino, rc->dir->export_id);
    p9_qid q = {qid_type((uint32_t)d->type << 12), 0, path};
    p9_put_qid(rc->w, &q);
    p9_put_u64(rc->w, d->next_offset);
    p9_put_u8(rc->w, d->type);
    p9_put_str(rc->w, d->name, name_len);
    return 0;
}

int p9_op_readdir(p9_call *c) {
    p9_fid *f = get_fid(c);
    uint64_t offset = p9_get_u64(&c->in);
    uint32_t count = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f || !f->file) return -SPIN_EBADF;
    size_t count_at = c->out.len;
    p9_put_u32(&c->out, 0);
    size_t room = p9_writer_room(&c->out);
    readdir_ctx rc = {&c->out, c->out.len + (count < room ? count : room), f->path, &c->s->exports};
    int r = f->path->fs->ops->readdir(f->path->fs, f->file, offset, emit_entry, &rc);
    if (r) return r;
    uint32_t used = (uint32_t)(c->out.len - count_at - 4);
    for (int i = 0; i < 4; i++) c->out.buf[count_at + i] = (uint8_t)(used >> (8 * i));
    return 0;
}

