/* Rule checks of a finished plan (see verify.h).  Deliberately written from
 * the rules in docs/model.md, not from builder.c, so that a mistake in the
 * model shows up here. */
#include "verify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BROKEN(...)                                                          \
  do {                                                                       \
    rp_diag_error(diag, NULL, 0, NULL, __VA_ARGS__);                         \
    broken++;                                                                \
  } while (0)

int rp_verify_rules(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                    const rp_plan_t *plan, rp_diag_t *diag) {
  int broken = 0;
  size_t S = a->n_sections;
  int *moved = calloc(c->n_teachers + 1, sizeof *moved);
  int *out = calloc(S + 1, sizeof *out);
  int *subj_after = calloc(S * RP_SUBJECTS + 1, sizeof *subj_after);
  int *subj_before = calloc(S * RP_SUBJECTS + 1, sizeof *subj_before);
  if (!moved || !out || !subj_after || !subj_before) {
    BROKEN("out of memory while verifying");
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
    const rp_school_t *ds = &c->schools[to->school];
    const char *why;
    if (moved[mv->teacher]++)
      BROKEN("teacher %s is moved twice", t->id);
    if (from->school != t->school || from->level != t->level)
      BROKEN("teacher %s does not teach at the section they are moved from", t->id);
    if (to->level != t->level)
      BROKEN("teacher %s moves to a %s section", t->id, rp_level_name(to->level));
    if (to->school == t->school)
      BROKEN("teacher %s moves to the school they are at", t->id);
    if (!rp_teacher_eligible(p, t, &why))
      BROKEN("eligibility: teacher %s is moved but not eligible (%s)", t->id, why);
    int is_bb = rp_teacher_is_rotation_backbone(p, t);
    bb += is_bb;
    if (is_bb && p->backbone_direction == RP_DIR_RURAL_OR_WEAK && ds->area != RP_AREA_RURAL &&
        !ds->weak)
      BROKEN("backbone_direction: backbone teacher %s moves to %s, neither rural nor weak",
             t->id, ds->id);
    double km = rp_school_km(&c->schools[t->school], ds);
    if (p->max_km > 0 && km > p->max_km + 1e-9)
      BROKEN("max_km: teacher %s moves %.1f km, more than %g", t->id, km, p->max_km);
    out[mv->from_section]++;
    subj_after[mv->from_section * RP_SUBJECTS + t->subject]--;
    subj_after[mv->to_section * RP_SUBJECTS + t->subject]++;
  }
  const rp_rotation_stats_t *r = &a->rotation;
  int n = (int)plan->n_moves;
  if (n < r->min_rotate)
    BROKEN("quota: %d teachers moved, at least %d required", n, r->min_rotate);
  if (r->max_rotate >= 0 && n > r->max_rotate)
    BROKEN("quota: %d teachers moved, at most %d allowed", n, r->max_rotate);
  if (p->backbone_base == RP_BASE_ROTATED ? bb < p->backbone_share * n - 1e-9
                                          : bb < r->min_backbone)
    BROKEN("backbone share: %d backbone among %d moved (share %.2g, minimum %d)", bb, n,
           p->backbone_share, r->min_backbone);
  if (bb != plan->moved_backbone)
    BROKEN("the plan says %d backbone moved, the list has %d", plan->moved_backbone, bb);
  for (size_t s = 0; s < S; s++) {
    int cap = (int)floor(p->max_outflow_share * a->sections[s].teachers + 1e-9);
    if (out[s] > cap)
      BROKEN("max_outflow_share: %s %s loses %d of %d teachers (at most %d)",
             c->schools[a->sections[s].school].id, rp_level_name(a->sections[s].level), out[s],
             a->sections[s].teachers, cap);
    for (int j = 0; j < RP_SUBJECTS; j++)
      if (subj_before[s * RP_SUBJECTS + j] > 0 && subj_after[s * RP_SUBJECTS + j] == 0)
        BROKEN("subject cover: %s %s is left without a %s teacher",
               c->schools[a->sections[s].school].id, rp_level_name(a->sections[s].level),
               rp_subject_name((rp_subject_t)j));
  }
done:
  free(moved);
  free(out);
  free(subj_after);
  free(subj_before);
  return broken;
}
