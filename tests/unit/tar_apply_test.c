/* Layer application (src/fs/tar_apply.h) onto memfs.
 *
 *   tar_apply_test                      archives built here, byte by byte: header fields
 *                                       (checksums, octal, base-256), PAX and GNU headers,
 *                                       path rules and escape attempts, whiteouts, gzip,
 *                                       truncation, feeding in pieces, and a fuzz loop
 *   tar_apply_test list [-c N] LAYER... applies the layers in order (fed N bytes at a
 *                                       time) and prints the tree's listing (tar_listing.h),
 *                                       after "error: ..." and exit status 1 on failure
 *   tar_apply_test fuzz FILE N SEED     N mutations of FILE applied (must never crash)
 *   tar_apply_test apply LAYER...       times applying the layers and cloning the tree
 *                                       (tests/bench/layer)
 *
 * tests/unit/tar_apply_check.py drives the list mode with archives made by GNU tar,
 * gzip, python's tarfile and umoci. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdint.h>
#include <time.h>
#include <zlib.h>

#include "device_check.h"
#include "fs/memfs.h"
#include "fs/tar_apply.h"
#include "fs_tree_helpers.h"
#include "tar_listing.h"

/* ---- applying ---- */

typedef struct result {
    int err;
    char message[400];
} result;

/* Applies one layer from memory, chunk bytes at a time (0: all at once). */
static result apply(spin_fs *fs, const void *data, size_t len, size_t chunk) {
    result r = {0, ""};
    tar_apply *t;
    if ((r.err = tar_apply_start(fs, &t))) return r;
    const unsigned char *p = data;
    size_t step = chunk ? chunk : (len ? len : 1);
    for (size_t at = 0; at < len && !r.err; at += step)
        r.err = tar_apply_feed(t, p + at, len - at < step ? len - at : step);
    if (!r.err) r.err = tar_apply_finish(t);
    snprintf(r.message, sizeof r.message, "%s", tar_apply_error(t));
    tar_apply_free(t);
    return r;
}

/* Trees built at different moments must list alike: directories the layers do not set
 * times on (the root, implicit parents) take the clock's time. */
static spin_fs_time fixed_clock(void *ctx) {
    (void)ctx;
    return (spin_fs_time){1000000000, 0};
}

static spin_fs *new_tree(void) {
    spin_fs *fs;
    memfs_options o = {.max_bytes = 64u << 20, .max_nodes = 100000, .clock = fixed_clock};
    return memfs_create(&o, &fs) ? NULL : fs;
}

/* ---- archives built by hand ---- */

typedef struct archive {
    unsigned char *bytes;
    size_t len, capacity;
} archive;

static void append(archive *a, const void *data, size_t len) {
    if (a->len + len + 1 > a->capacity) {
        a->capacity = (a->len + len + 1) * 2;
        a->bytes = realloc(a->bytes, a->capacity);
    }
    if (len) memcpy(a->bytes + a->len, data, len);
    a->len += len;
}

static void octal(unsigned char *field, size_t width, uint64_t v) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%0*llo", (int)width - 1, (unsigned long long)v);
    memcpy(field, tmp, width - 1);
    field[width - 1] = 0;
}

static void set_checksum(unsigned char *h) {
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += h[i];
    char tmp[8];
    snprintf(tmp, sizeof tmp, "%06o", sum);
    memcpy(h + 148, tmp, 7);
    h[155] = ' ';
}

typedef struct entry {
    const char *name;
    char type;
    uint32_t mode;
    const char *link;
    const void *data;
    size_t size; /* data bytes; also the header's size unless header_size is set */
    uint32_t uid, gid;
    uint64_t mtime;
    uint32_t major, minor;
} entry;

/* A ustar header for e (name must fit in 100 bytes; longer names need 'L' or 'x'). */
static void header(unsigned char h[512], const entry *e) {
    memset(h, 0, 512);
    memcpy(h, e->name, strlen(e->name) < 100 ? strlen(e->name) : 100);
    octal(h + 100, 8, e->mode ? e->mode : (e->type == '5' ? 0755 : 0644));
    octal(h + 108, 8, e->uid);
    octal(h + 116, 8, e->gid);
    octal(h + 124, 12, e->size);
    octal(h + 136, 12, e->mtime ? e->mtime : 1600000000);
    h[156] = (unsigned char)(e->type ? e->type : '0');
    if (e->link) memcpy(h + 157, e->link, strlen(e->link));
    memcpy(h + 257, "ustar\0" "00", 8);
    octal(h + 329, 8, e->major);
    octal(h + 337, 8, e->minor);
    set_checksum(h);
}

