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

static const char *(*translator)(const char *en);

void rp_diag_set_translator(const char *(*zh)(const char *en)) { translator = zh; }

const char *rp_diag_tr(const char *en) { return translator ? translator(en) : en; }

/* fmt with ap, malloc'ed; NULL when out of memory. */
static char *format(const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int len = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  char *msg = malloc(len > 0 ? (size_t)len + 1 : 1);
  if (msg) {
    va_copy(aq, ap);
    vsnprintf(msg, (size_t)len + 1, fmt, aq);
    va_end(aq);
  }
  return msg;
}

/* The last kept message of `file` when the file has RP_DIAG_PER_FILE of
 * them already, else NULL. */
static rp_diag_entry_t *file_full(rp_diag_t *d, const char *file) {
  size_t n = 0;
  rp_diag_entry_t *last = NULL;
  if (!file)
    return NULL;
  for (size_t i = 0; i < d->n; i++)
    if (d->v[i].file && strcmp(d->v[i].file, file) == 0) {
      n++;
      last = &d->v[i];
    }
  return n >= RP_DIAG_PER_FILE ? last : NULL;
}

/* Counts a message; the entry to fill, or NULL when it is not kept. */
static rp_diag_entry_t *new_entry(rp_diag_t *d, rp_severity_t sev, const char *file) {
  if (sev == RP_SEV_ERROR)
    d->n_errors++;
  else
    d->n_warnings++;
  rp_diag_entry_t *full = file_full(d, file);
  if (full) {
    full->more++;
    return NULL;
  }
  if (d->n >= RP_MAX_DIAG) {
    d->n_dropped++;
    return NULL;
  }
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    rp_diag_entry_t *v = realloc(d->v, cap * sizeof *v);
    if (!v) {
      d->n_dropped++;
      return NULL;
    }
    d->v = v;
    d->cap = cap;
  }
  return &d->v[d->n];
}

static void fill(rp_diag_t *d, rp_diag_entry_t *e, rp_severity_t sev, const char *file,
                 long line, const char *column, char *msg, char *msg_zh) {
  if (!msg) {
    free(msg_zh);
    d->n_dropped++;
    return;
  }
  d->n++;
  e->sev = sev;
  e->file = rp_strdup(file);
  e->line = line;
  e->column = rp_strdup(column);
  e->msg = msg;
  e->msg_zh = msg_zh;
  e->more = 0;
}

void rp_diag_add_text(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                      const char *column, const char *en, const char *zh) {
  rp_diag_entry_t *e = new_entry(d, sev, file);
  if (e)
    fill(d, e, sev, file, line, column, rp_strdup(en), zh ? rp_strdup(zh) : NULL);
}

void rp_diag_append(rp_diag_t *d, const rp_diag_t *from) {
  for (size_t i = 0; i < from->n; i++) {
    const rp_diag_entry_t *e = &from->v[i];
    rp_diag_add_text(d, e->sev, e->file, e->line, e->column, e->msg, e->msg_zh);
  }
}

void rp_diag_addv(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                  const char *column, const char *fmt, va_list ap) {
  rp_diag_entry_t *e = new_entry(d, sev, file);
  if (!e)
    return;
  char *msg = format(fmt, ap), *msg_zh = NULL; /* format copies ap */
  const char *zfmt = translator ? translator(fmt) : fmt;
  if (msg && zfmt != fmt)
    msg_zh = format(zfmt, ap);
  fill(d, e, sev, file, line, column, msg, msg_zh);
}

void rp_diag_add(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                 const char *column, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rp_diag_addv(d, sev, file, line, column, fmt, ap);
  va_end(ap);
}

/* The printer's words, in the language asked for. */
static const char *word(int zh, const char *en) __attribute__((format_arg(2)));
static const char *word(int zh, const char *en) { return zh ? rp_diag_tr(en) : en; }

void rp_diag_print_in(const rp_diag_t *d, FILE *fp, int zh) {
  for (size_t i = 0; i < d->n; i++) {
    const rp_diag_entry_t *e = &d->v[i];
    if (e->file && e->line > 0)
      fprintf(fp, "%s:%ld: ", e->file, e->line);
    else if (e->file)
      fprintf(fp, "%s: ", e->file);
    if (e->sev == RP_SEV_WARNING)
      fputs(word(zh, "warning: "), fp);
    if (e->column)
      fprintf(fp, word(zh, "column \"%s\": "), e->column);
    fprintf(fp, "%s\n", zh && e->msg_zh ? e->msg_zh : e->msg);
    if (e->more)
      fprintf(fp, word(zh, "%s: ... and %zu more messages of this file not shown\n"), e->file,
              e->more);
  }
  if (d->n_dropped)
    fprintf(fp, word(zh, "... and %zu more messages not shown\n"), d->n_dropped);
}

void rp_diag_print(const rp_diag_t *d, FILE *fp) { rp_diag_print_in(d, fp, 0); }

void rp_diag_clear(rp_diag_t *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->v[i].file);
    free(d->v[i].column);
    free(d->v[i].msg);
    free(d->v[i].msg_zh);
  }
  free(d->v);
  memset(d, 0, sizeof *d);
}
