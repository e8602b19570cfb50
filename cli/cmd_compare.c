/* `rotaplan compare A.ini B.ini ...`: what-if scenarios side by side.
 *
 * Each scenario is planned in a process of its own (as many at a time as
 * there are cores, or --jobs), into OUT/<name>/ exactly as `rotaplan plan`
 * would; then the scenarios' summary.json files are read back and set side
 * by side, the first scenario being the reference, as OUT/comparison.csv,
 * .md and .json and as a table on stdout. */
#define _DEFAULT_SOURCE /* realpath */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "io/audit_report.h"
#include "cli/cli.h"
#include "io/csv_writer.h"
#include "io/out_file.h"
#include "io/html_report.h"
#include "io/roster.h"
#include "io/sheet.h"
#include "io/summary_json.h"
#include "io/xlsx_writer.h"

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
    "      --gap REL         accept plans within this relative gap (default 0)\n"
    "      --xlsx FILE       also write the comparison as an Excel workbook, and\n"
    "                        each scenario's plan as DIR/<name>/plan.xlsx\n"
    "      --html FILE       also write a report with the scenarios side by side\n"
    "                        in charts, and each scenario's as DIR/<name>/report.html\n"
    "      --lang zh|en      language of headers and text (default: zh when the\n"
    "                        reference scenario's rosters have Chinese headers)\n"
    "      --csv-encoding E  utf-8 (default), utf-8-bom or gb18030\n"
    "  -h, --help            show this help\n";

/* The outputs asked for: each scenario's plan writes plan.xlsx and
 * report.html in its folder when the comparison has a workbook / report. */
typedef struct {
  rp_output_opts_t output;
  int lang_given;
  const char *xlsx_path, *html_path; /* the comparison's own */
} extras_t;

/* One row of the comparison: a scenario's summary, when it was planned. */
typedef struct {
  const char *name;
  int ok;
  rp_summary_t s;
} row_t;

#define rec_names rp_summary_group_names

/* Reads the summary.json the scenario's plan wrote into dir. */
static int read_row(const char *dir, row_t *r) {
  char path[4200];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  if (rp_summary_read(path, &r->s) != RP_OK)
    return -1;
  r->ok = 1;
  return 0;
}

/* "161 (+12)": a figure and, for scenarios after the first, its difference. */
static void fig(char *buf, size_t n, double v, double ref, int is_ref, int decimals) {
  if (isnan(v)) {
    snprintf(buf, n, "-");
    return;
  }
  if (is_ref || isnan(ref) || fabs(v - ref) < 0.5 * pow(10, -decimals))
    snprintf(buf, n, "%.*f", decimals, v);
  else
    snprintf(buf, n, "%.*f (%+.*f)", decimals, v, decimals, v - ref);
}

/* The table's columns, in order: header and how to print a row's cell. */
enum { C_SCEN, C_STATUS, C_MOVED, C_BB, C_SB, C_SA, C_MISS, C_CV0 };
#define N_CV (RP_LEVELS * RP_INDICATORS)
enum { C_REC0 = C_CV0 + N_CV, C_KM = C_REC0 + 4, C_KMMAX, C_SEC, C_COLS };

static void header_of(rp_lang_t l, int col, char *buf, size_t n) {
  static const char *const fixed[] = {"scenario", "status", "moved", "backbone_moved",
                                      "shortfall_before", "shortfall_after",
                                      "sections_missing"};
  char key[64];
  if (col < C_CV0) {
    snprintf(buf, n, "%s", rp_tr(l, fixed[col]));
  } else if (col < C_REC0) {
    rp_cv_header(l, (col - C_CV0) / RP_INDICATORS, (col - C_CV0) % RP_INDICATORS, buf, n);
  } else if (col < C_KM) {
    snprintf(key, sizeof key, "recruit_%s", rec_names[col - C_REC0]);
    snprintf(buf, n, "%s", rp_tr(l, key));
  } else {
    snprintf(buf, n, "%s",
             rp_tr(l, col == C_KM ? "km_mean" : col == C_KMMAX ? "km_max" : "seconds"));
  }
}

