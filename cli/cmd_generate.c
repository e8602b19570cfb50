/* `rotaplan generate`: a synthetic county of any size, deterministically. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "model/generator.h"
#include "io/roster.h"
#include "io/roster_writer.h"

static const char usage[] =
    "Usage: rotaplan generate --sections N [--seed K] [--year Y] [--grade-classes]\n"
    "                         --out DIR\n"
    "Writes DIR/schools.csv and DIR/teachers.csv: a synthetic county of about N\n"
    "school sections (about 50 teachers each) with the imbalances real counties\n"
    "have; each section's subjects follow its curriculum demand, rural sections\n"
    "short of PE, the arts and English.  The same options always give the same\n"
    "files.\n"
    "\n"
    "  -n, --sections N  school sections (1 to 100000)\n"
    "  -k, --seed K      random seed (default 1)\n"
    "  -y, --year Y      plan year the ages and years refer to (default 2026)\n"
    "  -g, --grade-classes  about half the schools get classes per grade\n"
    "                    (grade1_classes ...); default: none\n"
    "  -o, --out DIR     output folder (created if missing)\n"
    "  -h, --help        show this help\n";

int rp_cmd_generate(int argc, char **argv) {
  static const struct option opts[] = {
      {"sections", required_argument, 0, 'n'}, {"seed", required_argument, 0, 'k'},
      {"year", required_argument, 0, 'y'},     {"out", required_argument, 0, 'o'},
      {"grade-classes", no_argument, 0, 'g'},  {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  rp_gen_opts_t o = {0, 1, 2026, 0};
  const char *out = NULL;
  long v;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "n:k:y:o:gh", opts, NULL)) != -1) {
    switch (ch) {
    case 'n':
      if (rp_parse_int(optarg, 1, 100000, &v) != 0)
        return rp_cli_usage_error("generate", "--sections must be 1 to 100000");
      o.sections = (int)v;
      break;
    case 'k':
      if (rp_parse_int(optarg, 0, 2147483647L, &v) != 0)
        return rp_cli_usage_error("generate", "--seed must be a whole number >= 0");
      o.seed = (unsigned long)v;
      break;
    case 'y':
      if (rp_parse_int(optarg, 1950, 2200, &v) != 0)
        return rp_cli_usage_error("generate", "--year must be 1950 to 2200");
      o.year = (int)v;
      break;
    case 'o': out = optarg; break;
    case 'g': o.grade_classes = 1; break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("generate", "bad option");
    }
  }
  if (optind < argc)
    return rp_cli_usage_error("generate", "unexpected argument '%s'", argv[optind]);
  if (!o.sections || !out)
    return rp_cli_usage_error("generate", "--sections and --out are required");
  rp_diag_t diag = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  rp_status_t st = rp_generate(&o, &c);
  if (st == RP_OK)
    st = rp_roster_write(c, out, NULL, &diag);
  rp_cli_print_diag(&diag);
  rp_diag_clear(&diag);
  if (st == RP_OK)
    printf("wrote %s/schools.csv (%zu schools) and %s/teachers.csv (%zu teachers)\n",
           out, c->n_schools, out, c->n_teachers);
  else
    fprintf(stderr, "rotaplan generate: %s\n", rp_cli_status_str(st, NULL));
  rp_county_free(c);
  return rp_status_exit_code(st);
}
