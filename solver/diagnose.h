/* When the hard rules cannot all hold: which one is in the way.  Re-solves
 * the model with one rule relaxed at a time and names the relaxations that
 * make a plan possible, so the planner learns which rule to discuss, not just
 * that "the model is infeasible". */
#ifndef RP_DIAGNOSE_H
#define RP_DIAGNOSE_H

#include "model/builder.h"
#include "model/milp.h"

/* Adds one message per relaxation that gives a plan to diag (as errors,
 * after the caller's own), each found by solving the relaxed model to the
 * end (rp_solve_model, lazy rows too) within an equal share of the time
 * left before deadline (rp_clock seconds; 0: no limit).  opts gives the gap
 * and the whole limit, for messages.  Never fails: a relaxation that cannot
 * be tried is skipped, and running out of time is said. */
void rp_diagnose_infeasible(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, const rp_solve_opts_t *opts,
                            double deadline, rp_diag_t *diag);

#endif
