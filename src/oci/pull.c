// The pull state machine (pull.h): PING -> MANIFEST [-> MANIFEST of the platform] ->
// BLOBS -> COMMIT. Each step starts the next from its completion callback.
#include "pull.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "blob_fetch.h"
#include "files.h"
#include "image_config.h"
#include "sha256.h"

typedef struct {
  spin_registry *registry;
  spin_store *store;
  spin_image_ref ref;
  spin_platform platform;
  spin_pull_callbacks callbacks;
  void *context;
  char name[SPIN_REF_NAME_MAX + SPIN_REF_TAG_MAX + SPIN_REF_DIGEST_MAX + 4];

  // The manifest being received.
  int status;
  char content_type[SPIN_MEDIA_TYPE_MAX + 1];
  char *body;
  size_t body_length;
  bool body_too_large;
  char expected_digest[SPIN_REF_DIGEST_MAX + 1];  // "" when fetched by tag
  bool from_index;

  // The image manifest we are pulling.
  spin_manifest manifest;
  spin_descriptor manifest_descriptor;
  char *manifest_bytes;
  size_t manifest_length;

  size_t blobs_pending;
  char error[1024];
} pull;

static void free_pull(pull *p) {
  free(p->body);
  free(p->manifest_bytes);
  spin_manifest_free(&p->manifest);
  free(p);
}

static void finish(pull *p, const char *fmt, ...) {
  char error[1024];
  if (fmt) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(error, sizeof error, fmt, args);
    va_end(args);
  }
  if (p->callbacks.on_done)
    p->callbacks.on_done(p->context, fmt == NULL, fmt ? error : NULL, p->name,
                         p->manifest_descriptor.digest);
  free_pull(p);
}

// ---- manifest ----------------------------------------------------------------------

static bool on_manifest_response(void *context, int status, const spin_http_header *headers, size_t count) {
  pull *p = context;
  p->status = status;
  const char *content_type = spin_http_find_header(headers, count, "Content-Type");
  snprintf(p->content_type, sizeof p->content_type, "%s", content_type ? content_type : "");
  return true;
}

static bool on_manifest_body(void *context, const void *data, size_t length) {
  pull *p = context;
  if (p->body_length + length > SPIN_MANIFEST_MAX_BYTES) {
    p->body_too_large = true;
    return false;
  }
  char *grown = realloc(p->body, p->body_length + length + 1);
  if (!grown) return false;
  p->body = grown;
  memcpy(p->body + p->body_length, data, length);
  p->body_length += length;
  p->body[p->body_length] = '\0';
  return true;
}

static void fetch_manifest(pull *p, const char *reference, const char *expected_digest);
static void fetch_blobs(pull *p);

static void list_platforms(const spin_manifest *index, char *out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < index->entry_count && used + 1 < size; i++) {
    char one[100];
    if (!index->entries[i].platform.os[0]) continue;
    spin_platform_format(&index->entries[i].platform, one, sizeof one);
    int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", one);
    if (n < 0) break;
    used += (size_t)n;
  }
}

static void on_manifest_done(void *context, int result, const char *error) {
  pull *p = context;
  char wanted[100];
  spin_platform_format(&p->platform, wanted, sizeof wanted);
  if (p->body_too_large) { finish(p, "the manifest of %s is larger than 4 MiB", p->name); return; }
  if (result != SPIN_HTTP_OK) { finish(p, "%s", error ? error : "the manifest request failed"); return; }
  if (p->status == 404) {
    finish(p, "unknown image: %s/%s has no manifest %s", p->ref.domain, p->ref.path,
           p->expected_digest[0] ? p->expected_digest : p->ref.tag);
    return;
  }
  if (p->status == 401 || p->status == 403) { finish(p, "access to %s was denied (HTTP %d)", p->name, p->status); return; }
  if (p->status != 200) { finish(p, "the registry answered HTTP %d for the manifest of %s", p->status, p->name); return; }

  char actual[SPIN_SHA256_HEX_SIZE], digest[SPIN_REF_DIGEST_MAX + 1];
  spin_sha256_hex(p->body ? p->body : "", p->body_length, actual);
  snprintf(digest, sizeof digest, "sha256:%s", actual);
  if (p->expected_digest[0] && strcmp(digest, p->expected_digest) != 0) {
    finish(p, "digest mismatch: manifest %s arrived with content of digest %s", p->expected_digest, digest);
    return;
  }
  spin_manifest manifest;
  char parse_error[512];
  if (!spin_manifest_parse(p->body ? p->body : "", p->body_length, p->content_type, &manifest,
                           parse_error, sizeof parse_error)) {
    finish(p, "cannot use the manifest of %s: %s", p->name, parse_error);
    return;
  }
  if (manifest.kind == SPIN_MANIFEST_INDEX) {
    if (p->from_index) {
      spin_manifest_free(&manifest);
      finish(p, "the index of %s points to another index", p->name);
      return;
    }
    const spin_index_entry *entry = spin_manifest_select(&manifest, &p->platform);
    if (!entry) {
      char offered[512];
      list_platforms(&manifest, offered, sizeof offered);
      spin_manifest_free(&manifest);
      finish(p, "no such platform: %s has no image for %s (it has %s)", p->name, wanted,
             offered[0] ? offered : "none");
      return;
    }
    char entry_digest[SPIN_REF_DIGEST_MAX + 1];
    memcpy(entry_digest, entry->descriptor.digest, sizeof entry_digest);
    spin_manifest_free(&manifest);
    p->from_index = true;
    fetch_manifest(p, entry_digest, entry_digest);
    return;
  }
  p->manifest = manifest;
  snprintf(p->manifest_descriptor.media_type, sizeof p->manifest_descriptor.media_type, "%s", manifest.media_type);
  memcpy(p->manifest_descriptor.digest, digest, sizeof digest);
  p->manifest_descriptor.size = (int64_t)p->body_length;
  p->manifest_bytes = p->body;
  p->manifest_length = p->body_length;
  p->body = NULL;
  p->body_length = 0;
  fetch_blobs(p);
}

