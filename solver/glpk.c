/* GLPK backend (see solver.h).  Installs an error hook so that a failure
 * inside GLPK longjmps back here instead of aborting the process (as igraph's
 * glpk_support.c does), routes GLPK's terminal output to our log, reports
 * progress on long solves, and reads glp_mip_status() rather than trusting
 * glp_intopt's return code. */
#include "solver/solver.h"

#include "solver/backend.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  jmp_buf jb;
  int verbose;
  int progress;
  double t0, last_report;
  double bound, gap; /* last seen in the branch-and-bound tree */
  int have_bound;
  double deadline; /* monotonic seconds, 0 = none */
  int in_tree;     /* branch and bound has started (its callback runs) */
  const double *start; /* a plan to start the search from (the last stage's), or NULL */
  const double *first_start; /* the caller's start for the first stage (opts->start) */
  const char *stage;   /* the stage being solved, for progress lines */
  int have_plan;       /* a stage has left its plan in the solution */
  /* The stage's share of the time: past it, a search that has a plan stops
   * with it (0: none). */
  double share_deadline;
  double *near; /* m->ncols values: a plan near a relaxation (plan_near_relaxation) */
  /* The search's last progress (search_stalled): its plan and bound then,
   * and GLPK's count of nodes made so far at that moment. */
  double stall_plan, stall_bound;
  int stall_from;
  int stall_without_plan; /* a search for a plan (intopt_for_a_plan): may stall without one */
  int stalled; /* the last search stopped because it stalled */
} hook_ctx_t;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void on_error(void *info) {
  hook_ctx_t *h = info;
  longjmp(h->jb, 1);
}

/* GLPK's terminal output: the whole log with --verbose; otherwise, on solves
 * longer than a second, at most one line a second of the simplex progress
 * (the root relaxation is most of a large county's time, and the
 * branch-and-bound callback below says nothing while it runs). */
static int on_term(void *info, const char *s) {
  hook_ctx_t *h = info;
  if (!h)
    return 1;
  if (h->verbose) {
    fputs(s, stderr);
    return 1;
  }
  double t = now_s();
  /* GLPK does not apply tm_lim to the root relaxation inside glp_intopt;
   * its progress lines (every 5 s) are where we can stop it: there is no
   * plan yet, so leaving GLPK through the same longjmp as an error loses
   * nothing.  Once the tree exists, on_branch stops it gracefully. */
  if (h->deadline > 0 && t > h->deadline && !h->in_tree)
    longjmp(h->jb, 2);
  /* simplex lines look like "   1234: obj = ... inf = ..." */
  if (h->progress && t - h->t0 >= 1.0 && t - h->last_report >= 1.0 && strstr(s, ": obj =")) {
    h->last_report = t;
    while (*s == ' ' || *s == '*')
      s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
      n--;
    fprintf(stderr, "  solving: %5.1f s, relaxation iteration %.*s\n", t - h->t0, (int)n, s);
  }
  return 1; /* we print (or drop) it, not GLPK */
}

/* A search stalls when neither its plan nor its bound has improved over
 * the last RP_STALL_NODES nodes, and it then stops with the plan it has
 * (the stage is not proven).  It must have a plan, except a target
 * search or a search near the relaxation, which only look for one.  On
 * the demo county at quotas of 20-40 % the coefficient and shortfall
 * stages keep a bound a few percent below a plan that neither GLPK nor
 * CBC improves in minutes; without this they searched until their share
 * of the time limit (docs/benchmarks.md, "Searches that stall").  A
 * count of nodes, not a time, so that a county gives the same plan on
 * any machine while the time limit is not reached. */
#define RP_STALL_NODES 2000

/* Starts the progress record of a new search (not stalled). */
static void stall_reset(hook_ctx_t *h) {
  h->stall_plan = INFINITY;
  h->stall_bound = -INFINITY;
  h->stall_from = 0;
  h->stalled = 0;
}

/* Has the search in T stalled (above)?  Records its progress. */
static int search_stalled(glp_tree *T, hook_ctx_t *h) {
  glp_prob *P = glp_ios_get_prob(T);
  int a, n, made;
  glp_ios_tree_size(T, &a, &n, &made);
  int has_plan = glp_mip_status(P) == GLP_FEAS;
  double plan = has_plan ? glp_mip_obj_val(P) : INFINITY;
  int best = glp_ios_best_node(T);
  double bound = best ? glp_ios_node_bound(T, best) : -INFINITY;
  double tol = 1e-6 * (isfinite(plan) && fabs(plan) > 1 ? fabs(plan) : 1);
  if (plan < h->stall_plan - tol || bound > h->stall_bound + tol) {
    h->stall_plan = plan;
    h->stall_bound = bound;
    h->stall_from = made;
    return 0;
  }
  return (has_plan || h->stall_without_plan) && made - h->stall_from > RP_STALL_NODES;
}

