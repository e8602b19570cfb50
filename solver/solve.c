/* The one place that chooses a backend for rp_solve (solver.h): GLPK, or
 * CBC in a build that has it.  Both solve the stages of docs/model.md,
 * "Solving", to the same contract; nothing above the solver knows which. */
#include "solver/solver.h"

#include <stdio.h>
#include <string.h>

#include "solver/backend.h"

int rp_backend_available(rp_backend_t b) {
  switch (b) {
  case RP_BACKEND_GLPK: return 1;
#ifdef RP_HAVE_CBC
  case RP_BACKEND_CBC: return 1;
#endif
  default: return 0;
  }
}

rp_status_t rp_solve(const rp_milp_t *m, const rp_solve_opts_t *opts, rp_solution_t *sol,
                     rp_diag_t *diag) {
  rp_backend_t b = opts ? opts->backend : RP_BACKEND_GLPK;
#ifdef RP_HAVE_CBC
  if (b == RP_BACKEND_CBC) {
    /* The model file is GLPK's writing, whichever backend solves. */
    if (opts->write_model) {
      rp_status_t st = rp_milp_write(m, 0, NULL, opts->write_model, opts->write_model, diag);
      if (st != RP_OK) {
        memset(sol, 0, sizeof *sol);
        sol->status = RP_SOL_ERROR;
        return st;
      }
      rp_solve_opts_t o = *opts;
      o.write_model = NULL;
      return rp_cbc_solve(m, &o, sol, diag);
    }
    return rp_cbc_solve(m, opts, sol, diag);
  }
#endif
  if (b != RP_BACKEND_GLPK) {
    memset(sol, 0, sizeof *sol);
    sol->status = RP_SOL_ERROR;
    snprintf(sol->message, sizeof sol->message,
             "this rotaplan was built without the %s solver; use --solver glpk",
             rp_backend_name(b));
    rp_diag_error(diag, NULL, 0, NULL, "%s", sol->message);
    return RP_EUSAGE;
  }
  return rp_glpk_solve(m, opts, sol, diag);
}
