/* Who the command runs as: docker's "user[:group]" against the container's own
 * /etc/passwd and /etc/group. */
#ifndef SPIN_INIT_IDENTITY_H
#define SPIN_INIT_IDENTITY_H

#include <stddef.h>
#include <sys/types.h>

struct identity {
    uid_t uid;
    gid_t gid;
    gid_t *groups;   /* supplementary groups (heap), ngroups of them */
    size_t ngroups;
    char *home;      /* heap; "/" when the user has no passwd entry */
};

/* Resolves spec ("name", "uid", "name:group", "uid:gid", any mix) the way docker does:
 * a name must exist in passwd (else an error); a number need not (gid 0, home "/");
 * the primary group comes from passwd unless given; supplementary groups are those of
 * group that list the user's name. passwd and group are the files' contents (NULL if
 * missing). Returns 0, or -1 with a heap sentence in *err. */
int identity_resolve(const char *spec, const char *passwd, const char *group,
                     struct identity *out, char **err);

void identity_free(struct identity *id);

#endif
