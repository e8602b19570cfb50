/* io/xlsx_reader: workbooks made in memory (tests/fuzz/xlsx_zip.h) read
 * into tables: cell types, gaps between rows and cells, row numbers after
 * a line break, the sheet chosen, FILE.xlsx#SHEET paths, and every refusal
 * with its message: not a zip, .xls, damaged, a DTD, deep XML, the limits. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fuzz/xlsx_zip.h"
#include "io/csv_reader.h"
#include "io/xlsx_reader.h"
#include "model/status.h"
#include "test_util.h"

#define ROWS(x) "<worksheet xmlns=\"" XLSX_NS "\"><sheetData>" x "</sheetData></worksheet>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define HEAD "<row r=\"1\">" IS("A1", "id") IS("B1", "name") IS("C1", "n") "</row>"

/* Reads a workbook of the given parts (NULL: xlsx_zip.h's default) as
 * "w.xlsx", sheet `sheet`; expects `want`.  The table, or NULL with the
 * printed messages in *msg (malloc'ed) when msg is given. */
static rp_table_t *read_wb(const char *sheet1, const char *sst, const char *workbook,
                           const char *sheet, rp_status_t want, char **msg) {
  const char *parts[XP_N] = {sheet1, sst, workbook};
  size_t lens[XP_N] = {sheet1 ? strlen(sheet1) : 0, sst ? strlen(sst) : 0,
                       workbook ? strlen(workbook) : 0};
  size_t len;
  unsigned char *z = xlsx_make(parts, lens, &len);
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  rp_status_t st = rp_xlsx_parse("w.xlsx", z, len, sheet, 0, &t, &d);
  char *s = diag_str(&d);
  if (st != want)
    fail_msg("rp_xlsx_parse: %s, expected %s\n%s", rp_status_str(st), rp_status_str(want), s);
  if (msg)
    *msg = s;
  else
    free(s);
  rp_diag_clear(&d);
  free(z);
  return t;
}

/* Expects the refusal `want` with `text` in its message. */
static void refused(const unsigned char *data, size_t len, rp_status_t want, const char *text) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  assert_int_equal(rp_xlsx_parse("w.xlsx", data, len, NULL, 0, &t, &d), want);
  assert_null(t);
  char *s = diag_str(&d);
  if (!strstr(s, text))
    fail_msg("expected \"%s\" in:\n%s", text, s);
  free(s);
  rp_diag_clear(&d);
}

static void refused_parts(const char *sheet1, const char *workbook, rp_status_t want,
                          const char *text) {
  char *msg = NULL;
  assert_null(read_wb(sheet1, NULL, workbook, NULL, want, &msg));
  if (!strstr(msg, text))
    fail_msg("expected \"%s\" in:\n%s", text, msg);
  free(msg);
}

/* ---- cells ------------------------------------------------------------------- */

static void test_cell_types(void **state) {
  (void)state;
  rp_table_t *t = read_wb(
      ROWS(HEAD "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is>"
                "<r><t>城关</t></r><rPh><t>ふ</t></rPh><r><t xml:space=\"preserve\">一小</t></r>"
                "</is></c><c r=\"C2\"><v>1894</v></c></row>"
                "<row r=\"3\"><c r=\"A3\"><v>7.0</v></c><c r=\"B3\" t=\"b\"><v>1</v></c>"
                "<c r=\"C3\"><v>0.30000000000000004</v></c></row>"
                "<row r=\"4\"><c r=\"A4\" t=\"e\"><v>#N/A</v></c><c r=\"B4\" t=\"str\"><f>A1</f>"
                "<v>a_x000A_b</v></c><c r=\"C4\"><v>-0</v></c></row>"
                "<row r=\"5\">" IS("A5", "x_x000A_y_xg00A_") IS("B5", "&apos;=1") IS("C5", " 5 ") "</row>"),
      NULL, NULL, NULL, RP_OK, NULL);
  assert_int_equal(t->ncols, 3);
  assert_int_equal(t->nrows, 4);
  const char *want[4][3] = {{"yz", "城关一小", "1894"},   /* shared string in runs, rPh left out */
                            {"7", "TRUE", "0.3"},         /* 15 significant digits */
                            {"#N/A", "a_x000A_b", "0"},   /* escapes only in strings; -0 */
                            {"x\ny_xg00A_", "'=1", "5"}}; /* not hex: as written; apostrophe kept, trimmed */
  for (size_t r = 0; r < 4; r++)
    for (int c = 0; c < 3; c++)
      assert_string_equal(rp_table_cell(t, r, c), want[r][c]);
  assert_string_equal(t->encoding, "UTF-8");
  rp_table_free(t);
}

/* Rows 2 and 6 with 3 to 5 missing (row 4 has only cells without a value:
 * formatted, or a formula never calculated), a cell missing between two,
 * a line break in a cell: lines are the sheet's row numbers. */
