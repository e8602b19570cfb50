/* End to end: the output options of `rotaplan plan` and `rotaplan compare`
 * (--lang, --csv-encoding, --xlsx, --html) on tests/data/tiny (a plan takes
 * a fraction of a second):
 *   - --lang zh: Chinese header rows, Chinese stdout summary, summary.json
 *     "lang": "zh" with English keys, and `rotaplan verify` reads it back;
 *   - rosters with Chinese headers default to zh, --lang en overrides;
 *   - gb18030 output decodes to the UTF-8 run's bytes; utf-8-bom is the
 *     BOM and the same bytes;
 *   - the workbook is byte-identical across runs;
 *   - --xlsx / --html naming an input file, or bad --lang / --csv-encoding
 *     values, exit 2 and write nothing;
 *   - compare with --xlsx / --html writes the comparison's workbook and
 *     report and each scenario's plan.xlsx / report.html;
 *   - subjects.csv, the subject columns of schools_after.csv, the subject
 *     rows of recruitment.csv, summary.json's subject figures and the
 *     report's subject chart and table on a two-school county against hand
 *     numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <iconv.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

static const char *const csvs[] = {"rotation_list.csv", "schools_after.csv", "subjects.csv",
                                   "recruitment.csv"};
enum { N_CSVS = sizeof csvs / sizeof csvs[0] };

/* The tiny county's rosters (English headers) and a policy it can be
 * planned under (the tiny county's only junior PE teacher would otherwise
 * have to stay: subject cover makes it infeasible). */
static char schools[4200], teachers[4200], policy[4200];
/* The same rosters with Chinese headers. */
static char zh_schools[4200], zh_teachers[4200];

/* ---- helpers ---------------------------------------------------------------- */

static char *read_bin(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    fail_msg("cannot read %s", path);
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  *len = fread(buf, 1, (size_t)n, fp);
  buf[*len] = '\0';
  fclose(fp);
  return buf;
}

static char *read_in(const char *dir, const char *file, size_t *len) {
  char path[8400];
  tu_snprintf(path, sizeof path, "%s/%s", dir, file);
  size_t l;
  return read_bin(path, len ? len : &l);
}

static int exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0;
}

static const char *subdir(const char *name) {
  static char slots[4][4200];
  static int next;
  char *p = slots[next++ % 4];
  tu_snprintf(p, 4200, "%s/%s", tu_tmpdir(), name);
  return p;
}

/* Plans the county (rosters s, t) into dir with extra options; the run's
 * stdout (malloc'ed) when it succeeds. */
static char *plan_ok(const char *s, const char *t, const char *dir, const char *extra) {
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s", s, t,
                      policy, dir, extra);
  if (r.exit_code != 0)
    fail_msg("plan %s exited %d:\n%s", extra, r.exit_code, r.err);
  char *out = r.out;
  r.out = NULL;
  tu_run_free(&r);
  return out;
}

static void verify_ok(const char *s, const char *t, const char *dir) {
  tu_run_t r = tu_run("verify --strict --schools '%s' --teachers '%s' --policy '%s' --plan '%s'",
                      s, t, policy, dir);
  if (r.exit_code != 0)
    fail_msg("verify of %s exited %d:\n%s", dir, r.exit_code, r.err);
  tu_run_free(&r);
}

/* The first line of a file. */
static char *header_of(const char *dir, const char *file) {
  char *text = read_in(dir, file, NULL);
  text[strcspn(text, "\n")] = '\0';
  return text;
}

static int has_ascii_letter(const char *s) {
  for (; *s; s++)
    if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
      return 1;
  return 0;
}

static const char *summary_lang(const char *dir, char *buf) {
  char *text = read_in(dir, "summary.json", NULL);
  cJSON *doc = cJSON_Parse(text);
  free(text);
  assert_non_null(doc);
  const cJSON *l = cJSON_GetObjectItemCaseSensitive(doc, "lang");
  assert_true(cJSON_IsString(l));
  tu_snprintf(buf, 8, "%s", l->valuestring);
  /* Keys stay English whatever the language. */
  assert_non_null(cJSON_GetObjectItemCaseSensitive(doc, "moved"));
  assert_non_null(cJSON_GetObjectItemCaseSensitive(doc, "plan_year"));
  cJSON_Delete(doc);
  return buf;
}

/* Replaces the first line of the file at src with header; writes it to
 * tmpdir/name. */
static void with_header(const char *src, const char *header, const char *name, char *out) {
  char *text = tu_read(src);
  assert_non_null(text);
  const char *body = strchr(text, '\n');
  assert_non_null(body);
  size_t n = strlen(header) + strlen(body) + 1;
  char *copy = malloc(n);
  tu_snprintf(copy, n, "%s%s", header, body);
  tu_snprintf(out, 4200, "%s", tu_write(name, copy));
  free(copy);
  free(text);
}

