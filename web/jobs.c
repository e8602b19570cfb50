/* Jobs (docs/web.md, "Jobs"): every computation of a workspace runs the
 * rotaplan binary itself (/proc/self/exe) in a process of its own, in its
 * own process group, killed by the kernel if the server dies
 * (PR_SET_PDEATHSIG).  A request only queues a job: one manager thread
 * starts them (at most max_jobs at once; the thread that forks must outlive
 * the child, which a connection's thread does not), reaps them, kills the
 * groups of cancelled ones (TERM, then KILL after a grace) and writes each
 * run's job.json.  A run works on its own copy of the inputs (hard links
 * made when it is queued), so an upload during a run changes nothing of it,
 * and a run that fails or is killed touches nothing but its own folder. */
#define _GNU_SOURCE /* close_range */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/sha256.h"
#include "web/web_i.h"

#define MAX_ARGS 48

typedef struct job {
  char ws[RP_WEB_ID_LEN + 1], run[RP_WEB_ID_LEN + 1];
  char dir[RP_WEB_PATH];
  char cwd[RP_WEB_PATH]; /* the run's inputs/: the command names its files as the planner does */
  char *argv[MAX_ARGS + 1];
  cJSON *rec; /* job.json */
  int running, cancel;
  pid_t pid;
  time_t started, cancel_at;
  struct job *next;
} job_t;

struct rp_jobs {
  char root[RP_WEB_PATH];
  int max_jobs, n_running, n_queued, stop;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_t thread;
  job_t *head;
};

/* ---- the kinds of job: a row each (the compare, verify and publish jobs
 * of later pages are rows here, with their arguments) */

static int add(char **argv, int *n, int max, const char *s) {
  if (*n >= max)
    return -1;
  argv[(*n)++] = strdup(s);
  return argv[*n - 1] ? 0 : -1;
}

static int add_inputs(char **argv, int *n, int max, const char *in, const char *const name[],
                      const char *const roles[]) {
  char p[RP_WEB_PATH];
  for (int i = 0; roles[i]; i++) {
    int r = rp_role_find(roles[i]);
    if (r < 0 || !name[r])
      continue;
    rp_web_path(p, sizeof p, "%s%s", in, name[r]);
    if (add(argv, n, max, rp_roles[r].option) || add(argv, n, max, p))
      return -1;
  }
  return 0;
}

/* OPTION <in>plan: the plan run's files, linked into the run's inputs/plan/. */
static int add_plan(char **argv, int *n, int max, const char *option, const char *in) {
  char p[RP_WEB_PATH];
  rp_web_path(p, sizeof p, "%splan", in);
  return add(argv, n, max, option) || add(argv, n, max, p) ? -1 : 0;
}

/* --out OUT --xlsx OUT/xlsx --html OUT/html --lang LANG, the tail of the
 * kinds that write a workbook and a report. */
static int add_outputs(char **argv, int *n, int max, const char *out, const char *xlsx,
                       const char *html, const char *lang) {
  char p[RP_WEB_PATH];
  if (add(argv, n, max, "--out") || add(argv, n, max, out) || add(argv, n, max, "--xlsx"))
    return -1;
  rp_web_path(p, sizeof p, "%s/%s", out, xlsx);
  if (add(argv, n, max, p) || add(argv, n, max, "--html"))
    return -1;
  rp_web_path(p, sizeof p, "%s/%s", out, html);
  if (add(argv, n, max, p) || add(argv, n, max, "--lang") || add(argv, n, max, lang))
    return -1;
  return 0;
}

static int audit_args(char **argv, int max, const char *in, const char *out, const char *lang,
                      const char *const name[], const char *const extra[]) {
  static const char *const roles[] = {"schools", "teachers", "policy", "curriculum", NULL};
  int n = 0;
  (void)out, (void)extra;
  if (add(argv, &n, max, "audit") || add_inputs(argv, &n, max, in, name, roles) ||
      add(argv, &n, max, "--lang") || add(argv, &n, max, lang))
    return -1;
  return n;
}

/* The inputs a plan reads, and what publish reads of a plan's. */
static const char *const plan_roles[] = {"schools", "teachers", "policy", "curriculum", "pins",
                                         "preferences", NULL};

