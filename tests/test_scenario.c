/* io/scenario_ini and model/scenario: reading scenario files (every section,
 * every kind of error with its `file:line:`), extends with override and
 * accumulation, cycles; and each change applied to a small county:
 * enrolment by school, area and level, closing, merging and opening schools,
 * recruits placed by need or at a named school, retirements by age and by
 * name, with pins renumbered along. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "model/county.h"
#include "model/indicators.h"
#include "model/policy.h"
#include "io/roster.h"
#include "io/scenario_ini.h"
#include "model/status.h"
#include "test_util.h"

#define assert_not_contains(hay, needle)                                     \
  do {                                                                       \
    const char *h_ = (hay), *n_ = (needle);                                  \
    if (strstr(h_, n_))                                                      \
      fail_msg("did not expect\n  %s\nin\n%s", n_, h_);                      \
  } while (0)

/* ---- the small county ---------------------------------------------------- */

/* Plan year 2026.  B01 is junior only, D01 a nine-year school.  T02 (F, 56)
 * and T04 (M, 60) reach the retirement age; T06 (M, 57) is over the age
 * exemption but not retired; T07 arrived in 2024; T08 is exempt; T09
 * rotated in 2024. */
static const char schools_csv[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
    "junior_classes,teaching_point,other_staff,x_km,y_km,group\n"
    "A01,城关小学,urban,0,900,0,20,0,0,0,0,0,\n"
    "B01,镇中学,town,0,0,650,0,13,0,0,5,0,\n"
    "C01,甲村小学,rural,1,121,0,6,0,0,0,10,0,\n"
    "C02,乙村小学,rural,0,200,0,8,0,0,0,12,0,\n"
    "D01,九年一贯制学校,town,0,300,200,8,5,0,0,6,2,\n";
static const char teachers_csv[] =
    "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,"
    "backbone,exempt,last_rotated_year,role\n"
    "T01,甲,A01,primary,chinese,F,1985,2010,bachelor,county,,,teacher\n"
    "T02,乙,A01,primary,math,F,1970,2000,bachelor,none,,,teacher\n"
    "T03,丙,A01,primary,pe,M,1990,2015,bachelor,none,,,teacher\n"
    "T04,丁,B01,junior,physics,M,1966,1995,bachelor,none,,,teacher\n"
    "T05,戊,B01,junior,math,M,1980,2012,master,city,,,teacher\n"
    "T06,己,C01,primary,chinese,M,1969,2000,associate,none,,,teacher\n"
    "T07,庚,C01,primary,math,F,1995,2024,bachelor,none,,,teacher\n"
    "T08,辛,C01,primary,english,F,1990,2015,bachelor,none,怀孕,,teacher\n"
    "T09,壬,C02,primary,chinese,F,1988,2012,bachelor,none,,2024,teacher\n"
    "T10,癸,D01,primary,math,M,1985,2010,bachelor,none,,,teacher\n"
    "T11,子,D01,junior,chinese,F,1987,2011,bachelor,none,,,teacher\n";

static rp_county_t *load_county(rp_policy_t *p) {
  char sp[4200], tp[4200];
  rp_policy_default(p, 2026);
  tu_snprintf(sp, sizeof sp, "%s", tu_write("schools.csv", schools_csv));
  tu_snprintf(tp, sizeof tp, "%s", tu_write("teachers.csv", teachers_csv));
  rp_diag_t d = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  if (rp_roster_load(sp, tp, p, &c, &d) != RP_OK) {
    char *t = diag_str(&d);
    fail_msg("county: %s", t);
  }
  rp_diag_clear(&d);
  return c;
}

static size_t school_ix(const rp_county_t *c, const char *id) {
  size_t i = rp_county_find_school(c, id);
  if (i == (size_t)-1)
    fail_msg("no school %s", id);
  return i;
}

static const rp_school_t *school(const rp_county_t *c, const char *id) {
  return &c->schools[school_ix(c, id)];
}

static size_t teacher_ix(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_teachers; i++)
    if (strcmp(c->teachers[i].id, id) == 0)
      return i;
  fail_msg("no teacher %s", id);
  return 0;
}

static const rp_teacher_t *teacher(const rp_county_t *c, const char *id) {
  return &c->teachers[teacher_ix(c, id)];
}

static int has_teacher(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_teachers; i++)
    if (strcmp(c->teachers[i].id, id) == 0)
      return 1;
  return 0;
}

static const char *school_of(const rp_county_t *c, const char *tid) {
  return c->schools[teacher(c, tid)->school].id;
}

/* Indices in range, schools and teachers in id order, and the audit builds. */
static void assert_consistent(const rp_county_t *c, const rp_policy_t *p) {
  for (size_t i = 1; i < c->n_schools; i++)
    assert_true(strcmp(c->schools[i - 1].id, c->schools[i].id) < 0);
  for (size_t i = 1; i < c->n_teachers; i++)
    assert_true(strcmp(c->teachers[i - 1].id, c->teachers[i].id) < 0);
  for (size_t i = 0; i < c->n_teachers; i++)
    assert_true(c->teachers[i].school < c->n_schools);
  rp_audit_t *a = NULL;
  assert_int_equal(rp_audit_build(c, p, &a), RP_OK);
  rp_audit_free(a);
}

/* ---- loading helpers ------------------------------------------------------ */

static void mkdir_tmp(const char *rel) {
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), rel);
  mkdir(path, 0777);
}

/* A path under the temporary folder (static, 4 slots). */
static const char *tmp_path(const char *rel) {
  static char slots[4][4200];
  static int next;
  char *p = slots[next++ % 4];
  tu_snprintf(p, 4200, "%s/%s", tu_tmpdir(), rel);
  return p;
}

static rp_scenario_t *load_ok(const char *name, const char *text) {
  const char *path = tu_write(name, text);
  rp_diag_t d = RP_DIAG_INIT;
  rp_scenario_t *s = NULL;
  rp_status_t st = rp_scenario_load(path, &s, &d);
  if (st != RP_OK) {
    char *t = diag_str(&d);
    fail_msg("%s: %s\n%s", name, rp_status_str(st), t);
  }
  assert_int_equal(d.n_errors, 0);
  rp_diag_clear(&d);
  assert_non_null(s);
  return s;
}

/* Loads `name` (already written), expects failure; returns the messages. */
static char *load_fail_path(const char *path, rp_status_t want, size_t *n_errors) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_scenario_t *s = (rp_scenario_t *)&d; /* must be overwritten */
  assert_int_equal(rp_scenario_load(path, &s, &d), want);
  assert_null(s);
  assert_true(d.n_errors > 0);
  if (n_errors)
    *n_errors = d.n_errors;
  char *t = diag_str(&d);
  rp_diag_clear(&d);
  return t;
}

static char *load_fail(const char *name, const char *text, size_t *n_errors) {
  return load_fail_path(tu_write(name, text), RP_EINPUT, n_errors);
}

#define BASE "[base]\nschools = schools.csv\nteachers = teachers.csv\n"

/* Applies the scenario text to the small county; returns the county and
 * the status, messages in *msgs (malloc'ed). */
