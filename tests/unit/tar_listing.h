/* A canonical listing of a spin_fs tree for the file-tree tests: one line per node, sorted by
 * path, "path<TAB>mode<TAB>uid<TAB>gid<TAB>size<TAB>nlink<TAB>target<TAB>mtime<TAB>xattrs"
 * (mode in octal with the type bits; size "-" for directories, major,minor for devices;
 * xattrs as name=hex joined by ','). tests/unit/tar_apply_check.py reads the same form. */
#ifndef SPIN_TESTS_UNIT_TAR_LISTING_H
#define SPIN_TESTS_UNIT_TAR_LISTING_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"

typedef struct listing_buf {
    char *text;
    size_t len, cap;
} listing_buf;

static void listing_add(listing_buf *b, const char *s) {
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = realloc(b->text, b->cap);
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
}

typedef struct name_vec {
    char **names;
    size_t count;
} name_vec;

static int listing_collect(void *ctx, const spin_fs_dirent *d) {
    name_vec *v = ctx;
    if (!strcmp(d->name, ".") || !strcmp(d->name, "..")) return 0;
    v->names = realloc(v->names, (v->count + 1) * sizeof *v->names);
    v->names[v->count] = malloc(strlen(d->name) + 1);
    strcpy(v->names[v->count++], d->name);
    return 0;
}

static int listing_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void listing_node(spin_fs *fs, spin_fs_node *node, const char *path, listing_buf *out) {
    spin_fs_attr a;
    fs->ops->getattr(fs, node, &a);
    uint32_t type = a.mode & SPIN_S_IFMT;
    char line[1024], size[64], target[4200] = "", xattrs[2048] = "";
    if (type == SPIN_S_IFDIR) snprintf(size, sizeof size, "-");
    else if (type == SPIN_S_IFCHR || type == SPIN_S_IFBLK)
        snprintf(size, sizeof size, "%" PRIu64 ",%" PRIu64, (uint64_t)((a.rdev >> 8) & 0xfff),
                 (uint64_t)((a.rdev & 0xff) | ((a.rdev >> 12) & ~(uint64_t)0xff)));
    else snprintf(size, sizeof size, "%" PRIu64, a.size);
    if (type == SPIN_S_IFLNK) {
        int64_t n = fs->ops->readlink(fs, node, target, sizeof target - 1);
        target[n < 0 ? 0 : n] = 0;
    }
    char names[4096];
    int64_t list_len = fs->ops->listxattr(fs, node, names, sizeof names);
    size_t xl = 0;
    for (int64_t at = 0; at < list_len; at += (int64_t)strlen(names + at) + 1) {
        unsigned char value[256];
        int64_t vl = fs->ops->getxattr(fs, node, names + at, value, sizeof value);
        xl += (size_t)snprintf(xattrs + xl, sizeof xattrs - xl, "%s%s=", xl ? "," : "", names + at);
        for (int64_t i = 0; i < vl && xl + 3 < sizeof xattrs; i++)
            xl += (size_t)snprintf(xattrs + xl, sizeof xattrs - xl, "%02x", value[i]);
    }
    snprintf(line, sizeof line, "%s\t%o\t%" PRIu32 "\t%" PRIu32 "\t%s\t%" PRIu64 "\t%s\t%" PRId64
             "\t%s\n", path, a.mode, a.uid, a.gid, size, type == SPIN_S_IFDIR ? 0 : a.nlink,
             target, a.mtime.sec, xattrs);
    listing_add(out, line);
    if (type != SPIN_S_IFDIR) return;
    spin_fs_file *f;
    name_vec v = {0};
    if (fs->ops->open(fs, node, SPIN_O_RDONLY | SPIN_O_DIRECTORY, &f)) return;
    fs->ops->readdir(fs, f, 0, listing_collect, &v);
    fs->ops->close(fs, f);
    if (v.count) qsort(v.names, v.count, sizeof *v.names, listing_cmp);
    for (size_t i = 0; i < v.count; i++) {
        spin_fs_node *child;
        size_t pl = strlen(path) + strlen(v.names[i]) + 2;
        char *child_path = malloc(pl);
        snprintf(child_path, pl, "%s/%s", path, v.names[i]);
        if (!fs->ops->lookup(fs, node, v.names[i], &child)) {
            listing_node(fs, child, child_path, out);
            fs->ops->unref(fs, child);
        }
        free(child_path);
        free(v.names[i]);
    }
    free(v.names);
}

/* The listing of the whole tree (caller frees text). */
static char *listing_of(spin_fs *fs) {
    listing_buf b = {0};
    listing_add(&b, "");
    spin_fs_node *root;
    fs->ops->root(fs, &root);
    listing_node(fs, root, ".", &b);
    fs->ops->unref(fs, root);
    return b.text;
}

#endif
