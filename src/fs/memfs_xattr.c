/*
 * memfs extended attributes: a small unsorted array per node (nodes carry a handful at
 * most: security.capability, user.*), with Linux's limits on names, values and the
 * size of the name list, so what a layer or the guest sets can be listed back.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strnlen, clock_gettime */
#include "fs/memfs_internal.h"

#include <stdlib.h>
#include <string.h>

#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536
#define XATTR_LIST_MAX 65536
#define XATTR_CREATE 1
#define XATTR_REPLACE 2

static memfs_xattr *find(memfs_node *node, const char *name) {
    for (size_t i = 0; i < node->xattr_count; i++)
        if (!strcmp(node->xattrs[i].name, name)) return &node->xattrs[i];
    return NULL;
}

static int check_name(const char *name) {
    size_t len = strlen(name);
    if (len == 0) return -SPIN_EINVAL;
    if (len > XATTR_NAME_MAX) return -SPIN_ERANGE;
    return 0;
}

static size_t list_length(const memfs_node *node) {
    size_t total = 0;
    for (size_t i = 0; i < node->xattr_count; i++) total += strlen(node->xattrs[i].name) + 1;
    return total;
}

uint64_t memfs_xattrs_bytes(const memfs_node *node) {
    uint64_t total = 0;
    for (size_t i = 0; i < node->xattr_count; i++)
        total += strlen(node->xattrs[i].name) + node->xattrs[i].len;
    return total;
}

int64_t memfs_getxattr(spin_fs *fs, spin_fs_node *handle, const char *name, void *buf,
                       size_t len) {
    (void)fs;
    int err = check_name(name);
    if (err) return err;
    memfs_xattr *x = find((memfs_node *)handle, name);
    if (!x) return -SPIN_ENODATA;
    if (len == 0) return (int64_t)x->len;
    if (len < x->len) return -SPIN_ERANGE;
    if (x->len) memcpy(buf, x->value, x->len);
    return (int64_t)x->len;
}

int64_t memfs_listxattr(spin_fs *fs, spin_fs_node *handle, char *buf, size_t len) {
    (void)fs;
    memfs_node *node = (memfs_node *)handle;
    size_t total = list_length(node);
    if (len == 0) return (int64_t)total;
    if (len < total) return -SPIN_ERANGE;
    size_t at = 0;
    for (size_t i = 0; i < node->xattr_count; i++) {
        size_t n = strlen(node->xattrs[i].name) + 1;
        memcpy(buf + at, node->xattrs[i].name, n);
        at += n;
    }
    return (int64_t)total;
}

int memfs_setxattr(spin_fs *fs, spin_fs_node *handle, const char *name, const void *value,
                   size_t len, int flags) {
    memfs *m = memfs_of(fs);
    memfs_node *node = (memfs_node *)handle;
    if (fs->read_only) return -SPIN_EROFS;
    if (flags & ~(XATTR_CREATE | XATTR_REPLACE)) return -SPIN_EINVAL;
    int err = check_name(name);
    if (err) return err;
    if (len > XATTR_SIZE_MAX) return -SPIN_ERANGE;
    memfs_xattr *x = find(node, name);
    if (x && (flags & XATTR_CREATE)) return -SPIN_EEXIST;
    if (!x && (flags & XATTR_REPLACE)) return -SPIN_ENODATA;
    if (!x && list_length(node) + strlen(name) + 1 > XATTR_LIST_MAX) return -SPIN_ENOSPC;

    int64_t delta = x ? (int64_t)len - (int64_t)x->len : (int64_t)(len + strlen(name));
    void *copy = malloc(len ? len : 1);
    if (!copy) return -SPIN_ENOMEM;
    if (len) memcpy(copy, value, len);
    if (!x) {
        memfs_xattr *grown = realloc(node->xattrs, (node->xattr_count + 1) * sizeof *grown);
        if (!grown) {
            free(copy);
            return -SPIN_ENOMEM;
        }
        node->xattrs = grown;
        char *name_copy = strdup(name);
        if (!name_copy) {
            free(copy);
            return -SPIN_ENOMEM;
        }
        if ((err = memfs_charge(m, delta))) {
            free(name_copy);
            free(copy);
            return err;
        }
        x = &node->xattrs[node->xattr_count++];
        x->name = name_copy;
        x->value = NULL;
    } else if ((err = memfs_charge(m, delta))) {
        free(copy);
        return err;
    }
    free(x->value);
    x->value = copy;
    x->len = len;
    memfs_touch(m, node, false);
    return 0;
}

int memfs_removexattr(spin_fs *fs, spin_fs_node *handle, const char *name) {
    memfs *m = memfs_of(fs);
    memfs_node *node = (memfs_node *)handle;
    if (fs->read_only) return -SPIN_EROFS;
    int err = check_name(name);
    if (err) return err;
    memfs_xattr *x = find(node, name);
    if (!x) return -SPIN_ENODATA;
    memfs_charge(m, -(int64_t)(strlen(x->name) + x->len));
    free(x->name);
    free(x->value);
    *x = node->xattrs[--node->xattr_count];
    memfs_touch(m, node, false);
    return 0;
}

void memfs_xattrs_free(memfs_node *node) {
    for (size_t i = 0; i < node->xattr_count; i++) {
        free(node->xattrs[i].name);
        free(node->xattrs[i].value);
    }
    free(node->xattrs);
    node->xattrs = NULL;
    node->xattr_count = 0;
}

int memfs_xattrs_copy(memfs_node *dst, const memfs_node *src) {
    dst->xattrs = NULL;
    dst->xattr_count = 0;
    if (!src->xattr_count) return 0;
    dst->xattrs = calloc(src->xattr_count, sizeof *dst->xattrs);
    if (!dst->xattrs) return -SPIN_ENOMEM;
    for (size_t i = 0; i < src->xattr_count; i++) {
        const memfs_xattr *s = &src->xattrs[i];
        memfs_xattr *d = &dst->xattrs[i];
        d->name = strdup(s->name);
        d->value = malloc(s->len ? s->len : 1);
        dst->xattr_count = i + 1;
        if (!d->name || !d->value) {
            memfs_xattrs_free(dst);
            return -SPIN_ENOMEM;
        }
        if (s->len) memcpy(d->value, s->value, s->len);
        d->len = s->len;
    }
    return 0;
}
