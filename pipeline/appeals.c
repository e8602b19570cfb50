/* The appeal round (see appeals.h). */
#include "pipeline/appeals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/plan_year.h"

static void level_cvs(const rp_audit_t *a, double cv[RP_LEVELS][RP_INDICATORS]) {
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      cv[lv][i] = a->level[lv].cv[i];
}

/* One appeal granted alone into *c, against the previous plan's figures. */
static rp_status_t cost_one(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                            rp_pin_t *pins, const rp_pin_t *appeal, int short_prev,
                            rp_appeal_cost_t *c) {
  rp_diag_t quiet = RP_DIAG_INIT;
  rp_plan_t *plan = NULL;
  rp_audit_t *before = NULL, *after = NULL;
  const size_t n_base = li->n_pins - li->n_appeals;
  pins[n_base] = *appeal;
  rp_status_t st = rp_plan_year(job, &li->policy, li->county, pins, n_base + 1, li->prefs,
                                li->n_prefs, NULL, &job->in, 0, NULL, &plan, &before, &after,
                                &quiet);
  c->appeal = appeal;
  if (st == RP_OK) {
    c->planned = 1;
    c->moves = (int)plan->n_moves;
    c->rows_changed = rp_plan_rows_changed(plan);
    c->shortfall_change = rp_audit_total_shortfall(after) - short_prev;
    level_cvs(after, c->cv);
  } else if (st == RP_EINFEASIBLE || st == RP_EINPUT || st == RP_ESOLVER) {
    snprintf(c->why, sizeof c->why, "%s", quiet.n ? quiet.v[0].msg : rp_status_str(st));
    snprintf(c->why_zh, sizeof c->why_zh, "%s",
             quiet.n && quiet.v[0].msg_zh ? quiet.v[0].msg_zh : "");
    st = RP_OK; /* said in the list, not a failure of the round */
  }
  rp_diag_clear(&quiet);
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

rp_status_t rp_appeals_cost(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                            rp_appeal_cost_t *costs, rp_diag_t *diag) {
  rp_audit_t *before = NULL, *prev_after = NULL;
  rp_plan_t *prev = NULL;
  rp_pin_t *pins = malloc((li->n_pins + 1) * sizeof *pins);
  rp_status_t st = pins ? rp_audit_build(li->county, &li->policy, &before) : RP_ENOMEM;
  if (st == RP_OK)
    st = rp_plan_of_previous(li->county, before, &li->previous, &prev);
  if (st == RP_OK)
    st = rp_plan_after(li->county, &li->policy, before, prev, &prev_after);
  if (st == RP_OK && li->n_pins > li->n_appeals) /* pins.csv's, without the appeals */
    memcpy(pins, li->pins, (li->n_pins - li->n_appeals) * sizeof *pins);
  int short_prev = st == RP_OK ? rp_audit_total_shortfall(prev_after) : 0;
  for (size_t i = 0; st == RP_OK && i < li->n_appeals; i++) {
    memset(&costs[i], 0, sizeof costs[i]);
    level_cvs(prev_after, costs[i].cv_before);
    st = cost_one(job, li, pins, &li->pins[li->n_pins - li->n_appeals + i], short_prev,
                  &costs[i]);
  }
  if (st != RP_OK && st != RP_ENOMEM)
    rp_diag_error(diag, NULL, 0, NULL, "the appeals' costs: %s", rp_status_str(st));
  free(pins);
  rp_plan_free(prev);
  rp_audit_free(before);
  rp_audit_free(prev_after);
  return st;
}
