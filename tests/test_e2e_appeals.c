/* End to end: the appeal round on the demo county (docs/model.md,
 * "Stability: an appeal round").  `plan --previous DIR` alone reproduces
 * every row of the previous list; five accepted `stay` appeals change
 * exactly the ten rows they force (each appellant's row out, one
 * replacement in), where the same five teachers pinned without --previous
 * reshuffle most of the list; a `not_to` appeal does not send the teacher
 * elsewhere unasked; appeals.csv and the printed lines say what each appeal
 * costs alone; an appeal no plan can grant is named; CBC confirms the
 * stability stage's optimum; the previous plan is never overwritten; the
 * kept rows say so in why_this_teacher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

#define DEMO "--schools '%s' --teachers '%s' --policy '%s'"
#define DEMO_ARGS                                                                          \
  tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"), \
      tu_src("scenarios/demo/county/policy.ini")

enum { MAXROWS = 400 };

/* The data rows of DIR/rotation_list.csv, sorted, each cut after its first
 * 12 fields (teacher_id ... reason: no quoting there), the decision a row
 * states; kept_words counts the rows whose why_this_teacher is the previous
 * plan. */
typedef struct {
  char *text;
  char *row[MAXROWS];
  int n, kept_words;
} list_t;

static int row_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_list(const char *dir, list_t *l) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  l->text = tu_read(path);
  assert_non_null(l->text);
  l->n = 0;
  char *save = NULL;
  strtok_r(l->text, "\n", &save); /* header */
  l->kept_words = 0;
  for (char *line = strtok_r(NULL, "\n", &save); line && l->n < MAXROWS;
       line = strtok_r(NULL, "\n", &save)) {
    l->kept_words += strstr(line, ",kept from the previous plan: ") != NULL;
    char *c = line;
    for (int f = 0; f < 12 && c; f++)
      c = strchr(c + (f > 0), ',');
    if (c)
      *c = '\0';
    l->row[l->n++] = line;
  }
  qsort(l->row, (size_t)l->n, sizeof l->row[0], row_cmp);
}

/* Rows of a not in b. */
static int rows_not_in(const list_t *a, const list_t *b) {
  int n = 0;
  for (int i = 0; i < a->n; i++)
    n += !bsearch(&a->row[i], b->row, (size_t)b->n, sizeof b->row[0], row_cmp);
  return n;
}

/* Does the list have a row of this teacher?  Its row in *row. */
static int has_teacher(const list_t *l, const char *tid, const char **row) {
  size_t n = strlen(tid);
  for (int i = 0; i < l->n; i++)
    if (strncmp(l->row[i], tid, n) == 0 && l->row[i][n] == ',') {
      if (row)
        *row = l->row[i];
      return 1;
    }
  return 0;
}

static const char *plan_demo(const char *name) {
  static char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/%s", tu_tmpdir(), name);
  tu_run_t r = tu_run("plan " DEMO " --out '%s'", DEMO_ARGS, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  return dir;
}

/* The teacher ids of rows 0, 13, 26, 39, 52 of the previous list (in its
 * file order), as appeals.csv's stay lines. */
static void five_stays(const char *dir, char *csv, size_t n, char ids[5][32]) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  char *text = tu_read(path);
  assert_non_null(text);
  size_t len = (size_t)tu_snprintf(csv, n, "teacher_id,action,school_id\n");
  char *save = NULL;
  strtok_r(text, "\n", &save);
  int k = 0, got = 0;
  for (char *line = strtok_r(NULL, "\n", &save); line && got < 5;
       line = strtok_r(NULL, "\n", &save), k++)
    if (k % 13 == 0) {
      snprintf(ids[got], 32, "%.*s", (int)strcspn(line, ","), line);
      len += (size_t)tu_snprintf(csv + len, n - len, "%s,stay,\n", ids[got]);
      got++;
    }
  assert_int_equal(got, 5);
  free(text);
}

