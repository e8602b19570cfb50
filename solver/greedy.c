/* The greedy baseline (see greedy.h). */
#include "solver/greedy.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "solver/assign.h"

static const rp_county_t *g_c;
static const rp_policy_t *g_p;
/* model/history.h's order: fairness and priority when on, then years at
 * the school, teacher id.  The baseline knows no title applicants. */
static int by_service(const void *x, const void *y) {
  return rp_history_order_cmp(g_p, &g_c->teachers[*(const size_t *)x],
                              &g_c->teachers[*(const size_t *)y]);
}

typedef struct {
  int *out, *gain_cap; /* per section */
  int *subj, *left, *subj_gap; /* per section x subject: teachers now, departures, gap now */
  int *gap;                   /* per section x 4: staff, degree, backbone, pe_art */
} state_t;

/* How much teacher t would help section d now: whole teachers of gap closed,
 * weighted so that targets and the subject's gap count before plain
 * staffing. */
static int need_score(const state_t *s, size_t d, const rp_teacher_t *t) {
  const int *g = &s->gap[d * 4];
  int score = g[0] > 0 ? 1 : 0;
  for (int i = 0; i < RP_INDICATORS; i++)
    if (g[1 + i] > 0 && rp_teacher_counts(t, (rp_indicator_t)i))
      score += 2;
  if (s->subj_gap[d * RP_SUBJECTS + t->subject] > 0)
    score += 2;
  return score;
}

/* subject_cover: may one more teacher of subject j leave section o?  The
 * weak form counts the subject's arrivals so far, the strong form only its
 * departures (model/plan.h, rp_subject_keep). */
static int subject_may_leave(const state_t *s, const rp_policy_t *p, const rp_audit_t *a,
                             size_t o, rp_subject_t j) {
  size_t idx = o * RP_SUBJECTS + j;
  return rp_subject_kept(p, a->subjects[idx].teachers, s->left[idx], s->subj[idx]) - 1 >=
         rp_subject_keep(p, a, o, j);
}

