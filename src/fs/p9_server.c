/*
 * The 9P2000.L server: session (version, attach, fids), walking, and one handler per
 * message type. See p9_server.h for the contract, p9_fids.h for how fids remember
 * their place, p9_wire.h for the encoding. Message layouts follow the 9P2000.L
 * description (Linux Documentation/filesystems/9p.rst and the diod protocol notes).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/p9_server.h"

#include <stdlib.h>
#include <string.h>

#include "fs/p9_exports.h"
#include "fs/p9_fids.h"
#include "fs/p9_wire.h"

/* Message types (T = request, R = T + 1). */
enum {
    P9_TLERROR = 6, P9_RLERROR = 7,
    P9_TSTATFS = 8, P9_TLOPEN = 12, P9_TLCREATE = 14, P9_TSYMLINK = 16, P9_TMKNOD = 18,
    P9_TRENAME = 20, P9_TREADLINK = 22, P9_TGETATTR = 24, P9_TSETATTR = 26,
    P9_TXATTRWALK = 30, P9_TXATTRCREATE = 32, P9_TREADDIR = 40, P9_TFSYNC = 50,
    P9_TLOCK = 52, P9_TGETLOCK = 54, P9_TLINK = 70, P9_TMKDIR = 72, P9_TRENAMEAT = 74,
    P9_TUNLINKAT = 76, P9_TVERSION = 100, P9_TAUTH = 102, P9_TATTACH = 104,
    P9_TFLUSH = 108, P9_TWALK = 110, P9_TREAD = 116, P9_TWRITE = 118, P9_TCLUNK = 120,
    P9_TREMOVE = 122,
};

#define P9_QTDIR 0x80u
#define P9_QTSYMLINK 0x02u
#define P9_QTFILE 0x00u
#define P9_GETATTR_BASIC 0x7ffu
#define P9_MAXWELEM 16u
#define P9_AT_REMOVEDIR 0x200u
#define P9_LOCK_SUCCESS 0
#define P9_LOCK_TYPE_UNLCK 2
#define P9_XATTR_REPLACE 2
#define LINK_MAX_TARGET 4096u                 /* PATH_MAX: the longest symlink target */
/* The open flags a backend is told about; the rest (O_CLOEXEC, O_NOCTTY, ...) are the
 * client's business. */
#define OPEN_FLAGS_PASSED (SPIN_O_ACCMODE | SPIN_O_TRUNC | SPIN_O_APPEND)

struct spin_p9_server {
    p9_exports exports;
    uint32_t max_msize, msize;
    bool versioned;
    p9_tables tables;
    spin_p9_reply_fn reply;
    void *opaque;
    uint8_t *out; /* the reply being built: max_msize bytes */
};

/* One request being answered. */
typedef struct p9_call {
    spin_p9_server *s;
    p9_reader in;
    p9_writer out;
    uint16_t tag;
} p9_call;

/* ---- small helpers --------------------------------------------------------------------- */

static bool fs_read_only(const spin_fs *fs) { return fs->read_only; }

static uint8_t qid_type(uint32_t mode) {
    uint32_t type = mode & SPIN_S_IFMT;
    return type == SPIN_S_IFDIR ? P9_QTDIR : type == SPIN_S_IFLNK ? P9_QTSYMLINK : P9_QTFILE;
}

/* The qid of a node in the export at (whose id goes into the path's top byte). */
static p9_qid qid_of(const spin_fs_attr *a, const p9_path *at) {
    return (p9_qid){qid_type(a->mode), (uint32_t)a->version,
                    p9_exports_qid_path(a->ino, at->export_id)};
}

static int node_attr(spin_fs *fs, spin_fs_node *node, spin_fs_attr *a) {
    memset(a, 0, sizeof *a);
    return fs->ops->getattr(fs, node, a);
}

static bool is_dir(spin_fs *fs, spin_fs_node *node) {
    spin_fs_attr a;
    return node_attr(fs, node, &a) == 0 && (a.mode & SPIN_S_IFMT) == SPIN_S_IFDIR;
}

