/* End to end: the teachers' history (issue 15) on tests/data/history, a
 * county where one of A's two interchangeable maths teachers must move to
 * B, the rural school one teacher short.  Each rule changes who goes only
 * when it is on: title_service (the applicant with fewer years at the
 * school goes to the rural school; not to an urban one), priority =
 * backbone, fairness = once_before_twice (also from last_rotated_year when
 * the rotations column is absent; verify refuses a list that breaks it);
 * absent history columns are unknown, not zero; the ledger is carried over
 * `--years 2`; a bad title word is refused with its file, line and
 * column; the usual title spellings parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/county.h"
#include "test_util.h"

#define SCHOOLS "tests/data/history/schools.csv"
#define TEACHERS "tests/data/history/teachers.csv"

/* tests/data/history/policy.ini with `extra` appended (its [rotation]
 * section), as tmpdir/name. */
static const char *policy(const char *name, const char *extra) {
  char *base = tu_read(tu_src("tests/data/history/policy.ini"));
  assert_non_null(base);
  char text[4096];
  tu_snprintf(text, sizeof text, "%s%s\n", base, extra);
  free(base);
  return tu_write(name, text);
}

/* The county's teachers.csv with each `from` replaced by `to` (one
 * substitution each, NULL-terminated pairs), as tmpdir/name. */
static const char *teachers(const char *name, const char *const *subst) {
  char *text = tu_read(tu_src(TEACHERS));
  assert_non_null(text);
  for (int i = 0; subst && subst[i]; i += 2) {
    char *at = strstr(text, subst[i]);
    assert_non_null(at);
    size_t nf = strlen(subst[i]), nt = strlen(subst[i + 1]), n = strlen(text);
    char *out = malloc(n - nf + nt + 1);
    assert_non_null(out);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), subst[i + 1], nt);
    memcpy(out + (at - text) + nt, at + nf, n - (size_t)(at - text) - nf + 1);
    free(text);
    text = out;
  }
  const char *p = tu_write(name, text);
  free(text);
  return p;
}

/* The county's schools.csv with `from` replaced by `to`, of the same
 * length, as tmpdir/schools.csv. */
static const char *schools_with(const char *from, const char *to) {
  char *text = tu_read(tu_src(SCHOOLS));
  assert_non_null(text);
  char *at = strstr(text, from);
  assert_non_null(at);
  assert_int_equal(strlen(from), strlen(to));
  memcpy(at, to, strlen(to));
  const char *s = tu_write("schools.csv", text);
  free(text);
  return s;
}

/* Plans into tmpdir/out (years > 1: --years); the exit code. */
static int plan(const char *schools, const char *t, const char *pol, const char *out, int years) {
  char extra[32] = "";
  if (years > 1)
    tu_snprintf(extra, sizeof extra, " --years %d", years);
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'%s",
                      schools, t, pol, tu_path(out), extra);
  if (r.exit_code != 0)
    fprintf(stderr, "%s", r.err);
  int rc = r.exit_code;
  tu_run_free(&r);
  return rc;
}

/* The rotation list's one move: "TEACHER,FROM,TO" and its why_this_teacher. */
static void the_move(const char *out, char *move, size_t n, char *why, size_t wn) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", tu_path(out));
  char *text = tu_read(path);
  assert_non_null(text);
  char *row = strchr(text, '\n');
  assert_non_null(row);
  row++;
  char *end = strchr(row, '\n');
  assert_true(end && end[1] == '\0'); /* one move */
  /* teacher_id,name,from_school,to_school,... */
  const char *c1 = strchr(row, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL,
             *c3 = c2 ? strchr(c2 + 1, ',') : NULL, *c4 = c3 ? strchr(c3 + 1, ',') : NULL;
  assert_non_null(c4);
  snprintf(move, n, "%.*s,%.*s", (int)(c1 - row), row, (int)(c4 - c3 - 1), c3 + 1);
  snprintf(why, wn, "%s", row); /* why_this_teacher is among the row's last fields */
  free(text);
}

