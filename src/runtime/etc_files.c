/* /etc/hostname, /etc/hosts, /etc/resolv.conf in a container's tree (etc_files.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "runtime/etc_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replaces /etc/name with text (any old entry that is not a directory goes first, so a
 * symlink in the image is replaced, never followed). */
static int put(spin_fs *fs, spin_fs_node *etc, const char *name, const char *text) {
    spin_fs_node *old;
    if (fs->ops->lookup(fs, etc, name, &old) == 0) {
        spin_fs_attr attr;
        int rc = fs->ops->getattr(fs, old, &attr);
        fs->ops->unref(fs, old);
        if (rc) return rc;
        if ((attr.mode & SPIN_S_IFMT) == SPIN_S_IFDIR) return 0; /* leave the image's choice */
        if ((rc = fs->ops->unlink(fs, etc, name, false))) return rc;
    }
    spin_fs_node *node;
    spin_fs_file *file;
    int rc = fs->ops->create(fs, etc, name, SPIN_O_WRONLY | SPIN_O_CREAT | SPIN_O_TRUNC, 0644,
                             (spin_fs_owner){0, 0}, &node, &file);
    if (rc) return rc;
    size_t len = strlen(text);
    int64_t n = fs->ops->write(fs, file, 0, text, len);
    fs->ops->close(fs, file);
    fs->ops->unref(fs, node);
    return n == (int64_t)len ? 0 : n < 0 ? (int)n : -SPIN_EIO;
}

int spin_etc_files_write(spin_fs *fs, const char *hostname, const char *resolv_conf) {
    spin_fs_node *root, *etc;
    int rc = fs->ops->root(fs, &root);
    if (rc) return rc;
    rc = fs->ops->lookup(fs, root, "etc", &etc);
    if (rc == -SPIN_ENOENT) rc = fs->ops->mkdir(fs, root, "etc", 0755, (spin_fs_owner){0, 0}, &etc);
    fs->ops->unref(fs, root);
    if (rc) return rc;
    spin_fs_attr attr;
    rc = fs->ops->getattr(fs, etc, &attr);
    if (rc == 0 && (attr.mode & SPIN_S_IFMT) == SPIN_S_IFDIR) {
        char hosts[512], name_line[80];
        snprintf(name_line, sizeof name_line, "%s\n", hostname);
        snprintf(hosts, sizeof hosts,
                 "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                 "127.0.1.1\t%s\n", hostname);
        rc = put(fs, etc, "hostname", name_line);
        if (rc == 0) rc = put(fs, etc, "hosts", hosts);
        if (rc == 0) rc = put(fs, etc, "resolv.conf", resolv_conf);
    }
    fs->ops->unref(fs, etc);
    return rc;
}

/* A "nameserver ADDR" line whose address is loopback (127.0.0.0/8 or ::1). */
static int loopback_nameserver(const char *line) {
    const char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (strncmp(p, "nameserver", 10) != 0) return 0;
    p += 10;
    while (*p == ' ' || *p == '\t') p++;
    return strncmp(p, "127.", 4) == 0 || strncmp(p, "::1", 3) == 0;
}

char *spin_resolv_conf_from_host(const char *host_text) {
    size_t cap = (host_text ? strlen(host_text) : 0) + 64;
    char *out = malloc(cap);
    if (!out) return NULL;
    size_t used = 0;
    int servers = 0;
    for (const char *p = host_text ? host_text : ""; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        if (!loopback_nameserver(line)) {
            memcpy(out + used, p, len);
            used += len;
            out[used++] = '\n';
            const char *q = line;
            while (*q == ' ' || *q == '\t') q++;
            if (!strncmp(q, "nameserver", 10)) servers++;
        }
        p += len + (end ? 1 : 0);
    }
    if (!servers) used += (size_t)snprintf(out + used, cap - used, "nameserver 10.0.2.3\n");
    out[used] = '\0';
    return out;
}

void spin_container_name(const unsigned char random[6], char out[13]) {
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 6; i++) {
        out[2 * i] = hex[random[i] >> 4];
        out[2 * i + 1] = hex[random[i] & 15];
    }
    out[12] = '\0';
}