static void on_branch(glp_tree *T, void *info) {
  hook_ctx_t *h = info;
  h->in_tree = 1;
  if (h->deadline > 0 && now_s() > h->deadline) {
    glp_ios_terminate(T); /* keeps the incumbent: a usable plan */
    return;
  }
  if (h->share_deadline > 0 && now_s() > h->share_deadline &&
      glp_mip_status(glp_ios_get_prob(T)) == GLP_FEAS) {
    glp_ios_terminate(T);
    return;
  }
  if (glp_ios_reason(T) == GLP_ISELECT && search_stalled(T, h)) {
    h->stalled = 1;
    if (h->verbose)
      fprintf(stderr, "%s: no progress in %d nodes, the search stops\n", h->stage,
              RP_STALL_NODES);
    glp_ios_terminate(T);
    return;
  }
  if (glp_ios_reason(T) == GLP_IHEUR && h->start) {
    glp_ios_heur_sol(T, h->start - 1); /* GLPK counts columns from 1 */
    h->start = NULL;
  }
  if (glp_ios_reason(T) != GLP_ISELECT)
    return;
  int best = glp_ios_best_node(T);
  if (best) {
    h->bound = glp_ios_node_bound(T, best);
    /* The gap once there is a plan to measure it by (before: DBL_MAX). */
    h->gap = glp_mip_status(glp_ios_get_prob(T)) == GLP_FEAS ? glp_ios_mip_gap(T) : 0;
    h->have_bound = 1;
  }
  if (!h->progress)
    return;
  double t = now_s();
  if (t - h->t0 < 1.0 || t - h->last_report < 1.0)
    return;
  h->last_report = t;
  glp_prob *P = glp_ios_get_prob(T);
  int node = glp_ios_best_node(T);
  double bound = node ? glp_ios_node_bound(T, node) : 0;
  int a, n, t_;
  glp_ios_tree_size(T, &a, &n, &t_);
  if (glp_mip_status(P) == GLP_FEAS)
    fprintf(stderr,
            "  solving: %5.1f s, %s: best plan %.6g, bound %.6g, gap %.3f%%, %d open nodes\n",
            t - h->t0, h->stage, glp_mip_obj_val(P), bound, 100 * glp_ios_mip_gap(T), a);
  else
    fprintf(stderr, "  solving: %5.1f s, %s: no plan yet, bound %.6g, %d open nodes\n",
            t - h->t0, h->stage, bound, a);
}

/* Builds the GLPK problem.  Must run inside the error hook's setjmp. */
static glp_prob *load(const rp_milp_t *m, int **ia, int **ja, double **ar) {
  glp_prob *P = glp_create_prob();
  glp_set_prob_name(P, m->name);
  glp_set_obj_dir(P, GLP_MIN);
  if (m->nrows)
    glp_add_rows(P, (int)m->nrows);
  if (m->ncols)
    glp_add_cols(P, (int)m->ncols);
  for (size_t i = 0; i < m->nrows; i++) {
    const rp_row_t *r = &m->rows[i];
    int lo = r->lb > -RP_INF, hi = r->ub < RP_INF;
    int type = lo && hi ? (r->lb == r->ub ? GLP_FX : GLP_DB) : lo ? GLP_LO : hi ? GLP_UP : GLP_FR;
    glp_set_row_name(P, (int)i + 1, r->name);
    glp_set_row_bnds(P, (int)i + 1, type, lo ? r->lb : 0, hi ? r->ub : 0);
  }
  for (size_t j = 0; j < m->ncols; j++) {
    const rp_col_t *c = &m->cols[j];
    int lo = c->lb > -RP_INF, hi = c->ub < RP_INF;
    int type = lo && hi ? (c->lb == c->ub ? GLP_FX : GLP_DB) : lo ? GLP_LO : hi ? GLP_UP : GLP_FR;
    glp_set_col_name(P, (int)j + 1, c->name);
    glp_set_col_bnds(P, (int)j + 1, type, lo ? c->lb : 0, hi ? c->ub : 0);
    glp_set_obj_coef(P, (int)j + 1, c->cost[0]);
    if (c->kind != RP_COL_CONT)
      glp_set_col_kind(P, (int)j + 1, c->kind == RP_COL_BIN ? GLP_BV : GLP_IV);
  }
  *ia = malloc((m->nnz + 1) * sizeof **ia);
  *ja = malloc((m->nnz + 1) * sizeof **ja);
  *ar = malloc((m->nnz + 1) * sizeof **ar);
  if (!*ia || !*ja || !*ar)
    return P; /* caller checks the arrays */
  size_t k = 1;
  for (size_t i = 0; i < m->nrows; i++)
    for (size_t t = m->rows[i].first; t < m->rows[i].first + m->rows[i].n; t++) {
      (*ia)[k] = (int)i + 1;
      (*ja)[k] = m->nz[t].col + 1;
      (*ar)[k] = m->nz[t].val;
      k++;
    }
  glp_load_matrix(P, (int)m->nnz, *ia, *ja, *ar);
  return P;
}