typedef struct {
  rp_scenario_t *s;
  rp_policy_t p;
  rp_county_t *c;
  rp_pin_t *pins;
  size_t n_pins;
  rp_status_t st;
  size_t n_errors, n_warnings;
  char *msgs;
  char path[4200];
} run_t;

static void run_begin(run_t *r, const char *text) {
  memset(r, 0, sizeof *r);
  r->c = load_county(&r->p);
  r->s = load_ok("scn.ini", text);
  tu_snprintf(r->path, sizeof r->path, "%s", tmp_path("scn.ini"));
}

static void run_apply(run_t *r) {
  rp_diag_t d = RP_DIAG_INIT;
  r->st = rp_scenario_apply_county(r->s, &r->p, r->c, &r->pins, &r->n_pins, &d);
  r->n_errors = d.n_errors;
  r->n_warnings = d.n_warnings;
  r->msgs = diag_str(&d);
  rp_diag_clear(&d);
}

static void run(run_t *r, const char *text) {
  run_begin(r, text);
  run_apply(r);
}

static void run_ok(run_t *r, const char *text) {
  run(r, text);
  if (r->st != RP_OK)
    fail_msg("%s\n%s", rp_status_str(r->st), r->msgs);
  assert_consistent(r->c, &r->p);
}

static void run_free(run_t *r) {
  rp_scenario_free(r->s);
  rp_county_free(r->c);
  free(r->pins);
  free(r->msgs);
}

static void add_pin(run_t *r, const char *tid, rp_pin_action_t act, const char *sid) {
  r->pins = realloc(r->pins, (r->n_pins + 1) * sizeof *r->pins);
  assert_non_null(r->pins);
  long line = (long)r->n_pins + 2; /* as if from pins.csv, after its header */
  r->pins[r->n_pins] = (rp_pin_t){teacher_ix(r->c, tid), act,
                                  sid ? school_ix(r->c, sid) : 0, "pins.csv", line};
  r->n_pins++;
}

/* "path:line: " of the scenario file */
static const char *at(const run_t *r, long line) {
  static char buf[4300];
  tu_snprintf(buf, sizeof buf, "%s:%ld: ", r->path, line);
  return buf;
}

/* ---- parsing ---------------------------------------------------------------- */

static void test_parse_base(void **state) {
  (void)state;
  mkdir_tmp("sub");
  rp_scenario_t *s = load_ok("sub/what.ini",
                             "; the base of a scenario\n"
                             "[base]\n"
                             "  name = 乡村学生减少 15%\n"
                             "schools = ../data/schools.csv\n"
                             "teachers = teachers.csv\n"
                             "policy = /abs/policy.ini\n"
                             "pins = pins.csv ; inline comment\n"
                             "preferences: prefs.csv\n");
  assert_string_equal(rp_scenario_name(s), "乡村学生减少 15%");
  assert_string_equal(rp_scenario_input(s, "schools"), tmp_path("sub/../data/schools.csv"));
  assert_string_equal(rp_scenario_input(s, "teachers"), tmp_path("sub/teachers.csv"));
  assert_string_equal(rp_scenario_input(s, "policy"), "/abs/policy.ini");
  assert_string_equal(rp_scenario_input(s, "pins"), tmp_path("sub/pins.csv"));
  assert_string_equal(rp_scenario_input(s, "preferences"), tmp_path("sub/prefs.csv"));
  assert_null(rp_scenario_input(s, "bogus"));
  /* defaults */
  assert_int_equal(s->retire_by_age, 1);
  assert_int_equal(s->retire_age[0], 60);
  assert_int_equal(s->retire_age[1], 55);
  assert_int_equal(s->n_policy + s->n_enrol + s->n_schools + s->n_recruit + s->n_retirees, 0);
  rp_scenario_free(s);
  rp_scenario_free(NULL);

  /* No name: the file name without .ini; optional inputs absent. */
  s = load_ok("rural_down.ini", BASE);
  assert_string_equal(rp_scenario_name(s), "rural_down");
  assert_null(rp_scenario_input(s, "policy"));
  assert_null(rp_scenario_input(s, "pins"));
  rp_scenario_free(s);
}

static void test_parse_sections(void **state) {
  (void)state;
  rp_scenario_t *s = load_ok("all.ini",
                             BASE
                             "[policy]\n"
                             "quota_share = 0.15\n"            /* 5 */
                             "backbone_share = 0.3\n"
                             "[enrolment]\n"
                             "A01 = -15%\n"                    /* 8 */
                             "D01.junior = 800\n"
                             "rural = +10 %\n"
                             "town.小学 = -12.5%\n"
                             "all = 3%\n"
                             "[schools]\n"
                             "close.C01 = C02, A01\n"          /* 14 */
                             "merge.C02 = A01\n"
                             "open.N01 = 新城小学, urban, 460, 0, 3.5, -2\n"
                             "open.N02 = 新区中学，城区，0，120\n"
                             "[recruit]\n"
                             "pe = 3\n"                        /* 19 */
                             "音乐 = 2, 专科\n"
                             "physics = 1, master, D01.junior\n"
                             "art = 1, bachelor, A01\n"
                             "[retire]\n"
                             "age = off\n"                     /* 24 */
                             "retire_age_male = 62\n"
                             "retire_age_female = 58\n"
                             "teachers = T01, T05\n"
                             "teachers = T09\n");
  assert_int_equal(s->n_policy, 2);
  assert_string_equal(s->policy[0].key, "quota_share");
  assert_string_equal(s->policy[0].value, "0.15");
  assert_int_equal(s->policy[0].line, 5);
  assert_string_equal(s->policy[1].key, "backbone_share");

  assert_int_equal(s->n_enrol, 5);
  const rp_scn_enrol_t *e = s->enrol;
  assert_int_equal(e[0].scope, RP_ENROL_SCHOOL);
  assert_string_equal(e[0].school, "A01");
  assert_int_equal(e[0].levels, 3);
  assert_int_equal(e[0].is_count, 0);
  assert_int_equal(e[0].pct_milli, -15000);
  assert_int_equal(e[0].line, 8);
  assert_string_equal(e[1].school, "D01");
  assert_int_equal(e[1].levels, 1 << RP_JUNIOR);
  assert_int_equal(e[1].is_count, 1);
  assert_int_equal(e[1].count, 800);
  assert_int_equal(e[2].scope, RP_ENROL_AREA);
  assert_int_equal(e[2].area, RP_AREA_RURAL);
  assert_int_equal(e[2].levels, 3);
  assert_int_equal(e[2].pct_milli, 10000);
  assert_int_equal(e[3].area, RP_AREA_TOWN);
  assert_int_equal(e[3].levels, 1 << RP_PRIMARY);
  assert_int_equal(e[3].pct_milli, -12500);
  assert_int_equal(e[4].scope, RP_ENROL_ALL);
  assert_int_equal(e[4].pct_milli, 3000);

  assert_int_equal(s->n_schools, 4);
  const rp_scn_school_t *sc = s->schools;
  assert_int_equal(sc[0].action, RP_SCN_CLOSE);
  assert_string_equal(sc[0].id, "C01");
  assert_int_equal(sc[0].n_to, 2);
  assert_string_equal(sc[0].to[0], "C02");
  assert_string_equal(sc[0].to[1], "A01");
  assert_int_equal(sc[0].line, 14);
  assert_int_equal(sc[1].action, RP_SCN_MERGE);
  assert_int_equal(sc[1].n_to, 1);
  assert_string_equal(sc[1].to[0], "A01");
  assert_int_equal(sc[2].action, RP_SCN_OPEN);
  assert_string_equal(sc[2].id, "N01");
  assert_string_equal(sc[2].name, "新城小学");
  assert_int_equal(sc[2].area, RP_AREA_URBAN);
  assert_int_equal(sc[2].students[RP_PRIMARY], 460);
  assert_int_equal(sc[2].students[RP_JUNIOR], 0);
  assert_int_equal(sc[2].has_pos, 1);
  assert_true(sc[2].x_km == 3.5 && sc[2].y_km == -2);
  assert_string_equal(sc[3].name, "新区中学");
  assert_int_equal(sc[3].students[RP_JUNIOR], 120);
  assert_int_equal(sc[3].has_pos, 0);

  assert_int_equal(s->n_recruit, 4);
  const rp_scn_recruit_t *rc = s->recruit;
  assert_int_equal(rc[0].subject, RP_SUBJ_PE);
  assert_int_equal(rc[0].count, 3);
  assert_int_equal(rc[0].degree, RP_DEG_BACHELOR);
  assert_null(rc[0].school);
  assert_int_equal(rc[0].line, 19);
  assert_int_equal(rc[1].subject, RP_SUBJ_MUSIC);
  assert_int_equal(rc[1].degree, RP_DEG_ASSOCIATE);
  assert_string_equal(rc[2].school, "D01");
  assert_int_equal(rc[2].level, RP_JUNIOR);
  assert_int_equal(rc[2].degree, RP_DEG_MASTER);
  assert_string_equal(rc[3].school, "A01");
  assert_int_equal(rc[3].level, -1);

  assert_int_equal(s->retire_by_age, 0);
  assert_int_equal(s->retire_age[0], 62);
  assert_int_equal(s->retire_age[1], 58);
  assert_int_equal(s->n_retirees, 3);
  assert_string_equal(s->retirees[0].teacher, "T01");
  assert_string_equal(s->retirees[1].teacher, "T05");
  assert_string_equal(s->retirees[2].teacher, "T09");
  assert_int_equal(s->retirees[2].line, 28);
  rp_scenario_free(s);
}

