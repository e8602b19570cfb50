/* A solver-neutral mixed-integer linear program.
 *
 * model/builder.c fills one from the county and the policy; solver/glpk.c
 * (the only file that includes glpk.h) solves it.  Rows and columns carry
 * names so that a model written with --write-model reads like docs/model.md.
 * Coefficients are stored row-wise as triplets; the solver converts.
 */
#ifndef RP_MILP_H
#define RP_MILP_H

#include <stddef.h>

#include "model/status.h"

#define RP_INF 1e30

typedef enum { RP_COL_CONT, RP_COL_INT, RP_COL_BIN } rp_col_kind_t;

typedef struct {
  char *name;
  double lb, ub, obj;
  /* The first priority inside obj, when it is a count of whole units (the
   * shortfall in whole teachers): with rp_milp_t.lexicographic the solver
   * bounds it from below by its relaxation's least total, rounded up, a
   * bound every plan meets (docs/model.md, "Solving"). */
  double obj0;
  double obj2; /* second-stage objective (see rp_milp_t.lexicographic) */
  rp_col_kind_t kind;
} rp_col_t;

typedef struct {
  char *name;
  double lb, ub; /* -RP_INF / RP_INF for none */
  size_t first, n; /* its coefficients: nz[first .. first+n) */
} rp_row_t;

typedef struct {
  int col;
  double val;
} rp_nz_t;

typedef struct {
  char *name;
  rp_col_t *cols;
  size_t ncols, capcols;
  rp_row_t *rows;
  size_t nrows, caprows;
  rp_nz_t *nz;
  size_t nnz, capnz;
  double obj_const;
  /* When set, the solver minimises obj first, then fixes every column obj
   * prices at its optimal value and minimises obj2 over what is left: among
   * the plans with the same shortfalls and the same per-section counts, the
   * one obj2 prefers.  A strict priority that no weight could give within
   * the solver's tolerances (docs/model.md, "Objective"). */
  int lexicographic;
  int failed; /* an allocation failed: every later call is a no-op */
} rp_milp_t;

/* The defaults of --time-limit and --gap.  The gap: GLPK stops once the
 * relative gap between the best plan and the bound is at most 5e-6, the
 * smallest gap its progress line shows as more than 0.000%: a search never
 * spins for minutes at a gap printed as 0.000%.  Shortfall stays exact (a
 * whole teacher costs w_short, far more than 5e-6 of the objective, which
 * is at most w_short times the shortfall plus one); only the balance term
 * may be that close to its best.  docs/model.md, "Solving". */
#define RP_DEFAULT_TIME_LIMIT 600
#define RP_DEFAULT_GAP 0.000005

typedef struct {
  double time_limit; /* seconds, 0 = none */
  double gap;        /* relative MIP gap, 0 = prove optimal */
  int verbose;       /* solver log to stderr */
  int progress;      /* progress lines on stderr for solves over 1 s */
  const char *write_model; /* path (.lp CPLEX LP, else MPS), or NULL */
} rp_solve_opts_t;

typedef enum {
  RP_SOL_OPTIMAL,
  RP_SOL_FEASIBLE,   /* time limit with an incumbent: usable, not proven */
  RP_SOL_INFEASIBLE,
  RP_SOL_NOSOLUTION, /* time limit without an incumbent */
  RP_SOL_ERROR
} rp_sol_status_t;

typedef struct {
  rp_sol_status_t status;
  double *x; /* ncols values */
  double obj;  /* the first objective */
  double obj2; /* the second, when the model is lexicographic */
  double bound; /* best bound */
  double gap;   /* relative gap, 0 when proven */
  double seconds;
  char message[256];
} rp_solution_t;

rp_milp_t *rp_milp_create(const char *name);
void rp_milp_free(rp_milp_t *m); /* NULL is a no-op */
/* Adds a column; returns its index (or -1 after an allocation failure). */
int rp_milp_col(rp_milp_t *m, rp_col_kind_t kind, double lb, double ub,
                double obj, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Starts a row lb <= sum <= ub; add its terms with rp_milp_term. */
int rp_milp_row(rp_milp_t *m, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds coef * col to the last row started.  A column appears at most once
 * in a row: the builder's loops guarantee it, and GLPK rejects repeats. */
void rp_milp_term(rp_milp_t *m, int col, double coef);

void rp_solution_free(rp_solution_t *s);
const char *rp_sol_status_name(rp_sol_status_t s);

#endif
