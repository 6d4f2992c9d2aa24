// The HTTP interface (http.h) over libcurl's multi interface: every request is an easy
// handle in one multi handle, driven by curl_multi_perform from spin_http_perform.
// libcurl forbids adding or removing handles from inside its callbacks, so requests
// started or cancelled from a callback are queued and applied after the perform step.
#include "http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HEADERS 128
#define MAX_HEADER_BYTES 65536

struct spin_http_request {
  spin_http *http;
  CURL *easy;
  struct curl_slist *header_list;
  spin_http_callbacks callbacks;
  void *context;
  spin_http_request *next;      // in the client's list of live requests
  bool added;                   // to the multi handle
  bool cancelled;
  bool response_delivered;
  bool aborted_by_callback;
  // Headers of the current response block (a 1xx block is replaced by the next one).
  char header_bytes[MAX_HEADER_BYTES];
  size_t header_bytes_used;
  spin_http_header headers[MAX_HEADERS];
  size_t header_count;
  char error_buffer[CURL_ERROR_SIZE];
};

struct spin_http {
  CURLM *multi;
  spin_http_request *requests;
  bool in_perform;
};

static bool global_init_done;

spin_http *spin_http_new(void) {
  if (!global_init_done) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return NULL;
    global_init_done = true;
  }
  spin_http *http = calloc(1, sizeof *http);
  if (!http) return NULL;
  http->multi = curl_multi_init();
  if (!http->multi) { free(http); return NULL; }
  return http;
}

static void unlink_request(spin_http_request *request) {
  for (spin_http_request **p = &request->http->requests; *p; p = &(*p)->next)
    if (*p == request) { *p = request->next; return; }
}

static void finish(spin_http_request *request, int result, const char *error) {
  if (request->added) curl_multi_remove_handle(request->http->multi, request->easy);
  unlink_request(request);
  if (result == SPIN_HTTP_OK && !request->response_delivered && request->callbacks.on_response) {
    long status = 0;
    curl_easy_getinfo(request->easy, CURLINFO_RESPONSE_CODE, &status);
    request->response_delivered = true;
    if (!request->callbacks.on_response(request->context, (int)status, request->headers,
                                        request->header_count)) {
      result = SPIN_HTTP_ABORTED;
      error = "the response was refused by its reader";
    }
  }
  if (request->callbacks.on_done) request->callbacks.on_done(request->context, result, error);
  curl_easy_cleanup(request->easy);
  curl_slist_free_all(request->header_list);
  free(request);
}

void spin_http_free(spin_http *http) {
  if (!http) return;
  while (http->requests) finish(http->requests, SPIN_HTTP_ABORTED, "the HTTP client was closed");
  curl_multi_cleanup(http->multi);
  free(http);
}

static bool deliver_response(spin_http_request *request) {
  if (request->response_delivered) return true;
  request->response_delivered = true;
  long status = 0;
  curl_easy_getinfo(request->easy, CURLINFO_RESPONSE_CODE, &status);
  if (!request->callbacks.on_response) return true;
  return request->callbacks.on_response(request->context, (int)status, request->headers,
                                        request->header_count);
}

static size_t on_curl_header(char *data, size_t size, size_t count, void *user) {
  spin_http_request *request = user;
  size_t length = size * count;
  if (request->cancelled) return 0;
  if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) {  // a new response block begins
    request->header_bytes_used = 0;
    request->header_count = 0;
    return length;
  }
  const char *colon = memchr(data, ':', length);
  if (!colon || request->header_count == MAX_HEADERS) return length;  // blank line, or too many
  size_t name_length = (size_t)(colon - data);
  const char *value = colon + 1;
  const char *end = data + length;
  while (value < end && (*value == ' ' || *value == '\t')) value++;
  while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t')) end--;
  size_t value_length = (size_t)(end - value);
  if (request->header_bytes_used + name_length + value_length + 2 > MAX_HEADER_BYTES) return length;
  char *name_copy = request->header_bytes + request->header_bytes_used;
  memcpy(name_copy, data, name_length);
  name_copy[name_length] = '\0';
  char *value_copy = name_copy + name_length + 1;
  memcpy(value_copy, value, value_length);
  value_copy[value_length] = '\0';
  request->header_bytes_used += name_length + value_length + 2;
  request->headers[request->header_count++] = (spin_http_header){name_copy, value_copy};
  return length;
}

static size_t on_curl_body(char *data, size_t size, size_t count, void *user) {
  spin_http_request *request = user;
  size_t length = size * count;
  if (request->cancelled || !deliver_response(request)) goto abort;
  if (request->callbacks.on_body && !request->callbacks.on_body(request->context, data, length))
    goto abort;
  return length;
abort:
  request->aborted_by_callback = true;
  return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
}

