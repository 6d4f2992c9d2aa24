/* A spin_fs over a host folder, walked one component at a time. See hostfs.h. */
#define _GNU_SOURCE /* O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, fdopendir, telldir */
#include "fs/hostfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h> /* renameat */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#ifdef __EMSCRIPTEN__
/* Emscripten's fchownat/utimensat follow a symlink whatever the flags, and its mknod
 * makes every node a regular file: such requests are refused instead. */
#define LINK_ATTRS_SAFE 0
#define SPECIAL_NODES 0
/* Emscripten 3.1.6 bugs worked around below: symlinkat passes its path pointers to JS
 * unconverted (so it is called by full path instead), and utimensat hands Node's
 * utimesSync milliseconds where Node expects seconds (so times are scaled by 1/1000). */
#define EMSCRIPTEN_WORKAROUNDS 1
#else
#define LINK_ATTRS_SAFE 1
#define SPECIAL_NODES 1
#define EMSCRIPTEN_WORKAROUNDS 0
#endif

typedef struct hostfs {
    spin_fs base;
    char *root; /* the folder, symlinks in the user's path resolved once */
} hostfs;

/* The names from the folder to the node, '/'-separated ("" for the folder itself). Every
 * name passed spin_fs_name_valid, so '/' only ever separates. */
struct spin_fs_node {
    unsigned refs;
    char *rel;
};

struct spin_fs_file {
    int fd;           /* -1 for a directory (owned by dir) */
    DIR *dir;
    uint64_t pos;     /* the readdir offset dir stands at (UINT64_MAX: unknown) */
};

int spin_hostfs_errno(int e) {
    switch (e) {
    case EPERM: return -SPIN_EPERM;
    case ENOENT: return -SPIN_ENOENT;
    case EBADF: return -SPIN_EBADF;
    case ENOMEM: return -SPIN_ENOMEM;
    case EACCES: return -SPIN_EACCES;
    case EFAULT: return -SPIN_EFAULT;
    case EBUSY: case ETXTBSY: return -SPIN_EBUSY;
    case EEXIST: return -SPIN_EEXIST;
    case EXDEV: return -SPIN_EXDEV;
    case ENODEV: return -SPIN_ENODEV;
    case ENOTDIR: return -SPIN_ENOTDIR;
    case EISDIR: return -SPIN_EISDIR;
    case EINVAL: return -SPIN_EINVAL;
    case ENFILE: return -SPIN_ENFILE;
    case EMFILE: return -SPIN_EMFILE;
    case EFBIG: return -SPIN_EFBIG;
    case ENOSPC: case EDQUOT: return -SPIN_ENOSPC;
    case ESPIPE: return -SPIN_ESPIPE;
    case EROFS: return -SPIN_EROFS;
    case EMLINK: return -SPIN_EMLINK;
    case ERANGE: return -SPIN_ERANGE;
    case ENAMETOOLONG: return -SPIN_ENAMETOOLONG;
    case ENOSYS: return -SPIN_ENOSYS;
    case ENOTEMPTY: return -SPIN_ENOTEMPTY;
    case ELOOP: return -SPIN_ELOOP;
#if defined(ENODATA)
    case ENODATA: return -SPIN_ENODATA;
#endif
    case EOVERFLOW: return -SPIN_EOVERFLOW;
    case EOPNOTSUPP: return -SPIN_EOPNOTSUPP;
    default: return -SPIN_EIO;
    }
}

static int fail(void) { return spin_hostfs_errno(errno); }

static hostfs *H(spin_fs *fs) { return (hostfs *)fs; }

/* ---- walking --------------------------------------------------------------------------- */

static int open_root(hostfs *h) {
    int fd = open(h->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd < 0 ? fail() : fd;
}

/* Opens directory name under dirfd without following a symlink. */
static int open_subdir(int dirfd, const char *name) {
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return fd < 0 ? fail() : fd;
}

/* The directory holding node (an open descriptor the caller closes) and the node's name
 * in it ("." for the folder itself, in the folder). Every directory on the way is opened
 * without following symlinks. */
static int open_parent(hostfs *h, const spin_fs_node *node, char name[SPIN_FS_NAME_MAX + 1]) {
    int fd = open_root(h);
    if (fd < 0) return fd;
    const char *p = node->rel;
    if (!*p) {
        strcpy(name, ".");
        return fd;
    }
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0 || len > SPIN_FS_NAME_MAX) {
            close(fd);
            return -SPIN_EIO; /* cannot happen: names were checked on the way in */
        }
        memcpy(name, p, len);
        name[len] = '\0';
        if (!slash) return fd;
        int next = open_subdir(fd, name);
        close(fd);
        if (next < 0) return next;
        fd = next;
        p = slash + 1;
    }
}