static void test_gaps_and_row_numbers(void **state) {
  (void)state;
  rp_table_t *t = read_wb(ROWS(HEAD "<row r=\"2\">" IS("A2", "S1") IS("B2", "two&#10;lines")
                                    IS("C2", "1") "</row>"
                                    "<row r=\"4\"><c r=\"B4\" s=\"1\"/><c r=\"C4\" t=\"s\"/>"
                                    "<c r=\"D4\" t=\"b\"><f>A1</f></c></row>"
                                    "<row r=\"6\">" IS("A6", "S2") "<c r=\"C6\"><v>2</v></c></row>"
                                    "<row>" IS("A7", "S3") IS("B7", "x") IS("C7", "3") "</row>"),
                          NULL, NULL, NULL, RP_OK, NULL);
  assert_int_equal(t->nrows, 3);
  assert_int_equal(t->lines[0], 2);
  assert_int_equal(t->lines[1], 6);
  assert_int_equal(t->lines[2], 7);
  assert_string_equal(rp_table_cell(t, 0, 1), "two\nlines");
  assert_string_equal(rp_table_cell(t, 1, 1), "");
  assert_string_equal(rp_table_cell(t, 1, 2), "2");
  rp_table_free(t);
}

/* A message of the CSV reader about a row after a line break names the
 * sheet's row. */
static void test_message_at_sheet_row(void **state) {
  (void)state;
  char *msg;
  assert_null(read_wb(ROWS(HEAD "<row r=\"3\">" IS("A3", "a&#10;b&#10;c") IS("B3", "x") IS("C3", "1")
                            "</row><row r=\"9\">" IS("A9", "S") IS("D9", "extra") "</row>"),
                      NULL, NULL, NULL, RP_EINPUT, &msg));
  assert_non_null(strstr(msg, "w.xlsx:9: 4 fields, but the header has 3"));
  free(msg);
}

/* ---- sheets and paths ---------------------------------------------------------- */

#define WB(sheets) "<workbook xmlns=\"" XLSX_NS "\" xmlns:r=\"" XLSX_R "\"><sheets>" sheets \
                   "</sheets></workbook>"

static void test_sheet_choice(void **state) {
  (void)state;
  const char *wb = WB("<sheet name=\"Notes\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                      "<sheet name=\"二\" sheetId=\"2\" r:id=\"rId2\"/>");
  /* first visible: 二 (xlsx_zip.h's sheet2: rows 3 and 5) */
  rp_table_t *t = read_wb(NULL, NULL, wb, NULL, RP_OK, NULL);
  assert_string_equal(t->header[0], "x");
  assert_int_equal(t->lines[0], 5);
  rp_table_free(t);
  t = read_wb(NULL, NULL, wb, "notes", RP_OK, NULL); /* by name, any ASCII case */
  assert_string_equal(t->header[0], "a");
  rp_table_free(t);
  char *msg;
  assert_null(read_wb(NULL, NULL, wb, "学校", RP_EINPUT, &msg));
  assert_non_null(strstr(msg, "no sheet named \"学校\" in the workbook (its sheets: \"Notes\", \"二\")"));
  free(msg);
}

static void test_paths(void **state) {
  (void)state;
  assert_true(rp_xlsx_path("学校.xlsx"));
  assert_true(rp_xlsx_path("dir/A.XLSX"));
  assert_true(rp_xlsx_path("县.xlsx#教师"));
  assert_false(rp_xlsx_path("schools.csv"));
  assert_false(rp_xlsx_path("a.xlsx.csv"));
  assert_false(rp_xlsx_path("d.xlsx#x/s.csv")); /* a folder's name, not a sheet */
  char *file, *sheet;
  assert_int_equal(rp_xlsx_path_split("d/县.xlsx#教师#2", &file, &sheet), 0);
  assert_string_equal(file, "d/县.xlsx");
  assert_string_equal(sheet, "教师#2");
  free(file);
  free(sheet);
  assert_int_equal(rp_xlsx_path_split("s.csv", &file, &sheet), 0);
  assert_string_equal(file, "s.csv");
  assert_null(sheet);
  free(file);
}

/* rp_csv_read dispatches on the name, and messages carry the path given. */
static void test_read_by_path(void **state) {
  (void)state;
  const char *parts[XP_N] = {0};
  size_t lens[XP_N] = {0}, len;
  unsigned char *z = xlsx_make(parts, lens, &len);
  const char *path = tu_write_bytes("县.xlsx", (const char *)z, len);
  free(z);
  char with_sheet[4200];
  snprintf(with_sheet, sizeof with_sheet, "%s#二", path);
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  assert_int_equal(rp_csv_read(with_sheet, &t, &d), RP_OK);
  assert_string_equal(t->path, with_sheet);
  assert_string_equal(t->header[1], "yz");
  rp_table_free(t);
  snprintf(with_sheet, sizeof with_sheet, "%s#三", path);
  assert_int_equal(rp_csv_read(with_sheet, &t, &d), RP_EINPUT);
  char *s = diag_str(&d);
  assert_non_null(strstr(s, "县.xlsx#三: no sheet named \"三\""));
  free(s);
  rp_diag_clear(&d);
}

