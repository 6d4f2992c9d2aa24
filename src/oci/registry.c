// Registry requests with token/basic authentication and redirect following (registry.h).
// A fetch is a small state machine: SEND -> (401: TOKEN -> SEND) -> (3xx: SEND) -> DONE.
#include "registry.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "reference.h"
#include "registry_auth.h"

#define MAX_REDIRECTS 5
#define TOKEN_RESPONSE_MAX_BYTES (256u << 10)
#define URL_MAX 4096

typedef struct cached_token {
  struct cached_token *next;
  char *domain, *scope, *authorization;  // authorization: "Bearer <token>"
  time_t expires_at;
} cached_token;

struct spin_registry {
  spin_http *http;
  struct spin_blob_download *downloads;
  char *username, *password, *docker_config_dir, *mirror, *proxy;
  char **insecure;
  size_t insecure_count;
  cached_token *tokens;
};

typedef struct {
  spin_registry *registry;
  char *domain, *scope, *path, *accept;
  int64_t range_start;
  bool anonymous;
  spin_http_callbacks user;
  void *user_context;

  char origin[URL_MAX];        // scheme://host[:port] of the registry endpoint
  char url[URL_MAX];           // current URL (changes on redirects)
  char authorization[4096];    // what we send to the origin ("" for nothing)
  bool authorization_from_cache;
  int auth_rounds, redirects;

  // The response being received.
  bool intercepted;            // a 401 or redirect we handle ourselves; body discarded
  int status;
  spin_auth_challenge challenge;
  char location[URL_MAX];

  // Token request.
  char *token_body;
  size_t token_length;
  int token_status;
} fetch;

static char *duplicate(const char *text) {
  if (!text) return NULL;
  size_t length = strlen(text);
  char *copy = malloc(length + 1);
  if (copy) memcpy(copy, text, length + 1);
  return copy;
}

spin_registry *spin_registry_new(spin_http *http, const spin_registry_options *options) {
  spin_registry *registry = calloc(1, sizeof *registry);
  if (!registry) return NULL;
  registry->http = http;
  registry->username = duplicate(options->username);
  registry->password = duplicate(options->password ? options->password : "");
  registry->docker_config_dir = duplicate(options->docker_config_dir);
  registry->mirror = duplicate(options->mirror ? options->mirror : getenv("SPIN_REGISTRY_MIRROR"));
  registry->proxy = duplicate(options->proxy ? options->proxy : getenv("SPIN_REGISTRY_PROXY"));
  registry->insecure = calloc(options->insecure_count + 1, sizeof *registry->insecure);
  bool ok = registry->password && registry->insecure && (!options->username || registry->username);
  for (size_t i = 0; ok && i < options->insecure_count; i++)
    ok = (registry->insecure[registry->insecure_count++] = duplicate(options->insecure_registries[i])) != NULL;
  if (!ok) {
    spin_registry_free(registry);
    return NULL;
  }
  return registry;
}

void spin_registry_free(spin_registry *registry) {
  if (!registry) return;
  for (cached_token *token = registry->tokens, *next; token; token = next) {
    next = token->next;
    free(token->domain);
    free(token->scope);
    free(token->authorization);
    free(token);
  }
  for (size_t i = 0; i < registry->insecure_count; i++) free(registry->insecure[i]);
  free(registry->insecure);
  free(registry->username);
  free(registry->password);
  free(registry->docker_config_dir);
  free(registry->mirror);
  free(registry->proxy);
  free(registry);
}

spin_http *spin_registry_http(spin_registry *registry) { return registry->http; }

struct spin_blob_download **spin_registry_downloads(spin_registry *registry) { return &registry->downloads; }

static bool is_loopback_host(const char *host_and_port) {
  char host[300];
  size_t length = host_and_port[0] == '[' ? strcspn(host_and_port, "]") + 1 : strcspn(host_and_port, ":");
  if (length >= sizeof host) return false;
  memcpy(host, host_and_port, length);
  host[length] = '\0';
  return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0;
}

static bool is_insecure(const spin_registry *registry, const char *host_and_port) {
  if (is_loopback_host(host_and_port)) return true;
  for (size_t i = 0; i < registry->insecure_count; i++)
    if (strcmp(registry->insecure[i], host_and_port) == 0) return true;
  return false;
}