static void previous_alone_changes_nothing(void **state) {
  (void)state;
  char prev[4200], dir[4200];
  tu_snprintf(prev, sizeof prev, "%s", plan_demo("p0"));
  tu_snprintf(dir, sizeof dir, "%s/again", tu_tmpdir());
  tu_run_t r = tu_run("plan " DEMO " --previous '%s' --out '%s'", DEMO_ARGS, prev, dir);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "previous plan: 65 of its 65 moves kept; 0 rows of the list changed");
  tu_run_free(&r);
  /* every row the same decision, each now said to be the previous plan's */
  list_t p0, p1;
  read_list(prev, &p0);
  read_list(dir, &p1);
  assert_int_equal(p0.n, 65);
  assert_int_equal(p1.n, 65);
  assert_int_equal(rows_not_in(&p0, &p1), 0);
  assert_int_equal(p1.kept_words, 65);
  free(p0.text);
  free(p1.text);
}

static void stay_appeals_change_only_their_rows(void **state) {
  (void)state;
  char prev[4200], dir[4200], pinned[4200], csv[512], ids[5][32];
  tu_snprintf(prev, sizeof prev, "%s", plan_demo("p0"));
  five_stays(prev, csv, sizeof csv, ids);
  const char *appeals = tu_write("appeals.csv", csv);
  tu_snprintf(dir, sizeof dir, "%s/round_stay", tu_tmpdir());
  tu_run_t r = tu_run("plan " DEMO " --previous '%s' --appeals '%s' --out '%s'", DEMO_ARGS, prev,
                      appeals, dir);
  assert_int_equal(r.exit_code, 0);
  for (int i = 0; i < 5; i++) {
    char line[128];
    tu_snprintf(line, sizeof line, "appeal %s (stay): granted alone: shortfall +0,", ids[i]);
    assert_contains(r.out, line);
  }
  assert_contains(r.out, "previous plan: 60 of its 65 moves kept; 10 rows of the list changed");
  tu_run_free(&r);
  list_t p0, p1;
  read_list(prev, &p0);
  read_list(dir, &p1);
  /* each appellant's row out, one replacement in: the quota is met exactly
   * (62 of 617 at 10%, 65 moved with three subject gaps filled) */
  assert_int_equal(p1.n, p0.n);
  assert_int_equal(rows_not_in(&p0, &p1), 5);
  assert_int_equal(rows_not_in(&p1, &p0), 5);
  for (int i = 0; i < 5; i++)
    assert_false(has_teacher(&p1, ids[i], NULL));
  /* the 60 kept rows say why their teacher: the previous plan */
  assert_int_equal(p1.kept_words, 60);
  /* appeals.csv: one line per appeal, each granted alone */
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/appeals.csv", dir);
  char *text = tu_read(path);
  assert_non_null(text);
  static const char hdr[] = "teacher_id,name,school_id,appeal,appeal_school,granted_alone,"
                            "shortfall_change,coefficients_worse,rows_changed,moves\n";
  assert_true(strncmp(text, hdr, strlen(hdr)) == 0);
  for (int i = 0; i < 5; i++)
    assert_contains(text, ids[i]);
  free(text);
  /* every rule holds, the appeals as pins */
  r = tu_run("verify " DEMO " --pins '%s' --plan '%s'", DEMO_ARGS, appeals, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  /* without --previous the same five pins reshuffle far more of the list:
   * what the stability stage is for */
  tu_snprintf(pinned, sizeof pinned, "%s/pinned", tu_tmpdir());
  r = tu_run("plan " DEMO " --pins '%s' --out '%s'", DEMO_ARGS, appeals, pinned);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  list_t p2;
  read_list(pinned, &p2);
  assert_true(rows_not_in(&p0, &p2) + rows_not_in(&p2, &p0) > 20);
  free(p0.text);
  free(p1.text);
  free(p2.text);
}

static void not_to_appeal_sends_no_one_elsewhere_unasked(void **state) {
  (void)state;
  char prev[4200], dir[4200], csv[256];
  tu_snprintf(prev, sizeof prev, "%s", plan_demo("p0"));
  list_t p0;
  read_list(prev, &p0);
  /* the first row's teacher appeals against its destination */
  char tid[32], school[32];
  {
    char *f[4], *save = NULL, copy[512];
    tu_snprintf(copy, sizeof copy, "%s", p0.row[0]);
    f[0] = strtok_r(copy, ",", &save);
    for (int i = 1; i < 4; i++)
      f[i] = strtok_r(NULL, ",", &save);
    tu_snprintf(tid, sizeof tid, "%s", f[0]);
    tu_snprintf(school, sizeof school, "%s", f[3]);
  }
  tu_snprintf(csv, sizeof csv, "teacher_id,action,school_id\n%s,not_to,%s\n", tid, school);
  const char *appeals = tu_write("appeals.csv", csv);
  tu_snprintf(dir, sizeof dir, "%s/round_notto", tu_tmpdir());
  tu_run_t r = tu_run("plan " DEMO " --previous '%s' --appeals '%s' --out '%s'", DEMO_ARGS, prev,
                      appeals, dir);
  assert_int_equal(r.exit_code, 0);
  char line[160];
  tu_snprintf(line, sizeof line, "appeal %s (not_to %s): granted alone: shortfall +0, 2 rows",
              tid, school);
  assert_contains(r.out, line);
  tu_run_free(&r);
  list_t p1;
  read_list(dir, &p1);
  /* the appellant stays (a colleague takes the place), nobody else moves
   * differently: one row out, one in */
  assert_false(has_teacher(&p1, tid, NULL));
  assert_int_equal(rows_not_in(&p0, &p1), 1);
  assert_int_equal(rows_not_in(&p1, &p0), 1);
  free(p0.text);
  free(p1.text);
}

/* A county of two schools where the quota needs the one eligible teacher:
 * an appeal to let them stay cannot be granted; the round says so and
 * writes nothing. */
static void appeal_no_plan_can_grant_is_named(void **state) {
  (void)state;
  const char *schools = tu_write(
      "schools.csv",
      "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
      "junior_classes\n"
      "A,Town,urban,no,190,0,5,0\n"
      "B,Village,rural,no,190,0,5,0\n");
  char teachers[4096];
  size_t len = (size_t)tu_snprintf(teachers, sizeof teachers,
                                   "teacher_id,name,school_id,section,subject,degree,backbone,"
                                   "gender,birth_year,school_since,exempt,last_rotated_year\n");
  /* ten at each school; only A01 is eligible (16 years at the school) */
  static const char *const subj[] = {"chinese", "chinese", "chinese", "math", "math",
                                     "math",    "pe",      "english", "music", "art"};
  for (int s = 0; s < 2; s++)
    for (int i = 0; i < 10; i++) {
      int old = s == 0 && i == 0;
      len += (size_t)tu_snprintf(teachers + len, sizeof teachers - len,
                                 "%c%02d,T%c%02d,%c,primary,%s,bachelor,%s,F,1985,%d,,\n",
                                 "AB"[s], i + 1, "AB"[s], i + 1, "AB"[s], subj[i],
                                 old ? "county" : "none", old ? 2010 : 2024);
    }
  const char *tpath = tu_write("teachers.csv", teachers);
  const char *policy = tu_write("policy.ini", "[rotation]\nplan_year = 2026\nsubject_demand = no\n");
  char prev[4200], dir[4200];
  tu_snprintf(prev, sizeof prev, "%s/p0", tu_tmpdir());
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'", schools,
                      tpath, policy, prev);
  if (r.exit_code != 0)
    fprintf(stderr, "%s%s", r.out, r.err);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "moved 1 of 1 eligible teachers (at least 1)");
  tu_run_free(&r);
  const char *appeals = tu_write("appeals.csv", "teacher_id,action,school_id\nA01,stay,\n");
  tu_snprintf(dir, sizeof dir, "%s/round_nogrant", tu_tmpdir());
  r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --previous '%s' --appeals '%s' "
             "--out '%s'",
             schools, tpath, policy, prev, appeals, dir);
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.out, "appeal A01 (stay): cannot be granted alone:");
  tu_run_free(&r);
  assert_int_not_equal(access(dir, F_OK), 0);
}