static void add_block_data(archive *a, const void *data, size_t size) {
    static const unsigned char zeros[512];
    append(a, data, size);
    append(a, zeros, (512 - size % 512) % 512);
}

static void add(archive *a, entry e) {
    unsigned char h[512];
    header(h, &e);
    append(a, h, 512);
    add_block_data(a, e.data, e.size);
}

/* A PAX extended header with the given records ("key=value" pairs, value as bytes). */
static void add_pax(archive *a, const char *const *kv, const size_t *value_lens, size_t n) {
    archive data = {0};
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(kv[i], '=');
        size_t klen = (size_t)(eq - kv[i]), vlen = value_lens ? value_lens[i] : strlen(eq + 1);
        size_t body = klen + 1 + vlen + 1 + 1; /* key '=' value '\n' and the ' ' */
        size_t digits = 1, total;
        for (;;) {
            total = body + digits;
            size_t d = 1;
            for (size_t t = total; t >= 10; t /= 10) d++;
            if (d == digits) break;
            digits = d;
        }
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%zu ", total);
        append(&data, prefix, strlen(prefix));
        append(&data, kv[i], klen + 1 + vlen);
        append(&data, "\n", 1);
    }
    add(a, (entry){.name = "PaxHeader", .type = 'x', .data = data.bytes, .size = data.len});
    free(data.bytes);
}

static void end(archive *a) {
    static const unsigned char zeros[1024];
    append(a, zeros, sizeof zeros);
}

static bool contains(const char *haystack, const char *needle) {
    return strstr(haystack, needle) != NULL;
}

/* Applies a to a fresh tree: true if it fails with an error message containing message. */
static bool fails_with(const archive *a, const char *message) {
    spin_fs *fs = new_tree();
    result r = apply(fs, a->bytes, a->len, 0);
    fs->ops->destroy(fs);
    bool ok = r.err && contains(r.message, message);
    if (!ok) printf("expected \"%s\", got %d \"%s\"\n", message, r.err, r.message);
    return ok;
}

/* The listing line of path, or NULL. */
static char *line_of(spin_fs *fs, const char *path) {
    static char line[2048];
    char *text = listing_of(fs);
    char want[600];
    snprintf(want, sizeof want, "\n%s\t", path);
    char *found = strstr(text, want);
    char *found_line = NULL;
    if (!found && !strncmp(text, want + 1, strlen(want + 1))) found = text - 1;
    if (found) {
        char *nl = strchr(found + 1, '\n');
        size_t n = (size_t)(nl - found - 1);
        memcpy(line, found + 1, n < sizeof line - 1 ? n : sizeof line - 1);
        line[n < sizeof line - 1 ? n : sizeof line - 1] = 0;
        found_line = line;
    }
    free(text);
    return found_line;
}

/* ---- self tests ---- */

static archive sample(void) {
    archive a = {0};
    add(&a, (entry){.name = "etc/", .type = '5', .mode = 0755});
    add(&a, (entry){.name = "etc/hostname", .data = "spin\n", .size = 5, .uid = 1, .gid = 2});
    add(&a, (entry){.name = "bin/", .type = '5'});
    char big[3000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char)('a' + i % 26);
    add(&a, (entry){.name = "bin/busybox", .mode = 04755, .data = big, .size = sizeof big});
    add(&a, (entry){.name = "bin/sh", .type = '2', .link = "busybox", .mode = 0777});
    add(&a, (entry){.name = "bin/ls", .type = '1', .link = "bin/busybox"});
    add(&a, (entry){.name = "dev/null", .type = '3', .mode = 0666, .major = 1, .minor = 3});
    add(&a, (entry){.name = "dev/sda", .type = '4', .mode = 0660, .major = 8, .minor = 300});
    add(&a, (entry){.name = "run/fifo", .type = '6', .mode = 0600});
    add(&a, (entry){.name = "tmp/", .type = '5', .mode = 01777, .mtime = 1234});
    return a;
}

