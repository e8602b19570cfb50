/* io/roster: loading schools.csv and teachers.csv with Chinese headers and
 * values, and every validation message with its `file:line: column "name":`
 * prefix; several errors in one run; warnings that do not stop the load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/county.h"
#include "model/policy.h"
#include "io/roster.h"
#include "model/status.h"
#include "test_util.h"

/* Paths of the last files written by load(). */
static char s_path[4200], t_path[4200];

typedef struct {
  rp_status_t st;
  rp_county_t *c;
  size_t n_errors, n_warnings;
  char *text; /* printed diagnostics, malloc'ed */
} load_t;

static load_t load(const char *schools, const char *teachers) {
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  tu_snprintf(s_path, sizeof s_path, "%s", tu_write("schools.csv", schools));
  tu_snprintf(t_path, sizeof t_path, "%s", tu_write("teachers.csv", teachers));
  rp_diag_t d = RP_DIAG_INIT;
  load_t r;
  r.c = (rp_county_t *)&r; /* must be overwritten */
  r.st = rp_roster_load(s_path, t_path, &p, &r.c, &d);
  r.n_errors = d.n_errors;
  r.n_warnings = d.n_warnings;
  r.text = diag_str(&d);
  rp_diag_clear(&d);
  return r;
}

static void load_free(load_t *r) {
  rp_county_free(r->c);
  free(r->text);
}

/* Expects a failed load with exactly one error, whose printed line is
 * `<file>:<line>: <rest>` (rest may be a prefix of the message). */
static void expect_error(const char *schools, const char *teachers, int in_teachers,
                         long line, const char *rest) {
  load_t r = load(schools, teachers);
  assert_int_equal(r.st, RP_EINPUT);
  assert_null(r.c);
  char want[8192];
  tu_snprintf(want, sizeof want, "%s:%ld: %s", in_teachers ? t_path : s_path, line, rest);
  assert_contains(r.text, want);
  if (r.n_errors != 1)
    fail_msg("%zu errors, expected 1:\n%s", r.n_errors, r.text);
  load_free(&r);
}

static const rp_teacher_t *find_teacher(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_teachers; i++)
    if (strcmp(c->teachers[i].id, id) == 0)
      return &c->teachers[i];
  fail_msg("no teacher %s", id);
  return NULL;
}

/* ---- a good file in Chinese ---------------------------------------------- */

static const char cn_schools[] =
    "学校代码,学校名称,城乡类型,薄弱学校,小学在校生数,初中在校生数,小学班级数,初中班级数,"
    "教学点,其他职工数,教育集团\n"
    "S1,城关小学,城区,否,400,0,10,0,否,2,城关集团\n"
    "S2,乡村中学,乡村,是,0,300,0,7,否,1,\n"
    "S3,九年一贯制学校,镇区,否,90,45,2,1,否,0,\n"
    "S4,李家教学点,农村,是,12,0,1,0,是,0,\n";
static const char cn_teachers[] =
    "工号,姓名,学校代码,学段,学科,性别,出生年份,到校年份,学历,骨干级别,免交流原因,"
    "上次交流年份,职务\n"
    "T1,张三,S1,,语文,男,1980,2010,本科,县级,,,教师\n"
    "T2,李四,S2,,数学,女,1990,2018,专科,无,,2020,\n"
    "T3,王五,S3,小学,体育,男,1985,2015,本科,市级,,,校长\n"
    "T4,赵六,S3,初中,音乐,女,1975,2000,硕士,否,孕期,,\n"
    "T5,钱七,S1,,美术,女,1995,2020,专科,校级,,,副校长\n"
    "T6,孙八,S4,,语文,男,1970,1995,中专,省级,,,\n";

