/*
 * One tar entry onto the tree (see tar_entry.h). The rules, as docs/fs.md explains:
 *
 * - Paths are split into names and walked from the root with lookup, which never
 *   follows a symlink. Leading "/", empty and "." components are dropped; ".." removes
 *   the name before it and is refused if there is none (the entry would climb out).
 *   A parent that is a symlink or not a directory is refused: the entry would land
 *   wherever the symlink points (docker's chroot-ed apply would follow it inside the
 *   root; refusing is simpler to reason about and real layers do not need it). Missing
 *   parents are created (0755, root), as docker and containerd do.
 * - A new entry replaces whatever lower layers left at its name (a directory with its
 *   whole subtree), except that a directory over a directory keeps the contents and
 *   takes the new metadata. Hard links must name an entry already in the tree.
 * - Whiteouts (OCI image spec, "Representing Changes"): ".wh.NAME" deletes NAME;
 *   ".wh..wh..opq" deletes everything in its directory that this layer did not put
 *   there (this layer's own entries stay, before or after the marker). The layer
 *   remembers which (directory inode, name) pairs it created to tell them apart.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/tar_entry.h"

#include <stdlib.h>
#include <string.h>

#define WHITEOUT_PREFIX ".wh."
#define WHITEOUT_META_PREFIX ".wh..wh."
#define WHITEOUT_OPAQUE ".wh..wh..opq"
/* Longest entry path (Linux's PATH_MAX): it bounds how deep layers make the tree (a
 * name and its '/' take at least 2 bytes), and so the recursion of whiteouts below. */
#define PATH_MAX_BYTES 4096
#define REMOVE_DEPTH_MAX (PATH_MAX_BYTES / 2 + 1)
/* Directory times kept for the layer's end, at most (see set_times_later). */
#define DIR_TIMES_MAX 65536

/* ---- the set of (directory inode, name) this layer created ---- */

typedef struct created_entry {
    uint64_t dir;
    char *name;
} created_entry;

struct tar_created {
    created_entry *slots;
    size_t size, used; /* size is a power of two, kept at most half full */
};

