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
  int proven, stalled;
  char message[256];
  size_t ncols;
  int has_x;
  int final; /* the run's result; 0: a checkpoint (rp_child_checkpoint) */
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

/* The pipe to the parent, in the child (rp_child_checkpoint); -1 else. */
static int to_parent = -1;

/* Sends sol (x of ncols values when it has one) through fd: final, the
 * run's result with its status rc; otherwise a checkpoint. */
static int send_solution(int fd, int rc, const rp_solution_t *sol, size_t ncols, int final) {
  wire_t w = {0};
  w.rc = rc;
  w.final = final;
  w.status = sol->status;
  memcpy(w.value, sol->value, sizeof w.value);
  memcpy(w.held, sol->held, sizeof w.held);
  memcpy(w.stage_gap, sol->stage_gap, sizeof w.stage_gap);
  w.proven = sol->proven;
  w.stalled = sol->stalled;
  w.bound = sol->bound;
  w.gap = sol->gap;
  w.seconds = sol->seconds;
  memcpy(w.message, sol->message, sizeof w.message);
  w.ncols = ncols;
  w.has_x = sol->x != NULL;
  return move_all(fd, &w, sizeof w, 0, 0) != 0 ||
                 (w.has_x && move_all(fd, sol->x, w.ncols * sizeof *sol->x, 0, 0) != 0)
             ? -1
             : 0;
}

void rp_child_checkpoint(const rp_solution_t *sol, size_t ncols) {
  if (to_parent >= 0)
    send_solution(to_parent, RP_OK, sol, ncols, 0);
}

/* Reads one message (its plan into *x, malloc'ed) before the deadline
 * (the plan gets a few seconds more): 0, or -1 on timeout, EOF or error. */
static int receive_solution(int fd, wire_t *w, double **x, double deadline) {
  *x = NULL;
  if (move_all(fd, w, sizeof *w, 1, deadline) != 0)
    return -1;
  if (!w->has_x)
    return 0;
  *x = malloc((w->ncols + 1) * sizeof **x);
  if (*x && move_all(fd, *x, w->ncols * sizeof **x, 1, deadline + 5) == 0)
    return 0;
  free(*x);
  *x = NULL;
  return -1;
}

/* sol gets what the message w says, and x as its plan. */
static void take_solution(const wire_t *w, double *x, rp_solution_t *sol) {
  sol->status = (rp_sol_status_t)w->status;
  memcpy(sol->value, w->value, sizeof sol->value);
  memcpy(sol->held, w->held, sizeof sol->held);
  memcpy(sol->stage_gap, w->stage_gap, sizeof sol->stage_gap);
  sol->proven = w->proven;
  sol->stalled = w->stalled;
  sol->bound = w->bound;
  sol->gap = w->gap;
  sol->seconds = w->seconds;
  memcpy(sol->message, w->message, sizeof sol->message);
  sol->x = x;
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
    to_parent = fds[1];
    rp_diag_t quiet = RP_DIAG_INIT;
    int rc = run(job, sol, &quiet);
    _exit(send_solution(fds[1], rc, sol, ncols, 1) != 0 ? 1 : 0);
  }
  close(fds[1]);
  /* The child stops itself at the limit when it can (in branch and bound,
   * keeping its best plan); it gets a little longer to send that plan.
   * Until its result, it may send checkpoints: the plan of the stages it
   * has finished, which stands if the result does not come in time. */
  double grace = 0.2 + 0.05 * opts->time_limit;
  double deadline = t0 + opts->time_limit + (grace < 1.0 ? grace : 1.0);
  rp_status_t st = RP_ESOLVER;
  wire_t w, kept = {0};
  double *x = NULL, *kept_x = NULL;
  int got = 0, have_kept = 0;
  while (receive_solution(fds[0], &w, &x, deadline) == 0) {
    if (w.final) {
      got = 1;
      break;
    }
    free(kept_x);
    kept = w;
    kept_x = x;
    x = NULL;
    have_kept = 1;
  }
  close(fds[0]);
  if (!got)
    kill(pid, SIGKILL);
  int wst = 0;
  while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
    ;
  if (got) {
    free(kept_x);
    st = (rp_status_t)w.rc;
    take_solution(&w, x, sol);
    if (st != RP_OK)
      rp_diag_error(diag, NULL, 0, NULL, "%s", sol->message);
    return st;
  }
  sol->seconds = now_s() - t0;
  if (WIFSIGNALED(wst) && WTERMSIG(wst) != SIGKILL) {
    free(kept_x);
    sol->crash_signal = WTERMSIG(wst);
    snprintf(sol->message, sizeof sol->message, "the solver crashed (signal %d)",
             sol->crash_signal);
    rp_diag_error(diag, NULL, 0, NULL, "solver: %s", sol->message);
    return RP_ESOLVER;
  }
  if (have_kept) { /* out of time after a stage: its plan stands */
    take_solution(&kept, kept_x, sol);
    sol->seconds = now_s() - t0;
    return RP_OK;
  }
  sol->status = RP_SOL_NOSOLUTION;
  snprintf(sol->message, sizeof sol->message, "no plan found within the time limit of %g s",
           opts->time_limit);
  return RP_OK;
}
