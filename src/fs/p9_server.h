/*
 * A 9P2000.L server over spin_fs trees (fs.h). It is transport-independent: the caller
 * hands it one complete request message and it answers through a callback with one
 * reply message. Every request is answered exactly once, and today before
 * spin_p9_server_handle returns (the backends are synchronous); the callback carries
 * the caller's request pointer so a transport can match replies to requests that are
 * answered later.
 *
 * The server holds a table of named exports: Tattach's aname selects one ("" is the
 * root export, the container's file tree). The aname "/" attaches a read-only directory
 * listing every export (the root export as "root"): Linux mounts a virtio-9p device only
 * once, so a guest mounts that directory and bind-mounts its entries (p9_exports.h).
 * Fids remember how they were reached (the
 * chain of names from the export's root), so ".." is the server's business and never
 * leaves the export, and Tremove/Trename know the parent directory and the name.
 *
 * Everything in a message is hostile: sizes, counts, fids and strings are checked; the
 * message may not exceed the negotiated msize; names are single path components
 * (spin_fs_name_valid); the fid table is bounded. A bad message gets Rlerror, never a
 * crash. Read-only exports answer every change with EROFS (and so does the backend).
 */
#ifndef SPIN_FS_P9_SERVER_H
#define SPIN_FS_P9_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"

/* The largest msize the server accepts unless told otherwise, and the smallest it
 * agrees to (a reply must hold at least a directory entry with a full-length name). */
#define SPIN_P9_DEFAULT_MAX_MSIZE (512u * 1024u + 4096u)
#define SPIN_P9_MIN_MSIZE 4096u
/* Fids one session may hold at once (Linux keeps one per cached dentry and open file). */
#define SPIN_P9_MAX_FIDS 65536u
/* The largest extended attribute value or list the server moves (Linux's XATTR_SIZE_MAX). */
#define SPIN_P9_MAX_XATTR 65536u

typedef struct spin_p9_server spin_p9_server;

/* One reply message for the request the transport tagged with request. */
typedef void (*spin_p9_reply_fn)(void *opaque, void *request, const uint8_t *msg, size_t len);

/* max_msize bounds the negotiated message size (0: SPIN_P9_DEFAULT_MAX_MSIZE). NULL if
 * memory runs out. */
spin_p9_server *spin_p9_server_new(uint32_t max_msize, spin_p9_reply_fn reply, void *opaque);
/* Drops every fid and export reference (the trees themselves stay the caller's). */
void spin_p9_server_free(spin_p9_server *s);

/* Serves fs under aname ("" for the root export, else a valid directory entry name other
 * than "root"; copied). At most 64 exports. The caller keeps fs alive while the server
 * exists. 0, or -1 (bad or duplicate name, table full, no memory). */
int spin_p9_server_add_export(spin_p9_server *s, const char *aname, spin_fs *fs);

/* The largest message the server will accept now (the transport bounds its copy by
 * it): the negotiated msize, or the maximum before Tversion. */
uint32_t spin_p9_server_msize(const spin_p9_server *s);

/* Handles one request (len bytes at msg, which need not stay valid afterwards); the
 * reply goes to the callback with request. */
void spin_p9_server_handle(spin_p9_server *s, const uint8_t *msg, size_t len, void *request);

/* Fids in use (for tests and diagnostics). */
size_t spin_p9_server_fid_count(const spin_p9_server *s);

#endif
