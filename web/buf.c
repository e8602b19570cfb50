/* Small helpers of the web layer: a growing text buffer with HTML escaping,
 * random ids and secrets (libsodium), constant-time comparison, and whole
 * small files read and written atomically (JSON records of workspaces and
 * runs). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "web/web_i.h"

static int grow(rp_wbuf_t *b, size_t more) {
  if (b->oom)
    return -1;
  if (b->n + more + 1 <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->n + more + 1)
    cap *= 2;
  char *s = realloc(b->s, cap);
  if (!s) {
    b->oom = 1;
    return -1;
  }
  b->s = s;
  b->cap = cap;
  return 0;
}

void rp_wbuf_addn(rp_wbuf_t *b, const char *s, size_t n) {
  if (grow(b, n) != 0)
    return;
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

void rp_wbuf_add(rp_wbuf_t *b, const char *s) { rp_wbuf_addn(b, s, strlen(s)); }

void rp_wbuf_addf(rp_wbuf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || grow(b, (size_t)n) != 0)
    return;
  va_start(ap, fmt);
  vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

void rp_wbuf_html(rp_wbuf_t *b, const char *s) {
  if (!s)
    return;
  const char *run = s;
  for (; *s; s++) {
    const char *e = NULL;
    switch (*s) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    default: continue;
    }
    rp_wbuf_addn(b, run, (size_t)(s - run));
    rp_wbuf_add(b, e);
    run = s + 1;
  }
  rp_wbuf_addn(b, run, (size_t)(s - run));
}

void rp_wbuf_free(rp_wbuf_t *b) {
  free(b->s);
  b->s = NULL;
  b->n = b->cap = 0;
  b->oom = 0;
}

void rp_web_random_hex(char *out, size_t bytes) {
  unsigned char r[64];
  if (bytes > sizeof r)
    bytes = sizeof r;
  randombytes_buf(r, bytes);
  sodium_bin2hex(out, 2 * bytes + 1, r, bytes);
  sodium_memzero(r, sizeof r);
}

void rp_web_id_new(char id[RP_WEB_ID_LEN + 1]) { rp_web_random_hex(id, RP_WEB_ID_LEN / 2); }

int rp_web_id_valid(const char *s) {
  if (!s)
    return 0;
  size_t i = 0;
  for (; s[i]; i++)
    if (i >= RP_WEB_ID_LEN || !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return 0;
  return i == RP_WEB_ID_LEN;
}

int rp_web_name_valid(const char *s) {
  if (!s || !*s || *s == '.')
    return 0;
  size_t i = 0;
  for (; s[i]; i++) {
    char c = s[i];
    if (i >= RP_WEB_MAX_NAME || !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                  (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-'))
      return 0;
  }
  return 1;
}

/* The bytes of the well-formed UTF-8 character beyond ASCII at s[i] (of
 * n), or 0: a lead byte of 2, 3 or 4, then that many continuation bytes;
 * no overlong form of an ASCII byte (0xc0, 0xc1), nothing past U+10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t i, size_t n) {
  unsigned c = s[i];
  size_t k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
             : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (k == 0 || i + k > n)
    return 0;
  for (size_t j = 1; j < k; j++)
    if ((s[i + j] & 0xc0) != 0x80)
      return 0;
  if ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xf0 && s[i + 1] < 0x90) ||
      (c == 0xf4 && s[i + 1] > 0x8f))
    return 0;
  return k;
}

/* One folder or file name of a run's out/ tree: [A-Za-z0-9._-] or
 * well-formed UTF-8 beyond ASCII (a scenario's name, 比例15), no leading
 * dot, 1..RP_WEB_MAX_REL bytes. */
static int segment_valid(const unsigned char *s, size_t n) {
  if (n == 0 || s[0] == '.')
    return 0;
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '.' || c == '_' || c == '-'))
        return 0;
      i++;
      continue;
    }
    size_t k = utf8_char(s, i, n);
    if (k == 0)
      return 0;
    i += k;
  }
  return 1;
}

int rp_web_sheet_valid(const char *sheet) {
  const unsigned char *s = (const unsigned char *)sheet;
  size_t n = s ? strlen(sheet) : 0, chars = 0;
  if (n == 0 || s[0] == ' ' || s[0] == '\'' || s[n - 1] == ' ' || s[n - 1] == '\'')
    return 0;
  for (size_t i = 0; i < n; chars++) {
    if (s[i] >= 0x80) {
      size_t k = utf8_char(s, i, n);
      if (k == 0)
        return 0;
      i += k;
    } else if (s[i] < 0x20 || s[i] == 0x7f || strchr("\\/?*[]:;", s[i])) {
      return 0;
    } else {
      i++;
    }
  }
  return chars <= RP_WEB_MAX_SHEET;
}

int rp_web_relname_valid(const char *s) {
  if (!s)
    return 0;
  size_t n = strlen(s), segs = 0;
  if (n == 0 || n > RP_WEB_MAX_REL)
    return 0;
  for (const char *p = s;; p++) {
    const char *e = strchr(p, '/');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (++segs > RP_WEB_MAX_DEPTH + 1 || !segment_valid((const unsigned char *)p, len))
      return 0;
    if (!e)
      return 1;
    p = e;
  }
}

int rp_web_secret_eq(const char *a, const char *b) {
  if (!a || !b)
    return 0;
  size_t n = strlen(a);
  if (n == 0 || n != strlen(b))
    return 0;
  return sodium_memcmp(a, b, n) == 0;
}

int rp_web_path(char *out, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(out, n, fmt, ap);
  va_end(ap);
  return len < 0 || (size_t)len >= n ? -1 : 0;
}

char *rp_web_read_file(const char *path, size_t max, size_t *len) {
  /* Symbolic links followed: a certificate is often one (certbot's live/). */
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  char *s = NULL;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max)
    goto done;
  size_t n = (size_t)st.st_size, got = 0;
  s = malloc(n + 1);
  if (!s)
    goto done;
  while (got < n) {
    ssize_t r = read(fd, s + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  s[got] = 0;
  if (len)
    *len = got;
done:
  close(fd);
  return s;
}

int rp_web_write_file(const char *path, const char *text) {
  char tmp[RP_WEB_PATH];
  if (snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= (int)sizeof tmp)
    return -1;
  int fd = mkstemp(tmp);
  if (fd < 0)
    return -1;
  size_t n = strlen(text), off = 0;
  int rc = 0;
  while (off < n) {
    ssize_t w = write(fd, text + off, n - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      rc = -1;
      break;
    }
    off += (size_t)w;
  }
  if (close(fd) != 0)
    rc = -1;
  if (rc == 0 && rename(tmp, path) != 0)
    rc = -1;
  if (rc != 0)
    unlink(tmp);
  return rc;
}

cJSON *rp_web_read_json(const char *path) {
  char *s = rp_web_read_file(path, 1 << 20, NULL);
  if (!s)
    return NULL;
  cJSON *j = cJSON_Parse(s);
  free(s);
  return j;
}

int rp_web_write_json(const char *path, const cJSON *j) {
  char *s = cJSON_Print(j);
  if (!s)
    return -1;
  int rc = rp_web_write_file(path, s);
  cJSON_free(s);
  return rc;
}