static void fetch_manifest(pull *p, const char *reference, const char *expected_digest) {
  free(p->body);
  p->body = NULL;
  p->body_length = 0;
  p->status = 0;
  snprintf(p->expected_digest, sizeof p->expected_digest, "%s", expected_digest ? expected_digest : "");
  char path[SPIN_REF_NAME_MAX + SPIN_REF_TAG_MAX + SPIN_REF_DIGEST_MAX + 32];
  snprintf(path, sizeof path, "/v2/%s/manifests/%s", p->ref.path, reference);
  spin_registry_request request = {.domain = p->ref.domain, .repository = p->ref.path, .path = path,
                                   .accept = SPIN_MANIFEST_ACCEPT, .range_start = -1};
  spin_http_callbacks callbacks = {on_manifest_response, on_manifest_body, on_manifest_done};
  char error[512];
  if (!spin_registry_fetch(p->registry, &request, &callbacks, p, error, sizeof error)) finish(p, "%s", error);
}

// ---- blobs and commit ----------------------------------------------------------------

static void commit(pull *p) {
  // The config must be for the platform asked for (a single-platform image may not be).
  char path[4096], error[512];
  size_t length;
  spin_image_config config;
  char *json = spin_store_blob_path(p->store, p->manifest.config.digest, path, sizeof path)
                   ? spin_read_file(path, SPIN_CONFIG_MAX_BYTES, &length) : NULL;
  if (!json || !spin_image_config_parse(json, length, &config, error, sizeof error)) {
    free(json);
    finish(p, "cannot use the configuration of %s", p->name);
    return;
  }
  free(json);
  bool platform_matches = (!config.os[0] || strcmp(config.os, p->platform.os) == 0) &&
                          (!config.architecture[0] || strcmp(config.architecture, p->platform.architecture) == 0);
  char wanted[100];
  spin_platform_format(&p->platform, wanted, sizeof wanted);
  if (!platform_matches) {
    char offered[100];
    snprintf(offered, sizeof offered, "%s/%s", config.os, config.architecture);
    spin_image_config_free(&config);
    finish(p, "no such platform: %s is an image for %s, not %s", p->name, offered, wanted);
    return;
  }
  spin_platform stored_platform = p->platform;
  snprintf(stored_platform.variant, sizeof stored_platform.variant, "%s", config.variant);
  spin_image_config_free(&config);

  // Docker schema2 is stored in its OCI form (skopeo and umoci read only OCI manifests
  // from a layout); the blobs are the same, only the manifest's bytes and digest change.
  spin_descriptor stored = p->manifest_descriptor;
  char *bytes = p->manifest_bytes;
  size_t stored_length = p->manifest_length;
  char *converted = NULL;
  if (strcmp(p->manifest.media_type, SPIN_MT_DOCKER_MANIFEST) == 0) {
    if (!(converted = spin_manifest_to_oci_json(&p->manifest, &stored_length))) {
      finish(p, "out of memory");
      return;
    }
    bytes = converted;
    char hex[SPIN_SHA256_HEX_SIZE];
    spin_sha256_hex(bytes, stored_length, hex);
    snprintf(stored.digest, sizeof stored.digest, "sha256:%s", hex);
    snprintf(stored.media_type, sizeof stored.media_type, "%s", SPIN_MT_OCI_MANIFEST);
    stored.size = (int64_t)stored_length;
  }
  bool ok = spin_store_put_blob(p->store, stored.digest, bytes, stored_length, error, sizeof error) &&
            spin_store_tag(p->store, p->name, &stored, &stored_platform, error, sizeof error);
  free(converted);
  if (!ok) {
    finish(p, "cannot store %s: %s", p->name, error);
    return;
  }
  finish(p, NULL);
}

