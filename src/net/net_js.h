/*
 * The JavaScript host of net_host.h (wasm builds): each op calls Module.spinNet, an
 * object the embedder provides (the npm package's worker: node/lib/net.js, over Node's
 * `net` and `dgram`), and the embedder reports what happened through the exported
 * spin_net_js_* functions, which hand it to the stack attached here. docs/net.md has the
 * contract; handles are the JS side's.
 */
#ifndef SPIN_NET_JS_H
#define SPIN_NET_JS_H

#include <stdbool.h>

#include "net/net_host.h"

/* Whether the embedder provides Module.spinNet. */
bool spin_net_js_available(void);
/* The ops (valid when available). */
spin_net_host spin_net_js_host(void);
/* Where the exported events go (NULL: dropped). */
void spin_net_js_attach(spin_net *net);

#endif
