/* End to end: `rotaplan plan --frontier` on the demo county: at least six
 * points, each a plan that `rotaplan verify` accepts, moves rising from the
 * fewest to the plan of balance_moves = unlimited, the shortfall never
 * above the first point's, the balance (sum of the squared coefficients)
 * never worse from one point to the next by more than the balance stage's
 * gap; the main plan stays the policy's; the report and the workbook get
 * the frontier; and the step between the points (rp_frontier_step). */
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

#include "model/milp.h"
#include "pipeline/frontier.h"
#include "test_util.h"

#define DEMO "--schools '%s' --teachers '%s' --policy '%s'"
#define DEMO_ARGS(policy)                                                                  \
  tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"), \
      (policy)

enum { MAXP = 16, NCV = 6 };

typedef struct {
  int moves, shortfall;
  char balance_moves[32];
  double cv[NCV];
  char dir[128];
} point_t;

/* frontier.csv's rows (English headers: every field is a plain number or
 * word, no quoting). */
static int read_points(const char *out, point_t *p) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/frontier.csv", out);
  char *text = tu_read(path);
  assert_non_null(text);
  assert_true(strncmp(text, "moves,balance_moves,shortfall,cv_primary_degree,", 48) == 0);
  int n = 0;
  char *save = NULL;
  strtok_r(text, "\n", &save); /* the header */
  for (char *line = strtok_r(NULL, "\n", &save); line && n < MAXP;
       line = strtok_r(NULL, "\n", &save), n++) {
    char *f[20], *s2 = NULL;
    int k = 0;
    for (char *c = strtok_r(line, ",", &s2); c && k < 20; c = strtok_r(NULL, ",", &s2))
      f[k++] = c;
    assert_int_equal(k, 14);
    p[n].moves = atoi(f[0]);
    snprintf(p[n].balance_moves, sizeof p[n].balance_moves, "%s", f[1]);
    p[n].shortfall = atoi(f[2]);
    for (int i = 0; i < NCV; i++)
      p[n].cv[i] = strtod(f[3 + i], NULL);
    snprintf(p[n].dir, sizeof p[n].dir, "%s", f[13]);
  }
  free(text);
  return n;
}

static int summary_moves(const char *dir) {
  cJSON *doc = tu_read_summary(dir);
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(doc, "moved");
  assert_true(cJSON_IsNumber(m));
  int moves = m->valueint;
  cJSON_Delete(doc);
  return moves;
}

static double balance(const point_t *p) {
  double b = 0;
  for (int i = 0; i < NCV; i++)
    b += p->cv[i] * p->cv[i];
  return b;
}

static void demo_frontier(void **state) {
  (void)state;
  const char *policy = tu_write("policy.ini", "[rotation]\nplan_year = 2026\n");
  const char *out = tu_path("out");
  char html[4300], xlsx[4300];
  tu_snprintf(html, sizeof html, "%s/report.html", out);
  tu_snprintf(xlsx, sizeof xlsx, "%s/plan.xlsx", out);
  tu_run_t r = tu_run("plan " DEMO " --out '%s' --frontier --html '%s' --xlsx '%s'",
                      DEMO_ARGS(policy), out, html, xlsx);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.err, "frontier: point 1 of ");
  assert_contains(r.out, "Move frontier: ");
  point_t p[MAXP];
  int n = read_points(out, p);
  assert_true(n >= RP_FRONTIER_MIN_POINTS);
  assert_string_equal(p[0].balance_moves, "0");
  assert_string_equal(p[n - 1].balance_moves, "unlimited");
  char line[64];
  for (int k = 0; k < n; k++) {
    snprintf(line, sizeof line, "frontier: point %d of %d, %d moves", k + 1, n, p[k].moves);
    assert_contains(r.err, line);
    /* Each point: a plan verify accepts, with the moves its row says. */
    char dir[4400];
    tu_snprintf(dir, sizeof dir, "%s/%s", out, p[k].dir);
    tu_run_t v = tu_run("verify " DEMO " --plan '%s'", DEMO_ARGS(policy), dir);
    if (v.exit_code != 0)
      fprintf(stderr, "%s\n", v.err);
    assert_int_equal(v.exit_code, 0);
    tu_run_free(&v);
    assert_int_equal(summary_moves(dir), p[k].moves);
    assert_true(p[k].shortfall <= p[0].shortfall);
    if (k > 0) {
      assert_true(p[k].moves > p[k - 1].moves);
      /* 4 decimals in the file: a rounding's worth of slack. */
      assert_true(balance(&p[k]) <= balance(&p[k - 1]) * (1 + RP_CV_GAP) + 1e-3);
    }
  }
  tu_run_free(&r);
  /* The main plan is the policy's (balance_moves = 0: the first point). */
  assert_int_equal(summary_moves(out), p[0].moves);
  char *page = tu_read(html);
  assert_contains(page, "<section id=\"frontier\">");
  assert_contains(page, "frontier/moves_");
  free(page);

  /* The last point is the plan of balance_moves = unlimited. */
  const char *unl = tu_write("unlimited.ini", "[rotation]\nplan_year = 2026\n"
                                              "balance_moves = unlimited\n");
  const char *out2 = tu_path("unlimited");
  r = tu_run("plan " DEMO " --out '%s'", DEMO_ARGS(unl), out2);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  assert_int_equal(summary_moves(out2), p[n - 1].moves);
}

static void frontier_chinese_and_refused(void **state) {
  (void)state;
  const char *policy = tu_write("policy.ini", "[rotation]\nplan_year = 2026\n");
  const char *out = tu_path("zh");
  tu_run_t r = tu_run("plan " DEMO " --out '%s' --frontier --lang zh", DEMO_ARGS(policy), out);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "交流人数与均衡");
  tu_run_free(&r);
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/frontier.csv", out);
  char *text = tu_read(path);
  assert_contains(text, "交流人数,均衡可多交流人数,缺口合计,差异系数_小学_高学历教师");
  assert_contains(text, "不限");
  free(text);
  /* Not with --years or the greedy method: nothing written. */
  const char *out2 = tu_path("refused");
  r = tu_run("plan " DEMO " --out '%s' --frontier --years 2", DEMO_ARGS(policy), out2);
  assert_int_equal(r.exit_code, 2);
  assert_contains(r.err, "--frontier");
  tu_run_free(&r);
  r = tu_run("plan " DEMO " --out '%s' --frontier --method greedy", DEMO_ARGS(policy), out2);
  assert_int_equal(r.exit_code, 2);
  tu_run_free(&r);
  assert_int_not_equal(access(out2, F_OK), 0);
}

/* The step gives at least six points with the last (every whole count
 * when the range has fewer), at most RP_FRONTIER_STEPS + 1. */
static void frontier_step(void **state) {
  (void)state;
  for (int range = 0; range <= 5000; range++) {
    int s = rp_frontier_step(range);
    assert_true(s >= 1);
    int points = range > 0 ? (range + s - 1) / s + 1 : 1; /* 0, s, 2s, ... < range, and the end */
    int want = range + 1 < RP_FRONTIER_MIN_POINTS ? range + 1 : RP_FRONTIER_MIN_POINTS;
    if (points < want || points > RP_FRONTIER_STEPS + 1)
      fail_msg("range %d: step %d gives %d points", range, s, points);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(frontier_step),
      cmocka_unit_test(demo_frontier),
      cmocka_unit_test(frontier_chinese_and_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
