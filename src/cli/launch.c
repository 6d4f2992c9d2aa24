// spin run's container, made from its arguments (launch.h). The image comes from the store
// or an archive and is applied into memory (runtime/image_tree.h); the container gets a
// copy-on-write clone of it as `/` and host folders for -v over 9P; its config and the
// options make what runs (runtime/spec.h).
#define _POSIX_C_SOURCE 200809L // strdup
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "cli/launch.h"
#include "cli/launch_net.h"
#include "fs/hostfs.h"
#include "oci/files.h"
#include "oci/manifest.h"
#include "oci/reference.h"
#include "runtime/etc_files.h"
#include "runtime/image_tree.h"
#include "runtime/spec.h"

#ifndef SPIN_DEFAULT_KERNEL
#define SPIN_DEFAULT_KERNEL ""
#endif
#define MAX_DOCUMENT (4u << 20) // manifests, indexes, configs in an archive
#define MAX_KERNEL (256u << 20)  // the guest kernel Image

// Where the one sentence goes.
typedef struct {
  char *text;
  size_t size;
} failure;

static int fail(failure *e, const char *fmt, const char *detail) {
  snprintf(e->text, e->size, fmt, detail);
  return SPIN_LAUNCH_FAILED;
}

// What the container is made of.
typedef struct {
  char *config_json;      // the image config (NULL: none)
  spin_fs *image_tree;    // the layers applied
  spin_fs *archive;       // --image-file: the archive's files
} image_parts;

static void parts_free(image_parts *p) {
  free(p->config_json);
  if (p->image_tree) p->image_tree->ops->destroy(p->image_tree);
  if (p->archive) p->archive->ops->destroy(p->archive);
}

// ---- from the store -------------------------------------------------------------------

static int load_from_store(const spin_cli_args *args, spin_store *store, image_parts *p, failure *e) {
  char error[1024], name[700];
  spin_image_ref ref;
  if (!spin_image_ref_parse(args->images[0], &ref, error, sizeof error) ||
      !spin_image_ref_format(&ref, name, sizeof name))
    return fail(e, "%s", error);
  spin_image image;
  if (!store) return fail(e, "%s", "no store to find the image in");
  if (!spin_store_load_image(store, name, &image, error, sizeof error)) {
    fail(e, "%s", error);
    return SPIN_LAUNCH_NOT_STORED;
  }
  const char *want = args->platform ? args->platform : "linux/riscv64";
  char have[200];
  snprintf(have, sizeof have, "%s/%s%s%s", image.config.os, image.config.architecture,
           image.config.variant[0] ? "/" : "", image.config.variant);
  if (strncmp(have, want, strlen(want)) != 0) {
    snprintf(e->text, e->size, "%s is a %s image; this runtime runs %s images", name, have, want);
    spin_image_free(&image);
    return SPIN_LAUNCH_FAILED;
  }
  const char **paths = calloc(image.layer_count + 1, sizeof *paths);
  if (!paths) {
    spin_image_free(&image);
    return fail(e, "%s", "out of memory");
  }
  for (size_t i = 0; i < image.layer_count; i++) paths[i] = image.layers[i].path;
  char *err = NULL;
  int rc = spin_image_tree_from_files(paths, image.layer_count, &p->image_tree, &err);
  free(paths);
  if (rc == 0) {
    p->config_json = malloc(image.config_json_length + 1);
    if (p->config_json) memcpy(p->config_json, image.config_json, image.config_json_length + 1);
  }
  spin_image_free(&image);
  if (rc) {
    rc = fail(e, "%s", err ? err : "out of memory");
    free(err);
    return rc;
  }
  return p->config_json ? 0 : fail(e, "%s", "out of memory");
}

// ---- from an archive ------------------------------------------------------------------

