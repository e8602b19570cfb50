/* Indicators per school section and difference coefficients per level (see
 * indicators.h; the formulas are in docs/model.md). */
#include "model/indicators.h"

#include "model/curriculum.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *rp_indicator_name(rp_indicator_t i) {
  static const char *const n[] = {"degree", "backbone", "pe_art"};
  return n[i];
}

int rp_teacher_counts(const rp_teacher_t *t, rp_indicator_t i) {
  switch (i) {
  case RP_IND_DEGREE: /* primary: associate or higher; junior: bachelor+ */
    return t->degree >= (t->level == RP_PRIMARY ? RP_DEG_ASSOCIATE : RP_DEG_BACHELOR);
  case RP_IND_BACKBONE: /* county level or above, fixed by 教督〔2017〕6号 */
    return t->backbone >= RP_BB_COUNTY;
  case RP_IND_PE_ART:
    return rp_subject_is_pe_art(t->subject);
  default:
    return 0;
  }
}

int rp_teacher_is_rotation_backbone(const rp_policy_t *p, const rp_teacher_t *t) {
  return p->backbone_min_level != RP_BB_NONE && t->backbone >= p->backbone_min_level;
}

/* Principals and vice principals rotate under the separate 校长交流 rule
 * (教师〔2014〕4号: terms of office, exchanged by the county), so unless the
 * policy says otherwise they are neither moved by this plan nor counted in
 * its eligible base: the teachers are not made to carry their share of the
 * quota (docs/model.md, "Rotation eligibility"). */
int rp_teacher_set_aside_as_leader(const rp_policy_t *p, const rp_teacher_t *t) {
  return !p->move_leaders && !t->closing && t->role != RP_ROLE_TEACHER;
}

int rp_teacher_eligible(const rp_policy_t *p, const rp_teacher_t *t,
                        const char **why) {
  const char *r = NULL;
  int age = p->plan_year - t->birth_year;
  if (t->closing)
    ; /* its school closes: everyone moves (model/scenario.c) */
  else if (rp_teacher_set_aside_as_leader(p, t))
    r = t->role == RP_ROLE_PRINCIPAL ? "principal; move_leaders = no"
                                     : "vice principal; move_leaders = no";
  else if (t->exempt && t->exempt[0])
    r = "exempt";
  else if (p->plan_year - t->school_since < p->min_years)
    r = "under min_years at the school";
  else if (age >= (t->gender == 'F' ? p->exempt_age_female : p->exempt_age_male))
    r = "age exemption";
  else if (t->last_rotated_year > 0 &&
           p->plan_year - t->last_rotated_year < p->term_years)
    r = "within the term of a rotation";
  if (why)
    *why = r;
  return r == NULL;
}

double rp_per100(int count, int students) {
  return students > 0 ? 100.0 * count / students : 0.0;
}

void rp_weighted_cv(const double *x, const double *w, size_t n, double *mean,
                    double *cv) {
  double P = 0, sx = 0;
  for (size_t i = 0; i < n; i++) {
    P += w[i];
    sx += w[i] * x[i];
  }
  double m = P > 0 ? sx / P : 0;
  double var = 0;
  for (size_t i = 0; i < n; i++)
    var += (w[i] / P) * (x[i] - m) * (x[i] - m);
  *mean = m;
  *cv = m > 0 ? sqrt(var) / m : 0;
}

void rp_level_cv(const rp_audit_t *a, int lv, int i, const double *delta, double *x, double *w,
                 double *mean, double *cv) {
  size_t m = 0;
  for (size_t k = 0; k < a->n_sections && x && w; k++) {
    const rp_section_t *s = &a->sections[k];
    if ((int)s->level != lv || !s->counted)
      continue;
    int n = s->count[i] + (delta ? (int)lround(delta[k * RP_INDICATORS + (size_t)i]) : 0);
    x[m] = rp_per100(n, s->students);
    w[m] = s->students;
    m++;
  }
  rp_weighted_cv(x, w, m, mean, cv);
}

int rp_section_misses(const rp_section_t *s, rp_indicator_t i) {
  return s->counted && s->count[i] < s->need[i];
}

int rp_section_staff_short(const rp_section_t *s) {
  return s->teachers + s->other_staff < s->required_staff;
}

void rp_audit_update_levels(rp_audit_t *a, const rp_policy_t *p) {
  size_t n = a->n_sections;
  double *x = malloc((n ? n : 1) * sizeof *x), *w = malloc((n ? n : 1) * sizeof *w);
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    rp_level_stats_t *L = &a->level[lv];
    memset(L, 0, sizeof *L);
    for (size_t k = 0; k < n; k++) {
      const rp_section_t *s = &a->sections[k];
      if ((int)s->level != lv)
        continue;
      if (!s->counted) {
        L->excluded++;
        continue;
      }
      L->sections++;
      L->students += s->students;
    }
    double composite = 0;
    for (int i = 0; i < RP_INDICATORS; i++) {
      rp_level_cv(a, lv, i, NULL, x, w, &L->mean[i], &L->cv[i]);
      L->pass[i] = !rp_cv_above(L->cv[i], p->cv_limit[lv]);
      composite += L->cv[i];
    }
    L->composite = composite / RP_INDICATORS;
  }
  free(x);
  free(w);
}

