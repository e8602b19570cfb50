/* model/policy and io/policy_ini: defaults, every key through
 * policy.ini, every kind of error (with its `name:LINE:` text), the policy
 * left unchanged on error, and the whole-teacher arithmetic (required staff,
 * per-100-student needs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/policy.h"
#include "io/policy_ini.h"
#include "model/status.h"
#include "test_util.h"

/* Doubles set from decimal text or literals compare exactly. */
#define assert_dbl(a, b)                                                     \
  do {                                                                       \
    double a_ = (a), b_ = (b);                                               \
    if (a_ != b_)                                                            \
      fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);                    \
  } while (0)

/* Every key as text, in table order, to compare two policies. */
typedef struct {
  char text[8192];
  int n;
} dump_t;

static void dump_fn(void *ud, const char *section, const char *key,
                    const char *value) {
  dump_t *d = ud;
  size_t len = strlen(d->text);
  tu_snprintf(d->text + len, sizeof d->text - len, "[%s] %s=%s\n", section, key,
           value);
  d->n++;
}

static void dump(const rp_policy_t *p, dump_t *d) {
  d->text[0] = '\0';
  d->n = 0;
  rp_policy_each(p, dump_fn, d);
}

/* Parses `text` as "p.ini" on top of the 2026 defaults; expects RP_EINPUT,
 * checks that the policy did not change, returns the messages (malloc'ed). */
static char *parse_fail(const char *text, size_t *n_errors) {
  rp_policy_t p, before;
  rp_policy_default(&p, 2026);
  before = p;
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini", text, &p, &d), RP_EINPUT);
  dump_t a, b;
  dump(&before, &a);
  dump(&p, &b);
  assert_string_equal(b.text, a.text);
  assert_true(d.n_errors > 0);
  if (n_errors)
    *n_errors = d.n_errors;
  char *s = diag_str(&d);
  rp_diag_clear(&d);
  return s;
}

/* ---- defaults ---------------------------------------------------------- */

static void test_defaults_are_national(void **state) {
  (void)state;
  rp_policy_t p;
  memset(&p, 0x5a, sizeof p);
  rp_policy_default(&p, 2026);
  assert_dbl(p.ratio[RP_PRIMARY], 19);
  assert_dbl(p.ratio[RP_JUNIOR], 13.5);
  assert_int_equal(p.small_school_students, 100);
  assert_dbl(p.class_ratio, 1.0);
  assert_int_equal(p.small_school_min, 2);
  /* the teachers' weekly loads: local practice (../shared/domain.md) */
  assert_dbl(p.load_core[RP_PRIMARY], 15);
  assert_dbl(p.load_other[RP_PRIMARY], 18);
  assert_dbl(p.load_core[RP_JUNIOR], 11);
  assert_dbl(p.load_other[RP_JUNIOR], 14);
  assert_dbl(p.t_degree[RP_PRIMARY], 4.2);
  assert_dbl(p.t_degree[RP_JUNIOR], 5.3);
  assert_dbl(p.t_backbone[RP_PRIMARY], 1.0);
  assert_dbl(p.t_backbone[RP_JUNIOR], 1.0);
  assert_dbl(p.t_pe_art[RP_PRIMARY], 0.9);
  assert_dbl(p.t_pe_art[RP_JUNIOR], 0.9);
  assert_dbl(p.cv_limit[RP_PRIMARY], 0.50);
  assert_dbl(p.cv_limit[RP_JUNIOR], 0.45);
  assert_int_equal(p.exclude_teaching_point_below, 50);
  assert_int_equal(p.plan_year, 2026);
  assert_int_equal(p.min_years, 6);
  assert_int_equal(p.exempt_age_male, 55);
  assert_int_equal(p.exempt_age_female, 50);
  assert_int_equal(p.term_years, 3);
  assert_dbl(p.quota_share, 0.10);
  assert_dbl(p.quota_max_share, 0);
  assert_dbl(p.backbone_share, 0.20);
  assert_int_equal(p.backbone_base, RP_BASE_ROTATED);
  assert_int_equal(p.backbone_min_level, RP_BB_COUNTY);
  assert_int_equal(p.quota_scope, RP_SCOPE_COUNTY);
  assert_int_equal(p.backbone_direction, RP_DIR_RURAL_OR_WEAK);
  assert_dbl(p.max_km, 0);
  assert_int_equal(p.move_leaders, 0);
  assert_int_equal(p.subject_cover, RP_COVER_WEAK);
  assert_int_equal(p.subject_demand, 1);
}

