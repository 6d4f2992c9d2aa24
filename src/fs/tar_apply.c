/*
 * The layer's byte stream (see tar_apply.h): compression detected by magic (gzip via
 * zlib, concatenated members allowed; zstd refused clearly for now), then the tar
 * stream as a small state machine over 512-byte blocks, so bytes can arrive in pieces
 * of any size. File data goes straight into the tree as it arrives; only extended
 * headers (GNU long names, PAX records) are buffered, up to META_MAX bytes each.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/tar_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "fs/tar_entry.h"
#include "fs/tar_format.h"

#define META_MAX (1u << 20)      /* largest PAX header or GNU long name we buffer */
#define INFLATE_CHUNK (64u << 10)

typedef enum { CODEC_DETECT, CODEC_RAW, CODEC_GZIP } codec;
typedef enum {
    S_HEADER, /* collecting a header block */
    S_META,   /* collecting an extended header's data */
    S_DATA,   /* a regular file's data, into the tree */
    S_SKIP,   /* data nobody keeps, and padding to the next block */
    S_END,    /* after the end-of-archive marker: the rest is ignored */
} stream_state;

struct tar_apply {
    tar_layer layer;
    codec codec;
    unsigned char magic[4];
    size_t magic_len;
    z_stream z;
    bool z_live, z_member_ended;
    unsigned char *inflated;

    stream_state state;
    unsigned char block[TAR_BLOCK];
    size_t block_len;
    tar_overrides overrides;
    tar_header header; /* the current entry */
    char meta_type;
    unsigned char *meta;
    size_t meta_len, meta_size;
    spin_fs_node *file_node;
    spin_fs_file *file;
    uint64_t offset, remaining, padding;
    bool skip_is_padding; /* S_SKIP only past the last data: cutting it short is fine */

    uint64_t entries;
    int error;
    char message[400];
};

static const char *errno_text(int err) {
    switch (-err) {
    case SPIN_ENOMEM: return "out of memory";
    case SPIN_ENOSPC: return "no space left in the tree (limit reached)";
    case SPIN_EFBIG: return "file too large";
    case SPIN_ENAMETOOLONG: return "a name in the path is longer than 255 bytes";
    case SPIN_EEXIST: return "already exists";
    case SPIN_ENOENT: return "no such file or directory";
    case SPIN_ENOTDIR: return "not a directory";
    case SPIN_EROFS: return "the tree is read-only";
    case SPIN_EMLINK: return "too many hard links";
    case SPIN_ELOOP: return "too deep";
    default: return "cannot apply";
    }
}

/* Records the first error, naming the entry (path as the archive wrote it, made
 * printable and shortened). */
