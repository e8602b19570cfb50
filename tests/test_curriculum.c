/* Subject demand from the curriculum (issue 12): curriculum.csv read by
 * io/curriculum_csv.c (a good file in Chinese, each error with its line and
 * column, nothing half-read), the schools' per-grade class columns and
 * their sum check, and the audit's subject figures on a small county
 * computed by hand (below), in-process and through `rotaplan audit
 * --curriculum`. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "io/audit_report.h"
#include "io/curriculum_csv.h"
#include "io/roster.h"
#include "model/curriculum.h"
#include "model/indicators.h"
#include "pipeline/inputs.h"
#include "test_util.h"

#define assert_dbl(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- curriculum.csv ------------------------------------------------------ */

/* Parses text as "c.csv": the status, and the messages in *msg (malloc'ed). */
static rp_status_t parse(const char *text, rp_curriculum_t **cur, char **msg) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_status_t st = rp_curriculum_parse("c.csv", text, strlen(text), cur, &d);
  *msg = diag_str(&d);
  rp_diag_clear(&d);
  return st;
}

static void test_good_file_in_chinese(void **state) {
  (void)state;
  rp_curriculum_t *cur = NULL;
  char *msg;
  /* a level row (every grade of the level), grade rows in both spellings,
   * a load for junior maths given on two rows alike */
  const char *text = "学段,年级,学科,周课时,教师周课时\n"
                     "小学,,语文,7,\n"
                     ",1,音乐,2,\n"
                     ",三年级,音乐,1.5,\n"
                     "初中,,数学,5,10\n"
                     ",初三,化学,3,\n"
                     "初中,8,物理,2,\n"
                     ",9,数学,,\n";
  /* the last row has no periods: an error; without it the file is good */
  assert_int_equal(parse(text, &cur, &msg), RP_EINPUT);
  assert_null(cur);
  assert_contains(msg, "c.csv:8: column \"周课时\": is empty"); /* named as the header has it */
  free(msg);
  char good[512];
  tu_snprintf(good, sizeof good, "%.*s", (int)(strstr(text, ",9,数学") - text), text);
  assert_int_equal(parse(good, &cur, &msg), RP_OK);
  assert_string_equal(msg, "");
  free(msg);
  assert_non_null(cur);
  assert_int_equal(cur->from_file, 1);
  for (int g = 0; g < 6; g++)
    assert_dbl(cur->periods[g][RP_SUBJ_CHINESE], 7);
  for (int g = 6; g < 9; g++) {
    assert_dbl(cur->periods[g][RP_SUBJ_CHINESE], 0); /* not listed: no demand */
    assert_dbl(cur->periods[g][RP_SUBJ_MATH], 5);
  }
  assert_dbl(cur->periods[0][RP_SUBJ_MUSIC], 2);
  assert_dbl(cur->periods[1][RP_SUBJ_MUSIC], 0);
  assert_dbl(cur->periods[2][RP_SUBJ_MUSIC], 1.5);
  assert_dbl(cur->periods[8][RP_SUBJ_CHEMISTRY], 3);
  assert_dbl(cur->periods[7][RP_SUBJ_PHYSICS], 2);
  assert_dbl(cur->periods[0][RP_SUBJ_PE], 0); /* the built-in table is replaced whole */
  assert_dbl(cur->load[RP_JUNIOR][RP_SUBJ_MATH], 10);
  assert_dbl(cur->load[RP_PRIMARY][RP_SUBJ_MATH], 0); /* the policy's load applies */
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  assert_dbl(rp_subject_load(cur, &p, RP_JUNIOR, RP_SUBJ_MATH), 10);
  assert_dbl(rp_subject_load(cur, &p, RP_PRIMARY, RP_SUBJ_MATH), 15);
  assert_dbl(rp_subject_load(cur, &p, RP_JUNIOR, RP_SUBJ_MUSIC), 14);
  free(cur);
}

/* One bad file: RP_EINPUT, nothing kept, and the message `want` (file,
 * line, column and what is wrong) among exactly n_errors. */
static void expect_bad(const char *text, const char *want) {
  rp_curriculum_t *cur = (rp_curriculum_t *)&cur; /* must be cleared */
  char *msg;
  assert_int_equal(parse(text, &cur, &msg), RP_EINPUT);
  assert_null(cur);
  assert_contains(msg, want);
  free(msg);
}

