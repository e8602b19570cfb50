/* Output language and encodings (io/lang.h, io/sheet.h, io/out_file.h):
 * the translation table (no duplicate or empty entries, every Chinese
 * format has the English one's printf conversions in the same order),
 * Chinese enum labels reading back through the roster parsers, the
 * --lang / --csv-encoding parsers, a sheet's CSV bytes, and UTF-8 BOM /
 * GB18030 output files (GB18030 read back by rp_csv_read as UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/county.h"
#include "io/csv_reader.h"
#include "io/lang.h"
#include "io/out_file.h"
#include "io/sheet.h"
#include "test_util.h"

/* ---- the translation table ------------------------------------------------ */

static size_t table_size(void) {
  size_t n = 0;
  const char *zh;
  while (rp_tr_entry(n, &zh))
    n++;
  return n;
}

static void table_has_no_duplicates_or_empties(void **state) {
  (void)state;
  size_t n = table_size();
  assert_true(n > 50);
  for (size_t i = 0; i < n; i++) {
    const char *zi, *ei = rp_tr_entry(i, &zi);
    if (!ei[0] || !zi || !zi[0])
      fail_msg("entry %zu (\"%s\") is empty", i, ei);
    if (strcmp(ei, zi) == 0)
      fail_msg("entry %zu (\"%s\") is not translated", i, ei);
    assert_ptr_equal(rp_tr(RP_LANG_ZH, ei), zi);
    /* English: the text itself, without a gettext context ("school\004name"). */
    const char *ctx = strchr(ei, '\004');
    assert_ptr_equal(rp_tr(RP_LANG_EN, ei), ctx ? ctx + 1 : ei);
    assert_true(rp_tr(RP_LANG_EN, ei)[0] != '\0');
    for (size_t j = i + 1; j < n; j++) {
      const char *zj, *ej = rp_tr_entry(j, &zj);
      if (strcmp(ei, ej) == 0)
        fail_msg("\"%s\" is in the table twice (%zu, %zu)", ei, i, j);
    }
  }
  /* Unknown text falls back to itself. */
  assert_string_equal(rp_tr(RP_LANG_ZH, "no such text"), "no such text");
}

/* The printf conversions of fmt ("%d", "%.2f", "%zu", ...) joined by '|',
 * without "%%".  Returns the number of conversions. */
static int conversions(const char *fmt, char *out, size_t n) {
  int count = 0;
  size_t len = 0;
  out[0] = '\0';
  for (const char *p = fmt; *p; p++) {
    if (*p != '%')
      continue;
    if (p[1] == '%') {
      p++;
      continue;
    }
    const char *q = p + 1;
    q += strspn(q, "-+ #0'123456789$.*");  /* flags, width, precision */
    q += strspn(q, "hljztLq");             /* length modifiers */
    if (!*q)
      fail_msg("format \"%s\" ends in a bare %%", fmt);
    len += (size_t)tu_snprintf(out + len, n - len, "%.*s|", (int)(q - p + 1), p);
    assert_true(len < n);
    count++;
    p = q;
  }
  return count;
}

static void conversions_helper_works(void **state) {
  (void)state;
  char buf[256];
  assert_int_equal(conversions("a %d b %zu c %.2f%% %s\n", buf, sizeof buf), 4);
  assert_string_equal(buf, "%d|%zu|%.2f|%s|");
  assert_int_equal(conversions("100%% done", buf, sizeof buf), 0);
}

static void formats_match(void **state) {
  (void)state;
  size_t n = table_size(), with_formats = 0;
  for (size_t i = 0; i < n; i++) {
    const char *zh, *en = rp_tr_entry(i, &zh);
    char ce[256], cz[256];
    int ne = conversions(en, ce, sizeof ce), nz = conversions(zh, cz, sizeof cz);
    if (ne != nz || strcmp(ce, cz) != 0)
      fail_msg("entry %zu: conversions differ\n  en \"%s\": %s\n  zh \"%s\": %s", i, en, ce,
               zh, cz);
    with_formats += ne > 0;
    /* A format string ending in a newline keeps it in Chinese. */
    size_t le = strlen(en), lz = strlen(zh);
    assert_int_equal(en[le - 1] == '\n', zh[lz - 1] == '\n');
  }
  assert_true(with_formats >= 5); /* the stdout summary is in the table */
}

