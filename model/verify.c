/* Rule checks of a finished plan (see verify.h).  Deliberately written from
 * the rules in docs/model.md, not from builder.c, so that a mistake in the
 * model shows up here.  Where a teacher may go is checked against every
 * move rule of the rules table (model/rules.c), the same table the builder
 * reads, but here move by move on the written list. */
#include "model/verify.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/principals.h"
#include "model/rules.h"

/* One broken rule, in the words of tr (the English format's translation). */
#define BROKEN(fmt, ...)                                                     \
  do {                                                                       \
    rp_diag_error(diag, NULL, 0, NULL, RP_TR(tr, fmt), __VA_ARGS__);         \
    broken++;                                                                \
  } while (0)

/* Every move rule of model/rules.c that the move breaks, one line each:
 * "max_km: teacher T1 moves to S2, but it is 31.0 km away, beyond max_km =
 * 20".  Returns the number of rules broken. */
static int check_move_rules(const rp_move_ctx_t *x, const rp_move_t *mv, rp_tr_fn tr,
                            rp_diag_t *diag) {
  const rp_teacher_t *t = &x->county->teachers[mv->teacher];
  const rp_school_t *ds = &x->county->schools[x->audit->sections[mv->to_section].school];
  const rp_mover_t m = rp_mover_of(x, mv->teacher);
  int broken = 0;
  for (size_t i = 0; i < rp_n_rules; i++) {
    const rp_rule_t *r = &rp_rules[i];
    if (!r->allows || !rp_rule_in_force(r, x->policy) || r->allows(x, &m, mv->to_section))
      continue;
    char why[256];
    r->why(x, &m, mv->to_section, tr, why, sizeof why);
    BROKEN("%s: teacher %s moves to %s, but %s", r->name, t->id, ds->id, why);
  }
  return broken;
}

/* fairness = once_before_twice (docs/model.md, "Who goes where"): within
 * the eligible teachers of one section and class (those the model's counts
 * make interchangeable), not pinned to stay, no teacher moves while one
 * with fewer rotations so far stays, unless a `move` or `to` pin moves
 * them.  Read here from the rosters and the list alone: the teachers
 * compared pairwise, one line per mover. */
static int check_fairness(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                          const int *moved, const rp_pin_t *pins, size_t n_pins, rp_tr_fn tr,
                          rp_diag_t *diag) {
  int broken = 0;
  unsigned char *pin = calloc(c->n_teachers + 1, 1); /* 1 stay, 2 move or to */
  if (!pin) {
    BROKEN("%s", "out of memory while verifying");
    return broken;
  }
  for (size_t i = 0; i < n_pins; i++)
    pin[pins[i].teacher] = pins[i].action == RP_PIN_STAY ? 1
                           : pins[i].action == RP_PIN_MOVE || pins[i].action == RP_PIN_TO ? 2
                                                                                           : pin[pins[i].teacher];
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    if (!moved[k] || pin[k] == 2)
      continue;
    size_t s = a->section_of[t->school * 2 + t->level];
    int cls = rp_teacher_class(p, t), rot = rp_history_rotations(t);
    const rp_teacher_t *fewer = NULL;
    for (size_t j = 0; j < c->n_teachers && !fewer; j++) {
      const rp_teacher_t *u = &c->teachers[j];
      if (moved[j] || pin[j] == 1 || a->section_of[u->school * 2 + u->level] != s ||
          rp_teacher_class(p, u) != cls || !rp_teacher_eligible(p, u, NULL))
        continue;
      if (rp_history_rotations(u) < rot)
        fewer = u;
    }
    if (fewer)
      BROKEN("fairness: teacher %s moves with %d rotations so far while %s, interchangeable, "
             "stays with %d (everyone once before anyone twice)",
             t->id, rot, fewer->id, rp_history_rotations(fewer));
  }
  free(pin);
  return broken;
}

