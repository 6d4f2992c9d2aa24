#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *spin_read_file(const char *path, size_t max_size, size_t *length) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat info;
  if (fstat(fd, &info) != 0) { close(fd); return NULL; }
  if (!S_ISREG(info.st_mode) || (size_t)info.st_size > max_size) {
    close(fd);
    errno = S_ISREG(info.st_mode) ? EFBIG : EINVAL;
    return NULL;
  }
  size_t size = (size_t)info.st_size;
  char *data = malloc(size + 1);
  if (!data) { close(fd); return NULL; }
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the file shrank: return what is there
    done += (size_t)n;
  }
  close(fd);
  data[done] = '\0';
  if (length) *length = done;
  return data;
}

bool spin_write_file_atomic(const char *path, const void *data, size_t length) {
  char temp[PATH_MAX];
  if (snprintf(temp, sizeof temp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof temp) {
    errno = ENAMETOOLONG;
    return false;
  }
  int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const char *bytes = data;
  size_t done = 0;
  while (done < length) {
    ssize_t n = write(fd, bytes + done, length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) goto fail;
    done += (size_t)n;
  }
  if (fsync(fd) != 0) goto fail;
  if (close(fd) != 0) { fd = -1; goto fail; }
  if (rename(temp, path) != 0) { fd = -1; goto fail; }
  return true;
fail:;
  int saved = errno;
  if (fd >= 0) close(fd);
  unlink(temp);
  errno = saved;
  return false;
}

bool spin_make_directories(const char *path) {
  char buffer[PATH_MAX];
  size_t length = strlen(path);
  if (length == 0 || length >= sizeof buffer) { errno = ENAMETOOLONG; return false; }
  memcpy(buffer, path, length + 1);
  for (size_t i = 1; i <= length; i++) {
    if (buffer[i] != '/' && buffer[i] != '\0') continue;
    char saved = buffer[i];
    buffer[i] = '\0';
    if (mkdir(buffer, 0755) != 0 && errno != EEXIST) return false;
    buffer[i] = saved;
  }
  struct stat info;
  if (stat(path, &info) != 0) return false;
  if (!S_ISDIR(info.st_mode)) { errno = ENOTDIR; return false; }
  return true;
}
