/* CSV reading with encoding detection and line tracking (see csv_reader.h).
 *
 * libcsv does not report line numbers, so the text is fed to it one line at a
 * time; a record starts on the line where its first field ends, less the line
 * breaks inside that field. */
#include "io/csv_reader.h"

#include "io/input_file.h"
#include "io/xlsx_reader.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 prefix of s. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t k;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      k = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      k = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      k = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    for (size_t j = 1; j <= k; j++) {
      if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
        return i;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
        (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += k + 1;
  }
  return n;
}

char *rp_to_utf8(const char *data, size_t len, size_t *outlen,
                 const char **encoding, size_t *bad) {
  const unsigned char *u = (const unsigned char *)data;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    size_t ok = utf8_valid_prefix(u + 3, len - 3);
    if (ok != len - 3) {
      *bad = ok + 3;
      return NULL;
    }
    *encoding = "UTF-8 BOM";
    *outlen = len - 3;
    return rp_strndup(data + 3, len - 3);
  }
  size_t ok = utf8_valid_prefix(u, len);
  if (ok == len) {
    *encoding = "UTF-8";
    *outlen = len;
    return rp_strndup(data, len);
  }
  /* UTF-8 Chinese text (three-byte characters; GBK pairs can pass for
   * two-byte UTF-8, but rarely for three) before the first bad byte: a file
   * mixing encodings, which GB18030 would decode into plausible nonsense. */
  for (size_t i = 0; i < ok; i++)
    if (u[i] >= 0xE0 && u[i] <= 0xEF) {
      *bad = ok;
      return NULL;
    }
  /* Not UTF-8: GB18030 is a superset of GBK and GB2312 and maps every
   * byte sequence Excel writes; iconv rejects anything else. */
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1) {
    *bad = ok;
    return NULL;
  }
  size_t cap = len * 2 + 16;
  char *out = malloc(cap);
  if (!out) {
    iconv_close(cd);
    *bad = ok;
    return NULL;
  }
  char *in = (char *)data, *o = out;
  size_t inleft = len, oleft = cap - 1;
  while (inleft > 0) {
    if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
      if (errno == E2BIG) {
        size_t used = (size_t)(o - out);
        cap *= 2;
        char *nout = realloc(out, cap);
        if (!nout)
          break;
        out = nout;
        o = out + used;
        oleft = cap - 1 - used;
        continue;
      }
      break;
    }
  }
  iconv_close(cd);
  if (inleft > 0) {
    *bad = len - inleft;
    free(out);
    return NULL;
  }
  *o = '\0';
  *outlen = (size_t)(o - out);
  *encoding = "GB18030";
  return out;
}

typedef struct {
  rp_table_t *t;
  rp_diag_t *diag;
  const char *name;
  long line;       /* line being fed */
  long rec_line;   /* line the current record starts on */
  char **row;      /* fields of the current record */
  size_t nrow, caprow;
  size_t capcells, caprows;
  int have_header;
  char *title;      /* a first record of one cell, held until the next shows */
  long title_line;  /* whether it was a title above the header */
  int title_rows;   /* records of one cell before the header */
  int failed;      /* a limit or allocation failure stops the parse */
  size_t since_cb; /* bytes fed since the last field ended */
  int field_ended; /* a field ended in the piece being fed */
  rp_status_t st;
} parse_ctx_t;