static int setup(void **state) {
  (void)state;
  tu_snprintf(policy, sizeof policy, "%s",
           tu_write("policy.ini", "[rotation]\nplan_year = 2026\nsubject_cover = off\n"));
  /* Copies, so that the refusal tests can check their bytes. */
  char *s = tu_read(tu_src("tests/data/tiny/schools.csv"));
  char *t = tu_read(tu_src("tests/data/tiny/teachers.csv"));
  assert_non_null(s);
  assert_non_null(t);
  tu_snprintf(schools, sizeof schools, "%s", tu_write("schools.csv", s));
  tu_snprintf(teachers, sizeof teachers, "%s", tu_write("teachers.csv", t));
  free(s);
  free(t);
  /* Chinese header aliases of io/roster.c. */
  with_header(schools,
              "学校代码,学校名称,城乡类型,薄弱学校,小学在校生数,初中在校生数,小学班级数,"
              "初中班级数,教学点,其他职工数,横坐标,纵坐标,教育集团",
              "zh_schools.csv", zh_schools);
  with_header(teachers,
              "工号,姓名,学校代码,学段,学科,性别,出生年份,到校年份,学历,骨干级别,"
              "免交流原因,上次交流年份,职务",
              "zh_teachers.csv", zh_teachers);
  return 0;
}

/* ---- language ---------------------------------------------------------------- */

static void lang_zh(void **state) {
  (void)state;
  const char *dir = subdir("zh");
  char *out = plan_ok(schools, teachers, dir, "--lang zh");
  for (int i = 0; i < N_CSVS; i++) {
    char *h = header_of(dir, csvs[i]);
    if (has_ascii_letter(h))
      fail_msg("%s header is not all Chinese: %s", csvs[i], h);
    free(h);
  }
  char *h = header_of(dir, "rotation_list.csv");
  assert_true(strncmp(h, "工号,", strlen("工号,")) == 0);
  assert_non_null(strstr(h, ",调入学校,"));
  free(h);
  /* A school's name is not a person's name (姓名). */
  for (int i = 1; i < N_CSVS; i++) {
    h = header_of(dir, csvs[i]);
    if (strstr(h, ",姓名,"))
      fail_msg("%s calls the school's name 姓名: %s", csvs[i], h);
    free(h);
  }
  assert_contains(out, "年度交流轮岗方案");
  assert_contains(out, "已写入");
  assert_null(strstr(out, "Rotation plan"));
  assert_null(strstr(out, "written to"));
  free(out);
  char lang[8];
  assert_string_equal(summary_lang(dir, lang), "zh");
  verify_ok(schools, teachers, dir);
}

static void lang_en_default(void **state) {
  (void)state;
  const char *dir = subdir("en");
  char *out = plan_ok(schools, teachers, dir, "");
  char *h = header_of(dir, "rotation_list.csv");
  assert_true(strncmp(h, "teacher_id,name,", 16) == 0);
  free(h);
  assert_contains(out, "Rotation plan 2026");
  free(out);
  char lang[8];
  assert_string_equal(summary_lang(dir, lang), "en");
}

static void chinese_rosters_default_to_zh(void **state) {
  (void)state;
  const char *dir = subdir("zh_rosters");
  char *out = plan_ok(zh_schools, zh_teachers, dir, "");
  char *h = header_of(dir, "schools_after.csv");
  assert_false(has_ascii_letter(h));
  free(h);
  assert_contains(out, "年度交流轮岗方案");
  free(out);
  char lang[8];
  assert_string_equal(summary_lang(dir, lang), "zh");
  verify_ok(zh_schools, zh_teachers, dir);

  dir = subdir("zh_rosters_en");
  out = plan_ok(zh_schools, zh_teachers, dir, "--lang en");
  h = header_of(dir, "rotation_list.csv");
  assert_true(strncmp(h, "teacher_id,", 11) == 0);
  free(h);
  assert_contains(out, "Rotation plan");
  free(out);
  assert_string_equal(summary_lang(dir, lang), "en");
  /* The plan is the same whatever the language of its rosters. */
  char *a = read_in(subdir("en"), "rotation_list.csv", NULL);
  char *b = read_in(dir, "rotation_list.csv", NULL);
  assert_string_equal(a, b);
  free(a);
  free(b);
}

/* ---- encodings ----------------------------------------------------------------- */

/* GB18030 bytes as UTF-8 (malloc'ed); fails the test on invalid input. */
static char *gb18030_to_utf8(const char *in, size_t len, size_t *outlen) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  assert_true(cd != (iconv_t)-1);
  size_t cap = 4 * len + 16, room = cap;
  char *out = malloc(cap), *o = out, *i = (char *)in;
  size_t left = len;
  if (iconv(cd, &i, &left, &o, &room) == (size_t)-1)
    fail_msg("not valid GB18030 at byte %zu", (size_t)(i - in));
  iconv_close(cd);
  *outlen = cap - room;
  return out;
}

