/* The teachers' history and the rules that read it (issue 15).
 *
 * teachers.csv may give each teacher's years in rural and in weak schools,
 * rotations so far, title and whether they intend to apply for a senior
 * title (docs/data-format.md, "History columns"; io/roster.c reads them).
 * Three rules use them (docs/model.md, "Who goes where"), all inside a
 * group of teachers the model's counts make interchangeable, so the model
 * itself never sees them:
 *   fairness = once_before_twice  fewer rotations so far go first;
 *   title_service = yes           an applicant who lacks the year in a
 *                                 rural or weak school is offered the
 *                                 group's moves to such schools first;
 *   priority = backbone           higher backbone level first, then years.
 * solver/assign.c and solver/greedy.c order by rp_history_order_cmp;
 * model/choice.c names the criterion in the reason; model/verify.c checks
 * fairness on a written list by its own reading.
 *
 * The burden ledger (ledger.csv) is each teacher's history after a plan
 * year, rp_history_after; a --years run carries it to the next year with
 * rp_history_advance.
 */
#ifndef RP_HISTORY_H
#define RP_HISTORY_H

#include <stddef.h>

#include "model/county.h"
#include "model/indicators.h"
#include "model/plan.h"
#include "model/policy.h"

/* Rotations so far as the fairness rule counts them: the `rotations`
 * column, or, where it is not given, 1 when last_rotated_year says the
 * teacher has rotated, else 0. */
int rp_history_rotations(const rp_teacher_t *t);

/* Does a move to school s give the year title_service asks for (a rural
 * or a weak school)? */
int rp_school_serves_title(const rp_school_t *s);

/* Is t an applicant who lacks the year: intends to apply for a senior
 * title (applies_senior = yes), holds no 正高 title, and the years given
 * (rural_years, weak_years; at least one of them) are each below
 * title_service_years.  Read whatever title_service says (years.csv
 * counts them); the rule applies only with title_service = yes. */
int rp_history_title_lacks(const rp_policy_t *p, const rp_teacher_t *t);

/* The order inside a group after the pins, the previous plan's moves and
 * the wishes (docs/model.md): fairness (fewer rotations first, when on),
 * priority (backbone level, highest first, when priority = backbone),
 * school_since ascending, teacher id.  With the keys off it is today's
 * order: years at the school, then id. */
int rp_history_order_cmp(const rp_policy_t *p, const rp_teacher_t *x, const rp_teacher_t *y);
/* Its first two criteria alone: 0 when x and y tie on fairness and
 * priority. */
int rp_history_rank_cmp(const rp_policy_t *p, const rp_teacher_t *x, const rp_teacher_t *y);

/* One teacher's history after the plan year (a row of ledger.csv); -1 is
 * unknown (the column not given). */
typedef struct {
  size_t school;       /* where the teacher serves the plan year */
  int moved;           /* moved by this plan */
  double km;           /* this move's km, -1 unknown or not moved */
  int rotations;       /* so far, this plan's move included; -1 unknown */
  int run_rotations;   /* in this run's years so far */
  double run_km;       /* km moved in this run's years so far */
  int rural_years, weak_years; /* served by the end of the plan year; -1 unknown */
  int title_done;      /* has title_service_years in rural or weak schools: 1, 0, -1 unknown */
} rp_ledger_t;

/* Every teacher's row, in the county's order, into out (n_teachers of
 * them, the caller's); `before` is the audit the plan's sections index. */
void rp_history_after(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                      const rp_plan_t *plan, rp_ledger_t *out);

/* The plan year is served: every teacher's history becomes rp_history_after's
 * (a --years run calls it once a year is planned, before the next).
 * RP_OK or RP_ENOMEM. */
rp_status_t rp_history_advance(rp_county_t *c, const rp_policy_t *p, const rp_plan_t *plan,
                               const rp_audit_t *before);

/* A year's history figures (years.csv). */
typedef struct {
  int title_lacking; /* applicants lacking the year at the start of the year */
  int title_served;  /* of them, moved to a rural or weak school this year */
  /* movers with a rotation before while an interchangeable colleague (the
   * same section and class, eligible) who has never rotated stays */
  int moved_again;
} rp_history_figures_t;

void rp_history_figures(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                        const rp_plan_t *plan, rp_history_figures_t *f);

/* years.csv's columns for them, in rp_history_figures_t's order. */
#define RP_HISTORY_FIGURE_NAMES "title_applicants_lacking", "title_applicants_served", \
                                "moved_again_while_colleague_never"
#define RP_HISTORY_FIGURES 3

#endif
