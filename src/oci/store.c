// The OCI image layout store (store.h). index.json is read-modify-written under an
// exclusive flock on DIR/.lock, so concurrent spin processes do not lose each other's
// references; the lock is held only for that short local file update.
#include "store.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "sha256.h"

#define INDEX_MAX_BYTES (64u << 20)

struct spin_store {
  char *root;
};

static bool fail(char *error, size_t error_size, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  if (error_size) vsnprintf(error, error_size, fmt, args);
  va_end(args);
  return false;
}

static bool join(char *out, size_t size, const char *a, const char *b) {
  int n = snprintf(out, size, "%s/%s", a, b);
  return n >= 0 && (size_t)n < size;
}

bool spin_store_default_path(char *out, size_t size) {
  const char *explicit_path = getenv("SPIN_STORE");
  if (explicit_path && explicit_path[0]) {
    int n = snprintf(out, size, "%s", explicit_path);
    return n >= 0 && (size_t)n < size;
  }
  const char *cache = getenv("XDG_CACHE_HOME");
  int n;
  if (cache && cache[0] == '/') n = snprintf(out, size, "%s/spin/store", cache);
  else {
    const char *home = getenv("HOME");
    if (!home || !home[0]) return false;
    n = snprintf(out, size, "%s/.cache/spin/store", home);
  }
  return n >= 0 && (size_t)n < size;
}

spin_store *spin_store_open(const char *path, char *error, size_t error_size) {
  char buffer[PATH_MAX];
  static const char layout[] = "{\"imageLayoutVersion\":\"1.0.0\"}";
  static const char empty_index[] =
      "{\"schemaVersion\":2,\"mediaType\":\"" SPIN_MT_OCI_INDEX "\",\"manifests\":[]}";
  if (!join(buffer, sizeof buffer, path, "blobs/sha256") || !spin_make_directories(buffer) ||
      !join(buffer, sizeof buffer, path, "ingest") || !spin_make_directories(buffer)) {
    fail(error, error_size, "cannot create the image store at %s: %s", path, strerror(errno));
    return NULL;
  }
  struct { const char *name; const char *content; } files[] = {
    {"oci-layout", layout}, {"index.json", empty_index}};
  for (size_t i = 0; i < 2; i++) {
    if (!join(buffer, sizeof buffer, path, files[i].name)) return NULL;
    if (access(buffer, F_OK) == 0) continue;
    if (!spin_write_file_atomic(buffer, files[i].content, strlen(files[i].content))) {
      fail(error, error_size, "cannot write %s: %s", buffer, strerror(errno));
      return NULL;
    }
  }
  spin_store *store = calloc(1, sizeof *store);
  if (!store || !(store->root = strdup(path))) {
    free(store);
    fail(error, error_size, "out of memory");
    return NULL;
  }
  return store;
}

void spin_store_close(spin_store *store) {
  if (!store) return;
  free(store->root);
  free(store);
}

const char *spin_store_root(const spin_store *store) { return store->root; }

bool spin_store_blob_path(const spin_store *store, const char *digest, char *out, size_t size) {
  if (!spin_digest_is_valid(digest)) return false;
  int n = snprintf(out, size, "%s/blobs/sha256/%s", store->root, digest + 7);
  return n >= 0 && (size_t)n < size;
}

bool spin_store_partial_path(const spin_store *store, const char *digest, char *out, size_t size) {
  if (!spin_digest_is_valid(digest)) return false;
  int n = snprintf(out, size, "%s/ingest/%s.partial", store->root, digest + 7);
  return n >= 0 && (size_t)n < size;
}

bool spin_store_has_blob(const spin_store *store, const char *digest, long long size) {
  char path[PATH_MAX];
  struct stat info;
  return spin_store_blob_path(store, digest, path, sizeof path) && stat(path, &info) == 0 &&
         S_ISREG(info.st_mode) && (size < 0 || info.st_size == size);
}