/* The node itself, opened as a directory. */
static int open_dir(hostfs *h, const spin_fs_node *node) {
    char name[SPIN_FS_NAME_MAX + 1];
    int dirfd = open_parent(h, node, name);
    if (dirfd < 0) return dirfd;
    int fd = open_subdir(dirfd, name);
    close(dirfd);
    return fd;
}

static int lstat_at(int dirfd, const char *name, struct stat *st) {
    return fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) ? fail() : 0;
}

/* The longest name list a node may have: every operation walks it, so this bounds the
 * work one request costs (16 times Linux's PATH_MAX; deeper trees are refused). */
#define MAX_REL_LEN 65536u

static bool too_deep(const spin_fs_node *dir, const char *name) {
    return strlen(dir->rel) + 1 + strlen(name) > MAX_REL_LEN;
}

static spin_fs_node *new_node(const char *dir_rel, const char *name) {
    spin_fs_node *n = malloc(sizeof *n);
    size_t dl = strlen(dir_rel), nl = strlen(name);
    char *rel = malloc(dl + 1 + nl + 1);
    if (!n || !rel) {
        free(n);
        free(rel);
        return NULL;
    }
    if (dl) {
        memcpy(rel, dir_rel, dl);
        rel[dl] = '/';
        memcpy(rel + dl + 1, name, nl + 1);
    } else {
        memcpy(rel, name, nl + 1);
    }
    n->refs = 1;
    n->rel = rel;
    return n;
}

static int h_root(spin_fs *fs, spin_fs_node **out) {
    (void)fs;
    spin_fs_node *n = new_node("", "");
    if (!n) return -SPIN_ENOMEM;
    *out = n;
    return 0;
}

static int h_lookup(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node **out) {
    if (!spin_fs_name_valid(name)) return -SPIN_EINVAL;
    if (too_deep(dir, name)) return -SPIN_ENAMETOOLONG;
    int dirfd = open_dir(H(fs), dir);
    if (dirfd < 0) return dirfd;
    struct stat st;
    int r = lstat_at(dirfd, name, &st);
    close(dirfd);
    if (r) return r;
    if (!(*out = new_node(dir->rel, name))) return -SPIN_ENOMEM;
    return 0;
}

static void h_ref(spin_fs *fs, spin_fs_node *node) {
    (void)fs;
    node->refs++;
}

static void h_unref(spin_fs *fs, spin_fs_node *node) {
    (void)fs;
    if (node && --node->refs == 0) {
        free(node->rel);
        free(node);
    }
}

/* ---- attributes ------------------------------------------------------------------------ */

