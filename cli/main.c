/* rotaplan: entry point.  Dispatches to a command; see `rotaplan --help`. */
#include <getopt.h>
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
    "  report    rebuild a plan's summary, tables, workbook and report from a\n"
    "            rotation list edited by hand, after checking it\n"
    "  publish   school pages, notices (告知书) and the 公示 list of a plan\n"
    "  compare   plan what-if scenarios and set them side by side\n"
    "  generate  write a synthetic county (rosters) of any size\n"
    "  serve     the planner's web workspace in a browser (docs/web.md)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help; `rotaplan COMMAND --help` for a command\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit codes: 0 done, 2 usage error, 3 bad input data, 4 a hard rule cannot\n"
    "be satisfied, 5 internal or solver failure.  Results go to stdout, messages\n"
    "to stderr.  Documentation: docs/user-guide.md.\n";

/* The language of the messages: --lang's (read before the options are, so
 * that a usage error before it is in its language too), else as
 * rp_lang_of_messages decides. */
static int msg_lang_given;
static rp_lang_t msg_lang;

/* --lang X or --lang=X among the arguments: the language of the messages. */
static void scan_lang(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *v = NULL;
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
      v = argv[i + 1];
    else if (strncmp(argv[i], "--lang=", 7) == 0)
      v = argv[i] + 7;
    if (v && rp_lang_parse(v, &msg_lang) == 0)
      msg_lang_given = 1;
  }
}

rp_lang_t rp_cli_msg_lang(const rp_diag_t *diag) {
  if (msg_lang_given)
    return msg_lang;
  return rp_lang_of_messages(diag ? diag->hdr_zh : 0, diag ? diag->hdr_all : 0);
}

void rp_cli_print_diag(const rp_diag_t *diag) {
  rp_diag_print_in(diag, stderr, rp_cli_msg_lang(diag) == RP_LANG_ZH);
}

/* The command's arguments, for the option getopt refused (getopt's own
 * message is off: it would be English). */
static char **cmd_argv;
static int cmd_argc;

int rp_cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  rp_lang_t l = rp_cli_msg_lang(NULL);
  fprintf(stderr, "rotaplan%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  if (strcmp(fmt, "bad option") == 0 && cmd_argv && optind > 0 && optind <= cmd_argc)
    fprintf(stderr, rp_tr(l, "bad option '%s' (unknown, or its value is missing)"),
            cmd_argv[optind - 1]);
  else {
    va_start(ap, fmt);
    vfprintf(stderr, rp_tr(l, fmt), ap);
    va_end(ap);
  }
  fprintf(stderr, rp_tr(l, "\nTry 'rotaplan %s%s--help'.\n"), cmd ? cmd : "", cmd ? " " : "");
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
  o->csv_encoding_given |= strcmp(opt, "csv-encoding") == 0;
  return 0;
}

void rp_cli_print_input_errors(rp_status_t st, int county_read, rp_diag_t *diag) {
  rp_lang_t l = rp_cli_msg_lang(diag);
  rp_cli_print_diag(diag);
  if (st != RP_OK && !county_read && diag->n_errors)
    fprintf(stderr,
            diag->n_errors == 1 ? rp_tr(l, "rotaplan: %zu error in the input; nothing was written\n")
                                : rp_tr(l, "rotaplan: %zu errors in the input; nothing was written\n"),
            diag->n_errors);
  else if (st != RP_OK && !county_read)
    fprintf(stderr, "rotaplan: %s\n", rp_cli_status_str(st, diag));
  rp_diag_clear(diag);
}

const char *rp_cli_status_str(rp_status_t st, const rp_diag_t *diag) {
  return rp_tr(rp_cli_msg_lang(diag), rp_status_str(st));
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
              {"publish", rp_cmd_publish},
              {"compare", rp_cmd_compare},
              {"report", rp_cmd_report},
              {"generate", rp_cmd_generate},
              {"serve", rp_cmd_serve}};
  /* A file that reaches the size limit (ulimit -f) fails its write (EFBIG),
   * as a full disk does, and the run removes its temporary files, instead
   * of dying of SIGXFSZ with them left behind. */
  signal(SIGXFSZ, SIG_IGN);
  rp_diag_set_translator(rp_tr_zh);
  scan_lang(argc, argv);
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
  opterr = 0;
  cmd_argv = argv + 1;
  cmd_argc = argc - 1;
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (strcmp(argv[1], cmds[i].name) == 0)
      return cmds[i].fn(argc - 1, argv + 1);
  return rp_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
