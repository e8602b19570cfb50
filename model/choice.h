/* Why this teacher: the second half of a move's reason.
 *
 * A plan says how many teachers of each group (a section's free-to-move
 * teachers of one class, model/rules.h) leave; which of them leave follows
 * a fixed order, the method's (docs/model.md, "3. Who goes where").  After
 * the plan is made, rp_plan_choices walks each group in that order and
 * records for every mover the first reason that put them ahead: a pin, a
 * kept previous move, fewer rotations (fairness), a wish, the title
 * service, a higher backbone level (priority), or their years at the school (the only one of the group, or their
 * place among the group's teachers by years at the school).  It also counts
 * the teachers ahead in the order who stay: the solver's assignment takes
 * the head of each group, so that count is always 0 for a milp plan; the
 * greedy baseline can pass over a teacher no school the rules allow could
 * take when their turn came, and the words then say so.
 *
 * It reads only the county, the policy, the pins, the preferences and the
 * plan, never the model: a list read back (publish) gets the same reasons
 * as the plan that wrote it.
 */
#ifndef RP_CHOICE_H
#define RP_CHOICE_H

#include "model/pins.h"
#include "model/plan.h"

/* The order that picks leavers within a group. */
typedef enum {
  RP_ORDER_MILP,  /* solver/assign.c: pinned (`to`, then `move`), fewer
                     rotations (fairness), with a previous plan its moves
                     that can be kept, wishes, title applicants for rural or
                     weak moves (title_service), backbone level (priority =
                     backbone), school_since ascending, teacher_id, and last
                     the teachers whose previous move the rules now forbid
                     (model/history.h for the history's part) */
  RP_ORDER_GREEDY /* solver/greedy.c: pinned, then model/history.h's order
                     (fairness, priority, school_since, teacher_id; it reads
                     no preferences and knows no title applicants) */
} rp_choice_order_t;

/* Fills plan->why (one per move, in the moves' order: call after
 * rp_plan_sort), replacing what was there.  a is the audit before the
 * plan; pins, prefs and previous (plan --previous, or NULL) as the plan
 * was made with (pin files and lines are kept as pointers into pins).  A moved teacher outside every group (not
 * free to move: a list edited by hand) gets RP_CHOICE_NONE.  RP_OK or
 * RP_ENOMEM. */
rp_status_t rp_plan_choices(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, const rp_pref_t *prefs,
                            size_t n_prefs, const rp_previous_t *previous,
                            rp_choice_order_t order, rp_plan_t *plan);

/* The order of the method that made the plan ("greedy": RP_ORDER_GREEDY,
 * anything else RP_ORDER_MILP). */
rp_choice_order_t rp_choice_order_of(const char *method);

/* Movers whose place is not the head of their group's order (ahead_stayed
 * > 0); 0 when why is not derived. */
size_t rp_plan_choices_out_of_order(const rp_plan_t *plan);

#endif
