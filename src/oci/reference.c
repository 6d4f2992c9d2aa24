// Reference grammar after docker's distribution/reference (reference.go, normalize.go):
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain "/"] component ("/" component)*
//   component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := "." | "_" | "__" | "-"+
//   domain    := host [":" port], host := dns-label ("." dns-label)* | "[" ipv6 "]"
//   tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
// Only sha256 digests are accepted: it is the only algorithm registries use and the
// only one our store verifies.
#include "reference.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool fail(char *error, size_t error_size, const char *text, const char *fmt, ...) {
  if (error_size == 0) return false;
  char reason[160];
  va_list args;
  va_start(args, fmt);
  vsnprintf(reason, sizeof reason, fmt, args);
  va_end(args);
  // Quote at most 80 characters of hostile input, printable ones only.
  char shown[84];
  size_t n = 0;
  for (const char *p = text; *p && n < 80; p++)
    shown[n++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
  if (strlen(text) > 80) { shown[n++] = '.'; shown[n++] = '.'; shown[n++] = '.'; }
  shown[n] = '\0';
  snprintf(error, error_size, "invalid image reference \"%s\": %s", shown, reason);
  return false;
}

static bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
static bool is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool spin_digest_is_valid(const char *digest) {
  if (strncmp(digest, "sha256:", 7) != 0) return false;
  const char *hex = digest + 7;
  for (int i = 0; i < 64; i++)
    if (!is_hex_lower(hex[i])) return false;
  return hex[64] == '\0';
}

// One path component: [a-z0-9]+ joined by ".", "_", "__" or "-"+. Upper-case letters
// get their own message because that is the common mistake.
static const char *check_component(const char *start, size_t len) {
  if (len == 0) return "empty path component";
  if (!is_lower_alnum(start[0]) || !is_lower_alnum(start[len - 1])) {
    for (size_t i = 0; i < len; i++)
      if (start[i] >= 'A' && start[i] <= 'Z') return "repository name must be lowercase";
    return "path components must start and end with a lowercase letter or digit";
  }
  for (size_t i = 0; i < len;) {
    if (is_lower_alnum(start[i])) { i++; continue; }
    if (start[i] >= 'A' && start[i] <= 'Z') return "repository name must be lowercase";
    size_t run = 0;
    char sep = start[i];
    while (i + run < len && start[i + run] == sep) run++;
    if (sep == '.' && run == 1) { i += run; continue; }
    if (sep == '_' && run <= 2) { i += run; continue; }
    if (sep == '-') { i += run; continue; }
    return "path contains a character or separator that is not allowed";
  }
  return NULL;
}

static const char *check_domain(const char *start, size_t len) {
  size_t host_end = len;
  size_t i = 0;
  if (len > 0 && start[0] == '[') {  // IPv6 literal
    const char *close = memchr(start, ']', len);
    if (!close) return "unterminated IPv6 address in registry domain";
    size_t inner = (size_t)(close - start) - 1;
    if (inner == 0) return "empty IPv6 address in registry domain";
    for (size_t k = 1; k <= inner; k++) {
      char c = start[k];
      if (!(is_hex_lower(c) || (c >= 'A' && c <= 'F') || c == ':'))
        return "invalid IPv6 address in registry domain";
    }
    host_end = (size_t)(close - start) + 1;
    if (host_end < len && start[host_end] != ':') return "invalid registry domain";
  } else {
    const char *colon = memchr(start, ':', len);
    if (colon) host_end = (size_t)(colon - start);
    if (host_end == 0) return "empty registry host";
    size_t label_start = 0;
    for (i = 0; i <= host_end; i++) {
      if (i == host_end || start[i] == '.') {
        size_t label_len = i - label_start;
        if (label_len == 0 || label_len > 63) return "invalid registry host name";
        if (start[label_start] == '-' || start[i - 1] == '-') return "invalid registry host name";
        label_start = i + 1;
        continue;
      }
      if (!is_alnum(start[i]) && start[i] != '-') return "invalid registry host name";
    }
  }
  if (host_end < len) {  // ":" port
    size_t digits = len - host_end - 1;
    if (digits == 0 || digits > 5) return "invalid registry port";
    unsigned port = 0;
    for (size_t k = host_end + 1; k < len; k++) {
      if (start[k] < '0' || start[k] > '9') return "invalid registry port";
      port = port * 10 + (unsigned)(start[k] - '0');
    }
    if (port == 0 || port > 65535) return "invalid registry port";
  }
  return NULL;
}

static bool looks_like_domain(const char *start, size_t len) {
  if (len == 9 && memcmp(start, "localhost", 9) == 0) return true;
  for (size_t i = 0; i < len; i++)
    if (start[i] == '.' || start[i] == ':' || start[i] == '[' || (start[i] >= 'A' && start[i] <= 'Z'))
      return true;
  return false;
}