static bool is_http_url(const char *text) {
  return strncmp(text, "https://", 8) == 0 || strncmp(text, "http://", 7) == 0;
}

// `url` without one trailing slash, then `separator` and `name`.
static int join_endpoint(char *out, size_t size, const char *url, const char *separator, const char *name) {
  size_t length = strlen(url);
  return snprintf(out, size, "%.*s%s%s", (int)(length - (length && url[length - 1] == '/')), url,
                  separator, name);
}

bool spin_registry_endpoint(const spin_registry *registry, const char *domain, char *out,
                            size_t size, char *error, size_t error_size) {
  int n;
  const char *mirror = registry->mirror, *proxy = registry->proxy;
  bool is_default_domain = strcmp(domain, SPIN_REF_DEFAULT_DOMAIN) == 0;
  if (is_default_domain && mirror && mirror[0]) {
    if (!is_http_url(mirror)) {
      snprintf(error, error_size, "SPIN_REGISTRY_MIRROR must be an http:// or https:// URL");
      return false;
    }
    n = join_endpoint(out, size, mirror, "", "");
  } else if (proxy && proxy[0]) {
    // Every registry through one proxy origin: the proxy serves the registry it lists
    // under the reference's domain as URL/<domain>/v2/... (proxy/README.md).
    if (!is_http_url(proxy)) {
      snprintf(error, error_size, "SPIN_REGISTRY_PROXY must be an http:// or https:// URL");
      return false;
    }
    n = join_endpoint(out, size, proxy, "/", domain);
  } else if (is_default_domain) {
    snprintf(error, error_size,
             "no registry is configured for %s images: set SPIN_REGISTRY_MIRROR to the URL of a "
             "registry that serves them (or SPIN_REGISTRY_PROXY to a registry proxy), or name the "
             "registry in the image reference", domain);
    return false;
  } else {
    n = snprintf(out, size, "%s://%s", is_insecure(registry, domain) ? "http" : "https", domain);
  }
  if (n < 0 || (size_t)n >= size) {
    snprintf(error, error_size, "the registry URL for %s is too long", domain);
    return false;
  }
  return true;
}

// scheme://host[:port] of an absolute URL.
static void url_origin(const char *url, char *out, size_t size) {
  const char *host = strstr(url, "://");
  size_t length = host ? (size_t)(host + 3 - url) + strcspn(host + 3, "/?#") : strlen(url);
  if (length >= size) length = size - 1;
  memcpy(out, url, length);
  out[length] = '\0';
}

static void percent_encode(const char *text, char *out, size_t size) {
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p && o + 4 < size; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        *p == '-' || *p == '_' || *p == '.' || *p == '~') {
      out[o++] = (char)*p;
    } else {
      out[o++] = '%';
      out[o++] = hex[*p >> 4];
      out[o++] = hex[*p & 15];
    }
  }
  out[o] = '\0';
}

static void free_fetch(fetch *f) {
  free(f->domain);
  free(f->scope);
  free(f->path);
  free(f->accept);
  free(f->token_body);
  free(f);
}

static void finish(fetch *f, int result, const char *fmt, ...) {
  char error[1024] = "";
  if (fmt) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(error, sizeof error, fmt, args);
    va_end(args);
  }
  if (f->user.on_done) f->user.on_done(f->user_context, result, fmt ? error : NULL);
  free_fetch(f);
}

static cached_token *find_token(spin_registry *registry, const char *domain, const char *scope) {
  time_t now = time(NULL);
  for (cached_token *token = registry->tokens; token; token = token->next)
    if (strcmp(token->domain, domain) == 0 && strcmp(token->scope, scope) == 0 && token->expires_at > now)
      return token;
  return NULL;
}

static void forget_token(spin_registry *registry, const char *domain, const char *scope) {
  for (cached_token **p = &registry->tokens; *p; p = &(*p)->next) {
    cached_token *token = *p;
    if (strcmp(token->domain, domain) == 0 && strcmp(token->scope, scope) == 0) {
      *p = token->next;
      free(token->domain);
      free(token->scope);
      free(token->authorization);
      free(token);
      return;
    }
  }
}

