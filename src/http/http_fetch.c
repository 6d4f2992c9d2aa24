// The HTTP interface (http.h) over the host's fetch(), for the wasm build. No Asyncify,
// no threads: the JS side (EM_JS below) starts each fetch, reads its body with a
// ReadableStream reader and queues events per client (response status and headers,
// body chunks, done, error); spin_http_perform() drains that queue into the C callbacks.
// C state is therefore only touched from perform (or start/cancel/free), never from a
// promise continuation. A request reads ahead at most 1 MiB beyond what perform has
// consumed, so a slow consumer bounds the memory held in JS.
//
// Differences from the libcurl backend, all from fetch(): in a browser redirects are
// followed by fetch (which drops Authorization across origins) and the final response is
// reported (under Node, redirect: "manual" reports the 3xx itself, as http.h wants);
// header names arrive lowercase (spin_http_find_header ignores case) and repeated
// headers joined with ", "; insecure_tls is not available (the host decides about
// certificates: NODE_EXTRA_CA_CERTS under Node). Hosts wanting prompt progress set
// Module.spinHttpWake, called whenever an event is queued (src/cli/spin.c does).
#include "http.h"

#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HEADERS 128
#define EVENT_BUFFER_BYTES 65536  // a body chunk larger than this arrives in pieces

enum { EVENT_NONE, EVENT_RESPONSE, EVENT_BODY, EVENT_DONE, EVENT_ERROR };

struct spin_http_request {
  spin_http *http;
  int id;
  spin_http_callbacks callbacks;
  void *context;
  spin_http_request *next;  // in the client's list of live requests
  bool cancelled;           // by its own callback: finished when that returns
};

struct spin_http {
  int js_id;
  int next_request_id;
  spin_http_request *requests;
  spin_http_request *delivering;  // whose on_response/on_body is running
  unsigned char event[EVENT_BUFFER_BYTES + 1];  // one event's bytes (+1 for a final NUL)
  spin_http_header headers[MAX_HEADERS];
};

EM_JS(int, js_http_client_new, (void), {
  if (!Module.spinHttpClients) {
    Module.spinHttpClients = new Map();
    Module.spinHttpNextClient = 1;
  }
  var id = Module.spinHttpNextClient++;
  Module.spinHttpClients.set(id, {queue: [], requests: new Map()});
  return id;
});

EM_JS(void, js_http_client_free, (int client_id), {
  var client = Module.spinHttpClients.get(client_id);
  if (!client) return;
  client.requests.forEach(function(request) { request.stop(); });
  Module.spinHttpClients.delete(client_id);
});

// Starts fetch(url) with "Name: value" header lines. Returns 0 if fetch refused the
// request at once (a header it does not accept), 1 otherwise.
EM_JS(int, js_http_start, (int client_id, int request_id, const char *method_c, const char *url_c,
                           const char *header_lines_c, int timeout_seconds), {
  var client = Module.spinHttpClients.get(client_id);
  var method = UTF8ToString(method_c);
  var url = UTF8ToString(url_c);
  var headers;
  try {
    headers = new Headers();
    UTF8ToString(header_lines_c).split("\n").forEach(function(line) {
      var colon = line.indexOf(":");
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    });
    /* Bytes exactly as stored: no transparent decompression behind our digests. */
    headers.set("accept-encoding", "identity");
  } catch (error) {
    return 0;
  }
  var controller = new AbortController();
  var request = {reader: null, reading: false, finished: false, queuedBytes: 0,
                 stallTimer: null, overallTimer: null};
  client.requests.set(request_id, request);

  function describe(error) {
    var text = error && error.message ? error.message : String(error);
    var cause = error && error.cause;
    if (cause && cause.message) text += ": " + cause.message;
    else if (cause && cause.code) text += ": " + cause.code;
    return text;
  }
  function push(event) {
    event.id = request_id;
    client.queue.push(event);
    if (Module.spinHttpWake) Module.spinHttpWake();
  }
  request.stop = function() {
    request.finished = true;
    clearTimeout(request.stallTimer);
    clearTimeout(request.overallTimer);
    client.requests.delete(request_id);
    controller.abort();
  };
  function finish(event) {
    if (request.finished) return;
    request.stop();
    push(event);
  }
  function fail(error) { finish({kind: 4, text: describe(error)}); }
  /* A transfer that moves nothing for 60 s fails, like the libcurl backend. */
  function armStallTimer() {
    clearTimeout(request.stallTimer);
    request.stallTimer = setTimeout(function() {
      fail("no data for 60 seconds from " + url);
    }, 60000);
  }
  request.pull = function() {
    if (!request.reader || request.reading || request.finished || request.queuedBytes >= 1048576)
      return;
    request.reading = true;
    armStallTimer();
    request.reader.read().then(function(result) {
      request.reading = false;
      if (request.finished) return;
      if (result.done) {
        finish({kind: 3});
        return;
      }
      if (result.value && result.value.length) {
        request.queuedBytes += result.value.length;
        push({kind: 2, data: result.value, offset: 0});
      }
      request.pull();
    }, function(error) {
      request.reading = false;
      if (!request.finished) fail(error);
    });
  };
  if (timeout_seconds > 0) {
    request.overallTimer = setTimeout(function() {
      fail("timed out after " + timeout_seconds + " seconds: " + url);
    }, timeout_seconds * 1000);
  }
  armStallTimer();
  /* Node reports a 3xx as it is (like libcurl); a browser only follows or hides it. */
  var underNode = typeof process === "object" && process.versions && process.versions.node;
  var options = {method: method, headers: headers, redirect: underNode ? "manual" : "follow",
                 signal: controller.signal};
  var started;
  try {
    started = fetch(url, options);
  } catch (error) {
    started = Promise.reject(error);
  }
  started.then(function(response) {
    if (request.finished) return;
    var lines = "";
    response.headers.forEach(function(value, name) { lines += name + ": " + value + "\n"; });
    push({kind: 1, status: response.status, data: new TextEncoder().encode(lines), offset: 0});
    if (!response.body) {
      finish({kind: 3});
      return;
    }
    request.reader = response.body.getReader();
    request.pull();
  }, function(error) {
    if (!request.finished) fail(error);
  });
  return 1;
});

