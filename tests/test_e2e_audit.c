/* End to end: the real binary's `audit`, its JSON, its exit codes, and the
 * bad-input catalogue of docs/data-format.md (each kind: message and exit
 * code). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

static const char good_schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,junior_classes\n"
    "A,Town,town,0,200,100,5,2\n"
    "B,Village,rural,1,100,0,4,0\n";
static const char good_teachers[] =
    "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone\n"
    "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
    "T2,Wang,A,junior,math,M,1975,2005,associate,none\n"
    "T3,Zhou,B,,pe,F,1978,2008,associate,none\n";

/* Replaces the first occurrence of `from` in `text` by `to` (static). */
static const char *subst(const char *text, const char *from, const char *to) {
  static char buf[65536];
  const char *p = strstr(text, from);
  assert_non_null(p);
  tu_snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
  return buf;
}

static tu_run_t audit(const char *schools, const char *teachers, const char *policy) {
  const char *s = tu_write("s.csv", schools);
  const char *t = tu_write("t.csv", teachers);
  const char *p = tu_write("p.ini", policy ? policy : "[rotation]\nplan_year = 2026\n");
  return tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", s, t, p);
}

/* `rotaplan plan` of the good county with this pins.csv. */
static tu_run_t plan_with_pins(const char *pins_csv) {
  const char *s = tu_write("s.csv", good_schools), *t = tu_write("t.csv", good_teachers);
  const char *p = tu_write("p.ini", "[rotation]\nplan_year = 2026\n");
  const char *pins = tu_write("pins.csv", pins_csv);
  return tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --pins '%s' --out '%s/o'", s,
                t, p, pins, tu_tmpdir());
}

static void expect(tu_run_t r, int code, const char *needle) {
  if (r.exit_code != code || !strstr(r.err, needle))
    fprintf(stderr, "exit %d (want %d); stderr:\n%s\nwanted: %s\n", r.exit_code,
            code, r.err, needle);
  assert_int_equal(r.exit_code, code);
  assert_non_null(strstr(r.err, needle));
  assert_string_equal(r.out, ""); /* nothing half-written on stdout */
  tu_run_free(&r);
}

