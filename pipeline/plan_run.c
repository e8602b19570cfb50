/* The plan pipeline shared by `rotaplan plan` and `rotaplan compare`: read
 * the inputs (and apply a scenario), build, solve (with lazy rows), assign
 * the individuals, write the plan.  It prints nothing: progress and results
 * go to the caller's observer (plan_run.h), messages to its diag. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline/frontier.h"
#include "pipeline/inputs.h"
#include "pipeline/outputs.h"
#include "solver/assign.h"
#include "model/builder.h"
#include "model/curriculum.h"
#include "pipeline/plan_run.h"

#include "model/history.h"
#include "pipeline/plan_year.h"
#include "pipeline/principals_run.h"
#include "pipeline/appeals.h"
#include "io/appeal_sheet.h"
#include "solver/diagnose.h"
#include "solver/greedy.h"
#include "io/html_report.h"
#include "model/choice.h"
#include "io/out_file.h"
#include "io/plan_io.h"
#include "io/policy_ini.h"
#include "io/roster.h"
#include "io/roster_writer.h"
#include "io/csv_writer.h"
#include "model/scenario.h"
#include "io/sheet.h"
#include "solver/solve_model.h"
#include "solver/solver.h"
#include "io/xlsx_writer.h"
#include "io/plan_reports.h"

/* One progress line to the observer, if it wants them. */
static void progress(const rp_plan_job_t *job, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void progress(const rp_plan_job_t *job, const char *fmt, ...) {
  char line[256];
  va_list ap;
  if (job->observer && job->observer->on_progress) {
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    job->observer->on_progress(job->observer->ctx, line);
  }
}

/* rp_solve_model's progress lines, to the observer. */
static void job_progress(void *ud, const char *line) {
  progress((const rp_plan_job_t *)ud, "%s", line);
}

/* The language of what people read: as asked, else the rosters'. */
static rp_lang_t job_lang(const rp_plan_job_t *job, const rp_county_t *c) {
  if (job->lang_given)
    return job->output.lang;
  return c->zh_headers ? RP_LANG_ZH : RP_LANG_EN;
}

/* The workbook and the HTML report of a planned year, when asked for,
 * complete, into the run's transaction. */
static rp_status_t write_reports(const rp_plan_job_t *job, const rp_plan_view_t *v,
                                 rp_lang_t lang, rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  if (job->xlsx && (st = rp_out_mkdir_parent(job->xlsx, diag)) == RP_OK)
    st = rp_plan_workbook_write(job->xlsx, v, lang, txn, diag);
  if (st == RP_OK && job->html && (st = rp_out_mkdir_parent(job->html, diag)) == RP_OK)
    st = rp_html_write_plan(job->html, v, lang, txn, diag);
  return st;
}

/* One model file of --write-model, complete, into the run's transaction:
 * GLPK writes it under the temporary name, in the format the path's name
 * asks for. */
static rp_status_t write_model_file(const rp_milp_t *m, int stage, const double *held,
                                    const char *path, rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_status_t st = rp_out_mkdir_parent(path, diag);
  rp_out_file_t *f = st == RP_OK ? rp_out_open(path, diag, &st) : NULL;
  if (!f)
    return st;
  if ((st = rp_milp_write(m, stage, held, rp_out_temp_path(f), path, diag)) != RP_OK) {
    rp_out_abort(f);
    return st;
  }
  return rp_out_txn_add(txn, f, diag);
}

/* --write-model FILE: the model with the objective of its first stage that
 * costs anything (normally the shortfall), and beside it, for each such
 * stage the solver reached, FILE's name with the stage's name before its
 * extension (model.lp: model.shortfall.lp, model.moves.lp, ...), holding
 * the stages before it at the values the solver found, so that another
 * solver can confirm each stage's optimum (docs/model.md, "Solving"). */
static rp_status_t write_model(const rp_milp_t *m, const rp_solution_t *sol, const char *path,
                               rp_out_txn_t *txn, rp_diag_t *diag) {
  int first = 0;
  while (first + 1 < m->n_stages && rp_milp_stage_empty(m, first))
    first++;
  rp_status_t st = write_model_file(m, first, sol->held, path, txn, diag);
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    dot = path + strlen(path);
  for (int k = first; st == RP_OK && sol->x && k <= sol->proven && k < m->n_stages; k++) {
    if (rp_milp_stage_empty(m, k))
      continue;
    char staged[4400];
    snprintf(staged, sizeof staged, "%.*s.%s%s", (int)(dot - path), path, m->stage[k].name, dot);
    st = write_model_file(m, k, sol->held, staged, txn, diag);
  }
  return st;
}

/* Tells the observer that a year is planned and its files are in place. */
static void report_year(const rp_plan_job_t *job, const rp_plan_view_t *view, rp_lang_t lang,
                        const char *dir, int reports) {
  if (job->observer && job->observer->on_year_planned) {
    rp_year_planned_t y = {view, lang, dir, reports ? job->xlsx : NULL,
                           reports ? job->html : NULL};
    job->observer->on_year_planned(job->observer->ctx, &y);
  }
}

rp_status_t rp_plan_year_write(const rp_plan_job_t *job, const rp_plan_view_t *view,
                               const char *out_dir, const rp_inputs_t *trail, int reports,
                               rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_inputs_t in = *trail;
  rp_output_opts_t oo = job->output;
  oo.lang = job_lang(job, view->county);
  rp_status_t st = RP_OK;
  /* Into the run's transaction: all of the run's files, or none (a failed
   * run leaves an earlier run's files as they were). */
  if (reports && (st = write_reports(job, view, oo.lang, txn, diag)) != RP_OK)
    return st;
  return rp_plan_write(out_dir, view, &in, &oo, txn, diag);
}

int rp_plan_backend_available(rp_backend_t b) {
  return rp_backend_available(b);
}

/* What the planner can do when the solver found no plan in time.  On a
 * large county GLPK's simplex is the bottleneck: on the 1,500-section
 * county its first relaxation alone outlasts a 120 s limit, where CBC
 * plans the whole county in under a minute (docs/benchmarks.md). */
static void advise_more_time(rp_backend_t used, rp_diag_t *diag) {
  if (used == RP_BACKEND_GLPK && rp_backend_available(RP_BACKEND_CBC))
    rp_diag_error(diag, NULL, 0, NULL,
                  "no plan in time: raise --time-limit, or plan with --solver cbc, which solves "
                  "a large county's relaxations many times faster; --method greedy gives the rule "
                  "of thumb's plan at once");
  else
    rp_diag_error(diag, NULL, 0, NULL,
                  "no plan in time: raise --time-limit; --method greedy gives the rule of "
                  "thumb's plan at once");
}

/* The rule_shortfall stage's findings: the plan year's backbone teachers
 * short of backbone_share (backbone_reach), and each later year's quota
 * and backbone share that no plan of this year lets that year meet. */
static void report_rule_shortfall(const rp_build_t *b, const double *x, rp_diag_t *diag) {
  if (!x)
    return;
  int bb = b->bb_short >= 0 ? (int)(x[b->bb_short] + 0.5) : 0;
  if (bb > 0)
    rp_diag_warn(diag, NULL, 0, NULL,
                 "backbone share: %d backbone teacher(s) short of backbone_share %.2g in %d "
                 "(backbone_reach = yes: the plan moves every backbone teacher it can); the "
                 "county would need to appoint %d more eligible backbone teacher(s)",
                 bb, b->policy->backbone_share, b->policy->plan_year, bb);
  for (size_t y = 0; y < b->n_ahead; y++) {
    const rp_build_t *a = b->ahead[y];
    int q = (int)(x[a->quota_short] + 0.5), k = (int)(x[a->bb_short] + 0.5);
    if (q > 0)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "years planned together: in %d the rotation quota will be %d teacher(s) short "
                   "whatever %d does (too few teachers free to move then)",
                   a->policy->plan_year, q, b->policy->plan_year);
    if (k > 0)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "years planned together: in %d the backbone share will be %d backbone "
                   "teacher(s) short whatever %d does: the county would need to appoint %d more "
                   "eligible backbone teacher(s) by then%s",
                   a->policy->plan_year, k, b->policy->plan_year, k,
                   a->policy->backbone_reach ? ""
                                             : ", or plan that year with backbone_reach = yes");
  }
}

