/* `rotaplan plan`: build the model, solve it, write the rotation list. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "io/appeal_sheet.h"
#include "io/out_file.h"
#include "io/plan_io.h"
#include "io/roster.h"

static const char usage[] =
    "Usage: rotaplan plan --schools FILE --teachers FILE [--policy FILE]\n"
    "                     [--pins FILE] [--preferences FILE] [--curriculum FILE]\n"
    "                     --out DIR\n"
    "       rotaplan plan --scenario FILE --out DIR\n"
    "                     [--solver glpk|cbc] [--time-limit SEC] [--gap REL]\n"
    "                     [--write-model FILE]\n"
    "Builds the rotation model of docs/model.md, solves it (GLPK, or CBC) and writes\n"
    "DIR/rotation_list.csv, schools_after.csv, subjects.csv, recruitment.csv and\n"
    "summary.json.\n"
    "\n"
    "      --scenario FILE     a what-if scenario (docs/scenarios.md): its inputs,\n"
    "                          policy changes, county changes and years\n"
    "  -s, --schools FILE      schools.csv\n"
    "  -t, --teachers FILE     teachers.csv\n"
    "  -p, --policy FILE       policy.ini (default: each key's default; audit lists them)\n"
    "      --pins FILE         pins.csv: teacher_id, action (stay|move|to|not_to), school_id\n"
    "      --preferences FILE  preferences.csv: teacher_id, rank, school_id\n"
    "      --curriculum FILE   curriculum.csv: the county's weekly periods per grade\n"
    "                          and subject (default: the built-in table)\n"
    "  -o, --out DIR           output folder (created if missing)\n"
    "      --time-limit SEC    stop the solver after SEC seconds (default 600) and\n"
    "                          write the best plan found, marked not proven optimal\n"
    "      --gap REL           accept a plan within this relative gap\n"
    "                          (default 0.000005: never spin at 0.000%)\n"
    "      --solver S          glpk (default) or cbc: the solver of the model, the\n"
    "                          same stages either way (cbc: in builds with CBC)\n"
    "      --write-model FILE  also write the model (.lp: CPLEX LP, else MPS)\n"
    "      --years N           plan N consecutive school years (default 1): each\n"
    "                          year in DIR/year_YYYY/, the years side by side in\n"
    "                          DIR/years.csv; each year is planned in one model\n"
    "                          with the (up to 4) years after it, so that it\n"
    "                          leaves them the teachers their rules need; a year\n"
    "                          that cannot be planned ends the run (exit 4) with\n"
    "                          the years before it written\n"
    "      --sequential        with --years: plan each year alone, as if the later\n"
    "                          years did not exist (the bureau's year-by-year way)\n"
    "      --forecast FILE     enrolment_forecast.csv for --years: school_id,\n"
    "                          year, primary_students, junior_students\n"
    "      --max-columns N     refuse models of more than N columns (default\n"
    "                          2000000: past that GLPK needs gigabytes and hours)\n"
    "      --xlsx FILE         also write the plan as an Excel workbook: rotation\n"
    "                          list, schools before and after, subjects,\n"
    "                          recruitment, summary, public list (公示)\n"
    "      --html FILE         also write a report with charts, one self-contained\n"
    "                          page (with --years: both, and the model, describe\n"
    "                          the first year)\n"
    "      --lang zh|en        language of headers, values and text (default: zh\n"
    "                          when the rosters' headers are Chinese, else en)\n"
    "      --csv-encoding E    utf-8, utf-8-bom or gb18030 (default: the rosters'\n"
    "                          encoding); the last two open directly in Excel\n"
    "                          in China\n"
    "      --frontier          also plan the county for a series of move counts,\n"
    "                          from the fewest to the best balance (at least 6\n"
    "                          points, each verified): DIR/frontier.csv, each\n"
    "                          plan in DIR/frontier/moves_NNNN/, a section of the\n"
    "                          report and a sheet of the workbook\n"
    "      --previous DIR      a plan of this county made before (DIR/rotation_list.csv,\n"
    "                          perhaps already discussed): re-plan keeping as many of\n"
    "                          its rows as the rules and the shortfall allow\n"
    "      --appeals FILE      with --previous: appeals.csv, the accepted appeals\n"
    "                          (teacher_id, action stay|not_to, school_id); each is\n"
    "                          granted, and what granting it alone costs is written\n"
    "                          to DIR/appeals.csv\n"
    "      --method M          milp (default): the optimizing model; greedy: the\n"
    "                          rule of thumb (longest-serving to the neediest), to\n"
    "                          measure what optimizing gains\n"
    "  -v, --verbose           show the solver's log\n"
    "  -h, --help              show this help\n";

/* A planned year: its summary, and where its files are. */
static void print_year(void *ctx, const rp_year_planned_t *y) {
  (void)ctx;
  rp_plan_print_summary(stdout, y->view, y->lang);
  printf(rp_tr(y->lang, "  written to %s/\n"), y->dir);
  if (y->xlsx)
    printf(rp_tr(y->lang, "  workbook: %s\n"), y->xlsx);
  if (y->html)
    printf(rp_tr(y->lang, "  report: %s\n"), y->html);
  if (y->view->frontier)
    rp_frontier_print(stdout, y->view->frontier, y->lang);
}

