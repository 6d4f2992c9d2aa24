/*
 * Inside the 9P server (p9_server.c and the handlers in p9_file_ops.c, p9_name_ops.c):
 * the server object, one request being answered, and the helpers the handlers share.
 * Each handler reads its fields from c->in, writes its reply body to c->out and returns
 * 0, or a negative Linux errno that becomes Rlerror.
 */
#ifndef SPIN_FS_P9_CALL_H
#define SPIN_FS_P9_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fs.h"
#include "fs/p9_exports.h"
#include "fs/p9_fids.h"
#include "fs/p9_server.h"
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

static inline bool fs_read_only(const spin_fs *fs) { return fs->read_only; }

static inline uint8_t qid_type(uint32_t mode) {
    uint32_t type = mode & SPIN_S_IFMT;
    return type == SPIN_S_IFDIR ? P9_QTDIR : type == SPIN_S_IFLNK ? P9_QTSYMLINK : P9_QTFILE;
}

/* The qid of a node in the export at (whose id goes into the path's top byte). */
static inline p9_qid qid_of(const spin_fs_attr *a, const p9_path *at) {
    return (p9_qid){qid_type(a->mode), (uint32_t)a->version,
                    p9_exports_qid_path(a->ino, at->export_id)};
}

static inline int node_attr(spin_fs *fs, spin_fs_node *node, spin_fs_attr *a) {
    memset(a, 0, sizeof *a);
    return fs->ops->getattr(fs, node, a);
}

static inline bool is_dir(spin_fs *fs, spin_fs_node *node) {
    spin_fs_attr a;
    return node_attr(fs, node, &a) == 0 && (a.mode & SPIN_S_IFMT) == SPIN_S_IFDIR;
}

/* The fid named by the next field (NULL if unknown). */
static inline p9_fid *get_fid(p9_call *c) { return p9_fid_find(&c->s->tables, p9_get_u32(&c->in)); }

/* A fid that is a plain handle on a place (not opened, not an xattr). */
static inline bool plain(const p9_fid *f) { return f && !f->file && f->xattr == P9_XATTR_NONE; }

/* Closes what a fid has open and removes it. */
void p9_drop_fid(spin_p9_server *s, p9_fid *f);

/* Handlers, one per message type (T-message names). */
int p9_op_version(p9_call *c);
int p9_op_attach(p9_call *c);
int p9_op_flush(p9_call *c);
int p9_op_clunk(p9_call *c);
int p9_op_walk(p9_call *c);
int p9_op_getattr(p9_call *c);
int p9_op_setattr(p9_call *c);
int p9_op_statfs(p9_call *c);
int p9_op_lopen(p9_call *c);
int p9_op_lcreate(p9_call *c);
int p9_op_read(p9_call *c);
int p9_op_write(p9_call *c);
int p9_op_fsync(p9_call *c);
int p9_op_readdir(p9_call *c);
int p9_op_mkdir(p9_call *c);
int p9_op_symlink(p9_call *c);
int p9_op_mknod(p9_call *c);
int p9_op_link(p9_call *c);
int p9_op_readlink(p9_call *c);
int p9_op_unlinkat(p9_call *c);
int p9_op_remove(p9_call *c);
int p9_op_rename(p9_call *c);
int p9_op_renameat(p9_call *c);
int p9_op_lock(p9_call *c);
int p9_op_getlock(p9_call *c);
int p9_op_xattrwalk(p9_call *c);
int p9_op_xattrcreate(p9_call *c);

#endif
