/* The one INI line reader of policy.ini and the scenario files.
 *
 * inih does not tell its handler the line number, and stops reporting at the
 * first bad line.  rp_ini_parse feeds the text through ini_parse_stream one
 * line at a time, counting lines (a handler reports at r->line), and checks
 * each line's syntax before inih sees it: a section header, a comment, a
 * blank line or `key = value`.  A bad line is reported as `file:LINE: ...`
 * and handed on blank, so that every bad line of a file is reported in one
 * run.  Indentation is skipped (an indented key is an ordinary key, not
 * inih's continuation line); the first line may start with a UTF-8 BOM.
 *
 * Messages: `line too long` (a line inih cannot hold: 200 bytes or more with
 * its line end), `a section header without its closing ]`, `not an INI line
 * (expected [section] or key = value)`, `a value without a key`, and, when the
 * caller lists its sections, `unknown section [S] (A, B, ...)` at the header.
 */
#ifndef RP_INI_READER_H
#define RP_INI_READER_H

#include <stddef.h>

#include "model/status.h"

typedef struct {
  /* Set by the caller. */
  const char *file;            /* names the file in messages */
  rp_diag_t *diag;
  const char *const *sections; /* NULL-terminated names, checked at each
                                  header (blanks around a name ignored);
                                  NULL: not checked here */
  const char *long_line_advice; /* NULL: `line too long`; else `line too
                                   long (at most N bytes; ADVICE)` */
  /* Kept by the reader. */
  const char *text;     /* what is left to read */
  long line;            /* the line inih is handling, from 1 */
  size_t syntax_errors; /* bad lines reported */
} rp_ini_reader_t;

/* inih's handler: name is NULL at a new section; return 1 to go on. */
typedef int (*rp_ini_handler_t)(void *user, const char *section, const char *name,
                                const char *value);

/* Parses `text` (NUL-terminated) with inih, calling on_key(user, ...) for
 * every key.  Errors go to r->diag; returns RP_OK, or RP_ENOMEM when inih
 * could not allocate. */
rp_status_t rp_ini_parse(rp_ini_reader_t *r, const char *text, rp_ini_handler_t on_key,
                         void *user);

#endif
