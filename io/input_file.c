/* Reading an input file whole, after checking that it is a regular file
 * (see input_file.h): opened with O_NONBLOCK so that a FIFO with no writer
 * does not block, then fstat, then read. */
#include "io/input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "cannot open"/"cannot read" and the reason, at the file itself or, with
 * the path, where it is named.  Each message one format, so that it is
 * translated whole (io/lang.c). */
static void report(const char *path, rp_input_at_t at, int reading, const char *reason,
                   rp_diag_t *diag) {
  if (at.from && reading)
    rp_diag_error(diag, at.from, at.from_line, NULL, "cannot read %s: %s", path, reason);
  else if (at.from)
    rp_diag_error(diag, at.from, at.from_line, NULL, "cannot open %s: %s", path, reason);
  else if (reading)
    rp_diag_error(diag, path, 0, NULL, "cannot read: %s", reason);
  else
    rp_diag_error(diag, path, 0, NULL, "cannot open: %s", reason);
}

/* Refuses what is not a regular file; RP_OK for one. */
static rp_status_t check_regular(const char *path, rp_input_at_t at, const struct stat *sb,
                                 rp_diag_t *diag) {
  if (S_ISREG(sb->st_mode))
    return RP_OK;
  int dir = S_ISDIR(sb->st_mode);
  if (at.from && dir)
    rp_diag_error(diag, at.from, at.from_line, NULL, "%s is a folder, not a file", path);
  else if (at.from)
    rp_diag_error(diag, at.from, at.from_line, NULL,
                  "%s is not a regular file (a FIFO or a device)", path);
  else if (dir)
    rp_diag_error(diag, path, 0, NULL, "is a folder, not a file");
  else
    rp_diag_error(diag, path, 0, NULL, "is not a regular file (a FIFO or a device)");
  return RP_EIO;
}

/* Reads up to `size` bytes of fd into buf; the count read, or -1. */
static long read_all(int fd, char *buf, size_t size) {
  size_t n = 0;
  while (n < size) {
    ssize_t r = read(fd, buf + n, size - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    n += (size_t)r;
  }
  return (long)n;
}

rp_status_t rp_input_read(const char *path, rp_input_at_t at, long max_bytes, char **out,
                          size_t *len, rp_diag_t *diag) {
  rp_status_t st = RP_EIO;
  char *buf = NULL;
  struct stat sb;
  *out = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    report(path, at, 0, strerror(errno), diag);
    return RP_EIO;
  }
  if (fstat(fd, &sb) != 0) {
    report(path, at, 1, strerror(errno), diag);
    goto done;
  }
  if ((st = check_regular(path, at, &sb, diag)) != RP_OK)
    goto done;
  if (sb.st_size > max_bytes) {
    *len = (size_t)sb.st_size;
    st = RP_ELIMIT;
    goto done;
  }
  /* One byte more than the size: a file that grew while being read is
   * refused (its end was not read), not parsed cut short. */
  size_t cap = (size_t)sb.st_size + 1;
  if (!(buf = malloc(cap + 1))) {
    st = RP_ENOMEM;
    goto done;
  }
  long n = read_all(fd, buf, cap);
  if (n < 0) {
    report(path, at, 1, strerror(errno), diag);
    st = RP_EIO;
    goto done;
  }
  *len = (size_t)n;
  if (n > max_bytes) {
    st = RP_ELIMIT;
    goto done;
  }
  if ((size_t)n == cap) { /* it grew while being read: what was read is cut */
    if (at.from)
      rp_diag_error(diag, at.from, at.from_line, NULL,
                    "cannot read %s: the file changed while it was being read; read it again "
                    "when nothing writes to it", path);
    else
      rp_diag_error(diag, path, 0, NULL,
                    "cannot read: the file changed while it was being read; read it again "
                    "when nothing writes to it");
    st = RP_EIO;
    goto done;
  }
  buf[n] = '\0';
  *out = buf;
  buf = NULL;
  st = RP_OK;
done:
  free(buf);
  close(fd);
  return st;
}

rp_status_t rp_input_read_text(const char *path, rp_input_at_t at, long max_bytes,
                               const char *what, char **out, rp_diag_t *diag) {
  size_t len;
  rp_status_t st = rp_input_read(path, at, max_bytes, out, &len, diag);
  if (st == RP_ELIMIT) {
    char en[256], zh[256];
    snprintf(en, sizeof en, "%s larger than %ld KiB: is this the right file?", what,
             max_bytes / 1024);
    snprintf(zh, sizeof zh, rp_diag_tr("%s larger than %ld KiB: is this the right file?"),
             rp_diag_tr(what), max_bytes / 1024);
    rp_diag_add_text(diag, RP_SEV_ERROR, path, 0, NULL, en, zh); /* `what` translated too */
    st = RP_ELIMIT;
  } else if (st == RP_OK && memchr(*out, '\0', len)) {
    rp_diag_error(diag, path, 0, NULL, "contains a NUL byte: not a text file");
    st = RP_EINPUT;
  }
  if (st != RP_OK) {
    free(*out);
    *out = NULL;
  }
  return st;
}
