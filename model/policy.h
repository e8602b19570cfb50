/* The county's policy: every rule the audit and the planner apply.
 *
 * Each default is either a national rule, from the document the key table
 * names, or local practice (county rules, this product's choices;
 * ../shared/domain.md says which); a county overrides any of them in
 * policy.ini (io/policy_ini.c).  All keys live in one table (policy.c)
 * giving name, section, type, range, default and its source, so that
 * parsing, validation, documentation, the audit's policy echo and the audit
 * trail in summary.json cannot disagree.
 */
#ifndef RP_POLICY_H
#define RP_POLICY_H

#include "model/county.h"
#include "model/status.h"

typedef enum { RP_BASE_ROTATED, RP_BASE_ELIGIBLE_BACKBONE } rp_bb_base_t;
typedef enum { RP_SCOPE_COUNTY, RP_SCOPE_SCHOOL } rp_scope_t;
typedef enum { RP_DIR_RURAL_OR_WEAK, RP_DIR_ANY } rp_direction_t;
/* move_scope: county (anywhere) or group (within the school's 集团/学区). */
typedef enum { RP_MOVE_COUNTY, RP_MOVE_GROUP } rp_move_scope_t;
/* subject_cover (docs/model.md, row `subject`): off; weak (a section keeps
 * its teachers of a subject up to the whole part of its demand, at least
 * one, counting arrivals of the subject); strong (the same by departures
 * alone, whatever arrives). */
typedef enum { RP_COVER_OFF, RP_COVER_WEAK, RP_COVER_STRONG } rp_cover_t;

/* priority and fairness (model/history.h). */
typedef enum { RP_PRIORITY_SERVICE, RP_PRIORITY_BACKBONE } rp_priority_t;
typedef enum { RP_FAIRNESS_OFF, RP_FAIRNESS_ONCE_BEFORE_TWICE } rp_fairness_t;

/* balance_moves = unlimited */
#define RP_UNLIMITED 1000000

typedef struct {
  /* [staffing] */
  double ratio[RP_LEVELS];   /* students per staff: 19, 13.5 */
  int small_school_students; /* below this a school uses the class rule */
  double class_ratio;        /* teachers per class at small schools */
  int small_school_min;      /* minimum teachers at a small school section */
  double overstaff_share;    /* net gain above need, share of its teachers */
  /* a teacher's weekly periods (model/curriculum.h): core subjects
   * (Chinese, maths; at junior also English and the sciences) and the rest */
  double load_core[RP_LEVELS], load_other[RP_LEVELS];
  /* [targets] per 100 students */
  double t_degree[RP_LEVELS];
  double t_backbone[RP_LEVELS];
  double t_pe_art[RP_LEVELS];
  /* [balance] */
  double cv_limit[RP_LEVELS];
  int exclude_teaching_point_below; /* teaching points under N students */
  /* [rotation] */
  int plan_year;
  int min_years;
  int exempt_age_male, exempt_age_female;
  int term_years;
  double quota_share, quota_max_share; /* max 0 = no maximum */
  double backbone_share;
  rp_bb_base_t backbone_base;
  rp_backbone_t backbone_min_level; /* counts as backbone for the rules */
  rp_scope_t quota_scope;
  double max_outflow_share;
  rp_cover_t subject_cover;
  /* 1: each section's subjects must reach the whole part of the
   * curriculum's demand (subject gaps in the shortfall); 0: the demand is
   * shown but is no target, and subject_cover keeps one teacher. */
  int subject_demand;
  rp_direction_t backbone_direction;
  double max_km; /* 0 = no limit */
  rp_move_scope_t move_scope;
  /* Moves beyond the fewest that the plan may make to lower the
   * coefficients further (docs/model.md, "Objective"); RP_UNLIMITED: any. */
  int balance_moves;
  /* 1: principals and vice principals rotate as teachers; 0 (the default):
   * they are outside the teachers' rotation (they rotate under the separate
   * 校长交流 rule of 教师〔2014〕4号) and not among the eligible. */
  int move_leaders;
  double min_toward_share; /* moves toward rural or weak schools; 0 = no rule */
  /* multi-year plans (--years) */
  int retire_age_male, retire_age_female;
  int return_after_term; /* 1: a rotated teacher returns home after the term */
  /* 1: a year with too few eligible backbone teachers for backbone_share
   * plans with the largest share it can reach, the rest reported as the
   * rule's shortfall (docs/model.md, "Years planned together"); 0: such a
   * year has no plan (exit 4). */
  int backbone_reach;
  /* The teachers' history (issue 15; model/history.h, docs/model.md "Who
   * goes where"): title_service 1: a teacher who intends to apply for a
   * senior title and lacks title_service_years in rural or weak schools is
   * offered a group's moves to rural or weak schools first; priority: the
   * order inside a group after the pins (service: years at the school;
   * backbone: backbone level, highest first, then years at the school);
   * fairness: fewer rotations so far go first (everyone once before anyone
   * twice). */
  int title_service;
  int title_service_years;
  rp_priority_t priority;
  rp_fairness_t fairness;
  /* the principals' exchange (model/principals.h): 1 to exchange principals
   * with at least principal_min_years at their school */
  int principal_exchange;
  int principal_min_years;
} rp_policy_t;

