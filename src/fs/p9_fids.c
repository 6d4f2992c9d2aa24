/* Paths and fids of the 9P server. See p9_fids.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "fs/p9_fids.h"

#include <stdlib.h>
#include <string.h>

#define INITIAL_BUCKETS 256u

int p9_tables_init(p9_tables *t) {
    memset(t, 0, sizeof *t);
    t->paths = calloc(INITIAL_BUCKETS, sizeof *t->paths);
    t->fids = calloc(INITIAL_BUCKETS, sizeof *t->fids);
    if (!t->paths || !t->fids) {
        p9_tables_destroy(t);
        return -1;
    }
    t->path_buckets = t->fid_buckets = INITIAL_BUCKETS;
    return 0;
}

void p9_tables_destroy(p9_tables *t) {
    free(t->paths);
    free(t->fids);
    memset(t, 0, sizeof *t);
}

/* ---- paths ----------------------------------------------------------------------------- */

static size_t path_hash(const p9_path *parent, const char *name) {
    uint64_t h = (uint64_t)(uintptr_t)parent * 0x9e3779b97f4a7c15u;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) h = (h ^ *c) * 0x100000001b3u;
    return (size_t)(h ^ (h >> 29));
}

static void grow_paths(p9_tables *t) {
    size_t n = t->path_buckets * 2;
    p9_path **b = calloc(n, sizeof *b);
    if (!b) return; /* longer chains, still correct */
    for (size_t i = 0; i < t->path_buckets; i++) {
        for (p9_path *p = t->paths[i], *next; p; p = next) {
            next = p->hash_next;
            size_t h = path_hash(p->parent, p->name) & (n - 1);
            p->hash_next = b[h];
            b[h] = p;
        }
    }
    free(t->paths);
    t->paths = b;
    t->path_buckets = n;
}

static void hash_insert(p9_tables *t, p9_path *p) {
    if (t->path_count >= t->path_buckets) grow_paths(t);
    size_t h = path_hash(p->parent, p->name) & (t->path_buckets - 1);
    p->hash_next = t->paths[h];
    t->paths[h] = p;
    p->hashed = true;
    t->path_count++;
}

void p9_path_forget(p9_tables *t, p9_path *p) {
    if (!p->hashed) return;
    p9_path **link = &t->paths[path_hash(p->parent, p->name) & (t->path_buckets - 1)];
    while (*link && *link != p) link = &(*link)->hash_next;
    if (*link) *link = p->hash_next;
    p->hashed = false;
    p->hash_next = NULL;
    t->path_count--;
}

p9_path *p9_path_find(p9_tables *t, p9_path *parent, const char *name) {
    for (p9_path *p = t->paths[path_hash(parent, name) & (t->path_buckets - 1)]; p;
         p = p->hash_next)
        if (p->parent == parent && !strcmp(p->name, name)) return p;
    return NULL;
}

p9_path *p9_path_new_root(spin_fs *fs, spin_fs_node *node, uint64_t ino, uint8_t export_id) {
    p9_path *p = calloc(1, sizeof *p);
    if (!p) {
        fs->ops->unref(fs, node);
        return NULL;
    }
    *p = (p9_path){.refs = 1, .fs = fs, .node = node, .ino = ino, .export_id = export_id};
    return p;
}

void p9_path_ref(p9_path *p) { p->refs++; }

p9_path *p9_path_child(p9_tables *t, p9_path *parent, const char *name, spin_fs_node *node,
                       uint64_t ino) {
    p9_path *old = p9_path_find(t, parent, name);
    if (old && old->ino == ino) {
        parent->fs->ops->unref(parent->fs, node);
        p9_path_ref(old);
        return old;
    }
    p9_path *p = calloc(1, sizeof *p);
    char *copy = strdup(name);
    if (!p || !copy) {
        free(p);
        free(copy);
        parent->fs->ops->unref(parent->fs, node);
        return NULL;
    }
    if (old) p9_path_forget(t, old); /* replaced behind our back (another client, the host) */
    *p = (p9_path){.refs = 1, .parent = parent, .name = copy, .fs = parent->fs, .node = node,
                   .ino = ino, .export_id = parent->export_id};
    p9_path_ref(parent);
    hash_insert(t, p);
    return p;
}

void p9_path_unref(p9_tables *t, p9_path *p) {
    /* Iterative: dropping the last reference to a deep path releases its ancestors. */
    while (p && --p->refs == 0) {
        p9_path *parent = p->parent;
        p9_path_forget(t, p);
        p->fs->ops->unref(p->fs, p->node);
        free(p->name);
        free(p);
        p = parent;
    }
}

int p9_path_move(p9_tables *t, p9_path *p, p9_path *new_parent, const char *new_name) {
    char *copy = strdup(new_name);
    if (!copy) return -1;
    bool was_hashed = p->hashed;
    p9_path_forget(t, p);
    p9_path *old_parent = p->parent;
    free(p->name);
    p->name = copy;
    p9_path_ref(new_parent);
    p->parent = new_parent;
    if (was_hashed) hash_insert(t, p);
    p9_path_unref(t, old_parent);
    return 0;
}

bool p9_path_within(const p9_path *p, const p9_path *anc) {
    for (; p; p = p->parent)
        if (p == anc) return true;
    return false;
}

/* ---- fids ------------------------------------------------------------------------------ */

static size_t fid_hash(uint32_t id, size_t buckets) {
    return (size_t)((id * 0x9e3779b1u) >> 8) & (buckets - 1);
}

p9_fid *p9_fid_find(p9_tables *t, uint32_t id) {
    for (p9_fid *f = t->fids[fid_hash(id, t->fid_buckets)]; f; f = f->next)
        if (f->id == id) return f;
    return NULL;
}

static void grow_fids(p9_tables *t) {
    size_t n = t->fid_buckets * 2;
    p9_fid **b = calloc(n, sizeof *b);
    if (!b) return;
    for (size_t i = 0; i < t->fid_buckets; i++) {
        for (p9_fid *f = t->fids[i], *next; f; f = next) {
            next = f->next;
            size_t h = fid_hash(f->id, n);
            f->next = b[h];
            b[h] = f;
        }
    }
    free(t->fids);
    t->fids = b;
    t->fid_buckets = n;
}

p9_fid *p9_fid_add(p9_tables *t, uint32_t id, size_t max_fids) {
    if (t->fid_count >= max_fids || p9_fid_find(t, id)) return NULL;
    p9_fid *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    if (t->fid_count >= t->fid_buckets) grow_fids(t);
    f->id = id;
    size_t h = fid_hash(id, t->fid_buckets);
    f->next = t->fids[h];
    t->fids[h] = f;
    t->fid_count++;
    return f;
}

void p9_fid_remove(p9_tables *t, p9_fid *f) {
    p9_fid **link = &t->fids[fid_hash(f->id, t->fid_buckets)];
    while (*link && *link != f) link = &(*link)->next;
    if (*link) *link = f->next;
    t->fid_count--;
    free(f);
}
