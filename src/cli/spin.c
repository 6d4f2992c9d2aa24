// The native `spin` command: image management over the runtime library (pull, images,
// rmi, inspect) and containers (run.c). Arguments are parsed by cli_args.c (shared with
// the Node CLI). This file is the host: it owns the loop that
// drives asynchronous work (spin_http_perform / spin_http_wait) and prints results.
// Exit status: 0 on success, 125 when spin itself fails (docker's convention).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "http/http.h"
#include "oci/pull.h"
#include "oci/reference.h"
#include "oci/registry.h"
#include "oci/store.h"

static int fail(const char *fmt, const char *detail) {
  fprintf(stderr, "spin: ");
  fprintf(stderr, fmt, detail);
  fputc('\n', stderr);
  return EXIT_SPIN_FAILED;
}

// The canonical stored name of what the user typed.
static bool image_name(const char *text, char *out, size_t size, char *error, size_t error_size) {
  spin_image_ref ref;
  if (!spin_image_ref_parse(text, &ref, error, error_size)) return false;
  return spin_image_ref_format(&ref, out, size);
}

// ---- pull --------------------------------------------------------------------------

typedef struct {
  bool done, ok, quiet;
  FILE *out;
  char message[1024];
  char name[700];
  char digest[80];
} pull_state;

static void on_blob_progress(void *context, const char *digest, int64_t done, int64_t total) {
  pull_state *state = context;
  if (!state->quiet && done == total)
    fprintf(state->out, "%.19s: complete (%lld bytes)\n", digest, (long long)total);
}

static void on_pull_done(void *context, bool ok, const char *error, const char *name, const char *digest) {
  pull_state *state = context;
  state->done = true;
  state->ok = ok;
  snprintf(state->message, sizeof state->message, "%s", error ? error : "");
  snprintf(state->name, sizeof state->name, "%s", name);
  snprintf(state->digest, sizeof state->digest, "%s", digest);
}

int spin_cli_pull(const spin_cli_args *args, spin_store *store, const char *image, FILE *out) {
  char error[1024];
  spin_image_ref ref;
  if (!spin_image_ref_parse(image, &ref, error, sizeof error)) return fail("%s", error);
  spin_platform platform;
  if (!spin_platform_parse(args->platform ? args->platform : "linux/riscv64", &platform, error, sizeof error))
    return fail("%s", error);
  spin_http *http = spin_http_new();
  if (!http) return fail("%s", "cannot start the HTTP client");
  spin_registry_options options = {.username = args->username, .password = args->password,
                                   .insecure_registries = args->insecure_registries,
                                   .insecure_count = args->insecure_count};
  spin_registry *registry = spin_registry_new(http, &options);
  pull_state state = {.quiet = args->quiet, .out = out};
  spin_pull_callbacks callbacks = {on_blob_progress, on_pull_done};
  if (!registry || !spin_pull_start(registry, store, &ref, &platform, &callbacks, &state, error, sizeof error)) {
    spin_registry_free(registry);
    spin_http_free(http);
    return fail("%s", registry ? error : "out of memory");
  }
  while (!state.done) {
    spin_http_perform(http);
    if (!state.done) spin_http_wait(http, 1000);
  }
  spin_registry_free(registry);
  spin_http_free(http);
  if (!state.ok) return fail("%s", state.message);
  if (args->quiet) fprintf(out, "%s\n", state.name);
  else fprintf(out, "Digest: %s\nPulled %s\n", state.digest, state.name);
  return 0;
}

// ---- images, rmi, inspect -------------------------------------------------------------

static int command_images(const spin_cli_args *args, spin_store *store) {
  spin_store_entry *entries;
  size_t count;
  char error[512];
  if (!spin_store_list(store, &entries, &count, error, sizeof error)) return fail("%s", error);
  if (!args->quiet) printf("%-60s %-19s %-16s %s\n", "IMAGE", "DIGEST", "PLATFORM", "SIZE");
  for (size_t i = 0; i < count; i++) {
    if (args->quiet) { printf("%s\n", entries[i].name); continue; }
    spin_image image;
    long long size = 0;
    char platform[100] = "?";
    if (spin_store_load_image(store, entries[i].name, &image, error, sizeof error)) {
      for (size_t k = 0; k < image.layer_count; k++) size += image.layers[k].descriptor.size;
      snprintf(platform, sizeof platform, "%s/%s%s%s", image.config.os, image.config.architecture,
               image.config.variant[0] ? "/" : "", image.config.variant);
      spin_image_free(&image);
    }
    printf("%-60s %.19s %-16s %lld\n", entries[i].name, entries[i].manifest.digest, platform, size);
  }
  spin_store_entries_free(entries, count);
  return 0;
}

static int command_rmi(const spin_cli_args *args, spin_store *store) {
  char error[512], name[700];
  int status = 0;
  for (size_t i = 0; i < args->image_count; i++) {
    if (!image_name(args->images[i], name, sizeof name, error, sizeof error) ||
        !spin_store_untag(store, name, error, sizeof error)) {
      status = fail("%s", error);
      continue;
    }
    printf("Untagged: %s\n", name);
  }
  size_t blobs;
  long long bytes;
  if (!spin_store_gc(store, &blobs, &bytes, error, sizeof error)) return fail("%s", error);
  if (blobs) printf("Deleted %zu blobs (%lld bytes)\n", blobs, bytes);
  return status;
}

static int command_inspect(const spin_cli_args *args, spin_store *store) {
  char error[512], name[700];
  spin_image image;
  if (!image_name(args->images[0], name, sizeof name, error, sizeof error) ||
      !spin_store_load_image(store, name, &image, error, sizeof error))
    return fail("%s", error);
  fwrite(image.config_json, 1, image.config_json_length, stdout);
  if (image.config_json_length == 0 || image.config_json[image.config_json_length - 1] != '\n') putchar('\n');
  spin_image_free(&image);
  return 0;
}

int main(int argc, char **argv) {
  spin_cli_args args;
  char error[512];
  if (!spin_cli_parse(argc, argv, &args, error, sizeof error)) return fail("%s", error);
  if (args.command == SPIN_CLI_HELP) {
    fputs(spin_cli_usage(), stdout);
    return 0;
  }

  char store_path[4096];
  if (args.store) snprintf(store_path, sizeof store_path, "%s", args.store);
  else if (!spin_store_default_path(store_path, sizeof store_path))
    return fail("%s", "cannot find a store folder: set SPIN_STORE or HOME");
  spin_store *store = spin_store_open(store_path, error, sizeof error);
  if (!store) return fail("%s", error);
  int status = EXIT_SPIN_FAILED;
  switch (args.command) {
    case SPIN_CLI_PULL: status = spin_cli_pull(&args, store, args.images[0], stdout); break;
    case SPIN_CLI_RUN: status = spin_cli_run(&args, store); break;
    case SPIN_CLI_IMAGES: status = command_images(&args, store); break;
    case SPIN_CLI_RMI: status = command_rmi(&args, store); break;
    case SPIN_CLI_INSPECT: status = command_inspect(&args, store); break;
    default: break;
  }
  spin_store_close(store);
  return status;
}
