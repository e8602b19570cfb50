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

/* The objective is a sequence of stages, each minimised in turn over the
 * plans that keep every earlier stage at its optimum (docs/model.md,
 * "Objective"): a strict priority that no weighting could give within a
 * solver's tolerances. */
#define RP_STAGES_MAX 9

typedef struct {
  char name[24]; /* as docs/model.md names it */
  /* Its cost is a count of whole units on integer columns: kept exactly,
   * and the solver may round its bounds. */
  int whole;
  /* The later stages may exceed this stage's optimum by this much (0: keep
   * it; RP_INF: the stage only orders, the later ones are free). */
  double allow;
  /* The least relative gap at which its search stops (the solver takes the
   * larger of this and --gap): RP_CV_GAP for the stages in squared
   * coefficients. */
  double gap;
} rp_stage_t;

typedef struct {
  char *name;
  double lb, ub;
  double cost[RP_STAGES_MAX]; /* in each stage's objective */
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
  rp_stage_t stage[RP_STAGES_MAX];
  int n_stages;
  int failed; /* an allocation failed: every later call is a no-op */
  /* Put before the names of the columns and rows added while it is set
   * (a later year's block of a joint plan: "y2027_"); "" for none. */
  char prefix[16];
} rp_milp_t;

/* The defaults of --time-limit and --gap.  The gap, of each stage: GLPK
 * stops once the relative gap between the stage's best plan and its bound
 * is at most 5e-6, the smallest gap its progress line shows as more than
 * 0.000%: a search never spins for minutes at a gap printed as 0.000%.  The
 * stages of whole units (shortfall, moves) are exact all the same: their
 * bounds are rounded up to whole teachers.  docs/model.md, "Solving". */
#define RP_DEFAULT_TIME_LIMIT 600
#define RP_DEFAULT_GAP 0.000005
/* The stages measured in squared difference coefficients (do_no_harm,
 * excess, balance: continuous, unlike the counts of teachers) stop within
 * 2% of their bound: GLPK can spend many minutes closing the last percent
 * of such a sum, a difference in the third or fourth decimal of one
 * coefficient (bench/optimum.sh: the demo at quota 0.4, third year). */
#define RP_CV_GAP 0.02

/* The solver behind rp_solve (solver/solve.c chooses): GLPK, which every
 * build has, or CBC, in a build that found it (RP_HAVE_CBC).  Both solve
 * the same stages to the same contract (docs/model.md, "Solving"). */
typedef enum { RP_BACKEND_GLPK, RP_BACKEND_CBC } rp_backend_t;
#define RP_BACKENDS 2

/* "glpk", "cbc": as --solver and summary.json name them. */
const char *rp_backend_name(rp_backend_t b);
/* The backend named s into *b; -1 when s names none (built or not). */
int rp_backend_parse(const char *s, rp_backend_t *b);

typedef struct {
  rp_backend_t backend; /* RP_BACKEND_GLPK unless asked */
  double time_limit; /* seconds, 0 = none */
  double gap;        /* relative MIP gap, 0 = prove optimal */
  int verbose;       /* solver log to stderr */
  int progress;      /* progress lines on stderr for solves over 1 s */
  const char *write_model; /* path (.lp CPLEX LP, else MPS), or NULL */
  /* A plan to start the first stage's search from (ncols values, found
   * some other way), or NULL.  The solver drops it when it breaks a row. */
  const double *start;
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
  double value[RP_STAGES_MAX]; /* each stage's objective at x */
  /* Each solved stage's value when it was solved, which its hold row keeps
   * (plus the stage's allowance) for the stages after it: with an
   * allowance, x's value may be above it.  A written model holds these;
   * -1 for a stage the time limit did not let the solver reach. */
  double held[RP_STAGES_MAX];
  double stage_gap[RP_STAGES_MAX]; /* relative gap each proven stage stopped at */
  int proven;  /* stages solved to their optimum (within the gap), in order */
  double bound; /* best bound of the first stage not proven */
  double gap;   /* its relative gap, 0 when every stage is proven */
  /* That stage's search stopped because it stalled (GLPK: no better plan
   * or bound in RP_STALL_NODES nodes), not because time ran out. */
  int stalled;
  double seconds;
  int crash_signal; /* the signal that ended the solver's child, 0 when none */
  char message[256];
} rp_solution_t;

rp_milp_t *rp_milp_create(const char *name);
void rp_milp_free(rp_milp_t *m); /* NULL is a no-op */
/* Adds a column; returns its index (or -1 after an allocation failure). */
int rp_milp_col(rp_milp_t *m, rp_col_kind_t kind, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Adds a stage after the others; returns its index (-1 past RP_STAGES_MAX). */
int rp_milp_stage(rp_milp_t *m, const char *name, int whole, double allow, double gap);
/* Sets col's cost in stage `stage`. */
void rp_milp_cost(rp_milp_t *m, int col, int stage, double cost);
/* Does stage `stage` cost nothing (no column priced in it)? */
int rp_milp_stage_empty(const rp_milp_t *m, int stage);
/* Stage `stage`'s objective at x. */
double rp_milp_stage_value(const rp_milp_t *m, int stage, const double *x);
/* Starts a row lb <= sum <= ub; add its terms with rp_milp_term. */
int rp_milp_row(rp_milp_t *m, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds coef * col to the last row started.  A column appears at most once
 * in a row: the builder's loops guarantee it, and GLPK rejects repeats. */
void rp_milp_term(rp_milp_t *m, int col, double coef);

void rp_solution_free(rp_solution_t *s);
const char *rp_sol_status_name(rp_sol_status_t s);

#endif
