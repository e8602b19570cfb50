/* The pooled rotation model (see builder.h; every row is written out in
 * docs/model.md under the same name). */
#include "model/builder.h"

#include "model/plan.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
  return (int)t->level * RP_CLASSES_PER_LEVEL + (int)f;
}

static const unsigned ind_flag[RP_INDICATORS] = {RP_CLASS_DEGREE, RP_CLASS_BACKBONE,
                                                 RP_CLASS_PE_ART};

void rp_build_free(rp_build_t *b) {
  if (!b)
    return;
  rp_milp_free(b->milp);
  free(b->out);
  free(b->in_col);
  free(b->in_pinned);
  free(b->moved_col);
  free(b->steps);
  free(b->staff_short);
  free(b->ind_short);
  free(b->eligible_flag);
  free(b);
}

typedef struct {
  size_t section;
  int subject, cls;
  size_t teacher;
} member_t;

static int member_cmp(const void *a, const void *b) {
  const member_t *x = a, *y = b;
  if (x->section != y->section)
    return x->section < y->section ? -1 : 1;
  if (x->subject != y->subject)
    return x->subject - y->subject;
  if (x->cls != y->cls)
    return x->cls - y->cls;
  return x->teacher < y->teacher ? -1 : x->teacher > y->teacher;
}

/* Normalised squared deviation of a section with n teachers of an indicator:
 * (P_s / P) (100 n / P_s - m)^2 / m^2, its share of CV^2 (docs/model.md). */
static double dev2(int n, int ps, int P, double m) {
  double x = 100.0 * n / ps - m;
  return (double)ps / P * x * x / (m * m);
}

/* Flow columns between sections within max_km and the rows that tie them to
 * the out and in columns (docs/model.md, "Distance").  Returns -1 when out
 * of memory. */
static int add_routes(rp_build_t *b, rp_milp_t *m, int K) {
  const rp_audit_t *a = b->audit;
  const rp_county_t *c = b->county;
  const size_t S = a->n_sections;
  typedef struct { size_t o, d; int k, col; } arc_t;
  arc_t *arcs = NULL;
  size_t narcs = 0, cap = 0;
  size_t *by_in = NULL, *start = NULL;
  int rc = -1;
  /* Out groups of one section are contiguous in b->out. */
  size_t g0 = 0;
  double movable = 0; /* at most this many moves: the bound on total km cost */
  for (size_t g = 0; g < b->n_out; g++)
    movable += b->out[g].eligible;
  for (size_t o = 0; o < S; o++) {
    size_t g1 = g0;
    while (g1 < b->n_out && b->out[g1].section == o)
      g1++;
    for (int k = 0; k < K; k++) {
      int have = 0;
      for (size_t g = g0; g < g1 && !have; g++)
        have = b->out[g].cls == k;
      if (!have)
        continue;
      for (size_t d = 0; d < S; d++) {
        if (b->in_col[d * (size_t)K + (size_t)k] < 0 || a->sections[d].school == a->sections[o].school)
          continue;
        double km = rp_school_km(&c->schools[a->sections[o].school], &c->schools[a->sections[d].school]);
        if (km > b->policy->max_km)
          continue;
        if (narcs == cap) {
          cap = cap ? 2 * cap : 1024;
          arc_t *na = realloc(arcs, cap * sizeof *na);
          if (!na)
            goto done;
          arcs = na;
        }
        /* Shorter routes cost a little less: distance is the last tie-break. */
        int col = rp_milp_col(m, RP_COL_INT, 0, RP_INF, 0, "x_s%zu_s%zu_c%d", o, d, k);
        /* objective 3: then the shortest distance: all the routes of all
         * the moves together cost less than one move. */
        if (col >= 0)
          m->cols[col].obj2 = (km > 0 ? km : 0) / ((b->policy->max_km + 1) * (movable + 1.0));
        arcs[narcs++] = (arc_t){o, d, k, col};
      }
    }
    g0 = g1;
  }
  /* route_out[o,k]: sum of out groups of class k at o = flows out of o. */
  size_t q = 0;
  g0 = 0;
  for (size_t o = 0; o < S; o++) {
    size_t g1 = g0;
    while (g1 < b->n_out && b->out[g1].section == o)
      g1++;
    for (int k = 0; k < K; k++) {
      int have = 0;
      for (size_t g = g0; g < g1 && !have; g++)
        have = b->out[g].cls == k;
      if (!have)
        continue;
      rp_milp_row(m, 0, 0, "route_out_s%zu_c%d", o, k);
      for (size_t g = g0; g < g1; g++)
        if (b->out[g].cls == k)
          rp_milp_term(m, b->out[g].col, 1);
      while (q < narcs && arcs[q].o == o && arcs[q].k == k)
        rp_milp_term(m, arcs[q++].col, -1);
    }
    g0 = g1;
  }
  /* route_in[d,k]: in[d,k] = flows into d (arcs bucketed by d, k). */
  start = calloc(S * (size_t)K + 1, sizeof *start);
  by_in = malloc((narcs + 1) * sizeof *by_in);
  if (!start || !by_in)
    goto done;
  for (size_t i = 0; i < narcs; i++)
    start[arcs[i].d * (size_t)K + (size_t)arcs[i].k + 1]++;
  for (size_t i = 1; i <= S * (size_t)K; i++)
    start[i] += start[i - 1];
  for (size_t i = 0; i < narcs; i++)
    by_in[start[arcs[i].d * (size_t)K + (size_t)arcs[i].k]++] = i;
  /* start[] now holds bucket ends; a bucket begins where the previous ends. */
  for (size_t d = 0; d < S; d++)
    for (int k = 0; k < K; k++) {
      size_t idx = d * (size_t)K + (size_t)k;
      int in = b->in_col[idx];
      if (in < 0)
        continue;
      rp_milp_row(m, 0, 0, "route_in_s%zu_c%d", d, k);
      rp_milp_term(m, in, 1);
      for (size_t i = idx ? start[idx - 1] : 0; i < start[idx]; i++)
        rp_milp_term(m, arcs[by_in[i]].col, -1);
    }
  rc = m->failed ? -1 : 0;
done:
  free(arcs);
  free(by_in);
  free(start);
  return rc;
}

