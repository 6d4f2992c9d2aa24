// One small asynchronous HTTP client interface (DESIGN.md principle 1: nothing in C
// blocks). A request is started with its method, URL, headers and optional byte range;
// the response arrives through callbacks (status and headers once, then body chunks,
// then completion) while the host loop calls spin_http_perform(). Redirects are not
// followed here: a 3xx is reported like any other status, so the caller decides whether
// to follow and which headers (Authorization!) go to the next host. (A browser's fetch()
// hides redirects; its shim lets fetch() follow them there, which drops Authorization
// across origins by the Fetch standard, and reports the final response. Node's fetch
// reports them as they are.)
//
// Implementations: http_curl.c (native, libcurl multi interface) and http_fetch.c (wasm,
// the host's fetch(): body chunks from a ReadableStream reader, queued in JS and
// delivered by spin_http_perform; docs/oci.md).
#ifndef SPIN_HTTP_HTTP_H
#define SPIN_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <strings.h>

typedef struct spin_http spin_http;                  // a client: its requests in flight
typedef struct spin_http_request spin_http_request;  // one request

typedef struct {
  const char *name;   // as received, e.g. "WWW-Authenticate"
  const char *value;  // leading and trailing blanks removed
} spin_http_header;

// The value of header `name` (case-insensitive), or NULL.
static inline const char *spin_http_find_header(const spin_http_header *headers, size_t count,
                                                const char *name) {
  for (size_t i = 0; i < count; i++)
    if (strcasecmp(headers[i].name, name) == 0) return headers[i].value;
  return NULL;
}

typedef struct {
  // Once, before the first body chunk (or before on_done when there is no body).
  // Return false to abort the request (on_done then reports SPIN_HTTP_ABORTED).
  bool (*on_response)(void *context, int status, const spin_http_header *headers,
                      size_t header_count);
  // Any number of times. Return false to abort.
  bool (*on_body)(void *context, const void *data, size_t length);
  // Exactly once, last; `error` is a sentence when result != SPIN_HTTP_OK. The request
  // is freed after this returns.
  void (*on_done)(void *context, int result, const char *error);
} spin_http_callbacks;

enum {
  SPIN_HTTP_OK = 0,         // a complete response was received (any status)
  SPIN_HTTP_FAILED = 1,     // connection refused, reset, TLS or protocol error, timeout
  SPIN_HTTP_ABORTED = 2,    // a callback returned false, or spin_http_cancel
};

typedef struct {
  const char *method;             // "GET" or "HEAD"
  const char *url;                // absolute http:// or https:// URL
  const char *const *headers;     // "Name: value" lines
  size_t header_count;
  int64_t range_start;            // >= 0: ask for bytes range_start- (Range header)
  bool insecure_tls;              // do not verify the server's certificate
  long timeout_seconds;           // 0: no overall limit (large blobs); stalls still time out
} spin_http_request_options;

spin_http *spin_http_new(void);
// Cancels whatever is in flight (on_done is called for each) and frees the client.
void spin_http_free(spin_http *http);

// Starts a request; callbacks run later, from spin_http_perform. Returns NULL (and no
// callback runs) only if the request could not even be set up.
spin_http_request *spin_http_start(spin_http *http, const spin_http_request_options *options,
                                   const spin_http_callbacks *callbacks, void *context);
// Aborts a request; its on_done runs (with SPIN_HTTP_ABORTED) before this returns.
void spin_http_cancel(spin_http_request *request);

// Makes progress without blocking: moves bytes and runs callbacks. Returns the number of
// requests still in flight.
size_t spin_http_perform(spin_http *http);

// For native hosts only: sleep until a socket is ready or timeout_ms passed. The host
// loop's idle wait, never called by library code.
void spin_http_wait(spin_http *http, int timeout_ms);

#endif
