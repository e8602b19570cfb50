/* Test helpers (see test_util.h). */
#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "pipeline/plan_run.h"

static char tmpdir[4096];

const char *tu_tmpdir(void) {
  if (!tmpdir[0]) {
    const char *t = getenv("RP_TMP");
    snprintf(tmpdir, sizeof tmpdir, "%s", t ? t : "/tmp/rp_test");
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", tmpdir, tmpdir);
    if (system(cmd) != 0)
      abort();
  }
  return tmpdir;
}

const char *tu_path(const char *name) {
  static char slots[8][4200];
  static int next;
  char *p = slots[next++ % 8];
  tu_snprintf(p, 4200, "%s/%s", tu_tmpdir(), name);
  return p;
}

const char *tu_write_bytes(const char *name, const char *data, size_t len) {
  static char slots[8][4096];
  static int next;
  char *p = slots[next++ % 8];
  if (snprintf(p, 4096, "%s/%s", tu_tmpdir(), name) >= 4096)
    abort();
  FILE *fp = fopen(p, "wb");
  if (!fp || fwrite(data, 1, len, fp) != len)
    abort();
  fclose(fp);
  return p;
}

const char *tu_write(const char *name, const char *text) {
  return tu_write_bytes(name, text, strlen(text));
}

const char *tu_copy(const char *name, const char *rel) {
  char *text = tu_read(tu_src(rel));
  if (!text)
    fail_msg("cannot read %s", tu_src(rel));
  const char *path = tu_write(name, text);
  free(text);
  return path;
}

char *tu_read(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
    n += k;
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) {
        free(buf);
        buf = NULL;
      }
      buf = nb;
    }
  }
  fclose(fp);
  if (buf)
    buf[n] = '\0';
  return buf;
}

const char *tu_src(const char *rel) {
  static char slots[8][4096];
  static int next;
  char *p = slots[next++ % 8];
  const char *src = getenv("RP_SRC");
  if (snprintf(p, 4096, "%s/%s", src ? src : ".", rel) >= 4096)
    abort();
  return p;
}

/* tu_run and tu_run_with: "prefix $RP_BIN args". */
static tu_run_t run_args(const char *prefix, const char *fmt, va_list ap) {
  tu_run_t r = {0};
  char args[8192], cmd[20000], outp[4200], errp[4200];
  vsnprintf(args, sizeof args, fmt, ap);
  const char *bin = getenv("RP_BIN");
  snprintf(outp, sizeof outp, "%s/run.out", tu_tmpdir());
  snprintf(errp, sizeof errp, "%s/run.err", tu_tmpdir());
  snprintf(cmd, sizeof cmd, "%s '%s' %s >'%s' 2>'%s'", prefix, bin ? bin : "rotaplan",
           args, outp, errp);
  int st = system(cmd);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  r.out = tu_read(outp);
  r.err = tu_read(errp);
  return r;
}

tu_run_t tu_run(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tu_run_t r = run_args("", fmt, ap);
  va_end(ap);
  return r;
}

tu_run_t tu_run_with(const char *prefix, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tu_run_t r = run_args(prefix, fmt, ap);
  va_end(ap);
  return r;
}

void tu_run_free(tu_run_t *r) {
  free(r->out);
  free(r->err);
  r->out = r->err = NULL;
}

char *diag_str(const rp_diag_t *d) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  rp_diag_print(d, fp);
  fclose(fp);
  return buf;
}

int tu_snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= size)
    fail_msg("tu_snprintf: %d bytes do not fit in %zu (\"%.60s...\")", n, size, buf);
  return n;
}

/* How many times needle occurs in hay. */
static int occurrences(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  return n;
}

pid_t tu_start(const char *cmd, const char *log, const char *ready, int times) {
  char line[9000];
  tu_snprintf(line, sizeof line, "exec '%s' %s > '%s' 2>&1", getenv("RP_BIN"), cmd, log);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    execl("/bin/sh", "sh", "-c", line, (char *)NULL);
    _exit(127);
  }
  for (int i = 0; i < 600; i++) { /* at most 60 s */
    char *text = tu_read(log);
    int there = text && occurrences(text, ready) >= times;
    free(text);
    if (there)
      return pid;
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  fail_msg("the run never reported \"%s\" (%s)", ready, log);
  return 0;
}

