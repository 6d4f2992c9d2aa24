// Pulling an image into the store: ping the registry (/v2/), fetch the manifest by tag or
// digest, pick the wanted platform's manifest out of an index, download the config and
// the layers (blob_fetch.h), and only then store the manifest and point the reference at
// it in index.json. A pull that fails leaves index.json as it was; blobs it already
// verified stay (garbage until referenced; a later pull reuses them).
#ifndef SPIN_OCI_PULL_H
#define SPIN_OCI_PULL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "reference.h"
#include "registry.h"
#include "store.h"

typedef struct {
  // Optional: a blob's progress (done == total when it is complete or already stored).
  void (*on_blob_progress)(void *context, const char *digest, int64_t done, int64_t total);
  // Once. On success `name` is the stored reference and `manifest_digest` its manifest;
  // otherwise `error` is one sentence naming what was wrong.
  void (*on_done)(void *context, bool ok, const char *error, const char *name,
                  const char *manifest_digest);
} spin_pull_callbacks;

// `platform` NULL means linux/riscv64. Returns false (no callback runs) if the pull
// could not start; `error` says why.
bool spin_pull_start(spin_registry *registry, spin_store *store, const spin_image_ref *ref,
                     const spin_platform *platform, const spin_pull_callbacks *callbacks,
                     void *context, char *error, size_t error_size);

#endif
