/* The pooled rotation model (see builder.h; every row is written out in
 * docs/model.md under the same name).  rp_build runs the steps below in the
 * order of docs/model.md's sections: pins, pooling by class, the checks made
 * before solving, the objective's stages, columns, distance or balance,
 * county rows, section rows (with the balance steps).  Which moves are
 * allowed at all is asked of model/rules.c. */
#include "model/builder.h"

#include "model/plan.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned ind_flag[RP_INDICATORS] = {RP_CLASS_DEGREE, RP_CLASS_BACKBONE,
                                                 RP_CLASS_PE_ART};

void rp_build_free(rp_build_t *b) {
  if (!b)
    return;
  for (size_t y = 0; y < b->n_ahead; y++)
    rp_build_free(b->ahead[y]);
  free(b->ahead);
  free(b->grp_start);
  free(b->carry_row);
  free(b->group_of_origin);
  if (b->owns_milp)
    rp_milp_free(b->milp);
  free(b->out);
  free(b->in_col);
  free(b->in_pinned);
  free(b->moved_col);
  free(b->steps);
  free(b->staff_short);
  free(b->ind_short);
  free(b->subj_short);
  free(b->net_ind);
  free(b->eligible_flag);
  free(b->arcs);
  free(b->keep_out);
  free(b->keep_in);
  free(b);
}

int rp_group_cmp(size_t s1, int subject1, int cls1, size_t s2, int subject2, int cls2) {
  if (s1 != s2)
    return s1 < s2 ? -1 : 1;
  if (subject1 != subject2)
    return subject1 - subject2;
  return cls1 - cls2;
}

typedef struct {
  size_t section;
  int subject, cls;
  size_t teacher;
} member_t;

/* A later year's class of class k: its flags and level, subject 0. */
static int coarse_class(int k) {
  return (int)rp_class_level(k) * RP_CLASSES_PER_LEVEL + (int)rp_class_flags(k);
}

/* Teacher t's class and subject as block b pools them. */
static int block_class(const rp_build_t *b, const rp_teacher_t *t) {
  int k = rp_teacher_class(b->policy, t);
  return b->coarse ? coarse_class(k) : k;
}
static int block_subject(const rp_build_t *b, const rp_teacher_t *t) {
  return b->coarse ? 0 : (int)t->subject;
}

static int member_cmp(const void *a, const void *b) {
  const member_t *x = a, *y = b;
  int c = rp_group_cmp(x->section, x->subject, x->cls, y->section, y->subject, y->cls);
  if (c)
    return c;
  return x->teacher < y->teacher ? -1 : x->teacher > y->teacher;
}

/* The subject of class k, as the model's names carry it. */
static const char *cls_subject(int k) { return rp_subject_name(rp_class_subject(k)); }

/* Normalised squared deviation of a section with n teachers of an indicator:
 * (P_s / P) (100 n / P_s - m)^2 / m^2, its share of CV^2 (docs/model.md). */
static double dev2(int n, int ps, long long P, double m) {
  double x = 100.0 * n / ps - m;
  return (double)ps / P * x * x / (m * m);
}

/* What rp_build's steps share while the model is built; b is the result. */
typedef struct {
  rp_build_t *b;
  rp_milp_t *m;
  size_t S; /* sections */
  int K;    /* classes */
  int *supply;      /* [class] free-to-move teachers */
  int *out_cap;     /* [section] most teachers it may send (max_outflow_share) */
  int *sec_eligible; /* [section] free-to-move teachers */
  int *sec_pinned;  /* [section] of them pinned to move */
  int *pinned_move; /* [teacher] pinned to move (move or to) */
  size_t cap_steps;
  /* A later year of a joint plan: the blocks of the years before it (the
   * plan year's first); n_earlier = 0 for the plan year. */
  rp_build_t *const *earlier;
  size_t n_earlier;
  size_t n_ahead; /* later years the model will have (the plan year's work) */
} work_t;

/* The groups of section s: out[*g0 .. *g1) (groups are sorted by section). */
static void section_groups(const rp_build_t *b, size_t s, size_t *g0, size_t *g1) {
  if (b->grp_start) {
    *g0 = b->grp_start[s];
    *g1 = b->grp_start[s + 1];
    return;
  }
  size_t g = 0;
  while (g < b->n_out && b->out[g].section < s)
    g++;
  *g0 = g;
  while (g < b->n_out && b->out[g].section == s)
    g++;
  *g1 = g;
}

/* Does section o have an out group of class k among out[g0 .. g1)? */
static int has_class(const rp_build_t *b, size_t g0, size_t g1, int k) {
  for (size_t g = g0; g < g1; g++)
    if (b->out[g].cls == k)
      return 1;
  return 0;
}

/* ---- Pins ------------------------------------------------------------------
 * A pin to stay takes the teacher out; a pin to move must be eligible (a pin
 * cannot overrule an exemption); a pin to a school must be a move every move
 * rule allows (model/rules.c).  Errors go to diag. */

static void pin_to_school(work_t *w, const rp_pin_t *pin, rp_diag_t *diag) {
  rp_build_t *b = w->b;
  const rp_teacher_t *t = &b->county->teachers[pin->teacher];
  rp_mover_t mv = rp_mover_of(&b->rules, pin->teacher);
  size_t d;
  char why[256];
  const rp_rule_t *no = rp_move_forbidden_to_school(&b->rules, &mv, pin->school, &d, why,
                                                    sizeof why);
  if (no) {
    rp_diag_error(diag, pin->file, pin->line, "school_id",
                  "teacher \"%s\" is pinned to \"%s\", but %s (%s)", t->id,
                  b->county->schools[pin->school].id, why, no->name);
    return;
  }
  b->in_pinned[d * (size_t)w->K + (size_t)mv.cls]++;
}

static void apply_pins(work_t *w, const rp_pin_t *pins, size_t n_pins, rp_diag_t *diag) {
  rp_build_t *b = w->b;
  for (size_t i = 0; i < n_pins; i++) {
    const rp_pin_t *pin = &pins[i];
    if (pin->action == RP_PIN_STAY) {
      b->eligible_flag[pin->teacher] = 0;
      continue;
    }
    if (pin->action == RP_PIN_NOT_TO || rp_pin_refused_ineligible(b->county, b->policy, pin, diag))
      continue;
    w->pinned_move[pin->teacher] = 1;
    if (pin->action == RP_PIN_TO)
      pin_to_school(w, pin, diag);
  }
}

/* ---- Teachers are pooled by class ------------------------------------------
 * Outflow groups per (section, subject, class) of the free-to-move teachers;
 * supply per class; teachers per section and subject. */

static int pool_by_class(work_t *w) {
  rp_build_t *b = w->b;
  const rp_county_t *c = b->county;
  member_t *mem = malloc((c->n_teachers + 1) * sizeof *mem);
  b->out = calloc(c->n_teachers + 1, sizeof *b->out);
  if (!mem || !b->out) {
    free(mem);
    return -1;
  }
  size_t nm = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    size_t s = b->audit->section_of[t->school * 2 + t->level];
    if (b->eligible_flag[k])
      mem[nm++] = (member_t){s, block_subject(b, t), block_class(b, t), k};
  }
  qsort(mem, nm, sizeof *mem, member_cmp);
  for (size_t i = 0; i < nm; i++) {
    rp_outgroup_t *g = b->n_out ? &b->out[b->n_out - 1] : NULL;
    if (!g || rp_group_cmp(g->section, (int)g->subject, g->cls, mem[i].section,
                           mem[i].subject, mem[i].cls) != 0) {
      g = &b->out[b->n_out++];
      *g = (rp_outgroup_t){mem[i].section, (rp_subject_t)mem[i].subject, mem[i].cls, 0, 0, -1};
    }
    g->eligible++;
    g->pinned += w->pinned_move[mem[i].teacher];
    w->supply[g->cls]++;
    w->sec_eligible[g->section]++;
    w->sec_pinned[g->section] += w->pinned_move[mem[i].teacher];
  }
  free(mem);
  /* Where each section's groups start. */
  b->grp_start = malloc((w->S + 1) * sizeof *b->grp_start);
  if (!b->grp_start)
    return -1;
  size_t g = 0;
  for (size_t sec = 0; sec <= w->S; sec++) {
    while (g < b->n_out && b->out[g].section < sec)
      g++;
    b->grp_start[sec] = g;
  }
  b->grp_start[w->S] = b->n_out;
  return 0;
}

/* ---- Rules no plan can meet, reported before solving ---------------------- */

/* The teachers of b's groups (free to move), and of them the backbone
 * teachers who count for the backbone rules. */
static void count_free(const rp_build_t *b, int *eligible, int *eligible_bb) {
  *eligible = *eligible_bb = 0;
  for (size_t g = 0; g < b->n_out; g++) {
    *eligible += b->out[g].eligible;
    if (rp_class_flags(b->out[g].cls) & RP_CLASS_ROT_BB)
      *eligible_bb += b->out[g].eligible;
  }
}

