/* Status codes and diagnostics shared by every module.
 *
 * Every fallible function returns an rp_status_t.  The codes and their messages
 * come from one X-macro list so that they never drift apart (libuv's
 * UV_ERRNO_MAP).  Detail about bad input goes into a caller-owned rp_diag_t,
 * which collects every defect of a run (file, line, column, message) so that a
 * planner sees all of them at once, not just the first.
 */
#ifndef RP_STATUS_H
#define RP_STATUS_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#define RP_STATUS_MAP(X)                                                     \
  X(OK, "ok")                                                                \
  X(EUSAGE, "usage error")                                                   \
  X(EIO, "cannot read or write a file")                                      \
  X(EINPUT, "bad input data")                                                \
  X(ELIMIT, "a size limit was exceeded")                                     \
  X(ENOMEM, "out of memory")                                                 \
  X(EINFEASIBLE, "a hard rule cannot be satisfied")                          \
  X(ESOLVER, "the solver failed")                                            \
  X(EINTERNAL, "internal error")

typedef enum {
#define RP_STATUS_ENUM(name, msg) RP_##name,
  RP_STATUS_MAP(RP_STATUS_ENUM)
#undef RP_STATUS_ENUM
  RP_STATUS_COUNT
} rp_status_t;

/* Human-readable message for a status code; never NULL. */
const char *rp_status_str(rp_status_t st);

/* Process exit code for a status: 0 done, 2 usage, 3 bad input, 4 a hard
 * rule cannot hold, 5 internal or solver failure (docs/user-guide.md). */
int rp_status_exit_code(rp_status_t st);

typedef enum { RP_SEV_ERROR, RP_SEV_WARNING } rp_severity_t;

typedef struct {
  rp_severity_t sev;
  char *file;   /* may be NULL */
  long line;    /* 0 when not tied to a line */
  char *column; /* may be NULL: the column as the file's header wrote it */
  char *msg;
  char *msg_zh; /* the message in Chinese, when the translator has its format; else NULL */
  size_t more;  /* messages of the same file after this one, past RP_DIAG_PER_FILE: not kept */
} rp_diag_entry_t;

/* A growing list of diagnostics.  Zero-initialise (RP_DIAG_INIT) and release
 * with rp_diag_clear().  Entries beyond RP_MAX_DIAG (model/limits.h) are counted, not kept. */
typedef struct {
  rp_diag_entry_t *v;
  size_t n, cap;
  size_t n_errors, n_warnings;
  size_t n_dropped;
  /* Headers of the rosters read, Chinese and all (io/roster.c counts
   * them, even when a file is refused later): the messages are in Chinese
   * when most are Chinese and no language was asked for. */
  size_t hdr_zh, hdr_all;
} rp_diag_t;

#define RP_DIAG_INIT {0}

void rp_diag_add(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                 const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* rp_diag_add with a va_list. */
void rp_diag_addv(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                  const char *column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* A message already written in both languages (zh NULL: English only),
 * for messages whose arguments are words to translate as well. */
void rp_diag_add_text(rp_diag_t *d, rp_severity_t sev, const char *file, long line,
                      const char *column, const char *en, const char *zh);
/* Adds the messages kept in `from` to d, in order (a step's messages held
 * back until the caller knows they stand). */
void rp_diag_append(rp_diag_t *d, const rp_diag_t *from);
#define rp_diag_error(d, ...) rp_diag_add((d), RP_SEV_ERROR, __VA_ARGS__)
#define rp_diag_warn(d, ...) rp_diag_add((d), RP_SEV_WARNING, __VA_ARGS__)

/* The messages in two languages, gettext's way: each message's format is
 * its English text, and `zh` (set once by the front end, io/lang.c's
 * rp_tr_zh) gives its Chinese format, or the English one itself when it has
 * none; rp_diag_add then formats the message in both, with the same
 * arguments, and the printer picks one.  The Chinese format must take the
 * same conversions in the same order (tests/test_lang.c checks the table).
 * The printer's own words ("column", "warning") go through it too. */
void rp_diag_set_translator(const char *(*zh)(const char *en));
/* The Chinese of an English text through the translator; en without one. */
const char *rp_diag_tr(const char *en) __attribute__((format_arg(1)));

/* Prints `file:line: column "name": message` lines, warnings marked, in
 * English; after the RP_DIAG_PER_FILE-th message of a file, `file: ... and
 * N more messages of this file not shown`. */
void rp_diag_print(const rp_diag_t *d, FILE *fp);
/* The same in Chinese (`file:line: 列"name": message`) when zh is set and
 * a message has a Chinese text. */
void rp_diag_print_in(const rp_diag_t *d, FILE *fp, int zh);
void rp_diag_clear(rp_diag_t *d);

/* Allocation helpers: abort-free, return NULL on failure. */
char *rp_strdup(const char *s);
char *rp_strndup(const char *s, size_t n);

#endif
