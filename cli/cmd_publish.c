/* `rotaplan publish`: options and printing; the run is
 * pipeline/publish_run.c, the pages io/publish.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline/publish_run.h"

static const char usage[] =
    "Usage: rotaplan publish --schools FILE --teachers FILE [--policy FILE]\n"
    "                        [--pins FILE] [--preferences FILE] [--curriculum FILE]\n"
    "                        --plan DIR --out DIR2 [OPTIONS]\n"
    "       rotaplan publish --scenario FILE --plan DIR --out DIR2 [OPTIONS]\n"
    "Checks the plan in DIR as `rotaplan verify` does and writes into DIR2 what a\n"
    "bureau posts and hands out: index.html; one page per school (who leaves, who\n"
    "arrives, subjects before and after against the demand), school_<code>.html;\n"
    "notices.html, one notice (告知书) per teacher who moves, a printed page each;\n"
    "and the 公示 list, only name, schools and subject: public_list.csv,\n"
    "public_list.xlsx, public_list.html.  Nothing is written when the plan does\n"
    "not verify.\n"
    "\n"
    "  -s, --schools FILE     schools.csv the plan was made from\n"
    "  -t, --teachers FILE    teachers.csv\n"
    "  -p, --policy FILE      policy.ini\n"
    "      --pins FILE        pins.csv the plan was made with (the pins are named\n"
    "                         in the notices)\n"
    "      --preferences FILE preferences.csv the plan was made with (wishes)\n"
    "      --previous DIR     the previous plan an appeal round kept (plan --previous)\n"
    "      --appeals FILE     the appeals it granted (plan --appeals)\n"
    "      --curriculum FILE  curriculum.csv the plan was made with\n"
    "      --scenario FILE    the scenario the plan was made from\n"
    "  -d, --plan DIR         the folder `rotaplan plan --out` wrote\n"
    "  -o, --out DIR2         where the pages go (created if missing)\n"
    "      --published DATE   the day the list is posted, YYYY-MM-DD (default:\n"
    "                         today)\n"
    "      --start DATE       first day at the new school (default: 1 September\n"
    "                         of the plan year; local practice)\n"
    "      --appeal-days N    working days after --published for an appeal\n"
    "                         (default 5; local practice)\n"
    "      --deadline DATE    the last day for an appeal, instead of --appeal-days\n"
    "      --term YEARS       the term of the rotation (default: the policy's\n"
    "                         term_years; 0 leaves it out)\n"
    "      --contact TEXT     whom to ask and where to appeal (default: the\n"
    "                         personnel office of the county education bureau)\n"
    "      --lang zh|en       language of the pages (default: the plan's)\n"
    "      --csv-encoding E   utf-8 (default), utf-8-bom or gb18030\n"
    "  -h, --help             show this help\n";

/* A whole number option in [lo, hi]; -1 after the usage error. */
static int whole(const char *opt, const char *arg, int lo, int hi, int *out) {
  char *end;
  long v = strtol(arg, &end, 10);
  if (*arg == '\0' || *end != '\0' || v < lo || v > hi) {
    rp_cli_usage_error("publish", "--%s: \"%s\" is not a whole number from %d to %d", opt, arg,
                       lo, hi);
    return -1;
  }
  *out = (int)v;
  return 0;
}

