/* The publish run (see publish_run.h). */
#include "pipeline/publish_run.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "io/summary_json.h"
#include "model/choice.h"
#include "pipeline/outputs.h"
#include "solver/assign.h"
#include "pipeline/principals_run.h"

/* Today in UTC, the default publication date. */
static rp_date_t today(void) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  return (rp_date_t){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* A date option, or its default; -1 after a message. */
static int date_option(const char *opt, const char *s, rp_date_t dflt, rp_date_t *out,
                       rp_diag_t *diag) {
  if (!s) {
    *out = dflt;
    return 0;
  }
  if (rp_date_parse(s, out) == 0)
    return 0;
  rp_diag_error(diag, NULL, 0, NULL, "%s: \"%s\" is not a date (YYYY-MM-DD, such as 2026-06-01)",
                opt, s);
  return -1;
}

/* The notice terms from the job's options and the policy. */
static rp_status_t notice_terms(const rp_publish_job_t *job, const rp_policy_t *p,
                                rp_lang_t lang, rp_notice_terms_t *t, rp_diag_t *diag) {
  int bad = date_option("--published", job->published, today(), &t->published, diag);
  bad |= date_option("--start", job->start, (rp_date_t){p->plan_year, 9, 1}, &t->start, diag);
  int days = job->appeal_days >= 0 ? job->appeal_days : 5;
  if (bad)
    return RP_EUSAGE; /* no deadline counted from a date that is none */
  bad |= date_option("--deadline", job->deadline,
                     rp_date_add_working_days(t->published, days), &t->deadline, diag);
  t->term_years = job->term_years >= 0 ? job->term_years : p->term_years;
  t->contact = job->contact ? job->contact
                            : rp_tr(lang, "the personnel office of the county education bureau");
  return bad ? RP_EUSAGE : RP_OK;
}

/* The plan read back with its reasons and the county after it; then the
 * pages into txn. */
static rp_status_t publish(const rp_publish_job_t *job, const rp_loaded_inputs_t *in,
                           const rp_summary_t *sum, const char *list, rp_out_txn_t *txn,
                           rp_publish_result_t *res, rp_diag_t *diag) {
  const rp_county_t *c = in->county;
  rp_audit_t *before = NULL, *after = NULL;
  rp_plan_t *plan = NULL;
  rp_status_t st;
  if ((st = rp_audit_build(c, &in->policy, &before)) != RP_OK ||
      (st = rp_plan_read_file(list, c, before, &plan, diag)) != RP_OK ||
      (st = rp_principals_read_beside(list, c, &in->policy, plan, diag)) != RP_OK)
    goto done;
  plan->method = rp_choice_order_of(sum->method) == RP_ORDER_GREEDY ? "greedy" : "milp";
  rp_plan_sort(c, plan);
  rp_plan_explain(c, before, plan);
  if ((st = rp_plan_choices(c, &in->policy, before, in->pins, in->n_pins, in->prefs,
                            in->n_prefs, in->previous_given ? &in->previous : NULL,
                            rp_choice_order_of(sum->method), plan)) != RP_OK ||
      (st = rp_plan_after(c, &in->policy, before, plan, &after)) != RP_OK)
    goto done;
  size_t behind = rp_plan_choices_out_of_order(plan);
  if (behind > 0 && rp_choice_order_of(sum->method) == RP_ORDER_MILP)
    rp_diag_warn(diag, list, 0, NULL,
                 "%zu teachers move while a colleague ahead of them in their group's order "
                 "stays: give the pins and preferences the plan was made with (their notices "
                 "say so)",
                 behind);
  if ((st = notice_terms(job, &in->policy, res->lang, &res->terms, diag)) != RP_OK)
    goto done;
  rp_plan_view_t view = {c, &in->policy, before, after, plan, NULL};
  res->moves = plan->n_moves;
  res->schools = c->n_schools;
  /* public_list.csv in the rosters' encoding unless --csv-encoding says */
  const rp_encoding_t enc = job->output.csv_encoding_given
                                ? job->output.csv_encoding
                                : rp_encoding_of_input(c->encoding);
  st = rp_publish_write(job->out_dir, &view, res->lang, enc, &res->terms,
                        txn, diag);
done:
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

rp_status_t rp_publish_run(const rp_publish_job_t *job, rp_publish_result_t *res,
                           rp_diag_t *diag) {
  rp_loaded_inputs_t in = {0};
  rp_scenario_t *sc = NULL;
  rp_out_txn_t *txn = NULL;
  char list[4200], summary[4200];
  memset(res, 0, sizeof *res);
  snprintf(list, sizeof list, "%s/rotation_list.csv", job->plan.dir);
  snprintf(summary, sizeof summary, "%s/summary.json", job->plan.dir);
  rp_out_protect(list);
  rp_out_protect(summary);
  rp_inputs_t paths;
  rp_status_t st = rp_plan_inputs_load(&job->plan.in, job->plan.scenario, 1, &sc, &paths, &in, diag);
  rp_protect_inputs(&job->plan.in, NULL, sc);
  res->county_read = in.county != NULL;
  if (st != RP_OK)
    goto done;
  res->inputs_read = 1;
  if ((st = rp_out_check_folder(job->out_dir, "--out", diag)) != RP_OK)
    goto done;
  /* A plan is published only as verify accepts it. */
  rp_verify_result_t vr = {0};
  st = rp_verify_plan(in.county, &in.policy, in.pins, in.n_pins, list, summary, NULL, &vr, diag);
  res->broken = vr.broken;
  if (st == RP_EINFEASIBLE && vr.broken == 0) /* a list edited by hand */
    rp_diag_error(diag, summary, 0, NULL,
                  "%d figures of summary.json differ from the rotation list: rebuild them with "
                  "`rotaplan report --plan %s`, then publish",
                  vr.differ, job->plan.dir);
  rp_verify_result_clear(&vr);
  if (st != RP_OK)
    goto done;
  rp_summary_t sum;
  if ((st = rp_summary_read(summary, &sum)) != RP_OK)
    goto done;
  res->lang = in.county->zh_headers ? RP_LANG_ZH : RP_LANG_EN;
  if (job->lang_given)
    res->lang = job->output.lang;
  else if (sum.lang[0])
    rp_lang_parse(sum.lang, &res->lang);
  if (!(txn = rp_out_txn_create())) {
    st = RP_ENOMEM;
    goto done;
  }
  if ((st = publish(job, &in, &sum, list, txn, res, diag)) == RP_OK)
    st = rp_out_txn_commit(txn, diag);
done:
  rp_out_txn_free(txn);
  rp_scenario_free(sc);
  rp_inputs_free(&in);
  return st;
}