static void expect_move(const char *schools, const char *t, const char *pol, const char *out,
                        const char *move, const char *why_part) {
  assert_int_equal(plan(schools, t, pol, out, 1), 0);
  char m[64], why[1024];
  the_move(out, m, sizeof m, why, sizeof why);
  if (strcmp(m, move) != 0)
    fail_msg("%s: expected the move %s, got %s (%s)", out, move, m, why);
  assert_contains(why, why_part);
}

static void title_service_sends_the_applicant(void **state) {
  (void)state;
  const char *s = tu_src(SCHOOLS), *t = tu_src(TEACHERS);
  expect_move(s, t, policy("off.ini", "title_service = no"), "off", "A01,B",
              "by years at the school: there since 2010");
  expect_move(s, t, policy("on.ini", "title_service = yes"), "on", "A02,B",
              "title service: intends to apply for a senior title and lacks 1 year(s) in a "
              "rural or weak school; moves to 山口村小 (title_service)");
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", s, t,
                      tu_path("on.ini"), tu_path("on"));
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
}

/* Only a rural or weak destination gives the year: with B urban, the
 * applicant keeps their place and the long-serving colleague goes. */
static void title_service_only_toward_rural_or_weak(void **state) {
  (void)state;
  const char *s = schools_with("B,山口村小,rural,", "B,山口村小,urban,");
  expect_move(s, tu_src(TEACHERS), policy("on.ini", "title_service = yes"), "on", "A01,B",
              "by years at the school: there since 2010");
}

/* Two moves to the urban B from four eligible maths teachers (2010, 2012,
 * 2014 and the applicant of 2016): the applicant, first promoted, gives
 * the move back to the next in the group's order (2012), not to the last
 * (2014). */
static void title_service_gives_back_in_order(void **state) {
  (void)state;
  const char *s = schools_with("B,山口村小,rural,0,190,", "B,山口村小,urban,0,209,");
  static const char *const sub[] = {"A03,甲3,A,chinese,F,1990,2023", "A03,甲3,A,math,F,1990,2012",
                                    "A04,甲4,A,chinese,F,1990,2023", "A04,甲4,A,math,F,1990,2014",
                                    NULL};
  assert_int_equal(plan(s, teachers("t.csv", sub), policy("on.ini", "title_service = yes"), "on", 1),
                   0);
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", tu_path("on"));
  char *list = tu_read(path);
  assert_non_null(list);
  assert_contains(list, "\nA01,甲一,A,B,");
  assert_contains(list, "\nA03,甲3,A,B,");
  assert_null(strstr(list, "\nA02,"));
  free(list);
}

/* Without the years columns nobody is known to lack the year. */
static void absent_history_is_unknown(void **state) {
  (void)state;
  static const char *const sub[] = {",0,0,0,二级教师,是", ",,,,二级教师,是", NULL};
  expect_move(tu_src(SCHOOLS), teachers("t.csv", sub), policy("on.ini", "title_service = yes"),
              "on", "A01,B", "by years at the school");
}

static void priority_backbone_first(void **state) {
  (void)state;
  static const char *const sub[] = {"A02,甲二,A,math,F,1988,2016,bachelor,none",
                                    "A02,甲二,A,math,F,1988,2014,bachelor,school", NULL};
  const char *t = teachers("t.csv", sub), *s = tu_src(SCHOOLS);
  expect_move(s, t, policy("service.ini", "priority = service"), "service", "A01,B",
              "by years at the school: there since 2010");
  expect_move(s, t, policy("backbone.ini", "priority = backbone"), "backbone", "A02,B",
              "priority: backbone level school, above 1 colleague(s) of the group who stay");
}