static void test_each_error_with_its_place(void **state) {
  (void)state;
  expect_bad("grade,subject,periods\n1,chinese,8\n2,knitting,2\n",
             "c.csv:3: column \"subject\": \"knitting\" is not a known subject");
  expect_bad("grade,subject,periods\n1,chinese,8\n1,chinese,7\n",
             "c.csv:3: column \"subject\": grade 1, subject chinese is given twice (first at "
             "line 2)");
  /* a level row overlapping a grade row of the same subject */
  expect_bad("level,grade,subject,periods\n,4,math,4\nprimary,,数学,5\n",
             "c.csv:3: column \"subject\": \"数学\" is subject math, as \"math\" at line 2: "
             "grade 4 is given twice");
  expect_bad("level,grade,subject,periods\nprimary,,pe,3\n,,music,2\n",
             "c.csv:3: column \"grade\": grade and level are both empty");
  expect_bad("grade,subject,periods\n10,pe,3\n", "c.csv:2: column \"grade\": \"10\" is not a grade");
  expect_bad("level,grade,subject,periods\nprimary,7,pe,3\n",
             "c.csv:2: column \"grade\": grade 7 is not a primary grade");
  expect_bad("level,subject,periods\nhigh,pe,3\n", "c.csv:2: column \"level\": \"high\" is not a level");
  expect_bad("grade,subject,periods\n1,pe,-1\n",
             "c.csv:2: column \"periods\": \"-1\" is not a number of weekly periods (0 to 60)");
  expect_bad("grade,subject,periods,load\n7,math,5,0\n",
             "c.csv:2: column \"load\": \"0\" is not a teacher's weekly periods (1 to 40)");
  expect_bad("grade,subject,periods,load\n7,math,5,12\n9,math,5,11\n",
             "c.csv:3: column \"load\": 11 differs from the load 12 given at line 2 for junior "
             "math");
  expect_bad("subject,periods\nmath,5\n", "c.csv:1: column \"grade\": neither a grade nor a level");
  expect_bad("grade,periods\n1,5\n", "c.csv:1: column \"subject\": required column is missing");
  expect_bad("年级,学科,科目,周课时\n1,语文,语文,8\n", "duplicate column");
  /* every defect in one run */
  rp_curriculum_t *cur;
  char *msg;
  assert_int_equal(parse("grade,subject,periods\nx,pe,3\n2,knitting,1\n3,pe,many\n", &cur, &msg),
                   RP_EINPUT);
  assert_contains(msg, "c.csv:2: column \"grade\"");
  assert_contains(msg, "c.csv:3: column \"subject\"");
  assert_contains(msg, "c.csv:4: column \"periods\"");
  free(msg);
}

/* ---- the schools' grade columns ----------------------------------------- */

static const char teachers_hdr[] =
    "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone\n";

static void test_grade_columns_read_and_checked(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  char tt[512];
  tu_snprintf(tt, sizeof tt, "%sT1,N,B,primary,chinese,F,1980,2015,bachelor,none\n", teachers_hdr);
  const char *t = tu_write("gt.csv", tt);
  rp_diag_t d = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  /* primary given (一年级班数 ...: 3+1+1+1+0+0 = 6), junior not */
  const char *s = tu_write("gs.csv",
                           "school_id,name,area,weak,primary_students,junior_students,"
                           "primary_classes,junior_classes,一年级班数,二年级班数,三年级班数,"
                           "四年级班数,五年级班数,六年级班数,grade7_classes\n"
                           "B,B,rural,0,150,90,6,3,3,1,1,1,0,,\n");
  assert_int_equal(rp_roster_load(s, t, &p, &c, &d), RP_OK);
  const int want[RP_GRADES] = {3, 1, 1, 1, 0, 0, 0, 0, 0};
  assert_memory_equal(c->schools[0].grade_classes, want, sizeof want);
  rp_county_free(c);
  /* the primary grades add up to 5, not 6: the error names both numbers */
  s = tu_write("gs.csv", "school_id,name,area,weak,primary_students,junior_students,"
                         "primary_classes,junior_classes,grade1_classes,grade2_classes,"
                         "grade7_classes,grade8_classes,grade9_classes\n"
                         "B,B,rural,0,150,90,6,3,3,2,1,1,1\n"
                         "C,C,rural,0,0,90,0,3,,,2,2,0\n");
  assert_int_equal(rp_roster_load(s, t, &p, &c, &d), RP_EINPUT);
  assert_null(c);
  char *msg = diag_str(&d);
  char want_msg[4400];
  tu_snprintf(want_msg, sizeof want_msg,
              "%s:2: column \"primary_classes\": is 6, but the primary grade columns "
              "(grade1_classes to grade6_classes) add up to 5", s);
  assert_contains(msg, want_msg);
  tu_snprintf(want_msg, sizeof want_msg,
              "%s:3: column \"junior_classes\": is 3, but the junior grade columns "
              "(grade7_classes to grade9_classes) add up to 4", s);
  assert_contains(msg, want_msg);
  assert_int_equal(d.n_errors, 2); /* B's junior grades (1+1+1 = 3) hold */
  free(msg);
  rp_diag_clear(&d);
}

