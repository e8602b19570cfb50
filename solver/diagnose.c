/* One-rule-at-a-time relaxation of an infeasible plan (see diagnose.h). */
#include "solver/diagnose.h"

#include <stdio.h>
#include <string.h>

#include "solver/solver.h"

void rp_diagnose_infeasible(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, rp_diag_t *diag) {
  int helped = 0;
  /* Every rule of the table that has a relaxation, in the table's order. */
  for (size_t i = 0; i < rp_n_rules; i++) {
    const rp_rule_t *rule = &rp_rules[i];
    if (!rule->relax)
      continue;
    rp_policy_t q = *p;
    rule->relax(&q);
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
                    rule->relaxed, rule->name);
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