static rp_status_t check_before_solving(work_t *w, rp_diag_t *diag) {
  rp_build_t *b = w->b;
  const rp_county_t *c = b->county;
  const rp_policy_t *p = b->policy;
  const rp_audit_t *a = b->audit;
  const rp_rotation_stats_t *r = &a->rotation;
  rp_status_t st = RP_OK;
  int eligible = 0, eligible_bb = 0, capped = 0;
  for (size_t s = 0; s < w->S; s++) {
    w->out_cap[s] = rp_section_outflow_cap(p, &a->sections[s]);
    if (w->sec_pinned[s] > w->out_cap[s]) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "pins: %d teachers of %s %s are pinned to move, but max_outflow_share "
                    "%.2g lets it lose at most %d of its %d teachers",
                    w->sec_pinned[s], c->schools[a->sections[s].school].id,
                    rp_level_name(a->sections[s].level), p->max_outflow_share,
                    w->out_cap[s], a->sections[s].teachers);
      st = RP_EINFEASIBLE;
    }
    capped += w->sec_eligible[s] < w->out_cap[s] ? w->sec_eligible[s] : w->out_cap[s];
  }
  count_free(b, &eligible, &eligible_bb);
  b->min_rotate = r->min_rotate;
  b->max_rotate = r->max_rotate;
  b->min_backbone = r->min_backbone;
  if (rp_quota_check(p, r, diag) != RP_OK)
    st = RP_EINFEASIBLE;
  if (eligible < r->min_rotate) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "rotation quota: at least %d teachers must rotate (quota_share %.2g of %d "
                  "eligible), but only %d are free to move",
                  r->min_rotate, p->quota_share, r->eligible, eligible);
    st = RP_EINFEASIBLE;
  } else if (capped < r->min_rotate) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "rotation quota: at least %d teachers must rotate, but max_outflow_share "
                  "%.2g lets the sections send at most %d of their eligible teachers",
                  r->min_rotate, p->max_outflow_share, capped);
    st = RP_EINFEASIBLE;
  }
  if (eligible_bb < r->min_backbone && p->backbone_reach) {
    rp_diag_warn(diag, NULL, 0, NULL,
                 "backbone share: at least %d backbone teachers should rotate (backbone_share "
                 "%.2g), but only %d eligible backbone teachers are free to move: with "
                 "backbone_reach = yes the plan reaches the largest share it can, and the county "
                 "would need to appoint %d more backbone teachers",
                 r->min_backbone, p->backbone_share, eligible_bb, r->min_backbone - eligible_bb);
  } else if (eligible_bb < r->min_backbone) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "backbone share: at least %d backbone teachers must rotate (backbone_share "
                  "%.2g), but only %d eligible backbone teachers are free to move",
                  r->min_backbone, p->backbone_share, eligible_bb);
    st = RP_EINFEASIBLE;
  }
  return st;
}

/* ---- Columns: out[s,subject,class] and in[s,class] -------------------------
 * An in column where some class-k teacher may arrive at all: the move rules
 * that look only at the class and the destination (model/rules.c). */

static void add_out_in_columns(work_t *w) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const int K = w->K;
  for (size_t g = 0; g < b->n_out; g++) {
    rp_outgroup_t *o = &b->out[g];
    o->col = rp_milp_col(m, RP_COL_INT, o->pinned, o->eligible, "out_s%zu_%s_c%d", o->section,
                         rp_subject_name(o->subject), o->cls);
    rp_milp_cost(m, o->col, b->stage_moves, 1); /* each move counts once */
    rp_milp_cost(m, o->col, b->stage_moves_after, 1);
  }
  for (size_t s = 0; s < w->S; s++)
    for (int k = 0; k < K; k++) {
      size_t idx = s * (size_t)K + (size_t)k;
      rp_mover_t any = {RP_ANY, RP_ANY, k};
      b->in_col[idx] = -1;
      if (w->supply[k] == 0 || rp_move_forbidden(&b->rules, &any, s))
        continue;
      b->in_col[idx] = rp_milp_col(m, RP_COL_INT, b->in_pinned[idx], w->supply[k],
                                   "in_s%zu_%s_c%d", s, cls_subject(k), k);
    }
}

/* ---- Distance: flows between sections ----------------------------------------
 * When a move rule looks at the route (max_km, move_scope), the pooled
 * balance is not enough (a teacher might be counted out of one corner of the
 * county and into another), so flows x[o,d,class] run only where the rules
 * allow: route_out[o,class] and route_in[d,class] tie them to out and in.
 * Returns -1 when out of memory. */

typedef rp_arc_t arc_t;

static int add_route_columns(work_t *w, arc_t **arcs_out, size_t *narcs_out) {
  rp_build_t *b = w->b;
  const rp_audit_t *a = b->audit;
  const int K = w->K;
  arc_t *arcs = NULL;
  size_t narcs = 0, cap = 0;
  for (size_t o = 0; o < w->S; o++) {
    size_t g0, g1;
    section_groups(b, o, &g0, &g1);
    for (int k = 0; k < K; k++) {
      if (!has_class(b, g0, g1, k))
        continue;
      rp_mover_t from = {RP_ANY, a->sections[o].school, k};
      for (size_t d = 0; d < w->S; d++) {
        if (b->in_col[d * (size_t)K + (size_t)k] < 0 || rp_move_forbidden(&b->rules, &from, d))
          continue;
        double km = rp_school_km(&b->county->schools[a->sections[o].school],
                                 &b->county->schools[a->sections[d].school]);
        if (narcs == cap) {
          cap = cap ? 2 * cap : 1024;
          arc_t *na = realloc(arcs, cap * sizeof *na);
          if (!na) {
            free(arcs);
            return -1;
          }
          arcs = na;
        }
        int col = rp_milp_col(w->m, RP_COL_INT, 0, RP_INF, "x_s%zu_s%zu_%s_c%d", o, d,
                              cls_subject(k), k);
        rp_milp_cost(w->m, col, b->stage_distance, km > 0 ? km : 0);
        arcs[narcs++] = (arc_t){o, d, k, col};
      }
    }
  }
  *arcs_out = arcs;
  *narcs_out = narcs;
  return 0;
}

/* route_out[o,k]: sum of out groups of class k at o = flows out of o. */
static void add_route_out_rows(work_t *w, const arc_t *arcs, size_t narcs) {
  rp_build_t *b = w->b;
  size_t q = 0;
  for (size_t o = 0; o < w->S; o++) {
    size_t g0, g1;
    section_groups(b, o, &g0, &g1);
    for (int k = 0; k < w->K; k++) {
      if (!has_class(b, g0, g1, k))
        continue;
      rp_milp_row(w->m, 0, 0, "route_out_s%zu_%s_c%d", o, cls_subject(k), k);
      for (size_t g = g0; g < g1; g++)
        if (b->out[g].cls == k)
          rp_milp_term(w->m, b->out[g].col, 1);
      while (q < narcs && arcs[q].o == o && arcs[q].k == k)
        rp_milp_term(w->m, arcs[q++].col, -1);
    }
  }
}

/* route_in[d,k]: in[d,k] = flows into d (arcs bucketed by d, k). */
static int add_route_in_rows(work_t *w, const arc_t *arcs, size_t narcs) {
  const size_t S = w->S, K = (size_t)w->K;
  size_t *start = calloc(S * K + 1, sizeof *start);
  size_t *by_in = malloc((narcs + 1) * sizeof *by_in);
  if (!start || !by_in) {
    free(start);
    free(by_in);
    return -1;
  }
  for (size_t i = 0; i < narcs; i++)
    start[arcs[i].d * K + (size_t)arcs[i].k + 1]++;
  for (size_t i = 1; i <= S * K; i++)
    start[i] += start[i - 1];
  for (size_t i = 0; i < narcs; i++)
    by_in[start[arcs[i].d * K + (size_t)arcs[i].k]++] = i;
  /* start[] now holds bucket ends; a bucket begins where the previous ends. */
  for (size_t idx = 0; idx < S * K; idx++) {
    int in = w->b->in_col[idx];
    if (in < 0)
      continue;
    rp_milp_row(w->m, 0, 0, "route_in_s%zu_%s_c%d", idx / K, cls_subject((int)(idx % K)),
                (int)(idx % K));
    rp_milp_term(w->m, in, 1);
    for (size_t i = idx ? start[idx - 1] : 0; i < start[idx]; i++)
      rp_milp_term(w->m, arcs[by_in[i]].col, -1);
  }
  free(start);
  free(by_in);
  return 0;
}

/* toward_share: the flows toward rural or weak schools (model/plan.h,
 * rp_move_dir_toward) are at least min_toward_share of the moves. */
static void add_toward_row(work_t *w, const arc_t *arcs, size_t narcs) {
  const rp_build_t *b = w->b;
  const double share = b->policy->min_toward_share;
  if (share <= 0)
    return;
  rp_milp_row(w->m, 0, RP_INF, "toward_share");
  for (size_t i = 0; i < narcs; i++) {
    const rp_school_t *from = &b->county->schools[b->audit->sections[arcs[i].o].school];
    const rp_school_t *to = &b->county->schools[b->audit->sections[arcs[i].d].school];
    rp_milp_term(w->m, arcs[i].col, rp_move_dir_toward(rp_move_direction(from, to)) - share);
  }
}