/* A scenario's change of a level's classes drops its grade classes (they
 * would no longer add up); a merge adds them grade by grade. */
static void test_grade_classes_follow_changes(void **state) {
  (void)state;
  rp_school_t a = {0}, b = {0};
  a.classes[RP_PRIMARY] = 6;
  a.grade_classes[0] = 6;
  b.classes[RP_PRIMARY] = 2;
  b.grade_classes[1] = 2;
  rp_school_merge_classes(&a, &b, RP_PRIMARY);
  assert_int_equal(a.classes[RP_PRIMARY], 8);
  assert_int_equal(a.grade_classes[0], 6);
  assert_int_equal(a.grade_classes[1], 2);
  b.grade_classes[1] = 0; /* b has no grades of its own: a's are dropped */
  rp_school_merge_classes(&a, &b, RP_PRIMARY);
  assert_int_equal(a.classes[RP_PRIMARY], 10);
  assert_int_equal(a.grade_classes[0] + a.grade_classes[1], 0);
  a.grade_classes[0] = 10;
  rp_school_set_classes(&a, RP_PRIMARY, 10); /* same count: kept */
  assert_int_equal(a.grade_classes[0], 10);
  rp_school_set_classes(&a, RP_PRIMARY, 12);
  assert_int_equal(a.grade_classes[0], 0);
  assert_int_equal(a.classes[RP_PRIMARY], 12);
}

/* ---- the audit's subject figures on a county computed by hand ----------- */

/* Loads (policy defaults): primary core 15, other 18; junior core 11,
 * other 14; the file gives junior maths a load of 10.
 *
 *   A primary, 12 classes, no grade columns: 2 a grade.
 *     chinese 12 x 6 / 15 = 4.8   need 4, 3 teachers: gap 1
 *     pe      12 x 3 / 18 = 2.0   need 2, 4 teachers: surplus 4 - 2 = 2
 *     music   (2x2 + 2x2 + 2x1 x 4) / 18 = 16/18 = 0.89: part-time, 1 teacher
 *     other   no demand, 1 teacher: no surplus
 *   B primary, 6 classes, grades 3,1,1,1,0,0:
 *     chinese 6 x 6 / 15 = 2.4    need 2, 3 teachers: no gap, surplus 3 - 3 = 0
 *     pe      6 x 3 / 18 = 1.0    need 1, 0 teachers: gap 1
 *     music   (3x2 + 1x2 + 1x1 + 1x1) / 18 = 10/18 = 0.56: part-time, 0 teachers,
 *             no gap (spread evenly it would be 8/18 = 0.44)
 *   C junior, 3 classes, grades 2,1,0:
 *     math    3 x 5 / 10 = 1.5    need 1, 1 teacher: no gap, no surplus
 *     physics (1x2 + 0x3) / 11 = 0.18: part-time, 2 teachers: surplus 2 - 1 = 1
 *             (spread evenly it would be 5/11 = 0.45)
 *     chinese not taught at junior: 1 teacher, no surplus
 *
 *   County: chinese demand 7.2, need 6, teachers 7, gap 1, 1 section short;
 *   pe 3.0, need 3, teachers 4, gap 1, surplus 2; music 1.44 (0.89 + 0.56),
 *   part-time in 2 sections; math 1.5; physics 0.18, surplus 1, part-time
 *   in 1; other 0, teachers 1.  Sections short in some subject: A and B. */
static const char hand_schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
    "junior_classes,grade1_classes,grade2_classes,grade3_classes,grade4_classes,"
    "grade5_classes,grade6_classes,grade7_classes,grade8_classes,grade9_classes\n"
    "A,A,town,0,500,0,12,0,,,,,,,,,\n"
    "B,B,rural,0,150,0,6,0,3,1,1,1,0,0,,,\n"
    "C,C,rural,0,0,120,0,3,,,,,,,2,1,0\n";
