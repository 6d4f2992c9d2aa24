/* memfs (src/fs/memfs.h) through its spin_fs operations, as the 9P server and layer
 * application use it: every operation and its errors, rename rules, unlink of open
 * files, readdir continuation while the directory changes, limits, read-only trees, and
 * copy-on-write clones (a clone's writes reach neither the image nor other clones). */
#include <stdlib.h>
#include <string.h>

#include "device_check.h"
#include "fs/memfs.h"
#include "fs_tree_helpers.h"
#include "tar_listing.h"

static const spin_fs_owner ROOT = {0, 0};

static spin_fs_attr attr_of(spin_fs *fs, const char *path) {
    spin_fs_attr a;
    memset(&a, 0xff, sizeof a);
    spin_fs_node *n = fs_node_at(fs, path);
    if (n) {
        fs->ops->getattr(fs, n, &a);
        fs->ops->unref(fs, n);
    }
    return a;
}

static bool exists(spin_fs *fs, const char *path) {
    spin_fs_node *n = fs_node_at(fs, path);
    if (n) fs->ops->unref(fs, n);
    return n != NULL;
}

/* Creates (or replaces the content of) a file dir/name holding text. */
static int put(spin_fs *fs, const char *dir, const char *name, const char *text) {
    spin_fs_node *d = fs_node_at(fs, dir), *n;
    spin_fs_file *f;
    if (!d) return -SPIN_ENOENT;
    int err = fs->ops->create(fs, d, name, SPIN_O_RDWR, 0644, ROOT, &n, &f);
    if (err == -SPIN_EEXIST) {
        if (!(err = fs->ops->lookup(fs, d, name, &n)) &&
            (err = fs->ops->open(fs, n, SPIN_O_RDWR | SPIN_O_TRUNC, &f)))
            fs->ops->unref(fs, n);
    }
    fs->ops->unref(fs, d);
    if (err) return err;
    int64_t w = fs->ops->write(fs, f, 0, text, strlen(text));
    fs->ops->close(fs, f);
    fs->ops->unref(fs, n);
    return w < 0 ? (int)w : 0;
}

static int mkdir_at(spin_fs *fs, const char *dir, const char *name) {
    spin_fs_node *d = fs_node_at(fs, dir), *n;
    if (!d) return -SPIN_ENOENT;
    int err = fs->ops->mkdir(fs, d, name, 0755, ROOT, &n);
    fs->ops->unref(fs, d);
    if (!err) fs->ops->unref(fs, n);
    return err;
}

static int unlink_at(spin_fs *fs, const char *dir, const char *name, bool is_dir) {
    spin_fs_node *d = fs_node_at(fs, dir);
    if (!d) return -SPIN_ENOENT;
    int err = fs->ops->unlink(fs, d, name, is_dir);
    fs->ops->unref(fs, d);
    return err;
}

static int rename_at(spin_fs *fs, const char *od, const char *on, const char *nd, const char *nn) {
    spin_fs_node *a = fs_node_at(fs, od), *b = fs_node_at(fs, nd);
    int err = a && b ? fs->ops->rename(fs, a, on, b, nn) : -SPIN_ENOENT;
    if (a) fs->ops->unref(fs, a);
    if (b) fs->ops->unref(fs, b);
    return err;
}

static int link_at(spin_fs *fs, const char *target, const char *dir, const char *name) {
    spin_fs_node *t = fs_node_at(fs, target), *d = fs_node_at(fs, dir);
    int err = t && d ? fs->ops->link(fs, d, name, t) : -SPIN_ENOENT;
    if (t) fs->ops->unref(fs, t);
    if (d) fs->ops->unref(fs, d);
    return err;
}

static int setattr_at(spin_fs *fs, const char *path, const spin_fs_setattr *sa) {
    spin_fs_node *n = fs_node_at(fs, path);
    if (!n) return -SPIN_ENOENT;
    int err = fs->ops->setattr(fs, n, sa);
    fs->ops->unref(fs, n);
    return err;
}

/* ---- readdir ---- */

typedef struct listing {
    char names[4096][16];
    uint64_t offsets[4096], inos[4096];
    size_t count, limit;
} listing;

static int collect(void *ctx, const spin_fs_dirent *d) {
    listing *l = ctx;
    if (l->count >= l->limit || l->count >= 4096) return 1;
    snprintf(l->names[l->count], sizeof l->names[0], "%s", d->name);
    l->inos[l->count] = d->ino;
    l->offsets[l->count++] = d->next_offset;
    return 0;
}