/* ---- refusals ---------------------------------------------------------------------- */

static void test_not_a_workbook(void **state) {
  (void)state;
  const char csv[] = "id,name\n1,a\n";
  refused((const unsigned char *)csv, sizeof csv - 1, RP_EINPUT,
          "w.xlsx: not an Excel workbook (.xlsx): not a zip file");
  const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  refused(ole, sizeof ole, RP_EINPUT, "an Excel 97-2003 workbook (.xls)");
  refused_parts(NULL, "<document/>", RP_EINPUT, "not a <workbook>");
  const char *parts[XP_N] = {0};
  size_t lens[XP_N] = {0}, len;
  unsigned char *z = xlsx_make(parts, lens, &len);
  refused(z, len / 2, RP_EINPUT, "the zip's directory is missing or damaged");
  unsigned char *at = memmem(z, len, "<v>1</v>", 8); /* a digit changed */
  at[3] = '3';
  refused(z, len, RP_EINPUT, "xl/worksheets/sheet1.xml is damaged (its checksum does not match)");
  free(z);
}

static void test_malformed_sheets(void **state) {
  (void)state;
  refused_parts("<!DOCTYPE x [<!ENTITY a \"aa\">]>" ROWS(HEAD), NULL, RP_EINPUT,
                "a document type declaration");
  char deep[2000] = ROWS(HEAD);
  char *end = strstr(deep, "</sheetData>");
  char tail[64];
  snprintf(tail, sizeof tail, "%s", end);
  *end = '\0';
  for (int i = 0; i < 70; i++)
    strcat(deep, "<x>");
  for (int i = 0; i < 70; i++)
    strcat(deep, "</x>");
  strcat(deep, tail);
  refused_parts(deep, NULL, RP_EINPUT, "nested deeper than 64 (RP_XLSX_MAX_DEPTH)");
  refused_parts(ROWS(HEAD "<row r=\"1\"/>"), NULL, RP_EINPUT, "row 1 after row 1");
  refused_parts(ROWS(HEAD "<row r=\"2\"><c r=\"B2\"/><c r=\"A2\"/></row>"), NULL, RP_EINPUT,
                "cell A2 out of order");
  refused_parts(ROWS(HEAD "<row r=\"2\"><c r=\"A3\"/></row>"), NULL, RP_EINPUT,
                "cell reference \"A3\" in row 2");
  refused_parts(ROWS(HEAD "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c></row>"), NULL, RP_EINPUT,
                "cell A2 refers to shared string \"2\"; the workbook has 2");
  refused_parts(ROWS(""), NULL, RP_EINPUT, "w.xlsx: the sheet \"Sheet1\" is empty");
}

/* ---- limits ------------------------------------------------------------------------- */

static void test_limits(void **state) {
  (void)state;
  refused_parts(ROWS(HEAD "<row r=\"2\">" IS("IW2", "x") "</row>"), NULL, RP_ELIMIT,
                "w.xlsx:2: cell IW2: more than 256 columns (RP_CSV_MAX_COLS)");
  /* A workbook part past RP_XLSX_MAX_META_BYTES (stored, so 4 MB here). */
  size_t big = 4L * 1024 * 1024 + 1;
  char *wb = malloc(big + 1);
  memset(wb, ' ', big);
  wb[big] = '\0';
  memcpy(wb, "<workbook>", 10);
  refused_parts(NULL, wb, RP_ELIMIT,
                "xl/workbook.xml (the workbook) is more than 4 MB unpacked (RP_XLSX_MAX_META_BYTES)");
  free(wb);
  /* More entries than RP_XLSX_MAX_ENTRIES. */
  enum { N = 10001 };
  static char names[N][16];
  static const char *np[N], *dp[N];
  static size_t lp[N];
  for (int i = 0; i < N; i++) {
    snprintf(names[i], sizeof names[i], "f%d", i);
    np[i] = names[i];
    dp[i] = "";
    lp[i] = 0;
  }
  size_t len;
  unsigned char *z = zip_stored(N, np, dp, lp, &len);
  refused(z, len, RP_ELIMIT, "the zip has more than 10000 entries (RP_XLSX_MAX_ENTRIES)");
  free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cell_types),      cmocka_unit_test(test_gaps_and_row_numbers),
      cmocka_unit_test(test_message_at_sheet_row), cmocka_unit_test(test_sheet_choice),
      cmocka_unit_test(test_paths),           cmocka_unit_test(test_read_by_path),
      cmocka_unit_test(test_not_a_workbook),  cmocka_unit_test(test_malformed_sheets),
      cmocka_unit_test(test_limits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
