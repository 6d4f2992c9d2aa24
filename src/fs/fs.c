/* Helpers shared by every spin_fs backend and its users. */
#include "fs.h"

#include <string.h>

bool spin_fs_name_valid(const char *name) {
    size_t len = strlen(name);
    if (len == 0 || len > SPIN_FS_NAME_MAX) return false;
    if (!strcmp(name, ".") || !strcmp(name, "..")) return false;
    return memchr(name, '/', len) == NULL;
}
