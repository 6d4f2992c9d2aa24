#include "blob_fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

// Transport failures (a cut connection, a 5xx) are retried, resuming, this many times
// before the pull gives up; the partial file then stays for the next pull.
#define MAX_RETRIES 3

typedef struct waiter {
  struct waiter *next;
  spin_blob_callbacks callbacks;
  void *context;
} waiter;

typedef struct spin_blob_download {
  struct spin_blob_download *next;
  spin_registry *registry;
  spin_store *store;
  spin_descriptor blob;
  char partial_path[PATH_MAX];
  int fd;
  spin_sha256 hash;
  int64_t on_disk;         // bytes in the partial file
  int64_t range_start;     // what we asked for
  int status;
  char error[768];         // the first failure, if any
  bool keep_partial;       // an interruption (resumable) rather than bad content
  bool private_partial;    // another process holds the shared partial file
  int retries;
  char repository[SPIN_REF_NAME_MAX + 1], domain[SPIN_REF_NAME_MAX + 1];
  waiter *waiters;
} download;

static void set_error(download *d, bool keep_partial, const char *fmt, ...) {
  if (d->error[0]) return;
  va_list args;
  va_start(args, fmt);
  vsnprintf(d->error, sizeof d->error, fmt, args);
  va_end(args);
  d->keep_partial = keep_partial;
}

static void notify_progress(download *d) {
  for (waiter *w = d->waiters; w; w = w->next)
    if (w->callbacks.on_progress) w->callbacks.on_progress(w->context, d->blob.digest, d->on_disk, d->blob.size);
}

static bool restart_from_zero(download *d) {
  if (ftruncate(d->fd, 0) != 0 || lseek(d->fd, 0, SEEK_SET) != 0) return false;
  spin_sha256_init(&d->hash);
  d->on_disk = 0;
  return true;
}

