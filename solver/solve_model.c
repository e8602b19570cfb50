/* The lazy-row loop (see solve_model.h). */
#include "solver/solve_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/greedy.h"
#include "solver/solver.h"

double rp_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The options of one solve: what is left before the deadline. */
static rp_solve_opts_t opts_until(const rp_solve_opts_t *opts, double deadline) {
  rp_solve_opts_t so = *opts;
  so.write_model = NULL;
  if (deadline > 0)
    so.time_limit = deadline - rp_clock();
  return so;
}

/* A plan to start each solve from: the greedy baseline's (solver/greedy.c),
 * which keeps every rule of the model but the coefficients', when it finds
 * one.  GLPK takes it as its first plan (docs/model.md, "Solving"), so that
 * its search never starts empty: on a county whose sections trade teachers
 * of many subjects it can look for a first plan for minutes.  sp->plan
 * stays NULL when the baseline finds none. */
typedef struct {
  rp_plan_t *plan;
  rp_audit_t *after;
} start_plan_t;

static void start_plan_find(const rp_build_t *b, start_plan_t *sp) {
  rp_diag_t quiet = {0};
  sp->plan = NULL;
  sp->after = NULL;
  if (rp_greedy_plan(b->county, b->policy, b->audit, b->rules.pins, b->rules.n_pins, &sp->plan,
                     &quiet) != RP_OK ||
      rp_plan_after(b->county, b->policy, b->audit, sp->plan, &sp->after) != RP_OK) {
    rp_plan_free(sp->plan);
    sp->plan = NULL;
  }
  rp_diag_clear(&quiet);
}

static void start_plan_free(start_plan_t *sp) {
  rp_plan_free(sp->plan);
  rp_audit_free(sp->after);
}

/* One solve before the deadline; a deadline already passed is a solve that
 * found nothing in time (never a solve without a limit).  The message names
 * the whole limit, not the part that was left. */
static rp_status_t solve_until(rp_build_t *b, const rp_solve_opts_t *opts, double deadline,
                               const start_plan_t *sp, const double *kept, rp_solution_t *sol,
                               rp_diag_t *diag) {
  rp_solve_opts_t so = opts_until(opts, deadline);
  rp_status_t st = RP_OK;
  double *start = NULL;
  if (kept) { /* the round before's plan: it keeps every row the round added */
    so.start = kept;
  } else if (sp->plan && (start = malloc((b->milp->ncols + 1) * sizeof *start)) &&
             rp_build_start(b, sp->plan, sp->after, start) == 0) {
    so.start = start;
  }
  if (deadline > 0 && so.time_limit < 1e-3) {
    *sol = (rp_solution_t){0};
    sol->status = RP_SOL_NOSOLUTION;
  } else if ((st = rp_solve(b->milp, &so, sol, diag)) != RP_OK) {
    free(start);
    return st;
  }
  free(start);
  if (sol->status == RP_SOL_NOSOLUTION && deadline > 0)
    snprintf(sol->message, sizeof sol->message, "no plan found within the time limit of %g s",
             opts->time_limit);
  return st;
}

/* A copy of sol to fall back on, its plan padded with zeros to the
 * columns m has now, the elastic columns just added set to what the plan
 * asks of them (and each stage's value with them), marked not proven.
 * -1 when out of memory. */
static int keep_plan(const rp_build_t *b, size_t solved_cols, const rp_solution_t *sol,
                     rp_solution_t *kept) {
  const rp_milp_t *m = b->milp;
  *kept = *sol;
  kept->x = calloc(m->ncols + 1, sizeof *kept->x);
  if (!kept->x)
    return -1;
  memcpy(kept->x, sol->x, solved_cols * sizeof *kept->x);
  rp_build_fill_elastic(b, kept->x);
  for (int k = 0; k < m->n_stages; k++)
    kept->value[k] = rp_milp_stage_value(m, k, kept->x);
  kept->status = RP_SOL_FEASIBLE;
  kept->proven = 0;
  snprintf(kept->message, sizeof kept->message,
           "the time limit ended the search before the plan met every coefficient row");
  return 0;
}

rp_status_t rp_solve_model(rp_build_t *b, const rp_solve_opts_t *opts, double deadline,
                           rp_progress_fn progress, void *ud, rp_solution_t *sol,
                           rp_diag_t *diag) {
  /* The first solve leaves a quarter of the time for the rounds of lazy
   * rows that its plan may need; a plan needing none is done anyway. */
  double first = deadline > 0 ? deadline - 0.25 * (deadline - rp_clock()) : 0;
  start_plan_t sp;
  start_plan_find(b, &sp);
  rp_status_t st = solve_until(b, opts, first, &sp, NULL, sol, diag);
  if (st != RP_OK) {
    start_plan_free(&sp);
    return st;
  }
  double seconds = sol->seconds;
  /* Lazy rows only where the plan breaks one (builder.h), then again.
   * When the time runs out after a round that added only elastic rows
   * (do_no_harm, cvlimit), the plan before it keeps every hard rule: it
   * stands, not proven (its coefficients are the audit's, whatever the
   * stages say), rather than no plan at all. */
  rp_solution_t kept = {0};
  for (int round = 0; sol->status == RP_SOL_OPTIMAL || sol->status == RP_SOL_FEASIBLE; round++) {
    int hard = 0;
    size_t solved_cols = b->milp->ncols;
    int added = rp_build_add_lazy_rows(b, sol->x, &hard);
    if (added < 0) {
      st = RP_ENOMEM;
      break;
    }
    if (added == 0)
      break;
    if (round == 20) { /* each round adds rows; 20 is far more than seen */
      rp_diag_error(diag, NULL, 0, NULL,
                    "internal: the plan still breaks %d lazy rows after 20 rounds", added);
      st = RP_EINTERNAL;
      break;
    }
    if (progress) {
      char line[160];
      snprintf(line, sizeof line,
               "model: %d lazy row%s added (coefficient limits, self rows), solving again", added,
               added == 1 ? "" : "s");
      progress(ud, line);
    }
    rp_solution_free(&kept);
    if (hard == 0 && keep_plan(b, solved_cols, sol, &kept) != 0) {
      st = RP_ENOMEM;
      break;
    }
    if (deadline > 0 && deadline - rp_clock() < 0.1) {
      if (kept.x) { /* the plan before the round stands, padded to the columns */
        rp_solution_free(sol);
        *sol = kept;
        kept = (rp_solution_t){0};
        break;
      }
      rp_diag_error(diag, NULL, 0, NULL,
                    "time limit: %g s spent before the plan met every rule (%d lazy rows still "
                    "to add); raise --time-limit", opts->time_limit, added);
      st = RP_ESOLVER;
      break;
    }
    rp_solution_free(sol);
    /* After a round of elastic rows only, the plan before it keeps every
     * row of the model as it now is: the next search starts from it, not
     * from the greedy baseline's, and has a good plan from its first node. */
    if ((st = solve_until(b, opts, deadline, &sp, kept.x, sol, diag)) != RP_OK)
      break;
    seconds += sol->seconds;
    if (sol->status == RP_SOL_NOSOLUTION && kept.x) {
      rp_solution_free(sol);
      *sol = kept;
      kept = (rp_solution_t){0};
      break;
    }
  }
  rp_solution_free(&kept);
  start_plan_free(&sp);
  sol->seconds = seconds;
  return st;
}