/* ---- the stages ---------------------------------------------------------------
 * Each stage of the objective (model/milp.h) is minimised in turn: its
 * costs become P's objective, the search starts from the plan of the stage
 * before (which every later stage may keep), and once it is solved a row
 * holds its objective at the optimum (plus the stage's allowance) for the
 * stages after it.  The relaxation of each stage starts from the basis of
 * the one before, so only the first is solved from scratch. */

/* P's objective: stage k's costs. */
static void set_stage_objective(glp_prob *P, const rp_milp_t *m, int k) {
  for (size_t j = 0; j < m->ncols; j++)
    glp_set_obj_coef(P, (int)j + 1, m->cols[j].cost[k]);
}

/* Adds the row hold_<stage>: stage k's objective <= cap; returns it.
 * Must run inside the error hook's setjmp. */
static int hold_stage(glp_prob *P, const rp_milp_t *m, int k, double cap) {
  int n = 0, row = 0;
  int *ind = malloc((m->ncols + 1) * sizeof *ind);
  double *val = malloc((m->ncols + 1) * sizeof *val);
  if (ind && val) {
    for (size_t j = 0; j < m->ncols; j++)
      if (m->cols[j].cost[k] != 0) {
        ind[++n] = (int)j + 1;
        val[n] = m->cols[j].cost[k];
      }
    row = glp_add_rows(P, 1);
    char name[64];
    snprintf(name, sizeof name, "hold_%s", m->stage[k].name);
    glp_set_row_name(P, row, name);
    glp_set_row_bnds(P, row, GLP_UP, 0, cap);
    glp_set_mat_row(P, row, n, ind, val);
  }
  free(ind);
  free(val);
  return row;
}

/* The time stage k may take: what is left, or, when non-empty stages
 * follow, three quarters of it (they keep its plan if they get no
 * further); a search that has a plan stops sooner, at its fair share
 * (fair_share, on_branch). */
static int stage_ms(const hook_ctx_t *h, const rp_milp_t *m, int k) {
  if (h->deadline <= 0)
    return INT32_MAX;
  double left = h->deadline - now_s();
  if (left <= 0)
    return 0;
  return (int)(left * (rp_later_stages(m, k) ? 750 : 1000));
}

/* Stage k's fair share of the time left, in seconds, once it has a plan:
 * an equal part with the stages still to come. */
static double fair_share(const hook_ctx_t *h, const rp_milp_t *m, int k) {
  return (h->deadline - now_s()) / (rp_later_stages(m, k) + 1);
}

/* The relaxation of P, from its current basis (the stage before's, when
 * there is one).  1 when optimal, 0 when not found in time, -1 when P has
 * no solution at all. */
static int relax(glp_prob *P, const glp_iocp *p, int ms) {
  glp_smcp sp;
  glp_init_smcp(&sp);
  sp.msg_lev = p->msg_lev;
  sp.presolve = glp_get_status(P) == GLP_UNDEF ? GLP_ON : GLP_OFF;
  sp.tm_lim = ms;
  if (ms <= 0)
    return 0;
  int rc = glp_simplex(P, &sp);
  if (rc == GLP_ENOPFS || (rc == 0 && glp_get_status(P) == GLP_NOFEAS))
    return -1;
  return rc == 0 && glp_get_status(P) == GLP_OPT;
}

/* Did glp_intopt search (and end with an answer, a limit or our stop)?
 * Otherwise the MIP solution in P is not this search's. */
static int intopt_ended(int rc) {
  return rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP || rc == GLP_EMIPGAP ||
         rc == GLP_ENOPFS || rc == GLP_ENODFS;
}