static void test_parse_errors(void **state) {
  (void)state;
  size_t n;
  char *m = load_fail("bad.ini",
                      "; one defect per line\n"
                      "name = outside\n"                            /* 2 */
                      "[base]\n"
                      "schools = schools.csv\n"
                      "teachers = teachers.csv\n"
                      "colour = blue\n"                             /* 6 */
                      "schools = again.csv\n"                       /* 7 */
                      "[policy]\n"
                      "quota_share = 1.5\n"                         /* 9 */
                      "no_such_key = 1\n"                           /* 10 */
                      "min_years = 8\n"
                      "min_years = 9\n"                             /* 12 */
                      "[enrolment]\n"
                      "rural = 800\n"                               /* 14 */
                      "A01 = ten\n"                                 /* 15 */
                      "A01.primary = -150%\n"                       /* 16 */
                      "[schools]\n"
                      "shut.A01 = B01\n"                            /* 18 */
                      "close.A01 = A01\n"                           /* 19 */
                      "merge.A01 = B01, C01\n"                      /* 20 */
                      "open.N01 = 新校, downtown, 10, 0\n"          /* 21 */
                      "open.N02 = 新校, urban, 0, 0\n"              /* 22 */
                      "[recruit]\n"
                      "football = 2\n"                              /* 24 */
                      "pe = 0\n"                                    /* 25 */
                      "pe = 2, phd\n"                               /* 26 */
                      "[retire]\n"
                      "age = maybe\n"                               /* 28 */
                      "retire_age_male = 90\n"                      /* 29 */
                      "pension = 1\n"                               /* 30 */
                      "[weather]\n"                                 /* 31 */
                      "sunny = yes\n"
                      "this line has no equals sign\n"              /* 33 */
                      "[base\n",                                    /* 34 */
                      &n);
  const char *p = tmp_path("bad.ini");
  static const struct {
    long line;
    const char *msg;
  } want[] = {
      {2, "\"name\" is outside any section"},
      {6, "[base] unknown key \"colour\""},
      {7, "[base] schools is set twice (first at line 4)"},
      {9, "[policy] quota_share = 1.5: out of range [0, 1]"},
      {10, "[policy] unknown policy key \"no_such_key\""},
      {12, "[policy] min_years is set twice (first at line 11)"},
      {14, "[enrolment] rural = 800: a number of students is only for one school section"},
      {15, "[enrolment] A01 = \"ten\": expected a percentage"},
      {16, "[enrolment] A01.primary = \"-150%\": not a percentage"},
      {18, "[schools] unknown key \"shut.A01\""},
      {19, "[schools] close.A01: a school cannot send its students to itself"},
      {20, "[schools] merge.A01 = \"B01, C01\": expected one school"},
      {21, "[schools] open.N01: \"downtown\" is not an area"},
      {22, "[schools] open.N02: a new school needs students"},
      {24, "[recruit] \"football\" is not a subject"},
      {25, "[recruit] pe: count \"0\" is not a whole number from 1 to 1000"},
      {26, "[recruit] pe: \"phd\" is not a degree"},
      {28, "[retire] age = \"maybe\": expected on or off"},
      {29, "[retire] retire_age_male = \"90\": not a whole number from 40 to 80"},
      {30, "[retire] unknown key \"pension\""},
      {31, "unknown section [weather]"},
      {33, "not an INI line"},
      {34, "a section header without its closing ]"},
  };
  char buf[8192];
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    tu_snprintf(buf, sizeof buf, "%s:%ld: %s", p, want[i].line, want[i].msg);
    assert_contains(m, buf);
  }
  if (n != sizeof want / sizeof want[0])
    fail_msg("%zu errors, expected %zu:\n%s", n, sizeof want / sizeof want[0], m);
  free(m);

  /* Required inputs, after extends. */
  m = load_fail("noroster.ini", "[base]\nname = x\n", &n);
  assert_contains(m, "no schools file");
  assert_contains(m, "no teachers file");
  assert_int_equal(n, 2);
  free(m);

  /* A line longer than inih holds, and a missing file. */
  char longl[400];
  tu_snprintf(longl, sizeof longl, BASE "[retire]\nteachers = %0250d\n", 7);
  m = load_fail("long.ini", longl, &n);
  tu_snprintf(buf, sizeof buf, "%s:5: line too long", tmp_path("long.ini"));
  assert_contains(m, buf);
  assert_int_equal(n, 1);
  free(m);
  m = load_fail_path(tmp_path("missing.ini"), RP_EIO, &n);
  assert_contains(m, "cannot open");
  free(m);
}

/* ---- extends ---------------------------------------------------------------- */

