// Small file helpers for the store: whole-file reads with a size bound, atomic writes
// (temp file in the same folder, fsync, rename) and mkdir -p.
#ifndef SPIN_OCI_FILES_H
#define SPIN_OCI_FILES_H

#include <stdbool.h>
#include <stddef.h>

// Reads all of `path` (at most max_size bytes) into a NUL-terminated heap buffer.
// Returns NULL (errno set; EFBIG when larger) on failure.
char *spin_read_file(const char *path, size_t max_size, size_t *length);

// Replaces `path` with `data` so that readers see the old or the new content, never a
// mix, even across a crash. Returns false with errno set.
bool spin_write_file_atomic(const char *path, const void *data, size_t length);

// Creates `path` and its missing parents (mode 0755). Returns false with errno set.
bool spin_make_directories(const char *path);

#endif