/* Fills every key with its default; plan_year = `year`. */
void rp_policy_default(rp_policy_t *p, int year);

/* Sets one key from its text value.  Returns RP_OK, or RP_EINPUT with a
 * message in `msg` (size msglen) naming the key and the allowed values. */
rp_status_t rp_policy_set(rp_policy_t *p, const char *section, const char *key,
                          const char *value, char *msg, size_t msglen);
/* The same, the message reported in diag at file:line (in both languages,
 * model/status.h), after `prefix` ("" or "[policy] "). */
rp_status_t rp_policy_set_at(rp_policy_t *p, const char *section, const char *key,
                             const char *value, const char *file, long line,
                             const char *prefix, rp_diag_t *diag);

/* The cross-key checks, in the order rp_policy_check runs them:
 * quota_max_share (when not 0) is not below quota_share; backbone_share is 0
 * when backbone_min_level = none (nobody would count as backbone). */
typedef enum { RP_CHECK_QUOTA_MAX, RP_CHECK_BACKBONE_LEVEL, RP_POLICY_CHECKS } rp_policy_check_t;

/* Where a failed check is reported. */
typedef struct {
  const char *file; /* NULL: the check is skipped */
  long line;        /* 0: no line */
} rp_policy_at_t;

/* How: a policy file reports only the first failed check; a scenario's
 * [policy] section reports each, as `[policy] ...`, the backbone message
 * without its closing advice. */
typedef enum { RP_CHECK_POLICY_FILE, RP_CHECK_SCENARIO } rp_policy_check_style_t;

/* Runs the cross-key checks on p, reporting failures at at[check].  Returns
 * RP_OK, or RP_EINPUT when one failed (see diag). */
rp_status_t rp_policy_check(const rp_policy_t *p, const rp_policy_at_t at[RP_POLICY_CHECKS],
                            rp_policy_check_style_t style, rp_diag_t *diag);
/* The check that reads `key`, or -1 when none does. */
int rp_policy_check_of_key(const char *key);

/* Calls fn(section, key, value-as-text) for every key in table order. */
void rp_policy_each(const rp_policy_t *p,
                    void (*fn)(void *ud, const char *section, const char *key,
                               const char *value),
                    void *ud);

/* One key as a policy echo shows it (strings valid during the call). */
typedef struct {
  const char *section, *key;
  const char *value;    /* in p, as rp_policy_each writes it */
  const char *dflt;     /* the default, the same way; NULL for plan_year,
                           whose default is the year the command runs */
  const char *document; /* the national document the default is from, or
                           NULL: the default is local practice (county rules
                           or this product's choice; ../shared/domain.md) */
  const char *label_zh, *label_en; /* the key's name for a form */
  const char *unit_zh, *unit_en;   /* its unit, "" for words */
  const char *const *choices;      /* NULL-terminated allowed words, or NULL
                                      for a number */
} rp_policy_key_view_t;

/* Calls fn for every key in table order, with its value, default and where
 * the default comes from: the one table of those labels (model/policy.c). */
void rp_policy_each_labelled(const rp_policy_t *p,
                             void (*fn)(void *ud, const rp_policy_key_view_t *k), void *ud);

/* Whole-teacher helpers, exact for decimal inputs (computed in thousandths):
 * the required staff of a section and the teachers needed to reach a
 * per-100-student target.  See docs/model.md. */
int rp_policy_required_staff(const rp_policy_t *p, rp_level_t lv, int students,
                             int classes, int school_students);
int rp_per100_needed(double target, int students);
int rp_is_small_school(const rp_policy_t *p, int school_students);

#endif