static void test_good_chinese_file(void **state) {
  (void)state;
  load_t r = load(cn_schools, cn_teachers);
  if (r.st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r.st), r.text);
  assert_int_equal(r.n_errors, 0);
  assert_int_equal(r.n_warnings, 0);
  assert_string_equal(r.text, "");
  rp_county_t *c = r.c;
  assert_int_equal(c->n_schools, 4);
  assert_int_equal(c->n_teachers, 6);

  const rp_school_t *s1 = &c->schools[0], *s2 = &c->schools[1], *s3 = &c->schools[2],
                    *s4 = &c->schools[3];
  assert_string_equal(s1->id, "S1");
  assert_string_equal(s1->name, "城关小学");
  assert_string_equal(s1->group, "城关集团");
  assert_int_equal(s1->area, RP_AREA_URBAN);
  assert_int_equal(s1->weak, 0);
  assert_int_equal(s1->teaching_point, 0);
  assert_int_equal(s1->students[RP_PRIMARY], 400);
  assert_int_equal(s1->students[RP_JUNIOR], 0);
  assert_int_equal(s1->classes[RP_PRIMARY], 10);
  assert_int_equal(s1->other_staff, 2);
  assert_int_equal(s1->has_pos, 0);
  assert_int_equal(s1->line, 2);
  assert_int_equal(s2->area, RP_AREA_RURAL);
  assert_int_equal(s2->weak, 1);
  assert_int_equal(s2->students[RP_JUNIOR], 300);
  assert_int_equal(s2->classes[RP_JUNIOR], 7);
  assert_string_equal(s2->group, "");
  assert_int_equal(s3->area, RP_AREA_TOWN);
  assert_int_equal(s3->students[RP_PRIMARY], 90);
  assert_int_equal(s3->students[RP_JUNIOR], 45);
  assert_int_equal(s4->area, RP_AREA_RURAL);
  assert_int_equal(s4->teaching_point, 1);
  assert_int_equal(s4->line, 5);
  assert_int_equal(rp_county_find_school(c, "S3"), 2);

  const rp_teacher_t *t1 = find_teacher(c, "T1");
  assert_string_equal(t1->name, "张三");
  assert_int_equal(t1->school, 0);
  assert_int_equal(t1->level, RP_PRIMARY); /* inferred: S1 is primary only */
  assert_int_equal(t1->subject, RP_SUBJ_CHINESE);
  assert_int_equal(t1->gender, 'M');
  assert_int_equal(t1->birth_year, 1980);
  assert_int_equal(t1->school_since, 2010);
  assert_int_equal(t1->degree, RP_DEG_BACHELOR);
  assert_int_equal(t1->backbone, RP_BB_COUNTY);
  assert_string_equal(t1->exempt, "");
  assert_int_equal(t1->last_rotated_year, 0);
  assert_int_equal(t1->role, RP_ROLE_TEACHER);
  assert_int_equal(t1->line, 2);

  const rp_teacher_t *t2 = find_teacher(c, "T2");
  assert_int_equal(t2->school, 1);
  assert_int_equal(t2->level, RP_JUNIOR); /* inferred: S2 is junior only */
  assert_int_equal(t2->subject, RP_SUBJ_MATH);
  assert_int_equal(t2->gender, 'F');
  assert_int_equal(t2->degree, RP_DEG_ASSOCIATE);
  assert_int_equal(t2->backbone, RP_BB_NONE);
  assert_int_equal(t2->last_rotated_year, 2020);
  assert_int_equal(t2->role, RP_ROLE_TEACHER);

  const rp_teacher_t *t3 = find_teacher(c, "T3");
  assert_int_equal(t3->level, RP_PRIMARY);
  assert_int_equal(t3->subject, RP_SUBJ_PE);
  assert_int_equal(t3->backbone, RP_BB_CITY);
  assert_int_equal(t3->role, RP_ROLE_PRINCIPAL);

  const rp_teacher_t *t4 = find_teacher(c, "T4");
  assert_int_equal(t4->school, 2);
  assert_int_equal(t4->level, RP_JUNIOR);
  assert_int_equal(t4->subject, RP_SUBJ_MUSIC);
  assert_int_equal(t4->degree, RP_DEG_MASTER);
  assert_int_equal(t4->backbone, RP_BB_NONE);
  assert_string_equal(t4->exempt, "孕期");

  const rp_teacher_t *t5 = find_teacher(c, "T5");
  assert_int_equal(t5->subject, RP_SUBJ_ART);
  assert_int_equal(t5->backbone, RP_BB_SCHOOL);
  assert_int_equal(t5->role, RP_ROLE_VICE);

  const rp_teacher_t *t6 = find_teacher(c, "T6");
  assert_int_equal(t6->school, 3);
  assert_int_equal(t6->degree, RP_DEG_SECONDARY);
  assert_int_equal(t6->backbone, RP_BB_PROVINCE);
  assert_int_equal(t6->line, 7);
  load_free(&r);
}