// "sha256:HEX" -> "blobs/sha256/HEX" (the OCI image layout's path of a blob).
static bool blob_path(const char *digest, char *out, size_t size) {
  const char *colon = strchr(digest, ':');
  if (!colon || colon == digest || strchr(colon + 1, '/') || strstr(digest, "..")) return false;
  int n = snprintf(out, size, "blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
  return n > 0 && (size_t)n < size;
}

// An OCI archive: index.json -> (index ->) manifest -> config and layers.
static int load_oci_archive(const spin_cli_args *args, image_parts *p, const char *index_json,
                            size_t index_len, failure *e) {
  char error[512], path[256];
  spin_platform want;
  if (!spin_platform_parse(args->platform ? args->platform : "linux/riscv64", &want, error, sizeof error))
    return fail(e, "%s", error);
  spin_manifest m;
  if (!spin_manifest_parse(index_json, index_len, NULL, &m, error, sizeof error))
    return fail(e, "the archive's index.json: %s", error);
  for (int depth = 0; m.kind == SPIN_MANIFEST_INDEX; depth++) {
    const spin_index_entry *pick = NULL;
    for (size_t i = 0; i < m.entry_count && !pick; i++) {
      const spin_platform *entry = &m.entries[i].platform;
      if (!entry->os[0] || (!strcmp(entry->os, want.os) && !strcmp(entry->architecture, want.architecture)))
        pick = &m.entries[i];
    }
    if (!pick || depth > 2 || !blob_path(pick->descriptor.digest, path, sizeof path)) {
      spin_manifest_free(&m);
      return fail(e, "the archive has no %s image", args->platform ? args->platform : "linux/riscv64");
    }
    size_t len;
    char *doc = spin_fs_read_small_file(p->archive, path, MAX_DOCUMENT, &len);
    spin_manifest_free(&m);
    if (!doc) return fail(e, "the archive lacks %s", path);
    bool ok = spin_manifest_parse(doc, len, NULL, &m, error, sizeof error);
    free(doc);
    if (!ok) return fail(e, "the archive's manifest: %s", error);
  }
  int rc = 0;
  const char **paths = calloc(m.layer_count + 1, sizeof *paths);
  char (*storage)[256] = calloc(m.layer_count + 1, sizeof *storage);
  if (!paths || !storage) rc = fail(e, "%s", "out of memory");
  for (size_t i = 0; rc == 0 && i < m.layer_count; i++) {
    if (!blob_path(m.layers[i].digest, storage[i], sizeof storage[i])) rc = fail(e, "%s", "the archive's manifest names a bad layer digest");
    paths[i] = storage[i];
  }
  if (rc == 0 && (!blob_path(m.config.digest, path, sizeof path) ||
                  !(p->config_json = spin_fs_read_small_file(p->archive, path, MAX_DOCUMENT, NULL))))
    rc = fail(e, "%s", "the archive lacks the image's config");
  char *err = NULL;
  if (rc == 0 && spin_image_tree_from_tree(p->archive, paths, m.layer_count, &p->image_tree, &err)) {
    rc = fail(e, "%s", err ? err : "out of memory");
    free(err);
  }
  free(paths);
  free(storage);
  spin_manifest_free(&m);
  return rc;
}

// A `docker save` archive: manifest.json = [{"Config": path, "Layers": [paths]}].
static int load_docker_archive(image_parts *p, const char *manifest_json, failure *e) {
  cJSON *root = cJSON_Parse(manifest_json);
  const cJSON *first = cJSON_IsArray(root) ? cJSON_GetArrayItem(root, 0) : NULL;
  const cJSON *config = cJSON_GetObjectItemCaseSensitive(first, "Config");
  const cJSON *layers = cJSON_GetObjectItemCaseSensitive(first, "Layers");
  int rc = 0;
  if (!cJSON_IsString(config) || !cJSON_IsArray(layers)) {
    rc = fail(e, "%s", "the archive's manifest.json is not a docker save manifest");
  } else if (!(p->config_json = spin_fs_read_small_file(p->archive, config->valuestring, MAX_DOCUMENT, NULL))) {
    rc = fail(e, "the archive lacks %s", config->valuestring);
  } else {
    size_t n = (size_t)cJSON_GetArraySize(layers), i = 0;
    const char **paths = calloc(n + 1, sizeof *paths);
    const cJSON *layer;
    cJSON_ArrayForEach(layer, layers) {
      if (!paths || !cJSON_IsString(layer)) break;
      paths[i++] = layer->valuestring;
    }
    char *err = NULL;
    if (!paths || i != n) rc = fail(e, "%s", "the archive's manifest.json lists a bad layer");
    else if (spin_image_tree_from_tree(p->archive, paths, n, &p->image_tree, &err)) {
      rc = fail(e, "%s", err ? err : "out of memory");
      free(err);
    }
    free(paths);
  }
  cJSON_Delete(root);
  return rc;
}

static int load_from_archive(const spin_cli_args *args, image_parts *p, failure *e) {
  const char *file = args->image_file;
  char *err = NULL;
  // The archive is a tar itself: unpacked into memory by the same (escape-proof) code.
  if (spin_image_tree_from_files(&file, 1, &p->archive, &err)) {
    int rc = fail(e, "%s", err ? err : "out of memory");
    free(err);
    return rc;
  }
  size_t len;
  char *doc = spin_fs_read_small_file(p->archive, "index.json", MAX_DOCUMENT, &len);
  if (doc) {
    int rc = load_oci_archive(args, p, doc, len, e);
    free(doc);
    return rc;
  }
  if ((doc = spin_fs_read_small_file(p->archive, "manifest.json", MAX_DOCUMENT, NULL))) {
    int rc = load_docker_archive(p, doc, e);
    free(doc);
    return rc;
  }
  return fail(e, "%s is neither an OCI archive (index.json) nor a docker save archive (manifest.json)", file);
}

// ---- options --------------------------------------------------------------------------

// Adds "K=V" lines of an --env-file (blank lines and # comments skipped; "K" alone takes
// K from spin's own environment, as docker does).
static int read_env_file(const char *path, const char ***env, size_t *count, char ***owned, size_t *owned_count,
                         failure *e) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(e->text, e->size, "cannot read env file %s: %s", path, strerror(errno));
    return -1;
  }
  char line[8192];
  int rc = 0;
  while (rc == 0 && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    char *s = line;
    while (isspace((unsigned char)*s)) s++;
    if (!*s || *s == '#') continue;
    const char **more = realloc(*env, (*count + 1) * sizeof **env);
    char **own = realloc(*owned, (*owned_count + 1) * sizeof **owned);
    if (more) *env = more;
    if (own) *owned = own;
    char *copy = more && own ? strdup(s) : NULL;
    if (!copy) rc = fail(e, "%s", "out of memory");
    else {
      (*owned)[(*owned_count)++] = copy;
      (*env)[(*count)++] = copy;
    }
  }
  fclose(f);
  return rc;
}

