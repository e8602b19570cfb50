/* The principals' exchange (校长交流, seeds 002 and 004; docs/model.md,
 * "The principals' exchange"): principals who have led their school for at
 * least principal_min_years are exchanged among the schools of the same
 * kind (primary, junior, nine-year), one principal per school always, the
 * stronger (teachers.csv's principal_rating) toward weak and rural schools.
 *
 * It is a small assignment model of its own, built here on model/milp.h and
 * solved through solver/ before the teachers' plan (pipeline/plan_run.c),
 * which is made on the county the exchange leaves: the principals are
 * outside the teachers' rotation (move_leaders = no), so the two plans
 * share no teacher, but a principal teaches too.  A principal may go where the move rules
 * that apply to a school's move allow (model/rules.c's route rules:
 * other_school, max_km, move_scope); nobody stays at or returns to their
 * own school. */
#ifndef RP_PRINCIPALS_H
#define RP_PRINCIPALS_H

#include <stddef.h>

#include "model/county.h"
#include "model/milp.h"
#include "model/policy.h"
#include "model/rules.h"

/* One principal exchanged: from the school led to the school led next. */
typedef struct {
  size_t teacher; /* index into county->teachers */
  size_t from, to; /* schools */
  double km;       /* -1 when positions are unknown */
} rp_principal_move_t;

/* The exchange of a year, as the plan keeps it (rp_plan_t.principals). */
typedef struct rp_principals {
  rp_principal_move_t *moves; /* in the order of the list: destination school id, then id */
  size_t n;
  int eligible; /* principals eligible for the exchange */
  int stayed;   /* of them, not exchanged (no exchange the rules allow) */
} rp_principals_t;

void rp_principals_free(rp_principals_t *p); /* NULL is a no-op */

/* The kind of a school for the exchange: 1 primary, 2 junior, 3 nine-year
 * (both sections); 0 none.  Principals are exchanged within a kind. */
int rp_school_kind(const rp_school_t *s);
/* "primary", "junior", "nine_year" (principals.csv, messages). */
const char *rp_school_kind_name(int kind);

/* How much a school needs a strong principal: 1 for a weak school, 1 for a
 * rural one (2 when both), 0 otherwise. */
int rp_school_principal_need(const rp_school_t *s);

/* Is teacher t a principal the exchange moves under p?  The role principal,
 * set aside from the teachers' rotation (move_leaders = no), not exempt, at
 * the school for at least principal_min_years.  *why (may be NULL) gets the
 * reason when not. */
int rp_principal_eligible(const rp_policy_t *p, const rp_teacher_t *t, const char **why);

/* The first move rule in force that applies to a school's move (the route
 * rules of model/rules.c) and forbids principal `teacher` leading school
 * `to`, or NULL; its words to why (size n, in the words of tr) when one
 * does. */
const rp_rule_t *rp_principal_forbidden(const rp_move_ctx_t *x, size_t teacher, size_t to,
                                        rp_tr_fn tr, char *why, size_t n);

/* The exchange's model of a year (docs/model.md, rows principal_leave and
 * principal_one, stages principal_stays, principal_strength, principal_km). */
typedef struct {
  rp_milp_t *milp;
  size_t n; /* candidates: eligible principals with a school of their own */
  size_t *teacher; /* n: the candidates, by school id */
  int *stay;       /* n: column pstay of each */
  int *move;       /* n * n: column pmove of candidate i to candidate j's school, or -1 */
  int eligible;    /* eligible principals, candidates or not */
} rp_principal_model_t;

/* Builds the model of the county x describes; every eligible principal who
 * cannot be exchanged for want of a school (the only one of a kind, a group
 * of one, max_km) is named in a warning of diag.  *out is the caller's
 * (rp_principal_model_free); it has no columns when nobody can move.
 * RP_OK or RP_ENOMEM. */
rp_status_t rp_principal_model_build(const rp_move_ctx_t *x, rp_principal_model_t **out,
                                     rp_diag_t *diag);
void rp_principal_model_free(rp_principal_model_t *m); /* NULL is a no-op */

/* The exchange the solution xs (the model's columns; NULL: nobody moves)
 * says, sorted as the list is; those who could go somewhere but stay are
 * named in a warning of diag.  RP_OK or RP_ENOMEM. */
rp_status_t rp_principal_model_read(const rp_move_ctx_t *x, const rp_principal_model_t *m,
                                    const double *xs, rp_principals_t **out, rp_diag_t *diag);

/* Sorts the moves by destination school id, then teacher id. */
void rp_principals_sort(const rp_county_t *c, rp_principals_t *p);

#endif
