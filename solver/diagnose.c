/* One-rule-at-a-time relaxation of an infeasible plan (see diagnose.h). */
#include "solver/diagnose.h"

#include <stdio.h>
#include <string.h>

#include "solver/solver.h"

typedef struct {
  const char *rule;  /* as in policy.ini */
  const char *relax; /* what was changed, for the message */
} relax_t;

static void relax(rp_policy_t *q, int i) {
  switch (i) {
  case 0: q->max_outflow_share = 1; break;
  case 1: q->overstaff_share = 100; break;
  case 2: q->subject_cover = 0; break;
  case 3: q->backbone_direction = RP_DIR_ANY; break;
  case 4: q->max_km = 0; break;
  case 5: q->quota_scope = RP_SCOPE_COUNTY; break;
  default: break;
  }
}

void rp_diagnose_infeasible(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, rp_diag_t *diag) {
  static const relax_t rules[] = {
      {"max_outflow_share", "max_outflow_share = 1"},
      {"overstaff_share", "overstaff_share = 100"},
      {"subject_cover", "subject_cover = 0"},
      {"backbone_direction", "backbone_direction = any"},
      {"max_km", "max_km = 0"},
      {"quota_scope", "quota_scope = county"},
  };
  int helped = 0;
  for (int i = 0; i < (int)(sizeof rules / sizeof rules[0]); i++) {
    rp_policy_t q = *p;
    relax(&q, i);
    if (memcmp(&q, p, sizeof q) == 0)
      continue; /* the rule is already off */
    rp_diag_t quiet = RP_DIAG_INIT;
    rp_build_t *b = NULL;
    rp_solution_t sol = {0};
    rp_solve_opts_t so = {.time_limit = 30};
    if (rp_build(c, &q, a, pins, n_pins, &b, &quiet) == RP_OK &&
        rp_solve(b->milp, &so, &sol, &quiet) == RP_OK &&
        (sol.status == RP_SOL_OPTIMAL || sol.status == RP_SOL_FEASIBLE)) {
      rp_diag_error(diag, NULL, 0, NULL, "  a plan exists with %s (rule %s relaxed)",
                    rules[i].relax, rules[i].rule);
      helped++;
    }
    rp_solution_free(&sol);
    rp_build_free(b);
    rp_diag_clear(&quiet);
  }
  if (!helped)
    rp_diag_error(diag, NULL, 0, NULL,
                  "  no single rule relaxed makes a plan possible: the quota (quota_share), "
                  "the backbone share or the pins need to change");
}
