/* The tables of a plan (see plan_sheets.h). */
#include "io/plan_sheets.h"

#include "model/history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/choice.h"
#include "model/principals.h"
#include "model/rules.h"

static rp_sheet_t *done(rp_sheet_t *s) {
  if (s && s->failed) {
    rp_sheet_free(s);
    return NULL;
  }
  return s;
}

/* A class's flags in words: "degree above the required one, not backbone". */
static void class_words(rp_lang_t l, int cls, char *buf, size_t n) {
  unsigned f = rp_class_flags(cls);
  const char *deg = f & RP_CLASS_DEGREE ? "degree above the required one"
                                        : "degree not above the required one";
  const char *bb = f & RP_CLASS_BACKBONE ? "county-level backbone or above"
                   : f & RP_CLASS_ROT_BB ? "backbone below county level"
                                         : "not a county-level backbone";
  rp_fmt(buf, n, rp_tr(l, "%s, %s"), rp_tr(l, deg), rp_tr(l, bb));
}

/* The last part of a path: "pins.csv". */
static const char *base_name(const char *path) {
  const char *s = path ? strrchr(path, '/') : NULL;
  return s ? s + 1 : path ? path : "";
}

void rp_choice_text(rp_lang_t l, const rp_plan_view_t *v, size_t move, char *buf, size_t n) {
  const rp_county_t *c = v->county;
  const rp_move_t *mv = &v->plan->moves[move];
  const rp_teacher_t *t = &c->teachers[mv->teacher];
  const rp_choice_t *w = v->plan->why ? &v->plan->why[move] : NULL;
  const char *school = c->schools[t->school].name;
  const char *dest = c->schools[v->before->sections[mv->to_section].school].name;
  char cw[160];
  size_t len = 0;
  buf[0] = '\0';
  if (!w || w->kind == RP_CHOICE_NONE)
    return;
  class_words(l, rp_teacher_class(v->policy, t), cw, sizeof cw);
  switch (w->kind) {
  case RP_CHOICE_PIN_TO:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "pinned to %s (%s line %ld)"), dest,
                         base_name(w->pin_file), w->pin_line);
    break;
  case RP_CHOICE_PIN_MOVE:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "pinned to move (%s line %ld)"),
                         base_name(w->pin_file), w->pin_line);
    break;
  case RP_CHOICE_WISH:
    if (w->wish_rank > 0)
      len = (size_t)rp_fmt(buf, n, rp_tr(l, "own wish: choice %d, %s"), w->wish_rank, dest);
    else
      len = (size_t)rp_fmt(buf, n, rp_tr(l, "asked to move (preferences); no wished school "
                                            "could take them"));
    break;
  case RP_CHOICE_PREVIOUS:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "kept from the previous plan: %s"), dest);
    break;
  case RP_CHOICE_TITLE:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "title service: intends to apply for a senior title "
                                          "and lacks %d year(s) in a rural or weak school; "
                                          "moves to %s (title_service)"),
                         v->policy->title_service_years, dest);
    break;
  case RP_CHOICE_FAIRNESS:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "fairness: rotated %d time(s) so far, fewer than %d "
                                          "colleague(s) of the group who stay (%s %s teachers "
                                          "free to move at %s; everyone once before anyone "
                                          "twice)"),
                         rp_history_rotations(t), w->passed, rp_level_label(l, t->level),
                         rp_subject_label(l, t->subject), school);
    break;
  case RP_CHOICE_BACKBONE:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "priority: backbone level %s, above %d colleague(s) "
                                          "of the group who stay (%s %s teachers free to move "
                                          "at %s; priority = backbone)"),
                         rp_backbone_label(l, t->backbone), w->passed,
                         rp_level_label(l, t->level), rp_subject_label(l, t->subject), school);
    break;
  case RP_CHOICE_ONLY:
    len = (size_t)rp_fmt(buf, n, rp_tr(l, "the only %s %s teacher (%s) free to move at %s"),
                         rp_level_label(l, t->level), rp_subject_label(l, t->subject), cw,
                         school);
    break;
  case RP_CHOICE_SERVICE:
    len = (size_t)rp_fmt(
        buf, n, rp_tr(l, "by years at the school: there since %d; among the %s %s teachers "
                         "(%s) free to move at %s, %d in all, number %d by years at the "
                         "school; moving: %d"),
        t->school_since, rp_level_label(l, t->level), rp_subject_label(l, t->subject), cw,
        school, w->group, w->rank, w->movers);
    if (w->tie_stayed > 0 && len < n)
      len += (size_t)rp_fmt(buf + len, n - len,
                            rp_tr(l, "; %d there since the same year stay%s: the teacher id "
                                     "decides"),
                            w->tie_stayed, l == RP_LANG_EN && w->tie_stayed == 1 ? "s" : "");
    break;
  default:
    break;
  }
  /* Only the greedy baseline passes over a teacher; in a milp plan a mover
   * behind a stayer means a list edited by hand, or pins and wishes other
   * than the plan's. */
  int greedy = v->plan->method && strcmp(v->plan->method, "greedy") == 0;
  if (w->ahead_stayed > 0 && len < n)
    rp_fmt(buf + len, n - len,
           greedy ? rp_tr(l, "; %d ahead of them in this order stay: no school the rules allow "
                             "could take them when their turn came")
                  : rp_tr(l, "; %d ahead of them in this order stay: not the plan's choice (a "
                             "list edited by hand, or other pins or preferences)"),
           w->ahead_stayed);
}

