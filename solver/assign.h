/* From a solved pooled model to a plan of individual teachers.
 *
 * The model says how many teachers of each class leave each section and
 * arrive at each; this step says who and where to (docs/model.md, "Who goes
 * where"): in each outflow group the teachers are taken in a documented,
 * reproducible order (pinned, then with wishes, then longest at the school,
 * then teacher id), pinned destinations are honoured, and the rest are
 * routed by a transportation LP per class that minimises wish ranks first
 * and kilometres second, with arcs longer than max_km left out.  The LP is
 * integral (a transportation problem), so its vertex solution is a plan.
 */
#ifndef RP_ASSIGN_H
#define RP_ASSIGN_H

#include "model/builder.h"
#include "model/milp.h"
#include "model/plan.h"

/* On RP_OK *out owns the plan.  RP_EINFEASIBLE when the distance limit or
 * the not_to pins leave no routing (diag names the class and the limit). */
rp_status_t rp_assign(const rp_build_t *b, const rp_solution_t *sol,
                      const rp_pin_t *pins, size_t n_pins, const rp_pref_t *prefs,
                      size_t n_prefs, rp_plan_t **out, rp_diag_t *diag);

/* Sets each move's reason: which target at the destination it serves. */
void rp_plan_explain(const rp_county_t *c, const rp_audit_t *before, rp_plan_t *plan);

#endif
