/*
 * The tar format as layers use it: the 512-byte header of ustar, GNU and v7 archives
 * (checksum, octal and base-256 numbers), and the records of PAX extended headers.
 * Pure parsing of bytes the archive's author chose: every field is bounded and every
 * number range-checked; nothing here touches a file tree (tar_apply.c does).
 */
#ifndef SPIN_FS_TAR_FORMAT_H
#define SPIN_FS_TAR_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fs.h"

#define TAR_BLOCK 512

typedef struct tar_xattr {
    char *name;
    unsigned char *value;
    size_t len;
} tar_xattr;

/* What extended headers (PAX 'x', GNU 'L'/'K') say about the entry that follows them;
 * each field overrides the header's own when set. */
typedef struct tar_overrides {
    char *path, *linkpath;
    bool has_size, has_uid, has_gid, has_mtime;
    uint64_t size;
    uint32_t uid, gid;
    spin_fs_time mtime;
    tar_xattr *xattrs;
    size_t xattr_count;
} tar_overrides;

typedef struct tar_header {
    char type;       /* typeflag: '0' file, '1' hard link, '2' symlink, '5' dir, 'x'... */
    char *path;      /* as written (prefix joined), NUL-terminated, owned */
    char *linkpath;  /* owned, "" if none */
    uint32_t mode;   /* permission bits and setuid/setgid/sticky (07777) */
    uint32_t uid, gid;
    uint64_t size;   /* bytes of data following the header */
    spin_fs_time mtime;
    uint32_t devmajor, devminor;
    tar_xattr *xattrs; /* taken over from the overrides */
    size_t xattr_count;
} tar_header;

/* True if the block is all zeros (end of archive). */
bool tar_block_is_zero(const unsigned char block[TAR_BLOCK]);

/* Parses a header block, applying and consuming the overrides. 0, or -SPIN_EINVAL with
 * *why set to a static explanation ("header checksum mismatch"...). */
int tar_header_parse(const unsigned char block[TAR_BLOCK], tar_overrides *ov, tar_header *out,
                     const char **why);
void tar_header_free(tar_header *h);

/* Adds the records of a PAX extended header's data to ov. 0, or -SPIN_EINVAL with *why. */
int tar_pax_parse(const unsigned char *data, size_t len, tar_overrides *ov, const char **why);
void tar_overrides_free(tar_overrides *ov);

#endif
