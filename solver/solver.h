/* Solving an rp_milp_t.  One backend today, GLPK (solver/glpk.c, the only
 * file that includes glpk.h); another solver would sit beside it behind this
 * interface, as SCIP keeps one lpi.h and one file per LP solver. */
#ifndef RP_SOLVER_H
#define RP_SOLVER_H

#include "model/milp.h"
#include "model/status.h"

/* Solves m.  On RP_OK sol->status says what was found (a time-limit
 * incumbent is RP_SOL_FEASIBLE and usable); sol->x is filled when a solution
 * exists.  RP_ESOLVER when GLPK itself failed (message in sol->message): the
 * process never aborts.  Writes the model first when opts->write_model. */
rp_status_t rp_solve(const rp_milp_t *m, const rp_solve_opts_t *opts,
                     rp_solution_t *sol, rp_diag_t *diag);

/* Writes m to path for other solvers, in the format the file name `named`
 * asks for (.lp: CPLEX LP with names, else fixed MPS): path may be the
 * temporary file of the output `named` (io/out_file.h), or `named` itself.
 * The objective is stage `stage`'s; for a later stage than the first, rows
 * hold each stage before it at its value held[q] (as the solver held it),
 * so that another solver can confirm the stage's optimum. */
rp_status_t rp_milp_write(const rp_milp_t *m, int stage, const double *held, const char *path,
                          const char *named, rp_diag_t *diag);

/* Solves a pure LP (all columns continuous) with the simplex method; used by
 * the transportation step, which is integral as an LP. */
rp_status_t rp_solve_lp(const rp_milp_t *m, rp_solution_t *sol, rp_diag_t *diag);

#endif
