/* End to end, the outputs of a run as a whole (issue 16, docs/reliability.md):
 * no output of plan or compare replaces an input of the run (the rosters, a
 * scenario's files and its `extends` parents, the data they name) or
 * another output, and each such run is refused before anything is solved;
 * a run's files are all in place or none (a full disk simulated with a
 * file-size limit, a folder where a file goes, a failure in the third of
 * three years); a killed compare leaves no process, no temporary file and
 * the previous files as they were; --out a file or a folder that cannot be
 * written is refused before the model is built. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

#define ROSTERS "--schools '%s' --teachers '%s' --policy '%s'"
#define DEMO_ARGS tu_src("scenarios/demo/county/schools.csv"), \
                  tu_src("scenarios/demo/county/teachers.csv"), \
                  tu_src("scenarios/demo/county/policy.ini")

/* The folder dir is as the snapshot `before` (freed) says. */
static void unchanged(const char *dir, char *before) {
  char *after = tu_snapshot(dir);
  assert_string_equal(before, after);
  free(before);
  free(after);
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...) {
  char cmd[20000];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  assert_int_equal(system(cmd), 0);
}

/* A scenario file at path (folders made) naming the demo's data, with
 * `extra` lines in [base]. */
static void scenario_at(const char *path, const char *extra) {
  sh("mkdir -p \"$(dirname '%s')\" && printf '[base]\\n%s\\n' > '%s'", path, extra, path);
}

/* A scenario named `name` at path over the demo's rosters. */
static void demo_scenario(const char *path, const char *name) {
  char lines[9000];
  tu_snprintf(lines, sizeof lines, "name = %s\\nschools = %s\\nteachers = %s", name,
              tu_src("scenarios/demo/county/schools.csv"),
              tu_src("scenarios/demo/county/teachers.csv"));
  scenario_at(path, lines);
}

/* The run was refused with exit `code` and the message, before any scenario
 * or model was planned. */
static void refused(tu_run_t *r, int code, const char *msg) {
  if (r->exit_code != code)
    fprintf(stderr, "%s", r->err);
  assert_int_equal(r->exit_code, code);
  assert_contains(r->err, msg);
  assert_null(strstr(r->err, "model:"));
  assert_null(strstr(r->err, "compare: planning"));
  tu_run_free(r);
}

/* Issue 16, 1: compare --xlsx on a scenario's roster. */
static void compare_workbook_never_replaces_a_roster(void **state) {
  (void)state;
  char ini[4400], roster[4400];
  tu_snprintf(roster, sizeof roster, "%s", tu_path("cdx/s.csv"));
  tu_snprintf(ini, sizeof ini, "%s", tu_path("datx.ini"));
  sh("mkdir -p \"$(dirname '%s')\" && cp '%s' '%s'", roster,
     tu_src("scenarios/demo/county/schools.csv"), roster);
  char lines[9000];
  tu_snprintf(lines, sizeof lines, "name = datx\\nschools = cdx/s.csv\\nteachers = %s\\npolicy = %s",
              tu_src("scenarios/demo/county/teachers.csv"),
              tu_src("scenarios/demo/county/policy.ini"));
  scenario_at(ini, lines);
  char *before = tu_snapshot(tu_path("cdx"));
  tu_run_t r = tu_run("compare --out '%s' --xlsx '%s' '%s'", tu_path("cdx/o"), roster, ini);
  refused(&r, 2, "refusing to write over an input file");
  unchanged(tu_path("cdx"), before);
}

/* The run `args` (compare or plan) is refused, exit 2, for writing over
 * an input, and the folder dir is as it was. */
static void refused_keeps(const char *dir, const char *args) {
  char *before = tu_snapshot(dir);
  tu_run_t r = tu_run("%s", args);
  refused(&r, 2, "refusing to write over an input file");
  unchanged(dir, before);
}