/* ---- policy.ini -------------------------------------------------------- */

static const char full_ini[] =
    "; Example county rules\n"
    "# both comment styles\n"
    "\n"
    "[staffing]\n"
    "primary_ratio = 18\n"
    "junior_ratio = 12.5\n"
    "small_school_students = 80\n"
    "class_ratio = 1.5\n"
    "small_school_min_teachers = 3\n"
    "primary_load_core = 14\n"
    "primary_load_other = 16.5\n"
    "junior_load_core = 10\n"
    "junior_load_other = 12\n"
    "\n"
    "[targets]\n"
    "primary_degree = 5\n"
    "junior_degree = 6.1\n"
    "primary_backbone = 1.2\n"
    "junior_backbone = 1.3\n"
    "primary_pe_art = 1.1\n"
    "junior_pe_art = 0.95\n"
    "\n"
    "[balance]\n"
    "primary_cv_limit = 0.4\n"
    "junior_cv_limit = 0.35\n"
    "exclude_teaching_point_below = 40\n"
    "\n"
    "[rotation]\n"
    "plan_year = 2027\n"
    "min_years = 8\n"
    "exempt_age_male = 50\n"
    "exempt_age_female = 45\n"
    "term_years = 2\n"
    "quota_share = 0.15\n"
    "quota_max_share = 0.2\n"
    "quota_scope = school\n"
    "backbone_share = 0.3\n"
    "backbone_base = eligible_backbone\n"
    "backbone_min_level = city\n"
    "backbone_direction = any\n"
    "max_outflow_share = 0.25   ; inline comment\n"
    "max_km = 25\n"
    "move_leaders = yes\n";

static void test_full_ini_applies_every_key(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  rp_status_t st = rp_policy_parse("p.ini", full_ini, &p, &d);
  if (st != RP_OK) {
    char *s = diag_str(&d);
    fail_msg("rp_policy_parse: %s\n%s", rp_status_str(st), s);
  }
  assert_int_equal(d.n, 0);
  assert_dbl(p.ratio[RP_PRIMARY], 18);
  assert_dbl(p.ratio[RP_JUNIOR], 12.5);
  assert_int_equal(p.small_school_students, 80);
  assert_dbl(p.class_ratio, 1.5);
  assert_int_equal(p.small_school_min, 3);
  assert_dbl(p.load_core[RP_PRIMARY], 14);
  assert_dbl(p.load_other[RP_PRIMARY], 16.5);
  assert_dbl(p.load_core[RP_JUNIOR], 10);
  assert_dbl(p.load_other[RP_JUNIOR], 12);
  assert_dbl(p.t_degree[RP_PRIMARY], 5);
  assert_dbl(p.t_degree[RP_JUNIOR], 6.1);
  assert_dbl(p.t_backbone[RP_PRIMARY], 1.2);
  assert_dbl(p.t_backbone[RP_JUNIOR], 1.3);
  assert_dbl(p.t_pe_art[RP_PRIMARY], 1.1);
  assert_dbl(p.t_pe_art[RP_JUNIOR], 0.95);
  assert_dbl(p.cv_limit[RP_PRIMARY], 0.4);
  assert_dbl(p.cv_limit[RP_JUNIOR], 0.35);
  assert_int_equal(p.exclude_teaching_point_below, 40);
  assert_int_equal(p.plan_year, 2027);
  assert_int_equal(p.min_years, 8);
  assert_int_equal(p.exempt_age_male, 50);
  assert_int_equal(p.exempt_age_female, 45);
  assert_int_equal(p.term_years, 2);
  assert_dbl(p.quota_share, 0.15);
  assert_dbl(p.quota_max_share, 0.2);
  assert_int_equal(p.quota_scope, RP_SCOPE_SCHOOL);
  assert_dbl(p.backbone_share, 0.3);
  assert_int_equal(p.backbone_base, RP_BASE_ELIGIBLE_BACKBONE);
  assert_int_equal(p.backbone_min_level, RP_BB_CITY);
  assert_int_equal(p.backbone_direction, RP_DIR_ANY);
  assert_dbl(p.max_outflow_share, 0.25);
  assert_dbl(p.max_km, 25);
  assert_int_equal(p.move_leaders, 1);
  rp_diag_clear(&d);
}

