/* End to end, hardening: the same inputs give the same bytes (twice, in any
 * locale, in any row order); a failed run leaves the previous outputs as
 * they were; no input is ever overwritten; a failure inside GLPK is a clear
 * message and exit 5, not an abort; output folders follow the umask. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

#define ROSTERS "--schools '%s' --teachers '%s' --policy '%s'"
#define DEMO_ARGS tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"), \
                  tu_src("scenarios/demo/county/policy.ini")

static const char *const outputs[] = {"rotation_list.csv", "schools_after.csv",
                                      "recruitment.csv", "summary.json"};

static char *read_out(const char *dir, const char *name) {
  char path[4400];
  tu_snprintf(path, sizeof path, "%s/%s", dir, name);
  char *text = tu_read(path);
  assert_non_null(text);
  /* Timings aside: drop the solver's seconds from the summary. */
  char *sec = strstr(text, "\"seconds\":");
  if (sec) {
    char *eol = strchr(sec, '\n');
    memmove(sec, eol, strlen(eol) + 1);
  }
  return text;
}

static void same_outputs(const char *a, const char *b) {
  for (int i = 0; i < 4; i++) {
    char *x = read_out(a, outputs[i]), *y = read_out(b, outputs[i]);
    if (strcmp(x, y) != 0)
      fprintf(stderr, "%s differs between %s and %s\n", outputs[i], a, b);
    assert_string_equal(x, y);
    free(x);
    free(y);
  }
}

static void plan_into(const char *env, const char *s, const char *t, const char *p,
                      const char *dir) {
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "%s '%s' plan " ROSTERS " --out '%s' >/dev/null 2>&1", env,
           getenv("RP_BIN"), s, t, p, dir);
  assert_int_equal(system(cmd), 0);
}


static void same_bytes_twice_and_in_any_locale(void **state) {
  (void)state;
  const char *a = tu_path("det_a"), *b = tu_path("det_b"), *c = tu_path("det_zh");
  plan_into("LC_ALL=C", DEMO_ARGS, a);
  plan_into("LC_ALL=C", DEMO_ARGS, b);
  same_outputs(a, b);
  /* A Chinese locale (whether or not it is installed) must not change a
   * digit: numbers are written in the C locale. */
  plan_into("LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8", DEMO_ARGS, c);
  same_outputs(a, c);
}

/* Writes the file with its data rows in reverse order. */
static const char *reversed(const char *src, const char *name) {
  char *text = tu_read(src);
  assert_non_null(text);
  size_t n = strlen(text);
  char *out = malloc(n + 2);
  char *hdr_end = strchr(text, '\n') + 1;
  size_t used = (size_t)(hdr_end - text);
  memcpy(out, text, used);
  char *end = text + n;
  while (end > hdr_end) {
    char *line_end = end;
    if (line_end[-1] == '\n')
      line_end--;
    char *start = line_end;
    while (start > hdr_end && start[-1] != '\n')
      start--;
    memcpy(out + used, start, (size_t)(line_end - start));
    used += (size_t)(line_end - start);
    out[used++] = '\n';
    end = start;
  }
  const char *path = tu_write_bytes(name, out, used);
  free(out);
  free(text);
  return path;
}

static void same_plan_in_any_row_order(void **state) {
  (void)state;
  const char *a = tu_path("order_a"), *b = tu_path("order_b");
  plan_into("", DEMO_ARGS, a);
  static char s[4200], t[4200];
  tu_snprintf(s, sizeof s, "%s", reversed(tu_src("scenarios/demo/county/schools.csv"), "rev_schools.csv"));
  tu_snprintf(t, sizeof t, "%s", reversed(tu_src("scenarios/demo/county/teachers.csv"), "rev_teachers.csv"));
  plan_into("", s, t, tu_src("scenarios/demo/county/policy.ini"), b);
  /* summary.json differs only in the inputs' SHA-256: compare the rest. */
  for (int i = 0; i < 3; i++) {
    char *x = read_out(a, outputs[i]), *y = read_out(b, outputs[i]);
    assert_string_equal(x, y);
    free(x);
    free(y);
  }
}