/* Lists a directory in chunks of at most chunk entries, continuing by offsets. */
static size_t list_dir(spin_fs *fs, const char *path, size_t chunk, listing *out) {
    spin_fs_node *n = fs_node_at(fs, path);
    spin_fs_file *f;
    out->count = 0;
    if (!n || fs->ops->open(fs, n, SPIN_O_RDONLY | SPIN_O_DIRECTORY, &f)) return 0;
    uint64_t offset = 0;
    for (;;) {
        size_t before = out->count;
        out->limit = before + chunk;
        fs->ops->readdir(fs, f, offset, collect, out);
        if (out->count == before) break;
        offset = out->offsets[out->count - 1];
    }
    fs->ops->close(fs, f);
    fs->ops->unref(fs, n);
    return out->count;
}

static bool listed(const listing *l, const char *name) {
    for (size_t i = 0; i < l->count; i++)
        if (!strcmp(l->names[i], name)) return true;
    return false;
}

static spin_fs_time fixed_clock(void *ctx) {
    (void)ctx;
    return (spin_fs_time){1700000000, 5};
}

/* ---- tests ---- */

static void test_basic_ops(void) {
    spin_fs *fs;
    memfs_options o = {.clock = fixed_clock};
    CHECK_EQ(memfs_create(&o, &fs), 0);
    spin_fs_attr a = attr_of(fs, "");
    CHECK_EQ(a.mode, SPIN_S_IFDIR | 0755);
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(a.mtime.sec, 1700000000);

    CHECK_EQ(mkdir_at(fs, "", "etc"), 0);
    CHECK_EQ(mkdir_at(fs, "", "etc"), -SPIN_EEXIST);
    CHECK_EQ(attr_of(fs, "").nlink, 3);
    CHECK_EQ(put(fs, "etc", "hosts", "127.0.0.1 localhost\n"), 0);
    CHECK(!strcmp(fs_file_text(fs, "etc/hosts"), "127.0.0.1 localhost\n"));
    CHECK_EQ(attr_of(fs, "etc/hosts").size, 20);
    CHECK_EQ(attr_of(fs, "etc/hosts").mode, SPIN_S_IFREG | 0644);
    CHECK(attr_of(fs, "etc/hosts").ino != attr_of(fs, "etc").ino);

    spin_fs_node *root = fs_node_at(fs, ""), *etc = fs_node_at(fs, "etc"), *n;
    spin_fs_file *f;
    /* Names the interface refuses. */
    CHECK_EQ(fs->ops->lookup(fs, root, "..", &n), -SPIN_EINVAL);
    CHECK_EQ(fs->ops->lookup(fs, root, "a/b", &n), -SPIN_EINVAL);
    CHECK_EQ(fs->ops->mkdir(fs, root, "", 0755, ROOT, &n), -SPIN_EINVAL);
    char longname[300];
    memset(longname, 'x', 299);
    longname[299] = 0;
    CHECK_EQ(fs->ops->mkdir(fs, root, longname, 0755, ROOT, &n), -SPIN_ENAMETOOLONG);
    CHECK_EQ(fs->ops->lookup(fs, root, "nope", &n), -SPIN_ENOENT);
    spin_fs_node *hosts = fs_node_at(fs, "etc/hosts");
    CHECK_EQ(fs->ops->lookup(fs, hosts, "x", &n), -SPIN_ENOTDIR);
    CHECK_EQ(fs->ops->open(fs, hosts, SPIN_O_RDONLY | SPIN_O_DIRECTORY, &f), -SPIN_ENOTDIR);
    CHECK_EQ(fs->ops->open(fs, etc, SPIN_O_WRONLY, &f), -SPIN_EISDIR);

    /* Symlinks. */
    CHECK_EQ(fs->ops->symlink(fs, root, "link", "etc/hosts", (spin_fs_owner){5, 6}, &n), 0);
    char target[64];
    CHECK_EQ(fs->ops->readlink(fs, n, target, sizeof target), 9);
    CHECK(!memcmp(target, "etc/hosts", 9));
    CHECK_EQ(fs->ops->readlink(fs, n, target, 3), -SPIN_ERANGE);
    CHECK_EQ(fs->ops->readlink(fs, hosts, target, sizeof target), -SPIN_EINVAL);
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_RDONLY, &f), -SPIN_ELOOP);
    fs->ops->unref(fs, n);
    a = attr_of(fs, "link");
    CHECK_EQ(a.mode, SPIN_S_IFLNK | 0777);
    CHECK_EQ(a.uid, 5);
    CHECK_EQ(a.size, 9);
    CHECK_EQ(fs->ops->symlink(fs, root, "empty", "", ROOT, &n), -SPIN_ENOENT);

    /* Device nodes, fifos, sockets: metadata only. */
    CHECK_EQ(fs->ops->mknod(fs, root, "null", SPIN_S_IFCHR | 0666, (1 << 8) | 3, ROOT, &n), 0);
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_RDONLY, &f), -SPIN_EOPNOTSUPP);
    fs->ops->unref(fs, n);
    CHECK_EQ(attr_of(fs, "null").rdev, (1 << 8) | 3);
    CHECK_EQ(attr_of(fs, "null").mode, SPIN_S_IFCHR | 0666);
    CHECK_EQ(fs->ops->mknod(fs, root, "fifo", SPIN_S_IFIFO | 0600, 99, ROOT, &n), 0);
    fs->ops->unref(fs, n);
    CHECK_EQ(attr_of(fs, "fifo").rdev, 0);
    CHECK_EQ(fs->ops->mknod(fs, root, "sock", SPIN_S_IFSOCK | 0600, 0, ROOT, &n), 0);
    fs->ops->unref(fs, n);
    CHECK_EQ(fs->ops->mknod(fs, root, "dir", SPIN_S_IFDIR | 0600, 0, ROOT, &n), -SPIN_EINVAL);

    /* Hard links. */
    CHECK_EQ(link_at(fs, "etc/hosts", "", "hosts2"), 0);
    CHECK_EQ(attr_of(fs, "etc/hosts").nlink, 2);
    CHECK_EQ(attr_of(fs, "hosts2").ino, attr_of(fs, "etc/hosts").ino);
    CHECK_EQ(link_at(fs, "etc", "", "etc2"), -SPIN_EPERM);
    CHECK_EQ(link_at(fs, "etc/hosts", "", "hosts2"), -SPIN_EEXIST);
    CHECK_EQ(put(fs, "", "hosts2", "changed"), 0);
    CHECK(!strcmp(fs_file_text(fs, "etc/hosts"), "changed"));

    /* Unlink rules. */
    CHECK_EQ(unlink_at(fs, "", "etc", false), -SPIN_EISDIR);
    CHECK_EQ(unlink_at(fs, "", "etc", true), -SPIN_ENOTEMPTY);
    CHECK_EQ(unlink_at(fs, "", "hosts2", true), -SPIN_ENOTDIR);
    CHECK_EQ(unlink_at(fs, "", "hosts2", false), 0);
    CHECK_EQ(unlink_at(fs, "", "hosts2", false), -SPIN_ENOENT);
    CHECK_EQ(attr_of(fs, "etc/hosts").nlink, 1);

    /* Readdir lists ".", ".." and the entries in creation order. */
    listing *l = calloc(1, sizeof *l);
    CHECK_EQ(list_dir(fs, "", 100, l), 7);
    CHECK(!strcmp(l->names[0], ".") && !strcmp(l->names[1], ".."));
    CHECK(!strcmp(l->names[2], "etc") && !strcmp(l->names[3], "link"));
    CHECK(listed(l, "fifo") && listed(l, "sock") && listed(l, "null") && !listed(l, "hosts2"));
    free(l);

    /* statfs */
    spin_fs_statfs st;
    CHECK_EQ(fs->ops->statfs(fs, &st), 0);
    CHECK_EQ(st.namelen, 255);
    CHECK(st.bsize > 0 && st.files > st.ffree);

    fs->ops->unref(fs, hosts);
    fs->ops->unref(fs, etc);
    fs->ops->unref(fs, root);
    fs->ops->destroy(fs);
}