static bool add_to_multi(spin_http_request *request) {
  if (curl_multi_add_handle(request->http->multi, request->easy) != CURLM_OK) return false;
  request->added = true;
  return true;
}

spin_http_request *spin_http_start(spin_http *http, const spin_http_request_options *options,
                                   const spin_http_callbacks *callbacks, void *context) {
  spin_http_request *request = calloc(1, sizeof *request);
  if (!request) return NULL;
  request->http = http;
  request->callbacks = *callbacks;
  request->context = context;
  request->easy = curl_easy_init();
  if (!request->easy) { free(request); return NULL; }
  CURL *easy = request->easy;
  bool ok = curl_easy_setopt(easy, CURLOPT_URL, options->url) == CURLE_OK;
  ok = ok && curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);   // a stalled transfer fails
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, 60L);
  if (options->timeout_seconds > 0) curl_easy_setopt(easy, CURLOPT_TIMEOUT, options->timeout_seconds);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, request->error_buffer);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_curl_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, request);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_curl_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, request);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, request);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "spin/0.1");
  if (options->method && strcmp(options->method, "HEAD") == 0) curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  else if (options->method && strcmp(options->method, "GET") != 0)
    ok = ok && curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, options->method) == CURLE_OK;
  // The usual variable for a private CA bundle (libcurl itself only knows its built-in path).
  const char *ca_bundle = getenv("SSL_CERT_FILE");
  if (ca_bundle && ca_bundle[0]) curl_easy_setopt(easy, CURLOPT_CAINFO, ca_bundle);
  if (options->insecure_tls) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (options->range_start >= 0) {
    char range[32];
    snprintf(range, sizeof range, "%lld-", (long long)options->range_start);
    ok = ok && curl_easy_setopt(easy, CURLOPT_RANGE, range) == CURLE_OK;
  }
  for (size_t i = 0; ok && i < options->header_count; i++) {
    struct curl_slist *grown = curl_slist_append(request->header_list, options->headers[i]);
    if (!grown) ok = false;
    else request->header_list = grown;
  }
  if (ok && request->header_list) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, request->header_list);
  if (ok && !http->in_perform) ok = add_to_multi(request);
  if (!ok) {
    curl_easy_cleanup(easy);
    curl_slist_free_all(request->header_list);
    free(request);
    return NULL;
  }
  request->next = http->requests;
  http->requests = request;
  return request;
}

void spin_http_cancel(spin_http_request *request) {
  if (request->http->in_perform) {
    request->cancelled = true;  // finished after curl_multi_perform returns
    return;
  }
  finish(request, SPIN_HTTP_ABORTED, "the request was cancelled");
}

size_t spin_http_perform(spin_http *http) {
  int running = 0;
  http->in_perform = true;
  curl_multi_perform(http->multi, &running);
  http->in_perform = false;

  CURLMsg *message;
  int left;
  while ((message = curl_multi_info_read(http->multi, &left))) {
    if (message->msg != CURLMSG_DONE) continue;
    spin_http_request *request = NULL;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, (char **)&request);
    CURLcode code = message->data.result;
    if (code == CURLE_OK) finish(request, SPIN_HTTP_OK, NULL);
    else if (request->aborted_by_callback || request->cancelled)
      finish(request, SPIN_HTTP_ABORTED, "the request was aborted");
    else {
      char error[CURL_ERROR_SIZE + 64];
      snprintf(error, sizeof error, "%s", request->error_buffer[0] ? request->error_buffer
                                                                    : curl_easy_strerror(code));
      finish(request, SPIN_HTTP_FAILED, error);
    }
  }
  // Requests started or cancelled from callbacks during the perform step. Each finish()
  // runs a callback that may start or cancel others, so rescan from the head each time.
  for (;;) {
    spin_http_request *pending = http->requests;
    while (pending && !pending->cancelled && pending->added) pending = pending->next;
    if (!pending) break;
    if (pending->cancelled) finish(pending, SPIN_HTTP_ABORTED, "the request was cancelled");
    else if (!add_to_multi(pending)) finish(pending, SPIN_HTTP_FAILED, "cannot start the request");
  }
  size_t in_flight = 0;
  for (spin_http_request *request = http->requests; request; request = request->next) in_flight++;
  return in_flight;
}

void spin_http_wait(spin_http *http, int timeout_ms) {
  int ready = 0;
  curl_multi_poll(http->multi, NULL, 0, timeout_ms, &ready);
}