static void test_good_input(void **state) {
  (void)state;
  tu_run_t r = audit(good_schools, good_teachers, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Rotation 2026: 3 eligible teachers"));
  tu_run_free(&r);
}

/* ---- the bad-input catalogue --------------------------------------------- */
static void bad_missing_file(void **state) {
  (void)state;
  expect(tu_run("audit --schools /nonexistent/s.csv --teachers /nonexistent/t.csv"),
         3, "/nonexistent/s.csv: cannot open");
}
static void bad_empty_file(void **state) {
  (void)state;
  expect(audit("", good_teachers, NULL), 3, "s.csv: the file is empty");
}
static void bad_header_only(void **state) {
  (void)state;
  expect(audit("school_id,name\n", good_teachers, NULL), 3, "header but no data rows");
}
static void bad_binary(void **state) {
  (void)state;
  const char bin[] = "PK\3\4\0\0binary";
  const char *s = tu_write_bytes("s.csv", bin, sizeof bin);
  const char *t = tu_write("t.csv", good_teachers);
  expect(tu_run("audit --schools '%s' --teachers '%s'", s, t), 3, "binary file");
}
static void bad_encoding(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "Village", "Vill\xff\xffge"), good_teachers, NULL),
         3, "s.csv:3: byte");
}
static void bad_duplicate_school(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "B,Village", "A,Village"), good_teachers, NULL), 3,
         "s.csv:3: column \"school_id\": duplicate school \"A\" (first at line 2)");
}
static void bad_duplicate_teacher(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "T2,", "T1,"), NULL), 3,
         "t.csv:3: column \"teacher_id\": duplicate teacher \"T1\" (first at line 2)");
}
static void bad_unknown_school(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "T3,Zhou,B", "T3,Zhou,Z"), NULL), 3,
         "t.csv:4: column \"school_id\": \"Z\" is not a school in the schools file");
}
static void bad_year(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "1980", "19x5"), NULL), 3,
         "t.csv:2: column \"birth_year\": \"19x5\" is not a birth year");
}
static void bad_future_year(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "2010", "2031"), NULL), 3,
         "t.csv:2: column \"school_since\": \"2031\" is not a year");
}
static void bad_negative_students(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "100,0,4", "-100,0,4"), good_teachers, NULL), 3,
         "s.csv:3: column \"primary_students\": \"-100\" is not a number of students");
}
static void bad_nine_year_without_section(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "A,primary", "A,"), NULL), 3,
         "t.csv:2: column \"section\": is empty, but school \"A\" has both");
}
static void bad_section_school_lacks(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "B,,", "B,junior,"), NULL), 3,
         "t.csv:4: column \"section\": school \"B\" has no junior section");
}
static void bad_degree(void **state) {
  (void)state;
  expect(audit(good_schools, subst(good_teachers, "bachelor", "phd-ish"), NULL), 3,
         "t.csv:2: column \"degree\": \"phd-ish\" is not a degree");
}
static void bad_missing_column(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "area,", "region,"), good_teachers, NULL), 3,
         "column \"area\": required column is missing");
}
static void bad_quoting(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "Village", "\"Vil\"lage"), good_teachers, NULL), 3,
         "s.csv:3: malformed CSV");
}
static void bad_field_count(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "B,Village,rural,", "B,Village,rural,1,"), good_teachers,
               NULL),
         3, "s.csv:3: 9 fields, but the header has 8");
}
static void bad_classes(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "100,0,4,0", "100,0,0,0"), good_teachers, NULL), 3,
         "s.csv:3: column \"primary_classes\": is 0 but the school has 100 primary students");
}
static void bad_policy_key(void **state) {
  (void)state;
  expect(audit(good_schools, good_teachers, "[rotation]\nquota_shar = 0.1\n"), 3,
         "p.ini:2: unknown policy key \"quota_shar\"");
}
static void bad_policy_range(void **state) {
  (void)state;
  expect(audit(good_schools, good_teachers, "[rotation]\nquota_share = 1.5\n"), 3,
         "p.ini:2: quota_share = 1.5: out of range [0, 1]");
}
static void bad_long_field(void **state) {
  (void)state;
  static char big[10 * 1024 * 1024 + 256];
  size_t n = (size_t)tu_snprintf(big, 256, "%s", good_schools);
  memcpy(big + n - 1, ",", 1);
  memset(big + n, 'x', 10 * 1024 * 1024);
  const char *s = tu_write_bytes("s.csv", big, n + 10 * 1024 * 1024);
  const char *t = tu_write("t.csv", good_teachers);
  expect(tu_run("audit --schools '%s' --teachers '%s'", s, t), 3, "longer than the limit of 4096 bytes");
}
static void bad_many_errors_in_one_run(void **state) {
  (void)state;
  const char *t = subst(good_teachers, "1980", "19x5");
  char both[65536];
  tu_snprintf(both, sizeof both, "%s", t);
  t = subst(both, "associate,none\nT3", "associate,mayor\nT3");
  tu_run_t r = audit(good_schools, t, NULL);
  assert_int_equal(r.exit_code, 3);
  assert_non_null(strstr(r.err, "\"19x5\" is not a birth year"));
  assert_non_null(strstr(r.err, "\"mayor\" is not a backbone level"));
  assert_non_null(strstr(r.err, "2 errors in the input"));
  tu_run_free(&r);
}
static void bad_mixed_encoding(void **state) {
  (void)state;
  /* UTF-8 Chinese in one row, a GBK-encoded name (中 = D6 D0) in another. */
  const char *s = subst(good_schools, "Town", "城关\xe5\xb0\x8f\xe5\xad\xa6");
  char both[65536];
  tu_snprintf(both, sizeof both, "%s", s);
  expect(audit(subst(both, "Village", "\xd6\xd0"), good_teachers, NULL), 3,
         "neither UTF-8 nor GB18030 text (mixed or unknown encoding)");
}
static void bad_duplicate_column(void **state) {
  (void)state;
  static const char t[] =
      "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone,姓名\n"
      "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county,李\n";
  expect(audit(good_schools, t, NULL), 3, "duplicate column: \"name\" is given twice");
}
static void bad_policy_section(void **state) {
  (void)state;
  expect(audit(good_schools, good_teachers, "[rotations]\nquota_share = 0.1\n"), 3,
         "p.ini:2: unknown section [rotations]");
}
static void bad_pin_against_rules(void **state) {
  (void)state;
  /* T2 joined in 2005 but the pin sends T1 to the school T1 is at. */
  expect(plan_with_pins("teacher_id,action,school_id\nT1,to,A\n"), 4, "pins.csv:2: column \"school_id\": teacher \"T1\" is pinned to \"A\", but it is the school "
            "they are at (other_school)");
}
static void bad_model_too_large(void **state) {
  (void)state;
  expect(tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/o' --max-columns 100",
                tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"),
                tu_src("scenarios/demo/county/policy.ini"), tu_tmpdir()),
         3, "more than the limit of 100: plan the county in parts");
}
static void bad_folder_as_file(void **state) {
  (void)state;
  const char *t = tu_write("t.csv", good_teachers);
  expect(tu_run("audit --schools '%s' --teachers '%s'", tu_tmpdir(), t), 3,
         ": is a folder, not a file");
}
static void bad_fifo_as_file(void **state) {
  (void)state;
  char fifo[4200];
  tu_snprintf(fifo, sizeof fifo, "%s/fifo.csv", tu_tmpdir());
  unlink(fifo);
  assert_int_equal(mkfifo(fifo, 0600), 0);
  const char *s = tu_write("s.csv", good_schools);
  /* Nothing writes to the FIFO: reading it would hang. */
  expect(tu_run("audit --schools '%s' --teachers '%s'", s, fifo), 3,
         "fifo.csv: is not a regular file (a FIFO or a device)");
  unlink(fifo);
}
static void bad_device_as_file(void **state) {
  (void)state;
  const char *s = tu_write("s.csv", good_schools), *t = tu_write("t.csv", good_teachers);
  expect(tu_run("audit --schools '%s' --teachers '%s' --policy /dev/zero", s, t), 3,
         "/dev/zero: is not a regular file (a FIFO or a device)");
}
static void bad_contradictory_pins(void **state) {
  (void)state;
  expect(plan_with_pins("teacher_id,action,school_id\nT2,to,B\nT2,not_to,B\n"), 3, "pins.csv:3: teacher \"T2\" is pinned not_to \"B\", but line 2 "
            "pins them to it");
}
static void warning_does_not_stop(void **state) {
  (void)state;
  tu_run_t r = audit(good_schools, subst(good_teachers, "pe,F", "knitting,F"), NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.err, "warning: column \"subject\": \"knitting\" is not a known subject"));
  tu_run_free(&r);
}