/* Stage k's objective at P's MIP solution. */
static double mip_value(glp_prob *P, const rp_milp_t *m, int k) {
  double v = 0;
  for (size_t j = 0; j < m->ncols; j++)
    if (m->cols[j].cost[k] != 0)
      v += m->cols[j].cost[k] * glp_mip_col_val(P, (int)j + 1);
  return v;
}

/* ---- plans near the relaxation ---------------------------------------------
 * GLPK's own heuristics rarely find a plan of a large county's stage: its
 * relaxations are tied at the bound, and depth-first search wanders for
 * minutes (docs/benchmarks.md, "Plans near the relaxation").  What finds
 * one is a search of a small neighbourhood of the relaxation's optimum:
 * a copy of P whose whole columns may take only values near it, searched by
 * branch and bound.  GLPK's presolve drops the columns that the
 * neighbourhood fixes, so the copy solves in a fraction of a second. */

/* The neighbourhoods, tried in this order until one holds a plan. */
typedef enum {
  NEAR_ROUNDED, /* the relaxation's value rounded down or up ("RENS") */
  NEAR_WIDE,    /* one further either way where the relaxation is above 0 */
  NEAR_START    /* the rounded one, or the start plan's value ("RINS"): holds the start */
} near_t;
static const char *const near_name[] = {"rounded", "wide", "start"};

/* Column j's bounds in the neighbourhood `near` of the relaxation value v
 * (start: the start plan's values, for NEAR_START). */
static void near_bounds(glp_prob *P, int j, double v, near_t near, const double *start,
                        double *lo, double *hi) {
  *lo = floor(v + 1e-6);
  *hi = ceil(v - 1e-6);
  if (near == NEAR_START) {
    double s = round(start[j - 1]);
    *lo = s < *lo ? s : *lo;
    *hi = s > *hi ? s : *hi;
  } else if (near == NEAR_WIDE && *hi > 0) {
    int type = glp_get_col_type(P, j);
    int has_lb = type == GLP_LO || type == GLP_DB || type == GLP_FX;
    int has_ub = type == GLP_UP || type == GLP_DB || type == GLP_FX;
    double lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
    *lo = has_lb && *lo - 1 < lb ? lb : *lo - 1;
    *hi = has_ub && *hi + 1 > ub ? ub : *hi + 1;
  }
}

/* The parameters of a search that looks for a plan (a search near the
 * relaxation, a target search): p's, depth first, with the feasibility
 * pump, to the gap `gap`. */
static glp_iocp plan_search_parm(const glp_iocp *p, double gap) {
  glp_iocp q = *p;
  q.bt_tech = GLP_BT_DFS;
  q.fp_heur = GLP_ON;
  q.mip_gap = gap;
  return q;
}

/* glp_intopt(P, q) for a search that looks for a plan: it may stall
 * before it has one (search_stalled). */
static int intopt_for_a_plan(glp_prob *P, const glp_iocp *q, hook_ctx_t *h) {
  stall_reset(h);
  h->stall_without_plan = 1;
  int rc = glp_intopt(P, q);
  h->stall_without_plan = 0;
  return rc;
}

/* The callback of a search near the relaxation: it stops when it stalls,
 * with a plan or without (search_stalled). */
static void on_near_branch(glp_tree *T, void *info) {
  if (glp_ios_reason(T) == GLP_ISELECT && search_stalled(T, info))
    glp_ios_terminate(T);
}

/* Branch and bound on the neighbourhood `near` of P's relaxation (which
 * must be optimal), to the gap `gap`, for at most ms.  Fills x (m->ncols
 * values) and returns 1 when it found a plan; 0 otherwise. */
static int search_near(glp_prob *P, const rp_milp_t *m, const glp_iocp *p, double gap, int ms,
                       near_t near, const double *start, double *x, hook_ctx_t *h) {
  if (ms <= 0 || !x || (near == NEAR_START && !start))
    return 0;
  glp_prob *Q = glp_create_prob();
  glp_copy_prob(Q, P, GLP_OFF);
  for (size_t j = 0; j < m->ncols; j++) {
    if (m->cols[j].kind == RP_COL_CONT)
      continue;
    double lo, hi;
    near_bounds(P, (int)j + 1, glp_get_col_prim(P, (int)j + 1), near, start, &lo, &hi);
    glp_set_col_bnds(Q, (int)j + 1, lo == hi ? GLP_FX : GLP_DB, lo, hi);
  }
  glp_iocp q = plan_search_parm(p, gap);
  q.cb_func = on_near_branch;
  q.cb_info = h;
  q.presolve = GLP_ON;
  q.tm_lim = ms;
  q.msg_lev = GLP_MSG_OFF;
  int rc = intopt_for_a_plan(Q, &q, h);
  int st = glp_mip_status(Q);
  int found = intopt_ended(rc) && (st == GLP_OPT || st == GLP_FEAS);
  if (found)
    for (size_t j = 0; j < m->ncols; j++)
      x[j] = glp_mip_col_val(Q, (int)j + 1);
  glp_delete_prob(Q);
  return found;
}

