/* summary.json (io/summary_json.h): a summary written and read back gives
 * the same figures and, written again, the same bytes; null max_rotate,
 * missing keys (NAN, "?" for the solver's status) and a file that is not
 * JSON. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/summary_json.h"
#include "test_util.h"

/* A summary with a different figure in every field. */
static void sample(rp_summary_t *s) {
  memset(s, 0, sizeof *s);
  double v = 1;
  s->plan_year = 2026;
  snprintf(s->lang, sizeof s->lang, "zh");
  snprintf(s->method, sizeof s->method, "milp");
  double *top[] = {&s->eligible, &s->eligible_backbone, &s->min_rotate, &s->max_rotate,
                   &s->min_backbone, &s->moved, &s->moved_backbone, &s->km_total, &s->km_max,
                   &s->km_mean, &s->sections_missing_after};
  for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
    *top[i] = v++;
  for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
    s->recruitment[i] = v++;
  rp_summary_shortfall_t *sf[] = {&s->shortfall_before, &s->shortfall_after};
  for (int w = 0; w < 2; w++) {
    sf[w]->total = v++;
    sf[w]->staff = v++;
    for (int i = 0; i < RP_INDICATORS; i++)
      sf[w]->by[i] = v++;
  }
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    rp_level_stats_t *L[] = {&s->levels_before[lv], &s->levels_after[lv]};
    for (int w = 0; w < 2; w++) {
      L[w]->students = (int)v++;
      L[w]->sections = (int)v++;
      L[w]->excluded = (int)v++;
      L[w]->composite = v++ / 8;
      for (int i = 0; i < RP_INDICATORS; i++) {
        L[w]->mean[i] = v++ / 4;
        L[w]->cv[i] = v++ / 16;
        L[w]->pass[i] = (i + w) % 2;
      }
    }
    s->cv_limit[lv] = 0.25 + lv * 0.125;
  }
  snprintf(s->solver.status, sizeof s->solver.status, "optimal");
  s->solver.gap = 0.5;
  s->solver.stalled = 1; /* read back: the round trip's memcmp sees it */
  s->solver.n_stages = 2;
  snprintf(s->solver.stage[0].name, sizeof s->solver.stage[0].name, "shortfall");
  s->solver.stage[0].value = 12;
  s->solver.stage[0].proven = 1;
  snprintf(s->solver.stage[1].name, sizeof s->solver.stage[1].name, "balance");
  s->solver.stage[1].value = 0.75;
  s->solver.stage[1].optimum = 0.5;
  s->solver.seconds = 0.25;
  snprintf(s->inputs_sha256[0], sizeof s->inputs_sha256[0], "%064d", 0);
  snprintf(s->inputs_sha256[3], sizeof s->inputs_sha256[3], "%064d", 3);
}

static const char *write_summary(const char *name, const rp_summary_t *s) {
  const char *path = tu_write(name, "");
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  assert_int_equal(rp_summary_write(fp, s), RP_OK);
  fclose(fp);
  return path;
}

static void round_trip(void **state) {
  (void)state;
  rp_summary_t a, b;
  sample(&a);
  const char *p1 = write_summary("a.json", &a);
  assert_int_equal(rp_summary_read(p1, &b), RP_OK);
  assert_null(b.policy);
  b.policy = a.policy;
  assert_memory_equal(&a, &b, sizeof a);
  char *t1 = tu_read(p1);
  const char *p2 = write_summary("b.json", &b);
  char *t2 = tu_read(p2);
  assert_non_null(t1);
  assert_non_null(t2);
  assert_string_equal(t1, t2);
  assert_contains(t1, "\"max_rotate\":\t4,");
  assert_contains(t1, "\"pins\":\t\"000");
  free(t1);
  free(t2);
}

static void null_max_rotate(void **state) {
  (void)state;
  rp_summary_t a, b;
  sample(&a);
  a.max_rotate = NAN;
  const char *path = write_summary("null.json", &a);
  char *text = tu_read(path);
  assert_contains(text, "\"max_rotate\":\tnull,");
  free(text);
  assert_int_equal(rp_summary_read(path, &b), RP_OK);
  assert_true(isnan(b.max_rotate));
  assert_true(b.moved == a.moved);
}

static void missing_keys(void **state) {
  (void)state;
  rp_summary_t s;
  assert_int_equal(rp_summary_read(tu_write("empty.json", "{\"moved\": 3}"), &s), RP_OK);
  assert_true(s.moved == 3);
  assert_true(isnan(s.moved_backbone));
  assert_true(isnan(s.shortfall_after.total));
  assert_true(isnan(s.levels_after[0].cv[0]));
  assert_true(isnan(s.cv_limit[1]));
  assert_string_equal(s.lang, "");
  assert_string_equal(s.solver.status, "?");
  assert_string_equal(s.inputs_sha256[0], "");
}

static void not_json(void **state) {
  (void)state;
  rp_summary_t s;
  assert_int_equal(rp_summary_read(tu_write("bad.json", "moved = 3"), &s), RP_EINPUT);
  assert_int_equal(rp_summary_read(tu_write("zero.json", ""), &s), RP_EINPUT);
  char path[4200];
  tu_snprintf(path, sizeof path, "%s/no_such.json", tu_tmpdir());
  assert_int_equal(rp_summary_read(path, &s), RP_EINPUT);
  /* A folder, and a FIFO nothing writes to (once a hang in fopen). */
  assert_int_equal(rp_summary_read(tu_tmpdir(), &s), RP_EINPUT);
  tu_snprintf(path, sizeof path, "%s/fifo.json", tu_tmpdir());
  unlink(path);
  assert_int_equal(mkfifo(path, 0600), 0);
  assert_int_equal(rp_summary_read(path, &s), RP_EINPUT);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(round_trip),
      cmocka_unit_test(null_max_rotate),
      cmocka_unit_test(missing_keys),
      cmocka_unit_test(not_json),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