/* English headers, values in mixed case, optional columns left out,
 * positions given, and a section inferred from classes alone. */
static void test_english_file_with_positions(void **state) {
  (void)state;
  load_t r = load("school_id,name,area,weak,primary_students,junior_students,"
                  "primary_classes,junior_classes,x_km,y_km\n"
                  "A,Alpha,Urban,YES,40,0,1,0,1.5,-2\n"
                  "B,Beta,town,no,0,0,0,2,,\n",
                  "teacher_id,name,school_id,subject,gender,birth_year,school_since,"
                  "degree,backbone\n"
                  "T1,Li,A,Maths,female,1980,2010,Bachelor,national\n"
                  "T2,Wu,B,physical education,m,1980,2010,doctor,none\n");
  if (r.st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r.st), r.text);
  assert_int_equal(r.n_errors, 0);
  const rp_school_t *a = &r.c->schools[0];
  assert_int_equal(a->area, RP_AREA_URBAN);
  assert_int_equal(a->weak, 1);
  assert_int_equal(a->has_pos, 1);
  assert_true(a->x_km == 1.5 && a->y_km == -2.0);
  assert_int_equal(r.c->schools[1].has_pos, 0);
  const rp_teacher_t *t1 = find_teacher(r.c, "T1");
  assert_int_equal(t1->subject, RP_SUBJ_MATH);
  assert_int_equal(t1->gender, 'F');
  assert_int_equal(t1->backbone, RP_BB_NATIONAL);
  const rp_teacher_t *t2 = find_teacher(r.c, "T2");
  assert_int_equal(t2->level, RP_JUNIOR); /* B has junior classes only */
  assert_int_equal(t2->subject, RP_SUBJ_PE);
  assert_int_equal(t2->degree, RP_DEG_DOCTOR);
  load_free(&r);
}

/* ---- one error each ------------------------------------------------------ */

static const char good_schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,junior_classes\n"
    "A,Alpha,town,0,200,100,5,2\n"
    "B,Beta,rural,1,100,0,4,0\n";
#define T_HEAD                                                               \
  "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone\n"
static const char good_teachers[] = T_HEAD
    "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
    "T2,Wang,A,junior,math,M,1975,2005,associate,none\n"
    "T3,Zhou,B,,pe,F,1978,2008,associate,none\n";

static void test_baseline_is_good(void **state) {
  (void)state;
  load_t r = load(good_schools, good_teachers);
  if (r.st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r.st), r.text);
  assert_int_equal(r.n_errors + r.n_warnings, 0);
  assert_int_equal(r.c->n_teachers, 3);
  load_free(&r);
}

static void test_duplicate_school(void **state) {
  (void)state;
  expect_error("school_id,name,area,weak,primary_students,junior_students,"
               "primary_classes,junior_classes\n"
               "A,Alpha,town,0,200,100,5,2\n"
               "B,Beta,rural,1,100,0,4,0\n"
               "A,Again,rural,0,50,0,2,0\n",
               good_teachers, 0, 4,
               "column \"school_id\": duplicate school \"A\" (first at line 2)\n");
}

static void test_duplicate_teacher(void **state) {
  (void)state;
  expect_error(good_schools,
               T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
                      "T2,Wang,A,junior,math,M,1975,2005,associate,none\n"
                      "T1,Zhou,B,,pe,F,1978,2008,associate,none\n",
               1, 4, "column \"teacher_id\": duplicate teacher \"T1\" (first at line 2)\n");
}

static void test_unknown_school(void **state) {
  (void)state;
  expect_error(good_schools,
               T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
                      "T2,Wang,Z,primary,math,M,1975,2005,associate,none\n",
               1, 3, "column \"school_id\": \"Z\" is not a school in the schools file\n");
}

static void test_bad_birth_year(void **state) {
  (void)state;
  expect_error(good_schools,
               T_HEAD "T1,Li,A,primary,chinese,F,19x5,2010,bachelor,county\n", 1, 2,
               "column \"birth_year\": \"19x5\" is not a birth year (1946 to 2010)\n");
}