/* The flows stay in b->arcs: the assignment follows them when the pairing
 * of origin and destination matters (min_toward_share). */
static int add_routes(work_t *w) {
  if (add_route_columns(w, &w->b->arcs, &w->b->n_arcs) != 0)
    return -1;
  add_route_out_rows(w, w->b->arcs, w->b->n_arcs);
  add_toward_row(w, w->b->arcs, w->b->n_arcs);
  int rc = add_route_in_rows(w, w->b->arcs, w->b->n_arcs);
  return rc || w->m->failed ? -1 : 0;
}

/* ---- Balance (the pooled form) -----------------------------------------------
 * balance[class]: every teacher who leaves a section arrives at another;
 * moved[class] counts them.  Nobody arriving at their own school is the
 * lazy self rows' job. */

static void add_balance_rows(work_t *w) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  for (int k = 0; k < w->K; k++) {
    if (w->supply[k] == 0)
      continue;
    int tot = rp_milp_col(m, RP_COL_INT, 0, w->supply[k], "moved_%s_c%d", cls_subject(k), k);
    b->moved_col[k] = tot;
    rp_milp_row(m, 0, 0, "balance_%s_c%d", cls_subject(k), k);
    for (size_t s = 0; s < w->S; s++)
      rp_milp_term(m, b->in_col[s * (size_t)w->K + (size_t)k], 1);
    rp_milp_term(m, tot, -1);
    rp_milp_row(m, 0, 0, "sent_%s_c%d", cls_subject(k), k);
    for (size_t g = 0; g < b->n_out; g++)
      if (b->out[g].cls == k)
        rp_milp_term(m, b->out[g].col, 1);
    rp_milp_term(m, tot, -1);
  }
}

/* ---- County rows: quota, backbone share or minimum, quota per school ----- */

static void add_county_rows(work_t *w) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const rp_policy_t *p = b->policy;
  const rp_county_t *c = b->county;
  /* quota: min_rotate <= moved <= max_rotate */
  rp_milp_row(m, b->min_rotate, b->max_rotate >= 0 ? b->max_rotate : RP_INF, "quota");
  for (size_t g = 0; g < b->n_out; g++)
    rp_milp_term(m, b->out[g].col, 1);
  /* backbone: share of those moved, or a fixed minimum of eligible backbone
   * (with backbone_reach, elastic: backbone_short in rule_shortfall) */
  if (p->backbone_reach && b->stage_rules >= 0) {
    b->bb_short = rp_milp_col(m, RP_COL_INT, 0, RP_INF, "backbone_short");
    rp_milp_cost(m, b->bb_short, b->stage_rules, 1);
  }
  if (p->backbone_base == RP_BASE_ROTATED) {
    rp_milp_row(m, 0, RP_INF, "backbone_share");
    for (size_t g = 0; g < b->n_out; g++) {
      int bb = rp_class_flags(b->out[g].cls) & RP_CLASS_ROT_BB;
      rp_milp_term(m, b->out[g].col, (bb ? 1 : 0) - p->backbone_share);
    }
  } else {
    rp_milp_row(m, b->min_backbone, RP_INF, "backbone_min");
    for (size_t g = 0; g < b->n_out; g++)
      if (rp_class_flags(b->out[g].cls) & RP_CLASS_ROT_BB)
        rp_milp_term(m, b->out[g].col, 1);
  }
  rp_milp_term(m, b->bb_short, 1);
  /* quota_school[s]: with quota_scope = school, each urban or town school
   * that is not weak rotates its own share of its eligible teachers. */
  if (p->quota_scope != RP_SCOPE_SCHOOL)
    return;
  for (size_t i = 0; i < c->n_schools; i++) {
    const rp_school_t *sc = &c->schools[i];
    if (sc->area == RP_AREA_RURAL || sc->weak)
      continue;
    int el = 0;
    for (size_t g = 0; g < b->n_out; g++)
      if (b->audit->sections[b->out[g].section].school == i)
        el += b->out[g].eligible;
    int need = (int)ceil(p->quota_share * el - 1e-9);
    if (need == 0)
      continue;
    rp_milp_row(m, need, RP_INF, "quota_school_%zu", i);
    for (size_t g = 0; g < b->n_out; g++)
      if (b->audit->sections[b->out[g].section].school == i)
        rp_milp_term(m, b->out[g].col, 1);
  }
}

/* ---- Section rows ------------------------------------------------------------ */

/* Adds IN_s (of the classes with flag f, all when f = 0) - OUT_s to the
 * current row. */
static void add_net_terms(work_t *w, size_t s, size_t g0, size_t g1, unsigned f) {
  rp_build_t *b = w->b;
  for (int k = 0; k < w->K; k++)
    if (!f || rp_class_flags(k) & f)
      rp_milp_term(w->m, b->in_col[s * (size_t)w->K + (size_t)k], 1);
  for (size_t g = g0; g < g1; g++)
    if (!f || rp_class_flags(b->out[g].cls) & f)
      rp_milp_term(w->m, b->out[g].col, -1);
}

/* The net columns (docs/model.md, "Columns"): a section's arrivals less
 * departures of the teachers counting for indicator i, net_{indicator}_s,
 * an integer column with its defining row of the same name, made once,
 * before the rows that use it (a row under construction takes terms only).
 * The target and var rows then hold one term where they would hold every
 * class's, and branch and bound can branch on a section's count itself:
 * with teachers pooled by subject there are many classes of each flag,
 * whose columns are interchangeable in these rows (the 16-section county of
 * test_e2e_plan's do_no_harm test: balance proven in 0.3 s with them,
 * unproven after 60 s without). */
static int net_ind_col(work_t *w, size_t s, size_t g0, size_t g1, int i) {
  int *c = &w->b->net_ind[s * RP_INDICATORS + (size_t)i];
  if (*c < 0) {
    const char *name = rp_indicator_name((rp_indicator_t)i);
    *c = rp_milp_col(w->m, RP_COL_INT, -RP_INF, RP_INF, "net_%s_s%zu", name, s);
    rp_milp_row(w->m, 0, 0, "net_%s_s%zu", name, s);
    rp_milp_term(w->m, *c, -1);
    add_net_terms(w, s, g0, g1, ind_flag[i]);
  }
  return *c;
}

/* outflow[s]: no section loses more than max_outflow_share of its teachers. */
static void add_outflow_row(work_t *w, size_t s, size_t g0, size_t g1) {
  if (g1 == g0)
    return;
  rp_milp_row(w->m, -RP_INF, w->out_cap[s], "outflow_s%zu", s);
  for (size_t g = g0; g < g1; g++)
    rp_milp_term(w->m, w->b->out[g].col, 1);
}

/* Adds the arrivals of subject j at s (when `in`) and minus its departures,
 * out[j0 .. j1) of the section's groups, to the current row. */
static void add_subject_terms(work_t *w, size_t s, size_t j0, size_t j1, rp_subject_t j, int in) {
  rp_build_t *b = w->b;
  int k0 = ((int)b->audit->sections[s].level * RP_SUBJECTS + (int)j) * RP_CLASS_FLAGS;
  for (int k = k0; in && k < k0 + RP_CLASS_FLAGS; k++)
    rp_milp_term(w->m, b->in_col[s * (size_t)w->K + (size_t)k], 1);
  for (size_t g = j0; g < j1; g++)
    rp_milp_term(w->m, b->out[g].col, -1);
}

/* Per subject j of section s, with n its teachers and `out` the most of
 * them that can leave:
 *  subject[s,j]: the plan keeps rp_subject_keep of them (subject_cover),
 *    counting arrivals of j (weak) or by departures alone (strong);
 *  subject_gap[s,j]: teachers + arrivals - departures + short >= the whole
 *    part of the demand, the gap joining the shortfall stage. */
static void add_subject_rows(work_t *w, size_t s, size_t g0, size_t g1) {
  rp_build_t *b = w->b;
  const rp_policy_t *p = b->policy;
  if (b->audit->sections[s].students == 0)
    return;
  size_t g = g0;
  for (int jj = 0; jj < RP_SUBJECTS; jj++) {
    rp_subject_t j = (rp_subject_t)jj;
    size_t j0 = g;
    int movable = 0;
    while (g < g1 && b->out[g].subject == j)
      movable += b->out[g++].eligible;
    const int n = b->audit->subjects[s * RP_SUBJECTS + j].teachers;
    const int out = movable < w->out_cap[s] ? movable : w->out_cap[s];
    const int keep = rp_subject_keep(p, b->audit, s, j);
    const char *name = rp_subject_name(j);
    if (keep > n - out) {
      rp_milp_row(w->m, keep - n, RP_INF, "subject_s%zu_%s", s, name);
      add_subject_terms(w, s, j0, g, j, p->subject_cover == RP_COVER_WEAK);
    }
    const int need = b->audit->subjects[s * RP_SUBJECTS + j].need;
    if (need > n - out) {
      int col = rp_milp_col(w->m, RP_COL_INT, 0, RP_INF, "short_%s_s%zu", name, s);
      rp_milp_cost(w->m, col, b->stage_short, 1);
      b->subj_short[s * RP_SUBJECTS + j] = col;
      rp_milp_row(w->m, need - n, RP_INF, "subject_gap_s%zu_%s", s, name);
      add_subject_terms(w, s, j0, g, j, 1);
      rp_milp_term(w->m, col, 1);
    }
  }
}