/* ---- enumerated values read back -------------------------------------------- */

static void labels_parse_back(void **state) {
  (void)state;
  for (int v = 0; v < 2; v++) {
    rp_level_t got = (rp_level_t)-1;
    assert_int_equal(rp_level_parse(rp_level_label(RP_LANG_ZH, (rp_level_t)v), &got), 0);
    assert_int_equal(got, v);
    assert_int_equal(rp_level_parse(rp_level_label(RP_LANG_EN, (rp_level_t)v), &got), 0);
    assert_int_equal(got, v);
  }
  for (int v = 0; v < 3; v++) {
    rp_area_t got = (rp_area_t)-1;
    assert_int_equal(rp_area_parse(rp_area_label(RP_LANG_ZH, (rp_area_t)v), &got), 0);
    assert_int_equal(got, v);
  }
  for (int v = 0; v < 5; v++) {
    rp_degree_t got = (rp_degree_t)-1;
    assert_int_equal(rp_degree_parse(rp_degree_label(RP_LANG_ZH, (rp_degree_t)v), &got), 0);
    assert_int_equal(got, v);
  }
  for (int v = 0; v < 6; v++) {
    rp_backbone_t got = (rp_backbone_t)-1;
    assert_int_equal(rp_backbone_parse(rp_backbone_label(RP_LANG_ZH, (rp_backbone_t)v), &got),
                     0);
    assert_int_equal(got, v);
  }
  for (int v = 0; v < RP_SUBJECTS; v++) {
    rp_subject_t got = (rp_subject_t)-1;
    const char *zh = rp_subject_label(RP_LANG_ZH, (rp_subject_t)v);
    if (rp_subject_parse(zh, &got) != 0 || (int)got != v)
      fail_msg("subject %d: \"%s\" does not read back", v, zh);
    /* Chinese, not the English name. */
    assert_true((unsigned char)zh[0] >= 0x80);
  }
  for (int i = 0; i < 3; i++)
    assert_true((unsigned char)rp_indicator_label(RP_LANG_ZH, i)[0] >= 0x80);
}

/* ---- option values ---------------------------------------------------------- */

static void lang_parse(void **state) {
  (void)state;
  static const char *const zh[] = {"zh", "zh_CN", "zh-CN", "cn"};
  static const char *const bad[] = {"", "fr", "ZH ", "e", "english2", "zhx"};
  rp_lang_t l;
  for (size_t i = 0; i < sizeof zh / sizeof *zh; i++) {
    l = RP_LANG_EN;
    assert_int_equal(rp_lang_parse(zh[i], &l), 0);
    assert_int_equal(l, RP_LANG_ZH);
  }
  l = RP_LANG_ZH;
  assert_int_equal(rp_lang_parse("en", &l), 0);
  assert_int_equal(l, RP_LANG_EN);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (rp_lang_parse(bad[i], &l) == 0)
      fail_msg("--lang \"%s\" accepted", bad[i]);
  assert_string_equal(rp_lang_code(RP_LANG_ZH), "zh");
  assert_string_equal(rp_lang_code(RP_LANG_EN), "en");
}

static void encoding_parse(void **state) {
  (void)state;
  static const struct {
    const char *s;
    rp_encoding_t e;
  } ok[] = {{"utf-8", RP_ENC_UTF8},         {"UTF8", RP_ENC_UTF8},
            {"utf-8-bom", RP_ENC_UTF8_BOM}, {"UTF-8-BOM", RP_ENC_UTF8_BOM},
            {"gb18030", RP_ENC_GB18030},    {"GB18030", RP_ENC_GB18030}};
  static const char *const bad[] = {"", "latin1", "utf-16", "gb2312x", "utf-8 ", "bom"};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    rp_encoding_t e = (rp_encoding_t)-1;
    if (rp_encoding_parse(ok[i].s, &e) != 0 || e != ok[i].e)
      fail_msg("--csv-encoding \"%s\" not read as %d", ok[i].s, (int)ok[i].e);
  }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    rp_encoding_t e;
    if (rp_encoding_parse(bad[i], &e) == 0)
      fail_msg("--csv-encoding \"%s\" accepted", bad[i]);
  }
}

