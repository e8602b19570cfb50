/* The command-line front end: one function per command, and the set-up they
 * share (reading the policy and the rosters, printing diagnostics).  Kept
 * thin: the work is done in io/, model/ and solver/. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include "county.h"
#include "milp.h"
#include "plan_io.h"
#include "policy.h"
#include "scenario.h"
#include "status.h"

int rp_cmd_audit(int argc, char **argv);
int rp_cmd_generate(int argc, char **argv);
int rp_cmd_plan(int argc, char **argv);
int rp_cmd_verify(int argc, char **argv);
int rp_cmd_compare(int argc, char **argv);

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

/* Reads, plans and writes job->out (cli/plan_run.c).  Every message goes to
 * diag; returns the run's status. */
rp_status_t rp_plan_run(const rp_plan_job_t *job, rp_diag_t *diag);

/* Parses --lang and --csv-encoding into o; 0, or -1 after printing the
 * usage error for cmd. */
int rp_cli_output_option(const char *cmd, const char *opt, const char *arg,
                         rp_output_opts_t *o);

/* The plan year when policy.ini does not set one: the current year (UTC). */
int rp_cli_default_year(void);

/* Reads policy (optional path) and rosters, printing every diagnostic to
 * stderr.  Returns RP_OK or the failure status. */
rp_status_t rp_cli_load(const char *schools, const char *teachers,
                        const char *policy_path, rp_policy_t *policy,
                        rp_county_t **county);

/* Prints "rotaplan: <msg>" to stderr and returns the usage exit code. */
int rp_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