static void on_blob_progress(void *context, const char *digest, int64_t done, int64_t total) {
  pull *p = context;
  if (p->callbacks.on_blob_progress) p->callbacks.on_blob_progress(p->context, digest, done, total);
}

static void on_blob_done(void *context, bool ok, const char *error) {
  pull *p = context;
  if (!ok && !p->error[0]) snprintf(p->error, sizeof p->error, "%s", error);
  if (--p->blobs_pending > 0) return;
  if (p->error[0]) finish(p, "%s", p->error);
  else commit(p);
}

static void fetch_blobs(pull *p) {
  // Config first, then layers; duplicates (a layer listed twice) are fetched once.
  const spin_descriptor *blobs[SPIN_MANIFEST_MAX_ENTRIES + 1];
  size_t count = 0;
  blobs[count++] = &p->manifest.config;
  for (size_t i = 0; i < p->manifest.layer_count; i++) blobs[count++] = &p->manifest.layers[i];
  // Count first so that a fetch failing to start cannot finish the pull early.
  p->blobs_pending = 1;
  for (size_t i = 0; i < count; i++) {
    bool seen = false;
    for (size_t j = 0; j < i; j++) seen = seen || strcmp(blobs[j]->digest, blobs[i]->digest) == 0;
    if (seen) continue;
    if (spin_store_has_blob(p->store, blobs[i]->digest, blobs[i]->size)) {
      on_blob_progress(p, blobs[i]->digest, blobs[i]->size, blobs[i]->size);
      continue;
    }
    char error[512];
    spin_blob_callbacks callbacks = {on_blob_progress, on_blob_done};
    p->blobs_pending++;
    if (!spin_blob_fetch(p->registry, p->store, p->ref.domain, p->ref.path, blobs[i], &callbacks, p,
                         error, sizeof error)) {
      p->blobs_pending--;
      if (!p->error[0]) snprintf(p->error, sizeof p->error, "%s", error);
      break;
    }
  }
  on_blob_done(p, true, NULL);  // drops the count held while starting
}

// ---- ping --------------------------------------------------------------------------

static bool on_ping_response(void *context, int status, const spin_http_header *headers, size_t count) {
  (void)headers, (void)count;
  ((pull *)context)->status = status;
  return true;
}

static bool on_ping_body(void *context, const void *data, size_t length) {
  (void)context, (void)data, (void)length;
  return true;
}

static void on_ping_done(void *context, int result, const char *error) {
  pull *p = context;
  if (result != SPIN_HTTP_OK) {
    finish(p, "registry %s is unreachable: %s", p->ref.domain, error ? error : "aborted");
    return;
  }
  if (p->status != 200 && p->status != 401) {
    finish(p, "%s does not answer as a registry (GET /v2/ gave HTTP %d)", p->ref.domain, p->status);
    return;
  }
  fetch_manifest(p, p->ref.digest[0] ? p->ref.digest : p->ref.tag, p->ref.digest[0] ? p->ref.digest : NULL);
}

bool spin_pull_start(spin_registry *registry, spin_store *store, const spin_image_ref *ref,
                     const spin_platform *platform, const spin_pull_callbacks *callbacks,
                     void *context, char *error, size_t error_size) {
  pull *p = calloc(1, sizeof *p);
  if (!p) { snprintf(error, error_size, "out of memory"); return false; }
  p->registry = registry;
  p->store = store;
  p->ref = *ref;
  if (platform) p->platform = *platform;
  else spin_platform_parse("linux/riscv64", &p->platform, NULL, 0);
  p->callbacks = *callbacks;
  p->context = context;
  spin_image_ref_format(ref, p->name, sizeof p->name);
  spin_registry_request request = {.domain = ref->domain, .path = "/v2/", .range_start = -1, .anonymous = true};
  spin_http_callbacks http_callbacks = {on_ping_response, on_ping_body, on_ping_done};
  if (!spin_registry_fetch(registry, &request, &http_callbacks, p, error, error_size)) {
    free_pull(p);
    return false;
  }
  return true;
}
