/* Subject demand from the curriculum (model/curriculum.h, docs/model.md). */
#include "model/curriculum.h"

#include <math.h>
#include <string.h>

/* The built-in table: periods a week in grades 1-9 under the 2022 national
 * curriculum (义务教育课程方案（2022年版）, 教材〔2022〕2号), as Shandong's
 * 义务教育阶段课程安排表 (2023) sets it out (../shared/domain.md).  信息科技
 * (IT), a subject of its own in grades 3-8 under the 2022 plan, is not on
 * that table; one period a week in grades 3-8 is its share (1-3% of the nine
 * years).  Labour, comprehensive practice and the local courses have no
 * subject teachers of their own on a roster (`other`): no demand. */
static const struct {
  rp_subject_t subject;
  double periods[RP_GRADES];
} default_table[] = {
    {RP_SUBJ_CHINESE, {8, 8, 7, 7, 6, 6, 5, 4, 5}},
    {RP_SUBJ_MATH, {4, 4, 4, 4, 5, 5, 4, 4, 5}},
    {RP_SUBJ_ENGLISH, {0, 0, 2, 2, 3, 3, 4, 4, 4}},
    {RP_SUBJ_PE, {4, 4, 3, 3, 3, 3, 3, 3, 3}},
    {RP_SUBJ_MUSIC, {2, 2, 2, 2, 2, 2, 1, 1, 1}},
    {RP_SUBJ_ART, {2, 2, 2, 2, 2, 2, 1, 1, 1}},
    {RP_SUBJ_SCIENCE, {1, 1, 2, 2, 2, 2, 0, 0, 0}},
    {RP_SUBJ_MORALITY, {3, 3, 3, 3, 2, 2, 2, 2, 2}},
    {RP_SUBJ_HISTORY, {0, 0, 0, 0, 0, 0, 2, 2, 2}},
    {RP_SUBJ_GEOGRAPHY, {0, 0, 0, 0, 0, 0, 2, 2, 0}},
    {RP_SUBJ_BIOLOGY, {0, 0, 0, 0, 0, 0, 3, 3, 0}},
    {RP_SUBJ_PHYSICS, {0, 0, 0, 0, 0, 0, 0, 2, 3}},
    {RP_SUBJ_CHEMISTRY, {0, 0, 0, 0, 0, 0, 0, 0, 3}},
    {RP_SUBJ_IT, {0, 0, 1, 1, 1, 1, 1, 1, 0}},
};

void rp_curriculum_default(rp_curriculum_t *cur) {
  memset(cur, 0, sizeof *cur);
  for (size_t r = 0; r < sizeof default_table / sizeof default_table[0]; r++)
    for (int g = 0; g < RP_GRADES; g++)
      cur->periods[g][default_table[r].subject] = default_table[r].periods[g];
}

const rp_curriculum_t *rp_county_curriculum(const rp_county_t *c) {
  static rp_curriculum_t builtin;
  static int ready;
  if (c && c->curriculum)
    return c->curriculum;
  if (!ready) {
    rp_curriculum_default(&builtin);
    ready = 1;
  }
  return &builtin;
}

int rp_level_first_grade(rp_level_t lv) { return lv == RP_PRIMARY ? 0 : 6; }
int rp_level_end_grade(rp_level_t lv) { return lv == RP_PRIMARY ? 6 : RP_GRADES; }

/* Core subjects carry the lighter load: Chinese and maths, and at junior
 * level English and the three sciences (../shared/domain.md). */
static int is_core(rp_level_t lv, rp_subject_t j) {
  switch (j) {
  case RP_SUBJ_CHINESE:
  case RP_SUBJ_MATH:
    return 1;
  case RP_SUBJ_ENGLISH:
  case RP_SUBJ_PHYSICS:
  case RP_SUBJ_CHEMISTRY:
  case RP_SUBJ_BIOLOGY:
    return lv == RP_JUNIOR;
  default:
    return 0;
  }
}

double rp_subject_load(const rp_curriculum_t *cur, const rp_policy_t *p, rp_level_t lv,
                       rp_subject_t j) {
  if (cur->load[lv][j] > 0)
    return cur->load[lv][j];
  return is_core(lv, j) ? p->load_core[lv] : p->load_other[lv];
}

double rp_subject_demand(const rp_curriculum_t *cur, const rp_policy_t *p,
                         const rp_school_t *sc, rp_level_t lv, rp_subject_t j) {
  int g0 = rp_level_first_grade(lv), g1 = rp_level_end_grade(lv);
  double load = rp_subject_load(cur, p, lv, j);
  if (load <= 0)
    return 0;
  int by_grade = 0;
  for (int g = g0; g < g1; g++)
    by_grade += sc->grade_classes[g];
  double periods = 0;
  for (int g = g0; g < g1; g++) {
    double classes = by_grade ? sc->grade_classes[g] : (double)sc->classes[lv] / (g1 - g0);
    periods += classes * cur->periods[g][j];
  }
  return periods / load;
}

int rp_subject_need(double demand) { return (int)floor(demand + 1e-9); }

/* ---- per-grade classes kept true when a count changes ---------------- */

/* Does sc give its own grade classes for level lv (or have no classes)? */
static int grades_true(const rp_school_t *sc, rp_level_t lv) {
  int sum = 0;
  for (int g = rp_level_first_grade(lv); g < rp_level_end_grade(lv); g++)
    sum += sc->grade_classes[g];
  return sum > 0 || sc->classes[lv] == 0;
}

static void drop_grades(rp_school_t *sc, rp_level_t lv) {
  for (int g = rp_level_first_grade(lv); g < rp_level_end_grade(lv); g++)
    sc->grade_classes[g] = 0;
}

void rp_school_set_classes(rp_school_t *sc, rp_level_t lv, int classes) {
  if (classes != sc->classes[lv])
    drop_grades(sc, lv);
  sc->classes[lv] = classes;
}

void rp_school_merge_classes(rp_school_t *into, const rp_school_t *from, rp_level_t lv) {
  if (grades_true(into, lv) && grades_true(from, lv))
    for (int g = rp_level_first_grade(lv); g < rp_level_end_grade(lv); g++)
      into->grade_classes[g] += from->grade_classes[g];
  else
    drop_grades(into, lv);
  into->classes[lv] += from->classes[lv];
}
