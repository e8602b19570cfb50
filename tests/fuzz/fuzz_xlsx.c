/* libFuzzer harness for io/xlsx_reader.c (rp_xlsx_parse), three ways:
 *
 * 1. Raw: the input as the workbook's bytes (a zip, or anything).
 * 2. Parts: the input split at 0x1E bytes into the XML parts of a workbook
 *    (xlsx_zip.h order: sheet1, shared strings, workbook, workbook rels,
 *    sheet2, package rels; a part not given, or empty, is a valid default), zipped
 *    stored, read with the first visible sheet and with sheet "二".  A
 *    mutated zip rarely gets past its checksums; this way the XML does.
 * 3. Round trip: the input drives a small sheet writer (a header and rows
 *    of numbers, shared and inline strings with rich runs, booleans, empty
 *    cells between others, gaps between rows; text with commas, quotes,
 *    line breaks, apostrophes before '=', '<', '&' and Chinese); the reader
 *    must return exactly those cells, numbers as Excel shows them, and the
 *    sheet's row numbers as lines.
 *
 * Checked (abort() is a finding): a refusal says why and leaves no table;
 * a table has a header, rows, cells, and lines that increase within
 * Excel's 1,048,576 rows.  Built as a libFuzzer binary with RP_FUZZ=ON and
 * replayed over tests/fuzz/corpus/xlsx by fuzz_replay_xlsx. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_reader.h"
#include "io/xlsx_reader.h"
#include "model/status.h"
#include "fuzz_check.h"
#include "xlsx_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads; checks the promises; the table (caller frees) or NULL. */
static rp_table_t *read_checked(const void *bytes, size_t len, const char *sheet) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_xlsx_parse("fuzz.xlsx", bytes, len, sheet, 0, &t, &d);
  if (st != RP_OK) {
    check(t == NULL);
    check(d.n_errors > 0 || st == RP_ENOMEM);
  } else {
    check(t && t->ncols >= 1 && t->nrows >= 1 && t->header && t->cells && t->lines);
    for (size_t i = 0; i < t->nrows; i++) {
      check(t->lines[i] >= 2 && t->lines[i] <= 1048576);
      check(i == 0 || t->lines[i] > t->lines[i - 1]);
      for (size_t c = 0; c < t->ncols; c++)
        check(t->cells[i * t->ncols + c] != NULL);
    }
  }
  rp_diag_clear(&d);
  return t;
}

static void parts(const uint8_t *data, size_t size) {
  const char *part[XP_N] = {0};
  size_t len[XP_N] = {0};
  size_t at = 0;
  for (int i = 0; i < XP_N && at <= size; i++) {
    const uint8_t *sep = at < size ? memchr(data + at, 0x1E, size - at) : NULL;
    size_t end = sep ? (size_t)(sep - data) : size;
    part[i] = end > at ? (const char *)data + at : NULL; /* empty: the default */
    len[i] = end - at;
    at = end + 1;
    if (!sep)
      break;
  }
  size_t zlen;
  unsigned char *z = xlsx_make(part, len, &zlen);
  rp_table_free(read_checked(z, zlen, NULL));
  rp_table_free(read_checked(z, zlen, "二"));
  free(z);
}

/* ---- round trip ---------------------------------------------------------------- */

typedef struct {
  const uint8_t *p;
  size_t n, at;
} rd_t;

static unsigned byte(rd_t *r) { return r->at < r->n ? r->p[r->at++] : 0; }

/* Text into a zip buffer (xlsx_zip.h). */
static void sb_put(zbuf_t *b, const char *s) { zb_put(b, s, strlen(s)); }

static void sb_xml(zbuf_t *b, const char *s) {
  for (; *s; s++) {
    char one[2] = {*s, 0};
    sb_put(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : one);
  }
}

/* A text of 1 to 8 pieces, not starting or ending with a blank. */
static void gen_text(rd_t *r, char *out, size_t cap) {
  static const char *const alpha[] = {"a", "Z", "中", "文", ",", "\"", "\n", "'", "=",
                                      "-", "&", "<", " ", "9", "五"};
  size_t n = 1 + byte(r) % 8;
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    const char *piece = alpha[byte(r) % (sizeof alpha / sizeof alpha[0])];
    if ((i == 0 || i == n - 1) && piece[0] == ' ')
      piece = "b";
    if (strlen(out) + strlen(piece) < cap)
      strcat(out, piece);
  }
}

#define RT_MAX_COLS 6
#define RT_MAX_ROWS 9

