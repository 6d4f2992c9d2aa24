/*
 * A file tree as the 9P2000.L server (p9_server.c) serves it to the guest, and as layer
 * application (tar) builds it. Backends implement spin_fs_ops: the container's tree
 * (memfs: the image's layers in memory, with a private writable copy per container) and
 * host folders (hostfs, for `-v HOST:GUEST[:ro]`).
 *
 * The interface has no path strings: a node is reached from the root one name at a time
 * (lookup never follows a symlink and refuses "", ".", ".." and names containing '/'),
 * so nothing built on it can be tricked into leaving the tree. ".." is the server's
 * business (it remembers how a fid was reached).
 *
 * Nodes are counted references: everything that returns a node gives the caller a
 * reference it must drop with unref. Open files (spin_fs_file) are owned by the caller
 * until close.
 *
 * Errors are negative Linux errno values (SPIN_E*, below), whatever the host's own
 * numbering (Emscripten's libc numbers them differently): the server sends them to the
 * guest unchanged. Modes, open flags, file types and device numbers are Linux's too.
 *
 * Calls are synchronous: memfs answers from memory and hostfs from the local file
 * system (native POSIX, or Node's through Emscripten). The 9P server answers each
 * request when its call returns; a backend that must wait (a browser store) would make
 * the server reply later, which the virtio-9p device already allows.
 */
#ifndef SPIN_FS_FS_H
#define SPIN_FS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linux errno values. */
enum {
    SPIN_EPERM = 1,
    SPIN_ENOENT = 2,
    SPIN_EIO = 5,
    SPIN_EBADF = 9,
    SPIN_ENOMEM = 12,
    SPIN_EACCES = 13,
    SPIN_EFAULT = 14,
    SPIN_EBUSY = 16,
    SPIN_EEXIST = 17,
    SPIN_EXDEV = 18,
    SPIN_ENODEV = 19,
    SPIN_ENOTDIR = 20,
    SPIN_EISDIR = 21,
    SPIN_EINVAL = 22,
    SPIN_ENFILE = 23,
    SPIN_EMFILE = 24,
    SPIN_EFBIG = 27,
    SPIN_ENOSPC = 28,
    SPIN_ESPIPE = 29,
    SPIN_EROFS = 30,
    SPIN_EMLINK = 31,
    SPIN_ERANGE = 34,
    SPIN_ENAMETOOLONG = 36,
    SPIN_ENOSYS = 38,
    SPIN_ENOTEMPTY = 39,
    SPIN_ELOOP = 40,
    SPIN_ENODATA = 61,
    SPIN_EOVERFLOW = 75,
    SPIN_EOPNOTSUPP = 95,
};

/* Linux file type bits (st_mode & SPIN_S_IFMT) and directory entry types. */
#define SPIN_S_IFMT 0170000u
#define SPIN_S_IFSOCK 0140000u
#define SPIN_S_IFLNK 0120000u
#define SPIN_S_IFREG 0100000u
#define SPIN_S_IFBLK 0060000u
#define SPIN_S_IFDIR 0040000u
#define SPIN_S_IFCHR 0020000u
#define SPIN_S_IFIFO 0010000u
#define SPIN_DT_FROM_MODE(mode) ((uint8_t)(((mode) & SPIN_S_IFMT) >> 12))

/* Linux open flags (the ones that matter to a backend). */
#define SPIN_O_ACCMODE 3u
#define SPIN_O_RDONLY 0u
#define SPIN_O_WRONLY 1u
#define SPIN_O_RDWR 2u
#define SPIN_O_CREAT 0100u
#define SPIN_O_EXCL 0200u
#define SPIN_O_TRUNC 01000u
#define SPIN_O_APPEND 02000u
#define SPIN_O_DIRECTORY 0200000u
#define SPIN_O_NOFOLLOW 0400000u

/* Longest name of one directory entry, as Linux. */
#define SPIN_FS_NAME_MAX 255

typedef struct spin_fs spin_fs;
typedef struct spin_fs_node spin_fs_node; /* backend-defined */
typedef struct spin_fs_file spin_fs_file; /* backend-defined */

typedef struct spin_fs_time {
    int64_t sec;
    uint32_t nsec;
} spin_fs_time;

typedef struct spin_fs_attr {
    uint64_t ino;      /* unique and stable within the tree while the node exists (qid.path) */
    uint64_t version;  /* changes whenever the node's content changes (qid.version) */
    uint32_t mode;     /* type bits | permission bits */
    uint32_t uid, gid;
    uint64_t nlink;
    uint64_t rdev;     /* Linux encoding: major << 8 | minor for small numbers (new_encode_dev) */
    uint64_t size;
    uint64_t blocks;   /* 512-byte blocks */
    uint32_t blksize;
    spin_fs_time atime, mtime, ctime;
} spin_fs_attr;

/* Which fields of spin_fs_setattr apply (the same bits as 9P2000.L's Tsetattr valid). */
#define SPIN_FS_SET_MODE 0x001u
#define SPIN_FS_SET_UID 0x002u
#define SPIN_FS_SET_GID 0x004u
#define SPIN_FS_SET_SIZE 0x008u
#define SPIN_FS_SET_ATIME 0x010u  /* to now, unless ATIME_SET */
#define SPIN_FS_SET_MTIME 0x020u  /* to now, unless MTIME_SET */
#define SPIN_FS_SET_CTIME 0x040u
#define SPIN_FS_SET_ATIME_SET 0x080u
#define SPIN_FS_SET_MTIME_SET 0x100u

