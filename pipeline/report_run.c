/* The report run (see report_run.h): an edited list checked, then the
 * plan's files rebuilt from it. */
#include "pipeline/report_run.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io/lang.h"
#include "io/out_file.h"
#include "io/summary_json.h"
#include "pipeline/principals_run.h"
#include "model/scenario.h"
#include "model/verify.h"
#include "pipeline/inputs.h"
#include "pipeline/outputs.h"
#include "pipeline/plan_run.h"
#include "pipeline/verify_run.h"

/* Are a and b the same file (both exist, same device and inode)? */
static int same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/* The language of the files and messages: as asked, else the one the plan
 * was written in (its summary.json), else the rosters'. */
static rp_lang_t report_lang(const rp_report_job_t *job, const char *summary,
                             const rp_county_t *c) {
  rp_summary_t s;
  rp_lang_t l;
  if (job->lang_given)
    return job->output.lang;
  if (rp_summary_read(summary, &s) == RP_OK && s.lang[0] && rp_lang_parse(s.lang, &l) == 0)
    return l;
  return c->zh_headers ? RP_LANG_ZH : RP_LANG_EN;
}

/* Every file the run writes, checked before anything is read from the
 * list: none may be an input (the edited list among them), nor the same
 * file as another. */
static rp_status_t check_outputs(const rp_report_job_t *job, const char *out, int with_list,
                                 rp_diag_t *diag) {
  rp_status_t st = rp_out_check_folder(out, "--out", diag);
  const char *const files[] = {job->xlsx, job->html};
  const char *const opts[] = {"--xlsx", "--html"};
  for (int i = 0; st == RP_OK && i < 2; i++)
    if (files[i])
      st = rp_out_check_parent(files[i], opts[i], diag);
  if (st != RP_OK)
    return st;
  rp_path_list_t outs = {0};
  for (int i = 0; i < 2; i++)
    if (files[i])
      rp_path_list_add(&outs, "%s", files[i]);
  static const char *const names[] = {"rotation_list.csv", "schools_after.csv", "subjects.csv",
                                      "recruitment.csv", "summary.json"};
  for (int i = with_list ? 0 : 1; i < 5; i++)
    rp_path_list_add(&outs, "%s/%s", out, names[i]);
  st = rp_check_outputs(&outs, diag);
  rp_path_list_free(&outs);
  return st;
}

/* The list read back and checked: RP_EINFEASIBLE (res->broken set) when
 * it breaks a rule.  Rows whose reason the planner left empty say so. */
static rp_status_t read_and_check(const rp_loaded_inputs_t *li, const char *list,
                                  const rp_audit_t *before, rp_lang_t l, rp_plan_t **plan,
                                  char ***reasons, rp_report_result_t *res, rp_diag_t *diag) {
  rp_status_t st = rp_plan_read_reasons(list, li->county, before, plan, reasons, diag);
  if (st != RP_OK)
    return st;
  rp_plan_t *p = *plan;
  for (size_t k = 0; k < p->n_moves; k++) {
    p->moved_backbone +=
        rp_teacher_is_rotation_backbone(&li->policy, &li->county->teachers[p->moves[k].teacher]);
    if (!p->moves[k].reason[0])
      p->moves[k].reason = "edited by hand";
  }
  /* The principals' exchange beside the list (principal_exchange = yes),
   * read and checked as verify does, first: the teachers' rules hold on the
   * county it leaves; its moves count in the figures after. */
  rp_county_t *c2 = NULL;
  rp_audit_t *a2 = NULL;
  if ((st = rp_principals_read_beside(list, li->county, &li->policy, p, diag)) != RP_OK ||
      (st = rp_principals_county(li->county, &li->policy, before, p->principals, &c2, &a2,
                                 diag)) != RP_OK)
    return st;
  res->broken = rp_verify_principals(li->county, &li->policy, before, p, rp_verify_tr(l), diag);
  res->broken += rp_verify_rules(c2 ? c2 : li->county, &li->policy, a2 ? a2 : before, p,
                                 li->pins, li->n_pins, rp_verify_tr(l), diag);
  rp_county_free(c2);
  rp_audit_free(a2);
  if (res->broken)
    return RP_EINFEASIBLE;
  /* Not solved: summary.json's method and solver status say so. */
  p->method = "edited list";
  p->status = "edited list";
  p->solver = NULL;
  rp_plan_sort(li->county, p);
  return RP_OK;
}

/* The plan's files rebuilt into out, into one transaction, committed. */
static rp_status_t write_all(const rp_report_job_t *job, const rp_plan_view_t *v,
                             const rp_inputs_t *paths, const char *out, rp_lang_t l,
                             int with_list, rp_diag_t *diag) {
  rp_out_txn_t *txn = rp_out_txn_create();
  rp_output_opts_t oo = job->output;
  oo.lang = l;
  rp_status_t st = txn ? rp_out_mkdir(out, diag) : RP_ENOMEM;
  if (st == RP_OK)
    st = rp_plan_reports_write(job->xlsx, job->html, v, l, txn, diag);
  if (st == RP_OK)
    st = rp_plan_write_files(out, v, paths, &oo, with_list, txn, diag);
  if (st == RP_OK)
    st = rp_out_txn_commit(txn, diag);
  rp_out_txn_free(txn); /* removes what was not committed */
  return st;
}

rp_status_t rp_report_run(const rp_report_job_t *job, rp_report_done_fn done, void *ctx,
                          rp_report_result_t *res, rp_diag_t *diag) {
  rp_loaded_inputs_t li = {0};
  rp_scenario_t *sc = NULL;
  rp_inputs_t paths;
  rp_audit_t *before = NULL, *after = NULL;
  rp_plan_t *plan = NULL;
  char **reasons = NULL;
  char list[4096], summary[4096], out_list[4200];
  const char *out = job->out ? job->out : job->dir;
  memset(res, 0, sizeof *res);
  snprintf(list, sizeof list, "%s/rotation_list.csv", job->dir);
  snprintf(summary, sizeof summary, "%s/summary.json", job->dir);
  snprintf(out_list, sizeof out_list, "%s/rotation_list.csv", out);
  /* The edited list stays as the planner left it: written again only into
   * another folder. */
  int with_list = !same_file(list, out_list);
  rp_status_t st = rp_plan_inputs_load(&job->in, job->scenario, 0, &sc, &paths, &li, diag);
  res->county_read = li.county != NULL;
  if (st != RP_OK)
    goto done;
  res->inputs_read = 1;
  res->lang = report_lang(job, summary, li.county);
  res->list_written = with_list;
  rp_protect_inputs(&paths, NULL, sc);
  rp_out_protect(list);
  if ((st = check_outputs(job, out, with_list, diag)) != RP_OK)
    goto done;
  if ((st = rp_audit_build(li.county, &li.policy, &before)) != RP_OK ||
      (st = read_and_check(&li, list, before, res->lang, &plan, &reasons, res, diag)) != RP_OK ||
      (st = rp_plan_after(li.county, &li.policy, before, plan, &after)) != RP_OK)
    goto done;
  rp_plan_view_t view = {li.county, &li.policy, before, after, plan, NULL};
  if ((st = write_all(job, &view, &paths, out, res->lang, with_list, diag)) == RP_OK && done)
    done(ctx, &view, res->lang);
done:
  if (plan)
    rp_reasons_free(reasons, plan->n_moves);
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  rp_scenario_free(sc);
  rp_inputs_free(&li);
  return st;
}
