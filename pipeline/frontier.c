/* The move frontier (see frontier.h).  Each point is the run's planning of
 * the plan year (pipeline/plan_year.h) with another balance_moves: first
 * 0 (the fewest moves) and unlimited (the balance first: the count beyond
 * which no coefficient improves), then the counts between, evenly spaced.
 * A point's folder is named by its moves, so it is written once solved,
 * read back from the run's transaction and verified (pipeline/verify_run.h)
 * before the next is planned. */
#include "pipeline/frontier.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/out_file.h"
#include "io/audit_report.h"
#include "io/sheet.h"
#include "io/summary_json.h"
#include "pipeline/plan_year.h"
#include "pipeline/verify_run.h"
#include "solver/solve_model.h"

int rp_frontier_step(int range) {
  if (range <= RP_FRONTIER_STEPS)
    return 1;
  return (range + RP_FRONTIER_STEPS - 1) / RP_FRONTIER_STEPS;
}

static void say(const rp_plan_job_t *job, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const rp_plan_job_t *job, const char *fmt, ...) {
  char line[256];
  va_list ap;
  if (!job->observer || !job->observer->on_progress)
    return;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  job->observer->on_progress(job->observer->ctx, line);
}

/* The run's deadline shared by `solves` solves still to come: the next
 * one's (0: none). */
static double share(double deadline, int solves) {
  if (deadline <= 0)
    return 0;
  double now = rp_clock(), left = deadline - now;
  return left > 0 ? now + left / (solves > 0 ? solves : 1) : deadline;
}

/* A planned point's figures, as its summary.json has them. */
static void figures(const rp_plan_view_t *v, const rp_inputs_t *in, int balance_moves,
                    rp_frontier_point_t *pt) {
  rp_summary_t s;
  rp_summary_of(v, in, RP_LANG_EN, &s);
  memset(pt, 0, sizeof *pt);
  pt->moves = (int)v->plan->n_moves;
  pt->balance_moves = balance_moves;
  pt->shortfall = (int)s.shortfall_after.total;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      pt->cv[lv][i] = rp_round(s.levels_after[lv].cv[i], 4);
  for (int k = 0; k < s.solver.n_stages; k++)
    if (strcmp(s.solver.stage[k].name, "excess") == 0)
      pt->excess = s.solver.stage[k].value;
  pt->km = s.km_total;
  pt->toward = (int)s.toward;
  pt->toward_share = s.toward_share;
  snprintf(pt->dir, sizeof pt->dir, "frontier/moves_%04d", pt->moves);
}

/* Its files read back from txn and checked as `rotaplan verify` checks a
 * plan's folder. */
static rp_status_t verify_point(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                                const rp_policy_t *p, const rp_frontier_point_t *pt,
                                rp_out_txn_t *txn, rp_diag_t *diag) {
  char list[4400], summary[4400];
  snprintf(list, sizeof list, "%s/%s/rotation_list.csv", job->out, pt->dir);
  snprintf(summary, sizeof summary, "%s/%s/summary.json", job->out, pt->dir);
  char principals[4400];
  snprintf(principals, sizeof principals, "%s/%s/principals.csv", job->out, pt->dir);
  const char *tl = rp_out_txn_temp_of(txn, list), *ts = rp_out_txn_temp_of(txn, summary);
  rp_verify_result_t res = {0};
  rp_status_t st = tl && ts ? rp_verify_plan_files(li->county, p, li->pins, li->n_pins, tl, ts,
                                                   rp_out_txn_temp_of(txn, principals), NULL,
                                                   &res, diag)
                            : RP_EINTERNAL;
  /* A point's own summary must agree with its list: a figure that differs
   * is a fault here. */
  for (size_t i = 0; i < res.figures.n; i++) {
    const rp_diag_entry_t *e = &res.figures.v[i];
    rp_diag_error(diag, e->file, e->line, e->column, "%s", e->msg);
  }
  rp_verify_result_clear(&res);
  if (st != RP_OK) {
    rp_diag_error(diag, NULL, 0, NULL,
                  "frontier: the plan with balance_moves = %d (%d moves) fails verification",
                  pt->balance_moves, pt->moves);
    return RP_EINTERNAL;
  }
  return RP_OK;
}

/* One point: the plan year planned with balance_moves = bm by `deadline`;
 * unless a point with as many moves was planned already (*fresh = 0), its
 * files into DIR/frontier/moves_NNNN/ in txn, verified. */