static void fill_attr(const struct stat *st, spin_fs_attr *a) {
    memset(a, 0, sizeof *a);
    a->ino = (uint64_t)st->st_ino;
    a->mode = (uint32_t)st->st_mode; /* Linux's type and permission bits, in wasm too */
    a->uid = (uint32_t)st->st_uid;
    a->gid = (uint32_t)st->st_gid;
    a->nlink = (uint64_t)st->st_nlink;
    unsigned maj = major(st->st_rdev), min = minor(st->st_rdev);
    a->rdev = (min & 0xffu) | ((uint64_t)(maj & 0xfffu) << 8) | ((uint64_t)(min & ~0xffu) << 12);
    a->size = (uint64_t)st->st_size;
    a->blocks = (uint64_t)st->st_blocks;
    a->blksize = (uint32_t)st->st_blksize;
    a->atime = (spin_fs_time){st->st_atim.tv_sec, (uint32_t)st->st_atim.tv_nsec};
    a->mtime = (spin_fs_time){st->st_mtim.tv_sec, (uint32_t)st->st_mtim.tv_nsec};
    a->ctime = (spin_fs_time){st->st_ctim.tv_sec, (uint32_t)st->st_ctim.tv_nsec};
    /* changes whenever the content does (as far as the host's clock can tell) */
    a->version = (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec;
}

static int h_getattr(spin_fs *fs, spin_fs_node *node, spin_fs_attr *out) {
    char name[SPIN_FS_NAME_MAX + 1];
    int dirfd = open_parent(H(fs), node, name);
    if (dirfd < 0) return dirfd;
    struct stat st;
    int r = lstat_at(dirfd, name, &st);
    close(dirfd);
    if (!r) fill_attr(&st, out);
    return r;
}

/* Truncates the regular file name in dirfd. */
static int truncate_at(int dirfd, const char *name, uint64_t size) {
    if (size > INT64_MAX) return -SPIN_EFBIG;
    int fd = openat(dirfd, name, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail();
    struct stat st;
    int r = fstat(fd, &st) ? fail() : !S_ISREG(st.st_mode) ? -SPIN_EINVAL : 0;
    if (!r && ftruncate(fd, (off_t)size)) r = fail();
    close(fd);
    return r;
}

static struct timespec time_for(uint32_t valid, uint32_t set_bit, uint32_t explicit_bit,
                                spin_fs_time given, struct timespec now, struct timespec keep) {
    struct timespec t = !(valid & set_bit) ? keep
                        : (valid & explicit_bit) ? (struct timespec){(time_t)given.sec, (long)given.nsec}
                                                 : now;
    if (EMSCRIPTEN_WORKAROUNDS && t.tv_sec >= 0) {
        /* Emscripten computes sec * 1000 + nsec / 1e6 and Node reads that as seconds:
         * hand it sec / 1000 and the rest in nsec so the sum is the time in seconds */
        long rest = (long)(t.tv_sec % 1000) * 1000000L + t.tv_nsec / 1000;
        t = (struct timespec){t.tv_sec / 1000, rest};
    }
    return t;
}

static int set_attrs_at(int dirfd, const char *name, const spin_fs_setattr *sa) {
    struct stat st;
    int r = lstat_at(dirfd, name, &st);
    if (r) return r;
    bool link = S_ISLNK(st.st_mode);
    if ((sa->valid & SPIN_FS_SET_SIZE) && (r = truncate_at(dirfd, name, sa->size))) return r;
    if (sa->valid & SPIN_FS_SET_MODE) {
        if (link) return -SPIN_EOPNOTSUPP; /* Linux has no modes on symlinks either */
        if (fchmodat(dirfd, name, (mode_t)(sa->mode & 07777u), 0)) return fail();
    }
    uint32_t owner = SPIN_FS_SET_UID | SPIN_FS_SET_GID, times = SPIN_FS_SET_ATIME | SPIN_FS_SET_MTIME;
    if ((sa->valid & (owner | times)) && link && !LINK_ATTRS_SAFE) return -SPIN_EOPNOTSUPP;
    int flags = LINK_ATTRS_SAFE ? AT_SYMLINK_NOFOLLOW : 0;
    if (sa->valid & owner) {
        uid_t uid = sa->valid & SPIN_FS_SET_UID ? (uid_t)sa->uid : (uid_t)-1;
        gid_t gid = sa->valid & SPIN_FS_SET_GID ? (gid_t)sa->gid : (gid_t)-1;
        if (fchownat(dirfd, name, uid, gid, flags)) return fail();
    }
    if (sa->valid & times) {
        /* explicit times always (Emscripten knows neither UTIME_NOW nor UTIME_OMIT) */
        struct timespec now, ts[2];
        clock_gettime(CLOCK_REALTIME, &now);
        ts[0] = time_for(sa->valid, SPIN_FS_SET_ATIME, SPIN_FS_SET_ATIME_SET, sa->atime, now, st.st_atim);
        ts[1] = time_for(sa->valid, SPIN_FS_SET_MTIME, SPIN_FS_SET_MTIME_SET, sa->mtime, now, st.st_mtim);
        if (utimensat(dirfd, name, ts, flags)) return fail();
    }
    return 0;
}

static int h_setattr(spin_fs *fs, spin_fs_node *node, const spin_fs_setattr *sa) {
    if (fs->read_only) return -SPIN_EROFS;
    char name[SPIN_FS_NAME_MAX + 1];
    int dirfd = open_parent(H(fs), node, name);
    if (dirfd < 0) return dirfd;
    int r = set_attrs_at(dirfd, name, sa);
    close(dirfd);
    return r;
}

/* ---- open files ------------------------------------------------------------------------ */

static int host_open_flags(uint32_t flags) {
    int f = (flags & SPIN_O_ACCMODE) == SPIN_O_WRONLY ? O_WRONLY
            : (flags & SPIN_O_ACCMODE) == SPIN_O_RDWR ? O_RDWR : O_RDONLY;
    if (flags & SPIN_O_TRUNC) f |= O_TRUNC;
    if (flags & SPIN_O_APPEND) f |= O_APPEND;
    return f | O_NOFOLLOW | O_CLOEXEC;
}

static bool opens_for_change(uint32_t flags) {
    return (flags & SPIN_O_ACCMODE) != SPIN_O_RDONLY || (flags & SPIN_O_TRUNC);
}

/* Wraps an open descriptor of a regular file or directory. */
static int wrap_file(int fd, spin_fs_file **out) {
    struct stat st;
    if (fstat(fd, &st)) {
        int r = fail();
        close(fd);
        return r;
    }
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        close(fd);
        return -SPIN_EPERM;
    }
    spin_fs_file *f = calloc(1, sizeof *f);
    if (!f) {
        close(fd);
        return -SPIN_ENOMEM;
    }
    f->fd = fd;
    if (S_ISDIR(st.st_mode)) {
        if (!(f->dir = fdopendir(fd))) {
            int r = fail();
            close(fd);
            free(f);
            return r;
        }
        f->fd = -1;
    }
    *out = f;
    return 0;
}

static int h_open(spin_fs *fs, spin_fs_node *node, uint32_t flags, spin_fs_file **out) {
    if (fs->read_only && opens_for_change(flags)) return -SPIN_EROFS;
    char name[SPIN_FS_NAME_MAX + 1];
    int dirfd = open_parent(H(fs), node, name);
    if (dirfd < 0) return dirfd;
    /* Only regular files and directories: a FIFO would block the host and a device node
     * would reach its hardware. Checked before opening (opening a FIFO can block) and on
     * what was opened. */
    struct stat st;
    int r = lstat_at(dirfd, name, &st);
    if (!r && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) r = S_ISLNK(st.st_mode) ? -SPIN_ELOOP : -SPIN_EPERM;
    if (!r && S_ISDIR(st.st_mode) && opens_for_change(flags)) r = -SPIN_EISDIR;
    int fd = r ? -1 : openat(dirfd, name, host_open_flags(flags) | O_NONBLOCK);
    if (!r && fd < 0) r = fail();
    close(dirfd);
    return r ? r : wrap_file(fd, out);
}

static int64_t h_read(spin_fs *fs, spin_fs_file *file, uint64_t offset, void *buf, size_t len) {
    (void)fs;
    if (file->fd < 0) return -SPIN_EISDIR;
    if (offset > INT64_MAX) return -SPIN_EINVAL;
    ssize_t n = pread(file->fd, buf, len, (off_t)offset);
    return n < 0 ? fail() : n;
}

static int64_t h_write(spin_fs *fs, spin_fs_file *file, uint64_t offset, const void *buf,
                       size_t len) {
    if (fs->read_only) return -SPIN_EROFS;
    if (file->fd < 0) return -SPIN_EISDIR;
    if (offset > INT64_MAX || len > INT64_MAX - offset) return -SPIN_EFBIG;
    ssize_t n = pwrite(file->fd, buf, len, (off_t)offset);
    return n < 0 ? fail() : n;
}

static int h_readdir(spin_fs *fs, spin_fs_file *file, uint64_t offset, spin_fs_emit_fn emit,
                     void *ctx) {
    (void)fs;
    if (!file->dir) return -SPIN_ENOTDIR;
    if (offset != file->pos) {
        if (offset == 0) rewinddir(file->dir);
        else seekdir(file->dir, (long)offset); /* an offset this listing gave out */
    }
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(file->dir);
        if (!e) {
            file->pos = UINT64_MAX; /* where "end" is depends on the host: seek next time */
            return errno ? fail() : 0;
        }
        spin_fs_dirent d = {
            .ino = (uint64_t)e->d_ino,
            .type = e->d_type, /* DT_* are Linux's numbers on both hosts */
            .next_offset = (uint64_t)telldir(file->dir),
            .name = e->d_name,
        };
        if (emit(ctx, &d)) {
            file->pos = UINT64_MAX; /* this entry was not taken: the caller comes back */
            return 0;
        }
        file->pos = d.next_offset;
    }
}