int rp_cmd_publish(int argc, char **argv) {
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'},     {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},      {"plan", required_argument, 0, 'd'},
      {"out", required_argument, 0, 'o'},         {"pins", required_argument, 0, 'P'},
      {"preferences", required_argument, 0, 'R'}, {"curriculum", required_argument, 0, 'C'},
      {"scenario", required_argument, 0, 'S'},    {"lang", required_argument, 0, 'L'},
      {"csv-encoding", required_argument, 0, 'E'}, {"published", required_argument, 0, 'U'},
      {"start", required_argument, 0, 'B'},       {"deadline", required_argument, 0, 'D'},
      {"appeal-days", required_argument, 0, 'A'}, {"term", required_argument, 0, 'T'},
      {"contact", required_argument, 0, 'c'},     {"help", no_argument, 0, 'h'},
      {"previous", required_argument, 0, 'V'},    {"appeals", required_argument, 0, 'a'},
      {0, 0, 0, 0}};
  rp_publish_job_t job = {0};
  job.appeal_days = job.term_years = -1;
  job.output = (rp_output_opts_t){RP_LANG_ZH, RP_ENC_UTF8, 0};
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:d:o:h", opts, NULL)) != -1) {
    switch (ch) {
    case 's': job.plan.in.schools = optarg; break;
    case 't': job.plan.in.teachers = optarg; break;
    case 'p': job.plan.in.policy = optarg; break;
    case 'd': job.plan.dir = optarg; break;
    case 'o': job.out_dir = optarg; break;
    case 'P': job.plan.in.pins = optarg; break;
    case 'V': job.plan.in.previous = optarg; break;
    case 'a': job.plan.in.appeals = optarg; break;
    case 'R': job.plan.in.prefs = optarg; break;
    case 'C': job.plan.in.curriculum = optarg; break;
    case 'S': job.plan.scenario = optarg; break;
    case 'U': job.published = optarg; break;
    case 'B': job.start = optarg; break;
    case 'D': job.deadline = optarg; break;
    case 'c': job.contact = optarg; break;
    case 'A':
      if (whole("appeal-days", optarg, 0, 365, &job.appeal_days))
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case 'T':
      if (whole("term", optarg, 0, 20, &job.term_years))
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case 'L':
      if (rp_cli_output_option("publish", "lang", optarg, &job.output))
        return rp_status_exit_code(RP_EUSAGE);
      job.lang_given = 1;
      break;
    case 'E':
      if (rp_cli_output_option("publish", "csv-encoding", optarg, &job.output))
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("publish", "bad option");
    }
  }
  if (optind < argc || (!job.plan.scenario && (!job.plan.in.schools || !job.plan.in.teachers)) ||
      !job.plan.dir || !job.out_dir)
    return rp_cli_usage_error("publish", "--schools and --teachers (or --scenario), --plan "
                              "and --out are required");
  if (job.plan.scenario && (job.plan.in.schools || job.plan.in.teachers || job.plan.in.policy || job.plan.in.pins ||
                       job.plan.in.prefs || job.plan.in.curriculum))
    return rp_cli_usage_error("publish", "--scenario names its own input files");
  if (job.deadline && job.appeal_days >= 0)
    return rp_cli_usage_error("publish", "give --deadline or --appeal-days, not both");
  rp_diag_t diag = RP_DIAG_INIT;
  rp_publish_result_t res;
  rp_status_t st = rp_publish_run(&job, &res, &diag);
  if (!res.inputs_read) {
    rp_cli_print_input_errors(st, res.county_read, &diag);
    return rp_status_exit_code(st);
  }
  rp_diag_print(&diag, stderr);
  rp_diag_clear(&diag);
  if (res.broken)
    fprintf(stderr, "rotaplan publish: the plan does not verify (%d check%s failed); "
                    "nothing was published\n", res.broken, res.broken == 1 ? "" : "s");
  if (st != RP_OK)
    return rp_status_exit_code(st);
  rp_lang_t l = res.lang;
  char pub[32], start[32], deadline[32];
  rp_date_format(l, res.terms.published, pub, sizeof pub);
  rp_date_format(l, res.terms.start, start, sizeof start);
  rp_date_format(l, res.terms.deadline, deadline, sizeof deadline);
  printf(rp_tr(l, "published %zu moves to %s/: index.html, %zu school pages, notices.html "
                  "(%zu notices), public_list.csv, .xlsx and .html\n"),
         res.moves, job.out_dir, res.schools, res.moves);
  printf(rp_tr(l, "  posted %s, appeals by %s, start %s, term %d years, contact: %s\n"), pub,
         deadline, start, res.terms.term_years, res.terms.contact);
  return 0;
}