/* Whole-teacher needs and exclusion of one section (policy-dependent). */
static void section_targets(rp_section_t *s, const rp_school_t *sc,
                            const rp_policy_t *p) {
  int total = sc->students[RP_PRIMARY] + sc->students[RP_JUNIOR];
  s->excluded = NULL;
  if (s->students <= 0)
    s->excluded = "no students";
  else if (sc->teaching_point && total < p->exclude_teaching_point_below)
    s->excluded = "teaching point under the size limit";
  s->counted = s->excluded == NULL;
  s->required_staff =
      rp_policy_required_staff(p, s->level, s->students, s->classes, total);
  for (int i = 0; i < RP_INDICATORS; i++)
    s->need[i] = s->counted ? rp_per100_needed(rp_indicator_target(p, s->level, (rp_indicator_t)i),
                                               s->students)
                            : 0;
}

double rp_indicator_target(const rp_policy_t *p, rp_level_t lv, rp_indicator_t i) {
  const double *t[RP_INDICATORS] = {p->t_degree, p->t_backbone, p->t_pe_art};
  return t[i][lv];
}

/* The curriculum's demand for each subject at section s of school sc;
 * sections without students teach nothing. */
static void subject_demand(rp_audit_t *a, size_t s, const rp_county_t *c, const rp_school_t *sc,
                           const rp_policy_t *p) {
  const rp_curriculum_t *cur = rp_county_curriculum(c);
  for (int j = 0; j < RP_SUBJECTS; j++) {
    rp_subject_stat_t *st = &a->subjects[s * RP_SUBJECTS + (size_t)j];
    st->demand = a->sections[s].students > 0
                     ? rp_subject_demand(cur, p, sc, a->sections[s].level, (rp_subject_t)j)
                     : 0;
    st->need = p->subject_demand ? rp_subject_need(st->demand) : 0;
  }
}

/* ---- the audit's subject figures (indicators.h) ---- */

static const rp_subject_stat_t *subject_stat(const rp_audit_t *a, size_t s, rp_subject_t j) {
  return &a->subjects[s * RP_SUBJECTS + (size_t)j];
}

int rp_subject_gap(const rp_audit_t *a, size_t s, rp_subject_t j) {
  const rp_subject_stat_t *st = subject_stat(a, s, j);
  return st->need > st->teachers ? st->need - st->teachers : 0;
}

int rp_subject_surplus(const rp_audit_t *a, size_t s, rp_subject_t j) {
  const rp_subject_stat_t *st = subject_stat(a, s, j);
  if (st->demand <= 1e-9)
    return 0;
  int whole = (int)ceil(st->demand - 1e-9);
  return st->teachers > whole ? st->teachers - whole : 0;
}

int rp_subject_part_time(const rp_audit_t *a, size_t s, rp_subject_t j) {
  const rp_subject_stat_t *st = subject_stat(a, s, j);
  return st->demand > 1e-9 && st->need == 0;
}

void rp_subject_totals(const rp_audit_t *a, rp_subject_total_t tot[RP_SUBJECTS]) {
  memset(tot, 0, RP_SUBJECTS * sizeof *tot);
  for (size_t s = 0; s < a->n_sections; s++)
    for (int j = 0; j < RP_SUBJECTS; j++) {
      const rp_subject_stat_t *st = subject_stat(a, s, (rp_subject_t)j);
      rp_subject_total_t *t = &tot[j];
      int gap = rp_subject_gap(a, s, (rp_subject_t)j);
      t->demand += st->demand;
      t->need += st->need;
      t->teachers += st->teachers;
      t->gap += gap;
      t->surplus += rp_subject_surplus(a, s, (rp_subject_t)j);
      t->sections_short += gap > 0;
      t->part_time += rp_subject_part_time(a, s, (rp_subject_t)j);
    }
}

int rp_subject_short_sections(const rp_audit_t *a) {
  int n = 0;
  for (size_t s = 0; s < a->n_sections; s++) {
    int short_ = 0;
    for (int j = 0; j < RP_SUBJECTS && !short_; j++)
      short_ = rp_subject_gap(a, s, (rp_subject_t)j) > 0;
    n += short_;
  }
  return n;
}

