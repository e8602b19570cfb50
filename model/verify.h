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

#endif
