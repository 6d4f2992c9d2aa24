// Spin's C API for JavaScript hosts (include/spin.h): the `spin` command's work behind
// calls a JS event loop can drive. Commands arrive as argv (parsed by cli_args.c), results
// leave as JSON made with cJSON, output and progress as calls into Module.*.
#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "cli/cli_args.h"
#include "cli/launch.h"
#include "cli/pull_job.h"
#include "include/spin.h"
#include "oci/reference.h"
#include "oci/store.h"
#include "runtime/drive.h"

static struct {
  char error[1024];
  int status;
  double wait_ns;
} last;

EMSCRIPTEN_KEEPALIVE const char *spin_api_error(void) { return last.error; }
EMSCRIPTEN_KEEPALIVE int spin_api_status(void) { return last.status; }
EMSCRIPTEN_KEEPALIVE double spin_api_wait_ns(void) { return last.wait_ns; }

static char *error_json(const char *sentence) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "error", sentence);
  char *text = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return text;
}

static char *print_and_free(cJSON *o) {
  char *text = o ? cJSON_PrintUnformatted(o) : NULL;
  cJSON_Delete(o);
  return text ? text : error_json("out of memory");
}

static void add_strings(cJSON *o, const char *key, const char *const *items, size_t count) {
  cJSON *a = cJSON_AddArrayToObject(o, key);
  for (size_t i = 0; a && i < count; i++) cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
}

static void add_string_or_null(cJSON *o, const char *key, const char *value) {
  if (value) cJSON_AddStringToObject(o, key, value);
  else cJSON_AddNullToObject(o, key);
}

// ---- parse ----------------------------------------------------------------------------

static const char *const command_names[] = {
    [SPIN_CLI_HELP] = "help", [SPIN_CLI_PULL] = "pull", [SPIN_CLI_IMAGES] = "images",
    [SPIN_CLI_RMI] = "rmi", [SPIN_CLI_INSPECT] = "inspect", [SPIN_CLI_RUN] = "run",
    [SPIN_CLI_VERSION] = "version"};

EMSCRIPTEN_KEEPALIVE char *spin_api_parse(int argc, char **argv) {
  spin_cli_args a;
  char error[512];
  if (!spin_cli_parse(argc, argv, &a, error, sizeof error)) return error_json(error);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "command", command_names[a.command]);
  if (a.command == SPIN_CLI_HELP) cJSON_AddStringToObject(o, "usage", spin_cli_usage());
  add_string_or_null(o, "store", a.store);
  add_string_or_null(o, "platform", a.platform);
  add_string_or_null(o, "image_file", a.image_file);
  add_string_or_null(o, "timeout", a.timeout);
  add_string_or_null(o, "username", a.username);
  add_string_or_null(o, "password", a.password);
  add_strings(o, "insecure_registries", a.insecure_registries, a.insecure_count);
  cJSON_AddBoolToObject(o, "quiet", a.quiet);
  cJSON_AddBoolToObject(o, "remove", a.remove);
  cJSON_AddBoolToObject(o, "interactive", a.interactive);
  cJSON_AddBoolToObject(o, "tty", a.tty);
  add_strings(o, "images", a.images, a.image_count);
  add_strings(o, "command_args", (const char *const *)a.rest, a.rest_count);
  add_strings(o, "publish", a.publish, a.publish_count);
  return print_and_free(o);
}

// ---- store ----------------------------------------------------------------------------

static spin_store *open_store(const spin_cli_args *a, char *error, size_t size) {
  char path[4096];
  if (a->store) snprintf(path, sizeof path, "%s", a->store);
  else if (!spin_store_default_path(path, sizeof path)) {
    snprintf(error, size, "cannot find a store folder: set SPIN_STORE or HOME");
    return NULL;
  }
  return spin_store_open(path, error, size);
}

static bool canonical_name(const char *text, char *out, size_t size, char *error, size_t error_size) {
  spin_image_ref ref;
  return spin_image_ref_parse(text, &ref, error, error_size) && spin_image_ref_format(&ref, out, size);
}

static void add_image_facts(cJSON *o, const spin_image *image) {
  char platform[100];
  long long size = 0;
  for (size_t k = 0; k < image->layer_count; k++) size += image->layers[k].descriptor.size;
  snprintf(platform, sizeof platform, "%s/%s%s%s", image->config.os, image->config.architecture,
           image->config.variant[0] ? "/" : "", image->config.variant);
  cJSON_AddStringToObject(o, "platform", platform);
  cJSON_AddNumberToObject(o, "size", (double)size);
  cJSON_AddNumberToObject(o, "layers", (double)image->layer_count);
}

