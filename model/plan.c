/* Plans and the county after them (see plan.h). */
#include "model/plan.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/principals.h"

void rp_plan_free(rp_plan_t *p) {
  if (!p)
    return;
  free(p->moves);
  free(p->why);
  rp_principals_free(p->principals);
  free(p);
}

static const rp_county_t *sort_county; /* qsort has no context argument */
static int move_cmp(const void *a, const void *b) {
  const rp_move_t *x = a, *y = b;
  if (x->to_section != y->to_section)
    return x->to_section < y->to_section ? -1 : 1;
  return strcmp(sort_county->teachers[x->teacher].id, sort_county->teachers[y->teacher].id);
}

void rp_plan_sort(const rp_county_t *c, rp_plan_t *plan) {
  sort_county = c;
  qsort(plan->moves, plan->n_moves, sizeof *plan->moves, move_cmp);
  free(plan->why); /* one per move in the old order: derive them again */
  plan->why = NULL;
}

#define EARTH_KM 6371.0
#define DEG (3.14159265358979323846 / 180)

double rp_school_km(const rp_school_t *a, const rp_school_t *b) {
  if (!a->has_pos || a->has_pos != b->has_pos)
    return -1;
  if (a->has_pos == RP_POS_KM)
    return hypot(a->x_km - b->x_km, a->y_km - b->y_km);
  double p1 = a->lat * DEG, p2 = b->lat * DEG;
  double dp = (b->lat - a->lat) * DEG, dl = (b->lon - a->lon) * DEG;
  double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
  return 2 * EARTH_KM * asin(fmin(1, sqrt(h)));
}

int rp_school_xy(const rp_school_t *s, double *x, double *y) {
  if (s->has_pos == RP_POS_KM) {
    *x = s->x_km;
    *y = s->y_km;
  } else if (s->has_pos == RP_POS_GEO) {
    *x = EARTH_KM * s->lon * DEG * cos(s->lat * DEG);
    *y = EARTH_KM * s->lat * DEG;
  }
  return s->has_pos != RP_POS_NONE;
}

int rp_section_outflow_cap(const rp_policy_t *p, const rp_section_t *s) {
  if (s->students <= 0)
    return s->teachers;
  return (int)floor(p->max_outflow_share * s->teachers + 1e-9);
}

int rp_section_subject_cover(const rp_policy_t *p, const rp_section_t *s) {
  return p->subject_cover != RP_COVER_OFF && s->students > 0;
}

int rp_subject_kept(const rp_policy_t *p, int before, int departures, int now) {
  return p->subject_cover == RP_COVER_STRONG ? before - departures : now;
}

int rp_subject_keep(const rp_policy_t *p, const rp_audit_t *before, size_t s, rp_subject_t j) {
  const rp_subject_stat_t *st = &before->subjects[s * RP_SUBJECTS + j];
  if (!rp_section_subject_cover(p, &before->sections[s]) || st->teachers == 0)
    return 0;
  int floor_ = st->need > 1 ? st->need : 1;
  return st->teachers < floor_ ? st->teachers : floor_;
}

int rp_section_staff_gap(const rp_section_t *s) {
  int g = s->required_staff - s->teachers - s->other_staff;
  return g > 0 ? g : 0;
}

int rp_section_gap(const rp_section_t *s, rp_indicator_t i) {
  int g = s->counted ? s->need[i] - s->count[i] : 0;
  return g > 0 ? g : 0;
}

int rp_section_recruitment(const rp_audit_t *a, size_t k, int out[RP_REC_GROUPS]) {
  const rp_section_t *x = &a->sections[k];
  int subjects = 0, pe_art_subjects = 0;
  for (int j = 0; j < RP_SUBJECTS; j++) {
    int g = rp_subject_gap(a, k, (rp_subject_t)j);
    subjects += g;
    pe_art_subjects += rp_subject_is_pe_art((rp_subject_t)j) ? g : 0;
  }
  int pe = rp_section_gap(x, RP_IND_PE_ART) - pe_art_subjects;
  out[RP_REC_SUBJECTS] = subjects;
  out[RP_REC_PE_ART] = pe > 0 ? pe : 0;
  int any = rp_section_staff_gap(x) - subjects - out[RP_REC_PE_ART];
  out[RP_REC_ANY] = any > 0 ? any : 0;
  out[RP_REC_DEGREE] = rp_section_gap(x, RP_IND_DEGREE);
  out[RP_REC_BACKBONE] = rp_section_gap(x, RP_IND_BACKBONE);
  for (int i = 0; i < RP_REC_GROUPS; i++)
    if (out[i] > 0)
      return 1;
  return 0;
}