/* The teachers' model of the year, with job's later years when it has
 * any, built and solved into *bp and *sol; *deadline gets the solve's.
 * The whole run's deadline (rp_plan_run) is the solve's, but a year
 * planned with the years after it gives that model half of what is left
 * and is planned alone when its rule_shortfall and shortfall stages are
 * not proven by then (out of time, or a search that stalled), its lazy
 * rounds not done, or its solver crashed (docs/model.md, "Years planned
 * together"). */
static rp_status_t build_and_solve(const rp_plan_job_t *job, const rp_county_t *c,
                                   const rp_policy_t *p, const rp_audit_t *a,
                                   const rp_pin_t *pins, size_t n_pins, rp_solve_opts_t *so,
                                   rp_build_t **bp, rp_solution_t *sol, double *deadline,
                                   rp_diag_t *diag) {
  const rp_year_ahead_t *ahead = job->ahead;
  size_t n_ahead = job->n_ahead;
  for (;;) {
    rp_status_t st = rp_build_years(c, p, a, pins, n_pins, job->previous, ahead, n_ahead, bp,
                                    diag);
    if (st != RP_OK)
      return st;
    const rp_build_t *b = *bp;
    progress(job, "model: %zu columns, %zu rows, %zu nonzeros", b->milp->ncols, b->milp->nrows,
             b->milp->nnz);
    if ((long)b->milp->ncols > job->max_cols) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "the model has %zu columns, more than the limit of %ld: plan the county in "
                    "parts (by group or district), or raise the limit with --max-columns",
                    b->milp->ncols, job->max_cols);
      return RP_ELIMIT;
    }
    *deadline = n_ahead && job->deadline > 0 ? rp_clock() + 0.5 * (job->deadline - rp_clock())
                                             : job->deadline;
    /* A joint model's messages wait: a joint model that runs out of its
     * share of the time is dropped for the year alone, and its "time
     * limit" error with it. */
    rp_diag_t joint = RP_DIAG_INIT;
    st = rp_solve_model(*bp, so, *deadline, job_progress, (void *)job, sol, n_ahead ? &joint : diag);
    int fall_back = n_ahead && st == RP_ESOLVER && rp_clock() < job->deadline;
    if (!fall_back)
      rp_diag_append(diag, &joint);
    rp_diag_clear(&joint);
    if (st != RP_OK && !fall_back)
      return st;
    if (st == RP_OK &&
        (!n_ahead || sol->status == RP_SOL_INFEASIBLE || sol->proven > b->stage_short))
      return RP_OK;
    if (sol->crash_signal)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "years planned together: the solver crashed (signal %d) on the model of %d "
                   "with the years after it; %d is planned alone",
                   sol->crash_signal, p->plan_year, p->plan_year);
    else if (st == RP_OK && sol->stalled)
      rp_diag_warn(diag, NULL, 0, NULL,
                   "years planned together: the least shortfall of the model of %d with the "
                   "years after it was not proven (its search stopped making progress); %d is "
                   "planned alone",
                   p->plan_year, p->plan_year);
    else
      rp_diag_warn(diag, NULL, 0, NULL,
                   "years planned together: the model of %d with the years after it was not "
                   "solved within its share of the time limit; %d is planned alone",
                   p->plan_year, p->plan_year);
    rp_solution_free(sol);
    *sol = (rp_solution_t){0};
    rp_build_free(*bp);
    *bp = NULL;
    ahead = NULL;
    n_ahead = 0;
  }
}

