/* One loader of a run's inputs for every command (see inputs.h): the order
 * in which the policy, the scenario, the rosters, the pins and the
 * preferences are read and applied is written here once. */
#include "pipeline/inputs.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/csv_reader.h"
#include "io/curriculum_csv.h"
#include "io/plan_io.h"
#include "io/policy_ini.h"
#include "io/roster.h"
#include "model/plan.h"

int rp_default_year(void) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

rp_inputs_t rp_inputs_of_scenario(const rp_scenario_t *sc) {
  rp_inputs_t in = {rp_scenario_input(sc, "schools"), rp_scenario_input(sc, "teachers"),
                    rp_scenario_input(sc, "policy"), rp_scenario_input(sc, "pins"),
                    rp_scenario_input(sc, "preferences"), rp_scenario_input(sc, "curriculum"),
                    NULL, NULL};
  return in;
}

/* The policy: the defaults (model/policy.c), the file's keys, the scenario's. */
static rp_status_t load_policy(const rp_inputs_t *in, const rp_scenario_t *sc,
                               rp_policy_t *policy, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  rp_policy_default(policy, rp_default_year());
  if (in->policy)
    st = rp_policy_load(in->policy, policy, diag);
  if (st == RP_OK && sc)
    st = rp_scenario_apply_policy(sc, policy, diag);
  return st;
}

/* DIR/rotation_list.csv of a previous plan of this county: who went where
 * (the teachers and schools must be in the rosters). */
static rp_status_t load_previous(const char *dir, rp_loaded_inputs_t *out, rp_diag_t *diag) {
  rp_audit_t *a = NULL;
  rp_plan_t *plan = NULL;
  rp_status_t st = rp_audit_build(out->county, &out->policy, &a);
  if (st == RP_OK)
    st = rp_plan_read(dir, out->county, a, &plan, diag);
  rp_prev_move_t *m = NULL;
  if (st == RP_OK && !(m = malloc((plan->n_moves + 1) * sizeof *m)))
    st = RP_ENOMEM;
  if (st == RP_OK) {
    for (size_t q = 0; q < plan->n_moves; q++)
      m[q] = (rp_prev_move_t){plan->moves[q].teacher, a->sections[plan->moves[q].to_section].school};
    out->previous = (rp_previous_t){m, plan->n_moves};
    out->previous_given = 1;
  }
  rp_plan_free(plan);
  rp_audit_free(a);
  return st;
}

/* appeals.csv, after the pins (rp_loaded_inputs_t.n_appeals). */
static rp_status_t load_appeals(const char *path, rp_loaded_inputs_t *out, rp_diag_t *diag) {
  rp_pin_t *a = NULL;
  size_t n = 0;
  rp_status_t st = rp_appeals_load(path, out->county, out->pins, out->n_pins, &a, &n, diag);
  rp_pin_t *all = st == RP_OK ? realloc(out->pins, (out->n_pins + n + 1) * sizeof *all) : NULL;
  if (st == RP_OK && !all)
    st = RP_ENOMEM;
  if (st == RP_OK) {
    if (n)
      memcpy(all + out->n_pins, a, n * sizeof *a);
    out->pins = all;
    out->n_pins += n;
    out->n_appeals = n;
  }
  free(a);
  return st;
}

/* The status of a run that went on after `first` failed: the first failure. */
static rp_status_t first_failure(rp_status_t first, rp_status_t next) {
  return first != RP_OK ? first : next;
}

/* A CSV input that cannot be checked against the county (the rosters
 * failed): read for its own errors (encoding, quoting, fields). */
static rp_status_t check_csv_only(const char *path, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  rp_status_t st = rp_csv_read(path, &t, diag);
  rp_table_free(t);
  return st;
}

rp_status_t rp_inputs_load(const rp_inputs_t *in, const rp_scenario_t *sc,
                           rp_loaded_inputs_t *out, rp_diag_t *diag) {
  memset(out, 0, sizeof *out);
  /* Every input is read even after one failed, so that a run reports the
   * errors of all its files; a step that needs what failed (pins and
   * preferences need the county) reads its file for its own errors only. */
  rp_status_t policy_st = load_policy(in, sc, &out->policy, diag), st = policy_st;
  st = first_failure(st, rp_roster_load(in->schools, in->teachers, &out->policy, &out->county,
                                        diag));
  if (!out->county) {
    rp_curriculum_t *cur = NULL;
    if (in->pins)
      check_csv_only(in->pins, diag);
    if (in->curriculum) {
      rp_curriculum_load(in->curriculum, &cur, diag);
      free(cur); /* one block (rp_county_free frees it so) */
    }
    if (in->prefs)
      check_csv_only(in->prefs, diag);
    return st;
  }
  if (in->pins)
    st = first_failure(st, rp_pins_load(in->pins, out->county, &out->pins, &out->n_pins, diag));
  if (in->curriculum)
    st = first_failure(st, rp_curriculum_load(in->curriculum, &out->county->curriculum, diag));
  if (st != RP_OK) { /* a county with errors around it: its changes would only add noise */
    if (in->prefs && !sc) {
      rp_pref_t *prefs = NULL;
      size_t n = 0;
      rp_prefs_load(in->prefs, out->county, &prefs, &n, diag);
      free(prefs);
    } else if (in->prefs) {
      check_csv_only(in->prefs, diag);
    }
    goto done;
  }
  if (sc && (st = rp_scenario_apply_county(sc, &out->policy, out->county, &out->pins,
                                           &out->n_pins, diag)) != RP_OK)
    goto done;
  if (in->prefs &&
      (st = rp_prefs_load(in->prefs, out->county, &out->prefs, &out->n_prefs, diag)) != RP_OK)
    goto done;
  if (in->previous && (st = load_previous(in->previous, out, diag)) != RP_OK)
    goto done;
  if (in->appeals)
    st = load_appeals(in->appeals, out, diag);
done:
  if (policy_st != RP_OK) { /* county NULL: the policy could not be read */
    rp_county_free(out->county);
    out->county = NULL;
  }
  return st;
}

void rp_inputs_free(rp_loaded_inputs_t *in) {
  rp_county_free(in->county);
  free(in->pins);
  free(in->prefs);
  free((void *)in->previous.moves);
  memset(in, 0, sizeof *in);
}
