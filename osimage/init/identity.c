/* Resolving "user[:group]" against passwd/group text. The files belong to the image,
 * so they are parsed defensively: any line that is not well-formed is skipped. */
#include "identity.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits the next line of text (advancing *text) into up to max ':'-separated fields,
 * in place in a heap copy the caller frees. Returns the number of fields, 0 at the end. */
static int next_record(const char **text, char **copy, char **fields, int max)
{
    while (**text) {
        const char *start = *text, *end = strchr(start, '\n');
        size_t len = end ? (size_t)(end - start) : strlen(start);
        *text = start + len + (end ? 1 : 0);
        if (len == 0 || start[0] == '#')
            continue;
        free(*copy);
        *copy = strndup(start, len);
        if (!*copy)
            return 0;
        int n = 0;
        for (char *p = *copy; n < max;) {
            fields[n++] = p;
            p = strchr(p, ':');
            if (!p)
                break;
            *p++ = '\0';
        }
        return n;
    }
    return 0;
}

/* A decimal id below 2^32 - 1 (the value -1 means "no change" to the kernel). */
static bool parse_id(const char *s, unsigned *out)
{
    if (!*s)
        return false;
    unsigned long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned)(*p - '0');
        if (v >= UINT_MAX)
            return false;
    }
    *out = (unsigned)v;
    return true;
}

/* Finds a passwd entry by name or uid; fills uid, gid, home. */
static bool find_user(const char *passwd, const char *name, const unsigned *uid,
                      struct identity *id, char **user_name)
{
    char *copy = NULL, *f[7];
    const char *text = passwd ? passwd : "";
    int n;
    bool found = false;
    while (!found && (n = next_record(&text, &copy, f, 7)) > 0) {
        unsigned u, g;
        if (n < 7 || !parse_id(f[2], &u) || !parse_id(f[3], &g))
            continue;
        if (name ? strcmp(f[0], name) != 0 : u != *uid)
            continue;
        id->uid = u;
        id->gid = g;
        id->home = strdup(f[5][0] ? f[5] : "/");
        *user_name = strdup(f[0]);
        found = true;
    }
    free(copy);
    return found;
}

/* Finds a group's gid by name. */
static bool find_group(const char *group, const char *name, unsigned *gid)
{
    char *copy = NULL, *f[4];
    const char *text = group ? group : "";
    int n;
    bool found = false;
    while (!found && (n = next_record(&text, &copy, f, 4)) > 0) {
        if (n >= 3 && strcmp(f[0], name) == 0 && parse_id(f[2], gid))
            found = true;
    }
    free(copy);
    return found;
}

/* The groups whose member list names user. */
static int supplementary(const char *group, const char *user, struct identity *id)
{
    char *copy = NULL, *f[4];
    const char *text = group ? group : "";
    int n;
    while ((n = next_record(&text, &copy, f, 4)) > 0) {
        unsigned g;
        if (n < 4 || !parse_id(f[2], &g))
            continue;
        for (char *m = strtok(f[3], ","); m; m = strtok(NULL, ",")) {
            if (strcmp(m, user) != 0)
                continue;
            gid_t *more = realloc(id->groups, (id->ngroups + 1) * sizeof *more);
            if (!more) {
                free(copy);
                return -1;
            }
            id->groups = more;
            id->groups[id->ngroups++] = g;
            break;
        }
    }
    free(copy);
    return 0;
}

static int fail(char **err, struct identity *id, const char *fmt, const char *what)
{
    identity_free(id);
    if (asprintf(err, fmt, what) < 0)
        *err = NULL;
    return -1;
}

int identity_resolve(const char *spec, const char *passwd, const char *group,
                     struct identity *out, char **err)
{
    memset(out, 0, sizeof *out);
    char *user = strdup(spec), *grp = NULL, *user_name = NULL;
    if (!user)
        return fail(err, out, "%s", "out of memory");
    char *colon = strchr(user, ':');
    if (colon) {
        *colon = '\0';
        grp = colon + 1;
    }
    unsigned uid;
    bool numeric = parse_id(user, &uid);
    if (!user[0] || (grp && !grp[0])) {
        free(user);
        return fail(err, out, "user \"%s\" is not of the form user[:group]", spec);
    }
    if (!find_user(passwd, numeric ? NULL : user, numeric ? &uid : NULL, out, &user_name)) {
        if (!numeric) {
            int rc = fail(err, out, "unable to find user %s: no matching entries in passwd file", user);
            free(user);
            return rc;
        }
        out->uid = uid;
        out->gid = 0;
        out->home = strdup("/");
    }
    if (grp) {
        unsigned gid;
        if (!parse_id(grp, &gid) && !find_group(group, grp, &gid)) {
            int rc = fail(err, out, "unable to find group %s: no matching entries in group file", grp);
            free(user);
            free(user_name);
            return rc;
        }
        out->gid = gid;
    }
    int rc = user_name ? supplementary(group, user_name, out) : 0;
    free(user);
    free(user_name);
    if (rc != 0 || !out->home)
        return fail(err, out, "%s", "out of memory");
    return 0;
}

void identity_free(struct identity *id)
{
    free(id->groups);
    free(id->home);
    memset(id, 0, sizeof *id);
}