static void test_load_from_file(void **state) {
  (void)state;
  const char *path = tu_write("policy.ini", "[rotation]\r\nmin_years = 9\r\n");
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_load(path, &p, &d), RP_OK); /* CRLF too */
  assert_int_equal(d.n, 0);
  assert_int_equal(p.min_years, 9);
  assert_int_equal(p.term_years, 3);

  char missing[4200];
  tu_snprintf(missing, sizeof missing, "%s/nope.ini", tu_tmpdir());
  assert_int_equal(rp_policy_load(missing, &p, &d), RP_EIO);
  char *s = diag_str(&d);
  char want[4300];
  tu_snprintf(want, sizeof want, "%s: cannot open: ", missing);
  assert_contains(s, want);
  free(s);
  rp_diag_clear(&d);
}

static void test_keys_before_any_section(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini", "min_years = 12\njunior_ratio=14\n", &p, &d),
                   RP_OK);
  assert_int_equal(p.min_years, 12);
  assert_dbl(p.ratio[RP_JUNIOR], 14);
  rp_diag_clear(&d);
}

/* Keys indented under their section are a common INI style.  inih's
 * multi-line values (INI_ALLOW_MULTILINE) read an indented line after a key
 * as a continuation of that key, so the second key below reached the
 * handler as `min_years = "term_years = 2"` and was reported as "key
 * \"min_years\" is set twice": a good file rejected, the wrong key named. */
static void test_indented_keys(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  rp_status_t st = rp_policy_parse("p.ini", "[rotation]\n  min_years = 8\n  term_years = 2\n",
                                   &p, &d);
  if (st != RP_OK) {
    char *s = diag_str(&d), msg[512];
    tu_snprintf(msg, sizeof msg, "%s", s);
    free(s);
    rp_diag_clear(&d);
    fail_msg("indented keys rejected:\n%s", msg);
  }
  assert_int_equal(d.n, 0);
  assert_int_equal(p.min_years, 8);
  assert_int_equal(p.term_years, 2);
  rp_diag_clear(&d);
}

static void test_unknown_key(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nmin_years = 8\nmin_year = 9\n", NULL);
  assert_string_equal(s, "p.ini:3: unknown policy key \"min_year\"\n");
  free(s);
}

static void test_key_in_wrong_section(void **state) {
  (void)state;
  char *s = parse_fail("; rules\n[staffing]\nmin_years = 8\n", NULL);
  assert_string_equal(
      s, "p.ini:3: key \"min_years\" belongs in section [rotation], not [staffing]\n");
  free(s);
}

static void test_unknown_section(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nmin_years = 8\n[rotaton]\nterm_years = 2\n", NULL);
  assert_string_equal(s, "p.ini:4: unknown section [rotaton] (staffing, targets, "
                         "balance, rotation)\n");
  free(s);
}

static void test_bad_numbers(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nmin_years = eight\n", NULL);
  assert_string_equal(s, "p.ini:2: min_years = \"eight\": not a whole number\n");
  free(s);
  s = parse_fail("[rotation]\nmin_years = 6.5\n", NULL);
  assert_string_equal(s, "p.ini:2: min_years = \"6.5\": not a whole number\n");
  free(s);
  s = parse_fail("[rotation]\nquota_share = 0.1x\n", NULL);
  assert_string_equal(s, "p.ini:2: quota_share = \"0.1x\": not a number\n");
  free(s);
  s = parse_fail("[rotation]\nquota_share =\n", NULL);
  assert_string_equal(s, "p.ini:2: quota_share = \"\": not a number\n");
  free(s);
  s = parse_fail("[staffing]\nprimary_ratio = nan\n", NULL);
  assert_string_equal(s, "p.ini:2: primary_ratio = \"nan\": not a number\n");
  free(s);
  /* A C hexadecimal float (0.0625) is not a decimal number. */
  s = parse_fail("[rotation]\nquota_share = 0x0.1p0\n", NULL);
  assert_string_equal(s, "p.ini:2: quota_share = \"0x0.1p0\": not a number\n");
  free(s);
}

