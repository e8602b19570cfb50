/* Test helpers (see test_util.h). */
#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char tmpdir[4096];

const char *tu_tmpdir(void) {
  if (!tmpdir[0]) {
    const char *t = getenv("RP_TMP");
    snprintf(tmpdir, sizeof tmpdir, "%s", t ? t : "/tmp/rp_test");
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", tmpdir, tmpdir);
    if (system(cmd) != 0)
      abort();
  }
  return tmpdir;
}

const char *tu_write_bytes(const char *name, const char *data, size_t len) {
  static char slots[8][4096];
  static int next;
  char *p = slots[next++ % 8];
  if (snprintf(p, 4096, "%s/%s", tu_tmpdir(), name) >= 4096)
    abort();
  FILE *fp = fopen(p, "wb");
  if (!fp || fwrite(data, 1, len, fp) != len)
    abort();
  fclose(fp);
  return p;
}

const char *tu_write(const char *name, const char *text) {
  return tu_write_bytes(name, text, strlen(text));
}

const char *tu_copy(const char *name, const char *rel) {
  char *text = tu_read(tu_src(rel));
  if (!text)
    fail_msg("cannot read %s", tu_src(rel));
  const char *path = tu_write(name, text);
  free(text);
  return path;
}

char *tu_read(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
    n += k;
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) {
        free(buf);
        buf = NULL;
      }
      buf = nb;
    }
  }
  fclose(fp);
  if (buf)
    buf[n] = '\0';
  return buf;
}

const char *tu_src(const char *rel) {
  static char slots[8][4096];
  static int next;
  char *p = slots[next++ % 8];
  const char *src = getenv("RP_SRC");
  if (snprintf(p, 4096, "%s/%s", src ? src : ".", rel) >= 4096)
    abort();
  return p;
}

tu_run_t tu_run(const char *fmt, ...) {
  tu_run_t r = {0};
  char args[8192], cmd[20000], outp[4200], errp[4200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(args, sizeof args, fmt, ap);
  va_end(ap);
  const char *bin = getenv("RP_BIN");
  snprintf(outp, sizeof outp, "%s/run.out", tu_tmpdir());
  snprintf(errp, sizeof errp, "%s/run.err", tu_tmpdir());
  snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>'%s'", bin ? bin : "rotaplan",
           args, outp, errp);
  int st = system(cmd);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  r.out = tu_read(outp);
  r.err = tu_read(errp);
  return r;
}

void tu_run_free(tu_run_t *r) {
  free(r->out);
  free(r->err);
  r->out = r->err = NULL;
}

char *diag_str(const rp_diag_t *d) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  rp_diag_print(d, fp);
  fclose(fp);
  return buf;
}

int tu_snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= size)
    fail_msg("tu_snprintf: %d bytes do not fit in %zu (\"%.60s...\")", n, size, buf);
  return n;
}
