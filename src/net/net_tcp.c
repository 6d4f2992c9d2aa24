/* TCP relays between the guest (lwIP pcbs) and the host (net_host.h handles), and port
 * forwards. A guest connection goes like this:
 *   1. the guest's SYN to D:P is held, not given to lwIP; the host connects to D:P
 *      (mapped: 10.0.2.2 is the host's loopback);
 *   2. refused: the guest gets a RST for its SYN, as from a closed port. Connected: a
 *      listening pcb on (any address):P exists or is made, the SYN is given to lwIP
 *      (as addressed to D: net_input), lwIP answers SYN-ACK from D:P and, once the guest
 *      ACKs, accepts a pcb whose local address is D;
 *   3. data flows both ways with flow control: bytes from the guest are acknowledged to
 *      lwIP (tcp_recved, which opens its window) only once the host socket took them;
 *      bytes from the host wait in a bounded buffer while lwIP's send buffer is full and
 *      the host socket is paused meanwhile;
 *   4. a FIN either way becomes a shutdown the other way once the data before it is
 *      through; a reset either way aborts the other side.
 * A forward: the host listens; each accepted connection becomes an lwIP connection from
 * 10.0.2.2 to the guest's port, then step 3. */
#include "net/net_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"

#define HOST_BUFFER_MAX (256u << 10) /* host -> guest bytes held per connection */
#define CONNECT_TIMEOUT_MS 75000u
#define HANDSHAKE_TIMEOUT_MS 30000u
#define LISTENER_IDLE_MS 30000u
#define MAX_LISTENERS 128
#define MAX_SYN_FRAME 1518u /* a SYN is held whole; a guest at MTU 1500 never sends more */

typedef enum {
    CONN_FREE,
    CONN_HOST_CONNECTING, /* the guest's SYN is held while the host connects */
    CONN_HANDSHAKE,       /* the SYN went to lwIP; waiting for its accept */
    CONN_GUEST_CONNECTING,/* a forward: lwIP connects to the guest */
    CONN_OPEN,
} conn_state;

typedef struct net_conn {
    conn_state state;
    spin_net *net;
    int handle;
    struct tcp_pcb *pcb;
    net_flow flow;
    uint64_t since_ms;
    uint8_t *syn; /* the held SYN frame */
    size_t syn_len;
    /* host -> guest */
    uint8_t *to_guest;
    size_t to_guest_len;
    bool host_eof, guest_shut, paused;
    /* guest -> host */
    struct pbuf *to_host;
    size_t to_host_offset;
    bool guest_eof, host_shut;
} net_conn;

typedef struct listener {
    struct tcp_pcb *pcb;
    uint16_t port;
    uint64_t used_ms;
} listener;

typedef struct forward {
    int handle;
    uint16_t guest_port;
} forward;

struct net_tcp_state {
    net_conn conns[SPIN_NET_MAX_TCP];
    listener listeners[MAX_LISTENERS];
    forward forwards[SPIN_NET_MAX_FORWARDS];
    size_t forward_count;
    /* The pcb conn_end last aborted: a callback of lwIP must answer ERR_ABRT then, and
     * only then. */
    struct tcp_pcb *aborted;
};

static const spin_net_host_ops *ops(const net_conn *c) { return c->net->host.ops; }
static void *host(const net_conn *c) { return c->net->host.opaque; }

static net_conn *by_handle(spin_net *net, int handle) {
    for (size_t i = 0; i < SPIN_NET_MAX_TCP; i++) {
        net_conn *c = &net->tcp->conns[i];
        if (c->state != CONN_FREE && c->handle == handle) return c;
    }
    return NULL;
}

static net_conn *by_flow(spin_net *net, const net_flow *f) {
    for (size_t i = 0; i < SPIN_NET_MAX_TCP; i++) {
        net_conn *c = &net->tcp->conns[i];
        if (c->state != CONN_FREE && c->handle >= 0 && !memcmp(&c->flow, f, sizeof *f)) return c;
    }
    return NULL;
}