static void test_out_of_range(void **state) {
  (void)state;
  static const struct {
    const char *ini, *want;
  } cases[] = {
      {"[rotation]\nquota_share = 1.5\n", "p.ini:2: quota_share = 1.5: out of range [0, 1]\n"},
      {"[rotation]\n\nmin_years = 61\n", "p.ini:3: min_years = 61: out of range [0, 60]\n"},
      {"[staffing]\nprimary_ratio = 0\n", "p.ini:2: primary_ratio = 0: out of range [1, 100]\n"},
      /* a teacher's weekly load: 1 to 40 periods */
      {"[staffing]\njunior_load_core = 0\n",
       "p.ini:2: junior_load_core = 0: out of range [1, 40]\n"},
      {"[staffing]\nprimary_load_other = 41\n",
       "p.ini:2: primary_load_other = 41: out of range [1, 40]\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *s = parse_fail(cases[i].ini, NULL);
    assert_string_equal(s, cases[i].want);
    free(s);
  }
}

static void test_bad_enum_lists_choices(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nquota_scope = province\n", NULL);
  assert_string_equal(
      s, "p.ini:2: quota_scope = \"province\": expected one of county, school\n");
  free(s);
  s = parse_fail("[rotation]\nbackbone_min_level = 县级\n", NULL);
  assert_string_equal(s, "p.ini:2: backbone_min_level = \"县级\": expected one of "
                         "none, school, county, city, province, national\n");
  free(s);
  s = parse_fail("[rotation]\nmove_leaders = 1\n", NULL);
  assert_string_equal(s, "p.ini:2: move_leaders = \"1\": expected one of no, yes\n");
  free(s);
  /* subject_cover was 0 or 1 before subject demand: the words now */
  s = parse_fail("[rotation]\nsubject_cover = 1\n", NULL);
  assert_string_equal(s, "p.ini:2: subject_cover = \"1\": expected one of off, weak, strong\n");
  free(s);
}

static void test_two_errors_both_reported(void **state) {
  (void)state;
  size_t ne = 0;
  char *s = parse_fail("[rotation]\n"
                       "min_years = x\n"
                       "term_years = 2\n"
                       "[staffing]\n"
                       "foo = 1\n",
                       &ne);
  assert_int_equal(ne, 2);
  assert_string_equal(s, "p.ini:2: min_years = \"x\": not a whole number\n"
                         "p.ini:5: unknown policy key \"foo\"\n");
  free(s);
}

static void test_key_set_twice(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nmin_years = 8\nterm_years = 2\nmin_years = 9\n", NULL);
  assert_string_equal(s, "p.ini:4: key \"min_years\" is set twice\n");
  free(s);
}

static void test_quota_max_below_quota(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nquota_share = 0.1\nquota_max_share = 0.05\n", NULL);
  assert_string_equal(s, "p.ini: quota_max_share 0.05 is below quota_share 0.1\n");
  free(s);
  /* a maximum equal to the floor is a fixed share, fine */
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini", "[rotation]\nquota_max_share = 0.1\n", &p, &d),
                   RP_OK);
  assert_dbl(p.quota_max_share, 0.1);
  rp_diag_clear(&d);
}

static void test_syntax_error(void **state) {
  (void)state;
  char *s = parse_fail("[rotation]\nmin_years 8\n", NULL);
  assert_string_equal(s, "p.ini:2: not an INI line (expected [section] or key = value)\n");
  free(s);
}

/* io/ini_reader.c checks every line: each bad one is reported, in order. */
static void test_every_bad_line_reported(void **state) {
  (void)state;
  size_t ne = 0;
  char *s = parse_fail("[rotation\nmin_years 8\n= 5\nterm_years = 2\nquota_share = x\n", &ne);
  assert_int_equal(ne, 4);
  assert_string_equal(s, "p.ini:1: a section header without its closing ]\n"
                         "p.ini:2: not an INI line (expected [section] or key = value)\n"
                         "p.ini:3: a value without a key\n"
                         "p.ini:5: quota_share = \"x\": not a number\n");
  free(s);
}