static uint64_t created_hash(uint64_t dir, const char *name) {
    uint64_t h = 1469598103934665603ull ^ dir;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

static created_entry *created_slot(created_entry *slots, size_t size, uint64_t dir,
                                   const char *name) {
    size_t i = (size_t)created_hash(dir, name) & (size - 1);
    while (slots[i].name && (slots[i].dir != dir || strcmp(slots[i].name, name)))
        i = (i + 1) & (size - 1);
    return &slots[i];
}

static bool created_has(const tar_created *c, uint64_t dir, const char *name) {
    if (!c->size) return false;
    return created_slot(c->slots, c->size, dir, name)->name != NULL;
}

static int created_add(tar_created *c, uint64_t dir, const char *name) {
    if ((c->used + 1) * 2 > c->size) {
        size_t size = c->size ? c->size * 2 : 64;
        created_entry *slots = calloc(size, sizeof *slots);
        if (!slots) return -SPIN_ENOMEM;
        for (size_t i = 0; i < c->size; i++)
            if (c->slots[i].name)
                *created_slot(slots, size, c->slots[i].dir, c->slots[i].name) = c->slots[i];
        free(c->slots);
        c->slots = slots;
        c->size = size;
    }
    created_entry *e = created_slot(c->slots, c->size, dir, name);
    if (e->name) return 0;
    if (!(e->name = strdup(name))) return -SPIN_ENOMEM;
    e->dir = dir;
    c->used++;
    return 0;
}

static void created_free(tar_created *c) {
    if (!c) return;
    for (size_t i = 0; i < c->size; i++) free(c->slots[i].name);
    free(c->slots);
    free(c);
}

/* ---- paths ---- */

typedef struct split_path {
    char *buf;    /* the path, '/' replaced by NUL */
    char **names; /* its components after "." and ".." are resolved */
    size_t count;
} split_path;

static void split_free(split_path *p) {
    free(p->buf);
    free(p->names);
}

static int split(const char *path, split_path *out, const char **why) {
    size_t len = strlen(path);
    memset(out, 0, sizeof *out);
    if (len > PATH_MAX_BYTES) {
        *why = "path longer than 4096 bytes";
        return -SPIN_ENAMETOOLONG;
    }
    out->buf = malloc(len + 1);
    out->names = malloc((len / 2 + 1) * sizeof *out->names);
    if (!out->buf || !out->names) {
        split_free(out);
        return -SPIN_ENOMEM;
    }
    memcpy(out->buf, path, len + 1);
    for (char *s = out->buf, *end = out->buf + len; s < end;) {
        char *slash = memchr(s, '/', (size_t)(end - s));
        char *stop = slash ? slash : end;
        *stop = 0;
        if (!strcmp(s, "..")) {
            if (out->count == 0) {
                *why = "path climbs out of the tree (\"..\")";
                split_free(out);
                return -SPIN_EPERM;
            }
            out->count--;
        } else if (*s && strcmp(s, ".")) {
            if (stop - s > SPIN_FS_NAME_MAX) {
                split_free(out);
                return -SPIN_ENAMETOOLONG;
            }
            out->names[out->count++] = s;
        }
        s = stop + 1;
    }
    return 0;
}

static bool node_type(tar_layer *l, spin_fs_node *node, uint32_t *type, uint64_t *ino) {
    spin_fs_attr attr;
    if (l->fs->ops->getattr(l->fs, node, &attr)) return false;
    *type = attr.mode & SPIN_S_IFMT;
    if (ino) *ino = attr.ino;
    return true;
}

static int record_created(tar_layer *l, spin_fs_node *dir, const char *name) {
    uint32_t type;
    uint64_t ino;
    if (!node_type(l, dir, &type, &ino)) return -SPIN_EIO;
    return created_add(l->created, ino, name);
}

/* The directory holding names[0..count) (a new reference): missing ones are made if
 * create, else -SPIN_ENOENT. Symlinks and non-directories on the way are refused. */
static int walk(tar_layer *l, char **names, size_t count, bool create, spin_fs_node **out,
                const char **why) {
    spin_fs *fs = l->fs;
    spin_fs_node *dir = l->root, *next;
    fs->ops->ref(fs, dir);
    for (size_t i = 0; i < count; i++) {
        int err = fs->ops->lookup(fs, dir, names[i], &next);
        if (err == -SPIN_ENOENT && create) {
            err = fs->ops->mkdir(fs, dir, names[i], 0755, (spin_fs_owner){0, 0}, &next);
            if (!err && (err = record_created(l, dir, names[i]))) fs->ops->unref(fs, next);
        }
        fs->ops->unref(fs, dir);
        if (err) return err;
        dir = next;
        uint32_t type;
        if (!node_type(l, dir, &type, NULL)) {
            err = -SPIN_EIO;
        } else if (type == SPIN_S_IFLNK) {
            *why = "path goes through a symlink";
            err = -SPIN_ELOOP;
        } else if (type != SPIN_S_IFDIR) {
            *why = "path goes through a non-directory";
            err = -SPIN_ENOTDIR;
        }
        if (err) {
            fs->ops->unref(fs, dir);
            return err;
        }
    }
    *out = dir;
    return 0;
}

/* ---- removal ---- */

typedef struct name_list {
    char **names;
    size_t count, capacity;
    int err;
} name_list;

static int collect_name(void *ctx, const spin_fs_dirent *d) {
    name_list *list = ctx;
    if (!strcmp(d->name, ".") || !strcmp(d->name, "..")) return 0;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        char **grown = realloc(list->names, capacity * sizeof *grown);
        if (!grown) {
            list->err = -SPIN_ENOMEM;
            return 1;
        }
        list->names = grown;
        list->capacity = capacity;
    }
    if (!(list->names[list->count] = strdup(d->name))) {
        list->err = -SPIN_ENOMEM;
        return 1;
    }
    list->count++;
    return 0;
}

static void names_free(name_list *list) {
    for (size_t i = 0; i < list->count; i++) free(list->names[i]);
    free(list->names);
}

/* The names in directory dir (without "." and ".."). */
static int list_dir(spin_fs *fs, spin_fs_node *dir, name_list *out) {
    memset(out, 0, sizeof *out);
    spin_fs_file *file;
    int err = fs->ops->open(fs, dir, SPIN_O_RDONLY | SPIN_O_DIRECTORY, &file);
    if (err) return err;
    err = fs->ops->readdir(fs, file, 0, collect_name, out);
    fs->ops->close(fs, file);
    if (!err) err = out->err;
    if (err) {
        names_free(out);
        memset(out, 0, sizeof *out);
    }
    return err;
}

