/* The plan pipeline shared by `rotaplan plan` and `rotaplan compare`: read
 * the inputs (and apply a scenario), build, solve (with lazy rows), assign
 * the individuals, write the plan.  The commands only parse options and
 * print the diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assign.h"
#include "builder.h"
#include "cli.h"
#include "diagnose.h"
#include "greedy.h"
#include "out_file.h"
#include "plan_io.h"
#include "policy_ini.h"
#include "roster.h"
#include "scenario.h"
#include "solver.h"

/* Policy (defaults, file, scenario keys) and rosters. */
static rp_status_t load(const rp_plan_job_t *job, rp_policy_t *policy, rp_county_t **county,
                        rp_diag_t *diag) {
  rp_policy_default(policy, rp_cli_default_year());
  rp_status_t st = RP_OK;
  if (job->in.policy)
    st = rp_policy_load(job->in.policy, policy, diag);
  if (st == RP_OK && job->scenario)
    st = rp_scenario_apply_policy(job->scenario, policy, diag);
  if (st == RP_OK)
    st = rp_roster_load(job->in.schools, job->in.teachers, policy, county, diag);
  return st;
}

rp_status_t rp_plan_run(const rp_plan_job_t *job, rp_diag_t *diag) {
  rp_policy_t policy;
  rp_county_t *county = NULL;
  rp_audit_t *before = NULL, *after = NULL;
  rp_build_t *b = NULL;
  rp_plan_t *plan = NULL;
  rp_pin_t *pins = NULL;
  rp_pref_t *prefs = NULL;
  size_t n_pins = 0, n_prefs = 0;
  rp_solution_t sol = {0};
  rp_inputs_t in = job->in;
  rp_solve_opts_t so = job->so;
  const char *inputs[] = {in.schools, in.teachers, in.policy, in.pins, in.prefs};
  for (int i = 0; i < 5; i++)
    if (inputs[i])
      rp_out_protect(inputs[i]);

  rp_status_t st = RP_OK;
  if (so.write_model) { /* same file as an input, by device and inode? */
    rp_out_file_t *chk = rp_out_open(so.write_model, diag, &st);
    if (!chk)
      goto done;
    rp_out_abort(chk);
  }
  if ((st = load(job, &policy, &county, diag)) != RP_OK)
    goto done;
  if (in.pins && (st = rp_pins_load(in.pins, county, &pins, &n_pins, diag)) != RP_OK)
    goto done;
  if (job->scenario &&
      (st = rp_scenario_apply_county(job->scenario, &policy, county, &pins, &n_pins, diag)) !=
          RP_OK)
    goto done;
  if (in.prefs && (st = rp_prefs_load(in.prefs, county, &prefs, &n_prefs, diag)) != RP_OK)
    goto done;
  if ((st = rp_audit_build(county, &policy, &before)) != RP_OK)
    goto done;
  if (job->greedy) {
    if ((st = rp_greedy_plan(county, &policy, before, pins, n_pins, &plan, diag)) != RP_OK)
      goto done;
    goto write;
  }
  if ((st = rp_build(county, &policy, before, pins, n_pins, &b, diag)) != RP_OK)
    goto done;
  fprintf(stderr, "model: %zu columns, %zu rows, %zu nonzeros\n", b->milp->ncols,
          b->milp->nrows, b->milp->nnz);
  if ((long)b->milp->ncols > job->max_cols) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "the model has %zu columns, more than the limit of %ld: plan the county in "
                  "parts (by group or district), or raise the limit with --max-columns",
                  b->milp->ncols, job->max_cols);
    st = RP_ELIMIT;
    goto done;
  }
  const char *write_model = so.write_model;
  so.write_model = NULL; /* written below, with the lazy rows the plan needed */
  /* One deadline for every solve of the run: --time-limit is the whole. */
  const double limit = so.time_limit;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if ((st = rp_solve(b->milp, &so, &sol, diag)) != RP_OK)
    goto done;
  double solve_seconds = sol.seconds;
  /* Lazy rows only where the plan breaks one (builder.h), then again. */
  for (int round = 0; sol.status == RP_SOL_OPTIMAL || sol.status == RP_SOL_FEASIBLE; round++) {
    int added = rp_build_add_lazy_rows(b, sol.x);
    if (added < 0) {
      st = RP_ENOMEM;
      goto done;
    }
    if (added == 0)
      break;
    if (round == 20) { /* each round adds rows; 20 is far more than seen */
      rp_diag_error(diag, NULL, 0, NULL,
                    "internal: the plan still breaks %d lazy rows after 20 rounds", added);
      st = RP_EINTERNAL;
      goto done;
    }
    fprintf(stderr, "model: %d lazy row%s added (coefficient limits, self rows), solving again\n",
            added, added == 1 ? "" : "s");
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double left = limit - ((double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    if (left < 0.1) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "time limit: %g s spent before the plan met every rule (%d lazy rows still "
                    "to add); raise --time-limit", limit, added);
      st = RP_ESOLVER;
      goto done;
    }
    so.time_limit = left;
    rp_solution_free(&sol);
    if ((st = rp_solve(b->milp, &so, &sol, diag)) != RP_OK)
      goto done;
    solve_seconds += sol.seconds;
  }
  sol.seconds = solve_seconds;
  if (write_model && (st = rp_milp_write(b->milp, write_model, diag)) != RP_OK)
    goto done;
  if (sol.status == RP_SOL_INFEASIBLE) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "the hard rules cannot all hold together: quota %d, backbone %d, "
                  "max_outflow_share %.2g, overstaff_share %.2g%s%s%s, pins; relax one and "
                  "rerun",
                  b->min_rotate, b->min_backbone, policy.max_outflow_share,
                  policy.overstaff_share, policy.subject_cover ? ", subject cover" : "",
                  policy.backbone_direction == RP_DIR_RURAL_OR_WEAK ? ", backbone_direction" : "",
                  policy.max_km > 0 ? ", max_km" : "");
    rp_diagnose_infeasible(county, &policy, before, pins, n_pins, diag);
    st = RP_EINFEASIBLE;
    goto done;
  }
  if (sol.status != RP_SOL_OPTIMAL && sol.status != RP_SOL_FEASIBLE) {
    rp_diag_error(diag, NULL, 0, NULL, "solver: %s", sol.message[0] ? sol.message
                                                           : rp_sol_status_name(sol.status));
    st = RP_ESOLVER;
    goto done;
  }
  if ((st = rp_assign(b, &sol, pins, n_pins, prefs, n_prefs, &plan, diag)) != RP_OK)
    goto done;
  plan->method = "milp";
  plan->status = sol.status == RP_SOL_OPTIMAL ? "optimal" : "feasible (not proven optimal)";
  plan->gap = sol.gap;
  plan->seconds = sol.seconds;
  plan->objective = sol.obj;
write:
  if ((st = rp_plan_after(county, &policy, before, plan, &after)) != RP_OK)
    goto done;
  if ((st = rp_plan_write(job->out, county, &policy, before, after, plan, &in, diag)) != RP_OK)
    goto done;
  if (!job->quiet) {
    rp_plan_print_summary(stdout, county, &policy, before, after, plan);
    printf("  written to %s/\n", job->out);
  }
done:
  rp_solution_free(&sol);
  rp_plan_free(plan);
  rp_build_free(b);
  rp_audit_free(before);
  rp_audit_free(after);
  rp_county_free(county);
  free(pins);
  free(prefs);
  return st;
}
