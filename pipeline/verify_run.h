/* `rotaplan verify` as a run: read the inputs as the plan saw them, read
 * the written plan back, re-check every hard rule (model/verify.c, which
 * knows nothing of the builder or the solver) and every figure of
 * summary.json.  It prints nothing; cli/cmd_verify.c prints the result. */
#ifndef RP_VERIFY_RUN_H
#define RP_VERIFY_RUN_H

#include "io/plan_io.h"
#include "pipeline/inputs.h"
#include "model/pins.h"
#include "model/rules.h"
#include "model/scenario.h"
#include "model/status.h"
#include "pipeline/inputs.h"

typedef struct {
  rp_inputs_t in;       /* the plan's inputs, when no scenario is given */
  const char *scenario; /* or the scenario the plan was made from */
  const char *dir;      /* the folder `rotaplan plan --out` wrote */
  const rp_lang_t *lang; /* the messages' language, or NULL: the summary's */
  int strict;            /* a figure that differs fails too (--strict) */
} rp_verify_job_t;

/* What verify found, in two groups: the rules of docs/model.md a plan must
 * keep, and the figures of summary.json that differ from what the list
 * gives, which a hand edit of the list changes without any fault of the
 * plan (`rotaplan report` rebuilds them). */
typedef struct {
  int broken;       /* hard rules broken: their messages in the caller's diag */
  int differ;       /* figures of summary.json that differ: messages in figures */
  rp_diag_t figures; /* one line a figure (rp_verify_result_clear frees it) */
  size_t moves;     /* moves in the plan read back */
  char lang[8];     /* the summary's language ("" when it names none) */
  rp_lang_t msg_lang; /* the language the messages were written in */
  int inputs_read;  /* the inputs could be read (else their messages are in diag) */
  int county_read;  /* the policy and the rosters could be read */
} rp_verify_result_t;

void rp_verify_result_clear(rp_verify_result_t *res);

/* The words of model/verify.c's messages in language l (its rp_tr_fn). */
rp_tr_fn rp_verify_tr(rp_lang_t l);

/* The inputs as a plan saw them, for verify, report and publish: the
 * files given, or the scenario's inputs, policy keys and county changes
 * (closures' pins), with the files' previous plan and appeals.  A
 * scenario's preferences are read only with `prefs` (verify and report:
 * they do not bind a plan; publish names the wishes).  *paths gets the
 * files read; *sc (NULL without a scenario) is the caller's to free
 * (rp_scenario_free), *in too (rp_inputs_free), whatever the status. */
rp_status_t rp_plan_inputs_load(const rp_inputs_t *files, const char *scenario, int prefs,
                                rp_scenario_t **sc, rp_inputs_t *paths, rp_loaded_inputs_t *in,
                                rp_diag_t *diag);

/* Rule breaks go to diag, the figures that differ to res->figures (clear
 * res with rp_verify_result_clear, whatever the status).  Returns RP_OK
 * when every rule holds and, unless job->strict, even when figures differ;
 * RP_EINFEASIBLE when a rule is broken (or, strict, a figure differs); or
 * the status of what could not be read. */
rp_status_t rp_verify_run(const rp_verify_job_t *job, rp_verify_result_t *res, rp_diag_t *diag);

/* The checks of rp_verify_run on a plan of the county c under policy p
 * with its pins: the rotation list at `rotation_list` read back and every
 * rule checked, every figure of the summary at `summary` recomputed (a
 * run's own files before its commit: `plan --frontier` verifies each point
 * so), messages in lang (NULL: the summary's).  res is set as by
 * rp_verify_run; returns RP_EINFEASIBLE when a rule is broken or a figure
 * differs (a run's own files must agree), else as rp_verify_run. */
rp_status_t rp_verify_plan(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pins,
                           size_t n_pins, const char *rotation_list, const char *summary,
                           const rp_lang_t *lang, rp_verify_result_t *res, rp_diag_t *diag);

/* The same, principals.csv (principal_exchange = yes) at `principals`
 * (NULL: none written); rp_verify_plan looks beside the list. */
rp_status_t rp_verify_plan_files(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pins,
                                 size_t n_pins, const char *rotation_list, const char *summary,
                                 const char *principals, const rp_lang_t *lang,
                                 rp_verify_result_t *res, rp_diag_t *diag);

#endif