rp_status_t rp_plan_year(const rp_plan_job_t *job, const rp_policy_t *policy,
                             const rp_county_t *county, const rp_pin_t *pins, size_t n_pins,
                             const rp_pref_t *prefs, size_t n_prefs, const char *out_dir,
                             const rp_inputs_t *trail, int reports, rp_out_txn_t *txn,
                             rp_plan_t **plan_out, rp_audit_t **before_out,
                             rp_audit_t **after_out, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  rp_audit_t *before = NULL, *after = NULL;
  rp_build_t *b = NULL;
  rp_plan_t *plan = NULL;
  rp_solution_t sol = {0};
  rp_solve_opts_t so = job->so;
  rp_principals_t *principals = NULL;
  rp_county_t *county2 = NULL; /* with the principals' exchange in effect */
  rp_audit_t *before2 = NULL;
  if ((st = rp_audit_build(county, policy, &before)) != RP_OK)
    goto done;
  /* The principals' exchange first (model/principals.h): the teachers are
   * planned on the county it leaves (tc, ta), whose sections are the
   * county's. */
  if ((st = rp_plan_principals(&so, job->deadline, county, policy, before, &principals, diag)) !=
          RP_OK ||
      (st = rp_principals_county(county, policy, before, principals, &county2, &before2,
                                 diag)) != RP_OK)
    goto done;
  const rp_county_t *tc = county2 ? county2 : county;
  const rp_audit_t *ta = before2 ? before2 : before;
  if (job->greedy) {
    if ((st = rp_greedy_plan(tc, policy, ta, pins, n_pins, &plan, diag)) != RP_OK)
      goto done;
    goto write;
  }
  double deadline = job->deadline;
  if ((st = build_and_solve(job, tc, policy, ta, pins, n_pins, &so, &b, &sol, &deadline,
                            diag)) != RP_OK)
    goto done;
  if (reports && so.write_model &&
      (st = write_model(b->milp, &sol, so.write_model, txn, diag)) != RP_OK)
    goto done;
  if (sol.status == RP_SOL_INFEASIBLE) {
    char rules[512] = ""; /* the rules in force, from the rules table */
    rp_rules_in_force(policy, rules, sizeof rules);
    rp_diag_error(diag, NULL, 0, NULL,
                  "the hard rules cannot all hold together: quota %d, backbone %d%s, pins; "
                  "relax one and rerun",
                  b->min_rotate, b->min_backbone, rules);
    rp_diagnose_infeasible(tc, policy, ta, pins, n_pins, &so, deadline, diag);
    st = RP_EINFEASIBLE;
    goto done;
  }
  if (sol.status == RP_SOL_NOSOLUTION && job->so.time_limit > 0) {
    /* A message of its own (not the solver's text), so that it is translated */
    rp_diag_error(diag, NULL, 0, NULL, "solver: no plan found within the time limit of %g s",
                  job->so.time_limit);
    advise_more_time(so.backend, diag);
    st = RP_ESOLVER;
    goto done;
  }
  if (sol.status != RP_SOL_OPTIMAL && sol.status != RP_SOL_FEASIBLE) {
    rp_diag_error(diag, NULL, 0, NULL, "solver: %s", sol.message[0] ? sol.message
                                                           : rp_sol_status_name(sol.status));
    st = RP_ESOLVER;
    goto done;
  }
  report_rule_shortfall(b, sol.x, diag);
  if ((st = rp_assign(b, &sol, pins, n_pins, prefs, n_prefs, &plan, diag)) != RP_OK)
    goto done;
  plan->method = "milp";
  if (job->previous) {
    plan->has_previous = 1;
    plan->previous_moves = (int)job->previous->n;
    plan->previous_kept = rp_plan_kept(plan, ta, job->previous);
  }
  plan->solver = rp_backend_name(so.backend);
  plan->status = sol.status == RP_SOL_OPTIMAL ? "optimal" : "feasible (not proven optimal)";
  plan->gap = sol.gap;
  plan->stalled = sol.status != RP_SOL_OPTIMAL && sol.stalled;
  plan->seconds = sol.seconds;
  plan->n_stages = b->milp->n_stages;
  for (int k = 0; k < plan->n_stages; k++) {
    memcpy(plan->stage[k].name, b->milp->stage[k].name, sizeof plan->stage[k].name);
    plan->stage[k].value = sol.value[k];
    plan->stage[k].optimum = sol.held[k] >= 0 ? sol.held[k] : sol.value[k];
    plan->stage[k].proven = k < sol.proven;
    plan->stage[k].gap = k < sol.proven ? sol.stage_gap[k] : k == sol.proven ? sol.gap : 0;
  }
write:
  /* Why each mover rather than a colleague (model/choice.h), in the order
   * of the method that picked them. */
  if ((st = rp_plan_choices(tc, policy, ta, pins, n_pins, prefs, n_prefs,
                            job->previous, rp_choice_order_of(plan->method), plan)) != RP_OK)
    goto done;
  /* The figures after count both: the exchange and the teachers' moves. */
  plan->principals = principals;
  principals = NULL;
  if ((st = rp_plan_after(county, policy, before, plan, &after)) != RP_OK)
    goto done;
  rp_plan_view_t view = {county, policy, before, after, plan, reports ? job->frontier : NULL};
  if (out_dir)
    st = rp_plan_year_write(job, &view, out_dir, trail, reports, txn, diag);
done:
  rp_solution_free(&sol);
  rp_build_free(b);
  rp_principals_free(principals);
  rp_county_free(county2);
  rp_audit_free(before2);
  if (st == RP_OK) {
    *plan_out = plan;
    *before_out = before;
    *after_out = after;
    plan = NULL;
    before = after = NULL;
  }
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

/* ---- multi-year plans --------------------------------------------------------
 * docs/model.md, "Years planned together": each year is planned in one
 * model with the years after it (up to RP_AHEAD_MAX of them), the later
 * years pooled and as the county would find them; the year's moves are
 * then made, teacher by teacher, and the next year is planned the same way
 * from the county they leave.  --sequential plans each year alone. */

static int classes_for(const rp_school_t *s, int lv, int students) {
  if (students <= 0)
    return 0;
  if (s->students[lv] > 0 && s->classes[lv] > 0) /* keep the class size */
    return (int)(((long long)students * s->classes[lv] + s->students[lv] - 1) / s->students[lv]);
  int size = lv == RP_PRIMARY ? 45 : 50;
  return (students + size - 1) / size;
}

/* The county at the start of the next year: ages advance (plan_year), those
 * reaching the retirement age leave, teachers whose term ends return home
 * (return_after_term), enrolment follows the forecast. */
static rp_status_t next_year(rp_county_t *c, rp_policy_t *p, const rp_forecast_t *fc,
                             size_t n_fc, int *retired, int *returned) {
  p->plan_year++;
  size_t keep = 0;
  *retired = *returned = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    rp_teacher_t *t = &c->teachers[k];
    int age = p->plan_year - t->birth_year;
    if (age >= (t->gender == 'F' ? p->retire_age_female : p->retire_age_male)) {
      free(t->id);
      free(t->name);
      free(t->exempt);
      (*retired)++;
      continue;
    }
    if (t->return_year > 0 && t->return_year <= p->plan_year) {
      t->school = t->home_school;
      t->school_since = p->plan_year;
      t->return_year = 0;
      (*returned)++;
    }
    t->closing = 0;
    c->teachers[keep++] = *t;
  }
  c->n_teachers = keep;
  for (size_t i = 0; i < n_fc; i++) {
    if (fc[i].year != p->plan_year)
      continue;
    rp_school_t *s = &c->schools[fc[i].school];
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      rp_school_set_classes(s, (rp_level_t)lv, classes_for(s, lv, fc[i].students[lv]));
      s->students[lv] = fc[i].students[lv];
    }
  }
  return RP_OK;
}