/* ---- command line conventions --------------------------------------------- */
static void cli_conventions(void **state) {
  (void)state;
  tu_run_t r = tu_run("--help");
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Usage: rotaplan COMMAND"));
  tu_run_free(&r);
  r = tu_run("audit --help");
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Usage: rotaplan audit"));
  tu_run_free(&r);
  r = tu_run("--version");
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "rotaplan "));
  tu_run_free(&r);
  r = tu_run("frobnicate");
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "unknown command"));
  tu_run_free(&r);
  r = tu_run("audit --schools x.csv");
  assert_int_equal(r.exit_code, 2);
  tu_run_free(&r);
}

/* ---- JSON of the tiny county (hand-checked in docs/model.md) --------------- */
static double num(const cJSON *o, const char *path) {
  char buf[256];
  tu_snprintf(buf, sizeof buf, "%s", path);
  const cJSON *cur = o;
  for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, "."))
    cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
  assert_non_null(cur);
  assert_true(cJSON_IsNumber(cur));
  return cur->valuedouble;
}

static void json_tiny(void **state) {
  (void)state;
  const char *p = tu_write("p.ini", "[rotation]\nplan_year = 2026\n");
  tu_run_t r = tu_run("audit --json --schools '%s' --teachers '%s' --policy '%s'",
                      tu_src("tests/data/tiny/schools.csv"),
                      tu_src("tests/data/tiny/teachers.csv"), p);
  assert_int_equal(r.exit_code, 0);
  cJSON *doc = cJSON_Parse(r.out);
  assert_non_null(doc);
  assert_int_equal((int)num(doc, "levels.primary.students"), 300);
  assert_int_equal((int)num(doc, "levels.primary.sections"), 2);
  assert_int_equal((int)num(doc, "levels.junior.sections"), 1);
  assert_float_equal(num(doc, "levels.primary.cv.backbone"), 0.7071, 1e-9);
  assert_float_equal(num(doc, "levels.primary.cv.pe_art"), 0.7071, 1e-9);
  assert_float_equal(num(doc, "levels.primary.cv.degree"), 0.0, 1e-9);
  assert_int_equal((int)num(doc, "rotation.eligible"), 10);
  assert_int_equal((int)num(doc, "rotation.eligible_backbone"), 3);
  assert_int_equal((int)num(doc, "rotation.min_rotate"), 1);
  assert_int_equal((int)num(doc, "rotation.min_backbone"), 1);
  const cJSON *schools = cJSON_GetObjectItem(doc, "schools");
  assert_int_equal(cJSON_GetArraySize(schools), 4);
  const cJSON *a = cJSON_GetArrayItem(schools, 0);
  assert_string_equal(cJSON_GetObjectItem(a, "school_id")->valuestring, "A");
  assert_string_equal(cJSON_GetObjectItem(a, "section")->valuestring, "primary");
  assert_int_equal((int)num(a, "students"), 200);
  assert_int_equal((int)num(a, "teachers"), 5);
  assert_int_equal((int)num(a, "required_staff"), 11);
  assert_float_equal(num(a, "per100.degree"), 2.0, 1e-9);
  assert_float_equal(num(a, "per100.backbone"), 1.0, 1e-9);
  assert_float_equal(num(a, "per100.pe_art"), 1.0, 1e-9);
  const cJSON *c = cJSON_GetArrayItem(schools, 3);
  assert_false(cJSON_IsTrue(cJSON_GetObjectItem(c, "counted")));
  cJSON_Delete(doc);
  tu_run_free(&r);
}

/* ---- the shipped demo county ------------------------------------------------ */
static void json_demo(void **state) {
  (void)state;
  tu_run_t r = tu_run("audit --json --schools '%s' --teachers '%s' --policy '%s'",
                      tu_src("scenarios/demo/county/schools.csv"),
                      tu_src("scenarios/demo/county/teachers.csv"),
                      tu_src("scenarios/demo/county/policy.ini"));
  assert_int_equal(r.exit_code, 0);
  cJSON *doc = cJSON_Parse(r.out);
  assert_non_null(doc);
  int sections = cJSON_GetArraySize(cJSON_GetObjectItem(doc, "schools"));
  assert_in_range(sections, 35, 50);
  assert_in_range((int)num(doc, "teacher_count"), 1700, 2300);
  for (int lv = 0; lv < 2; lv++) {
    char path[64];
    tu_snprintf(path, sizeof path, "levels.%s.cv.backbone", lv ? "junior" : "primary");
    assert_true(num(doc, path) > 0);
  }
  /* The demo has the imbalance real counties have: backbone concentrated. */
  assert_true(num(doc, "levels.primary.cv.backbone") > 0.5);
  int eligible = (int)num(doc, "rotation.eligible");
  assert_int_equal((int)num(doc, "rotation.min_rotate"), (eligible + 9) / 10);
  cJSON_Delete(doc);
  tu_run_free(&r);
}

/* ---- the policy echo and the exemption reasons read ----------------------- */