static void encodings(void **state) {
  (void)state;
  const char *u = subdir("enc_utf8"), *g = subdir("enc_gb"), *b = subdir("enc_bom");
  free(plan_ok(schools, teachers, u, "--lang zh --csv-encoding utf-8"));
  free(plan_ok(schools, teachers, g, "--lang zh --csv-encoding gb18030"));
  free(plan_ok(schools, teachers, b, "--lang zh --csv-encoding utf-8-bom"));
  for (int k = 0; k < N_CSVS; k++) {
    size_t lu, lg, lb, ld;
    char *tu = read_in(u, csvs[k], &lu), *tg = read_in(g, csvs[k], &lg);
    char *tb = read_in(b, csvs[k], &lb);
    assert_false(lu >= 3 && memcmp(tu, "\xEF\xBB\xBF", 3) == 0);
    /* Chinese text: GB18030 differs from UTF-8 but says the same. */
    if (lu == lg && memcmp(tu, tg, lu) == 0)
      fail_msg("%s: the gb18030 file is the UTF-8 one", csvs[k]);
    char *dec = gb18030_to_utf8(tg, lg, &ld);
    if (ld != lu || memcmp(dec, tu, lu) != 0)
      fail_msg("%s: gb18030 decodes to other text than the UTF-8 run", csvs[k]);
    assert_int_equal(lb, lu + 3);
    assert_memory_equal(tb, "\xEF\xBB\xBF", 3);
    assert_memory_equal(tb + 3, tu, lu);
    free(dec);
    free(tu);
    free(tg);
    free(tb);
  }
  /* verify reads both back. */
  verify_ok(schools, teachers, g);
  verify_ok(schools, teachers, b);
  /* Without --csv-encoding the outputs follow the rosters: UTF-8 with a BOM
   * in, UTF-8 with a BOM out (GB18030: chinese_demo_county); plain UTF-8 in,
   * plain out. */
  size_t ls, lt;
  char *ts = read_bin(schools, &ls), *tt = read_bin(teachers, &lt);
  char bs[8400], bt[8400];
  tu_snprintf(bs, sizeof bs, "%s", tu_write_bytes("bom_schools.csv", "\xEF\xBB\xBF", 3));
  tu_snprintf(bt, sizeof bt, "%s", tu_write_bytes("bom_teachers.csv", "\xEF\xBB\xBF", 3));
  FILE *fp = fopen(bs, "ab");
  fwrite(ts, 1, ls, fp);
  fclose(fp);
  fp = fopen(bt, "ab");
  fwrite(tt, 1, lt, fp);
  fclose(fp);
  free(ts);
  free(tt);
  const char *fb = subdir("enc_follows_bom"), *fu = subdir("enc_follows_utf8");
  free(plan_ok(bs, bt, fb, "--lang zh"));
  free(plan_ok(schools, teachers, fu, "--lang zh"));
  for (int k = 0; k < N_CSVS; k++) {
    size_t lu, lb2, lf;
    char *tu = read_in(u, csvs[k], &lu), *tb = read_in(fb, csvs[k], &lb2);
    char *tf = read_in(fu, csvs[k], &lf);
    if (lb2 != lu + 3 || memcmp(tb, "\xEF\xBB\xBF", 3) != 0 || memcmp(tb + 3, tu, lu) != 0)
      fail_msg("%s: rosters with a BOM did not give a UTF-8 file with a BOM", csvs[k]);
    assert_int_equal(lf, lu);
    assert_memory_equal(tf, tu, lu);
    free(tu);
    free(tb);
    free(tf);
  }
}

/* ---- workbook and report -------------------------------------------------------- */

static void workbook_deterministic(void **state) {
  (void)state;
  char xa[4300], xb[4300], ha[4300];
  tu_snprintf(xa, sizeof xa, "%s/a.xlsx", tu_tmpdir());
  tu_snprintf(xb, sizeof xb, "%s/b.xlsx", tu_tmpdir());
  tu_snprintf(ha, sizeof ha, "%s/a.html", tu_tmpdir());
  char opt[9000];
  tu_snprintf(opt, sizeof opt, "--lang zh --xlsx '%s' --html '%s'", xa, ha);
  char *out = plan_ok(schools, teachers, subdir("wb_a"), opt);
  assert_contains(out, "工作簿：");
  assert_contains(out, xa);
  free(out);
  tu_snprintf(opt, sizeof opt, "--lang zh --xlsx '%s'", xb);
  free(plan_ok(schools, teachers, subdir("wb_b"), opt));
  size_t la, lb;
  char *a = read_bin(xa, &la), *b = read_bin(xb, &lb);
  assert_true(la > 1000);
  assert_memory_equal(a, "PK\x03\x04", 4);
  assert_int_equal(la, lb);
  assert_memory_equal(a, b, la);
  free(a);
  free(b);
  char *html = tu_read(ha);
  assert_non_null(html);
  assert_contains(html, "<html");
  assert_null(strstr(html, "<script"));
  free(html);
}

/* The workbook and report inside the output folder, which does not exist
 * yet: the natural `--out out --xlsx out/plan.xlsx`. */
static void reports_inside_new_out_dir(void **state) {
  (void)state;
  const char *dir = subdir("inside");
  char opt[9000];
  tu_snprintf(opt, sizeof opt, "--xlsx '%s/plan.xlsx' --html '%s/report.html'", dir, dir);
  free(plan_ok(schools, teachers, dir, opt));
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/plan.xlsx", dir);
  assert_true(exists(path));
  tu_snprintf(path, sizeof path, "%s/report.html", dir);
  assert_true(exists(path));
}

/* Runs plan with the given output option aimed at `input`: exit 2, the
 * input unchanged, no output folder. */
static void refused(const char *opt, const char *input, const char *dirname) {
  size_t l0, l1;
  char *before = read_bin(input, &l0);
  const char *dir = subdir(dirname);
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s '%s'",
                      schools, teachers, policy, dir, opt, input);
  assert_int_equal(r.exit_code, 2);
  assert_contains(r.err, "input");
  tu_run_free(&r);
  char *after = read_bin(input, &l1);
  assert_int_equal(l0, l1);
  assert_memory_equal(before, after, l0);
  assert_false(exists(dir));
  free(before);
  free(after);
}