// Opens the partial file and hashes what an earlier attempt left in it. Another process
// downloading the same blob holds a lock on it: then this one downloads into a private
// file of its own (not resumable; whichever finishes first commits, both are the same).
static bool open_partial(download *d, char *error, size_t error_size) {
  for (int attempt = 0; attempt < 3; attempt++) {
    d->fd = open(d->partial_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (d->fd < 0) break;
    if (flock(d->fd, LOCK_EX | LOCK_NB) != 0) {
      close(d->fd);
      size_t used = strlen(d->partial_path);
      snprintf(d->partial_path + used, sizeof d->partial_path - used, ".%ld", (long)getpid());
      d->private_partial = true;
      d->fd = open(d->partial_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      break;
    }
    // The holder before us may have committed (renamed) the file we opened: start again.
    struct stat opened, named;
    if (fstat(d->fd, &opened) == 0 && stat(d->partial_path, &named) == 0 &&
        opened.st_ino == named.st_ino && opened.st_dev == named.st_dev)
      break;
    close(d->fd);
    d->fd = -1;
  }
  if (d->fd < 0) {
    snprintf(error, error_size, "cannot create %s: %s", d->partial_path, strerror(errno ? errno : EBUSY));
    return false;
  }
  spin_sha256_init(&d->hash);
  d->on_disk = 0;
  char buffer[65536];
  for (;;) {
    ssize_t n = read(d->fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    spin_sha256_update(&d->hash, buffer, (size_t)n);
    d->on_disk += n;
  }
  // A partial as long as the blob (or longer) cannot be resumed: start over.
  if (d->on_disk >= d->blob.size && !restart_from_zero(d)) {
    snprintf(error, error_size, "cannot reset %s: %s", d->partial_path, strerror(errno));
    return false;
  }
  return true;
}

static bool on_response(void *context, int status, const spin_http_header *headers, size_t count) {
  download *d = context;
  d->status = status;
  if (status == 206 && d->range_start > 0) {
    // Content-Range: bytes START-END/TOTAL must start where our file ends.
    const char *range = spin_http_find_header(headers, count, "Content-Range");
    char *end = NULL;
    long long start = range && strncasecmp(range, "bytes ", 6) == 0 ? strtoll(range + 6, &end, 10) : -1;
    if (start != d->range_start || !end || *end != '-') {
      set_error(d, false, "the registry answered a resumed download of %s with the wrong range", d->blob.digest);
      return false;
    }
    return true;
  }
  if (status == 200) {
    if (d->on_disk > 0 && !restart_from_zero(d)) {  // the registry ignored our Range
      set_error(d, true, "cannot reset %s: %s", d->partial_path, strerror(errno));
      return false;
    }
    return true;
  }
  if (status == 404) set_error(d, false, "the registry has no blob %s", d->blob.digest);
  else if (status == 401 || status == 403) set_error(d, false, "access to blob %s was denied (HTTP %d)", d->blob.digest, status);
  else set_error(d, status >= 500, "the registry answered HTTP %d for blob %s", status, d->blob.digest);
  return false;
}

static bool on_body(void *context, const void *data, size_t length) {
  download *d = context;
  if ((uint64_t)d->on_disk + length > (uint64_t)d->blob.size) {
    set_error(d, false, "the registry sent more than the %lld bytes the manifest gives for %s",
              (long long)d->blob.size, d->blob.digest);
    return false;
  }
  const char *bytes = data;
  size_t done = 0;
  while (done < length) {
    ssize_t n = write(d->fd, bytes + done, length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      set_error(d, true, "cannot write %s: %s", d->partial_path, strerror(errno));
      return false;
    }
    done += (size_t)n;
  }
  spin_sha256_update(&d->hash, data, length);
  d->on_disk += (int64_t)length;
  notify_progress(d);
  return true;
}

static void unlink_download(download *d) {
  for (download **p = spin_registry_downloads(d->registry); *p; p = &(*p)->next)
    if (*p == d) { *p = d->next; return; }
}

static bool start_request(download *d, char *error, size_t error_size);

// Asks again for what is missing; false if that could not even start.
static bool retry(download *d) {
  char ignored[256];
  d->retries++;
  d->error[0] = '\0';
  d->keep_partial = false;
  d->status = 0;
  return start_request(d, ignored, sizeof ignored);
}

static void on_done(void *context, int result, const char *error) {
  download *d = context;
  if (result != SPIN_HTTP_OK && !d->error[0])
    set_error(d, true, "the download of %s stopped after %lld of %lld bytes (%s); pull again to resume",
              d->blob.digest, (long long)d->on_disk, (long long)d->blob.size, error ? error : "aborted");
  if (!d->error[0] && d->on_disk != d->blob.size)
    set_error(d, true, "the download of %s ended after %lld of %lld bytes; pull again to resume",
              d->blob.digest, (long long)d->on_disk, (long long)d->blob.size);
  if (d->error[0] && d->keep_partial && d->retries < MAX_RETRIES) {
    char saved[sizeof d->error];
    memcpy(saved, d->error, sizeof saved);
    if (retry(d)) return;
    set_error(d, true, "%s", saved);
  }
  if (!d->error[0]) {
    char actual[SPIN_SHA256_HEX_SIZE];
    spin_sha256_final_hex(&d->hash, actual);
    if (strcmp(actual, d->blob.digest + 7) != 0)
      set_error(d, false, "digest mismatch: blob %s arrived with content of digest sha256:%s",
                d->blob.digest, actual);
  }
  if (!d->error[0] && fsync(d->fd) != 0) set_error(d, true, "cannot write %s: %s", d->partial_path, strerror(errno));
  // Commit while still holding the partial's lock, so no other process can open it between.
  if (!d->error[0]) {
    char commit_error[512];
    if (!spin_store_commit_file(d->store, d->blob.digest, d->partial_path, commit_error, sizeof commit_error))
      set_error(d, false, "%s", commit_error);
  }
  // Bad content is never resumed from; a private or empty partial is not worth keeping.
  if (d->error[0] && (!d->keep_partial || d->private_partial || d->on_disk == 0)) unlink(d->partial_path);
  close(d->fd);

  unlink_download(d);
  for (waiter *w = d->waiters, *next; w; w = next) {
    next = w->next;
    if (w->callbacks.on_done) w->callbacks.on_done(w->context, d->error[0] == '\0', d->error[0] ? d->error : NULL);
    free(w);
  }
  free(d);
}

static bool start_request(download *d, char *error, size_t error_size) {
  d->range_start = d->on_disk > 0 ? d->on_disk : -1;
  char path[SPIN_REF_NAME_MAX + SPIN_REF_DIGEST_MAX + 16];
  snprintf(path, sizeof path, "/v2/%s/blobs/%s", d->repository, d->blob.digest);
  spin_registry_request request = {.domain = d->domain, .repository = d->repository, .path = path,
                                   .range_start = d->range_start};
  spin_http_callbacks http_callbacks = {on_response, on_body, on_done};
  return spin_registry_fetch(d->registry, &request, &http_callbacks, d, error, error_size);
}

bool spin_blob_fetch(spin_registry *registry, spin_store *store, const char *domain,
                     const char *repository, const spin_descriptor *blob,
                     const spin_blob_callbacks *callbacks, void *context,
                     char *error, size_t error_size) {
  waiter *w = calloc(1, sizeof *w);
  if (!w) { snprintf(error, error_size, "out of memory"); return false; }
  w->callbacks = *callbacks;
  w->context = context;
  for (download *d = *spin_registry_downloads(registry); d; d = d->next) {
    if (d->store == store && strcmp(d->blob.digest, blob->digest) == 0 && d->blob.size == blob->size) {
      w->next = d->waiters;  // join the download already under way
      d->waiters = w;
      return true;
    }
  }
  download *d = calloc(1, sizeof *d);
  if (!d) { free(w); snprintf(error, error_size, "out of memory"); return false; }
  d->registry = registry;
  d->store = store;
  d->blob = *blob;
  d->fd = -1;
  d->waiters = w;
  if (!spin_store_partial_path(store, blob->digest, d->partial_path, sizeof d->partial_path)) {
    snprintf(error, error_size, "invalid blob digest");
    goto fail;
  }
  if (!open_partial(d, error, error_size)) goto fail;
  snprintf(d->domain, sizeof d->domain, "%s", domain);
  snprintf(d->repository, sizeof d->repository, "%s", repository);
  if (!start_request(d, error, error_size)) goto fail;
  d->next = *spin_registry_downloads(registry);
  *spin_registry_downloads(registry) = d;
  return true;
fail:
  if (d->fd >= 0) close(d->fd);
  free(d);
  free(w);
  return false;
}