/* The line of `text` that starts (after blanks) with `start` (static copy). */
static const char *line_of(const char *text, const char *start) {
  static char buf[512];
  for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
    const char *b = l + strspn(l, " ");
    if (strncmp(b, start, strlen(start)) != 0)
      continue;
    size_t n = strcspn(l, "\n");
    tu_snprintf(buf, sizeof buf, "%.*s", (int)n, l);
    return buf;
  }
  fail_msg("no line starting with \"%s\" in\n%s", start, text);
  return NULL;
}

/* `audit OPTS` again, on the files audit() last wrote. */
static tu_run_t audit_again(const char *opts) {
  return tu_run("audit %s --schools '%s' --teachers '%s' --policy '%s'", opts, tu_path("s.csv"),
                tu_path("t.csv"), tu_path("p.ini"));
}

/* Its JSON document, parsed (the caller deletes it). */
static cJSON *audit_again_json(void) {
  tu_run_t r = audit_again("--json");
  assert_int_equal(r.exit_code, 0);
  cJSON *doc = cJSON_Parse(r.out);
  tu_run_free(&r);
  assert_non_null(doc);
  return doc;
}

/* The key's object in the JSON policy echo. */
static const cJSON *policy_key(const cJSON *doc, const char *key) {
  const cJSON *k;
  cJSON_ArrayForEach(k, cJSON_GetObjectItem(doc, "policy")) {
    if (strcmp(cJSON_GetObjectItem(k, "key")->valuestring, key) == 0)
      return k;
  }
  fail_msg("policy key %s not echoed", key);
  return NULL;
}

/* Each default labelled where it comes from: a local-practice key as local
 * practice, a national one with its document, in both languages and in the
 * JSON; a key the policy sets shows its value beside the default. */
static void policy_echo_labels_defaults(void **state) {
  (void)state;
  const char *policy = "[rotation]\nplan_year = 2026\nmin_years = 8\n";
  tu_run_t r = audit(good_schools, good_teachers, policy);
  assert_int_equal(r.exit_code, 0);
  const char *l = line_of(r.out, "min_years = 8 ");
  assert_contains(l, "default 6, local practice");
  l = line_of(r.out, "quota_share = 0.1 ");
  assert_contains(l, "default 0.1, national: 教师〔2014〕4号");
  assert_contains(line_of(r.out, "primary_ratio = 19 "), "national: 中央编办发〔2014〕72号");
  assert_contains(line_of(r.out, "junior_cv_limit = 0.45 "), "national: 教督〔2017〕6号");
  assert_contains(line_of(r.out, "max_outflow_share = 0.2 "), "local practice");
  tu_run_free(&r);
  r = audit_again("--lang zh");
  assert_int_equal(r.exit_code, 0);
  assert_contains(line_of(r.out, "min_years = 8 "), "默认 6，本地常见做法");
  assert_contains(line_of(r.out, "backbone_share = 0.2 "), "默认 0.2，国家规定：教师〔2014〕4号");
  tu_run_free(&r);
  cJSON *doc = audit_again_json();
  const cJSON *k = policy_key(doc, "min_years");
  assert_string_equal(cJSON_GetObjectItem(k, "value")->valuestring, "8");
  assert_string_equal(cJSON_GetObjectItem(k, "default")->valuestring, "6");
  assert_string_equal(cJSON_GetObjectItem(k, "standing")->valuestring, "local practice");
  assert_true(cJSON_IsNull(cJSON_GetObjectItem(k, "document")));
  k = policy_key(doc, "primary_degree");
  assert_string_equal(cJSON_GetObjectItem(k, "standing")->valuestring, "national");
  assert_string_equal(cJSON_GetObjectItem(k, "document")->valuestring, "教督〔2017〕6号");
  cJSON_Delete(doc);
}

/* Every distinct value read as an exemption reason, with its teachers, most
 * first: a word the reader does not know as "none" shows at once; the
 * words it knows (不免, /) are no reason and are not listed. */
static void exemption_reasons_listed(void **state) {
  (void)state;
  static const char teachers[] =
      "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,"
      "backbone,exempt\n"
      "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county,孕期\n"
      "T2,Wang,A,junior,math,M,1975,2005,associate,none,免\n"
      "T3,Zhou,B,,pe,F,1978,2008,associate,none,免\n"
      "T4,Zhao,A,primary,math,M,1979,2008,associate,none,免\n"
      "T5,Qian,A,primary,math,M,1979,2008,associate,none,不免\n"
      "T6,Sun,A,primary,math,M,1979,2008,associate,none,/\n";
  tu_run_t r = audit(good_schools, teachers, NULL);
  assert_int_equal(r.exit_code, 0);
  const char *list = strstr(r.out, "Exemption reasons read (column exempt), teachers giving each:\n"
                                   "  免: 3\n  孕期: 1\n");
  if (!list)
    fail_msg("no exemption reasons list in\n%s", r.out);
  assert_null(strstr(r.out, "不免:"));
  tu_run_free(&r);
  cJSON *doc = audit_again_json();
  const cJSON *reasons = cJSON_GetObjectItem(doc, "exemption_reasons");
  assert_int_equal(cJSON_GetArraySize(reasons), 2);
  const cJSON *first = cJSON_GetArrayItem(reasons, 0);
  assert_string_equal(cJSON_GetObjectItem(first, "reason")->valuestring, "免");
  assert_int_equal((int)num(first, "teachers"), 3);
  cJSON_Delete(doc);
  /* None read: said so. */
  r = audit(good_schools, good_teachers, NULL);
  assert_contains(r.out, "Exemption reasons read (column exempt): none\n");
  tu_run_free(&r);
}

