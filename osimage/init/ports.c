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
#define CONSOLE_DRIVER_DIR "/sys/bus/virtio/drivers/virtio_console"
#define NAME_WAIT_MS 1000
#define NAME_POLL_MS 5

enum search { FOUND, ABSENT, UNNAMED };

/* Whether a virtio console device is bound to its driver: its ports (and their names)
 * are then on their way, set up by the driver's work queue after the host announced
 * them, and may not be visible yet when the init starts. */
static int console_device_present(void)
{
    DIR *dir = opendir(CONSOLE_DRIVER_DIR);
    if (!dir)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(dir)) != NULL)
        found = strncmp(e->d_name, "virtio", 6) == 0;
    closedir(dir);
    return found;
}

/* One pass over the ports. On FOUND, *fd is the opened port. */
static enum search find_port(const char *wanted, int flags, int *fd)
{
    DIR *dir = opendir(PORTS_DIR);
    if (!dir)
        return console_device_present() ? UNNAMED : ABSENT;
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
    if (result == ABSENT && console_device_present())
        result = UNNAMED;   /* not there yet: keep looking */
    return result;
}

/* The host announces all its ports at once, so the first search (the control port's,
 * at boot) is the only one that may need to wait: after it, a port that is not there
 * will not come. */
static int names_settled;

int port_open(const char *name, int flags)
{
    for (int waited = 0;; waited += NAME_POLL_MS) {
        int fd;
        enum search s = find_port(name, flags, &fd);
        if (s == FOUND || s == ABSENT || names_settled || waited >= NAME_WAIT_MS) {
            names_settled = 1;
            return s == FOUND ? fd : -1;
        }
        nanosleep(&(struct timespec){ 0, NAME_POLL_MS * 1000000L }, NULL);
    }
}
