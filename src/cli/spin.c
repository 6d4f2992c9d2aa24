// The `spin` command: image management over the runtime library (pull, images, rmi,
// inspect) and containers (run.c; in wasm from images already in the store). Arguments are parsed by
// cli_args.c. This file is the host: it drives asynchronous work and prints results.
// Natively a blocking loop (spin_http_perform / spin_http_wait); in wasm under Node the
// JS event loop calls back into spin_wasm_pump (its launcher: spin-wasm.in).
// Exit status: 0 on success, 125 when spin itself fails (docker's convention).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/pull_job.h"
#include "oci/reference.h"
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
  spin_pull_job *job;
  bool quiet;
  FILE *out;
} pull_printer;

static void print_progress(void *context, const char *digest, int64_t done, int64_t total) {
  pull_printer *p = context;
  if (!p->quiet && done == total)
    fprintf(p->out, "%.19s: complete (%lld bytes)\n", digest, (long long)total);
}

// Starts pulling `image` (false, the message printed, if it cannot start); the host then
// calls spin_pull_job_step until it returns true, and pull_end for the exit status.
static bool pull_begin(const spin_cli_args *args, spin_store *store, const char *image, FILE *out,
                       pull_printer *p) {
  char error[1024];
  *p = (pull_printer){.quiet = args->quiet, .out = out};
  p->job = spin_pull_job_begin(args, store, image, print_progress, p, error, sizeof error);
  if (!p->job) fail("%s", error);
  return p->job != NULL;
}

// Reports the finished pull and frees the job: 0 or 125.
static int pull_end(pull_printer *p) {
  int status = 0;
  if (!spin_pull_job_ok(p->job)) status = fail("%s", spin_pull_job_error(p->job));
  else if (p->quiet) fprintf(p->out, "%s\n", spin_pull_job_name(p->job));
  else fprintf(p->out, "Digest: %s\nPulled %s\n", spin_pull_job_digest(p->job), spin_pull_job_name(p->job));
  spin_pull_job_free(p->job);
  p->job = NULL;
  return status;
}

int spin_cli_pull(const spin_cli_args *args, spin_store *store, const char *image, FILE *out) {
  pull_printer p;
  if (!pull_begin(args, store, image, out, &p)) return EXIT_SPIN_FAILED;
  while (!spin_pull_job_step(p.job)) spin_pull_job_wait(p.job, 1000);
  return pull_end(&p);
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

#ifdef __EMSCRIPTEN__
// In wasm nothing may block, so a pull runs from Node's event loop: main starts it and
// returns to the loop with the runtime alive; spin_wasm_pump (below) is called whenever
// the fetch shim queues an event (Module.spinHttpWake) and, as a fallback, every second,
// and exits with the pull's status once it has finished.
static struct {
  pull_printer printer;
  spin_store *store;
} wasm_pull;

EMSCRIPTEN_KEEPALIVE void spin_wasm_pump(void) {
  if (!wasm_pull.printer.job || !spin_pull_job_step(wasm_pull.printer.job)) return;
  int status = pull_end(&wasm_pull.printer);
  spin_store_close(wasm_pull.store);
  fflush(stdout);
  fflush(stderr);
  emscripten_force_exit(status);
}

EM_JS(void, js_drive_from_event_loop, (void), {
  var scheduled = false;
  function tick() {
    scheduled = false;
    _spin_wasm_pump();
  }
  Module.spinHttpWake = function() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(tick);
  };
  setInterval(Module.spinHttpWake, 1000);
  Module.spinHttpWake();  /* a pull that finished while starting ends at once */
});

static int start_pull_in_event_loop(const spin_cli_args *args, spin_store *store) {
  if (!pull_begin(args, store, args->images[0], stdout, &wasm_pull.printer)) return EXIT_SPIN_FAILED;
  wasm_pull.store = store;
  js_drive_from_event_loop();
  emscripten_exit_with_live_runtime();
}
#endif

int main(int argc, char **argv) {
  spin_cli_args args;
  char error[512];
  if (!spin_cli_parse(argc, argv, &args, error, sizeof error)) return fail("%s", error);
  if (args.command == SPIN_CLI_VERSION) {
    printf("spin %s\n", SPIN_VERSION);
    return 0;
  }
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
#ifdef __EMSCRIPTEN__
    case SPIN_CLI_PULL: status = start_pull_in_event_loop(&args, store); break;
#else
    case SPIN_CLI_PULL: status = spin_cli_pull(&args, store, args.images[0], stdout); break;
#endif
    case SPIN_CLI_RUN: status = spin_cli_run(&args, store); break;
    case SPIN_CLI_IMAGES: status = command_images(&args, store); break;
    case SPIN_CLI_RMI: status = command_rmi(&args, store); break;
    case SPIN_CLI_INSPECT: status = command_inspect(&args, store); break;
    default: break;
  }
  spin_store_close(store);
  return status;
}