int rp_verify_rules(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                    const rp_plan_t *plan, const rp_pin_t *pins, size_t n_pins,
                    rp_tr_fn tr, rp_diag_t *diag) {
  int broken = 0;
  const rp_move_ctx_t rules = {c, p, a, pins, n_pins};
  size_t S = a->n_sections;
  int *moved = calloc(c->n_teachers + 1, sizeof *moved);
  int *out = calloc(S + 1, sizeof *out);
  int *subj_after = calloc(S * RP_SUBJECTS + 1, sizeof *subj_after);
  int *subj_before = calloc(S * RP_SUBJECTS + 1, sizeof *subj_before);
  int *subj_left = calloc(S * RP_SUBJECTS + 1, sizeof *subj_left);
  int *in = calloc(S + 1, sizeof *in);
  size_t *dest = malloc((c->n_teachers + 1) * sizeof *dest); /* school moved to */
  if (!moved || !out || !subj_after || !subj_before || !subj_left || !in || !dest) {
    BROKEN("%s", "out of memory while verifying");
    goto done;
  }
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    size_t s = a->section_of[t->school * 2 + t->level];
    subj_before[s * RP_SUBJECTS + t->subject]++;
    subj_after[s * RP_SUBJECTS + t->subject]++;
  }
  int bb = 0;
  for (size_t k = 0; k < plan->n_moves; k++) {
    const rp_move_t *mv = &plan->moves[k];
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    const rp_section_t *from = &a->sections[mv->from_section], *to = &a->sections[mv->to_section];
    const char *why;
    if (moved[mv->teacher]++)
      BROKEN("teacher %s is moved twice", t->id);
    if (from->school != t->school || from->level != t->level)
      BROKEN("teacher %s does not teach at the section they are moved from", t->id);
    if (!rp_teacher_eligible(p, t, &why))
      BROKEN("eligibility: teacher %s is moved but not eligible (%s)", t->id, why);
    broken += check_move_rules(&rules, mv, tr, diag);
    bb += rp_teacher_is_rotation_backbone(p, t);
    out[mv->from_section]++;
    in[mv->to_section]++;
    dest[mv->teacher] = to->school;
    subj_after[mv->from_section * RP_SUBJECTS + t->subject]--;
    subj_left[mv->from_section * RP_SUBJECTS + t->subject]++;
    subj_after[mv->to_section * RP_SUBJECTS + t->subject]++;
  }
  const rp_rotation_stats_t *r = &a->rotation;
  int n = (int)plan->n_moves;
  if (n < r->min_rotate)
    BROKEN("quota: %d teachers moved, at least %d required", n, r->min_rotate);
  if (r->max_rotate >= 0 && n > r->max_rotate)
    BROKEN("quota: %d teachers moved, at most %d allowed", n, r->max_rotate);
  int bb_min = rp_backbone_minimum(p, r, n);
  /* backbone_reach: the year plans with the largest backbone share it can
   * reach (docs/model.md, "Years planned together"); below the share is
   * said, not a break (what the other rules let it reach is the model's). */
  if (bb < bb_min && p->backbone_reach)
    rp_diag_warn(diag, NULL, 0, NULL,
                 RP_TR(tr, "backbone share: %d backbone among %d moved (share %.2g, minimum "
                           "%d): below it, as backbone_reach = yes allows"),
                 bb, n, p->backbone_share, bb_min);
  else if (bb < bb_min)
    BROKEN("backbone share: %d backbone among %d moved (share %.2g, minimum %d)", bb, n,
           p->backbone_share, bb_min);
  /* min_toward_share: moves toward rural or weak schools (rp_move_direction) */
  int dirs[RP_MOVE_DIRS];
  int toward = rp_plan_directions(c, a, plan, dirs);
  if (p->min_toward_share > 0 && toward < p->min_toward_share * n - 1e-9)
    BROKEN("min_toward_share: %d of %d moves go toward rural or weak schools, at least %.3g of "
           "them must",
           toward, n, p->min_toward_share);
  if (bb != plan->moved_backbone)
    BROKEN("the plan says %d backbone moved, the list has %d", plan->moved_backbone, bb);
  /* Pins: stay, move, to (not_to is a move rule, above). */
  for (size_t i = 0; i < n_pins; i++) {
    const rp_pin_t *pin = &pins[i];
    const char *id = c->teachers[pin->teacher].id;
    int m = moved[pin->teacher] > 0;
    if (pin->action == RP_PIN_STAY && m)
      BROKEN("pins: teacher %s is pinned to stay but moves", id);
    if ((pin->action == RP_PIN_MOVE || pin->action == RP_PIN_TO) && !m)
      BROKEN("pins: teacher %s is pinned to move but stays", id);
    if (pin->action == RP_PIN_TO && m && dest[pin->teacher] != pin->school)
      BROKEN("pins: teacher %s is pinned to %s but moves to %s", id, c->schools[pin->school].id,
             c->schools[dest[pin->teacher]].id);
  }
  /* quota_scope = school: each urban or town school that is not weak sends
   * its own share of its eligible teachers (those not pinned to stay). */
  if (p->quota_scope == RP_SCOPE_SCHOOL)
    for (size_t i = 0; i < c->n_schools; i++) {
      const rp_school_t *sc = &c->schools[i];
      if (sc->area == RP_AREA_RURAL || sc->weak)
        continue;
      int el = 0, sent = 0;
      for (size_t k = 0; k < c->n_teachers; k++) {
        const rp_teacher_t *t = &c->teachers[k];
        if (t->school != i || !rp_teacher_eligible(p, t, NULL))
          continue;
        int stay = 0;
        for (size_t q = 0; q < n_pins; q++)
          stay |= pins[q].teacher == k && pins[q].action == RP_PIN_STAY;
        el += !stay;
        sent += moved[k] > 0;
      }
      int need = (int)ceil(p->quota_share * el - 1e-9);
      if (sent < need)
        BROKEN("quota_scope school: %s sends %d of its %d eligible teachers, at least %d",
               sc->id, sent, el, need);
    }
  for (size_t s = 0; s < S; s++) {
    const rp_section_t *sec = &a->sections[s];
    const char *sid = c->schools[sec->school].id, *lv = RP_TR(tr, rp_level_name(sec->level));
    int gap = sec->required_staff - sec->teachers - sec->other_staff;
    int gain_cap = (gap > 0 ? gap : 0) + (int)floor(p->overstaff_share * sec->teachers + 1e-9);
    if (in[s] - out[s] > gain_cap)
      BROKEN("overstaff_share: %s %s gains %d teachers net, at most %d",
             sid, lv, in[s] - out[s], gain_cap);
    int cap = rp_section_outflow_cap(p, &a->sections[s]);
    if (out[s] > cap)
      BROKEN("max_outflow_share: %s %s loses %d of %d teachers (at most %d)",
             sid, lv, out[s], sec->teachers, cap);
    /* subject_cover: the teachers of each subject kept, up to the whole
     * part of the demand and at least one; strong: by departures alone. */
    for (int j = 0; j < RP_SUBJECTS; j++) {
      char word[64];
      size_t idx = s * RP_SUBJECTS + (size_t)j;
      int keep = rp_subject_keep(p, a, s, (rp_subject_t)j);
      int kept = rp_subject_kept(p, subj_before[idx], subj_left[idx], subj_after[idx]);
      if (kept < keep)
        BROKEN("subject_cover: %s %s keeps %d of its %d %s teachers%s, fewer than the %d it "
               "must keep (the whole part of its demand %.2f, at least one)",
               sid, lv, kept, subj_before[idx],
               rp_subject_word(tr, (rp_subject_t)j, word, sizeof word),
               p->subject_cover == RP_COVER_STRONG ? RP_TR(tr, " by departures alone") : "", keep,
               a->subjects[idx].demand);
    }
  }
  if (p->fairness == RP_FAIRNESS_ONCE_BEFORE_TWICE)
    broken += check_fairness(c, p, a, moved, pins, n_pins, tr, diag);