static int h_fsync(spin_fs *fs, spin_fs_file *file) {
    (void)fs;
    if (file->fd < 0) return 0;
    return fsync(file->fd) ? fail() : 0;
}

static void h_close(spin_fs *fs, spin_fs_file *file) {
    (void)fs;
    if (file->dir) closedir(file->dir);
    if (file->fd >= 0) close(file->fd);
    free(file);
}

/* ---- new names ------------------------------------------------------------------------- */

/* Gives a new entry the guest's owner where the host lets us (root); otherwise it
 * belongs to whoever runs Spin, which is what the user of a host folder expects. */
static void give_owner(int dirfd, const char *name, spin_fs_owner owner, bool is_link) {
    if (is_link && !LINK_ATTRS_SAFE) return;
    if (fchownat(dirfd, name, (uid_t)owner.uid, (gid_t)owner.gid,
                 LINK_ATTRS_SAFE ? AT_SYMLINK_NOFOLLOW : 0)) {
        /* not permitted: keep the host user's ownership */
    }
}

/* Opens dir for adding name to it. */
static int open_dir_for_change(spin_fs *fs, spin_fs_node *dir, const char *name) {
    if (fs->read_only) return -SPIN_EROFS;
    if (!spin_fs_name_valid(name)) return -SPIN_EINVAL;
    if (too_deep(dir, name)) return -SPIN_ENAMETOOLONG;
    return open_dir(H(fs), dir);
}

