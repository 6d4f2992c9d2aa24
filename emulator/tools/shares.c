/* spin-emu's file trees for the guest: --rootfs DIR and -v HOST:GUEST[:ro] become host
 * folder trees (src/fs/hostfs) served by one 9P2000.L server (src/fs/p9_server) on the
 * machine's virtio-9p device. The root is the server's "" export, the volumes are
 * exports "v0", "v1", ... in the order given; the init is told where to mount them in
 * the run message (docs/guest-init.md). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fs/hostfs.h"
#include "fs/p9_server.h"
#include "spin_emu.h"
#include "virt_machine.h"

/* One -v argument: HOST:GUEST with an optional ":ro" or ":rw" at the end. */
typedef struct volume {
    char *host;
    const char *guest; /* points into host's buffer */
    bool read_only;
} volume;

static int parse_volume(const char *arg, volume *v) {
    size_t len = strlen(arg);
    char *copy = strdup(arg);
    if (!copy) return -1;
    v->read_only = false;
    if (len > 3 && (!strcmp(copy + len - 3, ":ro") || !strcmp(copy + len - 3, ":rw"))) {
        v->read_only = copy[len - 2] == 'r' && copy[len - 1] == 'o';
        copy[len - 3] = '\0';
    }
    char *colon = strrchr(copy, ':');
    if (!colon || colon == copy || colon[1] != '/') {
        free(copy);
        return -1;
    }
    *colon = '\0';
    v->host = copy;
    v->guest = colon + 1;
    return 0;
}

static void reply(void *opaque, void *request, const uint8_t *msg, size_t len) {
    spin_emu_shares *s = opaque;
    spin_virt_p9_reply(s->machine, *(const uint32_t *)request, msg, len);
}

void spin_emu_shares_request(void *opaque, uint32_t id, const uint8_t *msg, size_t len) {
    spin_emu_shares *s = opaque;
    if (s->server) spin_p9_server_handle(s->server, msg, len, &id);
}

static int serve(spin_emu_shares *s, const char *aname, const char *host, bool read_only) {
    spin_fs *fs = spin_hostfs_new(host, read_only);
    if (!fs) {
        fprintf(stderr, "spin-emu: cannot serve %s: %s\n", host, strerror(errno));
        return -1;
    }
    s->trees[s->count++] = fs;
    if (spin_p9_server_add_export(s->server, aname, fs)) {
        fprintf(stderr, "spin-emu: cannot serve %s: too many folders\n", host);
        return -1;
    }
    return 0;
}

int spin_emu_shares_open(spin_emu_shares *s, const spin_emu_options *o) {
    memset(s, 0, sizeof *s);
    if (!o->rootfs && o->volume_count == 0) return 0;
    s->server = spin_p9_server_new(0, reply, s);
    s->trees = calloc((size_t)o->volume_count + 1, sizeof *s->trees);
    if (!s->server || !s->trees) {
        fprintf(stderr, "spin-emu: out of memory\n");
        spin_emu_shares_close(s);
        return -1;
    }
    if (o->rootfs && serve(s, "", o->rootfs, false)) {
        spin_emu_shares_close(s);
        return -1;
    }
    for (int i = 0; i < o->volume_count; i++) {
        volume v;
        if (parse_volume(o->volumes[i], &v)) {
            fprintf(stderr, "spin-emu: -v needs HOST:GUEST[:ro] with an absolute GUEST path, not '%s'\n",
                    o->volumes[i]);
            spin_emu_shares_close(s);
            return -1;
        }
        char aname[16];
        snprintf(aname, sizeof aname, "v%d", i);
        int r = serve(s, aname, v.host, v.read_only);
        free(v.host);
        if (r) {
            spin_emu_shares_close(s);
            return -1;
        }
    }
    return 0;
}

int spin_emu_shares_describe(const spin_emu_shares *s, const spin_emu_options *o, cJSON *run) {
    if (!s->server) return 0;
    if (o->rootfs) {
        cJSON *root = cJSON_AddObjectToObject(run, "root");
        if (!root || !cJSON_AddStringToObject(root, "aname", "")) return -1;
    }
    if (o->volume_count == 0) return 0;
    cJSON *mounts = cJSON_AddArrayToObject(run, "mounts");
    if (!mounts) return -1;
    for (int i = 0; i < o->volume_count; i++) {
        volume v;
        if (parse_volume(o->volumes[i], &v)) return -1; /* checked by spin_emu_shares_open */
        char aname[16];
        snprintf(aname, sizeof aname, "v%d", i);
        cJSON *m = cJSON_CreateObject();
        bool ok = m && cJSON_AddStringToObject(m, "aname", aname) &&
                  cJSON_AddStringToObject(m, "target", v.guest) &&
                  cJSON_AddBoolToObject(m, "readonly", v.read_only);
        free(v.host);
        if (!ok || !cJSON_AddItemToArray(mounts, m)) {
            cJSON_Delete(m);
            return -1;
        }
    }
    return 0;
}

void spin_emu_shares_close(spin_emu_shares *s) {
    spin_p9_server_free(s->server);
    for (int i = 0; i < s->count; i++) s->trees[i]->ops->destroy(s->trees[i]);
    free(s->trees);
    memset(s, 0, sizeof *s);
}