/* A plan near P's relaxation, for stage k's search, into h->near: the
 * first neighbourhood (near_t) that holds one, each searched for at most a
 * quarter of ms.  Returns h->near when it found a plan better for stage k
 * than start (any plan, when start is NULL); otherwise start. */
static const double *plan_near_relaxation(glp_prob *P, const rp_milp_t *m, int k,
                                          const glp_iocp *p, double gap, int ms, hook_ctx_t *h,
                                          const double *start) {
  near_t near = NEAR_ROUNDED;
  while (!search_near(P, m, p, gap, ms / 4, near, start, h->near, h))
    if (near++ == NEAR_START)
      return start;
  double v = rp_milp_stage_value(m, k, h->near);
  if (h->verbose)
    fprintf(stderr, "%s: a plan near the relaxation (%s): %.10g\n", m->stage[k].name,
            near_name[near], v);
  if (start && v >= rp_milp_stage_value(m, k, start) - 1e-9)
    return start;
  return h->near;
}

/* The target search of a stage of whole units whose relaxation's optimum
 * is v: every plan has at least b = v rounded up, so a plan with at most b
 * is optimal.  A row target_<stage> <= b is added and branch and bound
 * looks for such a plan, depth first, with the feasibility pump, for half
 * the stage's time, minimising the next stage's objective meanwhile: among
 * the optimal plans it picks those the next stage wants, and on a large
 * county it finds one far sooner than a search of the stage's own
 * objective, whose relaxations are all tied at b (the 1,500-section county:
 * the fewest moves in 4 s instead of 55 s, docs/benchmarks.md).  Returns the row, kept
 * as the stage's hold row (its bound: b plus the stage's allowance), when
 * such a plan was found; 0 otherwise (the row then binds nothing). */
static int target_search(glp_prob *P, const rp_milp_t *m, int k, const glp_iocp *p,
                         hook_ctx_t *h, const double *start) {
  const double b = ceil(glp_get_obj_val(P) - 1e-6);
  int row = hold_stage(P, m, k, b);
  if (!row)
    return 0;
  char name[64];
  snprintf(name, sizeof name, "target_%s", m->stage[k].name);
  glp_set_row_name(P, row, name);
  double next_gap = p->mip_gap; /* the next stage's gap: its search stops there */
  for (int q = k + 1; q < m->n_stages; q++)
    if (!rp_milp_stage_empty(m, q)) {
      set_stage_objective(P, m, q);
      next_gap = next_gap > m->stage[q].gap ? next_gap : m->stage[q].gap;
      break;
    }
  int found = 0;
  if (relax(P, p, stage_ms(h, m, k) / 2) == 1) {
    glp_iocp q = plan_search_parm(p, next_gap);
    /* No cuts: they lift no bound this search uses, and they made its
     * nodes ten times slower on the demo county at quota 20 % (2,000 nodes
     * in 20 s, 3 s without; docs/benchmarks.md, "Searches that stall"). */
    q.gmi_cuts = GLP_OFF;
    q.mir_cuts = GLP_OFF;
    /* A start that meets the target is an optimal plan of the stage (the
     * rule_shortfall stage of a joint plan, its later years filled by
     * rp_build_start, or a plan near the relaxation): the search takes it
     * and stops there, the next stage starting from it. */
    h->start = NULL;
    if (!(start && rp_milp_stage_value(m, k, start) <= b + 1e-6))
      start = plan_near_relaxation(P, m, k, p, next_gap, stage_ms(h, m, k), h, start);
    q.tm_lim = stage_ms(h, m, k) / 2;
    if (start && rp_milp_stage_value(m, k, start) <= b + 1e-6) {
      h->start = start;
      q.mip_gap = RP_INF;
    }
    int rc = intopt_for_a_plan(P, &q, h);
    h->start = NULL;
    int st = glp_mip_status(P);
    found = intopt_ended(rc) && (st == GLP_OPT || st == GLP_FEAS) && mip_value(P, m, k) <= b + 1e-6;
  }
  set_stage_objective(P, m, k);
  if (found) {
    glp_set_row_bnds(P, row, GLP_UP, 0, b + m->stage[k].allow);
    return row;
  }
  glp_set_row_bnds(P, row, GLP_FR, 0, 0);
  return 0;
}