static void failed_run_keeps_previous_outputs(void **state) {
  (void)state;
  const char *dir = tu_path("keep");
  plan_into("", DEMO_ARGS, dir);
  char *before[4];
  for (int i = 0; i < 4; i++)
    before[i] = read_out(dir, outputs[i]);
  /* The same county with a quota no plan can meet: exit 4, nothing written. */
  const char *p = tu_write("impossible.ini", "[rotation]\nplan_year = 2026\nquota_share = 0.9\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'",
                      tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"),
                      p, dir);
  assert_int_equal(r.exit_code, 4);
  assert_non_null(strstr(r.err, "nothing was written"));
  tu_run_free(&r);
  for (int i = 0; i < 4; i++) {
    char *after = read_out(dir, outputs[i]);
    assert_string_equal(before[i], after);
    free(after);
    free(before[i]);
  }
}

static void never_overwrites_an_input(void **state) {
  (void)state;
  /* The teachers file given again as the model to write. */
  char *was = tu_read(tu_src("scenarios/demo/county/teachers.csv"));
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s' --write-model '%s'", DEMO_ARGS,
                      tu_path("w"), tu_src("scenarios/demo/county/teachers.csv"));
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "refusing to write over an input file"));
  tu_run_free(&r);
  char *is = tu_read(tu_src("scenarios/demo/county/teachers.csv"));
  assert_string_equal(was, is);
  free(was);
  free(is);
  /* An input that sits where an output would go, as a hard link. */
  const char *dir = tu_path("inputs_in_out");
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s' '%s/schools.csv' && ln -f '%s/schools.csv' "
           "'%s/recruitment.csv'", dir, tu_src("scenarios/demo/county/schools.csv"), dir, dir, dir);
  assert_int_equal(system(cmd), 0);
  char s[4400];
  tu_snprintf(s, sizeof s, "%s/schools.csv", dir);
  char *before = tu_read(s);
  r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s'", s,
             tu_src("scenarios/demo/county/teachers.csv"), tu_src("scenarios/demo/county/policy.ini"), dir);
  assert_int_not_equal(r.exit_code, 0);
  assert_non_null(strstr(r.err, "refusing to write over an input file"));
  tu_run_free(&r);
  char *after = tu_read(s);
  assert_string_equal(before, after);
  free(before);
  free(after);
}

/* A FIFO, a link and a folder named as the report, the workbook or the
 * model: refused before anything is solved (exit 2), each left as it was
 * (a rename would have replaced the FIFO or the link by a plain file). */
static void special_files_are_never_replaced(void **state) {
  (void)state;
  const char *dir = tu_path("special");
  char cmd[9000], fifo[4400], link[4400], target[4400], folder[4400];
  tu_snprintf(fifo, sizeof fifo, "%s/fifo", dir);
  tu_snprintf(link, sizeof link, "%s/link.html", dir);
  tu_snprintf(target, sizeof target, "%s/target.html", dir);
  tu_snprintf(folder, sizeof folder, "%s/folder", dir);
  tu_snprintf(cmd, sizeof cmd, "mkdir -p '%s' && mkfifo '%s' && echo kept > '%s' && ln -s '%s' '%s'",
              folder, fifo, target, target, link);
  assert_int_equal(system(cmd), 0);
  const char *const opts[] = {"--html", "--xlsx", "--write-model"};
  const char *const paths[] = {fifo, link, folder};
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      tu_run_t r = tu_run("plan " ROSTERS " --out '%s/o' %s '%s'", DEMO_ARGS, dir, opts[i],
                          paths[j]);
      assert_int_equal(r.exit_code, 2);
      assert_null(strstr(r.err, "model:")); /* refused before the model was built */
      tu_run_free(&r);
    }
  struct stat sb;
  assert_int_equal(lstat(fifo, &sb), 0);
  assert_true(S_ISFIFO(sb.st_mode));
  assert_int_equal(lstat(link, &sb), 0);
  assert_true(S_ISLNK(sb.st_mode));
  char *kept = tu_read(target);
  assert_string_equal(kept, "kept\n");
  free(kept);
  assert_int_equal(lstat(folder, &sb), 0);
  assert_true(S_ISDIR(sb.st_mode));
}

/* Killed by TERM, INT or KILL while GLPK works in its child, plan leaves no
 * process behind (the solver dies with it), no temporary file, and the
 * previous run's files as they were.  A county of 1,000 sections keeps
 * the solver busy for minutes (its first relaxation alone takes more than
 * ten seconds), however fast the machine, and starts solving within seconds
 * (at 3,000 sections, since subjects are pooled, GLPK takes 30 s to set up
 * its first relaxation, past the wait for "solving:" on a loaded machine). */
