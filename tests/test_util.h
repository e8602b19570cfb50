/* Helpers shared by the tests: temporary files, running the real binary. */
#ifndef RP_TEST_UTIL_H
#define RP_TEST_UTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "model/status.h"

/* A fresh empty folder for this test (RP_TMP or /tmp), path owned by the
 * helper until the next call. */
const char *tu_tmpdir(void);
/* tmpdir/name (static, one of eight slots). */
const char *tu_path(const char *name);
/* Writes `text` to tmpdir/name and returns the full path (static buffer
 * rotated over 8 slots). */
const char *tu_write(const char *name, const char *text);
const char *tu_write_bytes(const char *name, const char *data, size_t len);
/* Copies the source-tree file `rel` (tu_src) to tmpdir/name and returns
 * the full path, as tu_write; a cmocka failure if it cannot be read. */
const char *tu_copy(const char *name, const char *rel);
/* Reads a whole file (malloc'ed, NUL-terminated) or NULL. */
char *tu_read(const char *path);

typedef struct {
  int exit_code;
  char *out; /* stdout, malloc'ed */
  char *err; /* stderr, malloc'ed */
} tu_run_t;

/* Runs "$RP_BIN args" through the shell; the caller frees out/err. */
tu_run_t tu_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As tu_run, the binary started after `prefix`, shell text such as
 * "ulimit -f 4; exec" (a file-size limit, as a full disk) or "setpriv ...". */
tu_run_t tu_run_with(const char *prefix, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tu_run_free(tu_run_t *r);
/* Path of a file in the source tree: $RP_SRC/rel. */
const char *tu_src(const char *rel);

/* CBC's optimum of the written model `model` (`cbc MODEL solve solu
 * SOLUTION`): the first line of its solution file, not its "Objective
 * value:" line, which can be off by the cost of the columns its
 * preprocessing fixed.  0, or -1 when CBC failed or found no optimum. */
int tu_cbc_optimum(const char *model, const char *solution, double *obj);

struct cJSON;
/* Field `field` ("value", "optimum") of the objective's stage `name` in a
 * summary.json document (NAN when absent). */
double tu_stage(const struct cJSON *sum, const char *name, const char *field);

/* Was rotaplan built with CBC (--solver cbc)?  When not, prints that
 * `what` is skipped, on stderr, and returns 0.  The Makefile always
 * installs CBC, so `make test` and CI run what needs it. */
int tu_have_cbc(const char *what);

/* The CBC backend's plan `cbc` reached the stage optima of GLPK's `glpk`
 * (summary.json documents of the same county): every stage of whole units
 * exactly, the others within the gap either stopped at; each summary names
 * its backend.  A cmocka failure otherwise; the stages compared are listed
 * on stderr with `tag`. */
void tu_backends_agree(const struct cJSON *glpk, const struct cJSON *cbc, const char *tag);

/* snprintf for the tests' paths and texts: a truncated result fails the
 * test at once (a silently cut path would test the wrong file).  Returns
 * the length written. */
int tu_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Starts "$RP_BIN CMD ARGS" in the background (cmd "plan ...", as given),
 * stdout and stderr to log, with the default signal dispositions (a
 * shell's `&` would ignore INT); returns its pid once log holds `ready`
 * `times` times (the run is then where the test wants it); a cmocka failure
 * after 60 s. */
pid_t tu_start(const char *cmd, const char *log, const char *ready, int times);

/* A county made by `rotaplan generate --sections N --seed K` in the test's
 * folder under name; returns its folder (tu_path's). */
const char *tu_generate(const char *name, int sections, int seed);

/* Plans the county in folder `county` (its schools.csv and teachers.csv)
 * with `options` into `out`, in the background as tu_start does, its
 * output in "<out>.log"; once that holds `ready` `times` times, sends the
 * solver's child signal sig (to the run's children: SIGABRT is what a
 * failed assertion in a solver raises, SIGSTOP a solver that never
 * answers) and waits for the run.  *exit_code gets its exit code (a cmocka
 * failure when it did not exit); returns the log's text, malloc'ed. */
char *tu_plan_signalling_solver(const char *county, const char *options, const char *out,
                                const char *ready, int times, int sig, int *exit_code);

/* Processes whose command line holds `tag` (pgrep -f), after a moment;
 * the ones found are listed on stderr.  The pattern brackets the tag's
 * first letter, so that the shell running pgrep, whose command line holds
 * the pattern, does not match it. */
int tu_processes_with(const char *tag);

/* Every entry under dir (path, type, inode, size) and every file's
 * SHA-256, sorted, malloc'ed: equal snapshots mean nothing was added,
 * removed, replaced or changed. */
char *tu_snapshot(const char *dir);

/* dir/summary.json parsed (cJSON_Delete it); a cmocka failure if it
 * cannot be read. */
struct cJSON *tu_read_summary(const char *dir);

/* Each of the n year folders dir/year_<first> ... verifies against the
 * rosters it was planned from (its input/ folder); a cmocka failure, with
 * verify's output, if one does not. */
void tu_verify_years(const char *dir, int first, int n);

/* Everything rp_diag_print writes, malloc'ed (cmocka failure if it cannot). */
char *diag_str(const rp_diag_t *d);

/* Needs cmocka.h included before the test file uses it. */
#define assert_contains(hay, needle)                                         \
  do {                                                                       \
    const char *h_ = (hay), *n_ = (needle);                                  \
    assert_non_null(h_);                                                     \
    if (!strstr(h_, n_))                                                     \
      fail_msg("expected to find\n  %s\nin\n%s", n_, h_);                    \
  } while (0)

#endif