static net_conn *new_conn(spin_net *net) {
    for (size_t i = 0; i < SPIN_NET_MAX_TCP; i++) {
        net_conn *c = &net->tcp->conns[i];
        if (c->state == CONN_FREE) {
            *c = (net_conn){.net = net, .handle = -1, .since_ms = net_now_ms(net)};
            return c;
        }
    }
    return NULL;
}

static void detach_pcb(net_conn *c) {
    if (!c->pcb) return;
    tcp_arg(c->pcb, NULL);
    tcp_recv(c->pcb, NULL);
    tcp_sent(c->pcb, NULL);
    tcp_err(c->pcb, NULL);
}

/* Ends a relay: reset aborts both sides, else both are closed gracefully (lwIP finishes
 * sending what it holds). */
static void conn_end(net_conn *c, bool reset) {
    if (c->pcb) {
        detach_pcb(c);
        if (reset || tcp_close(c->pcb) != ERR_OK) {
            c->net->tcp->aborted = c->pcb;
            tcp_abort(c->pcb);
        }
        c->pcb = NULL;
    }
    if (c->handle >= 0) ops(c)->tcp_close(host(c), c->handle, reset);
    free(c->syn);
    free(c->to_guest);
    if (c->to_host) pbuf_free(c->to_host);
    c->state = CONN_FREE;
}

/* A RST for a held SYN: the guest sees a closed port. */
static void refuse_syn(spin_net *net, const net_flow *f, const uint8_t *syn, size_t len) {
    size_t ip_header = (size_t)(syn[14] & 0xf) * 4;
    const uint8_t *tcp = syn + 14 + ip_header;
    if (len < 14 + ip_header + 8) return;
    uint32_t seq = (uint32_t)tcp[4] << 24 | (uint32_t)tcp[5] << 16 | (uint32_t)tcp[6] << 8 | tcp[7];
    ip_addr_t local = net_lwip_addr(f->dst_ip), remote = net_lwip_addr(f->guest_ip);
    tcp_rst(NULL, 0, seq + 1, &local, &remote, f->dst_port, f->guest_port);
    net->stats.tcp_refused++;
}

static void refuse(net_conn *c) {
    if (c->syn) refuse_syn(c->net, &c->flow, c->syn, c->syn_len);
    conn_end(c, false);
}

static void done_if_finished(net_conn *c) {
    if (c->guest_eof && c->host_shut && c->host_eof && c->guest_shut) conn_end(c, false);
}

// ---- guest -> host -------------------------------------------------------------------

/* Sends what the guest sent as far as the host socket takes it; tells lwIP what went. */
static void push_to_host(net_conn *c) {
    while (c->to_host) {
        struct pbuf *p = c->to_host;
        long n = 0;
        if (p->len > c->to_host_offset) {
            n = ops(c)->tcp_send(host(c), c->handle, (const uint8_t *)p->payload + c->to_host_offset,
                                 p->len - c->to_host_offset);
            if (n < 0) {
                conn_end(c, true);
                return;
            }
            if (n > 0 && c->pcb) tcp_recved(c->pcb, (u16_t)n);
            c->to_host_offset += (size_t)n;
        }
        if (c->to_host_offset < p->len) return; /* the host is full: wait for writable */
        c->to_host = p->next;
        if (p->next) pbuf_ref(p->next);
        pbuf_free(p);
        c->to_host_offset = 0;
    }
    if (c->guest_eof && !c->host_shut) {
        c->host_shut = true;
        ops(c)->tcp_shutdown(host(c), c->handle);
        done_if_finished(c);
    }
}

/* What an lwIP callback about pcb returns after handling it. */
static err_t verdict(spin_net *net, struct tcp_pcb *pcb) {
    bool aborted = net->tcp->aborted == pcb;
    net->tcp->aborted = NULL;
    return aborted ? ERR_ABRT : ERR_OK;
}

