/* Scenarios planned side by side (see compare.h): the scenarios read and
 * their names checked, one process a scenario (at most job->jobs at once),
 * their summaries read back, the comparison written. */
#include "pipeline/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/out_file.h"
#include "io/scenario_ini.h"
#include "io/summary_json.h"
#include "pipeline/inputs.h"

/* A progress line to the observer, if it wants them. */
static void progress(const rp_compare_job_t *job, const char *line) {
  const rp_run_observer_t *o = job->observer ? &job->observer->run : NULL;
  if (o && o->on_progress)
    o->on_progress(o->ctx, line);
}

/* Reads every scenario into res->scenarios, its name into its row: the name
 * is a folder under --out, one plain folder name, not a path, not the
 * comparison files' own names, and no other scenario's. */
static rp_status_t read_scenarios(const rp_compare_job_t *job, rp_compare_result_t *res,
                                  rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  for (size_t k = 0; k < job->n; k++) {
    rp_status_t s1 = rp_scenario_load(job->paths[k], &res->scenarios[k], diag);
    if (s1 != RP_OK) {
      st = s1;
      continue;
    }
    const char *nm = res->rows[k].name = rp_scenario_name(res->scenarios[k]);
    if (!nm[0] || strchr(nm, '/') || strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 ||
        strncmp(nm, "comparison.", 11) == 0) {
      rp_diag_error(diag, job->paths[k], 0, NULL,
                    "scenario name \"%s\" cannot be a folder name under --out: give it a `name` "
                    "in [base] without '/', not '.' or '..' or comparison.*", nm);
      st = RP_EINPUT;
      continue;
    }
    for (size_t q = 0; q < k; q++)
      if (res->scenarios[q] && strcmp(res->rows[q].name, nm) == 0) {
        rp_diag_error(diag, job->paths[k], 0, NULL,
                      "scenario name \"%s\" is also the name of %s: give one a `name` in [base]",
                      nm, job->paths[q]);
        st = RP_EINPUT;
      }
  }
  return st;
}

/* Plans one scenario into dir; runs in a process of its own.  Returns the
 * exit code of `rotaplan plan` for the same run. */
static int plan_scenario(const rp_compare_job_t *job, const char *path, const char *dir) {
  rp_diag_t diag = RP_DIAG_INIT;
  rp_scenario_t *sc = NULL;
  rp_status_t st = rp_scenario_load(path, &sc, &diag);
  char xlsx[4300], html[4300];
  snprintf(xlsx, sizeof xlsx, "%s/plan.xlsx", dir);
  snprintf(html, sizeof html, "%s/report.html", dir);
  if (st == RP_OK) {
    rp_plan_job_t run = {.in = rp_inputs_of_scenario(sc), .out = dir, .so = job->so,
                         .max_cols = 2000000, .scenario = sc,
                         .observer = job->observer ? &job->observer->run : NULL, .years = 1,
                         .output = job->output, .lang_given = job->lang_given,
                         .xlsx = job->xlsx ? xlsx : NULL, .html = job->html ? html : NULL};
    st = rp_plan_run(&run, &diag);
  }
  if (job->observer && job->observer->on_scenario_messages)
    job->observer->on_scenario_messages(job->observer->run.ctx, path, &diag);
  rp_diag_clear(&diag);
  rp_scenario_free(sc);
  return rp_status_exit_code(st);
}

/* Plans the scenarios, up to job->jobs at a time, started in the order
 * given; code[k] is scenario k's exit code. */
static void run_scenarios(const rp_compare_job_t *job, char *const *dirs, pid_t *pid, int *code,
                          const rp_comparison_row_t *rows, rp_diag_t *diag) {
  const size_t jobs = job->jobs < 1 ? 1 : (size_t)job->jobs;
  size_t next = 0, running = 0;
  char line[4200];
  fflush(NULL);
  while (next < job->n || running > 0) {
    while (running < jobs && next < job->n) {
      snprintf(line, sizeof line, "compare: planning %s", rows[next].name);
      progress(job, line);
      pid[next] = fork();
      if (pid[next] == 0) {
        int rc = plan_scenario(job, job->paths[next], dirs[next]);
        fflush(NULL);
        _exit(rc);
      }
      if (pid[next] < 0) {
        code[next] = rp_status_exit_code(RP_EINTERNAL);
        rp_diag_error(diag, job->paths[next], 0, NULL, "cannot start a process");
      } else {
        running++;
      }
      next++;
    }
    int wst;
    pid_t done_pid = wait(&wst);
    if (done_pid < 0)
      break;
    for (size_t k = 0; k < job->n; k++)
      if (pid[k] == done_pid) {
        code[k] = WIFEXITED(wst) ? WEXITSTATUS(wst) : 5;
        running--;
      }
  }
}

