/* `rotaplan plan`: build the model, solve it, write the rotation list. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assign.h"
#include "builder.h"
#include "cli.h"
#include "diagnose.h"
#include "greedy.h"
#include "out_file.h"
#include "plan_io.h"
#include "roster.h"
#include "solver.h"

static const char usage[] =
    "Usage: rotaplan plan --schools FILE --teachers FILE [--policy FILE]\n"
    "                     [--pins FILE] [--preferences FILE] --out DIR\n"
    "                     [--time-limit SEC] [--gap REL] [--write-model FILE]\n"
    "Builds the rotation model of docs/model.md, solves it with GLPK and writes\n"
    "DIR/rotation_list.csv, schools_after.csv, recruitment.csv and summary.json.\n"
    "\n"
    "  -s, --schools FILE      schools.csv\n"
    "  -t, --teachers FILE     teachers.csv\n"
    "  -p, --policy FILE       policy.ini (default: the national rules)\n"
    "      --pins FILE         pins.csv: teacher_id, action (stay|move|to|not_to), school_id\n"
    "      --preferences FILE  preferences.csv: teacher_id, rank, school_id\n"
    "  -o, --out DIR           output folder (created if missing)\n"
    "      --time-limit SEC    stop the solver after SEC seconds (default 600) and\n"
    "                          write the best plan found, marked not proven optimal\n"
    "      --gap REL           accept a plan within this relative gap (default 0)\n"
    "      --write-model FILE  also write the model (.lp: CPLEX LP, else MPS)\n"
    "      --max-columns N     refuse models of more than N columns (default\n"
    "                          2000000: past that GLPK needs gigabytes and hours)\n"
    "      --method M          milp (default): the optimizing model; greedy: the\n"
    "                          rule of thumb (longest-serving to the neediest), to\n"
    "                          measure what optimizing gains\n"
    "  -v, --verbose           show the solver's log\n"
    "  -h, --help              show this help\n";

int rp_cmd_plan(int argc, char **argv) {
  enum { O_PINS = 256, O_PREFS, O_TLIM, O_GAP, O_WRITE, O_METHOD, O_MAXCOLS };
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'},      {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},       {"pins", required_argument, 0, O_PINS},
      {"preferences", required_argument, 0, O_PREFS}, {"out", required_argument, 0, 'o'},
      {"time-limit", required_argument, 0, O_TLIM}, {"gap", required_argument, 0, O_GAP},
      {"write-model", required_argument, 0, O_WRITE}, {"verbose", no_argument, 0, 'v'},
      {"method", required_argument, 0, O_METHOD},
      {"max-columns", required_argument, 0, O_MAXCOLS},
      {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
  rp_inputs_t in = {0};
  const char *out = NULL;
  rp_solve_opts_t so = {.time_limit = 600, .gap = 0, .progress = 1};
  int ch, greedy = 0;
  long max_cols = 2000000;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:o:vh", opts, NULL)) != -1) {
    switch (ch) {
    case 's': in.schools = optarg; break;
    case 't': in.teachers = optarg; break;
    case 'p': in.policy = optarg; break;
    case O_PINS: in.pins = optarg; break;
    case O_PREFS: in.prefs = optarg; break;
    case 'o': out = optarg; break;
    case O_TLIM:
      if (rp_parse_double(optarg, 0.1, 1e6, &so.time_limit) != 0)
        return rp_cli_usage_error("plan", "--time-limit must be seconds (0.1 to 1000000)");
      break;
    case O_GAP:
      if (rp_parse_double(optarg, 0, 1, &so.gap) != 0)
        return rp_cli_usage_error("plan", "--gap must be a fraction from 0 to 1");
      break;
    case O_WRITE: so.write_model = optarg; break;
    case O_MAXCOLS:
      if (rp_parse_int(optarg, 1, 1000000000L, &max_cols) != 0)
        return rp_cli_usage_error("plan", "--max-columns must be a whole number >= 1");
      break;
    case O_METHOD:
      if (strcmp(optarg, "milp") != 0 && strcmp(optarg, "greedy") != 0)
        return rp_cli_usage_error("plan", "--method must be milp or greedy");
      greedy = strcmp(optarg, "greedy") == 0;
      break;
    case 'v': so.verbose = 1; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("plan", "bad option");
    }
  }
  if (optind < argc)
    return rp_cli_usage_error("plan", "unexpected argument '%s'", argv[optind]);
  if (!in.schools || !in.teachers || !out)
    return rp_cli_usage_error("plan", "--schools, --teachers and --out are required");

  rp_policy_t policy;
  rp_county_t *county = NULL;
  rp_audit_t *before = NULL, *after = NULL;
  rp_build_t *b = NULL;
  rp_plan_t *plan = NULL;
  rp_pin_t *pins = NULL;
  rp_pref_t *prefs = NULL;
  size_t n_pins = 0, n_prefs = 0;
  rp_solution_t sol = {0};
  rp_diag_t diag = RP_DIAG_INIT;
  const char *inputs[] = {in.schools, in.teachers, in.policy, in.pins, in.prefs};
  for (int i = 0; i < 5; i++)
    if (inputs[i])
      rp_out_protect(inputs[i]);

  rp_status_t st = RP_OK;
  if (so.write_model) { /* same file as an input, by device and inode? */
    rp_out_file_t *chk = rp_out_open(so.write_model, &diag, &st);
    if (!chk)
      goto done;
    rp_out_abort(chk);
  }
  st = rp_cli_load(in.schools, in.teachers, in.policy, &policy, &county);
  if (st != RP_OK)
    goto done;
  if (in.pins && (st = rp_pins_load(in.pins, county, &pins, &n_pins, &diag)) != RP_OK)
    goto done;
  if (in.prefs && (st = rp_prefs_load(in.prefs, county, &prefs, &n_prefs, &diag)) != RP_OK)
    goto done;
  if ((st = rp_audit_build(county, &policy, &before)) != RP_OK)
    goto done;
  if (greedy) {
    if ((st = rp_greedy_plan(county, &policy, before, pins, n_pins, &plan, &diag)) != RP_OK)
      goto done;
    goto write;
  }
  if ((st = rp_build(county, &policy, before, pins, n_pins, &b, &diag)) != RP_OK)
    goto done;
  fprintf(stderr, "model: %zu columns, %zu rows, %zu nonzeros\n", b->milp->ncols,
          b->milp->nrows, b->milp->nnz);
  if ((long)b->milp->ncols > max_cols) {
    rp_diag_error(&diag, NULL, 0, NULL,
                  "the model has %zu columns, more than the limit of %ld: plan the county in "
                  "parts (by group or district), or raise the limit with --max-columns",
                  b->milp->ncols, max_cols);
    st = RP_ELIMIT;
    goto done;
  }
  const char *write_model = so.write_model;
  so.write_model = NULL; /* written below, with the lazy rows the plan needed */
  /* One deadline for every solve of the run: --time-limit is the whole. */
  const double limit = so.time_limit;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if ((st = rp_solve(b->milp, &so, &sol, &diag)) != RP_OK)
    goto done;
  double solve_seconds = sol.seconds;
  /* Lazy rows only where the plan breaks one (builder.h), then again. */
  for (int round = 0; sol.status == RP_SOL_OPTIMAL || sol.status == RP_SOL_FEASIBLE; round++) {
    int added = rp_build_add_lazy_rows(b, sol.x);
    if (added < 0) {
      st = RP_ENOMEM;
      goto done;
    }
    if (added == 0)
      break;
    if (round == 20) { /* each round adds rows; 20 is far more than seen */
      rp_diag_error(&diag, NULL, 0, NULL,
                    "internal: the plan still breaks %d lazy rows after 20 rounds", added);
      st = RP_EINTERNAL;
      goto done;
    }
    fprintf(stderr, "model: %d lazy row%s added (coefficient limits, self rows), solving again\n",
            added, added == 1 ? "" : "s");
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double left = limit - ((double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    if (left < 0.1) {
      rp_diag_error(&diag, NULL, 0, NULL,
                    "time limit: %g s spent before the plan met every rule (%d lazy rows still "
                    "to add); raise --time-limit", limit, added);
      st = RP_ESOLVER;
      goto done;
    }
    so.time_limit = left;
    rp_solution_free(&sol);
    if ((st = rp_solve(b->milp, &so, &sol, &diag)) != RP_OK)
      goto done;
    solve_seconds += sol.seconds;
  }
  sol.seconds = solve_seconds;
  if (write_model && (st = rp_milp_write(b->milp, write_model, &diag)) != RP_OK)
    goto done;
  if (sol.status == RP_SOL_INFEASIBLE) {
    rp_diag_error(&diag, NULL, 0, NULL,
                  "the hard rules cannot all hold together: quota %d, backbone %d, "
                  "max_outflow_share %.2g, overstaff_share %.2g%s%s%s, pins; relax one and "
                  "rerun",
                  b->min_rotate, b->min_backbone, policy.max_outflow_share,
                  policy.overstaff_share, policy.subject_cover ? ", subject cover" : "",
                  policy.backbone_direction == RP_DIR_RURAL_OR_WEAK ? ", backbone_direction" : "",
                  policy.max_km > 0 ? ", max_km" : "");
    rp_diagnose_infeasible(county, &policy, before, pins, n_pins, &diag);
    st = RP_EINFEASIBLE;
    goto done;
  }
  if (sol.status != RP_SOL_OPTIMAL && sol.status != RP_SOL_FEASIBLE) {
    rp_diag_error(&diag, NULL, 0, NULL, "solver: %s", sol.message[0] ? sol.message
                                                           : rp_sol_status_name(sol.status));
    st = RP_ESOLVER;
    goto done;
  }
  if ((st = rp_assign(b, &sol, pins, n_pins, prefs, n_prefs, &plan, &diag)) != RP_OK)
    goto done;
  plan->method = "milp";
  plan->status = sol.status == RP_SOL_OPTIMAL ? "optimal" : "feasible (not proven optimal)";
  plan->gap = sol.gap;
  plan->seconds = sol.seconds;
  plan->objective = sol.obj;
write:
  if ((st = rp_plan_after(county, &policy, before, plan, &after)) != RP_OK)
    goto done;
  if ((st = rp_plan_write(out, county, &policy, before, after, plan, &in, &diag)) != RP_OK)
    goto done;
  rp_plan_print_summary(stdout, county, &policy, before, after, plan);
  printf("  written to %s/\n", out);
done:
  rp_diag_print(&diag, stderr);
  if (st != RP_OK && st != RP_EINPUT && st != RP_EIO)
    fprintf(stderr, "rotaplan plan: %s; nothing was written\n", rp_status_str(st));
  rp_diag_clear(&diag);
  rp_solution_free(&sol);
  rp_plan_free(plan);
  rp_build_free(b);
  rp_audit_free(before);
  rp_audit_free(after);
  rp_county_free(county);
  free(pins);
  free(prefs);
  return rp_status_exit_code(st);
}
