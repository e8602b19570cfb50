/* `rotaplan serve`: the web workspace (docs/web.md).  Parses the options
 * and calls rp_web_serve, or with --add-user adds an account to the users
 * file; the server itself is web/. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "model/number.h"
#include "web/web.h"

static const char usage[] =
    "Usage: rotaplan serve [--listen ADDR:PORT] [--data DIR] [--users FILE]\n"
    "                      [--cert FILE --key FILE] [--max-upload MB] [--max-jobs N]\n"
    "       rotaplan serve --add-user NAME --users FILE\n"
    "Serves the planners' web workspace: upload the rosters, audit, plan with a\n"
    "progress bar, download the results, every run kept with its inputs' hashes.\n"
    "On 127.0.0.1 without --users it prints a link holding a random access token;\n"
    "any other address needs --users and --cert/--key (docs/web.md).\n"
    "\n"
    "  -l, --listen ADDR:PORT  address (default 127.0.0.1:8080; port 0: any free port)\n"
    "  -d, --data DIR          the workspaces' folder (default ./rotaplan-data)\n"
    "  -u, --users FILE        accounts (name:hash lines, made with --add-user)\n"
    "      --cert FILE         TLS certificate (PEM)\n"
    "      --key FILE          TLS private key (PEM)\n"
    "      --max-upload MB     largest uploaded file (default 50)\n"
    "      --max-jobs N        jobs running at once (default 2); more wait in a queue\n"
    "      --add-user NAME     add an account to --users: the password is read from\n"
    "                          stdin (not echoed on a terminal), stored as Argon2id\n"
    "  -h, --help              show this help\n";

int rp_cmd_serve(int argc, char **argv) {
  enum { O_CERT = 256, O_KEY, O_MAX_UPLOAD, O_MAX_JOBS, O_ADD_USER };
  static const struct option opts[] = {
      {"listen", required_argument, 0, 'l'},       {"data", required_argument, 0, 'd'},
      {"users", required_argument, 0, 'u'},        {"cert", required_argument, 0, O_CERT},
      {"key", required_argument, 0, O_KEY},        {"max-upload", required_argument, 0, O_MAX_UPLOAD},
      {"max-jobs", required_argument, 0, O_MAX_JOBS}, {"add-user", required_argument, 0, O_ADD_USER},
      {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
  rp_web_opts_t o = {0};
  const char *add_user = NULL;
  long v;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "l:d:u:h", opts, NULL)) != -1) {
    switch (ch) {
    case 'l': o.listen = optarg; break;
    case 'd': o.data_dir = optarg; break;
    case 'u': o.users_file = optarg; break;
    case O_CERT: o.cert_file = optarg; break;
    case O_KEY: o.key_file = optarg; break;
    case O_MAX_UPLOAD:
      if (rp_parse_int(optarg, 1, 4096, &v) != 0)
        return rp_cli_usage_error("serve", "--max-upload must be 1 to 4096 (MB)");
      o.max_upload = (size_t)v << 20;
      break;
    case O_MAX_JOBS:
      if (rp_parse_int(optarg, 1, 64, &v) != 0)
        return rp_cli_usage_error("serve", "--max-jobs must be 1 to 64");
      o.max_jobs = (int)v;
      break;
    case O_ADD_USER: add_user = optarg; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("serve", "bad option");
    }
  }
  if (optind < argc)
    return rp_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
  if (add_user) {
    if (!o.users_file)
      return rp_cli_usage_error("serve", "--add-user needs --users FILE");
    return rp_web_add_user(o.users_file, add_user);
  }
  return rp_web_serve(&o);
}
