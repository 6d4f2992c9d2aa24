// The wasm HTTP backend (src/http/http_fetch.c) against tests/http/http-fetch-server.cjs
// on loopback: status and headers, request headers sent, a chunked body of 500000 bytes
// arriving intact in order, Range, HEAD, 404, redirects reported as they are (Node),
// connection refused -> SPIN_HTTP_FAILED, a reader refusing the body, cancel, and
// spin_http_free with a request in flight. Like the wasm spin, it runs from Node's event
// loop: main starts the first case and returns; each callback of Module.spinHttpWake
// performs, and a finished case starts the next. Arguments: SERVER_PORT CLOSED_PORT.
#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oci/check.h"
#include "http/http.h"

typedef struct {
  const char *name;
  const char *method;
  const char *path;          // on the test server; NULL: the closed port
  int64_t range_start;
  const char *header;        // one request header, or NULL
  bool refuse_body;          // on_body returns false
  bool cancel_after_body;    // the host cancels once a body chunk arrived
  bool cancel_in_callback;   // on_body cancels its own request (and refuses the body)
  int want_result;
  int want_status;
  const char *want_header;   // "name=value" in the response, or NULL
} test_case;

static const test_case cases[] = {
  {"hello", "GET", "/hello", -1, NULL, false, false, false, SPIN_HTTP_OK, 200, "x-test=yes"},
  {"head", "HEAD", "/hello", -1, NULL, false, false, false, SPIN_HTTP_OK, 200, "X-Test=yes"},
  {"request header", "GET", "/echo-header", -1, "X-Custom: sent along", false, false, false, SPIN_HTTP_OK, 200, NULL},
  {"404", "GET", "/missing", -1, NULL, false, false, false, SPIN_HTTP_OK, 404, NULL},
  {"chunked", "GET", "/chunked", -1, NULL, false, false, false, SPIN_HTTP_OK, 200, NULL},
  {"range", "GET", "/range", 900, NULL, false, false, false, SPIN_HTTP_OK, 206, "content-range=bytes 900-999/1000"},
  {"redirect", "GET", "/redirect", -1, NULL, false, false, false, SPIN_HTTP_OK, 302, "location=/hello"},
  {"refused", "GET", NULL, -1, NULL, false, false, false, SPIN_HTTP_FAILED, -1, NULL},
  {"refuse body", "GET", "/chunked", -1, NULL, true, false, false, SPIN_HTTP_ABORTED, 200, NULL},
  {"cancel in callback", "GET", "/chunked", -1, NULL, false, false, true, SPIN_HTTP_ABORTED, 200, NULL},
  {"cancel", "GET", "/endless", -1, NULL, false, true, false, SPIN_HTTP_ABORTED, 200, NULL},  // last
};
#define CASE_COUNT (sizeof cases / sizeof cases[0])

static struct {
  spin_http *http;
  int port, closed_port;
  size_t current;
  spin_http_request *request;
  bool done, want_cancel;
  int status, responses, result;
  char header_ok;
  unsigned char body[600000];
  size_t body_length;
  char error[600];
} t;

static bool on_response(void *context, int status, const spin_http_header *headers, size_t count) {
  const test_case *c = context;
  t.responses++;
  t.status = status;
  if (c->want_header) {
    char name[64];
    const char *equals = strchr(c->want_header, '=');
    snprintf(name, sizeof name, "%.*s", (int)(equals - c->want_header), c->want_header);
    const char *value = spin_http_find_header(headers, count, name);
    t.header_ok = value && strcmp(value, equals + 1) == 0;
    if (!t.header_ok) printf("%s: header %s is %s\n", c->name, name, value ? value : "(none)");
  }
  return true;
}

static bool on_body(void *context, const void *data, size_t length) {
  const test_case *c = context;
  CHECK(t.responses == 1);  // the response comes first
  if (length > sizeof t.body - t.body_length) return false;
  memcpy(t.body + t.body_length, data, length);
  t.body_length += length;
  if (c->cancel_after_body) t.want_cancel = true;
  if (c->cancel_in_callback) {
    spin_http_cancel(t.request);
    return false;  // refusing too must not finish it twice
  }
  return !c->refuse_body;
}

static void on_done(void *context, int result, const char *error) {
  (void)context;
  t.done = true;
  t.result = result;
  snprintf(t.error, sizeof t.error, "%s", error ? error : "");
}

static const spin_http_callbacks callbacks = {on_response, on_body, on_done};