/* Each planned scenario's summary into its row; the failures counted, the
 * worst of their exit codes as the comparison's status. */
static void read_rows(const rp_compare_job_t *job, char *const *dirs, const int *code,
                      rp_compare_result_t *res) {
  int worst = 0;
  char path[4300];
  for (size_t k = 0; k < job->n; k++) {
    rp_comparison_row_t *r = &res->rows[k];
    snprintf(path, sizeof path, "%s/summary.json", dirs[k]);
    r->ok = code[k] == 0 && rp_summary_read(path, &r->s) == RP_OK;
    if (!r->ok) {
      res->failed++;
      worst = code[k] > worst ? code[k] : worst;
    }
  }
  res->failed_status = worst == 3   ? RP_EINPUT
                       : worst == 4 ? RP_EINFEASIBLE
                       : worst == 2 ? RP_EUSAGE
                                    : RP_ESOLVER;
}

/* OUT, the folders of the workbook and the report, and OUT/<name> a
 * scenario into dirs. */
static rp_status_t make_folders(const rp_compare_job_t *job, const rp_comparison_row_t *rows,
                                char **dirs, rp_diag_t *diag) {
  rp_status_t st = rp_out_mkdir(job->out, diag);
  if (st != RP_OK)
    goto done;
  for (size_t k = 0; k < job->n; k++) /* the comparison's files never replace a scenario */
    rp_out_protect(job->paths[k]);
  if ((job->xlsx && (st = rp_out_mkdir_parent(job->xlsx, diag)) != RP_OK) ||
      (job->html && (st = rp_out_mkdir_parent(job->html, diag)) != RP_OK))
    goto done;
  for (size_t k = 0; k < job->n; k++) {
    size_t len = strlen(job->out) + strlen(rows[k].name) + 2;
    if (!(dirs[k] = malloc(len))) {
      st = RP_ENOMEM;
      goto done;
    }
    snprintf(dirs[k], len, "%s/%s", job->out, rows[k].name);
  }
done:
  return st;
}

rp_status_t rp_compare_run(const rp_compare_job_t *job, rp_compare_result_t *res,
                           rp_diag_t *diag) {
  const size_t n = job->n;
  memset(res, 0, sizeof *res);
  res->rows = calloc(n, sizeof *res->rows);
  res->scenarios = calloc(n, sizeof *res->scenarios);
  res->n = n;
  char **dirs = calloc(n, sizeof *dirs);
  pid_t *pid = calloc(n, sizeof *pid);
  int *code = calloc(n, sizeof *code);
  rp_status_t st = RP_ENOMEM;
  if (!res->rows || !res->scenarios || !dirs || !pid || !code)
    goto done;
  if ((st = read_scenarios(job, res, diag)) != RP_OK ||
      (st = make_folders(job, res->rows, dirs, diag)) != RP_OK)
    goto done;
  run_scenarios(job, dirs, pid, code, res->rows, diag);
  read_rows(job, dirs, code, res);
  /* The language: as asked, else the reference's plan's. */
  res->lang = job->output.lang;
  if (!job->lang_given && res->rows[0].ok && strcmp(res->rows[0].s.lang, "zh") == 0)
    res->lang = RP_LANG_ZH;
  const rp_comparison_files_t files = {job->output.csv_encoding, job->xlsx, job->html};
  st = rp_comparison_write(job->out, res->rows, n, res->lang, &files, diag);
done:
  for (size_t k = 0; dirs && k < n; k++)
    free(dirs[k]);
  free(dirs);
  free(pid);
  free(code);
  return st;
}

void rp_compare_result_free(rp_compare_result_t *res) {
  for (size_t k = 0; res->scenarios && k < res->n; k++)
    rp_scenario_free(res->scenarios[k]);
  free(res->scenarios);
  free(res->rows);
  memset(res, 0, sizeof *res);
}
