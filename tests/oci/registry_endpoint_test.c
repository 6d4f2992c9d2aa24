// Which server a reference domain is fetched from: plain HTTP for loopback and the
// insecure list, HTTPS otherwise, docker.io only from configuration; with a registry proxy
// every domain under the proxy's URL (a mirror still wins for docker.io).
#include "oci/registry.h"

#include <stdlib.h>

#include "check.h"

static bool endpoint(spin_registry *registry, const char *domain, char *out, char *error) {
  return spin_registry_endpoint(registry, domain, out, 256, error, 256);
}

int main(void) {
  char out[256], error[256];
  const char *insecure[] = {"build.internal:5000"};
  unsetenv("SPIN_REGISTRY_MIRROR");
  spin_registry_options options = {.insecure_registries = insecure, .insecure_count = 1};
  spin_registry *registry = spin_registry_new(NULL, &options);
  CHECK(registry != NULL);
  CHECK(endpoint(registry, "127.0.0.1:5000", out, error));
  CHECK_STR(out, "http://127.0.0.1:5000");
  CHECK(endpoint(registry, "localhost", out, error));
  CHECK_STR(out, "http://localhost");
  CHECK(endpoint(registry, "[::1]:5000", out, error));
  CHECK_STR(out, "http://[::1]:5000");
  CHECK(endpoint(registry, "build.internal:5000", out, error));
  CHECK_STR(out, "http://build.internal:5000");
  CHECK(endpoint(registry, "build.internal", out, error));  // another port: not listed
  CHECK_STR(out, "https://build.internal");
  CHECK(endpoint(registry, "registry.example", out, error));
  CHECK_STR(out, "https://registry.example");
  CHECK(endpoint(registry, "localhost.example", out, error));
  CHECK_STR(out, "https://localhost.example");
  CHECK(!endpoint(registry, "docker.io", out, error));
  CHECK(strstr(error, "set SPIN_REGISTRY_MIRROR") != NULL);
  spin_registry_free(registry);

  setenv("SPIN_REGISTRY_MIRROR", "https://mirror.example:8443/prefix/", 1);
  registry = spin_registry_new(NULL, &options);
  CHECK(endpoint(registry, "docker.io", out, error));
  CHECK_STR(out, "https://mirror.example:8443/prefix");
  spin_registry_free(registry);
  options.mirror = "ftp://x";
  registry = spin_registry_new(NULL, &options);
  CHECK(!endpoint(registry, "docker.io", out, error));
  CHECK(strstr(error, "must be an http:// or https:// URL") != NULL);
  spin_registry_free(registry);

  // A registry proxy: every domain, loopback included, is a name under the proxy's URL.
  unsetenv("SPIN_REGISTRY_MIRROR");
  setenv("SPIN_REGISTRY_PROXY", "https://proxy.example/registries/", 1);
  options.mirror = NULL;
  registry = spin_registry_new(NULL, &options);
  CHECK(endpoint(registry, "docker.io", out, error));
  CHECK_STR(out, "https://proxy.example/registries/docker.io");
  CHECK(endpoint(registry, "127.0.0.1:5000", out, error));
  CHECK_STR(out, "https://proxy.example/registries/127.0.0.1:5000");
  CHECK(endpoint(registry, "registry.example", out, error));
  CHECK_STR(out, "https://proxy.example/registries/registry.example");
  spin_registry_free(registry);
  options.proxy = "http://127.0.0.1:5050";  // the option wins over the environment
  options.mirror = "http://mirror.example/hub";  // and a mirror over the proxy, for docker.io
  registry = spin_registry_new(NULL, &options);
  CHECK(endpoint(registry, "docker.io", out, error));
  CHECK_STR(out, "http://mirror.example/hub");
  CHECK(endpoint(registry, "build.internal:5000", out, error));
  CHECK_STR(out, "http://127.0.0.1:5050/build.internal:5000");
  spin_registry_free(registry);
  options.mirror = NULL;
  options.proxy = "127.0.0.1:5050";
  registry = spin_registry_new(NULL, &options);
  CHECK(!endpoint(registry, "registry.example", out, error));
  CHECK(strstr(error, "SPIN_REGISTRY_PROXY must be an http:// or https:// URL") != NULL);
  spin_registry_free(registry);
  options.proxy = "";  // empty: no proxy
  unsetenv("SPIN_REGISTRY_PROXY");
  registry = spin_registry_new(NULL, &options);
  CHECK(endpoint(registry, "registry.example", out, error));
  CHECK_STR(out, "https://registry.example");
  CHECK(spin_registry_endpoint(registry, "registry.example", out, 10, error, sizeof error) == false);
  CHECK(strstr(error, "too long") != NULL);
  spin_registry_free(registry);
  return check_summary();
}