static void test_sample_and_chunks(void) {
    archive a = sample();
    end(&a);
    spin_fs *fs = new_tree();
    result r = apply(fs, a.bytes, a.len, 0);
    CHECK_EQ(r.err, 0);
    char *whole = listing_of(fs);
    CHECK(line_of(fs, "./etc/hostname") &&
          !strcmp(line_of(fs, "./etc/hostname"), "./etc/hostname\t100644\t1\t2\t5\t1\t\t1600000000\t"));
    CHECK(!strcmp(fs_file_text(fs, "etc/hostname"), "spin\n"));
    CHECK(line_of(fs, "./bin/busybox") && contains(line_of(fs, "./bin/busybox"), "\t104755\t0\t0\t3000\t2\t"));
    CHECK(line_of(fs, "./bin/sh") && contains(line_of(fs, "./bin/sh"), "\t120777\t0\t0\t7\t1\tbusybox\t"));
    CHECK(line_of(fs, "./dev/null") && contains(line_of(fs, "./dev/null"), "\t20666\t0\t0\t1,3\t"));
    CHECK(line_of(fs, "./dev/sda") && contains(line_of(fs, "./dev/sda"), "\t60660\t0\t0\t8,300\t"));
    CHECK(line_of(fs, "./run/fifo") && contains(line_of(fs, "./run/fifo"), "\t10600\t"));
    /* Directory times hold though entries were added after them. */
    CHECK(line_of(fs, "./tmp") && !strcmp(line_of(fs, "./tmp"), "./tmp\t41777\t0\t0\t-\t0\t\t1234\t"));
    fs->ops->destroy(fs);

    /* Fed in pieces of any size, the result is the same. */
    const size_t chunks[] = {1, 7, 511, 512, 513, 4096};
    for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
        fs = new_tree();
        r = apply(fs, a.bytes, a.len, chunks[i]);
        CHECK_EQ(r.err, 0);
        char *other = listing_of(fs);
        CHECK(!strcmp(whole, other));
        free(other);
        fs->ops->destroy(fs);
    }

    /* Without end-of-archive blocks: fine. Cut inside a member: an error naming it. */
    archive b = sample();
    fs = new_tree();
    CHECK_EQ(apply(fs, b.bytes, b.len, 100).err, 0);
    fs->ops->destroy(fs);
    fs = new_tree();
    r = apply(fs, b.bytes, 512 * 6 + 100, 0); /* inside bin/busybox's data */
    CHECK_EQ(r.err, -SPIN_EINVAL);
    CHECK(contains(r.message, "bin/busybox") && contains(r.message, "cut short"));
    fs->ops->destroy(fs);
    fs = new_tree();
    r = apply(fs, b.bytes, 512 * 3 + 300, 0); /* inside bin/'s header */
    CHECK_EQ(r.err, -SPIN_EINVAL);
    CHECK(contains(r.message, "cut short"));
    fs->ops->destroy(fs);
    free(b.bytes);
    free(whole);
    free(a.bytes);
}

static void test_corrupt_headers(void) {
    archive a = sample();
    a.bytes[512 * 1 + 10] ^= 0x20; /* etc/hostname's name: the checksum no longer holds */
    spin_fs *fs = new_tree();
    result r = apply(fs, a.bytes, a.len, 0);
    CHECK_EQ(r.err, -SPIN_EINVAL);
    CHECK(contains(r.message, "checksum") && contains(r.message, "etc/host"));
    fs->ops->destroy(fs);
    free(a.bytes);

    /* Malformed octal. */
    a = (archive){0};
    unsigned char h[512];
    header(h, &(entry){.name = "f", .size = 0});
    memcpy(h + 124, "00000009000", 11);
    set_checksum(h);
    append(&a, h, 512);
    CHECK(fails_with(&a, "malformed number"));
    free(a.bytes);

    /* Base-256 size and uid (GNU), and a negative (pre-1970) mtime. */
    a = (archive){0};
    header(h, &(entry){.name = "b256"});
    memset(h + 124, 0, 12);
    h[124] = 0x80;
    h[135] = 3;
    memset(h + 108, 0, 8);
    h[108] = 0x80;
    h[114] = 0x01;
    h[115] = 0x00; /* uid 256 */
    memset(h + 136, 0xff, 12);
    h[147] = 0xfe; /* -2 */
    set_checksum(h);
    append(&a, h, 512);
    add_block_data(&a, "abc", 3);
    fs = new_tree();
    r = apply(fs, a.bytes, a.len, 0);
    CHECK_EQ(r.err, 0);
    CHECK(!strcmp(fs_file_text(fs, "b256"), "abc"));
    CHECK(line_of(fs, "./b256") && contains(line_of(fs, "./b256"), "\t256\t0\t3\t1\t\t-2\t"));
    fs->ops->destroy(fs);
    /* A base-256 size beyond int64 is refused. */
    memset(h + 124, 0xff, 12);
    h[124] = 0x80;
    set_checksum(h);
    memcpy(a.bytes, h, 512);
    CHECK(fails_with(&a, "malformed number"));
    free(a.bytes);

    /* Unsupported types, and oversize extended headers. */
    a = (archive){0};
    add(&a, (entry){.name = "sparse", .type = 'S'});
    CHECK(fails_with(&a, "sparse"));
    free(a.bytes);
    a = (archive){0};
    header(h, &(entry){.name = "PaxHeader", .type = 'x', .size = 2u << 20});
    append(&a, h, 512);
    CHECK(fails_with(&a, "larger than 1 MiB"));
    free(a.bytes);
}