static err_t on_guest_data(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err) {
    net_conn *c = arg;
    if (!c) {
        if (p) pbuf_free(p);
        return ERR_OK;
    }
    if (!p || err != ERR_OK) {
        c->guest_eof = true;
        if (p) pbuf_free(p);
    } else if (c->to_host) {
        pbuf_cat(c->to_host, p);
    } else {
        c->to_host = p;
        c->to_host_offset = 0;
    }
    spin_net *net = c->net;
    net->tcp->aborted = NULL;
    push_to_host(c); /* may end the relay */
    return verdict(net, pcb);
}

// ---- host -> guest -------------------------------------------------------------------

static void set_paused(net_conn *c, bool paused) {
    if (c->paused == paused || c->handle < 0) return;
    c->paused = paused;
    ops(c)->tcp_pause(host(c), c->handle, paused);
}

/* Writes what the host sent into lwIP as far as its send buffer goes. */
static void push_to_guest(net_conn *c) {
    if (c->state != CONN_OPEN || !c->pcb) return;
    size_t done = 0;
    while (done < c->to_guest_len) {
        size_t room = tcp_sndbuf(c->pcb), n = c->to_guest_len - done;
        if (n > room) n = room;
        if (n > 0xffff) n = 0xffff;
        if (n == 0 || tcp_write(c->pcb, c->to_guest + done, (u16_t)n, TCP_WRITE_FLAG_COPY) != ERR_OK) break;
        done += n;
    }
    if (done) {
        memmove(c->to_guest, c->to_guest + done, c->to_guest_len - done);
        c->to_guest_len -= done;
        tcp_output(c->pcb);
    }
    set_paused(c, c->to_guest_len > 0);
    if (c->host_eof && !c->to_guest_len && !c->guest_shut) {
        c->guest_shut = true;
        tcp_shutdown(c->pcb, 0, 1);
        done_if_finished(c);
    }
}

static err_t on_guest_acked(void *arg, struct tcp_pcb *pcb, u16_t len) {
    (void)len;
    net_conn *c = arg;
    if (!c) return ERR_OK;
    spin_net *net = c->net;
    net->tcp->aborted = NULL;
    push_to_guest(c);
    return verdict(net, pcb);
}

static void on_guest_error(void *arg, err_t err) {
    net_conn *c = arg;
    (void)err;
    if (!c) return;
    c->pcb = NULL; /* lwIP freed it */
    conn_end(c, true);
}

static void attach(net_conn *c, struct tcp_pcb *pcb) {
    c->pcb = pcb;
    c->state = CONN_OPEN;
    tcp_arg(pcb, c);
    tcp_recv(pcb, on_guest_data);
    tcp_sent(pcb, on_guest_acked);
    tcp_err(pcb, on_guest_error);
    tcp_nagle_disable(pcb);
    free(c->syn);
    c->syn = NULL;
}

// ---- guest connections ---------------------------------------------------------------

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err) {
    spin_net *net = arg;
    if (err != ERR_OK || !pcb) return ERR_VAL;
    net_flow f = {net_host_addr(&pcb->remote_ip), net_host_addr(&pcb->local_ip), pcb->remote_port,
                  pcb->local_port};
    net_conn *c = by_flow(net, &f);
    if (!c || c->state != CONN_HANDSHAKE) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    net->tcp->aborted = NULL;
    attach(c, pcb);
    net->stats.tcp_opened++;
    push_to_guest(c);
    return verdict(net, pcb);
}

/* A listening pcb on (any):port, made on demand; idle ones are closed by the timers. */
static bool listen_on(spin_net *net, uint16_t port) {
    listener *free_slot = NULL;
    for (size_t i = 0; i < MAX_LISTENERS; i++) {
        listener *l = &net->tcp->listeners[i];
        if (l->pcb && l->port == port) {
            l->used_ms = net_now_ms(net);
            return true;
        }
        if (!l->pcb && !free_slot) free_slot = l;
    }
    if (!free_slot) return false;
    struct tcp_pcb *pcb = tcp_new();
    if (!pcb) return false;
    ip_set_option(pcb, SOF_REUSEADDR);
    struct tcp_pcb *lpcb = NULL;
    if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK || !(lpcb = tcp_listen(pcb))) {
        tcp_abort(pcb);
        return false;
    }
    tcp_arg(lpcb, net);
    tcp_accept(lpcb, on_accept);
    *free_slot = (listener){lpcb, port, net_now_ms(net)};
    return true;
}

