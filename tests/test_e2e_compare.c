/* End to end: `rotaplan compare` on a county small enough that every figure
 * of the comparison is worked out by hand below, then checked against
 * DIR/comparison.json, .csv, .md, stdout and each scenario's own folder; the
 * base scenario's plan passes `rotaplan verify`.  Then the ways a comparison
 * is refused: a misspelt key (exit 3, file:line), two scenarios of one name
 * (exit 3), scenario files that cannot be read (exit 3), and a scenario that
 * cannot be planned (exit 4, the others still compared).
 *
 * THE COUNTY (plan year 2026, primary only, docs/model.md for the rules)
 *
 *   school  area   students classes teachers  required staff  PE + arts
 *   A       urban     152      4       10     ceil(152/19) = 8   pe, music
 *   B       town      152      4        9     8                  pe, art
 *   C       rural     100      3        5     ceil(100/19) = 6   none
 *
 * So A has 2 teachers more than it needs, B 1 more, C is 1 short.  No school
 * is small (all have 100 students or more): required staff is just
 * students / 19 rounded up.
 *
 * The policy takes every indicator but PE + arts out of play, so that the
 * planner's choices can be followed by hand:
 *   - every teacher's degree is `secondary` (中专), which does not count at
 *     primary level: degree counts are 0 everywhere, the degree mean is 0,
 *     its coefficient 0, and primary_degree = 0 so that no target is missed;
 *   - nobody is a backbone teacher, primary_backbone = 0, backbone_share = 0.
 * PE + arts: need = ceil(0.9 x students / 100): A ceil(1.368) = 2, has 2;
 * B 2, has 2; C ceil(0.9) = 1, has 0: C misses the PE + arts target by 1.
 * No PE + arts teacher can move: each is the only teacher of their subject
 * at their school, and subject cover (on by default) never sends the last
 * one away.  So PE + arts counts, and the PE + arts coefficient, are fixed;
 * the moves can only change staffing, and a move changes the staffing
 * shortfall only when it takes a teacher from a school with more than it
 * needs to one with fewer.  The first stage of the model minimises
 * shortfall (then balance, which no move can change here), the second the
 * number of moves, so: moved = max(quota, moves that close staffing gaps).
 *
 * Eligible (rotation pool): 24 teachers less A10 (at A since 2023) and B09
 * (since 2024), under min_years 6; B08 (exempt, 孕期); C05 (a man of 56,
 * over the age exemption of 55, below the retirement age of 60, so he stays
 * in the county and the base scenario changes nothing): 20 eligible.
 * Outflow caps, floor(0.2 x teachers): A 2, B 1, C 1, together 4.
 * Net gain cap of C: its gap + floor(0.2 x 5) = gap + 1.
 *
 * base (the reference; only [base]):
 *   quota ceil(0.1 x 20) = 2.  Shortfall before: staff 1 (C) + PE/arts 1
 *   (C) = 2.  One move from A or B to C closes the staffing gap; the quota
 *   asks for 2, so it binds: moved 2.  After: staff 0, PE/arts 1 = 1;
 *   sections missing a target: 1 (C, PE + arts); recruitment pe_art 1, any
 *   max(0, staff 0 - pe_art 1) = 0, degree 0, backbone 0.
 *   PE + arts coefficient (counts 2, 2, 0; weights 152, 152, 100 of 404):
 *   with all PE + arts teachers in A and B at the same rate, CV^2 =
 *   P_C / (P_A + P_B) = 100/304, CV = 0.5735 (above the 0.5 limit: FAIL).
 * quota20 ([policy] quota_share = 0.2):
 *   quota ceil(0.2 x 20) = 4, which is all the outflow caps allow (2 + 1 +
 *   1): every section sends its cap, C receives 2 or 3 (net +1 or +2).
 *   moved 4, shortfalls as base (2 before, 1 after), 1 section missing,
 *   recruitment as base, CV 0.5735.  Difference: moved +2, shortfall_after
 *   0, sections_missing_after 0.
 * village_grows ([enrolment] C = +50%; name given in [base]):
 *   C: 100 x 1.5 = 150 students, classes ceil(150 x 3 / 100) = 5, required
 *   staff ceil(150/19) = 8: short 3; PE + arts need ceil(1.35) = 2: short 2.
 *   Shortfall before 3 + 2 = 5.  The surplus is A 2 + B 1 = 3, exactly what
 *   the caps let go, and C may gain 3 + 1: A, A, B -> C, moved 3 (above the
 *   quota of 2; the only plan of 3 moves with no staffing shortfall).
 *   After: staff 0, PE/arts 2 = 2; 1 section missing; recruitment pe_art 2,
 *   any 0.  CV^2 = 150/304, CV = 0.7024.  Difference: moved +1,
 *   shortfall_after +1, sections_missing_after 0.
 * recruit ([recruit] pe = 1, secondary):
 *   the recruit goes to the section with the largest PE + arts gap: C (gap
 *   1; A and B 0).  It is exempt (新招聘): 20 eligible, quota 2.  C now has 6
 *   teachers = required, and its PE + arts target is met: shortfall before
 *   0, after 0, moved 2 (the quota: moves among A, B, C that open no gap),
 *   0 sections missing, recruitment all 0.  PE + arts counts 2, 2, 1: mean
 *   m = 500/404 per 100; CV^2 = (304/404)(200/152 / m - 1)^2 + (100/404)(1 /
 *   m - 1)^2 = 0.75248 x 0.0039889 + 0.24752 x 0.036864 = 0.012126, CV =
 *   0.1101 (pass).  Degree stays empty: the recruit is `secondary` too.
 *   Difference: moved 0, shortfall_after -1, sections_missing_after -1.
 * quota25 (only in the infeasible case): ceil(0.25 x 20) = 5 > 4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

/* THE COUNTY above, as rosters in the source tree. */
#define COUNTY "tests/data/three_schools"