static void test_extended_headers(void) {
    archive a = {0};
    char long_name[400];
    memset(long_name, 'n', sizeof long_name);
    memcpy(long_name, "deep/", 5);
    long_name[sizeof long_name - 1] = 0;
    long_name[200] = '/';
    /* GNU 'L' and 'K'. */
    add(&a, (entry){.name = "././@LongLink", .type = 'L', .data = long_name,
                    .size = strlen(long_name) + 1});
    add(&a, (entry){.name = "truncated-name", .data = "L", .size = 1});
    add(&a, (entry){.name = "././@LongLink", .type = 'K', .data = long_name,
                    .size = strlen(long_name)});
    add(&a, (entry){.name = "long-link", .type = '2', .link = "short"});
    /* Both for one entry: the 'K' must not drop what the 'L' said. */
    add(&a, (entry){.name = "././@LongLink", .type = 'L', .data = "both/name", .size = 9});
    add(&a, (entry){.name = "././@LongLink", .type = 'K', .data = "both/target", .size = 11});
    add(&a, (entry){.name = "cut", .type = '2', .link = "cut"});
    /* PAX: path, linkpath, size, uid, gid, mtime, xattrs both ways. */
    const char *kv[] = {"path=pax/file", "uid=4000000000", "gid=7", "mtime=1700000000.5",
                        "SCHILY.xattr.user.bin=a\0b", "LIBARCHIVE.xattr.user.b64%21=aGk=",
                        "atime=1", "comment=ignored", "size=4"};
    size_t lens[] = {8, 10, 1, 12, 3, 4, 1, 7, 1};
    add_pax(&a, kv, lens, 9);
    add(&a, (entry){.name = "ignored-name", .data = "data", .size = 0}); /* size from PAX */
    append(&a, "data", 4);
    static const unsigned char pad[508];
    append(&a, pad, sizeof pad);
    end(&a);
    spin_fs *fs = new_tree();
    result r = apply(fs, a.bytes, a.len, 3);
    CHECK_EQ(r.err, 0);
    char path[500];
    snprintf(path, sizeof path, "./%s", long_name);
    CHECK(line_of(fs, path) != NULL);
    CHECK(line_of(fs, "./long-link") && contains(line_of(fs, "./long-link"), long_name));
    CHECK(line_of(fs, "./both/name") && contains(line_of(fs, "./both/name"), "\tboth/target\t"));
    CHECK(!strcmp(fs_file_text(fs, "pax/file"), "data"));
    CHECK(line_of(fs, "./pax/file") &&
          !strcmp(line_of(fs, "./pax/file"),
                  "./pax/file\t100644\t4000000000\t7\t4\t1\t\t1700000000\t"
                  "user.bin=610062,user.b64!=6869"));
    CHECK(line_of(fs, "./ignored-name") == NULL);
    fs->ops->destroy(fs);
    free(a.bytes);

    /* An empty PAX header as the archive's last bytes is complete, not cut short. */
    a = (archive){0};
    add(&a, (entry){.name = "PaxHeader", .type = 'x', .size = 0});
    fs = new_tree();
    CHECK_EQ(apply(fs, a.bytes, a.len, 0).err, 0);
    fs->ops->destroy(fs);
    free(a.bytes);

    /* Malformed records and sparse PAX files are refused. */
    const char *bad[] = {"GNU.sparse.major=1"};
    a = (archive){0};
    add_pax(&a, bad, NULL, 1);
    add(&a, (entry){.name = "f"});
    CHECK(fails_with(&a, "sparse"));
    free(a.bytes);
    a = (archive){0};
    add(&a, (entry){.name = "PaxHeader", .type = 'x', .data = "99 path=x\n", .size = 10});
    add(&a, (entry){.name = "f"});
    CHECK(fails_with(&a, "malformed PAX"));
    free(a.bytes);
}