rp_sheet_t *rp_sheet_rotation_list(rp_lang_t l, const rp_plan_view_t *v) {
  /* The columns before `reason` keep their places (lists read by position
   * keep working); names, gender, years and why this teacher come after. */
  static const char *const hdr[] = {
      "teacher_id", "name", "from_school", "to_school", "section", "subject", "role",
      "backbone", "degree", "km", "direction", "reason", "from_school_name", "to_school_name",
      "gender", "years_at_school", "why_this_teacher", NULL};
  const rp_county_t *c = v->county;
  const rp_audit_t *a = v->before;
  rp_sheet_t *s = rp_sheet_new(l, "rotation list", hdr);
  char why[1024];
  for (size_t k = 0; s && k < v->plan->n_moves; k++) {
    const rp_move_t *mv = &v->plan->moves[k];
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    const rp_school_t *from = &c->schools[a->sections[mv->from_section].school];
    const rp_school_t *to = &c->schools[a->sections[mv->to_section].school];
    rp_sheet_text(s, t->id);
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, from->id);
    rp_sheet_text(s, to->id);
    rp_sheet_text(s, rp_level_label(l, t->level));
    rp_sheet_text(s, rp_subject_label(l, t->subject));
    rp_sheet_text(s, rp_role_label(l, t->role));
    rp_sheet_text(s, rp_backbone_label(l, t->backbone));
    rp_sheet_text(s, rp_degree_label(l, t->degree));
    if (mv->km >= 0)
      rp_sheet_num(s, mv->km, 1);
    else
      rp_sheet_empty(s);
    rp_sheet_text(s, rp_move_dir_label(l, rp_move_direction(from, to)));
    rp_sheet_text(s, mv->reason ? rp_tr(l, mv->reason) : NULL);
    rp_sheet_text(s, from->name);
    rp_sheet_text(s, to->name);
    rp_sheet_text(s, rp_gender_label(l, t->gender));
    rp_sheet_num(s, v->policy->plan_year - t->school_since, 0);
    rp_choice_text(l, v, k, why, sizeof why);
    rp_sheet_text(s, why);
  }
  return done(s);
}

rp_sheet_t *rp_sheet_public_list(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"name", "from_school_name", "to_school_name", "subject",
                                    NULL};
  const rp_county_t *c = v->county;
  const rp_audit_t *a = v->before;
  rp_sheet_t *s = rp_sheet_new(l, "public list", hdr);
  for (size_t k = 0; s && k < v->plan->n_moves; k++) {
    const rp_move_t *mv = &v->plan->moves[k];
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, c->schools[a->sections[mv->from_section].school].name);
    rp_sheet_text(s, c->schools[a->sections[mv->to_section].school].name);
    rp_sheet_text(s, rp_subject_label(l, t->subject));
  }
  return done(s);
}

