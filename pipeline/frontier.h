/* The move frontier (`rotaplan plan --frontier`, issue 11): the county
 * planned for a series of move counts, from the fewest (balance_moves = 0)
 * to the count beyond which no coefficient improves (the plan with
 * balance_moves = unlimited), so that a bureau sees what each further move
 * buys in balance.  Each point is a whole plan, written to
 * DIR/frontier/moves_NNNN/ and verified as `rotaplan verify` does; the
 * points go to DIR/frontier.csv and to the report and the workbook of the
 * plan (io/plan_sheets.h rp_sheet_frontier). */
#ifndef RP_FRONTIER_H
#define RP_FRONTIER_H

#include "pipeline/inputs.h"
#include "pipeline/plan_run.h"

/* Fewer points than this only when the range of move counts has fewer
 * whole counts; about 8 steps between the fewest and the most. */
#define RP_FRONTIER_MIN_POINTS 6
#define RP_FRONTIER_STEPS 8

/* The step between the balance_moves of the points for a range of `range`
 * moves beyond the fewest: at least RP_FRONTIER_MIN_POINTS points with the
 * last (range + 1 when the range has fewer whole counts), at most
 * RP_FRONTIER_STEPS + 1. */
int rp_frontier_step(int range);

/* Plans the points of the frontier of the loaded county li into txn (each
 * point's folder, verified), reporting each to job's observer.  *deadline
 * (0: none) is the run's; each solve gets an equal share of what is left,
 * the plan of the run one share too, and *deadline is left as the plan's.
 * On RP_OK *points (malloc'ed, fewest moves first) and *n are the
 * caller's. */
rp_status_t rp_frontier_plan(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                             const rp_inputs_t *in, rp_out_txn_t *txn,
                             rp_frontier_point_t **points, size_t *n, double *deadline,
                             rp_diag_t *diag);

/* DIR/frontier.csv, complete, into txn. */
rp_status_t rp_frontier_write_csv(const rp_plan_job_t *job, const rp_frontier_t *f, rp_lang_t l,
                                  rp_out_txn_t *txn, rp_diag_t *diag);

#endif
