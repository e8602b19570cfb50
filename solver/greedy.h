/* The rule-based baseline (`rotaplan plan --method greedy`): what a bureau
 * does by hand, so that the benefit of optimizing is measured, not claimed.
 * Longest-serving eligible teachers first (backbone teachers first until the
 * backbone minimum is met), each to the neediest section of their level that
 * the rules allow.  Honours the same hard rules as the model (outflow cap,
 * subject cover, gain cap, backbone direction, max_km, pins), so that
 * `rotaplan verify` passes on its plans too. */
#ifndef RP_GREEDY_H
#define RP_GREEDY_H

#include "model/builder.h"
#include "model/plan.h"

/* RP_EINFEASIBLE when the quota or backbone minimum cannot be met by this
 * rule of thumb (diag says which). */
rp_status_t rp_greedy_plan(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                           const rp_pin_t *pins, size_t n_pins, rp_plan_t **out,
                           rp_diag_t *diag);

#endif
