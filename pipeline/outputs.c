/* A run's outputs and inputs listed before it solves (see outputs.h). */
#include "pipeline/outputs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/out_file.h"

void rp_path_list_add(rp_path_list_t *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    char **v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      l->nomem = 1;
      return;
    }
    l->v = v;
    l->cap = cap;
  }
  char *p = len >= 0 ? malloc((size_t)len + 1) : NULL;
  if (!p) {
    l->nomem = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(p, (size_t)len + 1, fmt, ap);
  va_end(ap);
  l->v[l->n++] = p;
}

void rp_path_list_free(rp_path_list_t *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
  *l = (rp_path_list_t){0};
}

/* The six plan files in dir (io/plan_io.h, rp_plan_write), and
 * principals.csv, which principal_exchange = yes writes (checked always: a
 * file that may be written must not be an input). */
static void plan_files(rp_path_list_t *l, const char *dir) {
  static const char *const names[] = {"rotation_list.csv", "schools_after.csv", "subjects.csv",
                                      "recruitment.csv", "ledger.csv", "summary.json",
                                      "principals.csv"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    rp_path_list_add(l, "%s/%s", dir, names[i]);
}

void rp_plan_outputs(rp_path_list_t *l, const char *dir, int years, int plan_year) {
  if (years <= 1) {
    plan_files(l, dir);
    return;
  }
  static const char *const inputs[] = {"schools.csv", "teachers.csv", "policy.ini"};
  for (int y = 0; y < years; y++) {
    char year_dir[4200];
    snprintf(year_dir, sizeof year_dir, "%s/year_%d", dir, plan_year + y);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
      rp_path_list_add(l, "%s/input/%s", year_dir, inputs[i]);
    plan_files(l, year_dir);
  }
  rp_path_list_add(l, "%s/years.csv", dir);
}

void rp_protect_inputs(const rp_inputs_t *in, const char *forecast, const rp_scenario_t *sc) {
  const char *const files[] = {in->schools, in->teachers, in->policy, in->pins, in->prefs,
                               in->curriculum, forecast};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    if (files[i])
      rp_out_protect(files[i]);
  if (in->appeals)
    rp_out_protect(in->appeals);
  if (in->previous) { /* the plan an appeal round starts from stays as it was */
    char path[4200];
    snprintf(path, sizeof path, "%s/rotation_list.csv", in->previous);
    rp_out_protect(path);
  }
  for (size_t i = 0; sc && i < sc->n_files; i++)
    rp_out_protect(sc->files[i]);
  for (int i = 0; sc && i < RP_SCN_INPUTS; i++)
    if (sc->input[i])
      rp_out_protect(sc->input[i]);
}

rp_status_t rp_check_outputs(const rp_path_list_t *l, rp_diag_t *diag) {
  if (l->nomem)
    return RP_ENOMEM;
  return rp_out_check((const char *const *)l->v, l->n, diag);
}
