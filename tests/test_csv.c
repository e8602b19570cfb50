/* io/csv_reader: quoting, line tracking, encodings (UTF-8, BOM, GB18030),
 * skipped rows, every error the reader reports (with its `name:LINE:` text)
 * and the limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "model/status.h"
#include "test_util.h"

/* Parses `text` (strlen) as "t.csv"; asserts RP_OK and no diagnostics. */
static rp_table_t *parse_ok(const char *data, size_t len) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_csv_parse("t.csv", data, len, &t, &d);
  if (st != RP_OK) {
    char *s = diag_str(&d);
    fail_msg("rp_csv_parse: %s\n%s", rp_status_str(st), s);
  }
  assert_int_equal(d.n, 0);
  assert_non_null(t);
  rp_diag_clear(&d);
  return t;
}

/* Parses `data` expecting status `want`; returns the printed diagnostics
 * (malloc'ed) and the error count in *n_errors. */
static char *parse_fail(const char *data, size_t len, rp_status_t want,
                        size_t *n_errors) {
  rp_diag_t d = RP_DIAG_INIT;
  static rp_table_t sentinel;
  rp_table_t *t = &sentinel; /* must be reset to NULL */
  rp_status_t st = rp_csv_parse("t.csv", data, len, &t, &d);
  assert_int_equal(st, want);
  assert_null(t);
  char *s = diag_str(&d);
  if (n_errors)
    *n_errors = d.n_errors;
  rp_diag_clear(&d);
  return s;
}

static const char *cell(const rp_table_t *t, size_t row, int col) {
  return rp_table_cell(t, row, col);
}

/* ---- quoting and line tracking ---------------------------------------- */

static void test_quoted_commas_and_quotes(void **state) {
  (void)state;
  const char in[] = "id,name,note\n"
                    "1,\"Li, Wei\",\"He said \"\"hi\"\"\"\n"
                    "2,plain,\"\"\n";
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_string_equal(t->encoding, "UTF-8");
  assert_int_equal(t->ncols, 3);
  assert_int_equal(t->nrows, 2);
  assert_string_equal(t->header[0], "id");
  assert_string_equal(t->header[2], "note");
  assert_string_equal(cell(t, 0, 0), "1");
  assert_string_equal(cell(t, 0, 1), "Li, Wei");
  assert_string_equal(cell(t, 0, 2), "He said \"hi\"");
  assert_string_equal(cell(t, 1, 1), "plain");
  assert_string_equal(cell(t, 1, 2), "");
  assert_int_equal(t->lines[0], 2);
  assert_int_equal(t->lines[1], 3);
  assert_string_equal(t->path, "t.csv");
  rp_table_free(t);
}

static void test_embedded_newlines_keep_line_numbers(void **state) {
  (void)state;
  const char in[] = "h1,h2\n"             /* line 1 */
                    "\"a\nb\",x\n"        /* lines 2-3: newline in field 1 */
                    "c,d\n"               /* line 4 */
                    "e,\"two\nline\nnote\"\n" /* lines 5-7: in field 2 */
                    "f,g\n"               /* line 8 */
                    "\"p\n\nq\",\"r\ns\"\n" /* lines 9-12: both fields */
                    "h,i\n";              /* line 13 */
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_int_equal(t->nrows, 6);
  assert_string_equal(cell(t, 0, 0), "a\nb");
  assert_string_equal(cell(t, 0, 1), "x");
  assert_string_equal(cell(t, 2, 1), "two\nline\nnote");
  assert_string_equal(cell(t, 4, 0), "p\n\nq");
  assert_string_equal(cell(t, 4, 1), "r\ns");
  assert_string_equal(cell(t, 5, 0), "h");
  static const long want[] = {2, 4, 5, 8, 9, 13};
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(t->lines[i], want[i]);
  rp_table_free(t);
}

static void test_crlf_line_ends(void **state) {
  (void)state;
  const char in[] = "a,b\r\nx,y\r\n\r\nz,\"w\"\r\n";
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_int_equal(t->ncols, 2);
  assert_int_equal(t->nrows, 2);
  assert_string_equal(t->header[1], "b");
  assert_string_equal(cell(t, 0, 1), "y");
  assert_string_equal(cell(t, 1, 0), "z");
  assert_string_equal(cell(t, 1, 1), "w");
  for (size_t i = 0; i < t->ncols; i++)
    assert_null(strchr(t->header[i], '\r'));
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    assert_null(strchr(t->cells[i], '\r'));
  assert_int_equal(t->lines[0], 2);
  assert_int_equal(t->lines[1], 4);
  rp_table_free(t);
}

