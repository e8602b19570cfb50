/* The backends behind rp_solve (solver.h), private to solver/: one file
 * per solver, each the only includer of its library's header (glpk.c of
 * glpk.h, cbc.c of Cbc_C_Interface.h); solver/solve.c chooses between them,
 * and solver/child.c runs either in a forked child under its deadline. */
#ifndef RP_SOLVER_BACKEND_H
#define RP_SOLVER_BACKEND_H

#include "model/milp.h"
#include "model/status.h"

/* Each backend's rp_solve, to the contract solver.h states: the stages of
 * m in turn, each held for the next, within opts->time_limit. */
rp_status_t rp_glpk_solve(const rp_milp_t *m, const rp_solve_opts_t *opts, rp_solution_t *sol,
                          rp_diag_t *diag);
#ifdef RP_HAVE_CBC
rp_status_t rp_cbc_solve(const rp_milp_t *m, const rp_solve_opts_t *opts, rp_solution_t *sol,
                         rp_diag_t *diag);
#endif

/* ---- the stages, as every backend keeps them (solver/stages.c) ---------------
 * Each stage of m's objective is minimised in turn; once solved, a row
 * holds its objective at most at rp_stage_cap of its value for the stages
 * after it (docs/model.md, "Solving"). */

/* The most stage st's objective may be in the later stages, its optimum
 * having been z: z exactly (whole units) or within a hair of it, plus its
 * allowance. */
double rp_stage_cap(const rp_stage_t *st, double z);

/* The stages after k that cost anything. */
int rp_later_stages(const rp_milp_t *m, int k);

/* Before the first stage: none proven, none reached (held -1). */
void rp_stages_begin(const rp_milp_t *m, rp_solution_t *sol);

/* Does stage k cost nothing?  Then it is skipped, proven when the stages
 * before it are. */
int rp_stage_skip(const rp_milp_t *m, int k, int all_proven, rp_solution_t *sol);

/* Stage k found the plan x: its held value, and whether the stages proven
 * so far (*all_proven) go on.  proven: 1 optimal, 2 within the gap (then
 * gap is the stage's), 0 not proven (then bound and gap, when have_bound,
 * are the solution's). */
void rp_stage_record(const rp_milp_t *m, int k, const double *x, int proven, int have_bound,
                     double bound, double gap, int *all_proven, rp_solution_t *sol);

/* sol->x is the plan the stages found: its status, each stage's value, and
 * the message naming the first stage not proven. */
void rp_stages_end(const rp_milp_t *m, rp_solution_t *sol);

/* A backend's solve, for rp_solve_in_child: fills *sol (sol->x of ncols
 * values when a plan exists) and reports a failure in *diag. */
typedef rp_status_t (*rp_solve_run_fn)(void *job, rp_solution_t *sol, rp_diag_t *diag);

/* Runs run(job, sol, diag) in a forked child that sends *sol back through
 * a pipe, and ends the child once opts->time_limit (plus a grace of at most
 * a second for its orderly stop) has passed: the limit holds whatever the
 * solver is doing, and a crash inside it is a reported solver failure
 * (RP_ESOLVER), not a lost run.  A child that sent nothing in time is
 * RP_OK with RP_SOL_NOSOLUTION, unless it sent a checkpoint
 * (rp_child_checkpoint): then that solution, RP_OK.  Without a pipe or a
 * fork it runs here. */
rp_status_t rp_solve_in_child(rp_solve_run_fn run, void *job, size_t ncols,
                              const rp_solve_opts_t *opts, rp_solution_t *sol, rp_diag_t *diag);

/* In rp_solve_in_child's child, sends the parent sol as it stands (its
 * plan of ncols values): the result should the child not answer in time,
 * e.g. the plan of the stages finished before a relaxation that the solver
 * does not stop at the limit.  Elsewhere it does nothing. */
void rp_child_checkpoint(const rp_solution_t *sol, size_t ncols);

#endif