static int plan_args(char **argv, int max, const char *in, const char *out, const char *lang,
                     const char *const name[], const char *const extra[]) {
  int n = 0;
  (void)extra;
  if (add(argv, &n, max, "plan") || add_inputs(argv, &n, max, in, name, plan_roles) ||
      add_outputs(argv, &n, max, out, "plan.xlsx", "report.html", lang))
    return -1;
  return n;
}

/* frontier: a plan with its move frontier (`plan --frontier`): the
 * points' plans in out/frontier/moves_NNNN/, frontier.csv, the report's
 * section and the workbook's sheet of the trade-off. */
static int frontier_args(char **argv, int max, const char *in, const char *out,
                         const char *lang, const char *const name[], const char *const extra[]) {
  int n = plan_args(argv, max, in, out, lang, name, extra);
  if (n < 0 || add(argv, &n, max, "--frontier"))
    return -1;
  return n;
}

/* compare: the reference and the scenarios staged by rp_scenarios_stage
 * (extra), one scenario planned at a time so that a comparison takes one
 * of the --max-jobs slots' worth of the machine. */
static int compare_args(char **argv, int max, const char *in, const char *out, const char *lang,
                        const char *const name[], const char *const extra[]) {
  char p[RP_WEB_PATH];
  int n = 0;
  (void)name;
  if (add(argv, &n, max, "compare") || add(argv, &n, max, "--jobs") || add(argv, &n, max, "1") ||
      add_outputs(argv, &n, max, out, "comparison.xlsx", "comparison.html", lang))
    return -1;
  for (int i = 0; extra && extra[i]; i++) {
    rp_web_path(p, sizeof p, "%s%s", in, extra[i]);
    if (add(argv, &n, max, p))
      return -1;
  }
  return n;
}

/* publish: of a plan run (rp_jobs_submit_from): that run's inputs, its
 * out/ copied into plan/, the planner's options (extra: --published,
 * --appeal-days, --contact, checked by the server). */
static int publish_args(char **argv, int max, const char *in, const char *out, const char *lang,
                        const char *const name[], const char *const extra[]) {
  int n = 0;
  if (add(argv, &n, max, "publish") || add_inputs(argv, &n, max, in, name, plan_roles) ||
      add_plan(argv, &n, max, "--plan", in) || add(argv, &n, max, "--out") ||
      add(argv, &n, max, out))
    return -1;
  for (int i = 0; extra && extra[i]; i++)
    if (add(argv, &n, max, extra[i]))
      return -1;
  if (add(argv, &n, max, "--lang") || add(argv, &n, max, lang))
    return -1;
  return n;
}

/* report: an edited list of a plan run (rp_jobs_submit_from with the
 * uploaded list as plan/rotation_list.csv) checked and its files rebuilt
 * into the new run's out/. */
static int report_args(char **argv, int max, const char *in, const char *out, const char *lang,
                       const char *const name[], const char *const extra[]) {
  static const char *const roles[] = {"schools", "teachers", "policy", "curriculum", "pins",
                                      NULL};
  int n = 0;
  (void)extra;
  if (add(argv, &n, max, "report") || add_inputs(argv, &n, max, in, name, roles) ||
      add_plan(argv, &n, max, "--plan", in) ||
      add_outputs(argv, &n, max, out, "plan.xlsx", "report.html", lang))
    return -1;
  return n;
}

/* appeal: the appeal round of a plan run (rp_jobs_submit_from): its
 * inputs, its plan as --previous and the workspace's appeals.csv. */
static int appeal_args(char **argv, int max, const char *in, const char *out, const char *lang,
                       const char *const name[], const char *const extra[]) {
  static const char *const roles[] = {"schools", "teachers", "policy", "curriculum", "pins",
                                      "preferences", "appeals", NULL};
  int n = 0;
  (void)extra;
  if (add(argv, &n, max, "plan") || add_inputs(argv, &n, max, in, name, roles) ||
      add_plan(argv, &n, max, "--previous", in) ||
      add_outputs(argv, &n, max, out, "plan.xlsx", "report.html", lang))
    return -1;
  return n;
}

const rp_job_kind_t rp_job_kinds[] = {
    {"audit", "run_audit", audit_args, NULL},
    {"plan", "run_plan", plan_args, NULL},
    {"frontier", "run_frontier", frontier_args, NULL},
    {"compare", "run_compare", compare_args, rp_scenarios_stage},
    {"publish", "run_publish", publish_args, NULL},
    {"report", "run_report", report_args, NULL},
    {"appeal", "run_appeal", appeal_args, NULL},
};
const int rp_n_job_kinds = (int)(sizeof rp_job_kinds / sizeof rp_job_kinds[0]);