rp_status_t rp_audit_build(const rp_county_t *c, const rp_policy_t *p,
                           rp_audit_t **out) {
  rp_status_t st = RP_ENOMEM;
  rp_audit_t *a = calloc(1, sizeof *a);
  if (!a)
    goto done;
  a->section_of = malloc((c->n_schools * 2 + 1) * sizeof *a->section_of);
  a->sections = calloc(c->n_schools * 2 + 1, sizeof *a->sections);
  a->subjects = calloc((c->n_schools * 2 + 1) * RP_SUBJECTS, sizeof *a->subjects);
  if (!a->section_of || !a->sections || !a->subjects)
    goto done;
  /* A section exists where the school has students or classes of the level,
   * or teachers of it on the roster. */
  unsigned char *has_teacher = calloc(c->n_schools * 2 + 1, 1);
  if (!has_teacher)
    goto done;
  for (size_t k = 0; k < c->n_teachers; k++)
    has_teacher[c->teachers[k].school * 2 + c->teachers[k].level] = 1;
  for (size_t i = 0; i < c->n_schools; i++) {
    const rp_school_t *sc = &c->schools[i];
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      a->section_of[i * 2 + lv] = SIZE_MAX;
      if (!rp_school_has_level(sc, (rp_level_t)lv) && !has_teacher[i * 2 + lv])
        continue;
      rp_section_t *s = &a->sections[a->n_sections];
      a->section_of[i * 2 + lv] = a->n_sections++;
      s->school = i;
      s->level = (rp_level_t)lv;
      s->students = sc->students[lv];
      s->classes = sc->classes[lv];
      section_targets(s, sc, p);
      subject_demand(a, a->n_sections - 1, c, sc, p);
    }
    /* Non-teaching staff split by students (all to one section if the other
     * has none). */
    size_t sp = a->section_of[i * 2], sj = a->section_of[i * 2 + 1];
    int ps = sc->students[RP_PRIMARY], js = sc->students[RP_JUNIOR];
    if (sp != SIZE_MAX && sj != SIZE_MAX) {
      int prim = ps + js > 0 ? (int)llround((double)sc->other_staff * ps / (ps + js))
                             : sc->other_staff;
      a->sections[sp].other_staff = prim;
      a->sections[sj].other_staff = sc->other_staff - prim;
    } else if (sp != SIZE_MAX) {
      a->sections[sp].other_staff = sc->other_staff;
    } else if (sj != SIZE_MAX) {
      a->sections[sj].other_staff = sc->other_staff;
    }
  }
  free(has_teacher);
  rp_rotation_stats_t *r = &a->rotation;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    rp_section_t *s = &a->sections[a->section_of[t->school * 2 + t->level]];
    s->teachers++;
    a->subjects[(size_t)(s - a->sections) * RP_SUBJECTS + t->subject].teachers++;
    for (int i = 0; i < RP_INDICATORS; i++)
      s->count[i] += rp_teacher_counts(t, (rp_indicator_t)i);
    if (rp_teacher_eligible(p, t, NULL)) {
      r->eligible++;
      r->eligible_backbone += rp_teacher_is_rotation_backbone(p, t);
    }
    if (rp_teacher_set_aside_as_leader(p, t)) {
      rp_policy_t with_leaders = *p;
      with_leaders.move_leaders = 1;
      r->leaders_set_aside++;
      r->leaders_otherwise_eligible += rp_teacher_eligible(&with_leaders, t, NULL);
    }
  }
  r->min_rotate = (int)ceil(p->quota_share * r->eligible - 1e-9);
  /* quota_max_share = quota_share means exactly that share, rounded up as
   * the minimum is (a bureau's "15%"); otherwise the maximum rounds down. */
  r->max_rotate = p->quota_max_share <= 0 ? -1
                  : p->quota_max_share == p->quota_share
                      ? r->min_rotate
                      : (int)floor(p->quota_max_share * r->eligible + 1e-9);
  r->min_backbone = rp_backbone_minimum(p, r, r->min_rotate);
  rp_audit_update_levels(a, p);
  *out = a;
  a = NULL;
  st = RP_OK;
done:
  rp_audit_free(a);
  return st;
}

int rp_backbone_minimum(const rp_policy_t *p, const rp_rotation_stats_t *r, int moved) {
  int base = p->backbone_base == RP_BASE_ROTATED ? moved : r->eligible_backbone;
  return (int)ceil(p->backbone_share * base - 1e-9);
}

void rp_audit_free(rp_audit_t *a) {
  if (!a)
    return;
  free(a->sections);
  free(a->subjects);
  free(a->section_of);
  free(a);
}

rp_status_t rp_quota_check(const rp_policy_t *p, const rp_rotation_stats_t *r, rp_diag_t *diag) {
  if (r->max_rotate < 0 || r->max_rotate >= r->min_rotate)
    return RP_OK;
  rp_diag_error(diag, NULL, 0, NULL,
                "rotation quota: quota_share %g of the %d eligible teachers needs at least %d "
                "to rotate, but quota_max_share %g allows at most %d: no whole number of "
                "teachers lies between; widen the band, or set quota_max_share = quota_share "
                "for exactly that share",
                p->quota_share, r->eligible, r->min_rotate, p->quota_max_share, r->max_rotate);
  return RP_EINFEASIBLE;
}

int rp_cv_harmed(const rp_policy_t *p, const rp_audit_t *before, const rp_audit_t *after, int lv,
                 int i) {
  double cap = before->level[lv].cv[i] > p->cv_limit[lv] ? before->level[lv].cv[i]
                                                          : p->cv_limit[lv];
  return rp_cv_above(after->level[lv].cv[i], cap);
}

int rp_cv_above(double a, double b) { return round(a * 1e4) > round(b * 1e4); }