static void test_blank_padding_trimmed(void **state) {
  (void)state;
  const char in[] = " id , name \n 1 ,\tLi \n";
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_string_equal(t->header[0], "id");
  assert_string_equal(t->header[1], "name");
  assert_string_equal(cell(t, 0, 0), "1");
  assert_string_equal(cell(t, 0, 1), "Li");
  rp_table_free(t);
}

/* ---- encodings --------------------------------------------------------- */

static void test_utf8_bom(void **state) {
  (void)state;
  const char in[] = "\xEF\xBB\xBFschool_id,name\nA,\xE5\xAD\xA6\n";
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_string_equal(t->encoding, "UTF-8 BOM");
  assert_string_equal(t->header[0], "school_id");
  static const char *const id[] = {"school_id", "学校代码", NULL};
  assert_int_equal(rp_table_column(t, id), 0);
  assert_string_equal(cell(t, 0, 0), "A");
  assert_string_equal(cell(t, 0, 1), "学");
  rp_table_free(t);
}

/* "学校代码,姓名\nA1,中文\n" in GBK, built byte by byte. */
static const char gbk_csv[] = "\xD1\xA7\xD0\xA3\xB4\xFA\xC2\xEB,\xD0\xD5\xC3\xFB\n"
                              "A1,\xD6\xD0\xCE\xC4\n";

static void test_gb18030_parse(void **state) {
  (void)state;
  rp_table_t *t = parse_ok(gbk_csv, strlen(gbk_csv));
  assert_string_equal(t->encoding, "GB18030");
  assert_string_equal(t->header[0], "学校代码");
  assert_string_equal(t->header[1], "姓名");
  assert_string_equal(cell(t, 0, 0), "A1");
  assert_string_equal(cell(t, 0, 1), "中文");
  static const char *const id[] = {"school_id", "学校代码", NULL};
  static const char *const name[] = {"name", "姓名", NULL};
  assert_int_equal(rp_table_column(t, id), 0);
  assert_int_equal(rp_table_column(t, name), 1);
  assert_int_equal(t->lines[0], 2);
  rp_table_free(t);
}

static void test_gb18030_file(void **state) {
  (void)state;
  const char *path = tu_write_bytes("gbk.csv", gbk_csv, strlen(gbk_csv));
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  assert_int_equal(rp_csv_read(path, &t, &d), RP_OK);
  assert_int_equal(d.n, 0);
  assert_string_equal(t->encoding, "GB18030");
  assert_string_equal(t->path, path);
  assert_string_equal(t->header[0], "学校代码");
  rp_table_free(t);
  rp_diag_clear(&d);
}

static void test_to_utf8(void **state) {
  (void)state;
  const char *enc = NULL;
  size_t outlen = 0, bad = 999;
  char *s = rp_to_utf8("\xD1\xA7\xD0\xA3\xB4\xFA\xC2\xEB", 8, &outlen, &enc, &bad);
  assert_non_null(s);
  assert_string_equal(enc, "GB18030");
  assert_int_equal(outlen, strlen("学校代码"));
  assert_string_equal(s, "学校代码");
  free(s);

  s = rp_to_utf8("abc", 3, &outlen, &enc, &bad);
  assert_non_null(s);
  assert_string_equal(enc, "UTF-8");
  assert_int_equal(outlen, 3);
  assert_string_equal(s, "abc");
  free(s);

  s = rp_to_utf8("\xEF\xBB\xBF" "ab", 5, &outlen, &enc, &bad);
  assert_non_null(s);
  assert_string_equal(enc, "UTF-8 BOM");
  assert_int_equal(outlen, 2);
  assert_string_equal(s, "ab");
  free(s);

  /* 0xFF is no lead byte in UTF-8 or GB18030 */
  enc = NULL;
  s = rp_to_utf8("ab,\xFF\xFF", 5, &outlen, &enc, &bad);
  assert_null(s);
  assert_int_equal(bad, 3);

  /* a BOM followed by invalid UTF-8 is not retried as GB18030 */
  s = rp_to_utf8("\xEF\xBB\xBF" "a\xD6\xD0", 6, &outlen, &enc, &bad);
  assert_null(s);
  assert_int_equal(bad, 4);
}