/* gain[s]: arrivals - departures <= the section's staffing gap plus
 * overstaff_share of its teachers: a plan does not pile teachers into a
 * section far beyond its required staff (编制); swaps stay possible.
 * Returns the cap. */
static int add_gain_row(work_t *w, size_t s, size_t g0, size_t g1) {
  const rp_section_t *sec = &w->b->audit->sections[s];
  int gap = sec->required_staff - sec->teachers - sec->other_staff;
  int allow = (int)floor(w->b->policy->overstaff_share * sec->teachers + 1e-9);
  int gain_cap = (gap > 0 ? gap : 0) + allow;
  rp_milp_row(w->m, -RP_INF, gain_cap, "gain_s%zu", s);
  add_net_terms(w, s, g0, g1, 0);
  return gain_cap;
}

/* staff[s]: teachers + other staff + arrivals - departures >= required */
static void add_staff_row(work_t *w, size_t s, size_t g0, size_t g1) {
  rp_build_t *b = w->b;
  const rp_section_t *sec = &b->audit->sections[s];
  b->staff_short[s] = -1;
  int staff_gap = sec->required_staff - sec->teachers - sec->other_staff;
  if (staff_gap + w->out_cap[s] <= 0)
    return;
  b->staff_short[s] = rp_milp_col(w->m, RP_COL_INT, 0, RP_INF, "short_staff_s%zu", s);
  rp_milp_cost(w->m, b->staff_short[s], b->stage_short, 1);
  rp_milp_row(w->m, staff_gap, RP_INF, "staff_s%zu", s);
  add_net_terms(w, s, g0, g1, 0);
  rp_milp_term(w->m, b->staff_short[s], 1);
}

/* target[s,i]: count + arrivals - departures >= whole teachers needed */
static void add_target_row(work_t *w, size_t s, size_t g0, size_t g1, int i, int out_i) {
  rp_build_t *b = w->b;
  const rp_section_t *sec = &b->audit->sections[s];
  if (sec->need[i] <= sec->count[i] - out_i)
    return;
  int col = rp_milp_col(w->m, RP_COL_INT, 0, RP_INF, "short_%s_s%zu",
                        rp_indicator_name((rp_indicator_t)i), s);
  rp_milp_cost(w->m, col, b->stage_short, 1);
  b->ind_short[s * RP_INDICATORS + (size_t)i] = col;
  int net = net_ind_col(w, s, g0, g1, i);
  rp_milp_row(w->m, sec->need[i] - sec->count[i], RP_INF, "target_%s_s%zu",
              rp_indicator_name((rp_indicator_t)i), s);
  rp_milp_term(w->m, net, 1);
  rp_milp_term(w->m, col, 1);
}

/* ---- Balance as exact CV^2 ---------------------------------------------------
 * var[s,i]: the section's share of CV^2 as unit steps of increasing cost
 * between its lowest (lo) and highest (hi) possible count.  Returns -1 when
 * out of memory. */
static int add_var_steps(work_t *w, size_t s, size_t g0, size_t g1, int i, int lo, int hi) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const rp_section_t *sec = &b->audit->sections[s];
  const rp_level_stats_t *L = &b->audit->level[sec->level];
  double mean = L->mean[i];
  b->cv_base[sec->level][i] += dev2(lo, sec->students, L->students, mean);
  b->cv_before[sec->level][i] += dev2(sec->count[i], sec->students, L->students, mean);
  if (hi == lo)
    return 0;
  int net = net_ind_col(w, s, g0, g1, i);
  rp_milp_row(m, lo - sec->count[i], lo - sec->count[i], "var_%s_s%zu",
              rp_indicator_name((rp_indicator_t)i), s);
  rp_milp_term(m, net, 1);
  for (int n = lo + 1; n <= hi; n++) {
    double fn = dev2(n, sec->students, L->students, mean);
    double cost = fn - dev2(n - 1, sec->students, L->students, mean);
    int u = rp_milp_col(m, RP_COL_CONT, 0, 1, "step_%s_s%zu_%d",
                        rp_indicator_name((rp_indicator_t)i), s, n);
    rp_milp_cost(m, u, b->stage_balance, cost);
    rp_milp_term(m, u, -1);
    if (b->n_steps == w->cap_steps) {
      w->cap_steps = w->cap_steps ? 2 * w->cap_steps : 1024;
      rp_step_t *ns = realloc(b->steps, w->cap_steps * sizeof *ns);
      if (!ns)
        return -1;
      b->steps = ns;
    }
    b->steps[b->n_steps++] = (rp_step_t){u, (int)sec->level, i, s, n, cost};
  }
  return 0;
}

/* The per-100 targets and balance of one counted section. */
static int add_indicator_rows(work_t *w, size_t s, size_t g0, size_t g1, int gain_cap) {
  rp_build_t *b = w->b;
  const rp_section_t *sec = &b->audit->sections[s];
  const int max_out = w->out_cap[s];
  for (int i = 0; i < RP_INDICATORS; i++) {
    b->ind_short[s * RP_INDICATORS + (size_t)i] = -1;
    if (!sec->counted)
      continue;
    unsigned f = ind_flag[i];
    int out_i = 0, in_i = 0;
    for (size_t g = g0; g < g1; g++)
      if (rp_class_flags(b->out[g].cls) & f)
        out_i += b->out[g].eligible;
    for (int k = 0; k < w->K; k++)
      if (b->in_col[s * (size_t)w->K + (size_t)k] >= 0 && rp_class_flags(k) & f)
        in_i += w->supply[k];
    if (out_i > max_out)
      out_i = max_out;
    add_target_row(w, s, g0, g1, i, out_i);
    if (b->audit->level[sec->level].mean[i] <= 0)
      continue;
    /* arrivals <= gain cap + departures: the steps cover every count the
     * other rows allow, so they restrict nothing. */
    int lo = sec->count[i] - out_i;
    int cap_in = gain_cap + max_out;
    int hi = sec->count[i] + (in_i < cap_in ? in_i : cap_in);
    if (add_var_steps(w, s, g0, g1, i, lo, hi) != 0)
      return -1;
  }
  return 0;
}

static int add_section_rows(work_t *w) {
  for (size_t s = 0; s < w->S; s++) {
    size_t g0, g1;
    section_groups(w->b, s, &g0, &g1);
    add_outflow_row(w, s, g0, g1);
    add_subject_rows(w, s, g0, g1);
    int gain_cap = add_gain_row(w, s, g0, g1);
    add_staff_row(w, s, g0, g1);
    if (add_indicator_rows(w, s, g0, g1, gain_cap) != 0)
      return -1;
  }
  return 0;
}

/* ---- Objective: stages -----------------------------------------------------------
 * docs/model.md, "Objective": do no harm, the least shortfall, the least
 * excess over the limits, the fewest moves (balance_moves more allowed),
 * balance, the fewest moves again when balance may use more, the shortest
 * distance when routes are modelled.  Each is minimised in turn, keeping
 * the earlier ones at their optimum (model/milp.h). */

static void add_stages(work_t *w) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const int extra = b->policy->balance_moves;
  b->stage_harm = rp_milp_stage(m, "do_no_harm", 0, 0, RP_CV_GAP);
  b->stage_rules = w->n_ahead || b->policy->backbone_reach
                       ? rp_milp_stage(m, "rule_shortfall", 1, 0, 0)
                       : -1;
  b->stage_short = rp_milp_stage(m, "shortfall", 1, 0, 0);
  b->stage_stable = b->previous ? rp_milp_stage(m, "stability", 1, 0, 0) : -1;
  b->stage_excess = rp_milp_stage(m, "excess", 0, 0, RP_CV_GAP);
  b->stage_moves = extra >= RP_UNLIMITED ? -1 : rp_milp_stage(m, "moves", 1, extra, 0);
  b->stage_balance = rp_milp_stage(m, "balance", 0, 0, RP_CV_GAP);
  b->stage_moves_after = extra > 0 ? rp_milp_stage(m, "moves_after_balance", 1, 0, 0) : -1;
  b->stage_distance =
      rp_rules_need_routes(b->policy) ? rp_milp_stage(m, "distance", 0, 0, 0) : -1;
}

/* The sections' squared deviations at their lowest counts are a constant
 * of the balance stage; as a column fixed at 1 every solver reads it alike
 * (LP and MPS files disagree on the sign of an objective constant). */