const char *tu_generate(const char *name, int sections, int seed) {
  const char *dir = tu_path(name);
  tu_run_t r = tu_run("generate --sections %d --seed %d --out '%s'", sections, seed, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  return dir;
}

char *tu_plan_signalling_solver(const char *county, const char *options, const char *out,
                                const char *ready, int times, int sig, int *exit_code) {
  char cmd[9000], log[4400];
  tu_snprintf(log, sizeof log, "%s.log", out);
  tu_snprintf(cmd, sizeof cmd,
              "plan %s --schools '%s/schools.csv' --teachers '%s/teachers.csv' --out '%s'", options,
              county, county, out);
  pid_t pid = tu_start(cmd, log, ready, times);
  char kill_cmd[64];
  tu_snprintf(kill_cmd, sizeof kill_cmd, "pkill -%d -P %d", sig, (int)pid);
  assert_int_equal(system(kill_cmd), 0);
  int wst = 0;
  assert_int_equal(waitpid(pid, &wst, 0), pid);
  assert_true(WIFEXITED(wst));
  *exit_code = WEXITSTATUS(wst);
  char *text = tu_read(log);
  assert_non_null(text);
  return text;
}

int tu_processes_with(const char *tag) {
  char cmd[4400];
  struct timespec ts = {1, 0};
  nanosleep(&ts, NULL);
  tu_snprintf(cmd, sizeof cmd, "pgrep -f '[%c]%s' | wc -l", tag[0], tag + 1);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  int n = -1;
  assert_int_equal(fscanf(p, "%d", &n), 1);
  pclose(p);
  if (n != 0) { /* say which, for the failure */
    tu_snprintf(cmd, sizeof cmd, "pgrep -af '[%c]%s' >&2", tag[0], tag + 1);
    if (system(cmd) != 0)
      fprintf(stderr, "(gone by now)\n");
  }
  return n;
}

char *tu_snapshot(const char *dir) {
  char cmd[9000], out[4400];
  tu_snprintf(out, sizeof out, "%s.snapshot", dir);
  tu_snprintf(cmd, sizeof cmd,
              "cd '%s' && { find . -printf '%%p %%y %%i %%s\\n' | LC_ALL=C sort; "
              "find . -type f -exec sha256sum {} + | LC_ALL=C sort; } > '%s'", dir, out);
  assert_int_equal(system(cmd), 0);
  char *text = tu_read(out);
  assert_non_null(text);
  return text;
}

struct cJSON *tu_read_summary(const char *dir) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/summary.json", dir);
  char *text = tu_read(path);
  assert_non_null(text);
  cJSON *doc = cJSON_Parse(text);
  free(text);
  assert_non_null(doc);
  return doc;
}

void tu_verify_years(const char *dir, int first, int n) {
  for (int y = first; y < first + n; y++) {
    char yd[4300];
    tu_snprintf(yd, sizeof yd, "%s/year_%d", dir, y);
    tu_run_t r = tu_run("verify --schools '%s/input/schools.csv' --teachers "
                        "'%s/input/teachers.csv' --policy '%s/input/policy.ini' --plan '%s'",
                        yd, yd, yd, yd);
    if (r.exit_code != 0)
      fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    tu_run_free(&r);
  }
}

int tu_cbc_optimum(const char *model, const char *solution, double *obj) {
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "cbc '%s' solve solu '%s' >/dev/null 2>&1", model, solution);
  if (system(cmd) != 0)
    return -1;
  char *text = tu_read(solution);
  if (!text)
    return -1;
  const char *at = strstr(text, "objective value");
  int ok = strncmp(text, "Optimal", 7) == 0 && at &&
           sscanf(at, "objective value %lf", obj) == 1;
  free(text);
  return ok ? 0 : -1;
}

int tu_have_cbc(const char *what) {
  if (rp_plan_backend_available(RP_BACKEND_CBC))
    return 1;
  fprintf(stderr, "%s: skipped: rotaplan was built without CBC (Debian coinor-libcbc-dev)\n",
          what);
  return 0;
}

void tu_backends_agree(const cJSON *glpk, const cJSON *cbc, const char *tag) {
  const cJSON *g = cJSON_GetObjectItem(glpk, "solver"), *c = cJSON_GetObjectItem(cbc, "solver");
  assert_string_equal(cJSON_GetObjectItem(g, "backend")->valuestring, "glpk");
  assert_string_equal(cJSON_GetObjectItem(c, "backend")->valuestring, "cbc");
  const cJSON *st = cJSON_GetObjectItem(g, "stages");
  int n = 0;
  for (const cJSON *o = st ? st->child : NULL; o; o = o->next, n++) {
    const char *name = cJSON_GetObjectItem(o, "name")->valuestring;
    double a = tu_stage(glpk, name, "optimum"), b = tu_stage(cbc, name, "optimum");
    double ga = tu_stage(glpk, name, "gap"), gb = tu_stage(cbc, name, "gap");
    double big = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    fprintf(stderr, "%s, stage %s: GLPK %.9g (gap %g), CBC %.9g (gap %g)\n", tag, name, a, ga,
            b, gb);
    assert_false(isnan(b));
    assert_true(fabs(a - b) <= 1e-6 * (1 + big) + (ga > gb ? ga : gb) * big);
  }
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(c, "stages")), n);
}

double tu_stage(const cJSON *sum, const char *name, const char *field) {
  const cJSON *st = cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "solver"), "stages");
  for (const cJSON *o = st ? st->child : NULL; o; o = o->next)
    if (strcmp(cJSON_GetObjectItem(o, "name")->valuestring, name) == 0)
      return cJSON_GetObjectItem(o, field)->valuedouble;
  return NAN;
}
