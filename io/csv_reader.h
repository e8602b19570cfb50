/* Reading a CSV file into a table of UTF-8 strings.
 *
 * First stage of the data's way in: the file is read whole (up to
 * RP_CSV_MAX_BYTES), its encoding detected (UTF-8 with or without BOM, else
 * GB18030/GBK as Excel writes it in China) and converted to UTF-8, then
 * parsed with libcsv in strict mode.  Each record keeps the line it starts
 * on, so that every later message can say `file:line: column "name": ...`.
 * Headers are matched by name through alias lists (rp_table_column).
 */
#ifndef RP_CSV_READER_H
#define RP_CSV_READER_H

#include <stddef.h>

#include "model/limits.h" /* RP_CSV_MAX_BYTES, _FIELD, _ROWS, _COLS */
#include "model/status.h"

typedef struct {
  char *path;       /* as given, for messages */
  char **header;    /* ncols header names, trimmed */
  size_t ncols;
  char **cells;     /* nrows * ncols, row-major; missing cells are "" */
  long *lines;      /* line each data row starts on (1-based) */
  size_t nrows;
  const char *encoding; /* "UTF-8", "UTF-8 BOM" or "GB18030" */
} rp_table_t;

/* Reads `path`; a path ending in .xlsx (or .xlsx#SHEET) is an Excel
 * workbook, read by io/xlsx_reader.h into the same table.  On RP_OK *out owns the table (free with rp_table_free).
 * Errors (unreadable file, empty file, bad quoting, wrong number of fields,
 * limits, undecodable bytes) go to diag; the function returns RP_EIO,
 * RP_EINPUT or RP_ELIMIT and *out is NULL. */
rp_status_t rp_csv_read(const char *path, rp_table_t **out, rp_diag_t *diag);
/* Same, but a header without data rows is a valid, empty table (a rotation
 * list with no moves). */
rp_status_t rp_csv_read_maybe_empty(const char *path, rp_table_t **out, rp_diag_t *diag);
/* Same, from memory (used by tests and the fuzzers); `name` for messages. */
rp_status_t rp_csv_parse(const char *name, const char *data, size_t len,
                         rp_table_t **out, rp_diag_t *diag);
/* Same, a header without data rows allowed (as rp_csv_read_maybe_empty);
 * io/xlsx_reader.c reads a sheet's text through it. */
rp_status_t rp_csv_parse_maybe_empty(const char *name, const char *data, size_t len,
                                     int allow_empty, rp_table_t **out, rp_diag_t *diag);
void rp_table_free(rp_table_t *t);

/* Column whose header matches one of the NULL-terminated aliases (ASCII
 * case-insensitive), or -1. */
int rp_table_column(const rp_table_t *t, const char *const *aliases);
/* Does header h match alias (lower-case ASCII or UTF-8)? */
int rp_header_eq(const char *h, const char *alias);

/* One column a reader knows: its canonical name (also its first alias),
 * whether it must be there, and the NULL-terminated names it answers to. */
typedef struct {
  const char *name;
  int required;
  const char *aliases[8];
} rp_colspec_t;

/* Finds the column of each of the n specs in t (col[i], -1 when absent);
 * reports in diag a missing required column (with "did you mean" when an
 * unknown header is close to one of its names: edit distance within half
 * the name, or the only unknown header when one column is missing) and a
 * field given twice (say
 * "name" and "姓名", which would be misread silently) as errors, an unknown
 * header as a warning.  Returns 0 when every required column is there
 * once, else -1. */
int rp_table_map_columns(const rp_table_t *t, const rp_colspec_t *spec, int n, int *col,
                         rp_diag_t *diag);
/* Are most of t's headers Chinese (non-ASCII)? */
int rp_table_zh(const rp_table_t *t);
/* The name of a column for messages: the header as the file wrote it (col
 * >= 0), else, for a column the file does not have, its first Chinese alias
 * when most headers are Chinese, else its English name. */
const char *rp_table_colname(const rp_table_t *t, const rp_colspec_t *spec, int col);

static inline const char *rp_table_cell(const rp_table_t *t, size_t row,
                                        int col) {
  return col < 0 ? "" : t->cells[row * t->ncols + (size_t)col];
}

/* s with full-width digits, signs and point (０１２…９ ＋ － ．, as a Chinese
 * input method types them) as ASCII, into buf (n bytes); s itself when it
 * has none or buf is too short.  Numbers of the CSV inputs are read through
 * it: full-width digits are unambiguous. */
const char *rp_halfwidth(const char *s, char *buf, size_t n);

/* Converts text to UTF-8 if it is not already: returns a malloc'ed copy and
 * the detected encoding, or NULL when the bytes are neither UTF-8 nor
 * GB18030 (byte offset of the first bad byte in *bad). */
char *rp_to_utf8(const char *data, size_t len, size_t *outlen,
                 const char **encoding, size_t *bad);

#endif