/* A section's subject gaps before and after (whole teachers, summed over
 * subjects; after flagged when not 0), and the subjects short after as
 * text, in the subjects' order: "math 2; pe 1" (empty when none). */
static void subject_gaps(rp_sheet_t *s, rp_lang_t l, const rp_audit_t *b, const rp_audit_t *a,
                         size_t k) {
  char text[RP_SUBJECTS * 48] = "";
  size_t len = 0;
  int gb = 0, ga = 0;
  for (int j = 0; j < RP_SUBJECTS; j++) {
    int g = rp_subject_gap(a, k, (rp_subject_t)j);
    gb += rp_subject_gap(b, k, (rp_subject_t)j);
    ga += g;
    if (g > 0 && len < sizeof text)
      len += (size_t)rp_fmt(text + len, sizeof text - len, "%s%s %d", len ? "; " : "",
                            rp_subject_label(l, (rp_subject_t)j), g);
  }
  rp_sheet_num(s, gb, 0);
  rp_sheet_num(s, ga, 0);
  if (ga > 0)
    rp_sheet_flag(s);
  rp_sheet_text(s, text);
}

rp_sheet_t *rp_sheet_schools(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {
      "school_id", "school\004name", "section", "students", "counted", "required_staff",
      "other_staff", "teachers_before", "teachers_after", "degree_per100_before",
      "degree_per100_after", "backbone_per100_before", "backbone_per100_after",
      "pe_art_per100_before", "pe_art_per100_after", "staff_short_before", "staff_short_after",
      "degree_short_before", "degree_short_after", "backbone_short_before",
      "backbone_short_after", "pe_art_short_before", "pe_art_short_after",
      "subject_gaps_before", "subject_gaps_after", "subjects_short_after", NULL};
  const rp_county_t *c = v->county;
  const rp_audit_t *b = v->before, *a = v->after;
  rp_sheet_t *s = rp_sheet_new(l, "schools before and after", hdr);
  for (size_t k = 0; s && k < a->n_sections; k++) {
    const rp_section_t *sb = &b->sections[k], *sa = &a->sections[k];
    rp_sheet_text(s, c->schools[sa->school].id);
    rp_sheet_text(s, c->schools[sa->school].name);
    rp_sheet_text(s, rp_level_label(l, sa->level));
    rp_sheet_num(s, sa->students, 0);
    rp_sheet_num(s, sa->counted, 0);
    rp_sheet_num(s, sa->required_staff, 0);
    rp_sheet_num(s, sa->other_staff, 0);
    rp_sheet_num(s, sb->teachers, 0);
    rp_sheet_num(s, sa->teachers, 0);
    for (int i = 0; i < RP_INDICATORS; i++) {
      rp_sheet_num(s, rp_per100(sb->count[i], sb->students), 4);
      rp_sheet_num(s, rp_per100(sa->count[i], sa->students), 4);
      if (rp_section_misses(sa, (rp_indicator_t)i))
        rp_sheet_flag(s);
    }
    int gb = rp_section_staff_gap(sb), ga = rp_section_staff_gap(sa);
    for (int i = -1; i < RP_INDICATORS; i++) {
      if (i >= 0) {
        gb = rp_section_gap(sb, (rp_indicator_t)i);
        ga = rp_section_gap(sa, (rp_indicator_t)i);
      }
      rp_sheet_num(s, gb, 0);
      rp_sheet_num(s, ga, 0);
      if (ga > 0)
        rp_sheet_flag(s);
    }
    subject_gaps(s, l, b, a, k);
  }
  return done(s);
}

