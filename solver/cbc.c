/* CBC backend (see solver.h and backend.h): the same stages as
 * solver/glpk.c, solved with COIN-OR CBC through its C interface.  This is
 * the only file that includes Cbc_C_Interface.h.
 *
 * CBC's C interface does not let a model be changed once it has been solved
 * (Cbc_C_Interface.h: "not valid after calling Cbc_solve()"), so each stage
 * builds its own model from m: the stage's objective, the hold rows of the
 * stages before it, and the plan of the stage before as its MIP start.
 * With a time limit the whole run is done in a forked child
 * (solver/child.c), as with GLPK: CBC checks its own limit, and the
 * child's deadline holds even where it does not.
 * docs/model.md, "Solving", says how the two backends differ. */
#include "solver/solver.h"

#include <Cbc_C_Interface.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "solver/backend.h"

/* Cbc_solve with a call-back (solver/cbc_main.cpp): the model's status. */
int rp_cbc_main(Cbc_Model *model);

/* The size of model from which the stages after the first solve their
 * relaxation with the barrier (solve_stage): measured, between the
 * 300-section county's models (no gain) and the 800-section one's (73k
 * columns: 10.4 s against 17.6 s). */
#define RP_CBC_BARRIER_COLS 60000

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* RP_INF and beyond is CBC's infinity. */
static double bound_of(double v) {
  return v >= RP_INF ? DBL_MAX : v <= -RP_INF ? -DBL_MAX : v;
}

/* Every row and column of m, with stage k's objective.  NULL when memory
 * runs out. */
static Cbc_Model *load(const rp_milp_t *m, int k) {
  Cbc_Model *M = NULL;
  size_t nc = m->ncols, nr = m->nrows, nnz = m->nnz;
  CoinBigIndex *start = calloc(nc + 1, sizeof *start);
  int *index = malloc((nnz + 1) * sizeof *index);
  double *value = malloc((nnz + 1) * sizeof *value);
  double *clb = malloc((nc + 1) * sizeof *clb), *cub = malloc((nc + 1) * sizeof *cub);
  double *obj = malloc((nc + 1) * sizeof *obj);
  double *rlb = malloc((nr + 1) * sizeof *rlb), *rub = malloc((nr + 1) * sizeof *rub);
  CoinBigIndex *fill = calloc(nc + 1, sizeof *fill);
  if (!start || !index || !value || !clb || !cub || !obj || !rlb || !rub || !fill)
    goto done;
  /* m is stored by rows; CBC takes columns. */
  for (size_t t = 0; t < nnz; t++)
    start[m->nz[t].col + 1]++;
  for (size_t j = 0; j < nc; j++)
    start[j + 1] += start[j];
  for (size_t i = 0; i < nr; i++) {
    const rp_row_t *r = &m->rows[i];
    for (size_t t = r->first; t < r->first + r->n; t++) {
      int j = m->nz[t].col;
      CoinBigIndex at = start[j] + fill[j]++;
      index[at] = (int)i;
      value[at] = m->nz[t].val;
    }
    rlb[i] = bound_of(r->lb);
    rub[i] = bound_of(r->ub);
  }
  for (size_t j = 0; j < nc; j++) {
    clb[j] = bound_of(m->cols[j].lb);
    cub[j] = bound_of(m->cols[j].ub);
    obj[j] = m->cols[j].cost[k];
  }
  M = Cbc_newModel();
  Cbc_setProblemName(M, m->name);
  Cbc_loadProblem(M, (int)nc, (int)nr, start, index, value, clb, cub, obj, rlb, rub);
  /* Names: the MIP start is matched by them (Cbc_setMIPStartI). */
  for (size_t j = 0; j < nc; j++) {
    Cbc_setColName(M, (int)j, m->cols[j].name);
    if (m->cols[j].kind != RP_COL_CONT)
      Cbc_setInteger(M, (int)j);
  }
  for (size_t i = 0; i < nr; i++)
    Cbc_setRowName(M, (int)i, m->rows[i].name);
done:
  free(start);
  free(index);
  free(value);
  free(clb);
  free(cub);
  free(obj);
  free(rlb);
  free(rub);
  free(fill);
  return M;
}

