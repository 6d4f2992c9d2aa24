// WWW-Authenticate parsing, Basic credentials, docker config.json lookup, base64.
#include "oci/registry_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "oci/base64.h"

static void write_config(const char *dir, const char *json) {
  char path[512];
  snprintf(path, sizeof path, "%s/config.json", dir);
  FILE *f = fopen(path, "w");
  fputs(json, f);
  fclose(f);
}

int main(void) {
  spin_auth_challenge c;
  CHECK(spin_auth_challenge_parse(
      "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"", &c));
  CHECK(c.scheme == SPIN_CHALLENGE_BEARER);
  CHECK_STR(c.realm, "https://auth.example/token");
  CHECK_STR(c.service, "registry.example");
  CHECK_STR(c.scope, "repository:a/b:pull");
  CHECK(spin_auth_challenge_parse("bearer  Realm=\"http://x/t\" , SERVICE=svc", &c));
  CHECK(c.scheme == SPIN_CHALLENGE_BEARER);
  CHECK_STR(c.realm, "http://x/t");
  CHECK_STR(c.service, "svc");
  CHECK_STR(c.scope, "");
  CHECK(spin_auth_challenge_parse("Basic realm=\"Registry Realm\"", &c) && c.scheme == SPIN_CHALLENGE_BASIC);
  CHECK_STR(c.realm, "Registry Realm");
  CHECK(spin_auth_challenge_parse("Negotiate abc", &c) && c.scheme == SPIN_CHALLENGE_NONE);
  CHECK(spin_auth_challenge_parse("Bearer realm=\"a\\\"b\"", &c));
  CHECK_STR(c.realm, "a\"b");
  CHECK(!spin_auth_challenge_parse("Bearer realm=\"unterminated", &c));
  CHECK(spin_auth_challenge_parse("Bearer token68value", &c) && c.realm[0] == '\0');
  char huge[3000] = "Bearer realm=\"";
  memset(huge + 14, 'x', 2000);
  strcpy(huge + 2014, "\"");
  CHECK(!spin_auth_challenge_parse(huge, &c));

  char encoded[64], decoded[64];
  size_t length;
  CHECK(spin_base64_encode("alice:s3cret", 12, encoded, sizeof encoded));
  CHECK_STR(encoded, "YWxpY2U6czNjcmV0");
  CHECK(spin_base64_encode("ab", 2, encoded, sizeof encoded));
  CHECK_STR(encoded, "YWI=");
  CHECK(spin_base64_decode("YWI=", decoded, sizeof decoded, &length) && length == 2);
  CHECK_STR(decoded, "ab");
  CHECK(!spin_base64_decode("Y W", decoded, sizeof decoded, &length));
  CHECK(!spin_base64_decode("YWxpY2U6czNjcmV0", decoded, 4, &length));
  CHECK(!spin_base64_encode("abcdef", 6, encoded, 8));

  spin_credentials credentials = {"alice", "s3cret"};
  char header[256];
  CHECK(spin_basic_authorization(&credentials, header, sizeof header));
  CHECK_STR(header, "Basic YWxpY2U6czNjcmV0");

  char dir[] = "/tmp/spin-auth-test-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  write_config(dir, "{\"auths\":{"
                    "\"https://registry.example:5000/v1/\":{\"auth\":\"YWxpY2U6czNjcmV0\"},"
                    "\"plain.example\":{\"username\":\"bob\",\"password\":\"pw\"},"
                    "\"bad.example\":{\"auth\":\"!!!\"},"
                    "\"https://made-up.docker.io/v1/\":{\"auth\":\"ZDpw\"}}}");
  CHECK(spin_credentials_from_docker_config(dir, "registry.example:5000", &credentials));
  CHECK_STR(credentials.username, "alice");
  CHECK_STR(credentials.password, "s3cret");
  CHECK(spin_credentials_from_docker_config(dir, "plain.example", &credentials));
  CHECK_STR(credentials.username, "bob");
  CHECK(!spin_credentials_from_docker_config(dir, "registry.example", &credentials));
  CHECK(!spin_credentials_from_docker_config(dir, "bad.example", &credentials));
  CHECK(spin_credentials_from_docker_config(dir, "docker.io", &credentials));  // subdomain key
  CHECK_STR(credentials.username, "d");
  write_config(dir, "not json");
  CHECK(!spin_credentials_from_docker_config(dir, "plain.example", &credentials));
  char path[512];
  snprintf(path, sizeof path, "%s/config.json", dir);
  unlink(path);
  CHECK(!spin_credentials_from_docker_config(dir, "plain.example", &credentials));
  rmdir(dir);
  return check_summary();
}
