/* Who goes where (see assign.h). */
#include "solver/assign.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "solver/solver.h"

typedef struct {
  size_t teacher;
  size_t section;
  int subject, cls;
  int pinned;      /* 0 none, 1 move, 2 to */
  size_t pin_to;   /* school, for pinned 2 */
  size_t prev_to;  /* section the previous plan sent the teacher to, or RP_ANY */
  int wishes;      /* has preferences */
  int individual;  /* routed alone (wishes, not_to pins, a previous move): 1;
                      title_service's applicants of a section routed together: 2 */
  int title;       /* lacks the title-service year (title_service = yes), no pin,
                      wish, previous move or not_to pin: may take a rural or weak
                      move ahead of the group's order */
  size_t ci;       /* index in the sorted candidates */
  size_t g0, g1;   /* its group's range there */
} cand_t;

/* An applicant's route to a school that does not give the title-service
 * year costs this much more: above any km, below a wish's (docs/model.md). */
#define TITLE_OFF_COST 1e5

/* Where a candidate stands among its group's teachers because of the
 * previous plan: 0 its previous move can be kept, 1 none, 2 refused (the
 * rules now forbid it, an appeal's not_to): taken last, so that granting
 * the appeal does not send the teacher elsewhere unasked. */
static int previous_rank(const cand_t *x) {
  return x->prev_to == RP_PREV_REFUSED ? 2 : x->prev_to == RP_ANY ? 1 : 0;
}

/* Group order (rp_group_cmp, as the builder's groups), then the documented
 * priority inside a group. */
static const rp_county_t *g_county; /* qsort has no context argument */
static const rp_policy_t *g_policy;
/* Fewer rotations first (fairness = once_before_twice); 0 when off. */
static int tier_cmp(const cand_t *x, const cand_t *y) {
  if (g_policy->fairness != RP_FAIRNESS_ONCE_BEFORE_TWICE)
    return 0;
  int rx = rp_history_rotations(&g_county->teachers[x->teacher]),
      ry = rp_history_rotations(&g_county->teachers[y->teacher]);
  return (rx > ry) - (rx < ry);
}
static int cand_cmp(const void *a, const void *b) {
  const cand_t *x = a, *y = b;
  int c = rp_group_cmp(x->section, x->subject, x->cls, y->section, y->subject, y->cls);
  if (c)
    return c;
  if (x->pinned != y->pinned)
    return y->pinned - x->pinned;
  if ((c = tier_cmp(x, y)) != 0)
    return c;
  if (previous_rank(x) != previous_rank(y))
    return previous_rank(x) - previous_rank(y);
  if (x->wishes != y->wishes)
    return y->wishes - x->wishes;
  /* priority, years at the school, teacher id (model/history.h) */
  return rp_history_order_cmp(g_policy, &g_county->teachers[x->teacher],
                              &g_county->teachers[y->teacher]);
}

/* title_service: in the group [g0, g1) whose first `take` move, the
 * applicants who stay change places with the last plain movers of their
 * fairness tier (docs/model.md, "Who goes where"); they are then routed
 * together, toward rural or weak schools (TITLE_OFF_COST). */
static void promote_applicants(cand_t *cand, size_t g0, size_t g1, size_t take) {
  size_t last = g0 + take; /* plain non-applicant movers are looked for below it */
  for (size_t i = g0 + take; i < g1; i++) {
    if (!cand[i].title)
      continue;
    size_t j = last;
    while (j > g0 && (cand[j - 1].title || cand[j - 1].pinned || cand[j - 1].wishes ||
                      cand[j - 1].individual || previous_rank(&cand[j - 1]) != 1 ||
                      tier_cmp(&cand[j - 1], &cand[i]) != 0))
      j--;
    if (j == g0)
      break;
    cand_t tmp = cand[j - 1];
    cand[j - 1] = cand[i];
    cand[i] = tmp;
    last = j - 1;
  }
  /* The stayers back in the group's order, for give_back. */
  qsort(cand + g0 + take, g1 - g0 - take, sizeof *cand, cand_cmp);
}

/* A title_service applicant routed to a school without the year: a plain
 * stayer of the same group and fairness tier whom the rules let go there
 * takes the move instead, the applicant stays (their priority is for
 * rural and weak schools only).  Returns the teacher who moves. */
