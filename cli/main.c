/* rotaplan: entry point.  Dispatches to a command; see `rotaplan --help`. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: rotaplan COMMAND [OPTIONS]\n"
    "Plans teacher rotation (交流轮岗) and staffing for a county education bureau.\n"
    "\n"
    "Commands:\n"
    "  audit     where the county stands today: staffing, per-100 indicators,\n"
    "            difference coefficients and the rotation quota\n"
    "  plan      build and solve the rotation plan, write the rotation list\n"
    "  verify    re-check a written plan against the rosters and the policy\n"
    "  compare   plan what-if scenarios and set them side by side\n"
    "  generate  write a synthetic county (rosters) of any size\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help; `rotaplan COMMAND --help` for a command\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit codes: 0 done, 2 usage error, 3 bad input data, 4 a hard rule cannot\n"
    "be satisfied, 5 internal or solver failure.  Results go to stdout, messages\n"
    "to stderr.  Documentation: docs/user-guide.md.\n";

int rp_cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "rotaplan%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'rotaplan %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
  return rp_status_exit_code(RP_EUSAGE);
}

int rp_cli_output_option(const char *cmd, const char *opt, const char *arg,
                         rp_output_opts_t *o) {
  if (strcmp(opt, "lang") == 0 && rp_lang_parse(arg, &o->lang) != 0) {
    rp_cli_usage_error(cmd, "--lang must be zh or en");
    return -1;
  }
  if (strcmp(opt, "csv-encoding") == 0 && rp_encoding_parse(arg, &o->csv_encoding) != 0) {
    rp_cli_usage_error(cmd, "--csv-encoding must be utf-8, utf-8-bom or gb18030");
    return -1;
  }
  return 0;
}

void rp_cli_print_input_errors(rp_status_t st, int county_read, rp_diag_t *diag) {
  rp_diag_print(diag, stderr);
  if (st != RP_OK && !county_read && diag->n_errors)
    fprintf(stderr, "rotaplan: %zu error%s in the input; nothing was written\n",
            diag->n_errors, diag->n_errors == 1 ? "" : "s");
  else if (st != RP_OK && !county_read)
    fprintf(stderr, "rotaplan: %s\n", rp_status_str(st));
  rp_diag_clear(diag);
}

int rp_cli_solver_option(const char *cmd, const char *arg, rp_solve_opts_t *so) {
  if (rp_backend_parse(arg, &so->backend) != 0) {
    rp_cli_usage_error(cmd, "--solver must be glpk or cbc");
    return -1;
  }
  if (!rp_plan_backend_available(so->backend)) {
    rp_cli_usage_error(cmd, "--solver %s: this rotaplan was built without %s (Debian: "
                       "coinor-libcbc-dev); use --solver glpk", arg, "CBC");
    return -1;
  }
  return 0;
}

rp_status_t rp_cli_load(const rp_inputs_t *paths, rp_loaded_inputs_t *in) {
  rp_diag_t diag = RP_DIAG_INIT;
  rp_status_t st = rp_inputs_load(paths, NULL, in, &diag);
  rp_cli_print_input_errors(st, in->county != NULL, &diag);
  return st;
}

void rp_cli_progress(void *ctx, const char *line) {
  (void)ctx;
  fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv) {
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } cmds[] = {{"audit", rp_cmd_audit},
              {"plan", rp_cmd_plan},
              {"verify", rp_cmd_verify},
              {"compare", rp_cmd_compare},
              {"generate", rp_cmd_generate},
              {"serve", rp_cmd_serve}};
  /* A file that reaches the size limit (ulimit -f) fails its write (EFBIG),
   * as a full disk does, and the run removes its temporary files, instead
   * of dying of SIGXFSZ with them left behind. */
  signal(SIGXFSZ, SIG_IGN);
  if (argc < 2)
    return rp_cli_usage_error(NULL, "missing COMMAND");
  if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
    printf("rotaplan %s\n", RP_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (strcmp(argv[1], cmds[i].name) == 0)
      return cmds[i].fn(argc - 1, argv + 1);
  return rp_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
