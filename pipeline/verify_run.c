/* The verify run (see verify_run.h). */
#include "pipeline/verify_run.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/audit_report.h"
#include "io/lang.h"
#include "io/scenario_ini.h"
#include "io/summary_json.h"
#include "model/principals.h"
#include "pipeline/principals_run.h"
#include "model/verify.h"
#include "pipeline/inputs.h"

/* Where the figures that differ go: the summary's path, and the list of
 * them in the messages' language. */
typedef struct {
  rp_diag_t *d;
  const char *path;
  rp_lang_t l;
} figures_t;

/* Compares the summary's figure `have` (NAN: missing), named `name`, with
 * `want`; reports a mismatch and returns 1 when it differs. */
static int check(const figures_t *f, const char *name, double have, double want) {
  if (!isnan(have) && fabs(have - want) <= 1e-9)
    return 0;
  if (!isnan(have))
    rp_diag_error(f->d, f->path, 0, NULL, rp_tr(f->l, "%s: the summary says %g, recomputed %g"),
                  name, have, want);
  else
    rp_diag_error(f->d, f->path, 0, NULL,
                  rp_tr(f->l, "%s: missing from the summary (recomputed %g)"), name, want);
  return 1;
}

/* Every figure of the summary s that verify recomputes, from the policy, the
 * plan read back and the audits before and after it; the number of
 * differences. */
static int check_summary(const rp_summary_t *s, const figures_t *out, const rp_county_t *c,
                         const rp_policy_t *p, const rp_plan_t *plan, const rp_audit_t *before,
                         const rp_audit_t *after) {
  int broken = 0;
  broken += check(out, "moved", s->moved, (double)plan->n_moves);
  broken += check(out, "moved_backbone", s->moved_backbone, plan->moved_backbone);
  broken += check(out, "eligible", s->eligible, before->rotation.eligible);
  broken += check(out, "min_rotate", s->min_rotate, before->rotation.min_rotate);
  broken += check(out, "eligible_backbone", s->eligible_backbone,
                  before->rotation.eligible_backbone);
  double km, kmax, kmean; /* of the km recomputed from the positions */
  rp_plan_km(plan, &km, &kmax, &kmean);
  broken += check(out, "km_total", s->km_total, rp_round(km, 1));
  broken += check(out, "km_max", s->km_max, rp_round(kmax, 1));
  int dirs[RP_MOVE_DIRS];
  int toward = rp_plan_directions(c, before, plan, dirs);
  broken += check(out, "toward", s->toward, toward);
  broken += check(out, "toward_share", s->toward_share,
                  plan->n_moves ? rp_round(toward / (double)plan->n_moves, 4) : 0);
  broken += check(out, "far_km", s->far_km, RP_FAR_KM);
  broken += check(out, "far_moves", s->far_moves, rp_plan_far_moves(plan, RP_FAR_KM));
  char dname[64];
  for (int d = 0; d < RP_MOVE_DIRS; d++) {
    snprintf(dname, sizeof dname, "directions.%s", rp_move_dir_name((rp_move_dir_t)d));
    broken += check(out, dname, s->directions[d], dirs[d]);
  }
  broken += check(out, "min_backbone", s->min_backbone,
                  rp_backbone_minimum(p, &before->rotation, (int)plan->n_moves));
  broken += check(out, "shortfall_before.total", s->shortfall_before.total,
                  rp_audit_total_shortfall(before));
  broken += check(out, "shortfall_after.total", s->shortfall_after.total,
                  rp_audit_total_shortfall(after));
  char name[128];
  for (int w = 0; w < 2; w++) {
    const rp_audit_t *x = w ? after : before;
    const rp_summary_shortfall_t *sf = w ? &s->shortfall_after : &s->shortfall_before;
    const char *key = w ? "shortfall_after" : "shortfall_before";
    int staff = 0, by[RP_INDICATORS] = {0}, subjects = rp_audit_subject_gaps(x, NULL);
    for (size_t k = 0; k < x->n_sections; k++) {
      staff += rp_section_staff_gap(&x->sections[k]);
      for (int i = 0; i < RP_INDICATORS; i++)
        by[i] += rp_section_gap(&x->sections[k], (rp_indicator_t)i);
    }
    snprintf(name, sizeof name, "%s.staff", key);
    broken += check(out, name, sf->staff, staff);
    snprintf(name, sizeof name, "%s.subjects", key);
    broken += check(out, name, sf->subjects, subjects);
    for (int i = 0; i < RP_INDICATORS; i++) {
      snprintf(name, sizeof name, "%s.%s", key, rp_indicator_name((rp_indicator_t)i));
      broken += check(out, name, sf->by[i], by[i]);
    }
  }
  for (int w = 0; w < 2; w++)
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++) {
        const rp_audit_t *x = w ? after : before;
        const rp_level_stats_t *L = w ? &s->levels_after[lv] : &s->levels_before[lv];
        snprintf(name, sizeof name, "%s.%s.cv.%s", w ? "levels_after" : "levels_before",
                 rp_level_name((rp_level_t)lv), rp_indicator_name((rp_indicator_t)i));
        broken += check(out, name, L->cv[i], rp_round(x->level[lv].cv[i], 4));
      }
  /* What the plan leaves to recruit, and the subject gaps, recomputed from
   * the teachers of each subject before and after. */
  int rec[RP_REC_GROUPS];
  broken += check(out, "sections_missing_after", s->sections_missing_after,
                  rp_audit_recruitment(after, rec));
  for (int i = 0; i < RP_REC_GROUPS; i++) {
    snprintf(name, sizeof name, "recruitment.%s", rp_summary_group_names[i]);
    broken += check(out, name, s->recruitment[i], rec[i]);
  }
  for (int w = 0; w < 2; w++) {
    const rp_summary_subject_gaps_t *g = w ? &s->subject_gaps_after : &s->subject_gaps_before;
    const char *key = w ? "subject_gaps_after" : "subject_gaps_before";
    int by[RP_SUBJECTS], total = rp_audit_subject_gaps(w ? after : before, by);
    snprintf(name, sizeof name, "%s.total", key);
    broken += check(out, name, g->total, total);
    for (int j = 0; j < RP_SUBJECTS; j++) {
      snprintf(name, sizeof name, "%s.%s", key, rp_subject_name((rp_subject_t)j));
      broken += check(out, name, g->by[j], by[j]);
    }
  }
  /* do_no_harm: every coefficient the plan makes worse than both its
   * limit and its value before is one the summary names as such. */
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      snprintf(name, sizeof name, "made_worse.%s.%s", rp_level_name((rp_level_t)lv),
               rp_indicator_name((rp_indicator_t)i));
      broken += check(out, name, s->harmed[lv][i], rp_cv_harmed(p, before, after, lv, i));
    }
  /* The principals' exchange, when the plan has one (principals.csv read). */
  if (plan->principals) {
    const rp_principals_t *pr = plan->principals;
    int eligible = 0;
    double pkm = 0;
    for (size_t k = 0; k < c->n_teachers; k++)
      eligible += rp_principal_eligible(p, &c->teachers[k], NULL);
    for (size_t k = 0; k < pr->n; k++)
      pkm += pr->moves[k].km > 0 ? pr->moves[k].km : 0;
    const int g = s->principals.given; /* else missing: NAN */
    broken += check(out, "principals.eligible", g ? s->principals.eligible : NAN, eligible);
    broken += check(out, "principals.exchanged", g ? s->principals.exchanged : NAN,
                    (double)pr->n);
    broken += check(out, "principals.stayed", g ? s->principals.stayed : NAN,
                    eligible - (double)pr->n);
    broken += check(out, "principals.km_total", g ? s->principals.km_total : NAN,
                    rp_round(pkm, 1));
  }
  /* The solver that made it, when named, is one rotaplan has. */
  rp_backend_t backend;
  if (s->solver.backend[0] && rp_backend_parse(s->solver.backend, &backend) != 0) {
    rp_diag_error(out->d, out->path, 0, NULL,
                  rp_tr(out->l, "solver.backend: \"%s\" is not a solver of rotaplan (glpk, "
                                 "cbc)"),
                  s->solver.backend);
    broken++;
  }
  return broken;
}

