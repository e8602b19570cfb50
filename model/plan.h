/* A rotation plan: the individual moves and the county after them.
 *
 * solver/assign.c makes one from a solved model; io/plan_writer.c writes it;
 * model/verify.c re-checks one read back from disk.  The after-state is
 * recomputed from the moves with the same indicator code as the audit, so
 * that "before" and "after" can never be computed two different ways.
 */
#ifndef RP_PLAN_H
#define RP_PLAN_H

#include "model/county.h"
#include "model/indicators.h"
#include "model/milp.h"
#include "model/pins.h"
#include "model/policy.h"

/* Why this teacher of the group went rather than a colleague
 * (model/choice.h, rp_plan_choices): the first reason in the order the
 * method picks leavers by. */
typedef enum {
  RP_CHOICE_NONE,     /* not derived (a list read back before rp_plan_choices) */
  RP_CHOICE_PIN_TO,   /* a `to` pin */
  RP_CHOICE_PIN_MOVE, /* a `move` pin */
  RP_CHOICE_WISH,     /* preferences.csv names the teacher (milp only) */
  RP_CHOICE_PREVIOUS, /* the previous plan (plan --previous) moved the teacher so: kept */
  RP_CHOICE_TITLE,    /* title_service: lacks the rural or weak year, moves to such a school */
  RP_CHOICE_FAIRNESS, /* fairness: fewer rotations so far than colleagues who stay */
  RP_CHOICE_BACKBONE, /* priority = backbone: a higher backbone level than colleagues who stay */
  RP_CHOICE_SERVICE = 8, /* longest at the school in the group */
  RP_CHOICE_ONLY,        /* the only free-to-move teacher of the group */
  RP_CHOICE_KINDS
} rp_choice_kind_t;

typedef struct {
  rp_choice_kind_t kind;
  const char *pin_file; /* the pin's file and line (PIN_TO, PIN_MOVE; not owned) */
  long pin_line;
  int wish_rank;    /* WISH: the rank of the destination among the wishes, 0: none of them */
  int group;        /* free-to-move teachers of the group (section x class) */
  int movers;       /* of them, those who move */
  int rank;         /* SERVICE: 1-based place by years at the school among the group's
                       teachers with no pin and no wish */
  int ahead_stayed; /* teachers before this one in the method's order who stay:
                       0 whenever the leavers are the head of the order */
  int tie_stayed;   /* SERVICE: stayers of the group there since the same year,
                       ordered after this one by teacher id */
  int passed;       /* FAIRNESS: stayers of the group with more rotations so far;
                       BACKBONE: stayers of its fairness tier with a lower level */
} rp_choice_t;

typedef struct {
  size_t teacher;
  size_t from_section, to_section; /* indexes into the audit's sections */
  double km;                       /* -1 when positions are unknown */
  const char *reason;              /* static string, see assign.c */
} rp_move_t;

typedef struct {
  rp_move_t *moves;
  size_t n_moves;
  /* Why this teacher, one per move in the moves' order (model/choice.h,
   * rp_plan_choices, after the moves are sorted); NULL until derived. */
  rp_choice_t *why;
  int moved_backbone; /* rotation backbone among the moved */
  /* Solver outcome. */
  const char *method; /* "milp" or "greedy" */
  /* The solver backend of a milp plan ("glpk", "cbc": rp_backend_name),
   * NULL for the others. */
  const char *solver;
  const char *status; /* "optimal", "feasible (not proven optimal)" */
  double gap, seconds;
  /* Not optimal because a search stalled (rp_solution_t.stalled), not
   * because of the time limit. */
  int stalled;
  /* plan --previous: the previous plan's moves, and how many of them this
   * plan keeps (the same teacher to the same school); has_previous 0 when
   * there was none. */
  int has_previous, previous_moves, previous_kept;
  /* The objective's stages as solved (docs/model.md, "Objective"). */
  int n_stages;
  struct {
    char name[24];
    double value;   /* at the plan */
    double optimum; /* when it was solved: what later stages were held to */
    int proven;
    double gap; /* the relative gap it stopped at, proven or not */
  } stage[RP_STAGES_MAX];
  /* The principals' exchange (model/principals.h), owned; NULL when
   * principal_exchange = no. */
  struct rp_principals *principals;
} rp_plan_t;

