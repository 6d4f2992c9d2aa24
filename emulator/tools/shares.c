/* spin-emu's file trees for the guest: --rootfs DIR and -v HOST:GUEST[:ro] become host
 * folder trees (src/fs/hostfs), which the container serves over virtio-9p: the root as
 * export "", volume i as "v<i>" (src/runtime/container.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/hostfs.h"
#include "spin_emu.h"

static void say(const char *what, const char *path) {
    fprintf(stderr, "spin-emu: cannot serve %s: %s\n", path, what);
}

int spin_emu_shares_open(spin_emu_shares *s, const spin_emu_options *o) {
    memset(s, 0, sizeof *s);
    size_t n = (size_t)o->volume_count;
    if (n && (!(s->volumes = calloc(n, sizeof *s->volumes)) || !(s->trees = calloc(n, sizeof *s->trees)))) {
        say("out of memory", "the volumes");
        spin_emu_shares_close(s);
        return -1;
    }
    if (o->rootfs && !(s->root = spin_hostfs_new(o->rootfs, false))) {
        say(strerror(errno), o->rootfs);
        spin_emu_shares_close(s);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char *host, *guest, *err;
        bool read_only;
        if (spin_volume_parse(o->volumes[i], &host, &guest, &read_only, &err)) {
            fprintf(stderr, "spin-emu: -v: %s\n", err ? err : "out of memory");
            free(err);
            spin_emu_shares_close(s);
            return -1;
        }
        s->volumes[i] = (spin_volume){host, guest, read_only};
        s->count = i + 1;
        if (!(s->trees[i] = spin_hostfs_new(host, read_only))) {
            say(strerror(errno), host);
            spin_emu_shares_close(s);
            return -1;
        }
    }
    return 0;
}

void spin_emu_shares_close(spin_emu_shares *s) {
    if (s->root) s->root->ops->destroy(s->root);
    for (size_t i = 0; i < s->count; i++) {
        if (s->trees[i]) s->trees[i]->ops->destroy(s->trees[i]);
        free((char *)s->volumes[i].host);
        free((char *)s->volumes[i].guest);
    }
    free(s->trees);
    free(s->volumes);
    memset(s, 0, sizeof *s);
}