static void print_year_start(void *ctx, int year) {
  (void)ctx;
  printf("== %d\n", year);
}

static void print_years_written(void *ctx, rp_lang_t lang, int years, const char *out) {
  *(int *)ctx = years;
  printf(rp_tr(lang, "== %d years written to %s/ (years.csv: the years side by side)\n"),
         years, out);
}

/* Each appeal and what granting it alone costs (appeals.csv), before the
 * plan that grants them all. */
static void print_appeals(void *ctx, rp_lang_t l, const rp_county_t *c,
                          const rp_appeal_cost_t *costs, size_t n) {
  (void)ctx;
  for (size_t i = 0; i < n; i++) {
    const rp_appeal_cost_t *a = &costs[i];
    char what[600], worse[512];
    if (a->planned) {
      int k = snprintf(what, sizeof what,
                       rp_tr(l, "granted alone: shortfall %+d, %d rows of the list changed"),
                       a->shortfall_change, a->rows_changed);
      rp_appeal_worse_text(l, a, worse, sizeof worse);
      if (worse[0] && k > 0 && (size_t)k < sizeof what)
        snprintf(what + k, sizeof what - (size_t)k, rp_tr(l, "; coefficients worse: %s"), worse);
    } else {
      snprintf(what, sizeof what, rp_tr(l, "cannot be granted alone: %s"), rp_appeal_why(l, a));
    }
    char asked[160];
    if (a->appeal->action == RP_PIN_NOT_TO)
      snprintf(asked, sizeof asked, "%s %s", rp_tr(l, "not_to"), c->schools[a->appeal->school].id);
    else
      snprintf(asked, sizeof asked, "%s", rp_tr(l, "stay"));
    printf(rp_tr(l, "appeal %s (%s): %s\n"), c->teachers[a->appeal->teacher].id, asked, what);
  }
}