static void on_field(void *s, size_t len, void *ud) {
  parse_ctx_t *c = ud;
  c->since_cb = 0;
  c->field_ended = 1;
  if (c->failed)
    return;
  if (c->nrow == 0) {
    long nl = 0;
    for (size_t i = 0; i < len; i++)
      nl += ((const char *)s)[i] == '\n';
    c->rec_line = c->line - nl;
  }
  if (len > RP_CSV_MAX_FIELD) {
    rp_diag_error(c->diag, c->name, c->rec_line, NULL,
                  "field %zu is %zu bytes long; the limit is %d bytes "
                  "(RP_CSV_MAX_FIELD)",
                  c->nrow + 1, len, RP_CSV_MAX_FIELD);
    c->failed = 1;
    c->st = RP_ELIMIT;
    return;
  }
  if (c->nrow >= RP_CSV_MAX_COLS) {
    rp_diag_error(c->diag, c->name, c->rec_line, NULL,
                  "more than %d fields in a record (RP_CSV_MAX_COLS)",
                  RP_CSV_MAX_COLS);
    c->failed = 1;
    c->st = RP_ELIMIT;
    return;
  }
  if (c->nrow == c->caprow) {
    size_t cap = c->caprow ? c->caprow * 2 : 16;
    char **r = realloc(c->row, cap * sizeof *r);
    if (!r)
      goto nomem;
    c->row = r;
    c->caprow = cap;
  }
  /* Trim blanks around unquoted-looking values: spreadsheet exports pad. */
  const char *p = s ? s : "";
  while (len > 0 && (*p == ' ' || *p == '\t')) {
    p++;
    len--;
  }
  while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
    len--;
  /* '=..., '+..., '-..., '@... (or a tab or CR after the apostrophes): a
   * value that our CSV writer (rp_csv_text) or a spreadsheet user kept from
   * being run as a formula; the value is what follows the first apostrophe
   * (''=x was '=x). */
  size_t quotes = 0; /* the leading apostrophes, and what follows them */
  while (quotes < len && p[quotes] == '\'')
    quotes++;
  if (quotes > 0 && quotes < len && strchr("=+-@\t\r", p[quotes])) {
    p++;
    len--;
  }
  if (!(c->row[c->nrow] = rp_strndup(p, len)))
    goto nomem;
  c->nrow++;
  return;
nomem:
  c->failed = 1;
  c->st = RP_ENOMEM;
}

static void free_row(parse_ctx_t *c) {
  for (size_t i = 0; i < c->nrow; i++) /* free(NULL) for a cell taken as a title */
    free(c->row[i]);
  c->nrow = 0;
}

static void on_record(int term, void *ud) {
  parse_ctx_t *c = ud;
  (void)term;
  rp_table_t *t = c->t;
  if (c->failed) {
    free_row(c);
    return;
  }
  size_t n = c->nrow;
  /* Rows of empty cells are what spreadsheets leave below the data. */
  int empty = 1;
  for (size_t i = 0; i < n && empty; i++)
    empty = c->row[i][0] == '\0';
  if (empty) {
    free_row(c);
    return;
  }
  if (!c->have_header) {
    size_t filled = 0, first = 0;
    for (size_t i = 0; i < n; i++)
      if (c->row[i][0] && filled++ == 0)
        first = i;
    /* A record of one cell above one of several: a title row (a merged
     * cell over the table, as bureaus' sheets have), not the header. */
    if (filled == 1 && !c->title) {
      c->title = c->row[first];
      c->row[first] = NULL;
      c->title_line = c->rec_line;
      free_row(c);
      return;
    }
    if (c->title && filled >= 2) {
      rp_diag_warn(c->diag, c->name, c->title_line, NULL,
                   "line %ld looks like a title (\"%s\"), not the header: skipped; the "
                   "header is line %ld (delete the title row to silence this warning)",
                   c->title_line, c->title, c->rec_line);
      free(c->title);
      c->title = NULL;
    } else if (c->title) { /* one cell again: a file of one column, its header held */
      char **h = malloc(sizeof *h);
      if (!h)
        goto nomem;
      h[0] = c->title;
      c->title = NULL;
      t->header = h;
      t->ncols = 1;
      c->have_header = 1;
      goto data;
    }
    while (n > 0 && c->row[n - 1][0] == '\0') /* trailing empty headers */
      free(c->row[--n]);
    t->header = c->row;
    t->ncols = n;
    c->row = NULL;
    c->nrow = c->caprow = 0;
    c->have_header = 1;
    return;
  }
data:
  while (n > t->ncols && c->row[n - 1][0] == '\0')
    n--;
  if (n != t->ncols && t->ncols == 1)
    rp_diag_error(c->diag, c->name, c->rec_line, NULL,
                  "%zu fields, but the header has 1: is the header line a title above the "
                  "column names? Delete it",
                  n);
  else if (n != t->ncols)
    rp_diag_error(c->diag, c->name, c->rec_line, NULL,
                  "%zu fields, but the header has %zu", n, t->ncols);
  if (n != t->ncols) {
    free_row(c);
    return;
  }
  if ((long)t->nrows >= RP_CSV_MAX_ROWS) {
    rp_diag_error(c->diag, c->name, c->rec_line, NULL,
                  "more than %ld data rows (RP_CSV_MAX_ROWS)", RP_CSV_MAX_ROWS);
    c->failed = 1;
    c->st = RP_ELIMIT;
    free_row(c);
    return;
  }
  if ((t->nrows + 1) * t->ncols > c->capcells) {
    size_t cap = c->capcells ? c->capcells * 2 : t->ncols * 64;
    char **cells = realloc(t->cells, cap * sizeof *cells);
    if (!cells)
      goto nomem;
    t->cells = cells;
    c->capcells = cap;
  }
  if (t->nrows + 1 > c->caprows) {
    size_t cap = c->caprows ? c->caprows * 2 : 64;
    long *lines = realloc(t->lines, cap * sizeof *lines);
    if (!lines)
      goto nomem;
    t->lines = lines;
    c->caprows = cap;
  }
  for (size_t i = 0; i < t->ncols; i++)
    t->cells[t->nrows * t->ncols + i] = c->row[i];
  for (size_t i = t->ncols; i < c->nrow; i++)
    free(c->row[i]);
  c->nrow = 0;
  t->lines[t->nrows++] = c->rec_line;
  return;
nomem:
  free_row(c);
  c->failed = 1;
  c->st = RP_ENOMEM;
}

