/* The appeal round (plan --previous DIR --appeals FILE, docs/model.md
 * "Appeals"): the county is planned again from the previous plan with every
 * accepted appeal granted, and each appeal is also granted alone, to say
 * what it costs. */
#ifndef RP_APPEALS_H
#define RP_APPEALS_H

#include "pipeline/inputs.h"
#include "pipeline/plan_run.h"

/* Plans the plan year from li's previous plan once per appeal, with the
 * pins.csv's pins and that appeal alone, by job->deadline, and fills costs[i] (n =
 * li->n_appeals, the caller's array).  An appeal that leaves no plan is
 * marked so, with the first reason; RP_OK unless out of memory or out of
 * time. */
rp_status_t rp_appeals_cost(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                            rp_appeal_cost_t *costs, rp_diag_t *diag);

#endif
