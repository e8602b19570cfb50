/* One-rule-at-a-time relaxation of an infeasible plan (see diagnose.h). */
#include "solver/diagnose.h"

#include <stdio.h>
#include <string.h>

#include "solver/solve_model.h"
#include "solver/solver.h"

/* Of what is left before the deadline, the share of one of `left_to_try`
 * relaxations (0: no deadline). */
static double share_of(double deadline, int left_to_try) {
  if (deadline <= 0)
    return 0;
  return (deadline - rp_clock()) / (left_to_try > 0 ? left_to_try : 1);
}

/* The policy with rule r relaxed into *q; 1 when that changes p (a rule
 * already off, or without a relaxation, gives 0). */
static int relaxed(const rp_rule_t *r, const rp_policy_t *p, rp_policy_t *q) {
  *q = *p;
  if (!r->relax)
    return 0;
  r->relax(q);
  return memcmp(q, p, sizeof *q) != 0;
}

/* Relaxations still to try from the table's row `from` on. */
static int relaxations_to_try(const rp_policy_t *p, size_t from) {
  int n = 0;
  rp_policy_t q;
  for (size_t i = from; i < rp_n_rules; i++)
    n += relaxed(&rp_rules[i], p, &q);
  return n;
}

void rp_diagnose_infeasible(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, const rp_solve_opts_t *opts,
                            double deadline, rp_diag_t *diag) {
  int helped = 0, out_of_time = 0;
  /* Every rule of the table that has a relaxation, in the table's order,
   * solved to the end (lazy rows too) within an equal share of the time
   * the run has left: a rule is named only when the plan really exists. */
  for (size_t i = 0; i < rp_n_rules && !out_of_time; i++) {
    const rp_rule_t *rule = &rp_rules[i];
    rp_policy_t q;
    if (!relaxed(rule, p, &q))
      continue; /* no relaxation, or the rule is already off */
    double share = share_of(deadline, relaxations_to_try(p, i));
    if (deadline > 0 && share < 0.1) {
      out_of_time = 1;
      break;
    }
    rp_diag_t quiet = RP_DIAG_INIT;
    rp_build_t *b = NULL;
    rp_solution_t sol = {0};
    rp_solve_opts_t so = {.backend = opts->backend, .time_limit = share, .gap = opts->gap};
    if (rp_build(c, &q, a, pins, n_pins, NULL, &b, &quiet) == RP_OK &&
        rp_solve_model(b, &so, deadline > 0 ? rp_clock() + share : 0, NULL, NULL, &sol,
                       &quiet) == RP_OK &&
        (sol.status == RP_SOL_OPTIMAL || sol.status == RP_SOL_FEASIBLE)) {
      rp_diag_error(diag, NULL, 0, NULL, "  a plan exists with %s (rule %s relaxed)",
                    rule->relaxed, rule->name);
      helped++;
    }
    rp_solution_free(&sol);
    rp_build_free(b);
    rp_diag_clear(&quiet);
  }
  if (out_of_time)
    rp_diag_error(diag, NULL, 0, NULL,
                  "  the time limit (--time-limit %g s) ended the search for a rule to relax "
                  "before every rule was tried; raise it to try the rest", opts->time_limit);
  else if (!helped)
    rp_diag_error(diag, NULL, 0, NULL,
                  "  no single rule relaxed makes a plan possible: the quota (quota_share), "
                  "the backbone share or the pins need to change");
}
