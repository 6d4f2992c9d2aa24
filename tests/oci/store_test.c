// The content store without a registry: layout files, blobs verified before they are
// stored, references in index.json, image loading for the file-tree side, untag, gc,
// and what a crash can leave behind (temp files, partials) not disturbing anything.
#include "oci/store.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "oci/files.h"
#include "oci/sha256.h"

static char root[64];

static void digest_of(const char *text, char *out) {
  char hex[SPIN_SHA256_HEX_SIZE];
  spin_sha256_hex(text, strlen(text), hex);
  snprintf(out, SPIN_REF_DIGEST_MAX + 1, "sha256:%s", hex);
}

static int count_blobs(void) {
  char path[256];
  snprintf(path, sizeof path, "%s/blobs/sha256", root);
  DIR *dir = opendir(path);
  int count = 0;
  struct dirent *entry;
  while (dir && (entry = readdir(dir)))
    if (entry->d_name[0] != '.') count++;
  if (dir) closedir(dir);
  return count;
}

// Stores config + layer + manifest and returns the manifest descriptor.
static spin_descriptor put_image(spin_store *store, const char *config, const char *layer) {
  char config_digest[80], layer_digest[80], error[256];
  digest_of(config, config_digest);
  digest_of(layer, layer_digest);
  CHECK(spin_store_put_blob(store, config_digest, config, strlen(config), error, sizeof error));
  CHECK(spin_store_put_blob(store, layer_digest, layer, strlen(layer), error, sizeof error));
  char manifest[1024];
  snprintf(manifest, sizeof manifest,
           "{\"schemaVersion\":2,\"mediaType\":\"" SPIN_MT_OCI_MANIFEST "\",\"config\":{\"mediaType\":"
           "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%s\",\"size\":%zu},\"layers\":[{"
           "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"%s\",\"size\":%zu}]}",
           config_digest, strlen(config), layer_digest, strlen(layer));
  spin_descriptor descriptor = {.media_type = SPIN_MT_OCI_MANIFEST, .size = (int64_t)strlen(manifest)};
  digest_of(manifest, descriptor.digest);
  CHECK(spin_store_put_blob(store, descriptor.digest, manifest, strlen(manifest), error, sizeof error));
  return descriptor;
}

