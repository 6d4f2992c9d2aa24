/* 9P2000.L wire encoding. See p9_wire.h. */
#include "p9_wire.h"

#include <string.h>

void p9_reader_init(p9_reader *r, const uint8_t *data, size_t len, char *strings) {
    *r = (p9_reader){.data = data, .len = len, .strings = strings};
}

static const uint8_t *take(p9_reader *r, size_t n) {
    if (r->error || r->len - r->pos < n) {
        r->error = true;
        return NULL;
    }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

static uint64_t get_le(p9_reader *r, size_t n) {
    const uint8_t *p = take(r, n);
    uint64_t v = 0;
    for (size_t i = 0; p && i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint8_t p9_get_u8(p9_reader *r) { return (uint8_t)get_le(r, 1); }
uint16_t p9_get_u16(p9_reader *r) { return (uint16_t)get_le(r, 2); }
uint32_t p9_get_u32(p9_reader *r) { return (uint32_t)get_le(r, 4); }
uint64_t p9_get_u64(p9_reader *r) { return get_le(r, 8); }

const char *p9_get_str(p9_reader *r, size_t *len) {
    size_t n = p9_get_u16(r);
    const uint8_t *p = take(r, n);
    if (len) *len = 0;
    if (!p || memchr(p, 0, n)) {
        r->error = true;
        return "";
    }
    char *copy = r->strings + r->strings_used;
    memcpy(copy, p, n);
    copy[n] = '\0';
    r->strings_used += n + 1;
    if (len) *len = n;
    return copy;
}

const uint8_t *p9_get_bytes(p9_reader *r, size_t n) { return take(r, n); }

bool p9_reader_done(const p9_reader *r) { return !r->error && r->pos == r->len; }

void p9_writer_init(p9_writer *w, uint8_t *buf, size_t cap) {
    *w = (p9_writer){.buf = buf, .cap = cap};
}

void p9_put_bytes(p9_writer *w, const void *data, size_t len) {
    if (w->overflow || w->cap - w->len < len) {
        w->overflow = true;
        return;
    }
    if (len) memcpy(w->buf + w->len, data, len);
    w->len += len;
}

static void put_le(p9_writer *w, uint64_t v, size_t n) {
    uint8_t b[8];
    for (size_t i = 0; i < n; i++) b[i] = (uint8_t)(v >> (8 * i));
    p9_put_bytes(w, b, n);
}

void p9_put_u8(p9_writer *w, uint8_t v) { put_le(w, v, 1); }
void p9_put_u16(p9_writer *w, uint16_t v) { put_le(w, v, 2); }
void p9_put_u32(p9_writer *w, uint32_t v) { put_le(w, v, 4); }
void p9_put_u64(p9_writer *w, uint64_t v) { put_le(w, v, 8); }

void p9_put_str(p9_writer *w, const char *s, size_t len) {
    if (len > UINT16_MAX) {
        w->overflow = true;
        return;
    }
    p9_put_u16(w, (uint16_t)len);
    p9_put_bytes(w, s, len);
}

void p9_put_qid(p9_writer *w, const p9_qid *qid) {
    p9_put_u8(w, qid->type);
    p9_put_u32(w, qid->version);
    p9_put_u64(w, qid->path);
}

size_t p9_writer_room(const p9_writer *w) { return w->overflow ? 0 : w->cap - w->len; }

void p9_finish(p9_writer *w, uint8_t type, uint16_t tag) {
    if (w->cap < P9_HEADER_SIZE) return;
    uint32_t size = (uint32_t)w->len;
    for (int i = 0; i < 4; i++) w->buf[i] = (uint8_t)(size >> (8 * i));
    w->buf[4] = type;
    w->buf[5] = (uint8_t)tag;
    w->buf[6] = (uint8_t)(tag >> 8);
}