// Stops a request if it still runs and drops its queued events.
EM_JS(void, js_http_forget, (int client_id, int request_id), {
  var client = Module.spinHttpClients.get(client_id);
  if (!client) return;
  var request = client.requests.get(request_id);
  if (request) request.stop();
  client.queue = client.queue.filter(function(event) { return event.id !== request_id; });
});

// Moves the oldest event (or up to `capacity` bytes of it) into `buffer`. Returns its
// kind (EVENT_NONE when the queue is empty); the request id, HTTP status and byte count
// go to the out parameters.
EM_JS(int, js_http_next_event, (int client_id, unsigned char *buffer, int capacity, int *id_out,
                                int *status_out, int *length_out), {
  var client = Module.spinHttpClients.get(client_id);
  if (!client || client.queue.length === 0) return 0;
  var event = client.queue[0];
  var bytes = event.data;
  if (event.kind === 4) bytes = new TextEncoder().encode(event.text);
  var length = 0;
  if (bytes) {
    var offset = event.offset || 0;
    length = Math.min(capacity, bytes.length - offset);
    HEAPU8.set(bytes.subarray(offset, offset + length), buffer);
    event.offset = offset + length;
  }
  HEAP32[id_out >> 2] = event.id;
  HEAP32[status_out >> 2] = event.status || 0;
  HEAP32[length_out >> 2] = length;
  /* Headers and error text beyond the buffer are dropped; body bytes are not. */
  var whole = event.kind !== 2 || event.offset >= bytes.length;
  if (whole) client.queue.shift();
  if (event.kind === 2 && whole) {
    var request = client.requests.get(event.id);
    if (request) {
      request.queuedBytes -= bytes.length;
      request.pull();
    }
  }
  return event.kind;
});

spin_http *spin_http_new(void) {
  spin_http *http = calloc(1, sizeof *http);
  if (!http) return NULL;
  http->js_id = js_http_client_new();
  return http;
}

static void unlink_request(spin_http_request *request) {
  for (spin_http_request **p = &request->http->requests; *p; p = &(*p)->next)
    if (*p == request) { *p = request->next; return; }
}

static void finish(spin_http_request *request, int result, const char *error) {
  unlink_request(request);
  js_http_forget(request->http->js_id, request->id);
  if (request->callbacks.on_done) request->callbacks.on_done(request->context, result, error);
  free(request);
}

void spin_http_free(spin_http *http) {
  if (!http) return;
  while (http->requests) finish(http->requests, SPIN_HTTP_ABORTED, "the HTTP client was closed");
  js_http_client_free(http->js_id);
  free(http);
}

// Whether a header line is "Name: value" without line breaks (they would smuggle more).
static bool header_line_ok(const char *line) {
  return line && strchr(line, ':') && line[0] != ':' && !strpbrk(line, "\r\n");
}