void rp_plan_free(rp_plan_t *p); /* NULL is a no-op */

/* The county after the plan: a copy of `before` with the teachers moved
 * (section counts and level statistics recomputed).  Free with
 * rp_audit_free. */
rp_status_t rp_plan_after(const rp_county_t *c, const rp_policy_t *p,
                          const rp_audit_t *before, const rp_plan_t *plan,
                          rp_audit_t **after);

/* Stability rules of a section (docs/model.md): at most this many of its
 * teachers may leave (max_outflow_share of them, rounded down; all of them
 * when the section has no students left, as at a closed school), and the
 * subject cover applies only where there are students to teach. */
int rp_section_outflow_cap(const rp_policy_t *p, const rp_section_t *s);
int rp_section_subject_cover(const rp_policy_t *p, const rp_section_t *s);
/* subject_cover (docs/model.md, row `subject`): the teachers of subject j
 * that section s keeps after the plan: as many as it has, up to the whole
 * part of its demand and at least one (0 when it has none, or the rule is
 * off or the section has no students).  A section meeting its demand keeps
 * meeting it; one below it loses none.  With subject_cover = strong the
 * departures alone must leave this many, whatever arrives. */
int rp_subject_keep(const rp_policy_t *p, const rp_audit_t *before, size_t s, rp_subject_t j);
/* What subject_cover measures against rp_subject_keep, for a section's
 * teachers of one subject: with strong, those it had less those who left;
 * otherwise those it has now, arrivals counted. */
int rp_subject_kept(const rp_policy_t *p, int before, int departures, int now);

/* Shortfall of a section in whole teachers: staffing and each target. */
int rp_section_staff_gap(const rp_section_t *s);
int rp_section_gap(const rp_section_t *s, rp_indicator_t i);
/* What moving teachers could not reach, in whole teachers, by the groups of
 * recruitment.csv (docs/data-format.md).  Each recruit is a teacher of
 * some subject, so one recruit may close several gaps; the groups are
 * netted so that their sum is what a bureau must hire:
 *   RP_REC_SUBJECTS  the subject gaps (rp_subject_gap, summed over subjects);
 *   RP_REC_PE_ART    the PE + arts target's gap less the PE, music and art
 *                    teachers of the subject gaps (they count for it);
 *   RP_REC_ANY       the staffing gap less both (every recruit fills a
 *                    staff place): teachers of any subject;
 *   RP_REC_DEGREE, RP_REC_BACKBONE  the two targets' gaps, not netted (a
 *                    recruit of the rows above may fill a place in them). */
typedef enum {
  RP_REC_PE_ART,
  RP_REC_ANY,
  RP_REC_DEGREE,
  RP_REC_BACKBONE,
  RP_REC_SUBJECTS,
  RP_REC_GROUPS
} rp_recruit_group_t;

/* Section k of audit a (normally the audit after a plan) into out; returns
 * 1 when it still misses anything (a row in recruitment.csv), else 0. */
int rp_section_recruitment(const rp_audit_t *a, size_t k, int out[RP_REC_GROUPS]);
/* The county's totals into out; returns the number of sections still
 * missing anything. */
int rp_audit_recruitment(const rp_audit_t *a, int out[RP_REC_GROUPS]);
/* Subject gaps summed over the sections: per subject into by (when not
 * NULL); returns the total. */
int rp_audit_subject_gaps(const rp_audit_t *a, int by[RP_SUBJECTS]);

/* Total over the county: staffing, the three targets and the subject gaps
 * (the shortfall stage of the model, docs/model.md). */
int rp_audit_total_shortfall(const rp_audit_t *a);

/* Sorts the moves by destination section, then teacher id: the order of
 * rotation_list.csv whatever method made the plan. */
void rp_plan_sort(const rp_county_t *c, rp_plan_t *plan);

/* The moves of plan that previous also has (the same teacher to the same
 * school). */
int rp_plan_kept(const rp_plan_t *plan, const rp_audit_t *a,
                 const rp_previous_t *previous);

