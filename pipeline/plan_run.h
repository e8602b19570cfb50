/* The planning run shared by `rotaplan plan` and `rotaplan compare`: read
 * the inputs (and apply a scenario), build, solve (with lazy rows), assign
 * the individuals, write the plan; and the multi-year stepping.  The front
 * ends parse options, call it, print what it reports to their observer and
 * the diagnostics it collects. */
#ifndef RP_PLAN_RUN_H
#define RP_PLAN_RUN_H

#include "io/plan_io.h"
#include "model/milp.h"
#include "model/scenario.h"
#include "model/status.h"

/* A planned year, as the observer's on_year_planned sees it. */
typedef struct {
  const rp_plan_view_t *view;
  rp_lang_t lang;          /* of what people read */
  const char *dir;         /* where the plan's files were written */
  const char *xlsx, *html; /* the workbook and the report written with it, or NULL */
} rp_year_planned_t;

/* How a run reports while it goes: the pipeline prints nothing itself, the
 * caller decides what is shown.  Any function may be NULL; ctx is passed
 * back to each. */
typedef struct {
  void (*on_progress)(void *ctx, const char *line); /* one line: the model's size, lazy rows */
  void (*on_year_start)(void *ctx, int year);        /* multi-year runs, before each year */
  /* A year is planned and the run's files are in place (or, with
   * rp_plan_job_t.txn, complete); in a multi-year run this comes for each
   * year once all are written, and view->county is then NULL (the county
   * has moved on). */
  void (*on_year_planned)(void *ctx, const rp_year_planned_t *y);
  void (*on_years_written)(void *ctx, rp_lang_t lang, int years, const char *out); /* years.csv */
  /* plan --appeals: what granting each appeal alone costs (appeals.csv) */
  void (*on_appeals)(void *ctx, rp_lang_t lang, const rp_county_t *c,
                     const rp_appeal_cost_t *costs, size_t n);
  void *ctx;
} rp_run_observer_t;

/* One plan run: inputs, options, optional scenario (not owned). */
typedef struct {
  rp_inputs_t in;
  const char *out;
  rp_solve_opts_t so;
  int greedy;
  long max_cols;
  const rp_scenario_t *scenario;
  const rp_run_observer_t *observer; /* or NULL: nothing reported */
  int years; /* consecutive school years to plan (1 = the plan year only) */
  const char *forecast; /* enrolment_forecast.csv for multi-year plans, or NULL */
  rp_output_opts_t output; /* language and CSV encoding */
  int lang_given;          /* else the language follows the rosters' headers */
  const char *xlsx, *html; /* the workbook and the report (of the first year), or NULL */
  /* Set by rp_plan_run, not by the caller: the rp_clock() second by which
   * every solve of the run ends (so.time_limit is the whole run's, every
   * year and the diagnosis included), 0 for none. */
  double deadline;
  /* NULL: the run commits its files itself (all or none); else they are
   * left complete in txn for the caller to commit (compare). */
  rp_out_txn_t *txn;
  /* --frontier: also plan the county for a series of move counts
   * (pipeline/frontier.h), each point in DIR/frontier/moves_NNNN/, the
   * points in DIR/frontier.csv, the report and the workbook.  The plan
   * year only (years = 1), the optimizing method only. */
  int frontier_asked;
  /* Set by the run, not by the caller: plan --previous's moves, which the
   * plan year's stability stage stays close to (NULL: none). */
  const rp_previous_t *previous;
  /* Set by the run, not by the caller: the frontier's points once planned,
   * for the reports of the plan. */
  const rp_frontier_t *frontier;
  /* --sequential: --years plans each year alone, as if the later years did
   * not exist; else (the default) each year is planned in one model with
   * the years after it (docs/model.md, "Years planned together"). */
  int sequential;
  /* Set by the run, not by the caller: the later years planned with the
   * year (NULL: none). */
  const struct rp_year_ahead *ahead;
  size_t n_ahead;
} rp_plan_job_t;

/* Is the solver backend b in this build (GLPK always, CBC when built with
 * it)?  For the front ends, to refuse --solver cbc before reading anything. */
int rp_plan_backend_available(rp_backend_t b);

/* Reads, plans and writes job->out (pipeline/plan_run.c).  Every output is
 * checked before anything is solved (against the inputs, the scenario's
 * files and each other; --out and the files' folders writable), and all of
 * the run's files are written into one transaction, renamed into place only
 * when every one is complete (io/out_file.h).  Every message goes to diag,
 * the run's progress and results to job->observer; returns the run's
 * status. */
rp_status_t rp_plan_run(const rp_plan_job_t *job, rp_diag_t *diag);

/* The workbook at xlsx and the HTML report at html (either NULL: not
 * written) of a plan, as `rotaplan plan --xlsx --html` writes them,
 * complete, into txn (`rotaplan report` rebuilds them from an edited
 * list). */
rp_status_t rp_plan_reports_write(const char *xlsx, const char *html, const rp_plan_view_t *v,
                                  rp_lang_t lang, rp_out_txn_t *txn, rp_diag_t *diag);

#endif