static cJSON *list_images(spin_store *store, char *error, size_t size) {
  spin_store_entry *entries;
  size_t count;
  if (!spin_store_list(store, &entries, &count, error, size)) return NULL;
  cJSON *o = cJSON_CreateObject();
  cJSON *list = cJSON_AddArrayToObject(o, "images");
  for (size_t i = 0; list && i < count; i++) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "name", entries[i].name);
    cJSON_AddStringToObject(item, "digest", entries[i].manifest.digest);
    spin_image image;
    char ignored[256];
    if (spin_store_load_image(store, entries[i].name, &image, ignored, sizeof ignored)) {
      add_image_facts(item, &image);
      spin_image_free(&image);
    }
    cJSON_AddItemToArray(list, item);
  }
  spin_store_entries_free(entries, count);
  return o;
}

static cJSON *remove_images(const spin_cli_args *a, spin_store *store, char *error, size_t size) {
  char name[700];
  for (size_t i = 0; i < a->image_count; i++)  // all names first: nothing removed on a typo
    if (!canonical_name(a->images[i], name, sizeof name, error, size)) return NULL;
  cJSON *o = cJSON_CreateObject();
  cJSON *untagged = cJSON_AddArrayToObject(o, "untagged");
  for (size_t i = 0; i < a->image_count; i++) {
    canonical_name(a->images[i], name, sizeof name, error, size);
    if (!spin_store_untag(store, name, error, size)) {
      cJSON_Delete(o);
      return NULL;
    }
    cJSON_AddItemToArray(untagged, cJSON_CreateString(name));
  }
  size_t blobs;
  long long bytes;
  if (!spin_store_gc(store, &blobs, &bytes, error, size)) {
    cJSON_Delete(o);
    return NULL;
  }
  cJSON_AddNumberToObject(o, "deleted_blobs", (double)blobs);
  cJSON_AddNumberToObject(o, "deleted_bytes", (double)bytes);
  return o;
}

static cJSON *inspect_image(const spin_cli_args *a, spin_store *store, char *error, size_t size) {
  char name[700];
  spin_image image;
  if (!canonical_name(a->images[0], name, sizeof name, error, size) ||
      !spin_store_load_image(store, name, &image, error, size))
    return NULL;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", name);
  cJSON_AddStringToObject(o, "digest", image.manifest.digest);
  add_image_facts(o, &image);
  cJSON *config = cJSON_ParseWithLength(image.config_json, image.config_json_length);
  if (config) cJSON_AddItemToObject(o, "config", config);
  spin_image_free(&image);
  return o;
}

EMSCRIPTEN_KEEPALIVE char *spin_api_store_command(int argc, char **argv) {
  spin_cli_args a;
  char error[1024] = "";
  if (!spin_cli_parse(argc, argv, &a, error, sizeof error)) return error_json(error);
  spin_store *store = open_store(&a, error, sizeof error);
  if (!store) return error_json(error);
  cJSON *o = NULL;
  switch (a.command) {
    case SPIN_CLI_IMAGES: o = list_images(store, error, sizeof error); break;
    case SPIN_CLI_RMI: o = remove_images(&a, store, error, sizeof error); break;
    case SPIN_CLI_INSPECT: o = inspect_image(&a, store, error, sizeof error); break;
    default: snprintf(error, sizeof error, "%s is not a store command", command_names[a.command]);
  }
  spin_store_close(store);
  return o ? print_and_free(o) : error_json(error[0] ? error : "out of memory");
}

// ---- pull -----------------------------------------------------------------------------

struct spin_api_pull {
  spin_store *store;
  spin_pull_job *job;
};

EM_JS(void, js_pull_progress, (spin_api_pull *job, const char *digest, double done, double total), {
  if (Module.spinPullProgress) Module.spinPullProgress(job, UTF8ToString(digest), done, total);
});

static void on_progress(void *context, const char *digest, int64_t done, int64_t total) {
  js_pull_progress(context, digest, (double)done, (double)total);
}

EMSCRIPTEN_KEEPALIVE spin_api_pull *spin_api_pull_begin(int argc, char **argv) {
  spin_cli_args a;
  last.status = SPIN_LAUNCH_FAILED;
  if (!spin_cli_parse(argc, argv, &a, last.error, sizeof last.error)) return NULL;
  if (a.command != SPIN_CLI_PULL || a.image_count != 1) {
    snprintf(last.error, sizeof last.error, "a pull needs one image");
    return NULL;
  }
  spin_api_pull *p = calloc(1, sizeof *p);
  if (!p) {
    snprintf(last.error, sizeof last.error, "out of memory");
    return NULL;
  }
  if (!(p->store = open_store(&a, last.error, sizeof last.error)) ||
      !(p->job = spin_pull_job_begin(&a, p->store, a.images[0], on_progress, p, last.error, sizeof last.error))) {
    spin_api_pull_free(p);
    return NULL;
  }
  return p;
}

EMSCRIPTEN_KEEPALIVE int spin_api_pull_step(spin_api_pull *p) { return spin_pull_job_step(p->job); }