static void cell_of(rp_lang_t l, const row_t *r, const row_t *ref, int is_ref, int col,
                    char *buf, size_t n) {
  if (col == C_SCEN) {
    snprintf(buf, n, "%s", r->name);
    return;
  }
  if (!r->ok) {
    snprintf(buf, n, "%s", col == C_STATUS ? rp_tr(l, "failed") : "-");
    return;
  }
  switch (col) {
  case C_STATUS: snprintf(buf, n, "%s", rp_tr(l, r->s.solver.status)); return;
  case C_MOVED: fig(buf, n, r->s.moved, ref->s.moved, is_ref, 0); return;
  case C_BB: fig(buf, n, r->s.moved_backbone, ref->s.moved_backbone, is_ref, 0); return;
  case C_SB: fig(buf, n, r->s.shortfall_before.total, ref->s.shortfall_before.total, is_ref, 0); return;
  case C_SA: fig(buf, n, r->s.shortfall_after.total, ref->s.shortfall_after.total, is_ref, 0); return;
  case C_MISS: fig(buf, n, r->s.sections_missing_after, ref->s.sections_missing_after, is_ref, 0); return;
  case C_KM: fig(buf, n, r->s.km_mean, ref->s.km_mean, is_ref, 1); return;
  case C_KMMAX: fig(buf, n, r->s.km_max, ref->s.km_max, is_ref, 1); return;
  case C_SEC: snprintf(buf, n, "%.2f", r->s.solver.seconds); return;
  default: break;
  }
  if (col < C_REC0) {
    int lv = (col - C_CV0) / RP_INDICATORS, i = (col - C_CV0) % RP_INDICATORS;
    char v[48];
    fig(v, sizeof v, r->s.levels_after[lv].cv[i], ref->s.levels_after[lv].cv[i], is_ref, 4);
    snprintf(buf, n, "%s %s", v, rp_tr(l, r->s.levels_after[lv].pass[i] ? "pass" : "FAIL"));
    return;
  }
  fig(buf, n, r->s.recruitment[col - C_REC0], ref->s.recruitment[col - C_REC0], is_ref, 0);
}

/* The comparison as a table: `numbers` stores the figures as numbers (the
 * workbook), else as the text of comparison.csv ("161 (+12)"). */
static rp_sheet_t *comparison_sheet(rp_lang_t l, const row_t *rows, size_t n, int numbers) {
  char hdr[C_COLS][128], buf[128];
  const char *names[C_COLS + 1];
  for (int c = 0; c < C_COLS; c++) {
    header_of(l, c, hdr[c], sizeof hdr[c]);
    names[c] = hdr[c];
  }
  names[C_COLS] = NULL;
  rp_sheet_t *s = rp_sheet_new(l, "comparison", names);
  for (size_t k = 0; s && k < n; k++) {
    const row_t *r = &rows[k];
    for (int c = 0; c < C_COLS; c++) {
      if (!numbers || c <= C_STATUS || !r->ok) {
        cell_of(l, r, &rows[0], k == 0, c, buf, sizeof buf);
        rp_sheet_text(s, numbers && !r->ok && c > C_STATUS ? NULL : buf);
        continue;
      }
      int lv = (c - C_CV0) / RP_INDICATORS, i = (c - C_CV0) % RP_INDICATORS;
      const double fig[] = {[C_MOVED] = r->s.moved, [C_BB] = r->s.moved_backbone,
                            [C_SB] = r->s.shortfall_before.total, [C_SA] = r->s.shortfall_after.total,
                            [C_MISS] = r->s.sections_missing_after};
      if (c < C_CV0)
        rp_sheet_num(s, fig[c], 0);
      else if (c < C_REC0)
        rp_sheet_num(s, r->s.levels_after[lv].cv[i], 4);
      else if (c < C_KM)
        rp_sheet_num(s, r->s.recruitment[c - C_REC0], 0);
      else
        rp_sheet_num(s, c == C_KM ? r->s.km_mean : c == C_KMMAX ? r->s.km_max : r->s.solver.seconds,
                     c == C_SEC ? 2 : 1);
      if (c >= C_CV0 && c < C_REC0 && !r->s.levels_after[lv].pass[i])
        rp_sheet_flag(s);
    }
  }
  if (s && s->failed) {
    rp_sheet_free(s);
    s = NULL;
  }
  return s;
}

/* The way from the folder of `page` to the folder `dir` ("" when the same,
 * else like "../out/compare/"), so that the comparison's page links each
 * scenario's report wherever --html puts it. */