static size_t give_back(const rp_build_t *b, cand_t *cand, unsigned char *taken, const cand_t *mv,
                        size_t d) {
  const rp_county_t *c = b->county;
  if (rp_school_serves_title(&c->schools[b->audit->sections[d].school]))
    return mv->teacher;
  for (size_t i = mv->g0; i < mv->g1; i++) {
    const cand_t *x = &cand[i];
    if (taken[i] || x->title || x->pinned || x->wishes || x->individual ||
        previous_rank(x) != 1 || tier_cmp(x, mv) != 0)
      continue;
    rp_mover_t m = {x->teacher, b->audit->sections[x->section].school, x->cls};
    if (rp_move_forbidden(&b->rules, &m, d))
      continue;
    taken[i] = 1;
    taken[mv->ci] = 0;
    return x->teacher;
  }
  return mv->teacher;
}

/* Cost of sending teacher t (or an anonymous teacher of class k when t is
 * RP_ANY) from section o to section d: the previous plan's destination
 * first, then wishes, then kilometres.  Negative when a move rule forbids
 * it (model/rules.c). */
static double arc_cost(const rp_build_t *b, size_t t, int k, size_t o, size_t d,
                       const rp_pref_t *prefs, size_t n_prefs, int wishes, size_t prev_to) {
  const rp_county_t *c = b->county;
  size_t so = b->audit->sections[o].school, sd = b->audit->sections[d].school;
  rp_mover_t mv = {t, so, k};
  if (rp_move_forbidden(&b->rules, &mv, d))
    return -1;
  double km = rp_school_km(&c->schools[so], &c->schools[sd]);
  double cost = km > 0 ? km : 0;
  if (t != RP_ANY && prev_to < RP_PREV_REFUSED && prev_to != d)
    cost += 1e8; /* a kept move keeps its destination */
  if (t == RP_ANY || !wishes)
    return cost;
  double w = 1e6; /* not among the wishes */
  for (size_t i = 0; i < n_prefs; i++)
    if (prefs[i].teacher == t && prefs[i].school == sd)
      w = 1e4 * prefs[i].rank;
  return cost + w;
}

/* The model's flows of class k into pair[o * S + d] (set = 1) or back to 0
 * (set = 0).  With min_toward_share the assignment keeps the model's pairs
 * of origin and destination sections: the share is a property of the
 * pairs, which a free transportation LP would rearrange. */
static void class_pairs(const rp_build_t *b, const rp_solution_t *sol, int k, int *pair,
                        int set) {
  const size_t S = b->audit->n_sections;
  for (size_t i = 0; i < b->n_arcs; i++)
    if (b->arcs[i].k == k)
      pair[b->arcs[i].o * S + b->arcs[i].d] = set ? (int)lround(sol->x[b->arcs[i].col]) : 0;
}

/* pair[o,d]: the sources at section o send at most the model's flow to d.
 * Sources of one section are adjacent, and these rows nest inside the to
 * rows, so the LP stays integral (two laminar families of rows). */
static void add_pair_rows(rp_milp_t *lp, const int *arc, const size_t *src_sec, size_t nsrc,
                          size_t S, const int *pair) {
  for (size_t q0 = 0, q1; q0 < nsrc; q0 = q1) {
    for (q1 = q0; q1 < nsrc && src_sec[q1] == src_sec[q0];)
      q1++;
    for (size_t d = 0; d < S; d++) {
      int n = pair[src_sec[q0] * S + d];
      if (n <= 0)
        continue;
      rp_milp_row(lp, -RP_INF, n, "pair_%zu_%zu", src_sec[q0], d);
      for (size_t q = q0; q < q1; q++)
        rp_milp_term(lp, arc[q * S + d], 1);
    }
  }
}

