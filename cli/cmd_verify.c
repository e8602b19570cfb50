/* `rotaplan verify`: options and printing; the re-check itself, independent
 * of the model builder and the solver, is pipeline/verify_run.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline/verify_run.h"

static const char usage[] =
    "Usage: rotaplan verify --schools FILE --teachers FILE [--policy FILE]\n"
    "                       [--pins FILE] [--curriculum FILE] --plan DIR\n"
    "       rotaplan verify --scenario FILE --plan DIR [--lang zh|en]\n"
    "Re-reads the rosters and DIR/rotation_list.csv, re-checks every hard rule\n"
    "(eligibility, quota and its per-school scope, backbone share and direction,\n"
    "outflow, net gain, subject cover, distance, group, pins) and the figures of\n"
    "DIR/summary.json.  Exit 0 when all hold, 4 when a rule is broken or a\n"
    "figure differs.\n"
    "\n"
    "  -s, --schools FILE   schools.csv the plan was made from\n"
    "  -t, --teachers FILE  teachers.csv\n"
    "  -p, --policy FILE    policy.ini (default: each key's default; audit lists them)\n"
    "      --pins FILE      pins.csv the plan was made with\n"
    "      --curriculum FILE curriculum.csv the plan was made with\n"
    "      --scenario FILE  the scenario the plan was made from (its inputs and\n"
    "                       changes, as `rotaplan plan --scenario` applied them)\n"
    "  -d, --plan DIR       the folder `rotaplan plan --out` wrote\n"
    "      --lang zh|en     language of the result line (default: the plan's)\n"
    "  -h, --help           show this help\n";

int rp_cmd_verify(int argc, char **argv) {
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'}, {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},  {"plan", required_argument, 0, 'd'},
      {"pins", required_argument, 0, 'P'},    {"scenario", required_argument, 0, 'S'},
      {"lang", required_argument, 0, 'L'},    {"help", no_argument, 0, 'h'},
      {"curriculum", required_argument, 0, 'C'}, {0, 0, 0, 0}};
  const char *schools = NULL, *teachers = NULL, *policy_path = NULL, *dir = NULL;
  const char *pins_path = NULL, *scenario = NULL, *curriculum = NULL;
  int ch, lang_given = 0;
  rp_output_opts_t output = {RP_LANG_EN, RP_ENC_UTF8, 0};
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:d:h", opts, NULL)) != -1) {
    switch (ch) {
    case 's': schools = optarg; break;
    case 't': teachers = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'd': dir = optarg; break;
    case 'P': pins_path = optarg; break;
    case 'C': curriculum = optarg; break;
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
  if (scenario && (schools || teachers || policy_path || pins_path || curriculum))
    return rp_cli_usage_error("verify", "--scenario names its own input files");
  rp_diag_t diag = RP_DIAG_INIT;
  rp_verify_job_t job = {{schools, teachers, policy_path, pins_path, NULL, curriculum}, scenario, dir};
  rp_verify_result_t res;
  rp_status_t st = rp_verify_run(&job, &res, &diag);
  if (!res.inputs_read && !scenario) {
    rp_cli_print_input_errors(st, res.county_read, &diag);
    return rp_status_exit_code(st);
  }
  if (!lang_given && res.lang[0])
    rp_lang_parse(res.lang, &output.lang);
  if (st == RP_OK)
    printf(rp_tr(output.lang,
                 "verified: %zu moves, every rule holds and every figure in summary.json "
                 "matches\n"),
           res.moves);
  rp_cli_print_diag(&diag);
  if (res.broken)
    fprintf(stderr, "rotaplan verify: %d check%s failed\n", res.broken,
            res.broken == 1 ? "" : "s");
  rp_diag_clear(&diag);
  return rp_status_exit_code(st);
}