/* --out over the previous plan's folder would replace the list the round
 * starts from: refused before anything is solved. */
static void previous_plan_never_overwritten(void **state) {
  (void)state;
  char prev[4200], path[4300];
  tu_snprintf(prev, sizeof prev, "%s", plan_demo("p0"));
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", prev);
  char *before = tu_read(path);
  tu_run_t r = tu_run("plan " DEMO " --previous '%s' --out '%s'", DEMO_ARGS, prev, prev);
  assert_int_equal(r.exit_code, 2);
  tu_run_free(&r);
  char *after = tu_read(path);
  assert_string_equal(before, after);
  free(before);
  free(after);
}

/* CBC solves the written stability stage to GLPK's optimum. */
static void cbc_confirms_stability(void **state) {
  (void)state;
  if (system("command -v cbc >/dev/null 2>&1") != 0) {
    fprintf(stderr, "cbc not installed (Debian coinor-cbc): skipped\n");
    skip();
  }
  char prev[4200], dir[4200], csv[512], ids[5][32], model[4300], staged[4400], sol[4400];
  tu_snprintf(prev, sizeof prev, "%s", plan_demo("p0"));
  five_stays(prev, csv, sizeof csv, ids);
  const char *appeals = tu_write("appeals.csv", csv);
  tu_snprintf(dir, sizeof dir, "%s/round_cbc", tu_tmpdir());
  tu_snprintf(model, sizeof model, "%s/model.lp", tu_tmpdir());
  tu_run_t r = tu_run("plan " DEMO " --previous '%s' --appeals '%s' --out '%s' --write-model '%s'",
                      DEMO_ARGS, prev, appeals, dir, model);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  cJSON *sum = tu_read_summary(dir);
  double glpk = tu_stage(sum, "stability", "optimum");
  assert_float_equal(glpk, 10, 1e-6);
  tu_snprintf(staged, sizeof staged, "%s/model.stability.lp", tu_tmpdir());
  tu_snprintf(sol, sizeof sol, "%s/stability.sol", tu_tmpdir());
  double cbc = -1;
  assert_int_equal(tu_cbc_optimum(staged, sol, &cbc), 0);
  fprintf(stderr, "stability: GLPK %.9g, CBC %.9g\n", glpk, cbc);
  assert_float_equal(glpk, cbc, 1e-6);
  cJSON_Delete(sum);
}

