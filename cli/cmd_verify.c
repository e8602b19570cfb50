/* `rotaplan verify`: options and printing; the re-check itself, independent
 * of the model builder and the solver, is pipeline/verify_run.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline/verify_run.h"

static const char usage[] =
    "Usage: rotaplan verify --schools FILE --teachers FILE [--policy FILE]\n"
    "                       [--pins FILE] [--appeals FILE] [--curriculum FILE]\n"
    "                       --plan DIR\n"
    "       rotaplan verify --scenario FILE --plan DIR [--lang zh|en] [--strict]\n"
    "Re-reads the rosters and DIR/rotation_list.csv, re-checks every hard rule\n"
    "(eligibility, quota and its per-school scope, backbone share and direction,\n"
    "outflow, net gain, subject cover, distance, group, pins) and the figures of\n"
    "DIR/summary.json, and prints them in two groups: rule breaks, and figures\n"
    "that merely differ from summary.json (a list edited by hand changes the\n"
    "counts: `rotaplan report --plan DIR` rebuilds them).  Exit 0 when every rule\n"
    "holds (figures that differ are then a notice), 4 when a rule is broken,\n"
    "3 when a file cannot be read.\n"
    "\n"
    "  -s, --schools FILE   schools.csv the plan was made from\n"
    "  -t, --teachers FILE  teachers.csv\n"
    "  -p, --policy FILE    policy.ini (default: each key's default; audit lists them)\n"
    "      --pins FILE      pins.csv the plan was made with\n"
    "      --appeals FILE   appeals.csv an appeal round granted (plan --appeals)\n"
    "      --curriculum FILE curriculum.csv the plan was made with\n"
    "      --scenario FILE  the scenario the plan was made from (its inputs and\n"
    "                       changes, as `rotaplan plan --scenario` applied them)\n"
    "  -d, --plan DIR       the folder `rotaplan plan --out` wrote\n"
    "      --lang zh|en     language of the messages (default: the plan's)\n"
    "      --strict         a figure that differs fails too (exit 4): a plan as\n"
    "                       `rotaplan plan` wrote it must agree with its summary\n"
    "  -h, --help           show this help\n";

/* The findings under two headings: the rule breaks, then the figures of
 * summary.json that merely differ (each heading only when it has lines);
 * anything else (a list that cannot be read) before them. */
static void print_findings(const rp_verify_result_t *res, const rp_diag_t *diag,
                           const char *dir) {
  const rp_lang_t l = res->msg_lang;
  if (res->broken)
    fprintf(stderr, rp_tr(l, "== Rule breaks: %d (hard rules of the plan, docs/model.md)\n"),
            res->broken);
  rp_diag_print(diag, stderr);
  if (res->differ) {
    fprintf(stderr,
            rp_tr(l, "== Figures that differ from summary.json: %d (counts a hand edit of the "
                     "list changes, not rule breaks; `rotaplan report --plan %s` rebuilds "
                     "them)\n"),
            res->differ, dir);
    rp_diag_print(&res->figures, stderr);
  }
}

int rp_cmd_verify(int argc, char **argv) {
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'}, {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},  {"plan", required_argument, 0, 'd'},
      {"pins", required_argument, 0, 'P'},    {"scenario", required_argument, 0, 'S'},
      {"appeals", required_argument, 0, 'A'},
      {"lang", required_argument, 0, 'L'},    {"help", no_argument, 0, 'h'},
      {"curriculum", required_argument, 0, 'C'}, {"strict", no_argument, 0, 'X'},
      {0, 0, 0, 0}};
  const char *schools = NULL, *teachers = NULL, *policy_path = NULL, *dir = NULL;
  const char *pins_path = NULL, *scenario = NULL, *curriculum = NULL, *appeals = NULL;
  int ch, lang_given = 0, strict = 0;
  rp_output_opts_t output = {RP_LANG_EN, RP_ENC_UTF8, 0};
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:d:h", opts, NULL)) != -1) {
    switch (ch) {
    case 's': schools = optarg; break;
    case 't': teachers = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'd': dir = optarg; break;
    case 'P': pins_path = optarg; break;
    case 'A': appeals = optarg; break;
    case 'C': curriculum = optarg; break;
    case 'S': scenario = optarg; break;
    case 'X': strict = 1; break;
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
  if (scenario && (schools || teachers || policy_path || pins_path || curriculum))
    return rp_cli_usage_error("verify", "--scenario names its own input files");
  rp_diag_t diag = RP_DIAG_INIT;
  rp_verify_job_t job = {{schools, teachers, policy_path, pins_path, NULL, curriculum, NULL,
                          appeals},
                         scenario, dir, lang_given ? &output.lang : NULL, strict};
  rp_verify_result_t res;
  rp_status_t st = rp_verify_run(&job, &res, &diag);
  if (!res.inputs_read && !scenario) {
    rp_cli_print_input_errors(st, res.county_read, &diag);
    rp_verify_result_clear(&res);
    return rp_status_exit_code(st);
  }
  print_findings(&res, &diag, dir);
  const rp_lang_t l = res.msg_lang;
  if (st == RP_OK && !res.differ)
    printf(rp_tr(l, "verified: %zu moves, every rule holds and every figure in summary.json "
                    "matches\n"),
           res.moves);
  else if (st == RP_OK)
    printf(rp_tr(l, "verified: %zu moves, every rule holds; %d figures of summary.json differ "
                    "from the list (edited by hand?): `rotaplan report --plan %s` rebuilds "
                    "them\n"),
           res.moves, res.differ, dir);
  else if (res.broken)
    fprintf(stderr, rp_tr(l, "rotaplan verify: %d rule breaks: the list cannot be published as "
                             "it is\n"),
            res.broken);
  else if (res.differ)
    fprintf(stderr, rp_tr(l, "rotaplan verify: %d figures differ (--strict)\n"), res.differ);
  rp_diag_clear(&diag);
  rp_verify_result_clear(&res);
  return rp_status_exit_code(st);
}