static int add_self_rows(rp_build_t *b, const double *x);

int rp_build_add_lazy_rows(rp_build_t *b, const double *x) {
  rp_milp_t *m = b->milp;
  int added = 0;
  /* cv_limit[L,i]: CV^2 of the level = its sections at their lowest counts
   * plus the steps taken; <= limit^2, elastic through excess[L,i]. */
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      if (b->cv_excess[lv][i] >= 0 || b->audit->level[lv].mean[i] <= 0)
        continue;
      double lim2 = b->policy->cv_limit[lv] * b->policy->cv_limit[lv];
      double cv2 = b->cv_base[lv][i];
      for (size_t q = 0; q < b->n_steps; q++)
        if (b->steps[q].lv == lv && b->steps[q].ind == i)
          cv2 += b->steps[q].cost * x[b->steps[q].col];
      if (cv2 <= lim2 + 1e-9)
        continue;
      b->cv_excess[lv][i] = rp_milp_col(m, RP_COL_CONT, 0, RP_INF, b->w_excess,
                                        "excess_%s_%s", rp_level_name((rp_level_t)lv),
                                        rp_indicator_name((rp_indicator_t)i));
      rp_milp_row(m, -RP_INF, lim2 - b->cv_base[lv][i], "cvlimit_%s_%s",
                  rp_level_name((rp_level_t)lv), rp_indicator_name((rp_indicator_t)i));
      for (size_t q = 0; q < b->n_steps; q++)
        if (b->steps[q].lv == lv && b->steps[q].ind == i)
          rp_milp_term(m, b->steps[q].col, b->steps[q].cost);
      rp_milp_term(m, b->cv_excess[lv][i], -1);
      added++;
    }
  int self = add_self_rows(b, x);
  return self < 0 || m->failed ? -1 : added + self;
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
      rp_milp_row(m, -RP_INF, 0, "self_s%zu_c%d", s, k);
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