int rp_job_kind_find(const char *kind) {
  for (int i = 0; kind && i < rp_n_job_kinds; i++)
    if (strcmp(rp_job_kinds[i].kind, kind) == 0)
      return i;
  return -1;
}

/* ---- records */

static void now_iso(char out[32]) {
  time_t now = time(NULL);
  struct tm tm;
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
}

static void set_str(cJSON *o, const char *k, const char *v) {
  cJSON_DeleteItemFromObjectCaseSensitive(o, k);
  cJSON_AddStringToObject(o, k, v);
}

static void save(job_t *j) {
  char p[RP_WEB_PATH];
  rp_web_path(p, sizeof p, "%s/job.json", j->dir);
  rp_web_write_json(p, j->rec);
}

static void job_free(job_t *j) {
  if (!j)
    return;
  for (int i = 0; j->argv[i]; i++)
    free(j->argv[i]);
  cJSON_Delete(j->rec);
  free(j);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under dir (rel: its name in the list, "" for
 * out/ itself) to names, folders down to RP_WEB_MAX_DEPTH; lstat, so a
 * link is neither listed nor followed. */
static void list_tree(const char *dir, const char *rel, int depth, char **names, int *n) {
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL && *n < RP_WEB_MAX_OUTPUTS) {
    struct stat st;
    char f[RP_WEB_PATH], r[RP_WEB_MAX_REL + 2];
    if (snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", e->d_name) >= (int)sizeof r ||
        !rp_web_relname_valid(r) || rp_web_path(f, sizeof f, "%s/%s", dir, e->d_name) != 0 ||
        lstat(f, &st) != 0)
      continue;
    if (S_ISREG(st.st_mode) && (depth > 0 || rp_web_name_valid(e->d_name)))
      names[*n] = strdup(r), *n += names[*n] != NULL;
    else if (S_ISDIR(st.st_mode) && depth < RP_WEB_MAX_DEPTH)
      list_tree(f, r, depth + 1, names, n);
  }
  if (d)
    closedir(d);
}

/* The run's files a client may download: out/'s regular files, and those
 * of its folders (a comparison's out/<scenario>/), by their names under
 * out/ ("比例15/report.html"), sorted (only after a finished run: a
 * killed one may leave partial files). */
static void record_outputs(job_t *j, int done) {
  cJSON *outs = cJSON_CreateArray();
  char p[RP_WEB_PATH];
  char **names = calloc(RP_WEB_MAX_OUTPUTS, sizeof *names);
  int n = 0;
  if (names && done && rp_web_path(p, sizeof p, "%s/out", j->dir) == 0)
    list_tree(p, "", 0, names, &n);
  if (n > 1)
    qsort(names, (size_t)n, sizeof *names, cmp_str);
  for (int i = 0; i < n; i++) {
    cJSON_AddItemToArray(outs, cJSON_CreateString(names[i]));
    free(names[i]);
  }
  free(names);
  cJSON_DeleteItemFromObjectCaseSensitive(j->rec, "outputs");
  cJSON_AddItemToObject(j->rec, "outputs", outs);
}

static void finish(job_t *j, int wstatus) {
  char when[32];
  now_iso(when);
  const char *status = j->cancel ? "cancelled"
                       : WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 ? "done"
                                                                         : "failed";
  set_str(j->rec, "status", status);
  set_str(j->rec, "ended", when);
  cJSON_DeleteItemFromObjectCaseSensitive(j->rec, "exit_code");
  cJSON_DeleteItemFromObjectCaseSensitive(j->rec, "signal");
  if (j->running && WIFEXITED(wstatus))
    cJSON_AddNumberToObject(j->rec, "exit_code", WEXITSTATUS(wstatus));
  else if (j->running && WIFSIGNALED(wstatus))
    cJSON_AddNumberToObject(j->rec, "signal", WTERMSIG(wstatus));
  record_outputs(j, strcmp(status, "done") == 0 || strcmp(status, "failed") == 0);
  save(j);
}

/* ---- processes (manager thread only, lock held) */