static bool credentials_for(const fetch *f, spin_credentials *out) {
  memset(out, 0, sizeof *out);
  const spin_registry *registry = f->registry;
  if (registry->username && strlen(registry->username) < sizeof out->username &&
      strlen(registry->password) < sizeof out->password) {
    snprintf(out->username, sizeof out->username, "%s", registry->username);
    snprintf(out->password, sizeof out->password, "%s", registry->password);
    return true;
  }
  return spin_credentials_from_docker_config(registry->docker_config_dir, f->domain, out);
}

static bool send_request(fetch *f);

static bool on_response(void *context, int status, const spin_http_header *headers, size_t count) {
  fetch *f = context;
  f->status = status;
  f->intercepted = false;
  if (status == 401 && !f->anonymous) {
    const char *header = spin_http_find_header(headers, count, "WWW-Authenticate");
    if (header && spin_auth_challenge_parse(header, &f->challenge) &&
        f->challenge.scheme != SPIN_CHALLENGE_NONE) {
      f->intercepted = true;
      return true;
    }
  }
  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
    const char *location = spin_http_find_header(headers, count, "Location");
    if (location && strlen(location) < sizeof f->location) {
      snprintf(f->location, sizeof f->location, "%s", location);
      f->intercepted = true;
      return true;
    }
  }
  return !f->user.on_response || f->user.on_response(f->user_context, status, headers, count);
}

static bool on_body(void *context, const void *data, size_t length) {
  fetch *f = context;
  if (f->intercepted) return true;
  return !f->user.on_body || f->user.on_body(f->user_context, data, length);
}

static bool on_token_response(void *context, int status, const spin_http_header *headers, size_t count) {
  (void)headers, (void)count;
  ((fetch *)context)->token_status = status;
  return true;
}

static bool on_token_body(void *context, const void *data, size_t length) {
  fetch *f = context;
  if (f->token_length + length > TOKEN_RESPONSE_MAX_BYTES) return false;
  char *grown = realloc(f->token_body, f->token_length + length + 1);
  if (!grown) return false;
  f->token_body = grown;
  memcpy(f->token_body + f->token_length, data, length);
  f->token_length += length;
  f->token_body[f->token_length] = '\0';
  return true;
}

static void on_token_done(void *context, int result, const char *error) {
  fetch *f = context;
  if (result != SPIN_HTTP_OK) {
    finish(f, SPIN_HTTP_FAILED, "cannot get an access token from %s: %s", f->challenge.realm,
           error ? error : "aborted");
    return;
  }
  if (f->token_status == 401 || f->token_status == 403) {
    finish(f, SPIN_HTTP_FAILED, "authentication to %s was refused (the token service answered HTTP %d)",
           f->domain, f->token_status);
    return;
  }
  cJSON *json = f->token_body ? cJSON_ParseWithLength(f->token_body, f->token_length) : NULL;
  const cJSON *token = cJSON_GetObjectItemCaseSensitive(json, "token");
  if (!cJSON_IsString(token)) token = cJSON_GetObjectItemCaseSensitive(json, "access_token");
  const cJSON *expires_in = cJSON_GetObjectItemCaseSensitive(json, "expires_in");
  if (f->token_status != 200 || !cJSON_IsString(token) || !token->valuestring[0] ||
      strlen(token->valuestring) + 8 >= sizeof f->authorization) {
    cJSON_Delete(json);
    finish(f, SPIN_HTTP_FAILED, "the token service of %s gave no usable token (HTTP %d)", f->domain,
           f->token_status);
    return;
  }
  snprintf(f->authorization, sizeof f->authorization, "Bearer %s", token->valuestring);
  // The spec's default lifetime is 60 s; keep a margin so a token never expires in flight.
  double lifetime = cJSON_IsNumber(expires_in) && expires_in->valuedouble > 0 ? expires_in->valuedouble : 60;
  if (lifetime > 86400) lifetime = 86400;
  cJSON_Delete(json);
  free(f->token_body);
  f->token_body = NULL;
  f->token_length = 0;

  forget_token(f->registry, f->domain, f->scope);
  cached_token *cached = calloc(1, sizeof *cached);
  if (cached && (cached->domain = duplicate(f->domain)) && (cached->scope = duplicate(f->scope)) &&
      (cached->authorization = duplicate(f->authorization))) {
    cached->expires_at = time(NULL) + (time_t)lifetime - 10;
    cached->next = f->registry->tokens;
    f->registry->tokens = cached;
  } else if (cached) {
    free(cached->domain);
    free(cached->scope);
    free(cached);
  }
  f->authorization_from_cache = false;
  if (!send_request(f)) finish(f, SPIN_HTTP_FAILED, "cannot start a request to %s", f->url);
}