// "512m", "1g", "268435456": bytes, at least 64 MiB and at most 4 GiB.
static int parse_memory(const char *text, uint64_t *bytes) {
  char *end;
  errno = 0;
  unsigned long long n = strtoull(text, &end, 10);
  if (errno || end == text) return -1;
  uint64_t unit = 1;
  switch (tolower((unsigned char)*end)) {
    case 'k': unit = 1u << 10; end++; break;
    case 'm': unit = 1u << 20; end++; break;
    case 'g': unit = 1u << 30; end++; break;
    default: break;
  }
  if (tolower((unsigned char)*end) == 'b') end++;
  if (*end || n > (UINT64_C(4) << 30) / unit) return -1;
  *bytes = n * unit;
  return *bytes >= (UINT64_C(64) << 20) && *bytes <= (UINT64_C(4) << 30) ? 0 : -1;
}

// Everything the options say, checked before anything is loaded.
typedef struct {
  const char **env;
  size_t env_count;
  char **owned;           // strings env points to that we allocated
  size_t owned_count;
  spin_volume *volumes;
  spin_fs **volume_trees;
  size_t volume_count;
  uint64_t ram;
  double timeout;
} run_settings;

static void settings_free(run_settings *s) {
  for (size_t i = 0; i < s->owned_count; i++) free(s->owned[i]);
  free(s->owned);
  free(s->env);
  for (size_t i = 0; i < s->volume_count; i++) {
    if (s->volume_trees[i]) s->volume_trees[i]->ops->destroy(s->volume_trees[i]);
    free((char *)s->volumes[i].host);
    free((char *)s->volumes[i].guest);
  }
  free(s->volumes);
  free(s->volume_trees);
}