static void close_fid_state(p9_fid *f) {
    spin_fs *fs = f->path->fs;
    if (f->file) fs->ops->close(fs, f->file);
    f->file = NULL;
    free(f->xattr_buf);
    free(f->xattr_name);
    f->xattr_buf = NULL;
    f->xattr_name = NULL;
    f->xattr = P9_XATTR_NONE;
}

static void drop_fid(spin_p9_server *s, p9_fid *f) {
    close_fid_state(f);
    p9_path_unref(&s->tables, f->path);
    p9_fid_remove(&s->tables, f);
}

static void drop_all_fids(spin_p9_server *s) {
    for (size_t b = 0; b < s->tables.fid_buckets; b++)
        while (s->tables.fids[b]) drop_fid(s, s->tables.fids[b]);
}

/* The fid named by the next field (NULL if unknown). */
static p9_fid *get_fid(p9_call *c) { return p9_fid_find(&c->s->tables, p9_get_u32(&c->in)); }

/* A fid that is a plain handle on a place (not opened, not an xattr). */
static bool plain(const p9_fid *f) { return f && !f->file && f->xattr == P9_XATTR_NONE; }

/* ---- session --------------------------------------------------------------------------- */

static int op_version(p9_call *c) {
    uint32_t msize = p9_get_u32(&c->in);
    const char *version = p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    spin_p9_server *s = c->s;
    drop_all_fids(s); /* a new session: every fid of the old one is gone */
    s->versioned = false;
    if (msize < SPIN_P9_MIN_MSIZE) return -SPIN_EINVAL;
    s->msize = msize < s->max_msize ? msize : s->max_msize;
    bool ours = !strcmp(version, "9P2000.L");
    s->versioned = ours;
    p9_put_u32(&c->out, s->msize);
    const char *answer = ours ? "9P2000.L" : "unknown";
    p9_put_str(&c->out, answer, strlen(answer));
    return 0;
}

static int op_attach(p9_call *c) {
    uint32_t fid_id = p9_get_u32(&c->in);
    p9_get_u32(&c->in); /* afid: no authentication */
    p9_get_str(&c->in, NULL); /* uname: the numeric n_uname is what counts */
    const char *aname = p9_get_str(&c->in, NULL);
    uint32_t uid = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    spin_p9_server *s = c->s;
    bool table = !strcmp(aname, P9_EXPORTS_ANAME);
    p9_export *e = table ? NULL : p9_exports_by_aname(&s->exports, aname);
    if (!table && !e) return -SPIN_ENOENT;
    if (p9_fid_find(&s->tables, fid_id)) return -SPIN_EBADF;
    p9_path *root;
    int r = p9_exports_root(&s->exports, e, &root);
    if (r) return r;
    spin_fs_attr a;
    p9_fid *f = NULL;
    if ((r = node_attr(root->fs, root->node, &a)) ||
        !(f = p9_fid_add(&s->tables, fid_id, SPIN_P9_MAX_FIDS))) {
        p9_path_unref(&s->tables, root);
        return r ? r : -SPIN_EMFILE;
    }
    f->path = root;
    f->uid = uid == P9_NOFID ? 0 : uid;
    p9_qid q = qid_of(&a, root);
    p9_put_qid(&c->out, &q);
    return 0;
}

static int op_flush(p9_call *c) {
    p9_get_u16(&c->in); /* oldtag: every request is answered before the next is read */
    return p9_reader_done(&c->in) ? 0 : -SPIN_EINVAL;
}