static rp_status_t plan_point(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                              const rp_inputs_t *in, rp_out_txn_t *txn, int bm, double deadline,
                              const rp_frontier_point_t *done, size_t n_done,
                              rp_frontier_point_t *pt, int *fresh, rp_diag_t *diag) {
  rp_plan_job_t sub = *job;
  sub.deadline = deadline;
  sub.observer = NULL; /* the points report as points, not each solve */
  sub.frontier = NULL;
  rp_policy_t p = li->policy;
  p.balance_moves = bm;
  rp_plan_t *plan = NULL;
  rp_audit_t *before = NULL, *after = NULL;
  rp_status_t st = rp_plan_year(&sub, &p, li->county, li->pins, li->n_pins, li->prefs,
                                li->n_prefs, NULL, in, 0, txn, &plan, &before, &after, diag);
  *fresh = 0;
  if (st != RP_OK) {
    rp_diag_error(diag, NULL, 0, NULL, "frontier: no plan with balance_moves = %d", bm);
    goto done;
  }
  rp_plan_view_t view = {li->county, &p, before, after, plan, NULL};
  figures(&view, in, bm, pt);
  *fresh = 1;
  for (size_t k = 0; k < n_done; k++)
    *fresh &= done[k].moves != pt->moves;
  if (!*fresh)
    goto done;
  char dir[4400];
  snprintf(dir, sizeof dir, "%s/%s", job->out, pt->dir);
  if ((st = rp_plan_year_write(&sub, &view, dir, in, 0, txn, diag)) == RP_OK)
    st = verify_point(job, li, &p, pt, txn, diag);
done:
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

static int by_moves(const void *a, const void *b) {
  const rp_frontier_point_t *x = a, *y = b;
  return (x->moves > y->moves) - (x->moves < y->moves);
}

rp_status_t rp_frontier_plan(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                             const rp_inputs_t *in, rp_out_txn_t *txn,
                             rp_frontier_point_t **points, size_t *n, double *deadline,
                             rp_diag_t *diag) {
  enum { MAX = RP_FRONTIER_STEPS + 2 };
  rp_frontier_point_t *pt = calloc(MAX, sizeof *pt);
  size_t np = 0;
  int fresh;
  *points = NULL;
  *n = 0;
  if (!pt)
    return RP_ENOMEM;
  /* The two ends: the fewest moves, and the plan of the best balance.  The
   * solves still to come are guessed (the steps between, and the plan of
   * the run) until the range is known. */
  rp_status_t st = plan_point(job, li, in, txn, 0, share(*deadline, RP_FRONTIER_STEPS + 2), pt,
                              0, &pt[0], &fresh, diag);
  if (st == RP_OK) {
    np = 1;
    st = plan_point(job, li, in, txn, RP_UNLIMITED, share(*deadline, RP_FRONTIER_STEPS + 1), pt,
                    np, &pt[np], &fresh, diag);
    np += st == RP_OK && fresh;
  }
  if (st != RP_OK)
    goto done;
  const int range = pt[np - 1].moves - pt[0].moves;
  const int step = rp_frontier_step(range);
  const int between = range > 0 ? (range + step - 1) / step - 1 : 0;
  const int total = (int)np + between;
  say(job, "frontier: %d to %d moves, balance_moves in steps of %d: %d points", pt[0].moves,
      pt[np - 1].moves, step, total);
  say(job, "frontier: point 1 of %d, %d moves", total, pt[0].moves);
  if (np > 1)
    say(job, "frontier: point %d of %d, %d moves", total, total, pt[np - 1].moves);
  for (int k = 1; st == RP_OK && k <= between; k++) {
    st = plan_point(job, li, in, txn, k * step, share(*deadline, between - k + 2), pt, np,
                    &pt[np], &fresh, diag);
    if (st != RP_OK)
      break;
    if (fresh) {
      say(job, "frontier: point %d of %d, %d moves", k + 1, total, pt[np].moves);
      np++;
    } else {
      say(job, "frontier: point %d of %d, %d moves as another point: left out", k + 1, total,
          pt[np].moves);
    }
  }
  if (st != RP_OK)
    goto done;
  qsort(pt, np, sizeof *pt, by_moves);
  *points = pt;
  *n = np;
  pt = NULL;
done:
  free(pt);
  return st;
}

rp_status_t rp_frontier_write_csv(const rp_plan_job_t *job, const rp_frontier_t *f, rp_lang_t l,
                                  rp_out_txn_t *txn, rp_diag_t *diag) {
  return rp_sheet_write_csv_file(job->out, "frontier.csv", rp_sheet_frontier(l, f),
                                 job->output.csv_encoding, txn, diag);
}