static void test_setattr_and_data(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    CHECK_EQ(put(fs, "", "f", "hello world"), 0);
    spin_fs_setattr sa = {.valid = SPIN_FS_SET_MODE, .mode = SPIN_S_IFDIR | 04755};
    CHECK_EQ(setattr_at(fs, "f", &sa), 0);
    CHECK_EQ(attr_of(fs, "f").mode, SPIN_S_IFREG | 04755); /* the type never changes */
    sa = (spin_fs_setattr){.valid = SPIN_FS_SET_UID | SPIN_FS_SET_GID, .uid = 1000, .gid = 100};
    CHECK_EQ(setattr_at(fs, "f", &sa), 0);
    CHECK_EQ(attr_of(fs, "f").uid, 1000);
    CHECK_EQ(attr_of(fs, "f").gid, 100);
    sa = (spin_fs_setattr){.valid = SPIN_FS_SET_MTIME | SPIN_FS_SET_MTIME_SET,
                           .mtime = {12345, 678}};
    CHECK_EQ(setattr_at(fs, "f", &sa), 0);
    CHECK_EQ(attr_of(fs, "f").mtime.sec, 12345);
    CHECK_EQ(attr_of(fs, "f").mtime.nsec, 678);

    /* Truncate: shrink, then grow reads zeros. */
    sa = (spin_fs_setattr){.valid = SPIN_FS_SET_SIZE, .size = 5};
    CHECK_EQ(setattr_at(fs, "f", &sa), 0);
    CHECK(!strcmp(fs_file_text(fs, "f"), "hello"));
    sa.size = 8;
    CHECK_EQ(setattr_at(fs, "f", &sa), 0);
    CHECK_EQ(attr_of(fs, "f").size, 8);
    spin_fs_node *n = fs_node_at(fs, "f");
    spin_fs_file *f;
    unsigned char buf[16];
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_RDWR, &f), 0);
    CHECK_EQ(fs->ops->read(fs, f, 0, buf, sizeof buf), 8);
    CHECK(!memcmp(buf, "hello\0\0\0", 8));
    CHECK_EQ(fs->ops->read(fs, f, 100, buf, sizeof buf), 0);
    /* A write far past the end leaves a hole of zeros. */
    CHECK_EQ(fs->ops->write(fs, f, 100000, "!", 1), 1);
    CHECK_EQ(attr_of(fs, "f").size, 100001);
    CHECK_EQ(fs->ops->read(fs, f, 99998, buf, sizeof buf), 3);
    CHECK(!memcmp(buf, "\0\0!", 3));
    CHECK_EQ(fs->ops->write(fs, f, UINT64_MAX - 1, "ab", 2), -SPIN_EFBIG);
    fs->ops->close(fs, f);
    /* Append, and access modes. */
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_WRONLY | SPIN_O_APPEND | SPIN_O_TRUNC, &f), 0);
    CHECK_EQ(fs->ops->write(fs, f, 0, "ab", 2), 2);
    CHECK_EQ(fs->ops->write(fs, f, 0, "cd", 2), 2);
    CHECK_EQ(fs->ops->read(fs, f, 0, buf, 4), -SPIN_EBADF);
    fs->ops->close(fs, f);
    CHECK(!strcmp(fs_file_text(fs, "f"), "abcd"));
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_RDONLY, &f), 0);
    CHECK_EQ(fs->ops->write(fs, f, 0, "x", 1), -SPIN_EBADF);
    fs->ops->close(fs, f);
    uint64_t v = attr_of(fs, "f").version;
    CHECK_EQ(put(fs, "", "f", "new"), 0);
    CHECK(attr_of(fs, "f").version != v);
    fs->ops->unref(fs, n);
    sa = (spin_fs_setattr){.valid = SPIN_FS_SET_SIZE, .size = 0};
    CHECK_EQ(setattr_at(fs, "", &sa), -SPIN_EISDIR);
    fs->ops->destroy(fs);
}