static void test_extends(void **state) {
  (void)state;
  mkdir_tmp("fam");
  mkdir_tmp("fam/what");
  tu_write("fam/base.ini",
           "[base]\n"
           "name = 基线\n"
           "schools = data/schools.csv\n"
           "teachers = data/teachers.csv\n"
           "policy = policy.ini\n"
           "[policy]\n"
           "quota_share = 0.15\n"
           "min_years = 8\n"
           "[enrolment]\n"
           "rural = -10%\n"
           "[recruit]\n"
           "pe = 2\n"
           "[retire]\n"
           "retire_age_female = 50\n"
           "age = off\n");
  rp_scenario_t *s = load_ok("fam/what/child.ini",
                             "[base]\n"
                             "extends = ../base.ini\n"
                             "schools = s2.csv\n"
                             "[policy]\n"
                             "quota_share = 0.2\n"
                             "[enrolment]\n"
                             "rural = -5%\n"
                             "[recruit]\n"
                             "music = 1\n"
                             "[retire]\n"
                             "age = on\n"
                             "teachers = T01\n");
  /* name is not inherited; inputs resolved against the file naming them */
  assert_string_equal(rp_scenario_name(s), "child");
  assert_string_equal(rp_scenario_input(s, "schools"), tmp_path("fam/what/s2.csv"));
  assert_string_equal(rp_scenario_input(s, "teachers"), tmp_path("fam/what/../data/teachers.csv"));
  assert_string_equal(rp_scenario_input(s, "policy"), tmp_path("fam/what/../policy.ini"));
  assert_null(rp_scenario_input(s, "pins"));
  assert_int_equal(s->n_files, 2);
  assert_string_equal(s->files[0], tmp_path("fam/what/../base.ini"));
  /* [policy]: both kept, base first, so the child's value wins */
  assert_int_equal(s->n_policy, 3);
  assert_string_equal(s->policy[0].key, "quota_share");
  assert_string_equal(s->policy[0].file, s->files[0]);
  assert_string_equal(s->policy[2].value, "0.2");
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_scenario_apply_policy(s, &p, &d), RP_OK);
  assert_true(p.quota_share == 0.2);
  assert_int_equal(p.min_years, 8);
  rp_diag_clear(&d);
  /* entries accumulate, base first; retire settings override */
  assert_int_equal(s->n_enrol, 2);
  assert_int_equal(s->enrol[0].pct_milli, -10000);
  assert_int_equal(s->enrol[1].pct_milli, -5000);
  assert_int_equal(s->n_recruit, 2);
  assert_int_equal(s->recruit[0].subject, RP_SUBJ_PE);
  assert_int_equal(s->recruit[1].subject, RP_SUBJ_MUSIC);
  assert_int_equal(s->retire_by_age, 1);
  assert_int_equal(s->retire_age[0], 60);
  assert_int_equal(s->retire_age[1], 50);
  assert_int_equal(s->n_retirees, 1);

  /* Applied: rural -10% then -5%: C02 200 -> 180 -> 171; C01 121 -> 108.9
   * -> 109 -> 103.55 -> 104. */
  rp_county_t *c = load_county(&p);
  rp_pin_t *pins = NULL;
  size_t n_pins = 0;
  rp_scenario_t only_enrol = *s;
  only_enrol.n_recruit = only_enrol.n_retirees = 0;
  only_enrol.retire_by_age = 0;
  assert_int_equal(rp_scenario_apply_county(&only_enrol, &p, c, &pins, &n_pins, &d), RP_OK);
  assert_int_equal(school(c, "C02")->students[RP_PRIMARY], 171);
  assert_int_equal(school(c, "C01")->students[RP_PRIMARY], 104);
  assert_int_equal(school(c, "A01")->students[RP_PRIMARY], 900);
  rp_diag_clear(&d);
  rp_county_free(c);
  free(pins);
  rp_scenario_free(s);

  /* A name given by the child is its own. */
  s = load_ok("fam/named.ini", "[base]\nextends = base.ini\nname = 十五%\n");
  assert_string_equal(rp_scenario_name(s), "十五%");
  assert_string_equal(rp_scenario_input(s, "schools"), tmp_path("fam/data/schools.csv"));
  rp_scenario_free(s);
}

static void test_extends_errors(void **state) {
  (void)state;
  size_t n;
  mkdir_tmp("cyc");
  tu_write("cyc/a.ini", "[base]\nextends = b.ini\n" "schools = s.csv\nteachers = t.csv\n");
  tu_write("cyc/b.ini", "; b\n[base]\nextends = a.ini\n");
  char *m = load_fail_path(tmp_path("cyc/a.ini"), RP_EINPUT, &n);
  char want[8192];
  tu_snprintf(want, sizeof want, "%s:3: extends cycle: %s -> %s -> %s", tmp_path("cyc/b.ini"),
           tmp_path("cyc/a.ini"), tmp_path("cyc/b.ini"), tmp_path("cyc/a.ini"));
  assert_contains(m, want);
  assert_int_equal(n, 1);
  free(m);

  tu_write("cyc/self.ini", BASE "extends = ./self.ini\n");
  m = load_fail_path(tmp_path("cyc/self.ini"), RP_EINPUT, &n);
  tu_snprintf(want, sizeof want, "%s:4: extends cycle: %s -> %s", tmp_path("cyc/self.ini"),
           tmp_path("cyc/self.ini"), tmp_path("cyc/./self.ini"));
  assert_contains(m, want);
  assert_int_equal(n, 1);
  free(m);

  /* A missing parent is reported at the extends line; errors in a parent
   * name the parent. */
  m = load_fail("cyc/orphan.ini", BASE "extends = nothere.ini\n", &n);
  tu_snprintf(want, sizeof want, "%s:4: cannot open %s", tmp_path("cyc/orphan.ini"),
           tmp_path("cyc/nothere.ini"));
  assert_contains(m, want);
  free(m);
  /* A folder named by extends: refused at the extends line, unread. */
  mkdir_tmp("cyc/folder.ini");
  m = load_fail("cyc/kid_of_folder.ini", BASE "extends = folder.ini\n", &n);
  tu_snprintf(want, sizeof want, "%s:4: %s is a folder, not a file",
              tmp_path("cyc/kid_of_folder.ini"), tmp_path("cyc/folder.ini"));
  assert_contains(m, want);
  free(m);
  tu_write("cyc/badparent.ini", BASE "[policy]\nmin_years = many\n");
  m = load_fail("cyc/kid.ini", "[base]\nextends = badparent.ini\n[policy]\nterm_years = 99\n",
                &n);
  tu_snprintf(want, sizeof want, "%s:5: [policy] min_years = \"many\": not a whole number",
           tmp_path("cyc/badparent.ini"));
  assert_contains(m, want);
  tu_snprintf(want, sizeof want, "%s:4: [policy] term_years = 99: out of range",
           tmp_path("cyc/kid.ini"));
  assert_contains(m, want);
  assert_int_equal(n, 2);
  free(m);
}

/* ---- [policy] ----------------------------------------------------------------- */

