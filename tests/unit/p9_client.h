/*
 * A scripted 9P2000.L client for the server's unit tests: builds one request at a time,
 * hands it to the server and keeps the reply for the test to read. Every reply is
 * checked for a well-formed header (size field = length, tag echoed, at most msize).
 */
#ifndef SPIN_TESTS_UNIT_P9_CLIENT_H
#define SPIN_TESTS_UNIT_P9_CLIENT_H

#include <stdint.h>
#include <string.h>

#include "device_check.h"
#include "fs/p9_server.h"
#include "fs/p9_wire.h"

enum {
    RLERROR = 7, TSTATFS = 8, TLOPEN = 12, TLCREATE = 14, TSYMLINK = 16, TMKNOD = 18,
    TRENAME = 20, TREADLINK = 22, TGETATTR = 24, TSETATTR = 26, TXATTRWALK = 30,
    TXATTRCREATE = 32, TREADDIR = 40, TFSYNC = 50, TLOCK = 52, TGETLOCK = 54, TLINK = 70,
    TMKDIR = 72, TRENAMEAT = 74, TUNLINKAT = 76, TVERSION = 100, TAUTH = 102,
    TATTACH = 104, TFLUSH = 108, TWALK = 110, TREAD = 116, TWRITE = 118, TCLUNK = 120,
    TREMOVE = 122,
};

typedef struct p9c {
    spin_p9_server *server;
    uint8_t req[1 << 20];
    p9_writer w;
    uint16_t tag;
    uint8_t reply[1 << 20];
    size_t reply_len;
    unsigned replies;  /* replies received for the current request (must be 1) */
    p9_reader r;       /* over the reply body, after p9c_send */
    char strings[1 << 20];
} p9c;

static void p9c_on_reply(void *opaque, void *request, const uint8_t *msg, size_t len) {
    p9c *c = opaque;
    (void)request;
    c->replies++;
    if (len <= sizeof c->reply) {
        memcpy(c->reply, msg, len);
        c->reply_len = len;
    }
}

static void p9c_begin(p9c *c) {
    p9_writer_init(&c->w, c->req, sizeof c->req);
    c->w.len = P9_HEADER_SIZE;
}

/* Sends the request built since p9c_begin as type; returns the reply's type (0 if the
 * reply was malformed). Rlerror's code is then p9c_error(c). */
static uint8_t p9c_send(p9c *c, uint8_t type) {
    c->tag = (uint16_t)(c->tag + 1) == P9_NOTAG ? 1 : (uint16_t)(c->tag + 1);
    p9_finish(&c->w, type, type == TVERSION ? P9_NOTAG : c->tag);
    c->replies = 0;
    c->reply_len = 0;
    spin_p9_server_handle(c->server, c->req, c->w.len, NULL);
    CHECK_EQ(c->replies, 1);
    if (c->replies != 1 || c->reply_len < P9_HEADER_SIZE) return 0;
    uint32_t size = (uint32_t)c->reply[0] | (uint32_t)c->reply[1] << 8 |
                    (uint32_t)c->reply[2] << 16 | (uint32_t)c->reply[3] << 24;
    CHECK_EQ(size, c->reply_len);
    CHECK(c->reply_len <= spin_p9_server_msize(c->server) || type == TVERSION);
    p9_reader_init(&c->r, c->reply + P9_HEADER_SIZE, c->reply_len - P9_HEADER_SIZE, c->strings);
    return c->reply[4];
}

/* Sends raw bytes (hostile messages); returns the reply type. */
static uint8_t p9c_send_raw(p9c *c, const uint8_t *msg, size_t len) {
    c->replies = 0;
    c->reply_len = 0;
    spin_p9_server_handle(c->server, msg, len, NULL);
    CHECK_EQ(c->replies, 1);
    if (c->replies != 1 || c->reply_len < P9_HEADER_SIZE) return 0;
    p9_reader_init(&c->r, c->reply + P9_HEADER_SIZE, c->reply_len - P9_HEADER_SIZE, c->strings);
    return c->reply[4];
}

static uint32_t p9c_error(p9c *c) {
    return c->reply[4] == RLERROR ? p9_get_u32(&c->r) : 0;
}

/* Sends and returns the Linux errno of an Rlerror (0 if the request succeeded). */
static uint32_t p9c_errno(p9c *c, uint8_t type) {
    uint8_t t = p9c_send(c, type);
    return t == RLERROR ? p9c_error(c) : 0;
}

static void put_s(p9c *c, const char *s) { p9_put_str(&c->w, s, strlen(s)); }

/* ---- common requests --------------------------------------------------------------------- */