/* Teachers of subject j at section k above its demand rounded up: none of
 * the subject's periods is left for them.  The curriculum sets no periods
 * for `other` (labour, practice, local courses: model/curriculum.c), so
 * where its demand is 0 its teachers are not counted as surplus (-1:
 * shown empty). */
static int subject_surplus(const rp_subject_stat_t *st, rp_subject_t j) {
  if (j == RP_SUBJ_OTHER && st->demand <= 0)
    return -1;
  int whole = (int)ceil(st->demand - 1e-9);
  return st->teachers > whole ? st->teachers - whole : 0;
}

/* Is subject j in section k part of the table: asked for, or taught there
 * before or after the plan? */
static int subject_shown(const rp_audit_t *b, const rp_audit_t *a, size_t k, int j) {
  const rp_subject_stat_t *sb = &b->subjects[k * RP_SUBJECTS + (size_t)j],
                          *sa = &a->subjects[k * RP_SUBJECTS + (size_t)j];
  return sb->demand > 0 || sb->teachers > 0 || sa->teachers > 0;
}

rp_sheet_t *rp_sheet_subjects(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"school_id", "school\004name", "section", "subject",
                                    "demand", "need", "before", "after", "gap_before",
                                    "gap_after", "surplus_after", "part_time", NULL};
  const rp_county_t *c = v->county;
  const rp_audit_t *b = v->before, *a = v->after;
  rp_sheet_t *s = rp_sheet_new(l, "subjects", hdr);
  for (size_t k = 0; s && k < a->n_sections; k++) {
    const rp_school_t *sc = &c->schools[a->sections[k].school];
    for (int j = 0; j < RP_SUBJECTS; j++) {
      if (!subject_shown(b, a, k, j))
        continue;
      const rp_subject_stat_t *sb = &b->subjects[k * RP_SUBJECTS + (size_t)j],
                              *sa = &a->subjects[k * RP_SUBJECTS + (size_t)j];
      rp_sheet_text(s, sc->id);
      rp_sheet_text(s, sc->name);
      rp_sheet_text(s, rp_level_label(l, a->sections[k].level));
      rp_sheet_text(s, rp_subject_label(l, (rp_subject_t)j));
      rp_sheet_num(s, sa->demand, 2);
      rp_sheet_num(s, sa->need, 0);
      rp_sheet_num(s, sb->teachers, 0);
      rp_sheet_num(s, sa->teachers, 0);
      rp_sheet_num(s, rp_subject_gap(b, k, (rp_subject_t)j), 0);
      int gap = rp_subject_gap(a, k, (rp_subject_t)j);
      rp_sheet_num(s, gap, 0);
      if (gap > 0)
        rp_sheet_flag(s);
      int surplus = subject_surplus(sa, (rp_subject_t)j);
      if (surplus >= 0)
        rp_sheet_num(s, surplus, 0);
      else
        rp_sheet_empty(s);
      rp_sheet_num(s, sa->demand > 0 && sa->need == 0, 0);
    }
  }
  return done(s);
}