/* ---- a sheet as CSV ------------------------------------------------------------ */

static rp_sheet_t *small_sheet(rp_lang_t l) {
  static const char *const hdr[] = {"teacher_id", "name", "km", "teachers", NULL};
  rp_sheet_t *s = rp_sheet_new(l, "rotation list", hdr);
  assert_non_null(s);
  rp_sheet_text(s, "T1");
  rp_sheet_text(s, "Li, \"Wei\"");
  rp_sheet_num(s, 1.236, 2);
  rp_sheet_num(s, 3, 0);
  rp_sheet_text(s, "T2");
  rp_sheet_text(s, "王芳");
  rp_sheet_num(s, -0.001, 2); /* rounds to 0.00, never -0.00 */
  rp_sheet_flag(s);
  rp_sheet_empty(s);
  assert_int_equal(rp_sheet_rows(s), 2);
  assert_true(rp_sheet_cell(s, 1, 2)->flag);
  assert_false(rp_sheet_cell(s, 1, 1)->flag);
  return s;
}

static char *csv_of(const rp_sheet_t *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  rp_sheet_write_csv(fp, s);
  fclose(fp);
  return buf;
}

static void sheet_csv_bytes(void **state) {
  (void)state;
  rp_sheet_t *s = small_sheet(RP_LANG_EN);
  char *csv = csv_of(s);
  assert_string_equal(s->name, "rotation list");
  assert_string_equal(csv, "teacher_id,name,km,teachers\n"
                           "T1,\"Li, \"\"Wei\"\"\",1.24,3\n"
                           "T2,王芳,0.00,\n");
  free(csv);
  rp_sheet_free(s);

  s = small_sheet(RP_LANG_ZH);
  csv = csv_of(s);
  assert_string_equal(s->name, "交流轮岗名单");
  /* Headers as the table has them (the wording may change), values as
   * before. */
  char want[512];
  tu_snprintf(want, sizeof want, "%s,%s,%s,%s\nT1,\"Li, \"\"Wei\"\"\",1.24,3\nT2,王芳,0.00,\n",
           rp_tr(RP_LANG_ZH, "teacher_id"), rp_tr(RP_LANG_ZH, "name"),
           rp_tr(RP_LANG_ZH, "km"), rp_tr(RP_LANG_ZH, "teachers"));
  assert_string_equal(csv, want);
  assert_true(strncmp(csv, "工号,", strlen("工号,")) == 0); /* read back by verify */
  free(csv);
  rp_sheet_free(s);
}

/* ---- output encodings ------------------------------------------------------------ */

static const char zh_csv[] = "工号,姓名\nT1,中文测试\n";

/* Writes zh_csv to tmpdir/name in encoding enc; returns the file's bytes. */
static char *write_encoded(const char *name, rp_encoding_t enc, size_t *len) {
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  rp_diag_t diag = {0};
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, &diag, &st);
  assert_non_null(f);
  assert_int_equal(rp_out_set_encoding(f, enc), RP_OK);
  fputs(zh_csv, rp_out_stream(f));
  assert_int_equal(rp_out_commit(f, &diag), RP_OK);
  rp_diag_clear(&diag);
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  char *buf = calloc(1, 4096);
  *len = fread(buf, 1, 4095, fp);
  fclose(fp);
  return buf;
}