/* ---- the stages -------------------------------------------------------------
 * As in solver/glpk.c: each stage minimised in turn, started from the plan
 * of the stage before, then held by a row at its optimum plus its
 * allowance for the stages after it. */

/* Adds the row hold_<stage>: stage k's objective <= cap, to M. */
static int hold_stage(Cbc_Model *M, const rp_milp_t *m, int k, double cap) {
  int n = 0;
  int *ind = malloc((m->ncols + 1) * sizeof *ind);
  double *val = malloc((m->ncols + 1) * sizeof *val);
  if (!ind || !val) {
    free(ind);
    free(val);
    return -1;
  }
  for (size_t j = 0; j < m->ncols; j++)
    if (m->cols[j].cost[k] != 0) {
      ind[n] = (int)j;
      val[n++] = m->cols[j].cost[k];
    }
  char name[64];
  snprintf(name, sizeof name, "hold_%s", m->stage[k].name);
  Cbc_addRow(M, name, n, ind, val, 'L', cap);
  free(ind);
  free(val);
  return 0;
}

/* The model stage k solves: m with stage k's objective and the hold row
 * of each stage before it that has one (cap[q] < RP_INF).  Each stage
 * builds its own, so only one is in memory at a time (a base model kept
 * beside each stage's Cbc_clone cost the 1,500-section county 16 MB).
 * NULL when memory runs out. */
static Cbc_Model *load_stage(const rp_milp_t *m, const double *cap, int k) {
  Cbc_Model *M = load(m, k);
  for (int q = 0; M && q < k; q++)
    if (cap[q] < RP_INF && hold_stage(M, m, q, cap[q]) != 0) {
      Cbc_deleteModel(M);
      M = NULL;
    }
  return M;
}

/* The seconds stage k may take (0: none left; -1: no limit).  As glpk.c
 * gives it: all that is left to the last stage; otherwise its fair share
 * with the stages to come once it has a plan (here: when it starts from the
 * stage before's), and three quarters of what is left while it looks for a
 * first plan.  CBC cannot be told to switch from one to the other in the
 * middle of a search, so the first stage keeps the three quarters. */
static double stage_seconds(double deadline, const rp_milp_t *m, int k, int have) {
  if (deadline <= 0)
    return -1;
  double left = deadline - now_s();
  if (left <= 0.01)
    return 0;
  int later = rp_later_stages(m, k);
  if (!later)
    return left;
  return have ? left / (later + 1) : 0.75 * left;
}

static void set_param(Cbc_Model *M, const char *name, double v) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.17g", v);
  Cbc_setParameter(M, name, buf);
}

/* What one stage's search left. */
typedef struct {
  int found;  /* 1 a plan, 0 none in time, -1 the model has none, -2 no memory */
  int proven; /* 1 optimal, 2 within the gap, 0 not proven */
  double bound, gap;
} stage_result_t;

/* CBC writes its log on standard output, which is rotaplan's: with
 * --verbose it goes to standard error, as GLPK's log does. */
static int log_to_stderr(void) {
  fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  if (saved >= 0)
    dup2(STDERR_FILENO, STDOUT_FILENO);
  return saved;
}

static void log_back(int saved) {
  fflush(stdout);
  if (saved >= 0) {
    dup2(saved, STDOUT_FILENO);
    close(saved);
  }
}

/* Stage k: its own model (load_stage), solved from `start` (the plan of
 * the stage before, or NULL) within `seconds` (-1: none); `after_first`
 * when a stage before it was solved.  x gets its plan when one is found. */
