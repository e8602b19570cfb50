/* End to end: the principals' exchange (policy principal_exchange,
 * model/principals.h) on a small county where each of its rules changes the
 * list: one principal per school, principal_min_years, the stronger toward
 * weak and rural schools; principals who cannot be exchanged named; and
 * verify catching a tampered principals.csv.  Every plan made here is
 * verified by the real binary. */
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

/* Four primary schools in one group: two urban, a rural weak one (R1) and
 * a rural one (R2); and one junior school (J1), the only one of its kind. */
static const char schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,junior_classes,"
    "x_km,y_km,group\n"
    "U1,城关一小,urban,0,300,0,8,0,0,0,G\n"
    "U2,城关二小,urban,0,300,0,8,0,1,0,G\n"
    "R1,李洼小学,rural,1,300,0,8,0,10,0,G\n"
    "R2,王沟小学,rural,0,300,0,8,0,11,0,G\n"
    "J1,东桥初中,town,0,0,200,0,5,3,3,G\n";

/* The schools plan_principals writes: `schools`, or a variant. */
static const char *g_schools = schools;

/* teachers.csv of the county: 18 teachers a primary school and 12 at J1,
 * each school's principal since `since[s]` (U1, U2, R1, R2, J1), rated
 * `rating[s]` when ratings is not 0 (the principal_rating column). */
static char *teachers(const int since[5], const double rating[5], int ratings) {
  static const char *const ids[5] = {"U1", "U2", "R1", "R2", "J1"};
  static const char *const subj[] = {"chinese", "math", "english", "pe",
                                     "music", "art", "science", "morality"};
  size_t cap = 64 * 1024, len = 0;
  char *out = malloc(cap);
  assert_non_null(out);
  len += (size_t)snprintf(out + len, cap - len,
                          "teacher_id,name,school_id,section,subject,gender,birth_year,"
                          "school_since,degree,backbone,exempt,last_rotated_year,role%s\n",
                          ratings ? ",principal_rating" : "");
  for (int s = 0; s < 5; s++) {
    const int n = s == 4 ? 12 : 18;
    const char *lv = s == 4 ? "junior" : "primary";
    char rate[32] = "";
    if (ratings)
      snprintf(rate, sizeof rate, ",%g", rating[s]);
    len += (size_t)snprintf(out + len, cap - len, "P%s,校长%s,%s,%s,chinese,M,1975,%d,bachelor,"
                            "county,,,principal%s\n", ids[s], ids[s], ids[s], lv, since[s], rate);
    for (int k = 0; k < n; k++)
      len += (size_t)snprintf(out + len, cap - len, "%s%02d,教师%s%02d,%s,%s,%s,%c,1985,2015,"
                              "bachelor,%s,,,teacher%s\n", ids[s], k, ids[s], k, ids[s], lv,
                              s == 4 && k % 8 == 6 ? "physics" : subj[k % 8],
                              k % 2 ? 'F' : 'M', k < 3 ? "county" : "none", ratings ? "," : "");
  }
  return out;
}

/* Plans with the policy text, verifies with the binary (--strict); returns
 * principals.csv (malloc'ed) and the plan's stderr in *err when not NULL. */
static char *plan_principals(const char *tag, const char *teachers_csv, const char *policy,
                             char **err) {
  char name[64], dir[4200];
  snprintf(name, sizeof name, "t_%s.csv", tag);
  const char *s = tu_write("schools.csv", g_schools), *t = tu_write(name, teachers_csv);
  snprintf(name, sizeof name, "p_%s.ini", tag);
  const char *p = tu_write(name, policy);
  tu_snprintf(dir, sizeof dir, "%s/%s", tu_tmpdir(), tag);
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'", s, t, p, dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  if (err)
    *err = strdup(r.err);
  tu_run_free(&r);
  r = tu_run("verify --strict --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", s, t, p,
             dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n%s\n", r.out, r.err);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/principals.csv", dir);
  return tu_read(path);
}

