/*
 * memfs nodes: their birth and death, their content (file data in copy-on-write blobs,
 * symlink targets) and the accounting of both against the tree's limits.
 *
 * A node lives while a directory entry names it (links) or a caller holds it (refs,
 * open files included): a file unlinked while open keeps its data until closed.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strnlen, clock_gettime */
#include "fs/memfs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

spin_fs_time memfs_now(memfs *m) {
    if (m->opts.clock) return m->opts.clock(m->opts.clock_ctx);
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts)) return (spin_fs_time){0, 0};
    return (spin_fs_time){(int64_t)ts.tv_sec, (uint32_t)ts.tv_nsec};
}

int memfs_charge(memfs *m, int64_t delta) {
    if (delta < 0) {
        uint64_t refund = (uint64_t)-(delta + 1) + 1;
        m->bytes = refund > m->bytes ? 0 : m->bytes - refund;
        return 0;
    }
    if (m->opts.max_bytes && (uint64_t)delta > m->opts.max_bytes - m->bytes)
        return -SPIN_ENOSPC;
    m->bytes += (uint64_t)delta;
    return 0;
}

int memfs_node_new(memfs *m, uint32_t mode, spin_fs_owner owner, memfs_node **out) {
    if (m->opts.max_nodes && m->nodes >= m->opts.max_nodes) return -SPIN_ENOSPC;
    memfs_node *n = calloc(1, sizeof *n);
    if (!n) return -SPIN_ENOMEM;
    n->ino = m->next_ino++;
    n->mode = mode;
    n->uid = owner.uid;
    n->gid = owner.gid;
    n->atime = n->mtime = n->ctime = memfs_now(m);
    if (memfs_is_dir(n)) memfs_dir_init(&n->u.dir);
    n->all_next = m->all;
    if (m->all) m->all->all_prev = n;
    m->all = n;
    m->nodes++;
    *out = n;
    return 0;
}

void memfs_blob_unref(memfs_blob *blob) {
    if (blob && --blob->refs == 0) free(blob);
}

uint64_t memfs_node_bytes(const memfs_node *node) {
    uint64_t bytes = memfs_xattrs_bytes(node);
    if (memfs_is_reg(node)) bytes += node->u.file.size;
    else if (memfs_is_lnk(node)) bytes += node->u.link.len;
    return bytes;
}

void memfs_node_free(memfs *m, memfs_node *node) {
    memfs_charge(m, -(int64_t)memfs_node_bytes(node));
    if (memfs_is_dir(node)) memfs_dir_release(&node->u.dir);
    else if (memfs_is_reg(node)) memfs_blob_unref(node->u.file.blob);
    else if (memfs_is_lnk(node)) free(node->u.link.target);
    memfs_xattrs_free(node);
    if (node->all_prev) node->all_prev->all_next = node->all_next;
    else m->all = node->all_next;
    if (node->all_next) node->all_next->all_prev = node->all_prev;
    m->nodes--;
    free(node);
}

void memfs_node_maybe_free(memfs *m, memfs_node *node) {
    if (node->links == 0 && node->refs == 0) memfs_node_free(m, node);
}

void memfs_touch(memfs *m, memfs_node *node, bool content) {
    node->ctime = memfs_now(m);
    if (content) {
        node->mtime = node->ctime;
        node->version++;
    }
}

/* Largest file memfs holds: offsets stay representable as int64 and, in wasm, size_t. */
static uint64_t max_file_size(void) {
    uint64_t limit = (uint64_t)INT64_MAX;
    if ((uint64_t)SIZE_MAX / 2 < limit) limit = (uint64_t)SIZE_MAX / 2;
    return limit;
}

int memfs_file_reserve(memfs *m, memfs_node *node, uint64_t size) {
    (void)m;
    if (size > max_file_size()) return -SPIN_EFBIG;
    memfs_blob *blob = node->u.file.blob;
    bool shared = blob && blob->refs > 1;
    if (blob && !shared && blob->capacity >= size) return 0;
    if (!blob && size == 0) return 0;
    size_t capacity = blob ? blob->capacity : 0;
    if (capacity < size) {
        /* Grow geometrically for appends, but never past the file's size when writing
         * inside it: a writer that sets the size first (layer application does) gets a
         * blob of exactly that size, not up to half as much again. */
        uint64_t grown = capacity < 4096 ? 4096 : capacity + capacity / 2;
        if (size <= node->u.file.size && grown > node->u.file.size) grown = node->u.file.size;
        capacity = grown > size ? (size_t)grown : (size_t)size;
    }
    if (capacity > SIZE_MAX - sizeof(memfs_blob)) return -SPIN_EFBIG;
    memfs_blob *copy;
    if (shared || !blob) {
        copy = malloc(sizeof *copy + capacity);
        if (!copy) return -SPIN_ENOMEM;
        size_t keep = 0;
        if (blob) {
            keep = blob->capacity < node->u.file.size ? blob->capacity : node->u.file.size;
            memcpy(copy->bytes, blob->bytes, keep);
        }
        memset(copy->bytes + keep, 0, capacity - keep);
        copy->refs = 1;
        memfs_blob_unref(blob);
    } else {
        copy = realloc(blob, sizeof *copy + capacity);
        if (!copy) return -SPIN_ENOMEM;
        memset(copy->bytes + copy->capacity, 0, capacity - copy->capacity);
    }
    copy->capacity = capacity;
    node->u.file.blob = copy;
    return 0;
}

int memfs_file_truncate(memfs *m, memfs_node *node, uint64_t size) {
    uint64_t old = node->u.file.size;
    if (size == old) return 0;
    if (size > max_file_size()) return -SPIN_EFBIG;
    if (size > old) {
        int err = memfs_charge(m, (int64_t)(size - old));
        if (err) return err;
        /* Bytes past the old end read as zeros: the blob keeps them zero (see below),
         * so growing needs no allocation until something is written there. */
        node->u.file.size = size;
        return 0;
    }
    memfs_blob *blob = node->u.file.blob;
    if (size == 0) {
        memfs_blob_unref(blob);
        node->u.file.blob = NULL;
    } else if (blob && size < blob->capacity) {
        if (blob->refs > 1) {
            int err = memfs_file_reserve(m, node, size); /* private copy of the kept part */
            if (err) return err;
            blob = node->u.file.blob;
        }
        size_t end = old < blob->capacity ? (size_t)old : blob->capacity;
        memset(blob->bytes + size, 0, end - (size_t)size);
    }
    node->u.file.size = size;
    memfs_charge(m, -(int64_t)(old - size));
    return 0;
}
