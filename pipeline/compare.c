/* Scenarios planned side by side (see compare.h): the scenarios read and
 * their names checked, one process a scenario (at most job->jobs at once),
 * their summaries read back, the comparison written. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "pipeline/compare.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "io/lang.h"
#include "io/out_file.h"
#include "io/scenario_ini.h"
#include "io/summary_json.h"
#include "pipeline/inputs.h"
#include "pipeline/outputs.h"

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

/* Why a scenario failed, for its row of the comparison: its first error
 * as `rotaplan plan` prints it (the file named without its folder), and
 * how many more there were; written to fd (the comparing process reads
 * it once the scenario's process has ended). */
static void send_reason(const rp_diag_t *diag, int fd) {
  char *text = NULL, reason[RP_REASON_MAX];
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  for (size_t i = 0; mem && i < diag->n; i++) {
    if (diag->v[i].sev != RP_SEV_ERROR)
      continue;
    rp_diag_entry_t e = diag->v[i];
    const char *slash = e.file ? strrchr(e.file, '/') : NULL;
    if (slash)
      e.file = (char *)slash + 1;
    rp_diag_t one = {.v = &e, .n = 1, .cap = 1, .n_errors = 1};
    rp_diag_print(&one, mem);
    break;
  }
  if (!mem || fclose(mem) != 0 || !text) {
    free(text);
    return;
  }
  text[strcspn(text, "\n")] = '\0';
  int n = diag->n_errors > 1 ? rp_fmt(reason, sizeof reason, "%s (+%zu)", text, diag->n_errors - 1)
                             : rp_fmt(reason, sizeof reason, "%s", text);
  free(text);
  size_t want = n < 0 ? 0 : strlen(reason);
  for (size_t w = 0; w < want;) {
    ssize_t k = write(fd, reason + w, want - w);
    if (k <= 0)
      break;
    w += (size_t)k;
  }
}

/* Plans one scenario into dir; runs in a process of its own.  Its files
 * stay complete under their temporary names and are handed to the
 * comparing process through fd, which commits them with the comparison;
 * when it fails, the reason goes to rfd.  Returns the exit code of
 * `rotaplan plan` for the same run. */
static int plan_scenario(const rp_compare_job_t *job, const char *path, const char *dir, int fd,
                         int rfd) {
  rp_diag_t diag = RP_DIAG_INIT;
  rp_scenario_t *sc = NULL;
  rp_out_txn_t *txn = rp_out_txn_create();
  rp_status_t st = txn ? rp_scenario_load(path, &sc, &diag) : RP_ENOMEM;
  char xlsx[4300], html[4300];
  snprintf(xlsx, sizeof xlsx, "%s/plan.xlsx", dir);
  snprintf(html, sizeof html, "%s/report.html", dir);
  if (st == RP_OK) {
    rp_plan_job_t run = {.in = rp_inputs_of_scenario(sc), .out = dir, .so = job->so,
                         .max_cols = 2000000, .scenario = sc,
                         .observer = job->observer ? &job->observer->run : NULL, .years = 1,
                         .output = job->output, .lang_given = job->lang_given,
                         .xlsx = job->xlsx ? xlsx : NULL, .html = job->html ? html : NULL,
                         .txn = txn};
    st = rp_plan_run(&run, &diag);
  }
  if (st == RP_OK && rp_out_txn_hand_over(txn, fd) != 0) {
    rp_diag_error(&diag, dir, 0, NULL, "cannot hand the plan's files to compare");
    st = RP_EIO;
  }
  rp_out_txn_free(txn); /* what was not handed over */
  if (st != RP_OK)
    send_reason(&diag, rfd);
  if (job->observer && job->observer->on_scenario_messages)
    job->observer->on_scenario_messages(job->observer->run.ctx, path, &diag);
  rp_diag_clear(&diag);
  rp_scenario_free(sc);
  return rp_status_exit_code(st);
}

/* ---- signals ------------------------------------------------------------------
 * A TERM or INT to compare is passed on to the scenarios' processes, which
 * compare then waits for; it removes every file they handed over and dies
 * of the same signal.  Should compare itself be killed (KILL), each
 * scenario's process gets KILL from the kernel (PR_SET_PDEATHSIG). */

static volatile sig_atomic_t stop_signal;
static pid_t *volatile children;
static volatile size_t n_children;

static void forward_signal(int sig) {
  stop_signal = sig;
  for (size_t k = 0; k < n_children; k++)
    if (children[k] > 0)
      kill(children[k], sig);
}

