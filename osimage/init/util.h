/* Small helpers shared by the init's parts. */
#ifndef SPIN_INIT_UTIL_H
#define SPIN_INIT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Reads a whole (small, virtual) file such as /proc/cmdline or a sysfs attribute into
 * a NUL-terminated heap buffer, growing as needed. NULL on error (errno set). */
char *read_file(const char *path);

/* Nanoseconds since boot, counting time spent suspended (CLOCK_BOOTTIME). */
int64_t boot_ns(void);

#endif
