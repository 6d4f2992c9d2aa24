// Base64 (RFC 4648, standard alphabet with padding) for HTTP Basic credentials and the
// "auth" field of docker's config.json.
#ifndef SPIN_OCI_BASE64_H
#define SPIN_OCI_BASE64_H

#include <stdbool.h>
#include <stddef.h>

// Writes the NUL-terminated encoding; false if `size` is too small.
bool spin_base64_encode(const void *data, size_t length, char *out, size_t size);
// Decodes NUL-terminated `text` (padding optional); false on a bad character or if the
// result (plus a NUL) does not fit in `size`.
bool spin_base64_decode(const char *text, char *out, size_t size, size_t *length);

#endif