static void start(rp_jobs_t *js, job_t *j) {
  char out[RP_WEB_PATH], err[RP_WEB_PATH], when[32];
  rp_web_path(out, sizeof out, "%s/stdout.txt", j->dir);
  rp_web_path(err, sizeof err, "%s/stderr.txt", j->dir);
  int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int fi = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t parent = getpid();
  pid_t pid = fo < 0 || fe < 0 || fi < 0 ? -1 : fork();
  if (pid == 0) {
    /* Only async-signal-safe calls from here to exec. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
      _exit(127);
    if (dup2(fi, 0) < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
      _exit(127);
    close_range(3, ~0U, 0);
    if (chdir(j->cwd) != 0)
      _exit(127);
    execv("/proc/self/exe", j->argv);
    _exit(127);
  }
  if (fo >= 0)
    close(fo);
  if (fe >= 0)
    close(fe);
  if (fi >= 0)
    close(fi);
  js->n_queued--;
  now_iso(when);
  set_str(j->rec, "started", when);
  if (pid < 0) {
    j->running = 0;
    set_str(j->rec, "error", "cannot start the job");
    finish(j, 127 << 8);
    j->pid = -1;
    return;
  }
  setpgid(pid, pid); /* either side may set it first */
  j->pid = pid;
  j->running = 1;
  j->started = time(NULL);
  js->n_running++;
  set_str(j->rec, "status", "running");
  save(j);
}

static void unlink_job(rp_jobs_t *js, job_t *j) {
  for (job_t **p = &js->head; *p; p = &(*p)->next)
    if (*p == j) {
      *p = j->next;
      break;
    }
  job_free(j);
}

/* One pass: reap, escalate cancels, drop cancelled queued jobs, start jobs. */
static void step(rp_jobs_t *js) {
  time_t now = time(NULL);
  job_t *next;
  for (job_t *j = js->head; j; j = next) {
    next = j->next;
    if (j->running) {
      int ws;
      pid_t r = waitpid(j->pid, &ws, WNOHANG);
      if (r == j->pid || (r < 0 && errno == ECHILD)) {
        kill(-j->pid, SIGKILL); /* whatever of the group is left (a solver child) */
        if (r < 0)
          ws = 127 << 8;
        js->n_running--;
        finish(j, ws);
        unlink_job(js, j);
      } else if (j->cancel && now - j->cancel_at >= RP_WEB_CANCEL_GRACE) {
        kill(-j->pid, SIGKILL);
      }
    } else if (j->cancel) {
      js->n_queued--;
      finish(j, 0);
      unlink_job(js, j);
    }
  }
  for (job_t *j = js->head; j && js->n_running < js->max_jobs; j = next) {
    next = j->next;
    if (!j->running && j->pid == 0) {
      start(js, j);
      if (j->pid < 0)
        unlink_job(js, j);
    }
  }
}

static void *manager(void *arg) {
  rp_jobs_t *js = arg;
  pthread_mutex_lock(&js->lock);
  while (!js->stop) {
    step(js);
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += 100 * 1000 * 1000;
    if (t.tv_nsec >= 1000000000L)
      t.tv_sec++, t.tv_nsec -= 1000000000L;
    pthread_cond_timedwait(&js->wake, &js->lock, &t);
  }
  /* Shutting down: cancel everything, wait for the groups to end. */
  time_t now = time(NULL);
  for (job_t *j = js->head; j; j = j->next) {
    if (!j->cancel)
      j->cancel = 1, j->cancel_at = now;
    if (j->running)
      kill(-j->pid, SIGTERM);
  }
  while (js->head) {
    step(js);
    if (js->head) {
      pthread_mutex_unlock(&js->lock);
      struct timespec t = {0, 50 * 1000 * 1000};
      nanosleep(&t, NULL);
      pthread_mutex_lock(&js->lock);
    }
  }
  pthread_mutex_unlock(&js->lock);
  return NULL;
}

rp_jobs_t *rp_jobs_create(const char *root, int max_jobs) {
  rp_jobs_t *js = calloc(1, sizeof *js);
  if (!js)
    return NULL;
  snprintf(js->root, sizeof js->root, "%s", root);
  js->max_jobs = max_jobs > 0 ? max_jobs : 2;
  pthread_mutex_init(&js->lock, NULL);
  pthread_cond_init(&js->wake, NULL);
  if (pthread_create(&js->thread, NULL, manager, js) != 0) {
    pthread_mutex_destroy(&js->lock);
    pthread_cond_destroy(&js->wake);
    free(js);
    return NULL;
  }
  return js;
}

void rp_jobs_free(rp_jobs_t *js) {
  if (!js)
    return;
  pthread_mutex_lock(&js->lock);
  js->stop = 1;
  pthread_cond_signal(&js->wake);
  pthread_mutex_unlock(&js->lock);
  pthread_join(js->thread, NULL);
  pthread_mutex_destroy(&js->lock);
  pthread_cond_destroy(&js->wake);
  free(js);
}

/* ---- submitting */

static int copy_file(const char *from, const char *to) {
  size_t n;
  char *s = rp_web_read_file(from, (size_t)1 << 31, &n);
  if (!s)
    return -1;
  int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), rc = -1;
  if (fd >= 0) {
    rc = write(fd, s, n) == (ssize_t)n ? 0 : -1;
    if (close(fd) != 0)
      rc = -1;
  }
  free(s);
  return rc;
}

