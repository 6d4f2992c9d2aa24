/* The control channel to the host. The host names a virtio-serial port "spin.control"
 * (a plain port, not a console port: the kernel refuses to open console ports as
 * /dev/vport*); ports.c finds it.
 *
 * The port is non-blocking: the kernel blocks writes for as long as no host program has
 * the port open, and PID 1 must never hang on its way to power-off. A message that
 * cannot be sent within SEND_WAIT_MS is dropped, and so is everything after it. */
#include "channel.h"
#include "ports.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SEND_WAIT_MS 10000

int channel_open(struct channel *ch)
{
    memset(ch, 0, sizeof *ch);
    ch->fd = port_open(CONTROL_PORT_NAME, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (ch->fd >= 0) {
        ch->is_port = true;
        return 0;
    }
    ch->fd = open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC);
    return ch->fd >= 0 ? 0 : -1;
}

/* Waits until fd is ready for events, at most ms (-1: forever). 1 ready, 0 timed out. */
static int wait_fd(int fd, short events, int ms)
{
    struct pollfd p = { .fd = fd, .events = events };
    int n;
    while ((n = poll(&p, 1, ms)) < 0 && errno == EINTR)
        ;
    return n > 0;
}

static int send_bytes(struct channel *ch, const char *p, size_t len)
{
    while (len > 0 && !ch->dead) {
        ssize_t n = write(ch->fd, p, len);
        if (n >= 0) {
            p += n;
            len -= (size_t)n;
        } else if (errno == EAGAIN) {
            if (!wait_fd(ch->fd, POLLOUT, SEND_WAIT_MS))
                ch->dead = true;
        } else if (errno != EINTR) {
            ch->dead = true;
        }
    }
    return ch->dead ? -1 : 0;
}

int channel_send(struct channel *ch, const char *line)
{
    size_t n = strlen(line);
    char *msg = malloc(n + 1);
    if (!msg)
        return -1;
    memcpy(msg, line, n);
    msg[n] = '\n';
    int rc = send_bytes(ch, msg, n + 1);
    free(msg);
    return rc;
}

char *channel_take_line(struct channel *ch)
{
    char *nl = ch->len ? memchr(ch->buf, '\n', ch->len) : NULL;
    if (!nl)
        return NULL;
    size_t linelen = (size_t)(nl - ch->buf);
    char *line = malloc(linelen + 1);
    if (!line)
        return NULL;
    memcpy(line, ch->buf, linelen);
    line[linelen] = '\0';
    ch->len -= linelen + 1;
    memmove(ch->buf, nl + 1, ch->len);
    return line;
}

int channel_fill(struct channel *ch)
{
    if (ch->cap - ch->len < 4096) {
        size_t cap = ch->cap ? ch->cap * 2 : 8192;
        char *bigger = realloc(ch->buf, cap);
        if (!bigger)
            return -1;
        ch->buf = bigger;
        ch->cap = cap;
    }
    ssize_t n;
    do
        n = read(ch->fd, ch->buf + ch->len, ch->cap - ch->len);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return 0;
    if (n <= 0)
        return -1;
    ch->len += (size_t)n;
    return 1;
}

char *channel_read_line(struct channel *ch)
{
    for (;;) {
        char *line = channel_take_line(ch);
        if (line)
            return line;
        int got = channel_fill(ch);
        if (got < 0)
            return NULL;
        if (got == 0)
            wait_fd(ch->fd, POLLIN, -1);
    }
}