/* ---- issue 13, part B: messages in the planner's language, hints --------- */

/* The good county with Chinese headers (the aliases of docs/data-format.md). */
static const char zh_schools[] =
    "学校代码,学校名称,城乡类型,薄弱学校,小学在校生数,初中在校生数,小学班级数,初中班级数\n"
    "A,城关小学,镇区,否,200,100,5,2\n"
    "B,村小,乡村,是,100,0,4,0\n";
static const char zh_teachers[] =
    "工号,姓名,学校代码,学段,学科,性别,出生年份,到校年份,学历,骨干级别\n"
    "T1,李,A,小学,语文,女,1980,2010,本科,县级\n"
    "T2,王,A,初中,数学,男,1975,2005,专科,无\n"
    "T3,周,B,,体育,女,1978,2008,专科,无\n";

/* Chinese headers: the messages in Chinese, each naming the column as the
 * header wrote it; --lang en: English words, the same column names. */
static void messages_follow_chinese_headers(void **state) {
  (void)state;
  const char *s =
      tu_write("s.csv", subst(zh_schools, "A,城关小学,镇区,否,200", "A,城关小学,镇区,否,2x0"));
  const char *t = tu_write("t.csv", subst(zh_teachers, "1980", "1980-05"));
  const char *p = tu_write("p.ini", "[rotation]\nplan_year = 2026\nquota_share = 2\n");
  tu_run_t r = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", s, t, p);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "p.ini:3: quota_share = 2：超出范围 [0, 1]\n");
  assert_contains(r.err, "s.csv:2: 列\"小学在校生数\": \"2x0\" 不是有效的学生数（0 到 100000）\n");
  assert_contains(r.err, "t.csv:2: 列\"出生年份\": \"1980-05\" 不是有效的出生年份（1946 到 2010）\n");
  assert_contains(r.err, "rotaplan: 输入中有 3 处错误，未写出任何文件\n");
  assert_null(strstr(r.err, "column"));
  tu_run_free(&r);
  r = tu_run("audit --schools '%s' --teachers '%s' --policy '%s' --lang en", s, t, p);
  assert_contains(r.err, "s.csv:2: column \"小学在校生数\": \"2x0\" is not a number of students");
  assert_contains(r.err, "p.ini:3: quota_share = 2: out of range [0, 1]\n");
  assert_contains(r.err, "rotaplan: 3 errors in the input; nothing was written\n");
  tu_run_free(&r);
}

/* English headers: English, unless the locale is Chinese (LC_ALL before
 * LC_MESSAGES before LANG) or --lang zh asks; usage errors too. */
static void messages_follow_locale(void **state) {
  (void)state;
  const char *s = tu_write("s.csv", good_schools);
  const char *t = tu_write("t.csv", subst(good_teachers, "1980", "19x5"));
  tu_run_t r = tu_run_with("LANG=zh_CN.UTF-8", "audit --schools '%s' --teachers '%s'", s, t);
  assert_contains(r.err, "t.csv:2: 列\"birth_year\": \"19x5\" 不是有效的出生年份");
  tu_run_free(&r);
  r = tu_run_with("LANG=zh_CN.UTF-8 LC_ALL=C", "audit --schools '%s' --teachers '%s'", s, t);
  assert_contains(r.err, "t.csv:2: column \"birth_year\": \"19x5\" is not a birth year");
  tu_run_free(&r);
  r = tu_run_with("LANG=zh_CN.UTF-8", "audit --schools '%s' --teachers '%s' --lang en", s, t);
  assert_contains(r.err, "is not a birth year");
  tu_run_free(&r);
  r = tu_run("audit --schools '%s' --lang zh", s);
  assert_int_equal(r.exit_code, 2);
  assert_contains(r.err, "rotaplan audit: 须给出 --schools 和 --teachers\n用法见 'rotaplan audit --help'。\n");
  tu_run_free(&r);
  r = tu_run("plan --bogus --lang zh");
  assert_string_equal(r.err, "rotaplan plan: 选项 '--bogus' 有误（无此选项，或缺少取值）\n"
                             "用法见 'rotaplan plan --help'。\n"); /* getopt's English is off */
  tu_run_free(&r);
  r = tu_run("audit --schools");
  assert_contains(r.err, "rotaplan audit: bad option '--schools' (unknown, or its value is "
                         "missing)\n");
  tu_run_free(&r);
  r = tu_run("plan --time-limit x --lang=zh");
  assert_contains(r.err, "rotaplan plan: --time-limit 须为秒数（0.1 到 1000000）\n");
  tu_run_free(&r);
  /* A scenario's messages, before any roster is read: the locale's. */
  const char *sc = tu_write("bad.ini", "[base]\nschools = s.csv\nteachers = t.csv\nyears = 30\n");
  r = tu_run_with("LC_MESSAGES=zh_CN.UTF-8", "plan --scenario '%s' --out '%s/o'", sc, tu_tmpdir());
  assert_contains(r.err, "bad.ini:4: [base] years = \"30\"：不是有效的学年数（1 到 20）\n");
  tu_run_free(&r);
}

/* A broken policy, schools, teachers and pins: every file's errors in one
 * run (the pins, which need a county, read for their own errors). */