static void add_balance_constant(work_t *w) {
  double base = 0;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      base += w->b->cv_base[lv][i];
  int col = rp_milp_col(w->m, RP_COL_CONT, 1, 1, "objective_constant");
  w->b->const_col = col;
  rp_milp_cost(w->m, col, w->b->stage_balance, base);
  /* ... in a row of its own: in the stages where it costs nothing GLPK
   * would write it to MPS as an empty column, which CBC cannot read. */
  rp_milp_row(w->m, 1, 1, "objective_constant_is_1");
  rp_milp_term(w->m, col, 1);
}

/* ---- Stability: staying close to a previous plan ----------------------------
 * The stage counts the rows of the rotation list that change: the previous
 * plan's moves that are not kept plus the new plan's moves that it did not
 * have, |prev| + |new| - 2 kept.  The pooled model does not know which
 * teacher goes where, so a move counts as kept at each end: keep_out[g] <=
 * out[g] and <= the previous moves leaving group g, keep_in[s,k] <= in[s,k]
 * and <= the previous moves of class k arriving at s; the stage costs
 * |prev| (the constant column) + sum(out) - sum(keep_out) - sum(keep_in).
 * The assignment then sends each kept teacher where the previous plan did
 * (solver/assign.c), so the count is reached row by row.  A previous move
 * the rules no longer allow (the teacher pinned to stay by an appeal, the
 * school's arrivals of that class closed) is not kept. */

static long find_group(const rp_build_t *b, size_t s, int subject, int k);

/* The group a previous move leaves and the (section, class) it arrives at
 * (*in_idx), or -1 when the model cannot keep it: its teacher is no longer
 * free to move, or the move rules forbid it now (prev_to[teacher],
 * rp_previous_sections), or no arrival column of its class is there. */
static long previous_move_group(const rp_build_t *b, const size_t *prev_to, size_t teacher,
                                size_t *in_idx) {
  const rp_teacher_t *t = &b->county->teachers[teacher];
  size_t d = prev_to[teacher];
  if (!b->eligible_flag[teacher] || d >= RP_PREV_REFUSED)
    return -1;
  int k = rp_teacher_class(b->policy, t);
  *in_idx = d * (size_t)b->n_classes + (size_t)k;
  if (b->in_col[*in_idx] < 0)
    return -1;
  return find_group(b, b->audit->section_of[t->school * 2 + t->level], (int)t->subject, k);
}

static int add_stability(work_t *w) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const size_t SK = w->S * (size_t)w->K;
  int *n_out = calloc(b->n_out + 1, sizeof *n_out), *n_in = calloc(SK + 1, sizeof *n_in);
  size_t *prev_to = rp_previous_sections(&b->rules, b->previous);
  b->keep_out = malloc((b->n_out + 1) * sizeof *b->keep_out);
  b->keep_in = malloc((SK + 1) * sizeof *b->keep_in);
  if (!n_out || !n_in || !prev_to || !b->keep_out || !b->keep_in) {
    free(n_out);
    free(n_in);
    free(prev_to);
    return -1;
  }
  for (size_t q = 0; q < b->previous->n; q++) {
    size_t in_idx = 0;
    long g = previous_move_group(b, prev_to, b->previous->moves[q].teacher, &in_idx);
    if (g >= 0) {
      n_out[g]++;
      n_in[in_idx]++;
    }
  }
  free(prev_to);
  for (size_t g = 0; g < b->n_out; g++) {
    const rp_outgroup_t *o = &b->out[g];
    rp_milp_cost(m, o->col, b->stage_stable, 1);
    b->keep_out[g] = -1;
    if (n_out[g] == 0)
      continue;
    b->keep_out[g] = rp_milp_col(m, RP_COL_CONT, 0, n_out[g], "keep_out_s%zu_%s_c%d",
                                 o->section, rp_subject_name(o->subject), o->cls);
    rp_milp_cost(m, b->keep_out[g], b->stage_stable, -1);
    rp_milp_row(m, -RP_INF, 0, "keep_out_s%zu_%s_c%d", o->section,
                rp_subject_name(o->subject), o->cls);
    rp_milp_term(m, b->keep_out[g], 1);
    rp_milp_term(m, o->col, -1);
  }
  for (size_t idx = 0; idx < SK; idx++) {
    b->keep_in[idx] = -1;
    if (n_in[idx] == 0)
      continue;
    size_t s = idx / (size_t)w->K;
    int k = (int)(idx % (size_t)w->K);
    b->keep_in[idx] = rp_milp_col(m, RP_COL_CONT, 0, n_in[idx], "keep_in_s%zu_%s_c%d", s,
                                  cls_subject(k), k);
    rp_milp_cost(m, b->keep_in[idx], b->stage_stable, -1);
    rp_milp_row(m, -RP_INF, 0, "keep_in_s%zu_%s_c%d", s, cls_subject(k), k);
    rp_milp_term(m, b->keep_in[idx], 1);
    rp_milp_term(m, b->in_col[idx], -1);
  }
  /* Every previous move counts once, kept or not. */
  rp_milp_cost(m, b->const_col, b->stage_stable, (double)b->previous->n);
  free(n_out);
  free(n_in);
  return 0;
}

/* A level's CV^2 in the var rows' terms (its sections at their lowest
 * counts, a constant, plus the steps taken) into the current row. */
static void add_level_cv2_terms(rp_build_t *b, int lv, int i) {
  for (size_t q = 0; q < b->n_steps; q++)
    if (b->steps[q].lv == lv && b->steps[q].ind == i)
      rp_milp_term(b->milp, b->steps[q].col, b->steps[q].cost);
}

/* CV^2[L,i] - elastic <= cap: the elastic column costs 1 in `stage`.
 * Returns the column. */
static int add_cv_row(rp_build_t *b, int lv, int i, double cap, int stage, const char *rule) {
  rp_milp_t *m = b->milp;
  const char *lname = rp_level_name((rp_level_t)lv);
  const char *iname = rp_indicator_name((rp_indicator_t)i);
  int col = rp_milp_col(m, RP_COL_CONT, 0, RP_INF, "%s_over_%s_%s", rule, lname, iname);
  rp_milp_cost(m, col, stage, 1);
  rp_milp_row(m, -RP_INF, cap - b->cv_base[lv][i], "%s_%s_%s", rule, lname, iname);
  add_level_cv2_terms(b, lv, i);
  rp_milp_term(m, col, -1);
  return col;
}

static int add_self_rows(rp_build_t *b, const double *x);

/* Each level's CV^2 of each indicator in the plan x, as the audit computes
 * it (rp_level_cv, the audit's own function): the mean too moves when a
 * plan brings teachers into the counted sections from a teaching point
 * left out of them, which the var rows' fixed mean does not see.  -1 when
 * out of memory. */
static int plan_cv2(const rp_build_t *b, const double *x, double cv2[RP_LEVELS][RP_INDICATORS]) {
  const rp_audit_t *a = b->audit;
  const size_t S = a->n_sections;
  const int K = b->n_classes;
  double *net = calloc(S * RP_INDICATORS + 1, sizeof *net);
  double *v = malloc((S + 1) * sizeof *v), *w = malloc((S + 1) * sizeof *w);
  if (!net || !v || !w) {
    free(net);
    free(v);
    free(w);
    return -1;
  }
  for (size_t g = 0; g < b->n_out; g++)
    for (int i = 0; i < RP_INDICATORS; i++)
      if (rp_class_flags(b->out[g].cls) & ind_flag[i])
        net[b->out[g].section * RP_INDICATORS + (size_t)i] -= x[b->out[g].col];
  for (size_t s = 0; s < S; s++)
    for (int k = 0; k < K; k++) {
      int in = b->in_col[s * (size_t)K + (size_t)k];
      for (int i = 0; in >= 0 && i < RP_INDICATORS; i++)
        if (rp_class_flags(k) & ind_flag[i])
          net[s * RP_INDICATORS + (size_t)i] += x[in];
    }
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      double mean, cv;
      rp_level_cv(a, lv, i, net, v, w, &mean, &cv);
      cv2[lv][i] = cv * cv;
    }
  free(net);
  free(v);
  free(w);
  return 0;
}

/* The caps of level lv's indicator i in CV^2: its limit, and for
 * do_no_harm the larger of the limit and its value before. */
static double cv_limit2(const rp_build_t *b, int lv) {
  return b->policy->cv_limit[lv] * b->policy->cv_limit[lv];
}
static double cv_harm2(const rp_build_t *b, int lv, int i) {
  double lim2 = cv_limit2(b, lv);
  return lim2 > b->cv_before[lv][i] ? lim2 : b->cv_before[lv][i];
}