rp_status_t rp_assign(const rp_build_t *b, const rp_solution_t *sol,
                      const rp_pin_t *pins, size_t n_pins, const rp_pref_t *prefs,
                      size_t n_prefs, rp_plan_t **out, rp_diag_t *diag) {
  const rp_county_t *c = b->county;
  const rp_audit_t *a = b->audit;
  const size_t S = a->n_sections;
  const int K = b->n_classes;
  rp_status_t st = RP_ENOMEM;
  cand_t *cand = NULL, *movers = NULL;
  unsigned char *taken = NULL; /* per sorted candidate: moves */
  int *slots = NULL, *pair = NULL;
  size_t *prev_to = rp_previous_sections(&b->rules, b->previous);
  const int pairing = b->n_arcs > 0 && b->policy->min_toward_share > 0;
  rp_plan_t *plan = calloc(1, sizeof *plan);
  size_t nc = 0, nmov = 0;
  *out = NULL;
  cand = malloc((c->n_teachers + 1) * sizeof *cand);
  movers = malloc((c->n_teachers + 1) * sizeof *movers);
  taken = calloc(c->n_teachers + 1, 1);
  slots = calloc(S * (size_t)K + 1, sizeof *slots);
  if (pairing && !(pair = calloc(S * S + 1, sizeof *pair)))
    goto done;
  if (!plan || !cand || !movers || !slots || !prev_to || !taken)
    goto done;
  plan->moves = malloc((c->n_teachers + 1) * sizeof *plan->moves);
  if (!plan->moves)
    goto done;
  for (size_t k = 0; k < c->n_teachers; k++) {
    if (!b->eligible_flag[k])
      continue;
    const rp_teacher_t *t = &c->teachers[k];
    cand_t x = {k, a->section_of[t->school * 2 + t->level], (int)t->subject,
                rp_teacher_class(b->policy, t), 0, 0, prev_to[k], 0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < n_pins; i++)
      if (pins[i].teacher == k && pins[i].action == RP_PIN_MOVE && x.pinned < 1)
        x.pinned = 1;
      else if (pins[i].teacher == k && pins[i].action == RP_PIN_TO) {
        x.pinned = 2;
        x.pin_to = pins[i].school;
      }
    for (size_t i = 0; i < n_prefs && !x.wishes; i++)
      x.wishes = prefs[i].teacher == k;
    for (size_t i = 0; i < n_pins && !x.individual; i++)
      x.individual = pins[i].teacher == k && pins[i].action == RP_PIN_NOT_TO;
    x.title = b->policy->title_service && !x.pinned && !x.wishes && !x.individual &&
              x.prev_to == RP_ANY && rp_history_title_lacks(b->policy, t);
    cand[nc++] = x;
  }
  g_county = c;
  g_policy = b->policy;
  qsort(cand, nc, sizeof *cand, cand_cmp);
  /* Take each group's count from its head (title_service: its applicants
   * first, promote_applicants). */
  size_t gi = 0;
  for (size_t g = 0; g < b->n_out; g++) {
    const rp_outgroup_t *o = &b->out[g];
    while (gi < nc && (cand[gi].section != o->section || cand[gi].subject != (int)o->subject ||
                       cand[gi].cls != o->cls))
      gi++;
    size_t ge = gi;
    while (ge < nc && rp_group_cmp(cand[ge].section, cand[ge].subject, cand[ge].cls,
                                   cand[gi].section, cand[gi].subject, cand[gi].cls) == 0)
      ge++;
    long take = lround(sol->x[o->col]);
    if (b->policy->title_service && take > 0)
      promote_applicants(cand, gi, ge, (size_t)take < ge - gi ? (size_t)take : ge - gi);
    for (size_t q = gi; q < ge; q++) {
      cand[q].ci = q;
      cand[q].g0 = gi;
      cand[q].g1 = ge;
    }
    for (long q = 0; q < take && gi + (size_t)q < ge; q++) {
      taken[gi + (size_t)q] = 1;
      movers[nmov++] = cand[gi + (size_t)q];
    }
  }
  for (size_t s = 0; s < S; s++)
    for (int k = 0; k < K; k++) {
      int col = b->in_col[s * (size_t)K + (size_t)k];
      slots[s * (size_t)K + (size_t)k] = col >= 0 ? (int)lround(sol->x[col]) : 0;
    }
  /* Pinned destinations first. */
  for (size_t i = 0; i < nmov; i++) {
    cand_t *mv = &movers[i];
    if (mv->pinned != 2)
      continue;
    size_t d = a->section_of[mv->pin_to * 2 + c->teachers[mv->teacher].level];
    slots[d * (size_t)K + (size_t)mv->cls]--;
    plan->moves[plan->n_moves++] = (rp_move_t){mv->teacher, mv->section, d,
        rp_school_km(&c->schools[a->sections[mv->section].school], &c->schools[mv->pin_to]), NULL};
  }
  /* Per class, a transportation LP: sources are origin sections (one
   * anonymous source per section) or individual teachers with wishes or
   * not_to pins; sinks are the sections with free slots. */
  for (int k = 0; k < K; k++) {
    size_t nsrc = 0;
    size_t *src_first = malloc((nmov + 1) * sizeof *src_first); /* mover index */
    int *src_n = malloc((nmov + 1) * sizeof *src_n);
    int *src_ind = malloc((nmov + 1) * sizeof *src_ind);
    if (!src_first || !src_n || !src_ind) {
      free(src_first); free(src_n); free(src_ind);
      goto done;
    }
    for (size_t i = 0; i < nmov; i++) {
      cand_t *mv = &movers[i];
      if (mv->cls != k || mv->pinned == 2)
        continue;
      int individual = mv->wishes || mv->prev_to < RP_PREV_REFUSED;
      for (size_t p = 0; p < n_pins && !individual; p++)
        individual = pins[p].teacher == mv->teacher && pins[p].action == RP_PIN_NOT_TO;
      if (!individual && mv->title)
        individual = 2; /* the section's applicants, routed together */
      mv->individual = individual;
      if (individual != 1 && nsrc > 0 && src_ind[nsrc - 1] == individual &&
          movers[src_first[nsrc - 1]].section == mv->section) {
        src_n[nsrc - 1]++;
        continue;
      }
      src_first[nsrc] = i;
      src_n[nsrc] = 1;
      src_ind[nsrc] = individual;
      nsrc++;
    }
    if (nsrc == 0) {
      free(src_first); free(src_n); free(src_ind);
      continue;
    }
    rp_milp_t *lp = rp_milp_create("route");
    int *arc = malloc((nsrc * S + 1) * sizeof *arc);
    size_t *src_sec = malloc((nsrc + 1) * sizeof *src_sec);
    if (!lp || !arc || !src_sec) {
      rp_milp_free(lp);
      free(arc); free(src_sec); free(src_first); free(src_n); free(src_ind);
      goto done;
    }
    for (size_t q = 0; q < nsrc; q++)
      src_sec[q] = movers[src_first[q]].section;
    if (pairing) {
      class_pairs(b, sol, k, pair, 1);
      for (size_t i = 0; i < nmov; i++) /* the pinned moves took their pairs */
        if (movers[i].cls == k && movers[i].pinned == 2) {
          size_t d = a->section_of[movers[i].pin_to * 2 + c->teachers[movers[i].teacher].level];
          pair[movers[i].section * S + d] -= pair[movers[i].section * S + d] > 0;
        }
    }
    for (size_t q = 0; q < nsrc; q++) {
      const cand_t *mv = &movers[src_first[q]];
      for (size_t d = 0; d < S; d++) {
        arc[q * S + d] = -1;
        if (slots[d * (size_t)K + (size_t)k] <= 0 || (pairing && pair[src_sec[q] * S + d] <= 0))
          continue;
        double cost = arc_cost(b, src_ind[q] == 1 ? mv->teacher : RP_ANY, k, mv->section, d,
                               prefs, n_prefs, mv->wishes, mv->prev_to);
        if (cost >= 0 && src_ind[q] == 2 &&
            !rp_school_serves_title(&c->schools[a->sections[d].school]))
          cost += TITLE_OFF_COST;
        if (cost >= 0) {
          arc[q * S + d] = rp_milp_col(lp, RP_COL_CONT, 0, RP_INF, "x_%zu_%zu", q, d);
          rp_milp_cost(lp, arc[q * S + d], 0, cost);
        }
      }
    }
    for (size_t q = 0; q < nsrc; q++) {
      rp_milp_row(lp, src_n[q], src_n[q], "from_%zu", q);
      for (size_t d = 0; d < S; d++)
        rp_milp_term(lp, arc[q * S + d], 1);
    }
    for (size_t d = 0; d < S; d++) {
      int n = slots[d * (size_t)K + (size_t)k];
      if (n <= 0)
        continue;
      rp_milp_row(lp, n, n, "to_%zu", d);
      for (size_t q = 0; q < nsrc; q++)
        rp_milp_term(lp, arc[q * S + d], 1);
    }
    if (pairing) {
      add_pair_rows(lp, arc, src_sec, nsrc, S, pair);
      class_pairs(b, sol, k, pair, 0);
    }
    rp_solution_t ls;
    rp_status_t lst = rp_solve_lp(lp, &ls, diag);
    if (lst == RP_OK && ls.status != RP_SOL_OPTIMAL) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "routing: the %s %s teachers of class %d cannot all be routed to the "
                    "schools that need them within the move rules (max_km = %g km, "
                    "move_scope = %s, their not_to pins); relax one of them or pin the "
                    "moves",
                    rp_level_name(rp_class_level(k)), rp_subject_name(rp_class_subject(k)), k,
                    b->policy->max_km, b->policy->move_scope == RP_MOVE_GROUP ? "group" : "county");
      lst = RP_EINFEASIBLE;
    }
    if (lst == RP_OK) {
      for (size_t q = 0; q < nsrc; q++) {
        size_t next = src_first[q];
        for (size_t d = 0; d < S; d++) {
          if (arc[q * S + d] < 0)
            continue;
          long n = lround(ls.x[arc[q * S + d]]);
          for (long r = 0; r < n; r++) {
            while (movers[next].cls != k || movers[next].pinned == 2 ||
                   movers[next].individual != src_ind[q] ||
                   movers[next].section != movers[src_first[q]].section)
              next++;
            const cand_t *mv = &movers[next++];
            size_t who = mv->title ? give_back(b, cand, taken, mv, d) : mv->teacher;
            plan->moves[plan->n_moves++] = (rp_move_t){
                who, mv->section, d,
                rp_school_km(&c->schools[a->sections[mv->section].school],
                             &c->schools[a->sections[d].school]),
                NULL};
          }
        }
      }
    }
    rp_solution_free(&ls);
    rp_milp_free(lp);
    free(arc); free(src_sec); free(src_first); free(src_n); free(src_ind);
    if (lst != RP_OK) {
      st = lst;
      goto done;
    }
  }
  for (size_t i = 0; i < plan->n_moves; i++)
    plan->moved_backbone +=
        rp_teacher_is_rotation_backbone(b->policy, &c->teachers[plan->moves[i].teacher]);
  rp_plan_sort(c, plan);
  rp_plan_explain(c, a, plan);
  *out = plan;
  plan = NULL;
  st = RP_OK;