static void output_over_input_refused(void **state) {
  (void)state;
  refused("--xlsx", teachers, "over_1");
  refused("--html", schools, "over_2");
  refused("--xlsx", policy, "over_3");
  refused("--html", teachers, "over_4");
}

static void bad_option_values(void **state) {
  (void)state;
  static const char *const bad[] = {"--lang fr", "--lang ''", "--csv-encoding latin1",
                                    "--csv-encoding utf-16"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    const char *dir = subdir("bad");
    tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s",
                        schools, teachers, policy, dir, bad[i]);
    if (r.exit_code != 2)
      fail_msg("plan %s exited %d", bad[i], r.exit_code);
    assert_true(r.err && r.err[0]);
    assert_false(exists(dir));
    tu_run_free(&r);
    r = tu_run("compare --out '%s' %s '%s'", dir, bad[i], tu_src("scenarios/demo/0-baseline.ini"));
    if (r.exit_code != 2)
      fail_msg("compare %s exited %d", bad[i], r.exit_code);
    assert_false(exists(dir));
    tu_run_free(&r);
  }
}

/* ---- compare -------------------------------------------------------------------- */


/* The two scenarios of the comparisons below, on the county of
 * test_e2e_compare.c (tests/data/three_schools: three primary schools,
 * planned in a fraction of a second): paths into base and q. */
static void write_scenarios(char *base, char *q, size_t n) {
  tu_copy("c_schools.csv", "tests/data/three_schools/schools.csv");
  tu_copy("c_teachers.csv", "tests/data/three_schools/teachers.csv");
  tu_write("c_policy.ini", "[targets]\nprimary_degree = 0\nprimary_backbone = 0\n"
                           "[rotation]\nplan_year = 2026\nbackbone_share = 0\n");
  tu_snprintf(base, n, "%s",
           tu_write("base.ini", "[base]\nschools = c_schools.csv\nteachers = c_teachers.csv\n"
                                "policy = c_policy.ini\n"));
  tu_snprintf(q, n, "%s",
           tu_write("quota20.ini", "[base]\nextends = base.ini\n[policy]\nquota_share = 0.2\n"));
}

/* A path from the comparison's page, percent-decoded. */
static void url_decode(char *s) {
  char *o = s;
  for (; *s; s++, o++) {
    unsigned v;
    if (*s == '%' && sscanf(s + 1, "%2x", &v) == 1) {
      *o = (char)v;
      s += 2;
    } else {
      *o = *s;
    }
  }
  *o = '\0';
}

static void compare_reports(void **state) {
  (void)state;
  char base[4200], q[4200];
  write_scenarios(base, q, sizeof base);
  const char *dir = subdir("cmp");
  tu_run_t r = tu_run("compare --jobs 2 --lang zh --out '%s' --xlsx '%s/comparison.xlsx' "
                      "--html '%s/comparison.html' '%s' '%s'",
                      dir, dir, dir, base, q);
  if (r.exit_code != 0)
    fail_msg("compare exited %d:\n%s", r.exit_code, r.err);
  assert_contains(r.out, "工作簿：");
  tu_run_free(&r);
  static const char *const files[] = {
      "comparison.csv",   "comparison.md",     "comparison.json", "comparison.xlsx",
      "comparison.html",  "base/plan.xlsx",    "base/report.html", "quota20/plan.xlsx",
      "quota20/report.html", "quota20/rotation_list.csv"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[8400];
    tu_snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    if (!exists(path))
      fail_msg("compare did not write %s", files[i]);
  }
  size_t len;
  char *x = read_in(dir, "comparison.xlsx", &len);
  assert_memory_equal(x, "PK\x03\x04", 4);
  free(x);
  x = read_in(dir, "base/plan.xlsx", &len);
  assert_memory_equal(x, "PK\x03\x04", 4);
  free(x);
  char *h = header_of(dir, "comparison.csv");
  assert_false(has_ascii_letter(h));
  free(h);
  h = header_of(dir, "base/rotation_list.csv");
  assert_true(strncmp(h, "工号,", strlen("工号,")) == 0);
  free(h);
}

/* The comparison's page put outside --out still links each scenario's own
 * report: every href, taken from the page's folder, is a file. */
static void compare_report_links(void **state) {
  (void)state;
  char base[4200], q[4200];
  write_scenarios(base, q, sizeof base);
  const char *dir = subdir("links");
  /* A name with a space, '%' and '#', which a link must encode. */
  const char *odd = tu_write("odd.ini", "[base]\nname = quota 15% #2\nextends = base.ini\n"
                                        "[policy]\nquota_share = 0.15\n");
  tu_run_t r = tu_run("compare --jobs 2 --out '%s/out/c' --html '%s/pages/cmp.html' '%s' '%s' "
                      "'%s'", dir, dir, base, q, odd);
  if (r.exit_code != 0)
    fail_msg("compare exited %d:\n%s", r.exit_code, r.err);
  tu_run_free(&r);
  char *page = read_in(dir, "pages/cmp.html", NULL);
  int links = 0;
  for (const char *h = strstr(page, "href=\""); h; h = strstr(h + 1, "href=\"")) {
    const char *end = strchr(h + 6, '"');
    char path[8400];
    tu_snprintf(path, sizeof path, "%s/pages/%.*s", dir, (int)(end - h - 6), h + 6);
    if (strpbrk(path, " #"))
      fail_msg("the link %s is not encoded", path);
    url_decode(path);
    if (!exists(path))
      fail_msg("the comparison's page links %s, which is not a file", path);
    links++;
  }
  assert_int_equal(links, 3);
  assert_non_null(strstr(page, "href=\"../out/c/base/report.html\""));
  assert_non_null(strstr(page, "href=\"../out/c/quota%2015%25%20%232/report.html\""));
  free(page);
}

