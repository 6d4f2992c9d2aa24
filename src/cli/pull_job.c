// A pull for the front ends (pull_job.h) over oci/pull.h.
#include <stdio.h>
#include <stdlib.h>

#include "cli/pull_job.h"
#include "http/http.h"
#include "oci/pull.h"
#include "oci/reference.h"
#include "oci/registry.h"

struct spin_pull_job {
  bool done, ok;
  spin_http *http;
  spin_registry *registry;
  spin_pull_progress progress;
  void *context;
  char message[1024];
  char name[700];
  char digest[80];
};

static void on_blob_progress(void *context, const char *digest, int64_t done, int64_t total) {
  spin_pull_job *job = context;
  if (job->progress) job->progress(job->context, digest, done, total);
}

static void on_pull_done(void *context, bool ok, const char *error, const char *name, const char *digest) {
  spin_pull_job *job = context;
  job->done = true;
  job->ok = ok;
  snprintf(job->message, sizeof job->message, "%s", error ? error : "");
  snprintf(job->name, sizeof job->name, "%s", name ? name : "");
  snprintf(job->digest, sizeof job->digest, "%s", digest ? digest : "");
}

void spin_pull_job_free(spin_pull_job *job) {
  if (!job) return;
  spin_registry_free(job->registry);
  spin_http_free(job->http);
  free(job);
}

spin_pull_job *spin_pull_job_begin(const spin_cli_args *args, spin_store *store, const char *image,
                                   spin_pull_progress progress, void *context, char *error,
                                   size_t error_size) {
  spin_image_ref ref;
  spin_platform platform;
  if (!spin_image_ref_parse(image, &ref, error, error_size) ||
      !spin_platform_parse(args->platform ? args->platform : "linux/riscv64", &platform, error, error_size))
    return NULL;
  spin_pull_job *job = calloc(1, sizeof *job);
  if (!job || !(job->http = spin_http_new())) {
    snprintf(error, error_size, "%s", job ? "cannot start the HTTP client" : "out of memory");
    free(job);
    return NULL;
  }
  job->progress = progress;
  job->context = context;
  spin_registry_options options = {.username = args->username, .password = args->password,
                                   .insecure_registries = args->insecure_registries,
                                   .insecure_count = args->insecure_count};
  job->registry = spin_registry_new(job->http, &options);
  spin_pull_callbacks callbacks = {on_blob_progress, on_pull_done};
  if (!job->registry) snprintf(error, error_size, "out of memory");
  if (!job->registry ||
      !spin_pull_start(job->registry, store, &ref, &platform, &callbacks, job, error, error_size)) {
    spin_pull_job_free(job);
    return NULL;
  }
  return job;
}

bool spin_pull_job_step(spin_pull_job *job) {
  if (!job->done) spin_http_perform(job->http);
  return job->done;
}

void spin_pull_job_wait(spin_pull_job *job, int timeout_ms) { spin_http_wait(job->http, timeout_ms); }

bool spin_pull_job_ok(const spin_pull_job *job) { return job->ok; }
const char *spin_pull_job_error(const spin_pull_job *job) { return job->message; }
const char *spin_pull_job_name(const spin_pull_job *job) { return job->name; }
const char *spin_pull_job_digest(const spin_pull_job *job) { return job->digest; }
