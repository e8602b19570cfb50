/* What-if scenarios planned side by side (`rotaplan compare`): every
 * scenario is read first (a typo stops the run before anything runs, and
 * no two may share a name: they would share a folder), then each is planned
 * in a process of its own (as many at a time as `jobs`) into OUT/<name>/
 * exactly as `rotaplan plan --scenario` would, its summary.json read back,
 * and the comparison written (io/comparison.h).  Nothing is printed: the
 * progress goes to the caller's observer. */
#ifndef RP_COMPARE_H
#define RP_COMPARE_H

#include <stddef.h>

#include "io/comparison.h"
#include "io/plan_io.h"
#include "model/milp.h"
#include "model/scenario.h"
#include "model/status.h"
#include "pipeline/plan_run.h"

/* How a comparison reports.  Called in the comparing process: on_progress
 * (through run) as each scenario starts; in each scenario's process: run's
 * functions as rotaplan plan's, and on_scenario_messages once its run is
 * over, with every message of it. */
typedef struct {
  rp_run_observer_t run;
  void (*on_scenario_messages)(void *ctx, const char *path, const rp_diag_t *diag);
} rp_compare_observer_t;

typedef struct {
  char *const *paths; /* the scenario files, the first being the reference */
  size_t n;
  const char *out; /* the comparison's folder */
  long jobs;       /* scenarios planned at once (>= 1) */
  rp_solve_opts_t so;
  rp_output_opts_t output;
  int lang_given;          /* else the reference's plan's language */
  const char *xlsx, *html; /* the comparison's workbook and report, or NULL */
  const rp_compare_observer_t *observer;
} rp_compare_job_t;

/* What came of it: a row a scenario (its name, and its summary when it was
 * planned), the language the comparison was written in, how many scenarios
 * failed and the status of the worst failure. */
typedef struct {
  rp_comparison_row_t *rows;
  size_t n;
  rp_lang_t lang;
  int failed;
  rp_status_t failed_status;
  rp_scenario_t **scenarios; /* the rows' names point into them */
} rp_compare_result_t;

/* Plans job's scenarios and writes the comparison into job->out.  Returns
 * RP_OK when the comparison is written (some scenarios may have failed:
 * res->failed), else the status that stopped it, every message in diag.
 * rp_compare_result_free releases *res either way. */
rp_status_t rp_compare_run(const rp_compare_job_t *job, rp_compare_result_t *res,
                           rp_diag_t *diag);
void rp_compare_result_free(rp_compare_result_t *res);

#endif
