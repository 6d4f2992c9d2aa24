/*
 * Parsing of tar headers and PAX records (see tar_format.h). The layouts are POSIX
 * ustar (pax interchange format, IEEE 1003.1-2017 "pax"), GNU tar's variant (magic
 * "ustar  ", no prefix field, base-256 numbers) and v7 (no magic).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/tar_format.h"

#include <stdlib.h>
#include <string.h>

/* Field offsets and widths in the header block. */
enum {
    F_NAME = 0, W_NAME = 100,
    F_MODE = 100, F_UID = 108, F_GID = 116, W_ID = 8,
    F_SIZE = 124, F_MTIME = 136, W_NUM12 = 12,
    F_CHKSUM = 148, W_CHKSUM = 8,
    F_TYPE = 156,
    F_LINK = 157, W_LINK = 100,
    F_MAGIC = 257,
    F_DEVMAJOR = 329, F_DEVMINOR = 337,
    F_PREFIX = 345, W_PREFIX = 155,
};

bool tar_block_is_zero(const unsigned char block[TAR_BLOCK]) {
    for (size_t i = 0; i < TAR_BLOCK; i++)
        if (block[i]) return false;
    return true;
}

/* An unsigned number field: octal digits (leading spaces allowed, ended by a space or
 * NUL or the field's end; empty means 0) or GNU base-256 (first byte 0x80). */
static bool parse_unsigned(const unsigned char *f, size_t width, uint64_t max, uint64_t *out) {
    uint64_t v = 0;
    if (f[0] & 0x80) {
        if (f[0] != 0x80) return false; /* negative or malformed */
        for (size_t i = 1; i < width; i++) {
            if (v > (max >> 8)) return false;
            v = v << 8 | f[i];
        }
    } else {
        size_t i = 0;
        while (i < width && f[i] == ' ') i++;
        for (; i < width && f[i] >= '0' && f[i] <= '7'; i++) {
            if (v > (max >> 3)) return false;
            v = v << 3 | (uint64_t)(f[i] - '0');
        }
        for (; i < width; i++)
            if (f[i] != ' ' && f[i] != 0) return false;
    }
    if (v > max) return false;
    *out = v;
    return true;
}

/* A time field: as parse_unsigned, or a negative base-256 value (first byte 0xff). */
static bool parse_time(const unsigned char *f, size_t width, int64_t *out) {
    if (f[0] == 0xff) {
        int64_t v = -1; /* two's complement, sign-extended from the field */
        for (size_t i = 1; i < width; i++) {
            if (v < (INT64_MIN >> 8)) return false;
            v = (int64_t)((uint64_t)v << 8 | f[i]);
        }
        *out = v;
        return true;
    }
    uint64_t v;
    if (!parse_unsigned(f, width, INT64_MAX, &v)) return false;
    *out = (int64_t)v;
    return true;
}

/* A NUL-terminated copy of a fixed-width string field. */
static char *field_string(const unsigned char *f, size_t width) {
    size_t len = 0;
    while (len < width && f[len]) len++;
    char *s = malloc(len + 1);
    if (!s) return NULL;
    memcpy(s, f, len);
    s[len] = 0;
    return s;
}

static bool checksum_ok(const unsigned char *block) {
    uint64_t stored;
    if (!parse_unsigned(block + F_CHKSUM, W_CHKSUM, UINT32_MAX, &stored)) return false;
    uint64_t unsigned_sum = 0;
    int64_t signed_sum = 0; /* some old tars summed signed chars */
    for (size_t i = 0; i < TAR_BLOCK; i++) {
        unsigned char c = (i >= F_CHKSUM && i < F_CHKSUM + W_CHKSUM) ? ' ' : block[i];
        unsigned_sum += c;
        signed_sum += (signed char)c;
    }
    return stored == unsigned_sum || (int64_t)stored == signed_sum;
}

static void xattrs_free(tar_xattr *xattrs, size_t count) {
    for (size_t i = 0; i < count; i++) {
        free(xattrs[i].name);
        free(xattrs[i].value);
    }
    free(xattrs);
}

void tar_overrides_free(tar_overrides *ov) {
    free(ov->path);
    free(ov->linkpath);
    xattrs_free(ov->xattrs, ov->xattr_count);
    memset(ov, 0, sizeof *ov);
}

void tar_header_free(tar_header *h) {
    free(h->path);
    free(h->linkpath);
    xattrs_free(h->xattrs, h->xattr_count);
    memset(h, 0, sizeof *h);
}

