/* `rotaplan verify`: re-check a written plan against the rosters and policy,
 * independently of the model builder and the solver. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/audit_report.h"
#include "cli/cli.h"
#include "io/csv_reader.h"
#include "io/plan_io.h"
#include "io/summary_json.h"
#include "model/verify.h"

static const char usage[] =
    "Usage: rotaplan verify --schools FILE --teachers FILE [--policy FILE]\n"
    "                       [--pins FILE] --plan DIR\n"
    "       rotaplan verify --scenario FILE --plan DIR [--lang zh|en]\n"
    "Re-reads the rosters and DIR/rotation_list.csv, re-checks every hard rule\n"
    "(eligibility, quota and its per-school scope, backbone share and direction,\n"
    "outflow, net gain, subject cover, distance, pins) and the figures of\n"
    "DIR/summary.json.  Exit 0 when all hold, 4 when a rule is broken or a\n"
    "figure differs.\n"
    "\n"
    "  -s, --schools FILE   schools.csv the plan was made from\n"
    "  -t, --teachers FILE  teachers.csv\n"
    "  -p, --policy FILE    policy.ini (default: the national rules)\n"
    "      --pins FILE      pins.csv the plan was made with\n"
    "      --scenario FILE  the scenario the plan was made from (its inputs and\n"
    "                       changes, as `rotaplan plan --scenario` applied them)\n"
    "  -d, --plan DIR       the folder `rotaplan plan --out` wrote\n"
    "      --lang zh|en     language of the result line (default: the plan's)\n"
    "  -h, --help           show this help\n";

/* Compares the summary's figure `have` (NAN: missing), named `name`, with
 * `want`; reports a mismatch and returns 1 when it differs. */
static int check(rp_diag_t *diag, const char *path, const char *name, double have,
                 double want) {
  if (!isnan(have) && fabs(have - want) <= 1e-9)
    return 0;
  if (!isnan(have))
    rp_diag_error(diag, path, 0, NULL, "%s: the summary says %g, recomputed %g", name, have,
                  want);
  else
    rp_diag_error(diag, path, 0, NULL, "%s: missing from the summary (recomputed %g)", name,
                  want);
  return 1;
}

/* Every figure of the summary s that verify recomputes, from the plan read
 * back and the audits before and after it; the number of differences. */
static int check_summary(const rp_summary_t *s, const char *path, const rp_plan_t *plan,
                         const rp_audit_t *before, const rp_audit_t *after, rp_diag_t *diag) {
  int broken = 0;
  broken += check(diag, path, "moved", s->moved, (double)plan->n_moves);
  broken += check(diag, path, "moved_backbone", s->moved_backbone, plan->moved_backbone);
  broken += check(diag, path, "eligible", s->eligible, before->rotation.eligible);
  broken += check(diag, path, "min_rotate", s->min_rotate, before->rotation.min_rotate);
  broken += check(diag, path, "eligible_backbone", s->eligible_backbone,
                  before->rotation.eligible_backbone);
  double km, kmax, kmean; /* of the km recomputed from the positions */
  rp_plan_km(plan, &km, &kmax, &kmean);
  broken += check(diag, path, "km_total", s->km_total, rp_round(km, 1));
  broken += check(diag, path, "km_max", s->km_max, rp_round(kmax, 1));
  broken += check(diag, path, "min_backbone", s->min_backbone, before->rotation.min_backbone);
  broken += check(diag, path, "shortfall_before.total", s->shortfall_before.total,
                  rp_audit_total_shortfall(before));
  broken += check(diag, path, "shortfall_after.total", s->shortfall_after.total,
                  rp_audit_total_shortfall(after));
  char name[128];
  for (int w = 0; w < 2; w++) {
    const rp_audit_t *x = w ? after : before;
    const rp_summary_shortfall_t *sf = w ? &s->shortfall_after : &s->shortfall_before;
    const char *key = w ? "shortfall_after" : "shortfall_before";
    int staff = 0, by[RP_INDICATORS] = {0};
    for (size_t k = 0; k < x->n_sections; k++) {
      staff += rp_section_staff_gap(&x->sections[k]);
      for (int i = 0; i < RP_INDICATORS; i++)
        by[i] += rp_section_gap(&x->sections[k], (rp_indicator_t)i);
    }
    snprintf(name, sizeof name, "%s.staff", key);
    broken += check(diag, path, name, sf->staff, staff);
    for (int i = 0; i < RP_INDICATORS; i++) {
      snprintf(name, sizeof name, "%s.%s", key, rp_indicator_name((rp_indicator_t)i));
      broken += check(diag, path, name, sf->by[i], by[i]);
    }
  }
  for (int w = 0; w < 2; w++)
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++) {
        const rp_audit_t *x = w ? after : before;
        const rp_level_stats_t *L = w ? &s->levels_after[lv] : &s->levels_before[lv];
        snprintf(name, sizeof name, "%s.%s.cv.%s", w ? "levels_after" : "levels_before",
                 rp_level_name((rp_level_t)lv), rp_indicator_name((rp_indicator_t)i));
        broken += check(diag, path, name, L->cv[i], rp_round(x->level[lv].cv[i], 4));
      }
  return broken;
}

