/* The control channel to the host. The host names a virtio-serial port "spin.control"
 * (a plain port, not a console port: the kernel refuses to open console ports as
 * /dev/vport*). Port names arrive from the host through virtio control messages handled
 * by a kernel work queue, so a name can still be empty just after boot: while an
 * unnamed port exists the search is retried for a short while.
 *
 * The port is non-blocking: the kernel blocks writes for as long as no host program has
 * the port open, and PID 1 must never hang on its way to power-off. A message that
 * cannot be sent within SEND_WAIT_MS is dropped, and so is everything after it. */
#include "channel.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PORTS_DIR "/sys/class/virtio-ports"
#define NAME_WAIT_MS 1000
#define NAME_POLL_MS 5
#define SEND_WAIT_MS 10000

enum search { FOUND, ABSENT, UNNAMED };

/* One pass over the ports. On FOUND, *fd is the opened port. */
static enum search find_port(int *fd)
{
    DIR *dir = opendir(PORTS_DIR);
    if (!dir)
        return ABSENT;      /* no virtio console device at all */
    enum search result = ABSENT;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[sizeof PORTS_DIR + 256 + 8];
        snprintf(path, sizeof path, PORTS_DIR "/%s/name", e->d_name);
        char *name = read_file(path);
        if (!name)
            continue;
        name[strcspn(name, "\n")] = '\0';
        if (strcmp(name, CONTROL_PORT_NAME) == 0) {
            snprintf(path, sizeof path, "/dev/%s", e->d_name);
            *fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
            if (*fd >= 0) {
                free(name);
                result = FOUND;
                break;
            }
        } else if (name[0] == '\0') {
            result = UNNAMED;
        }
        free(name);
    }
    closedir(dir);
    return result;
}

int channel_open(struct channel *ch)
{
    memset(ch, 0, sizeof *ch);
    for (int waited = 0;; waited += NAME_POLL_MS) {
        enum search s = find_port(&ch->fd);
        if (s == FOUND) {
            ch->is_port = true;
            return 0;
        }
        if (s == ABSENT || waited >= NAME_WAIT_MS)
            break;
        nanosleep(&(struct timespec){ 0, NAME_POLL_MS * 1000000L }, NULL);
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

char *channel_read_line(struct channel *ch)
{
    size_t scanned = 0;
    for (;;) {
        char *nl = ch->len > scanned ? memchr(ch->buf + scanned, '\n', ch->len - scanned) : NULL;
        if (nl) {
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
        scanned = ch->len;
        if (ch->cap - ch->len < 4096) {
            size_t cap = ch->cap ? ch->cap * 2 : 8192;
            char *bigger = realloc(ch->buf, cap);
            if (!bigger)
                return NULL;
            ch->buf = bigger;
            ch->cap = cap;
        }
        ssize_t n = read(ch->fd, ch->buf + ch->len, ch->cap - ch->len);
        if (n < 0 && errno == EAGAIN) {
            wait_fd(ch->fd, POLLIN, -1);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return NULL;
        ch->len += (size_t)n;
    }
}