/* Issue 16, 1: a scenario's roster is a comparison file (teachers =
 * cdat/comparison.csv with --out cdat). */
static void a_scenario_roster_is_never_a_comparison_file(void **state) {
  (void)state;
  char lines[9000], args[9000];
  sh("mkdir -p '%s' && cp '%s' '%s'", tu_path("cdat"), tu_src("scenarios/demo/county/teachers.csv"),
     tu_path("cdat/comparison.csv"));
  tu_snprintf(lines, sizeof lines, "name = cdat\\nschools = %s\\nteachers = cdat/comparison.csv",
              tu_src("scenarios/demo/county/schools.csv"));
  scenario_at(tu_path("cdat.ini"), lines);
  tu_snprintf(args, sizeof args, "compare --out '%s' '%s'", tu_path("cdat"), tu_path("cdat.ini"));
  refused_keeps(tu_path("cdat"), args);
}

/* Issue 16, 1: plan --scenario sp/summary.json --out sp. */
static void a_scenario_file_is_never_a_plan_file(void **state) {
  (void)state;
  char args[9000];
  demo_scenario(tu_path("sp/summary.json"), "sp");
  tu_snprintf(args, sizeof args, "plan --scenario '%s' --out '%s'", tu_path("sp/summary.json"),
              tu_path("sp"));
  refused_keeps(tu_path("sp"), args);
}

/* Issue 16, 1: any number of scenarios protected (a 17th at
 * DIR/comparison.csv), refused before any is planned. */
static void every_scenario_file_is_protected(void **state) {
  (void)state;
  char args[20000] = "compare --out ";
  size_t k = strlen(args);
  k += (size_t)tu_snprintf(args + k, sizeof args - k, "'%s'", tu_path("mo"));
  for (int i = 1; i <= 17; i++) {
    char path[4400];
    tu_snprintf(path, sizeof path, i < 17 ? "%s/m/s%d.ini" : "%s/mo/comparison.csv",
                tu_tmpdir(), i);
    char name[16];
    tu_snprintf(name, sizeof name, "s%d", i);
    demo_scenario(path, name);
    k += (size_t)tu_snprintf(args + k, sizeof args - k, " '%s'", path);
  }
  refused_keeps(tu_path("mo"), args);
}

/* Issue 16, 1: an `extends` parent at DIR/comparison.md. */
static void an_extends_parent_is_protected(void **state) {
  (void)state;
  char args[9000];
  demo_scenario(tu_path("eo/comparison.md"), "parent");
  scenario_at(tu_path("e.ini"), "name = child\\nextends = eo/comparison.md");
  tu_snprintf(args, sizeof args, "compare --out '%s' '%s'", tu_path("eo"), tu_path("e.ini"));
  refused_keeps(tu_path("eo"), args);
}

/* Issue 16, 1: an output that is another output of the run: compare's
 * workbook as a scenario's summary.json. */
static void two_outputs_are_never_one_file(void **state) {
  (void)state;
  sh("mkdir -p '%s' && echo old > '%s'", tu_path("fo/baseline"), tu_path("fo/baseline/summary.json"));
  char *before = tu_snapshot(tu_path("fo"));
  tu_run_t r = tu_run("compare --out '%s' --xlsx '%s' '%s'", tu_path("fo"),
                      tu_path("fo/baseline/summary.json"), tu_src("scenarios/demo/0-baseline.ini"));
  refused(&r, 2, "another output of this run");
  unchanged(tu_path("fo"), before);
}

/* Issue 16, 1: with --years, the workbook as a year's rotation list. */
static void a_workbook_is_never_a_year_file(void **state) {
  (void)state;
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s' --years 2 --xlsx '%s'", DEMO_ARGS, tu_path("yo"),
                      tu_path("yo/year_2026/rotation_list.csv"));
  refused(&r, 2, "another output of this run");
}

/* A plan of the demo with a workbook and a report in tmpdir/name, which
 * is returned. */