static const char policy_ini[] = "[targets]\n"
                                 "primary_degree = 0\n"
                                 "primary_backbone = 0\n"
                                 "[rotation]\n"
                                 "plan_year = 2026\n"
                                 "backbone_share = 0\n";

/* The scenario files, in the folder of the rosters (paths in a scenario are
 * relative to its own folder). */
static char base_ini[4200], quota_ini[4200], grows_ini[4200], recruit_ini[4200];
static char out_dir[4200];
static tu_run_t cmp; /* the comparison run, made once by setup */
static cJSON *cmp_json;

static void copy_path(char *dst, const char *src) { tu_snprintf(dst, 4200, "%s", src); }

static void write_county(void) {
  tu_copy("schools.csv", COUNTY "/schools.csv");
  tu_copy("teachers.csv", COUNTY "/teachers.csv");
  tu_write("policy.ini", policy_ini);
  copy_path(base_ini, tu_write("base.ini", "; the county as it is\n"
                                           "[base]\n"
                                           "schools = schools.csv\n"
                                           "teachers = teachers.csv\n"
                                           "policy = policy.ini\n"));
  copy_path(quota_ini, tu_write("quota20.ini", "[base]\n"
                                               "extends = base.ini\n"
                                               "\n"
                                               "[policy]\n"
                                               "quota_share = 0.2\n"));
  copy_path(grows_ini, tu_write("grows.ini", "[base]\n"
                                             "extends = base.ini\n"
                                             "name = village_grows\n"
                                             "\n"
                                             "[enrolment]\n"
                                             "C = +50%\n"));
  copy_path(recruit_ini, tu_write("recruit.ini", "[base]\n"
                                                 "extends = base.ini\n"
                                                 "\n"
                                                 "[recruit]\n"
                                                 "pe = 1, secondary\n"));
}

static char *read_in(const char *dir, const char *file) {
  char path[8400];
  tu_snprintf(path, sizeof path, "%s/%s", dir, file);
  return tu_read(path);
}