int rp_cmd_verify(int argc, char **argv) {
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'}, {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},  {"plan", required_argument, 0, 'd'},
      {"pins", required_argument, 0, 'P'},    {"scenario", required_argument, 0, 'S'},
      {"lang", required_argument, 0, 'L'},    {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *schools = NULL, *teachers = NULL, *policy_path = NULL, *dir = NULL;
  const char *pins_path = NULL, *scenario = NULL;
  int ch, lang_given = 0;
  rp_output_opts_t output = {RP_LANG_EN, RP_ENC_UTF8};
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:d:h", opts, NULL)) != -1) {
    switch (ch) {
    case 's': schools = optarg; break;
    case 't': teachers = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'd': dir = optarg; break;
    case 'P': pins_path = optarg; break;
    case 'S': scenario = optarg; break;
    case 'L':
      if (rp_cli_output_option("verify", "lang", optarg, &output))
        return rp_status_exit_code(RP_EUSAGE);
      lang_given = 1;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("verify", "bad option");
    }
  }
  if (optind < argc || (!scenario && (!schools || !teachers)) || !dir)
    return rp_cli_usage_error("verify", "--schools and --teachers (or --scenario), and --plan, "
                              "are required");
  if (scenario && (schools || teachers || policy_path || pins_path))
    return rp_cli_usage_error("verify", "--scenario names its own input files");
  rp_loaded_inputs_t in = {0};
  rp_audit_t *before = NULL, *after = NULL;
  rp_plan_t *plan = NULL;
  rp_diag_t diag = RP_DIAG_INIT;
  int broken = 0;
  rp_scenario_t *sc = NULL;
  rp_status_t st = RP_OK;
  rp_inputs_t paths = {schools, teachers, policy_path, pins_path, NULL};
  if (scenario) {
    /* The county exactly as the scenario's plan saw it: the scenario's
     * inputs, its policy keys and its county changes (closures' pins). */
    if ((st = rp_scenario_load(scenario, &sc, &diag)) != RP_OK)
      goto done;
    paths = rp_inputs_of_scenario(sc);
    paths.prefs = NULL; /* preferences do not bind a plan */
    st = rp_inputs_load(&paths, sc, &in, &diag);
  } else {
    st = rp_cli_load(&paths, &in);
  }
  if (st != RP_OK)
    goto done;
  const rp_policy_t *p = &in.policy;
  const rp_county_t *c = in.county;
  if ((st = rp_audit_build(c, p, &before)) != RP_OK)
    goto done;
  if ((st = rp_plan_read(dir, c, before, &plan, &diag)) != RP_OK)
    goto done;
  for (size_t k = 0; k < plan->n_moves; k++)
    plan->moved_backbone += rp_teacher_is_rotation_backbone(p, &c->teachers[plan->moves[k].teacher]);
  broken = rp_verify_rules(c, p, before, plan, in.pins, in.n_pins, &diag);
  if ((st = rp_plan_after(c, p, before, plan, &after)) != RP_OK)
    goto done;
  /* Every figure of summary.json, recomputed. */
  char path[4096];
  rp_summary_t sum;
  snprintf(path, sizeof path, "%s/summary.json", dir);
  if ((st = rp_summary_read(path, &sum)) != RP_OK) {
    rp_diag_error(&diag, path, 0, NULL, "cannot read the summary as JSON");
    goto done;
  }
  broken += check_summary(&sum, path, plan, before, after, &diag);
  st = broken ? RP_EINFEASIBLE : RP_OK;
  if (!lang_given && sum.lang[0])
    rp_lang_parse(sum.lang, &output.lang);
  if (!broken)
    printf(rp_tr(output.lang,
                 "verified: %zu moves, every rule holds and every figure in summary.json "
                 "matches\n"),
           plan->n_moves);
done:
  rp_diag_print(&diag, stderr);
  if (broken)
    fprintf(stderr, "rotaplan verify: %d check%s failed\n", broken, broken == 1 ? "" : "s");
  rp_diag_clear(&diag);
  rp_plan_free(plan);
  rp_scenario_free(sc);
  rp_audit_free(before);
  rp_audit_free(after);
  rp_inputs_free(&in);
  return rp_status_exit_code(st);
}