/* The rows of the rotation list that differ from the previous plan's,
 * either way: its moves not kept plus the new ones (0 without a previous
 * plan). */
int rp_plan_rows_changed(const rp_plan_t *plan);

/* The previous plan as a plan of this county (its moves' sections from the
 * audit a of the county now); moves whose school has no section of the
 * teacher's level are left out.  *out is the caller's. */
rp_status_t rp_plan_of_previous(const rp_county_t *c, const rp_audit_t *a,
                                const rp_previous_t *previous, rp_plan_t **out);

/* What granting one accepted appeal costs (plan --appeals, docs/model.md
 * "Appeals"): the county planned from the previous plan with that appeal
 * alone, against the previous plan. */
typedef struct {
  const rp_pin_t *appeal;
  int planned;           /* 0: no plan keeps the rules with it granted */
  char why[400];         /* when not planned: the first reason */
  char why_zh[400];      /* the same in Chinese ("" when it has no translation) */
  int shortfall_change;  /* shortfall in whole teachers, less the previous plan's */
  int rows_changed;      /* rows of the rotation list not in the previous plan's, and back */
  int moves;
  double cv_before[RP_LEVELS][RP_INDICATORS]; /* the previous plan's coefficients */
  double cv[RP_LEVELS][RP_INDICATORS];        /* with the appeal granted */
} rp_appeal_cost_t;

/* Distances of the moves with known positions: total, longest and mean km
 * (0 when none). */
void rp_plan_km(const rp_plan_t *plan, double *total, double *max, double *mean);

/* A far move, for the comparison of scenarios (docs/scenarios.md): longer
 * than 20 km, as the list shows it (rounded to 0.1 km), about the most a
 * teacher commutes daily by county bus; farther usually means a room at
 * the school during the week. */
#define RP_FAR_KM 20.0
/* The moves longer than km (their distance rounded to 0.1 km); moves
 * without positions are not counted. */
int rp_plan_far_moves(const rp_plan_t *plan, double km);

/* Distance between two schools in km, -1 when either has no position or
 * they are given differently: straight on the grid of x_km/y_km, along the
 * great circle (haversine, R = 6371 km) between longitudes and latitudes. */
double rp_school_km(const rp_school_t *a, const rp_school_t *b);
/* A school's position on a plane in km, for a map: x_km/y_km, or its
 * longitude and latitude projected (sinusoidal: east-west km shrink with
 * the cosine of the latitude).  0 when it has none. */
int rp_school_xy(const rp_school_t *s, double *x, double *y);

/* The direction of a move (docs/model.md, "Direction of a move"), from the
 * area and the weak flag of the two schools. */
typedef enum {
  RP_MDIR_URBAN_TO_RURAL, /* 城区->乡村 */
  RP_MDIR_URBAN_TO_TOWN,  /* 城区->镇区 */
  RP_MDIR_TOWN_TO_RURAL,  /* 镇区->乡村 */
  RP_MDIR_TO_WEAK,        /* to a weak school from one that is not */
  RP_MDIR_FROM_WEAK,      /* from a weak school to one that is not */
  RP_MDIR_SAME_KIND,      /* same area */
  RP_MDIR_TO_URBAN,       /* 乡村/镇区->城区, 乡村->镇区 */
  RP_MOVE_DIRS
} rp_move_dir_t;

/* The label of a move from school `from` to school `to`, in this order:
 * to_weak when only the destination is weak, from_weak when only the origin
 * is, else by area (same area: same_kind). */
rp_move_dir_t rp_move_direction(const rp_school_t *from, const rp_school_t *to);
/* The label's name: "urban_to_rural", ... (summary.json, rotation_list). */
const char *rp_move_dir_name(rp_move_dir_t d);
/* Is it a move toward rural or weak schools (urban_to_rural, town_to_rural,
 * to_weak), the moves min_toward_share counts? */
int rp_move_dir_toward(rp_move_dir_t d);
/* The moves of the plan per label into counts; returns those toward rural
 * or weak schools. */
int rp_plan_directions(const rp_county_t *c, const rp_audit_t *a, const rp_plan_t *plan,
                       int counts[RP_MOVE_DIRS]);

#endif
