// spin run's network (launch_net.h).
#define _POSIX_C_SOURCE 200809L  // clock_gettime, strdup
#include "cli/launch_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/net_stack.h"
#include "oci/files.h"
#ifdef __EMSCRIPTEN__
#include "net/net_js.h"
#else
#include "net/net_posix.h"
#endif

#define MAX_RESOLV_CONF (64u << 10)

// One -p: where the host listens and the guest's port.
typedef struct {
  uint32_t bind_ip;
  uint16_t host_port, guest_port;
} publish;

struct spin_launch_net {
  spin_net *stack;
#ifndef __EMSCRIPTEN__
  spin_net_posix *sockets;
#endif
  spin_container *container;
};

static bool parse_port(const char *text, size_t len, uint16_t *port) {
  if (len == 0 || len > 5) return false;
  unsigned long n = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] < '0' || text[i] > '9') return false;
    n = n * 10 + (unsigned long)(text[i] - '0');
  }
  if (n == 0 || n > 65535) return false;
  *port = (uint16_t)n;
  return true;
}

// "[IP:]HOSTPORT:GUESTPORT[/tcp]".
static int parse_publish(const char *arg, publish *p, char *error, size_t error_size) {
  char text[64];
  if (strlen(arg) >= sizeof text) goto bad;
  strcpy(text, arg);
  char *proto = strchr(text, '/');
  if (proto) {
    if (strcmp(proto, "/tcp") != 0) {
      snprintf(error, error_size, "-p %s: only TCP ports can be published for now", arg);
      return -1;
    }
    *proto = '\0';
  }
  char *last = strrchr(text, ':');
  if (!last) goto bad;
  char *host_port = text;
  p->bind_ip = SPIN_NET_LOOPBACK_IP;
  char *first = strchr(text, ':');
  if (first != last) {  // IP:HOSTPORT:GUESTPORT
    *first = '\0';
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) != 1) goto bad;
    p->bind_ip = ntohl(a.s_addr);
    host_port = first + 1;
  }
  if (!parse_port(host_port, (size_t)(last - host_port), &p->host_port) ||
      !parse_port(last + 1, strlen(last + 1), &p->guest_port))
    goto bad;
  return 0;
bad:
  snprintf(error, error_size, "-p takes [IP:]HOSTPORT:GUESTPORT[/tcp], not '%.64s'", arg);
  return -1;
}

// The host's first IPv4 name server (resolv.conf), or $SPIN_DNS ("IP" or "IP:PORT":
// a test's or a developer's own server). 0 when there is none.
static void name_server(uint32_t *ip, uint16_t *port) {
  *ip = 0;
  *port = 53;
  const char *env = getenv("SPIN_DNS");
  char *conf = env && env[0] ? strdup(env) : spin_read_file("/etc/resolv.conf", MAX_RESOLV_CONF, NULL);
  if (!conf) return;
  char *line = conf, *text = NULL;
  if (env && env[0]) text = conf;
  while (!text && line && *line) {
    char *next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if (strncmp(line, "nameserver", 10) == 0 && (line[10] == ' ' || line[10] == '\t')) {
      text = line + 11;
      text += strspn(text, " \t");
      text[strcspn(text, " \t\r")] = '\0';
      struct in_addr probe;
      if (inet_pton(AF_INET, text, &probe) != 1) text = NULL;  // IPv6: the next one
    }
    line = next;
  }
  if (text) {
    char *colon = strchr(text, ':');
    uint16_t p;
    if (colon && parse_port(colon + 1, strlen(colon + 1), &p)) {
      *colon = '\0';
      *port = p;
    }
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) == 1) *ip = ntohl(a.s_addr);
  }
  free(conf);
}