int tar_header_parse(const unsigned char block[TAR_BLOCK], tar_overrides *ov, tar_header *out,
                     const char **why) {
    memset(out, 0, sizeof *out);
    if (!checksum_ok(block)) {
        *why = "header checksum mismatch (corrupt archive, or not a tar archive)";
        return -SPIN_EINVAL;
    }
    uint64_t mode, uid, gid, size, major, minor;
    int64_t mtime;
    if (!parse_unsigned(block + F_MODE, W_ID, UINT32_MAX, &mode) ||
        !parse_unsigned(block + F_UID, W_ID, UINT32_MAX, &uid) ||
        !parse_unsigned(block + F_GID, W_ID, UINT32_MAX, &gid) ||
        !parse_unsigned(block + F_SIZE, W_NUM12, INT64_MAX, &size) ||
        !parse_time(block + F_MTIME, W_NUM12, &mtime) ||
        !parse_unsigned(block + F_DEVMAJOR, W_ID, UINT32_MAX, &major) ||
        !parse_unsigned(block + F_DEVMINOR, W_ID, UINT32_MAX, &minor)) {
        *why = "malformed number in header";
        return -SPIN_EINVAL;
    }
    out->type = (char)block[F_TYPE];
    out->mode = (uint32_t)mode & 07777;
    out->uid = ov->has_uid ? ov->uid : (uint32_t)uid;
    out->gid = ov->has_gid ? ov->gid : (uint32_t)gid;
    out->size = ov->has_size ? ov->size : size;
    out->mtime = ov->has_mtime ? ov->mtime : (spin_fs_time){mtime, 0};
    out->devmajor = (uint32_t)major;
    out->devminor = (uint32_t)minor;

    /* POSIX ustar splits long names into prefix "/" name; GNU uses that space otherwise. */
    bool posix = !memcmp(block + F_MAGIC, "ustar\0", 6);
    if (ov->path) {
        out->path = ov->path;
        ov->path = NULL;
    } else {
        char *name = field_string(block + F_NAME, W_NAME);
        char *prefix = posix ? field_string(block + F_PREFIX, W_PREFIX) : NULL;
        if (!name || (posix && !prefix)) {
            free(name);
            free(prefix);
            return -SPIN_ENOMEM;
        }
        if (prefix && prefix[0]) {
            size_t pl = strlen(prefix), nl = strlen(name);
            out->path = malloc(pl + 1 + nl + 1);
            if (out->path) {
                memcpy(out->path, prefix, pl);
                out->path[pl] = '/';
                memcpy(out->path + pl + 1, name, nl + 1);
            }
            free(name);
        } else {
            out->path = name;
        }
        free(prefix);
        if (!out->path) return -SPIN_ENOMEM;
    }
    if (ov->linkpath) {
        out->linkpath = ov->linkpath;
        ov->linkpath = NULL;
    } else if (!(out->linkpath = field_string(block + F_LINK, W_LINK))) {
        tar_header_free(out);
        return -SPIN_ENOMEM;
    }
    out->xattrs = ov->xattrs;
    out->xattr_count = ov->xattr_count;
    ov->xattrs = NULL;
    ov->xattr_count = 0;
    tar_overrides_free(ov);
    /* v7 and old GNU archives mark directories by a trailing slash on a regular entry. */
    size_t len = strlen(out->path);
    if ((out->type == '0' || out->type == 0) && len && out->path[len - 1] == '/')
        out->type = '5';
    return 0;
}

/* A decimal number of at most max, the whole of [s, s+len). */
static bool parse_decimal(const char *s, size_t len, uint64_t max, uint64_t *out) {
    if (len == 0) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        unsigned digit = (unsigned)(s[i] - '0');
        if (v > (max - digit) / 10) return false;
        v = v * 10 + digit;
    }
    *out = v;
    return true;
}

/* A PAX time: [-]seconds[.fraction]. */
static bool parse_pax_time(const char *s, size_t len, spin_fs_time *out) {
    bool negative = len && s[0] == '-';
    if (negative) s++, len--;
    const char *dot = memchr(s, '.', len);
    size_t whole = dot ? (size_t)(dot - s) : len;
    uint64_t sec;
    if (!parse_decimal(s, whole, INT64_MAX, &sec)) return false;
    uint32_t nsec = 0;
    if (dot) {
        uint32_t scale = 100000000;
        for (size_t i = whole + 1; i < len; i++) {
            if (s[i] < '0' || s[i] > '9') return false;
            nsec += (uint32_t)(s[i] - '0') * scale;
            scale /= 10; /* digits past nanoseconds add nothing */
        }
    }
    if (negative) { /* -1.25 is 1.25 s before the epoch: sec -2, nsec 0.75 s */
        out->sec = -(int64_t)sec - (nsec ? 1 : 0);
        out->nsec = nsec ? 1000000000u - nsec : 0;
    } else {
        out->sec = (int64_t)sec;
        out->nsec = nsec;
    }
    return true;
}

static char *copy_string(const char *s, size_t len) {
    if (memchr(s, 0, len)) return NULL;
    char *c = malloc(len + 1);
    if (!c) return NULL;
    memcpy(c, s, len);
    c[len] = 0;
    return c;
}