void rp_table_free(rp_table_t *t) {
  if (!t)
    return;
  for (size_t i = 0; i < t->ncols; i++)
    free(t->header[i]);
  free(t->header);
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    free(t->cells[i]);
  free(t->cells);
  free(t->lines);
  free(t->path);
  free(t);
}

/* Is s[0..n) blanks and line breaks only? */
static int only_blanks(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
      return 0;
  return 1;
}

static long line_of_offset(const char *data, size_t off) {
  long line = 1;
  for (size_t i = 0; i < off; i++)
    line += data[i] == '\n';
  return line;
}

static rp_status_t parse(const char *name, const char *data, size_t len, int allow_empty,
                         rp_table_t **out, rp_diag_t *diag) {
  rp_status_t st = RP_EINPUT;
  struct csv_parser p;
  int have_parser = 0;
  char *text = NULL;
  size_t tlen = 0, bad = 0;
  const char *enc = NULL;
  parse_ctx_t c = {0};
  size_t errors0 = diag->n_errors;
  *out = NULL;
  c.name = name;
  c.diag = diag;
  c.t = calloc(1, sizeof *c.t);
  if (!c.t) {
    st = RP_ENOMEM;
    goto done;
  }
  c.t->path = rp_strdup(name);
  if (len == 0) {
    rp_diag_error(diag, name, 0, NULL, "the file is empty");
    goto done;
  }
  const char *nul = memchr(data, '\0', len);
  if (nul) {
    rp_diag_error(diag, name, line_of_offset(data, (size_t)(nul - data)), NULL,
                  "contains a NUL byte: this is a binary file, not CSV text "
                  "(save it from Excel as CSV)");
    goto done;
  }
  text = rp_to_utf8(data, len, &tlen, &enc, &bad);
  if (!text) {
    rp_diag_error(diag, name, line_of_offset(data, bad), NULL,
                  "byte %zu is neither UTF-8 nor GB18030 text (mixed or "
                  "unknown encoding)",
                  bad + 1);
    goto done;
  }
  c.t->encoding = enc;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    st = RP_ENOMEM;
    goto done;
  }
  have_parser = 1;
  csv_set_blk_size(&p, 4096);
  /* Fed in pieces of at most one line and 64 KiB: a field that grows past
   * the limit is caught without libcsv buffering all of it. */
  size_t pos = 0;
  int at_line_start = 1;
  c.line = 0;
  c.since_cb = 0;
  while (pos < tlen && !c.failed) {
    const char *nl = memchr(text + pos, '\n', tlen - pos);
    size_t end = nl ? (size_t)(nl - text) + 1 : tlen;
    if (end - pos > 65536)
      end = pos + 65536;
    if (at_line_start)
      c.line++;
    size_t n = end - pos;
    c.field_ended = 0;
    if (csv_parse(&p, text + pos, n, on_field, on_record, &c) != n) {
      rp_diag_error(diag, name, c.line, NULL, "malformed CSV: %s",
                    csv_strerror(csv_error(&p)));
      goto done;
    }
    /* Only pieces in which no field ended count.  Adding the whole piece
     * after a field ended in it refused every valid record longer than
     * 8 KiB (found by tests/fuzz/fuzz_csv.c's round trip); a field still
     * open holds at most that piece, so the bound grows by one piece.
     * Blank lines do not count either: libcsv skips them between records,
     * and some thousand of them (spreadsheet leftovers) were refused as one
     * long field (found the same way).  A runaway quoted field of blank
     * lines alone is still refused when it ends or the file does. */
    if (!c.field_ended && !only_blanks(text + pos, n))
      c.since_cb += n;
    if (c.since_cb > 2 * RP_CSV_MAX_FIELD + 16 && !c.failed) {
      rp_diag_error(diag, name, c.line, NULL,
                    "a field is longer than the limit of %d bytes (RP_CSV_MAX_FIELD)",
                    RP_CSV_MAX_FIELD);
      c.failed = 1;
      c.st = RP_ELIMIT;
    }
    at_line_start = text[end - 1] == '\n';
    pos = end;
  }
  if (!c.failed && csv_fini(&p, on_field, on_record, &c) != 0) {
    rp_diag_error(diag, name, c.line, NULL,
                  "malformed CSV: a quoted field is not closed");
    goto done;
  }
  if (c.failed) {
    st = c.st;
    goto done;
  }
  if (!c.have_header && c.title) { /* one record of one cell: a header alone */
    if (!(c.t->header = malloc(sizeof *c.t->header))) {
      st = RP_ENOMEM;
      goto done;
    }
    c.t->header[0] = c.title;
    c.t->ncols = 1;
    c.title = NULL;
    c.have_header = 1;
  }
  if (!c.have_header) {
    rp_diag_error(diag, name, 0, NULL, "the file has no header row");
    goto done;
  }
  if (c.t->nrows == 0 && !allow_empty) {
    rp_diag_error(diag, name, 0, NULL, "the file has a header but no data rows");
    goto done;
  }
  if (diag->n_errors == errors0) {
    *out = c.t;
    c.t = NULL;
    st = RP_OK;
  }
