/* `rotaplan report` as a run: a plan folder whose rotation_list.csv a
 * planner edited by hand, read back (en or zh headers, any encoding the
 * readers take), checked against every hard rule (model/verify.c) and, when
 * every rule holds, its other files rebuilt from it without solving:
 * summary.json (method and solver status "edited list"), schools_after.csv,
 * subjects.csv, recruitment.csv, and the workbook and the report when
 * asked.  The edited list is an input of the run: it is never written over;
 * into another folder (--out) the list is written again in the plan's
 * order with its columns recomputed.  All files go through one
 * transaction (io/out_file.h): all of them or none.  It prints nothing:
 * cli/cmd_report.c prints what it reports. */
#ifndef RP_REPORT_RUN_H
#define RP_REPORT_RUN_H

#include "io/plan_io.h"
#include "io/plan_sheets.h"
#include "model/status.h"

typedef struct {
  rp_inputs_t in;          /* the plan's inputs, when no scenario is given */
  const char *scenario;    /* or the scenario the plan was made from */
  const char *dir;         /* the plan folder holding the edited rotation_list.csv */
  const char *out;         /* where to write, or NULL: dir itself */
  const char *xlsx, *html; /* the workbook and the report, or NULL */
  rp_output_opts_t output; /* language and CSV encoding */
  int lang_given;          /* else dir/summary.json's language, else the rosters' */
} rp_report_job_t;

typedef struct {
  int broken;       /* hard rules the edited list breaks (nothing written then) */
  int list_written; /* rotation_list.csv written into out (not when out is dir) */
  int inputs_read;  /* the inputs could be read (else their messages are in diag) */
  int county_read;  /* the policy and the rosters could be read */
  rp_lang_t lang;   /* of the files written and the messages */
} rp_report_result_t;

/* Called once the files are in place, with the rebuilt plan (the caller
 * prints its summary); may be NULL. */
typedef void (*rp_report_done_fn)(void *ctx, const rp_plan_view_t *v, rp_lang_t lang);

/* Every message goes to diag (the rule breaks in the language of
 * res->lang).  Returns RP_OK when written; RP_EINFEASIBLE when the list
 * breaks a rule; RP_EUSAGE when an output would replace an input (or
 * another output); or the status of what could not be read or written. */
rp_status_t rp_report_run(const rp_report_job_t *job, rp_report_done_fn done, void *ctx,
                          rp_report_result_t *res, rp_diag_t *diag);

#endif
