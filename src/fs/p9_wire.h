/*
 * 9P2000.L wire encoding: little-endian integers, strings as a 16-bit length and bytes,
 * qids as type[1] version[4] path[8]. The reader never reads past the message: a short
 * field sets its error flag and reads zeros, so a decoder can read every field and check
 * once at the end. The writer likewise never writes past its buffer and remembers that
 * it ran out of room.
 */
#ifndef SPIN_FS_P9_WIRE_H
#define SPIN_FS_P9_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* size[4] type[1] tag[2] */
#define P9_HEADER_SIZE 7u
#define P9_QID_SIZE 13u
#define P9_NOTAG 0xffffu
#define P9_NOFID 0xffffffffu

typedef struct p9_qid {
    uint8_t type;
    uint32_t version;
    uint64_t path;
} p9_qid;

typedef struct p9_reader {
    const uint8_t *data;
    size_t len, pos;
    bool error;    /* a field ran past the end, or a string held a NUL byte */
    char *strings; /* where strings are copied NUL-terminated (room for the whole message) */
    size_t strings_used;
} p9_reader;

typedef struct p9_writer {
    uint8_t *buf;
    size_t cap, len;
    bool overflow;
} p9_writer;

/* strings must have room for len + 1 bytes: each string costs its 2-byte length in the
 * message and one NUL in the copy. */
void p9_reader_init(p9_reader *r, const uint8_t *data, size_t len, char *strings);
uint8_t p9_get_u8(p9_reader *r);
uint16_t p9_get_u16(p9_reader *r);
uint32_t p9_get_u32(p9_reader *r);
uint64_t p9_get_u64(p9_reader *r);
/* A NUL-terminated copy of the next string ("" on error); *len gets its length if given. */
const char *p9_get_str(p9_reader *r, size_t *len);
/* The next n bytes in place (NULL and error if fewer remain). */
const uint8_t *p9_get_bytes(p9_reader *r, size_t n);
/* True if every field was there and nothing is left over. */
bool p9_reader_done(const p9_reader *r);

void p9_writer_init(p9_writer *w, uint8_t *buf, size_t cap);
void p9_put_u8(p9_writer *w, uint8_t v);
void p9_put_u16(p9_writer *w, uint16_t v);
void p9_put_u32(p9_writer *w, uint32_t v);
void p9_put_u64(p9_writer *w, uint64_t v);
void p9_put_str(p9_writer *w, const char *s, size_t len);
void p9_put_bytes(p9_writer *w, const void *data, size_t len);
void p9_put_qid(p9_writer *w, const p9_qid *qid);
/* Room left for more bytes. */
size_t p9_writer_room(const p9_writer *w);
/* Writes the message header (size of everything written so far, type, tag) at the start;
 * the caller reserved P9_HEADER_SIZE bytes first. */
void p9_finish(p9_writer *w, uint8_t type, uint16_t tag);

#endif