static int op_clunk(p9_call *c) {
    p9_fid *f = get_fid(c);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    int r = 0;
    if (f->xattr == P9_XATTR_WRITE) { /* Txattrcreate's value is set when its fid is clunked */
        spin_fs *fs = f->path->fs;
        if (f->xattr_filled != f->xattr_size) r = -SPIN_EINVAL;
        else if (f->xattr_size == 0 && (f->xattr_flags & P9_XATTR_REPLACE))
            r = fs->ops->removexattr ? fs->ops->removexattr(fs, f->path->node, f->xattr_name)
                                     : -SPIN_EOPNOTSUPP;
        else
            r = fs->ops->setxattr ? fs->ops->setxattr(fs, f->path->node, f->xattr_name,
                                                      f->xattr_buf, (size_t)f->xattr_size,
                                                      f->xattr_flags)
                                  : -SPIN_EOPNOTSUPP;
    }
    drop_fid(c->s, f);
    return r;
}

/* ---- walking --------------------------------------------------------------------------- */

/* One step from *at by name; on success *at is the new place (a new reference) and
 * *attr its attributes. */
static int walk_one(spin_p9_server *s, p9_path **at, const char *name, spin_fs_attr *attr) {
    p9_path *from = *at, *to;
    spin_fs *fs = from->fs;
    if (!strcmp(name, "..")) {
        to = from->parent ? from->parent : from; /* the export's root is its own parent */
        p9_path_ref(to);
    } else if (!strcmp(name, ".")) {
        to = from;
        p9_path_ref(to);
    } else if (p9_exports_is_table(&s->exports, fs)) {
        /* from the export directory into an export, at its root */
        p9_export *e = p9_exports_by_entry(&s->exports, name);
        if (!e) return -SPIN_ENOENT;
        int r = p9_exports_root(&s->exports, e, &to);
        if (r) return r;
    } else {
        if (!spin_fs_name_valid(name)) return -SPIN_EINVAL;
        spin_fs_node *node;
        int r = fs->ops->lookup(fs, from->node, name, &node);
        if (r) return r;
        if ((r = node_attr(fs, node, attr))) {
            fs->ops->unref(fs, node);
            return r;
        }
        to = p9_path_child(&s->tables, from, name, node, attr->ino);
        if (!to) return -SPIN_ENOMEM;
        *at = to;
        return 0;
    }
    int r = node_attr(to->fs, to->node, attr);
    if (r) {
        p9_path_unref(&s->tables, to);
        return r;
    }
    *at = to;
    return 0;
}

static int op_walk(p9_call *c) {
    spin_p9_server *s = c->s;
    p9_fid *f = get_fid(c);
    uint32_t newfid = p9_get_u32(&c->in);
    uint16_t nwname = p9_get_u16(&c->in);
    if (nwname > P9_MAXWELEM) return -SPIN_EINVAL;
    const char *names[P9_MAXWELEM];
    for (unsigned i = 0; i < nwname; i++) names[i] = p9_get_str(&c->in, NULL);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f || f->xattr != P9_XATTR_NONE) return -SPIN_EBADF;
    if (newfid != f->id && p9_fid_find(&s->tables, newfid)) return -SPIN_EBADF;
    if (newfid == f->id && f->file) return -SPIN_EBADF; /* an open fid cannot move */

    p9_path *at = f->path;
    p9_path_ref(at);
    unsigned done = 0;
    size_t count_at = c->out.len;
    p9_put_u16(&c->out, 0);
    int r = 0;
    for (; done < nwname; done++) {
        spin_fs_attr a;
        p9_path *next = at;
        if (done > 0 && !is_dir(at->fs, at->node)) r = -SPIN_ENOTDIR;
        else r = walk_one(s, &next, names[done], &a);
        if (r) break;
        p9_path_unref(&s->tables, at);
        at = next;
        p9_qid q = qid_of(&a, at);
        p9_put_qid(&c->out, &q);
    }
    if (r && done == 0) {
        p9_path_unref(&s->tables, at);
        return r;
    }
    /* the count of qids, patched in */
    c->out.buf[count_at] = (uint8_t)done;
    c->out.buf[count_at + 1] = (uint8_t)(done >> 8);
    if (done < nwname) { /* partial walk: the qids so far, newfid not made */
        p9_path_unref(&s->tables, at);
        return 0;
    }
    if (newfid == f->id) {
        p9_path_unref(&s->tables, f->path);
        f->path = at;
        return 0;
    }
    p9_fid *nf = p9_fid_add(&s->tables, newfid, SPIN_P9_MAX_FIDS);
    if (!nf) {
        p9_path_unref(&s->tables, at);
        return -SPIN_EMFILE;
    }
    nf->path = at;
    nf->uid = f->uid;
    return 0;
}

