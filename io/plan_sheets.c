/* The tables of a plan (see plan_sheets.h). */
#include "io/plan_sheets.h"

#include <math.h>

static rp_sheet_t *done(rp_sheet_t *s) {
  if (s && s->failed) {
    rp_sheet_free(s);
    return NULL;
  }
  return s;
}

rp_sheet_t *rp_sheet_rotation_list(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"teacher_id", "name", "from_school", "to_school",
                                    "section", "subject", "role", "backbone", "degree",
                                    "km", "direction", "reason", NULL};
  const rp_county_t *c = v->county;
  const rp_audit_t *a = v->before;
  rp_sheet_t *s = rp_sheet_new(l, "rotation list", hdr);
  for (size_t k = 0; s && k < v->plan->n_moves; k++) {
    const rp_move_t *mv = &v->plan->moves[k];
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    rp_sheet_text(s, t->id);
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, c->schools[a->sections[mv->from_section].school].id);
    rp_sheet_text(s, c->schools[a->sections[mv->to_section].school].id);
    rp_sheet_text(s, rp_level_label(l, t->level));
    rp_sheet_text(s, rp_subject_label(l, t->subject));
    rp_sheet_text(s, rp_role_label(l, t->role));
    rp_sheet_text(s, rp_backbone_label(l, t->backbone));
    rp_sheet_text(s, rp_degree_label(l, t->degree));
    if (mv->km >= 0)
      rp_sheet_num(s, mv->km, 1);
    else
      rp_sheet_empty(s);
    rp_sheet_text(s, rp_move_dir_label(l, rp_move_direction(
                         &c->schools[a->sections[mv->from_section].school],
                         &c->schools[a->sections[mv->to_section].school])));
    rp_sheet_text(s, mv->reason ? rp_tr(l, mv->reason) : NULL);
  }
  return done(s);
}

rp_sheet_t *rp_sheet_schools(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {
      "school_id", "school\004name", "section", "students", "counted", "required_staff",
      "other_staff", "teachers_before", "teachers_after", "degree_per100_before",
      "degree_per100_after", "backbone_per100_before", "backbone_per100_after",
      "pe_art_per100_before", "pe_art_per100_after", "staff_short_before", "staff_short_after",
      "degree_short_before", "degree_short_after", "backbone_short_before",
      "backbone_short_after", "pe_art_short_before", "pe_art_short_after", NULL};
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

/* What moving teachers cannot reach: recruit (or share by 走教).  PE + arts
 * recruits also fill staffing places. */
rp_sheet_t *rp_sheet_recruitment(rp_lang_t l, const rp_plan_view_t *v) {
  static const char *const hdr[] = {"school_id", "school\004name", "section", "subject_group",
                                    "teachers", "reason", NULL};
  static const char *const group[] = {"any (degree above the required one)",
                                      "any (county-level backbone or above)",
                                      "pe_art (pe, music, art)"};
  static const char *const why[] = {"degree target per 100 students not reached",
                                    "backbone target per 100 students not reached",
                                    "PE + arts target per 100 students not reached"};
  const rp_audit_t *a = v->after;
  rp_sheet_t *s = rp_sheet_new(l, "recruitment", hdr);
  for (size_t k = 0; s && k < a->n_sections; k++) {
    const rp_section_t *x = &a->sections[k];
    const rp_school_t *sc = &v->county->schools[x->school];
    int staff = rp_section_staff_gap(x), pe = rp_section_gap(x, RP_IND_PE_ART);
    if (pe > 0)
      recruit_row(s, l, sc, x, group[2], pe, why[2]);
    if (staff > pe)
      recruit_row(s, l, sc, x, "any", staff - pe, "staffing ratio not reached");
    for (int i = 0; i < 2; i++) {
      int g = rp_section_gap(x, (rp_indicator_t)i);
      if (g > 0)
        recruit_row(s, l, sc, x, group[i], g, why[i]);
    }
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
  int rec[4];
  int missing = rp_audit_recruitment(a, rec);
  sum_row(s, l, "sections still missing a target", NULL, (double[4]){missing, X, X, X}, 0,
          missing > 0);
  static const char *const rec_item[4] = {
      "recruit: PE + arts teachers", "recruit: teachers of any subject",
      "recruit: teachers above the required degree", "recruit: county-level backbone teachers"};
  for (int i = 0; i < 4; i++)
    sum_row(s, l, rec_item[i], NULL, (double[4]){rec[i], X, X, X}, 0, 0);
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
