/* The principals' exchange model (see principals.h; docs/model.md, "The
 * principals' exchange"). */
#include "model/principals.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/indicators.h"
#include "model/plan.h"

void rp_principals_free(rp_principals_t *p) {
  if (!p)
    return;
  free(p->moves);
  free(p);
}

int rp_school_kind(const rp_school_t *s) {
  return (rp_school_has_level(s, RP_PRIMARY) ? 1 : 0) | (rp_school_has_level(s, RP_JUNIOR) ? 2 : 0);
}

const char *rp_school_kind_name(int kind) {
  return kind == 1 ? "primary" : kind == 2 ? "junior" : kind == 3 ? "nine_year" : "none";
}

int rp_school_principal_need(const rp_school_t *s) {
  return (s->weak ? 1 : 0) + (s->area == RP_AREA_RURAL ? 1 : 0);
}

int rp_principal_eligible(const rp_policy_t *p, const rp_teacher_t *t, const char **why) {
  const char *r = NULL;
  if (t->role != RP_ROLE_PRINCIPAL)
    r = "not a principal";
  else if (!p->principal_exchange)
    r = "principal_exchange = no";
  else if (!rp_teacher_set_aside_as_leader(p, t))
    r = t->closing ? "their school closes" : "move_leaders = yes: rotates as a teacher";
  else if (t->exempt && t->exempt[0])
    r = "exempt";
  else if (p->plan_year - t->school_since < p->principal_min_years)
    r = "under principal_min_years at the school";
  if (why)
    *why = r;
  return r == NULL;
}

const rp_rule_t *rp_principal_forbidden(const rp_move_ctx_t *x, size_t teacher, size_t to,
                                        rp_tr_fn tr, char *why, size_t n) {
  const rp_teacher_t *t = &x->county->teachers[teacher];
  rp_mover_t m = rp_mover_of(x, teacher);
  size_t d = x->audit->section_of[to * 2 + (size_t)t->level];
  const rp_rule_t *no = NULL;
  if (d == RP_ANY) {
    no = &rp_rules[0]; /* destination: no section of the principal's level */
  } else {
    /* The rules on a move between two schools; the rules on the teacher's
     * class (subject, backbone) are the teachers' rotation's. */
    for (size_t i = 0; i < rp_n_rules && !no; i++) {
      const rp_rule_t *r = &rp_rules[i];
      if (r->allows && r->needs == RP_NEEDS_ROUTE && rp_rule_in_force(r, x->policy) &&
          !r->allows(x, &m, d))
        no = r;
    }
  }
  if (no && why)
    no->why(x, &m, d == RP_ANY ? SIZE_MAX : d, tr, why, n);
  return no;
}

void rp_principal_model_free(rp_principal_model_t *m) {
  if (!m)
    return;
  rp_milp_free(m->milp);
  free(m->teacher);
  free(m->stay);
  free(m->move);
  free(m);
}

static const rp_county_t *g_sort_county; /* qsort has no context argument */

/* principal_order's cost of principal `tid` leading school `sid`: a fixed
 * number in [0, 1) from the two ids (FNV-1a), so that exchanges equal on
 * every stage before it are told apart the same way by any solver and in
 * any run. */