EMSCRIPTEN_KEEPALIVE char *spin_api_pull_result(spin_api_pull *p) {
  if (!spin_pull_job_ok(p->job)) return error_json(spin_pull_job_error(p->job));
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", spin_pull_job_name(p->job));
  cJSON_AddStringToObject(o, "digest", spin_pull_job_digest(p->job));
  return print_and_free(o);
}

EMSCRIPTEN_KEEPALIVE void spin_api_pull_free(spin_api_pull *p) {
  if (!p) return;
  spin_pull_job_free(p->job);
  if (p->store) spin_store_close(p->store);
  free(p);
}

// ---- containers -----------------------------------------------------------------------

EM_JS(void, js_output, (int id, int stream, const uint8_t *data, size_t len), {
  if (Module.spinOutput) Module.spinOutput(id, stream, HEAPU8.slice(data, data + len));
});

static void output(void *opaque, int stream, const uint8_t *data, size_t len) {
  js_output((int)(intptr_t)opaque, stream, data, len);
}

EMSCRIPTEN_KEEPALIVE spin_launch *spin_api_container_create(int id, int argc, char **argv) {
  spin_cli_args a;
  last.status = SPIN_LAUNCH_FAILED;
  if (!spin_cli_parse(argc, argv, &a, last.error, sizeof last.error)) return NULL;
  if (a.command != SPIN_CLI_RUN) {
    snprintf(last.error, sizeof last.error, "a container needs a run command line");
    return NULL;
  }
  spin_store *store = NULL;
  if (!a.image_file && !(store = open_store(&a, last.error, sizeof last.error))) return NULL;
  spin_container_host host = spin_drive_host();
  host.output = output;
  host.log = NULL;
  host.opaque = (void *)(intptr_t)id;
  spin_launch *launch = NULL;
  last.status = spin_launch_create(&a, store, &host, &launch, last.error, sizeof last.error);
  if (store) spin_store_close(store);  // the image is in memory now
  return launch;
}

#define NET_TIMER_NS UINT64_C(100000000) // lwIP's TCP timers tick every 250 ms

EMSCRIPTEN_KEEPALIVE int spin_api_container_run(spin_launch *c, double max_insns) {
  uint64_t wait_ns = 0;
  spin_container_state state = spin_container_run(spin_launch_container(c), (uint64_t)max_insns, &wait_ns);
  // The network (docs/net.md): frames for the guest keep it running; an idle one still
  // wakes for the stack's timers.
  if (spin_launch_poll(c) && state == SPIN_CONTAINER_IDLE) state = SPIN_CONTAINER_RUNNING;
  if (spin_launch_has_network(c) && wait_ns > NET_TIMER_NS) wait_ns = NET_TIMER_NS;
  last.wait_ns = wait_ns == UINT64_MAX ? -1 : (double)wait_ns;
  return (int)state;
}

EMSCRIPTEN_KEEPALIVE void spin_api_container_waited(spin_launch *c, double ns) {
  spin_container_waited(spin_launch_container(c), ns > 0 ? (uint64_t)ns : 0);
}

EMSCRIPTEN_KEEPALIVE int spin_api_container_write_stdin(spin_launch *c, const uint8_t *data, int len) {
  return len < 0 ? -1 : spin_container_write_stdin(spin_launch_container(c), data, (size_t)len);
}

EMSCRIPTEN_KEEPALIVE double spin_api_container_stdin_pending(spin_launch *c) {
  return (double)spin_container_stdin_pending(spin_launch_container(c));
}

EMSCRIPTEN_KEEPALIVE void spin_api_container_close_stdin(spin_launch *c) {
  spin_container_close_stdin(spin_launch_container(c));
}

EMSCRIPTEN_KEEPALIVE void spin_api_container_kill(spin_launch *c, int sig) {
  if (sig >= 1 && sig <= 64) spin_container_kill(spin_launch_container(c), sig);
}

EMSCRIPTEN_KEEPALIVE void spin_api_container_resize(spin_launch *c, int cols, int rows) {
  if (cols > 0 && rows > 0 && cols <= 0xffff && rows <= 0xffff)
    spin_container_resize(spin_launch_container(c), (uint16_t)cols, (uint16_t)rows);
}

EMSCRIPTEN_KEEPALIVE int spin_api_container_exit_status(spin_launch *c) {
  return spin_container_exit_status(spin_launch_container(c));
}

EMSCRIPTEN_KEEPALIVE const char *spin_api_container_error(spin_launch *c) {
  return spin_container_error(spin_launch_container(c));
}

EMSCRIPTEN_KEEPALIVE double spin_api_container_timeout(spin_launch *c) { return spin_launch_timeout(c); }

EMSCRIPTEN_KEEPALIVE void spin_api_container_destroy(spin_launch *c) { spin_launch_destroy(c); }