rp_status_t rp_plan_inputs_load(const rp_inputs_t *files, const char *scenario, int prefs,
                                rp_scenario_t **sc, rp_inputs_t *paths, rp_loaded_inputs_t *in,
                                rp_diag_t *diag) {
  *paths = *files;
  if (scenario) {
    rp_status_t st = rp_scenario_load(scenario, sc, diag);
    if (st != RP_OK)
      return st;
    *paths = rp_inputs_of_scenario(*sc);
    if (!prefs)
      paths->prefs = NULL; /* preferences do not bind a plan */
    paths->previous = files->previous; /* an appeal round's, from the command line */
    paths->appeals = files->appeals;
  }
  return rp_inputs_load(paths, *sc, in, diag);
}

/* The English format's Chinese (rp_tr), for model/verify.c's messages. */
static const char *tr_zh(const char *en) __attribute__((format_arg(1)));
static const char *tr_zh(const char *en) { return rp_tr(RP_LANG_ZH, en); }

rp_tr_fn rp_verify_tr(rp_lang_t l) { return l == RP_LANG_ZH ? tr_zh : NULL; }

void rp_verify_result_clear(rp_verify_result_t *res) { rp_diag_clear(&res->figures); }

rp_status_t rp_verify_plan(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pins,
                           size_t n_pins, const char *rotation_list, const char *summary,
                           const rp_lang_t *lang, rp_verify_result_t *res, rp_diag_t *diag) {
  /* principals.csv beside the list */
  char principals[4400];
  const char *slash = strrchr(rotation_list, '/');
  snprintf(principals, sizeof principals, "%.*sprincipals.csv",
           slash ? (int)(slash - rotation_list + 1) : 0, rotation_list);
  return rp_verify_plan_files(c, p, pins, n_pins, rotation_list, summary, principals, lang, res,
                              diag);
}