/* The round of docs/guide.zh.md on the Chinese demo county: Chinese
 * actions (留任, 不去), Chinese lines, six rows changed. */
static void chinese_round_as_the_guide_shows(void **state) {
  (void)state;
#define ZH "--schools '%s' --teachers '%s' --policy '%s'"
#define ZH_ARGS                                                                              \
  tu_src("scenarios/demo/county-zh/学校.csv"), tu_src("scenarios/demo/county-zh/教师.csv"), \
      tu_src("scenarios/demo/county-zh/policy.ini")
  char prev[4200], dir[4200];
  tu_snprintf(prev, sizeof prev, "%s/zh0", tu_tmpdir());
  tu_run_t r = tu_run("plan " ZH " --out '%s' --csv-encoding gb18030", ZH_ARGS, prev);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  const char *appeals =
      tu_write("申诉.csv", "工号,操作,学校代码\nT000276,留任,\nT000077,留任,\nT000008,不去,S025\n");
  tu_snprintf(dir, sizeof dir, "%s/zh1", tu_tmpdir());
  r = tu_run("plan " ZH " --previous '%s' --appeals '%s' --out '%s' --csv-encoding gb18030",
             ZH_ARGS, prev, appeals, dir);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "申诉 T000077（留任）：单独准予：缺口 +0，名单变动 2 行\n");
  assert_contains(r.out, "申诉 T000008（不去该校 S025）：单独准予：缺口 +0，名单变动 2 行\n");
  assert_contains(r.out, "上一版方案：保留其中 62 人（共 65 人）；名单变动 6 行");
  tu_run_free(&r);
  r = tu_run("verify " ZH " --appeals '%s' --plan '%s'", ZH_ARGS, appeals, dir);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "核验通过：65 人次交流");
  tu_run_free(&r);
#undef ZH
#undef ZH_ARGS
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(previous_alone_changes_nothing),
      cmocka_unit_test(stay_appeals_change_only_their_rows),
      cmocka_unit_test(not_to_appeal_sends_no_one_elsewhere_unasked),
      cmocka_unit_test(appeal_no_plan_can_grant_is_named),
      cmocka_unit_test(previous_plan_never_overwritten),
      cmocka_unit_test(cbc_confirms_stability),
      cmocka_unit_test(chinese_round_as_the_guide_shows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