int rp_cmd_plan(int argc, char **argv) {
  enum { O_PINS = 256, O_PREFS, O_TLIM, O_GAP, O_WRITE, O_METHOD, O_MAXCOLS, O_YEARS, O_FORECAST,
         O_SCENARIO, O_XLSX, O_HTML, O_LANG, O_ENC, O_FRONTIER, O_CURRICULUM, O_SOLVER,
         O_PREVIOUS, O_APPEALS, O_SEQUENTIAL };
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'},      {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},       {"pins", required_argument, 0, O_PINS},
      {"preferences", required_argument, 0, O_PREFS}, {"out", required_argument, 0, 'o'},
      {"time-limit", required_argument, 0, O_TLIM}, {"gap", required_argument, 0, O_GAP},
      {"solver", required_argument, 0, O_SOLVER},
      {"write-model", required_argument, 0, O_WRITE}, {"verbose", no_argument, 0, 'v'},
      {"method", required_argument, 0, O_METHOD},
      {"max-columns", required_argument, 0, O_MAXCOLS},
      {"years", required_argument, 0, O_YEARS},
      {"forecast", required_argument, 0, O_FORECAST},
      {"scenario", required_argument, 0, O_SCENARIO},
      {"xlsx", required_argument, 0, O_XLSX},      {"html", required_argument, 0, O_HTML},
      {"lang", required_argument, 0, O_LANG},      {"csv-encoding", required_argument, 0, O_ENC},
      {"frontier", no_argument, 0, O_FRONTIER},
      {"curriculum", required_argument, 0, O_CURRICULUM},
      {"previous", required_argument, 0, O_PREVIOUS},
      {"appeals", required_argument, 0, O_APPEALS},
      {"sequential", no_argument, 0, O_SEQUENTIAL},
      {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
  rp_inputs_t in = {0};
  const char *out = NULL;
  rp_solve_opts_t so = {.time_limit = RP_DEFAULT_TIME_LIMIT, .gap = RP_DEFAULT_GAP, .progress = 1};
  int ch, greedy = 0, frontier = 0, sequential = 0;
  long max_cols = 2000000, years = 0; /* 0: not given */
  const char *forecast = NULL, *scenario = NULL, *xlsx = NULL, *html = NULL;
  rp_output_opts_t output = {RP_LANG_EN, RP_ENC_UTF8, 0};
  int lang_given = 0;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:o:vh", opts, NULL)) != -1) {
    switch (ch) {
    case 's': in.schools = optarg; break;
    case 't': in.teachers = optarg; break;
    case 'p': in.policy = optarg; break;
    case O_PINS: in.pins = optarg; break;
    case O_PREFS: in.prefs = optarg; break;
    case O_CURRICULUM: in.curriculum = optarg; break;
    case O_PREVIOUS: in.previous = optarg; break;
    case O_APPEALS: in.appeals = optarg; break;
    case O_SEQUENTIAL: sequential = 1; break;
    case 'o': out = optarg; break;
    case O_TLIM:
      if (rp_parse_double(optarg, 0.1, 1e6, &so.time_limit) != 0)
        return rp_cli_usage_error("plan", "--time-limit must be seconds (0.1 to 1000000)");
      break;
    case O_GAP:
      if (rp_parse_double(optarg, 0, 1, &so.gap) != 0)
        return rp_cli_usage_error("plan", "--gap must be a fraction from 0 to 1");
      break;
    case O_SOLVER:
      if (rp_cli_solver_option("plan", optarg, &so) != 0)
        return rp_status_exit_code(RP_EUSAGE);
      break;
    case O_WRITE: so.write_model = optarg; break;
    case O_MAXCOLS:
      if (rp_parse_int(optarg, 1, 1000000000L, &max_cols) != 0)
        return rp_cli_usage_error("plan", "--max-columns must be a whole number >= 1");
      break;
    case O_YEARS:
      if (rp_parse_int(optarg, 1, 20, &years) != 0)
        return rp_cli_usage_error("plan", "--years must be 1 to 20");
      break;
    case O_FORECAST: forecast = optarg; break;
    case O_SCENARIO: scenario = optarg; break;
    case O_XLSX: xlsx = optarg; break;
    case O_HTML: html = optarg; break;
    case O_LANG:
    case O_ENC:
      if (rp_cli_output_option("plan", ch == O_LANG ? "lang" : "csv-encoding", optarg, &output))
        return rp_status_exit_code(RP_EUSAGE);
      lang_given |= ch == O_LANG;
      break;
    case O_METHOD:
      if (strcmp(optarg, "milp") != 0 && strcmp(optarg, "greedy") != 0)
        return rp_cli_usage_error("plan", "--method must be milp or greedy");
      greedy = strcmp(optarg, "greedy") == 0;
      break;
    case O_FRONTIER: frontier = 1; break;
    case 'v': so.verbose = 1; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("plan", "bad option");
    }
  }
  if (optind < argc)
    return rp_cli_usage_error("plan", "unexpected argument '%s'", argv[optind]);
  if (scenario &&
      (in.schools || in.teachers || in.policy || in.pins || in.prefs || in.curriculum))
    return rp_cli_usage_error("plan", "--scenario names its own input files: give either "
                              "--scenario or --schools/--teachers/...");
  if ((!scenario && (!in.schools || !in.teachers)) || !out)
    return rp_cli_usage_error("plan", "--schools and --teachers (or --scenario), and --out, are "
                              "required");

  rp_diag_t diag = RP_DIAG_INIT;
  rp_scenario_t *sc = NULL;
  rp_status_t st = RP_OK;
  if (scenario) {
    if ((st = rp_scenario_load(scenario, &sc, &diag)) != RP_OK) {
      rp_cli_print_diag(&diag);
      rp_diag_clear(&diag);
      return rp_status_exit_code(st);
    }
    const char *previous = in.previous, *appeals = in.appeals;
    in = rp_inputs_of_scenario(sc);
    in.previous = previous;
    in.appeals = appeals;
    if (years == 0)
      years = rp_scenario_years(sc);
    if (!forecast)
      forecast = rp_scenario_input(sc, "forecast");
  }
  if (years == 0)
    years = 1;
  if (frontier && (years > 1 || greedy)) {
    rp_scenario_free(sc);
    return rp_cli_usage_error("plan", "--frontier plans the plan year with the optimizing "
                              "method: not with --years or --method greedy");
  }
  if ((in.previous && greedy) || (in.appeals && (!in.previous || years > 1 || frontier))) {
    rp_scenario_free(sc);
    return rp_cli_usage_error("plan", "--previous re-plans the plan year with the optimizing "
                              "method, and --appeals needs --previous (not --years, --frontier "
                              "or --method greedy)");
  }
  if (sequential && years < 2) {
    rp_scenario_free(sc);
    return rp_cli_usage_error("plan", "--sequential needs --years 2 or more");
  }
  if (forecast && years < 2) {
    rp_scenario_free(sc);
    return rp_cli_usage_error("plan", "--forecast needs --years 2 or more");
  }
  int years_written = 0;
  const rp_run_observer_t observer = {rp_cli_progress, print_year_start, print_year,
                                      print_years_written, print_appeals, &years_written};
  rp_plan_job_t job = {.in = in, .out = out, .so = so, .greedy = greedy, .max_cols = max_cols,
                       .observer = &observer,
                       .scenario = sc, .years = (int)years, .forecast = forecast,
                       .output = output, .lang_given = lang_given, .xlsx = xlsx, .html = html,
                       .frontier_asked = frontier, .sequential = sequential};
  st = rp_plan_run(&job, &diag);
  rp_scenario_free(sc);
  rp_cli_print_diag(&diag);
  if (st != RP_OK && years_written > 0)
    fprintf(stderr, rp_tr(rp_cli_msg_lang(&diag),
                          "rotaplan plan: %s; the %d year(s) before it were written\n"),
            rp_cli_status_str(st, &diag), years_written);
  else if (st != RP_OK && st != RP_EINPUT && st != RP_EIO)
    fprintf(stderr, rp_tr(rp_cli_msg_lang(&diag), "rotaplan plan: %s; nothing was written\n"),
            rp_cli_status_str(st, &diag));
  rp_diag_clear(&diag);
  return rp_status_exit_code(st);
}