bool spin_store_put_blob(spin_store *store, const char *digest, const void *data, size_t length,
                         char *error, size_t error_size) {
  char path[PATH_MAX], actual[SPIN_SHA256_HEX_SIZE];
  if (!spin_store_blob_path(store, digest, path, sizeof path))
    return fail(error, error_size, "invalid digest %.80s", digest);
  spin_sha256_hex(data, length, actual);
  if (strcmp(actual, digest + 7) != 0)
    return fail(error, error_size, "digest mismatch: expected %s, got sha256:%s", digest, actual);
  if (spin_store_has_blob(store, digest, (long long)length)) return true;
  if (!spin_write_file_atomic(path, data, length))
    return fail(error, error_size, "cannot write %s: %s", path, strerror(errno));
  return true;
}

bool spin_store_commit_file(spin_store *store, const char *digest, const char *from,
                            char *error, size_t error_size) {
  char to[PATH_MAX];
  if (!spin_store_blob_path(store, digest, to, sizeof to))
    return fail(error, error_size, "invalid digest %.80s", digest);
  if (rename(from, to) != 0)
    return fail(error, error_size, "cannot move %s into the store: %s", from, strerror(errno));
  return true;
}

// ---- index.json ------------------------------------------------------------------

static int lock_store(const spin_store *store) {
  char path[PATH_MAX];
  if (!join(path, sizeof path, store->root, ".lock")) return -1;
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0 && flock(fd, LOCK_EX) != 0) { close(fd); return -1; }
  return fd;
}

static void unlock_store(int fd) {
  if (fd >= 0) close(fd);  // closing releases the flock
}

static cJSON *read_index(const spin_store *store, char *error, size_t error_size) {
  char path[PATH_MAX];
  size_t length;
  if (!join(path, sizeof path, store->root, "index.json")) return NULL;
  char *text = spin_read_file(path, INDEX_MAX_BYTES, &length);
  if (!text) { fail(error, error_size, "cannot read %s: %s", path, strerror(errno)); return NULL; }
  cJSON *index = cJSON_ParseWithLength(text, length);
  free(text);
  if (!cJSON_IsObject(index) || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(index, "manifests"))) {
    cJSON_Delete(index);
    fail(error, error_size, "%s is not an OCI image index", path);
    return NULL;
  }
  return index;
}

static bool write_index(const spin_store *store, const cJSON *index, char *error, size_t error_size) {
  char path[PATH_MAX];
  if (!join(path, sizeof path, store->root, "index.json")) return fail(error, error_size, "path too long");
  char *text = cJSON_PrintUnformatted(index);
  if (!text) return fail(error, error_size, "out of memory");
  bool ok = spin_write_file_atomic(path, text, strlen(text));
  free(text);
  return ok || fail(error, error_size, "cannot write %s: %s", path, strerror(errno));
}

static const char *entry_name(const cJSON *entry) {
  const cJSON *annotations = cJSON_GetObjectItemCaseSensitive(entry, "annotations");
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(annotations, SPIN_REF_NAME_ANNOTATION);
  return cJSON_IsString(name) ? name->valuestring : NULL;
}

static bool entry_descriptor(const cJSON *entry, spin_descriptor *out) {
  const cJSON *media_type = cJSON_GetObjectItemCaseSensitive(entry, "mediaType");
  const cJSON *digest = cJSON_GetObjectItemCaseSensitive(entry, "digest");
  const cJSON *size = cJSON_GetObjectItemCaseSensitive(entry, "size");
  if (!cJSON_IsString(media_type) || strlen(media_type->valuestring) > SPIN_MEDIA_TYPE_MAX ||
      !cJSON_IsString(digest) || !spin_digest_is_valid(digest->valuestring) || !cJSON_IsNumber(size) ||
      size->valuedouble < 0)
    return false;
  snprintf(out->media_type, sizeof out->media_type, "%s", media_type->valuestring);
  snprintf(out->digest, sizeof out->digest, "%s", digest->valuestring);
  out->size = (int64_t)size->valuedouble;
  return true;
}

