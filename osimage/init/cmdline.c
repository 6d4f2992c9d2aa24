/* Where the init's command-line arguments really start. Linux hands the init, as argv,
 * every argument after "--" — but also every unknown word without '=' before it (a typo
 * like "quite" would become argv[1]). So the command is the last N elements of argv,
 * where N is counted here from /proc/cmdline with the kernel's own splitting rules
 * (lib/cmdline.c next_arg: unquoted spaces separate, '"' toggles quoting). */
#include "cmdline.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

int cmdline_args_after_dashes(const char *s)
{
    int count = -1;   /* -1 until "--" is seen */
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            return count;
        const char *start = s;
        bool quoted = false;
        for (; *s && (quoted || !isspace((unsigned char)*s)); s++)
            if (*s == '"')
                quoted = !quoted;
        size_t len = (size_t)(s - start);
        if (count >= 0)
            count++;
        else if ((len == 2 && strncmp(start, "--", 2) == 0) ||
                 (len == 4 && strncmp(start, "\"--\"", 4) == 0))
            count = 0;
    }
}