int main(void) {
  snprintf(root, sizeof root, "/tmp/spin-store-test-%ld/store", (long)getpid());
  char error[512], path[512];
  spin_store *store = spin_store_open(root, error, sizeof error);
  CHECK(store != NULL);
  if (!store) return check_summary();
  snprintf(path, sizeof path, "%s/oci-layout", root);
  size_t length;
  char *text = spin_read_file(path, 4096, &length);
  CHECK(text && strcmp(text, "{\"imageLayoutVersion\":\"1.0.0\"}") == 0);
  free(text);

  // A blob whose content does not match its digest is refused and not written.
  char digest[80];
  digest_of("other", digest);
  CHECK(!spin_store_put_blob(store, digest, "content", 7, error, sizeof error));
  CHECK(strstr(error, "digest mismatch") != NULL);
  CHECK(count_blobs() == 0);
  CHECK(!spin_store_put_blob(store, "sha256:../../etc/passwd", "x", 1, error, sizeof error));

  const char *config = "{\"architecture\":\"riscv64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/bin/sh\",\"-c\"],"
                       "\"Cmd\":[\"echo hi\"],\"Env\":[\"PATH=/bin\",\"A=b\"],\"WorkingDir\":\"/w\",\"User\":\"1:2\"}}";
  spin_descriptor a = put_image(store, config, "layer-a");
  spin_platform platform = {"linux", "riscv64", ""};
  CHECK(spin_store_tag(store, "example.com/a:1", &a, &platform, error, sizeof error));
  CHECK(spin_store_tag(store, "example.com/a:1", &a, &platform, error, sizeof error));  // replaces
  spin_descriptor b = put_image(store, "{\"os\":\"linux\",\"architecture\":\"amd64\"}", "layer-a");
  CHECK(spin_store_tag(store, "example.com/b:1", &b, NULL, error, sizeof error));

  spin_store_entry *entries;
  size_t count;
  CHECK(spin_store_list(store, &entries, &count, error, sizeof error) && count == 2);
  if (count == 2) {
    CHECK_STR(entries[0].name, "example.com/a:1");
    CHECK_STR(entries[1].manifest.digest, b.digest);
  }
  spin_store_entries_free(entries, count);

  // Tagging a manifest whose blobs are missing is refused: the index never names
  // incomplete images.
  spin_descriptor missing = {.media_type = SPIN_MT_OCI_MANIFEST, .size = 3};
  digest_of("nope", missing.digest);
  CHECK(!spin_store_tag(store, "example.com/c:1", &missing, NULL, error, sizeof error));

  spin_image image;
  CHECK(spin_store_load_image(store, "example.com/a:1", &image, error, sizeof error));
  CHECK(image.layer_count == 1);
  CHECK(image.config.entrypoint_count == 2 && strcmp(image.config.entrypoint[1], "-c") == 0);
  CHECK(image.config.cmd_count == 1 && strcmp(image.config.cmd[0], "echo hi") == 0);
  CHECK(image.config.env_count == 2 && image.config.env[2] == NULL);
  CHECK_STR(image.config.working_dir, "/w");
  CHECK_STR(image.config.user, "1:2");
  CHECK_STR(image.config.architecture, "riscv64");
  if (image.layer_count == 1) {
    text = spin_read_file(image.layers[0].path, 100, &length);
    CHECK(text && strcmp(text, "layer-a") == 0);
    free(text);
    CHECK_STR(image.layers[0].descriptor.media_type, "application/vnd.oci.image.layer.v1.tar");
  }
  spin_image_free(&image);
  CHECK(!spin_store_load_image(store, "example.com/zzz:1", &image, error, sizeof error));
  CHECK(strstr(error, "no such image: example.com/zzz:1") != NULL);

  // Leftovers of a crash: a temp file next to blobs and a partial download.
  char stray[600];
  snprintf(stray, sizeof stray, "%s/blobs/sha256/%s.tmp-999", root, a.digest + 7);
  FILE *f = fopen(stray, "w");
  fputs("half", f);
  fclose(f);
  CHECK(spin_store_partial_path(store, digest, path, sizeof path));
  f = fopen(path, "w");
  fputs("partial", f);
  fclose(f);

  // gc keeps what references reach (5 blobs: 2 configs, 1 shared layer, 2 manifests).
  size_t removed;
  long long bytes;
  CHECK(spin_store_gc(store, &removed, &bytes, error, sizeof error));
  CHECK(removed == 1);  // the stray temp file
  CHECK(count_blobs() == 5);
  CHECK(access(path, F_OK) == 0);  // partials stay for resuming

  CHECK(spin_store_untag(store, "example.com/a:1", error, sizeof error));
  CHECK(!spin_store_untag(store, "example.com/a:1", error, sizeof error));
  CHECK(strstr(error, "no such image") != NULL);
  CHECK(spin_store_gc(store, &removed, &bytes, error, sizeof error));
  CHECK(removed == 2 && count_blobs() == 3);  // a's config and manifest; the layer is b's too
  CHECK(spin_store_untag(store, "example.com/b:1", error, sizeof error));
  CHECK(spin_store_gc(store, &removed, &bytes, error, sizeof error));
  CHECK(count_blobs() == 0);

  // A damaged index.json is reported, not trusted.
  snprintf(path, sizeof path, "%s/index.json", root);
  CHECK(spin_write_file_atomic(path, "{\"manifests\":5}", 15));
  CHECK(!spin_store_list(store, &entries, &count, error, sizeof error));
  CHECK(strstr(error, "is not an OCI image index") != NULL);
  CHECK(!spin_store_tag(store, "x", &b, NULL, error, sizeof error));
  spin_store_close(store);

  char command[256];
  snprintf(command, sizeof command, "rm -rf /tmp/spin-store-test-%ld", (long)getpid());
  CHECK(system(command) == 0);
  return check_summary();
}