static void test_xattrs(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    CHECK_EQ(put(fs, "", "f", "x"), 0);
    spin_fs_node *n = fs_node_at(fs, "f");
    char buf[64];
    CHECK_EQ(fs->ops->getxattr(fs, n, "user.a", buf, sizeof buf), -SPIN_ENODATA);
    CHECK_EQ(fs->ops->setxattr(fs, n, "user.a", "1\0two", 5, 0), 0);
    CHECK_EQ(fs->ops->setxattr(fs, n, "security.capability", "cap", 3, 0), 0);
    CHECK_EQ(fs->ops->getxattr(fs, n, "user.a", NULL, 0), 5);
    CHECK_EQ(fs->ops->getxattr(fs, n, "user.a", buf, 2), -SPIN_ERANGE);
    CHECK_EQ(fs->ops->getxattr(fs, n, "user.a", buf, sizeof buf), 5);
    CHECK(!memcmp(buf, "1\0two", 5));
    CHECK_EQ(fs->ops->listxattr(fs, n, NULL, 0), 27);
    CHECK_EQ(fs->ops->listxattr(fs, n, buf, 5), -SPIN_ERANGE);
    CHECK_EQ(fs->ops->listxattr(fs, n, buf, sizeof buf), 27);
    CHECK(!memcmp(buf, "user.a\0security.capability\0", 27));
    CHECK_EQ(fs->ops->setxattr(fs, n, "user.a", "z", 1, 1 /* XATTR_CREATE */), -SPIN_EEXIST);
    CHECK_EQ(fs->ops->setxattr(fs, n, "user.b", "z", 1, 2 /* XATTR_REPLACE */), -SPIN_ENODATA);
    CHECK_EQ(fs->ops->setxattr(fs, n, "user.a", "z", 1, 2), 0);
    CHECK_EQ(fs->ops->getxattr(fs, n, "user.a", buf, sizeof buf), 1);
    CHECK_EQ(fs->ops->setxattr(fs, n, "", "z", 1, 0), -SPIN_EINVAL);
    CHECK_EQ(fs->ops->removexattr(fs, n, "user.a"), 0);
    CHECK_EQ(fs->ops->removexattr(fs, n, "user.a"), -SPIN_ENODATA);
    CHECK_EQ(fs->ops->listxattr(fs, n, buf, sizeof buf), 20);
    fs->ops->unref(fs, n);
    fs->ops->destroy(fs);
}

