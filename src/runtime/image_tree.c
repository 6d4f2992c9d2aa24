/* Building image trees from layer files (image_tree.h). */
#define _POSIX_C_SOURCE 200809L /* strdup, strndup */
#include "runtime/image_tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/memfs.h"
#include "fs/tar_apply.h"

#define CHUNK (256u * 1024u)

static int fail(char **err, const char *fmt, const char *a, const char *b) {
    size_t len = strlen(fmt) + strlen(a) + strlen(b) + 1;
    *err = malloc(len);
    if (*err) snprintf(*err, len, fmt, a, b);
    return -1;
}

/* A source of layer bytes: a host file or a file in a tree. */
typedef struct layer_reader {
    FILE *file;
    spin_fs *fs;
    spin_fs_file *open;
    uint64_t offset;
} layer_reader;

static int64_t reader_read(layer_reader *r, void *buf, size_t len) {
    if (r->file) {
        size_t n = fread(buf, 1, len, r->file);
        return n == 0 && ferror(r->file) ? -1 : (int64_t)n;
    }
    int64_t n = r->fs->ops->read(r->fs, r->open, r->offset, buf, len);
    if (n > 0) r->offset += (uint64_t)n;
    return n;
}

/* Walks path (components separated by '/') from fs's root without following symlinks. */
static int walk(spin_fs *fs, const char *path, spin_fs_node **out) {
    spin_fs_node *node;
    int rc = fs->ops->root(fs, &node);
    if (rc) return rc;
    char *copy = strdup(path), *save = NULL;
    if (!copy) {
        fs->ops->unref(fs, node);
        return -SPIN_ENOMEM;
    }
    for (char *name = strtok_r(copy, "/", &save); name; name = strtok_r(NULL, "/", &save)) {
        if (!strcmp(name, ".")) continue;
        spin_fs_node *next;
        rc = spin_fs_name_valid(name) ? fs->ops->lookup(fs, node, name, &next) : -SPIN_ENOENT;
        fs->ops->unref(fs, node);
        if (rc) {
            free(copy);
            return rc;
        }
        node = next;
    }
    free(copy);
    *out = node;
    return 0;
}

static int open_in_tree(spin_fs *fs, const char *path, layer_reader *r) {
    spin_fs_node *node;
    int rc = walk(fs, path, &node);
    if (rc) return rc;
    spin_fs_attr attr;
    rc = fs->ops->getattr(fs, node, &attr);
    if (!rc && (attr.mode & SPIN_S_IFMT) != SPIN_S_IFREG) rc = -SPIN_EINVAL;
    if (!rc) rc = fs->ops->open(fs, node, SPIN_O_RDONLY, &r->open);
    fs->ops->unref(fs, node);
    r->fs = fs;
    return rc;
}

static int apply_one(spin_fs *tree, layer_reader *r, const char *name, uint8_t *buf, char **err) {
    tar_apply *t;
    if (tar_apply_start(tree, &t)) return fail(err, "%s%s: out of memory", name, "");
    int rc = 0;
    for (;;) {
        int64_t n = reader_read(r, buf, CHUNK);
        if (n < 0) {
            rc = fail(err, "cannot read layer %s%s", name, "");
            break;
        }
        if (n == 0) {
            if (tar_apply_finish(t)) rc = fail(err, "layer %s: %s", name, tar_apply_error(t));
            break;
        }
        if (tar_apply_feed(t, buf, (size_t)n)) {
            rc = fail(err, "layer %s: %s", name, tar_apply_error(t));
            break;
        }
    }
    tar_apply_free(t);
    return rc;
}

static int build(spin_fs *source, const char *const *paths, size_t count, spin_fs **out, char **err) {
    *out = NULL;
    *err = NULL;
    spin_fs *tree;
    memfs_options options = {0};
    uint8_t *buf = malloc(CHUNK);
    if (!buf || memfs_create(&options, &tree)) {
        free(buf);
        return fail(err, "out of memory building the image's tree%s%s", "", "");
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        layer_reader r = {0};
        if (source) {
            int open_rc = open_in_tree(source, paths[i], &r);
            if (open_rc) rc = fail(err, "the image has no layer file %s%s", paths[i], "");
        } else if (!(r.file = fopen(paths[i], "rb"))) {
            rc = fail(err, "cannot open layer %s: %s", paths[i], strerror(errno));
        }
        if (rc == 0) rc = apply_one(tree, &r, paths[i], buf, err);
        if (r.file) fclose(r.file);
        if (r.open) source->ops->close(source, r.open);
    }
    free(buf);
    if (rc) {
        tree->ops->destroy(tree);
        return -1;
    }
    *out = tree;
    return 0;
}

int spin_image_tree_from_files(const char *const *layer_paths, size_t count, spin_fs **out,
                               char **err) {
    return build(NULL, layer_paths, count, out, err);
}

int spin_image_tree_from_tree(spin_fs *source, const char *const *layer_paths, size_t count,
                              spin_fs **out, char **err) {
    return build(source, layer_paths, count, out, err);
}

int spin_image_tree_container(spin_fs *image, spin_fs **out) {
    memfs_options options = {0};
    return memfs_clone(image, &options, out) ? -1 : 0;
}

char *spin_fs_read_small_file(spin_fs *fs, const char *path, size_t max, size_t *len) {
    layer_reader r = {0};
    if (open_in_tree(fs, path, &r)) return NULL;
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (used == cap) {
            if (cap >= max) {
                free(buf);
                buf = NULL;
                break;
            }
            cap = cap * 2 > max ? max : cap * 2;
            char *bigger = realloc(buf, cap + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
        }
        int64_t n = reader_read(&r, buf + used, cap - used);
        if (n < 0) {
            free(buf);
            buf = NULL;
        } else if (n == 0) {
            break;
        } else {
            used += (size_t)n;
        }
    }
    fs->ops->close(fs, r.open);
    if (!buf) return NULL;
    buf[used] = '\0';
    if (len) *len = used;
    return buf;
}