/* Removes name from dir, a directory with everything in it. */
static int remove_tree(tar_layer *l, spin_fs_node *dir, const char *name, unsigned depth) {
    spin_fs *fs = l->fs;
    spin_fs_node *node;
    uint32_t type;
    if (depth > REMOVE_DEPTH_MAX) return -SPIN_ELOOP;
    int err = fs->ops->lookup(fs, dir, name, &node);
    if (err) return err;
    if (!node_type(l, node, &type, NULL)) err = -SPIN_EIO;
    if (!err && type == SPIN_S_IFDIR) {
        name_list list;
        if (!(err = list_dir(fs, node, &list))) {
            for (size_t i = 0; !err && i < list.count; i++)
                err = remove_tree(l, node, list.names[i], depth + 1);
            names_free(&list);
        }
    }
    fs->ops->unref(fs, node);
    if (err) return err;
    return fs->ops->unlink(fs, dir, name, type == SPIN_S_IFDIR);
}

/* Opaque whiteout: removes from dir what this layer did not create, looking inside
 * this layer's directories too (lower content under them is hidden as well). */
static int make_opaque(tar_layer *l, spin_fs_node *dir, unsigned depth) {
    spin_fs *fs = l->fs;
    uint32_t type;
    uint64_t ino;
    if (depth > REMOVE_DEPTH_MAX) return -SPIN_ELOOP;
    if (!node_type(l, dir, &type, &ino)) return -SPIN_EIO;
    name_list list;
    int err = list_dir(fs, dir, &list);
    if (err) return err;
    for (size_t i = 0; !err && i < list.count; i++) {
        if (!created_has(l->created, ino, list.names[i])) {
            err = remove_tree(l, dir, list.names[i], depth + 1);
            continue;
        }
        spin_fs_node *child;
        if ((err = fs->ops->lookup(fs, dir, list.names[i], &child))) break;
        if (!node_type(l, child, &type, NULL)) err = -SPIN_EIO;
        else if (type == SPIN_S_IFDIR) err = make_opaque(l, child, depth + 1);
        fs->ops->unref(fs, child);
    }
    names_free(&list);
    return err;
}

static int whiteout(tar_layer *l, split_path *p, const char **why) {
    const char *base = p->names[p->count - 1];
    spin_fs_node *dir;
    int err = walk(l, p->names, p->count - 1, false, &dir, why);
    if (err == -SPIN_ENOENT) return 0; /* nothing below to hide */
    if (err) return err;
    if (!strcmp(base, WHITEOUT_OPAQUE)) {
        err = make_opaque(l, dir, 0);
    } else if (strncmp(base, WHITEOUT_META_PREFIX, strlen(WHITEOUT_META_PREFIX))) {
        const char *name = base + strlen(WHITEOUT_PREFIX);
        if (!spin_fs_name_valid(name)) {
            *why = "whiteout of an invalid name";
            err = -SPIN_EINVAL;
        } else if ((err = remove_tree(l, dir, name, 0)) == -SPIN_ENOENT) {
            err = 0;
        }
    } /* other .wh..wh. names are aufs bookkeeping: nothing to do */
    l->fs->ops->unref(l->fs, dir);
    return err;
}

/* ---- entries ---- */

static int set_times_later(tar_layer *l, spin_fs_node *dir, spin_fs_time mtime) {
    if (l->dir_time_count == DIR_TIMES_MAX) {
        /* A layer of that many directory entries: set the times so far now, rather than
         * keep memory growing (later entries in those directories may change them). */
        int err = tar_layer_finish(l);
        if (err) return err;
    }
    if (l->dir_time_count == l->dir_time_capacity) {
        size_t capacity = l->dir_time_capacity ? l->dir_time_capacity * 2 : 64;
        tar_dir_time *grown = realloc(l->dir_times, capacity * sizeof *grown);
        if (!grown) return -SPIN_ENOMEM;
        l->dir_times = grown;
        l->dir_time_capacity = capacity;
    }
    l->fs->ops->ref(l->fs, dir);
    l->dir_times[l->dir_time_count++] = (tar_dir_time){dir, mtime};
    return 0;
}

static int set_metadata(tar_layer *l, spin_fs_node *node, const tar_header *h, bool mode,
                        bool times) {
    spin_fs *fs = l->fs;
    spin_fs_setattr attr = {.valid = SPIN_FS_SET_UID | SPIN_FS_SET_GID};
    attr.uid = h->uid;
    attr.gid = h->gid;
    if (mode) attr.valid |= SPIN_FS_SET_MODE, attr.mode = h->mode;
    if (times) {
        attr.valid |= SPIN_FS_SET_ATIME | SPIN_FS_SET_ATIME_SET | SPIN_FS_SET_MTIME |
                      SPIN_FS_SET_MTIME_SET;
        attr.atime = attr.mtime = h->mtime;
    }
    int err = fs->ops->setattr(fs, node, &attr);
    for (size_t i = 0; !err && i < h->xattr_count && fs->ops->setxattr; i++)
        err = fs->ops->setxattr(fs, node, h->xattrs[i].name, h->xattrs[i].value,
                                h->xattrs[i].len, 0);
    return err;
}

