/* A solve in a forked child (see backend.h).  A backend's library may not
 * be interruptible everywhere (GLPK's root relaxation) and may crash: the
 * child solves and sends its result back through a pipe, the parent waits
 * until the deadline (plus at most a second for the child's own orderly
 * stop) and then ends it, so the limit holds whatever the solver is doing. */
#include "solver/backend.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct {
  int rc; /* rp_status_t of the child's run */
  int status;
  double value[RP_STAGES_MAX], held[RP_STAGES_MAX], stage_gap[RP_STAGES_MAX], bound, gap,
      seconds;
  int proven;
  char message[256];
  size_t ncols;
  int has_x;
} wire_t;

/* Moves n bytes through fd: reads them into buf before the deadline
 * (monotonic seconds), or writes them (rd 0).  -1 on timeout, EOF or error. */
static int move_all(int fd, void *buf, size_t n, int rd, double deadline) {
  char *p = buf;
  while (n > 0) {
    if (rd) {
      int ms = (int)((deadline - now_s()) * 1000);
      if (ms < 0)
        return -1;
      struct pollfd pfd = {fd, POLLIN, 0};
      int r = poll(&pfd, 1, ms);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return -1;
    }
    ssize_t k = rd ? read(fd, p, n) : write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* The child must not outlive the run: killed (TERM, INT, even KILL), the
 * parent takes its solver with it.  Linux sends the child SIGKILL when the
 * parent dies (PR_SET_PDEATHSIG); a parent that died before that was set
 * is caught by the check after it. */
static void die_with_parent(pid_t parent) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (getppid() != parent)
    _exit(1);
}

rp_status_t rp_solve_in_child(rp_solve_run_fn run, void *job, size_t ncols,
                              const rp_solve_opts_t *opts, rp_solution_t *sol, rp_diag_t *diag) {
  int fds[2];
  double t0 = now_s();
  memset(sol, 0, sizeof *sol);
  sol->status = RP_SOL_ERROR;
  if (pipe(fds) != 0)
    return run(job, sol, diag); /* no pipe: solve here, as without a limit */
  fflush(NULL);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return run(job, sol, diag);
  }
  if (pid == 0) { /* child: solve, send, leave without touching stdio */
    die_with_parent(parent);
    close(fds[0]);
    rp_diag_t quiet = RP_DIAG_INIT;
    wire_t w = {0};
    w.rc = run(job, sol, &quiet);
    w.status = sol->status;
    memcpy(w.value, sol->value, sizeof w.value);
    memcpy(w.held, sol->held, sizeof w.held);
    memcpy(w.stage_gap, sol->stage_gap, sizeof w.stage_gap);
    w.proven = sol->proven;
    w.bound = sol->bound;
    w.gap = sol->gap;
    w.seconds = sol->seconds;
    memcpy(w.message, sol->message, sizeof w.message);
    w.ncols = ncols;
    w.has_x = sol->x != NULL;
    int bad = move_all(fds[1], &w, sizeof w, 0, 0) != 0 ||
              (w.has_x && move_all(fds[1], sol->x, w.ncols * sizeof *sol->x, 0, 0) != 0);
    _exit(bad ? 1 : 0);
  }
  close(fds[1]);
  wire_t w;
  /* The child stops itself at the limit when it can (in branch and bound,
   * keeping its best plan); it gets a little longer to send that plan. */
  double grace = 0.2 + 0.05 * opts->time_limit;
  double deadline = t0 + opts->time_limit + (grace < 1.0 ? grace : 1.0);
  rp_status_t st = RP_ESOLVER;
  int got = move_all(fds[0], &w, sizeof w, 1, deadline) == 0;
  if (got && w.has_x) {
    sol->x = malloc((w.ncols + 1) * sizeof *sol->x);
    got = sol->x && move_all(fds[0], sol->x, w.ncols * sizeof *sol->x, 1, deadline + 5) == 0;
  }
  close(fds[0]);
  if (!got)
    kill(pid, SIGKILL);
  int wst = 0;
  while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
    ;
  if (got) {
    st = (rp_status_t)w.rc;
    sol->status = (rp_sol_status_t)w.status;
    memcpy(sol->value, w.value, sizeof sol->value);
    memcpy(sol->held, w.held, sizeof sol->held);
    memcpy(sol->stage_gap, w.stage_gap, sizeof sol->stage_gap);
    sol->proven = w.proven;
    sol->bound = w.bound;
    sol->gap = w.gap;
    sol->seconds = w.seconds;
    memcpy(sol->message, w.message, sizeof sol->message);
    if (st != RP_OK)
      rp_diag_error(diag, NULL, 0, NULL, "%s", sol->message);
    return st;
  }
  free(sol->x);
  sol->x = NULL;
  sol->seconds = now_s() - t0;
  if (WIFSIGNALED(wst) && WTERMSIG(wst) != SIGKILL) {
    sol->crash_signal = WTERMSIG(wst);
    snprintf(sol->message, sizeof sol->message, "the solver crashed (signal %d)",
             sol->crash_signal);
    rp_diag_error(diag, NULL, 0, NULL, "solver: %s", sol->message);
    return RP_ESOLVER;
  }
  sol->status = RP_SOL_NOSOLUTION;
  snprintf(sol->message, sizeof sol->message, "no plan found within the time limit of %g s",
           opts->time_limit);
  return RP_OK;
}