static void test_chinese_header_aliases(void **state) {
  (void)state;
  const char in[] = "学校名称,School_ID,小学在校生数\n城关小学,S1,300\n";
  rp_table_t *t = parse_ok(in, strlen(in));
  static const char *const id[] = {"school_id", "学校代码", NULL};
  static const char *const name[] = {"name", "学校名称", "校名", NULL};
  static const char *const ps[] = {"primary_students", "小学在校生数", NULL};
  static const char *const none[] = {"junior_students", "初中在校生数", NULL};
  assert_int_equal(rp_table_column(t, id), 1); /* ASCII case folded */
  assert_int_equal(rp_table_column(t, name), 0);
  assert_int_equal(rp_table_column(t, ps), 2);
  assert_int_equal(rp_table_column(t, none), -1);
  assert_string_equal(rp_table_cell(t, 0, rp_table_column(t, name)), "城关小学");
  assert_string_equal(rp_table_cell(t, 0, -1), "");
  assert_int_equal(rp_header_eq("学校代码", "学校代码"), 1);
  assert_int_equal(rp_header_eq("学校代码x", "学校代码"), 0);
  rp_table_free(t);
}

/* ---- skipped rows ------------------------------------------------------ */

static void test_blank_and_comma_rows_skipped(void **state) {
  (void)state;
  const char in[] = "\n"        /* 1 */
                    "a,b,c\n"   /* 2 header */
                    "\n"        /* 3 */
                    "1,2,3\n"   /* 4 */
                    ",,\n"      /* 5 */
                    " , ,\t\n"  /* 6 */
                    "\n"        /* 7 */
                    "4,5,6\n"   /* 8 */
                    "7,8,9,,\n" /* 9: trailing empty cells are fine */
                    ",,,,,\n";  /* 10 */
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_int_equal(t->ncols, 3);
  assert_int_equal(t->nrows, 3);
  assert_string_equal(t->header[0], "a");
  assert_string_equal(cell(t, 0, 2), "3");
  assert_string_equal(cell(t, 1, 0), "4");
  assert_string_equal(cell(t, 2, 2), "9");
  assert_int_equal(t->lines[0], 4);
  assert_int_equal(t->lines[1], 8);
  assert_int_equal(t->lines[2], 9);
  rp_table_free(t);
}

static void test_trailing_empty_headers_dropped(void **state) {
  (void)state;
  const char in[] = "a,b,,\n1,2,,\n3,4\n";
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_int_equal(t->ncols, 2);
  assert_int_equal(t->nrows, 2);
  assert_string_equal(cell(t, 1, 1), "4");
  rp_table_free(t);
}

/* ---- errors ------------------------------------------------------------ */

static void test_wrong_field_count(void **state) {
  (void)state;
  const char in[] = "a,b\n1,2\n1,2,3\n4\n5,6\n";
  size_t ne = 0;
  char *s = parse_fail(in, strlen(in), RP_EINPUT, &ne);
  assert_int_equal(ne, 2);
  assert_string_equal(s, "t.csv:3: 3 fields, but the header has 2\n"
                         "t.csv:4: 1 fields, but the header has 2\n");
  free(s);
}

static void test_wrong_field_count_after_multiline_record(void **state) {
  (void)state;
  const char in[] = "a,b\n\"x\ny\",2\n1,2,3\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv:4: 3 fields, but the header has 2\n");
  free(s);
}

static void test_unclosed_quote(void **state) {
  (void)state;
  const char in[] = "a,b\n1,2\n3,\"abc\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv:3: malformed CSV: a quoted field is not closed\n");
  free(s);
}

static void test_stray_quote_strict(void **state) {
  (void)state;
  const char in[] = "a,b\n1,2\n3,ab\"c\n4,5\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_contains(s, "t.csv:3: malformed CSV: ");
  free(s);
}

static void test_empty_file(void **state) {
  (void)state;
  char *s = parse_fail("", 0, RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv: the file is empty\n");
  free(s);
}

static void test_header_only(void **state) {
  (void)state;
  const char in[] = "a,b\n\n,\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv: the file has a header but no data rows\n");
  free(s);
}

static void test_no_header(void **state) {
  (void)state;
  const char in[] = "\n,,\n\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv: the file has no header row\n");
  free(s);
}

static void test_nul_byte_is_binary(void **state) {
  (void)state;
  const char in[] = "a,b\n1,2\n3,\0\n";
  char *s = parse_fail(in, sizeof in - 1, RP_EINPUT, NULL);
  assert_contains(s, "t.csv:3: contains a NUL byte: this is a binary file");
  free(s);
}

static void test_invalid_bytes(void **state) {
  (void)state;
  const char in[] = "a,b\n1,\xFF\xFF\n";
  char *s = parse_fail(in, strlen(in), RP_EINPUT, NULL);
  assert_string_equal(s, "t.csv:2: byte 7 is neither UTF-8 nor GB18030 text "
                         "(mixed or unknown encoding)\n");
  free(s);
}

