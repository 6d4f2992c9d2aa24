// Downloading one blob into the store: streamed to DIR/ingest/<hex>.partial while its
// sha256 is computed, committed into blobs/ (rename) only when the size and digest match
// the descriptor. An interrupted download is resumed (Range) up to 3 times; if it still
// fails, its partial file stays, and the next fetch of the same blob re-hashes it and
// asks only for the rest, restarting from zero if the registry ignores the range. Fetches of a blob that is already downloading through the same
// registry client join that download instead of starting another.
#ifndef SPIN_OCI_BLOB_FETCH_H
#define SPIN_OCI_BLOB_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "registry.h"
#include "store.h"

typedef struct {
  // Bytes of the blob now on disk (including a resumed part), and its full size.
  void (*on_progress)(void *context, const char *digest, int64_t done, int64_t total);
  // Once. `error` is a sentence when !ok.
  void (*on_done)(void *context, bool ok, const char *error);
} spin_blob_callbacks;

// Returns false (no callback runs) if the fetch could not start; `error` says why.
// Callbacks always run later, from spin_http_perform.
bool spin_blob_fetch(spin_registry *registry, spin_store *store, const char *domain,
                     const char *repository, const spin_descriptor *blob,
                     const spin_blob_callbacks *callbacks, void *context,
                     char *error, size_t error_size);

#endif
