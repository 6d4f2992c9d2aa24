// Manifests and indexes as registries serve them: OCI image manifest and index, Docker
// schema2 manifest and manifest list (same shapes, other media types). Parsing checks
// every field we later use (digests, sizes, counts) because the registry is untrusted;
// platform selection picks one manifest out of an index.
#ifndef SPIN_OCI_MANIFEST_H
#define SPIN_OCI_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reference.h"

#define SPIN_MEDIA_TYPE_MAX 127
#define SPIN_PLATFORM_FIELD_MAX 31

#define SPIN_MT_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define SPIN_MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define SPIN_MT_DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define SPIN_MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"
// What we ask registries for, best first.
#define SPIN_MANIFEST_ACCEPT \
  SPIN_MT_OCI_INDEX ", " SPIN_MT_OCI_MANIFEST ", " SPIN_MT_DOCKER_LIST ", " SPIN_MT_DOCKER_MANIFEST

#define SPIN_MANIFEST_MAX_BYTES (4u << 20)  // registries cap manifests at 4 MiB too
#define SPIN_CONFIG_MAX_BYTES (8u << 20)
#define SPIN_MANIFEST_MAX_ENTRIES 1024

typedef struct {
  char media_type[SPIN_MEDIA_TYPE_MAX + 1];
  char digest[SPIN_REF_DIGEST_MAX + 1];
  int64_t size;
} spin_descriptor;

typedef struct {
  char os[SPIN_PLATFORM_FIELD_MAX + 1];
  char architecture[SPIN_PLATFORM_FIELD_MAX + 1];
  char variant[SPIN_PLATFORM_FIELD_MAX + 1];
} spin_platform;

typedef struct {
  spin_descriptor descriptor;
  spin_platform platform;
} spin_index_entry;

typedef enum { SPIN_MANIFEST_IMAGE, SPIN_MANIFEST_INDEX } spin_manifest_kind;

typedef struct {
  spin_manifest_kind kind;
  char media_type[SPIN_MEDIA_TYPE_MAX + 1];
  // SPIN_MANIFEST_IMAGE
  spin_descriptor config;
  spin_descriptor *layers;
  size_t layer_count;
  // SPIN_MANIFEST_INDEX
  spin_index_entry *entries;
  size_t entry_count;
} spin_manifest;

// `content_type` (may be NULL) is the registry's Content-Type, used when the document
// has no mediaType field.
bool spin_manifest_parse(const char *data, size_t length, const char *content_type,
                         spin_manifest *out, char *error, size_t error_size);
void spin_manifest_free(spin_manifest *manifest);

// The OCI form of a Docker schema2 image manifest: same config and layer blobs, OCI media
// types (what `skopeo copy docker://… oci:…` stores too, and the only kind skopeo and
// umoci read from a layout). Returns NUL-terminated JSON (heap) or NULL.
char *spin_manifest_to_oci_json(const spin_manifest *manifest, size_t *length);
// The OCI media type for a Docker one (itself when there is none).
const char *spin_media_type_to_oci(const char *media_type);

// "os/arch[/variant]", e.g. "linux/riscv64", "linux/arm64/v8".
bool spin_platform_parse(const char *text, spin_platform *out, char *error, size_t error_size);
void spin_platform_format(const spin_platform *platform, char *out, size_t size);
// The entry of `index` for `wanted`: same os and architecture; the same variant when
// one is asked for, otherwise the first entry (entries without variant preferred).
const spin_index_entry *spin_manifest_select(const spin_manifest *index, const spin_platform *wanted);

#endif