/* Does principals.csv move principal P<from> to school `to`? */
static int moves(const char *list, const char *from, const char *to) {
  char row[64];
  snprintf(row, sizeof row, "\nP%s,校长%s,%s,", from, from, from);
  const char *at = strstr(list, row);
  if (!at)
    return 0;
  const char *eol = strchr(at + 1, '\n');
  char want[32];
  snprintf(want, sizeof want, ",%s,", to);
  const char *hit = strstr(at, want);
  return hit && (!eol || hit < eol) && hit > at + strlen(row) - 1;
}

static int rows(const char *list) {
  int n = 0;
  for (const char *p = list; *p; p++)
    n += *p == '\n';
  return n - 1; /* the header */
}

static const char policy_on[] = "[rotation]\nplan_year = 2026\nprincipal_exchange = yes\n";

/* Off by default: no principals.csv, nobody of the role moved. */
static void off_by_default(void **state) {
  (void)state;
  const int since[5] = {2010, 2010, 2010, 2010, 2010};
  char *t = teachers(since, NULL, 0);
  char *list = plan_principals("off", t, "[rotation]\nplan_year = 2026\n", NULL);
  assert_null(list);
  free(t);
}

/* One principal per school: every school whose principal leaves receives
 * exactly one, and nobody stays at home (the rows principal_one and
 * principal_leave; without principal_one the stronger-to-weak stage would
 * send two principals to R1). */
static void one_principal_per_school(void **state) {
  (void)state;
  const int since[5] = {2010, 2010, 2010, 2010, 2010};
  const double rating[5] = {90, 80, 70, 60, 50};
  char *t = teachers(since, rating, 1);
  char *err = NULL;
  char *list = plan_principals("one", t, policy_on, &err);
  assert_non_null(list);
  assert_int_equal(rows(list), 4); /* the four primary principals; J1's alone of its kind */
  static const char *const sc[4] = {"U1", "U2", "R1", "R2"};
  for (int d = 0; d < 4; d++) {
    int in = 0;
    for (int o = 0; o < 4; o++)
      in += moves(list, sc[o], sc[d]);
    assert_int_equal(in, 1);          /* one principal arrives at each school */
    assert_false(moves(list, sc[d], sc[d])); /* nobody at home */
  }
  assert_non_null(strstr(err, "principal PJ1 (校长J1) of J1 (东桥初中) is the only eligible "
                              "principal of a junior school; not exchanged"));
  free(err);
  free(list);
  free(t);
}

/* principal_min_years: a principal at the school for fewer years is not
 * exchanged, and the exchange goes round the others; with the rule
 * lowered the same principal is. */
static void min_years(void **state) {
  (void)state;
  const int since[5] = {2010, 2022, 2010, 2010, 2010}; /* U2's principal: 4 years */
  char *t = teachers(since, NULL, 0);
  char *list = plan_principals("min6", t, policy_on, NULL);
  assert_non_null(list);
  assert_int_equal(rows(list), 3);
  assert_null(strstr(list, "\nPU2,"));
  assert_null(strstr(list, ",U2,城关二小,primary")); /* nobody sent to U2: its principal stays */
  free(list);
  char pol[256];
  snprintf(pol, sizeof pol, "%sprincipal_min_years = 4\n", policy_on);
  list = plan_principals("min4", t, pol, NULL);
  assert_non_null(list);
  assert_int_equal(rows(list), 4);
  assert_non_null(strstr(list, "\nPU2,"));
  free(list);
  free(t);
}

/* The stronger toward weak and rural schools: R1 (weak and rural) gets the
 * strongest principal, R2 (rural) the next one free; without ratings the
 * nearest schools swap (U1-U2, R1-R2). */
