// The content store: an OCI image layout (image-spec image-layout.md) at a folder, so
// skopeo and umoci can read it (`skopeo inspect oci:DIR:REF`):
//   DIR/oci-layout              {"imageLayoutVersion":"1.0.0"}
//   DIR/index.json              one descriptor per image, annotated with its reference
//                               (org.opencontainers.image.ref.name = "docker.io/library/busybox:latest")
//   DIR/blobs/sha256/<hex>      manifests, configs, layers; content-addressed
//   DIR/ingest/<hex>.partial    downloads in progress (kept for resuming)
// Every write is a temp file + rename, blobs are committed only after their digest was
// verified, and index.json is replaced last: a crash at any moment leaves a store whose
// index only names complete blobs (leftovers are garbage that spin_store_gc removes).
#ifndef SPIN_OCI_STORE_H
#define SPIN_OCI_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "image_config.h"
#include "manifest.h"

#define SPIN_REF_NAME_ANNOTATION "org.opencontainers.image.ref.name"

typedef struct spin_store spin_store;

// The folder used when the user names none: $SPIN_STORE, else $XDG_CACHE_HOME/spin/store,
// else $HOME/.cache/spin/store.
bool spin_store_default_path(char *out, size_t size);

// Opens the layout at `path`, creating it if missing. NULL with a sentence in `error`.
spin_store *spin_store_open(const char *path, char *error, size_t error_size);
void spin_store_close(spin_store *store);
const char *spin_store_root(const spin_store *store);

// Paths inside the store (false if the digest is malformed or the path too long).
bool spin_store_blob_path(const spin_store *store, const char *digest, char *out, size_t size);
bool spin_store_partial_path(const spin_store *store, const char *digest, char *out, size_t size);
bool spin_store_has_blob(const spin_store *store, const char *digest, long long size);

// Stores an in-memory blob after checking it hashes to `digest`.
bool spin_store_put_blob(spin_store *store, const char *digest, const void *data, size_t length,
                         char *error, size_t error_size);
// Moves a finished, verified download (a file inside the store's ingest/) into blobs/.
bool spin_store_commit_file(spin_store *store, const char *digest, const char *path,
                            char *error, size_t error_size);

// Points reference `name` (canonical text, e.g. "docker.io/library/busybox:latest") at a
// manifest already in the store; replaces an older entry of the same name.
bool spin_store_tag(spin_store *store, const char *name, const spin_descriptor *manifest,
                    const spin_platform *platform, char *error, size_t error_size);
// Removes reference `name`; false (ENOENT) when it is not in the store.
bool spin_store_untag(spin_store *store, const char *name, char *error, size_t error_size);
// Finds the manifest descriptor for `name`.
bool spin_store_resolve(const spin_store *store, const char *name, spin_descriptor *out);

typedef struct {
  char *name;                 // reference
  spin_descriptor manifest;
} spin_store_entry;
// All references in index order. Free with spin_store_entries_free.
bool spin_store_list(const spin_store *store, spin_store_entry **entries, size_t *count,
                     char *error, size_t error_size);
void spin_store_entries_free(spin_store_entry *entries, size_t count);

// Deletes blobs no reference reaches (and stale temp files, not resumable partials).
// Reports how many blobs and bytes were freed.
bool spin_store_gc(spin_store *store, size_t *blobs_removed, long long *bytes_removed,
                   char *error, size_t error_size);

// A stored image as the file-tree side needs it: its config, parsed and raw, and its
// layers in order (bottom first) with the path of each blob file.
typedef struct {
  spin_descriptor descriptor;
  char *path;
} spin_image_layer;

typedef struct {
  char *name;
  spin_descriptor manifest;
  char *config_json;          // the config blob as stored (NUL-terminated)
  size_t config_json_length;
  spin_image_config config;
  spin_image_layer *layers;
  size_t layer_count;
} spin_image;

bool spin_store_load_image(const spin_store *store, const char *name, spin_image *out,
                           char *error, size_t error_size);
void spin_image_free(spin_image *image);

#endif
