/* Status codes, exit codes and the diagnostic list (see status.h). */
#include "model/status.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/limits.h"

static const char *const status_msg[] = {
#define RP_STATUS_STR(name, msg) msg,
    RP_STATUS_MAP(RP_STATUS_STR)
#undef RP_STATUS_STR
};

const char *rp_status_str(rp_status_t st) {
  if ((unsigned)st >= RP_STATUS_COUNT)
    return "unknown status";
  return status_msg[st];
}

int rp_status_exit_code(rp_status_t st) {
  switch (st) {
  case RP_OK:
    return 0;
  case RP_EUSAGE:
    return 2;
  case RP_EIO:
  case RP_EINPUT:
  case RP_ELIMIT:
    return 3;
  case RP_EINFEASIBLE:
    return 4;
  default:
    return 5;
  }
}

char *rp_strdup(const char *s) { return s ? rp_strndup(s, strlen(s)) : NULL; }

char *rp_strndup(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

void rp_diag_add(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                 const char *column, const char *fmt, ...) {
  if (sev == RP_SEV_ERROR)
    d->n_errors++;
  else
    d->n_warnings++;
  if (d->n >= RP_MAX_DIAG) {
    d->n_dropped++;
    return;
  }
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    rp_diag_entry_t *v = realloc(d->v, cap * sizeof *v);
    if (!v) {
      d->n_dropped++;
      return;
    }
    d->v = v;
    d->cap = cap;
  }
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *msg = malloc(len > 0 ? (size_t)len + 1 : 1);
  if (!msg) {
    d->n_dropped++;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(msg, (size_t)len + 1, fmt, ap);
  va_end(ap);
  rp_diag_entry_t *e = &d->v[d->n++];
  e->sev = sev;
  e->file = rp_strdup(file);
  e->line = line;
  e->column = rp_strdup(column);
  e->msg = msg;
}

void rp_diag_print(const rp_diag_t *d, FILE *fp) {
  for (size_t i = 0; i < d->n; i++) {
    const rp_diag_entry_t *e = &d->v[i];
    if (e->file && e->line > 0)
      fprintf(fp, "%s:%ld: ", e->file, e->line);
    else if (e->file)
      fprintf(fp, "%s: ", e->file);
    if (e->sev == RP_SEV_WARNING)
      fputs("warning: ", fp);
    if (e->column)
      fprintf(fp, "column \"%s\": ", e->column);
    fprintf(fp, "%s\n", e->msg);
  }
  if (d->n_dropped)
    fprintf(fp, "... and %zu more messages not shown\n", d->n_dropped);
}

void rp_diag_clear(rp_diag_t *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->v[i].file);
    free(d->v[i].column);
    free(d->v[i].msg);
  }
  free(d->v);
  memset(d, 0, sizeof *d);
}