/* Linux's new_encode_dev. */
static int device_number(const tar_header *h, uint64_t *rdev, const char **why) {
    if (h->devmajor > 0xfff || h->devminor > 0xfffff) {
        *why = "device number out of range";
        return -SPIN_EINVAL;
    }
    *rdev = (h->devminor & 0xffu) | ((uint64_t)h->devmajor << 8) |
            ((uint64_t)(h->devminor & ~0xffu) << 12);
    return 0;
}

/* The node a hard link entry names (a new reference). */
static int link_target(tar_layer *l, const tar_header *h, spin_fs_node **out, const char **why) {
    split_path p;
    int err = split(h->linkpath, &p, why);
    if (err) return err;
    spin_fs_node *dir;
    if (p.count == 0) {
        *why = "hard link to the root";
        err = -SPIN_EPERM;
    } else if (!(err = walk(l, p.names, p.count - 1, false, &dir, why))) {
        err = l->fs->ops->lookup(l->fs, dir, p.names[p.count - 1], out);
        l->fs->ops->unref(l->fs, dir);
    }
    if (err == -SPIN_ENOENT) *why = "hard link target is not in the tree";
    split_free(&p);
    uint32_t type;
    if (!err && node_type(l, *out, &type, NULL) && type == SPIN_S_IFDIR) {
        l->fs->ops->unref(l->fs, *out);
        *why = "hard link to a directory";
        err = -SPIN_EPERM;
    }
    return err;
}

static int supported(char type, const char **why) {
    switch (type) {
    case '0': case 0: case '7': case '1': case '2': case '3': case '4': case '5': case '6':
        return 0;
    case 'S':
        *why = "sparse files are not supported";
        return -SPIN_EOPNOTSUPP;
    default:
        *why = "unsupported entry type";
        return -SPIN_EOPNOTSUPP;
    }
}

/* Creates the entry base in dir (nothing there now). */
static int create_entry(tar_layer *l, spin_fs_node *dir, const char *base, const tar_header *h,
                        spin_fs_node **node, spin_fs_file **file, const char **why) {
    spin_fs *fs = l->fs;
    spin_fs_owner owner = {h->uid, h->gid};
    uint64_t rdev = 0;
    int err;
    switch (h->type) {
    case '1': {
        spin_fs_node *target;
        if ((err = link_target(l, h, &target, why))) return err;
        err = fs->ops->link(fs, dir, base, target);
        fs->ops->unref(fs, target);
        return err;
    }
    case '2':
        if (!h->linkpath[0]) {
            *why = "symlink without a target";
            return -SPIN_EINVAL;
        }
        if ((err = fs->ops->symlink(fs, dir, base, h->linkpath, owner, node))) return err;
        return set_metadata(l, *node, h, false, true);
    case '3': case '4': case '6': {
        uint32_t type = h->type == '3' ? SPIN_S_IFCHR : h->type == '4' ? SPIN_S_IFBLK
                                                                       : SPIN_S_IFIFO;
        if (h->type != '6' && (err = device_number(h, &rdev, why))) return err;
        if ((err = fs->ops->mknod(fs, dir, base, type | h->mode, rdev, owner, node))) return err;
        return set_metadata(l, *node, h, true, true);
    }
    default: { /* regular: data follows, times once it is written */
        if ((err = fs->ops->create(fs, dir, base, SPIN_O_WRONLY, h->mode, owner, node, file)))
            return err;
        /* The size first: the tree reserves room for the data at once (-ENOSPC before
         * any of it arrives) and memfs sizes the content exactly. */
        spin_fs_setattr size = {.valid = SPIN_FS_SET_SIZE, .size = h->size};
        if (h->size && (err = fs->ops->setattr(fs, *node, &size))) return err;
        return set_metadata(l, *node, h, true, false);
    }
    }
}

