/* `rotaplan publish` as a run: read the inputs a plan was made from and the
 * plan's folder, check the plan as verify does (a list that breaks a rule
 * or disagrees with its summary is not published), derive each move's
 * reasons, and write the school pages, the notices and the 公示 list
 * (io/publish.h) all together into the output folder.  It prints nothing;
 * cli/cmd_publish.c prints the result. */
#ifndef RP_PUBLISH_RUN_H
#define RP_PUBLISH_RUN_H

#include "io/plan_io.h"
#include "io/publish.h"
#include "model/status.h"
#include "pipeline/verify_run.h"

typedef struct {
  rp_verify_job_t plan;  /* the plan's folder and its inputs, as verify reads them */
  const char *out_dir;   /* where the pages go */
  rp_output_opts_t output;
  int lang_given;        /* else the summary's language, else the rosters' */
  /* Notice terms: NULL / -1 for the defaults (docs/data-format.md). */
  const char *published; /* YYYY-MM-DD; default: today (UTC) */
  const char *start;     /* YYYY-MM-DD; default: 1 September of the plan year */
  const char *deadline;  /* YYYY-MM-DD; default: appeal_days working days after published */
  int appeal_days;       /* default 5 */
  int term_years;        /* default: the policy's term_years */
  const char *contact;   /* default: the county education bureau's personnel office */
} rp_publish_job_t;

typedef struct {
  size_t moves, schools;
  rp_lang_t lang;
  rp_notice_terms_t terms; /* as written */
  int inputs_read;         /* the inputs could be read (else their messages are in diag) */
  int county_read;
  int broken;              /* verify's failed checks: nothing written */
} rp_publish_result_t;

/* RP_OK when everything is written; RP_EUSAGE for a bad date or option;
 * RP_EINFEASIBLE when the plan does not verify (nothing written); or the
 * status of what could not be read or written. */
rp_status_t rp_publish_run(const rp_publish_job_t *job, rp_publish_result_t *res,
                           rp_diag_t *diag);

#endif