done:
  free(moved);
  free(out);
  free(subj_after);
  free(subj_before);
  free(subj_left);
  free(in);
  free(dest);
  return broken;
}

/* ---- the principals' exchange -------------------------------------------- */

int rp_verify_principals(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                         const rp_plan_t *plan, rp_tr_fn tr, rp_diag_t *diag) {
  int broken = 0;
  const rp_principals_t *pr = plan->principals;
  if (!pr)
    return 0;
  int *before = calloc(c->n_schools + 1, sizeof *before);
  int *after = calloc(c->n_schools + 1, sizeof *after);
  int *moved = calloc(c->n_teachers + 1, sizeof *moved);
  if (!before || !after || !moved) {
    BROKEN("%s", "out of memory while verifying");
    goto done;
  }
  for (size_t k = 0; k < c->n_teachers; k++)
    if (c->teachers[k].role == RP_ROLE_PRINCIPAL)
      before[c->teachers[k].school]++, after[c->teachers[k].school]++;
  const rp_move_ctx_t x = {c, p, a, NULL, 0};
  for (size_t k = 0; k < pr->n; k++) {
    const rp_principal_move_t *m = &pr->moves[k];
    const rp_teacher_t *t = &c->teachers[m->teacher];
    const rp_school_t *from = &c->schools[m->from], *to = &c->schools[m->to];
    if (moved[m->teacher]++)
      BROKEN("principal %s is exchanged twice", t->id);
    if (t->role != RP_ROLE_PRINCIPAL)
      BROKEN("principal_exchange: %s is exchanged but is not a principal", t->id);
    else if (t->exempt && t->exempt[0])
      BROKEN("principal_exchange: principal %s is exchanged but exempt (%s)", t->id, t->exempt);
    if (p->plan_year - t->school_since < p->principal_min_years)
      BROKEN("principal_min_years: principal %s has led %s for %d years, fewer than "
             "principal_min_years = %d",
             t->id, from->id, p->plan_year - t->school_since, p->principal_min_years);
    if (m->to == m->from)
      BROKEN("principal_home: principal %s stays at %s", t->id, from->id);
    if (rp_school_kind(from) != rp_school_kind(to))
      BROKEN("principal_same_kind: principal %s goes from %s (%s) to %s (%s)", t->id, from->id,
             RP_TR(tr, rp_school_kind_name(rp_school_kind(from))), to->id,
             RP_TR(tr, rp_school_kind_name(rp_school_kind(to))));
    /* The move rules on a move between schools, from the rules table. */
    size_t d = a->section_of[m->to * 2 + t->level];
    const rp_mover_t mv = rp_mover_of(&x, m->teacher);
    for (size_t i = 0; d != SIZE_MAX && i < rp_n_rules; i++) {
      const rp_rule_t *r = &rp_rules[i];
      if (!r->allows || r->needs != RP_NEEDS_ROUTE || !rp_rule_in_force(r, p) ||
          r->allows(&x, &mv, d))
        continue;
      char why[256];
      r->why(&x, &mv, d, tr, why, sizeof why);
      BROKEN("%s: principal %s goes to %s, but %s", r->name, t->id, to->id, why);
    }
    after[m->from]--;
    after[m->to]++;
  }
  for (size_t s = 0; s < c->n_schools; s++)
    if (after[s] != before[s])
      BROKEN("principal_one: school %s has %d principals after the exchange, %d before",
             c->schools[s].id, after[s], before[s]);
done:
  free(before);
  free(after);
  free(moved);
  return broken;
}