static void test_apply_policy(void **state) {
  (void)state;
  rp_scenario_t *s = load_ok("pol.ini", BASE "[policy]\nquota_share = 0.15\nbackbone_share = 0.3\n"
                                            "min_years = 9\nbackbone_base = eligible_backbone\n");
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_scenario_apply_policy(s, &p, &d), RP_OK);
  assert_true(p.quota_share == 0.15);
  assert_true(p.backbone_share == 0.3);
  assert_int_equal(p.min_years, 9);
  assert_int_equal(p.backbone_base, RP_BASE_ELIGIBLE_BACKBONE);
  rp_scenario_free(s);

  /* Cross-key check: the policy is left as it was. */
  s = load_ok("pol2.ini", BASE "[policy]\nmin_years = 3\nquota_max_share = 0.05\n");
  rp_policy_default(&p, 2026);
  assert_int_equal(rp_scenario_apply_policy(s, &p, &d), RP_EINPUT);
  assert_int_equal(p.min_years, 6);
  char *m = diag_str(&d);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s:6: [policy] quota_max_share 0.05 is below quota_share 0.1",
           tmp_path("pol2.ini"));
  assert_contains(m, want);
  free(m);
  rp_diag_clear(&d);
  rp_scenario_free(s);
}

/* ---- [enrolment] -------------------------------------------------------------- */

static void test_enrol_school(void **state) {
  (void)state;
  run_t r;
  run_ok(&r, BASE "[retire]\nage = off\n"
                  "[enrolment]\n"
                  "A01 = +10%\n"        /* 900 -> 990; 20 classes -> ceil(22) = 22 */
                  "C02 = -0.25%\n"      /* 199.5 -> 200 (half away from zero) */
                  "B01 = 700\n"         /* one section: 700; ceil(700*13/650 = 14) */
                  "D01.junior = 260\n"  /* ceil(260*5/200 = 6.5) = 7 */
                  "C01 = 0\n"           /* 0 students, 0 classes */
                  "D01.primary = +0.1%\n"); /* 300.3 -> 300; classes 8 */
  const rp_county_t *c = r.c;
  assert_int_equal(school(c, "A01")->students[RP_PRIMARY], 990);
  assert_int_equal(school(c, "A01")->classes[RP_PRIMARY], 22);
  assert_int_equal(school(c, "C02")->students[RP_PRIMARY], 200);
  assert_int_equal(school(c, "C02")->classes[RP_PRIMARY], 8);
  assert_int_equal(school(c, "B01")->students[RP_JUNIOR], 700);
  assert_int_equal(school(c, "B01")->classes[RP_JUNIOR], 14);
  assert_int_equal(school(c, "B01")->students[RP_PRIMARY], 0);
  assert_int_equal(school(c, "B01")->classes[RP_PRIMARY], 0);
  assert_int_equal(school(c, "D01")->students[RP_JUNIOR], 260);
  assert_int_equal(school(c, "D01")->classes[RP_JUNIOR], 7);
  assert_int_equal(school(c, "D01")->students[RP_PRIMARY], 300);
  assert_int_equal(school(c, "D01")->classes[RP_PRIMARY], 8);
  assert_int_equal(school(c, "C01")->students[RP_PRIMARY], 0);
  assert_int_equal(school(c, "C01")->classes[RP_PRIMARY], 0);
  assert_int_equal(c->n_teachers, 11);
  assert_int_equal(r.n_warnings, 0);
  run_free(&r);

  /* A new section of a school gets the default class size (50 junior). */
  run_ok(&r, BASE "[enrolment]\nA01.junior = 101\n");
  assert_int_equal(school(r.c, "A01")->students[RP_JUNIOR], 101);
  assert_int_equal(school(r.c, "A01")->classes[RP_JUNIOR], 3);
  run_free(&r);
}

static void test_enrol_area_level(void **state) {
  (void)state;
  run_t r;
  run_ok(&r, BASE "[enrolment]\n"
                  "rural.primary = -50%\n"   /* C01 60.5 -> 61, ceil(61*6/121) = 4; C02 100, 4 */
                  "all.junior = +10%\n"      /* B01 715, ceil(14.3) = 15; D01 220, ceil(5.5) = 6 */
                  "town.primary = -10%\n");  /* D01 270, ceil(7.2) = 8 */
  const rp_county_t *c = r.c;
  assert_int_equal(school(c, "C01")->students[RP_PRIMARY], 61);
  assert_int_equal(school(c, "C01")->classes[RP_PRIMARY], 4);
  assert_int_equal(school(c, "C02")->students[RP_PRIMARY], 100);
  assert_int_equal(school(c, "C02")->classes[RP_PRIMARY], 4);
  assert_int_equal(school(c, "B01")->students[RP_JUNIOR], 715);
  assert_int_equal(school(c, "B01")->classes[RP_JUNIOR], 15);
  assert_int_equal(school(c, "D01")->students[RP_JUNIOR], 220);
  assert_int_equal(school(c, "D01")->classes[RP_JUNIOR], 6);
  assert_int_equal(school(c, "D01")->students[RP_PRIMARY], 270);
  assert_int_equal(school(c, "D01")->classes[RP_PRIMARY], 8);
  assert_int_equal(school(c, "A01")->students[RP_PRIMARY], 900); /* urban: untouched */
  assert_int_equal(school(c, "A01")->classes[RP_PRIMARY], 20);
  assert_int_equal(school(c, "B01")->students[RP_PRIMARY], 0);   /* no section made */
  run_free(&r);

  /* all = -100%: every section empty. */
  run_ok(&r, BASE "[enrolment]\nall = -100%\n");
  for (size_t i = 0; i < r.c->n_schools; i++)
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      assert_int_equal(r.c->schools[i].students[lv], 0);
      assert_int_equal(r.c->schools[i].classes[lv], 0);
    }
  run_free(&r);
}

static void test_enrol_errors(void **state) {
  (void)state;
  run_t r;
  run(&r, BASE "[enrolment]\n"
               "Z99 = -5%\n"        /* 5 */
               "D01 = 100\n"        /* 6: two sections */
               "urban.junior = -5%\n"); /* 7: matches nothing (warning) */
  assert_int_equal(r.st, RP_EINPUT);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s[enrolment] Z99: unknown school \"Z99\"", at(&r, 5));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[enrolment] D01 = 100: school \"D01\" has a primary and a "
           "junior section: write D01.primary or D01.junior", at(&r, 6));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%swarning: [enrolment] urban.junior: no school section", at(&r, 7));
  assert_contains(r.msgs, want);
  assert_int_equal(r.n_errors, 2);
  run_free(&r);
}

/* ---- [schools] -------------------------------------------------------------- */

