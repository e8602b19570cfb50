/* The bookkeeping of the stages that every backend shares (backend.h):
 * what a stage is held to, and what the solution says of the stages. */
#include "solver/backend.h"

#include <math.h>
#include <stdio.h>

double rp_stage_cap(const rp_stage_t *st, double z) {
  if (st->whole)
    return floor(z + 0.5) + st->allow;
  return z + 1e-7 * (fabs(z) > 1 ? fabs(z) : 1) + st->allow;
}

int rp_later_stages(const rp_milp_t *m, int k) {
  int later = 0;
  for (int q = k + 1; q < m->n_stages; q++)
    later += !rp_milp_stage_empty(m, q);
  return later;
}

void rp_stages_begin(const rp_milp_t *m, rp_solution_t *sol) {
  sol->proven = 0;
  /* The gap of the first stage not proven: 1 (nothing known of its bound)
   * until a search that had one stops there; 0 once every stage is. */
  sol->bound = 0;
  sol->gap = 1;
  for (int k = 0; k < m->n_stages; k++)
    sol->held[k] = rp_milp_stage_empty(m, k) ? 0 : -1; /* -1: not reached */
}

int rp_stage_skip(const rp_milp_t *m, int k, int all_proven, rp_solution_t *sol) {
  if (!rp_milp_stage_empty(m, k))
    return 0;
  sol->proven += all_proven;
  return 1;
}

void rp_stage_record(const rp_milp_t *m, int k, const double *x, int proven, int have_bound,
                     double bound, double gap, int *all_proven, rp_solution_t *sol) {
  sol->held[k] = rp_milp_stage_value(m, k, x);
  if (!proven && *all_proven && have_bound) {
    sol->bound = bound;
    sol->gap = gap;
  }
  *all_proven = *all_proven && proven;
  sol->proven += *all_proven;
  sol->stage_gap[k] = proven == 2 && have_bound ? gap : 0;
}

void rp_stages_end(const rp_milp_t *m, rp_solution_t *sol) {
  sol->status = sol->proven >= m->n_stages ? RP_SOL_OPTIMAL : RP_SOL_FEASIBLE;
  if (sol->status == RP_SOL_OPTIMAL)
    sol->gap = 0;
  for (int k = 0; k < m->n_stages; k++)
    sol->value[k] = rp_milp_stage_value(m, k, sol->x);
  if (sol->status == RP_SOL_FEASIBLE)
    snprintf(sol->message, sizeof sol->message, "stage %s not proven optimal in time",
             m->stage[sol->proven].name);
}