static bool load_manifest(const spin_store *store, const spin_descriptor *descriptor,
                          spin_manifest *out, char *error, size_t error_size) {
  char path[PATH_MAX];
  size_t length;
  if (!spin_store_blob_path(store, descriptor->digest, path, sizeof path))
    return fail(error, error_size, "invalid digest");
  char *text = spin_read_file(path, SPIN_MANIFEST_MAX_BYTES, &length);
  if (!text) return fail(error, error_size, "the store lacks manifest %s", descriptor->digest);
  bool ok = spin_manifest_parse(text, length, descriptor->media_type, out, error, error_size);
  free(text);
  return ok;
}

// The manifest and everything it references must be in blobs/ before a name points at it.
static bool image_is_complete(const spin_store *store, const spin_descriptor *descriptor,
                              char *error, size_t error_size) {
  spin_manifest manifest;
  if (!load_manifest(store, descriptor, &manifest, error, error_size)) return false;
  bool ok = true;
  if (manifest.kind == SPIN_MANIFEST_IMAGE) {
    ok = spin_store_has_blob(store, manifest.config.digest, manifest.config.size);
    for (size_t i = 0; ok && i < manifest.layer_count; i++)
      ok = spin_store_has_blob(store, manifest.layers[i].digest, manifest.layers[i].size);
  }
  spin_manifest_free(&manifest);
  return ok || fail(error, error_size, "the store lacks a blob of manifest %s", descriptor->digest);
}

bool spin_store_tag(spin_store *store, const char *name, const spin_descriptor *manifest,
                    const spin_platform *platform, char *error, size_t error_size) {
  int lock = lock_store(store);
  if (lock < 0) return fail(error, error_size, "cannot lock the store at %s: %s", store->root, strerror(errno));
  bool ok = false;
  cJSON *index = NULL;
  if (!image_is_complete(store, manifest, error, error_size)) goto done;
  if (!(index = read_index(store, error, error_size))) goto done;
  cJSON *manifests = cJSON_GetObjectItemCaseSensitive(index, "manifests");
  for (int i = cJSON_GetArraySize(manifests) - 1; i >= 0; i--) {
    const char *existing = entry_name(cJSON_GetArrayItem(manifests, i));
    if (existing && strcmp(existing, name) == 0) cJSON_DeleteItemFromArray(manifests, i);
  }
  cJSON *entry = cJSON_CreateObject();
  cJSON_AddStringToObject(entry, "mediaType", manifest->media_type);
  cJSON_AddStringToObject(entry, "digest", manifest->digest);
  cJSON_AddNumberToObject(entry, "size", (double)manifest->size);
  if (platform && platform->os[0]) {
    cJSON *p = cJSON_AddObjectToObject(entry, "platform");
    cJSON_AddStringToObject(p, "architecture", platform->architecture);
    cJSON_AddStringToObject(p, "os", platform->os);
    if (platform->variant[0]) cJSON_AddStringToObject(p, "variant", platform->variant);
  }
  cJSON_AddStringToObject(cJSON_AddObjectToObject(entry, "annotations"), SPIN_REF_NAME_ANNOTATION, name);
  cJSON_AddItemToArray(manifests, entry);
  ok = write_index(store, index, error, error_size);
done:
  cJSON_Delete(index);
  unlock_store(lock);
  return ok;
}

bool spin_store_untag(spin_store *store, const char *name, char *error, size_t error_size) {
  int lock = lock_store(store);
  if (lock < 0) return fail(error, error_size, "cannot lock the store at %s: %s", store->root, strerror(errno));
  bool ok = false, found = false;
  cJSON *index = read_index(store, error, error_size);
  if (index) {
    cJSON *manifests = cJSON_GetObjectItemCaseSensitive(index, "manifests");
    for (int i = cJSON_GetArraySize(manifests) - 1; i >= 0; i--) {
      const char *existing = entry_name(cJSON_GetArrayItem(manifests, i));
      if (existing && strcmp(existing, name) == 0) {
        cJSON_DeleteItemFromArray(manifests, i);
        found = true;
      }
    }
    if (!found) { errno = ENOENT; fail(error, error_size, "no such image: %s", name); }
    else ok = write_index(store, index, error, error_size);
  }
  cJSON_Delete(index);
  unlock_store(lock);
  return ok;
}

