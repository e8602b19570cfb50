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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
