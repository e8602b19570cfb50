/* The inputs of a run, read in one order by every command (audit, plan,
 * verify, compare): the policy's defaults (the plan year: rp_default_year),
 * the policy file, a scenario's policy keys, the rosters, the curriculum
 * (curriculum.csv, when given), the pins, the
 * scenario's county changes, the preferences.  Each step is skipped when
 * its file or the scenario is absent; the first failing step stops the
 * loading, every message going to the caller's diag. */
#ifndef RP_INPUTS_H
#define RP_INPUTS_H

#include "io/plan_io.h"
#include "model/county.h"
#include "model/pins.h"
#include "model/policy.h"
#include "model/scenario.h"
#include "model/status.h"

/* What the inputs hold once read.  county stays NULL when the policy or the
 * rosters could not be read (a later step's failure leaves it set). */
typedef struct {
  rp_policy_t policy;
  rp_county_t *county;
  rp_pin_t *pins;
  size_t n_pins;
  rp_pref_t *prefs;
  size_t n_prefs;
  /* plan --previous: the previous plan's moves (previous.moves owned);
   * previous_given says whether there was one (it may have no moves). */
  int previous_given;
  rp_previous_t previous;
  /* plan --appeals: the accepted appeals, the last n_appeals of pins (so
   * that every reader of the pins, verify and publish too, honours them) */
  size_t n_appeals;
} rp_loaded_inputs_t;

/* The input files a scenario names (its [inputs] section). */
rp_inputs_t rp_inputs_of_scenario(const rp_scenario_t *sc);

/* Reads `in` (schools and teachers required, the rest optional) and applies
 * the scenario sc (or NULL) into *out, which rp_inputs_free releases
 * whatever the result.  Returns RP_OK or the first failing step's status. */
rp_status_t rp_inputs_load(const rp_inputs_t *in, const rp_scenario_t *sc,
                           rp_loaded_inputs_t *out, rp_diag_t *diag);
void rp_inputs_free(rp_loaded_inputs_t *in);

/* The plan year when policy.ini does not set one: the current year (UTC). */
int rp_default_year(void);

#endif