static void test_line_too_long(void **state) {
  (void)state;
  char text[600];
  int n = tu_snprintf(text, sizeof text, "[rotation]\n; ");
  memset(text + n, 'x', 300);
  strcpy(text + n + 300, "\nmin_years = 8\n");
  char *s = parse_fail(text, NULL);
  assert_string_equal(s, "p.ini:2: line too long\n");
  free(s);
}

/* Errors leave every key alone, including those set on good lines. */
static void test_error_leaves_policy_unchanged(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  p.min_years = 7; /* a caller's earlier override survives */
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(
      rp_policy_parse("p.ini", "[rotation]\nmin_years = 9\nterm_years = 1\nbad = 1\n", &p, &d),
      RP_EINPUT);
  assert_int_equal(p.min_years, 7);
  assert_int_equal(p.term_years, 3);
  assert_int_equal(d.n_errors, 1);
  rp_diag_clear(&d);
}

/* ---- rp_policy_set ----------------------------------------------------- */

static void test_policy_set(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  char msg[256] = "";
  assert_int_equal(rp_policy_set(&p, NULL, "term_years", "5", msg, sizeof msg), RP_OK);
  assert_int_equal(p.term_years, 5);
  assert_int_equal(rp_policy_set(&p, "rotation", "backbone_base", "eligible_backbone",
                                 msg, sizeof msg),
                   RP_OK);
  assert_int_equal(p.backbone_base, RP_BASE_ELIGIBLE_BACKBONE);
  assert_int_equal(rp_policy_set(&p, "targets", "junior_degree", " 5.8 ", msg, sizeof msg),
                   RP_OK);
  assert_dbl(p.t_degree[RP_JUNIOR], 5.8);
  assert_int_equal(rp_policy_set(&p, "rotation", "nope", "1", msg, sizeof msg), RP_EINPUT);
  assert_string_equal(msg, "unknown policy key \"nope\"");
  assert_int_equal(rp_policy_set(&p, "balance", "max_km", "1", msg, sizeof msg), RP_EINPUT);
  assert_string_equal(msg, "key \"max_km\" belongs in section [rotation], not [balance]");
  assert_int_equal(rp_policy_set(&p, NULL, "backbone_direction", "Any", msg, sizeof msg),
                   RP_EINPUT);
  assert_string_equal(msg,
                      "backbone_direction = \"Any\": expected one of rural_or_weak, any");
  assert_int_equal(p.backbone_direction, RP_DIR_RURAL_OR_WEAK);
  /* a short buffer truncates, never overflows */
  char small[16];
  assert_int_equal(rp_policy_set(&p, NULL, "backbone_min_level", "x", small, sizeof small),
                   RP_EINPUT);
  assert_string_equal(small, "backbone_min_le");
}

/* ---- rp_policy_each ---------------------------------------------------- */

typedef struct {
  int n;
  int sections[4];
  char junior_ratio[32], min_years[32], quota_scope[32], cv[32], bb_level[32];
  char min_years_section[32];
} visit_t;

static void visit(void *ud, const char *section, const char *key, const char *value) {
  visit_t *v = ud;
  static const char *const secs[] = {"staffing", "targets", "balance", "rotation"};
  int known = 0;
  for (int i = 0; i < 4; i++)
    if (strcmp(section, secs[i]) == 0) {
      v->sections[i]++;
      known = 1;
    }
  assert_true(known);
  v->n++;
  if (strcmp(key, "junior_ratio") == 0)
    tu_snprintf(v->junior_ratio, sizeof v->junior_ratio, "%s", value);
  if (strcmp(key, "min_years") == 0) {
    tu_snprintf(v->min_years, sizeof v->min_years, "%s", value);
    tu_snprintf(v->min_years_section, sizeof v->min_years_section, "%s", section);
  }
  if (strcmp(key, "quota_scope") == 0)
    tu_snprintf(v->quota_scope, sizeof v->quota_scope, "%s", value);
  if (strcmp(key, "primary_cv_limit") == 0)
    tu_snprintf(v->cv, sizeof v->cv, "%s", value);
  if (strcmp(key, "backbone_min_level") == 0)
    tu_snprintf(v->bb_level, sizeof v->bb_level, "%s", value);
}

