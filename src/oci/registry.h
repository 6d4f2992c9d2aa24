// The registry client (OCI distribution spec): where a registry domain is served from,
// and one request to it with authentication and redirects handled:
//   - anonymous first; on 401 with `WWW-Authenticate: Bearer realm,service,scope` a token
//     is fetched from the realm (with Basic credentials when we have some), cached per
//     domain and scope until it expires, and the request is retried; a 401 with a cached
//     token drops the token and fetches a fresh one once;
//   - `WWW-Authenticate: Basic` is answered with the credentials from the options or
//     docker's config.json (`auths`, DOCKER_CONFIG);
//   - redirects (blob downloads often go to a CDN) are followed up to 5 times, and the
//     Authorization header is only sent to the origin it was meant for.
// Everything is asynchronous over spin_http (http.h).
#ifndef SPIN_OCI_REGISTRY_H
#define SPIN_OCI_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

typedef struct spin_registry spin_registry;

typedef struct {
  const char *username;                     // explicit credentials, used for every domain
  const char *password;
  const char *docker_config_dir;            // NULL: $DOCKER_CONFIG, else ~/.docker
  const char *const *insecure_registries;   // domains served over plain HTTP
  size_t insecure_count;
  const char *mirror;                       // endpoint of docker.io (NULL: $SPIN_REGISTRY_MIRROR)
  const char *proxy;                        // a registry proxy for every domain (NULL: $SPIN_REGISTRY_PROXY)
} spin_registry_options;

// Copies what it needs from `options`. `http` must outlive the registry.
spin_registry *spin_registry_new(spin_http *http, const spin_registry_options *options);
void spin_registry_free(spin_registry *registry);
spin_http *spin_registry_http(spin_registry *registry);
// The blob downloads in flight through this client (blob_fetch.c keeps the list here so
// that every pull through one client shares them).
struct spin_blob_download **spin_registry_downloads(spin_registry *registry);

// Base URL for a reference domain, e.g. "http://127.0.0.1:5000": plain HTTP for loopback
// domains and the insecure list, HTTPS otherwise; docker.io comes from configuration; with
// a proxy, PROXY/<domain> for every domain but a mirrored docker.io (docs/oci.md,
// "Registry endpoints"). False with a sentence when none is configured.
bool spin_registry_endpoint(const spin_registry *registry, const char *domain, char *out,
                            size_t size, char *error, size_t error_size);

typedef struct {
  const char *domain;        // reference domain
  const char *repository;    // for the token scope "repository:<repository>:pull"
  const char *path;          // "/v2/<repository>/manifests/<reference>"
  const char *accept;        // Accept header value or NULL
  int64_t range_start;       // >= 0: resume from this byte
  bool anonymous;            // never authenticate (the /v2/ ping)
} spin_registry_request;

// Starts a request. The callbacks see only the final response (never a 401 that was
// answered or a redirect that was followed). on_done gets SPIN_HTTP_FAILED with a
// sentence for transport errors and refused or missing authentication. Returns false
// (no callback runs) if the request could not be started; `error` says why.
bool spin_registry_fetch(spin_registry *registry, const spin_registry_request *request,
                         const spin_http_callbacks *callbacks, void *context,
                         char *error, size_t error_size);

#endif