/* A UTF-8 file with one cell pasted from a GBK source: the reader must not
 * decode the whole file as GB18030, which turns every UTF-8 Chinese value
 * into mojibake ("张三" -> "寮犱笁") without a word. */
static void test_mixed_utf8_and_gbk_rejected(void **state) {
  (void)state;
  const char in[] = "name,area\n\xE5\xBC\xA0\xE4\xB8\x89,\xE5\x9F\x8E\xE5\x8C\xBA\n" /* 张三,城区 (UTF-8) */
                    "b,\xD6\xD0\n";                                       /* 中 (GBK) */
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_csv_parse("t.csv", in, strlen(in), &t, &d);
  if (st == RP_OK) {
    char msg[200];
    tu_snprintf(msg, sizeof msg, "decoded as %s: row 1 = \"%s\",\"%s\"", t->encoding,
             rp_table_cell(t, 0, 0), rp_table_cell(t, 0, 1));
    rp_table_free(t);
    rp_diag_clear(&d);
    fail_msg("mixed UTF-8/GBK accepted, %s", msg);
  }
  assert_int_equal(st, RP_EINPUT);
  assert_null(t);
  char *s = diag_str(&d);
  assert_contains(s, "t.csv:3: byte ");
  assert_contains(s, "(mixed or unknown encoding)");
  free(s);
  rp_diag_clear(&d);
}

static void test_field_limit(void **state) {
  (void)state;
  size_t n = RP_CSV_MAX_FIELD + 1;
  char *in = malloc(n + 32);
  assert_non_null(in);
  /* exactly at the limit: accepted */
  int k = sprintf(in, "a,b\n1,");
  memset(in + k, 'x', RP_CSV_MAX_FIELD);
  strcpy(in + k + RP_CSV_MAX_FIELD, "\n");
  rp_table_t *t = parse_ok(in, strlen(in));
  assert_int_equal(strlen(cell(t, 0, 1)), RP_CSV_MAX_FIELD);
  rp_table_free(t);
  /* one byte more: RP_ELIMIT */
  k = sprintf(in, "a,b\n1,2\n3,");
  memset(in + k, 'x', n);
  strcpy(in + k + n, "\n");
  char *s = parse_fail(in, strlen(in), RP_ELIMIT, NULL);
  char want[200];
  tu_snprintf(want, sizeof want,
           "t.csv:3: field 2 is %zu bytes long; the limit is %d bytes "
           "(RP_CSV_MAX_FIELD)\n",
           n, RP_CSV_MAX_FIELD);
  assert_string_equal(s, want);
  free(s);
  free(in);
}

static void test_column_limit(void **state) {
  (void)state;
  char in[4096];
  size_t n = 0;
  for (int i = 0; i <= RP_CSV_MAX_COLS; i++)
    n += (size_t)tu_snprintf(in + n, sizeof in - n, "%sc%d", i ? "," : "", i);
  tu_snprintf(in + n, sizeof in - n, "\n");
  char *s = parse_fail(in, strlen(in), RP_ELIMIT, NULL);
  assert_string_equal(s, "t.csv:1: more than 256 fields in a record (RP_CSV_MAX_COLS)\n");
  free(s);
}

static void test_read_missing_file(void **state) {
  (void)state;
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/does-not-exist.csv", tu_tmpdir());
  assert_int_equal(rp_csv_read(path, &t, &d), RP_EIO);
  assert_null(t);
  char *s = diag_str(&d);
  char want[4300];
  tu_snprintf(want, sizeof want, "%s: cannot open: ", path);
  assert_contains(s, want);
  free(s);
  rp_diag_clear(&d);
}

static void test_read_file_reports_path(void **state) {
  (void)state;
  const char *path = tu_write("bad.csv", "a,b\n1,2\n3\n");
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  assert_int_equal(rp_csv_read(path, &t, &d), RP_EINPUT);
  assert_null(t);
  char *s = diag_str(&d);
  char want[4300];
  tu_snprintf(want, sizeof want, "%s:3: 1 fields, but the header has 2\n", path);
  assert_string_equal(s, want);
  free(s);
  rp_diag_clear(&d);
}

/* A caller collecting every defect of a run passes a diag that may already
 * hold errors from an earlier file: a good CSV must still parse. */