static uint32_t p9c_version(p9c *c, uint32_t msize, const char *version) {
    p9c_begin(c);
    p9_put_u32(&c->w, msize);
    put_s(c, version);
    if (p9c_send(c, TVERSION) != TVERSION + 1) return 0;
    return p9_get_u32(&c->r);
}

static uint32_t p9c_attach(p9c *c, uint32_t fid, const char *aname) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u32(&c->w, P9_NOFID);
    put_s(c, "root");
    put_s(c, aname);
    p9_put_u32(&c->w, 0);
    return p9c_errno(c, TATTACH);
}

/* Walks fid to newfid by up to 16 names (NULL-terminated list); returns the errno, and
 * the number of qids and the last qid's path. */
static uint32_t p9c_walk(p9c *c, uint32_t fid, uint32_t newfid, const char *const *names,
                         unsigned *nqid, uint64_t *last_path) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u32(&c->w, newfid);
    unsigned n = 0;
    while (names && names[n]) n++;
    p9_put_u16(&c->w, (uint16_t)n);
    for (unsigned i = 0; i < n; i++) put_s(c, names[i]);
    uint8_t t = p9c_send(c, TWALK);
    if (t == RLERROR) return p9c_error(c);
    if (t != TWALK + 1) return 0xffff;
    unsigned count = p9_get_u16(&c->r);
    if (nqid) *nqid = count;
    for (unsigned i = 0; i < count; i++) {
        p9_get_u8(&c->r);
        p9_get_u32(&c->r);
        uint64_t path = p9_get_u64(&c->r);
        if (last_path) *last_path = path;
    }
    return 0;
}

static uint32_t p9c_clunk(p9c *c, uint32_t fid) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    return p9c_errno(c, TCLUNK);
}

static uint32_t p9c_lopen(p9c *c, uint32_t fid, uint32_t flags) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u32(&c->w, flags);
    return p9c_errno(c, TLOPEN);
}

static uint32_t p9c_lcreate(p9c *c, uint32_t fid, const char *name, uint32_t flags, uint32_t mode) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    put_s(c, name);
    p9_put_u32(&c->w, flags);
    p9_put_u32(&c->w, mode);
    p9_put_u32(&c->w, 0);
    return p9c_errno(c, TLCREATE);
}

static uint32_t p9c_write(p9c *c, uint32_t fid, uint64_t offset, const char *data, uint32_t *count) {
    size_t len = strlen(data);
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u64(&c->w, offset);
    p9_put_u32(&c->w, (uint32_t)len);
    p9_put_bytes(&c->w, data, len);
    uint32_t e = p9c_errno(c, TWRITE);
    if (!e && count) *count = p9_get_u32(&c->r);
    return e;
}

/* Reads into buf (NUL-terminated, at most cap - 1 bytes). */
static uint32_t p9c_read(p9c *c, uint32_t fid, uint64_t offset, uint32_t count, char *buf, size_t cap) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u64(&c->w, offset);
    p9_put_u32(&c->w, count);
    uint32_t e = p9c_errno(c, TREAD);
    if (e) return e;
    uint32_t n = p9_get_u32(&c->r);
    const uint8_t *data = p9_get_bytes(&c->r, n);
    CHECK(data != NULL);
    size_t copy = n < cap - 1 ? n : cap - 1;
    if (data) memcpy(buf, data, copy);
    buf[data ? copy : 0] = '\0';
    return 0;
}

static uint32_t p9c_mkdir(p9c *c, uint32_t dfid, const char *name, uint32_t mode) {
    p9c_begin(c);
    p9_put_u32(&c->w, dfid);
    put_s(c, name);
    p9_put_u32(&c->w, mode);
    p9_put_u32(&c->w, 0);
    return p9c_errno(c, TMKDIR);
}

/* Rgetattr: mode and size out. */
static uint32_t p9c_getattr(p9c *c, uint32_t fid, uint32_t *mode, uint64_t *size, uint64_t *ino) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u64(&c->w, 0x7ff);
    uint32_t e = p9c_errno(c, TGETATTR);
    if (e) return e;
    p9_get_u64(&c->r); /* valid */
    p9_get_u8(&c->r);
    p9_get_u32(&c->r);
    uint64_t path = p9_get_u64(&c->r);
    uint32_t m = p9_get_u32(&c->r);
    p9_get_u32(&c->r);
    p9_get_u32(&c->r);
    p9_get_u64(&c->r); /* nlink */
    p9_get_u64(&c->r); /* rdev */
    uint64_t sz = p9_get_u64(&c->r);
    for (int i = 0; i < 12; i++) p9_get_u64(&c->r);
    CHECK(p9_reader_done(&c->r));
    if (mode) *mode = m;
    if (size) *size = sz;
    if (ino) *ino = path;
    return 0;
}

#endif
