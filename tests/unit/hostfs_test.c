/*
 * Host folder trees (src/fs/hostfs.c) cannot be left: "..", absolute and relative
 * symlinks pointing out, a directory swapped for a symlink after it was looked up
 * (a symlink in the middle of a path), hard links and renames through such links —
 * all refused, and nothing outside the folder is read or changed. Also: host errno
 * values arrive as Linux's, inode numbers are the host's, FIFOs are not opened.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device_check.h"
#include "fs/hostfs.h"

static char dir[256];

static void path_of(char *out, size_t cap, const char *rel) { snprintf(out, cap, "%s/%s", dir, rel); }

static void make_file(const char *rel, const char *text) {
    char p[512];
    path_of(p, sizeof p, rel);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static bool exists(const char *rel) {
    char p[512];
    struct stat st;
    path_of(p, sizeof p, rel);
    return lstat(p, &st) == 0;
}

static const spin_fs_owner nobody = {65534, 65534};

int main(void) {
    snprintf(dir, sizeof dir, "%s/hostfs.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    char p[512], q[512];
    path_of(p, sizeof p, "outside");
    CHECK(mkdir(p, 0755) == 0);
    make_file("outside/secret", "secret");
    path_of(p, sizeof p, "export");
    CHECK(mkdir(p, 0755) == 0);
    path_of(p, sizeof p, "export/d");
    CHECK(mkdir(p, 0755) == 0);
    make_file("export/d/inner", "inner");
    path_of(p, sizeof p, "outside");
    path_of(q, sizeof q, "export/abs");
    CHECK(symlink(p, q) == 0); /* absolute link out */
    path_of(q, sizeof q, "export/rel");
    CHECK(symlink("../outside", q) == 0); /* relative link out */
    path_of(q, sizeof q, "export/d/up");
    CHECK(symlink("../../outside/secret", q) == 0);

    path_of(p, sizeof p, "export");
    spin_fs *fs = spin_hostfs_new(p, false);
    CHECK(fs != NULL);
    if (!fs) return device_check_summary("hostfs_test");
    const spin_fs_ops *ops = fs->ops;
    spin_fs_node *root = NULL, *n = NULL, *d = NULL, *x = NULL;
    CHECK_EQ(ops->root(fs, &root), 0);

    /* "..", "." and names with '/' are not names */
    CHECK_EQ(ops->lookup(fs, root, "..", &n), -SPIN_EINVAL);
    CHECK_EQ(ops->lookup(fs, root, ".", &n), -SPIN_EINVAL);
    CHECK_EQ(ops->lookup(fs, root, "d/inner", &n), -SPIN_EINVAL);
    CHECK_EQ(ops->lookup(fs, root, "missing", &n), -SPIN_ENOENT);

    /* links out are symlinks to us: readable as links, never followed */
    const char *links[] = {"abs", "rel"};
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(ops->lookup(fs, root, links[i], &n), 0);
        spin_fs_attr a;
        CHECK_EQ(ops->getattr(fs, n, &a), 0);
        CHECK_EQ(a.mode & SPIN_S_IFMT, SPIN_S_IFLNK);
        CHECK(ops->lookup(fs, n, "secret", &x) != 0);
        spin_fs_file *f = NULL;
        CHECK(ops->open(fs, n, SPIN_O_RDONLY, &f) != 0);
        CHECK(ops->create(fs, n, "planted", SPIN_O_RDWR, 0644, nobody, &x, &f) != 0);
        CHECK(ops->mkdir(fs, n, "planted-dir", 0755, nobody, &x) != 0);
        CHECK(ops->unlink(fs, n, "secret", false) != 0);
        CHECK(ops->rename(fs, n, "secret", root, "stolen") != 0);
        spin_fs_setattr sa = {.valid = SPIN_FS_SET_MODE, .mode = 0777};
        CHECK_EQ(ops->setattr(fs, n, &sa), -SPIN_EOPNOTSUPP);
        sa = (spin_fs_setattr){.valid = SPIN_FS_SET_SIZE, .size = 0};
        CHECK(ops->setattr(fs, n, &sa) != 0);
        ops->unref(fs, n);
    }
    char target[512];
    CHECK_EQ(ops->lookup(fs, root, "rel", &n), 0);
    CHECK_EQ(ops->readlink(fs, n, target, sizeof target), 10);
    CHECK(!memcmp(target, "../outside", 10));
    CHECK_EQ(ops->readlink(fs, n, target, 3), -SPIN_ERANGE);
    ops->unref(fs, n);
    CHECK(!exists("outside/planted") && !exists("outside/planted-dir") && exists("outside/secret"));
    CHECK(!exists("export/stolen"));

    /* d/up points at the secret: opening it is refused (a symlink is not opened) */
    CHECK_EQ(ops->lookup(fs, root, "d", &d), 0);
    CHECK_EQ(ops->lookup(fs, d, "up", &n), 0);
    spin_fs_file *f = NULL;
    CHECK_EQ(ops->open(fs, n, SPIN_O_RDONLY, &f), -SPIN_ELOOP);
    /* a hard link to the symlink is a link to the symlink, not to the secret */
    if (ops->link(fs, root, "hard", n) == 0) {
        struct stat st;
        path_of(p, sizeof p, "export/hard");
        CHECK(lstat(p, &st) == 0 && S_ISLNK(st.st_mode));
    }
    ops->unref(fs, n);

    /* a symlink in the middle: d was looked up as a directory, then swapped (on the host,
     * or by a second guest) for a link to the outside; using the old node must not
     * follow it */
    path_of(p, sizeof p, "export/d");
    path_of(q, sizeof q, "export/d-moved");
    CHECK(rename(p, q) == 0);
    path_of(q, sizeof q, "outside");
    CHECK(symlink(q, p) == 0);
    CHECK(ops->lookup(fs, d, "secret", &n) != 0);
    CHECK(ops->create(fs, d, "planted", SPIN_O_RDWR, 0644, nobody, &x, &f) != 0);
    CHECK(ops->unlink(fs, d, "secret", false) != 0);
    CHECK(ops->rename(fs, d, "secret", root, "stolen") != 0);
    CHECK(ops->rename(fs, root, "hello", d, "planted") != 0);
    CHECK(!exists("outside/planted") && exists("outside/secret") && !exists("export/stolen"));
    ops->unref(fs, d);

    /* errno values are Linux's; inode numbers are the host's */
    CHECK_EQ(ops->mkdir(fs, root, "new", 0700, nobody, &n), 0);
    CHECK_EQ(ops->mkdir(fs, root, "new", 0700, nobody, &x), -SPIN_EEXIST);
    spin_fs_attr a;
    CHECK_EQ(ops->getattr(fs, n, &a), 0);
    struct stat st;
    path_of(p, sizeof p, "export/new");
    CHECK(stat(p, &st) == 0 && a.ino == (uint64_t)st.st_ino && (a.mode & 0777) == 0700);
    CHECK_EQ(ops->create(fs, n, "f", SPIN_O_RDWR, 0600, nobody, &x, &f), 0);
    ops->close(fs, f);
    ops->unref(fs, x);
    CHECK_EQ(ops->unlink(fs, root, "new", true), -SPIN_ENOTEMPTY);
    ops->unref(fs, n);

    /* a FIFO is never opened (it would block); Emscripten cannot make one to try with */