/* One stage: its relaxation from the current basis, the target search
 * when its units are whole, then branch and bound started from `start`
 * (may be NULL).  Returns 1 when a plan was found (*proven: 1 optimal, 2
 * within the gap, 0 not proven; *held: the row that holds the stage from
 * now on, 0 when none was added), 0 when none, -1 when the model has none
 * at all. */
static int solve_stage(glp_prob *P, const rp_milp_t *m, int k, double gap, glp_iocp *p,
                       hook_ctx_t *h, const double *start, int *proven, int *held) {
  *proven = *held = 0;
  set_stage_objective(P, m, k);
  h->stage = m->stage[k].name;
  h->in_tree = 0;
  int lp = relax(P, p, stage_ms(h, m, k));
  if (lp <= 0)
    return lp;
  p->presolve = GLP_OFF; /* the basis above is the root's */
  if (m->stage[k].whole && (*held = target_search(P, m, k, p, h, start)) != 0) {
    *proven = 1;
    return 1;
  }
  if (m->stage[k].whole && relax(P, p, stage_ms(h, m, k)) != 1)
    return 0; /* the row relaxed again: its basis back */
  p->mip_gap = gap > m->stage[k].gap ? gap : m->stage[k].gap;
  h->start = plan_near_relaxation(P, m, k, p, p->mip_gap, stage_ms(h, m, k), h, start);
  p->tm_lim = stage_ms(h, m, k);
  if (p->tm_lim == 0)
    return 0;
  h->have_bound = 0;
  h->share_deadline = h->deadline > 0 ? now_s() + fair_share(h, m, k) : 0;
  stall_reset(h);
  int rc = glp_intopt(P, p);
  h->start = NULL;
  h->share_deadline = 0;
  if (!intopt_ended(rc))
    return 0; /* GLPK refused to search: no plan of this stage */
  int st = glp_mip_status(P);
  if (st == GLP_NOFEAS)
    return -1;
  if (st != GLP_OPT && st != GLP_FEAS)
    return 0;
  /* Optimal, or within --gap (GLPK then ends with GLP_EMIPGAP). */
  *proven = rc == 0 && st == GLP_OPT ? 1 : rc == GLP_EMIPGAP ? 2 : 0;
  return 1;
}

/* Every stage in turn.  x (m->ncols values) gets the last stage's plan;
 * sol gets each stage's value, how many were proven, and the bound and gap
 * of the first that was not.  Returns 1 with a plan, 0 without, -1 when
 * the model has none. */
static int solve_stages(glp_prob *P, const rp_milp_t *m, glp_iocp *p, hook_ctx_t *h,
                        double *x, rp_solution_t *sol) {
  const double gap = p->mip_gap; /* --gap */
  int have = 0, all_proven = 1;
  rp_stages_begin(m, sol);
  for (int k = 0; k < m->n_stages; k++) {
    if (rp_stage_skip(m, k, all_proven, sol))
      continue;
    int proven, held;
    int found = solve_stage(P, m, k, gap, p, h, have ? x : h->first_start, &proven, &held);
    if (found < 0 && !have)
      return -1;
    if (found <= 0) { /* out of time: the plan of the stage before stands */
      all_proven = 0;
      break;
    }
    for (size_t j = 0; j < m->ncols; j++)
      x[j] = glp_mip_col_val(P, (int)j + 1);
    have = h->have_plan = 1;
    if (!proven && all_proven)
      sol->stalled = h->stalled;
    rp_stage_record(m, k, x, proven, h->have_bound, h->bound, h->gap, &all_proven, sol);
    /* A stage not proven (its time ran out) is held at the value of the
     * plan found: the later stages improve on that plan, not on the best. */
    if (!held && m->stage[k].allow < RP_INF)
      hold_stage(P, m, k, rp_stage_cap(&m->stage[k], rp_milp_stage_value(m, k, x)));
  }
  return have;
}

/* For a model written at stage k: the rows that hold stages 0 .. k-1 at
 * the values z found, and stage k's objective. */
static void hold_stages_before(glp_prob *P, const rp_milp_t *m, int k, const double *z) {
  for (int q = 0; q < k; q++)
    if (!rp_milp_stage_empty(m, q) && m->stage[q].allow < RP_INF)
      hold_stage(P, m, q, rp_stage_cap(&m->stage[q], z[q]));
  set_stage_objective(P, m, k);
}