static void rel_dir(const char *page, const char *dir, char *buf, size_t n) {
  const char *name;
  char *a = rp_out_folder_of(page, &name), *b = realpath(dir, NULL);
  buf[0] = '\0';
  if (!a || !b) {
    snprintf(buf, n, "%s/", dir);
  } else {
    size_t i = 0, common = 0;
    for (; a[i] && a[i] == b[i]; i++)
      if (a[i] == '/')
        common = i;
    if (!a[i] && (!b[i] || b[i] == '/'))
      common = i; /* a is b or an ancestor of it */
    size_t used = 0;
    for (const char *p = a + common; *p && used < n; p++)
      if (*p == '/')
        used += (size_t)snprintf(buf + used, n - used, "../");
    if (b[common] && used < n)
      snprintf(buf + used, n - used, "%s/", b + common + 1);
  }
  free(a);
  free(b);
}

/* The comparison's report: the table and the figures charted. */
static rp_status_t write_html(const char *path, const char *out, const row_t *rows, size_t n,
                              const rp_sheet_t *table, rp_lang_t l, rp_diag_t *diag) {
  rp_html_scenario_t *sc = calloc(n, sizeof *sc);
  if (!sc)
    return RP_ENOMEM;
  char (*links)[8600] = calloc(n, sizeof *links);
  if (!links) {
    free(sc);
    return RP_ENOMEM;
  }
  char to_out[4200];
  rel_dir(path, out, to_out, sizeof to_out);
  for (size_t k = 0; k < n; k++) {
    const row_t *r = &rows[k];
    rp_html_scenario_t *h = &sc[k];
    h->name = r->name;
    h->ok = r->ok;
    h->moved = r->s.moved;
    h->moved_bb = r->s.moved_backbone;
    h->short_after = r->s.shortfall_after.total;
    h->missing = r->s.sections_missing_after;
    h->recruit = r->s.recruitment[0] + r->s.recruitment[1] + r->s.recruitment[2] +
                 r->s.recruitment[3];
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++) {
        h->cv[lv][i] = r->s.levels_after[lv].cv[i];
        h->pass[lv][i] = r->s.levels_after[lv].pass[i];
      }
    memcpy(h->cv_limit, r->s.cv_limit, sizeof h->cv_limit);
    snprintf(links[k], sizeof links[k], "%s%s/report.html", to_out, r->name);
    h->link = links[k];
  }
  rp_status_t st = rp_html_write_compare(path, sc, n, table, l, diag);
  free(links);
  free(sc);
  return st;
}

