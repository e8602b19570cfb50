/* `rotaplan compare A.ini B.ini ...`: what-if scenarios side by side.
 *
 * The options are read here and the comparison's table printed on stdout;
 * the scenarios are planned by pipeline/compare.c (a process each, as many
 * at a time as there are cores, or --jobs), the comparison's files written
 * by io/comparison.c. */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/comparison.h"
#include "io/csv_writer.h"
#include "io/roster.h"
#include "pipeline/compare.h"

static const char usage[] =
    "Usage: rotaplan compare [OPTIONS] SCENARIO.ini [SCENARIO.ini ...]\n"
    "Plans every scenario (docs/scenarios.md) and sets them side by side: teachers\n"
    "moved, shortfalls before and after, sections still missing a target, the\n"
    "difference coefficients, recruitment needed, distances, solver status and\n"
    "time.  The first scenario is the reference; the others show their\n"
    "differences from it.  Writes DIR/comparison.csv, .md and .json, and each\n"
    "scenario's full plan in DIR/<scenario name>/.\n"
    "\n"
    "  -o, --out DIR         output folder (default out/compare; created if missing)\n"
    "  -j, --jobs N          scenarios planned at once (default: the cores online)\n"
    "      --time-limit SEC  per scenario (default 600)\n"
    "      --gap REL         accept plans within this relative gap\n"
    "                        (default 0.000005: never spin at 0.000%)\n"
    "      --solver S        glpk (default) or cbc, for every scenario\n"
    "      --xlsx FILE       also write the comparison as an Excel workbook, and\n"
    "                        each scenario's plan as DIR/<name>/plan.xlsx\n"
    "      --html FILE       also write a report with the scenarios side by side\n"
    "                        in charts, and each scenario's as DIR/<name>/report.html\n"
    "      --lang zh|en      language of headers and text (default: zh when the\n"
    "                        reference scenario's rosters have Chinese headers)\n"
    "      --csv-encoding E  utf-8 (default), utf-8-bom or gb18030\n"
    "  -h, --help            show this help\n";

/* A scenario's messages, each naming its scenario: several run at once. */
static void print_scenario_messages(void *ctx, const char *path, const rp_diag_t *diag) {
  (void)ctx;
  for (size_t i = 0; i < diag->n; i++) {
    rp_diag_t one = *diag;
    one.v = &diag->v[i];
    one.n = 1;
    one.n_dropped = 0;
    fprintf(stderr, "[%s] ", path);
    rp_cli_print_diag(&one);
  }
}

/* The table on stdout: one block per scenario, easier to read in a
 * terminal than 32 columns; then where the files are. */
static void print_table(const rp_compare_result_t *res, const rp_compare_job_t *job) {
  const rp_lang_t lang = res->lang;
  char buf[RP_REASON_MAX + 64], hdr[128];
  int width = 22; /* at least the widest header, in terminal columns */
  for (int c = 1; c < RP_COMPARISON_COLS; c++) {
    rp_comparison_header(lang, c, hdr, sizeof hdr);
    width = rp_text_width(hdr) > width ? rp_text_width(hdr) : width;
  }
  for (size_t k = 0; k < res->n; k++) {
    printf("%s%s\n", res->rows[k].name, k == 0 ? rp_tr(lang, " (reference)") : "");
    /* A failed scenario: its status, which says why, and nothing else. */
    const int cols = res->rows[k].ok ? RP_COMPARISON_COLS : 2;
    for (int c = 1; c < cols; c++) {
      rp_comparison_header(lang, c, hdr, sizeof hdr);
      rp_comparison_cell(lang, res->rows, k, c, buf, sizeof buf);
      char pad[256];
      printf("  %s %s\n", rp_pad(pad, sizeof pad, hdr, width), buf);
    }
  }
  printf(rp_tr(lang, "written to %s/comparison.csv, comparison.md, comparison.json\n"),
         job->out);
  if (job->xlsx)
    printf(rp_tr(lang, "workbook: %s\n"), job->xlsx);
  if (job->html)
    printf(rp_tr(lang, "report: %s\n"), job->html);
}

int rp_cmd_compare(int argc, char **argv) {
  enum { O_TLIM = 256, O_GAP, O_XLSX, O_HTML, O_LANG, O_ENC, O_SOLVER };
  static const struct option opts[] = {
      {"out", required_argument, 0, 'o'},     {"jobs", required_argument, 0, 'j'},
      {"time-limit", required_argument, 0, O_TLIM}, {"gap", required_argument, 0, O_GAP},
      {"solver", required_argument, 0, O_SOLVER},
      {"xlsx", required_argument, 0, O_XLSX}, {"html", required_argument, 0, O_HTML},
      {"lang", required_argument, 0, O_LANG}, {"csv-encoding", required_argument, 0, O_ENC},
      {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
  const rp_compare_observer_t observer = {{.on_progress = rp_cli_progress},
                                          print_scenario_messages};
  rp_compare_job_t job = {.out = "out/compare", .jobs = sysconf(_SC_NPROCESSORS_ONLN),
                          .so = {.time_limit = RP_DEFAULT_TIME_LIMIT, .gap = RP_DEFAULT_GAP, .progress = 0},
                          .output = {RP_LANG_EN, RP_ENC_UTF8, 0}, .observer = &observer};
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
    switch (ch) {
    case 'o': job.out = optarg; break;
    case 'j':
      if (rp_parse_int(optarg, 1, 256, &job.jobs) != 0)
        return rp_cli_usage_error("compare", "--jobs must be 1 to 256");
      break;
    case O_TLIM:
      if (rp_parse_double(optarg, 0.1, 1e6, &job.so.time_limit) != 0)
        return rp_cli_usage_error("compare", "--time-limit must be seconds (0.1 to 1000000)");
      break;
    case O_GAP:
      if (rp_parse_double(optarg, 0, 1, &job.so.gap) != 0)
        return rp_cli_usage_error("compare", "--gap must be a fraction from 0 to 1");
      break;
    case O_SOLVER:
      if (rp_cli_solver_option("compare", optarg, &job.so) != 0)
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case O_XLSX: job.xlsx = optarg; break;
    case O_HTML: job.html = optarg; break;
    case O_LANG:
    case O_ENC:
      if (rp_cli_output_option("compare", ch == O_LANG ? "lang" : "csv-encoding", optarg,
                               &job.output))
        return rp_status_exit_code(RP_EUSAGE);
      job.lang_given |= ch == O_LANG;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("compare", "bad option");
    }
  }
  if (optind >= argc)
    return rp_cli_usage_error("compare", "at least one scenario is required");
  job.paths = argv + optind;
  job.n = (size_t)(argc - optind);
  rp_diag_t diag = RP_DIAG_INIT;
  rp_compare_result_t res;
  rp_status_t st = rp_compare_run(&job, &res, &diag);
  if (st != RP_OK)
    goto done;
  print_table(&res, &job);
  if (res.failed) {
    rp_diag_error(&diag, NULL, 0, NULL, "%d of %zu scenarios could not be planned", res.failed,
                  res.n);
    /* exit with the worst of the failed scenarios' own codes */
    st = res.failed_status;
  }
done:
  rp_cli_print_diag(&diag);
  rp_diag_clear(&diag);
  rp_compare_result_free(&res);
  return rp_status_exit_code(st);
}