rp_sheet_t *rp_sheet_subjects_by_section(rp_lang_t l, const rp_plan_view_t *v) {
  const rp_county_t *c = v->county;
  const rp_audit_t *b = v->before, *a = v->after;
  /* The subjects any section is asked for or teaches, in their order. */
  int shown[RP_SUBJECTS] = {0}, n = 0;
  for (size_t k = 0; k < a->n_sections; k++)
    for (int j = 0; j < RP_SUBJECTS; j++)
      shown[j] |= subject_shown(b, a, k, j);
  const char *hdr[4 + RP_SUBJECTS + 1] = {"school_id", "school\004name", "section",
                                          "subject gaps"};
  for (int j = 0; j < RP_SUBJECTS; j++)
    if (shown[j])
      hdr[4 + n++] = rp_subject_label(l, (rp_subject_t)j);
  hdr[4 + n] = NULL;
  rp_sheet_t *s = rp_sheet_new(l, "subjects by section", hdr);
  char cell[96];
  for (size_t k = 0; s && k < a->n_sections; k++) {
    const rp_school_t *sc = &c->schools[a->sections[k].school];
    rp_sheet_text(s, sc->id);
    rp_sheet_text(s, sc->name);
    rp_sheet_text(s, rp_level_label(l, a->sections[k].level));
    int gb = 0, ga = 0;
    for (int j = 0; j < RP_SUBJECTS; j++) {
      gb += rp_subject_gap(b, k, (rp_subject_t)j);
      ga += rp_subject_gap(a, k, (rp_subject_t)j);
    }
    rp_fmt(cell, sizeof cell, "%d → %d", gb, ga);
    rp_sheet_text(s, cell);
    if (ga > 0)
      rp_sheet_flag(s);
    for (int j = 0; j < RP_SUBJECTS; j++) {
      if (!shown[j])
        continue;
      if (!subject_shown(b, a, k, j)) {
        rp_sheet_empty(s);
        continue;
      }
      const rp_subject_stat_t *sb = &b->subjects[k * RP_SUBJECTS + (size_t)j],
                              *sa = &a->subjects[k * RP_SUBJECTS + (size_t)j];
      int part = sa->demand > 0 && sa->need == 0;
      rp_fmt(cell, sizeof cell, "%d → %d (%.2f%s)", sb->teachers, sa->teachers, sa->demand,
             part ? "*" : "");
      rp_sheet_text(s, cell);
      if (rp_subject_gap(a, k, (rp_subject_t)j) > 0)
        rp_sheet_flag(s);
    }
  }
  return done(s);
}

/* One row of recruitment.csv. */
static void recruit_row(rp_sheet_t *s, rp_lang_t l, const rp_school_t *sc,
                        const rp_section_t *x, const char *group, int n, const char *why) {
  rp_sheet_text(s, sc->id);
  rp_sheet_text(s, sc->name);
  rp_sheet_text(s, rp_level_label(l, x->level));
  rp_sheet_text(s, rp_tr(l, group));
  rp_sheet_num(s, n, 0);
  rp_sheet_text(s, rp_tr(l, why));
}

/* What moving teachers cannot reach: recruit (or share by 走教), per section
 * the groups of rp_section_recruitment: each subject's gap, then PE + arts,
 * any subject (staffing), degree, backbone. */
rp_sheet_t *rp_sheet_recruitment(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"school_id", "school\004name", "section", "subject_group",
                                    "teachers", "reason", NULL};
  static const char *const group[RP_REC_SUBJECTS] = {
      [RP_REC_PE_ART] = "pe_art (pe, music, art)",
      [RP_REC_ANY] = "any",
      [RP_REC_DEGREE] = "any (degree above the required one)",
      [RP_REC_BACKBONE] = "any (county-level backbone or above)"};
  static const char *const why[RP_REC_SUBJECTS] = {
      [RP_REC_PE_ART] = "PE + arts target per 100 students not reached",
      [RP_REC_ANY] = "staffing ratio not reached",
      [RP_REC_DEGREE] = "degree target per 100 students not reached",
      [RP_REC_BACKBONE] = "backbone target per 100 students not reached"};
  const rp_audit_t *a = v->after;
  rp_sheet_t *s = rp_sheet_new(l, "recruitment", hdr);
  int rec[RP_REC_GROUPS];
  for (size_t k = 0; s && k < a->n_sections; k++) {
    const rp_section_t *x = &a->sections[k];
    const rp_school_t *sc = &v->county->schools[x->school];
    if (!rp_section_recruitment(a, k, rec))
      continue;
    for (int j = 0; j < RP_SUBJECTS; j++) {
      int g = rp_subject_gap(a, k, (rp_subject_t)j);
      if (g > 0)
        recruit_row(s, l, sc, x, rp_subject_label(l, (rp_subject_t)j), g,
                    "subject demand of the curriculum not met");
    }
    for (int i = 0; i < RP_REC_SUBJECTS; i++)
      if (rec[i] > 0)
        recruit_row(s, l, sc, x, group[i], rec[i], why[i]);
  }
  return done(s);
}