done:
  if (have_parser)
    csv_free(&p);
  free_row(&c);
  free(c.row);
  free(c.title);
  rp_table_free(c.t);
  free(text);
  return st;
}

rp_status_t rp_csv_parse(const char *name, const char *data, size_t len,
                         rp_table_t **out, rp_diag_t *diag) {
  return parse(name, data, len, 0, out, diag);
}

rp_status_t rp_csv_parse_maybe_empty(const char *name, const char *data, size_t len,
                                     int allow_empty, rp_table_t **out, rp_diag_t *diag) {
  return parse(name, data, len, allow_empty, out, diag);
}

static rp_status_t read_file(const char *path, int allow_empty, rp_table_t **out,
                             rp_diag_t *diag);

rp_status_t rp_csv_read(const char *path, rp_table_t **out, rp_diag_t *diag) {
  return read_file(path, 0, out, diag);
}

rp_status_t rp_csv_read_maybe_empty(const char *path, rp_table_t **out, rp_diag_t *diag) {
  return read_file(path, 1, out, diag);
}

static rp_status_t read_file(const char *path, int allow_empty, rp_table_t **out,
                             rp_diag_t *diag) {
  char *buf = NULL, *file = NULL, *sheet = NULL;
  size_t size;
  *out = NULL;
  /* FILE.xlsx#SHEET: the file is FILE.xlsx, messages name the whole path. */
  if (rp_xlsx_path_split(path, &file, &sheet) != 0)
    return RP_ENOMEM;
  rp_status_t st = rp_input_read(file, (rp_input_at_t){NULL, 0}, RP_CSV_MAX_BYTES, &buf,
                                 &size, diag);
  if (st == RP_ELIMIT)
    rp_diag_error(diag, file, 0, NULL,
                  "the file is %zu bytes; the limit is %ld bytes "
                  "(RP_CSV_MAX_BYTES): split the county or raise the limit",
                  size, RP_CSV_MAX_BYTES);
  if (st == RP_OK && rp_xlsx_path(path))
    st = rp_xlsx_parse(path, buf, size, sheet, allow_empty, out, diag);
  else if (st == RP_OK)
    st = parse(path, buf, size, allow_empty, out, diag);
  free(buf);
  free(file);
  free(sheet);
  return st;
}

