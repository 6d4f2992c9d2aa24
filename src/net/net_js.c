/* net_host.h over Module.spinNet (net_js.h). Addresses cross as unsigned 32-bit numbers
 * in host byte order; data as (pointer, length) into the wasm memory, copied by the
 * other side before the call returns. */
#include "net/net_js.h"

#include <emscripten.h>
#include <stddef.h>
#include <stdio.h>

static spin_net *attached;

EM_JS(int, js_available, (void), { return Module.spinNet ? 1 : 0; });
EM_JS(int, js_tcp_connect, (uint32_t ip, int port), { return Module.spinNet.tcpConnect(ip >>> 0, port); });
EM_JS(double, js_tcp_send, (int h, const uint8_t *data, size_t len), {
    return Module.spinNet.tcpSend(h, HEAPU8.slice(data, data + len));
});
EM_JS(void, js_tcp_shutdown, (int h), { Module.spinNet.tcpShutdown(h); });
EM_JS(void, js_tcp_close, (int h, int reset), { Module.spinNet.tcpClose(h, reset !== 0); });
EM_JS(void, js_tcp_pause, (int h, int paused), { Module.spinNet.tcpPause(h, paused !== 0); });
EM_JS(int, js_listen, (uint32_t ip, int port), { return Module.spinNet.listen(ip >>> 0, port); });
EM_JS(int, js_udp_open, (void), { return Module.spinNet.udpOpen(); });
EM_JS(void, js_udp_send, (int h, uint32_t ip, int port, const uint8_t *data, size_t len), {
    Module.spinNet.udpSend(h, ip >>> 0, port, HEAPU8.slice(data, data + len));
});
EM_JS(void, js_udp_close, (int h), { Module.spinNet.udpClose(h); });

static int op_tcp_connect(void *o, uint32_t ip, uint16_t port) {
    (void)o;
    return js_tcp_connect(ip, port);
}
static long op_tcp_send(void *o, int h, const uint8_t *data, size_t len) {
    (void)o;
    return (long)js_tcp_send(h, data, len);
}
static void op_tcp_shutdown(void *o, int h) {
    (void)o;
    js_tcp_shutdown(h);
}
static void op_tcp_close(void *o, int h, bool reset) {
    (void)o;
    js_tcp_close(h, reset);
}
static void op_tcp_pause(void *o, int h, bool paused) {
    (void)o;
    js_tcp_pause(h, paused);
}
/* Node listens asynchronously: a port in use is reported by the JS side when it knows. */
static int op_listen(void *o, uint32_t ip, uint16_t port, char *error, size_t error_size) {
    (void)o;
    int h = js_listen(ip, port);
    if (h < 0) snprintf(error, error_size, "cannot listen on port %u", port);
    return h;
}
static int op_udp_open(void *o) {
    (void)o;
    return js_udp_open();
}
static void op_udp_send(void *o, int h, uint32_t ip, uint16_t port, const uint8_t *data, size_t len) {
    (void)o;
    js_udp_send(h, ip, port, data, len);
}
static void op_udp_close(void *o, int h) {
    (void)o;
    js_udp_close(h);
}

static const spin_net_host_ops js_ops = {
    .tcp_connect = op_tcp_connect, .tcp_send = op_tcp_send, .tcp_shutdown = op_tcp_shutdown,
    .tcp_close = op_tcp_close, .tcp_pause = op_tcp_pause, .listen = op_listen,
    .udp_open = op_udp_open, .udp_send = op_udp_send, .udp_close = op_udp_close,
};

bool spin_net_js_available(void) { return js_available() != 0; }
spin_net_host spin_net_js_host(void) { return (spin_net_host){&js_ops, NULL}; }
void spin_net_js_attach(spin_net *net) { attached = net; }

/* The events, exported to the JS side (each a no-op without an attached stack). */
EMSCRIPTEN_KEEPALIVE void spin_net_js_connected(int h, int ok) {
    if (attached) spin_net_host_connected(attached, h, ok != 0);
}
EMSCRIPTEN_KEEPALIVE void spin_net_js_data(int h, const uint8_t *data, int len) {
    if (attached && len >= 0) spin_net_host_data(attached, h, data, (size_t)len);
}
EMSCRIPTEN_KEEPALIVE void spin_net_js_failed(int h) {
    if (attached) spin_net_host_failed(attached, h);
}
EMSCRIPTEN_KEEPALIVE void spin_net_js_writable(int h) {
    if (attached) spin_net_host_writable(attached, h);
}
EMSCRIPTEN_KEEPALIVE void spin_net_js_accepted(int listener, int h) {
    if (attached) spin_net_host_accepted(attached, listener, h);
}
EMSCRIPTEN_KEEPALIVE void spin_net_js_datagram(int h, uint32_t ip, int port, const uint8_t *data, int len) {
    if (attached && len >= 0 && port >= 0 && port <= 65535)
        spin_net_host_datagram(attached, h, ip, (uint16_t)port, data, (size_t)len);
}