int rp_build_add_lazy_rows(rp_build_t *b, const double *x, int *hard) {
  int added = 0;
  *hard = 0;
  double cv2_of[RP_LEVELS][RP_INDICATORS];
  if (plan_cv2(b, x, cv2_of) != 0)
    return -1;
  /* do_no_harm[L,i]: CV^2 <= max(limit^2, CV^2 before), elastic;
   * cvlimit[L,i]: CV^2 <= limit^2, elastic through its excess.  Added
   * where the plan's coefficient (as the audit computes it) breaks them. */
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      if (b->audit->level[lv].mean[i] <= 0)
        continue;
      double lim2 = cv_limit2(b, lv), harm2 = cv_harm2(b, lv, i);
      double cv2 = cv2_of[lv][i];
      if (b->cv_harm[lv][i] < 0 && cv2 > harm2 + 1e-9) {
        b->cv_harm[lv][i] = add_cv_row(b, lv, i, harm2, b->stage_harm, "do_no_harm");
        added++;
      }
      if (b->cv_excess[lv][i] < 0 && cv2 > lim2 + 1e-9) {
        b->cv_excess[lv][i] = add_cv_row(b, lv, i, lim2, b->stage_excess, "cvlimit");
        added++;
      }
    }
  int self = add_self_rows(b, x);
  *hard = self;
  return self < 0 || b->milp->failed ? -1 : added + self;
}

static int add_self_rows(rp_build_t *b, const double *x) {
  const rp_audit_t *a = b->audit;
  const size_t S = a->n_sections;
  const int K = b->n_classes;
  rp_milp_t *m = b->milp;
  int added = 0;
  size_t g0 = 0;
  for (size_t s = 0; s < S; s++) {
    size_t g1 = g0;
    while (g1 < b->n_out && b->out[g1].section == s)
      g1++;
    for (int k = 0; k < K; k++) {
      int in = b->in_col[s * (size_t)K + (size_t)k], tot = b->moved_col[k];
      if (in < 0 || tot < 0)
        continue;
      double out = 0;
      for (size_t g = g0; g < g1; g++)
        if (b->out[g].cls == k)
          out += x[b->out[g].col];
      if (x[in] + out <= x[tot] + 0.5)
        continue;
      /* self[s,class]: in + out <= moved */
      rp_milp_row(m, -RP_INF, 0, "self_s%zu_%s_c%d", s, cls_subject(k), k);
      rp_milp_term(m, in, 1);
      for (size_t g = g0; g < g1; g++)
        if (b->out[g].cls == k)
          rp_milp_term(m, b->out[g].col, 1);
      rp_milp_term(m, tot, -1);
      added++;
    }
    g0 = g1;
  }
  return m->failed ? -1 : added;
}

/* ---- A start from another plan ------------------------------------------------ */

/* The out group of (section, subject, class), or -1: groups are sorted. */
static long find_group(const rp_build_t *b, size_t s, int subject, int k) {
  size_t lo = 0, hi = b->n_out;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const rp_outgroup_t *g = &b->out[mid];
    int c = rp_group_cmp(g->section, (int)g->subject, g->cls, s, subject, k);
    if (c == 0)
      return (long)mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

/* The order add_route_columns makes the arcs in: o, then class, then d. */
static int arc_cmp(const rp_arc_t *a, size_t o, int k, size_t d) {
  if (a->o != o)
    return a->o < o ? -1 : 1;
  if (a->k != k)
    return a->k < k ? -1 : 1;
  return a->d == d ? 0 : a->d < d ? -1 : 1;
}

/* The flow column of (o, d, class), or -1. */
static int find_arc(const rp_build_t *b, size_t o, size_t d, int k) {
  size_t lo = 0, hi = b->n_arcs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const rp_arc_t *a = &b->arcs[mid];
    int c = arc_cmp(a, o, k, d);
    if (c == 0)
      return a->col;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

/* x[col] = v for a column that was made (col >= 0). */
static void set_col(double *x, int col, double v) {
  if (col >= 0)
    x[col] = v;
}

/* Row `row` at x without column `skip`. */
static double row_activity(const rp_milp_t *m, int row, const double *x, int skip) {
  const rp_row_t *r = &m->rows[row];
  double act = 0;
  for (size_t z = r->first; z < r->first + r->n; z++)
    if (m->nz[z].col != skip)
      act += m->nz[z].val * x[m->nz[z].col];
  return act;
}

/* The whole teachers by which row `row` at x, without column `skip`, falls
 * below its lower bound (0 when it does not). */
static double row_short(const rp_milp_t *m, int row, const double *x, int skip) {
  double need = m->rows[row].lb - row_activity(m, row, x, skip);
  return need > 1e-9 ? ceil(need - 1e-9) : 0;
}

/* A later year's moves in a start plan: taken group by group (backbone
 * groups first, for the backbone share), up to what the group's carry row
 * and its section's outflow cap leave, until the quota is met; then its
 * whole moves and the shortfall of its rules.  The years before it are in
 * x already. */
static void fill_ahead_year(const rp_build_t *b, double *x) {
  const rp_milp_t *m = b->milp;
  const rp_policy_t *p = b->policy;
  const size_t S = b->audit->n_sections;
  /* x holds 0 for this year's columns yet: what its rows lack now */
  double need = row_short(m, b->quota_row, x, -1);
  double need_bb = p->backbone_base == RP_BASE_ROTATED ? ceil(p->backbone_share * need - 1e-9)
                                                       : row_short(m, b->bb_row, x, -1);
  double all = 0, bb = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t s = 0; s < S; s++) {
      double left = rp_section_outflow_cap(p, &b->audit->sections[s]);
      for (size_t g = b->grp_start[s]; g < b->grp_start[s + 1]; g++)
        left -= x[b->out[g].col];
      for (size_t g = b->grp_start[s]; g < b->grp_start[s + 1] && left > 0; g++) {
        const rp_outgroup_t *o = &b->out[g];
        int is_bb = (rp_class_flags(o->cls) & RP_CLASS_ROT_BB) != 0;
        double want = pass == 0 ? (is_bb ? need_bb - bb : 0) : need - all;
        double room = o->eligible - x[o->col];
        if (b->carry_row[g] >= 0) {
          double carry = m->rows[b->carry_row[g]].ub - row_activity(m, b->carry_row[g], x, -1);
          room = room < carry ? room : carry;
        }
        double take = floor(fmin(fmin(want, room), left) + 1e-9);
        if (take <= 0)
          continue;
        x[o->col] += take;
        left -= take;
        all += take;
        bb += is_bb ? take : 0;
      }
    }
  x[b->moved_all_col] = all;
  x[b->moved_bb_col] = bb;
  x[b->quota_short] = row_short(m, b->quota_row, x, b->quota_short);
  x[b->bb_short] = row_short(m, b->bb_row, x, b->bb_short);
}

int rp_build_start(const rp_build_t *b, const rp_plan_t *plan, const rp_audit_t *after,
                   double *x) {
  const rp_milp_t *m = b->milp;
  const size_t S = b->audit->n_sections;
  const size_t K = (size_t)b->n_classes;
  for (size_t j = 0; j < m->ncols; j++)
    x[j] = 0;
  for (size_t q = 0; q < plan->n_moves; q++) {
    const rp_move_t *mv = &plan->moves[q];
    const rp_teacher_t *t = &b->county->teachers[mv->teacher];
    int k = rp_teacher_class(b->policy, t);
    long g = find_group(b, mv->from_section, (int)t->subject, k);
    int in = b->in_col[mv->to_section * K + (size_t)k];
    if (g < 0 || in < 0)
      return -1;
    x[b->out[g].col]++;
    x[in]++;
    if (b->moved_col[k] >= 0)
      x[b->moved_col[k]]++;
    if (b->n_arcs) {
      int arc = find_arc(b, mv->from_section, mv->to_section, k);
      if (arc < 0)
        return -1;
      x[arc]++;
    }
  }
  for (size_t s = 0; s < S; s++) {
    const rp_section_t *sec = &after->sections[s], *was = &b->audit->sections[s];
    set_col(x, b->staff_short[s], rp_section_staff_gap(sec));
    for (int i = 0; i < RP_INDICATORS; i++) {
      size_t si = s * RP_INDICATORS + (size_t)i;
      set_col(x, b->net_ind[si], sec->count[i] - was->count[i]);
      set_col(x, b->ind_short[si], rp_section_gap(sec, (rp_indicator_t)i));
    }
    for (int j = 0; j < RP_SUBJECTS; j++)
      set_col(x, b->subj_short[s * RP_SUBJECTS + (size_t)j],
              rp_subject_gap(after, s, (rp_subject_t)j));
  }
  for (size_t q = 0; q < b->n_steps; q++) {
    const rp_step_t *st = &b->steps[q];
    x[st->col] = after->sections[st->s].count[st->ind] >= st->n;
  }
  rp_build_fill_elastic(b, x);
  x[b->const_col] = 1;
  rp_build_fill_keep(b, x);
  for (size_t y = 0; y < b->n_ahead; y++)
    fill_ahead_year(b->ahead[y], x);
  return 0;
}

void rp_build_fill_keep(const rp_build_t *b, double *x) {
  if (!b->previous)
    return;
  for (size_t g = 0; g < b->n_out; g++)
    if (b->keep_out[g] >= 0)
      x[b->keep_out[g]] = fmin(x[b->out[g].col], b->milp->cols[b->keep_out[g]].ub);
  const size_t SK = b->audit->n_sections * (size_t)b->n_classes;
  for (size_t idx = 0; idx < SK; idx++)
    if (b->keep_in[idx] >= 0)
      x[b->keep_in[idx]] = fmin(x[b->in_col[idx]], b->milp->cols[b->keep_in[idx]].ub);
}

void rp_build_fill_elastic(const rp_build_t *b, double *x) {
  double cv2[RP_LEVELS][RP_INDICATORS];
  memcpy(cv2, b->cv_base, sizeof cv2);
  for (size_t q = 0; q < b->n_steps; q++)
    cv2[b->steps[q].lv][b->steps[q].ind] += b->steps[q].cost * x[b->steps[q].col];
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      double harm = cv2[lv][i] - cv_harm2(b, lv, i), excess = cv2[lv][i] - cv_limit2(b, lv);
      if (b->cv_harm[lv][i] >= 0)
        x[b->cv_harm[lv][i]] = harm > 0 ? harm : 0;
      if (b->cv_excess[lv][i] >= 0)
        x[b->cv_excess[lv][i]] = excess > 0 ? excess : 0;
    }
}