static stage_result_t solve_stage(const rp_milp_t *m, const double *cap, int k, double gap,
                                  double seconds, const double *start, int after_first,
                                  const rp_solve_opts_t *o, double *x) {
  stage_result_t r = {0, 0, 0, 0};
  Cbc_Model *M = load_stage(m, cap, k);
  if (!M) {
    r.found = -2;
    return r;
  }
  const double stage_gap = gap > m->stage[k].gap ? gap : m->stage[k].gap;
  Cbc_setParameter(M, "log", o->verbose ? "1" : "0");
  Cbc_setParameter(M, "slog", o->verbose ? "1" : "0");
  Cbc_setParameter(M, "timeMode", "elapsed");
  set_param(M, "ratioGap", stage_gap);
  /* A stage of whole units is optimal once its plan is within a unit of
   * the bound (glpk.c rounds the bound up for the same reason). */
  if (m->stage[k].whole)
    set_param(M, "allowableGap", 1 - 1e-6);
  if (seconds >= 0)
    set_param(M, "seconds", seconds > 0.01 ? seconds : 0.01);
  /* CBC's preprocessing kept copies of the model that took 300 MB of the
   * 1,500-section county's 800 MB, and CBC 2.10.8 aborted in it on some
   * models (docs/model.md, "The CBC backend"). */
  Cbc_setParameter(M, "preprocess", "off");
  /* A stage after the first has the hold rows of the stages before it,
   * which make the dual simplex slow on a large model (the 1,500-section
   * county's balance relaxation: 27 s); Clp's barrier, then a basis by
   * crossover and the primal simplex, takes 6-10 s.  On the first stage
   * the crossover is the slow part (66 s against 4 s), and on the models
   * of the 300-section county (26-30k columns) with the years after it the
   * barrier lost more than it won, so it is for the stages after the first
   * of a model of RP_CBC_BARRIER_COLS columns or more (docs/benchmarks.md,
   * "The barrier for CBC's later stages"). */
  if (after_first && m->ncols >= RP_CBC_BARRIER_COLS)
    Cbc_setParameter(M, "barrier", "-primalS");
  int *idx = NULL;
  double *val = NULL;
  if (start) {
    idx = malloc((m->ncols + 1) * sizeof *idx);
    val = malloc((m->ncols + 1) * sizeof *val);
    if (idx && val) {
      int n = 0;
      for (size_t j = 0; j < m->ncols; j++)
        if (m->cols[j].kind != RP_COL_CONT) {
          idx[n] = (int)j;
          val[n++] = start[j];
        }
      Cbc_setMIPStartI(M, n, idx, val);
    }
  }
  int saved = o->verbose ? log_to_stderr() : -1;
  rp_cbc_main(M); /* Cbc_solve, with a call-back: solver/cbc_main.cpp */
  if (o->verbose)
    log_back(saved);
  free(idx);
  free(val);
  const double *best = Cbc_bestSolution(M);
  if (!best && Cbc_getNumIntegers(M) == 0 && Cbc_isProvenOptimal(M))
    best = Cbc_getColSolution(M); /* a pure LP: CBC solved it with Clp alone */
  if (best) {
    for (size_t j = 0; j < m->ncols; j++)
      x[j] = m->cols[j].kind != RP_COL_CONT ? floor(best[j] + 0.5) : best[j];
    r.found = 1;
    double z = rp_milp_stage_value(m, k, x);
    double b = Cbc_getBestPossibleObjValue(M);
    if (m->stage[k].whole)
      b = ceil(b - 1e-6);
    r.bound = b < z ? b : z;
    r.gap = fabs(z - r.bound) / (fabs(z) + DBL_EPSILON);
    if (Cbc_isProvenOptimal(M) || r.gap <= stage_gap)
      r.proven = r.gap <= 1e-9 ? 1 : 2;
  } else if (Cbc_isProvenInfeasible(M)) {
    r.found = -1;
  }
  Cbc_deleteModel(M);
  return r;
}

/* Sends the plan of the stages solved so far to the parent process
 * (rp_child_checkpoint): a later stage's relaxation, which CBC does not
 * stop at the time limit (the 1,500-section county's balance stage: 28 s),
 * may keep the child past the deadline, and the parent then ends it; the
 * stages before keep their plan. */
static void checkpoint(const rp_milp_t *m, double *x, const rp_solution_t *sol) {
  rp_solution_t now = *sol;
  now.x = x;
  rp_stages_end(m, &now);
  rp_child_checkpoint(&now, m->ncols);
}

/* Every stage in turn (glpk.c's solve_stages).  x gets the last stage's
 * plan; returns 1 with a plan, 0 without, -1 when the model has none. */