/* The later years a year is planned with: the county as each would find
 * it had nobody moved from now on (next_year on a copy), its policy and
 * audit, and where its teachers are in this year's county. */
enum { RP_AHEAD_MAX = 4 };
typedef struct {
  rp_year_ahead_t y[RP_AHEAD_MAX];
  rp_county_t *county[RP_AHEAD_MAX];
  rp_policy_t policy[RP_AHEAD_MAX];
  rp_audit_t *audit[RP_AHEAD_MAX];
  size_t *origin[RP_AHEAD_MAX];
  size_t n;
} ahead_t;

static void ahead_free(ahead_t *ah) {
  for (size_t i = 0; i < ah->n; i++) {
    rp_county_free(ah->county[i]);
    rp_audit_free(ah->audit[i]);
    free(ah->origin[i]);
  }
  ah->n = 0;
}

/* [teacher of later] its index in c0 (SIZE_MAX: none): next_year keeps the
 * teachers' order and only removes, so one walk matches the ids. */
static size_t *origin_map(const rp_county_t *c0, const rp_county_t *later) {
  size_t *o = malloc((later->n_teachers + 1) * sizeof *o);
  size_t i0 = 0;
  for (size_t k = 0; o && k < later->n_teachers; k++) {
    while (i0 < c0->n_teachers && strcmp(c0->teachers[i0].id, later->teachers[k].id) != 0)
      i0++;
    o[k] = i0 < c0->n_teachers ? i0 : SIZE_MAX;
  }
  return o;
}