void net_tcp_from_guest(spin_net *net, const uint8_t *frame, size_t len, const net_flow *f, bool syn) {
    net_conn *c = by_flow(net, f);
    if (!syn || (c && c->state != CONN_HOST_CONNECTING)) {
        /* A segment of a connection lwIP knows (or a stray one it resets). */
        net_input(net, frame, len, f->dst_ip);
        return;
    }
    if (c || len > MAX_SYN_FRAME) return; /* the SYN again while the host still connects */
    uint32_t ip;
    uint16_t port;
    c = new_conn(net);
    if (!c || !net_map_destination(net, f->dst_ip, f->dst_port, false, &ip, &port)) {
        refuse_syn(net, f, frame, len);
        return;
    }
    c->flow = *f;
    c->syn = malloc(len);
    if (!c->syn) return;
    memcpy(c->syn, frame, len);
    c->syn_len = len;
    c->state = CONN_HOST_CONNECTING;
    c->handle = net->host.ops->tcp_connect(net->host.opaque, ip, port);
    if (c->handle < 0) refuse(c);
}

void spin_net_host_connected(spin_net *net, int handle, bool ok) {
    net_conn *c = by_handle(net, handle);
    if (!c || c->state != CONN_HOST_CONNECTING) return;
    if (!ok) {
        refuse(c);
        return;
    }
    set_paused(c, true); /* nothing to the guest until lwIP accepted */
    if (!listen_on(net, c->flow.dst_port)) {
        refuse(c);
        return;
    }
    c->state = CONN_HANDSHAKE;
    c->since_ms = net_now_ms(net);
    net_input(net, c->syn, c->syn_len, c->flow.dst_ip);
}

// ---- host events ---------------------------------------------------------------------

void spin_net_host_data(spin_net *net, int handle, const uint8_t *data, size_t len) {
    net_conn *c = by_handle(net, handle);
    if (!c || c->host_eof) return;
    if (len == 0) {
        c->host_eof = true;
    } else {
        if (c->to_guest_len + len > HOST_BUFFER_MAX) { /* the backend ignored the pause */
            conn_end(c, true);
            return;
        }
        uint8_t *more = realloc(c->to_guest, c->to_guest_len + len);
        if (!more) {
            conn_end(c, true);
            return;
        }
        memcpy(more + c->to_guest_len, data, len);
        c->to_guest = more;
        c->to_guest_len += len;
    }
    push_to_guest(c);
}

void spin_net_host_failed(spin_net *net, int handle) {
    net_conn *c = by_handle(net, handle);
    if (!c) return;
    if (c->state == CONN_HOST_CONNECTING) {
        refuse(c);
        return;
    }
    conn_end(c, true);
}

void spin_net_host_writable(spin_net *net, int handle) {
    net_conn *c = by_handle(net, handle);
    if (c && c->state == CONN_OPEN) push_to_host(c);
}

// ---- port forwards -------------------------------------------------------------------

static err_t on_guest_connected(void *arg, struct tcp_pcb *pcb, err_t err) {
    net_conn *c = arg;
    if (!c || err != ERR_OK) return ERR_VAL;
    spin_net *net = c->net;
    net->tcp->aborted = NULL;
    attach(c, pcb);
    net->stats.tcp_opened++;
    push_to_guest(c); /* what the host sent meanwhile; resumes it */
    return verdict(net, pcb);
}