/* ---- rp_build ------------------------------------------------------------------- */

static rp_build_t *build_alloc(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                               const rp_pin_t *pins, size_t n_pins) {
  const size_t S = a->n_sections;
  const int K = RP_LEVELS * RP_CLASSES_PER_LEVEL;
  rp_build_t *b = calloc(1, sizeof *b);
  if (!b)
    return NULL;
  b->county = c;
  b->policy = p;
  b->audit = a;
  b->rules = (rp_move_ctx_t){c, p, a, pins, n_pins};
  b->n_classes = K;
  b->owns_milp = 1;
  b->stage_rules = b->quota_short = b->bb_short = -1;
  b->milp = rp_milp_create("rotaplan");
  b->eligible_flag = calloc(c->n_teachers + 1, sizeof *b->eligible_flag);
  b->in_col = malloc((S * K + 1) * sizeof *b->in_col);
  b->in_pinned = calloc(S * K + 1, sizeof *b->in_pinned);
  b->moved_col = malloc(((size_t)K + 1) * sizeof *b->moved_col);
  b->staff_short = malloc((S + 1) * sizeof *b->staff_short);
  b->ind_short = malloc((S * RP_INDICATORS + 1) * sizeof *b->ind_short);
  b->subj_short = malloc((S * RP_SUBJECTS + 1) * sizeof *b->subj_short);
  b->net_ind = malloc((S * RP_INDICATORS + 1) * sizeof *b->net_ind);
  if (!b->milp || !b->moved_col || !b->eligible_flag || !b->in_col || !b->in_pinned ||
      !b->staff_short || !b->ind_short || !b->subj_short || !b->net_ind) {
    rp_build_free(b);
    return NULL;
  }
  for (int k = 0; k < K; k++)
    b->moved_col[k] = -1;
  for (size_t q = 0; q < S * RP_SUBJECTS; q++)
    b->subj_short[q] = -1;
  for (size_t q = 0; q < S * RP_INDICATORS; q++)
    b->net_ind[q] = -1;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      b->cv_excess[lv][i] = b->cv_harm[lv][i] = -1;
  for (size_t k = 0; k < c->n_teachers; k++)
    b->eligible_flag[k] = rp_teacher_eligible(p, &c->teachers[k], NULL);
  return b;
}

static void work_free(work_t *w) {
  free(w->supply);
  free(w->out_cap);
  free(w->sec_eligible);
  free(w->sec_pinned);
  free(w->pinned_move);
}

/* ---- Years planned together --------------------------------------------------
 * docs/model.md, "Years planned together".  A later year's block: its
 * county as it would stand had nobody moved before it, the earlier
 * years' moves added to its section rows (add_earlier_terms); here its
 * links to them (who is still free to move) and its county rows. */

/* The plan-year teachers' groups in block b ([plan-year teacher] -> group
 * or -1): the plan year's by index, a later year's through its origin. */
static int map_groups(rp_build_t *b, size_t n0, const size_t *origin) {
  const rp_county_t *c = b->county;
  b->group_of_origin = malloc((n0 + 1) * sizeof *b->group_of_origin);
  if (!b->group_of_origin)
    return -1;
  for (size_t i = 0; i < n0; i++)
    b->group_of_origin[i] = -1;
  for (size_t k = 0; k < c->n_teachers; k++) {
    size_t i0 = origin ? origin[k] : k;
    if (!b->eligible_flag[k] || i0 >= n0)
      continue;
    const rp_teacher_t *t = &c->teachers[k];
    b->group_of_origin[i0] = find_group(b, b->audit->section_of[t->school * 2 + t->level],
                                        block_subject(b, t), block_class(b, t));
  }
  return 0;
}

/* Do a later year's group g (of block b, pooled without the subject) and
 * an earlier year's group ge (of block e) pool the same teachers: same
 * school and level, and ge's class without its subject is g's. */
static int groups_match(const rp_build_t *b, const rp_outgroup_t *g, const rp_build_t *e,
                        const rp_outgroup_t *ge) {
  const rp_section_t *s = &b->audit->sections[g->section];
  const rp_section_t *se = &e->audit->sections[ge->section];
  return s->school == se->school && s->level == se->level && coarse_class(ge->cls) == g->cls;
}

/* carry[g]: a later year's group g keeps those the earlier years did not
 * move: out[g] + the earlier years' out of its teachers' groups then <=
 * its teachers + those groups' teachers not free to move in this year
 * (movers are counted against these first).  The earlier columns whose
 * teachers are free to move in this year go into linked (for the quota's
 * base, with their backbone flag), and *n_linked counts them. */
static int add_carry_rows(work_t *w, const size_t *origin, int *linked, size_t *n_linked) {
  rp_build_t *b = w->b;
  const rp_county_t *c = b->county;
  const size_t E = w->n_earlier;
  int *both = calloc(b->n_out * E + 1, sizeof *both); /* [g * E + e] free in both years */
  if (!both)
    return -1;
  for (size_t k = 0; k < c->n_teachers; k++) {
    if (!b->eligible_flag[k] || origin[k] == SIZE_MAX)
      continue;
    const rp_teacher_t *t = &c->teachers[k];
    size_t s = b->audit->section_of[t->school * 2 + t->level];
    long g = find_group(b, s, block_subject(b, t), block_class(b, t));
    for (size_t e = 0; g >= 0 && e < E; e++) {
      const rp_build_t *eb = w->earlier[e];
      long ge = eb->group_of_origin[origin[k]];
      if (ge >= 0 && groups_match(b, &b->out[g], eb, &eb->out[ge]))
        both[(size_t)g * E + e]++;
    }
  }
  *n_linked = 0;
  if (!(b->carry_row = malloc((b->n_out + 1) * sizeof *b->carry_row))) {
    free(both);
    return -1;
  }
  for (size_t g = 0; g < b->n_out; g++) {
    const rp_outgroup_t *o = &b->out[g];
    const rp_section_t *sec = &b->audit->sections[o->section];
    int started = 0;
    b->carry_row[g] = -1;
    double rhs = o->eligible;
    for (size_t e = 0; e < E; e++) {
      const rp_build_t *eb = w->earlier[e];
      size_t se = eb->audit->section_of[sec->school * 2 + (size_t)sec->level];
      if (se == SIZE_MAX || both[g * E + e] == 0)
        continue;
      rhs -= both[g * E + e];
      for (size_t ge = eb->grp_start[se]; ge < eb->grp_start[se + 1]; ge++)
        if (groups_match(b, o, eb, &eb->out[ge]))
          rhs += eb->out[ge].eligible;
    }
    for (size_t e = 0; e < E; e++) {
      const rp_build_t *eb = w->earlier[e];
      size_t se = eb->audit->section_of[sec->school * 2 + (size_t)sec->level];
      if (se == SIZE_MAX || both[g * E + e] == 0)
        continue;
      for (size_t ge = eb->grp_start[se]; ge < eb->grp_start[se + 1]; ge++) {
        if (!groups_match(b, o, eb, &eb->out[ge]))
          continue;
        if (!started) {
          b->carry_row[g] = rp_milp_row(w->m, -RP_INF, rhs, "carry_s%zu_c%d", o->section, o->cls);
          rp_milp_term(w->m, o->col, 1);
          started = 1;
        }
        rp_milp_term(w->m, eb->out[ge].col, 1);
        linked[2 * (*n_linked)] = eb->out[ge].col;
        linked[2 * (*n_linked) + 1] = rp_class_flags(o->cls) & RP_CLASS_ROT_BB ? 1 : 0;
        (*n_linked)++;
      }
    }
  }
  free(both);
  return w->m->failed ? -1 : 0;
}

/* A later year's quota and backbone share, elastic: quota_short and
 * backbone_short (whole teachers) cost 1 each in rule_shortfall.  The
 * year's moves and backbone moves are whole (moved_all, moved_backbone,
 * integer columns among the year's continuous ones), so that the rules
 * round as they do in a plan (at least 1 backbone teacher of 3 moved):
 *   quota:    moved_all + share * linked >= share * eligible
 *   backbone: moved_backbone - share * moved_all >= 0 (backbone_base =
 *             rotated), or moved_backbone + share * linked backbone >=
 *             share * eligible backbone (backbone_base = eligible_backbone). */
