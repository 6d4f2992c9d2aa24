// Registry authentication pieces (distribution spec, docker's token auth):
// parsing a WWW-Authenticate challenge, finding credentials for a registry domain in
// docker's config.json (`auths`), and the Basic header for a user and password.
#ifndef SPIN_OCI_REGISTRY_AUTH_H
#define SPIN_OCI_REGISTRY_AUTH_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { SPIN_CHALLENGE_NONE, SPIN_CHALLENGE_BASIC, SPIN_CHALLENGE_BEARER } spin_challenge_scheme;

typedef struct {
  spin_challenge_scheme scheme;
  char realm[1024];
  char service[256];
  char scope[512];
} spin_auth_challenge;

// Parses e.g. `Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull"`.
// Unknown schemes give SPIN_CHALLENGE_NONE; over-long values make the parse fail.
bool spin_auth_challenge_parse(const char *header, spin_auth_challenge *out);

typedef struct {
  char username[256];
  char password[1024];
} spin_credentials;

// Credentials for `domain` from `<config_dir>/config.json` (config_dir NULL: $DOCKER_CONFIG,
// else ~/.docker). Keys may be a bare domain or a URL whose host is the domain; for
// docker.io, also a URL whose host is a subdomain of it (docker's historical key).
// Returns false when there are none (a missing or unreadable file is not an error).
bool spin_credentials_from_docker_config(const char *config_dir, const char *domain,
                                         spin_credentials *out);

// "Basic <base64(user:password)>" into `out`.
bool spin_basic_authorization(const spin_credentials *credentials, char *out, size_t size);

#endif