static int exists(const char *dir, const char *file) {
  char path[8400];
  struct stat sb;
  tu_snprintf(path, sizeof path, "%s/%s", dir, file);
  return stat(path, &sb) == 0;
}

static int count_lines(const char *text) {
  int n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* Line k (0-based) of text, copied into buf. */
static const char *line_at(const char *text, int k, char *buf, size_t n) {
  const char *p = text;
  for (int i = 0; i < k && p; i++) {
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  assert_non_null(p);
  size_t len = strcspn(p, "\n");
  assert_true(len < n);
  memcpy(buf, p, len);
  buf[len] = '\0';
  return buf;
}

/* Field k (0-based) of a CSV line without quoted fields. */
static const char *csv_field(const char *line, int k, char *buf, size_t n) {
  const char *p = line;
  for (int i = 0; i < k; i++) {
    p = strchr(p, ',');
    assert_non_null(p);
    p++;
  }
  size_t len = strcspn(p, ",");
  assert_true(len < n);
  memcpy(buf, p, len);
  buf[len] = '\0';
  return buf;
}

static int setup(void **state) {
  (void)state;
  write_county();
  tu_snprintf(out_dir, sizeof out_dir, "%s/cmp", tu_tmpdir());
  cmp = tu_run("compare --out '%s' '%s' '%s' '%s' '%s'", out_dir, base_ini, quota_ini,
               grows_ini, recruit_ini);
  if (cmp.exit_code != 0)
    fprintf(stderr, "%s\n", cmp.err ? cmp.err : "");
  char *text = read_in(out_dir, "comparison.json");
  cmp_json = text ? cJSON_Parse(text) : NULL;
  free(text);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  cJSON_Delete(cmp_json);
  tu_run_free(&cmp);
  return 0;
}

static double jnum(const cJSON *o, const char *a, const char *b) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
  if (b)
    x = cJSON_GetObjectItemCaseSensitive(x, b);
  if (!cJSON_IsNumber(x))
    fail_msg("no number at %s%s%s", a, b ? "." : "", b ? b : "");
  return x->valuedouble;
}

/* The figures worked out by hand in the comment at the top. */
typedef struct {
  const char *name;
  int moved, short_before, short_after, missing;
  int rec_pe_art, rec_any;
  double cv_pe_art;
  int d_moved, d_short_after, d_missing; /* difference from base */
} expect_t;

static const expect_t expected[] = {
    {"base", 2, 2, 1, 1, 1, 0, 0.5735, 0, 0, 0},
    {"quota20", 4, 2, 1, 1, 1, 0, 0.5735, 2, 0, 0},
    {"village_grows", 3, 5, 2, 1, 2, 0, 0.7024, 1, 1, 0},
    {"recruit", 2, 0, 0, 0, 0, 0, 0.1101, 0, -1, -1},
};
#define N_SCEN (sizeof expected / sizeof expected[0])

static void comparison_json_by_hand(void **state) {
  (void)state;
  assert_int_equal(cmp.exit_code, 0);
  assert_non_null(cmp_json);
  const cJSON *ref = cJSON_GetObjectItemCaseSensitive(cmp_json, "reference");
  assert_true(cJSON_IsString(ref));
  assert_string_equal(ref->valuestring, "base");
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(cmp_json, "scenarios");
  assert_true(cJSON_IsArray(arr));
  assert_int_equal(cJSON_GetArraySize(arr), N_SCEN);
  for (size_t k = 0; k < N_SCEN; k++) {
    const expect_t *e = &expected[k];
    const cJSON *o = cJSON_GetArrayItem(arr, (int)k);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "name")->valuestring, e->name);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "planned")));
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "status")->valuestring, "optimal");
    assert_int_equal((int)jnum(o, "moved", NULL), e->moved);
    assert_int_equal((int)jnum(o, "moved_backbone", NULL), 0);
    /* What decides a policy: the eligible (20, above) and the quota's
     * minimum; no move is over 20 km (C, the farthest, is 16.2 km from A);
     * the teachers placed otherwise than by the reference: none for the
     * reference itself, at least the difference in moves for the others. */
    if (k < 2) {
      assert_int_equal((int)jnum(o, "eligible", NULL), 20);
      assert_int_equal((int)jnum(o, "min_rotate", NULL), k == 0 ? 2 : 4);
    }
    assert_int_equal((int)jnum(o, "far_moves", NULL), 0);
    assert_int_equal((int)jnum(o, "far_km", NULL), 20);
    const cJSON *changed = cJSON_GetObjectItemCaseSensitive(o, "changed_from_reference");
    if (k == 0)
      assert_null(changed);
    else
      assert_true(cJSON_IsNumber(changed) &&
                  changed->valuedouble >= abs(e->moved - expected[0].moved));
    assert_int_equal((int)jnum(o, "shortfall_before", NULL), e->short_before);
    assert_int_equal((int)jnum(o, "shortfall_after", NULL), e->short_after);
    assert_int_equal((int)jnum(o, "sections_missing_after", NULL), e->missing);
    assert_int_equal((int)jnum(o, "recruitment", "pe_art"), e->rec_pe_art);
    assert_int_equal((int)jnum(o, "recruitment", "any"), e->rec_any);
    assert_int_equal((int)jnum(o, "recruitment", "degree"), 0);
    assert_int_equal((int)jnum(o, "recruitment", "backbone"), 0);
    const cJSON *cv = cJSON_GetObjectItemCaseSensitive(o, "cv_after");
    const cJSON *prim = cJSON_GetObjectItemCaseSensitive(cv, "primary");
    assert_float_equal(jnum(prim, "pe_art", NULL), e->cv_pe_art, 1e-9);
    assert_float_equal(jnum(prim, "degree", NULL), 0, 1e-9);
    assert_float_equal(jnum(prim, "backbone", NULL), 0, 1e-9);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "difference");
    if (k == 0) {
      assert_null(d); /* the reference has no difference from itself */
      continue;
    }
    assert_non_null(d);
    assert_int_equal((int)jnum(d, "moved", NULL), e->d_moved);
    assert_int_equal((int)jnum(d, "shortfall_after", NULL), e->d_short_after);
    assert_int_equal((int)jnum(d, "sections_missing_after", NULL), e->d_missing);
  }
}