void spin_net_host_accepted(spin_net *net, int listener_handle, int handle) {
    net_tcp_state *t = net->tcp;
    const forward *fw = NULL;
    for (size_t i = 0; i < t->forward_count; i++)
        if (t->forwards[i].handle == listener_handle) fw = &t->forwards[i];
    net_conn *c = fw ? new_conn(net) : NULL;
    struct tcp_pcb *pcb = c ? tcp_new() : NULL;
    if (!pcb) {
        net->host.ops->tcp_close(net->host.opaque, handle, true);
        return;
    }
    c->handle = handle;
    c->pcb = pcb;
    c->state = CONN_GUEST_CONNECTING;
    c->flow = (net_flow){SPIN_NET_GUEST_IP, SPIN_NET_GATEWAY_IP, fw->guest_port, 0};
    set_paused(c, true);
    tcp_arg(pcb, c);
    tcp_err(pcb, on_guest_error);
    ip_addr_t local = net_lwip_addr(SPIN_NET_GATEWAY_IP), guest = net_lwip_addr(SPIN_NET_GUEST_IP);
    if (tcp_bind(pcb, &local, 0) != ERR_OK || tcp_connect(pcb, &guest, fw->guest_port, on_guest_connected) != ERR_OK)
        conn_end(c, true);
}

int spin_net_forward_tcp(spin_net *net, uint32_t bind_ip, uint16_t host_port, uint16_t guest_port,
                         char *error, size_t error_size) {
    net_tcp_state *t = net->tcp;
    if (t->forward_count == SPIN_NET_MAX_FORWARDS) {
        snprintf(error, error_size, "too many port forwards (at most %d)", SPIN_NET_MAX_FORWARDS);
        return -1;
    }
    if (guest_port == 0) {
        snprintf(error, error_size, "port 0 cannot be forwarded");
        return -1;
    }
    int h = net->host.ops->listen(net->host.opaque, bind_ip, host_port, error, error_size);
    if (h < 0) return -1;
    t->forwards[t->forward_count++] = (forward){h, guest_port};
    return 0;
}

// ---- timers and life -----------------------------------------------------------------

void net_tcp_timers(spin_net *net) {
    uint64_t now = net_now_ms(net);
    for (size_t i = 0; i < SPIN_NET_MAX_TCP; i++) {
        net_conn *c = &net->tcp->conns[i];
        if (c->state == CONN_HOST_CONNECTING && now - c->since_ms > CONNECT_TIMEOUT_MS) refuse(c);
        else if (c->state == CONN_HANDSHAKE && now - c->since_ms > HANDSHAKE_TIMEOUT_MS) conn_end(c, true);
    }
    for (size_t i = 0; i < MAX_LISTENERS; i++) {
        listener *l = &net->tcp->listeners[i];
        bool waiting = false;
        for (size_t k = 0; k < SPIN_NET_MAX_TCP && l->pcb; k++)
            waiting |= net->tcp->conns[k].state == CONN_HANDSHAKE && net->tcp->conns[k].flow.dst_port == l->port;
        if (l->pcb && !waiting && now - l->used_ms > LISTENER_IDLE_MS) {
            tcp_close(l->pcb);
            l->pcb = NULL;
        }
    }
}

net_tcp_state *net_tcp_create(spin_net *net) {
    (void)net;
    return calloc(1, sizeof(net_tcp_state));
}

void net_tcp_destroy(spin_net *net) {
    net_tcp_state *t = net->tcp;
    for (size_t i = 0; i < SPIN_NET_MAX_TCP; i++)
        if (t->conns[i].state != CONN_FREE) conn_end(&t->conns[i], true);
    for (size_t i = 0; i < MAX_LISTENERS; i++)
        if (t->listeners[i].pcb) tcp_close(t->listeners[i].pcb);
    for (size_t i = 0; i < t->forward_count; i++)
        net->host.ops->tcp_close(net->host.opaque, t->forwards[i].handle, false);
    /* What lwIP still holds (closing and TIME_WAIT pcbs) goes with the stack. */
    while (tcp_active_pcbs) tcp_abort(tcp_active_pcbs);
    while (tcp_tw_pcbs) tcp_abort(tcp_tw_pcbs);
    free(t);
    net->tcp = NULL;
}