static void add_ahead_county_rows(work_t *w, const int *linked, size_t n_linked) {
  rp_build_t *b = w->b;
  rp_milp_t *m = w->m;
  const rp_policy_t *p = b->policy;
  int eligible, eligible_bb;
  count_free(b, &eligible, &eligible_bb);
  int all = b->moved_all_col = rp_milp_col(m, RP_COL_INT, 0, eligible, "moved_all");
  int bb = b->moved_bb_col = rp_milp_col(m, RP_COL_INT, 0, eligible_bb, "moved_backbone");
  b->quota_short = rp_milp_col(m, RP_COL_INT, 0, RP_INF, "quota_short");
  b->bb_short = rp_milp_col(m, RP_COL_INT, 0, RP_INF, "backbone_short");
  rp_milp_cost(m, b->quota_short, b->stage_rules, 1);
  rp_milp_cost(m, b->bb_short, b->stage_rules, 1);
  rp_milp_row(m, 0, 0, "moved_all");
  rp_milp_term(m, all, -1);
  for (size_t g = 0; g < b->n_out; g++)
    rp_milp_term(m, b->out[g].col, 1);
  rp_milp_row(m, 0, 0, "moved_backbone");
  rp_milp_term(m, bb, -1);
  for (size_t g = 0; g < b->n_out; g++)
    if (rp_class_flags(b->out[g].cls) & RP_CLASS_ROT_BB)
      rp_milp_term(m, b->out[g].col, 1);
  b->quota_row = rp_milp_row(m, p->quota_share * eligible, RP_INF, "quota");
  rp_milp_term(m, all, 1);
  for (size_t q = 0; q < n_linked; q++)
    rp_milp_term(m, linked[2 * q], p->quota_share);
  rp_milp_term(m, b->quota_short, 1);
  if (p->backbone_base == RP_BASE_ROTATED) {
    b->bb_row = rp_milp_row(m, 0, RP_INF, "backbone_share");
    rp_milp_term(m, bb, 1);
    rp_milp_term(m, all, -p->backbone_share);
  } else {
    b->bb_row = rp_milp_row(m, p->backbone_share * eligible_bb, RP_INF, "backbone_min");
    rp_milp_term(m, bb, 1);
    for (size_t q = 0; q < n_linked; q++)
      if (linked[2 * q + 1])
        rp_milp_term(m, linked[2 * q], p->backbone_share);
  }
  rp_milp_term(m, b->bb_short, 1);
}

/* A later year's moves: out[g] per group, continuous and costing nothing
 * (they only keep its rules possible), and its sections' outflow caps. */
static void add_ahead_out_columns(work_t *w) {
  rp_build_t *b = w->b;
  for (size_t g = 0; g < b->n_out; g++) {
    rp_outgroup_t *o = &b->out[g];
    o->col = rp_milp_col(w->m, RP_COL_CONT, 0, o->eligible, "out_s%zu_c%d", o->section, o->cls);
  }
  for (size_t s = 0; s < w->S; s++)
    add_outflow_row(w, s, b->grp_start[s], b->grp_start[s + 1]);
}

/* Later year y (ahead[y]) into b0's model, as block b0->ahead[y]. */
static rp_status_t build_ahead(rp_build_t *b0, const rp_year_ahead_t *ya, size_t y) {
  rp_build_t *b = build_alloc(ya->county, ya->policy, ya->audit, NULL, 0);
  if (!b)
    return RP_ENOMEM;
  rp_milp_free(b->milp);
  b->milp = b0->milp;
  b->owns_milp = 0;
  b0->ahead[b0->n_ahead++] = b;
  b->coarse = 1;
  b->stage_harm = b0->stage_harm;
  b->stage_rules = b0->stage_rules;
  b->stage_short = b0->stage_short;
  b->stage_stable = -1;
  b->stage_excess = b0->stage_excess;
  b->stage_moves = b0->stage_moves;
  b->stage_balance = b0->stage_balance;
  b->stage_moves_after = b0->stage_moves_after;
  b->stage_distance = -1;
  b->const_col = b0->const_col;
  rp_build_t **earlier = malloc((y + 1) * sizeof *earlier);
  work_t w = {0};
  w.b = b;
  w.m = b->milp;
  w.S = ya->audit->n_sections;
  w.K = b->n_classes;
  w.supply = calloc((size_t)w.K, sizeof *w.supply);
  w.out_cap = calloc(w.S + 1, sizeof *w.out_cap);
  w.sec_eligible = calloc(w.S + 1, sizeof *w.sec_eligible);
  w.sec_pinned = calloc(w.S + 1, sizeof *w.sec_pinned);
  w.pinned_move = calloc(ya->county->n_teachers + 1, sizeof *w.pinned_move);
  size_t n_earlier_out = b0->n_out;
  for (size_t e = 0; e < y; e++)
    n_earlier_out += b0->ahead[e]->n_out;
  int *linked = malloc((2 * n_earlier_out + 2) * sizeof *linked);
  size_t n_linked = 0;
  rp_status_t st = RP_ENOMEM;
  if (!earlier || !w.supply || !w.out_cap || !w.sec_eligible || !w.sec_pinned ||
      !w.pinned_move || !linked)
    goto done;
  earlier[0] = b0;
  for (size_t e = 0; e < y; e++)
    earlier[e + 1] = b0->ahead[e];
  w.earlier = earlier;
  w.n_earlier = y + 1;
  snprintf(w.m->prefix, sizeof w.m->prefix, "y%d_", ya->policy->plan_year);
  if (pool_by_class(&w) != 0 || map_groups(b, b0->county->n_teachers, ya->origin) != 0)
    goto done;
  for (size_t s = 0; s < w.S; s++)
    w.out_cap[s] = rp_section_outflow_cap(ya->policy, &ya->audit->sections[s]);
  add_ahead_out_columns(&w);
  if (add_carry_rows(&w, ya->origin, linked, &n_linked) != 0)
    goto done;
  add_ahead_county_rows(&w, linked, n_linked);
  st = w.m->failed ? RP_ENOMEM : RP_OK;
done:
  w.m->prefix[0] = '\0';
  work_free(&w);
  free(earlier);
  free(linked);
  return st;
}

rp_status_t rp_build(const rp_county_t *c, const rp_policy_t *p,
                     const rp_audit_t *a, const rp_pin_t *pins, size_t n_pins,
                     const rp_previous_t *previous, rp_build_t **out, rp_diag_t *diag) {
  return rp_build_years(c, p, a, pins, n_pins, previous, NULL, 0, out, diag);
}

rp_status_t rp_build_years(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                           const rp_pin_t *pins, size_t n_pins, const rp_previous_t *previous,
                           const rp_year_ahead_t *ahead, size_t n_ahead, rp_build_t **out,
                           rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  work_t w = {0};
  *out = NULL;
  w.b = build_alloc(c, p, a, pins, n_pins);
  if (!w.b)
    goto done;
  w.m = w.b->milp;
  w.b->previous = previous;
  w.S = a->n_sections;
  w.K = w.b->n_classes;
  w.supply = calloc((size_t)w.K, sizeof *w.supply);
  w.out_cap = calloc(w.S + 1, sizeof *w.out_cap);
  w.sec_eligible = calloc(w.S + 1, sizeof *w.sec_eligible);
  w.sec_pinned = calloc(w.S + 1, sizeof *w.sec_pinned);
  w.pinned_move = calloc(c->n_teachers + 1, sizeof *w.pinned_move);
  w.n_ahead = n_ahead;
  if (!w.supply || !w.out_cap || !w.sec_eligible || !w.sec_pinned || !w.pinned_move)
    goto done;

  size_t errors0 = diag->n_errors;
  apply_pins(&w, pins, n_pins, diag);
  if (diag->n_errors > errors0) {
    st = RP_EINFEASIBLE;
    goto done;
  }
  if (pool_by_class(&w) != 0)
    goto done;
  if ((st = check_before_solving(&w, diag)) != RP_OK)
    goto done;
  st = RP_ENOMEM;
  add_stages(&w);
  add_out_in_columns(&w);
  if (rp_rules_need_routes(p)) {
    if (add_routes(&w) != 0)
      goto done;
  } else {
    add_balance_rows(&w);
  }
  add_county_rows(&w);
  if (add_section_rows(&w) != 0)
    goto done;
  add_balance_constant(&w);
  if (w.b->previous && add_stability(&w) != 0)
    goto done;
  if (n_ahead) {
    if (!(w.b->ahead = calloc(n_ahead, sizeof *w.b->ahead)) ||
        map_groups(w.b, c->n_teachers, NULL) != 0)
      goto done;
    for (size_t y = 0; y < n_ahead; y++)
      if ((st = build_ahead(w.b, &ahead[y], y)) != RP_OK)
        goto done;
    st = RP_ENOMEM;
  }
  st = w.m->failed ? RP_ENOMEM : RP_OK;
done:
  work_free(&w);
  if (st == RP_OK)
    *out = w.b;
  else
    rp_build_free(w.b);
  return st;
}