/* The Chinese demo county the guides use (scenarios/demo/county-zh, Chinese
 * headers and values in GB18030) is the English demo: the same audit, the
 * same plan, in Chinese by default; and its copy with mistakes
 * (scenarios/demo/broken-zh) gives the messages docs/guide.*.md show. */
static void chinese_demo_county(void **state) {
  (void)state;
  char zs[4200], zt[4200], zp[4200], es[4200], et[4200], ep[4200];
  tu_snprintf(zs, sizeof zs, "%s", tu_src("scenarios/demo/county-zh/学校.csv"));
  tu_snprintf(zt, sizeof zt, "%s", tu_src("scenarios/demo/county-zh/教师.csv"));
  tu_snprintf(zp, sizeof zp, "%s", tu_src("scenarios/demo/county-zh/policy.ini"));
  tu_snprintf(es, sizeof es, "%s", tu_src("scenarios/demo/county/schools.csv"));
  tu_snprintf(et, sizeof et, "%s", tu_src("scenarios/demo/county/teachers.csv"));
  tu_snprintf(ep, sizeof ep, "%s", tu_src("scenarios/demo/county/policy.ini"));
  tu_run_t z = tu_run("audit --json --schools '%s' --teachers '%s' --policy '%s'", zs, zt, zp);
  tu_run_t e = tu_run("audit --json --schools '%s' --teachers '%s' --policy '%s'", es, et, ep);
  assert_int_equal(z.exit_code, 0);
  assert_string_equal(z.out, e.out);
  tu_run_free(&z);
  tu_run_free(&e);
  const char *dz = subdir("demo_zh"), *de = subdir("demo_en");
  z = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'", zs, zt, zp, dz);
  e = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' --lang zh", es, et,
             ep, de);
  assert_int_equal(z.exit_code, 0);
  assert_contains(z.out, "年度交流轮岗方案");
  tu_run_free(&z);
  tu_run_free(&e);
  for (int i = 0; i < N_CSVS; i++) {
    const char *const *files = csvs;
    size_t lz, le, ld;
    char *a = read_in(dz, files[i], &lz), *b = read_in(de, files[i], &le);
    /* GB18030 rosters, GB18030 outputs (no --csv-encoding): the same text. */
    char *d = gb18030_to_utf8(a, lz, &ld);
    if (ld != le || memcmp(d, b, ld) != 0 || (lz == le && memcmp(a, b, lz) == 0))
      fail_msg("%s of the Chinese demo is not the English demo's (with --lang zh) in GB18030",
               files[i]);
    free(a);
    free(b);
    free(d);
  }
  char bs[4200], bt[4200];
  tu_snprintf(bs, sizeof bs, "%s", tu_src("scenarios/demo/broken-zh/学校.csv"));
  tu_snprintf(bt, sizeof bt, "%s", tu_src("scenarios/demo/broken-zh/教师.csv"));
  tu_run_t b = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", bs, bt, zp);
  assert_int_equal(b.exit_code, 3);
  /* Chinese headers: the messages in Chinese, as docs/guide.zh.md shows them. */
  assert_contains(b.err, "学校.csv:2: 列\"小学在校生数\": \"1,894\" 不是有效的学生数（0 到 100000）："
                         "含千位分隔符，应写作 1894\n");
  assert_contains(b.err, "教师.csv:3: 列\"出生年份\": \"1981-05\" 不是有效的出生年份（1946 到 2010）\n");
  assert_contains(b.err, "教师.csv:4: 列\"学历\": \"大学本科\" 不是有效的学历（中专、专科、本科、硕士、"
                         "博士）\n");
  assert_contains(b.err, "教师.csv:5: 列\"学校代码\": \"S0O1\" 不是学校表中的学校\n");
  assert_contains(b.err, "rotaplan: 输入中有 4 处错误，未写出任何文件\n");
  tu_run_free(&b);
  /* --lang en: docs/guide.en.md's words, the columns as the headers wrote them. */
  b = tu_run("audit --schools '%s' --teachers '%s' --policy '%s' --lang en", bs, bt, zp);
  assert_int_equal(b.exit_code, 3);
  assert_contains(b.err, "学校.csv:2: column \"小学在校生数\": \"1,894\" is not a number of students "
                         "(0 to 100000): it has a thousands separator; write 1894\n");
  assert_contains(b.err, "教师.csv:5: column \"学校代码\": \"S0O1\" is not a school in the schools "
                         "file\n");
  assert_contains(b.err, "4 errors in the input; nothing was written");
  tu_run_free(&b);
  tu_snprintf(bs, sizeof bs, "%s", tu_src("scenarios/demo/broken-zh/学校.txt"));
  b = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", bs, zt, zp);
  assert_int_equal(b.exit_code, 3);
  assert_contains(b.err, "学校.txt:1: 含有 NUL 字节：这是二进制文件，不是 CSV 文本（请从 Excel 另存为 "
                         "CSV）\nrotaplan: 输入中有 1 处错误，未写出任何文件\n");
  tu_run_free(&b);
  tu_snprintf(bs, sizeof bs, "%s", tu_src("scenarios/demo/broken-zh/学校2.csv"));
  b = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", bs, zt, zp);
  assert_int_equal(b.exit_code, 3);
  assert_contains(b.err, "学校2.csv:1: 列\"城乡类型\": 缺少必需的列；表头\"学校类型\"无法识别：是否应为"
                         "\"城乡类型\"？（可用的表头见 docs/data-format.md）\n");
  assert_contains(b.err, "学校2.csv:1: 警告: 列\"学校类型\": 无法识别的列，已忽略\n");
  tu_run_free(&b);
}