static rp_status_t ahead_make(const rp_county_t *c, const rp_policy_t *p, const rp_forecast_t *fc,
                              size_t n_fc, size_t n, ahead_t *ah) {
  rp_county_t *step = rp_county_copy(c);
  rp_policy_t pol = *p;
  rp_status_t st = step ? RP_OK : RP_ENOMEM;
  ah->n = 0;
  for (size_t i = 0; st == RP_OK && i < n && i < RP_AHEAD_MAX; i++) {
    int retired, returned;
    if ((st = next_year(step, &pol, fc, n_fc, &retired, &returned)) != RP_OK)
      break;
    ah->county[i] = rp_county_copy(step);
    ah->policy[i] = pol;
    ah->audit[i] = NULL;
    ah->origin[i] = NULL;
    ah->n++;
    if (!ah->county[i] || !(ah->origin[i] = origin_map(c, ah->county[i])) ||
        (st = rp_audit_build(ah->county[i], &ah->policy[i], &ah->audit[i])) != RP_OK) {
      st = st == RP_OK ? RP_ENOMEM : st;
      break;
    }
    ah->y[i] = (rp_year_ahead_t){ah->county[i], &ah->policy[i], ah->audit[i], ah->origin[i]};
  }
  rp_county_free(step);
  if (st != RP_OK)
    ahead_free(ah);
  return st;
}

typedef struct {
  int year, moved, moved_bb, retired, returned;
  int short_before, short_after;
  int recruit[RP_REC_GROUPS]; /* pe_art, any, degree, backbone, subjects: as recruitment.csv */
  double cv[RP_LEVELS][RP_INDICATORS];
  int pass[RP_LEVELS][RP_INDICATORS];
  rp_history_figures_t hist; /* the history figures (model/history.h) */
  /* Kept until the run's files are in place, for the observer. */
  rp_policy_t policy;
  rp_plan_t *plan;
  rp_audit_t *before, *after;
  char dir[4200];
  rp_county_t *county; /* the county of the year, for the reports (--xlsx, --html) */
} year_row_t;

/* years.csv's table: one row a year planned. */
static rp_sheet_t *years_sheet(rp_lang_t l, const year_row_t *rows, int n) {
  static const char *const fixed[] = {
      "year", "moved", "moved_backbone", "cumulative_moved", "retired", "returned",
      "shortfall_before", "shortfall_after", "recruit_pe_art", "recruit_any", "recruit_degree",
      "recruit_backbone", "recruit_subjects"};
  enum { NF = sizeof fixed / sizeof fixed[0] };
  char cv_names[RP_LEVELS * RP_INDICATORS][96];
  static const char *const hist[RP_HISTORY_FIGURES] = {RP_HISTORY_FIGURE_NAMES};
  const char *hdr[NF + RP_LEVELS * RP_INDICATORS + RP_HISTORY_FIGURES + 1];
  for (int i = 0; i < NF; i++)
    hdr[i] = fixed[i];
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      char *h = cv_names[lv * RP_INDICATORS + i];
      rp_cv_header(l, lv, i, h, 96);
      hdr[NF + lv * RP_INDICATORS + i] = h;
    }
  for (int i = 0; i < RP_HISTORY_FIGURES; i++) /* the history figures last */
    hdr[NF + RP_LEVELS * RP_INDICATORS + i] = hist[i];
  hdr[NF + RP_LEVELS * RP_INDICATORS + RP_HISTORY_FIGURES] = NULL;
  rp_sheet_t *s = rp_sheet_new(l, "years", hdr);
  int cum = 0;
  for (int y = 0; s && y < n; y++) {
    const year_row_t *r = &rows[y];
    cum += r->moved;
    const int v[NF] = {r->year,         r->moved,         r->moved_bb,      cum,
                       r->retired,      r->returned,      r->short_before,  r->short_after,
                       r->recruit[RP_REC_PE_ART],   r->recruit[RP_REC_ANY],
                       r->recruit[RP_REC_DEGREE],   r->recruit[RP_REC_BACKBONE],
                       r->recruit[RP_REC_SUBJECTS]};
    for (int i = 0; i < NF; i++)
      rp_sheet_num(s, v[i], 0);
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++)
        rp_sheet_num(s, r->cv[lv][i], 4);
    const int h[RP_HISTORY_FIGURES] = {r->hist.title_lacking, r->hist.title_served,
                                       r->hist.moved_again};
    for (int i = 0; i < RP_HISTORY_FIGURES; i++)
      rp_sheet_num(s, h[i], 0);
  }
  return s;
}

/* years.csv, complete, into the run's transaction. */
static rp_status_t write_years(const rp_plan_job_t *job, rp_lang_t l, const year_row_t *rows,
                               int n, rp_out_txn_t *txn, rp_diag_t *diag) {
  return rp_sheet_write_csv_file(job->out, "years.csv", years_sheet(l, rows, n),
                                 job->output.csv_encoding, txn, diag);
}

/* --years with --xlsx or --html: the workbook and the report show every
 * year (io/plan_reports.h, io/html_report.h), each with the county of its
 * year (r->county), after the years' overview. */
