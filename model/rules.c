/* The rules table and the move-permission check (see rules.h). */
#include "model/rules.h"

#include <stdlib.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/curriculum.h"
#include "model/plan.h"

int rp_teacher_class(const rp_policy_t *p, const rp_teacher_t *t) {
  unsigned f = 0;
  if (rp_teacher_counts(t, RP_IND_DEGREE))
    f |= RP_CLASS_DEGREE;
  if (rp_teacher_counts(t, RP_IND_BACKBONE))
    f |= RP_CLASS_BACKBONE;
  if (rp_teacher_is_rotation_backbone(p, t))
    f |= RP_CLASS_ROT_BB;
  if (rp_teacher_counts(t, RP_IND_PE_ART))
    f |= RP_CLASS_PE_ART;
  return ((int)t->level * RP_SUBJECTS + (int)t->subject) * RP_CLASS_FLAGS + (int)f;
}

rp_level_t rp_class_level(int k) { return (rp_level_t)(k / RP_CLASSES_PER_LEVEL); }
rp_subject_t rp_class_subject(int k) { return (rp_subject_t)(k / RP_CLASS_FLAGS % RP_SUBJECTS); }
unsigned rp_class_flags(int k) { return (unsigned)(k % RP_CLASS_FLAGS); }

rp_mover_t rp_mover_of(const rp_move_ctx_t *x, size_t teacher) {
  const rp_teacher_t *t = &x->county->teachers[teacher];
  return (rp_mover_t){teacher, t->school, rp_teacher_class(x->policy, t)};
}

size_t *rp_previous_sections(const rp_move_ctx_t *x, const rp_previous_t *previous) {
  const rp_county_t *c = x->county;
  size_t *to = malloc((c->n_teachers + 1) * sizeof *to);
  for (size_t t = 0; to && t < c->n_teachers; t++)
    to[t] = RP_ANY;
  for (size_t q = 0; to && previous && q < previous->n; q++) {
    const rp_prev_move_t *m = &previous->moves[q];
    size_t d = x->audit->section_of[m->school * 2 + c->teachers[m->teacher].level];
    rp_mover_t mv = rp_mover_of(x, m->teacher);
    to[m->teacher] = d == RP_ANY || rp_move_forbidden(x, &mv, d) ? RP_PREV_REFUSED : d;
  }
  return to;
}

static const rp_school_t *dest_school(const rp_move_ctx_t *x, size_t dest) {
  return &x->county->schools[x->audit->sections[dest].school];
}

/* ---- destination: a section of the teacher's level, with students, that
 * teaches the teacher's subject (model/curriculum.h).  A subject the
 * curriculum gives no periods at the level (`other`) says nothing of where
 * its teacher is needed, so it goes to any section of the level. */

static int taught_at_level(const rp_move_ctx_t *x, rp_level_t lv, rp_subject_t j) {
  const rp_curriculum_t *cur = rp_county_curriculum(x->county);
  for (int g = rp_level_first_grade(lv); g < rp_level_end_grade(lv); g++)
    if (cur->periods[g][j] > 0)
      return 1;
  return 0;
}

static int teaches_subject(const rp_move_ctx_t *x, rp_subject_t j, size_t dest) {
  const rp_section_t *d = &x->audit->sections[dest];
  return x->audit->subjects[dest * RP_SUBJECTS + j].demand > 0 ||
         !taught_at_level(x, d->level, j);
}

static int destination_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  const rp_section_t *d = &x->audit->sections[dest];
  return d->level == rp_class_level(m->cls) && d->students > 0 &&
         teaches_subject(x, rp_class_subject(m->cls), dest);
}

const char *rp_subject_word(rp_tr_fn tr, rp_subject_t j, char *buf, size_t n) {
  if (!tr)
    return rp_subject_name(j);
  snprintf(buf, n, "subject\004%s", rp_subject_name(j));
  return tr(buf);
}

/* dest may be SIZE_MAX: the school has no section of the level at all. */
static void destination_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                            rp_tr_fn tr, char *buf, size_t n) {
  const char *lv = RP_TR(tr, rp_level_name(rp_class_level(m->cls)));
  char word[64];
  if (dest == SIZE_MAX || x->audit->sections[dest].students == 0)
    snprintf(buf, n, RP_TR(tr, "it has no %s section with students"), lv);
  else
    snprintf(buf, n,
             RP_TR(tr, "its %s section does not teach %s (no periods in the curriculum)"), lv,
             rp_subject_word(tr, rp_class_subject(m->cls), word, sizeof word));
}

/* ---- other_school: nobody is sent to the school they are at ------------- */

static int other_school_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  return x->audit->sections[dest].school != m->school;
}