static void comparison_csv_and_md(void **state) {
  (void)state;
  char *csv = read_in(out_dir, "comparison.csv"), *md = read_in(out_dir, "comparison.md");
  char line[4096], f[256];
  assert_non_null(csv);
  assert_non_null(md);
  /* A header and one row per scenario, the reference first. */
  assert_int_equal(count_lines(csv), 1 + (int)N_SCEN);
  line_at(csv, 0, line, sizeof line);
  /* Headers in words, the policy's figures first, no solver seconds. */
  assert_string_equal(csv_field(line, 0, f, sizeof f), "scenario");
  assert_string_equal(csv_field(line, 2, f, sizeof f), "eligible teachers");
  assert_string_equal(csv_field(line, 3, f, sizeof f), "minimum to move");
  assert_string_equal(csv_field(line, 4, f, sizeof f), "teachers moved");
  assert_string_equal(csv_field(line, 6, f, sizeof f), "toward rural or weak schools");
  assert_string_equal(csv_field(line, 7, f, sizeof f), "in other directions");
  assert_string_equal(csv_field(line, 8, f, sizeof f), "moves over 20 km");
  assert_string_equal(csv_field(line, 9, f, sizeof f),
                      "teachers placed otherwise than by the reference");
  assert_string_equal(csv_field(line, 15, f, sizeof f), "CV (primary · PE and arts)");
  assert_null(strstr(line, "seconds"));
  assert_null(strstr(line, "cv_"));
  for (size_t k = 0; k < N_SCEN; k++) {
    line_at(csv, 1 + (int)k, line, sizeof line);
    assert_string_equal(csv_field(line, 0, f, sizeof f), expected[k].name);
  }
  /* Figures, with their difference from the reference after the first. */
  line_at(csv, 1, line, sizeof line);
  assert_string_equal(csv_field(line, 4, f, sizeof f), "2");
  line_at(csv, 2, line, sizeof line);
  assert_string_equal(csv_field(line, 4, f, sizeof f), "4 (+2)");
  line_at(csv, 3, line, sizeof line);
  assert_string_equal(csv_field(line, 10, f, sizeof f), "5 (+3)"); /* shortfall before */
  assert_string_equal(csv_field(line, 11, f, sizeof f), "2 (+1)"); /* shortfall after */
  line_at(csv, 4, line, sizeof line);
  assert_string_equal(csv_field(line, 12, f, sizeof f), "0 (-1)"); /* sections missing */
  assert_string_equal(csv_field(line, 15, f, sizeof f), "0.1101 (-0.4634) pass");
  /* Markdown: header, rule, one row per scenario. */
  assert_int_equal(count_lines(md), 2 + (int)N_SCEN);
  assert_int_equal(strncmp(line_at(md, 0, line, sizeof line),
                           "| scenario | status | eligible teachers ", 39),
                   0);
  assert_int_equal(strncmp(line_at(md, 1, line, sizeof line), "|---|---|", 9), 0);
  for (size_t k = 0; k < N_SCEN; k++) {
    char want[128];
    tu_snprintf(want, sizeof want, "| %s | optimal | ", expected[k].name);
    assert_int_equal(strncmp(line_at(md, 2 + (int)k, line, sizeof line), want, strlen(want)), 0);
    const char *cell = line; /* the fifth column: teachers moved */
    for (int c = 0; c < 4 && cell; c++)
      cell = strstr(cell + 1, " | ");
    assert_non_null(cell);
    assert_int_equal(atoi(cell + 3), expected[k].moved);
  }
  free(csv);
  free(md);
}

