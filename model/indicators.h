/* The three teacher indicators of the seven of the national assessment
 * (教督〔2017〕6号), and staffing, computed per school section.
 *
 * A school has a primary and/or a junior section; every figure is per
 * section (a nine-year school is split).  For each section: students,
 * teachers, required staff, and the three teacher indicators per 100
 * students (degree above the required one, county-level-or-above backbone,
 * PE + arts).  For each level: the student-weighted difference coefficient
 * (差异系数) of each indicator over the counted sections.  For the county:
 * the rotation numbers of the plan year.  Formulas: docs/model.md and
 * ../shared/domain.md.
 */
#ifndef RP_INDICATORS_H
#define RP_INDICATORS_H

#include "model/county.h"
#include "model/policy.h"

typedef enum {
  RP_IND_DEGREE,
  RP_IND_BACKBONE,
  RP_IND_PE_ART,
  RP_INDICATORS
} rp_indicator_t;

const char *rp_indicator_name(rp_indicator_t i); /* "degree", ... */

typedef struct {
  size_t school;
  rp_level_t level;
  int students, classes;
  int teachers;    /* teachers on the roster in this section */
  int other_staff; /* this section's share of the non-teaching staff */
  int required_staff;
  int count[RP_INDICATORS]; /* teachers who count for each indicator */
  int need[RP_INDICATORS];  /* whole teachers needed to reach the target */
  int counted;              /* 1 if in the difference coefficient */
  const char *excluded;     /* why not counted (static string), or NULL */
} rp_section_t;

typedef struct {
  long long students; /* over counted sections: 64-bit, since sections of up to
                          RP_MAX_SECTION_STUDENTS each can add past INT_MAX */
  int sections; /* counted sections */
  int excluded; /* sections left out of the coefficient */
  double mean[RP_INDICATORS];
  double cv[RP_INDICATORS];
  double composite; /* plain mean of the three coefficients */
  int pass[RP_INDICATORS];
} rp_level_stats_t;

typedef struct {
  int eligible, eligible_backbone;
  /* Principals and vice principals outside the rotation (move_leaders =
   * no), and how many of them would be eligible with move_leaders = yes. */
  int leaders_set_aside, leaders_otherwise_eligible;
  int min_rotate, max_rotate; /* max_rotate -1 when no maximum */
  int min_backbone; /* rp_backbone_minimum at min_rotate moved */
} rp_rotation_stats_t;

/* The backbone teachers the model requires when `moved` teachers rotate:
 * with backbone_base = rotated, backbone_share x moved rounded up (the row
 * backbone_share of docs/model.md); with eligible_backbone, the fixed
 * minimum backbone_share x r->eligible_backbone rounded up (row
 * backbone_min), whatever moved is.  Every figure printed or reported as
 * a plan's backbone minimum is this one, for the plan's own moves. */
int rp_backbone_minimum(const rp_policy_t *p, const rp_rotation_stats_t *r, int moved);


/* A quota band that holds no whole number of teachers (the maximum, rounded
 * down, below the minimum, rounded up) is a contradiction of the policy:
 * RP_EINFEASIBLE with both numbers in diag, before anything is solved. */
rp_status_t rp_quota_check(const rp_policy_t *p, const rp_rotation_stats_t *r,
                           rp_diag_t *diag);

/* A section's teachers of one subject against the curriculum's demand
 * (model/curriculum.h).  need is the whole part of the demand: a section
 * below it has a subject gap of need - teachers. */
typedef struct {
  double demand; /* full-time teachers the curriculum asks for */
  int need;      /* rp_subject_need(demand) */
  int teachers;  /* teachers of the subject on the roster */
} rp_subject_stat_t;

typedef struct {
  rp_section_t *sections; /* ordered by school row, then level */
  rp_subject_stat_t *subjects; /* [section * RP_SUBJECTS + subject] */
  size_t n_sections;
  size_t *section_of; /* [school * 2 + level] -> section index or SIZE_MAX */
  rp_level_stats_t level[RP_LEVELS];
  rp_rotation_stats_t rotation;
} rp_audit_t;

/* Does teacher t count for indicator i (at its own level)? */
int rp_teacher_counts(const rp_teacher_t *t, rp_indicator_t i);
/* Is t a backbone teacher for the rotation rules (policy level or above)? */
int rp_teacher_is_rotation_backbone(const rp_policy_t *p, const rp_teacher_t *t);
/* Is t a principal or vice principal whom the policy keeps out of the
 * teachers' rotation (move_leaders = no; a closing school moves everyone)? */