static void test_rename(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    mkdir_at(fs, "", "a");
    mkdir_at(fs, "a", "b");
    mkdir_at(fs, "", "c");
    put(fs, "a", "f", "F");
    put(fs, "c", "g", "G");
    /* Into its own subtree, or onto itself as a parent. */
    CHECK_EQ(rename_at(fs, "", "a", "a/b", "x"), -SPIN_EINVAL);
    CHECK_EQ(rename_at(fs, "", "a", "a", "x"), -SPIN_EINVAL);
    /* Type rules for replacing. */
    CHECK_EQ(rename_at(fs, "a", "f", "", "c"), -SPIN_EISDIR);
    CHECK_EQ(rename_at(fs, "", "c", "a", "f"), -SPIN_ENOTDIR);
    mkdir_at(fs, "", "d");
    CHECK_EQ(rename_at(fs, "", "d", "", "c"), -SPIN_ENOTEMPTY);
    CHECK_EQ(rename_at(fs, "", "nope", "", "x"), -SPIN_ENOENT);
    /* A file replacing a file; the victim's data goes. */
    CHECK_EQ(rename_at(fs, "a", "f", "c", "g"), 0);
    CHECK(!exists(fs, "a/f"));
    CHECK(!strcmp(fs_file_text(fs, "c/g"), "F"));
    /* A directory moving: link counts and ".." follow it. */
    uint64_t a_nlink = attr_of(fs, "a").nlink;
    CHECK_EQ(rename_at(fs, "a", "b", "c", "b2"), 0);
    CHECK_EQ(attr_of(fs, "a").nlink, a_nlink - 1);
    CHECK_EQ(attr_of(fs, "c").nlink, 3);
    listing *l = calloc(1, sizeof *l);
    list_dir(fs, "c/b2", 10, l);
    CHECK_EQ(l->count, 2);
    spin_fs_node *dir = fs_node_at(fs, "c/b2");
    spin_fs_file *f;
    fs->ops->open(fs, dir, SPIN_O_RDONLY, &f);
    l->count = 0;
    l->limit = 2;
    fs->ops->readdir(fs, f, 0, collect, l);
    fs->ops->close(fs, f);
    CHECK_EQ(l->count, 2);
    CHECK_EQ(l->inos[1], attr_of(fs, "c").ino); /* ".." is the new parent */
    fs->ops->unref(fs, dir);
    free(l);
    /* A directory replacing an empty directory. */
    CHECK_EQ(rename_at(fs, "c", "b2", "", "d"), 0);
    CHECK(exists(fs, "d") && !exists(fs, "c/b2"));
    /* Hard links to the same file: nothing happens. */
    link_at(fs, "c/g", "", "g2");
    CHECK_EQ(rename_at(fs, "", "g2", "c", "g"), 0);
    CHECK(exists(fs, "g2") && exists(fs, "c/g"));
    /* Rename within one directory, over many entries (the table grows meanwhile). */
    for (int i = 0; i < 100; i++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", i);
        put(fs, "c", name, name);
    }
    CHECK_EQ(rename_at(fs, "c", "n0", "c", "renamed"), 0);
    CHECK(!strcmp(fs_file_text(fs, "c/renamed"), "n0") && !exists(fs, "c/n0"));
    CHECK(!strcmp(fs_file_text(fs, "c/n99"), "n99"));
    fs->ops->destroy(fs);
}

static void test_unlink_while_open(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    put(fs, "", "f", "still here");
    memfs_usage before, during, after;
    memfs_get_usage(fs, &before);
    spin_fs_node *n = fs_node_at(fs, "f");
    spin_fs_file *f;
    CHECK_EQ(fs->ops->open(fs, n, SPIN_O_RDWR, &f), 0);
    fs->ops->unref(fs, n);
    CHECK_EQ(unlink_at(fs, "", "f", false), 0);
    CHECK(!exists(fs, "f"));
    char buf[32] = {0};
    CHECK_EQ(fs->ops->read(fs, f, 0, buf, sizeof buf), 10);
    CHECK(!strcmp(buf, "still here"));
    CHECK_EQ(fs->ops->write(fs, f, 10, "!", 1), 1);
    memfs_get_usage(fs, &during);
    CHECK_EQ(during.nodes, before.nodes);
    fs->ops->close(fs, f);
    memfs_get_usage(fs, &after);
    CHECK_EQ(after.nodes, before.nodes - 1);
    CHECK_EQ(after.bytes, 0);
    /* A removed directory still held: empty, its ".." is itself, nothing can be added. */
    mkdir_at(fs, "", "d");
    spin_fs_node *d = fs_node_at(fs, "d"), *x;
    CHECK_EQ(unlink_at(fs, "", "d", true), 0);
    CHECK_EQ(fs->ops->mkdir(fs, d, "x", 0755, ROOT, &x), -SPIN_ENOENT);
    spin_fs_attr a;
    fs->ops->getattr(fs, d, &a);
    CHECK_EQ(a.nlink, 0);
    fs->ops->unref(fs, d);
    fs->ops->destroy(fs);
}