static void killed_plan_leaves_nothing_running(void **state) {
  (void)state;
  static const int sigs[] = {SIGTERM, SIGINT, SIGKILL};
  char big[4400];
  tu_snprintf(big, sizeof big, "%s", tu_path("big_county"));
  tu_run_t r = tu_run("generate --sections 1000 --seed 1 --out '%s'", big);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  for (int i = 0; i < 3; i++) {
    char tag[64], dir[4400], log[4400], args[9000], cmd[9000];
    tu_snprintf(tag, sizeof tag, "killed_plan_%d", sigs[i]);
    tu_snprintf(dir, sizeof dir, "%s", tu_path(tag));
    tu_snprintf(log, sizeof log, "%s.log", dir);
    plan_into("", DEMO_ARGS, dir);
    char *before[4];
    for (int k = 0; k < 4; k++)
      before[k] = read_out(dir, outputs[k]);
    tu_snprintf(args, sizeof args,
                "--schools '%s/schools.csv' --teachers '%s/teachers.csv' --out '%s' "
                "--time-limit 300", big, big, dir);
    char cmd_plan[9100];
    tu_snprintf(cmd_plan, sizeof cmd_plan, "plan %s", args);
    pid_t pid = tu_start(cmd_plan, log, "solving:", 1);
    assert_int_equal(kill(pid, sigs[i]), 0);
    int wst = 0;
    assert_int_equal(waitpid(pid, &wst, 0), pid);
    assert_true(WIFSIGNALED(wst) && WTERMSIG(wst) == sigs[i]);
    assert_int_equal(tu_processes_with(dir), 0); /* the full path: this run's alone */
    tu_snprintf(cmd, sizeof cmd, "test -z \"$(find '%s' -name '*.tmp*')\"", dir);
    assert_int_equal(system(cmd), 0);
    for (int k = 0; k < 4; k++) {
      char *after = read_out(dir, outputs[k]);
      assert_string_equal(before[k], after);
      free(after);
      free(before[k]);
    }
  }
}

/* Is the file valid UTF-8 (no cut character)? */
static int valid_utf8_file(const char *path) {
  char *t = tu_read(path);
  assert_non_null(t);
  int ok = 1;
  for (const unsigned char *p = (const unsigned char *)t; *p && ok;) {
    int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
            : (*p & 0xF8) == 0xF0 ? 4 : 0;
    ok = len > 0;
    for (int i = 1; i < len && ok; i++)
      ok = (p[i] & 0xC0) == 0x80;
    p += ok ? len : 0;
  }
  free(t);
  return ok;
}

/* Text as rosters may hold it: school ids and names of over 127 bytes of
 * Chinese (cut nowhere mid-character: the report stays valid UTF-8 and the
 * workbook opens), U+FFFE and a control character (replaced in the
 * workbook), and names that a spreadsheet would run as formulas (written
 * after an apostrophe in the CSV files, read back by verify as they were). */