static const char *planned(const char *name) {
  const char *dir = tu_path(name);
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s' --html '%s/r.html' --xlsx '%s/p.xlsx'",
                      DEMO_ARGS, dir, dir, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  return dir;
}

/* Issue 16, 2: another plan of the demo into `name` (nobody need move: a
 * short rotation list, the greedy method) under a file-size limit of
 * `blocks` 512-byte blocks, as a full disk: it fails (exit 3) and the
 * previous run's files stay, every one, with no temporary left. */
static void full_disk_keeps_the_previous_plan(const char *name, int blocks) {
  const char *dir = planned(name);
  char *before = tu_snapshot(dir), limit[64];
  const char *p = tu_write("q0.ini", "[rotation]\nplan_year = 2026\nquota_share = 0\n"
                                     "backbone_share = 0\n");
  tu_snprintf(limit, sizeof limit, "ulimit -f %d; exec", blocks);
  tu_run_t r = tu_run_with(limit, "plan " ROSTERS " --method greedy --out '%s' --html '%s/r.html' "
                           "--xlsx '%s/p.xlsx'", tu_src("scenarios/demo/county/schools.csv"),
                           tu_src("scenarios/demo/county/teachers.csv"), p, dir, dir, dir);
  if (r.exit_code != 3)
    fprintf(stderr, "%s: %s", limit, r.err);
  assert_int_equal(r.exit_code, 3);
  tu_run_free(&r);
  unchanged(dir, before);
}

/* Room for the plan files, not for the report. */
static void a_report_on_a_full_disk_keeps_the_plan(void **state) {
  (void)state;
  full_disk_keeps_the_previous_plan("aon_report", 100);
}

/* Room for the short rotation list alone. */
static void a_nearly_full_disk_keeps_the_plan(void **state) {
  (void)state;
  full_disk_keeps_the_previous_plan("aon_list", 4);
}

/* Issue 16, 2 and 7: summary.json (or subjects.csv) a folder: refused
 * before the model is built, the other files as they were. */
static void folder_in_place_of(const char *name, const char *file) {
  const char *dir = planned(name);
  sh("rm '%s/%s' && mkdir '%s/%s'", dir, file, dir, file);
  char *before = tu_snapshot(dir);
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s'", DEMO_ARGS, dir);
  refused(&r, 2, "is a folder, not a file");
  unchanged(dir, before);
}

static void a_folder_in_place_of_a_file_keeps_the_plan(void **state) {
  (void)state;
  folder_in_place_of("aon_folder", "summary.json");
  /* subjects.csv is a file of the plan like the others (pipeline/outputs.c). */
  folder_in_place_of("aon_subjects", "subjects.csv");
}

/* subjects.csv is replaced with the plan's other files (the full-disk tests
 * above check that it is kept with them too): the demo's plan, then a plan
 * of the demo where nobody moves, whose rows all have as many teachers
 * after as before. */
