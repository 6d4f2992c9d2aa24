// Two pulls running at the same time through one registry client (registry-test.sh
// "shared-download" checks in the proxy's log that a blob both need was fetched once).
// Usage: concurrent_pull IMAGE1 IMAGE2 STORE_DIR
#include <stdio.h>

#include "http/http.h"
#include "oci/pull.h"

typedef struct {
  bool done, ok;
} outcome;

static void on_done(void *context, bool ok, const char *error, const char *name, const char *digest) {
  outcome *o = context;
  o->done = true;
  o->ok = ok;
  printf("%s: %s %s\n", name, ok ? "pulled" : "failed:", ok ? digest : error);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: concurrent_pull IMAGE1 IMAGE2 STORE_DIR\n");
    return 2;
  }
  char error[512];
  spin_store *store = spin_store_open(argv[3], error, sizeof error);
  spin_http *http = spin_http_new();
  spin_registry_options options = {0};
  spin_registry *registry = http ? spin_registry_new(http, &options) : NULL;
  if (!store || !registry) {
    fprintf(stderr, "setup failed: %s\n", store ? "no HTTP client" : error);
    return 1;
  }
  outcome outcomes[2] = {{0}};
  spin_pull_callbacks callbacks = {NULL, on_done};
  for (int i = 0; i < 2; i++) {
    spin_image_ref ref;
    if (!spin_image_ref_parse(argv[1 + i], &ref, error, sizeof error) ||
        !spin_pull_start(registry, store, &ref, NULL, &callbacks, &outcomes[i], error, sizeof error)) {
      fprintf(stderr, "%s\n", error);
      return 1;
    }
  }
  while (!outcomes[0].done || !outcomes[1].done) {
    spin_http_perform(http);
    spin_http_wait(http, 100);
  }
  spin_registry_free(registry);
  spin_http_free(http);
  spin_store_close(store);
  return outcomes[0].ok && outcomes[1].ok ? 0 : 1;
}
