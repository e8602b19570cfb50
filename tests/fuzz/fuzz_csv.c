/* libFuzzer harness for io/csv_reader, three ways per input.
 *
 * 1. Whole: rp_csv_parse and rp_to_utf8 on the input as it is.
 * 2. In chunks: rp_csv_parse takes a whole buffer, so chunked feeding is
 *    done from the outside: the first byte seeds a chunk size (1..256), the
 *    parser runs again on prefixes cut at multiples of it (at most 24), and
 *    rp_to_utf8 on each chunk alone.  Every cut ends a text mid-record,
 *    mid-quote or mid-character, as a truncated file does, which drives the
 *    encoding detector and libcsv's CSV_STRICT_FINI paths.
 * 3. Round trip: the input drives a CSV writer whose output must read back
 *    exactly (round_trip below): valid files refused or misread are found
 *    too, not only crashes.
 * Accepted tables are checked against csv_reader.h's promises; a broken one
 * abort()s, which libFuzzer reports as a crash.  Built as a libFuzzer binary
 * with RP_FUZZ=ON (clang) and replayed over tests/fuzz/corpus/csv by
 * fuzz_replay_csv in every CTest run (docs/reliability.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_reader.h"
#include "model/status.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* At most this many prefixes per input, so that one input costs O(n). */
#define MAX_PREFIXES 24

/* What csv_reader.h promises about a table it returns. */
static void check_table(const rp_table_t *t, const char *data, size_t len) {
  long lines = 1;
  for (size_t i = 0; i < len; i++)
    lines += data[i] == '\n';
  check(t->ncols >= 1 && t->ncols <= RP_CSV_MAX_COLS);
  check(t->nrows >= 1 && (long)t->nrows <= RP_CSV_MAX_ROWS);
  check(t->encoding != NULL && t->path != NULL);
  for (size_t c = 0; c < t->ncols; c++)
    check(t->header[c] && strlen(t->header[c]) <= RP_CSV_MAX_FIELD);
  check(t->header[t->ncols - 1][0] != '\0'); /* trailing empty headers go */
  for (size_t r = 0; r < t->nrows; r++) {
    check(t->lines[r] >= 1 && t->lines[r] <= lines);
    check(r == 0 || t->lines[r] >= t->lines[r - 1]);
    int empty = 1;
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = rp_table_cell(t, r, (int)c);
      check(s != NULL && strlen(s) <= RP_CSV_MAX_FIELD);
      empty &= s[0] == '\0';
    }
    check(!empty); /* rows of empty cells are skipped */
  }
  static const char *const id[] = {"school_id", "学校代码", NULL};
  int col = rp_table_column(t, id);
  check(col >= -1 && col < (int)t->ncols);
}

static void parse_one(const char *data, size_t len) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_csv_parse("fuzz.csv", data, len, &t, &d);
  if (st == RP_OK) {
    check(t != NULL && d.n_errors == 0);
    check_table(t, data, len);
  } else {
    check(t == NULL);
    check(st == RP_ENOMEM || d.n_errors > 0); /* every refusal says why */
  }
  rp_table_free(t);
  rp_diag_clear(&d);
}

static void to_utf8_one(const char *data, size_t len) {
  size_t outlen = 0, bad = 0;
  const char *enc = NULL;
  char *u = rp_to_utf8(data, len, &outlen, &enc, &bad);
  if (u) {
    check(enc != NULL && u[outlen] == '\0');
    /* No NUL appears that was not in the input. */
    if (!memchr(data, '\0', len))
      check(strlen(u) == outlen);
  } else {
    check(bad <= len);
  }
  free(u);
}

/* ---- round trip ---------------------------------------------------------
 * The input also drives a writer: a header h0..hN, then rows of quoted
 * fields (every byte allowed: commas, quotes, CR, LF, blanks, Chinese) within
 * the documented limits, with blank lines between them, in UTF-8, UTF-8
 * with BOM or GB18030, ending lines with LF or CRLF.  A table written that way must read back exactly: same
 * cells (trimmed of outer blanks, as the reader promises), same line for
 * every row.  This catches what no sanitizer sees: valid files refused or
 * misread. */