static void test_school_since_in_future(void **state) {
  (void)state;
  expect_error(good_schools,
               T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
                      "T2,Wang,A,junior,math,M,1975,2030,associate,none\n",
               1, 3, "column \"school_since\": \"2030\" is not a year (1940 to 2026)\n");
}

static void test_school_since_before_16(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,primary,chinese,F,1980,1990,bachelor,county\n",
               1, 2,
               "column \"school_since\": 1990 is before the teacher turned 16 (born 1980)\n");
}

static void test_missing_section_at_nine_year_school(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,,chinese,F,1980,2010,bachelor,county\n", 1, 2,
               "column \"section\": is empty, but school \"A\" has both primary and "
               "junior sections: say which one\n");
}

static void test_section_school_does_not_have(void **state) {
  (void)state;
  expect_error(good_schools,
               T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n"
                      "T2,Zhou,B,初中,pe,F,1978,2008,associate,none\n",
               1, 3,
               "column \"section\": school \"B\" has no junior section (no students or "
               "classes)\n");
}

static void test_unknown_section_value(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,high,chinese,F,1980,2010,bachelor,county\n", 1,
               2, "column \"section\": \"high\" is not a section (primary, junior; 小学, 初中)\n");
}

static void test_unknown_degree(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,phd,county\n", 1, 2,
               "column \"degree\": \"phd\" is not a degree (secondary, associate, bachelor, "
               "master, doctor; 中专, 专科, 本科, 硕士, 博士)\n");
}

static void test_unknown_backbone(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,team\n", 1,
               2, "column \"backbone\": \"team\" is not a backbone level (none, school, county, ");
}

static void test_unknown_gender(void **state) {
  (void)state;
  expect_error(good_schools, T_HEAD "T1,Li,A,primary,chinese,X,1980,2010,bachelor,county\n",
               1, 2, "column \"gender\": \"X\" is not a gender (M, F; 男, 女)\n");
}

static void test_negative_students(void **state) {
  (void)state;
  expect_error("school_id,name,area,weak,primary_students,junior_students,"
               "primary_classes,junior_classes\n"
               "A,Alpha,town,0,200,100,5,2\n"
               "B,Beta,rural,1,-5,0,4,0\n",
               good_teachers, 0, 3,
               "column \"primary_students\": \"-5\" is not a number of students (0 to "
               "100000)\n");
}

static void test_students_without_classes(void **state) {
  (void)state;
  expect_error("school_id,name,area,weak,primary_students,junior_students,"
               "primary_classes,junior_classes\n"
               "A,Alpha,town,0,200,100,5,0\n"
               "B,Beta,rural,1,100,0,4,0\n",
               good_teachers, 0, 2,
               "column \"junior_classes\": is 0 but the school has 100 junior students\n");
}

static void test_bad_area(void **state) {
  (void)state;
  expect_error("school_id,name,area,weak,primary_students,junior_students,"
               "primary_classes,junior_classes\n"
               "A,Alpha,城郊,0,200,100,5,2\n"
               "B,Beta,rural,1,100,0,4,0\n",
               good_teachers, 0, 2, "column \"area\": \"城郊\" is not an area");
}

static void test_missing_required_column(void **state) {
  (void)state;
  expect_error(good_schools,
               "teacher_id,name,school_id,section,subject,birth_year,school_since,degree,"
               "backbone\n"
               "T1,Li,A,primary,chinese,1980,2010,bachelor,county\n",
               1, 1, "column \"gender\": required column is missing");
  expect_error("school_id,name,weak,primary_students,junior_students,primary_classes,"
               "junior_classes\n"
               "A,Alpha,0,200,100,5,2\n",
               good_teachers, 0, 1, "column \"area\": required column is missing");
}

static void test_duplicate_column(void **state) {
  (void)state;
  load_t r = load(good_schools,
                  "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,"
                  "degree,backbone,姓名\n"
                  "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county,李\n");
  assert_int_equal(r.st, RP_EINPUT);
  assert_null(r.c);
  assert_int_equal(r.n_errors, 1);
  char want[8192];
  tu_snprintf(want, sizeof want,
           "%s:1: column \"姓名\": duplicate column: \"name\" is given twice\n", t_path);
  assert_contains(r.text, want);
  load_free(&r);
}