static uint64_t monotonic_ms(void *opaque) {
  (void)opaque;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static bool to_guest(void *opaque, const uint8_t *frame, size_t len) {
  spin_launch_net *net = opaque;
  return net->container && spin_container_net_input(net->container, frame, len);
}

int spin_launch_net_create(const spin_cli_args *args, spin_launch_net **out, char *error, size_t error_size) {
  *out = NULL;
  bool wanted = true;
  if (args->network) {
    if (!strcmp(args->network, "none")) wanted = false;
    else if (strcmp(args->network, "default") && strcmp(args->network, "bridge")) {
      snprintf(error, error_size, "--network takes none, default or bridge, not '%.64s'", args->network);
      return -1;
    }
  }
  publish forwards[SPIN_CLI_MAX_LIST];
  for (size_t i = 0; i < args->publish_count; i++)
    if (parse_publish(args->publish[i], &forwards[i], error, error_size)) return -1;
  if (!wanted && args->publish_count) {
    snprintf(error, error_size, "-p needs a network: it cannot go with --network none");
    return -1;
  }
  if (!wanted) return 0;
  // One stack per process (lwIP): a second container at once (the npm package's worker
  // runs several) goes without a network unless it asked for forwards.
  if (spin_net_in_use()) {
    if (!args->publish_count) return 0;
    snprintf(error, error_size, "-p: another container of this process has the network (one at a time)");
    return -1;
  }
#ifdef __EMSCRIPTEN__
  if (!spin_net_js_available()) {  // an embedder without host sockets
    if (!args->publish_count) return 0;  // the container runs without a network
    snprintf(error, error_size, "-p (port forwarding) needs host sockets, which this host does not provide");
    return -1;
  }
#endif
  spin_launch_net *net = calloc(1, sizeof *net);
#ifdef __EMSCRIPTEN__
  spin_net_host host = spin_net_js_host();
#else
  if (net && !(net->sockets = spin_net_posix_create())) {
    free(net);
    net = NULL;
  }
  spin_net_host host = net ? spin_net_posix_host(net->sockets) : (spin_net_host){0};
#endif
  if (!net) {
    snprintf(error, error_size, "out of memory");
    return -1;
  }
  spin_net_config config = {.now_ms = monotonic_ms, .to_guest = to_guest, .opaque = net};
  name_server(&config.dns_ip, &config.dns_port);
  char *err = NULL;
  net->stack = spin_net_create(&config, &host, &err);
  if (!net->stack) {
    snprintf(error, error_size, "cannot make the container's network: %s", err ? err : "out of memory");
    free(err);
    spin_launch_net_destroy(net);
    return -1;
  }
#ifdef __EMSCRIPTEN__
  spin_net_js_attach(net->stack);
#else
  spin_net_posix_attach(net->sockets, net->stack);
#endif
  for (size_t i = 0; i < args->publish_count; i++) {
    char why[256];
    if (spin_net_forward_tcp(net->stack, forwards[i].bind_ip, forwards[i].host_port, forwards[i].guest_port, why,
                             sizeof why)) {
      snprintf(error, error_size, "-p %s: %s", args->publish[i], why);
      spin_launch_net_destroy(net);
      return -1;
    }
  }
  *out = net;
  return 0;
}

void spin_launch_net_destroy(spin_launch_net *net) {
  if (!net) return;
  spin_net_destroy(net->stack);
#ifdef __EMSCRIPTEN__
  spin_net_js_attach(NULL);
#else
  spin_net_posix_destroy(net->sockets);
#endif
  free(net);
}

void spin_launch_net_bind(spin_launch_net *net, spin_container *container) { net->container = container; }

void spin_launch_net_from_guest(spin_launch_net *net, const uint8_t *frame, size_t len) {
  spin_net_from_guest(net->stack, frame, len);
}

bool spin_launch_net_poll(spin_launch_net *net) {
#ifndef __EMSCRIPTEN__
  spin_net_posix_poll(net->sockets);
#endif
  return spin_net_poll(net->stack);
}

size_t spin_launch_net_fds(spin_launch_net *net, struct pollfd *fds, size_t max) {
#ifndef __EMSCRIPTEN__
  return spin_net_posix_fds(net->sockets, fds, max);
#else
  (void)net;
  (void)fds;
  (void)max;
  return 0;
#endif
}