static rp_status_t write_outputs(const char *dir, const row_t *rows, size_t n, rp_lang_t l,
                                 const extras_t *x, rp_diag_t *diag) {
  static const char *const names[3] = {"comparison.csv", "comparison.md", "comparison.json"};
  rp_out_file_t *f[3] = {0};
  rp_status_t st = RP_OK;
  char path[4200], buf[128];
  rp_sheet_t *text = comparison_sheet(l, rows, n, 0);
  rp_sheet_t *nums = comparison_sheet(l, rows, n, 1);
  if (!text || !nums) {
    st = RP_ENOMEM;
    goto fail;
  }
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (!(f[i] = rp_out_open(path, diag, &st)))
      goto fail;
  }
  if ((st = rp_out_set_encoding(f[0], x->output.csv_encoding)) != RP_OK)
    goto fail;
  FILE *csv = rp_out_stream(f[0]), *md = rp_out_stream(f[1]);
  rp_sheet_write_csv(csv, text);
  for (int c = 0; c < C_COLS; c++)
    fprintf(md, "| %s ", text->header[c]);
  fputs("|\n", md);
  for (int c = 0; c < C_COLS; c++)
    fputs("|---", md);
  fputs("|\n", md);
  for (size_t k = 0; k < n; k++) {
    for (int c = 0; c < C_COLS; c++) {
      rp_cell_format(rp_sheet_cell(text, k, (size_t)c), buf, sizeof buf);
      fprintf(md, "| %s ", buf);
    }
    fputs("|\n", md);
  }
  cJSON *doc = cJSON_CreateObject();
  cJSON_AddStringToObject(doc, "reference", rows[0].name);
  cJSON_AddStringToObject(doc, "lang", rp_lang_code(l));
  cJSON *arr = cJSON_AddArrayToObject(doc, "scenarios");
  for (size_t k = 0; k < n; k++) {
    const row_t *r = &rows[k];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(arr, o);
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddBoolToObject(o, "planned", r->ok);
    if (!r->ok)
      continue;
    cJSON_AddStringToObject(o, "status", r->s.solver.status);
    cJSON_AddNumberToObject(o, "moved", r->s.moved);
    cJSON_AddNumberToObject(o, "moved_backbone", r->s.moved_backbone);
    cJSON_AddNumberToObject(o, "shortfall_before", r->s.shortfall_before.total);
    cJSON_AddNumberToObject(o, "shortfall_after", r->s.shortfall_after.total);
    cJSON_AddNumberToObject(o, "sections_missing_after", r->s.sections_missing_after);
    cJSON *cv = cJSON_AddObjectToObject(o, "cv_after");
    for (int l = 0; l < RP_LEVELS; l++) {
      cJSON *L = cJSON_AddObjectToObject(cv, rp_level_name((rp_level_t)l));
      for (int i = 0; i < RP_INDICATORS; i++)
        cJSON_AddNumberToObject(L, rp_indicator_name((rp_indicator_t)i), r->s.levels_after[l].cv[i]);
    }
    cJSON *rec = cJSON_AddObjectToObject(o, "recruitment");
    for (int i = 0; i < 4; i++)
      cJSON_AddNumberToObject(rec, rec_names[i], r->s.recruitment[i]);
    cJSON_AddNumberToObject(o, "km_mean", r->s.km_mean);
    cJSON_AddNumberToObject(o, "km_max", r->s.km_max);
    cJSON_AddNumberToObject(o, "seconds", r->s.solver.seconds);
    if (k > 0) {
      cJSON *d = cJSON_AddObjectToObject(o, "difference");
      cJSON_AddNumberToObject(d, "moved", r->s.moved - rows[0].s.moved);
      cJSON_AddNumberToObject(d, "shortfall_after", r->s.shortfall_after.total - rows[0].s.shortfall_after.total);
      cJSON_AddNumberToObject(d, "sections_missing_after", r->s.sections_missing_after - rows[0].s.sections_missing_after);
    }
  }
  st = rp_json_print(rp_out_stream(f[2]), doc);
  cJSON_Delete(doc);
  if (st != RP_OK)
    goto fail;
  for (int i = 0; i < 3; i++) {
    rp_out_file_t *y = f[i];
    f[i] = NULL;
    if ((st = rp_out_commit(y, diag)) != RP_OK)
      goto fail;
  }
  if (x->xlsx_path) {
    rp_sheet_t *one[1] = {nums};
    st = rp_xlsx_write(x->xlsx_path, one, 1, (int)rows[0].s.plan_year, NULL, diag);
  }
  if (st == RP_OK && x->html_path)
    st = write_html(x->html_path, dir, rows, n, text, l, diag);
fail:
  for (int i = 0; i < 3; i++)
    rp_out_abort(f[i]);
  rp_sheet_free(text);
  rp_sheet_free(nums);
  return st;
}

/* Plans one scenario; runs in a child process. */
static int plan_scenario(const char *path, const char *dir, const rp_solve_opts_t *so,
                         const extras_t *x) {
  rp_diag_t diag = RP_DIAG_INIT;
  rp_scenario_t *sc = NULL;
  rp_status_t st = rp_scenario_load(path, &sc, &diag);
  char xlsx[4300], html[4300];
  snprintf(xlsx, sizeof xlsx, "%s/plan.xlsx", dir);
  snprintf(html, sizeof html, "%s/report.html", dir);
  if (st == RP_OK) {
    /* the model's size on stderr; the summary is the comparison's table */
    const rp_run_observer_t observer = {.on_progress = rp_cli_progress};
    rp_plan_job_t job = {.out = dir, .so = *so, .max_cols = 2000000, .scenario = sc,
                         .observer = &observer, .years = 1, .output = x->output,
                         .lang_given = x->lang_given, .xlsx = x->xlsx_path ? xlsx : NULL,
                         .html = x->html_path ? html : NULL};
    job.in = rp_inputs_of_scenario(sc);
    st = rp_plan_run(&job, &diag);
  }
  /* Each message names its scenario: several run at once. */
  for (size_t i = 0; i < diag.n; i++) {
    rp_diag_t one = diag;
    one.v = &diag.v[i];
    one.n = 1;
    one.n_dropped = 0;
    fprintf(stderr, "[%s] ", path);
    rp_diag_print(&one, stderr);
  }
  rp_diag_clear(&diag);
  rp_scenario_free(sc);
  return rp_status_exit_code(st);
}

