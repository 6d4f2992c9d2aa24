#include "manifest.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool fail(char *error, size_t error_size, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  if (error_size) vsnprintf(error, error_size, fmt, args);
  va_end(args);
  return false;
}

static bool copy_string(char *out, size_t size, const cJSON *item) {
  if (!cJSON_IsString(item) || strlen(item->valuestring) >= size) return false;
  memcpy(out, item->valuestring, strlen(item->valuestring) + 1);
  return true;
}

static bool parse_descriptor(const cJSON *json, spin_descriptor *out, const char *what,
                             char *error, size_t error_size) {
  if (!cJSON_IsObject(json)) return fail(error, error_size, "the manifest's %s is not an object", what);
  if (!copy_string(out->media_type, sizeof out->media_type, cJSON_GetObjectItemCaseSensitive(json, "mediaType")))
    return fail(error, error_size, "the manifest's %s has no valid mediaType", what);
  const cJSON *digest = cJSON_GetObjectItemCaseSensitive(json, "digest");
  if (!cJSON_IsString(digest) || !spin_digest_is_valid(digest->valuestring))
    return fail(error, error_size, "the manifest's %s has no valid sha256 digest", what);
  memcpy(out->digest, digest->valuestring, strlen(digest->valuestring) + 1);
  const cJSON *size = cJSON_GetObjectItemCaseSensitive(json, "size");
  // Sizes beyond 2^53 cannot be exact in JSON numbers; 1 TiB is beyond any real blob.
  if (!cJSON_IsNumber(size) || size->valuedouble < 0 || size->valuedouble > 1099511627776.0 ||
      size->valuedouble != (double)(int64_t)size->valuedouble)
    return fail(error, error_size, "the manifest's %s has no valid size", what);
  out->size = (int64_t)size->valuedouble;
  return true;
}

static bool parse_platform(const cJSON *json, spin_platform *out) {
  memset(out, 0, sizeof *out);
  if (!cJSON_IsObject(json)) return true;  // an entry without platform matches nothing
  const cJSON *variant = cJSON_GetObjectItemCaseSensitive(json, "variant");
  return copy_string(out->os, sizeof out->os, cJSON_GetObjectItemCaseSensitive(json, "os")) &&
         copy_string(out->architecture, sizeof out->architecture,
                     cJSON_GetObjectItemCaseSensitive(json, "architecture")) &&
         (!variant || copy_string(out->variant, sizeof out->variant, variant));
}

bool spin_manifest_parse(const char *data, size_t length, const char *content_type,
                         spin_manifest *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  if (length > SPIN_MANIFEST_MAX_BYTES) return fail(error, error_size, "the manifest is larger than 4 MiB");
  cJSON *json = cJSON_ParseWithLength(data, length);
  if (!json || !cJSON_IsObject(json)) {
    cJSON_Delete(json);
    return fail(error, error_size, "the manifest is not a JSON object");
  }
  bool ok = false;
  const cJSON *schema = cJSON_GetObjectItemCaseSensitive(json, "schemaVersion");
  if (!cJSON_IsNumber(schema) || schema->valueint != 2) {
    fail(error, error_size, "the manifest has schemaVersion other than 2 (Docker schema1 images are not supported)");
    goto done;
  }
  const cJSON *media_type = cJSON_GetObjectItemCaseSensitive(json, "mediaType");
  if (cJSON_IsString(media_type)) {
    if (!copy_string(out->media_type, sizeof out->media_type, media_type)) {
      fail(error, error_size, "the manifest's mediaType is too long");
      goto done;
    }
  } else if (content_type && strlen(content_type) < sizeof out->media_type) {
    size_t n = strcspn(content_type, "; ");
    memcpy(out->media_type, content_type, n);
    out->media_type[n] = '\0';
  }
  const cJSON *manifests = cJSON_GetObjectItemCaseSensitive(json, "manifests");
  const cJSON *layers = cJSON_GetObjectItemCaseSensitive(json, "layers");
  bool is_index = strcmp(out->media_type, SPIN_MT_OCI_INDEX) == 0 ||
                  strcmp(out->media_type, SPIN_MT_DOCKER_LIST) == 0;
  bool is_image = strcmp(out->media_type, SPIN_MT_OCI_MANIFEST) == 0 ||
                  strcmp(out->media_type, SPIN_MT_DOCKER_MANIFEST) == 0;
  if (!is_index && !is_image) {
    if (out->media_type[0]) {
      fail(error, error_size, "the manifest has unsupported media type %s", out->media_type);
      goto done;
    }
    // OCI allows omitting mediaType; decide by shape.
    is_index = cJSON_IsArray(manifests);
    is_image = !is_index && cJSON_IsArray(layers);
    snprintf(out->media_type, sizeof out->media_type, "%s", is_index ? SPIN_MT_OCI_INDEX : SPIN_MT_OCI_MANIFEST);
    if (!is_index && !is_image) {
      fail(error, error_size, "the document is neither an image manifest nor an index");
      goto done;
    }
  }
  if (is_index) {
    out->kind = SPIN_MANIFEST_INDEX;
    if (!cJSON_IsArray(manifests)) { fail(error, error_size, "the index has no manifests list"); goto done; }
    int count = cJSON_GetArraySize(manifests);
    if (count > SPIN_MANIFEST_MAX_ENTRIES) { fail(error, error_size, "the index lists too many manifests"); goto done; }
    out->entries = calloc((size_t)count + 1, sizeof *out->entries);
    if (!out->entries) { fail(error, error_size, "out of memory"); goto done; }
    const cJSON *entry;
    cJSON_ArrayForEach(entry, manifests) {
      spin_index_entry *e = &out->entries[out->entry_count];
      if (!parse_descriptor(entry, &e->descriptor, "index entry", error, error_size)) goto done;
      if (!parse_platform(cJSON_GetObjectItemCaseSensitive(entry, "platform"), &e->platform)) {
        fail(error, error_size, "an index entry has an invalid platform");
        goto done;
      }
      out->entry_count++;
    }
  } else {
    out->kind = SPIN_MANIFEST_IMAGE;
    if (!parse_descriptor(cJSON_GetObjectItemCaseSensitive(json, "config"), &out->config, "config",
                          error, error_size))
      goto done;
    if (!cJSON_IsArray(layers)) { fail(error, error_size, "the manifest has no layers list"); goto done; }
    int count = cJSON_GetArraySize(layers);
    if (count > SPIN_MANIFEST_MAX_ENTRIES) { fail(error, error_size, "the manifest lists too many layers"); goto done; }
    out->layers = calloc((size_t)count + 1, sizeof *out->layers);
    if (!out->layers) { fail(error, error_size, "out of memory"); goto done; }
    const cJSON *layer;
    cJSON_ArrayForEach(layer, layers) {
      if (!parse_descriptor(layer, &out->layers[out->layer_count], "layer", error, error_size)) goto done;
      out->layer_count++;
    }
  }
  ok = true;
done:
  cJSON_Delete(json);
  if (!ok) spin_manifest_free(out);
  return ok;
}