static int finish_new(spin_fs_node *dir, const char *name, spin_fs_node **out) {
    return (*out = new_node(dir->rel, name)) ? 0 : -SPIN_ENOMEM;
}

static int h_create(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t flags,
                    uint32_t mode, spin_fs_owner owner, spin_fs_node **node, spin_fs_file **file) {
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    int fd = openat(dirfd, name, host_open_flags(flags) | O_CREAT | O_EXCL, (mode_t)(mode & 07777u));
    int r = fd < 0 ? fail() : 0;
    if (!r) give_owner(dirfd, name, owner, false);
    close(dirfd);
    if (r) return r;
    if ((r = wrap_file(fd, file))) return r;
    if ((r = finish_new(dir, name, node))) h_close(fs, *file);
    return r;
}

static int h_mkdir(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode,
                   spin_fs_owner owner, spin_fs_node **out) {
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    int r = mkdirat(dirfd, name, (mode_t)(mode & 07777u)) ? fail() : 0;
    if (!r) give_owner(dirfd, name, owner, false);
    close(dirfd);
    return r ? r : finish_new(dir, name, out);
}

static int h_symlink(spin_fs *fs, spin_fs_node *dir, const char *name, const char *target,
                     spin_fs_owner owner, spin_fs_node **out) {
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    /* The target is stored as given: it is only ever read back, never followed here. */
    int r;
    if (EMSCRIPTEN_WORKAROUNDS) {
        /* by full path (dir was just walked without following links) */
        char *path = malloc(strlen(H(fs)->root) + strlen(dir->rel) + strlen(name) + 3);
        if (!path) {
            close(dirfd);
            return -SPIN_ENOMEM;
        }
        strcpy(path, H(fs)->root);
        if (dir->rel[0]) strcat(strcat(path, "/"), dir->rel);
        strcat(strcat(path, "/"), name);
        r = symlink(target, path) ? fail() : 0;
        free(path);
    } else {
        r = symlinkat(target, dirfd, name) ? fail() : 0;
    }
    if (!r) give_owner(dirfd, name, owner, true);
    close(dirfd);
    return r ? r : finish_new(dir, name, out);
}

static int h_mknod(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode, uint64_t rdev,
                   spin_fs_owner owner, spin_fs_node **out) {
    (void)rdev;
    uint32_t type = mode & SPIN_S_IFMT;
    /* No device nodes in a host folder (they would reach the host's hardware); FIFOs
     * and sockets only where the host makes real ones. */
    if (type != SPIN_S_IFREG && (!SPECIAL_NODES || (type != SPIN_S_IFIFO && type != SPIN_S_IFSOCK)))
        return -SPIN_EPERM;
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    mode_t host_type = type == SPIN_S_IFIFO ? S_IFIFO : type == SPIN_S_IFSOCK ? S_IFSOCK : S_IFREG;
    int r = mknodat(dirfd, name, host_type | (mode_t)(mode & 07777u), 0) ? fail() : 0;
    if (!r) give_owner(dirfd, name, owner, false);
    close(dirfd);
    return r ? r : finish_new(dir, name, out);
}