static rp_status_t write_years_reports(const rp_plan_job_t *job, rp_lang_t l,
                                       const year_row_t *rows, int n, rp_out_txn_t *txn,
                                       rp_diag_t *diag) {
  if (!job->xlsx && !job->html)
    return RP_OK;
  rp_plan_view_t *views = calloc((size_t)n + 1, sizeof *views);
  rp_sheet_t *overview = years_sheet(l, rows, n);
  rp_status_t st = views && overview && !overview->failed ? RP_OK : RP_ENOMEM;
  for (int y = 0; st == RP_OK && y < n; y++)
    views[y] = (rp_plan_view_t){rows[y].county, &rows[y].policy, rows[y].before, rows[y].after,
                                rows[y].plan, NULL};
  if (st == RP_OK && job->xlsx && (st = rp_out_mkdir_parent(job->xlsx, diag)) == RP_OK)
    st = rp_years_workbook_write(job->xlsx, views, (size_t)n, overview, l, txn, diag);
  if (st == RP_OK && job->html && (st = rp_out_mkdir_parent(job->html, diag)) == RP_OK)
    st = rp_html_write_years(job->html, views, (size_t)n, overview, l, txn, diag);
  rp_sheet_free(overview);
  free(views);
  return st;
}

/* The year's folder: the rosters and the policy it was planned from (so
 * that `rotaplan verify` can re-check it like any plan), into txn; trail
 * names them where they wait (the temporary files), for summary.json's
 * SHA-256 of them. */
static rp_status_t write_year_inputs(const rp_county_t *c, const rp_policy_t *p,
                                     const char *dir, rp_out_txn_t *txn, rp_inputs_t *trail,
                                     char paths[3][4400], rp_diag_t *diag) {
  char in_dir[4300];
  snprintf(in_dir, sizeof in_dir, "%s/input", dir);
  snprintf(paths[0], 4400, "%s/schools.csv", in_dir);
  snprintf(paths[1], 4400, "%s/teachers.csv", in_dir);
  snprintf(paths[2], 4400, "%s/policy.ini", in_dir);
  rp_status_t st = rp_roster_write(c, in_dir, txn, diag);
  if (st == RP_OK && (st = rp_policy_write(paths[2], p, txn, diag)) == RP_OK) {
    trail->schools = rp_out_txn_temp_of(txn, paths[0]);
    trail->teachers = rp_out_txn_temp_of(txn, paths[1]);
    trail->policy = rp_out_txn_temp_of(txn, paths[2]);
  }
  return st;
}

/* A planned year's row of years.csv; its plan and audits move into r. */
static void keep_year(year_row_t *r, const rp_policy_t *p, rp_plan_t *plan, rp_audit_t *before,
                      rp_audit_t *after, int retired, int returned) {
  r->year = p->plan_year;
  r->moved = (int)plan->n_moves;
  r->moved_bb = plan->moved_backbone;
  r->retired = retired;
  r->returned = returned;
  r->short_before = rp_audit_total_shortfall(before);
  r->short_after = rp_audit_total_shortfall(after);
  rp_audit_recruitment(after, r->recruit);
  for (int l = 0; l < RP_LEVELS; l++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      r->cv[l][i] = after->level[l].cv[i];
      r->pass[l][i] = after->level[l].pass[i];
    }
  r->policy = *p;
  r->plan = plan;
  r->before = before;
  r->after = after;
}

/* The moves take effect: the teacher now belongs to the destination, from
 * this year, and cannot move again during the term. */
static void apply_moves(rp_county_t *c, const rp_policy_t *p, const rp_plan_t *plan,
                        const rp_audit_t *before) {
  for (size_t k = 0; k < plan->n_moves; k++) {
    rp_teacher_t *t = &c->teachers[plan->moves[k].teacher];
    size_t dest = before->sections[plan->moves[k].to_section].school;
    if (p->return_after_term && t->return_year == 0) {
      t->home_school = t->school;
      t->return_year = p->plan_year + p->term_years;
    }
    t->school = dest;
    t->school_since = p->plan_year;
    t->last_rotated_year = p->plan_year;
  }
}

/* Once the run's files are in place: each year to the observer (the county
 * has moved on by then: view->county is NULL), then years.csv. */
static void report_years(const rp_plan_job_t *job, rp_lang_t lang, const year_row_t *rows,
                         int n) {
  const rp_run_observer_t *o = job->observer;
  for (int y = 0; o && y < n; y++) {
    const year_row_t *r = &rows[y];
    if (o->on_year_start)
      o->on_year_start(o->ctx, r->year);
    rp_plan_view_t view = {NULL, &r->policy, r->before, r->after, r->plan, NULL};
    report_year(job, &view, lang, r->dir, y == 0);
  }
  if (o && o->on_years_written)
    o->on_years_written(o->ctx, lang, n, job->out);
}

static void free_years(year_row_t *rows, int n) {
  for (int y = 0; rows && y < n; y++) {
    rp_plan_free(rows[y].plan);
    rp_audit_free(rows[y].before);
    rp_audit_free(rows[y].after);
    rp_county_free(rows[y].county);
  }
  free(rows);
}

/* --years: each year planned from the county the year before left, its
 * folder and years.csv into txn, committed together; the observer hears of
 * the years once they are in place. */