static void fairness_once_before_twice(void **state) {
  (void)state;
  static const char *const sub[] = {"2010,bachelor,none,,0,", "2010,bachelor,none,,1,", NULL};
  const char *t = teachers("t.csv", sub), *s = tu_src(SCHOOLS);
  expect_move(s, t, policy("off.ini", "fairness = off"), "off", "A01,B", "by years at the school");
  const char *on = policy("on.ini", "fairness = once_before_twice");
  expect_move(s, t, on, "on", "A02,B",
              "fairness: rotated 0 time(s) so far, fewer than 1 colleague(s) of the group who "
              "stay");
  /* The off plan's list checked under the rule: the teacher rotated before
   * goes while the never-rotated colleague stays. */
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", s, t,
                      on, tu_path("off"));
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.err, "fairness: teacher A01 moves with 1 rotations so far while A02, "
                         "interchangeable, stays with 0");
  tu_run_free(&r);
}

/* No rotations column: last_rotated_year says who has rotated. */
static void fairness_from_last_rotated_year(void **state) {
  (void)state;
  char *all = tu_read(tu_src(TEACHERS));
  assert_non_null(all);
  static char text[16384];
  size_t len = 0;
  char *save = NULL;
  for (char *line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    /* the ten columns up to exempt, then last_rotated_year (A01: 2010) */
    char *cut = line;
    for (int k = 0; k < 10; k++) {
      cut = strchr(cut, ',');
      assert_non_null(cut);
      cut++;
    }
    cut[-1] = '\0';
    const char *last = strncmp(line, "teacher_id,", 11) == 0 ? "last_rotated_year"
                       : strncmp(line, "A01,", 4) == 0       ? "2010"
                                                             : "";
    len += (size_t)tu_snprintf(text + len, sizeof text - len, "%s,%s\n", line, last);
  }
  free(all);
  const char *t = tu_write("t.csv", text), *s = tu_src(SCHOOLS);
  expect_move(s, t, policy("off.ini", "fairness = off"), "off", "A01,B", "by years at the school");
  expect_move(s, t, policy("on.ini", "fairness = once_before_twice"), "on", "A02,B",
              "fairness: rotated 0 time(s) so far, fewer than 1 colleague(s)");
}

/* A ledger row of teacher id in year's ledger.csv (malloc'ed line). */
static char *ledger_row(const char *out, int year, const char *id) {
  char path[4300], key[64];
  tu_snprintf(path, sizeof path, "%s/year_%d/ledger.csv", tu_path(out), year);
  tu_snprintf(key, sizeof key, "\n%d,%s,", year, id);
  char *text = tu_read(path);
  assert_non_null(text);
  char *at = strstr(text, key);
  assert_non_null(at);
  at++;
  char *end = strchr(at, '\n');
  char *row = strndup(at, end ? (size_t)(end - at) : strlen(at));
  free(text);
  return row;
}

static void ledger_carried_over_years(void **state) {
  (void)state;
  assert_int_equal(plan(tu_src(SCHOOLS), tu_src(TEACHERS), policy("on.ini", "title_service = yes"),
                        "y", 2),
                   0);
  /* year, id, name, school, moved, km, rotations, in run, km in run,
   * rural, weak, title, applies, title year done */
  char *r = ledger_row("y", 2026, "A02");
  assert_string_equal(r, "2026,A02,甲二,B,yes,12.0,1,1,12.0,1,0,junior,yes,yes");
  free(r);
  r = ledger_row("y", 2027, "A02"); /* carried: a second year at the rural school */
  assert_string_equal(r, "2027,A02,甲二,B,no,,1,1,12.0,2,0,junior,yes,yes");
  free(r);
  r = ledger_row("y", 2026, "B01"); /* history unknown: empty, not 0 */
  assert_string_equal(r, "2026,B01,乙1,B,no,,,0,0.0,,,,,");
  free(r);
  /* the next year's roster keeps the history columns, advanced */
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/year_2027/input/teachers.csv", tu_path("y"));
  char *roster = tu_read(path);
  assert_non_null(roster);
  assert_contains(roster, "rural_years,weak_years,rotations,title,applies_senior\n");
  assert_contains(roster, "A02,甲二,B,primary,math,F,1988,2026,bachelor,none,,2026,teacher,1,0,1,"
                          "junior,yes\n");
  free(roster);
  tu_snprintf(path, sizeof path, "%s/years.csv", tu_path("y"));
  char *years = tu_read(path);
  assert_non_null(years);
  assert_contains(years, ",title_applicants_lacking,title_applicants_served,"
                         "moved_again_while_colleague_never\n2026,1,0,1,0,0,");
  /* 2026: one applicant lacking the year, served; nobody moved twice */
  char *row2027 = strstr(years, "\n2027,");
  assert_non_null(row2027);
  assert_true(row2027 - years > 6 && strncmp(row2027 - 6, ",1,1,0", 6) == 0);
  free(years);
}