rp_status_t rp_build(const rp_county_t *c, const rp_policy_t *p,
                     const rp_audit_t *a, const rp_pin_t *pins, size_t n_pins,
                     rp_build_t **out, rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  member_t *mem = NULL;
  int *supply = NULL, *sec_out_cap = NULL, *sec_eligible = NULL, *sec_pinned = NULL;
  int *subj_count = NULL;
  rp_build_t *b = calloc(1, sizeof *b);
  *out = NULL;
  if (!b)
    goto done;
  const size_t S = a->n_sections;
  const int K = RP_LEVELS * RP_CLASSES_PER_LEVEL;
  b->county = c;
  b->policy = p;
  b->audit = a;
  b->n_classes = K;
  b->milp = rp_milp_create("rotaplan");
  b->eligible_flag = calloc(c->n_teachers + 1, sizeof *b->eligible_flag);
  b->in_col = malloc((S * K + 1) * sizeof *b->in_col);
  b->in_pinned = calloc(S * K + 1, sizeof *b->in_pinned);
  b->moved_col = malloc(((size_t)K + 1) * sizeof *b->moved_col);
  b->staff_short = malloc((S + 1) * sizeof *b->staff_short);
  b->ind_short = malloc((S * RP_INDICATORS + 1) * sizeof *b->ind_short);
  mem = malloc((c->n_teachers + 1) * sizeof *mem);
  supply = calloc((size_t)K, sizeof *supply);
  sec_out_cap = calloc(S + 1, sizeof *sec_out_cap);
  sec_eligible = calloc(S + 1, sizeof *sec_eligible);
  sec_pinned = calloc(S + 1, sizeof *sec_pinned);
  subj_count = calloc(S * RP_SUBJECTS + 1, sizeof *subj_count);
  if (b->moved_col)
    for (int k = 0; k < K; k++)
      b->moved_col[k] = -1;
  if (!b->milp || !b->moved_col || !b->eligible_flag || !b->in_col || !b->in_pinned || !b->staff_short ||
      !b->ind_short || !mem || !supply || !sec_out_cap || !sec_eligible || !sec_pinned ||
      !subj_count)
    goto done;

  /* Who may move: eligible and not pinned to stay; pins to move must be
   * eligible (a pin cannot overrule an exemption). */
  for (size_t k = 0; k < c->n_teachers; k++)
    b->eligible_flag[k] = rp_teacher_eligible(p, &c->teachers[k], NULL);
  int *pinned_move = calloc(c->n_teachers + 1, sizeof *pinned_move);
  if (!pinned_move)
    goto done;
  size_t errors0 = diag->n_errors;
  for (size_t i = 0; i < n_pins; i++) {
    const rp_pin_t *pin = &pins[i];
    const rp_teacher_t *t = &c->teachers[pin->teacher];
    const char *why = NULL;
    if (pin->action == RP_PIN_STAY) {
      b->eligible_flag[pin->teacher] = 0;
      continue;
    }
    if (pin->action == RP_PIN_NOT_TO)
      continue;
    if (!rp_teacher_eligible(p, t, &why)) {
      rp_diag_error(diag, pin->file, pin->line, "action",
                    "teacher \"%s\" is pinned to move but is not eligible (%s)", t->id, why);
      continue;
    }
    pinned_move[pin->teacher] = 1;
    if (pin->action == RP_PIN_TO) {
      size_t d = a->section_of[pin->school * 2 + t->level];
      const rp_school_t *ds = &c->schools[pin->school];
      if (d == SIZE_MAX || a->sections[d].students <= 0) {
        rp_diag_error(diag, pin->file, pin->line, "school_id",
                      "school \"%s\" has no %s section with students for teacher \"%s\"",
                      ds->id, rp_level_name(t->level), t->id);
        continue;
      }
      if (pin->school == t->school) {
        rp_diag_error(diag, pin->file, pin->line, "school_id",
                      "teacher \"%s\" is pinned to the school they are at", t->id);
        continue;
      }
      double km = rp_school_km(&c->schools[t->school], ds);
      if (p->max_km > 0 && km > p->max_km) {
        rp_diag_error(diag, pin->file, pin->line, "school_id",
                      "teacher \"%s\" is pinned to \"%s\", %.1f km away, beyond max_km = %g",
                      t->id, ds->id, km, p->max_km);
        continue;
      }
      int cls = rp_teacher_class(p, t);
      if ((cls % RP_CLASSES_PER_LEVEL) & RP_CLASS_ROT_BB &&
          p->backbone_direction == RP_DIR_RURAL_OR_WEAK && ds->area != RP_AREA_RURAL &&
          !ds->weak) {
        rp_diag_error(diag, pin->file, pin->line, "school_id",
                      "backbone teacher \"%s\" may move only to rural or weak schools "
                      "(backbone_direction), and \"%s\" is neither", t->id, ds->id);
        continue;
      }
      b->in_pinned[d * (size_t)K + (size_t)cls]++;
    }
  }
  if (diag->n_errors > errors0) {
    free(pinned_move);
    st = RP_EINFEASIBLE;
    goto done;
  }

  /* Outflow groups per (section, subject, class). */
  size_t nm = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    size_t s = a->section_of[t->school * 2 + t->level];
    subj_count[s * RP_SUBJECTS + t->subject]++;
    if (!b->eligible_flag[k])
      continue;
    mem[nm++] = (member_t){s, (int)t->subject, rp_teacher_class(p, t), k};
  }
  qsort(mem, nm, sizeof *mem, member_cmp);
  b->out = calloc(nm + 1, sizeof *b->out);
  if (!b->out) {
    free(pinned_move);
    goto done;
  }
  for (size_t i = 0; i < nm; i++) {
    rp_outgroup_t *g = b->n_out ? &b->out[b->n_out - 1] : NULL;
    if (!g || g->section != mem[i].section || (int)g->subject != mem[i].subject ||
        g->cls != mem[i].cls) {
      g = &b->out[b->n_out++];
      *g = (rp_outgroup_t){mem[i].section, (rp_subject_t)mem[i].subject, mem[i].cls, 0, 0, -1};
    }
    g->eligible++;
    g->pinned += pinned_move[mem[i].teacher];
    supply[g->cls]++;
    sec_eligible[g->section]++;
    sec_pinned[g->section] += pinned_move[mem[i].teacher];
  }
  free(pinned_move);

  /* Rules that no plan can meet are reported before solving. */
  const rp_rotation_stats_t *r = &a->rotation;
  int eligible = 0, eligible_bb = 0, capped = 0;
  for (size_t s = 0; s < S; s++) {
    sec_out_cap[s] = rp_section_outflow_cap(p, &a->sections[s]);
    if (sec_pinned[s] > sec_out_cap[s]) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "pins: %d teachers of %s %s are pinned to move, but max_outflow_share "
                    "%.2g lets it lose at most %d of its %d teachers",
                    sec_pinned[s], c->schools[a->sections[s].school].id,
                    rp_level_name(a->sections[s].level), p->max_outflow_share,
                    sec_out_cap[s], a->sections[s].teachers);
      st = RP_EINFEASIBLE;
    }
    capped += sec_eligible[s] < sec_out_cap[s] ? sec_eligible[s] : sec_out_cap[s];
  }
  for (size_t g = 0; g < b->n_out; g++) {
    eligible += b->out[g].eligible;
    if ((b->out[g].cls % RP_CLASSES_PER_LEVEL) & RP_CLASS_ROT_BB)
      eligible_bb += b->out[g].eligible;
  }
  b->min_rotate = r->min_rotate;
  b->max_rotate = r->max_rotate;
  b->min_backbone = r->min_backbone;
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
  if (eligible_bb < r->min_backbone) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "backbone share: at least %d backbone teachers must rotate (backbone_share "
                  "%.2g), but only %d eligible backbone teachers are free to move",
                  r->min_backbone, p->backbone_share, eligible_bb);
    st = RP_EINFEASIBLE;
  }
  if (st == RP_EINFEASIBLE)
    goto done;

  rp_milp_t *m = b->milp;
  m->lexicographic = 1; /* objective 3 (moves, distance) after 1 and 2 */
  /* Weights: see docs/model.md, "Objective".  Moves and distance are the
   * second stage's objective (obj2), not weighted here. */
  b->w_excess = 100;

  /* out[s,subject,class] */
  for (size_t g = 0; g < b->n_out; g++) {
    rp_outgroup_t *o = &b->out[g];
    o->col = rp_milp_col(m, RP_COL_INT, o->pinned, o->eligible, 0, "out_s%zu_%s_c%d",
                         o->section, rp_subject_name(o->subject), o->cls);
    m->cols[o->col].obj2 = 1; /* objective 3: fewest moves */
  }
  /* in[s,class]: to sections with students, of the class's level, and for
   * rotation backbone only to rural or weak schools (backbone_direction). */
  for (size_t s = 0; s < S; s++) {
    const rp_section_t *sec = &a->sections[s];
    const rp_school_t *sc = &c->schools[sec->school];
    for (int k = 0; k < K; k++) {
      b->in_col[s * (size_t)K + (size_t)k] = -1;
      if (k / RP_CLASSES_PER_LEVEL != (int)sec->level || supply[k] == 0 || sec->students <= 0)
        continue;
      if ((k % RP_CLASSES_PER_LEVEL) & RP_CLASS_ROT_BB &&
          p->backbone_direction == RP_DIR_RURAL_OR_WEAK && sc->area != RP_AREA_RURAL &&
          !sc->weak)
        continue;
      b->in_col[s * (size_t)K + (size_t)k] =
          rp_milp_col(m, RP_COL_INT, b->in_pinned[s * (size_t)K + (size_t)k], supply[k], 0,
                      "in_s%zu_c%d", s, k);
    }
  }
  if (p->max_km > 0) {
    /* With a distance limit the pooled balance is not enough (a teacher
     * might be counted out of one corner of the county and into another),
     * so flows x[o,d,class] run only between sections within max_km:
     * route_out[o,class] and route_in[d,class] tie them to out and in. */
    if (add_routes(b, m, K) != 0)
      goto done;
  } else {
    /* balance[class]: every teacher who leaves a section arrives at another;
     * moved[class] counts them. */
    for (int k = 0; k < K; k++) {
      if (supply[k] == 0)
        continue;
      int tot = rp_milp_col(m, RP_COL_INT, 0, supply[k], 0, "moved_c%d", k);
      b->moved_col[k] = tot;
      rp_milp_row(m, 0, 0, "balance_c%d", k);
      for (size_t s = 0; s < S; s++)
        rp_milp_term(m, b->in_col[s * (size_t)K + (size_t)k], 1);
      rp_milp_term(m, tot, -1);
      rp_milp_row(m, 0, 0, "sent_c%d", k);
      for (size_t g = 0; g < b->n_out; g++)
        if (b->out[g].cls == k)
          rp_milp_term(m, b->out[g].col, 1);
      rp_milp_term(m, tot, -1);
    }
  }
  /* quota: min_rotate <= moved <= max_rotate */
  rp_milp_row(m, r->min_rotate, r->max_rotate >= 0 ? r->max_rotate : RP_INF, "quota");
  for (size_t g = 0; g < b->n_out; g++)
    rp_milp_term(m, b->out[g].col, 1);
  /* backbone: share of those moved, or a fixed minimum of eligible backbone */
  if (p->backbone_base == RP_BASE_ROTATED) {
    rp_milp_row(m, 0, RP_INF, "backbone_share");
    for (size_t g = 0; g < b->n_out; g++) {
      int bb = (b->out[g].cls % RP_CLASSES_PER_LEVEL) & RP_CLASS_ROT_BB;
      rp_milp_term(m, b->out[g].col, (bb ? 1 : 0) - p->backbone_share);
    }
  } else {
    rp_milp_row(m, r->min_backbone, RP_INF, "backbone_min");
    for (size_t g = 0; g < b->n_out; g++)
      if ((b->out[g].cls % RP_CLASSES_PER_LEVEL) & RP_CLASS_ROT_BB)
        rp_milp_term(m, b->out[g].col, 1);
  }
  /* quota_school[s]: with quota_scope = school, each urban or town school
   * that is not weak rotates its own share of its eligible teachers. */
  if (p->quota_scope == RP_SCOPE_SCHOOL) {
    for (size_t i = 0; i < c->n_schools; i++) {
      const rp_school_t *sc = &c->schools[i];
      if (sc->area == RP_AREA_RURAL || sc->weak)
        continue;
      int el = 0;
      for (size_t g = 0; g < b->n_out; g++)
        if (a->sections[b->out[g].section].school == i)
          el += b->out[g].eligible;
      int need = (int)ceil(p->quota_share * el - 1e-9);
      if (need == 0)
        continue;
      rp_milp_row(m, need, RP_INF, "quota_school_%zu", i);
      for (size_t g = 0; g < b->n_out; g++)
        if (a->sections[b->out[g].section].school == i)
          rp_milp_term(m, b->out[g].col, 1);
    }
  }
  /* Per section: outflow cap, subject cover, staffing, targets, balance. */
  b->w_short = 1; /* set below once the balance terms' range is known */
  double range2 = 0;
  double cv_base[RP_LEVELS][RP_INDICATORS] = {{0}}, cv_max[RP_LEVELS][RP_INDICATORS] = {{0}};
  size_t nsteps = 0, capsteps = 0;
  rp_step_t *steps = NULL;
  for (size_t s = 0; s < S; s++) {
    const rp_section_t *sec = &a->sections[s];
    size_t g0 = 0;
    while (g0 < b->n_out && b->out[g0].section < s)
      g0++;
    size_t g1 = g0;
    while (g1 < b->n_out && b->out[g1].section == s)
      g1++;
    if (g1 > g0) {
      rp_milp_row(m, -RP_INF, sec_out_cap[s], "outflow_s%zu", s);
      for (size_t g = g0; g < g1; g++)
        rp_milp_term(m, b->out[g].col, 1);
      /* subject[s,j]: never send the last teacher of a subject taught here */
      for (size_t g = g0; g < g1 && rp_section_subject_cover(p, sec);) {
        size_t h = g;
        int movable = 0;
        while (h < g1 && b->out[h].subject == b->out[g].subject)
          movable += b->out[h++].eligible;
        int have = subj_count[s * RP_SUBJECTS + b->out[g].subject];
        if (movable >= have) {
          rp_milp_row(m, -RP_INF, have - 1, "subject_s%zu_%s", s,
                      rp_subject_name(b->out[g].subject));
          for (size_t q = g; q < h; q++)
            rp_milp_term(m, b->out[q].col, 1);
        }
        g = h;
      }
    }
    /* gain[s]: arrivals - departures <= the section's staffing gap plus
     * overstaff_share of its teachers: a plan does not pile teachers into a
     * section far beyond its required staff (编制); swaps stay possible. */
    int gain_cap;
    {
      int gap = sec->required_staff - sec->teachers - sec->other_staff;
      int allow = (int)floor(p->overstaff_share * sec->teachers + 1e-9);
      gain_cap = (gap > 0 ? gap : 0) + allow;
      rp_milp_row(m, -RP_INF, gain_cap, "gain_s%zu", s);
      for (int k = 0; k < K; k++)
        rp_milp_term(m, b->in_col[s * (size_t)K + (size_t)k], 1);
      for (size_t g = g0; g < g1; g++)
        rp_milp_term(m, b->out[g].col, -1);
    }
    /* staff[s]: teachers + other staff + arrivals - departures >= required */
    b->staff_short[s] = -1;
    int staff_gap = sec->required_staff - sec->teachers - sec->other_staff;
    int max_out = sec_out_cap[s];
    if (staff_gap + max_out > 0) {
      b->staff_short[s] = rp_milp_col(m, RP_COL_CONT, 0, RP_INF, 0, "short_staff_s%zu", s);
      rp_milp_row(m, staff_gap, RP_INF, "staff_s%zu", s);
      for (int k = 0; k < K; k++)
        rp_milp_term(m, b->in_col[s * (size_t)K + (size_t)k], 1);
      for (size_t g = g0; g < g1; g++)
        rp_milp_term(m, b->out[g].col, -1);
      rp_milp_term(m, b->staff_short[s], 1);
    }
    for (int i = 0; i < RP_INDICATORS; i++) {
      b->ind_short[s * RP_INDICATORS + (size_t)i] = -1;
      if (!sec->counted)
        continue;
      unsigned f = ind_flag[i];
      int out_i = 0, in_i = 0;
      for (size_t g = g0; g < g1; g++)
        if ((b->out[g].cls % RP_CLASSES_PER_LEVEL) & f)
          out_i += b->out[g].eligible;
      for (int k = 0; k < K; k++)
        if (b->in_col[s * (size_t)K + (size_t)k] >= 0 && (k % RP_CLASSES_PER_LEVEL) & f)
          in_i += supply[k];
      if (out_i > max_out)
        out_i = max_out;
      /* target[s,i]: count + arrivals - departures >= whole teachers needed */
      if (sec->need[i] > sec->count[i] - out_i) {
        int col = rp_milp_col(m, RP_COL_CONT, 0, RP_INF, 0, "short_%s_s%zu",
                              rp_indicator_name((rp_indicator_t)i), s);
        b->ind_short[s * RP_INDICATORS + (size_t)i] = col;
        rp_milp_row(m, sec->need[i] - sec->count[i], RP_INF, "target_%s_s%zu",
                    rp_indicator_name((rp_indicator_t)i), s);
        for (int k = 0; k < K; k++)
          if ((k % RP_CLASSES_PER_LEVEL) & f)
            rp_milp_term(m, b->in_col[s * (size_t)K + (size_t)k], 1);
        for (size_t g = g0; g < g1; g++)
          if ((b->out[g].cls % RP_CLASSES_PER_LEVEL) & f)
            rp_milp_term(m, b->out[g].col, -1);
        rp_milp_term(m, col, 1);
      }
      /* var[s,i]: the section's share of CV^2 as unit steps of increasing
       * cost between its lowest and highest possible count. */
      const rp_level_stats_t *L = &a->level[sec->level];
      double mean = L->mean[i];
      if (mean <= 0)
        continue;
      int lo = sec->count[i] - out_i;
      /* arrivals <= gain cap + departures: the steps cover every count the
       * other rows allow, so they restrict nothing. */
      int cap_in = gain_cap + max_out;
      int hi = sec->count[i] + (in_i < cap_in ? in_i : cap_in);
      double fmin = dev2(lo, sec->students, L->students, mean), fmax = fmin;
      m->obj_const += fmin;
      cv_base[sec->level][i] += fmin;
      if (hi == lo) {
        cv_max[sec->level][i] += fmax;
        continue;
      }
      rp_milp_row(m, lo - sec->count[i], lo - sec->count[i], "var_%s_s%zu",
                  rp_indicator_name((rp_indicator_t)i), s);
      for (int k = 0; k < K; k++)
        if ((k % RP_CLASSES_PER_LEVEL) & f)
          rp_milp_term(m, b->in_col[s * (size_t)K + (size_t)k], 1);
      for (size_t g = g0; g < g1; g++)
        if ((b->out[g].cls % RP_CLASSES_PER_LEVEL) & f)
          rp_milp_term(m, b->out[g].col, -1);
      for (int n = lo + 1; n <= hi; n++) {
        double fn = dev2(n, sec->students, L->students, mean);
        double cost = fn - dev2(n - 1, sec->students, L->students, mean);
        int u = rp_milp_col(m, RP_COL_CONT, 0, 1, cost, "step_%s_s%zu_%d",
                            rp_indicator_name((rp_indicator_t)i), s, n);
        rp_milp_term(m, u, -1);
        if (nsteps == capsteps) {
          capsteps = capsteps ? 2 * capsteps : 1024;
          rp_step_t *ns = realloc(steps, capsteps * sizeof *ns);
          if (!ns) {
            m->failed = 1;
            break;
          }
          steps = ns;
        }
        steps[nsteps++] = (rp_step_t){u, (int)sec->level, i, cost};
        fmin = fn < fmin ? fn : fmin;
        fmax = fn > fmax ? fn : fmax;
      }
      range2 += fmax - fmin;
      cv_max[sec->level][i] += fmax;
    }
  }
  /* cv_limit[L,i] rows are added lazily (rp_build_add_lazy_rows): they are
   * dense and slow the relaxation, and bind only where a plan would leave a
   * coefficient above its limit.  Their excess columns' range still counts
   * in w_short, so the weights do not depend on which rows are present. */
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      b->cv_excess[lv][i] = -1;
      b->cv_base[lv][i] = cv_base[lv][i];
      double lim2 = p->cv_limit[lv] * p->cv_limit[lv];
      if (a->level[lv].mean[i] > 0 && a->level[lv].sections > 0 && cv_max[lv][i] > lim2)
        range2 += b->w_excess * (cv_max[lv][i] - lim2);
    }
  b->steps = (rp_step_t *)steps;
  b->n_steps = nsteps;
  steps = NULL;
  free(steps);
  /* Shortfalls come first: one whole teacher short costs more than any
   * change in the balance and disruption terms can gain (docs/model.md). */
  b->w_short = ceil(range2 + 1);
  /* The sections' squared deviations at their lowest counts are a constant
   * of the objective; as a column fixed at 1 every solver reads it alike
   * (LP and MPS files disagree on the sign of an objective constant). */
  if (m->obj_const != 0) {
    rp_milp_col(m, RP_COL_CONT, 1, 1, m->obj_const, "objective_constant");
    m->obj_const = 0;
  }
  for (size_t s = 0; s < S; s++) {
    if (b->staff_short[s] >= 0)
      m->cols[b->staff_short[s]].obj = b->w_short;
    for (int i = 0; i < RP_INDICATORS; i++)
      if (b->ind_short[s * RP_INDICATORS + (size_t)i] >= 0)
        m->cols[b->ind_short[s * RP_INDICATORS + (size_t)i]].obj = b->w_short;
  }
  st = m->failed ? RP_ENOMEM : RP_OK;
done:
  free(mem);
  free(supply);
  free(sec_out_cap);
  free(sec_eligible);
  free(sec_pinned);
  free(subj_count);
  if (st == RP_OK)
    *out = b;
  else
    rp_build_free(b);
  return st;
}
