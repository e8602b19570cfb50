/* The outputs and inputs of a run, listed before it solves: every file a
 * plan or a comparison will write, so that io/out_file.h's rp_out_check
 * can refuse the run at once when an output would replace an input or
 * another output (docs/reliability.md), and every input it reads, so that
 * no output replaces one. */
#ifndef RP_OUTPUTS_H
#define RP_OUTPUTS_H

#include <stddef.h>

#include "io/plan_io.h"
#include "model/scenario.h"
#include "model/status.h"

/* A growing list of paths (each malloc'ed).  Zero-initialise; a failed
 * allocation is remembered in `nomem` and the path left out. */
typedef struct {
  char **v;
  size_t n, cap;
  int nomem;
} rp_path_list_t;

void rp_path_list_add(rp_path_list_t *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rp_path_list_free(rp_path_list_t *l);

/* Adds the files a plan writes into dir: the six plan files; with years
 * > 1, years.csv and each year's folder year_YYYY/ (from plan_year on):
 * its plan files and the input/ rosters and policy. */
void rp_plan_outputs(rp_path_list_t *l, const char *dir, int years, int plan_year);

/* Registers the inputs of a run with rp_out_protect: the files of `in`,
 * forecast (or NULL), and with a scenario sc (or NULL) its own files (the
 * `extends` parents too) and every data file it names. */
void rp_protect_inputs(const rp_inputs_t *in, const char *forecast, const rp_scenario_t *sc);

/* rp_out_check of the list; RP_ENOMEM when the list lost a path. */
rp_status_t rp_check_outputs(const rp_path_list_t *l, rp_diag_t *diag);

#endif