static void test_close(void **state) {
  (void)state;
  run_t r;
  run_begin(&r, BASE "[retire]\nage = off\n[schools]\nclose.C01 = C02, A01\n");
  add_pin(&r, "T09", RP_PIN_STAY, NULL);
  add_pin(&r, "T07", RP_PIN_TO, "D01"); /* kept: a `to` pin already moves */
  run_apply(&r);
  if (r.st != RP_OK)
    fail_msg("%s", r.msgs);
  const rp_county_t *c = r.c;
  /* 121 primary students: 61 to C02 (listed first), 60 to A01 */
  assert_int_equal(school(c, "C02")->students[RP_PRIMARY], 261);
  assert_int_equal(school(c, "C02")->classes[RP_PRIMARY], 11); /* ceil(261*8/200) */
  assert_int_equal(school(c, "A01")->students[RP_PRIMARY], 960);
  assert_int_equal(school(c, "A01")->classes[RP_PRIMARY], 22); /* ceil(960*20/900) */
  const rp_school_t *cl = school(c, "C01");
  assert_int_equal(cl->students[RP_PRIMARY] + cl->students[RP_JUNIOR], 0);
  assert_int_equal(cl->classes[RP_PRIMARY] + cl->classes[RP_JUNIOR], 0);
  assert_int_equal(c->n_schools, 5);
  /* its teachers stay there, pinned to move, and are eligible */
  assert_string_equal(school_of(c, "T06"), "C01");
  assert_int_equal(r.n_pins, 4);
  assert_string_equal(c->teachers[r.pins[0].teacher].id, "T09");
  assert_int_equal(r.pins[0].action, RP_PIN_STAY);
  assert_string_equal(c->teachers[r.pins[1].teacher].id, "T07");
  assert_int_equal(r.pins[1].action, RP_PIN_TO);
  assert_string_equal(c->schools[r.pins[1].school].id, "D01");
  const char *moved[] = {"T06", "T08"};
  for (int k = 0; k < 2; k++) {
    const rp_pin_t *pin = &r.pins[2 + k];
    assert_string_equal(c->teachers[pin->teacher].id, moved[k]);
    assert_int_equal(pin->action, RP_PIN_MOVE);
    assert_string_equal(pin->file, r.path);
    assert_int_equal(pin->line, 7);
  }
  for (const char *const *id = (const char *const[]){"T06", "T07", "T08", NULL}; *id; id++) {
    const char *why = NULL;
    if (!rp_teacher_eligible(&r.p, teacher(c, *id), &why))
      fail_msg("%s is not eligible: %s", *id, why);
  }
  /* Eligible through the closing flag; the teachers' own data stay true. */
  for (const char *const *id = (const char *const[]){"T06", "T07", "T08", NULL}; *id; id++)
    assert_int_equal(teacher(c, *id)->closing, 1);
  assert_string_equal(teacher(c, "T08")->exempt, "怀孕");
  assert_int_equal(teacher(c, "T07")->school_since, 2024);
  assert_int_equal(teacher(c, "T06")->school_since, 2000);
  assert_int_equal(teacher(c, "T06")->birth_year, 1969);
  assert_int_equal(teacher(c, "T09")->closing, 0);
  /* others untouched */
  assert_int_equal(teacher(c, "T09")->last_rotated_year, 2024);
  char want[4400];
  tu_snprintf(want, sizeof want, "%swarning: [schools] close.C01: a closure moves all 3 teachers; "
           "the exemptions of 3", at(&r, 7));
  assert_contains(r.msgs, want);
  run_free(&r);

  /* A nine-year school into a primary and a junior school: each level to
   * the listed schools that have it. */
  run_ok(&r, BASE "[retire]\nage = off\n[schools]\nclose.D01 = A01, B01\n");
  assert_int_equal(school(r.c, "A01")->students[RP_PRIMARY], 1200);
  assert_int_equal(school(r.c, "B01")->students[RP_JUNIOR], 850);
  assert_int_equal(school(r.c, "B01")->classes[RP_JUNIOR], 17); /* ceil(850*13/650) */
  assert_int_equal(r.n_pins, 2);
  run_free(&r);
}

static void test_close_errors(void **state) {
  (void)state;
  run_t r;
  run_begin(&r, BASE "[schools]\n"
                     "close.B01 = A01\n"        /* 5: A01 has no junior section */
                     "close.C01 = C02\n"        /* 6: T06 pinned to stay */
                     "close.Z01 = A01\n"        /* 7 */
                     "close.A01 = Z02\n"        /* 8 */
                     "merge.C02 = C01\n");      /* 9: fine, the closure of C01 failed */
  add_pin(&r, "T06", RP_PIN_STAY, NULL);
  add_pin(&r, "T10", RP_PIN_TO, "A01");
  run_apply(&r);
  assert_int_equal(r.st, RP_EINPUT);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s[schools] close.B01: none of the listed schools has a junior "
           "section for the 650 junior students", at(&r, 5));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[schools] close.C01: teacher \"T06\" is pinned to stay "
           "(pins.csv:2), but the school closes", at(&r, 6));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[schools] close: unknown school \"Z01\"", at(&r, 7));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[schools] close: unknown school \"Z02\"", at(&r, 8));
  assert_contains(r.msgs, want);
  assert_int_equal(r.n_errors, 4);
  run_free(&r);

  /* After a closure: the closed school cannot take part again, and pins to
   * it are errors. */
  run_begin(&r, BASE "[retire]\nage = off\n[schools]\nclose.C01 = C02\nmerge.C02 = C01\n"
                     "close.C02 = C01\n");
  add_pin(&r, "T10", RP_PIN_TO, "C01");
  run_apply(&r);
  assert_int_equal(r.st, RP_EINPUT);
  tu_snprintf(want, sizeof want, "%s[schools] close.C01: teacher \"T10\" is pinned to move to "
           "\"C01\" (pins.csv:2), which closes", at(&r, 7));
  assert_contains(r.msgs, want);
  run_free(&r);
  run_begin(&r, BASE "[retire]\nage = off\n[schools]\nclose.C01 = C02\nmerge.C02 = C01\n"
                     "close.C02 = C01\n");
  run_apply(&r);
  tu_snprintf(want, sizeof want, "%s[schools] merge: school \"C01\" is closed (%s:7)", at(&r, 8),
           r.path);
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[schools] close: school \"C01\" is closed", at(&r, 9));
  assert_contains(r.msgs, want);
  assert_int_equal(r.n_errors, 2);
  run_free(&r);
}

static void test_merge(void **state) {
  (void)state;
  run_t r;
  run_begin(&r, BASE "[retire]\nage = off\n[schools]\nmerge.C01 = C02\n");
  add_pin(&r, "T10", RP_PIN_TO, "C01");
  add_pin(&r, "T01", RP_PIN_NOT_TO, "D01");
  add_pin(&r, "T11", RP_PIN_MOVE, NULL);
  run_apply(&r);
  if (r.st != RP_OK)
    fail_msg("%s", r.msgs);
  assert_consistent(r.c, &r.p);
  const rp_county_t *c = r.c;
  assert_int_equal(c->n_schools, 4);
  assert_int_equal(rp_county_find_school(c, "C01"), (size_t)-1);
  assert_int_equal(school(c, "C02")->students[RP_PRIMARY], 321);
  assert_int_equal(school(c, "C02")->classes[RP_PRIMARY], 14);
  static const char *const where[][2] = {
      {"T01", "A01"}, {"T02", "A01"}, {"T03", "A01"}, {"T04", "B01"}, {"T05", "B01"},
      {"T06", "C02"}, {"T07", "C02"}, {"T08", "C02"}, {"T09", "C02"}, {"T10", "D01"},
      {"T11", "D01"}};
  for (size_t k = 0; k < sizeof where / sizeof where[0]; k++)
    assert_string_equal(school_of(c, where[k][0]), where[k][1]);
  assert_int_equal(teacher(c, "T06")->school_since, 2000); /* unchanged */
  assert_string_equal(teacher(c, "T08")->exempt, "怀孕");
  assert_int_equal(r.n_pins, 3);
  assert_string_equal(c->schools[r.pins[0].school].id, "C02");
  assert_string_equal(c->schools[r.pins[1].school].id, "D01");
  assert_string_equal(c->teachers[r.pins[2].teacher].id, "T11");
  run_free(&r);

  /* Into a school earlier in the array: a nine-year school into B01. */
  run_ok(&r, BASE "[retire]\nage = off\n[schools]\nmerge.D01 = B01\n");
  assert_int_equal(r.c->n_schools, 4);
  assert_int_equal(school(r.c, "B01")->students[RP_PRIMARY], 300);
  assert_int_equal(school(r.c, "B01")->students[RP_JUNIOR], 850);
  assert_int_equal(school(r.c, "B01")->classes[RP_JUNIOR], 18);
  assert_string_equal(school_of(r.c, "T10"), "B01");
  assert_string_equal(school_of(r.c, "T11"), "B01");
  assert_string_equal(school_of(r.c, "T09"), "C02");
  run_free(&r);

  run(&r, BASE "[schools]\nmerge.C01 = Z09\n");
  assert_int_equal(r.st, RP_EINPUT);
  assert_contains(r.msgs, "[schools] merge: unknown school \"Z09\"");
  run_free(&r);
}