static void stronger_to_weak(void **state) {
  (void)state;
  const int since[5] = {2010, 2010, 2010, 2010, 2010};
  const double rating[5] = {95, 60, 70, 50, 80};
  char *t = teachers(since, rating, 1);
  char *list = plan_principals("strong", t, policy_on, NULL);
  assert_non_null(list);
  assert_true(moves(list, "U1", "R1")); /* 95 to the weak rural school */
  assert_true(moves(list, "R1", "R2")); /* 70, the best left that may go there */
  free(list);
  free(t);
  t = teachers(since, NULL, 0);
  list = plan_principals("unrated", t, policy_on, NULL);
  assert_non_null(list);
  assert_true(moves(list, "U1", "U2") && moves(list, "U2", "U1"));
  assert_true(moves(list, "R1", "R2") && moves(list, "R2", "R1"));
  free(list);
  free(t);
}

/* The rules on schools' moves apply: with max_km = 5 the urban and the
 * rural principals swap among themselves, whatever the ratings; a school
 * with no partner in reach is named. */
static void route_rules(void **state) {
  (void)state;
  const int since[5] = {2010, 2010, 2010, 2010, 2010};
  const double rating[5] = {95, 60, 70, 50, 80};
  char *t = teachers(since, rating, 1);
  char pol[256];
  snprintf(pol, sizeof pol, "%smax_km = 5\n", policy_on);
  char *err = NULL;
  char *list = plan_principals("km", t, pol, &err);
  assert_non_null(list);
  assert_true(moves(list, "U1", "U2") && moves(list, "R1", "R2"));
  free(list);
  free(err);
  /* move_scope = group, R2 alone in its group: its principal stays, named
   * with the rule's words, and the three others go round; the teachers are
   * planned all the same. */
  char *alone = strdup(schools);
  assert_non_null(alone);
  char *r2 = strstr(alone, "R2,王沟小学");
  assert_non_null(r2);
  *(strchr(r2, '\n') - 1) = 'H';
  g_schools = alone;
  snprintf(pol, sizeof pol, "%smove_scope = group\n", policy_on);
  list = plan_principals("group", t, pol, &err);
  g_schools = schools;
  assert_non_null(list);
  assert_int_equal(rows(list), 3);
  assert_null(strstr(list, "\nPR2,"));
  assert_non_null(strstr(err, "principal PR2 (校长R2) of R2 (王沟小学) has no school to go to that "
                              "the rules allow (it is in group \"G\", and they are in group \"H\" "
                              "(move_scope = group)); not exchanged"));
  free(list);
  free(err);
  free(alone);
  free(t);
}

/* verify reads principals.csv and names what a hand edit breaks. */
static void verify_catches_tampering(void **state) {
  (void)state;
  const int since[5] = {2010, 2010, 2010, 2010, 2010};
  char *t = teachers(since, NULL, 0);
  char *list = plan_principals("tamper", t, policy_on, NULL);
  assert_non_null(list);
  char dir[4200], path[4300];
  tu_snprintf(dir, sizeof dir, "%s/tamper", tu_tmpdir());
  tu_snprintf(path, sizeof path, "%s/principals.csv", dir);
  /* The first row dropped: its destination has no principal after. */
  char *second = strchr(strchr(list, '\n') + 1, '\n');
  char *cut = malloc(strlen(list) + 1);
  assert_non_null(cut);
  sprintf(cut, "%.*s%s", (int)(strchr(list, '\n') - list), list, second);
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs(cut, fp);
  fclose(fp);
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'",
                      tu_path("schools.csv"), tu_path("t_tamper.csv"), tu_path("p_tamper.ini"),
                      dir);
  assert_int_equal(r.exit_code, 4);
  assert_non_null(strstr(r.err, "principal_one: school"));
  tu_run_free(&r);
  /* No principals.csv at all, the policy asking for the exchange. */
  unlink(path);
  r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'",
             tu_path("schools.csv"), tu_path("t_tamper.csv"), tu_path("p_tamper.ini"), dir);
  assert_int_equal(r.exit_code, 4);
  assert_non_null(strstr(r.err, "the plan has no principals.csv"));
  tu_run_free(&r);
  free(cut);
  free(list);
  free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(off_by_default),      cmocka_unit_test(one_principal_per_school),
      cmocka_unit_test(min_years),           cmocka_unit_test(stronger_to_weak),
      cmocka_unit_test(route_rules),         cmocka_unit_test(verify_catches_tampering),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