/* ---- several errors at once ---------------------------------------------- */

static void test_several_errors_all_reported(void **state) {
  (void)state;
  load_t r = load("school_id,name,area,weak,primary_students,junior_students,"
                  "primary_classes,junior_classes\n"
                  "A,Alpha,town,0,200,100,5,2\n"
                  "B,Beta,rural,maybe,100,0,4,0\n", /* 1: weak */
                  T_HEAD "T1,Li,A,primary,chinese,F,19x5,2010,bachelor,county\n" /* 2 */
                         "T2,Wang,Z,primary,math,M,1975,2005,associate,none\n"   /* 3 */
                         "T3,Zhou,B,,pe,Q,1978,2008,phd,none\n"                  /* 4, 5 */
                         "T1,Sun,A,,chinese,F,1980,2010,bachelor,none\n");       /* 6, 7 */
  assert_int_equal(r.st, RP_EINPUT);
  assert_null(r.c);
  if (r.n_errors != 7)
    fail_msg("%zu errors, expected 7:\n%s", r.n_errors, r.text);
  char want[8192];
  tu_snprintf(want, sizeof want, "%s:3: column \"weak\": \"maybe\" is not yes/no", s_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:2: column \"birth_year\": \"19x5\"", t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:3: column \"school_id\": \"Z\" is not a school", t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:4: column \"gender\": \"Q\"", t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:4: column \"degree\": \"phd\"", t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:5: column \"section\": is empty, but school \"A\"", t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:5: column \"teacher_id\": duplicate teacher \"T1\" "
           "(first at line 2)", t_path);
  assert_contains(r.text, want);
  load_free(&r);
}

/* CSV-level errors in both files are reported in the same run. */
static void test_csv_errors_in_both_files(void **state) {
  (void)state;
  load_t r = load("school_id,name,area,weak,primary_students,junior_students,"
                  "primary_classes,junior_classes\n"
                  "A,Alpha,town,0,200,100,5\n"
                  "B,Beta,rural,1,100,0,4,0\n",
                  T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county,extra\n"
                         "T3,Zhou,B,,pe,F,1978,2008,associate,none\n");
  assert_int_equal(r.st, RP_EINPUT);
  assert_null(r.c);
  assert_int_equal(r.n_errors, 2);
  char want[8192];
  tu_snprintf(want, sizeof want, "%s:2: 7 fields, but the header has 8\n", s_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s:2: 11 fields, but the header has 10\n", t_path);
  assert_contains(r.text, want);
  load_free(&r);
}

static void test_missing_file(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  char missing[4200];
  tu_snprintf(missing, sizeof missing, "%s/missing.csv", tu_tmpdir());
  const char *t = tu_write("teachers.csv", good_teachers);
  assert_int_equal(rp_roster_load(missing, t, &p, &c, &d), RP_EIO);
  assert_null(c);
  assert_int_equal(d.n_errors, 1);
  rp_diag_clear(&d);
}

/* ---- warnings do not stop the load --------------------------------------- */

static void test_warnings_do_not_fail(void **state) {
  (void)state;
  load_t r = load("school_id,name,area,weak,primary_students,junior_students,"
                  "primary_classes,junior_classes\n"
                  "A,Alpha,town,0,200,100,5,2\n"
                  "B,Beta,rural,1,2,0,1,0\n",
                  "teacher_id,name,school_id,section,subject,gender,birth_year,"
                  "school_since,degree,backbone,note\n"
                  "T1,Li,A,primary,书法,F,1980,2010,bachelor,county,x\n"
                  "T2,Wang,B,,math,M,1975,2005,associate,none,\n"
                  "T3,Zhou,B,,书法,F,1978,2008,associate,none,\n"
                  "T4,Wu,B,,pe,F,1978,2008,associate,none,\n");
  if (r.st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r.st), r.text);
  assert_non_null(r.c);
  assert_int_equal(r.n_errors, 0);
  if (r.n_warnings != 3)
    fail_msg("%zu warnings, expected 3:\n%s", r.n_warnings, r.text);
  char want[8192];
  tu_snprintf(want, sizeof want, "%s:1: warning: column \"note\": unknown column, ignored\n",
           t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want,
           "%s:2: warning: column \"subject\": \"书法\" is not a known subject; counted "
           "as \"other\" (here and on later rows)\n",
           t_path);
  assert_contains(r.text, want);
  tu_snprintf(want, sizeof want, "%s: warning: school \"B\" primary: 3 teachers for 2 students\n",
           t_path);
  assert_contains(r.text, want);
  assert_int_equal(find_teacher(r.c, "T1")->subject, RP_SUBJ_OTHER);
  assert_int_equal(find_teacher(r.c, "T3")->subject, RP_SUBJ_OTHER);
  assert_int_equal(find_teacher(r.c, "T4")->subject, RP_SUBJ_PE);
  load_free(&r);
}

