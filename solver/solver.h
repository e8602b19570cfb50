/* Solving an rp_milp_t.  Two backends behind this one interface, as SCIP
 * keeps one lpi.h and one file per LP solver: GLPK (solver/glpk.c, the only
 * file that includes glpk.h), which every build has, and CBC (solver/cbc.c,
 * the only includer of Cbc_C_Interface.h) in a build that found it;
 * opts->backend chooses (solver/solve.c). */
#ifndef RP_SOLVER_H
#define RP_SOLVER_H

#include "model/milp.h"
#include "model/status.h"

/* Solves m with the backend opts->backend names (GLPK when opts is NULL).
 * On RP_OK sol->status says what was found (a time-limit incumbent is
 * RP_SOL_FEASIBLE and usable); sol->x is filled when a solution exists.
 * RP_ESOLVER when the solver itself failed (message in sol->message): the
 * process never aborts.  RP_EUSAGE when the backend is not in this build
 * (rp_backend_available).  Writes the model first when opts->write_model
 * (with GLPK, whichever backend solves). */
rp_status_t rp_solve(const rp_milp_t *m, const rp_solve_opts_t *opts,
                     rp_solution_t *sol, rp_diag_t *diag);

/* Is backend b in this build?  GLPK always; CBC when built with it. */
int rp_backend_available(rp_backend_t b);

/* Writes m to path for other solvers, in the format the file name `named`
 * asks for (.lp: CPLEX LP with names, else fixed MPS): path may be the
 * temporary file of the output `named` (io/out_file.h), or `named` itself.
 * The objective is stage `stage`'s; for a later stage than the first, rows
 * hold each stage before it at its value held[q] (as the solver held it),
 * so that another solver can confirm the stage's optimum. */
rp_status_t rp_milp_write(const rp_milp_t *m, int stage, const double *held, const char *path,
                          const char *named, rp_diag_t *diag);

/* Solves a pure LP (all columns continuous) with GLPK's simplex method;
 * used by the transportation step, which is integral as an LP. */
rp_status_t rp_solve_lp(const rp_milp_t *m, rp_solution_t *sol, rp_diag_t *diag);

#endif