int rp_cmd_compare(int argc, char **argv) {
  enum { O_TLIM = 256, O_GAP, O_XLSX, O_HTML, O_LANG, O_ENC };
  static const struct option opts[] = {
      {"out", required_argument, 0, 'o'},     {"jobs", required_argument, 0, 'j'},
      {"time-limit", required_argument, 0, O_TLIM}, {"gap", required_argument, 0, O_GAP},
      {"xlsx", required_argument, 0, O_XLSX}, {"html", required_argument, 0, O_HTML},
      {"lang", required_argument, 0, O_LANG}, {"csv-encoding", required_argument, 0, O_ENC},
      {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
  extras_t x = {{RP_LANG_EN, RP_ENC_UTF8}, 0, NULL, NULL};
  const char *out = "out/compare";
  long jobs = sysconf(_SC_NPROCESSORS_ONLN);
  rp_solve_opts_t so = {.time_limit = 600, .gap = 0, .progress = 0};
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
    switch (ch) {
    case 'o': out = optarg; break;
    case 'j':
      if (rp_parse_int(optarg, 1, 256, &jobs) != 0)
        return rp_cli_usage_error("compare", "--jobs must be 1 to 256");
      break;
    case O_TLIM:
      if (rp_parse_double(optarg, 0.1, 1e6, &so.time_limit) != 0)
        return rp_cli_usage_error("compare", "--time-limit must be seconds (0.1 to 1000000)");
      break;
    case O_GAP:
      if (rp_parse_double(optarg, 0, 1, &so.gap) != 0)
        return rp_cli_usage_error("compare", "--gap must be a fraction from 0 to 1");
      break;
    case O_XLSX: x.xlsx_path = optarg; break;
    case O_HTML: x.html_path = optarg; break;
    case O_LANG:
    case O_ENC:
      if (rp_cli_output_option("compare", ch == O_LANG ? "lang" : "csv-encoding", optarg,
                               &x.output))
        return rp_status_exit_code(RP_EUSAGE);
      x.lang_given |= ch == O_LANG;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("compare", "bad option");
    }
  }
  if (optind >= argc)
    return rp_cli_usage_error("compare", "at least one scenario is required");
  if (jobs < 1)
    jobs = 1;
  size_t n = (size_t)(argc - optind);
  char **paths = argv + optind;
  row_t *rows = calloc(n, sizeof *rows);
  char **dirs = calloc(n, sizeof *dirs);
  rp_scenario_t **sc = calloc(n, sizeof *sc);
  pid_t *pid = calloc(n, sizeof *pid);
  int *code = calloc(n, sizeof *code);
  rp_diag_t diag = RP_DIAG_INIT;
  rp_status_t st = RP_ENOMEM;
  if (!rows || !dirs || !sc || !pid || !code)
    goto done;
  /* Read every scenario first: a typo stops the run before anything runs,
   * and two scenarios may not share a name (they would share a folder). */
  st = RP_OK;
  for (size_t k = 0; k < n; k++) {
    rp_status_t s1 = rp_scenario_load(paths[k], &sc[k], &diag);
    if (s1 != RP_OK) {
      st = s1;
      continue;
    }
    rows[k].name = rp_scenario_name(sc[k]);
    /* The name is a folder under --out: one plain folder name, not a path,
     * and not the comparison files' own names. */
    const char *nm = rows[k].name;
    if (!nm[0] || strchr(nm, '/') || strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 ||
        strncmp(nm, "comparison.", 11) == 0) {
      rp_diag_error(&diag, paths[k], 0, NULL,
                    "scenario name \"%s\" cannot be a folder name under --out: give it a `name` "
                    "in [base] without '/', not '.' or '..' or comparison.*", nm);
      st = RP_EINPUT;
      continue;
    }
    for (size_t q = 0; q < k; q++)
      if (sc[q] && strcmp(rows[q].name, rows[k].name) == 0) {
        rp_diag_error(&diag, paths[k], 0, NULL,
                      "scenario name \"%s\" is also the name of %s: give one a `name` in [base]",
                      rows[k].name, paths[q]);
        st = RP_EINPUT;
      }
  }
  if (st != RP_OK)
    goto done;
  if ((st = rp_out_mkdir(out, &diag)) != RP_OK)
    goto done;
  for (size_t k = 0; k < n; k++) /* the comparison's files never replace a scenario */
    rp_out_protect(paths[k]);
  if ((x.xlsx_path && (st = rp_out_mkdir_parent(x.xlsx_path, &diag)) != RP_OK) ||
      (x.html_path && (st = rp_out_mkdir_parent(x.html_path, &diag)) != RP_OK))
    goto done;
  for (size_t k = 0; k < n; k++) {
    size_t len = strlen(out) + strlen(rows[k].name) + 2;
    if (!(dirs[k] = malloc(len))) {
      st = RP_ENOMEM;
      goto done;
    }
    snprintf(dirs[k], len, "%s/%s", out, rows[k].name);
  }
  /* Up to `jobs` children at a time, started in the order given. */
  size_t next = 0, running = 0;
  fflush(NULL);
  while (next < n || running > 0) {
    while (running < (size_t)jobs && next < n) {
      fprintf(stderr, "compare: planning %s\n", rows[next].name);
      pid[next] = fork();
      if (pid[next] == 0) {
        int rc = plan_scenario(paths[next], dirs[next], &so, &x);
        fflush(NULL);
        _exit(rc);
      }
      if (pid[next] < 0) {
        code[next] = rp_status_exit_code(RP_EINTERNAL);
        rp_diag_error(&diag, paths[next], 0, NULL, "cannot start a process");
      } else {
        running++;
      }
      next++;
    }
    int wst;
    pid_t done_pid = wait(&wst);
    if (done_pid < 0)
      break;
    for (size_t k = 0; k < n; k++)
      if (pid[k] == done_pid) {
        code[k] = WIFEXITED(wst) ? WEXITSTATUS(wst) : 5;
        running--;
      }
  }
  int failed = 0, worst = 0;
  for (size_t k = 0; k < n; k++)
    if (code[k] != 0 || read_row(dirs[k], &rows[k]) != 0) {
      rows[k].ok = 0;
      failed++;
      worst = code[k] > worst ? code[k] : worst;
    }
  /* The language: as asked, else the reference's plan's. */
  rp_lang_t lang = x.output.lang;
  if (!x.lang_given && rows[0].ok && strcmp(rows[0].s.lang, "zh") == 0)
    lang = RP_LANG_ZH;
  if ((st = write_outputs(out, rows, n, lang, &x, &diag)) != RP_OK)
    goto done;
  /* The table on stdout: one block per scenario, easier to read in a
   * terminal than 24 columns. */
  char buf[128], hdr[128];
  int width = 22; /* at least the widest header, in terminal columns */
  for (int c = 1; c < C_COLS; c++) {
    header_of(lang, c, hdr, sizeof hdr);
    width = rp_text_width(hdr) > width ? rp_text_width(hdr) : width;
  }
  for (size_t k = 0; k < n; k++) {
    printf("%s%s\n", rows[k].name, k == 0 ? rp_tr(lang, " (reference)") : "");
    for (int c = 1; c < C_COLS; c++) {
      header_of(lang, c, hdr, sizeof hdr);
      cell_of(lang, &rows[k], &rows[0], k == 0, c, buf, sizeof buf);
      char pad[160];
      printf("  %s %s\n", rp_pad(pad, sizeof pad, hdr, width), buf);
    }
  }
  printf(rp_tr(lang, "written to %s/comparison.csv, comparison.md, comparison.json\n"), out);
  if (x.xlsx_path)
    printf(rp_tr(lang, "workbook: %s\n"), x.xlsx_path);
  if (x.html_path)
    printf(rp_tr(lang, "report: %s\n"), x.html_path);
  if (failed) {
    rp_diag_error(&diag, NULL, 0, NULL, "%d of %zu scenarios could not be planned", failed, n);
    /* exit with the worst of the failed scenarios' own codes */
    st = worst == 3 ? RP_EINPUT : worst == 4 ? RP_EINFEASIBLE : worst == 2 ? RP_EUSAGE : RP_ESOLVER;
  }
done:
  rp_diag_print(&diag, stderr);
  rp_diag_clear(&diag);
  for (size_t k = 0; sc && k < n; k++)
    rp_scenario_free(sc[k]);
  for (size_t k = 0; dirs && k < n; k++)
    free(dirs[k]);
  free(rows);
  free(dirs);
  free(sc);
  free(pid);
  free(code);
  return rp_status_exit_code(st);
}
