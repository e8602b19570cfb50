/* `rotaplan report`: options and printing; the run (the edited list read,
 * checked and the plan's files rebuilt from it) is pipeline/report_run.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline/report_run.h"

static const char usage[] =
    "Usage: rotaplan report --schools FILE --teachers FILE [--policy FILE]\n"
    "                       [--pins FILE] [--curriculum FILE] --plan DIR\n"
    "                       [--out DIR2] [--xlsx FILE] [--html FILE]\n"
    "       rotaplan report --scenario FILE --plan DIR [--out DIR2] ...\n"
    "Rebuilds a plan's files from DIR/rotation_list.csv after a planner edited it\n"
    "by hand (Chinese or English headers, UTF-8 or GB18030): the list is checked\n"
    "against every hard rule first, as `rotaplan verify` checks it, and refused\n"
    "with the rules it breaks; then summary.json (method \"edited list\", nothing\n"
    "solved), schools_after.csv, subjects.csv, recruitment.csv and, when asked,\n"
    "the workbook and the report are written from it.  The edited list is never\n"
    "written over: without --out the other files are rebuilt beside it in DIR;\n"
    "with --out DIR2 the list is written there too, in the plan's order with its\n"
    "columns recomputed.  All files are written, or none.  Exit 0 done, 4 when\n"
    "the list breaks a rule (nothing written), 3 when a file cannot be read.\n"
    "\n"
    "  -s, --schools FILE   schools.csv the plan was made from\n"
    "  -t, --teachers FILE  teachers.csv\n"
    "  -p, --policy FILE    policy.ini (default: each key's default)\n"
    "      --pins FILE      pins.csv the plan was made with\n"
    "      --curriculum FILE curriculum.csv the plan was made with\n"
    "      --scenario FILE  the scenario the plan was made from\n"
    "  -d, --plan DIR       the plan folder holding the edited rotation_list.csv\n"
    "  -o, --out DIR2       write the rebuilt plan there (default: DIR)\n"
    "      --xlsx FILE      the workbook (.xlsx)\n"
    "      --html FILE      the report (.html)\n"
    "      --lang zh|en     language of the files (default: the plan's)\n"
    "      --csv-encoding E utf-8 (default), utf-8-bom or gb18030\n"
    "  -h, --help           show this help\n";

/* The rebuilt plan: its summary, and where its files are. */
static void print_done(void *ctx, const rp_plan_view_t *v, rp_lang_t l) {
  const rp_report_job_t *job = ctx;
  rp_plan_print_summary(stdout, v, l);
  printf(rp_tr(l, "  written to %s/\n"), job->out ? job->out : job->dir);
  if (job->xlsx)
    printf(rp_tr(l, "  workbook: %s\n"), job->xlsx);
  if (job->html)
    printf(rp_tr(l, "  report: %s\n"), job->html);
}

int rp_cmd_report(int argc, char **argv) {
  enum { O_PINS = 256, O_SCENARIO, O_XLSX, O_HTML, O_LANG, O_ENC, O_CURRICULUM };
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'},   {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},    {"plan", required_argument, 0, 'd'},
      {"out", required_argument, 0, 'o'},       {"pins", required_argument, 0, O_PINS},
      {"scenario", required_argument, 0, O_SCENARIO},
      {"xlsx", required_argument, 0, O_XLSX},   {"html", required_argument, 0, O_HTML},
      {"lang", required_argument, 0, O_LANG},   {"csv-encoding", required_argument, 0, O_ENC},
      {"curriculum", required_argument, 0, O_CURRICULUM},
      {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
  rp_report_job_t job;
  memset(&job, 0, sizeof job);
  job.output.lang = RP_LANG_EN;
  job.output.csv_encoding = RP_ENC_UTF8;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:d:o:h", opts, NULL)) != -1) {
    switch (ch) {
    case 's': job.in.schools = optarg; break;
    case 't': job.in.teachers = optarg; break;
    case 'p': job.in.policy = optarg; break;
    case 'd': job.dir = optarg; break;
    case 'o': job.out = optarg; break;
    case O_PINS: job.in.pins = optarg; break;
    case O_CURRICULUM: job.in.curriculum = optarg; break;
    case O_SCENARIO: job.scenario = optarg; break;
    case O_XLSX: job.xlsx = optarg; break;
    case O_HTML: job.html = optarg; break;
    case O_LANG:
      if (rp_cli_output_option("report", "lang", optarg, &job.output))
        return rp_status_exit_code(RP_EUSAGE);
      job.lang_given = 1;
      break;
    case O_ENC:
      if (rp_cli_output_option("report", "csv-encoding", optarg, &job.output))
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("report", "bad option");
    }
  }
  if (optind < argc || (!job.scenario && (!job.in.schools || !job.in.teachers)) || !job.dir)
    return rp_cli_usage_error("report", "--schools and --teachers (or --scenario), and --plan, "
                              "are required");
  if (job.scenario && (job.in.schools || job.in.teachers || job.in.policy || job.in.pins ||
                       job.in.curriculum))
    return rp_cli_usage_error("report", "--scenario names its own input files");
  rp_diag_t diag = RP_DIAG_INIT;
  rp_report_result_t res;
  rp_status_t st = rp_report_run(&job, print_done, &job, &res, &diag);
  if (!res.inputs_read) {
    rp_cli_print_input_errors(st, res.county_read, &diag);
    return rp_status_exit_code(st);
  }
  if (res.broken)
    fprintf(stderr, rp_tr(res.lang, "== Rule breaks: %d (hard rules of the plan, "
                                    "docs/model.md)\n"),
            res.broken);
  rp_diag_print(&diag, stderr);
  if (res.broken)
    fprintf(stderr, rp_tr(res.lang, "rotaplan report: %d rule breaks in the edited list; "
                                    "nothing was written\n"),
            res.broken);
  else if (st != RP_OK)
    fprintf(stderr, rp_tr(res.lang, "rotaplan report: %s; nothing was written\n"),
            rp_status_str(st));
  rp_diag_clear(&diag);
  return rp_status_exit_code(st);
}