static void other_school_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                             rp_tr_fn tr, char *buf, size_t n) {
  (void)x;
  (void)m;
  (void)dest;
  snprintf(buf, n, RP_TR(tr, "it is the school they are at"));
}

/* ---- rules on sections and the county: rows of the builder ------------- */

static void relax_outflow(rp_policy_t *p) { p->max_outflow_share = 1; }
static void relax_overstaff(rp_policy_t *p) { p->overstaff_share = 100; }
static int subject_cover_in_force(const rp_policy_t *p) { return p->subject_cover != RP_COVER_OFF; }
static void relax_subject_cover(rp_policy_t *p) { p->subject_cover = RP_COVER_OFF; }
static int quota_scope_in_force(const rp_policy_t *p) { return p->quota_scope == RP_SCOPE_SCHOOL; }
static void relax_quota_scope(rp_policy_t *p) { p->quota_scope = RP_SCOPE_COUNTY; }

/* ---- backbone_direction: backbone teachers go to rural or weak schools -- */

static int backbone_direction_in_force(const rp_policy_t *p) {
  return p->backbone_direction == RP_DIR_RURAL_OR_WEAK;
}
static void relax_backbone_direction(rp_policy_t *p) { p->backbone_direction = RP_DIR_ANY; }

static int backbone_direction_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  const rp_school_t *d = dest_school(x, dest);
  return !(rp_class_flags(m->cls) & RP_CLASS_ROT_BB) || d->area == RP_AREA_RURAL ||
         d->weak;
}

static void backbone_direction_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                                   rp_tr_fn tr, char *buf, size_t n) {
  (void)x;
  (void)m;
  (void)dest;
  snprintf(buf, n,
           RP_TR(tr, "backbone teachers move only to rural or weak schools, and it is neither"));
}

/* ---- max_km: no farther than max_km ------------------------------------- */

static int max_km_in_force(const rp_policy_t *p) { return p->max_km > 0; }
static void relax_max_km(rp_policy_t *p) { p->max_km = 0; }

static double move_km(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  return rp_school_km(&x->county->schools[m->school], dest_school(x, dest));
}

static int max_km_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  return move_km(x, m, dest) <= x->policy->max_km;
}

static void max_km_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                       rp_tr_fn tr, char *buf, size_t n) {
  snprintf(buf, n, RP_TR(tr, "it is %.1f km away, beyond max_km = %g"), move_km(x, m, dest),
           x->policy->max_km);
}

/* ---- move_scope: within the school's group (集团/学区) ------------------ */

static int move_scope_in_force(const rp_policy_t *p) { return p->move_scope == RP_MOVE_GROUP; }
static void relax_move_scope(rp_policy_t *p) { p->move_scope = RP_MOVE_COUNTY; }

static int move_scope_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  const char *from = x->county->schools[m->school].group, *to = dest_school(x, dest)->group;
  return from[0] && strcmp(from, to) == 0;
}

static void move_scope_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                           rp_tr_fn tr, char *buf, size_t n) {
  const char *from = x->county->schools[m->school].group, *to = dest_school(x, dest)->group;
  if (!from[0])
    snprintf(buf, n, RP_TR(tr, "their school belongs to no group (move_scope = group)"));
  else if (!to[0])
    snprintf(buf, n,
             RP_TR(tr, "it belongs to no group, and they are in group \"%s\" (move_scope = group)"),
             from);
  else
    snprintf(buf, n,
             RP_TR(tr, "it is in group \"%s\", and they are in group \"%s\" (move_scope = "
                       "group)"),
             to, from);
}

/* ---- min_toward_share: the share of moves toward rural or weak schools --
 * A county row of the builder over the route flows (toward_share), so the
 * rule is routed: only flows know where a move starts and ends. */

static int min_toward_in_force(const rp_policy_t *p) { return p->min_toward_share > 0; }
static void relax_min_toward(rp_policy_t *p) { p->min_toward_share = 0; }

/* ---- not_to: the planner's pins ------------------------------------------ */

static int not_to_allows(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  size_t school = x->audit->sections[dest].school;
  for (size_t i = 0; i < x->n_pins; i++)
    if (x->pins[i].teacher == m->teacher && x->pins[i].action == RP_PIN_NOT_TO &&
        x->pins[i].school == school)
      return 0;
  return 1;
}

static void not_to_why(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest,
                       rp_tr_fn tr, char *buf, size_t n) {
  (void)x;
  (void)m;
  (void)dest;
  snprintf(buf, n, RP_TR(tr, "they are pinned not to go there"));
}

/* The table, in the order the diagnosis relaxes the rules (docs/model.md,
 * "Which rule is in the way") and a breach is reported. */
