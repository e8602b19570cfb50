/* Solving a built rotation model to the end (docs/model.md, "Lazy rows"):
 * solve, add the lazy rows the solution breaks, solve again, until the
 * solution breaks none; every solve within one deadline.  The planning run
 * and the diagnosis both solve this way, so a relaxation the diagnosis names
 * is one that gives a plan when rerun. */
#ifndef RP_SOLVE_MODEL_H
#define RP_SOLVE_MODEL_H

#include "model/builder.h"
#include "model/milp.h"

/* A progress line ("model: 3 lazy rows added ..."), for the caller to show. */
typedef void (*rp_progress_fn)(void *ud, const char *line);

/* Seconds on a monotonic clock, for deadlines. */
double rp_clock(void);

/* Solves b->milp with its lazy rows.  deadline: rp_clock() seconds by which
 * every solve ends (0: none); opts->time_limit is the whole limit, for
 * messages.  opts->write_model is ignored (write the model after, with the
 * rows it needed).  On RP_OK sol->status says what was found; sol->seconds
 * adds up the solves.  RP_ESOLVER when the deadline passes before the plan
 * meets every lazy row; RP_ENOMEM, RP_EINTERNAL. */
rp_status_t rp_solve_model(rp_build_t *b, const rp_solve_opts_t *opts, double deadline,
                           rp_progress_fn progress, void *ud, rp_solution_t *sol,
                           rp_diag_t *diag);

#endif