/* s with full-width digits, signs and point (０１２…９ ＋ － ．, as a Chinese
 * input method types them) as ASCII, into buf; s itself when it has none
 * or buf is too short.  They are unambiguous: read as the digits they are. */
const char *rp_halfwidth(const char *s, char *buf, size_t n) {
  size_t o = 0;
  int changed = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (o + 2 > n)
      return s;
    if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
      buf[o++] = (char)('0' + p[2] - 0x90);
      p += 2;
      changed = 1;
    } else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8B || p[2] == 0x8D || p[2] == 0x8E)) {
      buf[o++] = p[2] == 0x8B ? '+' : p[2] == 0x8D ? '-' : '.';
      p += 2;
      changed = 1;
    } else {
      buf[o++] = (char)*p;
    }
  }
  buf[o] = '\0';
  return changed ? buf : s;
}

int rp_header_eq(const char *h, const char *alias) {
  size_t n = strlen(alias);
  if (strlen(h) != n)
    return 0;
  for (size_t j = 0; j < n; j++) {
    unsigned char x = (unsigned char)h[j];
    if (x >= 'A' && x <= 'Z')
      x = (unsigned char)(x - 'A' + 'a');
    if (x != (unsigned char)alias[j])
      return 0;
  }
  return 1;
}

int rp_table_column(const rp_table_t *t, const char *const *aliases) {
  for (size_t i = 0; i < t->ncols; i++)
    for (const char *const *a = aliases; *a; a++)
      if (rp_header_eq(t->header[i], *a))
        return (int)i;
  return -1;
}

int rp_table_zh(const rp_table_t *t) {
  size_t zh = 0;
  for (size_t h = 0; h < t->ncols; h++) {
    const unsigned char *p = (const unsigned char *)t->header[h];
    while (*p && *p < 0x80)
      p++;
    zh += *p != 0;
  }
  return t->ncols > 0 && 2 * zh > t->ncols;
}

/* The first alias of spec in Chinese, or NULL. */
static const char *zh_alias(const rp_colspec_t *spec) {
  for (const char *const *a = spec->aliases; *a; a++)
    if ((unsigned char)**a >= 0x80)
      return *a;
  return NULL;
}

const char *rp_table_colname(const rp_table_t *t, const rp_colspec_t *spec, int col) {
  if (col >= 0 && (size_t)col < t->ncols)
    return t->header[col];
  const char *zh = rp_table_zh(t) ? zh_alias(spec) : NULL;
  return zh ? zh : spec->name;
}

/* Characters (code points) of UTF-8 s into cp, at most max; their count. */
static size_t code_points(const char *s, uint32_t *cp, size_t max) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p && n < max;) {
    uint32_t c = *p;
    int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    c = k == 3 ? c & 0x07 : k == 2 ? c & 0x0F : k == 1 ? c & 0x1F : c;
    p++;
    for (int j = 0; j < k && (*p & 0xC0) == 0x80; j++, p++)
      c = (c << 6) | (*p & 0x3F);
    if (c >= 'A' && c <= 'Z')
      c += 'a' - 'A';
    cp[n++] = c;
  }
  return n;
}

