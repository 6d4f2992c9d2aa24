/*
 * The 9P2000.L server (src/fs/p9_server.c) over host folders (src/fs/hostfs.c) in a
 * temporary directory, driven by a scripted client (p9_client.h): what a guest would
 * see for each message, the host folder's state after changes, and hostile messages
 * (truncated, oversized counts, bad fids, bad names), ending with a fuzz loop of
 * random and mutated messages (run under ASan in the native-asan preset).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/hostfs.h"
#include "p9_client.h"

#define MSIZE 65536u
#define O_RDONLY_ 0u
#define O_WRONLY_ 1u
#define O_RDWR_ 2u
#define O_DIRECTORY_ 0200000u

static p9c client;
static char dir[256]; /* the temporary folder: dir/export is served, dir/outside is not */

static void host_path(char *out, size_t cap, const char *rel) {
    snprintf(out, cap, "%s/export/%s", dir, rel);
}

static void write_host(const char *rel, const char *text) {
    char p[512];
    host_path(p, sizeof p, rel);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static int read_host(const char *rel, char *buf, size_t cap) {
    char p[512];
    host_path(p, sizeof p, rel);
    FILE *f = fopen(p, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
    return 0;
}

static int host_exists(const char *rel) {
    char p[512];
    struct stat st;
    host_path(p, sizeof p, rel);
    return lstat(p, &st) == 0;
}

static void setup_tree(void) {
    snprintf(dir, sizeof dir, "%s/p9test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    char p[512];
    snprintf(p, sizeof p, "%s/export", dir);
    CHECK(mkdir(p, 0755) == 0);
    snprintf(p, sizeof p, "%s/outside", dir);
    CHECK(mkdir(p, 0755) == 0);
    snprintf(p, sizeof p, "%s/outside/secret", dir);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs("secret", f);
        fclose(f);
    }
    host_path(p, sizeof p, "a");
    CHECK(mkdir(p, 0755) == 0);
    host_path(p, sizeof p, "a/b");
    CHECK(mkdir(p, 0755) == 0);
    write_host("a/b/file", "contents of file");
    write_host("hello.txt", "hello, world\n");
}

static void remove_tree(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* ---- cases ----------------------------------------------------------------------------- */

static void test_version(p9c *c) {
    /* before Tversion nothing else is answered */
    CHECK_EQ(p9c_attach(c, 1, ""), SPIN_EINVAL);
    CHECK_EQ(p9c_version(c, 8192, "9P2000.L"), 8192);
    CHECK_EQ(p9c_version(c, 1u << 30, "9P2000.L"), SPIN_P9_DEFAULT_MAX_MSIZE);
    /* an unknown version is answered "unknown" and leaves the session closed */
    p9c_begin(c);
    p9_put_u32(&c->w, 8192);
    put_s(c, "9P2000.u");
    CHECK_EQ(p9c_send(c, TVERSION), TVERSION + 1);
    p9_get_u32(&c->r);
    size_t len;
    const char *v = p9_get_str(&c->r, &len);
    CHECK(!strcmp(v, "unknown"));
    CHECK_EQ(p9c_attach(c, 1, ""), SPIN_EINVAL);
    /* too small an msize is refused */
    p9c_begin(c);
    p9_put_u32(&c->w, 100);
    put_s(c, "9P2000.L");
    CHECK_EQ(p9c_send(c, TVERSION), RLERROR);
    CHECK_EQ(p9c_version(c, MSIZE, "9P2000.L"), MSIZE);
}

static void test_attach(p9c *c) {
    CHECK_EQ(p9c_attach(c, 1, ""), 0);
    CHECK_EQ(p9c_attach(c, 1, ""), SPIN_EBADF); /* fid in use */
    CHECK_EQ(p9c_attach(c, 2, "nope"), SPIN_ENOENT);
    CHECK_EQ(p9c_attach(c, 2, "ro"), 0);
}

static void test_walk(p9c *c) {
    unsigned n = 0;
    uint64_t root_ino = 0, ino = 0, a_ino = 0;
    CHECK_EQ(p9c_getattr(c, 1, NULL, NULL, &root_ino), 0);
    /* "a", "b", "file" */
    CHECK_EQ(p9c_walk(c, 1, 10, (const char *[]){"a", "b", "file", NULL}, &n, &ino), 0);
    CHECK_EQ(n, 3);
    uint32_t mode = 0;
    uint64_t size = 0;
    CHECK_EQ(p9c_getattr(c, 10, &mode, &size, NULL), 0);
    CHECK_EQ(mode & SPIN_S_IFMT, SPIN_S_IFREG);
    CHECK_EQ(size, strlen("contents of file"));
    /* ".." from the export's root stays there, however often */
    CHECK_EQ(p9c_walk(c, 1, 11, (const char *[]){"..", "..", "..", NULL}, &n, &ino), 0);
    CHECK_EQ(n, 3);
    CHECK_EQ(ino, root_ino);
    /* ... and the folder next to the export cannot be reached through it */
    CHECK_EQ(p9c_walk(c, 1, 12, (const char *[]){"..", "outside", NULL}, &n, &ino), 0);
    CHECK_EQ(n, 1); /* partial walk: the second name failed, newfid was not made */
    CHECK_EQ(p9c_clunk(c, 12), SPIN_EBADF);
    /* ".." goes back the way the fid came */
    CHECK_EQ(p9c_walk(c, 1, 12, (const char *[]){"a", NULL}, &n, &a_ino), 0);
    CHECK_EQ(p9c_walk(c, 10, 13, (const char *[]){"..", "..", NULL}, &n, &ino), 0);
    CHECK_EQ(ino, a_ino);
    CHECK_EQ(p9c_walk(c, 13, 13, (const char *[]){"..", "..", "..", NULL}, &n, &ino), 0);
    CHECK_EQ(ino, root_ino); /* the fid itself moved (newfid = fid) */
    /* the first name failing is an error */
    CHECK_EQ(p9c_walk(c, 1, 14, (const char *[]){"missing", NULL}, NULL, NULL), SPIN_ENOENT);
    /* names that are not one component */
    CHECK_EQ(p9c_walk(c, 1, 14, (const char *[]){"a/b", NULL}, NULL, NULL), SPIN_EINVAL);
    CHECK_EQ(p9c_walk(c, 1, 14, (const char *[]){"", NULL}, NULL, NULL), SPIN_EINVAL);
    /* walking through a file */
    CHECK_EQ(p9c_walk(c, 1, 14, (const char *[]){"hello.txt", "x", NULL}, &n, NULL), 0);
    CHECK_EQ(n, 1);
    /* clone with no names; newfid taken */
    CHECK_EQ(p9c_walk(c, 1, 14, NULL, &n, NULL), 0);
    CHECK_EQ(n, 0);
    CHECK_EQ(p9c_walk(c, 1, 14, NULL, &n, NULL), SPIN_EBADF);
    /* unknown fid */
    CHECK_EQ(p9c_walk(c, 999, 15, NULL, NULL, NULL), SPIN_EBADF);
    /* more than 16 names */
    const char *many[18];
    for (int i = 0; i < 17; i++) many[i] = "a";
    many[17] = NULL;
    CHECK_EQ(p9c_walk(c, 1, 15, many, NULL, NULL), SPIN_EINVAL);
    for (uint32_t f = 10; f <= 14; f++) CHECK_EQ(p9c_clunk(c, f), 0);
}

static void test_create_write_read(p9c *c) {
    uint32_t count = 0;
    char buf[256];
    CHECK_EQ(p9c_walk(c, 1, 20, NULL, NULL, NULL), 0);
    CHECK_EQ(p9c_lcreate(c, 20, "new.txt", O_RDWR_, 0640), 0);
    CHECK_EQ(p9c_write(c, 20, 0, "written by the guest", &count), 0);
    CHECK_EQ(count, 20);
    CHECK_EQ(p9c_read(c, 20, 11, 100, buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "the guest"));
    CHECK(read_host("new.txt", buf, sizeof buf) == 0 && !strcmp(buf, "written by the guest"));
    char p[512];
    struct stat st;
    host_path(p, sizeof p, "new.txt");
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640);
    /* exclusive: a second create of the same name fails */
    CHECK_EQ(p9c_walk(c, 1, 21, NULL, NULL, NULL), 0);
    CHECK_EQ(p9c_lcreate(c, 21, "new.txt", O_RDWR_, 0640), SPIN_EEXIST);
    /* read past the end: zero bytes */
    CHECK_EQ(p9c_read(c, 20, 1000, 100, buf, sizeof buf), 0);
    CHECK(buf[0] == '\0');
    /* a huge count is cut to what fits in msize */
    CHECK_EQ(p9c_read(c, 20, 0, 0xffffffffu, buf, sizeof buf), 0);
    CHECK(c->reply_len <= MSIZE);
    /* an open fid cannot be opened again, walked in place or read when write-only */
    CHECK_EQ(p9c_lopen(c, 20, O_RDONLY_), SPIN_EBADF);
    CHECK_EQ(p9c_clunk(c, 20), 0);
    CHECK_EQ(p9c_walk(c, 1, 20, (const char *[]){"new.txt", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 20, O_WRONLY_), 0);
    CHECK_EQ(p9c_read(c, 20, 0, 10, buf, sizeof buf), SPIN_EBADF);
    CHECK_EQ(p9c_clunk(c, 20), 0);
    /* O_TRUNC through lopen */
    CHECK_EQ(p9c_walk(c, 1, 20, (const char *[]){"new.txt", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 20, O_WRONLY_ | SPIN_O_TRUNC), 0);
    CHECK(read_host("new.txt", buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK_EQ(p9c_clunk(c, 20), 0);
    /* bad names for a new file */
    CHECK_EQ(p9c_lcreate(c, 21, "..", O_RDWR_, 0644), SPIN_EINVAL);
    CHECK_EQ(p9c_lcreate(c, 21, "x/y", O_RDWR_, 0644), SPIN_EINVAL);
    CHECK_EQ(p9c_lcreate(c, 21, ".", O_RDWR_, 0644), SPIN_EINVAL);
    CHECK_EQ(p9c_clunk(c, 21), 0);
}

/* Reads directory fid completely in slices of count bytes; returns the number of
 * entries and checks that every name appears once. */
static int list_dir(p9c *c, uint32_t fid, uint32_t count, const char *want_prefix, int *prefixed) {
    uint64_t offset = 0;
    int entries = 0, calls = 0;
    char seen[4096] = "";
    *prefixed = 0;
    for (;;) {
        p9c_begin(c);
        p9_put_u32(&c->w, fid);
        p9_put_u64(&c->w, offset);
        p9_put_u32(&c->w, count);
        if (p9c_send(c, TREADDIR) != TREADDIR + 1) return -1;
        uint32_t n = p9_get_u32(&c->r);
        CHECK(n <= count);
        if (n == 0 || ++calls > 1000) break;
        size_t end = c->r.pos + n;
        while (c->r.pos < end && !c->r.error) {
            p9_get_u8(&c->r);
            p9_get_u32(&c->r);
            p9_get_u64(&c->r);
            offset = p9_get_u64(&c->r);
            p9_get_u8(&c->r);
            const char *name = p9_get_str(&c->r, NULL);
            char key[300];
            snprintf(key, sizeof key, "/%s/", name);
            CHECK(strstr(seen, key) == NULL); /* no entry twice */
            if (strlen(seen) + strlen(key) < sizeof seen) strcat(seen, key);
            if (!strncmp(name, want_prefix, strlen(want_prefix))) (*prefixed)++;
            entries++;
        }
        CHECK(!c->r.error);
    }
    return entries;
}

static void test_readdir(p9c *c) {
    char name[32];
    for (int i = 0; i < 60; i++) {
        snprintf(name, sizeof name, "d/entry-%02d", i);
        if (i == 0) {
            char p[512];
            host_path(p, sizeof p, "d");
            CHECK(mkdir(p, 0755) == 0);
        }
        write_host(name, "x");
    }
    CHECK_EQ(p9c_walk(c, 1, 30, (const char *[]){"d", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 30, O_RDONLY_ | O_DIRECTORY_), 0);
    int prefixed;
    /* small slices: many continuation offsets */
    CHECK_EQ(list_dir(c, 30, 100, "entry-", &prefixed), 62);
    CHECK_EQ(prefixed, 60);
    CHECK_EQ(list_dir(c, 30, 8192, "entry-", &prefixed), 62);
    CHECK_EQ(prefixed, 60);
    /* a slice too small for any entry ends the listing (count 0), never overruns */
    p9c_begin(c);
    p9_put_u32(&c->w, 30);
    p9_put_u64(&c->w, 0);
    p9_put_u32(&c->w, 10);
    CHECK_EQ(p9c_send(c, TREADDIR), TREADDIR + 1);
    CHECK_EQ(p9_get_u32(&c->r), 0);
    CHECK_EQ(p9c_clunk(c, 30), 0);
    /* readdir on a fid that is not open */
    CHECK_EQ(p9c_walk(c, 1, 30, (const char *[]){"d", NULL}, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 30);
    p9_put_u64(&c->w, 0);
    p9_put_u32(&c->w, 1000);
    CHECK_EQ(p9c_errno(c, TREADDIR), SPIN_EBADF);
    CHECK_EQ(p9c_clunk(c, 30), 0);
}

static void test_rename_unlink(p9c *c) {
    uint64_t b_ino = 0, ino = 0;
    write_host("moving.txt", "m");
    CHECK_EQ(p9c_walk(c, 1, 40, (const char *[]){"moving.txt", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_walk(c, 1, 41, (const char *[]){"a", "b", NULL}, NULL, &b_ino), 0);
    /* renameat / -> a/b */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "moving.txt");
    p9_put_u32(&c->w, 41);
    put_s(c, "moved.txt");
    CHECK_EQ(p9c_errno(c, TRENAMEAT), 0);
    CHECK(!host_exists("moving.txt") && host_exists("a/b/moved.txt"));
    /* the fid on the file now finds its new parent through ".." */
    CHECK_EQ(p9c_walk(c, 40, 42, (const char *[]){"..", NULL}, NULL, &ino), 0);
    CHECK_EQ(ino, b_ino);
    CHECK_EQ(p9c_clunk(c, 42), 0);
    /* Trename (fid-based) back to the root under a new name */
    p9c_begin(c);
    p9_put_u32(&c->w, 40);
    p9_put_u32(&c->w, 1);
    put_s(c, "back.txt");
    CHECK_EQ(p9c_errno(c, TRENAME), 0);
    CHECK(host_exists("back.txt") && !host_exists("a/b/moved.txt"));
    /* a directory cannot move below itself */
    CHECK_EQ(p9c_walk(c, 1, 43, (const char *[]){"a", NULL}, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 43);
    p9_put_u32(&c->w, 41);
    put_s(c, "loop");
    CHECK(p9c_errno(c, TRENAME) != 0);
    CHECK(host_exists("a/b") && !host_exists("a/b/loop"));
    /* Tremove removes what the fid names and clunks it */
    CHECK_EQ(p9c_errno(c, TREMOVE) /* empty request: */ , SPIN_EINVAL);
    p9c_begin(c);
    p9_put_u32(&c->w, 40);
    CHECK_EQ(p9c_errno(c, TREMOVE), 0);
    CHECK(!host_exists("back.txt"));
    CHECK_EQ(p9c_clunk(c, 40), SPIN_EBADF);
    /* the export's root cannot be removed (the fid is clunked all the same) */
    CHECK_EQ(p9c_walk(c, 1, 44, NULL, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 44);
    CHECK_EQ(p9c_errno(c, TREMOVE), SPIN_EBUSY);
    CHECK_EQ(p9c_clunk(c, 44), SPIN_EBADF);
    /* unlinkat: a file, a non-empty directory, an empty one */
    CHECK_EQ(p9c_mkdir(c, 1, "empty", 0755), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "a");
    p9_put_u32(&c->w, 0x200);
    CHECK_EQ(p9c_errno(c, TUNLINKAT), SPIN_ENOTEMPTY);
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "empty");
    p9_put_u32(&c->w, 0x200);
    CHECK_EQ(p9c_errno(c, TUNLINKAT), 0);
    CHECK(!host_exists("empty"));
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "..");
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TUNLINKAT), SPIN_EINVAL);
    CHECK_EQ(p9c_clunk(c, 41), 0);
    CHECK_EQ(p9c_clunk(c, 43), 0);
}

static void test_symlink_setattr_statfs(p9c *c) {
    char outside[512];
    snprintf(outside, sizeof outside, "%s/outside", dir);
    /* a symlink pointing out of the export is stored and read back, never followed */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "out");
    put_s(c, outside);
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TSYMLINK), 0);
    CHECK_EQ(p9c_walk(c, 1, 50, (const char *[]){"out", NULL}, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 50);
    CHECK_EQ(p9c_send(c, TREADLINK), TREADLINK + 1);
    size_t len;
    const char *target = p9_get_str(&c->r, &len);
    CHECK(!strcmp(target, outside));
    CHECK(p9c_walk(c, 1, 51, (const char *[]){"out", "secret", NULL}, NULL, NULL) == 0);
    CHECK_EQ(p9c_clunk(c, 51), SPIN_EBADF); /* partial walk: secret was not reached */
    CHECK(p9c_lopen(c, 50, O_RDONLY_) != 0);
    CHECK_EQ(p9c_clunk(c, 50), 0);
    /* setattr: mode and size */
    write_host("attrs.txt", "0123456789");
    CHECK_EQ(p9c_walk(c, 1, 52, (const char *[]){"attrs.txt", NULL}, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 52);
    p9_put_u32(&c->w, SPIN_FS_SET_MODE | SPIN_FS_SET_SIZE);
    p9_put_u32(&c->w, 0600);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
    p9_put_u64(&c->w, 4);
    for (int i = 0; i < 4; i++) p9_put_u64(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TSETATTR), 0);
    uint32_t mode = 0;
    uint64_t size = 0;
    CHECK_EQ(p9c_getattr(c, 52, &mode, &size, NULL), 0);
    CHECK_EQ(mode, SPIN_S_IFREG | 0600);
    CHECK_EQ(size, 4);
    /* times given explicitly */
    p9c_begin(c);
    p9_put_u32(&c->w, 52);
    p9_put_u32(&c->w, SPIN_FS_SET_MTIME | SPIN_FS_SET_MTIME_SET);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
    p9_put_u64(&c->w, 0);
    p9_put_u64(&c->w, 0);
    p9_put_u64(&c->w, 0);
    p9_put_u64(&c->w, 1000000000);
    p9_put_u64(&c->w, 5);
    CHECK_EQ(p9c_errno(c, TSETATTR), 0);
    char p[512];
    struct stat st;
    host_path(p, sizeof p, "attrs.txt");
    CHECK(stat(p, &st) == 0 && st.st_mtime == 1000000000);
    CHECK_EQ(p9c_clunk(c, 52), 0);
    /* statfs */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    CHECK_EQ(p9c_send(c, TSTATFS), TSTATFS + 1);
    CHECK_EQ(p9_get_u32(&c->r), 0x01021997);
    CHECK(p9_get_u32(&c->r) > 0); /* bsize */
    /* locks are granted; xattrs are not supported by host folders */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u8(&c->w, 1);
    p9_put_u32(&c->w, 0);
    p9_put_u64(&c->w, 0);
    p9_put_u64(&c->w, 0);
    p9_put_u32(&c->w, 42);
    put_s(c, "client");
    CHECK_EQ(p9c_send(c, TLOCK), TLOCK + 1);
    CHECK_EQ(p9_get_u8(&c->r), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u32(&c->w, 53);
    put_s(c, "user.x");
    CHECK_EQ(p9c_errno(c, TXATTRWALK), SPIN_EOPNOTSUPP);
    /* Tflush is answered */
    p9c_begin(c);
    p9_put_u16(&c->w, 7);
    CHECK_EQ(p9c_errno(c, TFLUSH), 0);
    /* link: a second name for a file */
    write_host("orig.txt", "o");
    CHECK_EQ(p9c_walk(c, 1, 54, (const char *[]){"orig.txt", NULL}, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u32(&c->w, 54);
    put_s(c, "hard.txt");
#ifdef __EMSCRIPTEN__
    CHECK_EQ(p9c_errno(c, TLINK), SPIN_EMLINK); /* Emscripten has no hard links */
#else
    CHECK_EQ(p9c_errno(c, TLINK), 0);
    CHECK(host_exists("hard.txt"));
#endif
    CHECK_EQ(p9c_clunk(c, 54), 0);
    /* mknod: no device nodes in a host folder; a FIFO is fine but is never opened */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "sda");
    p9_put_u32(&c->w, SPIN_S_IFBLK | 0600);
    p9_put_u32(&c->w, 8);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TMKNOD), SPIN_EPERM);
    CHECK(!host_exists("sda"));
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    put_s(c, "fifo");
    p9_put_u32(&c->w, SPIN_S_IFIFO | 0600);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
    p9_put_u32(&c->w, 0);
#ifdef __EMSCRIPTEN__
    CHECK_EQ(p9c_errno(c, TMKNOD), SPIN_EPERM); /* Emscripten cannot make a real FIFO */
#else
    CHECK_EQ(p9c_errno(c, TMKNOD), 0);
    CHECK_EQ(p9c_walk(c, 1, 55, (const char *[]){"fifo", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 55, O_RDONLY_), SPIN_EPERM); /* and does not block */
    CHECK_EQ(p9c_clunk(c, 55), 0);
#endif
}

static void test_read_only(p9c *c) {
    /* fid 2 is the read-only export of the same folder */
    CHECK_EQ(p9c_walk(c, 2, 60, NULL, NULL, NULL), 0);
    CHECK_EQ(p9c_lcreate(c, 60, "ro.txt", O_RDWR_, 0644), SPIN_EROFS);
    CHECK_EQ(p9c_mkdir(c, 60, "ro-dir", 0755), SPIN_EROFS);
    CHECK(!host_exists("ro.txt") && !host_exists("ro-dir"));
    CHECK_EQ(p9c_walk(c, 2, 61, (const char *[]){"hello.txt", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 61, O_WRONLY_), SPIN_EROFS);
    CHECK_EQ(p9c_lopen(c, 61, O_RDONLY_ | SPIN_O_TRUNC), SPIN_EROFS);
    CHECK_EQ(p9c_lopen(c, 61, O_RDONLY_), 0);
    char buf[64];
    CHECK_EQ(p9c_read(c, 61, 0, 5, buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "hello"));
    CHECK_EQ(p9c_write(c, 61, 0, "x", NULL), SPIN_EBADF); /* opened read-only */
    p9c_begin(c);
    p9_put_u32(&c->w, 2);
    put_s(c, "hello.txt");
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TUNLINKAT), SPIN_EROFS);
    CHECK(host_exists("hello.txt"));
    CHECK_EQ(p9c_clunk(c, 60), 0);
    CHECK_EQ(p9c_clunk(c, 61), 0);
}

/* aname "/": one mount for every export (Linux mounts a virtio-9p device only once). */
static void test_export_table(p9c *c) {
    CHECK_EQ(p9c_attach(c, 80, "/"), 0);
    CHECK_EQ(p9c_walk(c, 80, 81, NULL, NULL, NULL), 0);
    CHECK_EQ(p9c_lopen(c, 81, O_RDONLY_ | O_DIRECTORY_), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 81);
    p9_put_u64(&c->w, 0);
    p9_put_u32(&c->w, 4096);
    CHECK_EQ(p9c_send(c, TREADDIR), TREADDIR + 1);
    uint32_t n = p9_get_u32(&c->r);
    size_t end = c->r.pos + n;
    char names[256] = "";
    while (c->r.pos < end && !c->r.error) {
        for (int i = 0; i < 4; i++) (void)(i < 2 ? p9_get_u64(&c->r) : p9_get_u8(&c->r));
        p9_get_u32(&c->r);
        strcat(names, p9_get_str(&c->r, NULL));
        strcat(names, " ");
    }
    CHECK(!strcmp(names, ". .. root ro x "));
    CHECK_EQ(p9c_clunk(c, 81), 0);
    /* the entries are the exports: "root" is the root export, "ro" the read-only one */
    uint64_t direct = 0, via_table = 0, via_ro = 0;
    unsigned nq = 0;
    CHECK_EQ(p9c_walk(c, 1, 82, (const char *[]){"hello.txt", NULL}, NULL, &direct), 0);
    CHECK_EQ(p9c_walk(c, 80, 83, (const char *[]){"root", "hello.txt", NULL}, NULL, &via_table), 0);
    CHECK_EQ(direct, via_table);
    CHECK_EQ(p9c_walk(c, 80, 84, (const char *[]){"ro", "hello.txt", NULL}, NULL, &via_ro), 0);
    CHECK(via_ro != direct); /* another export: never the same inode to the guest */
    /* ".." never leads from an export back to the directory or another export */
    uint64_t ro_root = 0, up = 0;
    CHECK_EQ(p9c_walk(c, 80, 85, (const char *[]){"ro", NULL}, NULL, &ro_root), 0);
    CHECK_EQ(p9c_walk(c, 85, 86, (const char *[]){"..", "..", NULL}, &nq, &up), 0);
    CHECK_EQ(up, ro_root);
    CHECK_EQ(p9c_walk(c, 85, 87, (const char *[]){"..", "root", NULL}, &nq, NULL), 0);
    CHECK_EQ(nq, 1);
    CHECK_EQ(p9c_lcreate(c, 85, "via-table.txt", O_RDWR_, 0644), SPIN_EROFS);
    CHECK_EQ(p9c_walk(c, 80, 87, (const char *[]){"missing", NULL}, NULL, NULL), SPIN_ENOENT);
    /* the directory itself cannot be changed */
    CHECK_EQ(p9c_mkdir(c, 80, "new", 0755), SPIN_EROFS);
    CHECK_EQ(p9c_lopen(c, 80, O_WRONLY_), SPIN_EROFS);
    for (uint32_t f = 82; f <= 86; f++) CHECK_EQ(p9c_clunk(c, f), 0);
    CHECK_EQ(p9c_clunk(c, 80), 0);
}

/* Extended attributes through a backend that has them: hostfs with xattr ops added by
 * the test (kept in memory by inode number). */
static struct { uint64_t ino; char name[32]; char value[64]; size_t len; bool used; } xattrs[8];
static spin_fs_ops xattr_ops;

static uint64_t ino_of(spin_fs *fs, spin_fs_node *node) {
    spin_fs_attr a;
    return fs->ops->getattr(fs, node, &a) ? 0 : a.ino;
}
static int find_xattr(uint64_t ino, const char *name) {
    for (int i = 0; i < 8; i++)
        if (xattrs[i].used && xattrs[i].ino == ino && !strcmp(xattrs[i].name, name)) return i;
    return -1;
}
static int64_t t_getxattr(spin_fs *fs, spin_fs_node *node, const char *name, void *buf, size_t len) {
    int i = find_xattr(ino_of(fs, node), name);
    if (i < 0) return -SPIN_ENODATA;
    if (len == 0) return (int64_t)xattrs[i].len;
    if (len < xattrs[i].len) return -SPIN_ERANGE;
    memcpy(buf, xattrs[i].value, xattrs[i].len);
    return (int64_t)xattrs[i].len;
}
static int64_t t_listxattr(spin_fs *fs, spin_fs_node *node, char *buf, size_t len) {
    uint64_t ino = ino_of(fs, node);
    size_t need = 0;
    for (int i = 0; i < 8; i++)
        if (xattrs[i].used && xattrs[i].ino == ino) {
            size_t n = strlen(xattrs[i].name) + 1;
            if (len && need + n <= len) memcpy(buf + need, xattrs[i].name, n);
            need += n;
        }
    return len && need > len ? -SPIN_ERANGE : (int64_t)need;
}
static int t_setxattr(spin_fs *fs, spin_fs_node *node, const char *name, const void *value,
                      size_t len, int flags) {
    uint64_t ino = ino_of(fs, node);
    int i = find_xattr(ino, name);
    if (i >= 0 && (flags & 1)) return -SPIN_EEXIST;
    if (i < 0 && (flags & 2)) return -SPIN_ENODATA;
    for (int k = 0; i < 0 && k < 8; k++)
        if (!xattrs[k].used) i = k;
    if (i < 0 || len > sizeof xattrs[i].value || strlen(name) >= sizeof xattrs[i].name) return -SPIN_ENOSPC;
    xattrs[i].used = true;
    xattrs[i].ino = ino;
    strcpy(xattrs[i].name, name);
    memcpy(xattrs[i].value, value, len);
    xattrs[i].len = len;
    return 0;
}
static int t_removexattr(spin_fs *fs, spin_fs_node *node, const char *name) {
    int i = find_xattr(ino_of(fs, node), name);
    if (i < 0) return -SPIN_ENODATA;
    xattrs[i].used = false;
    return 0;
}

static void xattr_create(p9c *c, uint32_t fid, const char *name, uint64_t size, uint32_t flags) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    put_s(c, name);
    p9_put_u64(&c->w, size);
    p9_put_u32(&c->w, flags);
    CHECK_EQ(p9c_errno(c, TXATTRCREATE), 0);
}

/* Txattrwalk; returns the errno and the value's size. */
static uint32_t xattr_walk(p9c *c, uint32_t fid, uint32_t newfid, const char *name, uint64_t *size) {
    p9c_begin(c);
    p9_put_u32(&c->w, fid);
    p9_put_u32(&c->w, newfid);
    put_s(c, name);
    uint32_t e = p9c_errno(c, TXATTRWALK);
    if (!e && size) *size = p9_get_u64(&c->r);
    return e;
}

static void test_xattr(p9c *c) {
    CHECK_EQ(p9c_attach(c, 90, "x"), 0);
    CHECK_EQ(p9c_walk(c, 90, 91, (const char *[]){"hello.txt", NULL}, NULL, NULL), 0);
    /* set: Txattrcreate turns the fid into a value being written, set when clunked */
    CHECK_EQ(p9c_walk(c, 91, 92, NULL, NULL, NULL), 0);
    xattr_create(c, 92, "user.greeting", 5, 0);
    uint32_t n = 0;
    CHECK_EQ(p9c_write(c, 92, 0, "hel", &n), 0);
    CHECK_EQ(p9c_write(c, 92, 3, "lo", &n), 0);
    CHECK_EQ(p9c_write(c, 92, 5, "!", &n), SPIN_EINVAL); /* more than announced */
    CHECK_EQ(p9c_clunk(c, 92), 0);
    /* get */
    uint64_t size = 0;
    char buf[64];
    CHECK_EQ(xattr_walk(c, 91, 93, "user.greeting", &size), 0);
    CHECK_EQ(size, 5);
    CHECK_EQ(p9c_read(c, 93, 0, 64, buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "hello"));
    CHECK_EQ(p9c_read(c, 93, 3, 64, buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "lo"));
    CHECK_EQ(p9c_write(c, 93, 0, "x", NULL), SPIN_EBADF); /* a value being read */
    CHECK_EQ(p9c_clunk(c, 93), 0);
    /* list */
    CHECK_EQ(xattr_walk(c, 91, 93, "", &size), 0);
    CHECK_EQ(size, sizeof "user.greeting");
    CHECK_EQ(p9c_clunk(c, 93), 0);
    CHECK_EQ(xattr_walk(c, 91, 93, "user.missing", NULL), SPIN_ENODATA);
    /* a short value: the set fails when clunked (and the fid is gone all the same) */
    CHECK_EQ(p9c_walk(c, 91, 92, NULL, NULL, NULL), 0);
    xattr_create(c, 92, "user.short", 4, 0);
    CHECK_EQ(p9c_write(c, 92, 0, "ab", &n), 0);
    CHECK_EQ(p9c_clunk(c, 92), SPIN_EINVAL);
    CHECK_EQ(p9c_clunk(c, 92), SPIN_EBADF);
    CHECK_EQ(xattr_walk(c, 91, 93, "user.short", NULL), SPIN_ENODATA);
    /* remove: size 0 with XATTR_REPLACE */
    CHECK_EQ(p9c_walk(c, 91, 92, NULL, NULL, NULL), 0);
    xattr_create(c, 92, "user.greeting", 0, 2);
    CHECK_EQ(p9c_clunk(c, 92), 0);
    CHECK_EQ(xattr_walk(c, 91, 93, "user.greeting", NULL), SPIN_ENODATA);
    CHECK_EQ(p9c_clunk(c, 91), 0);
    CHECK_EQ(p9c_clunk(c, 90), 0);
}

static void test_hostile(p9c *c) {
    /* every prefix of a valid message: answered, never a crash */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u32(&c->w, 70);
    p9_put_u16(&c->w, 2);
    put_s(c, "a");
    put_s(c, "b");
    p9_finish(&c->w, TWALK, 5);
    uint8_t msg[64];
    size_t full = c->w.len;
    memcpy(msg, c->req, full);
    for (size_t len = 0; len < full; len++) {
        uint8_t copy[64];
        memcpy(copy, msg, len);
        if (len >= 4) { /* a size field that matches the shorter message */
            copy[0] = (uint8_t)len;
            copy[1] = copy[2] = copy[3] = 0;
        }
        CHECK_EQ(p9c_send_raw(c, copy, len), RLERROR);
    }
    CHECK_EQ(p9c_clunk(c, 70), SPIN_EBADF);
    /* a size field that does not match the bytes */
    msg[0] = (uint8_t)(full + 1);
    CHECK_EQ(p9c_send_raw(c, msg, full), RLERROR);
    CHECK_EQ(p9c_error(c), SPIN_EINVAL);
    /* a message larger than msize */
    static uint8_t big[MSIZE + 16];
    memset(big, 0, sizeof big);
    big[0] = (uint8_t)sizeof big;
    big[1] = (uint8_t)(sizeof big >> 8);
    big[2] = (uint8_t)(sizeof big >> 16);
    big[4] = TWRITE;
    CHECK_EQ(p9c_send_raw(c, big, sizeof big), RLERROR);
    /* a string whose length runs past the end */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u16(&c->w, 1000);
    p9_put_bytes(&c->w, "abc", 3);
    CHECK_EQ(p9c_errno(c, TMKDIR), SPIN_EINVAL);
    /* a name with a NUL inside */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_str(&c->w, "ab\0cd", 5);
    p9_put_u32(&c->w, 0755);
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TMKDIR), SPIN_EINVAL);
    CHECK(!host_exists("ab"));
    /* Twrite whose count exceeds its data */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u64(&c->w, 0);
    p9_put_u32(&c->w, 0xffffffffu);
    p9_put_bytes(&c->w, "xyz", 3);
    CHECK_EQ(p9c_errno(c, TWRITE), SPIN_EINVAL);
    /* trailing bytes after the fields */
    p9c_begin(c);
    p9_put_u32(&c->w, 1);
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TCLUNK), SPIN_EINVAL);
    /* unknown and legacy (9P2000) message types */
    p9c_begin(c);
    CHECK_EQ(p9c_errno(c, 112 /* Topen */), SPIN_EOPNOTSUPP);
    p9c_begin(c);
    CHECK_EQ(p9c_errno(c, 255), SPIN_EOPNOTSUPP);
    p9c_begin(c);
    p9_put_u32(&c->w, 5);
    put_s(c, "u");
    put_s(c, "");
    p9_put_u32(&c->w, 0);
    CHECK_EQ(p9c_errno(c, TAUTH), SPIN_EOPNOTSUPP);
    /* xattrcreate larger than the limit */
    CHECK_EQ(p9c_walk(c, 1, 71, NULL, NULL, NULL), 0);
    p9c_begin(c);
    p9_put_u32(&c->w, 71);
    put_s(c, "user.big");
    p9_put_u64(&c->w, UINT64_C(1) << 40);
    p9_put_u32(&c->w, 0);
    CHECK(p9c_errno(c, TXATTRCREATE) != 0);
    CHECK_EQ(p9c_clunk(c, 71), 0);
}