static void test_readdir_continuation(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    char name[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "e%d", i);
        CHECK_EQ(put(fs, "", name, ""), 0);
    }
    listing *all = calloc(1, sizeof *all);
    CHECK_EQ(list_dir(fs, "", 7, all), 1002);
    /* Interleave reading with removals and insertions: entries that stay throughout are
     * seen exactly once, removed ones are not seen after removal. */
    spin_fs_node *root = fs_node_at(fs, "");
    spin_fs_file *f;
    fs->ops->open(fs, root, SPIN_O_RDONLY, &f);
    listing *l = calloc(1, sizeof *l);
    uint64_t offset = 0;
    int round = 0;
    for (;;) {
        size_t before = l->count;
        l->limit = before + 13;
        fs->ops->readdir(fs, f, offset, collect, l);
        if (l->count == before) break;
        offset = l->offsets[l->count - 1];
        /* Remove entries far ahead and behind, add new ones. */
        for (int k = 0; k < 5; k++) {
            snprintf(name, sizeof name, "e%d", (round * 37 + k * 101) % 1000);
            if (strcmp(name, "e999")) fs->ops->unlink(fs, root, name, false);
            snprintf(name, sizeof name, "new%d_%d", round, k);
            spin_fs_node *n;
            fs->ops->create(fs, root, name, SPIN_O_RDONLY, 0644, ROOT, &n, NULL);
            fs->ops->unref(fs, n);
        }
        round++;
    }
    fs->ops->close(fs, f);
    fs->ops->unref(fs, root);
    /* No duplicates, and e999 (never removed, listed last among the originals) was seen. */
    bool dup = false;
    for (size_t i = 0; i < l->count && !dup; i++)
        for (size_t j = i + 1; j < l->count; j++)
            if (!strcmp(l->names[i], l->names[j])) dup = true;
    CHECK(!dup);
    CHECK(listed(l, "e999"));
    CHECK(listed(l, "new0_0")); /* made after the listing began, before it ended */
    /* The final listing matches lookups. */
    listing *final = calloc(1, sizeof *final);
    size_t count = list_dir(fs, "", 1000, final);
    bool all_exist = true;
    for (size_t i = 2; i < count; i++)
        if (!exists(fs, final->names[i])) all_exist = false;
    CHECK(all_exist);
    free(all);
    free(l);
    free(final);
    fs->ops->destroy(fs);
}