static void test_paths_and_escapes(void) {
    struct {
        entry e;
        const char *message; /* NULL: applies */
    } cases[] = {
        {{.name = "../../etc/x", .data = "x", .size = 1}, "climbs out"},
        {{.name = "a/../../x", .data = "x", .size = 1}, "climbs out"},
        {{.name = "ok/../hl", .type = '1', .link = "../x"}, "climbs out"},
        {{.name = "hl", .type = '1', .link = "missing"}, "not in the tree"},
        {{.name = "hl", .type = '1', .link = "top"}, "hard link to a directory"},
        {{.name = "root", .type = '2', .link = "/"}, NULL},
        {{.name = "root/etc/passwd", .data = "pwned", .size = 5}, "symlink"},
        {{.name = "root/x", .type = '1', .link = "top/f"}, "symlink"},
        {{.name = "hl2", .type = '1', .link = "root/etc"}, "symlink"},
        {{.name = "file/child", .data = "x", .size = 1}, "non-directory"},
        {{.name = "x", .type = '0', .data = "x", .size = 1, .link = ""}, NULL},
        {{.name = ".", .data = "x", .size = 1}, "names the root"},
        {{.name = "sym", .type = '2', .link = ""}, "without a target"},
        {{.name = "dev", .type = '3', .major = 5000}, "out of range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        archive a = {0};
        add(&a, (entry){.name = "top/", .type = '5'});
        add(&a, (entry){.name = "top/f", .data = "f", .size = 1});
        add(&a, (entry){.name = "file", .data = "f", .size = 1});
        add(&a, (entry){.name = "root", .type = '2', .link = "/"});
        add(&a, cases[i].e);
        spin_fs *fs = new_tree();
        result r = apply(fs, a.bytes, a.len, 0);
        if (cases[i].message) {
            bool ok = r.err && contains(r.message, cases[i].message) &&
                      contains(r.message, cases[i].e.name);
            if (!ok) printf("case %zu (%s): %d %s\n", i, cases[i].e.name, r.err, r.message);
            CHECK(ok);
        } else {
            CHECK_EQ(r.err, 0);
        }
        /* Nothing landed anywhere unexpected: the tree is the four set-up entries (+ x). */
        char *text = listing_of(fs);
        CHECK(!contains(text, "passwd") && !contains(text, "./etc"));
        free(text);
        fs->ops->destroy(fs);
        free(a.bytes);
    }

    /* Paths longer than PATH_MAX are refused (they would make trees too deep to walk). */
    char *deep = malloc(5000);
    for (int i = 0; i < 2499; i++) memcpy(deep + 2 * i, "d/", 2);
    memcpy(deep + 4998, "f", 2);
    const char *kv[] = {deep};
    char *record = malloc(5010);
    snprintf(record, 5010, "path=%s", deep);
    kv[0] = record;
    archive d = {0};
    add_pax(&d, kv, NULL, 1);
    add(&d, (entry){.name = "short"});
    spin_fs *deep_fs = new_tree();
    result deep_r = apply(deep_fs, d.bytes, d.len, 0);
    CHECK(deep_r.err == -SPIN_ENAMETOOLONG && contains(deep_r.message, "longer than 4096"));
    deep_fs->ops->destroy(deep_fs);
    free(d.bytes);
    free(record);
    free(deep);

    /* Absolute paths and "." / ".." components are normalised as docker does. */
    archive a = {0};
    add(&a, (entry){.name = "/abs/file", .data = "A", .size = 1});
    add(&a, (entry){.name = "./a/./b/../c", .data = "C", .size = 1});
    add(&a, (entry){.name = "//x//y", .data = "Y", .size = 1});
    add(&a, (entry){.name = "./", .type = '5', .mode = 0700, .mtime = 42});
    spin_fs *fs = new_tree();
    result r = apply(fs, a.bytes, a.len, 0);
    CHECK_EQ(r.err, 0);
    CHECK(!strcmp(fs_file_text(fs, "abs/file"), "A"));
    CHECK(!strcmp(fs_file_text(fs, "a/c"), "C"));
    CHECK(!strcmp(fs_file_text(fs, "x/y"), "Y"));
    CHECK(line_of(fs, "./a/b") == NULL);
    CHECK(line_of(fs, ".") && !strcmp(line_of(fs, "."), ".\t40700\t0\t0\t-\t0\t\t42\t"));
    fs->ops->destroy(fs);
    free(a.bytes);
}

static void test_replace_and_whiteouts(void) {
    archive lower = {0};
    add(&lower, (entry){.name = "d/", .type = '5'});
    add(&lower, (entry){.name = "d/keep", .data = "K", .size = 1});
    add(&lower, (entry){.name = "d/gone", .data = "G", .size = 1});
    add(&lower, (entry){.name = "d/sub/deep", .data = "D", .size = 1});
    add(&lower, (entry){.name = "o/", .type = '5'});
    add(&lower, (entry){.name = "o/old", .data = "O", .size = 1});
    add(&lower, (entry){.name = "o/sub/old", .data = "O", .size = 1});
    add(&lower, (entry){.name = "o/sub/kept-dir-old", .data = "O", .size = 1});
    add(&lower, (entry){.name = "f", .data = "file", .size = 4});
    add(&lower, (entry){.name = "f2", .data = "file2", .size = 5});
    add(&lower, (entry){.name = "f3", .type = '1', .link = "f2"});
    add(&lower, (entry){.name = "dir-to-file/x/y", .data = "y", .size = 1});

    archive upper = {0};
    add(&upper, (entry){.name = "d/.wh.gone"});
    add(&upper, (entry){.name = "d/.wh.sub"});
    add(&upper, (entry){.name = "d/.wh.never-existed"});
    add(&upper, (entry){.name = "nowhere/.wh.x"});
    add(&upper, (entry){.name = "o/new-before", .data = "N", .size = 1});
    add(&upper, (entry){.name = "o/sub/", .type = '5', .mode = 0711});
    add(&upper, (entry){.name = "o/.wh..wh..opq"});
    add(&upper, (entry){.name = "o/new-after", .data = "N", .size = 1});
    add(&upper, (entry){.name = "o/sub/new", .data = "N", .size = 1});
    add(&upper, (entry){.name = "f", .type = '5'});              /* file -> directory */
    add(&upper, (entry){.name = "dir-to-file", .data = "now a file", .size = 10});
    add(&upper, (entry){.name = "f2", .data = "replaced", .size = 8}); /* f3 keeps old data */
    add(&upper, (entry){.name = "d/.wh..wh..plnk"});                  /* aufs: ignored */

    spin_fs *fs = new_tree();
    CHECK_EQ(apply(fs, lower.bytes, lower.len, 0).err, 0);
    result r = apply(fs, upper.bytes, upper.len, 0);
    CHECK_EQ(r.err, 0);
    if (r.err) printf("%s\n", r.message);
    CHECK(!strcmp(fs_file_text(fs, "d/keep"), "K"));
    CHECK(line_of(fs, "./d/gone") == NULL && line_of(fs, "./d/sub") == NULL);
    CHECK(line_of(fs, "./nowhere") == NULL);
    CHECK(line_of(fs, "./o/old") == NULL && line_of(fs, "./o/sub/old") == NULL);
    CHECK(line_of(fs, "./o/sub/kept-dir-old") == NULL);
    CHECK(!strcmp(fs_file_text(fs, "o/new-before"), "N") && !strcmp(fs_file_text(fs, "o/new-after"), "N"));
    CHECK(!strcmp(fs_file_text(fs, "o/sub/new"), "N"));
    CHECK(line_of(fs, "./o/sub") && contains(line_of(fs, "./o/sub"), "\t40711\t"));
    CHECK(line_of(fs, "./f") && contains(line_of(fs, "./f"), "\t40755\t"));
    CHECK(!strcmp(fs_file_text(fs, "dir-to-file"), "now a file"));
    CHECK(!strcmp(fs_file_text(fs, "f2"), "replaced"));
    CHECK(!strcmp(fs_file_text(fs, "f3"), "file2"));
    CHECK(line_of(fs, "./f3") && contains(line_of(fs, "./f3"), "\t5\t1\t"));
    CHECK(line_of(fs, "./d/.wh.gone") == NULL && line_of(fs, "./o/.wh..wh..opq") == NULL);
    fs->ops->destroy(fs);
    free(lower.bytes);
    free(upper.bytes);
}

/* gzip of data in n members. */
static archive gzip_of(const unsigned char *data, size_t len, int members) {
    archive out = {0};
    size_t per = len / (size_t)members + 1;
    for (size_t at = 0; at < len; at += per) {
        size_t n = len - at < per ? len - at : per;
        z_stream z = {0};
        deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        uLong bound = deflateBound(&z, (uLong)n);
        unsigned char *buf = malloc(bound);
        z.next_in = (unsigned char *)data + at;
        z.avail_in = (uInt)n;
        z.next_out = buf;
        z.avail_out = (uInt)bound;
        deflate(&z, Z_FINISH);
        append(&out, buf, bound - z.avail_out);
        deflateEnd(&z);
        free(buf);
    }
    return out;
}

static void test_compression(void) {
    archive a = sample();
    end(&a);
    spin_fs *plain = new_tree();
    CHECK_EQ(apply(plain, a.bytes, a.len, 0).err, 0);
    char *expected = listing_of(plain);
    plain->ops->destroy(plain);
    for (int members = 1; members <= 3; members += 2) {
        archive gz = gzip_of(a.bytes, a.len, members);
        spin_fs *fs = new_tree();
        result r = apply(fs, gz.bytes, gz.len, 100);
        CHECK_EQ(r.err, 0);
        char *got = listing_of(fs);
        CHECK(!strcmp(got, expected));
        free(got);
        fs->ops->destroy(fs);
        /* Cut short, or corrupted: clear errors. */
        fs = new_tree();
        r = apply(fs, gz.bytes, gz.len / 2, 0);
        CHECK(r.err && (contains(r.message, "cut short")));
        fs->ops->destroy(fs);
        gz.bytes[gz.len / 2] ^= 0xff;
        gz.bytes[gz.len / 2 + 1] ^= 0xff;
        fs = new_tree();
        r = apply(fs, gz.bytes, gz.len, 0);
        CHECK(r.err != 0);
        fs->ops->destroy(fs);
        free(gz.bytes);
    }
    static const unsigned char zstd[] = {0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0};
    spin_fs *fs = new_tree();
    result r = apply(fs, zstd, sizeof zstd, 0);
    CHECK_EQ(r.err, -SPIN_EOPNOTSUPP);
    CHECK(contains(r.message, "zstd"));
    fs->ops->destroy(fs);
    /* Empty and tiny layers. */
    fs = new_tree();
    CHECK_EQ(apply(fs, "", 0, 0).err, 0);
    CHECK_EQ(apply(fs, "ab", 2, 0).err, -SPIN_EINVAL);
    fs->ops->destroy(fs);
    free(expected);
    free(a.bytes);
}

/* More directory entries than the layer keeps times for: the last one's time wins. */
static void test_many_directory_entries(void) {
    archive a = {0};
    for (uint64_t i = 0; i < 70000; i++)
        add(&a, (entry){.name = i % 2 ? "d/" : "d/e/", .type = '5', .mtime = 1000 + i});
    spin_fs *fs = new_tree();
    CHECK_EQ(apply(fs, a.bytes, a.len, 0).err, 0);
    CHECK(line_of(fs, "./d") && contains(line_of(fs, "./d"), "\t70999\t"));
    CHECK(line_of(fs, "./d/e") && contains(line_of(fs, "./d/e"), "\t70998\t"));
    fs->ops->destroy(fs);
    free(a.bytes);
}

static void test_limits(void) {
    archive a = sample();
    spin_fs *fs;
    memfs_options o = {.max_bytes = 1000};
    memfs_create(&o, &fs);
    result r = apply(fs, a.bytes, a.len, 0);
    CHECK_EQ(r.err, -SPIN_ENOSPC);
    CHECK(contains(r.message, "bin/busybox") && contains(r.message, "no space"));
    fs->ops->destroy(fs);
    free(a.bytes);
}

/* ---- fuzzing ---- */

static uint64_t rng_state;
static uint64_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Applies mutations of seed; returns how many applied without error. */
static unsigned fuzz(const unsigned char *seed, size_t len, unsigned iterations, uint64_t s) {
    rng_state = s ? s : 1;
    unsigned ok = 0;
    unsigned char *m = malloc(len + 64);
    for (unsigned i = 0; i < iterations; i++) {
        memcpy(m, seed, len);
        size_t n = len;
        unsigned edits = 1 + (unsigned)(rng() % 8);
        for (unsigned e = 0; e < edits && n; e++) {
            size_t at = (size_t)(rng() % n);
            switch (rng() % 6) {
            case 0: m[at] ^= (unsigned char)(1u << (rng() % 8)); break;
            case 1: m[at] = (unsigned char)rng(); break;
            case 2: n = at; break; /* truncate */
            case 3: m[at] = (unsigned char)"0123456789 \0\x80\xff/.x"[rng() % 17]; break;
            case 4: /* fix the checksum of the block we broke, to get past it */
                if (n >= (at / 512) * 512 + 512) set_checksum(m + (at / 512) * 512);
                break;
            default: m[at] = '7'; break;
            }
        }
        spin_fs *fs;
        memfs_options o = {.max_bytes = 8u << 20, .max_nodes = 5000};
        memfs_create(&o, &fs);
        result r = apply(fs, m, n, 1 + (size_t)(rng() % 2000));
        if (!r.err) ok++;
        char *text = listing_of(fs); /* whatever was built stays consistent to walk */
        free(text);
        fs->ops->destroy(fs);
    }
    free(m);
    return ok;
}

static void test_fuzz(void) {
    archive a = sample();
    const char *kv[] = {"path=pax/long", "SCHILY.xattr.user.x=1", "mtime=5.5"};
    add_pax(&a, kv, NULL, 3);
    add(&a, (entry){.name = "x", .data = "x", .size = 1});
    add(&a, (entry){.name = "././@LongLink", .type = 'L', .data = "gnu/long", .size = 8});
    add(&a, (entry){.name = "y", .data = "y", .size = 1});
    add(&a, (entry){.name = "etc/.wh.hostname"});
    add(&a, (entry){.name = "bin/.wh..wh..opq"});
    end(&a);
    unsigned ok = fuzz(a.bytes, a.len, 3000, 12345);
    printf("fuzz (tar): %u of 3000 mutations applied without error\n", ok);
    CHECK(ok < 3000);
    archive gz = gzip_of(a.bytes, a.len, 1);
    ok = fuzz(gz.bytes, gz.len, 1000, 777);
    printf("fuzz (gzip): %u of 1000 mutations applied without error\n", ok);
    free(gz.bytes);
    free(a.bytes);
}

/* ---- command line modes ---- */

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *data = NULL;
    size_t cap = 0, n;
    *len = 0;
    do {
        if (*len + 65536 > cap) data = realloc(data, cap = (*len + 65536) * 2);
        n = fread(data + *len, 1, 65536, f);
        *len += n;
    } while (n);
    fclose(f);
    return data;
}