static rp_status_t rp_plan_years(const rp_plan_job_t *job, const rp_policy_t *policy0,
                                 rp_county_t *c, const rp_pin_t *pins, size_t n_pins,
                                 const rp_pref_t *prefs, size_t n_prefs, rp_out_txn_t *txn,
                                 rp_diag_t *diag) {
  rp_policy_t p = *policy0;
  const rp_lang_t lang = job_lang(job, c);
  rp_forecast_t *fc = NULL;
  size_t n_fc = 0;
  year_row_t *rows = calloc((size_t)job->years + 1, sizeof *rows);
  rp_status_t st = rows ? RP_OK : RP_ENOMEM;
  if (st == RP_OK && job->forecast)
    st = rp_forecast_load(job->forecast, c, &fc, &n_fc, diag);
  if (st == RP_OK)
    st = rp_out_mkdir(job->out, diag);
  int retired = 0, returned = 0, planned = 0;
  size_t mark = 0;
  for (int y = 0; st == RP_OK && y < job->years; y++) {
    if (y > 0 && (st = next_year(c, &p, fc, n_fc, &retired, &returned)) != RP_OK)
      break;
    mark = rp_out_txn_mark(txn);
    year_row_t *r = &rows[y];
    char paths[3][4400];
    snprintf(r->dir, sizeof r->dir, "%s/year_%d", job->out, p.plan_year);
    rp_inputs_t trail = {NULL, NULL, NULL, y == 0 ? job->in.pins : NULL,
                         y == 0 ? job->in.prefs : NULL, job->in.curriculum, NULL, NULL};
    if ((st = write_year_inputs(c, &p, r->dir, txn, &trail, paths, diag)) != RP_OK)
      break;
    rp_plan_t *plan = NULL;
    rp_audit_t *before = NULL, *after = NULL;
    rp_plan_job_t year_job = *job; /* the previous plan is of the plan year */
    if (y > 0)
      year_job.previous = NULL;
    ahead_t ah = {0};
    if (!job->sequential && !job->greedy && y + 1 < job->years &&
        (st = ahead_make(c, &p, fc, n_fc, (size_t)(job->years - y - 1), &ah)) != RP_OK)
      break;
    year_job.ahead = ah.n ? ah.y : NULL;
    year_job.n_ahead = ah.n;
    year_job.xlsx = year_job.html = NULL; /* every year's, once all are planned */
    if ((job->xlsx || job->html) && !(r->county = rp_county_copy(c))) {
      st = RP_ENOMEM;
      break;
    }
    st = rp_plan_year(&year_job, &p, c, y == 0 ? pins : NULL, y == 0 ? n_pins : 0, y == 0 ? prefs : NULL,
                   y == 0 ? n_prefs : 0, r->dir, &trail, y == 0, txn, &plan, &before, &after,
                   diag);
    ahead_free(&ah);
    if (st != RP_OK)
      break;
    keep_year(r, &p, plan, before, after, retired, returned);
    rp_history_figures(c, &p, before, plan, &r->hist); /* before the year is served */
    if ((st = rp_history_advance(c, &p, plan, before)) != RP_OK) /* the burden ledger carried */
      break;
    apply_moves(c, &p, plan, before);
    rp_principals_apply(c, &p, plan);
    planned++;
  }
  /* Never lose the good years: a year that breaks a hard rule (or finds
   * no plan in the time left) ends the run, but the years before it are
   * written (exit 4, or 5, all the same). */
  if ((st == RP_EINFEASIBLE || st == RP_ESOLVER) && planned > 0) {
    rp_out_txn_rollback(txn, mark);
    char failed[4200];
    snprintf(failed, sizeof failed, "%s/year_%d", job->out, p.plan_year);
    rp_out_rmdir_empty(failed, "input");
    rp_diag_error(diag, NULL, 0, NULL,
                  "%d cannot be planned (the reason above); %d earlier year(s) written to %s/ "
                  "(years.csv)",
                  p.plan_year, planned, job->out);
    rp_status_t wst = write_years(job, lang, rows, planned, txn, diag);
    if (wst == RP_OK)
      wst = write_years_reports(job, lang, rows, planned, txn, diag);
    if (wst == RP_OK && (job->txn || (wst = rp_out_txn_commit(txn, diag)) == RP_OK))
      report_years(job, lang, rows, planned);
    if (wst != RP_OK)
      st = wst;
  } else if (st == RP_OK && (st = write_years(job, lang, rows, job->years, txn, diag)) == RP_OK &&
             (st = write_years_reports(job, lang, rows, job->years, txn, diag)) == RP_OK &&
             (job->txn || (st = rp_out_txn_commit(txn, diag)) == RP_OK)) {
    report_years(job, lang, rows, job->years);
  }
  free_years(rows, job->years);
  free(fc);
  return st;
}

static rp_status_t run_job(const rp_plan_job_t *job, rp_diag_t *diag);