static double order_cost(const char *tid, const char *sid) {
  uint32_t h = 2166136261u;
  for (const char *s = tid; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  h = (h ^ '|') * 16777619u;
  for (const char *s = sid; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return (double)(h % 1000003u) / 1000003.0;
}

/* Candidates by their school's id. */
static int by_school(const void *a, const void *b) {
  const rp_county_t *c = g_sort_county;
  const rp_teacher_t *x = &c->teachers[*(const size_t *)a], *y = &c->teachers[*(const size_t *)b];
  int d = strcmp(c->schools[x->school].id, c->schools[y->school].id);
  return d ? d : strcmp(x->id, y->id);
}

/* The principals of each school (counted), for "one principal per school":
 * a school with two is left out of the exchange. */
static int *principals_per_school(const rp_county_t *c) {
  int *n = calloc(c->n_schools + 1, sizeof *n);
  for (size_t k = 0; n && k < c->n_teachers; k++)
    if (c->teachers[k].role == RP_ROLE_PRINCIPAL)
      n[c->teachers[k].school]++;
  return n;
}

rp_status_t rp_principal_model_build(const rp_move_ctx_t *x, rp_principal_model_t **out,
                                     rp_diag_t *diag) {
  const rp_county_t *c = x->county;
  const rp_policy_t *p = x->policy;
  rp_principal_model_t *m = calloc(1, sizeof *m);
  int *per_school = principals_per_school(c);
  rp_status_t st = RP_ENOMEM;
  if (!m || !per_school || !(m->teacher = malloc((c->n_teachers + 1) * sizeof *m->teacher)))
    goto done;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    if (!rp_principal_eligible(p, t, NULL))
      continue;
    m->eligible++;
    if (per_school[t->school] > 1) {
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: school %s (%s) has %d principals in teachers.csv; "
                   "principal %s (%s) is not exchanged",
                   c->schools[t->school].id, c->schools[t->school].name, per_school[t->school],
                   t->id, t->name);
      continue;
    }
    m->teacher[m->n++] = k;
  }
  g_sort_county = c;
  qsort(m->teacher, m->n, sizeof *m->teacher, by_school);
  const size_t n = m->n;
  m->stay = malloc((n + 1) * sizeof *m->stay);
  m->move = malloc((n * n + 1) * sizeof *m->move);
  m->milp = rp_milp_create("principals");
  if (!m->stay || !m->move || !m->milp)
    goto done;
  const int s_stays = rp_milp_stage(m->milp, "principal_stays", 1, 0, RP_DEFAULT_GAP);
  const int s_strength = rp_milp_stage(m->milp, "principal_strength", 0, 0, RP_DEFAULT_GAP);
  const int s_km = rp_milp_stage(m->milp, "principal_km", 0, 0, RP_DEFAULT_GAP);
  const int s_order = rp_milp_stage(m->milp, "principal_order", 0, 0, RP_DEFAULT_GAP);
  double rmax = 0;
  for (size_t i = 0; i < n; i++)
    if (c->teachers[m->teacher[i]].principal_rating > rmax)
      rmax = c->teachers[m->teacher[i]].principal_rating;
  char why[256] = "";
  for (size_t i = 0; i < n; i++) {
    const rp_teacher_t *t = &c->teachers[m->teacher[i]];
    const rp_school_t *home = &c->schools[t->school];
    const int kind = rp_school_kind(home);
    const double weakness = rmax - t->principal_rating; /* 0 for the strongest */
    m->stay[i] = rp_milp_col(m->milp, RP_COL_BIN, 0, 1, "pstay[%s]", t->id);
    rp_milp_cost(m->milp, m->stay[i], s_stays, 1);
    rp_milp_cost(m->milp, m->stay[i], s_strength, rp_school_principal_need(home) * weakness);
    int same_kind = 0, allowed = 0;
    for (size_t j = 0; j < n; j++) {
      const size_t to = c->teachers[m->teacher[j]].school;
      m->move[i * n + j] = -1;
      if (j == i || rp_school_kind(&c->schools[to]) != kind)
        continue;
      same_kind++;
      char w[256];
      if (rp_principal_forbidden(x, m->teacher[i], to, NULL, w, sizeof w)) {
        memcpy(why, w, sizeof why);
        continue;
      }
      allowed++;
      const int col = m->move[i * n + j] =
          rp_milp_col(m->milp, RP_COL_BIN, 0, 1, "pmove[%s,%s]", t->id, c->schools[to].id);
      double km = rp_school_km(home, &c->schools[to]);
      rp_milp_cost(m->milp, col, s_strength,
                   rp_school_principal_need(&c->schools[to]) * weakness);
      rp_milp_cost(m->milp, col, s_km, km > 0 ? km : 0);
      rp_milp_cost(m->milp, col, s_order, order_cost(t->id, c->schools[to].id));
    }
    /* One message a kind, so that each has its words in Chinese. */
    if (!same_kind && kind == 2)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: principal %s (%s) of %s (%s) is the only eligible "
                   "principal of a junior school; not exchanged",
                   t->id, t->name, home->id, home->name);
    else if (!same_kind && kind == 3)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: principal %s (%s) of %s (%s) is the only eligible "
                   "principal of a nine-year school; not exchanged",
                   t->id, t->name, home->id, home->name);
    else if (!same_kind)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: principal %s (%s) of %s (%s) is the only eligible "
                   "principal of a primary school; not exchanged",
                   t->id, t->name, home->id, home->name);
    else if (!allowed)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: principal %s (%s) of %s (%s) has no school to go to "
                   "that the rules allow (%s); not exchanged",
                   t->id, t->name, home->id, home->name, why);
  }
  /* principal_leave[T]: a principal stays or leads exactly one other school. */
  for (size_t i = 0; i < n; i++) {
    rp_milp_row(m->milp, 1, 1, "principal_leave[%s]", c->teachers[m->teacher[i]].id);
    rp_milp_term(m->milp, m->stay[i], 1);
    for (size_t j = 0; j < n; j++)
      if (m->move[i * n + j] >= 0)
        rp_milp_term(m->milp, m->move[i * n + j], 1);
  }
  /* principal_one[S]: a school keeps its principal, or receives exactly one
   * when its principal leaves. */
  for (size_t j = 0; j < n; j++) {
    rp_milp_row(m->milp, 1, 1, "principal_one[%s]",
                c->schools[c->teachers[m->teacher[j]].school].id);
    rp_milp_term(m->milp, m->stay[j], 1);
    for (size_t i = 0; i < n; i++)
      if (m->move[i * n + j] >= 0)
        rp_milp_term(m->milp, m->move[i * n + j], 1);
  }
  st = m->milp->failed ? RP_ENOMEM : RP_OK;