/* rp_csv_read of tmpdir/name must give zh_csv's cells. */
static void reads_back(const char *name, const char *encoding) {
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  rp_diag_t diag = {0};
  rp_table_t *t = NULL;
  assert_int_equal(rp_csv_read(path, &t, &diag), RP_OK);
  assert_string_equal(t->encoding, encoding);
  assert_int_equal(t->ncols, 2);
  assert_int_equal(t->nrows, 1);
  assert_string_equal(t->header[0], "工号");
  assert_string_equal(t->header[1], "姓名");
  assert_string_equal(rp_table_cell(t, 0, 0), "T1");
  assert_string_equal(rp_table_cell(t, 0, 1), "中文测试");
  rp_table_free(t);
  rp_diag_clear(&diag);
}

static void utf8_and_bom(void **state) {
  (void)state;
  size_t len;
  char *b = write_encoded("plain.csv", RP_ENC_UTF8, &len);
  assert_int_equal(len, strlen(zh_csv));
  assert_memory_equal(b, zh_csv, len);
  free(b);
  b = write_encoded("bom.csv", RP_ENC_UTF8_BOM, &len);
  assert_int_equal(len, 3 + strlen(zh_csv));
  assert_memory_equal(b, "\xEF\xBB\xBF", 3);
  assert_memory_equal(b + 3, zh_csv, len - 3);
  free(b);
  reads_back("bom.csv", "UTF-8 BOM");
}

static void gb18030(void **state) {
  (void)state;
  size_t len;
  char *b = write_encoded("gb.csv", RP_ENC_GB18030, &len);
  /* 工 B9 A4, 号 BA C5, 姓 D0 D5, 名 C3 FB, 中 D6 D0, 文 CE C4, 测 B2 E2, 试 CA D4 */
  static const char want[] = "\xB9\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\nT1,"
                             "\xD6\xD0\xCE\xC4\xB2\xE2\xCA\xD4\n";
  assert_int_equal(len, sizeof want - 1);
  assert_memory_equal(b, want, len);
  free(b);
  reads_back("gb.csv", "GB18030");
}

/* Text GB18030 cannot hold (a lone surrogate is not valid UTF-8 and cannot
 * be converted): the commit fails and no file is left behind. */
static void gb18030_refuses_bad_text(void **state) {
  (void)state;
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/bad_gb.csv", tu_tmpdir());
  rp_diag_t diag = {0};
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, &diag, &st);
  assert_non_null(f);
  assert_int_equal(rp_out_set_encoding(f, RP_ENC_GB18030), RP_OK);
  fputs("ok,\xED\xA0\x80\n", rp_out_stream(f));
  assert_int_not_equal(rp_out_commit(f, &diag), RP_OK);
  assert_true(diag.n_errors > 0);
  assert_null(fopen(path, "rb"));
  rp_diag_clear(&diag);
}

/* rp_fmt cuts at a character, never inside one. */
static void fmt_never_cuts_a_character(void **state) {
  (void)state;
  char buf[8];
  assert_int_equal(rp_fmt(buf, sizeof buf, "%s", "长长长"), 9); /* 9 bytes: 7 fit */
  assert_string_equal(buf, "长长");
  assert_int_equal(rp_fmt(buf, 4, "%s", "a长"), 4);
  assert_string_equal(buf, "a");
  rp_fmt(buf, sizeof buf, "%s", "abcdefghij");
  assert_string_equal(buf, "abcdefg");
  rp_fmt(buf, sizeof buf, "%s", "ab长");
  assert_string_equal(buf, "ab长");
  rp_fmt(buf, 2, "%s", "长");
  assert_string_equal(buf, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fmt_never_cuts_a_character),
      cmocka_unit_test(table_has_no_duplicates_or_empties),
      cmocka_unit_test(conversions_helper_works),
      cmocka_unit_test(formats_match),
      cmocka_unit_test(labels_parse_back),
      cmocka_unit_test(lang_parse),
      cmocka_unit_test(encoding_parse),
      cmocka_unit_test(sheet_csv_bytes),
      cmocka_unit_test(utf8_and_bom),
      cmocka_unit_test(gb18030),
      cmocka_unit_test(gb18030_refuses_bad_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
