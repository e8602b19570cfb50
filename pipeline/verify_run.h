/* `rotaplan verify` as a run: read the inputs as the plan saw them, read
 * the written plan back, re-check every hard rule (model/verify.c, which
 * knows nothing of the builder or the solver) and every figure of
 * summary.json.  It prints nothing; cli/cmd_verify.c prints the result. */
#ifndef RP_VERIFY_RUN_H
#define RP_VERIFY_RUN_H

#include "io/plan_io.h"
#include "pipeline/inputs.h"
#include "model/pins.h"
#include "model/status.h"

typedef struct {
  rp_inputs_t in;       /* the plan's inputs, when no scenario is given */
  const char *scenario; /* or the scenario the plan was made from */
  const char *dir;      /* the folder `rotaplan plan --out` wrote */
} rp_verify_job_t;

typedef struct {
  int broken;     /* rules broken and figures that differ */
  size_t moves;   /* moves in the plan read back */
  char lang[8];   /* the summary's language ("" when it names none) */
  int inputs_read; /* the inputs could be read (else their messages are in diag) */
  int county_read; /* the policy and the rosters could be read */
} rp_verify_result_t;

/* The inputs as the plan saw them: job's files, or its scenario's inputs,
 * policy keys and county changes (closures' pins), into *in (*sc the
 * scenario read, or NULL; the caller frees both).  A scenario's preferences
 * are read only with `prefs` (verify: they do not bind a plan; publish
 * names the wishes).  As rp_inputs_load. */
rp_status_t rp_verify_load_inputs(const rp_verify_job_t *job, int prefs, rp_scenario_t **sc,
                                  rp_loaded_inputs_t *in, rp_diag_t *diag);

/* Every defect goes to diag.  Returns RP_OK when everything holds,
 * RP_EINFEASIBLE when a rule is broken or a figure differs, or the status
 * of what could not be read. */
rp_status_t rp_verify_run(const rp_verify_job_t *job, rp_verify_result_t *res, rp_diag_t *diag);

/* The checks of rp_verify_run on a plan of the county c under policy p
 * with its pins: the rotation list at `rotation_list` read back and every
 * rule checked, every figure of the summary at `summary` recomputed (a
 * run's own files before its commit: `plan --frontier` verifies each point
 * so).  res->moves, broken and lang are set; returns as rp_verify_run. */
rp_status_t rp_verify_plan(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pins,
                           size_t n_pins, const char *rotation_list, const char *summary,
                           rp_verify_result_t *res, rp_diag_t *diag);

#endif