int rp_teacher_set_aside_as_leader(const rp_policy_t *p, const rp_teacher_t *t);
/* Is t eligible to rotate in the plan year?  When not and `why` is non-NULL,
 * *why gets a static reason ("exempt", "under min_years", ...). */
int rp_teacher_eligible(const rp_policy_t *p, const rp_teacher_t *t,
                        const char **why);

/* The policy's per-100-student target of indicator i at a level. */
double rp_indicator_target(const rp_policy_t *p, rp_level_t lv, rp_indicator_t i);

/* Per-100 value, 0 for a section without students. */
double rp_per100(int count, int students);

/* Student-weighted mean and coefficient of variation of x over n sections
 * with weights w (population form, ../shared/domain.md).  cv is 0 when the
 * mean is 0. */
void rp_weighted_cv(const double *x, const double *w, size_t n, double *mean,
                    double *cv);

/* Mean per 100 and coefficient of indicator i over level lv's counted
 * sections (rp_weighted_cv), each section k's count plus
 * delta[k * RP_INDICATORS + i] when delta is given (a plan's arrivals less
 * departures); x and w are room for a->n_sections values (NULL: none). */
void rp_level_cv(const rp_audit_t *a, int lv, int i, const double *delta, double *x, double *w,
                 double *mean, double *cv);

/* Builds the sections from the county; teacher counts from the roster.
 * Returns RP_OK or RP_ENOMEM.  Free with rp_audit_free. */
rp_status_t rp_audit_build(const rp_county_t *c, const rp_policy_t *p,
                           rp_audit_t **out);
/* Recomputes every per-section figure and the level statistics from
 * per-section indicator counts (after a plan changed them). */
void rp_audit_update_levels(rp_audit_t *a, const rp_policy_t *p);
void rp_audit_free(rp_audit_t *a);

/* Whole teachers of subject j that section s lacks: need - teachers when
 * positive, else 0. */
int rp_subject_gap(const rp_audit_t *a, size_t s, rp_subject_t j);

/* ---- the audit's subject figures (docs/data-format.md, audit JSON) ---- */

/* Teachers of subject j at section s beyond the whole teachers its demand
 * asks for, teachers - ceil(demand), when positive.  0 where the demand is
 * 0 (the curriculum asks nothing of the subject there: `other`, a subject
 * of the other level, a subject a county's curriculum.csv leaves out): its
 * teachers are not measured against the curriculum. */
int rp_subject_surplus(const rp_audit_t *a, size_t s, rp_subject_t j);
/* Is section s's demand for subject j above 0 but under one teacher?  Such
 * a subject is taught part-time (兼职, 走教): never a whole teacher's gap. */
int rp_subject_part_time(const rp_audit_t *a, size_t s, rp_subject_t j);

/* One subject over the county's sections. */
typedef struct {
  double demand;        /* full-time teachers */
  int need, teachers;   /* sums of the sections' whole needs and teachers */
  int gap, surplus;     /* sums of rp_subject_gap, rp_subject_surplus */
  int sections_short;   /* sections with a gap */
  int part_time;        /* sections where the subject is part-time */
} rp_subject_total_t;

/* tot[j] for every subject j. */
void rp_subject_totals(const rp_audit_t *a, rp_subject_total_t tot[RP_SUBJECTS]);
/* Sections short of a whole teacher in at least one subject. */
int rp_subject_short_sections(const rp_audit_t *a);

/* Does the section miss indicator i / staffing? */
int rp_section_misses(const rp_section_t *s, rp_indicator_t i);
int rp_section_staff_short(const rp_section_t *s);

/* Is coefficient a above b as they are printed (4 decimals)?  Pass and
 * FAIL, do_no_harm and an appeal's coefficients made worse compare so,
 * so that a report never shows 0.5000 failing a 0.50 limit. */
int rp_cv_above(double a, double b);

/* do_no_harm (docs/model.md, "Objective"): does the plan leave level lv's
 * coefficient of indicator i above both its limit and its value before?
 * Compared as printed (4 decimals), as pass and FAIL are. */
int rp_cv_harmed(const rp_policy_t *p, const rp_audit_t *before, const rp_audit_t *after, int lv,
                 int i);

#endif