bool spin_store_resolve(const spin_store *store, const char *name, spin_descriptor *out) {
  char error[256];
  cJSON *index = read_index(store, error, sizeof error);
  bool found = false;
  const cJSON *entry;
  cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(index, "manifests")) {
    const char *existing = entry_name(entry);
    if (existing && strcmp(existing, name) == 0 && entry_descriptor(entry, out)) found = true;
  }
  cJSON_Delete(index);
  return found;
}

bool spin_store_list(const spin_store *store, spin_store_entry **entries, size_t *count,
                     char *error, size_t error_size) {
  *entries = NULL;
  *count = 0;
  cJSON *index = read_index(store, error, error_size);
  if (!index) return false;
  const cJSON *manifests = cJSON_GetObjectItemCaseSensitive(index, "manifests");
  *entries = calloc((size_t)cJSON_GetArraySize(manifests) + 1, sizeof **entries);
  if (!*entries) { cJSON_Delete(index); return fail(error, error_size, "out of memory"); }
  const cJSON *entry;
  cJSON_ArrayForEach(entry, manifests) {
    const char *name = entry_name(entry);
    spin_store_entry *out = &(*entries)[*count];
    if (!entry_descriptor(entry, &out->manifest)) continue;
    if (!(out->name = strdup(name ? name : ""))) break;
    (*count)++;
  }
  cJSON_Delete(index);
  return true;
}

void spin_store_entries_free(spin_store_entry *entries, size_t count) {
  for (size_t i = 0; i < count; i++) free(entries[i].name);
  free(entries);
}

// ---- garbage collection -------------------------------------------------------------

typedef struct {
  char (*digests)[SPIN_REF_DIGEST_MAX + 1];
  size_t count, capacity;
} digest_set;

static bool mark(digest_set *set, const char *digest) {
  if (set->count == set->capacity) {
    size_t capacity = set->capacity ? set->capacity * 2 : 64;
    void *grown = realloc(set->digests, capacity * sizeof *set->digests);
    if (!grown) return false;
    set->digests = grown;
    set->capacity = capacity;
  }
  snprintf(set->digests[set->count++], sizeof *set->digests, "%s", digest);
  return true;
}

static bool is_marked(const digest_set *set, const char *digest) {
  for (size_t i = 0; i < set->count; i++)
    if (strcmp(set->digests[i], digest) == 0) return true;
  return false;
}

// Marks a manifest and what it references (an index: its manifests, one level deep).
static bool mark_manifest(const spin_store *store, const spin_descriptor *descriptor, digest_set *set,
                          int depth) {
  if (!mark(set, descriptor->digest)) return false;
  spin_manifest manifest;
  char ignored[256];
  if (!load_manifest(store, descriptor, &manifest, ignored, sizeof ignored)) return true;
  bool ok = true;
  if (manifest.kind == SPIN_MANIFEST_IMAGE) {
    ok = mark(set, manifest.config.digest);
    for (size_t i = 0; ok && i < manifest.layer_count; i++) ok = mark(set, manifest.layers[i].digest);
  } else if (depth < 2) {
    for (size_t i = 0; ok && i < manifest.entry_count; i++)
      ok = mark_manifest(store, &manifest.entries[i].descriptor, set, depth + 1);
  }
  spin_manifest_free(&manifest);
  return ok;
}