done:
  free(per_school);
  if (st == RP_OK)
    *out = m;
  else
    rp_principal_model_free(m);
  return st;
}

static int move_cmp(const void *a, const void *b) {
  const rp_county_t *c = g_sort_county;
  const rp_principal_move_t *x = a, *y = b;
  int d = strcmp(c->schools[x->to].id, c->schools[y->to].id);
  return d ? d : strcmp(c->teachers[x->teacher].id, c->teachers[y->teacher].id);
}

void rp_principals_sort(const rp_county_t *c, rp_principals_t *p) {
  g_sort_county = c;
  qsort(p->moves, p->n, sizeof *p->moves, move_cmp);
}

rp_status_t rp_principal_model_read(const rp_move_ctx_t *x, const rp_principal_model_t *m,
                                    const double *xs, rp_principals_t **out, rp_diag_t *diag) {
  const rp_county_t *c = x->county;
  rp_principals_t *p = calloc(1, sizeof *p);
  if (!p || !(p->moves = malloc((m->n + 1) * sizeof *p->moves))) {
    rp_principals_free(p);
    return RP_ENOMEM;
  }
  p->eligible = m->eligible;
  for (size_t i = 0; i < m->n; i++) {
    const rp_teacher_t *t = &c->teachers[m->teacher[i]];
    int moved = 0, could = 0;
    for (size_t j = 0; j < m->n; j++) {
      const int col = m->move[i * m->n + j];
      if (col < 0)
        continue;
      could = 1;
      if (!xs || xs[col] < 0.5)
        continue;
      const size_t to = c->teachers[m->teacher[j]].school;
      p->moves[p->n++] = (rp_principal_move_t){m->teacher[i], t->school, to,
                                               rp_school_km(&c->schools[t->school],
                                                            &c->schools[to])};
      moved = 1;
    }
    if (!moved && could)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "principal exchange: principal %s (%s) of %s (%s) stays: no exchange the "
                   "rules allow frees a school for them",
                   t->id, t->name, c->schools[t->school].id, c->schools[t->school].name);
  }
  p->stayed = p->eligible - (int)p->n;
  rp_principals_sort(c, p);
  *out = p;
  return RP_OK;
}