/* Writes the model to path in the format that the name `named` asks for
 * (path may be a temporary file for it). */
static int write_model(glp_prob *P, const char *path, const char *named, rp_diag_t *diag) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 8);
  if (!tmp)
    return -1;
  snprintf(tmp, n + 8, "%s.tmp", path);
  /* .lp: CPLEX LP with our row and column names; otherwise fixed MPS, which
   * every solver reads (GLPK gives names longer than 8 characters generic
   * ones there; CBC cannot read GLPK's free MPS). */
  size_t nn = strlen(named);
  int lp = nn > 3 && strcmp(named + nn - 3, ".lp") == 0;
  int rc = lp ? glp_write_lp(P, NULL, tmp) : glp_write_mps(P, GLP_MPS_DECK, NULL, tmp);
  if (rc != 0 || rename(tmp, path) != 0) {
    remove(tmp);
    rp_diag_error(diag, named, 0, NULL, "cannot write the model");
    rc = -1;
  }
  free(tmp);
  return rc;
}

typedef struct {
  const rp_milp_t *m;
  const rp_solve_opts_t *opts;
  int mip; /* 1 MIP, 0 LP, -1 only write the model */
  rp_solution_t *sol;
  rp_diag_t *diag;
  const char *model_named; /* the name whose format write_model uses, or NULL: its path's */
  int write_stage;          /* the stage whose objective a written model has */
  const double *held;       /* the values of the stages before it */
} job_t;

/* Everything the error hook's longjmp may cross lives in *j or is volatile. */
static rp_status_t run(job_t *j) {
  const rp_milp_t *const m = j->m;
  const rp_solve_opts_t *const opts = j->opts;
  const int mip = j->mip;
  rp_solution_t *const sol = j->sol;
  rp_diag_t *const diag = j->diag;
  /* volatile: these live across the longjmp from the error hook. */
  glp_prob *volatile P = NULL;
  int *volatile ia = NULL, *volatile ja = NULL;
  double *volatile ar = NULL;
  volatile rp_status_t st = RP_ESOLVER;
  hook_ctx_t h = {.verbose = opts->verbose, .progress = opts->progress,
                  .first_start = opts->start};
  memset(sol, 0, sizeof *sol);
  sol->status = RP_SOL_ERROR;
  if (m->failed)
    return RP_ENOMEM;
  /* (before setjmp, so that the longjmp leaves it to be freed) */
  h.near = mip > 0 ? malloc((m->ncols + 1) * sizeof *h.near) : NULL;
  h.t0 = h.last_report = now_s();
  glp_term_hook(on_term, &h);
  glp_error_hook(on_error, &h);
  if (opts->time_limit > 0)
    h.deadline = h.t0 + opts->time_limit;
  int jumped = setjmp(h.jb);
  if (jumped) {
    /* After leaving GLPK this way its environment is unusable: free it. */
    glp_free_env();
    P = NULL;
    sol->seconds = now_s() - h.t0;
    if (jumped == 2 && h.have_plan) { /* in a later stage's relaxation */
      rp_stages_end(m, sol);
      st = RP_OK;
      goto done;
    }
    free(sol->x);
    sol->x = NULL;
    if (jumped == 2) { /* the deadline passed in the root relaxation */
      sol->status = RP_SOL_NOSOLUTION;
      snprintf(sol->message, sizeof sol->message,
               "no plan found within the time limit of %g s", opts->time_limit);
      st = RP_OK;
      goto done;
    }
    snprintf(sol->message, sizeof sol->message,
             "GLPK failed inside the library (see the log with --verbose)");
    rp_diag_error(diag, NULL, 0, NULL, "%s", sol->message);
    st = RP_ESOLVER;
    goto done;
  }
  int *ia_, *ja_;
  double *ar_;
  P = load(m, &ia_, &ja_, &ar_);
  ia = ia_;
  ja = ja_;
  ar = ar_;
  if (!ia || !ja || !ar) {
    st = RP_ENOMEM;
    goto done;
  }
  if (j->write_stage > 0)
    hold_stages_before(P, m, j->write_stage, j->held);
  if (opts->write_model &&
      write_model(P, opts->write_model, j->model_named ? j->model_named : opts->write_model,
                  diag) != 0) {
    st = RP_EIO;
    goto done;
  }
  if (mip < 0) {
    st = RP_OK;
    goto done;
  }
  if (mip) {
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = opts->verbose || opts->progress ? GLP_MSG_ON : GLP_MSG_ERR;
    p.out_frq = 1000; /* ms between progress lines */
    p.mip_gap = opts->gap;
    p.cb_func = on_branch;
    p.cb_info = &h;
    p.gmi_cuts = GLP_ON;
    /* Branch on the most fractional column: with teachers pooled by
     * subject, GLPK's default (Driebeck-Tomlin) branched for minutes on a
     * generated 300-section county that this proves optimal in 5 s, the
     * weak subject_cover form included (docs/benchmarks.md). */
    p.br_tech = GLP_BR_MFV;
    p.mir_cuts = GLP_ON;
    double *x = malloc((m->ncols + 1) * sizeof *x);
    if (!x) {
      st = RP_ENOMEM;
      goto done;
    }
    sol->x = x;
    int found = solve_stages(P, m, &p, &h, x, sol);
    sol->seconds = now_s() - h.t0;
    if (found < 0) {
      sol->status = RP_SOL_INFEASIBLE;
    } else if (found == 0) {
      sol->status = RP_SOL_NOSOLUTION;
      snprintf(sol->message, sizeof sol->message,
               "no plan found within the time limit of %g s", opts->time_limit);
    } else {
      rp_stages_end(m, sol);
    }
    if (found <= 0) {
      free(sol->x);
      sol->x = NULL;
    }
    st = RP_OK;
    goto done;
  }
  glp_smcp sp;
  glp_init_smcp(&sp);
  sp.presolve = GLP_ON;
  sp.msg_lev = opts->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
  int rc = glp_simplex(P, &sp);
  sol->seconds = now_s() - h.t0;
  int status = glp_get_status(P);
  if (rc == GLP_ENOPFS || rc == GLP_ENODFS || status == GLP_NOFEAS) {
    sol->status = RP_SOL_INFEASIBLE;
    st = RP_OK;
    goto done;
  }
  if (status == GLP_OPT || status == GLP_FEAS) {
    sol->status = status == GLP_OPT && rc == 0 ? RP_SOL_OPTIMAL : RP_SOL_FEASIBLE;
    sol->x = malloc((m->ncols + 1) * sizeof *sol->x);
    if (!sol->x) {
      st = RP_ENOMEM;
      goto done;
    }
    for (size_t j = 0; j < m->ncols; j++)
      sol->x[j] = glp_get_col_prim(P, (int)j + 1);
    sol->value[0] = glp_get_obj_val(P);
    st = RP_OK;
    goto done;
  }
  snprintf(sol->message, sizeof sol->message, "GLPK returned code %d, status %d", rc, status);
  rp_diag_error(diag, NULL, 0, NULL, "solver: %s", sol->message);
  st = RP_ESOLVER;
done:
  if (P)
    glp_delete_prob(P);
  glp_error_hook(NULL, NULL);
  glp_term_hook(NULL, NULL);
  free(h.near);
  free(ia);
  free(ja);
  free(ar);
  return st;
}

