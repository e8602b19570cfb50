/* The command-line front end: one function per command, and what they share
 * (reading the inputs through pipeline/inputs.h, printing diagnostics and
 * progress).  Kept thin: options and printing here, the runs in pipeline/,
 * the files in io/. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include "model/county.h"
#include "io/plan_io.h"
#include "pipeline/inputs.h"
#include "pipeline/plan_run.h"
#include "model/policy.h"
#include "io/scenario_ini.h"
#include "model/status.h"

int rp_cmd_audit(int argc, char **argv);
int rp_cmd_generate(int argc, char **argv);
int rp_cmd_plan(int argc, char **argv);
int rp_cmd_verify(int argc, char **argv);
int rp_cmd_publish(int argc, char **argv);
int rp_cmd_compare(int argc, char **argv);
int rp_cmd_report(int argc, char **argv);
int rp_cmd_serve(int argc, char **argv);

/* Parses --lang and --csv-encoding into o; 0, or -1 after printing the
 * usage error for cmd. */
int rp_cli_output_option(const char *cmd, const char *opt, const char *arg,
                         rp_output_opts_t *o);

/* Parses --solver (glpk|cbc) into so->backend; 0, or -1 after printing the
 * usage error for cmd: an unknown name, or CBC in a build without it. */
int rp_cli_solver_option(const char *cmd, const char *arg, rp_solve_opts_t *so);

/* Reads the inputs of `paths` (rp_inputs_load, no scenario) into *in,
 * printing every diagnostic to stderr, and when the policy or the rosters
 * could not be read, the count of errors.  Returns RP_OK or the failure
 * status; rp_inputs_free releases *in either way. */
rp_status_t rp_cli_load(const rp_inputs_t *paths, rp_loaded_inputs_t *in);

/* Prints diag (and clears it), then, when the inputs failed before the
 * county was read (county_read 0), the count of errors: "N errors in the
 * input; nothing was written". */
void rp_cli_print_input_errors(rp_status_t st, int county_read, rp_diag_t *diag);

/* A run's progress line (rp_run_observer_t.on_progress) on stderr. */
void rp_cli_progress(void *ctx, const char *line);

/* The language of the messages on stderr: --lang when given, else zh when
 * most roster headers in diag (or NULL) are Chinese, else the locale's. */
rp_lang_t rp_cli_msg_lang(const rp_diag_t *diag);
/* Prints diag to stderr in that language. */
void rp_cli_print_diag(const rp_diag_t *diag);
/* rp_status_str in the language of the messages (diag as above). */
const char *rp_cli_status_str(rp_status_t st, const rp_diag_t *diag);

/* Prints "rotaplan: <msg>" (translated) to stderr and returns the usage exit code. */
int rp_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