static void bad_title_refused(void **state) {
  (void)state;
  static const char *const sub[] = {"二级教师,是", "特级教师,是", NULL};
  const char *t = teachers("teachers.csv", sub);
  tu_run_t r = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", tu_src(SCHOOLS), t,
                      policy("p.ini", ""));
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "teachers.csv:3: column \"title\": \"特级教师\" is not a title: accepted "
                         "are 初级 (二级教师, 三级教师, 中学二级, 小学一级, ...), 中级");
  tu_run_free(&r);
  static const char *const sub2[] = {"二级教师,是", "二级教师,也许", NULL};
  t = teachers("teachers.csv", sub2);
  r = tu_run("audit --schools '%s' --teachers '%s' --policy '%s'", tu_src(SCHOOLS), t,
             tu_path("p.ini"));
  assert_int_equal(r.exit_code, 3);
  assert_contains(r.err, "teachers.csv:3: column \"applies_senior\": \"也许\" is not yes/no");
  tu_run_free(&r);
}

static void title_spellings(void **state) {
  (void)state;
  static const struct {
    const char *word;
    rp_title_t t;
  } ok[] = {{"初级", RP_TITLE_JUNIOR},           {"二级教师", RP_TITLE_JUNIOR},
            {"三级教师", RP_TITLE_JUNIOR},       {"小学一级", RP_TITLE_JUNIOR},
            {"中学二级教师", RP_TITLE_JUNIOR},   {"中级", RP_TITLE_INTERMEDIATE},
            {"一级教师", RP_TITLE_INTERMEDIATE}, {"小学高级教师", RP_TITLE_INTERMEDIATE},
            {"中学一级", RP_TITLE_INTERMEDIATE}, {"副高", RP_TITLE_SENIOR},
            {"高级教师", RP_TITLE_SENIOR},       {"中小学高级", RP_TITLE_SENIOR},
            {"中学高级教师", RP_TITLE_SENIOR},   {"正高", RP_TITLE_FULL_SENIOR},
            {"正高级教师", RP_TITLE_FULL_SENIOR}, {"未定级", RP_TITLE_NONE},
            {"senior", RP_TITLE_SENIOR},         {"", RP_TITLE_UNKNOWN}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    rp_title_t t = RP_TITLE_UNKNOWN;
    assert_int_equal(rp_title_parse(ok[i].word, &t), 0);
    if (t != ok[i].t)
      fail_msg("%s: %d, expected %d", ok[i].word, (int)t, (int)ok[i].t);
  }
  rp_title_t t;
  assert_int_equal(rp_title_parse("特级教师", &t), -1);
  assert_int_equal(rp_title_parse("高级职称", &t), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(title_service_sends_the_applicant),
      cmocka_unit_test(title_service_only_toward_rural_or_weak),
      cmocka_unit_test(title_service_gives_back_in_order),
      cmocka_unit_test(absent_history_is_unknown),
      cmocka_unit_test(priority_backbone_first),
      cmocka_unit_test(fairness_once_before_twice),
      cmocka_unit_test(fairness_from_last_rotated_year),
      cmocka_unit_test(ledger_carried_over_years),
      cmocka_unit_test(bad_title_refused),
      cmocka_unit_test(title_spellings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
