/*
 * A memfs directory's entry table: entries kept in insertion order, each with a cookie
 * that only grows, so a readdir continuing from a cookie neither repeats nor skips
 * entries that stayed while others came and went. Lookup by name goes through an
 * open-addressing hash index (linear probing) of positions in the entry array.
 *
 * Removing an entry leaves a hole (name NULL) that lookups probe past and listings
 * skip; holes are squeezed out (rebuilding the index) when the array would otherwise
 * grow or when three quarters of it are holes. Entry pointers are valid only until the
 * next insert or remove. Every operation is O(1) amortised, except readdir's O(log n)
 * start.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strnlen, clock_gettime */
#include "fs/memfs_internal.h"

#include <stdlib.h>
#include <string.h>

/* "." and ".." take readdir offsets 1 and 2. */
#define MEMFS_FIRST_COOKIE 3

static uint32_t name_hash(const char *name) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

void memfs_dir_init(memfs_dir *dir) {
    memset(dir, 0, sizeof *dir);
    dir->next_cookie = MEMFS_FIRST_COOKIE;
}

void memfs_dir_release(memfs_dir *dir) {
    for (size_t i = 0; i < dir->count; i++) free(dir->entries[i].name);
    free(dir->entries);
    free(dir->index);
    memfs_dir_init(dir);
}

static void index_place(memfs_dir *dir, size_t position) {
    size_t mask = dir->index_size - 1;
    size_t slot = dir->entries[position].hash & mask;
    while (dir->index[slot]) slot = (slot + 1) & mask;
    dir->index[slot] = (uint32_t)(position + 1);
}

static void compact(memfs_dir *dir) {
    size_t kept = 0;
    for (size_t i = 0; i < dir->count; i++)
        if (dir->entries[i].name) dir->entries[kept++] = dir->entries[i];
    dir->count = kept;
}

/* Squeezes out the holes and rebuilds the index at a size keeping it at most half full
 * for capacity entries. On failure nothing has changed. */
static int compact_and_reindex(memfs_dir *dir) {
    size_t size = 8;
    while (size < dir->capacity * 2) size *= 2;
    uint32_t *index = calloc(size, sizeof *index);
    if (!index) return -SPIN_ENOMEM;
    free(dir->index);
    dir->index = index;
    dir->index_size = size;
    compact(dir);
    for (size_t i = 0; i < dir->count; i++) index_place(dir, i);
    return 0;
}

memfs_dirent *memfs_dir_find(memfs_dir *dir, const char *name) {
    if (!dir->index_size) return NULL;
    uint32_t hash = name_hash(name);
    size_t mask = dir->index_size - 1;
    for (size_t slot = hash & mask; dir->index[slot]; slot = (slot + 1) & mask) {
        memfs_dirent *e = &dir->entries[dir->index[slot] - 1];
        if (e->name && e->hash == hash && !strcmp(e->name, name)) return e;
    }
    return NULL;
}

int memfs_dir_reserve(memfs_dir *dir) {
    if (dir->count < dir->capacity) return 0;
    size_t holes = dir->count - dir->live;
    if (holes && holes >= dir->count / 2) {
        /* at least half are holes: squeeze instead of growing */
        return compact_and_reindex(dir);
    }
    if (dir->capacity >= UINT32_MAX / 4) return -SPIN_ENOSPC;
    size_t capacity = dir->capacity ? dir->capacity * 2 : 4;
    memfs_dirent *entries = realloc(dir->entries, capacity * sizeof *entries);
    if (!entries) return -SPIN_ENOMEM;
    dir->entries = entries;
    size_t old_capacity = dir->capacity;
    dir->capacity = capacity;
    int err = compact_and_reindex(dir);
    if (err) dir->capacity = old_capacity; /* the old index still fits the old capacity */
    return err;
}

int memfs_dir_insert(memfs_dir *dir, const char *name, memfs_node *node) {
    int err = memfs_dir_reserve(dir);
    if (err) return err;
    char *copy = strdup(name);
    if (!copy) return -SPIN_ENOMEM;
    memfs_dirent *e = &dir->entries[dir->count];
    e->name = copy;
    e->node = node;
    e->cookie = dir->next_cookie++;
    e->hash = name_hash(name);
    index_place(dir, dir->count);
    dir->count++;
    dir->live++;
    if (memfs_is_dir(node)) dir->subdirs++;
    return 0;
}

void memfs_dir_remove(memfs_dir *dir, memfs_dirent *entry) {
    if (memfs_is_dir(entry->node)) dir->subdirs--;
    free(entry->name);
    entry->name = NULL;
    entry->node = NULL;
    dir->live--;
    if (dir->live == 0) { /* nothing left: start afresh (cookies keep growing) */
        dir->count = 0;
        if (dir->index) memset(dir->index, 0, dir->index_size * sizeof *dir->index);
    } else if (dir->count > 64 && dir->live < dir->count / 4) {
        /* Mostly holes: squeeze them now so listings do not wade through them (if the
         * new index cannot be had, the holes simply stay until the next insert). */
        compact_and_reindex(dir);
    }
}

memfs_dirent *memfs_dir_next(memfs_dir *dir, uint64_t after) {
    size_t lo = 0, hi = dir->count; /* first position whose cookie > after */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dir->entries[mid].cookie <= after) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < dir->count; lo++)
        if (dir->entries[lo].name) return &dir->entries[lo];
    return NULL;
}

int memfs_dir_copy(memfs_dir *dst, const memfs_dir *src) {
    memfs_dir_init(dst);
    dst->next_cookie = src->next_cookie;
    dst->capacity = src->live ? src->live : 0;
    if (dst->capacity) {
        dst->entries = malloc(dst->capacity * sizeof *dst->entries);
        if (!dst->entries) return -SPIN_ENOMEM;
    }
    for (size_t i = 0; i < src->count; i++) {
        const memfs_dirent *e = &src->entries[i];
        if (!e->name) continue;
        memfs_dirent *d = &dst->entries[dst->count];
        d->name = strdup(e->name);
        if (!d->name) {
            memfs_dir_release(dst);
            return -SPIN_ENOMEM;
        }
        d->node = e->node->clone;
        d->cookie = e->cookie;
        d->hash = e->hash;
        dst->count++;
        dst->live++;
    }
    dst->subdirs = src->subdirs;
    if (dst->capacity && compact_and_reindex(dst)) {
        memfs_dir_release(dst);
        return -SPIN_ENOMEM;
    }
    return 0;
}