/* balance_moves: a whole number, or the word unlimited (the top of its
 * range), which is how it prints too. */
static void balance_moves_word(void *ud, const char *section, const char *key,
                               const char *value) {
  (void)section;
  if (strcmp(key, "balance_moves") == 0)
    snprintf((char *)ud, 32, "%s", value);
}

static void test_policy_balance_moves_unlimited(void **state) {
  (void)state;
  rp_policy_t p;
  char msg[256], printed[32] = "";
  rp_policy_default(&p, 2026);
  assert_int_equal(p.balance_moves, 0);
  assert_int_equal(rp_policy_set(&p, "rotation", "balance_moves", "12", msg, sizeof msg), RP_OK);
  assert_int_equal(p.balance_moves, 12);
  assert_int_equal(rp_policy_set(&p, "rotation", "balance_moves", "unlimited", msg, sizeof msg),
                   RP_OK);
  assert_int_equal(p.balance_moves, RP_UNLIMITED);
  rp_policy_each(&p, balance_moves_word, printed);
  assert_string_equal(printed, "unlimited");
  assert_int_equal(rp_policy_set(&p, "rotation", "balance_moves", "-1", msg, sizeof msg),
                   RP_EINPUT);
  assert_int_equal(rp_policy_set(&p, "rotation", "balance_moves", "many", msg, sizeof msg),
                   RP_EINPUT);
  assert_non_null(strstr(msg, "a whole number or unlimited"));
}

static void test_policy_each_visits_every_key(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  visit_t v;
  memset(&v, 0, sizeof v);
  rp_policy_each(&p, visit, &v);
  assert_int_equal(v.n, 49); /* 42, backbone_reach, the four history keys and the principals' two (issue 15) */
  assert_int_equal(v.sections[0], 10); /* staffing: 6 and the four loads */
  assert_int_equal(v.sections[1], 6);  /* targets */
  assert_int_equal(v.sections[2], 3);  /* balance */
  assert_int_equal(v.sections[3], 30); /* rotation, subject_demand the 23rd, backbone_reach, the history keys, the principals' keys last */
  assert_string_equal(v.junior_ratio, "13.5");
  assert_string_equal(v.min_years, "6");
  assert_string_equal(v.min_years_section, "rotation");
  assert_string_equal(v.quota_scope, "county");
  assert_string_equal(v.cv, "0.5");
  assert_string_equal(v.bb_level, "county");
}

/* What rp_policy_each prints, fed back through rp_policy_set, gives the
 * same policy (the audit trail in summary.json can be replayed). */
static void round_trip_fn(void *ud, const char *section, const char *key,
                          const char *value) {
  char msg[256];
  if (rp_policy_set(ud, section, key, value, msg, sizeof msg) != RP_OK)
    fail_msg("%s", msg);
}

/* Every default is a value its key accepts (the table's ranges hold them). */
static void test_defaults_within_their_ranges(void **state) {
  (void)state;
  rp_policy_t p, q;
  rp_policy_default(&p, 2026);
  memset(&q, 0, sizeof q);
  rp_policy_each(&p, round_trip_fn, &q);
  assert_memory_equal(&p, &q, sizeof p);
}

static void test_policy_each_round_trip(void **state) {
  (void)state;
  rp_policy_t p, q;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini", full_ini, &p, &d), RP_OK);
  rp_policy_default(&q, 2000);
  rp_policy_each(&p, round_trip_fn, &q);
  dump_t a, b;
  dump(&p, &a);
  dump(&q, &b);
  assert_int_equal(a.n, 49);
  assert_string_equal(b.text, a.text);
  assert_contains(a.text, "[staffing] junior_ratio=12.5\n");
  assert_contains(a.text, "[rotation] backbone_base=eligible_backbone\n");
  assert_contains(a.text, "[targets] junior_degree=6.1\n");
  assert_contains(a.text, "[rotation] move_leaders=yes\n");
  rp_diag_clear(&d);
}

/* ---- whole-teacher arithmetic ----------------------------------------- */