static bool body_is_pattern(size_t start, size_t length) {
  if (t.body_length != length) return false;
  for (size_t i = 0; i < length; i++)
    if (t.body[i] != (start + i) % 251) return false;
  return true;
}

static void check_case(const test_case *c) {
  printf("%s: result %d, status %d, %zu bytes %s\n", c->name, t.result, t.status, t.body_length, t.error);
  CHECK(t.result == c->want_result);
  if (c->want_status >= 0) CHECK(t.status == c->want_status);
  else CHECK(t.responses == 0 && strstr(t.error, "fetch failed"));
  if (c->want_header) CHECK(t.header_ok);
  if (strcmp(c->name, "hello") == 0) CHECK(t.body_length == 11 && memcmp(t.body, "hello world", 11) == 0);
  if (strcmp(c->name, "head") == 0) CHECK(t.body_length == 0);
  if (strcmp(c->name, "request header") == 0) CHECK(t.body_length == 10 && memcmp(t.body, "sent along", 10) == 0);
  if (strcmp(c->name, "404") == 0) CHECK(t.body_length == 8);
  if (strcmp(c->name, "chunked") == 0) CHECK(body_is_pattern(0, 500000));
  if (strcmp(c->name, "range") == 0) CHECK(body_is_pattern(900, 100));
  if (c->cancel_in_callback) CHECK(strcmp(t.error, "the request was cancelled") == 0);
  if (c->refuse_body || c->cancel_after_body || c->cancel_in_callback) CHECK(t.body_length > 0 && t.body_length < 500000);
}

static void start_case(void) {
  const test_case *c = &cases[t.current];
  char url[200], header[100];
  if (c->path) snprintf(url, sizeof url, "http://127.0.0.1:%d%s", t.port, c->path);
  else snprintf(url, sizeof url, "http://127.0.0.1:%d/", t.closed_port);
  const char *headers[1] = {header};
  snprintf(header, sizeof header, "%s", c->header ? c->header : "");
  spin_http_request_options options = {.method = c->method, .url = url, .headers = headers,
                                       .header_count = c->header ? 1 : 0,
                                       .range_start = c->range_start};
  t.done = t.want_cancel = false;
  t.responses = t.body_length = 0;
  t.status = -1;
  t.request = spin_http_start(t.http, &options, &callbacks, (void *)c);
  CHECK(t.request != NULL);
}

static void finish_test(void) {
  // Freeing the client ends what is in flight through on_done.
  t.current = CASE_COUNT - 1;  // /endless
  start_case();
  spin_http_free(t.http);
  CHECK(t.done && t.result == SPIN_HTTP_ABORTED);
  // Requests that cannot even be set up.
  spin_http *http = spin_http_new();
  spin_http_request_options bad_url = {.method = "GET", .url = "ftp://127.0.0.1/", .range_start = -1};
  CHECK(spin_http_start(http, &bad_url, &callbacks, NULL) == NULL);
  const char *smuggling[] = {"X-A: 1\r\nX-B: 2"};
  spin_http_request_options bad_header = {.method = "GET", .url = "http://127.0.0.1:1/",
                                          .headers = smuggling, .header_count = 1, .range_start = -1};
  CHECK(spin_http_start(http, &bad_header, &callbacks, NULL) == NULL);
  CHECK(spin_http_perform(http) == 0);
  spin_http_free(http);
  fflush(stdout);
  emscripten_force_exit(check_summary());
}

EMSCRIPTEN_KEEPALIVE void http_fetch_test_pump(void) {
  spin_http_perform(t.http);
  if (t.want_cancel && !t.done) {
    spin_http_cancel(t.request);
    CHECK(t.done);  // on_done ran before cancel returned
    CHECK(spin_http_perform(t.http) == 0);
  }
  if (!t.done) return;
  check_case(&cases[t.current]);
  if (++t.current < CASE_COUNT) start_case();
  else finish_test();
}

EM_JS(void, drive_from_event_loop, (void), {
  var scheduled = false;
  Module.spinHttpWake = function() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(function() {
      scheduled = false;
      _http_fetch_test_pump();
    });
  };
  setInterval(Module.spinHttpWake, 1000);
});

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: http_fetch_test SERVER_PORT CLOSED_PORT\n");
    return 2;
  }
  t.port = atoi(argv[1]);
  t.closed_port = atoi(argv[2]);
  t.http = spin_http_new();
  CHECK(t.http != NULL);
  start_case();
  drive_from_event_loop();
  emscripten_exit_with_live_runtime();
}
