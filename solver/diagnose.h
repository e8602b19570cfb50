/* When the hard rules cannot all hold: which one is in the way.  Re-solves
 * the model with one rule relaxed at a time and names the relaxations that
 * make a plan possible, so the planner learns which rule to discuss, not just
 * that "the model is infeasible". */
#ifndef RP_DIAGNOSE_H
#define RP_DIAGNOSE_H

#include "model/builder.h"

/* Adds one message per relaxation tried to diag (as errors, after the
 * caller's own).  Never fails: a relaxation that cannot be tried is skipped. */
void rp_diagnose_infeasible(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, rp_diag_t *diag);

#endif
