/*
 * The 9P2000.L server: the session (version, attach, clunk, flush), walking, dispatch
 * and the server object. The other handlers live in p9_file_ops.c (attributes, open
 * files, directories) and p9_name_ops.c (names, links, locks, xattrs). See p9_server.h
 * for the contract, p9_fids.h for how fids remember their place, p9_exports.h for the
 * export table, p9_wire.h for the encoding. Message layouts follow the 9P2000.L
 * description (Linux Documentation/filesystems/9p.rst and the diod protocol notes).
 */
#define _POSIX_C_SOURCE 200809L
#include "fs/p9_server.h"

#include <stdlib.h>
#include <string.h>

#include "fs/p9_call.h"

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

void p9_drop_fid(spin_p9_server *s, p9_fid *f) {
    close_fid_state(f);
    p9_path_unref(&s->tables, f->path);
    p9_fid_remove(&s->tables, f);
}

static void drop_all_fids(spin_p9_server *s) {
    for (size_t b = 0; b < s->tables.fid_buckets; b++)
        while (s->tables.fids[b]) p9_drop_fid(s, s->tables.fids[b]);
}

/* ---- session --------------------------------------------------------------------------- */

int p9_op_version(p9_call *c) {
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

int p9_op_attach(p9_call *c) {
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

int p9_op_flush(p9_call *c) {
    p9_get_u16(&c->in); /* oldtag: every request is answered before the next is read */
    return p9_reader_done(&c->in) ? 0 : -SPIN_EINVAL;
}

int p9_op_clunk(p9_call *c) {
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
    p9_drop_fid(c->s, f);
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

int p9_op_walk(p9_call *c) {
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


/* ---- dispatch -------------------------------------------------------------------------- */

typedef int (*p9_handler)(p9_call *c);

static p9_handler handler_for(uint8_t type) {
    switch (type) {
    case P9_TSTATFS: return p9_op_statfs;
    case P9_TLOPEN: return p9_op_lopen;
    case P9_TLCREATE: return p9_op_lcreate;
    case P9_TSYMLINK: return p9_op_symlink;
    case P9_TMKNOD: return p9_op_mknod;
    case P9_TRENAME: return p9_op_rename;
    case P9_TREADLINK: return p9_op_readlink;
    case P9_TGETATTR: return p9_op_getattr;
    case P9_TSETATTR: return p9_op_setattr;
    case P9_TXATTRWALK: return p9_op_xattrwalk;
    case P9_TXATTRCREATE: return p9_op_xattrcreate;
    case P9_TREADDIR: return p9_op_readdir;
    case P9_TFSYNC: return p9_op_fsync;
    case P9_TLOCK: return p9_op_lock;
    case P9_TGETLOCK: return p9_op_getlock;
    case P9_TLINK: return p9_op_link;
    case P9_TMKDIR: return p9_op_mkdir;
    case P9_TRENAMEAT: return p9_op_renameat;
    case P9_TUNLINKAT: return p9_op_unlinkat;
    case P9_TATTACH: return p9_op_attach;
    case P9_TFLUSH: return p9_op_flush;
    case P9_TWALK: return p9_op_walk;
    case P9_TREAD: return p9_op_read;
    case P9_TWRITE: return p9_op_write;
    case P9_TCLUNK: return p9_op_clunk;
    case P9_TREMOVE: return p9_op_remove;
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
    p9_handler h = type == P9_TVERSION ? p9_op_version : s->versioned ? handler_for(type) : NULL;
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

