/* The solver-neutral MILP container (see milp.h). */
#include "model/milp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rp_milp_t *rp_milp_create(const char *name) {
  rp_milp_t *m = calloc(1, sizeof *m);
  if (m && !(m->name = rp_strdup(name))) {
    free(m);
    return NULL;
  }
  return m;
}

void rp_milp_free(rp_milp_t *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->ncols; i++)
    free(m->cols[i].name);
  for (size_t i = 0; i < m->nrows; i++)
    free(m->rows[i].name);
  free(m->cols);
  free(m->rows);
  free(m->nz);
  free(m->name);
  free(m);
}

static int grow(void **v, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap * 2 : 256;
  while (c < need)
    c *= 2;
  void *p = realloc(*v, c * size);
  if (!p)
    return -1;
  *v = p;
  *cap = c;
  return 0;
}

/* A column's or row's name: m's prefix, then fmt. */
static char *vformat(const rp_milp_t *m, const char *fmt, va_list ap) {
  char buf[128];
  size_t np = strlen(m->prefix);
  memcpy(buf, m->prefix, np);
  vsnprintf(buf + np, sizeof buf - np, fmt, ap);
  return rp_strdup(buf);
}

int rp_milp_col(rp_milp_t *m, rp_col_kind_t kind, double lb, double ub, const char *fmt, ...) {
  if (m->failed || grow((void **)&m->cols, &m->capcols, m->ncols + 1, sizeof *m->cols)) {
    m->failed = 1;
    return -1;
  }
  va_list ap;
  va_start(ap, fmt);
  char *name = vformat(m, fmt, ap);
  va_end(ap);
  if (!name) {
    m->failed = 1;
    return -1;
  }
  m->cols[m->ncols] = (rp_col_t){.name = name, .lb = lb, .ub = ub, .kind = kind};
  return (int)m->ncols++;
}

int rp_milp_row(rp_milp_t *m, double lb, double ub, const char *fmt, ...) {
  if (m->failed || grow((void **)&m->rows, &m->caprows, m->nrows + 1, sizeof *m->rows)) {
    m->failed = 1;
    return -1;
  }
  va_list ap;
  va_start(ap, fmt);
  char *name = vformat(m, fmt, ap);
  va_end(ap);
  if (!name) {
    m->failed = 1;
    return -1;
  }
  m->rows[m->nrows] = (rp_row_t){name, lb, ub, m->nnz, 0};
  return (int)m->nrows++;
}

void rp_milp_term(rp_milp_t *m, int col, double coef) {
  if (m->failed || m->nrows == 0 || col < 0 || coef == 0)
    return;
  rp_row_t *r = &m->rows[m->nrows - 1];
  if (grow((void **)&m->nz, &m->capnz, m->nnz + 1, sizeof *m->nz)) {
    m->failed = 1;
    return;
  }
  m->nz[m->nnz++] = (rp_nz_t){col, coef};
  r->n++;
}

int rp_milp_stage(rp_milp_t *m, const char *name, int whole, double allow, double gap) {
  if (m->n_stages == RP_STAGES_MAX)
    return -1;
  rp_stage_t *st = &m->stage[m->n_stages];
  snprintf(st->name, sizeof st->name, "%s", name);
  st->whole = whole;
  st->allow = allow;
  st->gap = gap;
  return m->n_stages++;
}

void rp_milp_cost(rp_milp_t *m, int col, int stage, double cost) {
  if (col >= 0 && stage >= 0 && stage < RP_STAGES_MAX && (size_t)col < m->ncols)
    m->cols[col].cost[stage] = cost;
}

int rp_milp_stage_empty(const rp_milp_t *m, int stage) {
  for (size_t j = 0; j < m->ncols; j++)
    if (m->cols[j].cost[stage] != 0)
      return 0;
  return 1;
}

double rp_milp_stage_value(const rp_milp_t *m, int stage, const double *x) {
  double v = 0;
  for (size_t j = 0; j < m->ncols; j++)
    v += m->cols[j].cost[stage] * x[j];
  return v;
}

void rp_solution_free(rp_solution_t *s) {
  if (!s)
    return;
  free(s->x);
  s->x = NULL;
}

const char *rp_sol_status_name(rp_sol_status_t s) {
  static const char *const n[] = {"optimal", "feasible (not proven optimal)",
                                  "infeasible", "no solution within the time limit",
                                  "solver error"};
  return n[s];
}

static const char *const backend_names[RP_BACKENDS] = {"glpk", "cbc"};

const char *rp_backend_name(rp_backend_t b) {
  return (unsigned)b < RP_BACKENDS ? backend_names[b] : "?";
}

int rp_backend_parse(const char *s, rp_backend_t *b) {
  for (int i = 0; i < RP_BACKENDS; i++)
    if (strcmp(s, backend_names[i]) == 0) {
      *b = (rp_backend_t)i;
      return 0;
    }
  return -1;
}