#define RT_MAX_TEXT (72 * 1024) /* past one 64 KiB piece, yet fast */
#define RT_MAX_ROWS 2000

typedef struct {
  char *p;
  size_t n, cap;
} sbuf_t;

static void sb_put(sbuf_t *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (b->n + n + 1 > cap)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      abort();
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

/* One input byte as text: printable ASCII as is, a few controls, 中 for
 * the high half (its GB18030 bytes D6 D0 are not UTF-8, so the encoding is
 * never ambiguous). */
static const char *rt_char(uint8_t b) {
  static char one[2];
  if (b >= 0x80)
    return "中";
  if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7F)) {
    one[0] = (char)b;
    one[1] = '\0';
    return one;
  }
  one[0] = (char)('a' + b % 26);
  one[1] = '\0';
  return one;
}

static void round_trip(const uint8_t *in, size_t len) {
  size_t pos = 0;
#define NEXT() (pos < len ? in[pos++] : 0)
  if (len < 3)
    return;
  unsigned mode = NEXT();
  size_t ncols = 1 + (size_t)NEXT(); /* 1..256 = RP_CSV_MAX_COLS */
  const char *eol = mode & 1 ? "\r\n" : "\n";
  int enc = (int)((mode >> 1) % 3); /* UTF-8, UTF-8 BOM, GB18030 */
  sbuf_t text = {0};
  char **want = NULL;
  long *want_line = NULL;
  size_t nrows = 0, ncells = 0, capcells = 0;
  long line = 1;
  char h[16];
  for (size_t c = 0; c < ncols; c++) {
    int k = snprintf(h, sizeof h, "%sh%zu", c ? "," : "", c);
    sb_put(&text, h, (size_t)k);
  }
  sb_put(&text, eol, strlen(eol));
  line++;
  while (pos < len && nrows < RT_MAX_ROWS && text.n < RT_MAX_TEXT) {
    want_line = realloc(want_line, (nrows + 1) * sizeof *want_line);
    if (!want_line)
      abort();
    want_line[nrows] = line;
    for (size_t c = 0; c < ncols; c++) {
      /* Field length: 0..63 bytes, or 256..4096 (RP_CSV_MAX_FIELD) for a
       * length byte of F0..FF; content repeats a motif of 1..8 bytes. */
      uint8_t lb = NEXT();
      size_t flen = lb >= 0xF0 ? ((size_t)(lb & 0x0F) + 1) * 256 : lb & 0x3F;
      uint8_t motif[8] = {0};
      size_t mlen = 1 + NEXT() % 8;
      for (size_t i = 0; i < sizeof motif; i++) /* a fixed bound: gcc -O2 sees no overflow */
        motif[i] = i < mlen ? NEXT() : 0;
      if (text.n >= RT_MAX_TEXT)
        flen = 0;
      sbuf_t f = {0};
      if (c == 0)
        sb_put(&f, "r", 1); /* a row of empty cells would be skipped */
      for (size_t i = 0;; i++) {
        const char *ch = rt_char(motif[i % mlen]);
        if (f.n + strlen(ch) > flen)
          break;
        sb_put(&f, ch, strlen(ch));
      }
      sb_put(&text, "\"", 1);
      for (size_t i = 0; i < f.n; i++) {
        if (f.p[i] == '"')
          sb_put(&text, "\"", 1);
        sb_put(&text, &f.p[i], 1);
        line += f.p[i] == '\n';
      }
      sb_put(&text, "\"", 1);
      sb_put(&text, c + 1 < ncols ? "," : eol, c + 1 < ncols ? 1 : strlen(eol));
      /* What the reader keeps: blanks around the value trimmed. */
      const char *v = f.p ? f.p : "";
      size_t vn = f.n;
      while (vn > 0 && (*v == ' ' || *v == '\t'))
        v++, vn--;
      while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
        vn--;
      size_t quotes = 0; /* a neutralized formula: one apostrophe dropped */
      while (quotes < vn && v[quotes] == '\'')
        quotes++;
      if (quotes > 0 && quotes < vn && strchr("=+-@\t\r", v[quotes]))
        v++, vn--;
      if (ncells == capcells) {
        capcells = capcells ? capcells * 2 : 64;
        want = realloc(want, capcells * sizeof *want);
        if (!want)
          abort();
      }
      want[ncells++] = rp_strndup(v, vn);
      free(f.p);
    }
    line++;
    nrows++;
    /* Blank lines (empty or blanks only) between rows, which the reader
     * skips: now and then one, rarely thousands (spreadsheet leftovers). */
    uint8_t bl = NEXT();
    size_t nblank = bl >= 0xF0 ? ((size_t)(bl & 0x0F) + 1) * 640 : (bl & 3) == 3;
    for (size_t i = 0; i < nblank && text.n < RT_MAX_TEXT; i++, line++) {
      if (bl & 4)
        sb_put(&text, " \t ", 3);
      sb_put(&text, eol, strlen(eol));
    }
  }
#undef NEXT
  if (nrows == 0)
    goto done;

  /* Encode. */
  sbuf_t file = {0};
  const char *want_enc = "UTF-8";
  if (enc == 1) {
    sb_put(&file, "\xEF\xBB\xBF", 3);
    want_enc = "UTF-8 BOM";
  }
  for (size_t i = 0; i < text.n;) {
    if (enc == 2 && (unsigned char)text.p[i] == 0xE4) { /* 中 */
      sb_put(&file, "\xD6\xD0", 2);
      want_enc = "GB18030";
      i += 3;
    } else {
      sb_put(&file, &text.p[i], 1);
      i++;
    }
  }

  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_csv_parse("rt.csv", file.p, file.n, &t, &d);
  if (d.n) /* shown with the failed check below, for whoever reproduces it */
    rp_diag_print(&d, stderr);
  check(st == RP_OK && t != NULL && d.n == 0);
  check(strcmp(t->encoding, want_enc) == 0);
  check(t->ncols == ncols && t->nrows == nrows);
  for (size_t r = 0; r < nrows; r++) {
    check(t->lines[r] == want_line[r]);
    for (size_t c = 0; c < ncols; c++)
      check(strcmp(rp_table_cell(t, r, (int)c), want[r * ncols + c]) == 0);
  }
  rp_table_free(t);
  rp_diag_clear(&d);
  free(file.p);
done:
  for (size_t i = 0; i < ncells; i++)
    free(want[i]);
  free(want);
  free(want_line);
  free(text.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* An exact-size copy, so that any read past the end is caught. */
  char *buf = calloc(size ? size : 1, 1);
  if (!buf)
    return 0;
  if (size)
    memcpy(buf, data, size);

  parse_one(buf, size);
  to_utf8_one(buf, size);

  if (size >= 2) {
    size_t chunk = 1 + (size_t)(unsigned char)buf[0];
    size_t n_chunks = (size + chunk - 1) / chunk;
    size_t step = chunk * ((n_chunks + MAX_PREFIXES - 1) / MAX_PREFIXES);
    for (size_t end = step; end < size; end += step) {
      char *pre = malloc(end);
      if (!pre)
        break;
      memcpy(pre, buf, end);
      parse_one(pre, end);
      free(pre);
    }
    /* Each chunk on its own: cuts through UTF-8 and GB18030 sequences. */
    for (size_t off = 0, k = 0; off < size && k < MAX_PREFIXES;
         off += step, k++) {
      size_t n = size - off < chunk ? size - off : chunk;
      char *piece = malloc(n);
      if (!piece)
        break;
      memcpy(piece, buf + off, n);
      to_utf8_one(piece, n);
      free(piece);
    }
  }
  round_trip(data, size);
  free(buf);
  return 0;
}