static void subjects_csv_follows_the_plan(void **state) {
  (void)state;
  const char *dir = planned("aon_subj");
  char path[4400];
  tu_snprintf(path, sizeof path, "%s/subjects.csv", dir);
  char *first = tu_read(path);
  assert_non_null(first);
  assert_contains(first, "school_id,name,section,subject,demand,need,before,after,");
  const char *p = tu_write("q0s.ini", "[rotation]\nplan_year = 2026\nquota_share = 0\n"
                                      "backbone_share = 0\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --method greedy "
                      "--out '%s'", tu_src("scenarios/demo/county/schools.csv"),
                      tu_src("scenarios/demo/county/teachers.csv"), p, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  char *second = tu_read(path);
  assert_non_null(second);
  /* No moves: every row's teachers after are its teachers before. */
  for (const char *line = strchr(second, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
    const char *f = line + 1;
    for (int k = 0; k < 6; k++)
      f = strchr(f, ',') + 1;
    long before = strtol(f, (char **)&f, 10), after = strtol(f + 1, NULL, 10);
    assert_int_equal(before, after);
  }
  free(first);
  free(second);
}

/* Issue 16, 2: --years 5 stopped (TERM) once its second year's model is
 * built, after the first year was planned: nothing was written, and the
 * previous run's years are as they were.  Three more years of solving are
 * left when the signal comes, on any machine. */
static void years_are_all_or_nothing(void **state) {
  (void)state;
  const char *dir = tu_path("years");
  char log[4400], cmd[9000];
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s' --years 3", DEMO_ARGS, dir);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  char *before = tu_snapshot(dir);
  tu_snprintf(log, sizeof log, "%s.log", dir);
  tu_snprintf(cmd, sizeof cmd, "plan " ROSTERS " --out '%s' --years 5", DEMO_ARGS, dir);
  pid_t pid = tu_start(cmd, log, "model:", 2);
  assert_int_equal(kill(pid, SIGTERM), 0);
  int wst = 0;
  assert_int_equal(waitpid(pid, &wst, 0), pid);
  assert_true(WIFSIGNALED(wst) && WTERMSIG(wst) == SIGTERM);
  assert_int_equal(tu_processes_with(dir), 0);
  unchanged(dir, before);
}

/* Two scenarios named s1 and s2 in folder `kind` over the county in
 * `county` (year 2027 of the demo), with the policy `policy`. */
static void two_scenarios(const char *kind, const char *county, const char *policy) {
  for (int i = 1; i <= 2; i++) {
    char path[4400], lines[9000];
    tu_snprintf(path, sizeof path, "%s/%s/s%d.ini", tu_tmpdir(), kind, i);
    tu_snprintf(lines, sizeof lines,
                "name = s%d\\nschools = %s/schools.csv\\nteachers = %s/teachers.csv\\n"
                "policy = %s", i, county, county, policy);
    scenario_at(path, lines);
  }
}

/* Waits (at most 60 s) until scenario s1 of the comparison in dir has
 * written its files (newer than the file `since`, made before the run: not
 * the run's log, which s2's progress lines keep newer than anything). */
static void wait_for_s1(const char *dir, const char *since) {
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "test -n \"$(find '%s/s1' -type f -newer '%s')\"", dir, since);
  for (int i = 0; i < 600 && system(cmd) != 0; i++) {
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

/* Issue 16, 2 and 3: compare killed by TERM, INT or KILL while one scenario
 * is planned and the other solving leaves no process (the scenarios' and
 * their solvers' die with it), no temporary file and the previous
 * comparison as it was, the planned scenario's folder too. */
static void killed_compare_leaves_nothing_running(void **state) {
  (void)state;
  static const int sigs[] = {SIGTERM, SIGINT, SIGKILL};
  char county[4400];
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s' --years 2", DEMO_ARGS, tu_path("kc_county"));
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  tu_snprintf(county, sizeof county, "%s/year_2027/input", tu_path("kc_county"));
  char policy[4400];
  tu_snprintf(policy, sizeof policy, "%s/policy.ini", county);
  two_scenarios("fast", county, policy);
  /* A county of 3,000 sections keeps a solver busy for minutes (its first
   * relaxation alone takes longer than s1's whole plan): long after s1 is
   * done, however fast the machine. */
  r = tu_run("generate --sections 3000 --seed 1 --out '%s'", tu_path("kc_big"));
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  two_scenarios("slow", tu_path("kc_big"), tu_write("big.ini", "[rotation]\n"));
  for (int i = 0; i < 3; i++) {
    char tag[64], dir[4400], log[4400], cmd[20000];
    tu_snprintf(tag, sizeof tag, "killed_compare_%d", sigs[i]);
    tu_snprintf(dir, sizeof dir, "%s", tu_path(tag));
    tu_snprintf(log, sizeof log, "%s.log", dir);
    r = tu_run("compare --out '%s' --jobs 2 --html '%s/r.html' '%s/fast/s1.ini' "
               "'%s/fast/s2.ini'", dir, dir, tu_tmpdir(), tu_tmpdir());
    assert_int_equal(r.exit_code, 0);
    tu_run_free(&r);
    char *before = tu_snapshot(dir);
    tu_snprintf(cmd, sizeof cmd, "compare --out '%s' --jobs 2 --time-limit 300 --html '%s/r.html' "
                "'%s/fast/s1.ini' '%s/slow/s2.ini'", dir, dir, tu_tmpdir(), tu_tmpdir());
    const char *since = tu_write("killed_compare.since", "");
    struct timespec tick = {0, 20 * 1000 * 1000}; /* a newer mtime than since's */
    nanosleep(&tick, NULL);
    pid_t pid = tu_start(cmd, log, "model:", 2); /* both scenarios solving */
    wait_for_s1(dir, since);
    assert_int_equal(kill(pid, sigs[i]), 0);
    int wst = 0;
    assert_int_equal(waitpid(pid, &wst, 0), pid);
    assert_true(WIFSIGNALED(wst) && WTERMSIG(wst) == sigs[i]);
    assert_int_equal(tu_processes_with(dir), 0); /* the full path: this run's alone */
    unchanged(dir, before);
  }
}

/* Issue 16, 7: --out a file, a path under a file, or a folder that cannot
 * be written: refused before the model is built (as root, the last is run
 * as nobody, for whom a 0555 folder is read-only). */
static void output_folders_are_checked_before_solving(void **state) {
  (void)state;
  sh("mkdir -p '%s' && echo kept > '%s/file' && mkdir -p '%s' && chmod 0555 '%s'", tu_path("o7"),
     tu_path("o7"), tu_path("o7/ro"), tu_path("o7/ro"));
  char *before = tu_snapshot(tu_path("o7"));
  tu_run_t r = tu_run("plan " ROSTERS " --out '%s'", DEMO_ARGS, tu_path("o7/file"));
  refused(&r, 2, "is a file, not a folder");
  r = tu_run("plan " ROSTERS " --out '%s'", DEMO_ARGS, tu_path("o7/file/sub"));
  refused(&r, 2, "is a file, not a folder");
  r = tu_run("compare --out '%s' '%s'", tu_path("o7/file"), tu_src("scenarios/demo/0-baseline.ini"));
  refused(&r, 2, "is a file, not a folder");
  const char *as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  r = tu_run_with(as, "plan " ROSTERS " --out '%s/new'", DEMO_ARGS, tu_path("o7/ro"));
  refused(&r, 3, "cannot write into this folder");
  r = tu_run_with(as, "compare --out '%s' '%s'", tu_path("o7/ro"),
                  tu_src("scenarios/demo/0-baseline.ini"));
  refused(&r, 3, "cannot write into this folder");
  unchanged(tu_path("o7"), before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(compare_workbook_never_replaces_a_roster),
      cmocka_unit_test(a_scenario_roster_is_never_a_comparison_file),
      cmocka_unit_test(a_scenario_file_is_never_a_plan_file),
      cmocka_unit_test(every_scenario_file_is_protected),
      cmocka_unit_test(an_extends_parent_is_protected),
      cmocka_unit_test(two_outputs_are_never_one_file),
      cmocka_unit_test(a_workbook_is_never_a_year_file),
      cmocka_unit_test(a_report_on_a_full_disk_keeps_the_plan),
      cmocka_unit_test(a_nearly_full_disk_keeps_the_plan),
      cmocka_unit_test(a_folder_in_place_of_a_file_keeps_the_plan),
      cmocka_unit_test(subjects_csv_follows_the_plan),
      cmocka_unit_test(years_are_all_or_nothing),
      cmocka_unit_test(killed_compare_leaves_nothing_running),
      cmocka_unit_test(output_folders_are_checked_before_solving),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
