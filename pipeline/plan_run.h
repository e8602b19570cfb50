/* The planning run shared by `rotaplan plan` and `rotaplan compare`: read
 * the inputs (and apply a scenario), build, solve (with lazy rows), assign
 * the individuals, write the plan; and the multi-year stepping.  The front
 * ends parse options, call it and print the diagnostics it collects. */
#ifndef RP_PLAN_RUN_H
#define RP_PLAN_RUN_H

#include "io/plan_io.h"
#include "model/milp.h"
#include "model/scenario.h"
#include "model/status.h"

/* One plan run: inputs, options, optional scenario (not owned). */
typedef struct {
  rp_inputs_t in;
  const char *out;
  rp_solve_opts_t so;
  int greedy;
  long max_cols;
  const rp_scenario_t *scenario;
  int quiet; /* no summary on stdout (compare prints its own table) */
  int years; /* consecutive school years to plan (1 = the plan year only) */
  const char *forecast; /* enrolment_forecast.csv for multi-year plans, or NULL */
  rp_output_opts_t output; /* language and CSV encoding */
  int lang_given;          /* else the language follows the rosters' headers */
  const char *xlsx, *html; /* the workbook and the report (of the first year), or NULL */
} rp_plan_job_t;

/* Reads, plans and writes job->out (pipeline/plan_run.c).  Every message goes to
 * diag; returns the run's status. */
rp_status_t rp_plan_run(const rp_plan_job_t *job, rp_diag_t *diag);

#endif
