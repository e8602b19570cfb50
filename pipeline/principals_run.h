/* The principals' exchange of a planned year (model/principals.h): built,
 * solved through solver/ and kept in the plan; the teachers' plan is made,
 * and checked, on the county it leaves (rp_principals_county). */
#ifndef RP_PRINCIPALS_RUN_H
#define RP_PRINCIPALS_RUN_H

#include "model/indicators.h"
#include "model/milp.h"
#include "model/plan.h"
#include "model/principals.h"

/* When policy says principal_exchange = yes: the exchange of the county
 * before the plan (audit `before`) into *out (NULL when the policy says
 * no), solved with so's backend by `deadline` (rp_clock() seconds, 0:
 * none).  Principals who cannot be exchanged are named in warnings of
 * diag; the teachers are planned whatever the exchange finds.  RP_OK,
 * RP_ENOMEM, RP_ESOLVER. */
rp_status_t rp_plan_principals(const rp_solve_opts_t *so, double deadline,
                               const rp_county_t *county, const rp_policy_t *policy,
                               const rp_audit_t *before, rp_principals_t **out, rp_diag_t *diag);

/* The county the teachers' rotation is planned and checked on: c with
 * the exchange pr in effect (each principal exchanged at the new school)
 * and its audit, into *c2 and *a2 (the caller's); both NULL when pr moves
 * nobody (then c and its audit are that county).  The sections are c's,
 * in the same order, so that a list's sections mean the same school in
 * either.  RP_OK, RP_ENOMEM, RP_EINTERNAL. */
rp_status_t rp_principals_county(const rp_county_t *c, const rp_policy_t *p,
                                 const rp_audit_t *before, const rp_principals_t *pr,
                                 rp_county_t **c2, rp_audit_t **a2, rp_diag_t *diag);

/* A written plan's principals.csv, beside its rotation list at `list`,
 * into plan->principals (with its eligible and stayed counted again) when
 * p says principal_exchange = yes and the file is there; else nothing.
 * RP_OK, or the status of reading it (rp_principals_read). */
rp_status_t rp_principals_read_beside(const char *list, const rp_county_t *c,
                                      const rp_policy_t *p, rp_plan_t *plan, rp_diag_t *diag);

/* The exchange's moves take effect in a multi-year run: each principal
 * leads the new school from this year. */
void rp_principals_apply(rp_county_t *c, const rp_policy_t *p, const rp_plan_t *plan);

#endif