static void test_per100_needed(void **state) {
  (void)state;
  assert_int_equal(rp_per100_needed(0.9, 250), 3);   /* 2.25 */
  assert_int_equal(rp_per100_needed(4.2, 500), 21);  /* exactly 21, not 22 */
  assert_int_equal(rp_per100_needed(5.3, 1000), 53); /* exactly 53 */
  assert_int_equal(rp_per100_needed(1.0, 0), 0);
  assert_int_equal(rp_per100_needed(1.0, 100), 1);
  assert_int_equal(rp_per100_needed(1.0, 101), 2);
  assert_int_equal(rp_per100_needed(0.9, 1000), 9);
  assert_int_equal(rp_per100_needed(2.3, 300), 7);  /* 6.9 */
  /* exact where naive double arithmetic is off by one teacher:
   * 4.2 / 100 * 1500 and 0.9 / 100 * 1000 round up one too many,
   * 1.1 * 3000 / 100 gives 33.000000000000004 */
  assert_int_equal(rp_per100_needed(4.2, 1500), 63);
  assert_int_equal(rp_per100_needed(1.1, 3000), 33);
  assert_int_equal(rp_per100_needed(1.1, 1000), 11);
  assert_int_equal(rp_per100_needed(0, 500), 0);
}

static void test_required_staff(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 190, 5, 190), 10);
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 191, 5, 191), 11);
  assert_int_equal(rp_policy_required_staff(&p, RP_JUNIOR, 135, 3, 135), 10);
  assert_int_equal(rp_policy_required_staff(&p, RP_JUNIOR, 136, 3, 136), 11);
  /* small school (< 100 students): max(ceil(60/19) = 4, 4 classes x 1.0, 2) */
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 60, 4, 60), 4);
  /* 6 classes beat the student ratio */
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 60, 6, 60), 6);
  /* 30 students, 1 class: ceil(30/19) = 2, 1 class, min 2 */
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 30, 1, 30), 2);
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 10, 1, 10), 2);
  /* exactly 100 students is not small: 6 classes do not count */
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 100, 6, 100), 6);
  assert_int_equal(rp_is_small_school(&p, 99), 1);
  assert_int_equal(rp_is_small_school(&p, 100), 0);
  /* the small-school rule looks at the whole school, not the section */
  assert_int_equal(rp_policy_required_staff(&p, RP_JUNIOR, 20, 2, 150), 2);
  assert_int_equal(rp_policy_required_staff(&p, RP_JUNIOR, 20, 3, 90), 3);
  /* an empty section needs no one */
  assert_int_equal(rp_policy_required_staff(&p, RP_JUNIOR, 0, 0, 50), 0);
  /* a local class ratio of 1.5 */
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini", "[staffing]\nclass_ratio = 1.5\n", &p, &d), RP_OK);
  assert_int_equal(rp_policy_required_staff(&p, RP_PRIMARY, 40, 3, 40), 5); /* 4.5 */
  rp_diag_clear(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults_are_national),
      cmocka_unit_test(test_full_ini_applies_every_key),
      cmocka_unit_test(test_load_from_file),
      cmocka_unit_test(test_keys_before_any_section),
      cmocka_unit_test(test_indented_keys),
      cmocka_unit_test(test_unknown_key),
      cmocka_unit_test(test_key_in_wrong_section),
      cmocka_unit_test(test_unknown_section),
      cmocka_unit_test(test_bad_numbers),
      cmocka_unit_test(test_out_of_range),
      cmocka_unit_test(test_bad_enum_lists_choices),
      cmocka_unit_test(test_two_errors_both_reported),
      cmocka_unit_test(test_key_set_twice),
      cmocka_unit_test(test_quota_max_below_quota),
      cmocka_unit_test(test_syntax_error),
      cmocka_unit_test(test_line_too_long),
      cmocka_unit_test(test_every_bad_line_reported),
      cmocka_unit_test(test_error_leaves_policy_unchanged),
      cmocka_unit_test(test_policy_set),
      cmocka_unit_test(test_policy_each_visits_every_key),
      cmocka_unit_test(test_policy_balance_moves_unlimited),
      cmocka_unit_test(test_policy_each_round_trip),
      cmocka_unit_test(test_defaults_within_their_ranges),
      cmocka_unit_test(test_per100_needed),
      cmocka_unit_test(test_required_staff),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