/* Edit distance (Levenshtein, on characters) between two header names. */
static size_t edit_distance(const char *a, const char *b) {
  enum { MAXC = 64 };
  uint32_t x[MAXC], y[MAXC];
  size_t n = code_points(a, x, MAXC), m = code_points(b, y, MAXC), row[MAXC + 1];
  for (size_t j = 0; j <= m; j++)
    row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t best = diag + (x[i - 1] != y[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[m];
}

/* Does header h answer to any of the n specs? */
static int known_header(const char *h, const rp_colspec_t *spec, int n) {
  for (int i = 0; i < n; i++)
    for (const char *const *a = spec[i].aliases; *a; a++)
      if (rp_header_eq(h, *a))
        return 1;
  return 0;
}

/* The unknown header most like one of spec's names, and that name, for
 * "did you mean": within half the name's characters, or the only unknown
 * header when a single column is missing.  0 when none. */
static int renamed_header(const rp_table_t *t, const rp_colspec_t *spec, int n,
                          const rp_colspec_t *missing, int n_missing, const char **found,
                          const char **meant) {
  size_t best = (size_t)-1, unknown = 0;
  const char *only = NULL, *only_meant = NULL;
  *found = *meant = NULL;
  for (size_t h = 0; h < t->ncols; h++) {
    if (known_header(t->header[h], spec, n) || !t->header[h][0])
      continue;
    unknown++;
    int zh = (unsigned char)t->header[h][0] >= 0x80;
    /* The distance to the nearest of the names in the header's own script,
     * within half that name; the suggestion is the first of them (the
     * column's usual name: 小学在校生数, not 小学学生数). */
    const char *closest = NULL;
    size_t dmin = (size_t)-1;
    int near = 0;
    for (const char *const *a = missing->aliases; *a; a++) {
      if (((unsigned char)**a >= 0x80) != zh)
        continue;
      uint32_t cp[64];
      size_t d = edit_distance(t->header[h], *a), len = code_points(*a, cp, 64);
      if (!closest)
        closest = *a;
      if (d < dmin)
        dmin = d;
      near |= d <= (len + 1) / 2;
    }
    if (!closest)
      closest = missing->name;
    if (near && dmin < best) {
      best = dmin;
      *found = t->header[h];
      *meant = closest;
    }
    only = t->header[h];
    only_meant = closest;
  }
  if (!*found && unknown == 1 && n_missing == 1) {
    *found = only;
    *meant = only_meant;
  }
  return *found != NULL;
}

int rp_table_map_columns(const rp_table_t *t, const rp_colspec_t *spec, int n, int *col,
                         rp_diag_t *diag) {
  int ok = 0, n_missing = 0;
  for (int i = 0; i < n; i++) {
    col[i] = rp_table_column(t, spec[i].aliases);
    n_missing += col[i] < 0 && spec[i].required;
  }
  for (int i = 0; i < n; i++) {
    if (col[i] >= 0 || !spec[i].required)
      continue;
    const char *found, *meant;
    if (renamed_header(t, spec, n, &spec[i], n_missing, &found, &meant))
      rp_diag_error(diag, t->path, 1, rp_table_colname(t, &spec[i], -1),
                    "required column is missing; the header \"%s\" is not known: did you mean "
                    "\"%s\"? (header names are listed in docs/data-format.md)",
                    found, meant);
    else
      rp_diag_error(diag, t->path, 1, rp_table_colname(t, &spec[i], -1),
                    "required column is missing (header names are listed in "
                    "docs/data-format.md)");
    ok = -1;
  }
  for (size_t h = 0; h < t->ncols; h++)
    if (!known_header(t->header[h], spec, n))
      rp_diag_warn(diag, t->path, 1, t->header[h], "unknown column, ignored");
  /* The same field twice (say "name" and "姓名") would be misread silently. */
  for (int i = 0; i < n; i++) {
    int seen = 0;
    for (size_t h = 0; h < t->ncols; h++)
      for (const char *const *a = spec[i].aliases; *a; a++)
        if (rp_header_eq(t->header[h], *a)) {
          if (seen++)
            rp_diag_error(diag, t->path, 1, t->header[h],
                          "duplicate column: \"%s\" is given twice",
                          rp_table_colname(t, &spec[i], col[i]));
          break;
        }
    if (seen > 1)
      ok = -1;
  }
  return ok;
}