/* The plan year only: its files into txn, committed, then to the observer. */
static rp_status_t plan_one_year(const rp_plan_job_t *job, const rp_loaded_inputs_t *li,
                                 const rp_inputs_t *in, rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_plan_t *plan = NULL;
  rp_audit_t *before = NULL, *after = NULL;
  rp_plan_job_t run = *job;
  rp_frontier_point_t *points = NULL;
  rp_frontier_t frontier = {NULL, 0};
  rp_status_t st = RP_OK;
  /* --frontier: its points first, so that the report and the workbook of
   * the plan show them; the plan itself gets its share of the time. */
  if (job->frontier_asked &&
      (st = rp_frontier_plan(job, li, in, txn, &points, &frontier.n, &run.deadline, diag)) ==
          RP_OK) {
    frontier.point = points;
    run.frontier = &frontier;
  }
  /* --appeals: each granted alone first (what it costs), then all of them
   * in the plan written. */
  rp_appeal_cost_t *costs = NULL;
  if (st == RP_OK && li->n_appeals) {
    if (!(costs = calloc(li->n_appeals, sizeof *costs)))
      st = RP_ENOMEM;
    if (st == RP_OK)
      st = rp_appeals_cost(&run, li, costs, diag);
    if (st == RP_OK && job->observer && job->observer->on_appeals)
      job->observer->on_appeals(job->observer->ctx, job_lang(job, li->county), li->county, costs,
                                li->n_appeals);
  }
  if (st == RP_OK)
    st = rp_plan_year(&run, &li->policy, li->county, li->pins, li->n_pins, li->prefs,
                      li->n_prefs, job->out, in, 1, txn, &plan, &before, &after, diag);
  if (st == RP_OK && costs)
    st = rp_sheet_write_csv_file(job->out, "appeals.csv",
                                 rp_sheet_appeals(job_lang(job, li->county), li->county, costs,
                                                  li->n_appeals),
                                 job->output.csv_encoding, txn, diag);
  if (st == RP_OK && run.frontier)
    st = rp_frontier_write_csv(&run, &frontier, job_lang(job, li->county), txn, diag);
  if (st == RP_OK && (job->txn || (st = rp_out_txn_commit(txn, diag)) == RP_OK)) {
    rp_plan_view_t view = {li->county, &li->policy, before, after, plan, run.frontier};
    report_year(&run, &view, job_lang(job, li->county), job->out, 1);
  }
  free(costs);
  free(points);
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

/* Before any input is read: --out and the folders of the single files must
 * be folders that can be written. */
static rp_status_t check_folders(const rp_plan_job_t *job, rp_diag_t *diag) {
  rp_status_t st = rp_out_check_folder(job->out, "--out", diag);
  const char *const files[] = {job->xlsx, job->html, job->so.write_model};
  const char *const opts[] = {"--xlsx", "--html", "--write-model"};
  for (int i = 0; st == RP_OK && i < 3; i++)
    if (files[i])
      st = rp_out_check_parent(files[i], opts[i], diag);
  return st;
}

/* Every file the run will write, checked against its inputs and against
 * each other before anything is solved. */
static rp_status_t check_outputs(const rp_plan_job_t *job, int plan_year, rp_diag_t *diag) {
  rp_path_list_t outs = {0};
  const char *const files[] = {job->xlsx, job->html, job->so.write_model};
  for (int i = 0; i < 3; i++)
    if (files[i])
      rp_path_list_add(&outs, "%s", files[i]);
  rp_plan_outputs(&outs, job->out, job->years, plan_year);
  if (job->frontier_asked)
    rp_path_list_add(&outs, "%s/frontier.csv", job->out);
  if (job->in.appeals)
    rp_path_list_add(&outs, "%s/appeals.csv", job->out);
  rp_status_t st = rp_check_outputs(&outs, diag);
  rp_path_list_free(&outs);
  return st;
}

rp_status_t rp_plan_run(const rp_plan_job_t *job, rp_diag_t *diag) {
  rp_plan_job_t run = *job;
  /* One deadline for the whole run: every year, every lazy-row round and
   * the diagnosis share --time-limit. */
  run.deadline = job->so.time_limit > 0 ? rp_clock() + job->so.time_limit : 0;
  return run_job(&run, diag);
}

static rp_status_t run_job(const rp_plan_job_t *job, rp_diag_t *diag) {
  rp_loaded_inputs_t li = {0};
  rp_inputs_t in = job->in;
  rp_out_txn_t *txn = NULL;
  rp_protect_inputs(&in, job->forecast, job->scenario);
  rp_status_t st = check_folders(job, diag);
  if (st != RP_OK || (st = rp_inputs_load(&in, job->scenario, &li, diag)) != RP_OK ||
      (st = check_outputs(job, li.policy.plan_year, diag)) != RP_OK)
    goto done;
  if (!job->txn && !(txn = rp_out_txn_create())) {
    st = RP_ENOMEM;
    goto done;
  }
  rp_plan_job_t run = *job;
  if (li.previous_given)
    run.previous = &li.previous;
  /* The output CSVs in the rosters' encoding unless --csv-encoding says. */
  if (!job->output.csv_encoding_given)
    run.output.csv_encoding = rp_encoding_of_input(li.county->encoding);
  job = &run;
  if (job->years <= 1)
    st = plan_one_year(job, &li, &in, job->txn ? job->txn : txn, diag);
  else
    st = rp_plan_years(job, &li.policy, li.county, li.pins, li.n_pins, li.prefs, li.n_prefs,
                       job->txn ? job->txn : txn, diag);
done:
  rp_out_txn_free(txn); /* removes what was not committed */
  rp_inputs_free(&li);
  return st;
}

rp_status_t rp_plan_reports_write(const char *xlsx, const char *html, const rp_plan_view_t *v,
                                  rp_lang_t lang, rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_plan_job_t job = {0};
  job.xlsx = xlsx;
  job.html = html;
  return write_reports(&job, v, lang, txn, diag);
}
