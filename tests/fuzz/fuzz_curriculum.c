/* libFuzzer harness for io/curriculum_csv: rp_curriculum_parse on the input.
 *
 * Checked (abort() is a finding): a refused file says why and keeps
 * nothing; an accepted curriculum holds periods in 0..60 and loads of 0 or
 * 1..40 (curriculum_csv.c's ranges), and its demand for a school of 2,000
 * classes a level is finite and not negative.  Built as a libFuzzer binary
 * with RP_FUZZ=ON and replayed over tests/fuzz/corpus/curriculum by
 * fuzz_replay_curriculum (docs/reliability.md). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/curriculum_csv.h"
#include "model/curriculum.h"
#include "model/policy.h"
#include "model/status.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_curriculum(const rp_curriculum_t *cur) {
  check(cur->from_file == 1);
  for (int g = 0; g < RP_GRADES; g++)
    for (int j = 0; j < RP_SUBJECTS; j++)
      check(cur->periods[g][j] >= 0 && cur->periods[g][j] <= 60);
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_school_t sc = {0};
  sc.classes[RP_PRIMARY] = sc.classes[RP_JUNIOR] = 2000;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int j = 0; j < RP_SUBJECTS; j++) {
      double load = cur->load[lv][j];
      check(load == 0 || (load >= 1 && load <= 40));
      double d = rp_subject_demand(cur, &p, &sc, (rp_level_t)lv, (rp_subject_t)j);
      check(isfinite(d) && d >= 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_curriculum_t *cur = NULL;
  rp_status_t st = rp_curriculum_parse("curriculum.csv", (const char *)data, size, &cur, &d);
  if (st == RP_OK) {
    check(cur != NULL && d.n_errors == 0);
    check_curriculum(cur);
  } else {
    check(cur == NULL);
    check(d.n_errors > 0 || st == RP_ENOMEM);
  }
  free(cur);
  rp_diag_clear(&d);
  return 0;
}
