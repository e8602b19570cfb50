/* GLPK backend (see solver.h).  Installs an error hook so that a failure
 * inside GLPK longjmps back here instead of aborting the process (as igraph's
 * glpk_support.c does), routes GLPK's terminal output to our log, reports
 * progress on long solves, and reads glp_mip_status() rather than trusting
 * glp_intopt's return code. */
#include "solver/solver.h"

#include <errno.h>
#include <glpk.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
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

static void on_branch(glp_tree *T, void *info) {
  hook_ctx_t *h = info;
  h->in_tree = 1;
  if (h->deadline > 0 && now_s() > h->deadline) {
    glp_ios_terminate(T); /* keeps the incumbent: a usable plan */
    return;
  }
  if (glp_ios_reason(T) != GLP_ISELECT)
    return;
  int best = glp_ios_best_node(T);
  if (best) {
    h->bound = glp_ios_node_bound(T, best);
    h->gap = glp_ios_mip_gap(T);
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
    fprintf(stderr, "  solving: %5.1f s, best plan %.6g, bound %.6g, gap %.3f%%, %d open nodes\n",
            t - h->t0, glp_mip_obj_val(P), bound, 100 * glp_ios_mip_gap(T), a);
  else
    fprintf(stderr, "  solving: %5.1f s, no plan yet, bound %.6g, %d open nodes\n",
            t - h->t0, bound, a);
}

/* Builds the GLPK problem.  Must run inside the error hook's setjmp. */
static glp_prob *load(const rp_milp_t *m, int **ia, int **ja, double **ar) {
  glp_prob *P = glp_create_prob();
  glp_set_prob_name(P, m->name);
  glp_set_obj_dir(P, GLP_MIN);
  glp_set_obj_coef(P, 0, m->obj_const);
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
    glp_set_obj_coef(P, (int)j + 1, c->obj);
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

/* Stage 0 of a lexicographic model with a whole-unit first priority (the
 * columns with obj0, the shortfall in whole teachers): the least total of
 * the relaxation, rounded up, is a bound that every plan meets (a plan's
 * shortfall is a whole number of teachers and no less than the
 * relaxation's), so a row least_shortfall >= that bound is added before
 * stage 1.  Stage 1's own bound, with the balance terms beside the
 * shortfall, cannot be rounded: without the row a search could spin at a
 * fraction of a teacher (the weighted bound counting 76.8 teachers short
 * where every plan has 77).  The row removes no plan.  It costs one more
 * relaxation, by the simplex method, which keeps a time limit: a quarter
 * of the time left; when it does not finish, stage 1 runs without the row. */

static int stage_zero_ms(const hook_ctx_t *h) {
  if (h->deadline <= 0)
    return INT32_MAX;
  double left = h->deadline - now_s();
  return left > 0 ? (int)(left * 250) : 0;
}

/* P's objective: obj0 (stage 0) or obj (stage 1). */
static void set_objective(glp_prob *P, const rp_milp_t *m, int stage0) {
  for (size_t j = 0; j < m->ncols; j++)
    glp_set_obj_coef(P, (int)j + 1, stage0 ? m->cols[j].obj0 : m->cols[j].obj);
  glp_set_obj_coef(P, 0, stage0 ? 0 : m->obj_const);
}

/* The relaxation's least total of obj0, rounded up; -1 when it does not
 * finish in its share of the time. */
static double least_total_bound(glp_prob *P, const glp_iocp *p, const hook_ctx_t *h) {
  glp_smcp sp;
  glp_init_smcp(&sp);
  sp.msg_lev = p->msg_lev;
  sp.presolve = GLP_ON;
  sp.tm_lim = stage_zero_ms(h);
  if (sp.tm_lim == 0 || glp_simplex(P, &sp) != 0 || glp_get_status(P) != GLP_OPT)
    return -1;
  return ceil(glp_get_obj_val(P) - 1e-6);
}

/* Adds the row least_shortfall; 0 when added. */
static int stage_zero(glp_prob *P, const rp_milp_t *m, const glp_iocp *p, const hook_ctx_t *h) {
  int n = 0;
  for (size_t j = 0; j < m->ncols; j++)
    n += m->cols[j].obj0 != 0;
  if (n == 0)
    return -1;
  int *ind = malloc(((size_t)n + 1) * sizeof *ind);
  double *val = malloc(((size_t)n + 1) * sizeof *val);
  int rc = -1;
  if (!ind || !val)
    goto done;
  n = 0;
  for (size_t j = 0; j < m->ncols; j++)
    if (m->cols[j].obj0 != 0) {
      ind[++n] = (int)j + 1;
      val[n] = m->cols[j].obj0;
    }
  set_objective(P, m, 1);
  double bound = least_total_bound(P, p, h);
  set_objective(P, m, 0);
  if (bound <= 0)
    goto done; /* not found, or nothing to bound */
  int row = glp_add_rows(P, 1);
  glp_set_row_name(P, row, "least_shortfall");
  glp_set_row_bnds(P, row, GLP_LO, bound, 0);
  glp_set_mat_row(P, row, n, ind, val);
  rc = 0;
done:
  free(ind);
  free(val);
  return rc;
}

/* Second stage of a lexicographic model: every column the first objective
 * prices is fixed at its optimal value (so the first objective cannot
 * change), the objective becomes obj2, and the MIP is solved again.  On any
 * failure the first stage's solution stands (it is still in P unless the
 * second stage found a better one, which is then a valid plan too). */
static void second_stage(glp_prob *P, const rp_milp_t *m, glp_iocp *p, hook_ctx_t *h,
                         const rp_solve_opts_t *opts, rp_solution_t *sol) {
  double used = now_s() - h->t0;
  if (opts->time_limit > 0 && opts->time_limit - used < 0.5)
    return;
  double *x1 = malloc((m->ncols + 1) * sizeof *x1);
  if (!x1)
    return;
  for (size_t j = 0; j < m->ncols; j++)
    x1[j] = glp_mip_col_val(P, (int)j + 1);
  double z1 = glp_mip_obj_val(P);
  for (size_t j = 0; j < m->ncols; j++) {
    const rp_col_t *c = &m->cols[j];
    if (c->obj != 0)
      glp_set_col_bnds(P, (int)j + 1, GLP_FX, x1[j], x1[j]);
    glp_set_obj_coef(P, (int)j + 1, c->obj2);
  }
  glp_set_obj_coef(P, 0, 0);
  p->presolve = GLP_ON;
  p->mip_gap = 0;
  if (opts->time_limit > 0)
    p->tm_lim = (int)((opts->time_limit - used) * 1000);
  int rc = glp_intopt(P, p);
  int st = glp_mip_status(P);
  sol->obj2 = st == GLP_OPT || st == GLP_FEAS ? glp_mip_obj_val(P) : 0;
  if (!(st == GLP_OPT || st == GLP_FEAS)) {
    /* keep the first stage's plan: put it back as the answer */
    for (size_t j = 0; j < m->ncols; j++)
      glp_set_col_bnds(P, (int)j + 1, GLP_FX, x1[j], x1[j]);
    glp_intopt(P, p);
    snprintf(sol->message, sizeof sol->message,
             "second stage (fewest moves) not finished (GLPK code %d)", rc);
  }
  (void)z1;
  free(x1);
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
  hook_ctx_t h = {.verbose = opts->verbose, .progress = opts->progress};
  memset(sol, 0, sizeof *sol);
  sol->status = RP_SOL_ERROR;
  if (m->failed)
    return RP_ENOMEM;
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
  int rc;
  if (mip) {
    glp_iocp p;
    glp_init_iocp(&p);
    p.presolve = GLP_ON;
    p.msg_lev = opts->verbose || opts->progress ? GLP_MSG_ON : GLP_MSG_ERR;
    p.out_frq = 1000; /* ms between progress lines */
    p.tm_lim = opts->time_limit > 0 ? (int)(opts->time_limit * 1000) : INT32_MAX;
    p.mip_gap = opts->gap;
    p.cb_func = on_branch;
    p.cb_info = &h;
    p.gmi_cuts = GLP_ON;
    p.mir_cuts = GLP_ON;
    if (m->lexicographic) {
      stage_zero(P, m, &p, &h);
      if (h.deadline > 0) { /* stage 1 has what stage 0 left */
        double left = h.deadline - now_s();
        p.tm_lim = left > 0 ? (int)(left * 1000) : 1;
      }
    }
    rc = glp_intopt(P, &p);
    int st1 = glp_mip_status(P);
    /* Stage 2 after a proven optimum, or one within --gap (GLPK then
     * leaves the status at GLP_FEAS); not after a time-limit stop. */
    if (m->lexicographic && ((rc == 0 && st1 == GLP_OPT) || (rc == GLP_EMIPGAP && st1 == GLP_FEAS)))
      second_stage(P, m, &p, &h, opts, sol);
  } else {
    glp_smcp p;
    glp_init_smcp(&p);
    p.presolve = GLP_ON;
    p.msg_lev = opts->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    rc = glp_simplex(P, &p);
  }
  sol->seconds = now_s() - h.t0;
  int status = mip ? glp_mip_status(P) : glp_get_status(P);
  if (rc == GLP_ENOPFS || rc == GLP_ENODFS || status == GLP_NOFEAS) {
    sol->status = RP_SOL_INFEASIBLE;
    st = RP_OK;
    goto done;
  }
  if (status == GLP_OPT || status == GLP_FEAS) {
    sol->status = status == GLP_OPT && rc == 0 ? RP_SOL_OPTIMAL : RP_SOL_FEASIBLE;
    /* GLPK ends a search stopped by --gap with GLP_EMIPGAP: the plan is
     * optimal within the gap the planner asked for. */
    if (mip && rc == GLP_EMIPGAP)
      sol->status = RP_SOL_OPTIMAL;
    sol->x = malloc((m->ncols + 1) * sizeof *sol->x);
    if (!sol->x) {
      st = RP_ENOMEM;
      goto done;
    }
    for (size_t j = 0; j < m->ncols; j++)
      sol->x[j] = mip ? glp_mip_col_val(P, (int)j + 1) : glp_get_col_prim(P, (int)j + 1);
    sol->obj = mip ? glp_mip_obj_val(P) : glp_get_obj_val(P);
    if (mip && m->lexicographic) { /* report the first objective */
      sol->obj2 = sol->obj;
      sol->obj = m->obj_const;
      for (size_t j = 0; j < m->ncols; j++)
        sol->obj += m->cols[j].obj * sol->x[j];
    }
    sol->bound = sol->obj;
    if (rc != 0 && h.have_bound) { /* stopped early: report bound and gap */
      sol->bound = h.bound;
      sol->gap = h.gap;
    }
    st = RP_OK;
    goto done;
  }
  if (rc == GLP_ETMLIM || rc == GLP_ESTOP) { /* GLPK's limit, or ours in the tree */
    sol->status = RP_SOL_NOSOLUTION;
    snprintf(sol->message, sizeof sol->message,
             "no plan found within the time limit of %g s", opts->time_limit);
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
  free(ia);
  free(ja);
  free(ar);
  return st;
}

/* ---- the solve in a child process ---------------------------------------
 * GLPK cannot be interrupted in its root relaxation, and a crash inside it
 * would take the whole run down.  So a MIP with a time limit is solved in a
 * forked child that sends its result back through a pipe; the parent waits
 * until the deadline (plus at most a second for the child's own orderly
 * stop) and then ends the child: the limit holds whatever GLPK is doing,
 * and a crash is a reported solver failure, not a lost run. */

typedef struct {
  int rc; /* rp_status_t of the child's run */
  int status;
  double obj, obj2, bound, gap, seconds;
  char message[256];
  size_t ncols;
  int has_x;
} wire_t;

static int write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* Reads n bytes before the deadline (monotonic seconds); -1 on timeout, EOF
 * or error. */
static int read_all(int fd, void *buf, size_t n, double deadline) {
  char *p = buf;
  while (n > 0) {
    int ms = (int)((deadline - now_s()) * 1000);
    if (ms < 0)
      return -1;
    struct pollfd pfd = {fd, POLLIN, 0};
    int r = poll(&pfd, 1, ms);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    ssize_t k = read(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* The child must not outlive the run: killed (TERM, INT, even KILL), the
 * parent takes its solver with it.  Linux sends the child SIGKILL when the
 * parent dies (PR_SET_PDEATHSIG); a parent that died before that was set
 * is caught by the check after it. */
static void die_with_parent(pid_t parent) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (getppid() != parent)
    _exit(1);
}

static rp_status_t solve_in_child(job_t *j) {
  const rp_solve_opts_t *opts = j->opts;
  rp_solution_t *sol = j->sol;
  int fds[2];
  double t0 = now_s();
  memset(sol, 0, sizeof *sol);
  sol->status = RP_SOL_ERROR;
  if (pipe(fds) != 0)
    return run(j); /* no pipe: solve here, as without a limit */
  fflush(NULL);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return run(j);
  }
  if (pid == 0) { /* child: solve, send, leave without touching stdio */
    die_with_parent(parent);
    close(fds[0]);
    rp_diag_t quiet = RP_DIAG_INIT;
    j->diag = &quiet;
    wire_t w = {0};
    w.rc = run(j);
    w.status = sol->status;
    w.obj = sol->obj;
    w.obj2 = sol->obj2;
    w.bound = sol->bound;
    w.gap = sol->gap;
    w.seconds = sol->seconds;
    memcpy(w.message, sol->message, sizeof w.message);
    w.ncols = j->m->ncols;
    w.has_x = sol->x != NULL;
    int bad = write_all(fds[1], &w, sizeof w) != 0 ||
              (w.has_x && write_all(fds[1], sol->x, w.ncols * sizeof *sol->x) != 0);
    _exit(bad ? 1 : 0);
  }
  close(fds[1]);
  wire_t w;
  /* The child stops itself at the limit when it can (in branch and bound,
   * keeping its best plan); it gets a little longer to send that plan. */
  double grace = 0.2 + 0.05 * opts->time_limit;
  double deadline = t0 + opts->time_limit + (grace < 1.0 ? grace : 1.0);
  rp_status_t st = RP_ESOLVER;
  int got = read_all(fds[0], &w, sizeof w, deadline) == 0;
  if (got && w.has_x) {
    sol->x = malloc((w.ncols + 1) * sizeof *sol->x);
    got = sol->x && read_all(fds[0], sol->x, w.ncols * sizeof *sol->x, deadline + 5) == 0;
  }
  close(fds[0]);
  if (!got)
    kill(pid, SIGKILL);
  int wst = 0;
  while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
    ;
  if (got) {
    st = (rp_status_t)w.rc;
    sol->status = (rp_sol_status_t)w.status;
    sol->obj = w.obj;
    sol->obj2 = w.obj2;
    sol->bound = w.bound;
    sol->gap = w.gap;
    sol->seconds = w.seconds;
    memcpy(sol->message, w.message, sizeof sol->message);
    if (st != RP_OK)
      rp_diag_error(j->diag, NULL, 0, NULL, "%s", sol->message);
    return st;
  }
  free(sol->x);
  sol->x = NULL;
  sol->seconds = now_s() - t0;
  if (WIFSIGNALED(wst) && WTERMSIG(wst) != SIGKILL) {
    snprintf(sol->message, sizeof sol->message, "the solver crashed (signal %d)",
             WTERMSIG(wst));
    rp_diag_error(j->diag, NULL, 0, NULL, "solver: %s", sol->message);
    return RP_ESOLVER;
  }
  sol->status = RP_SOL_NOSOLUTION;
  snprintf(sol->message, sizeof sol->message, "no plan found within the time limit of %g s",
           opts->time_limit);
  return RP_OK;
}

rp_status_t rp_solve(const rp_milp_t *m, const rp_solve_opts_t *opts,
                     rp_solution_t *sol, rp_diag_t *diag) {
  static const rp_solve_opts_t none = {0};
  job_t j = {m, opts ? opts : &none, 1, sol, diag, NULL};
  if (j.opts->time_limit > 0 && !j.opts->write_model)
    return solve_in_child(&j);
  return run(&j);
}

rp_status_t rp_milp_write(const rp_milp_t *m, const char *path, const char *named,
                          rp_diag_t *diag) {
  rp_solve_opts_t o = {0};
  rp_solution_t sol;
  o.write_model = path;
  job_t j = {m, &o, -1, &sol, diag, named};
  return run(&j);
}

rp_status_t rp_solve_lp(const rp_milp_t *m, rp_solution_t *sol, rp_diag_t *diag) {
  static const rp_solve_opts_t none = {0};
  job_t j = {m, &none, 0, sol, diag, NULL};
  return run(&j);
}