static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decodes base64 (padding optional) into out (room for len * 3 / 4 + 3); -1 if bad. */
static long base64_decode(const char *s, size_t len, unsigned char *out) {
    while (len && s[len - 1] == '=') len--;
    size_t n = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int v = base64_value(s[i]);
        if (v < 0) return -1;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)(acc >> bits);
        }
    }
    return (long)n;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes %XX escapes (libarchive's xattr names) into a new string; NULL if bad. */
static char *percent_decode(const char *s, size_t len) {
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            out[n++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = 0;
    return out;
}

/* Adds an xattr (name owned by the caller on failure); replaces one of the same name. */
static int add_xattr(tar_overrides *ov, char *name, const unsigned char *value, size_t len) {
    size_t name_len = strlen(name);
    if (name_len == 0 || name_len > 255 || len > 65536) return -SPIN_EINVAL;
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) return -SPIN_ENOMEM;
    if (len) memcpy(copy, value, len);
    for (size_t i = 0; i < ov->xattr_count; i++) {
        if (!strcmp(ov->xattrs[i].name, name)) {
            free(ov->xattrs[i].value);
            ov->xattrs[i].value = copy;
            ov->xattrs[i].len = len;
            free(name);
            return 0;
        }
    }
    tar_xattr *grown = realloc(ov->xattrs, (ov->xattr_count + 1) * sizeof *grown);
    if (!grown) {
        free(copy);
        return -SPIN_ENOMEM;
    }
    ov->xattrs = grown;
    ov->xattrs[ov->xattr_count++] = (tar_xattr){name, copy, len};
    return 0;
}

static bool key_is(const char *key, size_t key_len, const char *want) {
    return strlen(want) == key_len && !memcmp(key, want, key_len);
}

static bool key_starts(const char *key, size_t key_len, const char *prefix) {
    size_t n = strlen(prefix);
    return key_len > n && !memcmp(key, prefix, n);
}

/* One record's key and value. */
static int pax_record(tar_overrides *ov, const char *key, size_t key_len, const char *value,
                      size_t value_len, const char **why) {
    uint64_t number;
    *why = "malformed PAX record";
    if (key_is(key, key_len, "path") || key_is(key, key_len, "linkpath")) {
        char **slot = key_is(key, key_len, "path") ? &ov->path : &ov->linkpath;
        free(*slot);
        *slot = NULL;
        if (value_len == 0) return 0; /* an empty value removes the override */
        if (!(*slot = copy_string(value, value_len))) return -SPIN_EINVAL;
    } else if (key_is(key, key_len, "size")) {
        if (!parse_decimal(value, value_len, INT64_MAX, &number)) return -SPIN_EINVAL;
        ov->has_size = true;
        ov->size = number;
    } else if (key_is(key, key_len, "uid") || key_is(key, key_len, "gid")) {
        if (!parse_decimal(value, value_len, UINT32_MAX, &number)) return -SPIN_EINVAL;
        if (key[0] == 'u') ov->has_uid = true, ov->uid = (uint32_t)number;
        else ov->has_gid = true, ov->gid = (uint32_t)number;
    } else if (key_is(key, key_len, "mtime")) {
        if (!parse_pax_time(value, value_len, &ov->mtime)) return -SPIN_EINVAL;
        ov->has_mtime = true;
    } else if (key_starts(key, key_len, "SCHILY.xattr.")) {
        size_t skip = strlen("SCHILY.xattr.");
        char *name = copy_string(key + skip, key_len - skip);
        if (!name) return -SPIN_EINVAL;
        int err = add_xattr(ov, name, (const unsigned char *)value, value_len);
        if (err) free(name);
        return err;
    } else if (key_starts(key, key_len, "LIBARCHIVE.xattr.")) {
        size_t skip = strlen("LIBARCHIVE.xattr.");
        char *name = percent_decode(key + skip, key_len - skip);
        unsigned char *bytes = malloc(value_len * 3 / 4 + 3);
        long n = (name && bytes) ? base64_decode(value, value_len, bytes) : -1;
        int err = n < 0 ? -SPIN_EINVAL : add_xattr(ov, name, bytes, (size_t)n);
        if (err) free(name);
        free(bytes);
        return err;
    } else if (key_starts(key, key_len, "GNU.sparse.")) {
        *why = "sparse files are not supported";
        return -SPIN_EINVAL;
    }
    return 0; /* atime, ctime, uname, gname, comment...: nothing a tree keeps */
}

int tar_pax_parse(const unsigned char *data, size_t len, tar_overrides *ov, const char **why) {
    const char *s = (const char *)data;
    size_t at = 0;
    while (at < len) {
        if (s[at] == 0) break; /* some writers pad the data with NULs */
        size_t digits = 0;
        while (at + digits < len && s[at + digits] >= '0' && s[at + digits] <= '9') digits++;
        uint64_t record_len;
        *why = "malformed PAX record";
        if (!parse_decimal(s + at, digits, len - at, &record_len) ||
            record_len < digits + 3 || s[at + digits] != ' ' || s[at + record_len - 1] != '\n')
            return -SPIN_EINVAL;
        const char *key = s + at + digits + 1;
        const char *end = s + at + record_len - 1; /* the newline */
        const char *eq = memchr(key, '=', (size_t)(end - key));
        if (!eq || eq == key) return -SPIN_EINVAL;
        int err = pax_record(ov, key, (size_t)(eq - key), eq + 1, (size_t)(end - eq - 1), why);
        if (err) return err;
        at += record_len;
    }
    return 0;
}