/* In text (from its start), the line "  LABEL   VALUE": the label padded
 * with spaces to the table's column. */
static void assert_row(const char *text, const char *label, const char *value) {
  char want[256];
  tu_snprintf(want, sizeof want, "\n  %s ", label);
  const char *p = strstr(text, want);
  if (!p)
    fail_msg("no row \"%s\" in:\n%s", label, text);
  p += strlen(want);
  while (*p == ' ')
    p++;
  size_t n = strcspn(p, "\n");
  if (strlen(value) != n || strncmp(p, value, n) != 0)
    fail_msg("row \"%s\": \"%.*s\", expected \"%s\"", label, (int)n, p, value);
}

static void stdout_table(void **state) {
  (void)state;
  assert_non_null(cmp.out);
  /* The reference comes first and says so; the others show differences. */
  assert_int_equal(strncmp(cmp.out, "base (reference)\n", 17), 0);
  const char *q = strstr(cmp.out, "\nquota20\n");
  assert_non_null(q);
  assert_row(q, "teachers moved", "4 (+2)");
  const char *g = strstr(cmp.out, "\nvillage_grows\n");
  assert_non_null(g);
  assert_true(g > q);
  assert_row(g, "shortfall before", "5 (+3)");
  assert_row(cmp.out, "CV (primary · PE and arts)", "0.5735 FAIL");
  assert_contains(cmp.out, "written to ");
  /* Every scenario was planned, each named on stderr. */
  assert_contains(cmp.err, "compare: planning base\n");
  assert_contains(cmp.err, "compare: planning recruit\n");
}

/* Each scenario's own plan: rotation_list.csv with one row per move and
 * summary.json with the same count. */
