/*
 * The files a container runtime provides in /etc, as docker does: /etc/hostname,
 * /etc/hosts (localhost and the container's name) and /etc/resolv.conf. They are
 * written into the container's own copy-on-write tree before it starts (docker
 * bind-mounts its versions over the image's; ours replace them in the private copy, so
 * the image is untouched).
 */
#ifndef SPIN_RUNTIME_ETC_FILES_H
#define SPIN_RUNTIME_ETC_FILES_H

#include "fs/fs.h"

/* resolv_conf: the file's content (see spin_resolv_conf_from_host). If /etc is not a
 * directory (a symlink, say) nothing is written. 0, or a negative errno. */
int spin_etc_files_write(spin_fs *tree, const char *hostname, const char *resolv_conf);

/* The container's resolv.conf from the host's (docker's rule: the host's file without
 * loopback name servers, which mean nothing inside the container; if none is left, the
 * user-mode network's resolver, 10.0.2.3). host_text may be NULL. A heap string. */
char *spin_resolv_conf_from_host(const char *host_text);

/* A docker-style container name: 12 hex digits from 6 random bytes. */
void spin_container_name(const unsigned char random[6], char out[13]);

#endif
