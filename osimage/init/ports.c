/* Finding a virtio-serial port by the name the host gave it. */
#include "ports.h"
#include "util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PORTS_DIR "/sys/class/virtio-ports"
#define NAME_WAIT_MS 1000
#define NAME_POLL_MS 5

enum search { FOUND, ABSENT, UNNAMED };

/* One pass over the ports. On FOUND, *fd is the opened port. */
static enum search find_port(const char *wanted, int flags, int *fd)
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
        if (strcmp(name, wanted) == 0) {
            snprintf(path, sizeof path, "/dev/%s", e->d_name);
            *fd = open(path, flags);
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

int port_open(const char *name, int flags)
{
    for (int waited = 0;; waited += NAME_POLL_MS) {
        int fd;
        enum search s = find_port(name, flags, &fd);
        if (s == FOUND)
            return fd;
        if (s == ABSENT || waited >= NAME_WAIT_MS)
            return -1;
        nanosleep(&(struct timespec){ 0, NAME_POLL_MS * 1000000L }, NULL);
    }
}