static int settle(const spin_cli_args *args, run_settings *s, failure *e) {
  memset(s, 0, sizeof *s);
  if (args->memory && parse_memory(args->memory, &s->ram))
    return fail(e, "--memory takes a size from 64m to 4g, not '%s'", args->memory);
  if (args->timeout) {
    char *end;
    s->timeout = strtod(args->timeout, &end);
    if (end == args->timeout || *end || !(s->timeout > 0))
      return fail(e, "--timeout takes a positive number of seconds, not '%s'", args->timeout);
  }
  for (size_t i = 0; i < args->env_file_count; i++)
    if (read_env_file(args->env_files[i], &s->env, &s->env_count, &s->owned, &s->owned_count, e)) return SPIN_LAUNCH_FAILED;
  for (size_t i = 0; i < args->env_count; i++) {
    const char **more = realloc(s->env, (s->env_count + 1) * sizeof *more);
    if (!more) return fail(e, "%s", "out of memory");
    s->env = more;
    s->env[s->env_count++] = args->env[i];
  }
  // "-e K": K's value from spin's own environment (dropped if unset, as docker does).
  for (size_t i = 0; i < s->env_count; i++) {
    if (strchr(s->env[i], '=')) continue;
    const char *value = getenv(s->env[i]);
    if (!value) continue;
    size_t len = strlen(s->env[i]) + strlen(value) + 2;
    char **own = realloc(s->owned, (s->owned_count + 1) * sizeof *own);
    char *kv = own ? malloc(len) : NULL;
    if (own) s->owned = own;
    if (!kv) return fail(e, "%s", "out of memory");
    snprintf(kv, len, "%s=%s", s->env[i], value);
    s->owned[s->owned_count++] = kv;
    s->env[i] = kv;
  }
  s->volumes = calloc(args->volume_count + 1, sizeof *s->volumes);
  s->volume_trees = calloc(args->volume_count + 1, sizeof *s->volume_trees);
  if (!s->volumes || !s->volume_trees) return fail(e, "%s", "out of memory");
  for (size_t i = 0; i < args->volume_count; i++) {
    char *host, *guest, *err;
    bool read_only;
    if (spin_volume_parse(args->volumes[i], &host, &guest, &read_only, &err)) {
      int rc = fail(e, "-v: %s", err ? err : "out of memory");
      free(err);
      return rc;
    }
    s->volumes[i] = (spin_volume){host, guest, read_only};
    s->volume_count = i + 1;
    if (!(s->volume_trees[i] = spin_hostfs_new(host, read_only))) {
      snprintf(e->text, e->size, "-v: cannot share %s: %s", host, strerror(errno));
      return SPIN_LAUNCH_FAILED;
    }
  }
  return 0;
}


// ---- the container --------------------------------------------------------------------

struct spin_launch {
  image_parts parts;
  run_settings settings;
  spin_fs *tree;  // the container's private copy of the image
  spin_spec spec;
  bool have_spec;
  spin_container *container;
  spin_launch_net *net;        // NULL: no network
  spin_container_host caller;  // the host's callbacks; the container gets trampolines
};

// The container's host: the caller's callbacks, with the network's frames to the stack.
static void host_output(void *opaque, int stream, const uint8_t *data, size_t len) {
  spin_launch *l = opaque;
  l->caller.output(l->caller.opaque, stream, data, len);
}
static void host_log(void *opaque, const uint8_t *data, size_t len) {
  spin_launch *l = opaque;
  l->caller.log(l->caller.opaque, data, len);
}
static uint64_t host_now_ns(void *opaque) {
  spin_launch *l = opaque;
  return l->caller.now_ns(l->caller.opaque);
}
static void host_random(void *opaque, uint8_t *buf, size_t len) {
  spin_launch *l = opaque;
  l->caller.random(l->caller.opaque, buf, len);
}
static void host_net_out(void *opaque, const uint8_t *frame, size_t len) {
  spin_launch *l = opaque;
  spin_launch_net_from_guest(l->net, frame, len);
}

// /etc/hostname, /etc/hosts, /etc/resolv.conf in the container's copy (docker's files).
static int write_etc(spin_fs *tree, const char *hostname) {
  char *host_resolv = spin_read_file("/etc/resolv.conf", 64 << 10, NULL);  // NULL: none
  char *resolv = spin_resolv_conf_from_host(host_resolv);
  int rc = resolv ? spin_etc_files_write(tree, hostname, resolv) : -1;
  free(host_resolv);
  free(resolv);
  return rc;
}

static const char *kernel_path(void) {
  const char *path = getenv("SPIN_KERNEL");
  return path && path[0] ? path : SPIN_DEFAULT_KERNEL;
}