static void test_open(void **state) {
  (void)state;
  run_t r;
  run_ok(&r, BASE "[retire]\nage = off\n[schools]\n"
                  "open.E01 = 新城小学, urban, 460, 0, 3.5, -2\n"
                  "open.A00 = 新区中学，城区，0，120\n");
  const rp_county_t *c = r.c;
  assert_int_equal(c->n_schools, 7);
  assert_string_equal(c->schools[0].id, "A00"); /* id order kept */
  const rp_school_t *e = school(c, "E01");
  assert_string_equal(e->name, "新城小学");
  assert_int_equal(e->area, RP_AREA_URBAN);
  assert_int_equal(e->students[RP_PRIMARY], 460);
  assert_int_equal(e->classes[RP_PRIMARY], 11);
  assert_int_equal(e->students[RP_JUNIOR], 0);
  assert_int_equal(e->classes[RP_JUNIOR], 0);
  assert_int_equal(e->weak + e->teaching_point + e->other_staff, 0);
  assert_string_equal(e->group, "");
  assert_int_equal(e->has_pos, 1);
  assert_true(e->x_km == 3.5 && e->y_km == -2);
  const rp_school_t *a = school(c, "A00");
  assert_int_equal(a->students[RP_JUNIOR], 120);
  assert_int_equal(a->classes[RP_JUNIOR], 3);
  assert_int_equal(a->has_pos, 0);
  for (size_t k = 0; k < c->n_teachers; k++) {
    assert_string_not_equal(c->schools[c->teachers[k].school].id, "E01");
    assert_string_not_equal(c->schools[c->teachers[k].school].id, "A00");
  }
  assert_string_equal(school_of(c, "T01"), "A01"); /* indices moved with the sort */
  assert_string_equal(school_of(c, "T11"), "D01");
  assert_contains(r.msgs, "open.A00: no position");
  run_free(&r);

  run(&r, BASE "[schools]\nopen.B01 = 又一所, town, 10, 0\n");
  assert_int_equal(r.st, RP_EINPUT);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s[schools] open.B01: school \"B01\" already exists", at(&r, 5));
  assert_contains(r.msgs, want);
  run_free(&r);
}

/* ---- [recruit] -------------------------------------------------------------- */

static void test_recruit(void **state) {
  (void)state;
  run_t r;
  /* PE+arts gaps (need - count, 0.9 per 100): A01 9-1 = 8, B01 6-0 = 6,
   * others 2 or 3.  Staffing gaps after the retirements of T02 and T04:
   * A01 48-2 = 46, B01 49-1 = 48.  So: A01 (8), A01 (7), then 6 = 6 and B01
   * has the larger staffing gap, then A01 (6 > 5). */
  run_ok(&r, BASE "[recruit]\n"
                  "pe = 4\n"
                  "physics = 1\n"                  /* junior degree gap: B01 35-1, D01 11-1 */
                  "art = 2, associate, D01\n"      /* D01 has primary: there */
                  "chinese = 1, master, D01.junior\n");
  const rp_county_t *c = r.c;
  assert_int_equal(c->n_teachers, 9 + 8);
  static const char *const where[][3] = {
      {"R0001", "A01", "primary"}, {"R0002", "A01", "primary"}, {"R0003", "B01", "junior"},
      {"R0004", "A01", "primary"}, {"R0005", "B01", "junior"},  {"R0006", "D01", "primary"},
      {"R0007", "D01", "primary"}, {"R0008", "D01", "junior"}};
  for (size_t k = 0; k < sizeof where / sizeof where[0]; k++) {
    const rp_teacher_t *t = teacher(c, where[k][0]);
    if (strcmp(c->schools[t->school].id, where[k][1]) != 0 ||
        strcmp(rp_level_name(t->level), where[k][2]) != 0)
      fail_msg("%s at %s %s, expected %s %s", t->id, c->schools[t->school].id,
               rp_level_name(t->level), where[k][1], where[k][2]);
  }
  const rp_teacher_t *t = teacher(c, "R0001");
  char name[64];
  tu_snprintf(name, sizeof name, "新教师%s", t->id);
  assert_string_equal(t->name, name);
  assert_int_equal(t->subject, RP_SUBJ_PE);
  assert_int_equal(t->gender, 'F');
  assert_int_equal(t->birth_year, 2003);
  assert_int_equal(t->school_since, 2026);
  assert_int_equal(t->degree, RP_DEG_BACHELOR);
  assert_int_equal(t->backbone, RP_BB_NONE);
  assert_int_equal(t->role, RP_ROLE_TEACHER);
  assert_string_equal(t->exempt, "新招聘");
  assert_false(rp_teacher_eligible(&r.p, t, NULL));
  assert_int_equal(teacher(c, "R0005")->subject, RP_SUBJ_PHYSICS);
  assert_int_equal(teacher(c, "R0006")->degree, RP_DEG_ASSOCIATE);
  assert_int_equal(teacher(c, "R0008")->degree, RP_DEG_MASTER);
  run_free(&r);

  /* No indicator counts (a secondary-degree IT teacher): the largest
   * staffing gap, B01 junior (49-2 = 47 against A01's 48-3 = 45). */
  run_ok(&r, BASE "[retire]\nage = off\n[recruit]\nit = 1, secondary\n");
  assert_string_equal(school_of(r.c, "R0001"), "B01");
  run_free(&r);
}

static void test_recruit_errors(void **state) {
  (void)state;
  run_t r;
  run(&r, BASE "[recruit]\n"
               "physics = 1, bachelor, C01\n"   /* 5 */
               "math = 1, bachelor, ZZZ\n"      /* 6 */
               "math = 1, bachelor, B01.primary\n" /* 7 */
               "physics = 1, bachelor, C01.primary\n"); /* 8 */
  assert_int_equal(r.st, RP_EINPUT);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s[recruit] physics: school \"C01\" has no junior section",
           at(&r, 5));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[recruit] physics is taught at junior level only, not at C01 "
           "primary", at(&r, 8));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[recruit]: unknown school \"ZZZ\"", at(&r, 6));
  assert_contains(r.msgs, want);
  tu_snprintf(want, sizeof want, "%s[recruit] math: school \"B01\" has no primary section",
           at(&r, 7));
  assert_contains(r.msgs, want);
  assert_int_equal(r.n_errors, 4);
  run_free(&r);
}