int rp_audit_recruitment(const rp_audit_t *a, int out[RP_REC_GROUPS]) {
  int missing = 0, sec[RP_REC_GROUPS];
  for (int i = 0; i < RP_REC_GROUPS; i++)
    out[i] = 0;
  for (size_t k = 0; k < a->n_sections; k++) {
    missing += rp_section_recruitment(a, k, sec);
    for (int i = 0; i < RP_REC_GROUPS; i++)
      out[i] += sec[i];
  }
  return missing;
}

int rp_audit_subject_gaps(const rp_audit_t *a, int by[RP_SUBJECTS]) {
  rp_subject_total_t tot[RP_SUBJECTS];
  int total = 0;
  rp_subject_totals(a, tot);
  for (int j = 0; j < RP_SUBJECTS; j++) {
    total += tot[j].gap;
    if (by)
      by[j] = tot[j].gap;
  }
  return total;
}

int rp_audit_total_shortfall(const rp_audit_t *a) {
  int total = 0;
  for (size_t k = 0; k < a->n_sections; k++) {
    total += rp_section_staff_gap(&a->sections[k]);
    for (int i = 0; i < RP_INDICATORS; i++)
      total += rp_section_gap(&a->sections[k], (rp_indicator_t)i);
  }
  return total + rp_audit_subject_gaps(a, NULL);
}

rp_status_t rp_plan_after(const rp_county_t *c, const rp_policy_t *p,
                          const rp_audit_t *before, const rp_plan_t *plan,
                          rp_audit_t **after) {
  rp_audit_t *a = calloc(1, sizeof *a);
  if (!a)
    return RP_ENOMEM;
  *a = *before;
  a->sections = malloc((before->n_sections + 1) * sizeof *a->sections);
  a->section_of = malloc((c->n_schools * 2 + 1) * sizeof *a->section_of);
  a->subjects = malloc((before->n_sections + 1) * RP_SUBJECTS * sizeof *a->subjects);
  if (!a->sections || !a->section_of || !a->subjects) {
    rp_audit_free(a);
    return RP_ENOMEM;
  }
  memcpy(a->sections, before->sections, before->n_sections * sizeof *a->sections);
  memcpy(a->subjects, before->subjects,
         before->n_sections * RP_SUBJECTS * sizeof *a->subjects);
  memcpy(a->section_of, before->section_of, c->n_schools * 2 * sizeof *a->section_of);
  /* The teachers' moves, then the principals' exchange: a principal
   * teaches at the school they lead (docs/model.md, "The principals'
   * exchange"). */
  const size_t n_pr = plan->principals ? plan->principals->n : 0;
  for (size_t k = 0; k < plan->n_moves + n_pr; k++) {
    size_t teacher, fs, ts;
    if (k < plan->n_moves) {
      teacher = plan->moves[k].teacher;
      fs = plan->moves[k].from_section;
      ts = plan->moves[k].to_section;
    } else {
      const rp_principal_move_t *pm = &plan->principals->moves[k - plan->n_moves];
      teacher = pm->teacher;
      fs = before->section_of[pm->from * 2 + c->teachers[teacher].level];
      ts = before->section_of[pm->to * 2 + c->teachers[teacher].level];
      if (fs == SIZE_MAX || ts == SIZE_MAX)
        continue; /* verify names it (model/verify.c) */
    }
    const rp_teacher_t *t = &c->teachers[teacher];
    rp_section_t *from = &a->sections[fs], *to = &a->sections[ts];
    from->teachers--;
    to->teachers++;
    a->subjects[fs * RP_SUBJECTS + t->subject].teachers--;
    a->subjects[ts * RP_SUBJECTS + t->subject].teachers++;
    for (int i = 0; i < RP_INDICATORS; i++) {
      int n = rp_teacher_counts(t, (rp_indicator_t)i);
      from->count[i] -= n;
      to->count[i] += n;
    }
  }
  rp_audit_update_levels(a, p);
  *after = a;
  return RP_OK;
}