static int solve_stages(const rp_milp_t *m, const rp_solve_opts_t *o, double t0, double *x,
                        rp_solution_t *sol) {
  const double deadline = o->time_limit > 0 ? t0 + o->time_limit : 0;
  double *plan = malloc((m->ncols + 1) * sizeof *plan);
  if (!plan)
    return -2;
  double cap[RP_STAGES_MAX]; /* each stage's hold: RP_INF none */
  for (int k = 0; k < RP_STAGES_MAX; k++)
    cap[k] = RP_INF;
  int have = 0, all_proven = 1;
  rp_stages_begin(m, sol);
  for (int k = 0; k < m->n_stages; k++) {
    if (rp_stage_skip(m, k, all_proven, sol))
      continue;
    double seconds = stage_seconds(deadline, m, k, have);
    stage_result_t r = {0, 0, 0, 0};
    if (seconds != 0)
      r = solve_stage(m, cap, k, o->gap, seconds, have ? x : o->start, have, o, plan);
    if (r.found == -2) {
      free(plan);
      return -2;
    }
    if (r.found < 0 && !have) {
      free(plan);
      return -1;
    }
    if (r.found <= 0) { /* out of time: the plan of the stage before stands */
      all_proven = 0;
      break;
    }
    memcpy(x, plan, m->ncols * sizeof *x);
    have = 1;
    rp_stage_record(m, k, x, r.proven, 1, r.bound, r.gap, &all_proven, sol);
    const double z = sol->held[k];
    if (o->progress && now_s() - t0 >= 1.0)
      fprintf(stderr, "  solving: %5.1f s, %s: %s plan %.6g, bound %.6g (CBC)\n", now_s() - t0,
              m->stage[k].name, r.proven ? "optimal" : "best", z, r.bound);
    if (m->stage[k].allow < RP_INF)
      cap[k] = rp_stage_cap(&m->stage[k], z);
    if (rp_later_stages(m, k)) /* after the last, the result itself follows */
      checkpoint(m, x, sol);
  }
  free(plan);
  return have;
}

/* The whole solve, in this process. */
static rp_status_t run(const rp_milp_t *m, const rp_solve_opts_t *o, rp_solution_t *sol,
                       rp_diag_t *diag) {
  memset(sol, 0, sizeof *sol);
  sol->status = RP_SOL_ERROR;
  if (m->failed)
    return RP_ENOMEM;
  const double t0 = now_s();
  double *x = malloc((m->ncols + 1) * sizeof *x);
  if (!x)
    return RP_ENOMEM;
  sol->x = x;
  int found = solve_stages(m, o, t0, x, sol);
  sol->seconds = now_s() - t0;
  if (found == -2) {
    free(sol->x);
    sol->x = NULL;
    rp_diag_error(diag, NULL, 0, NULL, "out of memory while solving with CBC");
    return RP_ENOMEM;
  }
  if (found < 0) {
    sol->status = RP_SOL_INFEASIBLE;
  } else if (found == 0) {
    sol->status = RP_SOL_NOSOLUTION;
    snprintf(sol->message, sizeof sol->message, "no plan found within the time limit of %g s",
             o->time_limit);
  } else {
    rp_stages_end(m, sol);
  }
  if (found <= 0) {
    free(sol->x);
    sol->x = NULL;
  }
  return RP_OK;
}

typedef struct {
  const rp_milp_t *m;
  const rp_solve_opts_t *o;
} job_t;

static rp_status_t run_job(void *job, rp_solution_t *sol, rp_diag_t *diag) {
  const job_t *j = job;
  return run(j->m, j->o, sol, diag);
}

rp_status_t rp_cbc_solve(const rp_milp_t *m, const rp_solve_opts_t *opts, rp_solution_t *sol,
                         rp_diag_t *diag) {
  job_t j = {m, opts};
  if (opts->time_limit <= 0)
    return run(m, opts, sol, diag);
  rp_status_t st = rp_solve_in_child(run_job, &j, m->ncols, opts, sol, diag);
  /* CBC 2.10.8 aborted on some models in its preprocessing (an assertion
   * in OsiPresolve, on the demo's later years at quota 20% and 40%, before
   * it was turned off, docs/benchmarks.md): when CBC dies, say what the
   * planner can do. */
  if (st == RP_ESOLVER && sol->crash_signal)
    rp_diag_error(diag, NULL, 0, NULL, "CBC stopped abnormally on this model; plan it with "
                                       "--solver glpk (the default)");
  return st;
}