static void test_parse_with_earlier_errors_in_diag(void **state) {
  (void)state;
  rp_diag_t d = RP_DIAG_INIT;
  rp_diag_error(&d, "other.csv", 7, NULL, "an earlier defect");
  rp_table_t *t = NULL;
  const char in[] = "a,b\n1,2\n";
  rp_status_t st = rp_csv_parse("t.csv", in, strlen(in), &t, &d);
  size_t n_errors = d.n_errors;
  int rows = t ? (int)t->nrows : -1;
  rp_table_free(t);
  rp_diag_clear(&d);
  assert_int_equal(n_errors, 1); /* nothing new reported */
  if (st != RP_OK)
    fail_msg("a good CSV returned %s (no message) because the diag already held "
             "an error", rp_status_str(st));
  assert_int_equal(rows, 1);
}

static void test_diag_print_format(void **state) {
  (void)state;
  rp_diag_t d = RP_DIAG_INIT;
  rp_diag_error(&d, "teachers.csv", 118, "birth_year", "\"%s\" is not a year", "19x5");
  rp_diag_warn(&d, "schools.csv", 3, "note", "unknown column, ignored");
  rp_diag_error(&d, "p.ini", 0, NULL, "no line");
  rp_diag_error(&d, NULL, 0, NULL, "no file");
  assert_int_equal(d.n_errors, 3);
  assert_int_equal(d.n_warnings, 1);
  char *s = diag_str(&d);
  assert_string_equal(s, "teachers.csv:118: column \"birth_year\": \"19x5\" is not a year\n"
                         "schools.csv:3: warning: column \"note\": unknown column, ignored\n"
                         "p.ini: no line\n"
                         "no file\n");
  free(s);
  rp_diag_clear(&d);
  assert_int_equal(d.n, 0);
}

/* rp_csv_text keeps a spreadsheet from running a cell as a formula, and
 * the reader gives back exactly what was written, apostrophes included. */
static void formula_cells_are_inert_and_round_trip(void **state) {
  (void)state;
  static const char *const values[] = {"=SUM(A1)", "+1+2", "-2+3", "@x", "'=x", "''=x", "-01",
                                       "-", "+", "-1.5", "+3", "12", "a'=b", "\tz", "plain"};
  enum { N = sizeof values / sizeof values[0] };
  char *text = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&text, &len);
  assert_non_null(fp);
  rp_csv_field(fp, 1, "v");
  rp_csv_eol(fp);
  for (int i = 0; i < N; i++) {
    rp_csv_text(fp, 1, values[i]);
    rp_csv_eol(fp);
  }
  fclose(fp);
  /* Nothing a spreadsheet would run: every line starts with a safe byte. */
  for (const char *line = strchr(text, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
    int number = (line[0] == '-' || line[0] == '+') &&
                 (line[1] == '\n' || (line[1] >= '0' && line[1] <= '9'));
    assert_true(number || !strchr("=+-@\t\r", line[0]));
  }
  rp_table_t *t = parse_ok(text, len);
  assert_int_equal(t->nrows, N);
  for (int i = 0; i < N; i++)
    assert_string_equal(rp_table_cell(t, (size_t)i, 0), values[i]);
  rp_table_free(t);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(formula_cells_are_inert_and_round_trip),
      cmocka_unit_test(test_quoted_commas_and_quotes),
      cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
      cmocka_unit_test(test_crlf_line_ends),
      cmocka_unit_test(test_blank_padding_trimmed),
      cmocka_unit_test(test_utf8_bom),
      cmocka_unit_test(test_gb18030_parse),
      cmocka_unit_test(test_gb18030_file),
      cmocka_unit_test(test_to_utf8),
      cmocka_unit_test(test_chinese_header_aliases),
      cmocka_unit_test(test_blank_and_comma_rows_skipped),
      cmocka_unit_test(test_trailing_empty_headers_dropped),
      cmocka_unit_test(test_wrong_field_count),
      cmocka_unit_test(test_wrong_field_count_after_multiline_record),
      cmocka_unit_test(test_unclosed_quote),
      cmocka_unit_test(test_stray_quote_strict),
      cmocka_unit_test(test_empty_file),
      cmocka_unit_test(test_header_only),
      cmocka_unit_test(test_no_header),
      cmocka_unit_test(test_nul_byte_is_binary),
      cmocka_unit_test(test_invalid_bytes),
      cmocka_unit_test(test_mixed_utf8_and_gbk_rejected),
      cmocka_unit_test(test_field_limit),
      cmocka_unit_test(test_column_limit),
      cmocka_unit_test(test_read_missing_file),
      cmocka_unit_test(test_read_file_reports_path),
      cmocka_unit_test(test_parse_with_earlier_errors_in_diag),
      cmocka_unit_test(test_diag_print_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