static void scenario_folders(void **state) {
  (void)state;
  for (size_t k = 0; k < N_SCEN; k++) {
    char dir[8400];
    tu_snprintf(dir, sizeof dir, "%s/%s", out_dir, expected[k].name);
    char *list = read_in(dir, "rotation_list.csv"), *sum = read_in(dir, "summary.json");
    assert_non_null(list);
    assert_non_null(sum);
    assert_int_equal(count_lines(list), 1 + expected[k].moved);
    cJSON *doc = cJSON_Parse(sum);
    assert_non_null(doc);
    assert_int_equal((int)jnum(doc, "moved", NULL), expected[k].moved);
    assert_int_equal((int)jnum(doc, "eligible", NULL), 20);
    assert_int_equal((int)jnum(doc, "min_rotate", NULL), k == 1 ? 4 : 2);
    /* No scenario ends with a staffing gap (all the surplus can move). */
    assert_int_equal((int)jnum(doc, "shortfall_after", "staff"), 0);
    cJSON_Delete(doc);
    assert_true(exists(dir, "schools_after.csv"));
    assert_true(exists(dir, "recruitment.csv"));
    free(list);
    free(sum);
  }
  /* village_grows: the only plan of 3 moves without a staffing gap is A, A,
   * B -> C (the list is sorted by destination, then teacher_id). */
  char dir[8400], line[1024], f[64];
  tu_snprintf(dir, sizeof dir, "%s/village_grows", out_dir);
  char *list = read_in(dir, "rotation_list.csv");
  assert_non_null(list);
  int from_a = 0, from_b = 0;
  for (int i = 1; i <= 3; i++) {
    line_at(list, i, line, sizeof line);
    assert_string_equal(csv_field(line, 3, f, sizeof f), "C");
    from_a += strcmp(csv_field(line, 2, f, sizeof f), "A") == 0;
    from_b += strcmp(f, "B") == 0;
  }
  assert_int_equal(from_a, 2);
  assert_int_equal(from_b, 1);
  free(list);
  /* recruit: the recruit R0001 is at C (6 teachers before the plan) and,
   * being exempt, not in the rotation list. */
  tu_snprintf(dir, sizeof dir, "%s/recruit", out_dir);
  char *after = read_in(dir, "schools_after.csv");
  assert_non_null(after);
  const char *c = strstr(after, "\nC,");
  assert_non_null(c);
  line_at(c + 1, 0, line, sizeof line);
  assert_string_equal(csv_field(line, 7, f, sizeof f), "6"); /* teachers_before */
  assert_string_equal(csv_field(line, 21, f, sizeof f), "0"); /* pe_art_short_before */
  free(after);
  list = read_in(dir, "rotation_list.csv");
  assert_non_null(list);
  assert_null(strstr(list, "R0001"));
  free(list);
}

/* The base scenario changes nothing in the county (nobody reaches the
 * retirement age), so its plan verifies against the rosters themselves;
 * quota20 changes only the policy, so it verifies with that policy.  And
 * verify is not fooled: the base plan's 2 moves fail a 20% quota. */
static void plans_verify(void **state) {
  (void)state;
  const char *s = tu_copy("schools.csv", COUNTY "/schools.csv");
  const char *t = tu_copy("teachers.csv", COUNTY "/teachers.csv");
  const char *p = tu_write("policy.ini", policy_ini);
  char p20[4200];
  copy_path(p20, tu_write("policy20.ini", "[targets]\nprimary_degree = 0\nprimary_backbone = 0\n"
                                          "[rotation]\nplan_year = 2026\nbackbone_share = 0\n"
                                          "quota_share = 0.2\n"));
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s/base'", s,
                      t, p, out_dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "verified: 2 moves");
  tu_run_free(&r);
  r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s/quota20'", s, t,
             p20, out_dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "verified: 4 moves");
  tu_run_free(&r);
  r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s/base'", s, t, p20,
             out_dir);
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.err, "quota: 2 teachers moved, at least 4 required");
  tu_run_free(&r);
}

/* ---- refused comparisons ----------------------------------------------- */

static char *path_in_tmp(const char *name) {
  static char buf[4200];
  tu_snprintf(buf, sizeof buf, "%s/%s", tu_tmpdir(), name);
  return buf;
}

