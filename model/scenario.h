/* What-if scenarios: a base (rosters, policy, pins, preferences) and changes
 * on top of it (policy keys, enrolment, schools closed, merged or opened,
 * recruits, retirements), possibly extending another scenario.
 *
 * io/scenario_ini.c (rp_scenario_load, io/scenario_ini.h) reads a scenario
 * file (docs/scenarios.md) into an rp_scenario_t; the functions below apply it to a loaded policy and county.
 * `rotaplan compare` (cli/cmd_compare.c) runs several side by side.
 */
#ifndef RP_SCENARIO_H
#define RP_SCENARIO_H

#include "model/pins.h"
#include "model/county.h"
#include "model/policy.h"
#include "model/status.h"

typedef struct rp_scenario rp_scenario_t;

void rp_scenario_free(rp_scenario_t *s); /* NULL is a no-op */

/* The scenario's name: `name` from [base], else the file name without .ini. */
const char *rp_scenario_name(const rp_scenario_t *s);
/* The input file for "schools", "teachers", "policy", "pins",
 * "preferences", "forecast" or "curriculum" (resolved path), or NULL when the scenario has
 * none. */
const char *rp_scenario_input(const rp_scenario_t *s, const char *what);
/* School years the scenario plans ([base] years), 1 when not set. */
int rp_scenario_years(const rp_scenario_t *s);

/* Applies the [policy] keys (after the policy file was read). */
rp_status_t rp_scenario_apply_policy(const rp_scenario_t *s, rp_policy_t *p, rp_diag_t *diag);

/* Applies [enrolment], [retire], [schools] and [recruit] to the county, in
 * that order: retirements are judged on the real ages before a closure lifts
 * its teachers' exemptions, and recruits fill the gaps that retirements and
 * closures leave.  Teachers of a closed school are added to *pins as `move`
 * (they must be placed); *pins may be reallocated (it owns its array, as
 * rp_pins_load's result does).  Pins given on entry refer to the county as it
 * was on entry and are renumbered with it (a retiree's pin is dropped with a
 * warning); preferences must be loaded after this call.  Added pins point at
 * the scenario's file names: keep the scenario until the pins are freed.
 * Schools and teachers stay in id order.  Messages name the scenario file
 * and line.  Returns RP_OK, RP_EINPUT (every defect in diag; the county is
 * then only fit for rp_county_free) or RP_ENOMEM. */
rp_status_t rp_scenario_apply_county(const rp_scenario_t *s, const rp_policy_t *p,
                                     rp_county_t *c, rp_pin_t **pins, size_t *n_pins,
                                     rp_diag_t *diag);

/* ---- The parsed form ------------------------------------------------------
 * Shared by io/scenario_ini.c, which fills it, and model/scenario.c, which
 * applies it; every other module uses only the functions above.  Every
 * string is owned by the scenario; `file` members point into files[]. */

typedef enum {
  RP_SCN_SCHOOLS,
  RP_SCN_TEACHERS,
  RP_SCN_POLICY,
  RP_SCN_PINS,
  RP_SCN_PREFERENCES,
  RP_SCN_FORECAST, /* enrolment_forecast.csv, for multi-year plans */
  RP_SCN_CURRICULUM, /* curriculum.csv (io/curriculum_csv.h) */
  RP_SCN_INPUTS
} rp_scn_input_t;

typedef struct { /* [policy] key = value */
  const char *file;
  long line;
  char *key, *value;
} rp_scn_policy_t;

typedef enum { RP_ENROL_SCHOOL, RP_ENROL_AREA, RP_ENROL_ALL } rp_enrol_scope_t;
typedef struct { /* [enrolment] target = change */
  const char *file;
  long line;
  char *target;   /* the key as written, for messages */
  rp_enrol_scope_t scope;
  char *school;   /* RP_ENROL_SCHOOL */
  rp_area_t area; /* RP_ENROL_AREA */
  int levels;     /* bit (1 << level) for each level it changes */
  int is_count;   /* 1: set to `count` students; 0: change by pct_milli */
  int count;
  long pct_milli; /* the percentage in thousandths: -15% is -15000 */
} rp_scn_enrol_t;

typedef enum { RP_SCN_CLOSE, RP_SCN_MERGE, RP_SCN_OPEN } rp_scn_school_action_t;
typedef struct { /* [schools] close.<id>, merge.<id>, open.<id> */
  const char *file;
  long line;
  rp_scn_school_action_t action;
  char *key; /* as written */
  char *id;
  char **to; /* CLOSE: receiving schools; MERGE: the one school it joins */
  size_t n_to;
  char *name; /* OPEN */
  rp_area_t area;
  int students[RP_LEVELS];
  int has_pos;
  double x_km, y_km;
} rp_scn_school_t;

typedef struct { /* [recruit] subject = count[, degree[, school]] */
  const char *file;
  long line;
  rp_subject_t subject;
  int count;
  rp_degree_t degree;
  char *school; /* NULL: placed where the need is greatest */
  int level;    /* -1 unless written as <school_id>.<level> */
} rp_scn_recruit_t;

typedef struct { /* [retire] teachers = ... (one per named teacher) */
  const char *file;
  long line;
  char *teacher;
} rp_scn_retiree_t;

struct rp_scenario {
  char *path;                   /* as given to rp_scenario_load */
  char *name;                   /* see rp_scenario_name */
  char *input[RP_SCN_INPUTS];   /* resolved paths or NULL */
  char *extends;                /* this file's parent (resolved), or NULL */
  long extends_line;
  char **files;                 /* every file read, base first */
  size_t n_files;
  rp_scn_policy_t *policy;
  size_t n_policy;
  rp_scn_enrol_t *enrol;
  size_t n_enrol;
  rp_scn_school_t *schools;
  size_t n_schools;
  rp_scn_recruit_t *recruit;
  size_t n_recruit;
  int years;                    /* school years to plan; -1 unset (1) */
  int retire_by_age;            /* 1 (default) or 0 */
  int retire_age[2];            /* [0] male, [1] female: 60, 55 */
  rp_scn_retiree_t *retirees;
  size_t n_retirees;
};

#endif