/* ---- limits ------------------------------------------------------------------- */

/* The messages of r contain `msg` at line `line` of the scenario file. */
static void assert_said_at(const run_t *r, long line, const char *msg) {
  char want[4400];
  tu_snprintf(want, sizeof want, "%s%s", at(r, line), msg);
  assert_contains(r->msgs, want);
}

/* 11 lines of `pe = 1000` would recruit 11,000 teachers: refused at the line
 * that crosses RP_MAX_RECRUITS, before any is made. */
static void test_limit_recruits(void **state) {
  (void)state;
  static char text[4096];
  int n = snprintf(text, sizeof text, BASE "[recruit]\n");
  for (int k = 0; k < 11; k++)
    n += snprintf(text + n, sizeof text - (size_t)n, "pe = 1000\n");
  run_t r;
  run(&r, text);
  assert_int_equal(r.st, RP_ELIMIT);
  assert_said_at(&r, 15, "[recruit] pe = 1000: the scenario recruits more than 10000 teachers "
                         "(RP_MAX_RECRUITS)");
  assert_int_equal(r.n_errors, 1);
  assert_int_equal(r.c->n_teachers, 11);
  run_free(&r);
}

/* 1,001 `open.` lines: refused at the 1,001st (RP_MAX_OPENED_SCHOOLS). */
static void test_limit_opened_schools(void **state) {
  (void)state;
  size_t size = 64 * 1024;
  char *text = malloc(size);
  assert_non_null(text);
  int n = snprintf(text, size, BASE "[schools]\n");
  for (int k = 1; k <= 1001; k++)
    n += snprintf(text + n, size - (size_t)n, "open.N%04d = new, town, 100, 0\n", k);
  run_t r;
  run(&r, text);
  free(text);
  assert_int_equal(r.st, RP_ELIMIT);
  assert_said_at(&r, 1005, "[schools] open.N1001: the scenario opens more than 1000 schools "
                           "(RP_MAX_OPENED_SCHOOLS)");
  assert_int_equal(r.c->n_schools, 5);
  run_free(&r);
}

/* A merge or a closure may not take a section past RP_MAX_SECTION_STUDENTS
 * (repeated merges into one school would overflow an int). */
static void test_limit_section_students(void **state) {
  (void)state;
  run_t r;
  run(&r, BASE "[enrolment]\nA01 = 100000\n"  /* 5 */
               "[schools]\n"
               "merge.C01 = A01\n"              /* 7 */
               "close.C02 = A01\n");            /* 8 */
  assert_int_equal(r.st, RP_EINPUT);
  assert_said_at(&r, 7, "[schools] merge.C01: A01 primary would have 100121 students (at most "
                        "100000, RP_MAX_SECTION_STUDENTS)");
  assert_said_at(&r, 8, "[schools] close.C02: A01 primary would have 100200 students (at most "
                        "100000, RP_MAX_SECTION_STUDENTS)");
  assert_int_equal(school(r.c, "A01")->students[RP_PRIMARY], 100000);
  run_free(&r);
}

/* ---- [retire] ---------------------------------------------------------------- */

static void test_retire(void **state) {
  (void)state;
  run_t r;
  /* By age (default on, 60 / 55): T02 (F 56) and T04 (M 60); not T06 (M 57). */
  run_begin(&r, BASE);
  add_pin(&r, "T05", RP_PIN_STAY, NULL);
  add_pin(&r, "T04", RP_PIN_MOVE, NULL);
  add_pin(&r, "T10", RP_PIN_TO, "C02");
  run_apply(&r);
  if (r.st != RP_OK)
    fail_msg("%s", r.msgs);
  assert_consistent(r.c, &r.p);
  assert_int_equal(r.c->n_teachers, 9);
  assert_false(has_teacher(r.c, "T02"));
  assert_false(has_teacher(r.c, "T04"));
  assert_true(has_teacher(r.c, "T06"));
  assert_string_equal(school_of(r.c, "T11"), "D01");
  assert_int_equal(r.n_pins, 2);
  assert_string_equal(r.c->teachers[r.pins[0].teacher].id, "T05");
  assert_string_equal(r.c->teachers[r.pins[1].teacher].id, "T10");
  assert_string_equal(r.c->schools[r.pins[1].school].id, "C02");
  assert_contains(r.msgs, "pins.csv:3: warning: teacher \"T04\" retires in scenario");
  run_free(&r);

  /* Off, and named teachers only. */
  run_ok(&r, BASE "[retire]\nage = off\nteachers = T05, T01\n");
  assert_int_equal(r.c->n_teachers, 9);
  assert_false(has_teacher(r.c, "T05"));
  assert_false(has_teacher(r.c, "T01"));
  assert_true(has_teacher(r.c, "T02"));
  assert_true(has_teacher(r.c, "T04"));
  run_free(&r);

  /* Other ages. */
  run_ok(&r, BASE "[retire]\nretire_age_male = 57\nretire_age_female = 57\n");
  assert_int_equal(r.c->n_teachers, 9);
  assert_false(has_teacher(r.c, "T04"));
  assert_false(has_teacher(r.c, "T06"));
  assert_true(has_teacher(r.c, "T02")); /* F 56 < 57 */
  run_free(&r);

  run(&r, BASE "[retire]\nteachers = T01\nteachers = T99\n");
  assert_int_equal(r.st, RP_EINPUT);
  char want[4400];
  tu_snprintf(want, sizeof want, "%s[retire] teachers: unknown teacher \"T99\"", at(&r, 6));
  assert_contains(r.msgs, want);
  assert_int_equal(r.n_errors, 1);
  run_free(&r);
}

/* Retirements come before a closure: a retiree of the closed school is not
 * pinned, and the ages of the others are judged before exemptions lift. */
static void test_order_retire_then_close(void **state) {
  (void)state;
  run_t r;
  run_ok(&r, BASE "[retire]\nretire_age_male = 57\n[schools]\nclose.C01 = C02\n");
  assert_false(has_teacher(r.c, "T06"));
  assert_int_equal(r.n_pins, 2);
  for (size_t q = 0; q < r.n_pins; q++)
    assert_string_not_equal(r.c->teachers[r.pins[q].teacher].id, "T06");
  assert_not_contains(r.msgs, "T06");
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_base),
      cmocka_unit_test(test_parse_sections),
      cmocka_unit_test(test_parse_errors),
      cmocka_unit_test(test_extends),
      cmocka_unit_test(test_extends_errors),
      cmocka_unit_test(test_apply_policy),
      cmocka_unit_test(test_enrol_school),
      cmocka_unit_test(test_enrol_area_level),
      cmocka_unit_test(test_enrol_errors),
      cmocka_unit_test(test_close),
      cmocka_unit_test(test_close_errors),
      cmocka_unit_test(test_merge),
      cmocka_unit_test(test_open),
      cmocka_unit_test(test_recruit),
      cmocka_unit_test(test_recruit_errors),
      cmocka_unit_test(test_limit_recruits),
      cmocka_unit_test(test_limit_opened_schools),
      cmocka_unit_test(test_limit_section_students),
      cmocka_unit_test(test_retire),
      cmocka_unit_test(test_order_retire_then_close),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