static void test_limits_and_read_only(void) {
    spin_fs *fs;
    memfs_options o = {.max_bytes = 1000, .max_nodes = 4};
    CHECK_EQ(memfs_create(&o, &fs), 0);
    CHECK_EQ(put(fs, "", "a", ""), 0);
    CHECK_EQ(put(fs, "", "b", ""), 0);
    CHECK_EQ(mkdir_at(fs, "", "c"), 0);
    CHECK_EQ(mkdir_at(fs, "", "d"), -SPIN_ENOSPC); /* root + 3 */
    CHECK(!exists(fs, "d"));
    char big[1200];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_EQ(put(fs, "", "a", big), -SPIN_ENOSPC);
    big[900] = 0;
    CHECK_EQ(put(fs, "", "a", big), 0);
    CHECK_EQ(put(fs, "", "b", "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop"
                              "qrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"),
             -SPIN_ENOSPC);
    spin_fs_setattr sa = {.valid = SPIN_FS_SET_SIZE, .size = 5000};
    CHECK_EQ(setattr_at(fs, "b", &sa), -SPIN_ENOSPC);
    spin_fs_statfs st;
    fs->ops->statfs(fs, &st);
    CHECK_EQ(st.files, 4);
    CHECK_EQ(st.ffree, 0);
    memfs_usage u;
    memfs_get_usage(fs, &u);
    CHECK_EQ(u.bytes, 900);
    CHECK_EQ(unlink_at(fs, "", "a", false), 0);
    memfs_get_usage(fs, &u);
    CHECK_EQ(u.bytes, 0);
    CHECK_EQ(mkdir_at(fs, "", "d"), 0);

    /* Read-only: every change refused, reads fine. */
    fs->read_only = true;
    spin_fs_node *root = fs_node_at(fs, ""), *b = fs_node_at(fs, "b"), *n;
    spin_fs_file *f;
    CHECK_EQ(mkdir_at(fs, "", "e"), -SPIN_EROFS);
    CHECK_EQ(fs->ops->create(fs, root, "e", SPIN_O_RDWR, 0644, ROOT, &n, &f), -SPIN_EROFS);
    CHECK_EQ(fs->ops->symlink(fs, root, "e", "x", ROOT, &n), -SPIN_EROFS);
    CHECK_EQ(fs->ops->mknod(fs, root, "e", SPIN_S_IFIFO, 0, ROOT, &n), -SPIN_EROFS);
    CHECK_EQ(fs->ops->link(fs, root, "e", b), -SPIN_EROFS);
    CHECK_EQ(unlink_at(fs, "", "b", false), -SPIN_EROFS);
    CHECK_EQ(rename_at(fs, "", "b", "", "e"), -SPIN_EROFS);
    CHECK_EQ(setattr_at(fs, "b", &sa), -SPIN_EROFS);
    CHECK_EQ(fs->ops->setxattr(fs, b, "user.x", "1", 1, 0), -SPIN_EROFS);
    CHECK_EQ(fs->ops->open(fs, b, SPIN_O_WRONLY, &f), -SPIN_EROFS);
    CHECK_EQ(fs->ops->open(fs, b, SPIN_O_RDONLY | SPIN_O_TRUNC, &f), -SPIN_EROFS);
    CHECK_EQ(fs->ops->open(fs, b, SPIN_O_RDONLY, &f), 0);
    fs->ops->close(fs, f);
    fs->ops->unref(fs, b);
    fs->ops->unref(fs, root);
    fs->ops->destroy(fs);
}

/* A cloned directory is sized to its entries: adding to it must grow it (found by
 * running a container on a one-entry directory: memfs_dir_reserve took "no holes" for
 * "half holes" and wrote past the table). */
static void test_clone_then_grow(void) {
    spin_fs *image, *c;
    CHECK_EQ(memfs_create(NULL, &image), 0);
    mkdir_at(image, "", "one");
    put(image, "one", "only", "x");
    CHECK_EQ(memfs_clone(image, NULL, &c), 0);
    for (int i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "new%d", i);
        CHECK_EQ(put(c, "one", name, "y"), 0);
        CHECK_EQ(mkdir_at(c, "", name), 0);
    }
    CHECK(!strcmp(fs_file_text(c, "one/new39"), "y"));
    CHECK(!strcmp(fs_file_text(c, "one/only"), "x"));
    c->ops->destroy(c);
    image->ops->destroy(image);
}