static void all_files_in_one_run(void **state) {
  (void)state;
  const char *s = tu_write("s.csv", subst(good_schools, "town,0,200", "town,0,-5"));
  const char *t = tu_write("t.csv", subst(good_teachers, "1980", "19x5"));
  const char *p = tu_write("p.ini", "[rotation]\nplan_year = 2026\nquota_shar = 0.1\n");
  const char *pins = tu_write("pins.csv", "teacher_id,action,school_id\nT1,\"stay\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --pins '%s' --out '%s/o'",
                      s, t, p, pins, tu_tmpdir());
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "p.ini:3: unknown policy key \"quota_shar\"");
  assert_contains(r.err, "s.csv:2: column \"primary_students\": \"-5\" is not a number of students");
  assert_contains(r.err, "t.csv:2: column \"birth_year\": \"19x5\" is not a birth year");
  assert_contains(r.err, "pins.csv:2: malformed CSV");
  tu_run_free(&r);
}

/* A title row (one merged cell) above the header: skipped, said so. */
static void hint_title_row(void **state) {
  (void)state;
  char text[4096];
  tu_snprintf(text, sizeof text, "某县学校基本情况表,,,,,,,\n%s", good_schools);
  tu_run_t r = audit(text, good_teachers, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.err, "s.csv:1: warning: line 1 looks like a title (\"某县学校基本情况表\"), not "
                         "the header: skipped; the header is line 2");
  assert_contains(r.out, "2 schools");
  tu_run_free(&r);
  /* Two title rows: the second taken as the header, each row then says what
   * it looks like, and the file's messages stop at 50. */
  char big[65536];
  size_t n = (size_t)tu_snprintf(big, sizeof big, "标题,,,,,,,\n日期,,,,,,,\n%s", good_schools);
  for (int i = 0; i < 120; i++)
    n += (size_t)tu_snprintf(big + n, sizeof big - n, "C%d,X,town,0,1,0,1,0\n", i);
  r = audit(big, good_teachers, NULL);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "s.csv:3: 8 fields, but the header has 1: is the header line a title "
                         "above the column names? Delete it\n");
  assert_contains(r.err, "s.csv: ... and 73 more messages of this file not shown\n");
  assert_contains(r.err, "rotaplan: 123 errors in the input; nothing was written\n");
  tu_run_free(&r);
}

/* A total row (合计) at the end of each roster: skipped, said so. */
static void hint_total_row(void **state) {
  (void)state;
  char s[4096], t[4096];
  tu_snprintf(s, sizeof s, "%s合计,,,,300,100,9,2\n", good_schools);
  tu_snprintf(t, sizeof t, "%s,合计,,,,,,,,\n", good_teachers);
  tu_run_t r = audit(s, t, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.err, "s.csv:4: warning: column \"school_id\": \"合计\" looks like a total "
                         "row: skipped");
  assert_contains(r.err, "t.csv:5: warning: column \"name\": \"合计\" looks like a total row: "
                         "skipped");
  assert_contains(r.out, "2 schools, 3 sections, 3 teachers");
  tu_run_free(&r);
}

/* A renamed header: the missing column with the unknown header most like
 * it, in either language. */
static void hint_renamed_header(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "primary_students", "primary_student"), good_teachers, NULL),
         3, "s.csv:1: column \"primary_students\": required column is missing; the header "
            "\"primary_student\" is not known: did you mean \"primary_students\"?");
  expect(audit(subst(zh_schools, "小学在校生数", "小学生数"), zh_teachers, NULL), 3,
         "s.csv:1: 列\"小学在校生数\": 缺少必需的列；表头\"小学生数\"无法识别：是否应为\"小学在校生数\"？");
  /* Nothing alike, and more than one unknown header: no guess. */
  char two[4096];
  tu_snprintf(two, sizeof two, "%s", subst(good_schools, "area", "region"));
  tu_run_t r = audit(subst(two, "weak", "feeble"), good_teachers, NULL);
  assert_contains(r.err, "column \"area\": required column is missing (header names");
  tu_run_free(&r);
}

/* "1,894": what was found and what is expected; full-width digits
 * (１８９４, as a Chinese input method types them) are read as digits. */
static void hint_number_forms(void **state) {
  (void)state;
  expect(audit(subst(good_schools, "town,0,200,100", "town,0,\"1,200\",100"), good_teachers,
               NULL),
         3, "s.csv:2: column \"primary_students\": \"1,200\" is not a number of students (0 to "
            "100000): it has a thousands separator; write 1200\n");
  expect(audit(zh_schools, subst(zh_teachers, "1980", "\"1,980\""), NULL), 3,
         "t.csv:2: 列\"出生年份\": \"1,980\" 不是有效的出生年份（1946 到 2010）：含千位分隔符，应写作 1980\n");
  char wide[4096];
  tu_snprintf(wide, sizeof wide, "%s", subst(good_schools, "town,0,200,100", "town,0,２００,１００"));
  tu_run_t r = audit(wide, subst(good_teachers, "1980", "１９８０"), NULL);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  r = tu_run("audit --json --schools '%s/s.csv' --teachers '%s/t.csv' --policy '%s/p.ini'",
             tu_tmpdir(), tu_tmpdir(), tu_tmpdir());
  assert_contains(r.out, "\"section\":\t\"primary\",\n\t\t\t\"students\":\t200,");
  tu_run_free(&r);
}

/* ---- positions: 经度/纬度 --------------------------------------------------- */