typedef struct spin_fs_setattr {
    uint32_t valid;
    uint32_t mode; /* permission bits only (the type never changes) */
    uint32_t uid, gid;
    uint64_t size;
    spin_fs_time atime, mtime;
} spin_fs_setattr;

typedef struct spin_fs_statfs {
    uint32_t type, bsize;
    uint64_t blocks, bfree, bavail, files, ffree, fsid;
    uint32_t namelen;
} spin_fs_statfs;

typedef struct spin_fs_dirent {
    uint64_t ino;
    uint8_t type;         /* SPIN_DT_FROM_MODE of the entry's mode */
    uint64_t next_offset; /* the readdir offset that continues after this entry */
    const char *name;
} spin_fs_dirent;

/* readdir hands entries to this one by one; a non-zero return stops the listing
 * (the caller's buffer is full) without consuming that entry. */
typedef int (*spin_fs_emit_fn)(void *ctx, const spin_fs_dirent *entry);

/* Who asks: the owner given to new nodes. */
typedef struct spin_fs_owner {
    uint32_t uid, gid;
} spin_fs_owner;

typedef struct spin_fs_ops {
    /* The tree's root (a new reference). */
    int (*root)(spin_fs *fs, spin_fs_node **out);
    /* One name in directory dir: 0 with a new reference, -SPIN_ENOENT, -SPIN_ENOTDIR... */
    int (*lookup)(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node **out);
    void (*ref)(spin_fs *fs, spin_fs_node *node);
    void (*unref)(spin_fs *fs, spin_fs_node *node);

    int (*getattr)(spin_fs *fs, spin_fs_node *node, spin_fs_attr *out);
    int (*setattr)(spin_fs *fs, spin_fs_node *node, const spin_fs_setattr *attr);

    /* Opens node with Linux open flags (O_CREAT/O_EXCL ignored here; O_TRUNC honoured). */
    int (*open)(spin_fs *fs, spin_fs_node *node, uint32_t flags, spin_fs_file **out);
    /* Bytes read/written (>= 0) or a negative errno. */
    int64_t (*read)(spin_fs *fs, spin_fs_file *file, uint64_t offset, void *buf, size_t len);
    int64_t (*write)(spin_fs *fs, spin_fs_file *file, uint64_t offset, const void *buf,
                     size_t len);
    /* Lists a directory opened with open, from offset (0 = start; otherwise an entry's
     * next_offset), including "." and "..". */
    int (*readdir)(spin_fs *fs, spin_fs_file *dir, uint64_t offset, spin_fs_emit_fn emit,
                   void *ctx);
    int (*fsync)(spin_fs *fs, spin_fs_file *file);
    void (*close)(spin_fs *fs, spin_fs_file *file);

    /* New entries in dir (each returns the new node as a new reference). */
    int (*create)(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t flags,
                  uint32_t mode, spin_fs_owner owner, spin_fs_node **node,
                  spin_fs_file **file);
    int (*mkdir)(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode,
                 spin_fs_owner owner, spin_fs_node **out);
    int (*symlink)(spin_fs *fs, spin_fs_node *dir, const char *name, const char *target,
                   spin_fs_owner owner, spin_fs_node **out);
    /* mode carries the type (char/block device, fifo, socket, or regular). */
    int (*mknod)(spin_fs *fs, spin_fs_node *dir, const char *name, uint32_t mode,
                 uint64_t rdev, spin_fs_owner owner, spin_fs_node **out);
    /* A hard link named name in dir to node (not a directory). */
    int (*link)(spin_fs *fs, spin_fs_node *dir, const char *name, spin_fs_node *node);
    /* The target of a symlink into buf (not NUL-terminated); its length, or -SPIN_ERANGE
     * if len is too small, -SPIN_EINVAL if node is not a symlink. */
    int64_t (*readlink)(spin_fs *fs, spin_fs_node *node, char *buf, size_t len);
    /* Removes name from dir; remove_dir: only an empty directory (AT_REMOVEDIR). */
    int (*unlink)(spin_fs *fs, spin_fs_node *dir, const char *name, bool remove_dir);
    /* rename(2) semantics, replacing an existing target of a compatible type. */
    int (*rename)(spin_fs *fs, spin_fs_node *old_dir, const char *old_name,
                  spin_fs_node *new_dir, const char *new_name);
    int (*statfs)(spin_fs *fs, spin_fs_statfs *out);

    /* Extended attributes (may be NULL: the server answers -SPIN_EOPNOTSUPP).
     * getxattr/listxattr return the value's / list's length, or -SPIN_ERANGE if len is
     * too small (len 0 asks for the length); flags as setxattr(2). */
    int64_t (*getxattr)(spin_fs *fs, spin_fs_node *node, const char *name, void *buf,
                        size_t len);
    int64_t (*listxattr)(spin_fs *fs, spin_fs_node *node, char *buf, size_t len);
    int (*setxattr)(spin_fs *fs, spin_fs_node *node, const char *name, const void *value,
                    size_t len, int flags);
    int (*removexattr)(spin_fs *fs, spin_fs_node *node, const char *name);

    /* Releases the tree (every node and file must have been dropped). */
    void (*destroy)(spin_fs *fs);
} spin_fs_ops;

/* Backends embed this first. */
struct spin_fs {
    const spin_fs_ops *ops;
    bool read_only; /* every change answers -SPIN_EROFS (enforced by the backend) */
};

/* True if name may be an entry of a directory: not "", ".", "..", no '/', no NUL, at
 * most SPIN_FS_NAME_MAX bytes. Backends call it on every name they are given. */
bool spin_fs_name_valid(const char *name);

#endif
