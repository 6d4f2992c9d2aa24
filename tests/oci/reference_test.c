// Image reference parsing: docker's normalisation, and a clear sentence for each kind
// of bad input (including hostile bytes and lengths).
#include "oci/reference.h"

#include <stdio.h>
#include <string.h>

static int failures, checks;
static const char digest[] = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void expect_ok(const char *text, const char *domain, const char *path, const char *tag,
                      const char *want_digest) {
  checks++;
  spin_image_ref ref;
  char error[256];
  if (!spin_image_ref_parse(text, &ref, error, sizeof error)) {
    failures++;
    printf("FAIL %s: unexpected error: %s\n", text, error);
    return;
  }
  if (strcmp(ref.domain, domain) || strcmp(ref.path, path) || strcmp(ref.tag, tag) ||
      strcmp(ref.digest, want_digest)) {
    failures++;
    printf("FAIL %s: got %s | %s | %s | %s\n", text, ref.domain, ref.path, ref.tag, ref.digest);
  }
}

static void expect_canonical(const char *text, const char *canonical) {
  checks++;
  spin_image_ref ref;
  char error[256], out[600];
  if (!spin_image_ref_parse(text, &ref, error, sizeof error) ||
      !spin_image_ref_format(&ref, out, sizeof out) || strcmp(out, canonical) != 0) {
    failures++;
    printf("FAIL canonical %s\n", text);
  }
}

static void expect_error(const char *text, const char *reason) {
  checks++;
  spin_image_ref ref;
  char error[256];
  if (spin_image_ref_parse(text, &ref, error, sizeof error)) {
    failures++;
    printf("FAIL %s: accepted as %s/%s:%s\n", text, ref.domain, ref.path, ref.tag);
    return;
  }
  if (!strstr(error, reason) || strncmp(error, "invalid image reference \"", 25) != 0) {
    failures++;
    printf("FAIL %s: error \"%s\" lacks \"%s\"\n", text, error, reason);
  }
}

int main(void) {
  expect_ok("busybox", "docker.io", "library/busybox", "latest", "");
  expect_ok("library/busybox:1.36", "docker.io", "library/busybox", "1.36", "");
  expect_ok("docker.io/busybox", "docker.io", "library/busybox", "latest", "");
  expect_ok("user/app", "docker.io", "user/app", "latest", "");
  expect_ok("registry.example/o/r@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "registry.example", "o/r", "", digest);
  expect_ok("127.0.0.1:5000/x/y:tag", "127.0.0.1:5000", "x/y", "tag", "");
  expect_ok("localhost:5000/x", "localhost:5000", "x", "latest", "");
  expect_ok("localhost/x", "localhost", "x", "latest", "");
  expect_ok("[::1]:5000/x:1", "[::1]:5000", "x", "1", "");
  expect_ok("Registry/x", "Registry", "x", "latest", "");  // upper case marks a domain
  expect_ok("images.example/a/b/c/d:v1.2-rc_3", "images.example", "a/b/c/d", "v1.2-rc_3", "");
  expect_ok("busybox:1.36@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "docker.io", "library/busybox", "1.36", digest);
  expect_ok("a__b/c---d/e.f", "docker.io", "a__b/c---d/e.f", "latest", "");
  expect_ok("x:_T", "docker.io", "library/x", "_T", "");
  expect_canonical("busybox", "docker.io/library/busybox:latest");
  expect_canonical("localhost:5000/x@" "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                   "localhost:5000/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

  expect_error("", "empty");
  expect_error("Busybox", "must be lowercase");
  expect_error("busybox:", "tag after ':' is empty");
  expect_error("busybox:-x", "tag must start");
  expect_error("busybox:a/b", "invalid registry port");  // "busybox:a" is a domain with a bad port
  expect_error("busybox:a$b", "tag may contain only");
  expect_error("busybox@sha256:abc", "64 lowercase hex");
  expect_error("busybox@md5:0123456789abcdef0123456789abcdef", "only sha256");
  expect_error("busybox@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "64 lowercase hex");
  expect_error("a//b", "empty path component");
  expect_error("/busybox", "empty");
  expect_error("busybox/", "empty path component");
  expect_error("a..b", "not allowed");
  expect_error("a___b", "not allowed");
  expect_error("-a", "start and end");
  expect_error("a-", "start and end");
  expect_error("has space", "space or a control");
  expect_error("tab\there", "space or a control");
  expect_error("caf\xc3\xa9", "non-ASCII");
  expect_error("127.0.0.1:99999/x", "invalid registry port");
  expect_error("127.0.0.1:/x", "invalid registry port");
  expect_error("host:5x/x", "invalid registry port");
  expect_error("-bad.host/x", "invalid registry host");
  expect_error("a..b.com/x", "invalid registry host");
  expect_error("[::1/x", "unterminated IPv6");
  expect_error("[zz]:5/x", "invalid IPv6");
  expect_error("example.com/", "repository path is empty");
  expect_error("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image ID");
  expect_error("x@", "only sha256");
  expect_error("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "repository name is empty");

  char long_name[700];
  memset(long_name, 'a', sizeof long_name - 1);
  long_name[sizeof long_name - 1] = '\0';
  expect_error(long_name, "too long");
  memset(long_name, 'a', 300);
  long_name[300] = '\0';
  expect_error(long_name, "longer than 255");
  char long_tag[200] = "x:";
  memset(long_tag + 2, 't', 129);
  long_tag[131] = '\0';
  expect_error(long_tag, "longer than 128");

  // Every single-byte input: never crashes, always a verdict.
  for (int c = 1; c < 256; c++) {
    char one[2] = {(char)c, 0};
    spin_image_ref ref;
    char error[256];
    (void)spin_image_ref_parse(one, &ref, error, sizeof error);
  }
  // Random strings over the grammar's alphabet: never a crash, and whatever is accepted
  // normalises to a canonical text that parses back to the same reference.
  static const char alphabet[] = "abcAB01:/@._-[]sha256:0123456789abcdef";
  unsigned seed = 12345;
  for (int round = 0; round < 200000; round++) {
    char text[48];
    size_t length = 1 + (seed >> 16) % 40;
    for (size_t i = 0; i < length; i++) {
      seed = seed * 1103515245u + 12345u;
      text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    text[length] = '\0';
    spin_image_ref ref, again;
    char error[256], canonical[600];
    if (!spin_image_ref_parse(text, &ref, error, sizeof error)) continue;
    checks++;
    if (!spin_image_ref_format(&ref, canonical, sizeof canonical) ||
        !spin_image_ref_parse(canonical, &again, error, sizeof error) ||
        memcmp(&ref, &again, sizeof ref) != 0) {
      failures++;
      printf("FAIL round trip of %s via %s\n", text, canonical);
    }
  }
  // A tiny error buffer is truncated, not overrun.
  {
    spin_image_ref ref;
    char small[8];
    checks++;
    if (spin_image_ref_parse("BAD", &ref, small, sizeof small) || strlen(small) != 7) {
      failures++;
      printf("FAIL small error buffer\n");
    }
  }
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures ? 1 : 0;
}
