// Image references as Docker users write them (`busybox`, `library/busybox:1.36`,
// `registry.example/o/r@sha256:…`, `127.0.0.1:5000/x/y:tag`), parsed and normalised the way
// docker's reference package does: a first component with a '.' or ':', `localhost`, or
// an upper-case letter names the registry domain, otherwise the domain is docker.io and
// a single-component path gains `library/`; no tag and no digest means `:latest`.
// The domain is only a name here; which server answers for it is the registry client's
// business (docs/oci.md, "Registry endpoints").
#ifndef SPIN_OCI_REFERENCE_H
#define SPIN_OCI_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

#define SPIN_REF_NAME_MAX 255 /* domain + '/' + path, as docker limits it */
#define SPIN_REF_TAG_MAX 128
#define SPIN_REF_DIGEST_MAX 71 /* "sha256:" + 64 hex digits */

// The domain docker's convention gives to names without one (not a server address).
#define SPIN_REF_DEFAULT_DOMAIN "docker.io"

typedef struct {
  char domain[SPIN_REF_NAME_MAX + 1];     // "docker.io", "127.0.0.1:5000", "[::1]:5000"
  char path[SPIN_REF_NAME_MAX + 1];       // "library/busybox"
  char tag[SPIN_REF_TAG_MAX + 1];         // "" when the reference has only a digest
  char digest[SPIN_REF_DIGEST_MAX + 1];   // "sha256:<64 lowercase hex>" or ""
} spin_image_ref;

// Parses `text`. On failure returns false and writes one sentence naming what was wrong
// into `error` (e.g. `invalid image reference "Busybox": repository name must be
// lowercase`).
bool spin_image_ref_parse(const char *text, spin_image_ref *out, char *error, size_t error_size);

// Canonical text: domain/path[:tag][@digest]. Returns false if `size` is too small.
bool spin_image_ref_format(const spin_image_ref *ref, char *out, size_t size);

// Repository without tag or digest: domain/path.
bool spin_image_ref_format_name(const spin_image_ref *ref, char *out, size_t size);

// True for a well-formed "sha256:<64 lowercase hex digits>".
bool spin_digest_is_valid(const char *digest);

#endif