static int fail(tar_apply *t, int err, const char *path, const char *why) {
    if (t->error) return t->error;
    t->error = err;
    char shown[160];
    size_t n = 0;
    for (const char *p = path ? path : ""; *p && n + 4 < sizeof shown; p++)
        shown[n++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
    if (path && strlen(path) > n) shown[n++] = '.', shown[n++] = '.', shown[n++] = '.';
    shown[n] = 0;
    if (path) snprintf(t->message, sizeof t->message, "layer entry \"%s\": %s", shown,
                       why ? why : errno_text(err));
    else snprintf(t->message, sizeof t->message, "layer: %s", why ? why : errno_text(err));
    return err;
}

static void skip(tar_apply *t, uint64_t bytes, bool padding_only) {
    t->remaining = bytes;
    t->skip_is_padding = padding_only;
    t->state = bytes ? S_SKIP : S_HEADER;
}

static uint64_t padding_of(uint64_t size) { return (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK; }

static int file_done(tar_apply *t) {
    int err = tar_layer_file_done(&t->layer, t->file_node, t->file, &t->header);
    t->file = NULL;
    t->file_node = NULL;
    if (err) return fail(t, err, t->header.path, NULL);
    skip(t, padding_of(t->header.size), true);
    return 0;
}

static int meta_done(tar_apply *t);

static int header_block(tar_apply *t) {
    if (tar_block_is_zero(t->block)) {
        /* End of archive (GNU tar writes two zero blocks; one is enough to stop). */
        t->state = S_END;
        return 0;
    }
    tar_header_free(&t->header);
    const char *why = NULL;
    /* Extended headers describe the next real entry: parsing one of them must leave
     * what earlier ones said (a GNU 'L' before a 'K') for that entry. */
    char type = (char)t->block[156];
    bool meta = type == 'L' || type == 'K' || type == 'x' || type == 'g';
    tar_overrides none = {0};
    int err = tar_header_parse(t->block, meta ? &none : &t->overrides, &t->header, &why);
    if (err) {
        char name[101];
        memcpy(name, t->block, 100);
        name[100] = 0;
        return fail(t, err, name, why);
    }
    tar_header *h = &t->header;
    if (h->type == 'L' || h->type == 'K' || h->type == 'x' || h->type == 'g') {
        if (h->size > META_MAX)
            return fail(t, -SPIN_EINVAL, h->path, "extended header larger than 1 MiB");
        free(t->meta);
        if (!(t->meta = malloc(h->size + 1))) return fail(t, -SPIN_ENOMEM, h->path, NULL);
        t->meta_type = h->type;
        t->meta_len = 0;
        t->meta_size = (size_t)h->size;
        t->state = S_META;
        return t->meta_size ? 0 : meta_done(t);
    }
    t->entries++;
    err = tar_layer_entry(&t->layer, h, &t->file_node, &t->file, &why);
    if (err) return fail(t, err, h->path, why);
    if (t->file) {
        t->offset = 0;
        t->remaining = h->size;
        t->state = S_DATA;
        return h->size ? 0 : file_done(t);
    }
    skip(t, h->size + padding_of(h->size), false);
    return 0;
}

static int meta_done(tar_apply *t) {
    const char *why = NULL;
    int err = 0;
    t->meta[t->meta_size] = 0;
    if (t->meta_type == 'L' || t->meta_type == 'K') {
        char **slot = t->meta_type == 'L' ? &t->overrides.path : &t->overrides.linkpath;
        free(*slot);
        if (!(*slot = strdup((char *)t->meta))) err = -SPIN_ENOMEM;
    } else if (t->meta_type == 'x') {
        err = tar_pax_parse(t->meta, t->meta_size, &t->overrides, &why);
    } /* 'g' (global PAX header): nothing in it matters to the tree */
    free(t->meta);
    t->meta = NULL;
    if (err) return fail(t, err, t->header.path, why);
    skip(t, padding_of(t->meta_size), false);
    return 0;
}

/* Tar bytes, after decompression. */
static int consume(tar_apply *t, const unsigned char *p, size_t n) {
    while (n && !t->error && t->state != S_END) {
        size_t take;
        switch (t->state) {
        case S_HEADER:
            take = TAR_BLOCK - t->block_len;
            if (take > n) take = n;
            memcpy(t->block + t->block_len, p, take);
            t->block_len += take;
            if (t->block_len == TAR_BLOCK) {
                t->block_len = 0;
                header_block(t);
            }
            break;
        case S_META:
            take = t->meta_size - t->meta_len;
            if (take > n) take = n;
            memcpy(t->meta + t->meta_len, p, take);
            t->meta_len += take;
            if (t->meta_len == t->meta_size) meta_done(t);
            break;
        case S_DATA: {
            take = t->remaining < n ? (size_t)t->remaining : n;
            spin_fs *fs = t->layer.fs;
            int64_t wrote = fs->ops->write(fs, t->file, t->offset, p, take);
            if (wrote <= 0)
                return fail(t, wrote < 0 ? (int)wrote : -SPIN_EIO, t->header.path, NULL);
            take = (size_t)wrote;
            t->offset += take;
            t->remaining -= take;
            if (!t->remaining) file_done(t);
            break;
        }
        case S_SKIP:
            take = t->remaining < n ? (size_t)t->remaining : n;
            t->remaining -= take;
            if (!t->remaining) t->state = S_HEADER;
            break;
        default:
            return 0;
        }
        p += take;
        n -= take;
    }
    return t->error;
}

static int inflate_some(tar_apply *t, const unsigned char *data, size_t len) {
    t->z.next_in = (unsigned char *)data;
    t->z.avail_in = (uInt)len;
    while (!t->error && t->state != S_END) {
        if (t->z_member_ended) {
            if (!t->z.avail_in) break;
            inflateReset(&t->z); /* another gzip member follows */
            t->z_member_ended = false;
        }
        t->z.next_out = t->inflated;
        t->z.avail_out = INFLATE_CHUNK;
        int r = inflate(&t->z, Z_NO_FLUSH);
        consume(t, t->inflated, INFLATE_CHUNK - t->z.avail_out);
        if (r == Z_STREAM_END) {
            t->z_member_ended = true;
        } else if (r == Z_BUF_ERROR) {
            break; /* wants more input */
        } else if (r != Z_OK) {
            char why[120];
            snprintf(why, sizeof why, "corrupt gzip data (%s)", t->z.msg ? t->z.msg : "?");
            return fail(t, -SPIN_EINVAL, NULL, why);
        } else if (!t->z.avail_in && t->z.avail_out) {
            break;
        }
    }
    return t->error;
}

/* Bytes in whatever form the layer has, once the codec is known. */
static int decode(tar_apply *t, const unsigned char *data, size_t len) {
    if (t->codec == CODEC_GZIP) return inflate_some(t, data, len);
    return consume(t, data, len);
}

static int pick_codec(tar_apply *t) {
    static const unsigned char zstd[4] = {0x28, 0xb5, 0x2f, 0xfd};
    if (t->magic_len >= 2 && t->magic[0] == 0x1f && t->magic[1] == 0x8b) {
        if (!(t->inflated = malloc(INFLATE_CHUNK))) return fail(t, -SPIN_ENOMEM, NULL, NULL);
        if (inflateInit2(&t->z, 16 + MAX_WBITS) != Z_OK)
            return fail(t, -SPIN_ENOMEM, NULL, NULL);
        t->z_live = true;
        t->codec = CODEC_GZIP;
    } else if (t->magic_len == 4 && !memcmp(t->magic, zstd, 4)) {
        return fail(t, -SPIN_EOPNOTSUPP, NULL, "zstd-compressed layers are not supported yet");
    } else {
        t->codec = CODEC_RAW;
    }
    return decode(t, t->magic, t->magic_len);
}

int tar_apply_feed(tar_apply *t, const void *data, size_t len) {
    const unsigned char *p = data;
    if (t->error) return t->error;
    if (t->codec == CODEC_DETECT) {
        while (len && t->magic_len < sizeof t->magic) t->magic[t->magic_len++] = *p++, len--;
        if (t->magic_len < sizeof t->magic) return 0;
        if (pick_codec(t)) return t->error;
    }
    while (len && !t->error) { /* zlib counts input in uInt */
        size_t piece = len > (1u << 30) ? (1u << 30) : len;
        decode(t, p, piece);
        p += piece;
        len -= piece;
    }
    return t->error;
}

int tar_apply_finish(tar_apply *t) {
    if (t->error) return t->error;
    if (t->codec == CODEC_DETECT && pick_codec(t)) return t->error;
    if (t->codec == CODEC_GZIP && t->state != S_END && !t->z_member_ended)
        return fail(t, -SPIN_EINVAL, NULL, "gzip stream cut short (truncated layer)");
    bool complete = t->state == S_END || (t->state == S_HEADER && t->block_len == 0) ||
                    (t->state == S_SKIP && t->skip_is_padding);
    if (!complete) {
        const char *path = t->state == S_HEADER ? NULL : t->header.path;
        return fail(t, -SPIN_EINVAL, path, "archive cut short inside this entry (truncated)");
    }
    int err = tar_layer_finish(&t->layer);
    return err ? fail(t, err, NULL, "setting directory times") : 0;
}

int tar_apply_start(spin_fs *fs, tar_apply **out) {
    tar_apply *t = calloc(1, sizeof *t);
    if (!t) return -SPIN_ENOMEM;
    int err = tar_layer_init(&t->layer, fs);
    if (err) {
        free(t);
        return err;
    }
    *out = t;
    return 0;
}

const char *tar_apply_error(const tar_apply *t) { return t->message; }

uint64_t tar_apply_entries(const tar_apply *t) { return t->entries; }

void tar_apply_free(tar_apply *t) {
    if (!t) return;
    if (t->file) {
        t->layer.fs->ops->close(t->layer.fs, t->file);
        t->layer.fs->ops->unref(t->layer.fs, t->file_node);
    }
    if (t->z_live) inflateEnd(&t->z);
    free(t->inflated);
    free(t->meta);
    tar_header_free(&t->header);
    tar_overrides_free(&t->overrides);
    tar_layer_release(&t->layer);
    free(t);
}