void spin_manifest_free(spin_manifest *manifest) {
  free(manifest->layers);
  free(manifest->entries);
  manifest->layers = NULL;
  manifest->entries = NULL;
  manifest->layer_count = manifest->entry_count = 0;
}

const char *spin_media_type_to_oci(const char *media_type) {
  static const char *const mapping[][2] = {
    {SPIN_MT_DOCKER_MANIFEST, SPIN_MT_OCI_MANIFEST},
    {SPIN_MT_DOCKER_LIST, SPIN_MT_OCI_INDEX},
    {"application/vnd.docker.container.image.v1+json", "application/vnd.oci.image.config.v1+json"},
    {"application/vnd.docker.image.rootfs.diff.tar.gzip", "application/vnd.oci.image.layer.v1.tar+gzip"},
    {"application/vnd.docker.image.rootfs.diff.tar", "application/vnd.oci.image.layer.v1.tar"},
    {"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
     "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"},
  };
  for (size_t i = 0; i < sizeof mapping / sizeof *mapping; i++)
    if (strcmp(media_type, mapping[i][0]) == 0) return mapping[i][1];
  return media_type;
}

static cJSON *descriptor_json(const spin_descriptor *descriptor) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddStringToObject(json, "mediaType", spin_media_type_to_oci(descriptor->media_type));
  cJSON_AddStringToObject(json, "digest", descriptor->digest);
  cJSON_AddNumberToObject(json, "size", (double)descriptor->size);
  return json;
}

char *spin_manifest_to_oci_json(const spin_manifest *manifest, size_t *length) {
  if (manifest->kind != SPIN_MANIFEST_IMAGE) return NULL;
  cJSON *json = cJSON_CreateObject();
  cJSON_AddNumberToObject(json, "schemaVersion", 2);
  cJSON_AddStringToObject(json, "mediaType", SPIN_MT_OCI_MANIFEST);
  cJSON_AddItemToObject(json, "config", descriptor_json(&manifest->config));
  cJSON *layers = cJSON_AddArrayToObject(json, "layers");
  for (size_t i = 0; i < manifest->layer_count; i++)
    cJSON_AddItemToArray(layers, descriptor_json(&manifest->layers[i]));
  char *text = cJSON_PrintUnformatted(json);
  cJSON_Delete(json);
  if (text && length) *length = strlen(text);
  return text;
}

static bool platform_word_ok(const char *word, size_t length) {
  if (length == 0 || length > SPIN_PLATFORM_FIELD_MAX) return false;
  for (size_t i = 0; i < length; i++) {
    char c = word[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

bool spin_platform_parse(const char *text, spin_platform *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  char *fields[3] = {out->os, out->architecture, out->variant};
  const char *p = text;
  int n = 0;
  for (; n < 3; n++) {
    size_t length = strcspn(p, "/");
    if (!platform_word_ok(p, length)) break;
    memcpy(fields[n], p, length);
    p += length;
    if (*p == '\0') { n++; break; }
    p++;
  }
  if (n < 2 || *p != '\0' || text[strlen(text) - 1] == '/')
    return fail(error, error_size, "invalid platform \"%.64s\": expected os/architecture[/variant], e.g. linux/riscv64", text);
  return true;
}

void spin_platform_format(const spin_platform *platform, char *out, size_t size) {
  snprintf(out, size, "%s/%s%s%s", platform->os, platform->architecture,
           platform->variant[0] ? "/" : "", platform->variant);
}

const spin_index_entry *spin_manifest_select(const spin_manifest *index, const spin_platform *wanted) {
  const spin_index_entry *best = NULL;
  for (size_t i = 0; i < index->entry_count; i++) {
    const spin_index_entry *entry = &index->entries[i];
    if (strcmp(entry->platform.os, wanted->os) != 0 ||
        strcmp(entry->platform.architecture, wanted->architecture) != 0)
      continue;
    if (wanted->variant[0]) {
      if (strcmp(entry->platform.variant, wanted->variant) == 0) return entry;
      continue;
    }
    if (!entry->platform.variant[0]) return entry;
    if (!best) best = entry;
  }
  return best;
}