static int h_link(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node *node) {
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    char old_name[SPIN_FS_NAME_MAX + 1];
    int old_dirfd = open_parent(H(fs), node, old_name);
    if (old_dirfd < 0) {
        close(dirfd);
        return old_dirfd;
    }
    int r = linkat(old_dirfd, old_name, dirfd, name, 0) ? fail() : 0; /* 0: no following */
    close(old_dirfd);
    close(dirfd);
    return r;
}

static int64_t h_readlink(spin_fs *fs, spin_fs_node *node, char *buf, size_t len) {
    char name[SPIN_FS_NAME_MAX + 1];
    int dirfd = open_parent(H(fs), node, name);
    if (dirfd < 0) return dirfd;
    struct stat st;
    int r = lstat_at(dirfd, name, &st);
    if (!r && !S_ISLNK(st.st_mode)) r = -SPIN_EINVAL;
    char target[PATH_MAX + 1];
    ssize_t n = r ? -1 : readlinkat(dirfd, name, target, sizeof target);
    if (!r && n < 0) r = fail();
    close(dirfd);
    if (r) return r;
    if ((size_t)n > len) return -SPIN_ERANGE;
    memcpy(buf, target, (size_t)n);
    return n;
}

static int h_unlink(spin_fs *fs, spin_fs_node *dir, const char *name, bool remove_dir) {
    int dirfd = open_dir_for_change(fs, dir, name);
    if (dirfd < 0) return dirfd;
    int r = unlinkat(dirfd, name, remove_dir ? AT_REMOVEDIR : 0) ? fail() : 0;
    close(dirfd);
    return r;
}

static int h_rename(spin_fs *fs, spin_fs_node *old_dir, const char *old_name,
                    spin_fs_node *new_dir, const char *new_name) {
    if (!spin_fs_name_valid(old_name)) return -SPIN_EINVAL;
    int new_fd = open_dir_for_change(fs, new_dir, new_name);
    if (new_fd < 0) return new_fd;
    int old_fd = open_dir(H(fs), old_dir);
    if (old_fd < 0) {
        close(new_fd);
        return old_fd;
    }
    int r = renameat(old_fd, old_name, new_fd, new_name) ? fail() : 0;
    close(old_fd);
    close(new_fd);
    return r;
}

static int h_statfs(spin_fs *fs, spin_fs_statfs *out) {
    struct statvfs sv;
    if (statvfs(H(fs)->root, &sv)) return fail();
    memset(out, 0, sizeof *out);
    out->type = 0x01021997; /* V9FS_MAGIC: what Linux reports for a 9p mount */
    out->bsize = (uint32_t)sv.f_bsize;
    out->blocks = sv.f_blocks;
    out->bfree = sv.f_bfree;
    out->bavail = sv.f_bavail;
    out->files = sv.f_files;
    out->ffree = sv.f_ffree;
    out->fsid = sv.f_fsid;
    out->namelen = (uint32_t)sv.f_namemax;
    return 0;
}

static void h_destroy(spin_fs *fs) {
    free(H(fs)->root);
    free(fs);
}

static const spin_fs_ops hostfs_ops = {
    .root = h_root,
    .lookup = h_lookup,
    .ref = h_ref,
    .unref = h_unref,
    .getattr = h_getattr,
    .setattr = h_setattr,
    .open = h_open,
    .read = h_read,
    .write = h_write,
    .readdir = h_readdir,
    .fsync = h_fsync,
    .close = h_close,
    .create = h_create,
    .mkdir = h_mkdir,
    .symlink = h_symlink,
    .mknod = h_mknod,
    .link = h_link,
    .readlink = h_readlink,
    .unlink = h_unlink,
    .rename = h_rename,
    .statfs = h_statfs,
    .destroy = h_destroy,
    /* extended attributes: none (Emscripten has no xattr calls); the server answers
     * EOPNOTSUPP, which Linux's 9p client takes as "no ACLs" */
};

spin_fs *spin_hostfs_new(const char *path, bool read_only) {
    char *root = realpath(path, NULL);
    if (!root) return NULL;
    struct stat st;
    int err = stat(root, &st) ? errno : !S_ISDIR(st.st_mode) ? ENOTDIR : 0;
    if (err) {
        free(root);
        errno = err;
        return NULL;
    }
    hostfs *h = calloc(1, sizeof *h);
    if (!h) {
        free(root);
        errno = ENOMEM;
        return NULL;
    }
    h->base.ops = &hostfs_ops;
    h->base.read_only = read_only;
    h->root = root;
    return &h->base;
}