/* Removes a run folder that never ran (its inputs/, inputs/plan/, out/ and
 * files). */
static void remove_run(const char *dir) {
  const char *subs[] = {"inputs/plan", "inputs", "out"};
  char p[RP_WEB_PATH], f[RP_WEB_PATH];
  for (int i = 0; i < 3; i++) {
    rp_web_path(p, sizeof p, "%s/%s", dir, subs[i]);
    DIR *d = opendir(p);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
      if (e->d_name[0] != '.') {
        rp_web_path(f, sizeof f, "%s/%s", p, e->d_name);
        unlink(f);
      }
    if (d)
      closedir(d);
    rmdir(p);
  }
  rp_web_path(p, sizeof p, "%s/job.json", dir);
  unlink(p);
  rmdir(dir);
}

/* Links (or copies) the plan run's out/ files of its list into dir. */
static int link_outputs(const char *root, const char *ws, const cJSON *rec, const char *dir) {
  char src[RP_WEB_PATH], dst[RP_WEB_PATH], rest[RP_WEB_PATH];
  const cJSON *o;
  if (mkdir(dir, 0700) != 0)
    return -1;
  cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(rec, "outputs")) {
    const char *n = cJSON_GetStringValue(o), *id = cJSON_GetStringValue(
                                                 cJSON_GetObjectItemCaseSensitive(rec, "id"));
    if (n && strchr(n, '/'))
      continue; /* a plan's files are out/'s own; folders are a comparison's */
    if (!n || !id || !rp_web_name_valid(n) || !rp_web_id_valid(id) ||
        rp_web_path(rest, sizeof rest, "runs/%s/out/%s", id, n) != 0 ||
        rp_store_path(src, sizeof src, root, ws, rest) != 0 ||
        rp_web_path(dst, sizeof dst, "%s/%s", dir, n) != 0 ||
        (link(src, dst) != 0 && copy_file(src, dst) != 0))
      return -1;
  }
  return 0;
}

static int submit(rp_jobs_t *js, const char *ws, int kind, const char *lang, const char *user,
                  const cJSON *from, const char *const opts[], const char *edited,
                  char run[RP_WEB_ID_LEN + 1]);

int rp_jobs_submit(rp_jobs_t *js, const char *ws, int kind, const char *lang, const char *user,
                   char run[RP_WEB_ID_LEN + 1]) {
  return submit(js, ws, kind, lang, user, NULL, NULL, NULL, run);
}

int rp_jobs_submit_from(rp_jobs_t *js, const char *ws, int kind, const char *lang,
                        const char *user, const char *from_run, const char *const opts[],
                        const char *edited, char run[RP_WEB_ID_LEN + 1]) {
  char p[RP_WEB_PATH], rest[64];
  if (!rp_web_id_valid(from_run))
    return -4;
  snprintf(rest, sizeof rest, "runs/%s/job.json", from_run);
  cJSON *from = rp_store_path(p, sizeof p, js->root, ws, rest) == 0 ? rp_web_read_json(p) : NULL;
  const char *kd = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(from, "kind"));
  const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(from, "status"));
  int rc = !from ? -4 : !kd || !st || strcmp(kd, "plan") != 0 || strcmp(st, "done") != 0
                            ? -5
                            : submit(js, ws, kind, lang, user, from, opts, edited, run);
  cJSON_Delete(from);
  return rc;
}

