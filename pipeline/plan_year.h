/* Internal to pipeline/: one school year planned (pipeline/plan_run.c),
 * shared by the planning run and the move frontier (pipeline/frontier.c),
 * whose points are whole plans of the same county. */
#ifndef RP_PLAN_YEAR_H
#define RP_PLAN_YEAR_H

#include "pipeline/plan_run.h"

/* One school year: audit, model, solve (with lazy rows) by job->deadline,
 * assign, and, when out_dir is not NULL, write out_dir's files (and with
 * `reports` the workbook, the report and the model) into the run's
 * transaction txn.  trail names the inputs for summary.json.  On RP_OK
 * *plan_out, *before_out and *after_out are the caller's. */
rp_status_t rp_plan_year(const rp_plan_job_t *job, const rp_policy_t *policy,
                         const rp_county_t *county, const rp_pin_t *pins, size_t n_pins,
                         const rp_pref_t *prefs, size_t n_prefs, const char *out_dir,
                         const rp_inputs_t *trail, int reports, rp_out_txn_t *txn,
                         rp_plan_t **plan_out, rp_audit_t **before_out, rp_audit_t **after_out,
                         rp_diag_t *diag);

/* A planned year's files into out_dir (with `reports` the workbook and the
 * report of job too), in the run's language, into txn. */
rp_status_t rp_plan_year_write(const rp_plan_job_t *job, const rp_plan_view_t *view,
                               const char *out_dir, const rp_inputs_t *trail, int reports,
                               rp_out_txn_t *txn, rp_diag_t *diag);

#endif