bool spin_store_gc(spin_store *store, size_t *blobs_removed, long long *bytes_removed,
                   char *error, size_t error_size) {
  *blobs_removed = 0;
  *bytes_removed = 0;
  int lock = lock_store(store);
  if (lock < 0) return fail(error, error_size, "cannot lock the store at %s: %s", store->root, strerror(errno));
  digest_set marked = {0};
  bool ok = false;
  cJSON *index = read_index(store, error, error_size);
  if (!index) goto done;
  const cJSON *entry;
  cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(index, "manifests")) {
    spin_descriptor descriptor;
    if (entry_descriptor(entry, &descriptor) && !mark_manifest(store, &descriptor, &marked, 0)) {
      fail(error, error_size, "out of memory");
      goto done;
    }
  }
  char folder[PATH_MAX];
  if (!join(folder, sizeof folder, store->root, "blobs/sha256")) goto done;
  DIR *dir = opendir(folder);
  if (!dir) { fail(error, error_size, "cannot read %s: %s", folder, strerror(errno)); goto done; }
  struct dirent *item;
  while ((item = readdir(dir))) {
    if (item->d_name[0] == '.') continue;
    char digest[SPIN_REF_DIGEST_MAX + 8], path[PATH_MAX];
    snprintf(digest, sizeof digest, "sha256:%.64s", item->d_name);
    bool is_blob = spin_digest_is_valid(digest) && strlen(item->d_name) == 64;
    if (is_blob && is_marked(&marked, digest)) continue;
    if (!join(path, sizeof path, folder, item->d_name)) continue;
    struct stat info;
    if (lstat(path, &info) != 0 || !S_ISREG(info.st_mode)) continue;
    if (unlink(path) == 0) {
      (*blobs_removed)++;
      *bytes_removed += (long long)info.st_size;
    }
  }
  closedir(dir);
  ok = true;
done:
  free(marked.digests);
  cJSON_Delete(index);
  unlock_store(lock);
  return ok;
}

// ---- images ------------------------------------------------------------------------

bool spin_store_load_image(const spin_store *store, const char *name, spin_image *out,
                           char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  if (error_size) error[0] = '\0';
  if (!spin_store_resolve(store, name, &out->manifest))
    return fail(error, error_size, "no such image: %s (pull it first)", name);
  spin_manifest manifest;
  if (!load_manifest(store, &out->manifest, &manifest, error, error_size)) return false;
  bool ok = false;
  char path[PATH_MAX];
  if (manifest.kind != SPIN_MANIFEST_IMAGE) {
    fail(error, error_size, "%s names an index, not an image manifest", name);
    goto done;
  }
  if (!(out->name = strdup(name))) goto done;
  if (!spin_store_blob_path(store, manifest.config.digest, path, sizeof path) ||
      !(out->config_json = spin_read_file(path, SPIN_CONFIG_MAX_BYTES, &out->config_json_length))) {
    fail(error, error_size, "the store lacks the configuration of %s", name);
    goto done;
  }
  if (!spin_image_config_parse(out->config_json, out->config_json_length, &out->config, error, error_size))
    goto done;
  out->layers = calloc(manifest.layer_count + 1, sizeof *out->layers);
  if (!out->layers) goto done;
  for (size_t i = 0; i < manifest.layer_count; i++) {
    spin_image_layer *layer = &out->layers[i];
    layer->descriptor = manifest.layers[i];
    if (!spin_store_blob_path(store, layer->descriptor.digest, path, sizeof path) ||
        !(layer->path = strdup(path)))
      goto done;
    out->layer_count++;
  }
  ok = true;
done:
  spin_manifest_free(&manifest);
  if (!ok) {
    if (error_size && !error[0]) fail(error, error_size, "out of memory");
    spin_image_free(out);
  }
  return ok;
}

void spin_image_free(spin_image *image) {
  free(image->name);
  free(image->config_json);
  spin_image_config_free(&image->config);
  for (size_t i = 0; i < image->layer_count; i++) free(image->layers[i].path);
  free(image->layers);
  memset(image, 0, sizeof *image);
}