/* Summary rows: item, then value, before, after, limit (any may be empty:
 * NAN). */
static void sum_row(rp_sheet_t *s, rp_lang_t l, const char *item, const char *text,
                    const double fig[4], int decimals, int flag_after) {
  rp_sheet_text(s, rp_tr(l, item));
  for (int i = 0; i < 4; i++) {
    if (i == 0 && text)
      rp_sheet_text(s, text);
    else if (fig && !isnan(fig[i]))
      rp_sheet_num(s, fig[i], decimals);
    else
      rp_sheet_empty(s);
    if (flag_after && i == (fig && !isnan(fig[0]) ? 0 : 2))
      rp_sheet_flag(s);
  }
}

rp_sheet_t *rp_sheet_summary(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"item", "value", "before", "after", "limit", NULL};
  const double X = NAN; /* empty */
  const rp_audit_t *b = v->before, *a = v->after;
  const rp_plan_t *plan = v->plan;
  const rp_policy_t *p = v->policy;
  rp_sheet_t *s = rp_sheet_new(l, "summary", hdr);
  if (!s)
    return NULL;
  char buf[64];
  snprintf(buf, sizeof buf, "%d", p->plan_year);
  sum_row(s, l, "plan year", buf, NULL, 0, 0);
  sum_row(s, l, "method", rp_tr(l, plan->method), NULL, 0, 0);
  sum_row(s, l, "solver status", rp_tr(l, plan->status), NULL, 0, 0);
  sum_row(s, l, "teachers eligible to rotate", NULL,
          (double[4]){b->rotation.eligible, X, X, X}, 0, 0);
  int moved = (int)plan->n_moves;
  sum_row(s, l, "teachers moved (limit: at least)", NULL,
          (double[4]){moved, X, X, b->rotation.min_rotate}, 0,
          moved < b->rotation.min_rotate);
  if (b->rotation.max_rotate >= 0)
    sum_row(s, l, "teachers moved (limit: at most)", NULL,
            (double[4]){moved, X, X, b->rotation.max_rotate}, 0,
            moved > b->rotation.max_rotate);
  int bb_min = rp_backbone_minimum(p, &b->rotation, moved);
  sum_row(s, l, "backbone teachers moved (limit: at least)", NULL,
          (double[4]){plan->moved_backbone, X, X, bb_min}, 0, plan->moved_backbone < bb_min);
  double km, kmax, kmean;
  rp_plan_km(plan, &km, &kmax, &kmean);
  sum_row(s, l, "km per move, mean", NULL, (double[4]){kmean, X, X, X}, 1, 0);
  sum_row(s, l, "km per move, longest", NULL,
          (double[4]){kmax, X, X, p->max_km > 0 ? p->max_km : X}, 1, 0);
  int dirs[RP_MOVE_DIRS];
  int toward = rp_plan_directions(v->county, b, plan, dirs);
  sum_row(s, l, "moves toward rural or weak schools", NULL, (double[4]){toward, X, X, X}, 0, 0);
  sum_row(s, l, "share of moves toward rural or weak schools (limit: at least)", NULL,
          (double[4]){moved ? (double)toward / moved : 0, X, X,
                      p->min_toward_share > 0 ? p->min_toward_share : X},
          4, toward < p->min_toward_share * moved - 1e-9);
  for (int d = 0; d < RP_MOVE_DIRS; d++) {
    char item[128];
    snprintf(item, sizeof item, "%s%s", rp_tr(l, "moves by direction: "),
             rp_move_dir_label(l, (rp_move_dir_t)d));
    rp_sheet_text(s, item);
    rp_sheet_num(s, dirs[d], 0);
    for (int i = 1; i < 4; i++)
      rp_sheet_empty(s);
  }
  int sb = rp_audit_total_shortfall(b), sa = rp_audit_total_shortfall(a);
  sum_row(s, l, "shortfall in whole teachers", NULL, (double[4]){X, sb, sa, X}, 0, sa > 0);
  int gb = rp_audit_subject_gaps(b, NULL), ga = rp_audit_subject_gaps(a, NULL);
  sum_row(s, l, "subject gaps in whole teachers", NULL, (double[4]){X, gb, ga, X}, 0, ga > 0);
  int rec[RP_REC_GROUPS];
  int missing = rp_audit_recruitment(a, rec);
  sum_row(s, l, "sections still missing a target", NULL, (double[4]){missing, X, X, X}, 0,
          missing > 0);
  static const char *const rec_item[RP_REC_GROUPS] = {
      [RP_REC_SUBJECTS] = "recruit: teachers of the subjects short",
      [RP_REC_PE_ART] = "recruit: PE + arts teachers",
      [RP_REC_ANY] = "recruit: teachers of any subject",
      [RP_REC_DEGREE] = "recruit: teachers above the required degree",
      [RP_REC_BACKBONE] = "recruit: county-level backbone teachers"};
  static const int rec_order[RP_REC_GROUPS] = {RP_REC_SUBJECTS, RP_REC_PE_ART, RP_REC_ANY,
                                               RP_REC_DEGREE, RP_REC_BACKBONE};
  for (int i = 0; i < RP_REC_GROUPS; i++)
    sum_row(s, l, rec_item[rec_order[i]], NULL, (double[4]){rec[rec_order[i]], X, X, X}, 0, 0);
  static const char *const cv_item[RP_LEVELS][RP_INDICATORS] = {
      {"difference coefficient, primary, degree", "difference coefficient, primary, backbone",
       "difference coefficient, primary, PE + arts"},
      {"difference coefficient, junior, degree", "difference coefficient, junior, backbone",
       "difference coefficient, junior, PE + arts"}};
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      sum_row(s, l, cv_item[lv][i], NULL,
              (double[4]){X, b->level[lv].cv[i], a->level[lv].cv[i], p->cv_limit[lv]}, 4,
              !a->level[lv].pass[i]);
  return done(s);
}

