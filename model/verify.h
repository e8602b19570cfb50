/* Independent re-check of a plan: every hard rule, from the rosters and the
 * list of moves alone, without the model builder or the solver.  Used by
 * `rotaplan verify` and by every test that makes a plan. */
#ifndef RP_VERIFY_H
#define RP_VERIFY_H

#include "model/county.h"
#include "model/indicators.h"
#include "model/pins.h"
#include "model/plan.h"
#include "model/policy.h"
#include "model/rules.h"

/* Reports each broken rule to diag (as an error naming the rule, in the
 * words of tr: NULL for English) and returns the number of broken rules. */
int rp_verify_rules(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                    const rp_plan_t *plan, const rp_pin_t *pins, size_t n_pins, rp_tr_fn tr,
                    rp_diag_t *diag);

/* The principals' exchange of a plan (plan->principals, read back from
 * principals.csv), checked from docs/model.md's rules alone: each one
 * exchanged is an eligible principal (role, not exempt, at least
 * principal_min_years at the school), moved once, to another school of the
 * same kind that the move rules on schools in force allow (other_school,
 * max_km, move_scope), and every school has as many principals after as
 * before (one principal per school: a school receives one exactly when its
 * own leaves).  Each break is an error of diag in the words of tr; returns
 * the number of breaks. */
int rp_verify_principals(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                         const rp_plan_t *plan, rp_tr_fn tr, rp_diag_t *diag);

#endif
