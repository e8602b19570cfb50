/* Turns the county, its policy and the planner's inputs (pins) into the
 * pooled MILP of docs/model.md, and reads a solution back as counts.
 *
 * Teachers who are interchangeable for every rule are counted, not listed:
 * a "class" is (level, degree flag, backbone flag, rotation-backbone flag,
 * PE+arts flag); outflows are counted per (section, subject, class) so that
 * the subject rule can hold, inflows per (section, class), and each class
 * balances county-wide.  Who goes where is settled afterwards
 * (solver/assign.c).  Row and column names follow docs/model.md.
 */
#ifndef RP_BUILDER_H
#define RP_BUILDER_H

#include "model/county.h"
#include "model/indicators.h"
#include "model/milp.h"
#include "model/policy.h"
#include "model/pins.h"
#include "model/plan.h"
#include "model/rules.h"



typedef struct {
  size_t section;
  rp_subject_t subject;
  int cls;       /* level * RP_CLASSES_PER_LEVEL + flags */
  int eligible;  /* teachers of the group free to move */
  int pinned;    /* of which pinned to move */
  int col;       /* out column */
} rp_outgroup_t;

/* A flow column x[o,d,class] (docs/model.md, "Distance"). */
typedef struct {
  size_t o, d; /* sections */
  int k, col;  /* class, column */
} rp_arc_t;

/* One unit step of a section's squared deviation (docs/model.md, var rows). */
typedef struct {
  int col, lv, ind;
  size_t s; /* section */
  int n;    /* the count the step reaches */
  double cost;
} rp_step_t;

/* A later year of a joint plan (docs/model.md, "Years planned together"):
 * the county as that year would find it if nobody moved before it (ages,
 * retirements, terms ending, the enrolment forecast), its policy (plan
 * year) and its audit.  Not owned by the build. */
typedef struct rp_year_ahead {
  const rp_county_t *county;
  const rp_policy_t *policy;
  const rp_audit_t *audit;
  /* [teacher of this county] the same teacher's index in the plan year's
   * county, SIZE_MAX for none: who is free to move in both years. */
  const size_t *origin;
} rp_year_ahead_t;

typedef struct rp_build {
  const rp_county_t *county;
  const rp_policy_t *policy;
  const rp_audit_t *audit; /* the county before: sections and counts */
  rp_move_ctx_t rules;     /* for rp_move_forbidden: county, policy, audit, pins */
  rp_milp_t *milp;
  rp_outgroup_t *out;
  size_t n_out;
  int *in_col;      /* [section * classes + cls] column or -1 */
  int *in_pinned;   /* [section * classes + cls] pinned arrivals */
  int n_classes;    /* RP_LEVELS * RP_CLASSES_PER_LEVEL */
  int *moved_col;   /* [cls] column counting the class's moves, or -1 */
  int *staff_short; /* [section] column or -1 */
  int *ind_short;   /* [section * 3 + i] column or -1 */
  int *subj_short;  /* [section * RP_SUBJECTS + subject] column or -1 */
  int const_col;    /* objective_constant */
  /* [section * RP_INDICATORS + i] the net column of indicator i
   * (arrivals less departures counting for it), -1 where not made */
  int *net_ind;
  int cv_excess[RP_LEVELS][RP_INDICATORS]; /* column or -1 (row not added) */
  int cv_harm[RP_LEVELS][RP_INDICATORS];   /* column or -1 (row not added) */
  double cv_base[RP_LEVELS][RP_INDICATORS]; /* CV^2 at the lowest counts */
  double cv_before[RP_LEVELS][RP_INDICATORS]; /* CV^2 before the plan */
  rp_step_t *steps;                         /* every step column */
  size_t n_steps;
  /* The objective's stages (docs/model.md, "Objective"), -1 when absent. */
  int stage_harm, stage_short, stage_stable, stage_excess, stage_moves, stage_balance,
      stage_moves_after, stage_distance;
  /* The previous plan (plan --previous), NULL when none: the stability
   * stage's columns keep_out (per outflow group) and keep_in (per section
   * and class), -1 where the previous plan has no move of that kind. */
  const rp_previous_t *previous;
  int *keep_out; /* [group] */
  int *keep_in;  /* [section * classes + cls] */
  int min_rotate, max_rotate, min_backbone;
  int *eligible_flag; /* [teacher] 1 if free to move (eligible, not pinned stay) */
  rp_arc_t *arcs;     /* the flows, sorted by o then class, when the model routes */
  size_t n_arcs;
  /* Joint plans (rp_build_years): the later years' blocks, in order, each
   * an rp_build_t of its year writing into this one's milp (which it does
   * not own); none for a plan of one year. */
  struct rp_build **ahead;
  size_t n_ahead;
  int owns_milp;
  /* The rule_shortfall stage (-1 when absent) and this block's slack
   * columns in it (-1 when none): the whole teachers by which the year's
   * quota and backbone rows fall short.  A later year's rows have them
   * always; the plan year's backbone row when policy backbone_reach. */
  int stage_rules, quota_short, bb_short;
  size_t *grp_start; /* [section] its first out group; [S] = n_out */
  /* A later year's rows and columns that a start plan fills
   * (rp_build_start): its quota and backbone rows, its whole moves and
   * backbone moves, and each group's carry row (-1 when none). */
  int quota_row, bb_row, moved_all_col, moved_bb_col;
  int *carry_row;
  /* A later year's group of each plan-year teacher ([plan-year teacher],
   * -1 when not free to move in that year), for the carry rows. */
  long *group_of_origin;
  /* A later year's block: its teachers are pooled by (section, class
   * flags), not by subject (docs/model.md, "Years planned together"):
   * its groups' subject is 0 and their class has subject 0. */
  int coarse;
} rp_build_t;

