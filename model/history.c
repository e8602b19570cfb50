/* The teachers' history (see history.h). */
#include "model/history.h"

#include <stdlib.h>
#include <string.h>

#include "model/rules.h"

int rp_history_rotations(const rp_teacher_t *t) {
  if (t->rotations >= 0)
    return t->rotations;
  return t->last_rotated_year > 0;
}

int rp_school_serves_title(const rp_school_t *s) {
  return s->area == RP_AREA_RURAL || s->weak;
}

int rp_history_title_lacks(const rp_policy_t *p, const rp_teacher_t *t) {
  if (t->applies_senior != 1 || t->title == RP_TITLE_FULL_SENIOR)
    return 0;
  if (t->rural_years < 0 && t->weak_years < 0)
    return 0; /* unknown: not used */
  return t->rural_years < p->title_service_years && t->weak_years < p->title_service_years;
}

int rp_history_rank_cmp(const rp_policy_t *p, const rp_teacher_t *x, const rp_teacher_t *y) {
  if (p->fairness == RP_FAIRNESS_ONCE_BEFORE_TWICE) {
    int rx = rp_history_rotations(x), ry = rp_history_rotations(y);
    if (rx != ry)
      return rx < ry ? -1 : 1;
  }
  if (p->priority == RP_PRIORITY_BACKBONE && x->backbone != y->backbone)
    return x->backbone > y->backbone ? -1 : 1;
  return 0;
}

int rp_history_order_cmp(const rp_policy_t *p, const rp_teacher_t *x, const rp_teacher_t *y) {
  int c = rp_history_rank_cmp(p, x, y);
  if (c)
    return c;
  if (x->school_since != y->school_since)
    return x->school_since < y->school_since ? -1 : 1;
  return strcmp(x->id, y->id);
}

void rp_history_after(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                      const rp_plan_t *plan, rp_ledger_t *out) {
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    out[k] = (rp_ledger_t){t->school, 0, -1, t->rotations, t->run_rotations, t->run_km,
                           t->rural_years, t->weak_years, -1};
  }
  for (size_t i = 0; i < plan->n_moves; i++) {
    const rp_move_t *mv = &plan->moves[i];
    rp_ledger_t *l = &out[mv->teacher];
    l->school = before->sections[mv->to_section].school;
    l->moved = 1;
    l->km = mv->km;
    l->rotations += l->rotations >= 0;
    l->run_rotations++;
    if (mv->km > 0)
      l->run_km += mv->km;
  }
  for (size_t k = 0; k < c->n_teachers; k++) {
    rp_ledger_t *l = &out[k];
    const rp_school_t *s = &c->schools[l->school];
    l->rural_years += l->rural_years >= 0 && s->area == RP_AREA_RURAL;
    l->weak_years += l->weak_years >= 0 && s->weak;
    if (l->rural_years >= 0 || l->weak_years >= 0)
      l->title_done = l->rural_years >= p->title_service_years ||
                      l->weak_years >= p->title_service_years;
  }
}

rp_status_t rp_history_advance(rp_county_t *c, const rp_policy_t *p, const rp_plan_t *plan,
                               const rp_audit_t *before) {
  rp_ledger_t *l = malloc((c->n_teachers + 1) * sizeof *l);
  if (!l)
    return RP_ENOMEM;
  rp_history_after(c, p, before, plan, l);
  for (size_t k = 0; k < c->n_teachers; k++) {
    rp_teacher_t *t = &c->teachers[k];
    t->rotations = l[k].rotations;
    t->run_rotations = l[k].run_rotations;
    t->run_km = l[k].run_km;
    t->rural_years = l[k].rural_years;
    t->weak_years = l[k].weak_years;
  }
  free(l);
  return RP_OK;
}

void rp_history_figures(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *before,
                        const rp_plan_t *plan, rp_history_figures_t *f) {
  const size_t K = (size_t)RP_LEVELS * RP_CLASSES_PER_LEVEL;
  unsigned char *moved = calloc(c->n_teachers + 1, 1);
  int *never_stays = calloc(before->n_sections * K + 1, sizeof *never_stays);
  memset(f, 0, sizeof *f);
  if (!moved || !never_stays)
    goto done;
  for (size_t i = 0; i < plan->n_moves; i++) {
    const rp_move_t *mv = &plan->moves[i];
    moved[mv->teacher] = 1;
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    if (rp_history_title_lacks(p, t)) {
      f->title_served +=
          rp_school_serves_title(&c->schools[before->sections[mv->to_section].school]);
    }
  }
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    f->title_lacking += rp_history_title_lacks(p, t);
    if (!moved[k] && rp_history_rotations(t) == 0 && rp_teacher_eligible(p, t, NULL))
      never_stays[before->section_of[t->school * 2 + t->level] * K +
                  (size_t)rp_teacher_class(p, t)]++;
  }
  for (size_t i = 0; i < plan->n_moves; i++) {
    const rp_teacher_t *t = &c->teachers[plan->moves[i].teacher];
    if (rp_history_rotations(t) > 0 &&
        never_stays[plan->moves[i].from_section * K + (size_t)rp_teacher_class(p, t)] > 0)
      f->moved_again++;
  }
done:
  free(moved);
  free(never_stays);
}
