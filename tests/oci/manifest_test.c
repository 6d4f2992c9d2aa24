// Manifest and index parsing (OCI and Docker media types), platform selection, the
// Docker-to-OCI conversion, and refusal of hostile documents with a sentence.
#include "oci/manifest.h"

#include <stdlib.h>

#include "check.h"

#define D1 "sha256:1111111111111111111111111111111111111111111111111111111111111111"
#define D2 "sha256:2222222222222222222222222222222222222222222222222222222222222222"
#define D3 "sha256:3333333333333333333333333333333333333333333333333333333333333333"

static bool parse(const char *json, const char *content_type, spin_manifest *out, char *error) {
  return spin_manifest_parse(json, strlen(json), content_type, out, error, 256);
}

static void expect_refused(const char *json, const char *reason) {
  spin_manifest m;
  char error[256] = "";
  bool ok = parse(json, NULL, &m, error);
  CHECK(!ok);
  if (ok) spin_manifest_free(&m);
  else if (!strstr(error, reason)) printf("  error was: %s (want %s)\n", error, reason);
  CHECK(ok || strstr(error, reason) != NULL);
}

int main(void) {
  spin_manifest m;
  char error[256];

  CHECK(parse("{\"schemaVersion\":2,\"mediaType\":\"" SPIN_MT_OCI_MANIFEST "\","
              "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" D1 "\",\"size\":10},"
              "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" D2 "\",\"size\":20},"
              "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" D3 "\",\"size\":0}]}",
              NULL, &m, error));
  CHECK(m.kind == SPIN_MANIFEST_IMAGE);
  CHECK(m.layer_count == 2);
  CHECK_STR(m.layers[0].digest, D2);
  CHECK(m.layers[0].size == 20);
  CHECK_STR(m.config.digest, D1);
  spin_manifest_free(&m);

  // Docker schema2 without mediaType in the body: the Content-Type decides.
  const char *docker = "{\"schemaVersion\":2,"
      "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" D1 "\",\"size\":10},"
      "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" D2 "\",\"size\":20}]}";
  CHECK(parse(docker, SPIN_MT_DOCKER_MANIFEST "; charset=utf-8", &m, error));
  CHECK_STR(m.media_type, SPIN_MT_DOCKER_MANIFEST);
  size_t length;
  char *oci = spin_manifest_to_oci_json(&m, &length);
  CHECK(oci && strstr(oci, "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\""));
  CHECK(oci && strstr(oci, "\"mediaType\":\"application/vnd.oci.image.config.v1+json\""));
  spin_manifest converted;
  CHECK(oci && parse(oci, NULL, &converted, error) && converted.layer_count == 1 &&
        strcmp(converted.layers[0].digest, D2) == 0 && strcmp(converted.media_type, SPIN_MT_OCI_MANIFEST) == 0);
  spin_manifest_free(&converted);
  free(oci);
  spin_manifest_free(&m);

  // An index: selection by os/architecture/variant.
  const char *index = "{\"schemaVersion\":2,\"mediaType\":\"" SPIN_MT_DOCKER_LIST "\",\"manifests\":["
      "{\"mediaType\":\"" SPIN_MT_DOCKER_MANIFEST "\",\"digest\":\"" D1 "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
      "{\"mediaType\":\"" SPIN_MT_DOCKER_MANIFEST "\",\"digest\":\"" D2 "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}},"
      "{\"mediaType\":\"" SPIN_MT_DOCKER_MANIFEST "\",\"digest\":\"" D3 "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"riscv64\"}},"
      "{\"mediaType\":\"" SPIN_MT_OCI_MANIFEST "\",\"digest\":\"" D1 "\",\"size\":1}]}";
  CHECK(parse(index, NULL, &m, error));
  CHECK(m.kind == SPIN_MANIFEST_INDEX && m.entry_count == 4);
  spin_platform p;
  CHECK(spin_platform_parse("linux/riscv64", &p, error, sizeof error));
  CHECK(spin_manifest_select(&m, &p) && strcmp(spin_manifest_select(&m, &p)->descriptor.digest, D3) == 0);
  CHECK(spin_platform_parse("linux/arm", &p, error, sizeof error));
  CHECK(spin_manifest_select(&m, &p) && strcmp(spin_manifest_select(&m, &p)->descriptor.digest, D2) == 0);
  CHECK(spin_platform_parse("linux/arm/v6", &p, error, sizeof error));
  CHECK(spin_manifest_select(&m, &p) == NULL);
  CHECK(spin_platform_parse("windows/amd64", &p, error, sizeof error));
  CHECK(spin_manifest_select(&m, &p) == NULL);
  spin_manifest_free(&m);

  // Platform strings.
  char text[100];
  CHECK(spin_platform_parse("linux/arm64/v8", &p, error, sizeof error));
  spin_platform_format(&p, text, sizeof text);
  CHECK_STR(text, "linux/arm64/v8");
  CHECK(!spin_platform_parse("linux", &p, error, sizeof error));
  CHECK(strstr(error, "invalid platform \"linux\"") != NULL);
  CHECK(!spin_platform_parse("linux/", &p, error, sizeof error));
  CHECK(!spin_platform_parse("linux/riscv64/", &p, error, sizeof error));
  CHECK(!spin_platform_parse("/riscv64", &p, error, sizeof error));
  CHECK(!spin_platform_parse("a/b/c/d", &p, error, sizeof error));
  CHECK(!spin_platform_parse("Linux/AMD64", &p, error, sizeof error));
  CHECK(!spin_platform_parse("", &p, error, sizeof error));
  CHECK(!spin_platform_parse("linux/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &p, error, sizeof error));

  // Hostile documents.
  expect_refused("", "not a JSON object");
  expect_refused("[]", "not a JSON object");
  expect_refused("{\"schemaVersion\":1,\"fsLayers\":[]}", "schema1");
  expect_refused("{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}", "unsupported media type text/plain");
  expect_refused("{\"schemaVersion\":2}", "neither an image manifest nor an index");
  expect_refused("{\"schemaVersion\":2,\"layers\":[]}", "config");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1},\"layers\":[1]}", "layer is not an object");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1},\"layers\":[]}", "no valid sha256 digest");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":-1},\"layers\":[]}", "no valid size");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1e300},\"layers\":[]}", "no valid size");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1.5},\"layers\":[]}", "no valid size");
  expect_refused("{\"schemaVersion\":2,\"config\":{\"mediaType\":7,\"digest\":\"" D1 "\",\"size\":1},\"layers\":[]}", "mediaType");
  expect_refused("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1,\"platform\":{\"os\":5}}]}", "invalid platform");
  expect_refused("{\"schemaVersion\":2,\"mediaType\":\"" SPIN_MT_OCI_INDEX "\",\"manifests\":{}}", "no manifests list");

  // Too many layers.
  size_t big_size = 100 + 2000 * 140;
  char *big = malloc(big_size);
  size_t used = (size_t)snprintf(big, big_size, "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1},\"layers\":[");
  for (int i = 0; i < 1100; i++)
    used += (size_t)snprintf(big + used, big_size - used, "%s{\"mediaType\":\"x\",\"digest\":\"" D1 "\",\"size\":1}", i ? "," : "");
  snprintf(big + used, big_size - used, "]}");
  expect_refused(big, "too many layers");
  free(big);

  // Truncations of a valid manifest never crash and never pass.
  const char *valid = docker;
  for (size_t cut = 0; cut < strlen(valid); cut++) {
    spin_manifest t;
    char e[256];
    if (spin_manifest_parse(valid, cut, SPIN_MT_DOCKER_MANIFEST, &t, e, sizeof e)) {
      CHECK(!"a truncated manifest parsed");
      spin_manifest_free(&t);
    }
  }
  // Random byte changes to a valid index: never a crash (the sanitizers watch), and an
  // accepted document has only valid digests.
  unsigned seed = 777;
  size_t index_length = strlen(index);
  char *mutated = malloc(index_length + 1);
  for (int round = 0; round < 20000; round++) {
    memcpy(mutated, index, index_length + 1);
    for (int k = 0; k < 3; k++) {
      seed = seed * 1103515245u + 12345u;
      mutated[(seed >> 8) % index_length] = (char)(seed >> 24);
    }
    spin_manifest t;
    char e[256];
    if (!spin_manifest_parse(mutated, index_length, NULL, &t, e, sizeof e)) continue;
    for (size_t i = 0; i < t.entry_count; i++) CHECK(spin_digest_is_valid(t.entries[i].descriptor.digest));
    spin_manifest_free(&t);
  }
  free(mutated);
  return check_summary();
}