done:
  rp_plan_free(plan);
  free(cand);
  free(taken);
  free(movers);
  free(slots);
  free(pair);
  free(prev_to);
  return st;
}

void rp_plan_explain(const rp_county_t *c, const rp_audit_t *a, rp_plan_t *plan) {
  /* Remaining gaps at each destination, consumed in list order. */
  int *gap = calloc(a->n_sections * 4 + 1, sizeof *gap);
  if (!gap)
    return;
  for (size_t s = 0; s < a->n_sections; s++) {
    gap[s * 4] = rp_section_staff_gap(&a->sections[s]);
    for (int i = 0; i < RP_INDICATORS; i++)
      gap[s * 4 + 1 + i] = rp_section_gap(&a->sections[s], (rp_indicator_t)i);
  }
  static const char *const reasons[] = {"staffing", "degree target", "backbone target",
                                        "pe_art target"};
  for (size_t k = 0; k < plan->n_moves; k++) {
    rp_move_t *mv = &plan->moves[k];
    const rp_teacher_t *t = &c->teachers[mv->teacher];
    int *g = &gap[mv->to_section * 4];
    mv->reason = NULL;
    for (int i = RP_INDICATORS - 1; i >= 0 && !mv->reason; i--)
      if (g[1 + i] > 0 && rp_teacher_counts(t, (rp_indicator_t)i)) {
        g[1 + i]--;
        mv->reason = reasons[1 + i];
      }
    if (!mv->reason && g[0] > 0) {
      g[0]--;
      mv->reason = reasons[0];
    }
    if (!mv->reason)
      mv->reason = "rotation quota and balance";
  }
  free(gap);
}