static int list_mode(int argc, char **argv) {
    size_t chunk = 0;
    int first = 2;
    if (argc > 3 && !strcmp(argv[2], "-c")) chunk = (size_t)strtoul(argv[3], NULL, 10), first = 4;
    spin_fs *fs;
    memfs_create(NULL, &fs);
    int status = 0;
    for (int i = first; i < argc; i++) {
        size_t len;
        unsigned char *data = read_file(argv[i], &len);
        if (!data) {
            fprintf(stderr, "error: cannot read %s\n", argv[i]);
            return 2;
        }
        result r = apply(fs, data, len, chunk ? chunk : 65536);
        free(data);
        if (r.err) {
            printf("error: %s\n", r.message);
            status = 1;
            break;
        }
    }
    char *text = listing_of(fs); /* after an error too: what the tree holds then */
    fputs(text, stdout);
    free(text);
    fs->ops->destroy(fs);
    return status;
}

static double seconds_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* For tests/bench/layer: applies the layers (read into memory first, fed 64 KiB at a
 * time as a download would), then clones the tree; prints what it took. */
static int apply_mode(int argc, char **argv) {
    spin_fs *fs, *clone;
    memfs_create(NULL, &fs);
    double apply_seconds = 0;
    uint64_t layer_bytes = 0;
    for (int i = 2; i < argc; i++) {
        size_t len;
        unsigned char *data = read_file(argv[i], &len);
        if (!data) return 2;
        double t0 = seconds_now();
        result r = apply(fs, data, len, 65536);
        apply_seconds += seconds_now() - t0;
        layer_bytes += len;
        free(data);
        if (r.err) {
            printf("error: %s\n", r.message);
            return 1;
        }
    }
    double t0 = seconds_now();
    if (memfs_clone(fs, NULL, &clone)) return 1;
    double clone_seconds = seconds_now() - t0;
    memfs_usage u;
    memfs_get_usage(fs, &u);
    printf("layer_bytes %" PRIu64 " tree_bytes %" PRIu64 " nodes %" PRIu64
           " apply_seconds %.4f clone_seconds %.6f\n",
           layer_bytes, u.bytes, u.nodes, apply_seconds, clone_seconds);
    clone->ops->destroy(clone);
    fs->ops->destroy(fs);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 2 && !strcmp(argv[1], "list")) return list_mode(argc, argv);
    if (argc > 2 && !strcmp(argv[1], "apply")) return apply_mode(argc, argv);
    if (argc == 5 && !strcmp(argv[1], "fuzz")) {
        size_t len;
        unsigned char *data = read_file(argv[2], &len);
        if (!data) return 2;
        unsigned ok = fuzz(data, len, (unsigned)strtoul(argv[3], NULL, 10),
                           strtoull(argv[4], NULL, 10));
        printf("fuzz: %u applied without error\n", ok);
        free(data);
        return 0;
    }
    test_sample_and_chunks();
    test_corrupt_headers();
    test_extended_headers();
    test_paths_and_escapes();
    test_replace_and_whiteouts();
    test_compression();
    test_limits();
    test_many_directory_entries();
    test_fuzz();
    return device_check_summary("tar_apply_test");
}