void rp_plan_km(const rp_plan_t *plan, double *total, double *max, double *mean) {
  int n = 0;
  *total = *max = 0;
  for (size_t k = 0; k < plan->n_moves; k++)
    if (plan->moves[k].km >= 0) {
      *total += plan->moves[k].km;
      *max = plan->moves[k].km > *max ? plan->moves[k].km : *max;
      n++;
    }
  *mean = n ? *total / n : 0;
}

int rp_plan_far_moves(const rp_plan_t *plan, double km) {
  int n = 0;
  for (size_t k = 0; k < plan->n_moves; k++)
    n += plan->moves[k].km >= 0 && floor(plan->moves[k].km * 10 + 0.5) / 10 > km;
  return n;
}

rp_move_dir_t rp_move_direction(const rp_school_t *from, const rp_school_t *to) {
  if (to->weak && !from->weak)
    return RP_MDIR_TO_WEAK;
  if (from->weak && !to->weak)
    return RP_MDIR_FROM_WEAK;
  if (from->area == to->area)
    return RP_MDIR_SAME_KIND;
  if (from->area == RP_AREA_URBAN)
    return to->area == RP_AREA_RURAL ? RP_MDIR_URBAN_TO_RURAL : RP_MDIR_URBAN_TO_TOWN;
  if (from->area == RP_AREA_TOWN && to->area == RP_AREA_RURAL)
    return RP_MDIR_TOWN_TO_RURAL;
  return RP_MDIR_TO_URBAN; /* toward the city or the town */
}

const char *rp_move_dir_name(rp_move_dir_t d) {
  static const char *const names[RP_MOVE_DIRS] = {"urban_to_rural", "urban_to_town",
                                                  "town_to_rural",  "to_weak",
                                                  "from_weak",      "same_kind",
                                                  "to_urban"};
  return d < RP_MOVE_DIRS ? names[d] : "?";
}

int rp_move_dir_toward(rp_move_dir_t d) {
  return d == RP_MDIR_URBAN_TO_RURAL || d == RP_MDIR_TOWN_TO_RURAL || d == RP_MDIR_TO_WEAK;
}

int rp_plan_directions(const rp_county_t *c, const rp_audit_t *a, const rp_plan_t *plan,
                       int counts[RP_MOVE_DIRS]) {
  int toward = 0;
  memset(counts, 0, RP_MOVE_DIRS * sizeof *counts);
  for (size_t k = 0; k < plan->n_moves; k++) {
    const rp_move_t *mv = &plan->moves[k];
    rp_move_dir_t d = rp_move_direction(&c->schools[a->sections[mv->from_section].school],
                                        &c->schools[a->sections[mv->to_section].school]);
    counts[d]++;
    toward += rp_move_dir_toward(d);
  }
  return toward;
}

int rp_plan_kept(const rp_plan_t *plan, const rp_audit_t *a,
                 const rp_previous_t *previous) {
  int kept = 0;
  for (size_t i = 0; i < plan->n_moves; i++) {
    const rp_move_t *mv = &plan->moves[i];
    for (size_t q = 0; q < previous->n; q++)
      if (previous->moves[q].teacher == mv->teacher &&
          previous->moves[q].school == a->sections[mv->to_section].school) {
        kept++;
        break;
      }
  }
  return kept;
}

rp_status_t rp_plan_of_previous(const rp_county_t *c, const rp_audit_t *a,
                                const rp_previous_t *previous, rp_plan_t **out) {
  rp_plan_t *plan = calloc(1, sizeof *plan);
  if (plan)
    plan->moves = malloc((previous->n + 1) * sizeof *plan->moves);
  if (!plan || !plan->moves) {
    rp_plan_free(plan);
    return RP_ENOMEM;
  }
  for (size_t q = 0; q < previous->n; q++) {
    const rp_teacher_t *t = &c->teachers[previous->moves[q].teacher];
    size_t o = a->section_of[t->school * 2 + t->level];
    size_t d = a->section_of[previous->moves[q].school * 2 + t->level];
    if (o == SIZE_MAX || d == SIZE_MAX)
      continue;
    plan->moves[plan->n_moves++] = (rp_move_t){
        previous->moves[q].teacher, o, d,
        rp_school_km(&c->schools[t->school], &c->schools[previous->moves[q].school]), NULL};
  }
  *out = plan;
  return RP_OK;
}

int rp_plan_rows_changed(const rp_plan_t *plan) {
  if (!plan->has_previous)
    return 0;
  return plan->previous_moves + (int)plan->n_moves - 2 * plan->previous_kept;
}