static void catch_signals(pid_t *pid, size_t n, struct sigaction old[2]) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward_signal; /* no SA_RESTART: wait() returns */
  sigemptyset(&sa.sa_mask);
  stop_signal = 0;
  children = pid;
  n_children = n;
  sigaction(SIGTERM, &sa, &old[0]);
  sigaction(SIGINT, &sa, &old[1]);
}

static void release_signals(const struct sigaction old[2]) {
  sigaction(SIGTERM, &old[0], NULL);
  sigaction(SIGINT, &old[1], NULL);
  n_children = 0;
  children = NULL;
}

/* TERM and INT blocked (how = SIG_BLOCK) or not (SIG_UNBLOCK). */
static void mask_signals(int how) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigprocmask(how, &set, NULL);
}

/* In a scenario's process, before anything else: the signals as they were
 * for `rotaplan plan`, and death with compare. */
static void become_scenario(pid_t parent) {
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (getppid() != parent)
    _exit(5); /* compare died before the line above */
  mask_signals(SIG_UNBLOCK);
}

/* Starts scenario k in a process of its own, its files to come back
 * through fd[k]. */
static void start_scenario(const rp_compare_job_t *job, char *const *dirs, size_t k, pid_t *pid,
                           int *fd, int *rfd, int *code, rp_diag_t *diag) {
  int p[2], r[2];
  if (pipe(p) != 0) {
    code[k] = rp_status_exit_code(RP_EINTERNAL);
    rp_diag_error(diag, job->paths[k], 0, NULL, "cannot start a process");
    return;
  }
  if (pipe(r) != 0) /* the reason of a failure: without it, "failed" alone */
    r[0] = r[1] = -1;
#ifdef F_SETPIPE_SZ
  /* The scenario's process writes the names of its files into the pipe
   * before it exits, and compare reads them once it has reaped it: a pipe
   * of 1 MiB holds every name a scenario can have (at most 5 years of
   * files, each path under 4 KiB), so the write never waits for a reader.
   * Where the pipe stays at its default size (64 KiB on Linux), that still
   * holds the names of any ordinary run. */
  (void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
#endif
  const pid_t parent = getpid();
  mask_signals(SIG_BLOCK); /* pid[k] is set before a signal is passed on */
  pid[k] = fork();
  if (pid[k] == 0) {
    become_scenario(parent);
    close(p[0]);
    if (r[0] >= 0)
      close(r[0]);
    int rc = plan_scenario(job, job->paths[k], dirs[k], p[1], r[1]);
    fflush(NULL);
    _exit(rc);
  }
  mask_signals(SIG_UNBLOCK);
  close(p[1]);
  if (r[1] >= 0)
    close(r[1]);
  fd[k] = p[0];
  rfd[k] = r[0];
  if (pid[k] < 0) {
    close(p[0]);
    if (r[0] >= 0)
      close(r[0]);
    fd[k] = rfd[k] = -1;
    code[k] = rp_status_exit_code(RP_EINTERNAL);
    rp_diag_error(diag, job->paths[k], 0, NULL, "cannot start a process");
  }
}

/* Scenario k's process has ended with wait status wst: its exit code, and
 * the files it handed over into txn; a process that failed after handing
 * them over (killed on its way out) had them removed. */
static void end_scenario(size_t k, int wst, int *fd, int *rfd, int *code, rp_out_txn_t *txn,
                         rp_comparison_row_t *row) {
  code[k] = WIFEXITED(wst) ? WEXITSTATUS(wst) : 5;
  if (rfd[k] >= 0) { /* the reason, when it failed (its process has ended) */
    size_t got = 0;
    ssize_t m;
    while (got + 1 < sizeof row->reason &&
           (m = read(rfd[k], row->reason + got, sizeof row->reason - 1 - got)) > 0)
      got += (size_t)m;
    row->reason[got] = '\0';
    close(rfd[k]);
    rfd[k] = -1;
  }
  if (!row->reason[0] && code[k] != 0 && !WIFEXITED(wst))
    snprintf(row->reason, sizeof row->reason, "stopped by signal %d", WTERMSIG(wst));
  rp_out_txn_t *into = code[k] == 0 ? txn : rp_out_txn_create();
  if ((!into || rp_out_txn_take_over(into, fd[k]) != RP_OK) && code[k] == 0)
    code[k] = rp_status_exit_code(RP_ENOMEM);
  if (into != txn)
    rp_out_txn_free(into); /* removes them */
  close(fd[k]);
  fd[k] = -1;
}

/* Plans the scenarios, up to job->jobs at a time, started in the order
 * given; code[k] is scenario k's exit code, their files are in txn.
 * Returns 0, or the signal that stopped compare (every process ended). */
static int run_scenarios(const rp_compare_job_t *job, char *const *dirs, pid_t *pid, int *fd,
                         int *rfd, int *code, rp_comparison_row_t *rows, rp_out_txn_t *txn,
                         rp_diag_t *diag) {
  const size_t jobs = job->jobs < 1 ? 1 : (size_t)job->jobs;
  size_t next = 0, running = 0;
  char line[4200];
  struct sigaction old[2];
  fflush(NULL);
  catch_signals(pid, job->n, old);
  while ((next < job->n && !stop_signal) || running > 0) {
    while (running < jobs && next < job->n && !stop_signal) {
      snprintf(line, sizeof line, "compare: planning %s", rows[next].name);
      progress(job, line);
      start_scenario(job, dirs, next, pid, fd, rfd, code, diag);
      running += pid[next] > 0;
      next++;
    }
    int wst;
    pid_t done_pid = wait(&wst);
    if (done_pid < 0 && errno == EINTR)
      continue;
    if (done_pid < 0)
      break;
    for (size_t k = 0; k < job->n; k++)
      if (pid[k] == done_pid) {
        end_scenario(k, wst, fd, rfd, code, txn, &rows[k]);
        pid[k] = 0;
        running--;
      }
  }
  int sig = stop_signal;
  release_signals(old);
  return sig;
}

/* Each planned scenario's summary (still under its temporary name) into
 * its row; the failures counted, the worst of their exit codes as the
 * comparison's status. */
static void read_rows(const rp_compare_job_t *job, char *const *dirs, const int *code,
                      const rp_out_txn_t *txn, rp_compare_result_t *res) {
  int worst = 0;
  char path[4300];
  for (size_t k = 0; k < job->n; k++) {
    rp_comparison_row_t *r = &res->rows[k];
    snprintf(path, sizeof path, "%s/summary.json", dirs[k]);
    const char *tmp = rp_out_txn_temp_of(txn, path);
    r->ok = code[k] == 0 && tmp && rp_summary_read(tmp, &r->s) == RP_OK;
    if (!r->ok) {
      res->failed++;
      worst = code[k] > worst ? code[k] : worst;
    }
  }
  /* Who each scenario places otherwise than the reference does. */
  char ref[4300];
  snprintf(ref, sizeof ref, "%s/rotation_list.csv", dirs[0]);
  const char *ref_tmp = rp_out_txn_temp_of(txn, ref);
  for (size_t k = 0; k < job->n; k++) {
    rp_comparison_row_t *r = &res->rows[k];
    snprintf(path, sizeof path, "%s/rotation_list.csv", dirs[k]);
    const char *tmp = rp_out_txn_temp_of(txn, path);
    int n = k > 0 && r->ok && res->rows[0].ok && ref_tmp && tmp
                ? rp_comparison_lists_differ(ref_tmp, tmp)
                : -1;
    r->changed = n >= 0 ? n : NAN;
  }
  res->failed_status = worst == 3   ? RP_EINPUT
                       : worst == 4 ? RP_EINFEASIBLE
                       : worst == 2 ? RP_EUSAGE
                                    : RP_ESOLVER;
}

/* OUT/<name>, a scenario, into dirs. */
static rp_status_t name_folders(const rp_compare_job_t *job, const rp_comparison_row_t *rows,
                                char **dirs) {
  for (size_t k = 0; k < job->n; k++) {
    size_t len = strlen(job->out) + strlen(rows[k].name) + 2;
    if (!(dirs[k] = malloc(len)))
      return RP_ENOMEM;
    snprintf(dirs[k], len, "%s/%s", job->out, rows[k].name);
  }
  return RP_OK;
}

/* Before any scenario runs: every scenario's files (its own, its parents,
 * the data it names) are inputs no output may replace; --out, the
 * scenarios' folders and the folders of the workbook and the report must be
 * writable folders; and no two outputs (the comparison's files, each
 * scenario's plan files) may be the same file. */
static rp_status_t check_outputs(const rp_compare_job_t *job, const rp_compare_result_t *res,
                                 char *const *dirs, rp_diag_t *diag) {
  rp_path_list_t outs = {0};
  rp_status_t st = rp_out_check_folder(job->out, "--out", diag);
  if (st == RP_OK && job->xlsx)
    st = rp_out_check_parent(job->xlsx, "--xlsx", diag);
  if (st == RP_OK && job->html)
    st = rp_out_check_parent(job->html, "--html", diag);
  for (size_t k = 0; k < job->n; k++) {
    const rp_scenario_t *sc = res->scenarios[k];
    rp_inputs_t in = rp_inputs_of_scenario(sc);
    rp_protect_inputs(&in, rp_scenario_input(sc, "forecast"), sc);
    if (st == RP_OK)
      st = rp_out_check_folder(dirs[k], "a scenario's plan", diag);
  }
  if (st != RP_OK)
    return st;
  if (job->xlsx)
    rp_path_list_add(&outs, "%s", job->xlsx);
  if (job->html)
    rp_path_list_add(&outs, "%s", job->html);
  rp_path_list_add(&outs, "%s/comparison.csv", job->out);
  rp_path_list_add(&outs, "%s/comparison.md", job->out);
  rp_path_list_add(&outs, "%s/comparison.json", job->out);
  for (size_t k = 0; k < job->n; k++) {
    rp_plan_outputs(&outs, dirs[k], 1, 0);
    if (job->xlsx)
      rp_path_list_add(&outs, "%s/plan.xlsx", dirs[k]);
    if (job->html)
      rp_path_list_add(&outs, "%s/report.html", dirs[k]);
  }
  st = rp_check_outputs(&outs, diag);
  rp_path_list_free(&outs);
  return st;
}

/* OUT, and the folders of the workbook and the report. */
static rp_status_t make_folders(const rp_compare_job_t *job, rp_diag_t *diag) {
  rp_status_t st = rp_out_mkdir(job->out, diag);
  if (st == RP_OK && job->xlsx)
    st = rp_out_mkdir_parent(job->xlsx, diag);
  if (st == RP_OK && job->html)
    st = rp_out_mkdir_parent(job->html, diag);
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
  int *code = calloc(n, sizeof *code), *fd = calloc(n, sizeof *fd);
  int *rfd = calloc(n, sizeof *rfd);
  rp_out_txn_t *txn = rp_out_txn_create();
  rp_status_t st = RP_ENOMEM;
  if (!res->rows || !res->scenarios || !dirs || !pid || !code || !fd || !rfd || !txn)
    goto done;
  if ((st = read_scenarios(job, res, diag)) != RP_OK ||
      (st = name_folders(job, res->rows, dirs)) != RP_OK ||
      (st = check_outputs(job, res, dirs, diag)) != RP_OK ||
      (st = make_folders(job, diag)) != RP_OK)
    goto done;
  rp_out_janitor_start(); /* one for compare and its scenarios' processes */
  int sig = run_scenarios(job, dirs, pid, fd, rfd, code, res->rows, txn, diag);
  if (sig) { /* stopped: nothing of this run stays, and compare dies of it */
    rp_out_txn_free(txn);
    txn = NULL;
    signal(sig, SIG_DFL);
    raise(sig);
    st = RP_EINTERNAL; /* not reached: the signal ends the process */
    goto done;
  }
  read_rows(job, dirs, code, txn, res);
  /* The language: as asked, else the reference's plan's. */
  res->lang = job->output.lang;
  if (!job->lang_given && res->rows[0].ok && strcmp(res->rows[0].s.lang, "zh") == 0)
    res->lang = RP_LANG_ZH;
  const rp_comparison_files_t files = {job->output.csv_encoding, job->xlsx, job->html};
  /* The comparison and every scenario's files: in place together, or none. */
  if ((st = rp_comparison_write(job->out, res->rows, n, res->lang, &files, txn, diag)) == RP_OK)
    st = rp_out_txn_commit(txn, diag);
done:
  rp_out_txn_free(txn);
  for (size_t k = 0; dirs && k < n; k++)
    free(dirs[k]);
  free(dirs);
  free(pid);
  free(code);
  free(fd);
  free(rfd);
  return st;
}

void rp_compare_result_free(rp_compare_result_t *res) {
  for (size_t k = 0; res->scenarios && k < res->n; k++)
    rp_scenario_free(res->scenarios[k]);
  free(res->scenarios);
  free(res->rows);
  memset(res, 0, sizeof *res);
}