static int submit(rp_jobs_t *js, const char *ws, int kind, const char *lang, const char *user,
                  const cJSON *from, const char *const opts[], const char *edited,
                  char run[RP_WEB_ID_LEN + 1]) {
  char p[RP_WEB_PATH], in[RP_WEB_PATH], out[RP_WEB_PATH], src[RP_WEB_PATH], dst[RP_WEB_PATH];
  const char *name[16] = {0}; /* the file of each role in the run's inputs/ */
  char sheet[16][RP_WEB_SHEET_BYTES] = {{0}}; /* the sheet chosen for a workbook, or "" */
  const char *from_id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(from, "id"));
  if (kind < 0 || kind >= rp_n_job_kinds || rp_n_roles > 16 || (from && !rp_web_id_valid(from_id)))
    return -1;
  /* An appeal round reads the plan run's inputs and the workspace's
   * appeals.csv (uploaded after the plan was published). */
  const int appeal = strcmp(rp_job_kinds[kind].kind, "appeal") == 0;
  int ws_role[16] = {0};
  for (int r = 0; r < rp_n_roles; r++) {
    ws_role[r] = !from || (appeal && strcmp(rp_roles[r].role, "appeals") == 0);
    if (appeal && ws_role[r] && rp_ws_input(js->root, ws, r, src, sizeof src) != 0)
      return -3; /* no appeals.csv */
    if (!ws_role[r]) { /* the plan run's own inputs, as its job.json lists them */
      const cJSON *i;
      cJSON_ArrayForEach(i, cJSON_GetObjectItemCaseSensitive(from, "inputs")) {
        const char *role = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(i, "role"));
        const char *f = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(i, "file"));
        const char *sh = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(i, "sheet"));
        if (role && f && strcmp(role, rp_roles[r].role) == 0 &&
            (strcmp(f, rp_roles[r].csv) == 0 || (rp_roles[r].xlsx && strcmp(f, rp_roles[r].xlsx) == 0))) {
          name[r] = strcmp(f, rp_roles[r].csv) == 0 ? rp_roles[r].csv : rp_roles[r].xlsx;
          if (sh && (name[r] != rp_roles[r].xlsx || !rp_web_sheet_valid(sh)))
            return -1; /* not a job.json this server wrote */
          snprintf(sheet[r], sizeof sheet[r], "%s", sh ? sh : "");
        }
      }
      if (!name[r] && rp_roles[r].required)
        return -3;
    } else if (rp_ws_input(js->root, ws, r, src, sizeof src) == 0) {
      const char *base = strrchr(src, '/') + 1;
      name[r] = rp_roles[r].xlsx && strcmp(base, rp_roles[r].xlsx) == 0 ? rp_roles[r].xlsx
                                                                        : rp_roles[r].csv;
      if (name[r] == rp_roles[r].xlsx &&
          rp_ws_input_sheet(js->root, ws, r, sheet[r], sizeof sheet[r]) != 0)
        sheet[r][0] = 0; /* none chosen: the first visible sheet */
    }
    else if (rp_roles[r].required)
      return -3;
  }
  job_t *j = calloc(1, sizeof *j);
  if (!j)
    return -1;
  snprintf(j->ws, sizeof j->ws, "%s", ws);
  rp_web_id_new(j->run);
  int rc = -1;
  rp_web_path(p, sizeof p, "runs/%s", j->run);
  if (rp_store_path(j->dir, sizeof j->dir, js->root, ws, p) != 0 || mkdir(j->dir, 0700) != 0) {
    job_free(j);
    return -1;
  }
  rp_web_path(in, sizeof in, "%s/inputs", j->dir);
  rp_web_path(out, sizeof out, "%s/out", j->dir);
  if (mkdir(in, 0700) != 0 || mkdir(out, 0700) != 0)
    goto fail;
  char when[32];
  now_iso(when);
  j->rec = cJSON_CreateObject();
  cJSON_AddStringToObject(j->rec, "id", j->run);
  cJSON_AddStringToObject(j->rec, "kind", rp_job_kinds[kind].kind);
  cJSON_AddStringToObject(j->rec, "status", "queued");
  cJSON_AddStringToObject(j->rec, "created", when);
  cJSON_AddStringToObject(j->rec, "user", user ? user : "");
  if (from)
    cJSON_AddStringToObject(j->rec, "plan_run", from_id);
  cJSON *inputs = cJSON_AddArrayToObject(j->rec, "inputs");
  for (int r = 0; r < rp_n_roles; r++) {
    if (!name[r])
      continue;
    if (!ws_role[r])
      rp_web_path(p, sizeof p, "runs/%s/inputs/%s", from_id, name[r]);
    else
      rp_web_path(p, sizeof p, "inputs/%s", name[r]);
    rp_web_path(dst, sizeof dst, "%s/%s", in, name[r]);
    char hex[65];
    if (rp_store_path(src, sizeof src, js->root, ws, p) != 0 ||
        (link(src, dst) != 0 && copy_file(src, dst) != 0) || rp_sha256_file(dst, hex) != 0)
      goto fail;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "role", rp_roles[r].role);
    cJSON_AddStringToObject(o, "file", name[r]);
    if (sheet[r][0])
      cJSON_AddStringToObject(o, "sheet", sheet[r]);
    cJSON_AddStringToObject(o, "sha256", hex);
    cJSON_AddItemToArray(inputs, o);
  }
  /* What the command is given for each role: the file, or FILE.xlsx#SHEET
   * (io/xlsx_reader.h) when a sheet was chosen. */
  char arg_buf[16][RP_WEB_MAX_NAME + RP_WEB_SHEET_BYTES + 1];
  const char *arg[16] = {0};
  for (int r = 0; r < rp_n_roles; r++)
    if (name[r] && sheet[r][0]) {
      if (rp_web_path(arg_buf[r], sizeof arg_buf[r], "%s#%s", name[r], sheet[r]) != 0)
        goto fail;
      arg[r] = arg_buf[r];
    } else {
      arg[r] = name[r];
    }
  /* The command runs in the run's inputs/ and is given relative names, so
   * that its messages say "teachers.csv:3: ..." and job.json holds no
   * server path. */
  /* A kind's own inputs (a comparison's scenario files), written or linked
   * into the run's inputs/ and hashed as the rosters are. */
  char extra_files[RP_WEB_MAX_EXTRA][RP_WEB_MAX_NAME + 1];
  const char *extra[RP_WEB_MAX_EXTRA + 1] = {0};
  if (from) { /* the plan's files, beside the inputs it was made from */
    rp_web_path(dst, sizeof dst, "%s/plan", in);
    if (link_outputs(js->root, ws, from, dst) != 0)
      goto fail;
    if (edited) { /* the planner's list in place of the plan's (a link: removed, not written) */
      char hex[65];
      rp_web_path(dst, sizeof dst, "%s/plan/rotation_list.csv", in);
      unlink(dst);
      if (rename(edited, dst) != 0 || rp_sha256_file(dst, hex) != 0)
        goto fail;
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "role", "edited_list");
      cJSON_AddStringToObject(o, "file", "plan/rotation_list.csv");
      cJSON_AddStringToObject(o, "sha256", hex);
      cJSON_AddItemToArray(inputs, o);
    }
    for (int i = 0; opts && opts[i] && i < RP_WEB_MAX_EXTRA; i++)
      extra[i] = opts[i];
  } else if (rp_job_kinds[kind].stage) {
    int ne = rp_job_kinds[kind].stage(js->root, ws, in, lang, arg, extra_files,
                                      RP_WEB_MAX_EXTRA);
    if (ne < 0)
      goto fail;
    for (int i = 0; i < ne; i++) {
      char hex[65];
      rp_web_path(dst, sizeof dst, "%s/%s", in, extra_files[i]);
      if (rp_sha256_file(dst, hex) != 0)
        goto fail;
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "role", "scenario");
      cJSON_AddStringToObject(o, "file", extra_files[i]);
      cJSON_AddStringToObject(o, "sha256", hex);
      cJSON_AddItemToArray(inputs, o);
      extra[i] = extra_files[i];
    }
  }
  memcpy(j->cwd, in, sizeof j->cwd);
  j->argv[0] = strdup("rotaplan");
  int n = rp_job_kinds[kind].args(j->argv + 1, MAX_ARGS - 1, "", "../out", lang, arg, extra);
  if (!j->argv[0] || n < 0)
    goto fail;
  cJSON *args = cJSON_AddArrayToObject(j->rec, "args");
  for (int i = 1; j->argv[i]; i++)
    cJSON_AddItemToArray(args, cJSON_CreateString(j->argv[i]));
  save(j);
  pthread_mutex_lock(&js->lock);
  if (js->n_queued >= RP_WEB_MAX_QUEUE || js->stop) {
    pthread_mutex_unlock(&js->lock);
    rc = -2;
    goto fail;
  }
  memcpy(run, j->run, sizeof j->run);
  job_t **tail = &js->head;
  while (*tail)
    tail = &(*tail)->next;
  *tail = j;
  js->n_queued++;
  pthread_cond_signal(&js->wake);
  pthread_mutex_unlock(&js->lock);
  return 0;
