/* `rotaplan audit`: where the county stands today. */
#include <getopt.h>
#include <stdio.h>

#include "io/audit_report.h"
#include "cli/cli.h"
#include "model/indicators.h"

static const char usage[] =
    "Usage: rotaplan audit --schools FILE --teachers FILE [--policy FILE]\n"
    "                      [--curriculum FILE] [--json] [--lang zh|en]\n"
    "Prints, per school section, students, teachers, required staff, the three\n"
    "teacher indicators per 100 students and the targets missed; per level the\n"
    "difference coefficients against their limits; the rotation quota of the\n"
    "plan year; per subject the curriculum's demand in full-time teachers against\n"
    "the teachers, with the sections short of a whole teacher and those whose\n"
    "demand is under one teacher (part-time); every exemption reason read, with\n"
    "its teachers; and the policy\n"
    "in force, each key's default labelled national (with its document) or\n"
    "local practice.\n"
    "\n"
    "  -s, --schools FILE   schools.csv (docs/data-format.md)\n"
    "  -t, --teachers FILE  teachers.csv\n"
    "  -p, --policy FILE    policy.ini (default: each key's default; audit lists them)\n"
    "      --curriculum FILE curriculum.csv: the county's weekly periods per grade\n"
    "                       and subject (default: the built-in table,\n"
    "                       docs/data-format.md)\n"
    "  -j, --json           print one JSON document instead of the table\n"
    "      --lang zh|en     language of the table (default: zh when the rosters'\n"
    "                       headers are Chinese, else en)\n"
    "  -h, --help           show this help\n";

int rp_cmd_audit(int argc, char **argv) {
  static const struct option opts[] = {
      {"schools", required_argument, 0, 's'}, {"teachers", required_argument, 0, 't'},
      {"policy", required_argument, 0, 'p'},  {"json", no_argument, 0, 'j'},
      {"lang", required_argument, 0, 'L'},    {"help", no_argument, 0, 'h'},
      {"curriculum", required_argument, 0, 'C'}, {0, 0, 0, 0}};
  const char *schools = NULL, *teachers = NULL, *policy_path = NULL, *curriculum = NULL;
  int json = 0, ch, lang_given = 0;
  rp_output_opts_t output = {RP_LANG_EN, RP_ENC_UTF8, 0};
  optind = 1;
  while ((ch = getopt_long(argc, argv, "s:t:p:jh", opts, NULL)) != -1) {
    switch (ch) {
    case 's': schools = optarg; break;
    case 't': teachers = optarg; break;
    case 'p': policy_path = optarg; break;
    case 'C': curriculum = optarg; break;
    case 'j': json = 1; break;
    case 'L':
      if (rp_cli_output_option("audit", "lang", optarg, &output))
        return rp_status_exit_code(RP_EUSAGE);
      lang_given = 1;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: return rp_cli_usage_error("audit", "bad option");
    }
  }
  if (optind < argc)
    return rp_cli_usage_error("audit", "unexpected argument '%s'", argv[optind]);
  if (!schools || !teachers)
    return rp_cli_usage_error("audit", "--schools and --teachers are required");
  const rp_inputs_t paths = {schools, teachers, policy_path, NULL, NULL, curriculum, NULL, NULL};
  rp_loaded_inputs_t in;
  rp_audit_t *audit = NULL;
  rp_status_t st = rp_cli_load(&paths, &in);
  const rp_county_t *county = in.county;
  const rp_policy_t *policy = &in.policy;
  if (st != RP_OK)
    goto done;
  if ((st = rp_audit_build(county, policy, &audit)) != RP_OK)
    goto done;
  if (json) {
    cJSON *doc = rp_audit_json(county, policy, audit);
    st = doc ? rp_json_print(stdout, doc) : RP_ENOMEM;
    cJSON_Delete(doc);
  } else {
    rp_lang_t lang = lang_given ? output.lang : county->zh_headers ? RP_LANG_ZH : RP_LANG_EN;
    st = rp_audit_print_text(stdout, county, policy, audit, lang);
  }
done:
  if (st != RP_OK && st != RP_EINPUT && st != RP_EIO && st != RP_ELIMIT)
    fprintf(stderr, "rotaplan audit: %s\n", rp_cli_status_str(st, NULL));
  rp_audit_free(audit);
  rp_inputs_free(&in);
  return rp_status_exit_code(st);
}