/* ---- subjects ---------------------------------------------------------------- */

/* Two primary sections, one class a grade at A and two at B (the default
 * curriculum and loads: 15 periods a week for Chinese and maths, 18 for the
 * rest), so that every demand is a hand computation:
 *   Chinese 8+8+7+7+6+6 = 42 periods a class-set, /15 = 2.80 at A, 5.60 at B;
 *   maths 26/15 = 1.73, 3.47; English 10/18 = 0.56, 1.11; PE 20/18 = 1.11,
 *   2.22; music and art 12/18 = 0.67, 1.33; science 10/18 = 0.56, 1.11;
 *   morality 16/18 = 0.89, 1.78; IT 4/18 = 0.22, 0.44; other 0.
 * A's name starts with '=': a CSV cell that must not run as a formula. */
static const char subj_schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,junior_classes\n"
    "A,=Town,town,0,240,0,6,0\n"
    "B,Village,rural,1,450,0,12,0\n";

static const struct {
  const char *school, *subject, *demand;
  int need, whole, before; /* whole: the demand rounded up */
} subj_hand[] = {
    {"A", "chinese", "2.80", 2, 3, 3},   {"A", "math", "1.73", 1, 2, 2},
    {"A", "english", "0.56", 0, 1, 0},   {"A", "pe", "1.11", 1, 2, 2},
    {"A", "music", "0.67", 0, 1, 1},     {"A", "art", "0.67", 0, 1, 1},
    {"A", "science", "0.56", 0, 1, 0},   {"A", "morality", "0.89", 0, 1, 0},
    {"A", "it", "0.22", 0, 1, 0},        {"A", "other", "0.00", 0, 0, 1},
    {"B", "chinese", "5.60", 5, 6, 4},   {"B", "math", "3.47", 3, 4, 3},
    {"B", "english", "1.11", 1, 2, 0},   {"B", "pe", "2.22", 2, 3, 1},
    {"B", "music", "1.33", 1, 2, 1},     {"B", "art", "1.33", 1, 2, 1},
    {"B", "science", "1.11", 1, 2, 1},   {"B", "morality", "1.78", 1, 2, 1},
    {"B", "it", "0.44", 0, 1, 0},        {"B", "other", "0.00", 0, 0, 0},
};
enum { N_SUBJ_HAND = sizeof subj_hand / sizeof subj_hand[0] };

/* The teachers of subj_hand's `before`, all free to rotate. */
static const char *subj_teachers(void) {
  static char text[8192];
  size_t n = (size_t)tu_snprintf(text, sizeof text,
                                 "teacher_id,name,school_id,section,subject,gender,birth_year,"
                                 "school_since,degree,backbone,exempt\n");
  int id = 0;
  for (int r = 0; r < N_SUBJ_HAND; r++)
    for (int k = 0; k < subj_hand[r].before; k++, id++)
      n += (size_t)tu_snprintf(text + n, sizeof text - n,
                               "T%02d,T%02d,%s,primary,%s,%s,%d,2012,bachelor,%s,\n", id, id,
                               subj_hand[r].school, subj_hand[r].subject, id % 2 ? "M" : "F",
                               1980 + id % 10, id % 3 ? "none" : "county");
  return tu_write("subj_teachers.csv", text);
}

/* Field k (0-based) of a CSV line without quotes, into buf. */
static const char *field(const char *line, int k, char *buf, size_t n) {
  for (; k > 0 && line; k--)
    line = (line = strchr(line, ',')) ? line + 1 : NULL;
  assert_non_null(line);
  size_t len = strcspn(line, ",\n");
  tu_snprintf(buf, n, "%.*s", (int)len, line);
  return buf;
}

/* Teachers of a subject at a school after the plan: before, less the rows
 * of rotation_list.csv from it, plus those to it. */