#ifndef __EMSCRIPTEN__
    path_of(p, sizeof p, "export/fifo");
    CHECK(mkfifo(p, 0600) == 0);
    CHECK_EQ(ops->lookup(fs, root, "fifo", &n), 0);
    CHECK_EQ(ops->open(fs, n, SPIN_O_RDONLY, &f), -SPIN_EPERM);
    CHECK_EQ(ops->open(fs, n, SPIN_O_WRONLY, &f), -SPIN_EPERM);
    ops->unref(fs, n);
#endif

    /* read-only trees refuse every change */
    path_of(p, sizeof p, "export");
    spin_fs *ro = spin_hostfs_new(p, true);
    spin_fs_node *ro_root = NULL;
    CHECK(ro && ro->ops->root(ro, &ro_root) == 0);
    if (ro && ro_root) {
        CHECK_EQ(ro->ops->mkdir(ro, ro_root, "x", 0755, nobody, &n), -SPIN_EROFS);
        CHECK_EQ(ro->ops->unlink(ro, ro_root, "d-moved", true), -SPIN_EROFS);
        CHECK_EQ(ro->ops->lookup(ro, ro_root, "d-moved", &n), 0);
        CHECK_EQ(ro->ops->lookup(ro, n, "inner", &x), 0);
        CHECK_EQ(ro->ops->open(ro, x, SPIN_O_RDWR, &f), -SPIN_EROFS);
        CHECK_EQ(ro->ops->open(ro, x, SPIN_O_RDONLY, &f), 0);
        char buf[16] = "";
        CHECK_EQ(ro->ops->read(ro, f, 0, buf, sizeof buf - 1), 5);
        CHECK(!strcmp(buf, "inner"));
        ro->ops->close(ro, f);
        ro->ops->unref(ro, x);
        ro->ops->unref(ro, n);
        ro->ops->unref(ro, ro_root);
    }
    if (ro) ro->ops->destroy(ro);

    /* not a directory / missing */
    path_of(p, sizeof p, "outside/secret");
    errno = 0;
    CHECK(spin_hostfs_new(p, false) == NULL && errno == ENOTDIR);
    CHECK(spin_hostfs_new("/no/such/dir", false) == NULL);

    ops->unref(fs, root);
    ops->destroy(fs);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return device_check_summary("hostfs_test");
}