/* The principals' exchange (principal_exchange = yes): principals.csv read
 * into the plan and checked; its rule breaks counted in res->broken. */
static rp_status_t verify_principals(const rp_county_t *c, const rp_policy_t *p,
                                     const rp_audit_t *before, const char *path, rp_lang_t l,
                                     rp_plan_t *plan, rp_verify_result_t *res, rp_diag_t *diag) {
  if (!p->principal_exchange)
    return RP_OK;
  if (!path || access(path, F_OK) != 0) {
    rp_diag_error(diag, path, 0, NULL,
                  rp_tr(l, "principal_exchange: the plan has no principals.csv, and the policy "
                           "says principal_exchange = yes"));
    res->broken++;
    return RP_OK;
  }
  rp_status_t st = rp_principals_read(path, c, &plan->principals, diag);
  if (st == RP_OK)
    res->broken += rp_verify_principals(c, p, before, plan, rp_verify_tr(l), diag);
  return st;
}

rp_status_t rp_verify_plan_files(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pins,
                                 size_t n_pins, const char *rotation_list, const char *summary,
                                 const char *principals, const rp_lang_t *lang,
                                 rp_verify_result_t *res, rp_diag_t *diag) {
  rp_audit_t *before = NULL, *after = NULL, *before2 = NULL;
  rp_county_t *c2 = NULL; /* with the principals' exchange in effect */
  rp_plan_t *plan = NULL;
  rp_status_t st;
  /* The summary first: its language is the messages' unless one is given. */
  rp_summary_t sum;
  rp_status_t sum_st = rp_summary_read(summary, &sum);
  if (sum_st == RP_OK)
    snprintf(res->lang, sizeof res->lang, "%s", sum.lang);
  res->msg_lang = RP_LANG_EN;
  if (lang)
    res->msg_lang = *lang;
  else if (res->lang[0])
    rp_lang_parse(res->lang, &res->msg_lang);
  const rp_lang_t l = res->msg_lang;
  res->broken = 0;
  if ((st = rp_audit_build(c, p, &before)) != RP_OK)
    goto done;
  if ((st = rp_plan_read_file(rotation_list, c, before, &plan, diag)) != RP_OK)
    goto done;
  for (size_t k = 0; k < plan->n_moves; k++)
    plan->moved_backbone += rp_teacher_is_rotation_backbone(p, &c->teachers[plan->moves[k].teacher]);
  res->moves = plan->n_moves;
  /* The principals' exchange first: the teachers' rules hold on the county
   * it leaves (pipeline/principals_run.h). */
  if ((st = verify_principals(c, p, before, principals, l, plan, res, diag)) != RP_OK ||
      (st = rp_principals_county(c, p, before, plan->principals, &c2, &before2, diag)) != RP_OK)
    goto done;
  res->broken += rp_verify_rules(c2 ? c2 : c, p, before2 ? before2 : before, plan, pins, n_pins,
                                 rp_verify_tr(l), diag);
  if ((st = rp_plan_after(c, p, before, plan, &after)) != RP_OK)
    goto done;
  /* Every figure of summary.json, recomputed. */
  if ((st = sum_st) != RP_OK) {
    rp_diag_error(diag, summary, 0, NULL, "%s", rp_tr(l, "cannot read the summary as JSON"));
    goto done;
  }
  const figures_t figures = {&res->figures, summary, l};
  res->differ = check_summary(&sum, &figures, c, p, plan, before, after);
  st = res->broken || res->differ ? RP_EINFEASIBLE : RP_OK;
done:
  rp_county_free(c2);
  rp_audit_free(before2);
  rp_plan_free(plan);
  rp_audit_free(before);
  rp_audit_free(after);
  return st;
}

rp_status_t rp_verify_run(const rp_verify_job_t *job, rp_verify_result_t *res, rp_diag_t *diag) {
  rp_loaded_inputs_t in = {0};
  rp_scenario_t *sc = NULL;
  memset(res, 0, sizeof *res);
  rp_inputs_t paths;
  rp_status_t st = rp_plan_inputs_load(&job->in, job->scenario, 0, &sc, &paths, &in, diag);
  res->county_read = in.county != NULL;
  if (st == RP_OK) {
    res->inputs_read = 1;
    char list[4096], summary[4096];
    snprintf(list, sizeof list, "%s/rotation_list.csv", job->dir);
    snprintf(summary, sizeof summary, "%s/summary.json", job->dir);
    st = rp_verify_plan(in.county, &in.policy, in.pins, in.n_pins, list, summary, job->lang,
                        res, diag);
    /* Figures that differ from an edited list are no fault of the plan. */
    if (st == RP_EINFEASIBLE && !res->broken && !job->strict)
      st = RP_OK;
  }
  rp_scenario_free(sc);
  rp_inputs_free(&in);
  return st;
}