static int make_container(const spin_cli_args *args, spin_launch *l, const spin_container_host *host, failure *e) {
  if (spin_image_tree_container(l->parts.image_tree, &l->tree)) return fail(e, "%s", "out of memory");
  char name[13];
  const char *hostname = args->hostname;
  if (!hostname) {  // docker's default: the container's id
    unsigned char random[6] = {0};
    host->random(host->opaque, random, sizeof random);
    spin_container_name(random, name);
    hostname = name;
  }
  if (write_etc(l->tree, hostname)) return fail(e, "%s", "cannot write the container's /etc files");
  const run_settings *s = &l->settings;
  const spin_run_options options = {
    .command = (const char *const *)args->rest, .command_count = args->rest_count,
    .entrypoint = args->entrypoint, .env = s->env, .env_count = s->env_count,
    .workdir = args->workdir, .user = args->user, .hostname = hostname,
    .tty = args->tty, .interactive = args->interactive, .volumes = s->volumes,
    .volume_count = s->volume_count, .root_tree = true,
    .net_address = l->net ? SPIN_LAUNCH_NET_ADDRESS : NULL, .net_gateway = l->net ? SPIN_LAUNCH_NET_GATEWAY : NULL};
  char *err = NULL;
  if (spin_spec_build(l->parts.config_json, &options, &l->spec, &err)) {
    fail(e, "%s", err ? err : "out of memory");
    free(err);
    return SPIN_LAUNCH_FAILED;
  }
  l->have_spec = true;
  size_t kernel_size = 0;
  const char *kpath = kernel_path();
  uint8_t *kernel = kpath[0] ? (uint8_t *)spin_read_file(kpath, MAX_KERNEL, &kernel_size) : NULL;
  if (!kernel) {
    snprintf(e->text, e->size, "cannot read the guest kernel %s: %s (set SPIN_KERNEL)",
             kpath[0] ? kpath : "(none built in)", strerror(errno));
    return SPIN_LAUNCH_FAILED;
  }
  spin_container_config config = {.kernel = kernel, .kernel_size = kernel_size, .ram_size = s->ram,
                                  .spec = &l->spec, .root = l->tree, .volumes = s->volume_trees,
                                  .volume_count = s->volume_count};
  l->caller = *host;
  spin_container_host own = {.output = host->output ? host_output : NULL, .log = host->log ? host_log : NULL,
                             .now_ns = host->now_ns ? host_now_ns : NULL, .random = host->random ? host_random : NULL,
                             .net_out = l->net ? host_net_out : NULL, .opaque = l};
  l->container = spin_container_create(&config, &own, &err);
  free(kernel);
  if (l->net && l->container) spin_launch_net_bind(l->net, l->container);
  if (!l->container) {
    fail(e, "cannot start the machine: %s", err ? err : "out of memory");
    free(err);
    return SPIN_LAUNCH_FAILED;
  }
  return SPIN_LAUNCH_OK;
}

int spin_launch_create(const spin_cli_args *args, spin_store *store, const spin_container_host *host,
                       spin_launch **out, char *error, size_t error_size) {
  failure e = {error, error_size};
  *out = NULL;
  if (error_size) error[0] = '\0';
  spin_launch *l = calloc(1, sizeof *l);
  if (!l) return fail(&e, "%s", "out of memory");
  int rc = settle(args, &l->settings, &e);
  if (rc == 0 && spin_launch_net_create(args, &l->net, error, error_size)) rc = SPIN_LAUNCH_FAILED;
  if (rc == 0) rc = args->image_file ? load_from_archive(args, &l->parts, &e) : load_from_store(args, store, &l->parts, &e);
  if (rc == 0) rc = make_container(args, l, host, &e);
  if (rc) {
    spin_launch_destroy(l);
    return rc;
  }
  *out = l;
  return SPIN_LAUNCH_OK;
}

spin_container *spin_launch_container(spin_launch *launch) { return launch->container; }

double spin_launch_timeout(const spin_launch *launch) { return launch->settings.timeout; }

bool spin_launch_has_network(const spin_launch *launch) { return launch->net != NULL; }

bool spin_launch_poll(spin_launch *launch) { return launch->net && spin_launch_net_poll(launch->net); }

size_t spin_launch_watch_fds(spin_launch *launch, struct pollfd *fds, size_t max) {
  return launch->net ? spin_launch_net_fds(launch->net, fds, max) : 0;
}

void spin_launch_destroy(spin_launch *l) {
  if (!l) return;
  if (l->container) spin_container_destroy(l->container);
  spin_launch_net_destroy(l->net);
  if (l->have_spec) spin_spec_free(&l->spec);
  if (l->tree) l->tree->ops->destroy(l->tree);
  parts_free(&l->parts);
  settings_free(&l->settings);
  free(l);
}