/* Nothing planned, nothing written: not even the output folder. */
static void assert_nothing_written(const char *dir) {
  struct stat sb;
  assert_int_not_equal(stat(dir, &sb), 0);
}

static void error_typo_names_file_and_line(void **state) {
  (void)state;
  /* Three defects, all reported in one run with their lines; the valid base
   * listed first is not planned either. */
  tu_write("typo.ini", "[base]\n"            /* 1 */
                       "extends = base.ini\n" /* 2 */
                       "\n"                   /* 3 */
                       "[policy]\n"           /* 4 */
                       "quota_shar = 0.2\n"   /* 5 */
                       "[recruits]\n"         /* 6 */
                       "pe = 1\n"             /* 7 */
                       "[base]\n"             /* 8 */
                       "teacher = x.csv\n");  /* 9 */
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/out_typo", tu_tmpdir());
  tu_run_t r = tu_run("compare --out '%s' '%s' '%s'", dir, base_ini, path_in_tmp("typo.ini"));
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "typo.ini:5: [policy] unknown policy key \"quota_shar\"");
  assert_contains(r.err, "typo.ini:6: unknown section [recruits]");
  assert_contains(r.err, "typo.ini:9: [base] unknown key \"teacher\"");
  assert_null(strstr(r.err, "compare: planning"));
  assert_string_equal(r.out, "");
  tu_run_free(&r);
  assert_nothing_written(dir);
}

static void error_same_name(void **state) {
  (void)state;
  /* `name` is not inherited: dup.ini would be "dup" but names itself
   * quota20, like quota20.ini (named after its file). */
  const char *dup = tu_write("dup.ini", "[base]\nextends = base.ini\nname = quota20\n");
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/out_dup", tu_tmpdir());
  tu_run_t r = tu_run("compare --out '%s' '%s' '%s'", dir, quota_ini, dup);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "dup.ini: scenario name \"quota20\" is also the name of ");
  assert_contains(r.err, "quota20.ini: give one a `name` in [base]");
  assert_null(strstr(r.err, "compare: planning"));
  tu_run_free(&r);
  assert_nothing_written(dir);
}

static void error_unreadable(void **state) {
  (void)state;
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/out_unreadable", tu_tmpdir());
  /* A file that does not exist. */
  tu_run_t r = tu_run("compare --out '%s' '%s' '%s'", dir, base_ini,
                      path_in_tmp("missing.ini"));
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "missing.ini: cannot open");
  assert_contains(r.err, "No such file or directory");
  tu_run_free(&r);
  assert_nothing_written(dir);
  /* A folder where a file should be. */
  char folder[4200];
  tu_snprintf(folder, sizeof folder, "%s/folder.ini", tu_tmpdir());
  assert_int_equal(mkdir(folder, 0755), 0);
  r = tu_run("compare --out '%s' '%s'", dir, folder);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "folder.ini: is a folder, not a file");
  tu_run_free(&r);
  assert_nothing_written(dir);
  /* A scenario whose parent is missing: the message names the extends line. */
  const char *orphan = tu_write("orphan.ini", "; a lost parent\n[base]\nextends = nothere.ini\n");
  r = tu_run("compare --out '%s' '%s'", dir, orphan);
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "orphan.ini:3: cannot open ");
  assert_contains(r.err, "nothere.ini: No such file or directory");
  tu_run_free(&r);
  assert_nothing_written(dir);
}

/* A scenario that reads well but cannot be planned: the others are still
 * planned and compared; its row says failed; exit 4. */
