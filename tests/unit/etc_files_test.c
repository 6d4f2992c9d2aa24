/* The container's /etc files: resolv.conf from the host's, docker-style names, and the
 * files written into a tree (replacing an image's symlink, never following it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device_check.h"

#include "fs/memfs.h"
#include "runtime/etc_files.h"
#include "runtime/image_tree.h"


static void resolv(void) {
    char *r = spin_resolv_conf_from_host("# managed\nnameserver 127.0.0.53\nnameserver 10.1.2.3\nsearch example\n");
    CHECK(r && !strcmp(r, "# managed\nnameserver 10.1.2.3\nsearch example\n"));
    free(r);
    r = spin_resolv_conf_from_host("nameserver 127.0.0.53\noptions edns0");
    CHECK(r && !strcmp(r, "options edns0\nnameserver 10.0.2.3\n"));
    free(r);
    r = spin_resolv_conf_from_host(NULL);
    CHECK(r && !strcmp(r, "nameserver 10.0.2.3\n"));
    free(r);
    r = spin_resolv_conf_from_host("  nameserver ::1\n");
    CHECK(r && !strcmp(r, "nameserver 10.0.2.3\n"));
    free(r);
}

static void names(void) {
    char name[13];
    spin_container_name((const unsigned char[6]){0x01, 0x23, 0xab, 0xcd, 0xef, 0xff}, name);
    CHECK(!strcmp(name, "0123abcdefff"));
}

static void tree(void) {
    spin_fs *fs;
    CHECK(memfs_create(NULL, &fs) == 0);
    spin_fs_node *root, *etc, *link;
    CHECK(fs->ops->root(fs, &root) == 0);
    CHECK(fs->ops->mkdir(fs, root, "etc", 0755, (spin_fs_owner){0, 0}, &etc) == 0);
    /* The image's /etc/hosts is a symlink out of /etc: replaced, not followed. */
    CHECK(fs->ops->symlink(fs, etc, "hosts", "/elsewhere", (spin_fs_owner){0, 0}, &link) == 0);
    fs->ops->unref(fs, link);
    CHECK(spin_etc_files_write(fs, "box", "nameserver 10.9.9.9\n") == 0);
    size_t len;
    char *hosts = spin_fs_read_small_file(fs, "etc/hosts", 4096, &len);
    CHECK(hosts && strstr(hosts, "127.0.0.1\tlocalhost\n") && strstr(hosts, "127.0.1.1\tbox\n"));
    free(hosts);
    char *name = spin_fs_read_small_file(fs, "etc/hostname", 4096, &len);
    CHECK(name && !strcmp(name, "box\n"));
    free(name);
    char *r = spin_fs_read_small_file(fs, "etc/resolv.conf", 4096, &len);
    CHECK(r && !strcmp(r, "nameserver 10.9.9.9\n"));
    free(r);
    spin_fs_node *gone;
    CHECK(fs->ops->lookup(fs, root, "elsewhere", &gone) == -SPIN_ENOENT);
    fs->ops->unref(fs, etc);
    fs->ops->unref(fs, root);
    fs->ops->destroy(fs);

    /* No /etc at all: made. */
    CHECK(memfs_create(NULL, &fs) == 0);
    CHECK(spin_etc_files_write(fs, "x", "nameserver 10.0.2.3\n") == 0);
    name = spin_fs_read_small_file(fs, "etc/hostname", 4096, &len);
    CHECK(name && !strcmp(name, "x\n"));
    free(name);
    fs->ops->destroy(fs);
}

int main(void) {
    resolv();
    names();
    tree();
    return device_check_summary("etc_files");
}