/* A job for rp_solve_in_child (solver/child.c). */
static rp_status_t run_job(void *job, rp_solution_t *sol, rp_diag_t *diag) {
  job_t *j = job;
  j->sol = sol;
  j->diag = diag;
  return run(j);
}

/* GLPK cannot be interrupted in its root relaxation, and a crash inside it
 * would take the whole run down: a MIP with a time limit is solved in a
 * forked child (solver/child.c). */
rp_status_t rp_glpk_solve(const rp_milp_t *m, const rp_solve_opts_t *opts, rp_solution_t *sol,
                          rp_diag_t *diag) {
  static const rp_solve_opts_t none = {0};
  job_t j = {m, opts ? opts : &none, 1, sol, diag, NULL, 0, NULL};
  if (j.opts->time_limit > 0 && !j.opts->write_model)
    return rp_solve_in_child(run_job, &j, m->ncols, j.opts, sol, diag);
  return run(&j);
}

rp_status_t rp_milp_write(const rp_milp_t *m, int stage, const double *held, const char *path,
                          const char *named, rp_diag_t *diag) {
  rp_solve_opts_t o = {0};
  rp_solution_t sol;
  o.write_model = path;
  job_t j = {m, &o, -1, &sol, diag, named, stage, held};
  return run(&j);
}

rp_status_t rp_solve_lp(const rp_milp_t *m, rp_solution_t *sol, rp_diag_t *diag) {
  static const rp_solve_opts_t none = {0};
  job_t j = {m, &none, 0, sol, diag, NULL, 0, NULL};
  return run(&j);
}