rp_status_t rp_greedy_plan(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                           const rp_pin_t *pins, size_t n_pins, rp_plan_t **out,
                           rp_diag_t *diag) {
  const size_t S = a->n_sections;
  rp_status_t st = RP_ENOMEM;
  state_t s = {0};
  size_t *pool = NULL, np = 0;
  char *stay = NULL;
  size_t *pin_to = NULL; /* per teacher: pinned school, SIZE_MAX when none */
  int *school_need = NULL, *school_sent = NULL;
  rp_plan_t *plan = calloc(1, sizeof *plan);
  *out = NULL;
  s.out = calloc(S + 1, sizeof *s.out);
  s.gain_cap = calloc(S + 1, sizeof *s.gain_cap);
  s.subj = calloc(S * RP_SUBJECTS + 1, sizeof *s.subj);
  s.left = calloc(S * RP_SUBJECTS + 1, sizeof *s.left);
  s.subj_gap = calloc(S * RP_SUBJECTS + 1, sizeof *s.subj_gap);
  s.gap = calloc(S * 4 + 1, sizeof *s.gap);
  pool = malloc((c->n_teachers + 1) * sizeof *pool);
  stay = calloc(c->n_teachers + 1, 1);
  pin_to = malloc((c->n_teachers + 1) * sizeof *pin_to);
  if (!plan || !pin_to || !s.out || !s.gain_cap || !s.subj || !s.left || !s.subj_gap || !s.gap ||
      !pool || !stay || !(plan->moves = malloc((c->n_teachers + 1) * sizeof *plan->moves)))
    goto done;
  for (size_t k = 0; k < c->n_teachers; k++)
    pin_to[k] = SIZE_MAX;
  for (size_t i = 0; i < n_pins; i++) {
    if (pins[i].action == RP_PIN_STAY)
      stay[pins[i].teacher] = 1;
    else if (pins[i].action == RP_PIN_MOVE)
      stay[pins[i].teacher] = 2; /* must move, anywhere */
    else if (pins[i].action == RP_PIN_TO) {
      stay[pins[i].teacher] = 2;
      pin_to[pins[i].teacher] = pins[i].school;
    }
  }
  for (size_t k = 0; k < S; k++) {
    const rp_section_t *sec = &a->sections[k];
    int gap = sec->required_staff - sec->teachers - sec->other_staff;
    s.gain_cap[k] = (gap > 0 ? gap : 0) + (int)floor(p->overstaff_share * sec->teachers + 1e-9);
    s.gap[k * 4] = rp_section_staff_gap(sec);
    for (int i = 0; i < RP_INDICATORS; i++)
      s.gap[k * 4 + 1 + i] = rp_section_gap(sec, (rp_indicator_t)i);
    for (int j = 0; j < RP_SUBJECTS; j++)
      s.subj_gap[k * RP_SUBJECTS + (size_t)j] = rp_subject_gap(a, k, (rp_subject_t)j);
  }
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    s.subj[a->section_of[t->school * 2 + t->level] * RP_SUBJECTS + t->subject]++;
    if (stay[k] != 1 && rp_teacher_eligible(p, t, NULL))
      pool[np++] = k;
  }
  g_c = c;
  g_p = p;
  qsort(pool, np, sizeof *pool, by_service);
  const rp_rotation_stats_t *r = &a->rotation;
  if ((st = rp_quota_check(p, r, diag)) != RP_OK)
    goto done;
  st = RP_ENOMEM;
  const rp_move_ctx_t rules = {c, p, a, pins, n_pins}; /* where a teacher may go */
  int moved = 0, bb = 0;
  /* quota_scope = school: what each urban or town school that is not weak
   * must send itself (its eligible teachers not pinned to stay). */
  school_need = calloc(c->n_schools + 1, sizeof *school_need);
  school_sent = calloc(c->n_schools + 1, sizeof *school_sent);
  if (!school_need || !school_sent)
    goto done;
  if (p->quota_scope == RP_SCOPE_SCHOOL) {
    for (size_t q = 0; q < np; q++)
      school_need[c->teachers[pool[q]].school]++;
    for (size_t i = 0; i < c->n_schools; i++) {
      const rp_school_t *sc = &c->schools[i];
      school_need[i] = sc->area == RP_AREA_RURAL || sc->weak
                           ? 0
                           : (int)ceil(p->quota_share * school_need[i] - 1e-9);
    }
  }
  /* Passes: -1 pinned teachers; 0 each school's own share (quota_scope =
   * school); 1 backbone teachers until the backbone minimum (or share of the
   * quota) is met; 2 anyone until the quota is met. */
  for (int pass = -1; pass < 3; pass++) {
    for (size_t q = 0; q < np; q++) {
      size_t k = pool[q];
      if (k == SIZE_MAX)
        continue;
      const rp_teacher_t *t = &c->teachers[k];
      int is_bb = rp_teacher_is_rotation_backbone(p, t);
      int bb_need = rp_backbone_minimum(p, r, moved > r->min_rotate ? moved : r->min_rotate);
      if ((pass == -1) != (stay[k] == 2))
        continue;
      if (pass >= 0 && r->max_rotate >= 0 && moved >= r->max_rotate)
        break;
      if (pass == 0 && school_sent[t->school] >= school_need[t->school])
        continue;
      if (pass == 1 && (!is_bb || bb >= bb_need))
        continue;
      if (pass == 2 && moved >= r->min_rotate)
        break;
      if (pass == 2 && !is_bb && p->backbone_base == RP_BASE_ROTATED &&
          bb < p->backbone_share * (moved + 1) - 1e-9)
        continue; /* one more plain move would break the backbone share */
      size_t o = a->section_of[t->school * 2 + t->level];
      int cap = rp_section_outflow_cap(p, &a->sections[o]);
      if (s.out[o] >= cap || !subject_may_leave(&s, p, a, o, t->subject))
        continue;
      /* The neediest section the rules allow: most gap closed, then the
       * largest staffing gap, then the nearest, then the first listed. */
      const rp_mover_t mover = rp_mover_of(&rules, k);
      size_t best = SIZE_MAX;
      int best_score = -1, best_gap = -1;
      double best_km = 0;
      for (size_t d = 0; d < S; d++) {
        const rp_section_t *sd = &a->sections[d];
        if (s.gain_cap[d] <= 0 || (pin_to[k] != SIZE_MAX && sd->school != pin_to[k]) ||
            rp_move_forbidden(&rules, &mover, d))
          continue;
        double km = rp_school_km(&c->schools[t->school], &c->schools[sd->school]);
        int score = need_score(&s, d, t), g = s.gap[d * 4];
        if (score > best_score || (score == best_score && g > best_gap) ||
            (score == best_score && g == best_gap && km < best_km)) {
          best = d;
          best_score = score;
          best_gap = g;
          best_km = km;
        }
      }
      if (best == SIZE_MAX)
        continue;
      int *g = &s.gap[best * 4];
      if (g[0] > 0)
        g[0]--;
      for (int i = 0; i < RP_INDICATORS; i++)
        if (g[1 + i] > 0 && rp_teacher_counts(t, (rp_indicator_t)i))
          g[1 + i]--;
      s.gain_cap[best]--;
      s.gain_cap[o]++;
      s.out[o]++;
      s.subj[o * RP_SUBJECTS + t->subject]--;
      s.left[o * RP_SUBJECTS + t->subject]++;
      s.subj[best * RP_SUBJECTS + t->subject]++;
      if (s.subj_gap[best * RP_SUBJECTS + t->subject] > 0)
        s.subj_gap[best * RP_SUBJECTS + t->subject]--;
      plan->moves[plan->n_moves++] = (rp_move_t){
          k, o, best, rp_school_km(&c->schools[t->school], &c->schools[a->sections[best].school]),
          NULL};
      moved++;
      bb += is_bb;
      school_sent[t->school]++;
      pool[q] = SIZE_MAX;
    }
    if (pass == -1)
      for (size_t q = 0; q < np; q++)
        if (pool[q] != SIZE_MAX && stay[pool[q]] == 2) {
          rp_diag_error(diag, NULL, 0, NULL,
                        "greedy: pinned teacher \"%s\" cannot be placed within the rules "
                        "(outflow cap, subject cover, destination); use --method milp",
                        c->teachers[pool[q]].id);
          st = RP_EINFEASIBLE;
        }
    if (st == RP_EINFEASIBLE)
      goto done;
  }
  /* Pinned teachers who are not eligible never entered the pool. */
  for (size_t i = 0; i < n_pins; i++)
    if (rp_pin_refused_ineligible(c, p, &pins[i], diag))
      st = RP_EINFEASIBLE;
  if (st == RP_EINFEASIBLE)
    goto done;
  for (size_t i = 0; i < c->n_schools; i++)
    if (school_sent[i] < school_need[i]) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "greedy: school %s sends %d of the %d its own quota needs (quota_scope = "
                    "school); use --method milp", c->schools[i].id, school_sent[i], school_need[i]);
      st = RP_EINFEASIBLE;
    }
  if (st == RP_EINFEASIBLE)
    goto done;
  plan->moved_backbone = bb;
  if (r->max_rotate >= 0 && moved > r->max_rotate) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "greedy: the pins alone move %d teachers, more than quota_max_share allows "
                  "(%d)", moved, r->max_rotate);
    st = RP_EINFEASIBLE;
    goto done;
  }
  int bb_need = rp_backbone_minimum(p, r, moved);
  if (moved < r->min_rotate || bb < bb_need) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "greedy: the rule of thumb found %d moves (%d backbone) but the quota needs "
                  "%d (%d backbone) within the rules; use --method milp",
                  moved, bb, r->min_rotate, bb_need);
    st = RP_EINFEASIBLE;
    goto done;
  }
  rp_plan_sort(c, plan);
  rp_plan_explain(c, a, plan);
  plan->method = "greedy";
  plan->status = "rule of thumb (no optimality claim)";
  *out = plan;
  plan = NULL;
  st = RP_OK;
done:
  rp_plan_free(plan);
  free(s.out);
  free(s.gain_cap);
  free(s.subj);
  free(s.left);
  free(s.subj_gap);
  free(s.gap);
  free(pool);
  free(stay);
  free(pin_to);
  free(school_need);
  free(school_sent);
  return st;
}