static void error_infeasible_scenario(void **state) {
  (void)state;
  const char *q25 = tu_write("quota25.ini", "[base]\nextends = base.ini\n\n[policy]\n"
                                            "quota_share = 0.25\n");
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/out_q25", tu_tmpdir());
  tu_run_t r = tu_run("compare --out '%s' --jobs 1 '%s' '%s'", dir, base_ini, q25);
  assert_int_equal(r.exit_code, 4);
  /* ceil(0.25 x 20) = 5 moves, the outflow caps allow 2 + 1 + 1 = 4. */
  assert_contains(r.err, "quota25.ini] rotation quota: at least 5 teachers must rotate, but "
                         "max_outflow_share 0.2 lets the sections send at most 4");
  assert_contains(r.err, "1 of 2 scenarios could not be planned");
  tu_run_free(&r);
  char *csv = read_in(dir, "comparison.csv");
  assert_non_null(csv);
  assert_int_equal(count_lines(csv), 3);
  char line[4096];
  assert_int_equal(strncmp(line_at(csv, 1, line, sizeof line), "base,optimal,20,2,2,", 20), 0);
  /* The failed scenario's row says why: the rule that cannot hold. */
  assert_string_equal(line_at(csv, 2, line, sizeof line),
                      "quota25,\"failed: rotation quota: at least 5 teachers must rotate, but "
                      "max_outflow_share 0.2 lets the sections send at most 4 of their eligible "
                      "teachers\",-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-");
  free(csv);
  char *text = read_in(dir, "comparison.json");
  assert_non_null(text);
  cJSON *doc = cJSON_Parse(text);
  free(text);
  assert_non_null(doc);
  const cJSON *o = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "scenarios"), 1);
  assert_string_equal(cJSON_GetObjectItem(o, "name")->valuestring, "quota25");
  assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "planned")));
  assert_null(cJSON_GetObjectItem(o, "moved"));
  assert_contains(cJSON_GetObjectItem(o, "reason")->valuestring, "rotation quota: at least 5");
  cJSON_Delete(doc);
  assert_true(exists(dir, "base/rotation_list.csv"));
  assert_false(exists(dir, "quota25"));
}

/* A scenario whose rosters have errors: its row says why, with its first
 * error (the file named without its folder, the line) and how many more. */
static void error_input_scenario(void **state) {
  (void)state;
  char *text = tu_read(tu_src(COUNTY "/teachers.csv"));
  assert_non_null(text);
  char *a = strstr(text, "A01,A01,A,pe,M,1985,"), *b = strstr(text, "A02,A02,A,music,F,1986,");
  assert_true(a && b);
  memcpy(a + strlen("A01,A01,A,pe,M,"), "19x5", 4); /* line 2 */
  memcpy(b + strlen("A02,A02,A,music,F,"), "19y6", 4); /* line 3 */
  tu_write("bad_teachers.csv", text);
  free(text);
  const char *bad = tu_write("badroster.ini", "[base]\nname = badroster\nschools = schools.csv\n"
                                              "teachers = bad_teachers.csv\n"
                                              "policy = policy.ini\n");
  char dir[4200];
  tu_snprintf(dir, sizeof dir, "%s/out_badroster", tu_tmpdir());
  tu_run_t r = tu_run("compare --out '%s' --jobs 1 '%s' '%s'", dir, base_ini, bad);
  assert_int_equal(r.exit_code, 3);
  const char *row = strstr(r.out, "\nbadroster\n");
  assert_non_null(row);
  assert_contains(row, "failed: bad_teachers.csv:2: ");
  assert_contains(row, "(+1)\n");
  tu_run_free(&r);
  char *csv = read_in(dir, "comparison.csv");
  assert_non_null(csv);
  char line[4096];
  line_at(csv, 2, line, sizeof line);
  static const char want[] = "badroster,\"failed: bad_teachers.csv:2: ";
  assert_int_equal(strncmp(line, want, strlen(want)), 0);
  free(csv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(comparison_json_by_hand),
      cmocka_unit_test(comparison_csv_and_md),
      cmocka_unit_test(stdout_table),
      cmocka_unit_test(scenario_folders),
      cmocka_unit_test(error_input_scenario),
      cmocka_unit_test(plans_verify),
      cmocka_unit_test(error_typo_names_file_and_line),
      cmocka_unit_test(error_same_name),
      cmocka_unit_test(error_unreadable),
      cmocka_unit_test(error_infeasible_scenario),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