static const char hand_curriculum[] = "学段,年级,学科,周课时,教师周课时\n"
                                      "小学,,语文,6,\n"
                                      "小学,,体育,3,\n"
                                      ",1,音乐,2,\n"
                                      ",2,音乐,2,\n"
                                      ",3,音乐,1,\n"
                                      ",4,音乐,1,\n"
                                      ",5,音乐,1,\n"
                                      ",6,音乐,1,\n"
                                      "初中,,数学,5,10\n"
                                      ",8,物理,2,\n"
                                      ",9,物理,3,\n";

/* teachers.csv: n teachers of subject at school's section, ids from *k. */
static void add_teachers(char *buf, size_t n_buf, int *k, const char *school, const char *lv,
                         const char *subject, int n) {
  for (int i = 0; i < n; i++) {
    size_t used = strlen(buf);
    tu_snprintf(buf + used, n_buf - used, "T%02d,N,%s,%s,%s,F,1980,2015,bachelor,none\n", (*k)++,
                school, lv, subject);
  }
}

static const char *hand_teachers(void) {
  static char buf[8192];
  int k = 1;
  tu_snprintf(buf, sizeof buf, "%s", teachers_hdr);
  add_teachers(buf, sizeof buf, &k, "A", "primary", "chinese", 3);
  add_teachers(buf, sizeof buf, &k, "A", "primary", "pe", 4);
  add_teachers(buf, sizeof buf, &k, "A", "primary", "music", 1);
  add_teachers(buf, sizeof buf, &k, "A", "primary", "other", 1);
  add_teachers(buf, sizeof buf, &k, "B", "primary", "chinese", 3);
  add_teachers(buf, sizeof buf, &k, "C", "junior", "math", 1);
  add_teachers(buf, sizeof buf, &k, "C", "junior", "physics", 2);
  add_teachers(buf, sizeof buf, &k, "C", "junior", "chinese", 1);
  return buf;
}

/* The hand-made county's three files, their paths into s, t and cu (4200
 * bytes each). */
static void write_hand(char *s, char *t, char *cu) {
  tu_snprintf(s, 4200, "%s", tu_write("hs.csv", hand_schools));
  tu_snprintf(t, 4200, "%s", tu_write("ht.csv", hand_teachers()));
  tu_snprintf(cu, 4200, "%s", tu_write("hc.csv", hand_curriculum));
}

/* The item of `arr` whose "subject" is subject, or a failure. */
static const cJSON *subject_in(const cJSON *arr, const char *subject) {
  const cJSON *o;
  cJSON_ArrayForEach(o, arr) {
    if (strcmp(cJSON_GetObjectItem(o, "subject")->valuestring, subject) == 0)
      return o;
  }
  fail_msg("no subject %s", subject);
  return NULL;
}

static double num(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItem(o, key);
  assert_non_null(v);
  return cJSON_IsBool(v) ? cJSON_IsTrue(v) : v->valuedouble;
}

/* demand, need, teachers, gap, surplus, part_time of one section's subject. */
static void expect_section(const cJSON *doc, int section, const char *subject, double demand,
                           int need, int teachers, int gap, int surplus, int part_time) {
  const cJSON *s = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "schools"), section);
  const cJSON *o = subject_in(cJSON_GetObjectItem(s, "subjects"), subject);
  assert_dbl(num(o, "demand"), demand);
  assert_int_equal((int)num(o, "need"), need);
  assert_int_equal((int)num(o, "teachers"), teachers);
  assert_int_equal((int)num(o, "gap"), gap);
  assert_int_equal((int)num(o, "surplus"), surplus);
  assert_int_equal((int)num(o, "part_time"), part_time);
}

static void expect_county(const cJSON *doc, const char *subject, double demand, int need,
                          int teachers, int gap, int surplus, int short_, int part_time) {
  const cJSON *o = subject_in(cJSON_GetObjectItem(doc, "subjects"), subject);
  assert_dbl(num(o, "demand"), demand);
  assert_int_equal((int)num(o, "need"), need);
  assert_int_equal((int)num(o, "teachers"), teachers);
  assert_int_equal((int)num(o, "gap"), gap);
  assert_int_equal((int)num(o, "surplus"), surplus);
  assert_int_equal((int)num(o, "sections_short"), short_);
  assert_int_equal((int)num(o, "part_time_sections"), part_time);
}