static bool request_token(fetch *f) {
  const char *realm = f->challenge.realm;
  if (strncmp(realm, "https://", 8) != 0 && strncmp(realm, "http://", 7) != 0) {
    finish(f, SPIN_HTTP_FAILED, "%s asks for a token from an invalid realm", f->domain);
    return true;
  }
  // Credentials go to a plain-HTTP realm only on loopback or an insecure registry.
  char realm_origin[URL_MAX];
  url_origin(realm, realm_origin, sizeof realm_origin);
  bool realm_is_plain = strncmp(realm, "http://", 7) == 0;
  spin_credentials credentials;
  bool have_credentials = credentials_for(f, &credentials) &&
                          (!realm_is_plain || is_insecure(f->registry, realm_origin + 7));

  const char *scope = f->challenge.scope[0] ? f->challenge.scope : f->scope;
  char service[768], scope_encoded[1600], url[URL_MAX];
  percent_encode(f->challenge.service, service, sizeof service);
  percent_encode(scope, scope_encoded, sizeof scope_encoded);
  int n = snprintf(url, sizeof url, "%s%sservice=%s&scope=%s", realm, strchr(realm, '?') ? "&" : "?",
                   service, scope_encoded);
  if (n < 0 || (size_t)n >= sizeof url) {
    finish(f, SPIN_HTTP_FAILED, "the token URL of %s is too long", f->domain);
    return true;
  }
  char basic[1500];
  const char *headers[1];
  size_t header_count = 0;
  if (have_credentials && spin_basic_authorization(&credentials, basic + 15, sizeof basic - 15)) {
    memcpy(basic, "Authorization: ", 15);
    headers[header_count++] = basic;
  }
  spin_http_request_options options = {.method = "GET", .url = url, .headers = headers,
                                       .header_count = header_count, .range_start = -1,
                                       .timeout_seconds = 60};
  spin_http_callbacks callbacks = {on_token_response, on_token_body, on_token_done};
  f->token_status = 0;
  return spin_http_start(f->registry->http, &options, &callbacks, f) != NULL;
}

static void on_done(void *context, int result, const char *error) {
  fetch *f = context;
  if (result != SPIN_HTTP_OK || !f->intercepted) {
    if (result == SPIN_HTTP_FAILED) finish(f, result, "cannot reach %s: %s", f->origin, error);
    else finish(f, result, result == SPIN_HTTP_OK ? NULL : "%s", error);
    return;
  }
  if (f->status == 401) {
    // A cached token may have been revoked or expired early: one fresh try.
    bool may_retry = f->auth_rounds == 0 || (f->auth_rounds == 1 && f->authorization_from_cache);
    if (!may_retry) {
      finish(f, SPIN_HTTP_FAILED, "authentication to %s was refused (HTTP 401)", f->domain);
      return;
    }
    f->auth_rounds++;
    if (f->authorization_from_cache) forget_token(f->registry, f->domain, f->scope);
    f->authorization_from_cache = false;
    if (f->challenge.scheme == SPIN_CHALLENGE_BEARER) {
      if (!request_token(f)) finish(f, SPIN_HTTP_FAILED, "cannot start a token request");
      return;
    }
    spin_credentials credentials;
    if (!credentials_for(f, &credentials)) {
      finish(f, SPIN_HTTP_FAILED, "%s requires a user name and password (give them with --username/"
             "--password or in docker's config.json)", f->domain);
      return;
    }
    if (!spin_basic_authorization(&credentials, f->authorization, sizeof f->authorization)) {
      finish(f, SPIN_HTTP_FAILED, "the credentials for %s are too long", f->domain);
      return;
    }
    if (!send_request(f)) finish(f, SPIN_HTTP_FAILED, "cannot start a request to %s", f->url);
    return;
  }
  // A redirect.
  if (++f->redirects > MAX_REDIRECTS) {
    finish(f, SPIN_HTTP_FAILED, "%s redirected more than %d times", f->domain, MAX_REDIRECTS);
    return;
  }
  char next[URL_MAX];
  const char *location = f->location;
  int n;
  if (strncmp(location, "https://", 8) == 0 || strncmp(location, "http://", 7) == 0)
    n = snprintf(next, sizeof next, "%s", location);
  else if (location[0] == '/' && location[1] == '/')
    n = snprintf(next, sizeof next, "%.*s%s", (int)(strstr(f->url, "//") - f->url), f->url, location);
  else if (location[0] == '/') {
    char origin[URL_MAX];
    url_origin(f->url, origin, sizeof origin);
    n = snprintf(next, sizeof next, "%s%s", origin, location);
  } else {
    finish(f, SPIN_HTTP_FAILED, "%s redirected to an unsupported location", f->domain);
    return;
  }
  if (n < 0 || (size_t)n >= sizeof next) {
    finish(f, SPIN_HTTP_FAILED, "%s redirected to a too long URL", f->domain);
    return;
  }
  memcpy(f->url, next, (size_t)n + 1);
  if (!send_request(f)) finish(f, SPIN_HTTP_FAILED, "cannot start a request to %s", f->url);
}