const rp_rule_t rp_rules[] = {
    {"destination", NULL, NULL, NULL, NULL, RP_NEEDS_CLASS, destination_allows,
     destination_why, 0},
    {"other_school", NULL, NULL, NULL, NULL, RP_NEEDS_ROUTE, other_school_allows,
     other_school_why, 0 /* the pooled model's self rows hold it */},
    {"max_outflow_share", "max_outflow_share", NULL, relax_outflow, "max_outflow_share = 1",
     RP_NEEDS_CLASS, NULL, NULL, 0},
    {"overstaff_share", "overstaff_share", NULL, relax_overstaff, "overstaff_share = 100",
     RP_NEEDS_CLASS, NULL, NULL, 0},
    {"subject_cover", "subject_cover", subject_cover_in_force, relax_subject_cover,
     "subject_cover = off", RP_NEEDS_CLASS, NULL, NULL, 0},
    {"backbone_direction", "backbone_direction", backbone_direction_in_force,
     relax_backbone_direction, "backbone_direction = any", RP_NEEDS_CLASS,
     backbone_direction_allows, backbone_direction_why, 0},
    {"max_km", "max_km", max_km_in_force, relax_max_km, "max_km = 0", RP_NEEDS_ROUTE,
     max_km_allows, max_km_why, 1},
    {"quota_scope", "quota_scope", quota_scope_in_force, relax_quota_scope,
     "quota_scope = county", RP_NEEDS_CLASS, NULL, NULL, 0},
    {"move_scope", "move_scope", move_scope_in_force, relax_move_scope, "move_scope = county",
     RP_NEEDS_ROUTE, move_scope_allows, move_scope_why, 1},
    {"min_toward_share", "min_toward_share", min_toward_in_force, relax_min_toward,
     "min_toward_share = 0", RP_NEEDS_ROUTE, NULL, NULL, 1 /* toward_share is on flows */},
    {"not_to", NULL, NULL, NULL, NULL, RP_NEEDS_TEACHER, not_to_allows, not_to_why, 0},
};
const size_t rp_n_rules = sizeof rp_rules / sizeof rp_rules[0];

int rp_pin_refused_ineligible(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pin,
                              rp_diag_t *diag) {
  const rp_teacher_t *t = &c->teachers[pin->teacher];
  const char *why = NULL;
  if ((pin->action != RP_PIN_MOVE && pin->action != RP_PIN_TO) || rp_teacher_eligible(p, t, &why))
    return 0;
  rp_diag_error(diag, pin->file, pin->line, "action",
                "teacher \"%s\" is pinned to move but is not eligible (%s)", t->id, why);
  return 1;
}

int rp_rule_in_force(const rp_rule_t *r, const rp_policy_t *p) {
  return !r->in_force || r->in_force(p);
}

const rp_rule_t *rp_move_forbidden(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest) {
  for (size_t i = 0; i < rp_n_rules; i++) {
    const rp_rule_t *r = &rp_rules[i];
    if (!r->allows || !rp_rule_in_force(r, x->policy))
      continue;
    if ((r->needs == RP_NEEDS_ROUTE && m->school == RP_ANY) ||
        (r->needs == RP_NEEDS_TEACHER && m->teacher == RP_ANY))
      continue;
    if (!r->allows(x, m, dest))
      return r;
  }
  return NULL;
}

int rp_rules_need_routes(const rp_policy_t *p) {
  for (size_t i = 0; i < rp_n_rules; i++)
    if (rp_rules[i].routed && rp_rule_in_force(&rp_rules[i], p))
      return 1;
  return 0;
}

void rp_rules_in_force(const rp_policy_t *p, char *buf, size_t n) {
  size_t len = strlen(buf);
  for (size_t i = 0; i < rp_n_rules && len < n; i++) {
    const rp_rule_t *r = &rp_rules[i];
    if (r->key && rp_rule_in_force(r, p)) {
      snprintf(buf + len, n - len, ", %s", r->name);
      len += strlen(buf + len);
    }
  }
}

const rp_rule_t *rp_move_forbidden_to_school(const rp_move_ctx_t *x, const rp_mover_t *m,
                                             size_t school, size_t *section, char *why,
                                             size_t n) {
  size_t d = x->audit->section_of[school * 2 + (size_t)rp_class_level(m->cls)];
  /* rp_rules[0] is the destination rule: no section of the level at all */
  const rp_rule_t *no = d == SIZE_MAX ? &rp_rules[0] : rp_move_forbidden(x, m, d);
  *section = d;
  if (no)
    no->why(x, m, d, NULL, why, n);
  return no;
}
