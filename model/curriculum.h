/* What each school must teach: the curriculum's weekly periods per grade and
 * subject, and from them each section's demand for teachers of a subject
 * (docs/model.md, "Subject demand"; ../shared/domain.md).
 *
 *   demand(s, j) = sum over the section's grades g of
 *                  classes(s, g) x periods(g, j) / load(level, j)
 *
 * in full-time equivalents.  classes(s, g) are the school's per-grade class
 * counts when schools.csv gives them (grade1_classes ... grade9_classes),
 * otherwise the level's classes spread evenly over its grades (6 primary,
 * 3 junior).  The periods come from the built-in default (the 2022 national
 * curriculum as Shandong's 义务教育阶段课程安排表 sets it out, cited in
 * docs/data-format.md) or from the county's curriculum.csv; the loads from
 * the policy's load keys ([staffing] primary_load_core, ...), or the
 * curriculum file's `load` column.
 *
 * The whole part of the demand, floor(demand + 1e-9), is what the model
 * requires of a section (rp_subject_need); a subject whose demand is under
 * one teacher is taught part-time (shared, 走教) and is never a whole
 * teacher's gap.
 */
#ifndef RP_CURRICULUM_H
#define RP_CURRICULUM_H

#include "model/county.h"
#include "model/policy.h"

struct rp_curriculum {
  /* periods a week of subject j in grade g (0-based: g = 0 is grade 1) */
  double periods[RP_GRADES][RP_SUBJECTS];
  /* a teacher's weekly periods of subject j at level lv when the
   * curriculum file gives a `load`; 0: the policy's load applies */
  double load[RP_LEVELS][RP_SUBJECTS];
  int from_file; /* 0: the built-in default table */
};

/* The curriculum in force for county c: its own (curriculum.csv) when read,
 * else the built-in table. */
const rp_curriculum_t *rp_county_curriculum(const rp_county_t *c);

/* The built-in table (docs/data-format.md, "Curriculum"). */
void rp_curriculum_default(rp_curriculum_t *cur);

/* First and one-past-last 0-based grade of a level: primary 0..6, junior 6..9. */
int rp_level_first_grade(rp_level_t lv);
int rp_level_end_grade(rp_level_t lv);

/* The weekly periods of one teacher of subject j at level lv: the
 * curriculum file's load when given, else the policy's key for the level and
 * the subject's kind (core: Chinese, maths, and at junior English and the
 * sciences; the rest other). */
double rp_subject_load(const rp_curriculum_t *cur, const rp_policy_t *p, rp_level_t lv,
                       rp_subject_t j);

/* Demand in full-time teachers of subject j at school sc's section of level
 * lv (0 when the section has no classes or the subject is not taught). */
double rp_subject_demand(const rp_curriculum_t *cur, const rp_policy_t *p,
                         const rp_school_t *sc, rp_level_t lv, rp_subject_t j);

/* The whole part of a demand: floor(demand + 1e-9). */
int rp_subject_need(double demand);

/* Class counts that change after the rosters are read (a scenario's
 * enrolment, closures and merges, a forecast year) keep the per-grade
 * classes true: sets sc's classes of level lv, dropping the level's
 * grade_classes when the count changes (they would no longer add up; the
 * classes are then spread evenly over the grades). */
void rp_school_set_classes(rp_school_t *sc, rp_level_t lv, int classes);
/* from's classes of level lv join into's: per grade when each of them has
 * its grades (or no classes), else into's grade classes are dropped. */
void rp_school_merge_classes(rp_school_t *into, const rp_school_t *from, rp_level_t lv);

#endif