static void check_hand_figures(const cJSON *doc) {
  assert_string_equal(cJSON_GetObjectItem(doc, "curriculum")->valuestring, "curriculum.csv");
  /* sections: A primary 0, B primary 1, C junior 2 */
  expect_section(doc, 0, "chinese", 4.8, 4, 3, 1, 0, 0);
  expect_section(doc, 0, "pe", 2.0, 2, 4, 0, 2, 0);
  expect_section(doc, 0, "music", 0.89, 0, 1, 0, 0, 1);
  expect_section(doc, 0, "other", 0, 0, 1, 0, 0, 0);
  expect_section(doc, 1, "chinese", 2.4, 2, 3, 0, 0, 0);
  expect_section(doc, 1, "pe", 1.0, 1, 0, 1, 0, 0);
  expect_section(doc, 1, "music", 0.56, 0, 0, 0, 0, 1);
  expect_section(doc, 2, "math", 1.5, 1, 1, 0, 0, 0);
  expect_section(doc, 2, "physics", 0.18, 0, 2, 0, 1, 1);
  expect_section(doc, 2, "chinese", 0, 0, 1, 0, 0, 0);
  /* subjects with neither demand nor teachers are left out */
  const cJSON *c_subj =
      cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "schools"), 2), "subjects");
  assert_int_equal(cJSON_GetArraySize(c_subj), 3);
  expect_county(doc, "chinese", 7.2, 6, 7, 1, 0, 1, 0);
  expect_county(doc, "pe", 3.0, 3, 4, 1, 2, 1, 0);
  expect_county(doc, "music", 1.44, 0, 1, 0, 0, 0, 2);
  expect_county(doc, "math", 1.5, 1, 1, 0, 0, 0, 0);
  expect_county(doc, "physics", 0.18, 0, 2, 0, 1, 0, 1);
  expect_county(doc, "other", 0, 0, 1, 0, 0, 0, 0);
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "subjects")), 6);
  assert_int_equal((int)num(doc, "sections_short_in_subjects"), 2);
}

static void test_audit_subjects_by_hand(void **state) {
  (void)state;
  char s[4200], t[4200], cu[4200];
  write_hand(s, t, cu);
  rp_inputs_t in = {s, t, NULL, NULL, NULL, cu, NULL, NULL};
  rp_loaded_inputs_t li;
  rp_diag_t d = RP_DIAG_INIT;
  rp_status_t st = rp_inputs_load(&in, NULL, &li, &d);
  if (st != RP_OK)
    fail_msg("%s", diag_str(&d));
  rp_audit_t *a = NULL;
  assert_int_equal(rp_audit_build(li.county, &li.policy, &a), RP_OK);
  cJSON *doc = rp_audit_json(li.county, &li.policy, a);
  assert_non_null(doc);
  check_hand_figures(doc);
  cJSON_Delete(doc);
  /* the model's figures themselves, unrounded */
  assert_dbl(a->subjects[0 * RP_SUBJECTS + RP_SUBJ_MUSIC].demand, 16.0 / 18);
  assert_dbl(a->subjects[1 * RP_SUBJECTS + RP_SUBJ_MUSIC].demand, 10.0 / 18);
  assert_dbl(a->subjects[2 * RP_SUBJECTS + RP_SUBJ_PHYSICS].demand, 2.0 / 11);
  rp_audit_free(a);
  rp_inputs_free(&li);
  rp_diag_clear(&d);
}

/* The same county through the command line: --curriculum reaches the
 * audit, the JSON carries the same figures, the text its county table;
 * without --curriculum the built-in table applies (B's chinese: grades
 * 3,1,1,1,0,0 at 8,8,7,7,6,6 periods = 24+8+7+7 = 46 / 15 = 3.07). */
