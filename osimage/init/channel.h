/* The control channel to the host: one JSON object per line, both ways. */
#ifndef SPIN_INIT_CHANNEL_H
#define SPIN_INIT_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>

#define CONTROL_PORT_NAME "spin.control"

struct channel {
    int fd;
    bool is_port;      /* the virtio port named spin.control, not the console fallback */
    bool dead;         /* a send timed out or failed: the host is gone, send no more */
    char *buf;         /* bytes read but not yet returned as a line */
    size_t len, cap;
};

/* Opens the virtio-serial port named spin.control, or /dev/console if the machine has
 * none. 0 on success, -1 if not even the console could be opened. */
int channel_open(struct channel *ch);

/* Sends one line (a '\n' is appended); a single write so lines never interleave. */
int channel_send(struct channel *ch, const char *line);

/* Returns the next line without its '\n' as a heap string, however long; NULL at end of
 * input or on error. */
char *channel_read_line(struct channel *ch);

/* The next complete line already received (without its '\n'), or NULL. */
char *channel_take_line(struct channel *ch);

/* Reads what has arrived, without waiting: 1 if bytes came, 0 if none were there, -1 at
 * end of input or on error. */
int channel_fill(struct channel *ch);

#endif