static int after_of(const char *list, int r) {
  int n = subj_hand[r].before;
  char from[64], to[64], subj[64];
  for (const char *line = strchr(list, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
    field(line + 1, 2, from, sizeof from);
    field(line + 1, 3, to, sizeof to);
    field(line + 1, 5, subj, sizeof subj);
    if (strcmp(subj, subj_hand[r].subject) == 0)
      n += (strcmp(to, subj_hand[r].school) == 0) - (strcmp(from, subj_hand[r].school) == 0);
  }
  return n;
}

static int gap_of(int need, int teachers) { return need > teachers ? need - teachers : 0; }

/* subjects.csv, schools_after.csv's subject columns, recruitment.csv's
 * subject rows and summary.json's subject figures against the hand
 * numbers above, with the teachers after taken from the rotation list
 * (whichever teachers the model moves); a subject under one teacher is
 * part_time, never a gap; the report has the subject chart and table. */
static void subjects_by_hand(void **state) {
  (void)state;
  const char *s = tu_write("subj_schools.csv", subj_schools), *t = subj_teachers();
  const char *dir = subdir("subjects");
  char opt[9000];
  tu_snprintf(opt, sizeof opt, "--html '%s/r.html'", dir);
  free(plan_ok(s, t, dir, opt));
  verify_ok(s, t, dir);
  char *list = read_in(dir, "rotation_list.csv", NULL);
  char *csv = read_in(dir, "subjects.csv", NULL);
  char *after = read_in(dir, "schools_after.csv", NULL);
  char *recruit = read_in(dir, "recruitment.csv", NULL);
  static const char hdr[] = "school_id,name,section,subject,demand,need,before,after,gap_before,"
                            "gap_after,surplus_after,part_time\n";
  assert_true(strncmp(csv, hdr, strlen(hdr)) == 0);
  int rows = 0, gaps_before[2] = {0}, gaps_after[2] = {0}, recruit_total = 0;
  char short_after[2][256] = {"", ""}, line[512], want[512];
  for (int r = 0; r < N_SUBJ_HAND; r++) {
    int b = subj_hand[r].before, a = after_of(list, r), sc = subj_hand[r].school[0] - 'A';
    int need = subj_hand[r].need, gb = gap_of(need, b), ga = gap_of(need, a);
    int part = need == 0 && strcmp(subj_hand[r].demand, "0.00") != 0;
    int is_other = strcmp(subj_hand[r].subject, "other") == 0;
    if (!part && need == 0 && b == 0 && a == 0)
      continue; /* neither asked for nor taught: no row */
    rows++;
    gaps_before[sc] += gb;
    gaps_after[sc] += ga;
    recruit_total += ga;
    char surplus[16] = "";
    if (!is_other)
      tu_snprintf(surplus, sizeof surplus, "%d", a > subj_hand[r].whole ? a - subj_hand[r].whole : 0);
    const char *name = sc ? "Village" : "'=Town";
    tu_snprintf(want, sizeof want, "\n%s,%s,primary,%s,%s,%d,%d,%d,%d,%d,%s,%d\n",
                subj_hand[r].school, name, subj_hand[r].subject, subj_hand[r].demand, need, b, a,
                gb, ga, surplus, part);
    if (!strstr(csv, want))
      fail_msg("subjects.csv has no line%sit has:\n%s", want, csv);
    if (part)
      assert_int_equal(ga, 0); /* part-time: never a gap of one */
    if (ga > 0) {
      size_t n = strlen(short_after[sc]);
      tu_snprintf(short_after[sc] + n, sizeof short_after[sc] - n, "%s%s %d", n ? "; " : "",
                  subj_hand[r].subject, ga);
      tu_snprintf(line, sizeof line, "\n%s,%s,primary,%s,%d,subject demand of the curriculum "
                  "not met\n", subj_hand[r].school, name, subj_hand[r].subject, ga);
      if (!strstr(recruit, line))
        fail_msg("recruitment.csv has no line%sit has:\n%s", line, recruit);
    }
  }
  /* No other rows. */
  int lines = 0;
  for (const char *p = csv; (p = strchr(p, '\n')) != NULL; p++)
    lines++;
  assert_int_equal(lines, rows + 1);
  /* B: Chinese 4 < 5, English 0 < 1, PE 1 < 2 before; no English teacher
   * anywhere, so B's English gap stays. */
  assert_int_equal(gaps_before[0], 0);
  assert_int_equal(gaps_before[1], 3);
  assert_true(strstr(short_after[1], "english 1") != NULL);
  /* schools_after.csv: the subject gaps summed, the subjects short. */
  for (int sc = 0; sc < 2; sc++) {
    tu_snprintf(want, sizeof want, ",%d,%d,%s\n", gaps_before[sc], gaps_after[sc],
                short_after[sc]);
    const char *row = strstr(after, sc ? "\nB,Village," : "\nA,'=Town,");
    assert_non_null(row);
    const char *end = strchr(row + 1, '\n');
    if (strncmp(end - strlen(want) + 1, want, strlen(want)) != 0)
      fail_msg("schools_after.csv row of %c does not end in %s", 'A' + sc, want);
  }
  assert_contains(after, ",subject_gaps_before,subject_gaps_after,subjects_short_after\n");
  /* summary.json */
  char *text = read_in(dir, "summary.json", NULL);
  cJSON *doc = cJSON_Parse(text);
  assert_non_null(doc);
  const cJSON *rec = cJSON_GetObjectItemCaseSensitive(doc, "recruitment");
  assert_int_equal(cJSON_GetObjectItemCaseSensitive(rec, "subjects")->valueint, recruit_total);
  const cJSON *gb = cJSON_GetObjectItemCaseSensitive(doc, "subject_gaps_before");
  const cJSON *ga = cJSON_GetObjectItemCaseSensitive(doc, "subject_gaps_after");
  assert_int_equal(cJSON_GetObjectItemCaseSensitive(gb, "total")->valueint, 3);
  assert_int_equal(cJSON_GetObjectItemCaseSensitive(gb, "english")->valueint, 1);
  assert_int_equal(cJSON_GetObjectItemCaseSensitive(ga, "total")->valueint,
                   gaps_after[0] + gaps_after[1]);
  assert_int_equal(cJSON_GetObjectItemCaseSensitive(ga, "english")->valueint, 1);
  assert_true(cJSON_GetObjectItemCaseSensitive(doc, "sections_missing_after")->valueint >= 1);
  /* verify recomputes them: a summary that says one subject gap less, one
   * subject recruit more and one section missing less is caught. */
  cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(ga, "english"), 0);
  cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(rec, "subjects"), recruit_total + 1);
  cJSON *miss = cJSON_GetObjectItemCaseSensitive(doc, "sections_missing_after");
  cJSON_SetNumberValue(miss, miss->valuedouble - 1);
  char *tampered = cJSON_Print(doc);
  char tdir[4300], cmd[9000];
  tu_snprintf(tdir, sizeof tdir, "%s_tampered", dir);
  tu_snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", tdir, dir, tdir);
  assert_int_equal(system(cmd), 0);
  tu_snprintf(cmd, sizeof cmd, "%s/summary.json", tdir);
  FILE *fp = fopen(cmd, "wb");
  assert_non_null(fp);
  fputs(tampered, fp);
  fclose(fp);
  free(tampered);
  tu_run_t r = tu_run("verify --strict --schools '%s' --teachers '%s' --policy '%s' --plan '%s'",
                      s, t, policy, tdir);
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.err, "subject_gaps_after.english: the summary says 0, recomputed 1");
  assert_contains(r.err, "recruitment.subjects: the summary says");
  assert_contains(r.err, "sections_missing_after: the summary says");
  assert_null(strstr(r.err, "subject_gaps_before"));
  tu_run_free(&r);
  cJSON_Delete(doc);
  free(text);
  /* The report: the section, the chart, the table; B's English red, A's
   * (part-time) not. */
  char *html = read_in(dir, "r.html", NULL);
  assert_contains(html, "<section id=\"subjects\">");
  assert_contains(html, "Subject gaps in the county, in whole teachers, before and after");
  assert_contains(html, "<th>subject gaps</th>");
  assert_contains(html, "<td class=\"bad\">0 → 0 (1.11)</td>");
  assert_contains(html, "<td>0 → 0 (0.56*)</td>");
  tu_snprintf(want, sizeof want, "english: 1 before (1 sections), 1 after (1 sections)");
  assert_contains(html, want);
  free(html);
  free(list);
  free(csv);
  free(after);
  free(recruit);
  /* In Chinese: the chart's title and the subjects' names. */
  dir = subdir("subjects_zh");
  tu_snprintf(opt, sizeof opt, "--lang zh --html '%s/r.html'", dir);
  free(plan_ok(s, t, dir, opt));
  html = read_in(dir, "r.html", NULL);
  assert_contains(html, "全县各学科缺口（按整人计）：交流前后");
  assert_contains(html, "<th>英语</th>");
  free(html);
  csv = read_in(dir, "subjects.csv", NULL);
  assert_contains(csv, "\nB,Village,小学,英语,1.11,1,0,0,1,1,0,0\n");
  free(csv);
}