rp_sheet_t *rp_sheet_frontier(rp_lang_t l, const rp_frontier_t *f) {
  static const char *const first[] = {"moves", "balance_moves", "shortfall"};
  static const char *const last[] = {"excess", "km_total", "toward", "toward_share", "plan"};
  enum { NF = 3, NL = 5, NCV = RP_LEVELS * RP_INDICATORS };
  char cv_names[NCV][96];
  const char *hdr[NF + NCV + NL + 1];
  for (int i = 0; i < NF; i++)
    hdr[i] = first[i];
  for (int k = 0; k < NCV; k++) {
    rp_cv_header(l, k / RP_INDICATORS, k % RP_INDICATORS, cv_names[k], sizeof cv_names[k]);
    hdr[NF + k] = cv_names[k];
  }
  for (int i = 0; i < NL; i++)
    hdr[NF + NCV + i] = last[i];
  hdr[NF + NCV + NL] = NULL;
  rp_sheet_t *s = rp_sheet_new(l, "frontier", hdr);
  for (size_t k = 0; s && k < f->n; k++) {
    const rp_frontier_point_t *p = &f->point[k];
    rp_sheet_num(s, p->moves, 0);
    if (p->balance_moves >= RP_UNLIMITED)
      rp_sheet_text(s, rp_tr(l, "unlimited"));
    else
      rp_sheet_num(s, p->balance_moves, 0);
    rp_sheet_num(s, p->shortfall, 0);
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++)
        rp_sheet_num(s, p->cv[lv][i], 4);
    rp_sheet_num(s, p->excess, 4);
    rp_sheet_num(s, p->km, 1);
    rp_sheet_num(s, p->toward, 0);
    rp_sheet_num(s, p->toward_share, 4);
    rp_sheet_text(s, p->dir);
  }
  return done(s);
}

/* ledger.csv: every teacher's burden after the plan year (model/history.h,
 * rp_history_after); an unknown figure (its column not in teachers.csv)
 * is an empty cell, never 0. */