static void test_fid_limit(p9c *c) {
    size_t before = spin_p9_server_fid_count(c->server);
    uint32_t made = 0;
    for (uint32_t f = 100000; f < 100000 + SPIN_P9_MAX_FIDS + 1; f++) {
        if (p9c_walk(c, 1, f, NULL, NULL, NULL)) break;
        made++;
    }
    CHECK_EQ(made + before, SPIN_P9_MAX_FIDS);
    CHECK_EQ(p9c_walk(c, 1, 99999, NULL, NULL, NULL), SPIN_EMFILE);
    for (uint32_t f = 100000; f < 100000 + made; f++) p9c_clunk(c, f);
    CHECK_EQ(spin_p9_server_fid_count(c->server), before);
}

/* Random and mutated messages; the server must answer each exactly once. */
static void test_fuzz(p9c *c) {
    static const uint8_t types[] = {TSTATFS, TLOPEN, TLCREATE, TSYMLINK, TMKNOD, TRENAME,
                                    TREADLINK, TGETATTR, TSETATTR, TXATTRWALK, TXATTRCREATE,
                                    TREADDIR, TFSYNC, TLOCK, TGETLOCK, TLINK, TMKDIR,
                                    TRENAMEAT, TUNLINKAT, TATTACH, TFLUSH, TWALK, TREAD,
                                    TWRITE, TCLUNK, TREMOVE, TVERSION};
    uint64_t seed = 0x9e3779b97f4a7c15u;
    uint8_t msg[512];
    CHECK_EQ(p9c_mkdir(c, 1, "fuzz", 0755), 0);
    CHECK_EQ(p9c_walk(c, 1, 3, (const char *[]){"fuzz", NULL}, NULL, NULL), 0);
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        size_t len = 7 + seed % 80;
        uint64_t s = seed;
        for (size_t k = 0; k < len; k++) {
            s = s * 6364136223846793005u + 1442695040888963407u;
            uint8_t b = (uint8_t)(s >> 56);
            /* small numbers are likelier to be valid fids, lengths and counts */
            msg[k] = (s >> 20) % 3 ? b % 8 : b;
        }
        msg[4] = types[(seed >> 32) % sizeof types];
        if (msg[4] == TVERSION) msg[4] = TCLUNK; /* keep the session */
        /* usually a matching size field, sometimes not */
        uint32_t size = (seed >> 40) % 8 ? (uint32_t)len : (uint32_t)(seed >> 8);
        memcpy(msg, &size, 4);
        /* keep work inside the fuzz directory: fid 1 (the root) is never the target of a
         * change because small fids are rewritten to fid 3 or new ones */
        if (msg[7] == 1) msg[7] = 3;
        p9c_send_raw(c, msg, len);
    }
    /* the session still works */
    CHECK_EQ(p9c_walk(c, 1, 4, (const char *[]){"hello.txt", NULL}, NULL, NULL), 0);
    CHECK_EQ(p9c_clunk(c, 4), 0);
}