static void round_trip(const uint8_t *data, size_t size) {
  rd_t r = {data, size, 0};
  int ncols = 2 + (int)(byte(&r) % (RT_MAX_COLS - 1));
  int nrows = 2 + (int)(byte(&r) % (RT_MAX_ROWS - 1)); /* header included */
  static char want[RT_MAX_ROWS][RT_MAX_COLS][64];
  long row_no[RT_MAX_ROWS];
  zbuf_t sheet = {0}, sst = {0};
  int n_sst = 0;
  sb_put(&sheet, "<worksheet xmlns=\"" XLSX_NS "\"><sheetData>");
  sb_put(&sst, "<sst xmlns=\"" XLSX_NS "\">");
  long row = 0;
  for (int i = 0; i < nrows; i++) {
    unsigned g = byte(&r);
    row += 1 + (g % 3 == 0 ? g % 5 : 0);
    row_no[i] = row;
    char buf[128];
    snprintf(buf, sizeof buf, "<row r=\"%ld\">", row);
    sb_put(&sheet, buf);
    int written = 0; /* was the cell before this one written? */
    unsigned kind = 0;
    int v = 0;
    for (int c = 0; c < ncols; c++, written = kind != 6 || v % 2) {
      kind = i == 0 ? 1 + byte(&r) % 2 : byte(&r) % 7;
      char *w = want[i][c];
      /* An empty cell only between two others: the record keeps its width. */
      if (kind == 6 && (c == 0 || c == ncols - 1))
        kind = 2;
      char ref[32];
      snprintf(ref, sizeof ref, "%c%ld", 'A' + c, row);
      v = (int)byte(&r) * 37 - 4000;
      switch (kind) {
      case 0: /* a whole number, sometimes written 12.0 */
        snprintf(w, 64, "%d", v);
        snprintf(buf, sizeof buf, "<c r=\"%s\"><v>%d%s</v></c>", ref, v, v % 2 ? ".0" : "");
        sb_put(&sheet, buf);
        break;
      case 1: /* a shared string, sometimes in runs */
      case 2: /* an inline string */
        gen_text(&r, w, 40);
        if (i == 0) { /* headers differ: "h2" before the text */
          char text[64];
          snprintf(text, sizeof text, "%s", w);
          snprintf(w, 64, "h%d%.40s", c, text);
        }
        if (kind == 1) {
          snprintf(buf, sizeof buf, "<c r=\"%s\" t=\"s\"><v>%d</v></c>", ref, n_sst++);
          sb_put(&sheet, buf);
          size_t half = strlen(w) / 2;
          while (half > 0 && ((unsigned char)w[half] & 0xC0) == 0x80)
            half--; /* not inside a character */
          char first[64];
          snprintf(first, sizeof first, "%.*s", (int)half, w);
          sb_put(&sst, "<si><r><t xml:space=\"preserve\">");
          sb_xml(&sst, first);
          sb_put(&sst, "</t></r><rPh><t>ふ</t></rPh><r><t xml:space=\"preserve\">");
          sb_xml(&sst, w + half);
          sb_put(&sst, "</t></r></si>");
        } else {
          snprintf(buf, sizeof buf, "<c r=\"%s\" t=\"inlineStr\"><is><t>", ref);
          sb_put(&sheet, buf);
          sb_xml(&sheet, w);
          sb_put(&sheet, "</t></is></c>");
        }
        break;
      case 3: /* a boolean */
        snprintf(w, 64, "%s", v % 2 ? "TRUE" : "FALSE");
        snprintf(buf, sizeof buf, "<c r=\"%s\" t=\"b\"><v>%d</v></c>", ref, v % 2 != 0);
        sb_put(&sheet, buf);
        break;
      case 4: /* a fraction in eighths: exact, shown in full */
        snprintf(w, 64, "%.15g", v / 8.0);
        snprintf(buf, sizeof buf, "<c r=\"%s\"><v>%.17g</v></c>", ref, v / 8.0);
        sb_put(&sheet, buf);
        break;
      case 5: /* a formula's text; without its reference after a written cell */
        gen_text(&r, w, 40);
        snprintf(buf, sizeof buf, "<c r=\"%s\" t=\"str\">", ref);
        sb_put(&sheet, c > 0 && written ? "<c t=\"str\">" : buf);
        sb_put(&sheet, "<f>A1&amp;\"x\"</f><v>");
        sb_xml(&sheet, w);
        sb_put(&sheet, "</v></c>");
        break;
      default: /* empty: no cell at all, or one with a style only */
        w[0] = '\0';
        if (v % 2) {
          snprintf(buf, sizeof buf, "<c r=\"%s\" s=\"1\"/>", ref);
          sb_put(&sheet, buf);
        }
        break;
      }
    }
    sb_put(&sheet, "</row>");
  }
  sb_put(&sheet, "</sheetData></worksheet>");
  sb_put(&sst, "</sst>");
  const char *part[XP_N] = {(const char *)sheet.p, (const char *)sst.p};
  size_t len[XP_N] = {sheet.n, sst.n};
  size_t zlen;
  unsigned char *z = xlsx_make(part, len, &zlen);
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_xlsx_parse("rt.xlsx", z, zlen, NULL, 0, &t, &d);
  if (st != RP_OK)
    rp_diag_print(&d, stderr);
  check(st == RP_OK);
  check(t->ncols == (size_t)ncols && t->nrows == (size_t)nrows - 1);
  for (int c = 0; c < ncols; c++)
    check(strcmp(t->header[c], want[0][c]) == 0);
  for (int i = 1; i < nrows; i++) {
    check(t->lines[i - 1] == row_no[i]);
    for (int c = 0; c < ncols; c++)
      check(strcmp(rp_table_cell(t, (size_t)i - 1, c), want[i][c]) == 0);
  }
  rp_table_free(t);
  rp_diag_clear(&d);
  free(z);
  free(sheet.p);
  free(sst.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rp_table_free(read_checked(data, size, NULL));
  parts(data, size);
  round_trip(data, size);
  return 0;
}