static bool send_request(fetch *f) {
  char accept[600], authorization[4200];
  const char *headers[2];
  size_t count = 0;
  if (f->accept) {
    snprintf(accept, sizeof accept, "Accept: %s", f->accept);
    headers[count++] = accept;
  }
  // Authorization only to the registry's own origin, never to a redirect target elsewhere.
  char current_origin[URL_MAX];
  url_origin(f->url, current_origin, sizeof current_origin);
  if (f->authorization[0] && strcmp(current_origin, f->origin) == 0) {
    snprintf(authorization, sizeof authorization, "Authorization: %s", f->authorization);
    headers[count++] = authorization;
  }
  spin_http_request_options options = {.method = "GET", .url = f->url, .headers = headers,
                                       .header_count = count, .range_start = f->range_start};
  spin_http_callbacks callbacks = {on_response, on_body, on_done};
  f->intercepted = false;
  f->status = 0;
  return spin_http_start(f->registry->http, &options, &callbacks, f) != NULL;
}

bool spin_registry_fetch(spin_registry *registry, const spin_registry_request *request,
                         const spin_http_callbacks *callbacks, void *context,
                         char *error, size_t error_size) {
  fetch *f = calloc(1, sizeof *f);
  if (!f) { snprintf(error, error_size, "out of memory"); return false; }
  f->registry = registry;
  f->user = *callbacks;
  f->user_context = context;
  f->range_start = request->range_start;
  f->anonymous = request->anonymous;
  char scope[700];
  snprintf(scope, sizeof scope, "repository:%s:pull", request->repository ? request->repository : "");
  f->domain = duplicate(request->domain);
  f->scope = duplicate(scope);
  f->path = duplicate(request->path);
  f->accept = duplicate(request->accept);
  if (!f->domain || !f->scope || !f->path || (request->accept && !f->accept)) {
    free_fetch(f);
    snprintf(error, error_size, "out of memory");
    return false;
  }
  if (!spin_registry_endpoint(registry, f->domain, f->origin, sizeof f->origin, error, error_size)) {
    free_fetch(f);
    return false;
  }
  int n = snprintf(f->url, sizeof f->url, "%s%s", f->origin, f->path);
  char endpoint[URL_MAX];  // a mirror URL may carry a path; Authorization goes to its origin
  memcpy(endpoint, f->origin, sizeof endpoint);
  url_origin(endpoint, f->origin, sizeof f->origin);
  if (n < 0 || (size_t)n >= sizeof f->url) {
    free_fetch(f);
    snprintf(error, error_size, "the request URL is too long");
    return false;
  }
  cached_token *token = f->anonymous ? NULL : find_token(registry, f->domain, f->scope);
  if (token) {
    snprintf(f->authorization, sizeof f->authorization, "%s", token->authorization);
    f->authorization_from_cache = true;
  }
  if (!send_request(f)) {
    free_fetch(f);
    snprintf(error, error_size, "cannot start a request to %s", request->domain);
    return false;
  }
  return true;
}