// The header lines joined with '\n', the Range header last. NULL if one is unusable.
static char *join_header_lines(const spin_http_request_options *options) {
  size_t size = 64;
  for (size_t i = 0; i < options->header_count; i++) {
    if (!header_line_ok(options->headers[i])) return NULL;
    size += strlen(options->headers[i]) + 1;
  }
  char *text = malloc(size);
  if (!text) return NULL;
  size_t used = 0;
  for (size_t i = 0; i < options->header_count; i++)
    used += (size_t)snprintf(text + used, size - used, "%s\n", options->headers[i]);
  if (options->range_start >= 0)
    snprintf(text + used, size - used, "Range: bytes=%lld-\n", (long long)options->range_start);
  else text[used] = '\0';
  return text;
}

spin_http_request *spin_http_start(spin_http *http, const spin_http_request_options *options,
                                   const spin_http_callbacks *callbacks, void *context) {
  if (!http || !options || !options->method || !options->url || !callbacks) return NULL;
  if (strncmp(options->url, "http://", 7) != 0 && strncmp(options->url, "https://", 8) != 0)
    return NULL;
  char *header_lines = join_header_lines(options);
  if (!header_lines) return NULL;
  spin_http_request *request = calloc(1, sizeof *request);
  if (!request) { free(header_lines); return NULL; }
  *request = (spin_http_request){.http = http, .id = ++http->next_request_id,
                                 .callbacks = *callbacks, .context = context};
  long timeout = options->timeout_seconds > 0 && options->timeout_seconds < 86400
                   ? options->timeout_seconds : 0;
  bool started = js_http_start(http->js_id, request->id, options->method, options->url,
                               header_lines, (int)timeout);
  free(header_lines);
  if (!started) { free(request); return NULL; }
  request->next = http->requests;
  http->requests = request;
  return request;
}

void spin_http_cancel(spin_http_request *request) {
  if (!request) return;
  if (request == request->http->delivering) request->cancelled = true;
  else finish(request, SPIN_HTTP_ABORTED, "the request was cancelled");
}

static spin_http_request *find_request(spin_http *http, int id) {
  for (spin_http_request *r = http->requests; r; r = r->next)
    if (r->id == id) return r;
  return NULL;
}

// Splits "name: value\n" lines (in http->event, NUL-terminated) into http->headers.
static size_t parse_header_lines(spin_http *http) {
  size_t count = 0;
  char *line = (char *)http->event;
  while (*line && count < MAX_HEADERS) {
    char *end = strchr(line, '\n');
    if (!end) break;  // a line cut by the buffer's end is dropped
    *end = '\0';
    char *colon = strstr(line, ": ");
    if (colon) {
      *colon = '\0';
      http->headers[count++] = (spin_http_header){line, colon + 2};
    }
    line = end + 1;
  }
  return count;
}

static void deliver(spin_http_request *request, int kind, int status, size_t length) {
  spin_http *http = request->http;
  const spin_http_callbacks *callbacks = &request->callbacks;
  bool keep = true;
  switch (kind) {
    case EVENT_RESPONSE:
    case EVENT_BODY:
      // A callback may cancel its own request: finished here once it has returned.
      http->delivering = request;
      if (kind == EVENT_RESPONSE && callbacks->on_response)
        keep = callbacks->on_response(request->context, status, http->headers, parse_header_lines(http));
      else if (kind == EVENT_BODY && callbacks->on_body)
        keep = callbacks->on_body(request->context, http->event, length);
      http->delivering = NULL;
      if (request->cancelled) finish(request, SPIN_HTTP_ABORTED, "the request was cancelled");
      else if (!keep) finish(request, SPIN_HTTP_ABORTED, "the response was refused by its reader");
      break;
    case EVENT_DONE:
      finish(request, SPIN_HTTP_OK, NULL);
      break;
    default: {
      char message[600];
      snprintf(message, sizeof message, "%s", length ? (const char *)http->event : "fetch failed");
      finish(request, SPIN_HTTP_FAILED, message);
      break;
    }
  }
}

size_t spin_http_perform(spin_http *http) {
  if (!http) return 0;
  int kind, id, status, length;
  // Every event present now: events only arrive from JS continuations, so callbacks that
  // start requests cannot make this loop endless.
  while ((kind = js_http_next_event(http->js_id, http->event, EVENT_BUFFER_BYTES, &id, &status,
                                    &length)) != EVENT_NONE) {
    if (length < 0 || length > EVENT_BUFFER_BYTES) length = 0;
    http->event[length] = '\0';
    spin_http_request *request = find_request(http, id);
    if (request) deliver(request, kind, status, (size_t)length);
  }
  size_t in_flight = 0;
  for (spin_http_request *r = http->requests; r; r = r->next) in_flight++;
  return in_flight;
}

// A wasm host cannot sleep: this returns at once. Hosts return to their event loop
// instead and call spin_http_perform when Module.spinHttpWake fires (or on a timer).
void spin_http_wait(spin_http *http, int timeout_ms) {
  (void)http;
  (void)timeout_ms;
}
