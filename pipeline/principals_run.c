/* The principals' exchange of a planned year (see principals_run.h). */
#include "pipeline/principals_run.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/plan_io.h"

#include "model/principals.h"
#include "solver/solve_model.h"
#include "solver/solver.h"

rp_status_t rp_plan_principals(const rp_solve_opts_t *so, double deadline,
                               const rp_county_t *county, const rp_policy_t *policy,
                               const rp_audit_t *before, rp_principals_t **out, rp_diag_t *diag) {
  *out = NULL;
  if (!policy->principal_exchange)
    return RP_OK;
  const rp_move_ctx_t x = {county, policy, before, NULL, 0};
  rp_principal_model_t *m = NULL;
  rp_solution_t sol = {0};
  rp_status_t st = rp_principal_model_build(&x, &m, diag);
  if (st != RP_OK)
    return st;
  if (m->milp->ncols > 0) {
    rp_solve_opts_t o = *so;
    o.write_model = NULL;
    o.start = NULL;
    o.progress = 0;
    if (deadline > 0) {
      double left = deadline - rp_clock();
      o.time_limit = left > 1 ? left : 1;
    }
    if ((st = rp_solve(m->milp, &o, &sol, diag)) == RP_OK && sol.status != RP_SOL_OPTIMAL &&
        sol.status != RP_SOL_FEASIBLE) {
      rp_diag_error(diag, NULL, 0, NULL, "principal exchange: solver: %s",
                    sol.message[0] ? sol.message : rp_sol_status_name(sol.status));
      st = RP_ESOLVER;
    }
  }
  if (st == RP_OK)
    st = rp_principal_model_read(&x, m, sol.x, out, diag);
  rp_solution_free(&sol);
  rp_principal_model_free(m);
  return st;
}

rp_status_t rp_principals_read_beside(const char *list, const rp_county_t *c,
                                      const rp_policy_t *p, rp_plan_t *plan, rp_diag_t *diag) {
  char path[4400];
  const char *slash = strrchr(list, '/');
  snprintf(path, sizeof path, "%.*sprincipals.csv", slash ? (int)(slash - list + 1) : 0, list);
  if (!p->principal_exchange || access(path, F_OK) != 0)
    return RP_OK;
  rp_status_t st = rp_principals_read(path, c, &plan->principals, diag);
  if (st != RP_OK)
    return st;
  rp_principals_t *pr = plan->principals;
  for (size_t k = 0; k < c->n_teachers; k++)
    pr->eligible += rp_principal_eligible(p, &c->teachers[k], NULL);
  pr->stayed = pr->eligible - (int)pr->n;
  rp_principals_sort(c, pr);
  return RP_OK;
}

rp_status_t rp_principals_county(const rp_county_t *c, const rp_policy_t *p,
                                 const rp_audit_t *before, const rp_principals_t *pr,
                                 rp_county_t **c2, rp_audit_t **a2, rp_diag_t *diag) {
  *c2 = NULL;
  *a2 = NULL;
  if (!pr || pr->n == 0)
    return RP_OK;
  rp_county_t *d = rp_county_copy(c);
  if (!d)
    return RP_ENOMEM;
  for (size_t k = 0; k < pr->n; k++)
    d->teachers[pr->moves[k].teacher].school = pr->moves[k].to;
  rp_status_t st = rp_audit_build(d, p, a2);
  if (st == RP_OK && ((*a2)->n_sections != before->n_sections ||
                      memcmp((*a2)->section_of, before->section_of,
                             c->n_schools * 2 * sizeof *before->section_of) != 0)) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "principal exchange: the county's sections changed with the exchange");
    st = RP_EINTERNAL;
  }
  if (st != RP_OK) {
    rp_audit_free(*a2);
    *a2 = NULL;
    rp_county_free(d);
    return st;
  }
  *c2 = d;
  return RP_OK;
}

void rp_principals_apply(rp_county_t *c, const rp_policy_t *p, const rp_plan_t *plan) {
  for (size_t k = 0; plan->principals && k < plan->principals->n; k++) {
    rp_teacher_t *t = &c->teachers[plan->principals->moves[k].teacher];
    t->school = plan->principals->moves[k].to;
    t->school_since = p->plan_year;
  }
}