bool spin_image_ref_parse(const char *text, spin_image_ref *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  size_t text_len = strlen(text);
  if (text_len == 0) return fail(error, error_size, text, "the reference is empty");
  if (text_len > SPIN_REF_NAME_MAX + 1 + SPIN_REF_TAG_MAX + 1 + SPIN_REF_DIGEST_MAX)
    return fail(error, error_size, text, "the reference is too long");
  for (size_t i = 0; i < text_len; i++)
    if ((unsigned char)text[i] <= 0x20 || (unsigned char)text[i] >= 0x7f)
      return fail(error, error_size, text, "the reference contains a space or a control or non-ASCII character");

  // Digest: everything after the first '@'.
  size_t name_and_tag_len = text_len;
  const char *at = strchr(text, '@');
  if (at) {
    if (!spin_digest_is_valid(at + 1)) {
      if (strncmp(at + 1, "sha256:", 7) != 0)
        return fail(error, error_size, text, "only sha256 digests are supported (\"@sha256:<64 hex digits>\")");
      return fail(error, error_size, text, "the digest must be \"sha256:\" followed by 64 lowercase hex digits");
    }
    memcpy(out->digest, at + 1, strlen(at + 1) + 1);
    name_and_tag_len = (size_t)(at - text);
  }

  // Tag: after the last ':' that follows the last '/'.
  size_t name_len = name_and_tag_len;
  const char *last_slash = NULL;
  for (size_t i = 0; i < name_and_tag_len; i++)
    if (text[i] == '/') last_slash = text + i;
  const char *tag_colon = NULL;
  for (const char *p = last_slash ? last_slash : text; p < text + name_and_tag_len; p++)
    if (*p == ':') tag_colon = p;
  if (tag_colon) {
    const char *tag = tag_colon + 1;
    size_t tag_len = (size_t)(text + name_and_tag_len - tag);
    if (tag_len == 0) return fail(error, error_size, text, "the tag after ':' is empty");
    if (tag_len > SPIN_REF_TAG_MAX) return fail(error, error_size, text, "the tag is longer than 128 characters");
    if (!(is_alnum(tag[0]) || tag[0] == '_'))
      return fail(error, error_size, text, "the tag must start with a letter, digit or '_'");
    for (size_t i = 0; i < tag_len; i++)
      if (!(is_alnum(tag[i]) || tag[i] == '_' || tag[i] == '.' || tag[i] == '-'))
        return fail(error, error_size, text, "the tag may contain only letters, digits, '_', '.' and '-'");
    memcpy(out->tag, tag, tag_len);
    name_len = (size_t)(tag_colon - text);
  }
  if (name_len == 0) return fail(error, error_size, text, "the repository name is empty");

  // Domain: the first component, if it looks like one and a path follows.
  const char *path = text;
  size_t path_len = name_len;
  const char *first_slash = memchr(text, '/', name_len);
  if (first_slash && looks_like_domain(text, (size_t)(first_slash - text))) {
    size_t domain_len = (size_t)(first_slash - text);
    const char *why = check_domain(text, domain_len);
    if (why) return fail(error, error_size, text, "%s", why);
    memcpy(out->domain, text, domain_len);
    path = first_slash + 1;
    path_len = name_len - domain_len - 1;
  } else {
    memcpy(out->domain, SPIN_REF_DEFAULT_DOMAIN, sizeof SPIN_REF_DEFAULT_DOMAIN);
  }
  if (path_len == 0) return fail(error, error_size, text, "the repository path is empty");

  // A bare 64-hex-digit name would be taken for an image ID by docker; refuse it too.
  if (path == text && path_len == 64 && !tag_colon && !at) {
    bool all_hex = true;
    for (size_t i = 0; i < 64; i++) all_hex = all_hex && is_hex_lower(path[i]);
    if (all_hex) return fail(error, error_size, text, "a 64-digit hex string is an image ID, not a repository name");
  }

  for (size_t start = 0; start <= path_len;) {
    const char *slash = memchr(path + start, '/', path_len - start);
    size_t end = slash ? (size_t)(slash - path) : path_len;
    const char *why = check_component(path + start, end - start);
    if (why) return fail(error, error_size, text, "%s", why);
    start = end + 1;
    if (!slash) break;
  }

  bool official = strcmp(out->domain, SPIN_REF_DEFAULT_DOMAIN) == 0 && !memchr(path, '/', path_len);
  size_t full_path_len = path_len + (official ? 8 : 0);
  if (strlen(out->domain) + 1 + full_path_len > SPIN_REF_NAME_MAX)
    return fail(error, error_size, text, "the repository name is longer than 255 characters");
  snprintf(out->path, sizeof out->path, "%s%.*s", official ? "library/" : "", (int)path_len, path);
  if (!out->tag[0] && !out->digest[0]) memcpy(out->tag, "latest", 7);
  return true;
}

bool spin_image_ref_format_name(const spin_image_ref *ref, char *out, size_t size) {
  int n = snprintf(out, size, "%s/%s", ref->domain, ref->path);
  return n >= 0 && (size_t)n < size;
}

bool spin_image_ref_format(const spin_image_ref *ref, char *out, size_t size) {
  int n = snprintf(out, size, "%s/%s%s%s%s%s", ref->domain, ref->path, ref->tag[0] ? ":" : "",
                   ref->tag, ref->digest[0] ? "@" : "", ref->digest);
  return n >= 0 && (size_t)n < size;
}