static void test_class_size_warning(void **state) {
  (void)state;
  load_t r = load("school_id,name,area,weak,primary_students,junior_students,"
                  "primary_classes,junior_classes\n"
                  "A,Alpha,town,0,200,101,5,2\n",
                  T_HEAD "T1,Li,A,primary,chinese,F,1980,2010,bachelor,county\n");
  assert_int_equal(r.st, RP_OK);
  assert_int_equal(r.n_warnings, 1);
  char want[8192];
  tu_snprintf(want, sizeof want,
           "%s:2: warning: column \"junior_students\": 101 students in 2 classes is above "
           "the class size cap of 50\n",
           s_path);
  assert_contains(r.text, want);
  load_free(&r);
}

/* The ways a planner writes "no exemption" are no reason; a real reason
 * stays one. */
static void exemption_none_words(void **state) {
  (void)state;
  static const char *const none[] = {"", "0", "no", "否", "无", "none", "/", "-", "—", "暂无",
                                     "没有", "不免", "N/A"};
  enum { N = sizeof none / sizeof none[0] };
  char teachers[4096];
  int k = tu_snprintf(teachers, sizeof teachers,
                      "工号,姓名,学校代码,学科,性别,出生年份,到校年份,学历,骨干级别,免交流原因\n");
  for (int i = 0; i < N; i++)
    k += tu_snprintf(teachers + k, sizeof teachers - (size_t)k,
                     "T%02d,X,S1,语文,男,1980,2010,本科,无,%s\n", i, none[i]);
  tu_snprintf(teachers + k, sizeof teachers - (size_t)k,
              "T99,X,S1,语文,男,1980,2010,本科,无,病假\n");
  load_t r = load(cn_schools, teachers);
  if (r.st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r.st), r.text);
  for (int i = 0; i < N; i++) {
    char id[8];
    tu_snprintf(id, sizeof id, "T%02d", i);
    const rp_teacher_t *t = find_teacher(r.c, id);
    if (strcmp(t->exempt, "") != 0)
      fail_msg("\"%s\" was read as an exemption reason", none[i]);
  }
  assert_string_equal(find_teacher(r.c, "T99")->exempt, "病假");
  load_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_chinese_file),
      cmocka_unit_test(exemption_none_words),
      cmocka_unit_test(test_english_file_with_positions),
      cmocka_unit_test(test_baseline_is_good),
      cmocka_unit_test(test_duplicate_school),
      cmocka_unit_test(test_duplicate_teacher),
      cmocka_unit_test(test_unknown_school),
      cmocka_unit_test(test_bad_birth_year),
      cmocka_unit_test(test_school_since_in_future),
      cmocka_unit_test(test_school_since_before_16),
      cmocka_unit_test(test_missing_section_at_nine_year_school),
      cmocka_unit_test(test_section_school_does_not_have),
      cmocka_unit_test(test_unknown_section_value),
      cmocka_unit_test(test_unknown_degree),
      cmocka_unit_test(test_unknown_backbone),
      cmocka_unit_test(test_unknown_gender),
      cmocka_unit_test(test_negative_students),
      cmocka_unit_test(test_students_without_classes),
      cmocka_unit_test(test_bad_area),
      cmocka_unit_test(test_missing_required_column),
      cmocka_unit_test(test_duplicate_column),
      cmocka_unit_test(test_several_errors_all_reported),
      cmocka_unit_test(test_csv_errors_in_both_files),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_warnings_do_not_fail),
      cmocka_unit_test(test_class_size_warning),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