/* The order of the outflow groups: section, subject, class.  The builder
 * sorts its groups and the assignment its candidates (solver/assign.c) by
 * this one key, so that each group's teachers are found where it is. */
int rp_group_cmp(size_t s1, int subject1, int cls1, size_t s2, int subject2, int cls2);

/* Builds the model.  Pins may be NULL; previous (not owned, kept in the
 * build) is the plan to stay close to, or NULL.  Returns RP_OK, RP_ENOMEM, or
 * RP_EINFEASIBLE when a hard rule cannot hold whatever the solver does (too
 * few eligible teachers for the quota, a pin against a rule): the message in
 * diag names the rule and the numbers. */
rp_status_t rp_build(const rp_county_t *c, const rp_policy_t *p,
                     const rp_audit_t *before, const rp_pin_t *pins,
                     size_t n_pins, const rp_previous_t *previous, rp_build_t **out,
                     rp_diag_t *diag);
void rp_build_free(rp_build_t *b);

/* rp_build with the later years ahead[0 .. n_ahead) in the same model
 * (docs/model.md, "Years planned together"): each later year's moves,
 * pooled by (section, class flags) and continuous, linked to the years
 * before it by who is still free to move (carry rows), with its outflow
 * caps and its quota and backbone share, elastic, in the rule_shortfall
 * stage.  The solution's plan-year columns are b's as in rp_build. */
rp_status_t rp_build_years(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                           const rp_pin_t *pins, size_t n_pins, const rp_previous_t *previous,
                           const rp_year_ahead_t *ahead, size_t n_ahead, rp_build_t **out,
                           rp_diag_t *diag);

/* Rows that rarely bind and are added only where the solution x breaks one
 * (docs/model.md, "Lazy rows"); the caller then solves again, until none is
 * added.  The do_no_harm rows (a level's coefficient above the larger of
 * its limit and its value before), the cv_limit rows (above its limit) and, in
 * the pooled form, the self rows (a section's arrivals of a class come from
 * other sections: in + out <= moved).  The optimum with them added where
 * broken is the optimum of the full model.  Returns the number of rows
 * added, -1 when out of memory; *hard gets how many of them are self rows
 * (the others are elastic: x keeps every hard rule with them). */
int rp_build_add_lazy_rows(rp_build_t *b, const double *x, int *hard);

/* The values of every column of b->milp (as built so far, lazy rows
 * included) for a plan made some other way (the greedy baseline): the
 * counts of its moves, the shortfalls and balance steps of the county after
 * it, the excess of the coefficients.  The solver starts its search from it
 * (solver/solve_model.c).  Returns 0, or -1 when the plan is not one of the
 * model's (a move no column carries). */
int rp_build_start(const rp_build_t *b, const rp_plan_t *plan, const rp_audit_t *after,
                   double *x);

/* Sets the elastic columns of the do_no_harm and cvlimit rows in x to what
 * x's balance steps ask of them (the excess of each coefficient over its
 * cap, 0 when none), so that a plan solved before those rows existed keeps
 * them and its stages' values count them. */
void rp_build_fill_elastic(const rp_build_t *b, double *x);

/* Sets the stability stage's keep columns in x to what x's out and in
 * columns allow (no-op without a previous plan). */
void rp_build_fill_keep(const rp_build_t *b, double *x);

#endif