/* A town school with teachers to spare, two village schools short of them:
 * B 0.18 degrees of latitude north of A (20.0 km on the globe), C 0.55
 * (61.2 km). */
static const char geo_schools[] =
    "学校代码,学校名称,城乡类型,薄弱学校,小学在校生数,初中在校生数,小学班级数,初中班级数,经度,纬度\n"
    "A,城关小学,镇区,否,200,0,5,0,114.30,30.50\n"
    "B,北村小学,乡村,是,100,0,4,0,114.30,30.68\n"
    "C,远村小学,乡村,是,100,0,4,0,114.30,31.05\n";

static const char *geo_teachers(void) {
  static char text[8192];
  static const char *const subj[] = {"语文", "数学", "英语", "体育", "音乐", "美术"};
  size_t n = (size_t)tu_snprintf(text, sizeof text,
                                 "工号,姓名,学校代码,学段,学科,性别,出生年份,到校年份,学历,骨干级别\n");
  for (int i = 0; i < 20; i++) /* 16 at A, 2 at B, 2 at C */
    n += (size_t)tu_snprintf(text + n, sizeof text - n, "T%02d,师%02d,%s,小学,%s,%s,%d,2010,本科,%s\n",
                             i, i, i < 16 ? "A" : i < 18 ? "B" : "C", subj[i % 6],
                             i % 2 ? "男" : "女", 1975 + i % 10, i % 4 ? "无" : "县级");
  return text;
}

/* The column of rotation_list.csv named `name` (its header), or -1. */
static int list_column(const char *list, const char *name) {
  int k = 0;
  for (const char *p = list; *p && *p != '\n'; k++) {
    size_t len = strcspn(p, ",\n");
    if (len == strlen(name) && strncmp(p, name, len) == 0)
      return k;
    p += len + (p[len] == ',');
  }
  return -1;
}

/* Field k of a CSV line without quotes. */
static void list_field(const char *line, int k, char *buf, size_t n) {
  for (; k > 0 && line; k--)
    line = (line = strchr(line, ',')) ? line + 1 : NULL;
  assert_non_null(line);
  tu_snprintf(buf, n, "%.*s", (int)strcspn(line, ",\n"), line);
}

/* The destinations and km of dir/rotation_list.csv ("B 20.0;C 61.2;..."). */
static void list_moves(const char *dir, char *moves, size_t n) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  char *list = tu_read(path);
  int cto = list_column(list, "to_school"), ckm = list_column(list, "km");
  assert_true(cto >= 0 && ckm >= 0);
  size_t o = 0;
  moves[0] = '\0';
  for (const char *line = strchr(list, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
    char to[64], km[64];
    list_field(line + 1, cto, to, sizeof to);
    list_field(line + 1, ckm, km, sizeof km);
    o += (size_t)tu_snprintf(moves + o, n - o, "%s %s;", to, km);
  }
  free(list);
}

/* Plans the geo county with `policy`: list_moves of the plan. */
static void geo_plan(const char *policy, char *moves, size_t n) {
  const char *s = tu_write("s.csv", geo_schools), *t = tu_write("t.csv", geo_teachers());
  const char *p = tu_write("p.ini", policy);
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/geo", tu_tmpdir());
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' --lang en", s,
                      t, p, dir);
  if (r.exit_code != 0)
    fail_msg("plan failed:\n%s", r.err);
  tu_run_free(&r);
  list_moves(dir, moves, n);
}

/* Longitude and latitude: distances along the great circle, and max_km
 * holds: without it the plan sends teachers to C, 61.2 km away; with
 * max_km = 30 no move goes there, and B's are 20.0 km. */