rp_sheet_t *rp_sheet_ledger(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {
      "year", "teacher_id", "name", "school_id", "moved_this_year", "km", "rotations",
      "rotations_in_run",
      "km_in_run", "rural_years", "weak_years", "title", "applies_senior", "title_service_done",
      NULL};
  const rp_county_t *c = v->county;
  rp_ledger_t *led = malloc((c->n_teachers + 1) * sizeof *led);
  rp_sheet_t *s = led ? rp_sheet_new(l, "ledger", hdr) : NULL;
  if (s)
    rp_history_after(c, v->policy, v->before, v->plan, led);
  for (size_t k = 0; s && k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    const rp_ledger_t *e = &led[k];
    rp_sheet_num(s, v->policy->plan_year, 0);
    rp_sheet_text(s, t->id);
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, c->schools[e->school].id);
    rp_sheet_text(s, rp_tr(l, e->moved ? "yes" : "no"));
    if (e->moved && e->km >= 0)
      rp_sheet_num(s, e->km, 1);
    else
      rp_sheet_empty(s);
    if (e->rotations >= 0)
      rp_sheet_num(s, e->rotations, 0);
    else
      rp_sheet_empty(s);
    rp_sheet_num(s, e->run_rotations, 0);
    rp_sheet_num(s, e->run_km, 1);
    const int years[2] = {e->rural_years, e->weak_years};
    for (int i = 0; i < 2; i++)
      if (years[i] >= 0)
        rp_sheet_num(s, years[i], 0);
      else
        rp_sheet_empty(s);
    rp_sheet_text(s, t->title == RP_TITLE_UNKNOWN ? NULL : rp_title_label(l, t->title));
    rp_sheet_text(s, t->applies_senior < 0 ? NULL : rp_tr(l, t->applies_senior ? "yes" : "no"));
    rp_sheet_text(s, e->title_done < 0 ? NULL : rp_tr(l, e->title_done ? "yes" : "no"));
  }
  free(led);
  return s;
}

/* ---- the principals' exchange (model/principals.h) ---------------------- */

rp_sheet_t *rp_sheet_principals(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {
      "teacher_id", "name", "from_school", "from_school_name", "to_school", "to_school_name",
      "school_kind", "years_at_school", "principal_rating", "km", "direction", NULL};
  const rp_county_t *c = v->county;
  const rp_principals_t *pr = v->plan->principals;
  rp_sheet_t *s = rp_sheet_new(l, "principal exchange", hdr);
  for (size_t k = 0; s && pr && k < pr->n; k++) {
    const rp_principal_move_t *m = &pr->moves[k];
    const rp_teacher_t *t = &c->teachers[m->teacher];
    const rp_school_t *from = &c->schools[m->from], *to = &c->schools[m->to];
    rp_sheet_text(s, t->id);
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, from->id);
    rp_sheet_text(s, from->name);
    rp_sheet_text(s, to->id);
    rp_sheet_text(s, to->name);
    rp_sheet_text(s, rp_tr(l, rp_school_kind_name(rp_school_kind(from))));
    rp_sheet_num(s, v->policy->plan_year - t->school_since, 0);
    if (c->principal_rated)
      rp_sheet_num(s, t->principal_rating, 1);
    else
      rp_sheet_empty(s);
    if (m->km >= 0)
      rp_sheet_num(s, m->km, 1);
    else
      rp_sheet_empty(s);
    rp_sheet_text(s, rp_move_dir_label(l, rp_move_direction(from, to)));
  }
  return done(s);
}

rp_sheet_t *rp_sheet_principals_public(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"name", "from_school_name", "to_school_name", NULL};
  const rp_principals_t *pr = v->plan->principals;
  rp_sheet_t *s = rp_sheet_new(l, "principal exchange", hdr);
  for (size_t k = 0; s && pr && k < pr->n; k++) {
    rp_sheet_text(s, v->county->teachers[pr->moves[k].teacher].name);
    rp_sheet_text(s, v->county->schools[pr->moves[k].from].name);
    rp_sheet_text(s, v->county->schools[pr->moves[k].to].name);
  }
  return done(s);
}