/* Two outputs of one run naming the same file are refused before anything
 * is written; and a run that fails after planning writes no workbook or
 * report (they are committed with the plan files, or not at all). */
static void outputs_collide_or_fail_together(void **state) {
  (void)state;
  const char *dir = subdir("collide");
  const char *const clash[] = {"--xlsx '%s/same' --html '%s/same'",
                               "--xlsx '%s/summary.json' --html '%s/r.html'",
                               "--html '%s/rotation_list.csv' --xlsx '%s/p.xlsx'",
                               "--write-model '%s/m.lp' --xlsx '%s/m.lp'"};
  for (size_t i = 0; i < sizeof clash / sizeof *clash; i++) {
    char opts[9000];
    tu_snprintf(opts, sizeof opts, clash[i], dir, dir);
    tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s",
                        schools, teachers, policy, dir, opts);
    if (r.exit_code != 2)
      fail_msg("%s: exit %d, wanted 2", opts, r.exit_code);
    assert_contains(r.err, "give each output its own file");
    tu_run_free(&r);
  }
  char path[8400];
  tu_snprintf(path, sizeof path, "%s/summary.json", dir);
  assert_false(exists(path));
  /* --out is a file: the plan cannot be written, so neither are the others. */
  const char *file = tu_write("not_a_folder", "x\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' "
                      "--xlsx '%s/p.xlsx' --html '%s/r.html'",
                      schools, teachers, policy, file, dir, dir);
  assert_int_not_equal(r.exit_code, 0);
  tu_run_free(&r);
  tu_snprintf(path, sizeof path, "%s/p.xlsx", dir);
  assert_false(exists(path));
  tu_snprintf(path, sizeof path, "%s/r.html", dir);
  assert_false(exists(path));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lang_zh),
      cmocka_unit_test(lang_en_default),
      cmocka_unit_test(chinese_rosters_default_to_zh),
      cmocka_unit_test(encodings),
      cmocka_unit_test(workbook_deterministic),
      cmocka_unit_test(reports_inside_new_out_dir),
      cmocka_unit_test(output_over_input_refused),
      cmocka_unit_test(bad_option_values),
      cmocka_unit_test(compare_reports),
      cmocka_unit_test(compare_report_links),
      cmocka_unit_test(chinese_demo_county),
      cmocka_unit_test(outputs_collide_or_fail_together),
      cmocka_unit_test(subjects_by_hand),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