fail:
  remove_run(j->dir);
  job_free(j);
  return rc;
}

int rp_jobs_cancel(rp_jobs_t *js, const char *ws, const char *run) {
  int rc = -1;
  pthread_mutex_lock(&js->lock);
  for (job_t *j = js->head; j; j = j->next)
    if (strcmp(j->ws, ws) == 0 && strcmp(j->run, run) == 0 && !j->cancel) {
      j->cancel = 1;
      j->cancel_at = time(NULL);
      if (j->running)
        kill(-j->pid, SIGTERM);
      rc = 0;
    }
  pthread_cond_signal(&js->wake);
  pthread_mutex_unlock(&js->lock);
  return rc;
}

/* The last "solving: N s, STAGE: ..." line the run printed: its stage and gap. */
static void progress(const char *dir, cJSON *p) {
  char f[RP_WEB_PATH], tail[4097];
  rp_web_path(f, sizeof f, "%s/stderr.txt", dir);
  int fd = open(f, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  off_t end = lseek(fd, 0, SEEK_END);
  off_t from = end > 4096 ? end - 4096 : 0;
  ssize_t n = pread(fd, tail, 4096, from);
  close(fd);
  if (n <= 0)
    return;
  tail[n] = 0;
  char *line = NULL;
  for (char *s = tail; (s = strstr(s, "solving:")) != NULL; s++)
    line = s;
  if (!line)
    return;
  char *eol = strchr(line, '\n');
  if (!eol)
    return; /* still being written */
  *eol = 0;
  char *stage = strstr(line, " s, ");
  if (stage) {
    stage += 4;
    size_t k = strcspn(stage, ":");
    if (strncmp(stage, "relaxation", 10) == 0)
      k = 10;
    char st[64];
    rp_web_path(st, sizeof st, "%.*s", (int)(k < 63 ? k : 63), stage);
    cJSON_AddStringToObject(p, "stage", st);
  }
  char *gap = strstr(line, "gap ");
  if (gap) {
    char g[32];
    rp_web_path(g, sizeof g, "%.*s", (int)strcspn(gap + 4, ","), gap + 4);
    cJSON_AddStringToObject(p, "gap", g);
  }
}

cJSON *rp_jobs_status(rp_jobs_t *js, const char *ws, const char *run) {
  cJSON *rec = NULL;
  pthread_mutex_lock(&js->lock);
  for (job_t *j = js->head; j; j = j->next)
    if (strcmp(j->ws, ws) == 0 && strcmp(j->run, run) == 0) {
      rec = cJSON_Duplicate(j->rec, 1);
      cJSON *p = cJSON_AddObjectToObject(rec, "progress");
      cJSON_AddNumberToObject(p, "elapsed", j->running ? (double)(time(NULL) - j->started) : 0);
      if (j->running)
        progress(j->dir, p);
      if (j->cancel)
        cJSON_AddTrueToObject(rec, "cancelling");
    }
  pthread_mutex_unlock(&js->lock);
  if (rec)
    return rec;
  char p[RP_WEB_PATH], rest[64];
  rp_web_path(rest, sizeof rest, "runs/%s/job.json", run);
  if (!rp_web_id_valid(run) || rp_store_path(p, sizeof p, js->root, ws, rest) != 0)
    return NULL;
  rec = rp_web_read_json(p);
  const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "status"));
  if (st && (strcmp(st, "queued") == 0 || strcmp(st, "running") == 0))
    set_str(rec, "status", "interrupted"); /* the server stopped during it */
  return rec;
}