int main(void) {
    setup_tree();
    p9c *c = &client;
    c->server = spin_p9_server_new(0, p9c_on_reply, c);
    char p[512];
    snprintf(p, sizeof p, "%s/export", dir);
    spin_fs *rw = spin_hostfs_new(p, false), *ro = spin_hostfs_new(p, true);
    CHECK(c->server && rw && ro);
    if (!c->server || !rw || !ro) return device_check_summary("p9_server_test");
    CHECK_EQ(spin_p9_server_add_export(c->server, "", rw), 0);
    CHECK_EQ(spin_p9_server_add_export(c->server, "ro", ro), 0);
    spin_fs *xfs = spin_hostfs_new(p, false);
    CHECK(xfs != NULL);
    if (xfs) {
        xattr_ops = *xfs->ops;
        xattr_ops.getxattr = t_getxattr;
        xattr_ops.listxattr = t_listxattr;
        xattr_ops.setxattr = t_setxattr;
        xattr_ops.removexattr = t_removexattr;
        xfs->ops = &xattr_ops;
        CHECK_EQ(spin_p9_server_add_export(c->server, "x", xfs), 0);
    }
    CHECK_EQ(spin_p9_server_add_export(c->server, "ro", ro), -1);
    CHECK_EQ(spin_p9_server_add_export(c->server, "root", ro), -1); /* the root's entry name */
    CHECK_EQ(spin_p9_server_add_export(c->server, "a/b", ro), -1);

    test_version(c);
    test_attach(c);
    test_walk(c);
    test_create_write_read(c);
    test_readdir(c);
    test_rename_unlink(c);
    test_symlink_setattr_statfs(c);
    test_read_only(c);
    test_export_table(c);
    test_xattr(c);
    test_hostile(c);
    test_fid_limit(c);
    test_fuzz(c);
    /* outside the export nothing changed */
    char secret[64] = "";
    snprintf(p, sizeof p, "%s/outside/secret", dir);
    FILE *f = fopen(p, "r");
    if (f) {
        CHECK(fgets(secret, sizeof secret, f) != NULL);
        fclose(f);
    }
    CHECK(!strcmp(secret, "secret"));
    /* a new session drops every fid */
    CHECK_EQ(p9c_version(c, MSIZE, "9P2000.L"), MSIZE);
    CHECK_EQ(spin_p9_server_fid_count(c->server), 0);

    spin_p9_server_free(c->server);
    rw->ops->destroy(rw);
    ro->ops->destroy(ro);
    if (xfs) xfs->ops->destroy(xfs);
    remove_tree();
    return device_check_summary("p9_server_test");
}