int tar_layer_entry(tar_layer *l, const tar_header *h, spin_fs_node **node_out,
                    spin_fs_file **file_out, const char **why) {
    spin_fs *fs = l->fs;
    *node_out = NULL;
    *file_out = NULL;
    *why = NULL;
    int err = supported(h->type, why);
    if (err) return err;
    split_path p;
    if ((err = split(h->path, &p, why))) return err;
    if (p.count == 0) { /* the root itself ("./"): only its metadata */
        split_free(&p);
        if (h->type != '5') {
            *why = "entry names the root";
            return -SPIN_EPERM;
        }
        err = set_metadata(l, l->root, h, true, false);
        return err ? err : set_times_later(l, l->root, h->mtime);
    }
    const char *base = p.names[p.count - 1];
    if (!strncmp(base, WHITEOUT_PREFIX, strlen(WHITEOUT_PREFIX))) {
        err = whiteout(l, &p, why);
        split_free(&p);
        return err;
    }
    spin_fs_node *dir, *existing = NULL, *node = NULL;
    spin_fs_file *file = NULL;
    if ((err = walk(l, p.names, p.count - 1, true, &dir, why))) {
        split_free(&p);
        return err;
    }
    err = fs->ops->lookup(fs, dir, base, &existing);
    if (err == -SPIN_ENOENT) err = 0;
    uint32_t type = 0;
    uint64_t ino = 0;
    if (existing && !node_type(l, existing, &type, &ino)) err = -SPIN_EIO;
    bool keep = false; /* a directory over a directory, or a link to what is there */
    if (!err && existing) {
        if (h->type == '5' && type == SPIN_S_IFDIR) {
            keep = true;
            node = existing;
            existing = NULL;
        } else if (h->type == '1') {
            spin_fs_node *target;
            uint64_t target_ino;
            uint32_t target_type;
            if (!link_target(l, h, &target, why)) {
                keep = node_type(l, target, &target_type, &target_ino) && target_ino == ino;
                fs->ops->unref(fs, target);
            }
            *why = NULL;
        }
        if (!keep) err = remove_tree(l, dir, base, 0);
    }
    if (existing) fs->ops->unref(fs, existing);
    if (!err && h->type == '5') {
        if (!keep) err = fs->ops->mkdir(fs, dir, base, h->mode, (spin_fs_owner){h->uid, h->gid},
                                        &node);
        if (!err) err = set_metadata(l, node, h, true, false);
        if (!err) err = set_times_later(l, node, h->mtime);
    } else if (!err && !keep) {
        err = create_entry(l, dir, base, h, &node, &file, why);
    }
    if (!err) err = record_created(l, dir, base);
    if (err && file) fs->ops->close(fs, file);
    if (node && (err || !file)) fs->ops->unref(fs, node);
    if (!err && file) {
        *node_out = node;
        *file_out = file;
    }
    fs->ops->unref(fs, dir);
    split_free(&p);
    return err;
}

int tar_layer_file_done(tar_layer *l, spin_fs_node *node, spin_fs_file *file,
                        const tar_header *h) {
    spin_fs *fs = l->fs;
    fs->ops->close(fs, file);
    spin_fs_setattr attr = {.valid = SPIN_FS_SET_ATIME | SPIN_FS_SET_ATIME_SET |
                                     SPIN_FS_SET_MTIME | SPIN_FS_SET_MTIME_SET};
    attr.atime = attr.mtime = h->mtime;
    int err = fs->ops->setattr(fs, node, &attr);
    fs->ops->unref(fs, node);
    return err;
}

int tar_layer_init(tar_layer *l, spin_fs *fs) {
    memset(l, 0, sizeof *l);
    l->fs = fs;
    if (!(l->created = calloc(1, sizeof *l->created))) return -SPIN_ENOMEM;
    int err = fs->ops->root(fs, &l->root);
    if (err) {
        free(l->created);
        l->created = NULL;
    }
    return err;
}

int tar_layer_finish(tar_layer *l) {
    int err = 0;
    /* In entry order, so a directory declared twice takes its last entry's time
     * (setting a directory's times leaves its parent's alone, so nesting is no matter). */
    for (size_t i = 0; i < l->dir_time_count; i++) {
        spin_fs_setattr attr = {.valid = SPIN_FS_SET_ATIME | SPIN_FS_SET_ATIME_SET |
                                         SPIN_FS_SET_MTIME | SPIN_FS_SET_MTIME_SET};
        attr.atime = attr.mtime = l->dir_times[i].mtime;
        if (!err) err = l->fs->ops->setattr(l->fs, l->dir_times[i].dir, &attr);
        l->fs->ops->unref(l->fs, l->dir_times[i].dir);
    }
    l->dir_time_count = 0;
    return err;
}

void tar_layer_release(tar_layer *l) {
    if (!l->fs) return;
    for (size_t i = 0; i < l->dir_time_count; i++) l->fs->ops->unref(l->fs, l->dir_times[i].dir);
    free(l->dir_times);
    created_free(l->created);
    if (l->root) l->fs->ops->unref(l->fs, l->root);
    memset(l, 0, sizeof *l);
}