static void test_clone(void) {
    spin_fs *image;
    CHECK_EQ(memfs_create(NULL, &image), 0);
    mkdir_at(image, "", "etc");
    put(image, "etc", "passwd", "root:x:0:0\n");
    put(image, "", "big", "0123456789");
    link_at(image, "big", "etc", "big-link");
    spin_fs_node *p = fs_node_at(image, "etc/passwd");
    image->ops->setxattr(image, p, "user.tag", "image", 5, 0);
    image->ops->unref(image, p);
    image->read_only = true;
    char *image_before = listing_of(image);

    spin_fs *a, *b;
    CHECK_EQ(memfs_clone(image, NULL, &a), 0);
    CHECK_EQ(memfs_clone(image, NULL, &b), 0);
    CHECK(!a->read_only);
    CHECK_EQ(attr_of(a, "etc/passwd").ino, attr_of(image, "etc/passwd").ino);
    CHECK(!strcmp(fs_file_text(a, "etc/passwd"), "root:x:0:0\n"));

    /* Writes in a clone: the image and the other clone keep their view. */
    CHECK_EQ(put(a, "etc", "passwd", "hacked\n"), 0);
    CHECK(!strcmp(fs_file_text(a, "etc/passwd"), "hacked\n"));
    CHECK(!strcmp(fs_file_text(image, "etc/passwd"), "root:x:0:0\n"));
    CHECK(!strcmp(fs_file_text(b, "etc/passwd"), "root:x:0:0\n"));
    /* A partial write in place copies the shared data first. */
    spin_fs_node *n = fs_node_at(b, "big");
    spin_fs_file *f;
    CHECK_EQ(b->ops->open(b, n, SPIN_O_WRONLY, &f), 0);
    CHECK_EQ(b->ops->write(b, f, 3, "XY", 2), 2);
    b->ops->close(b, f);
    b->ops->unref(b, n);
    CHECK(!strcmp(fs_file_text(b, "big"), "012XY56789"));
    CHECK(!strcmp(fs_file_text(b, "etc/big-link"), "012XY56789")); /* hard link kept in the clone */
    CHECK(!strcmp(fs_file_text(image, "big"), "0123456789"));
    CHECK(!strcmp(fs_file_text(a, "etc/big-link"), "0123456789"));
    /* Truncation, removal, xattrs, new entries: private too. */
    spin_fs_setattr sa = {.valid = SPIN_FS_SET_SIZE, .size = 2};
    CHECK_EQ(setattr_at(a, "big", &sa), 0);
    CHECK(!strcmp(fs_file_text(a, "etc/big-link"), "01"));
    CHECK(!strcmp(fs_file_text(image, "big"), "0123456789"));
    CHECK_EQ(unlink_at(b, "etc", "passwd", false), 0);
    CHECK(exists(image, "etc/passwd") && exists(a, "etc/passwd"));
    p = fs_node_at(a, "etc/passwd");
    CHECK_EQ(a->ops->setxattr(a, p, "user.tag", "clone", 5, 0), 0);
    a->ops->unref(a, p);
    char buf[8];
    p = fs_node_at(image, "etc/passwd");
    CHECK_EQ(image->ops->getxattr(image, p, "user.tag", buf, sizeof buf), 5);
    CHECK(!memcmp(buf, "image", 5));
    image->ops->unref(image, p);
    CHECK_EQ(mkdir_at(a, "", "tmp"), 0);
    CHECK(!exists(image, "tmp") && !exists(b, "tmp"));
    /* New inode numbers in a clone do not collide with the image's. */
    CHECK(attr_of(a, "tmp").ino > attr_of(image, "etc/big-link").ino);

    /* A clone of a clone, and clones outliving the image. */
    spin_fs *c;
    CHECK_EQ(memfs_clone(a, NULL, &c), 0);
    /* Whatever the clones did, the image's listing (modes, owners, sizes, link counts,
     * times, xattrs) is what it was. */
    char *image_after = listing_of(image);
    CHECK(!strcmp(image_before, image_after));
    free(image_before);
    free(image_after);
    image->ops->destroy(image);
    CHECK(!strcmp(fs_file_text(c, "etc/passwd"), "hacked\n"));
    CHECK(!strcmp(fs_file_text(b, "etc/big-link"), "012XY56789"));
    CHECK_EQ(put(c, "", "big", "c"), 0);
    CHECK(!strcmp(fs_file_text(a, "big"), "01"));

    /* A clone's limits must hold what the source holds. */
    spin_fs *small;
    memfs_options tight = {.max_nodes = 2};
    CHECK_EQ(memfs_clone(a, &tight, &small), -SPIN_ENOSPC);
    CHECK_EQ(memfs_clone(NULL, NULL, &small), -SPIN_EINVAL);
    a->ops->destroy(a);
    b->ops->destroy(b);
    c->ops->destroy(c);
}

static void test_big_directory(void) {
    spin_fs *fs;
    CHECK_EQ(memfs_create(NULL, &fs), 0);
    char name[32];
    int ok = 1;
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "file-%d", i);
        ok &= put(fs, "", name, "") == 0;
    }
    for (int i = 0; i < 20000; i += 2) {
        snprintf(name, sizeof name, "file-%d", i);
        ok &= unlink_at(fs, "", name, false) == 0;
    }
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "file-%d", i);
        ok &= exists(fs, name) == (i % 2 == 1);
    }
    CHECK(ok);
    listing *l = calloc(1, sizeof *l);
    CHECK_EQ(list_dir(fs, "", 4000, l), 4096); /* the listing buffer's size */
    /* Down to a tenth: the holes are squeezed out, nothing else changes. */
    for (int i = 1; i < 20000; i += 2) {
        snprintf(name, sizeof name, "file-%d", i);
        if (i % 10 != 1) ok &= unlink_at(fs, "", name, false) == 0;
    }
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "file-%d", i);
        ok &= exists(fs, name) == (i % 10 == 1);
    }
    CHECK(ok);
    CHECK_EQ(list_dir(fs, "", 333, l), 2002);
    CHECK(!strcmp(l->names[2], "file-1") && !strcmp(l->names[2001], "file-19991"));
    free(l);
    fs->ops->destroy(fs);
}

int main(void) {
    test_basic_ops();
    test_setattr_and_data();
    test_xattrs();
    test_rename();
    test_unlink_while_open();
    test_readdir_continuation();
    test_limits_and_read_only();
    test_clone();
    test_clone_then_grow();
    test_big_directory();
    return device_check_summary("memfs_test");
}