static void odd_text_stays_valid_and_inert(void **state) {
  (void)state;
  const char *dir = tu_path("odd_text");
  char id[400] = "", name[700] = "", path[4400];
  for (int i = 0; i < 60; i++)
    strcat(id, "城");
  for (int i = 0; i < 200; i++)
    strcat(name, "镇");
  char schools[4096];
  tu_snprintf(schools, sizeof schools,
              "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
              "junior_classes,x_km,y_km\n"
              "%s,%s,urban,0,152,0,4,0,0,0\n"
              "B,\xEF\xBF\xBE\x01%s,town,0,152,0,4,0,8,0\n"
              "C,=HYPERLINK(1),rural,0,100,0,3,0,15,6\n", id, name, name);
  char *t = tu_read(tu_src("tests/data/three_schools/teachers.csv"));
  assert_non_null(t);
  /* A's teachers belong to the long id; A01 and A02 get formula names. */
  size_t need = strlen(t) * 4 + 4096, k = 0;
  char *teachers = malloc(need);
  assert_non_null(teachers);
  for (const char *p = t; *p;) {
    if (strncmp(p, ",A,", 3) == 0) {
      k += (size_t)tu_snprintf(teachers + k, need - k, ",%s,", id);
      p += 3;
    } else if (strncmp(p, "A01,A01,A,", 10) == 0 || strncmp(p, "A02,A02,A,", 10) == 0) {
      k += (size_t)tu_snprintf(teachers + k, need - k, "%.3s,%s,%s,", p,
                               p[2] == '1' ? "=1+2" : "@SUM(A1)", id);
      p += 10;
    } else {
      teachers[k++] = *p++;
    }
  }
  teachers[k] = '\0';
  free(t);
  const char *s = tu_write("odd_schools.csv", schools);
  const char *tt = tu_write("odd_teachers.csv", teachers);
  free(teachers);
  const char *p = tu_write("odd.ini", "[rotation]\nplan_year = 2026\nbackbone_share = 0\n"
                                      "quota_share = 0.3\nmax_outflow_share = 0.5\nsubject_cover = off\n");
  const char *pins = tu_write("odd_pins.csv", "teacher_id,action,school_id\nA01,move,\nA02,move,\n");
  tu_run_t r = tu_run("plan " ROSTERS " --pins '%s' --out '%s' --xlsx '%s/p.xlsx' --html "
                      "'%s/r.html'", s, tt, p, pins, dir, dir, dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s", r.err);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  tu_snprintf(path, sizeof path, "%s/r.html", dir);
  assert_true(valid_utf8_file(path));
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd,
              "/usr/bin/python3 -c 'import openpyxl,sys; openpyxl.load_workbook(sys.argv[1])' "
              "'%s/p.xlsx'", dir);
  assert_int_equal(system(cmd), 0);
  char *list = read_out(dir, "rotation_list.csv");
  char *after = read_out(dir, "schools_after.csv");
  assert_null(strstr(list, ",=1+2,")); /* never bare */
  assert_null(strstr(list, ",@SUM(A1),"));
  assert_null(strstr(after, ",=HYPERLINK"));
  assert_non_null(strstr(after, "'=HYPERLINK"));
  assert_non_null(strstr(list, ",'=1+2,"));
  assert_non_null(strstr(list, ",'@SUM(A1),"));
  free(list);
  free(after);
  r = tu_run("verify " ROSTERS " --pins '%s' --plan '%s'", s, tt, p, pins, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
}

static void glpk_failure_is_reported_not_aborted(void **state) {
  (void)state;
  const char *bin = getenv("RP_BIN_GLPK_FAIL");
  assert_non_null(bin);
  const char *dir = tu_path("glpk_fail");
  char cmd[9000], err[4300];
  tu_snprintf(err, sizeof err, "%s/glpk_fail.err", tu_tmpdir());
  tu_snprintf(cmd, sizeof cmd, "'%s' plan " ROSTERS " --out '%s' >/dev/null 2>'%s'; echo $? >> '%s'",
           bin, DEMO_ARGS, dir, err, err);
  assert_int_equal(system(cmd), 0);
  char *text = tu_read(err);
  assert_non_null(text);
  assert_non_null(strstr(text, "GLPK failed inside the library"));
  assert_non_null(strstr(text, "nothing was written"));
  assert_non_null(strstr(text, "\n5\n"));
  free(text);
  struct stat st;
  char path[4400];
  for (int i = 0; i < 4; i++) {
    tu_snprintf(path, sizeof path, "%s/%s", dir, outputs[i]);
    assert_int_not_equal(stat(path, &st), 0); /* not written */
  }
}

static void outputs_follow_the_umask(void **state) {
  (void)state;
  const char *dir = tu_path("umask/deep");
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "umask 027 && '%s' plan " ROSTERS " --out '%s' >/dev/null 2>&1",
           getenv("RP_BIN"), DEMO_ARGS, dir);
  assert_int_equal(system(cmd), 0);
  struct stat st;
  assert_int_equal(stat(dir, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0750);
  char path[4400];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640);
  /* No temporary file is left beside the outputs. */
  tu_snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c tmp", dir);
  FILE *fp = popen(cmd, "r");
  int n = -1;
  assert_int_equal(fscanf(fp, "%d", &n), 1);
  pclose(fp);
  assert_int_equal(n, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(same_bytes_twice_and_in_any_locale),
      cmocka_unit_test(same_plan_in_any_row_order),
      cmocka_unit_test(failed_run_keeps_previous_outputs),
      cmocka_unit_test(never_overwrites_an_input),
      cmocka_unit_test(special_files_are_never_replaced),
      cmocka_unit_test(killed_plan_leaves_nothing_running),
      cmocka_unit_test(odd_text_stays_valid_and_inert),
      cmocka_unit_test(glpk_failure_is_reported_not_aborted),
      cmocka_unit_test(outputs_follow_the_umask),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