/* ---- attributes ------------------------------------------------------------------------ */

static int op_getattr(p9_call *c) {
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

static int op_setattr(p9_call *c) {
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

static int op_statfs(p9_call *c) {
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

static int op_lopen(p9_call *c) {
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

static int op_lcreate(p9_call *c) {
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

static int op_read(p9_call *c) {
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

static int op_write(p9_call *c) {
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

static int op_fsync(p9_call *c) {
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

static int op_readdir(p9_call *c) {
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

static int op_mkdir(p9_call *c) {
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

static int op_symlink(p9_call *c) {
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

static int op_mknod(p9_call *c) {
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

static int op_link(p9_call *c) {
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

static int op_readlink(p9_call *c) {
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

static int op_unlinkat(p9_call *c) {
    p9_fid *d = get_fid(c);
    const char *name = p9_get_str(&c->in, NULL);
    uint32_t flags = p9_get_u32(&c->in);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    int r = dir_for_change(d, name);
    if (r) return r;
    if (flags & ~P9_AT_REMOVEDIR) return -SPIN_EINVAL;
    return unlink_name(c->s, d->path, name, (flags & P9_AT_REMOVEDIR) != 0);
}

static int op_remove(p9_call *c) {
    p9_fid *f = get_fid(c);
    if (!p9_reader_done(&c->in)) return -SPIN_EINVAL;
    if (!f) return -SPIN_EBADF;
    p9_path *p = f->path;
    int r;
    if (!p->parent) r = -SPIN_EBUSY;
    else if (fs_read_only(p->fs)) r = -SPIN_EROFS;
    else if (!p->hashed) r = -SPIN_ENOENT; /* already unlinked or replaced */
    else r = unlink_name(c->s, p->parent, p->name, is_dir(p->fs, p->node));
    drop_fid(c->s, f); /* Tremove clunks the fid whatever the outcome */
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

static int op_rename(p9_call *c) {
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

static int op_renameat(p9_call *c) {
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
static int op_lock(p9_call *c) {
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

static int op_getlock(p9_call *c) {
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

static int op_xattrwalk(p9_call *c) {
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

static int op_xattrcreate(p9_call *c) {
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

/* ---- dispatch -------------------------------------------------------------------------- */

typedef int (*p9_handler)(p9_call *c);

static p9_handler handler_for(uint8_t type) {
    switch (type) {
    case P9_TSTATFS: return op_statfs;
    case P9_TLOPEN: return op_lopen;
    case P9_TLCREATE: return op_lcreate;
    case P9_TSYMLINK: return op_symlink;
    case P9_TMKNOD: return op_mknod;
    case P9_TRENAME: return op_rename;
    case P9_TREADLINK: return op_readlink;
    case P9_TGETATTR: return op_getattr;
    case P9_TSETATTR: return op_setattr;
    case P9_TXATTRWALK: return op_xattrwalk;
    case P9_TXATTRCREATE: return op_xattrcreate;
    case P9_TREADDIR: return op_readdir;
    case P9_TFSYNC: return op_fsync;
    case P9_TLOCK: return op_lock;
    case P9_TGETLOCK: return op_getlock;
    case P9_TLINK: return op_link;
    case P9_TMKDIR: return op_mkdir;
    case P9_TRENAMEAT: return op_renameat;
    case P9_TUNLINKAT: return op_unlinkat;
    case P9_TATTACH: return op_attach;
    case P9_TFLUSH: return op_flush;
    case P9_TWALK: return op_walk;
    case P9_TREAD: return op_read;
    case P9_TWRITE: return op_write;
    case P9_TCLUNK: return op_clunk;
    case P9_TREMOVE: return op_remove;
    default: return NULL;
    }
}

static void send_error(spin_p9_server *s, uint16_t tag, int err, void *request) {
    p9_writer w;
    p9_writer_init(&w, s->out, s->max_msize);
    w.len = P9_HEADER_SIZE;
    p9_put_u32(&w, (uint32_t)err);
    p9_finish(&w, P9_RLERROR, tag);
    s->reply(s->opaque, request, s->out, w.len);
}

void spin_p9_server_handle(spin_p9_server *s, const uint8_t *msg, size_t len, void *request) {
    if (len < P9_HEADER_SIZE) {
        send_error(s, P9_NOTAG, SPIN_EINVAL, request);
        return;
    }
    uint32_t size = (uint32_t)msg[0] | (uint32_t)msg[1] << 8 | (uint32_t)msg[2] << 16 |
                    (uint32_t)msg[3] << 24;
    uint8_t type = msg[4];
    uint16_t tag = (uint16_t)(msg[5] | msg[6] << 8);
    uint32_t limit = spin_p9_server_msize(s);
    if (size != len || len > limit) {
        send_error(s, tag, SPIN_EINVAL, request);
        return;
    }
    p9_handler h = type == P9_TVERSION ? op_version : s->versioned ? handler_for(type) : NULL;
    if (!h) {
        send_error(s, tag, s->versioned || type == P9_TVERSION ? SPIN_EOPNOTSUPP : SPIN_EINVAL,
                   request);
        return;
    }
    char *strings = malloc(len + 1);
    if (!strings) {
        send_error(s, tag, SPIN_ENOMEM, request);
        return;
    }
    p9_call c = {.s = s, .tag = tag};
    p9_reader_init(&c.in, msg + P9_HEADER_SIZE, len - P9_HEADER_SIZE, strings);
    /* Replies never exceed the negotiated msize (the client sized its buffers by it). */
    p9_writer_init(&c.out, s->out, type == P9_TVERSION ? s->max_msize : s->msize);
    c.out.len = P9_HEADER_SIZE;
    int r = h(&c);
    free(strings);
    if (r == 0 && c.out.overflow) r = -SPIN_EIO;
    if (r) {
        send_error(s, tag, -r, request);
        return;
    }
    p9_finish(&c.out, (uint8_t)(type + 1), tag);
    s->reply(s->opaque, request, s->out, c.out.len);
}

/* ---- the server object ----------------------------------------------------------------- */

spin_p9_server *spin_p9_server_new(uint32_t max_msize, spin_p9_reply_fn reply, void *opaque) {
    if (!reply) return NULL;
    if (max_msize == 0) max_msize = SPIN_P9_DEFAULT_MAX_MSIZE;
    if (max_msize < SPIN_P9_MIN_MSIZE) return NULL;
    spin_p9_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->max_msize = s->msize = max_msize;
    p9_exports_init(&s->exports);
    s->reply = reply;
    s->opaque = opaque;
    s->out = malloc(max_msize);
    if (!s->out || p9_tables_init(&s->tables)) {
        free(s->out);
        free(s);
        return NULL;
    }
    return s;
}

void spin_p9_server_free(spin_p9_server *s) {
    if (!s) return;
    drop_all_fids(s);
    p9_exports_destroy(&s->exports, &s->tables);
    p9_tables_destroy(&s->tables);
    free(s->out);
    free(s);
}

int spin_p9_server_add_export(spin_p9_server *s, const char *aname, spin_fs *fs) {
    return p9_exports_add(&s->exports, aname, fs);
}

uint32_t spin_p9_server_msize(const spin_p9_server *s) { return s->msize; }

size_t spin_p9_server_fid_count(const spin_p9_server *s) { return s->tables.fid_count; }