static void positions_in_degrees(void **state) {
  (void)state;
  char moves[4096];
  geo_plan("[rotation]\nplan_year = 2026\n", moves, sizeof moves);
  assert_contains(moves, "B 20.0;");
  assert_contains(moves, "C 61.2;");
  geo_plan("[rotation]\nplan_year = 2026\nmax_km = 30\n", moves, sizeof moves);
  assert_contains(moves, "B 20.0;");
  assert_null(strstr(moves, "C "));
  /* A scenario's new school in a county of degrees: its two numbers are a
   * longitude and latitude too (D, 0.09 degrees north of A: 10.0 km). */
  tu_write("s.csv", geo_schools);
  tu_write("t.csv", geo_teachers());
  tu_write("p.ini", "[rotation]\nplan_year = 2026\nmax_km = 30\n");
  const char *sc = tu_write("open.ini", "[base]\nschools = s.csv\nteachers = t.csv\n"
                                        "policy = p.ini\n[retire]\nage = off\n[schools]\n"
                                        "open.D = 新村小学, rural, 150, 0, 114.30, 30.59\n");
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/geo_open", tu_tmpdir());
  tu_run_t r = tu_run("plan --scenario '%s' --out '%s' --lang en", sc, dir);
  if (r.exit_code != 0)
    fail_msg("plan failed:\n%s", r.err);
  tu_run_free(&r);
  list_moves(dir, moves, sizeof moves);
  assert_contains(moves, "D 10.0;"); /* the new school gets teachers, 10.0 km away */
  /* Two years: the second year's rosters keep the degrees, and verify
   * reads them back. */
  tu_snprintf(dir, sizeof dir, "%s/geo_years", tu_tmpdir());
  r = tu_run("plan --schools '%s/s.csv' --teachers '%s/t.csv' --policy '%s/p.ini' --years 2 "
             "--out '%s'",
             tu_tmpdir(), tu_tmpdir(), tu_tmpdir(), dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  char path[4400];
  tu_snprintf(path, sizeof path, "%s/year_2027/input/schools.csv", dir);
  char *year2 = tu_read(path);
  assert_contains(year2, ",longitude,latitude,");
  assert_contains(year2, ",114.3,30.68,");
  free(year2);
  r = tu_run("verify --schools '%s/year_2027/input/schools.csv' --teachers "
             "'%s/year_2027/input/teachers.csv' --policy '%s/year_2027/input/policy.ini' "
             "--plan '%s/year_2027'",
             dir, dir, dir, dir);
  if (r.exit_code != 0)
    fail_msg("verify of the second year failed:\n%s", r.err);
  tu_run_free(&r);
  /* The same degrees given as x/y: refused, with the columns to use. */
  char xy[4096];
  tu_snprintf(xy, sizeof xy, "%s", subst(geo_schools, "经度,纬度", "横坐标,纵坐标"));
  expect(audit(xy, geo_teachers(), NULL), 3,
         "s.csv:1: 列\"横坐标\": 全部 3 所学校的位置都在我国经纬度范围内（x 为 73 到 136，y 为 3 到 54）："
         "看来是经纬度，不是公里数；请把这两列的表头改为\"经度\"和\"纬度\"");
  /* Out of range, and both kinds on one row. */
  expect(audit(subst(geo_schools, "114.30,30.68", "114.30,95"), geo_teachers(), NULL), 3,
         "s.csv:3: 列\"纬度\": \"95\" 不是有效的纬度（北纬度数，-90 到 90，如 30.5）");
}

/* The other inputs of a Chinese county: pins and curriculum in Chinese,
 * each column named as its header wrote it. */
static void messages_of_other_inputs(void **state) {
  (void)state;
  const char *s = tu_write("s.csv", zh_schools), *t = tu_write("t.csv", zh_teachers);
  const char *p = tu_write("p.ini", "[rotation]\nplan_year = 2026\n");
  const char *pins = tu_write("pins.csv", "工号,操作,学校代码\nT9,stay,\nT1,留下,\n");
  const char *cur = tu_write("cur.csv", "年级,学科,周课时\n1,语文,８\n2,语文,99\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --pins '%s' "
                      "--curriculum '%s' --out '%s/o'",
                      s, t, p, pins, cur, tu_tmpdir());
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "pins.csv:2: 列\"工号\": \"T9\" 不在教师表中\n");
  assert_contains(r.err, "pins.csv:3: 列\"操作\": \"留下\" 不是有效的安排（留任、交流、调往、不去，或 stay、move、to、not_to）\n");
  assert_contains(r.err, "cur.csv:3: 列\"周课时\": \"99\" 不是有效的周课时数（0 到 60）\n");
  assert_null(strstr(r.err, "cur.csv:2:")); /* ８: full-width, read as 8 */
  tu_run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_input),
      cmocka_unit_test(bad_missing_file),
      cmocka_unit_test(bad_empty_file),
      cmocka_unit_test(bad_header_only),
      cmocka_unit_test(bad_binary),
      cmocka_unit_test(bad_encoding),
      cmocka_unit_test(bad_duplicate_school),
      cmocka_unit_test(bad_duplicate_teacher),
      cmocka_unit_test(bad_unknown_school),
      cmocka_unit_test(bad_year),
      cmocka_unit_test(bad_future_year),
      cmocka_unit_test(bad_negative_students),
      cmocka_unit_test(bad_nine_year_without_section),
      cmocka_unit_test(bad_section_school_lacks),
      cmocka_unit_test(bad_degree),
      cmocka_unit_test(bad_missing_column),
      cmocka_unit_test(bad_quoting),
      cmocka_unit_test(bad_field_count),
      cmocka_unit_test(bad_classes),
      cmocka_unit_test(bad_policy_key),
      cmocka_unit_test(bad_policy_range),
      cmocka_unit_test(bad_long_field),
      cmocka_unit_test(bad_many_errors_in_one_run),
      cmocka_unit_test(bad_mixed_encoding),
      cmocka_unit_test(bad_duplicate_column),
      cmocka_unit_test(bad_policy_section),
      cmocka_unit_test(bad_pin_against_rules),
      cmocka_unit_test(bad_model_too_large),
      cmocka_unit_test(warning_does_not_stop),
      cmocka_unit_test(bad_folder_as_file),
      cmocka_unit_test(bad_fifo_as_file),
      cmocka_unit_test(bad_device_as_file),
      cmocka_unit_test(bad_contradictory_pins),
      cmocka_unit_test(cli_conventions),
      cmocka_unit_test(json_tiny),
      cmocka_unit_test(json_demo),
      cmocka_unit_test(policy_echo_labels_defaults),
      cmocka_unit_test(exemption_reasons_listed),
      cmocka_unit_test(messages_follow_chinese_headers),
      cmocka_unit_test(messages_follow_locale),
      cmocka_unit_test(all_files_in_one_run),
      cmocka_unit_test(hint_title_row),
      cmocka_unit_test(hint_total_row),
      cmocka_unit_test(hint_renamed_header),
      cmocka_unit_test(hint_number_forms),
      cmocka_unit_test(positions_in_degrees),
      cmocka_unit_test(messages_of_other_inputs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