static void test_audit_cli_curriculum(void **state) {
  (void)state;
  char s[4200], t[4200], cu[4200];
  write_hand(s, t, cu);
  tu_run_t r = tu_run("audit --schools '%s' --teachers '%s' --curriculum '%s' --json", s, t, cu);
  assert_int_equal(r.exit_code, 0);
  cJSON *doc = cJSON_Parse(r.out);
  assert_non_null(doc);
  check_hand_figures(doc);
  cJSON_Delete(doc);
  tu_run_free(&r);
  r = tu_run("audit --schools '%s' --teachers '%s' --curriculum '%s' --lang en", s, t, cu);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "Subjects: demand from curriculum.csv");
  assert_contains(r.out, "subject        demand teachers   gap sections short part-time\n");
  assert_contains(r.out, "chinese          7.20        7     1              1         0\n");
  assert_contains(r.out, "music            1.44        1     0              0         2\n");
  assert_contains(r.out, "sections short of a whole teacher in some subject: 2 of 3");
  tu_run_free(&r);
  r = tu_run("audit --schools '%s' --teachers '%s' --curriculum '%s' --lang zh", s, t, cu);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "学科需求（按本县课程设置 curriculum.csv");
  assert_contains(r.out, "兼职/走教");
  assert_contains(r.out, "有学科缺整名教师的学段：2 个（共 3 个）");
  tu_run_free(&r);
  r = tu_run("audit --schools '%s' --teachers '%s' --json", s, t);
  assert_int_equal(r.exit_code, 0);
  doc = cJSON_Parse(r.out);
  assert_string_equal(cJSON_GetObjectItem(doc, "curriculum")->valuestring, "built-in");
  expect_section(doc, 1, "chinese", 3.07, 3, 3, 0, 0, 0);
  cJSON_Delete(doc);
  tu_run_free(&r);
  /* a bad curriculum stops the audit with its place, exit 3 */
  const char *bad = tu_write("bad.csv", "grade,subject,periods\n1,chinese,8\n1,语文,7\n");
  r = tu_run("audit --schools '%s' --teachers '%s' --curriculum '%s'", s, t, bad);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "bad.csv:3: column \"subject\": \"语文\" is subject chinese");
  assert_string_equal(r.out, "");
  tu_run_free(&r);
}

/* The curriculum is an input of the run: never written over by an output. */
static void test_curriculum_protected(void **state) {
  (void)state;
  char s[4200], t[4200], cu[4200];
  write_hand(s, t, cu);
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --curriculum '%s' --out '%s/o' "
                      "--write-model '%s'", s, t, cu, tu_tmpdir(), cu);
  assert_int_equal(r.exit_code, 2);
  assert_contains(r.err, "refusing to write over an input file");
  tu_run_free(&r);
  char *is = tu_read(cu);
  assert_string_equal(is, hand_curriculum);
  free(is);
}

/* plan and verify take --curriculum, a scenario's [base] curriculum too;
 * summary.json's audit trail keeps the file's SHA-256. */
static void test_plan_verify_scenario(void **state) {
  (void)state;
  char s[4200], t[4200], cu[4200], pol[4200], scn[4200];
  write_hand(s, t, cu);
  /* sections of three teachers and none backbone: let them send one */
  tu_snprintf(pol, sizeof pol, "%s",
              tu_write("hp.ini", "[rotation]\nplan_year = 2026\nbackbone_share = 0\n"
                                 "max_outflow_share = 0.5\n"));
  tu_snprintf(scn, sizeof scn, "%s",
              tu_write("h.ini", "[base]\nschools = hs.csv\nteachers = ht.csv\npolicy = hp.ini\n"
                                "curriculum = hc.csv\n"));
  const char *dir = tu_tmpdir();
  tu_run_t r = tu_run("plan -s '%s' -t '%s' -p '%s' --curriculum '%s' --out '%s/o1'", s, t, pol,
                      cu, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  r = tu_run("verify -s '%s' -t '%s' -p '%s' --curriculum '%s' --plan '%s/o1'", s, t, pol, cu,
             dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  r = tu_run("plan --scenario '%s' --out '%s/o2'", scn, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  r = tu_run("verify --scenario '%s' --plan '%s/o2'", scn, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  char o[4300];
  for (int i = 1; i <= 2; i++) {
    tu_snprintf(o, sizeof o, "%s/o%d", dir, i);
    cJSON *sum = tu_read_summary(o);
    const cJSON *h = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "audit_trail"), "inputs_sha256"),
        "curriculum");
    assert_non_null(h);
    assert_int_equal(strlen(h->valuestring), 64);
    cJSON_Delete(sum);
  }
  /* a scenario names its own inputs */
  r = tu_run("plan --scenario '%s' --curriculum '%s' --out '%s/o3'", scn, cu, dir);
  assert_int_equal(r.exit_code, 2);
  tu_run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_file_in_chinese),
      cmocka_unit_test(test_each_error_with_its_place),
      cmocka_unit_test(test_grade_columns_read_and_checked),
      cmocka_unit_test(test_grade_classes_follow_changes),
      cmocka_unit_test(test_audit_subjects_by_hand),
      cmocka_unit_test(test_audit_cli_curriculum),
      cmocka_unit_test(test_curriculum_protected),
      cmocka_unit_test(test_plan_verify_scenario),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
