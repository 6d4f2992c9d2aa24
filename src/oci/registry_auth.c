#include "registry_auth.h"

#include <cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base64.h"
#include "files.h"
#include "reference.h"

// RFC 7235 auth-params: name=token or name="quoted string" separated by commas.
bool spin_auth_challenge_parse(const char *header, spin_auth_challenge *out) {
  memset(out, 0, sizeof *out);
  const char *p = header;
  while (*p == ' ') p++;
  if (strncasecmp(p, "Bearer", 6) == 0 && (p[6] == ' ' || p[6] == '\0')) out->scheme = SPIN_CHALLENGE_BEARER;
  else if (strncasecmp(p, "Basic", 5) == 0 && (p[5] == ' ' || p[5] == '\0')) out->scheme = SPIN_CHALLENGE_BASIC;
  else return true;
  p += out->scheme == SPIN_CHALLENGE_BEARER ? 6 : 5;
  while (*p) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    const char *name = p;
    while (*p && *p != '=' && *p != ' ' && *p != ',') p++;
    size_t name_length = (size_t)(p - name);
    if (*p != '=') continue;  // a token68 or stray word: skip it
    p++;
    char value[1024];
    size_t length = 0;
    if (*p == '"') {
      for (p++; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1]) p++;
        if (length + 1 >= sizeof value) return false;
        value[length++] = *p;
      }
      if (*p != '"') return false;
      p++;
    } else {
      for (; *p && *p != ',' && *p != ' '; p++) {
        if (length + 1 >= sizeof value) return false;
        value[length++] = *p;
      }
    }
    value[length] = '\0';
    char *field = NULL;
    size_t field_size = 0;
    if (name_length == 5 && strncasecmp(name, "realm", 5) == 0) { field = out->realm; field_size = sizeof out->realm; }
    else if (name_length == 7 && strncasecmp(name, "service", 7) == 0) { field = out->service; field_size = sizeof out->service; }
    else if (name_length == 5 && strncasecmp(name, "scope", 5) == 0) { field = out->scope; field_size = sizeof out->scope; }
    if (field) {
      if (length >= field_size) return false;
      memcpy(field, value, length + 1);
    }
  }
  return true;
}

// The host[:port] of a config.json key: "https://host:port/v1/" -> "host:port".
static void key_host(const char *key, char *out, size_t size) {
  const char *start = strstr(key, "://");
  start = start ? start + 3 : key;
  size_t length = strcspn(start, "/");
  if (length >= size) length = size - 1;
  memcpy(out, start, length);
  out[length] = '\0';
}

static bool key_matches(const char *key, const char *domain) {
  char host[512];
  key_host(key, host, sizeof host);
  if (strcmp(host, domain) == 0) return true;
  if (strcmp(domain, SPIN_REF_DEFAULT_DOMAIN) != 0) return false;
  size_t host_length = strlen(host), domain_length = strlen(domain);
  return host_length > domain_length + 1 && host[host_length - domain_length - 1] == '.' &&
         strcmp(host + host_length - domain_length, domain) == 0;
}

bool spin_credentials_from_docker_config(const char *config_dir, const char *domain,
                                         spin_credentials *out) {
  memset(out, 0, sizeof *out);
  char path[PATH_MAX];
  if (!config_dir || !config_dir[0]) config_dir = getenv("DOCKER_CONFIG");
  if (config_dir && config_dir[0]) snprintf(path, sizeof path, "%s/config.json", config_dir);
  else {
    const char *home = getenv("HOME");
    if (!home) return false;
    snprintf(path, sizeof path, "%s/.docker/config.json", home);
  }
  size_t length;
  char *text = spin_read_file(path, 1u << 20, &length);
  if (!text) return false;
  cJSON *json = cJSON_ParseWithLength(text, length);
  free(text);
  bool found = false;
  const cJSON *entry;
  cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(json, "auths")) {
    if (!entry->string || !key_matches(entry->string, domain)) continue;
    const cJSON *auth = cJSON_GetObjectItemCaseSensitive(entry, "auth");
    const cJSON *username = cJSON_GetObjectItemCaseSensitive(entry, "username");
    const cJSON *password = cJSON_GetObjectItemCaseSensitive(entry, "password");
    if (cJSON_IsString(auth) && auth->valuestring[0]) {
      char decoded[1400];
      size_t decoded_length;
      if (!spin_base64_decode(auth->valuestring, decoded, sizeof decoded, &decoded_length)) continue;
      char *colon = memchr(decoded, ':', decoded_length);
      if (!colon || (size_t)(colon - decoded) >= sizeof out->username ||
          strlen(colon + 1) >= sizeof out->password)
        continue;
      *colon = '\0';
      memcpy(out->username, decoded, strlen(decoded) + 1);
      memcpy(out->password, colon + 1, strlen(colon + 1) + 1);
      found = true;
    } else if (cJSON_IsString(username) && cJSON_IsString(password) &&
               strlen(username->valuestring) < sizeof out->username &&
               strlen(password->valuestring) < sizeof out->password) {
      memcpy(out->username, username->valuestring, strlen(username->valuestring) + 1);
      memcpy(out->password, password->valuestring, strlen(password->valuestring) + 1);
      found = true;
    }
    if (found) break;
  }
  cJSON_Delete(json);
  return found;
}

bool spin_basic_authorization(const spin_credentials *credentials, char *out, size_t size) {
  char joined[sizeof credentials->username + sizeof credentials->password + 1];
  int n = snprintf(joined, sizeof joined, "%s:%s", credentials->username, credentials->password);
  if (n < 0 || (size_t)n >= sizeof joined || size < 7) return false;
  memcpy(out, "Basic ", 6);
  return spin_base64_encode(joined, (size_t)n, out + 6, size - 6);
}
