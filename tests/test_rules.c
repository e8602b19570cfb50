/* End to end, one rule at a time: for each rule a tiny hand-made county where
 * dropping or relaxing the rule changes the answer, planned both ways with the
 * real binary; a regression set of small counties whose optimum is derived by
 * hand and confirmed with CBC (tests/data/regress); the solver's time limit
 * and gap on a generated county; preferences.  Every plan that succeeds is
 * re-checked with `rotaplan verify`. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

/* ---- building a county ------------------------------------------------------ */

#define SCHOOLS_HDR                                                                                \
  "school_id,name,area,weak,primary_students,junior_students,primary_classes,"                     \
  "junior_classes,teaching_point,other_staff,x_km,y_km\n"

/* Teachers are added in groups; `tail` is "gender,birth_year,school_since,
 * exempt,last_rotated_year".  In plan_year 2026 with the default policy: */
#define OLD "F,1985,2010,," /* eligible: 16 years at the school */
#define NEW "F,1985,2024,," /* not eligible: 2 years at the school (min_years 6) */

typedef struct {
  char text[32768];
  size_t n;
  char school[16][8];
  int count[16];
  int nschools;
} roster_t;

static void roster_init(roster_t *r) {
  memset(r, 0, sizeof *r);
  r->n = (size_t)tu_snprintf(r->text, sizeof r->text,
                          "teacher_id,name,school_id,section,subject,degree,backbone,gender,"
                          "birth_year,school_since,exempt,last_rotated_year\n");
}

/* n primary teachers at `school`, named school + two digits, numbered per
 * school in the order they are added (U01, U02, ...). */
static void add(roster_t *r, const char *school, int n, const char *subject, const char *degree,
                const char *backbone, const char *tail) {
  int i = 0;
  while (i < r->nschools && strcmp(r->school[i], school) != 0)
    i++;
  if (i == r->nschools) {
    assert_true(i < 16);
    tu_snprintf(r->school[i], sizeof r->school[i], "%s", school);
    r->nschools++;
  }
  for (int k = 0; k < n; k++) {
    int id = ++r->count[i];
    int w =
        tu_snprintf(r->text + r->n, sizeof r->text - r->n, "%s%02d,%s%02d,%s,primary,%s,%s,%s,%s\n",
                 school, id, school, id, school, subject, degree, backbone, tail);
    assert_true(w > 0 && (size_t)w < sizeof r->text - r->n);
    r->n += (size_t)w;
  }
}

typedef struct {
  char s[4200], t[4200];
} county_t;

static county_t county(const char *tag, const char *schools, const char *teachers) {
  county_t c;
  char name[256];
  tu_snprintf(name, sizeof name, "%s_schools.csv", tag);
  tu_snprintf(c.s, sizeof c.s, "%s", tu_write(name, schools));
  tu_snprintf(name, sizeof name, "%s_teachers.csv", tag);
  tu_snprintf(c.t, sizeof c.t, "%s", tu_write(name, teachers));
  return c;
}

/* Policy building blocks (a key may be given only once per file). */
/* The rules before subject demand: the hand counties below have no
 * curriculum-shaped subject mixes; the subject rules have tests of their own
 * (rule_subject_*). */
#define YEAR "[rotation]\nplan_year = 2026\nsubject_demand = no\nsubject_cover = strong\n"
/* No forced moves: only what improves the county moves. */
#define FREE "quota_share = 0\nbackbone_share = 0\n"
#define NO_TARGETS "[targets]\nprimary_degree = 0\nprimary_backbone = 0\nprimary_pe_art = 0\n"

/* ---- running the binary ----------------------------------------------------- */

static char *read_in(const char *dir, const char *file) {
  char path[4400];
  tu_snprintf(path, sizeof path, "%s/%s", dir, file);
  return tu_read(path);
}

static double jnum(const cJSON *o, const char *a, const char *b) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
  if (b)
    x = cJSON_GetObjectItemCaseSensitive(x, b);
  assert_true(cJSON_IsNumber(x));
  return x->valuedouble;
}

static const char *jstr(const cJSON *o, const char *a, const char *b) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
  if (b)
    x = cJSON_GetObjectItemCaseSensitive(x, b);
  assert_true(cJSON_IsString(x));
  return x->valuestring;
}

typedef struct {
  cJSON *sum;
  char *list; /* rotation_list.csv */
  char dir[4200];
} plan_t;

static void plan_free(plan_t *p) {
  cJSON_Delete(p->sum);
  free(p->list);
  p->sum = NULL;
  p->list = NULL;
}

static void verify_ok(const char *s, const char *t, const char *pol, const char *dir) {
  tu_run_t r =
      tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", s, t, pol, dir);
  int code = r.exit_code;
  if (code != 0)
    fprintf(stderr, "verify %s:\n%s\n", dir, r.err);
  tu_run_free(&r); /* before asserting: a failed check must not leak */
  assert_int_equal(code, 0);
}

/* Plans (exit 0 required), verifies the plan with the binary, reads it. */
static plan_t plan_files(const char *s, const char *t, const char *pol, const char *dir,
                         const char *extra) {
  plan_t p = {0};
  tu_snprintf(p.dir, sizeof p.dir, "%s", dir);
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s", s, t, pol,
                      dir, extra ? extra : "");
  int code = r.exit_code;
  if (code != 0)
    fprintf(stderr, "plan %s:\n%s\n", dir, r.err);
  tu_run_free(&r);
  assert_int_equal(code, 0);
  verify_ok(s, t, pol, dir);
  char *text = read_in(dir, "summary.json");
  assert_non_null(text);
  p.sum = cJSON_Parse(text);
  free(text);
  assert_non_null(p.sum);
  p.list = read_in(dir, "rotation_list.csv");
  assert_non_null(p.list);
  if (getenv("RP_TEST_VERBOSE"))
    fprintf(stderr, "---- %s\n%s", dir, p.list);
  return p;
}

/* Plans county c under `policy` (written to tag.ini) into tmpdir/tag. */
static plan_t plan(const county_t *c, const char *tag, const char *policy, const char *extra) {
  char name[256], pol[4200], dir[4200];
  tu_snprintf(name, sizeof name, "%s.ini", tag);
  tu_snprintf(pol, sizeof pol, "%s", tu_write(name, policy));
  tu_snprintf(dir, sizeof dir, "%s/%s", tu_tmpdir(), tag);
  return plan_files(c->s, c->t, pol, dir, extra);
}

/* ---- reading the lists ------------------------------------------------------ */

/* Splits one line of a CSV without quoted fields (what plan writes for these
 * counties) into at most `max` fields. */
static int split(const char *line, char f[][128], int max) {
  int n = 0;
  size_t k = 0;
  for (const char *p = line;; p++) {
    if (*p == ',' || *p == '\n' || *p == '\0') {
      if (n < max)
        f[n][k < 127 ? k : 127] = '\0';
      n++;
      k = 0;
      if (*p != ',')
        break;
    } else if (n < max && k < 127) {
      f[n][k++] = *p;
    }
  }
  return n < max ? n : max;
}

static int column(const char *csv, const char *name) {
  char f[24][128];
  int n = split(csv, f, 24);
  for (int i = 0; i < n; i++)
    if (strcmp(f[i], name) == 0)
      return i;
  fail_msg("no column %s", name);
  return -1;
}

/* Rows of a CSV whose columns equal the given values: pairs of column name
 * and value, ended by NULL. */
static int count_rows(const char *csv, ...) {
  const char *names[8], *values[8];
  int cols[8], nc = 0, count = 0;
  va_list ap;
  va_start(ap, csv);
  for (const char *k; (k = va_arg(ap, const char *)) != NULL && nc < 8; nc++) {
    names[nc] = k;
    values[nc] = va_arg(ap, const char *);
  }
  va_end(ap);
  for (int i = 0; i < nc; i++)
    cols[i] = column(csv, names[i]);
  const char *line = strchr(csv, '\n');
  while (line && line[1]) {
    line++;
    char f[24][128];
    int n = split(line, f, 24), ok = 1;
    for (int i = 0; i < nc && ok; i++)
      ok = cols[i] < n && strcmp(f[cols[i]], values[i]) == 0;
    count += ok;
    line = strchr(line, '\n');
  }
  return count;
}

/* Column `name` of the row whose first column is `key`, or NULL. */
static const char *cell(const char *csv, const char *key, const char *name, char out[128]) {
  int col = column(csv, name);
  const char *line = strchr(csv, '\n');
  while (line && line[1]) {
    line++;
    char f[24][128];
    int n = split(line, f, 24);
    if (n > col && strcmp(f[0], key) == 0) {
      tu_snprintf(out, 128, "%s", f[col]);
      return out;
    }
    line = strchr(line, '\n');
  }
  return NULL;
}

static int moved(const plan_t *p, const char *teacher) {
  char buf[128];
  return cell(p->list, teacher, "teacher_id", buf) != NULL;
}

/* schools_after.csv: teachers_after - teachers_before of a school. */
static int net_gain(const plan_t *p, const char *school) {
  char *text = read_in(p->dir, "schools_after.csv");
  char a[128], b[128];
  assert_non_null(text);
  assert_non_null(cell(text, school, "teachers_after", a));
  assert_non_null(cell(text, school, "teachers_before", b));
  free(text);
  return atoi(a) - atoi(b);
}

/* ---- 1. one test per rule --------------------------------------------------- */

/* quota_share.  Only U's teachers are free to move; they are school-level
 * backbone (backbone_min_level = school), which counts for the rotation rules
 * but for no indicator, so a move changes nothing but staffing, and a
 * rotation-backbone teacher may only go to a rural school.  R1 is one teacher
 * short.  Without the quota one move is enough; with 0.1 of 25 eligible,
 * three must move. */
static void rule_quota_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 25, "chinese", "secondary", "school", OLD);
  add(&r, "R1", 9, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 10, "chinese", "secondary", "none", NEW);
  county_t c = county("quota",
                      SCHOOLS_HDR "U,U,urban,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,,\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t without =
      plan(&c, "quota_0", YEAR "backbone_min_level = school\nquota_share = 0\n" NO_TARGETS, NULL);
  plan_t with = plan(&c, "quota_10",
                     YEAR "backbone_min_level = school\nquota_share = 0.1\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(without.sum, "min_rotate", NULL), 0);
  assert_int_equal(jnum(without.sum, "moved", NULL), 1);   /* R1's missing teacher */
  assert_int_equal(jnum(with.sum, "min_rotate", NULL), 3); /* ceil(0.1 x 25) */
  assert_int_equal(jnum(with.sum, "moved", NULL), 3);
  assert_int_equal(jnum(without.sum, "shortfall_after", "total"), 0);
  assert_int_equal(jnum(with.sum, "shortfall_after", "total"), 0);
  plan_free(&without);
  plan_free(&with);
}

/* quota_max_share.  U has 8 teachers more than it needs; R1 and R2 are 3
 * and 2 short.  Without a maximum all 5 gaps are filled; with a maximum of
 * 0.1 x 30 = 3 moves, 2 stay open. */
static void rule_quota_max_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 30, "chinese", "secondary", "school", OLD);
  add(&r, "R1", 7, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 8, "chinese", "secondary", "none", NEW);
  county_t c = county("qmax",
                      SCHOOLS_HDR "U,U,urban,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,,\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t open = plan(&c, "qmax_none", YEAR "backbone_min_level = school\n" NO_TARGETS, NULL);
  plan_t capped = plan(
      &c, "qmax_10", YEAR "backbone_min_level = school\nquota_max_share = 0.1\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(open.sum, "moved", NULL), 5);
  assert_int_equal(jnum(open.sum, "shortfall_after", "staff"), 0);
  assert_int_equal(jnum(capped.sum, "max_rotate", NULL), 3);
  assert_int_equal(jnum(capped.sum, "moved", NULL), 3);
  assert_int_equal(jnum(capped.sum, "shortfall_after", "staff"), 2);
  plan_free(&open);
  plan_free(&capped);
  /* A band that is one share (a bureau's "exactly 15%"): ceil(0.15 x 30) =
   * 5 at least and, rounded the same way, 5 at most. */
  plan_t exact = plan(&c, "qmax_exact",
                      YEAR "backbone_min_level = school\nquota_share = 0.15\n"
                           "quota_max_share = 0.15\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(exact.sum, "min_rotate", NULL), 5);
  assert_int_equal(jnum(exact.sum, "max_rotate", NULL), 5);
  assert_int_equal(jnum(exact.sum, "moved", NULL), 5);
  plan_free(&exact);
  /* A band with no whole number in it (4.5 to 4.8 teachers): a contradiction
   * of the policy, named with its numbers before anything is solved, by the
   * model and by the rule of thumb alike. */
  const char *pol = tu_write("qmax_empty.ini", YEAR "backbone_min_level = school\n"
                                               "quota_share = 0.15\nquota_max_share = 0.16\n");
  static const char *const methods[] = {"milp", "greedy"};
  for (int i = 0; i < 2; i++) {
    tu_run_t run = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/qmax_empty' "
                          "--method %s", c.s, c.t, pol, tu_tmpdir(), methods[i]);
    assert_int_equal(run.exit_code, 4);
    assert_contains(run.err, "needs at least 5 to rotate, but quota_max_share 0.16 allows at most "
                             "4: no whole number of teachers lies between");
    assert_null(strstr(run.err, "model:"));
    tu_run_free(&run);
  }
}

/* quota_scope = school.  U1 has spare teachers for R1's five gaps; U2 (urban,
 * not weak, exactly staffed, 5 eligible of 22) has no reason to send anyone
 * at county scope.  At school scope it must send ceil(0.1 x 5) = 1 (and is
 * paid back from U1), U1 ceil(0.1 x 30) = 3. */
static void rule_quota_scope_school(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U1", 20, "chinese", "secondary", "school", OLD);
  add(&r, "U1", 10, "math", "secondary", "none", OLD);
  add(&r, "U2", 5, "chinese", "secondary", "school", OLD);
  add(&r, "U2", 17, "math", "secondary", "none", NEW);
  add(&r, "R1", 5, "chinese", "secondary", "none", NEW);
  county_t c = county("scope",
                      SCHOOLS_HDR "U1,U1,urban,0,400,0,10,0,0,0,,\n"
                                  "U2,U2,urban,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t cty = plan(&c, "scope_county", YEAR "backbone_min_level = school\n" NO_TARGETS, NULL);
  plan_t sch = plan(&c, "scope_school",
                    YEAR "backbone_min_level = school\nquota_scope = school\n" NO_TARGETS, NULL);
  assert_int_equal(count_rows(cty.list, "from_school", "U2", NULL), 0);
  assert_int_equal(count_rows(cty.list, "from_school", "U1", NULL), 5);
  assert_true(count_rows(sch.list, "from_school", "U2", NULL) >= 1);
  assert_true(count_rows(sch.list, "from_school", "U1", NULL) >= 3);
  assert_int_equal(jnum(cty.sum, "shortfall_after", "total"), 0);
  assert_int_equal(jnum(sch.sum, "shortfall_after", "total"), 0);
  plan_free(&cty);
  plan_free(&sch);
}

/* backbone_share, both bases.  U's 4 county backbone teachers are exactly
 * its backbone target (1 per 100 of 400), so each one that leaves costs U a
 * whole teacher of shortfall; R1 needs 3 staff (so quota 3 = ceil(0.1 x 26)
 * is met by the moves R1 needs anyway).  Share 0: no backbone moves.  Share
 * 0.5: at least ceil(0.5 x 4) = 2 (eligible_backbone) or half of at least 3
 * moved (rotated), and no more than needed. */
static void rule_backbone_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 4, "math", "bachelor", "county", OLD);
  add(&r, "U", 22, "chinese", "bachelor", "none", OLD);
  add(&r, "R1", 2, "math", "bachelor", "county", NEW);
  add(&r, "R1", 6, "chinese", "bachelor", "none", NEW);
  add(&r, "R2", 2, "math", "bachelor", "county", NEW);
  add(&r, "R2", 9, "chinese", "bachelor", "none", NEW);
  county_t c = county("bbshare",
                      SCHOOLS_HDR "U,U,urban,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,200,0,5,0,0,0,,\n"
                                  "R2,R2,rural,0,200,0,5,0,0,0,,\n",
                      r.text);
  static const char *const base[] = {"rotated", "eligible_backbone"};
  for (int b = 0; b < 2; b++) {
    char pol[1024], tag[64];
    tu_snprintf(pol, sizeof pol,
             YEAR "backbone_base = %s\nbackbone_share = 0\n[targets]\nprimary_pe_art = 0\n",
             base[b]);
    tu_snprintf(tag, sizeof tag, "bbshare_%s_0", base[b]);
    plan_t off = plan(&c, tag, pol, NULL);
    tu_snprintf(pol, sizeof pol,
             YEAR "backbone_base = %s\nbackbone_share = 0.5\n[targets]\nprimary_pe_art = 0\n",
             base[b]);
    tu_snprintf(tag, sizeof tag, "bbshare_%s_50", base[b]);
    plan_t on = plan(&c, tag, pol, NULL);
    assert_int_equal(jnum(off.sum, "moved_backbone", NULL), 0);
    assert_int_equal(jnum(off.sum, "shortfall_after", "total"), 0);
    assert_int_equal(jnum(on.sum, "min_backbone", NULL), 2);
    assert_int_equal(jnum(on.sum, "moved_backbone", NULL), 2);
    if (b == 0) /* rotated: at least half of those moved */
      assert_true(jnum(on.sum, "moved_backbone", NULL) >= 0.5 * jnum(on.sum, "moved", NULL));
    assert_int_equal(jnum(on.sum, "shortfall_after", "backbone"), 2); /* U's, the price */
    plan_free(&off);
    plan_free(&on);
  }
}

/* backbone_direction.  U1 (urban) has 8 county backbone for a target of 4;
 * U2 (urban, not weak) has none for a target of 4.  With `any` U1's backbone
 * teachers fill U2's target; with rural_or_weak none may go to U2. */
static void rule_backbone_direction(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U1", 8, "math", "bachelor", "county", OLD);
  add(&r, "U1", 16, "chinese", "bachelor", "none", OLD);
  add(&r, "U2", 22, "chinese", "bachelor", "none", OLD);
  add(&r, "R", 2, "math", "bachelor", "county", NEW);
  add(&r, "R", 9, "chinese", "bachelor", "none", NEW);
  county_t c = county("direction",
                      SCHOOLS_HDR "U1,U1,urban,0,400,0,10,0,0,0,,\n"
                                  "U2,U2,urban,0,400,0,10,0,0,0,,\n"
                                  "R,R,rural,0,200,0,5,0,0,0,,\n",
                      r.text);
  plan_t strict =
      plan(&c, "direction_rural",
           YEAR FREE "backbone_direction = rural_or_weak\n[targets]\nprimary_pe_art = 0\n", NULL);
  plan_t any = plan(&c, "direction_any",
                    YEAR FREE "backbone_direction = any\n[targets]\nprimary_pe_art = 0\n", NULL);
  assert_int_equal(count_rows(strict.list, "to_school", "U2", "backbone", "county", NULL), 0);
  assert_int_equal(count_rows(strict.list, "to_school", "U1", "backbone", "county", NULL), 0);
  assert_int_equal(jnum(strict.sum, "shortfall_after", "backbone"), 4);
  assert_int_equal(
      count_rows(any.list, "from_school", "U1", "to_school", "U2", "backbone", "county", NULL), 4);
  assert_int_equal(jnum(any.sum, "shortfall_after", "backbone"), 0);
  plan_free(&strict);
  plan_free(&any);
}

/* Direction labels (model/plan.h, rp_move_direction): seven pinned moves,
 * one of each label; rotation_list.csv names each move's label, in Chinese
 * with --lang zh, and summary.json counts every label, the counts adding up
 * to the moves. */
static void direction_labels(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 20, "chinese", "secondary", "none", OLD);
  add(&r, "U2", 10, "chinese", "secondary", "none", NEW);
  for (const char *const *at = (const char *const[]){"T", "R", "W", NULL}; *at; at++)
    add(&r, *at, 10, "chinese", "secondary", "none", OLD);
  county_t c = county("labels",
                      SCHOOLS_HDR "U,U,urban,0,190,0,5,0,0,0,,\n"
                                  "U2,U2,urban,0,190,0,5,0,0,0,,\n"
                                  "T,T,town,0,190,0,5,0,0,0,,\n"
                                  "R,R,rural,0,190,0,5,0,0,0,,\n"
                                  "W,W,town,1,190,0,5,0,0,0,,\n",
                      r.text);
  char extra[4400], pins[4200];
  tu_snprintf(pins, sizeof pins, "%s",
              tu_write("labels_pins.csv", "teacher_id,action,school_id\n"
                                          "U01,to,R\nU02,to,T\nT01,to,R\nU03,to,W\n"
                                          "W01,to,U2\nU04,to,U2\nR01,to,U\n"));
  tu_snprintf(extra, sizeof extra, "--lang en --pins '%s'", pins);
  static const char policy[] = YEAR FREE NO_TARGETS "[staffing]\noverstaff_share = 100\n";
  plan_t p = plan(&c, "labels", policy, extra);
  static const char *const want[][2] = {
      {"U01", "urban_to_rural"}, {"U02", "urban_to_town"}, {"T01", "town_to_rural"},
      {"U03", "to_weak"},        {"W01", "from_weak"},     {"U04", "same_kind"},
      {"R01", "to_urban"}};
  char buf[128];
  double sum = 0;
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    assert_string_equal(cell(p.list, want[i][0], "direction", buf), want[i][1]);
    assert_true(jnum(p.sum, "directions", want[i][1]) >= 1);
    assert_int_equal(jnum(p.sum, "directions", want[i][1]),
                     count_rows(p.list, "direction", want[i][1], NULL));
    sum += jnum(p.sum, "directions", want[i][1]);
  }
  const cJSON *dirs = cJSON_GetObjectItemCaseSensitive(p.sum, "directions");
  assert_int_equal(cJSON_GetArraySize(dirs), 7);
  assert_true(sum == jnum(p.sum, "moved", NULL));
  /* toward rural or weak: urban_to_rural, town_to_rural, to_weak */
  double toward = jnum(p.sum, "directions", "urban_to_rural") +
                  jnum(p.sum, "directions", "town_to_rural") + jnum(p.sum, "directions", "to_weak");
  assert_true(jnum(p.sum, "toward", NULL) == toward);
  assert_true(fabs(jnum(p.sum, "toward_share", NULL) - toward / sum) < 1e-4);
  plan_free(&p);

  tu_snprintf(extra, sizeof extra, "--lang zh --pins '%s'", pins);
  plan_t zh = plan(&c, "labels_zh", policy, extra);
  assert_string_equal(cell(zh.list, "U01", "交流方向", buf), "城区->乡村");
  assert_string_equal(cell(zh.list, "R01", "交流方向", buf), "乡村/镇区->城区");
  assert_true(jnum(zh.sum, "directions", "urban_to_rural") >= 1);
  plan_free(&zh);
}

/* min_toward_share.  U2 is two teachers short of its staff; the quota moves
 * two of U's teachers.  Without the rule they fill U2 (urban to urban, the
 * shortfall first); with min_toward_share = 1 every move goes toward rural
 * or weak schools, so they go to R and U2 stays short.  verify refuses the
 * first plan under the rule. */
static void rule_min_toward_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 20, "chinese", "secondary", "none", OLD);
  add(&r, "U2", 20, "chinese", "secondary", "none", NEW);
  add(&r, "R", 6, "chinese", "secondary", "none", NEW);
  county_t c = county("toward",
                      SCHOOLS_HDR "U,U,urban,0,300,0,8,0,0,0,,\n"
                                  "U2,U2,urban,0,400,0,10,0,0,0,,\n"
                                  "R,R,rural,0,100,0,5,0,0,0,,\n",
                      r.text);
#define TOWARD_POLICY YEAR "quota_share = 0.1\nbackbone_share = 0\n"
#define TOWARD_ROOM "[staffing]\noverstaff_share = 100\n" /* R may take both */
  plan_t lax = plan(&c, "toward_none", TOWARD_POLICY NO_TARGETS TOWARD_ROOM, NULL);
  plan_t strict =
      plan(&c, "toward_all", TOWARD_POLICY "min_toward_share = 1\n" NO_TARGETS TOWARD_ROOM, NULL);
  assert_int_equal(count_rows(lax.list, "to_school", "U2", NULL), 2);
  assert_int_equal(jnum(lax.sum, "toward", NULL), 0);
  assert_int_equal(jnum(lax.sum, "directions", "same_kind"), jnum(lax.sum, "moved", NULL));
  assert_int_equal(count_rows(strict.list, "to_school", "U2", NULL), 0);
  assert_true(jnum(strict.sum, "moved", NULL) >= 2);
  assert_int_equal(jnum(strict.sum, "directions", "urban_to_rural"),
                   jnum(strict.sum, "moved", NULL));
  assert_true(jnum(strict.sum, "toward_share", NULL) == 1);
  assert_int_equal(jnum(strict.sum, "shortfall_after", "staff"), 2);

  const char *pol = tu_write("toward_verify.ini", TOWARD_POLICY "min_toward_share = 1\n" NO_TARGETS TOWARD_ROOM);
  tu_run_t v = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", c.s, c.t,
                      pol, lax.dir);
  int code = v.exit_code, named = strstr(v.err, "min_toward_share: 0 of 2 moves") != NULL;
  if (!named)
    fprintf(stderr, "%s", v.err);
  tu_run_free(&v);
  assert_int_not_equal(code, 0);
  assert_true(named);
  plan_free(&lax);
  plan_free(&strict);
#undef TOWARD_POLICY
#undef TOWARD_ROOM
}

/* primary_ratio.  At 1:19 R1 (190 students, 10 teachers) needs nobody and R2
 * (8 teachers) needs 2; at 1:15 they need 13 and 13: 3 and 5 more. */
static void rule_staffing_ratio(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 40, "chinese", "secondary", "none", OLD);
  add(&r, "R1", 10, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 8, "chinese", "secondary", "none", NEW);
  county_t c = county("ratio",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,,\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t r19 = plan(&c, "ratio_19", YEAR FREE NO_TARGETS "[staffing]\nprimary_ratio = 19\n", NULL);
  plan_t r15 = plan(&c, "ratio_15", YEAR FREE NO_TARGETS "[staffing]\nprimary_ratio = 15\n", NULL);
  assert_int_equal(jnum(r19.sum, "shortfall_before", "staff"), 2);
  assert_int_equal(count_rows(r19.list, "to_school", "R1", NULL), 0);
  assert_int_equal(count_rows(r19.list, "to_school", "R2", NULL), 2);
  assert_int_equal(jnum(r15.sum, "shortfall_before", "staff"), 8);
  assert_int_equal(count_rows(r15.list, "to_school", "R1", NULL), 3);
  assert_int_equal(count_rows(r15.list, "to_school", "R2", NULL), 5);
  assert_int_equal(jnum(r15.sum, "shortfall_after", "staff"), 0);
  plan_free(&r19);
  plan_free(&r15);
}

/* primary_pe_art.  A is a teaching point under 50 students (left out of the
 * targets and coefficients) with 4 PE teachers; B and C have 1 each for 200
 * students (0.5 per 100, the level mean); B is one teacher short.  With the
 * target 0.9 (2 each) one PE teacher goes to B and one to C; without it B's
 * gap is filled by a Chinese teacher, and a PE teacher would only push B
 * above the mean. */
static void rule_pe_art_target(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 6, "chinese", "secondary", "none", OLD);
  add(&r, "A", 4, "pe", "secondary", "none", OLD);
  add(&r, "B", 9, "chinese", "bachelor", "none", NEW);
  add(&r, "B", 1, "pe", "bachelor", "none", NEW);
  add(&r, "C", 10, "chinese", "bachelor", "none", NEW);
  add(&r, "C", 1, "pe", "bachelor", "none", NEW);
  county_t c = county("pe",
                      SCHOOLS_HDR "A,A,rural,0,40,0,2,0,1,0,,\n"
                                  "B,B,rural,0,200,0,5,0,0,0,,\n"
                                  "C,C,rural,0,200,0,5,0,0,0,,\n",
                      r.text);
  plan_t on =
      plan(&c, "pe_09",
           YEAR FREE "[targets]\nprimary_degree = 0\nprimary_backbone = 0\nprimary_pe_art = 0.9\n",
           NULL);
  plan_t off = plan(
      &c, "pe_0",
      YEAR FREE "[targets]\nprimary_degree = 0\nprimary_backbone = 0\nprimary_pe_art = 0\n", NULL);
  assert_int_equal(count_rows(on.list, "subject", "pe", "to_school", "B", NULL), 1);
  assert_int_equal(count_rows(on.list, "subject", "pe", "to_school", "C", NULL), 1);
  assert_int_equal(count_rows(on.list, "reason", "pe_art target", NULL), 2);
  assert_int_equal(jnum(on.sum, "shortfall_after", "total"), 0);
  assert_int_equal(count_rows(off.list, "subject", "pe", NULL), 0);
  assert_int_equal(count_rows(off.list, "subject", "chinese", "to_school", "B", NULL), 1);
  assert_int_equal(jnum(off.sum, "moved", NULL), 1);
  plan_free(&on);
  plan_free(&off);
}

/* max_outflow_share.  U (400 students, 22 required) has 10 spare teachers of 32, and R1, R2
 * are 5 short
 * each.  At 0.2 U may lose floor(6.4) = 6; at 0.5 it sends all 10 needed. */
static void rule_max_outflow_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 32, "chinese", "secondary", "none", OLD);
  add(&r, "R1", 5, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 5, "chinese", "secondary", "none", NEW);
  county_t c = county("outflow",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,,\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,,\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t low = plan(&c, "outflow_20", YEAR FREE "max_outflow_share = 0.2\n" NO_TARGETS, NULL);
  plan_t high = plan(&c, "outflow_50", YEAR FREE "max_outflow_share = 0.5\n" NO_TARGETS, NULL);
  assert_int_equal(count_rows(low.list, "from_school", "U", NULL), 6);
  assert_int_equal(jnum(low.sum, "shortfall_after", "staff"), 4);
  assert_int_equal(count_rows(high.list, "from_school", "U", NULL), 10);
  assert_int_equal(jnum(high.sum, "shortfall_after", "staff"), 0);
  plan_free(&low);
  plan_free(&high);
}

/* do_no_harm (issue 11).  C (urban, 900 students, 70 teachers) has 20
 * county backbone teachers, the only ones free to move; W (weak town, 300
 * students, 4 teachers) misses 12 staff, 13 degree and 3 backbone teachers;
 * T (town, 600) has 6 backbone.  Every backbone teacher who goes to W fills
 * a staffing and a degree gap, so the least shortfall sends 12 (W may gain
 * 12): W at 4 backbone per 100 against a mean of 1.44, and the backbone
 * coefficient, already above its limit (0.5858 > 0.50), rises to 0.7920.
 * do_no_harm comes first: the plan sends 10, the coefficient stays at
 * 0.5858, and three more teachers are short (5 instead of 2) -- the price
 * of not making the balance worse.  The backbone share still holds. */
static void rule_do_no_harm(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "C", 20, "math", "bachelor", "county", OLD);
  add(&r, "C", 50, "chinese", "bachelor", "none", NEW);
  add(&r, "W", 4, "chinese", "secondary", "none", NEW);
  add(&r, "T", 26, "chinese", "bachelor", "none", NEW);
  add(&r, "T", 6, "math", "bachelor", "county", NEW);
  county_t c = county("harm",
                      SCHOOLS_HDR "C,C,urban,0,900,0,20,0,0,0,,\n"
                                  "W,W,town,1,300,0,8,0,0,0,,\n"
                                  "T,T,town,0,600,0,14,0,0,0,,\n",
                      r.text);
  plan_t p = plan(&c, "harm", YEAR "[targets]\nprimary_pe_art = 0\n", NULL);
  const cJSON *bb = cJSON_GetObjectItem(cJSON_GetObjectItem(p.sum, "levels_before"), "primary");
  const cJSON *ba = cJSON_GetObjectItem(cJSON_GetObjectItem(p.sum, "levels_after"), "primary");
  double before = cJSON_GetObjectItem(cJSON_GetObjectItem(bb, "cv"), "backbone")->valuedouble;
  double after = cJSON_GetObjectItem(cJSON_GetObjectItem(ba, "cv"), "backbone")->valuedouble;
  fprintf(stderr, "backbone coefficient %.4f -> %.4f, moved %g, short %g\n", before, after,
          jnum(p.sum, "moved", NULL), jnum(p.sum, "shortfall_after", "total"));
  assert_true(before > 0.5);
  assert_true(after <= before);
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p.sum, "made_worse")), 0);
  assert_int_equal(count_rows(p.list, "to_school", "W", NULL), 10);
  assert_int_equal(jnum(p.sum, "shortfall_after", "total"), 5);
  assert_true(jnum(p.sum, "moved_backbone", NULL) >= 0.2 * jnum(p.sum, "moved", NULL));
  plan_free(&p);
}

/* overstaff_share.  A (400 students) has 10 county backbone, B (400, fully
 * staffed, nobody free to move) none: B misses its backbone target of 4 and
 * the balance is best at 5 and 5.  With balance_moves = unlimited (moves
 * beyond the fewest to balance the county) and 0.2, B may gain
 * floor(0.2 x 22) = 4 teachers net; with 10 it takes the 5 that balance
 * the county. */
static void rule_overstaff_share(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 10, "math", "secondary", "county", OLD);
  add(&r, "A", 20, "chinese", "secondary", "none", OLD);
  add(&r, "B", 22, "chinese", "secondary", "none", NEW);
  county_t c = county("overstaff",
                      SCHOOLS_HDR "A,A,town,0,400,0,10,0,0,0,,\n"
                                  "B,B,rural,0,400,0,10,0,0,0,,\n",
                      r.text);
  plan_t low = plan(&c, "overstaff_02",
                    YEAR FREE "balance_moves = unlimited\n[staffing]\noverstaff_share = 0.2\n"
                              "[targets]\nprimary_degree = 0\nprimary_pe_art = 0\n",
                    NULL);
  plan_t high = plan(&c, "overstaff_10",
                     YEAR FREE "balance_moves = unlimited\n[staffing]\noverstaff_share = 10\n"
                               "[targets]\nprimary_degree = 0\nprimary_pe_art = 0\n",
                     NULL);
  assert_int_equal(net_gain(&low, "B"), 4);
  assert_int_equal(jnum(low.sum, "shortfall_after", "backbone"), 0);
  assert_int_equal(net_gain(&high, "B"), 5);
  assert_int_equal(net_gain(&high, "A"), -5);
  plan_free(&low);
  plan_free(&high);
}

/* Subject cover.  B lacks a teacher and both its PE teachers (target 0.9 x
 * 200 / 100 -> 2).  A PE teacher from the teaching point A would fill two
 * of those gaps at once, so he is the best one to send; but when he is A's
 * only PE teacher he stays, and a Chinese teacher fills the staffing gap.
 * With a second PE teacher at A, one of them goes. */
static void rule_subject_cover(void **state) {
  (void)state;
  static const char schools[] = SCHOOLS_HDR "A,A,rural,0,40,0,2,0,1,0,,\n"
                                            "B,B,rural,0,200,0,5,0,0,0,,\n";
  static const char policy[] = YEAR FREE "[targets]\nprimary_degree = 0\nprimary_backbone = 0\n";
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 9, "chinese", "secondary", "none", OLD);
  add(&r, "A", 1, "pe", "secondary", "none", OLD); /* A10 */
  add(&r, "B", 10, "chinese", "bachelor", "none", NEW);
  county_t c1 = county("subject1", schools, r.text);
  plan_t one = plan(&c1, "subject_one_pe", policy, NULL);
  assert_false(moved(&one, "A10"));
  assert_int_equal(count_rows(one.list, "subject", "pe", NULL), 0);
  assert_int_equal(count_rows(one.list, "subject", "chinese", "to_school", "B", NULL), 1);
  assert_int_equal(jnum(one.sum, "shortfall_after", "pe_art"), 2);
  plan_free(&one);

  roster_init(&r);
  add(&r, "A", 8, "chinese", "secondary", "none", OLD);
  add(&r, "A", 2, "pe", "secondary", "none", OLD);
  add(&r, "B", 10, "chinese", "bachelor", "none", NEW);
  county_t c2 = county("subject2", schools, r.text);
  plan_t two = plan(&c2, "subject_two_pe", policy, NULL);
  assert_int_equal(
      count_rows(two.list, "subject", "pe", "from_school", "A", "to_school", "B", NULL), 1);
  assert_int_equal(jnum(two.sum, "shortfall_after", "pe_art"), 1);
  plan_free(&two);
}

/* Subject rules under the curriculum (model/curriculum.c, default loads).
 * A primary section of 6 classes (120 students) asks for Chinese 6 x 7 / 15
 * = 2.8 teachers (whole part 2), maths 6 x 4.33 / 15 = 1.73 (1), PE 6 x
 * 3.33 / 18 = 1.11 (1); every other subject less than one teacher. */
#define SUBJ_YEAR "[rotation]\nplan_year = 2026\n"
#define SUBJ_SCHOOLS SCHOOLS_HDR "A,A,urban,0,120,0,6,0,0,0,,\n" "B,B,rural,0,120,0,6,0,0,0,,\n"

/* The weak form.  A's only maths teacher, A01, is pinned to move; B has two
 * maths teachers for a need of one (five teachers each: each may lose one,
 * max_outflow_share 0.2).  subject_cover = weak (the default) lets
 * A01 go when a maths teacher arrives: A01 to B and one of B's maths
 * teachers to A, 2 moves, and A never without maths.  The strong form
 * (departures alone) cannot let A01 go: no plan, and the diagnosis names
 * subject_cover. */
static void rule_subject_weak_form(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 1, "math", "secondary", "none", OLD); /* A01 */
  add(&r, "A", 3, "chinese", "secondary", "none", NEW);
  add(&r, "A", 1, "pe", "secondary", "none", NEW);
  add(&r, "B", 2, "math", "secondary", "none", OLD); /* B01, B02 */
  add(&r, "B", 3, "chinese", "secondary", "none", NEW);
  add(&r, "B", 1, "pe", "secondary", "none", NEW);
  county_t c = county("subject_weak", SUBJ_SCHOOLS, r.text);
  char buf[128], extra[4300];
  tu_snprintf(extra, sizeof extra, "--pins '%s'",
              tu_write("subject_weak_pins.csv", "teacher_id,action,school_id\nA01,move,\n"));
  plan_t weak = plan(&c, "subject_weak", SUBJ_YEAR FREE NO_TARGETS, extra);
  assert_int_equal(jnum(weak.sum, "moved", NULL), 2);
  assert_string_equal(cell(weak.list, "A01", "to_school", buf), "B");
  assert_int_equal(
      count_rows(weak.list, "subject", "math", "from_school", "B", "to_school", "A", NULL), 1);
  plan_free(&weak);

  tu_run_t st = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/subject_strong' "
                       "%s",
                       c.s, c.t,
                       tu_write("subject_strong.ini", SUBJ_YEAR FREE "subject_cover = strong\n"
                                                                  NO_TARGETS),
                       tu_tmpdir(), extra);
  int code = st.exit_code;
  int named = strstr(st.err, "subject_cover") != NULL;
  if (code != 4 || !named)
    fprintf(stderr, "strong form:\n%s\n", st.err);
  tu_run_free(&st);
  assert_int_equal(code, 4);
  assert_true(named);
}

/* The subject gap.  B has one Chinese teacher for a need of two; A has
 * three for a need of two, one of them free to move.  With quota 0 nothing
 * must move, but the gap is shortfall: one Chinese teacher goes from A to B
 * (staffing gaps of 2 and 4 stay 6 in all; the subject gap 1 becomes 0).
 * With subject_demand = no the demand is no target and nobody moves. */
static void rule_subject_gap(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 1, "chinese", "secondary", "none", OLD); /* A01 */
  add(&r, "A", 2, "chinese", "secondary", "none", NEW);
  add(&r, "A", 1, "math", "secondary", "none", NEW);
  add(&r, "A", 1, "pe", "secondary", "none", NEW);
  add(&r, "B", 1, "chinese", "secondary", "none", NEW);
  add(&r, "B", 1, "math", "secondary", "none", NEW);
  add(&r, "B", 1, "pe", "secondary", "none", NEW);
  county_t c = county("subject_gap", SUBJ_SCHOOLS, r.text);
  char buf[128];
  plan_t on = plan(&c, "subject_gap_on", SUBJ_YEAR FREE NO_TARGETS, NULL);
  assert_int_equal(jnum(on.sum, "moved", NULL), 1);
  assert_string_equal(cell(on.list, "A01", "to_school", buf), "B");
  assert_int_equal(jnum(on.sum, "shortfall_before", "subjects"), 1);
  assert_int_equal(jnum(on.sum, "shortfall_after", "subjects"), 0);
  assert_int_equal(jnum(on.sum, "shortfall_after", "total"), 6);
  plan_free(&on);
  plan_t off = plan(&c, "subject_gap_off", SUBJ_YEAR FREE "subject_demand = no\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(off.sum, "moved", NULL), 0);
  assert_int_equal(jnum(off.sum, "shortfall_after", "subjects"), 0);
  plan_free(&off);
}

/* max_km.  N is 10 km from U, F 50 km; both are 2 short.  Without a limit
 * both are filled; with max_km = 10 (N exactly at the limit) F never
 * appears and every km is at most 10. */
static void rule_max_km(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 30, "chinese", "secondary", "none", OLD);
  add(&r, "N", 8, "chinese", "secondary", "none", NEW);
  add(&r, "F", 8, "chinese", "secondary", "none", NEW);
  county_t c = county("km",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,0,0\n"
                                  "N,N,rural,0,190,0,5,0,0,0,6,8\n"
                                  "F,F,rural,0,190,0,5,0,0,0,30,40\n",
                      r.text);
  plan_t open = plan(&c, "km_0", YEAR FREE "max_km = 0\n" NO_TARGETS, NULL);
  plan_t lim = plan(&c, "km_10", YEAR FREE "max_km = 10\n" NO_TARGETS, NULL);
  assert_int_equal(count_rows(open.list, "to_school", "F", "km", "50.0", NULL), 2);
  assert_int_equal(count_rows(open.list, "to_school", "N", "km", "10.0", NULL), 2);
  assert_int_equal(count_rows(lim.list, "to_school", "F", NULL), 0);
  assert_int_equal(count_rows(lim.list, "to_school", "N", NULL), 2);
  assert_int_equal(jnum(lim.sum, "shortfall_after", "staff"), 2);
  assert_true(jnum(lim.sum, "km_max", NULL) <= 10);
  int km = column(lim.list, "km"), rows = 0;
  for (const char *line = strchr(lim.list, '\n'); line && line[1]; line = strchr(line, '\n')) {
    char f[24][128];
    line++;
    assert_true(split(line, f, 24) > km);
    assert_true(f[km][0] != '\0');
    assert_true(strtod(f[km], NULL) <= 10.0);
    rows++;
  }
  assert_int_equal(rows, 2);
  plan_free(&open);
  plan_free(&lim);
}

/* Pins stay, move, to.  Without pins U's four longest-serving (U01-U04)
 * leave, U01 and U02 to R1 (the nearest), and W (exactly staffed) sends
 * nobody.  Pinned: U01 stay, U27 (newest) move, U10 to R3 (not short), W05
 * move (W is then refilled from U): each is honoured. */
static void rule_pins(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 1, "chinese", "secondary", "none", "F,1985,2002,,");  /* U01 */
  add(&r, "U", 1, "chinese", "secondary", "none", "F,1985,2003,,");  /* U02 */
  add(&r, "U", 24, "chinese", "secondary", "none", "F,1985,2006,,"); /* U03-U26 */
  add(&r, "U", 1, "chinese", "secondary", "none", "F,1985,2019,,");  /* U27 */
  add(&r, "R1", 8, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 8, "chinese", "secondary", "none", NEW);
  add(&r, "R3", 10, "chinese", "secondary", "none", NEW);
  add(&r, "W", 10, "chinese", "secondary", "none", OLD);
  county_t c = county("pins",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,0,0\n"
                                  "W,W,town,0,190,0,5,0,0,0,0,5\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,10,0\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,20,0\n"
                                  "R3,R3,rural,0,190,0,5,0,0,0,30,0\n",
                      r.text);
  static const char policy[] = YEAR FREE NO_TARGETS;
  char buf[128], extra[4300];
  plan_t base = plan(&c, "pins_none", policy, NULL);
  assert_string_equal(cell(base.list, "U01", "to_school", buf), "R1");
  assert_string_equal(cell(base.list, "U02", "to_school", buf), "R1");
  assert_false(moved(&base, "U27"));
  assert_false(moved(&base, "U10"));
  assert_int_equal(count_rows(base.list, "from_school", "W", NULL), 0);
  plan_free(&base);

  tu_snprintf(extra, sizeof extra, "--pins '%s'",
           tu_write("pins.csv", "teacher_id,action,school_id\n"
                                "U01,stay,\nU27,move,\nU10,to,R3\nW05,move,\n"));
  plan_t pinned = plan(&c, "pins_all", policy, extra);
  assert_false(moved(&pinned, "U01"));
  assert_true(moved(&pinned, "U27"));
  assert_string_equal(cell(pinned.list, "U10", "to_school", buf), "R3");
  assert_true(moved(&pinned, "W05"));
  assert_int_equal(count_rows(pinned.list, "to_school", "W", NULL), 1);
  assert_int_equal(jnum(pinned.sum, "moved", NULL), 6);
  assert_int_equal(jnum(pinned.sum, "shortfall_after", "total"), 0);
  plan_free(&pinned);
}

/* Pin not_to.  U and V have one teacher to spare each; R1 and R2 lack one
 * each.  V01 is pinned to move; V is 2 km from R1 and 22 km from R2, U 10 km
 * from both, so V01 goes to R1.  With "V01 not_to R1" as well he goes to R2
 * and U's teacher to R1. */
static void rule_pin_not_to(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 23, "chinese", "secondary", "none", OLD);
  add(&r, "V", 23, "chinese", "secondary", "none", OLD);
  add(&r, "R1", 9, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 9, "chinese", "secondary", "none", NEW);
  county_t c = county("notto",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,0,0\n"
                                  "V,V,town,0,400,0,10,0,0,0,12,0\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,10,0\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,-10,0\n",
                      r.text);
  static const char policy[] = YEAR FREE NO_TARGETS;
  char buf[128], extra[4300];
  tu_snprintf(extra, sizeof extra, "--pins '%s'",
           tu_write("pins_move.csv", "teacher_id,action,school_id\nV01,move,\n"));
  plan_t base = plan(&c, "notto_move", policy, extra);
  assert_int_equal(jnum(base.sum, "moved", NULL), 2);
  assert_string_equal(cell(base.list, "V01", "to_school", buf), "R1");
  assert_int_equal(count_rows(base.list, "from_school", "U", "to_school", "R2", NULL), 1);
  plan_free(&base);
  tu_snprintf(extra, sizeof extra, "--pins '%s'",
           tu_write("pins_not_to.csv", "teacher_id,action,school_id\nV01,move,\nV01,not_to,R1\n"));
  plan_t pinned = plan(&c, "notto_pinned", policy, extra);
  assert_int_equal(jnum(pinned.sum, "moved", NULL), 2);
  assert_string_equal(cell(pinned.list, "V01", "to_school", buf), "R2");
  assert_int_equal(count_rows(pinned.list, "from_school", "U", "to_school", "R1", NULL), 1);
  plan_free(&pinned);
}

/* move_scope.  U and V (2 teachers to spare each) are in groups A and B;
 * R1 (group A) and R2 (group B) lack one teacher each, and so does N, which
 * belongs to no group.  U is next to R2 and V next to R1, so the shortest
 * routing crosses the groups.  With move_scope = county every gap is filled,
 * U's teacher to R2 and V's to R1; with group, U's teacher goes to R1, V's
 * to R2, and N stays short (a school without a group exchanges with no one).
 * The model, the assignment, the greedy baseline, verify and the diagnosis
 * each meet the rule. */
#define GROUPED_HDR                                                                                \
  "school_id,name,area,weak,primary_students,junior_students,primary_classes,"                     \
  "junior_classes,teaching_point,other_staff,x_km,y_km,group\n"
#define GROUPED_SCHOOLS                                                                            \
  GROUPED_HDR "U,U,town,0,400,0,10,0,0,0,0,0,A\n"                                                  \
              "V,V,town,0,400,0,10,0,0,0,10,0,B\n"                                                 \
              "R1,R1,rural,0,190,0,5,0,0,0,10,1,A\n"                                               \
              "R2,R2,rural,0,190,0,5,0,0,0,0,1,B\n"                                                \
              "N,N,rural,0,190,0,5,0,0,0,5,0,\n"

static county_t grouped_county(void) {
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 24, "chinese", "secondary", "none", OLD);
  add(&r, "V", 24, "chinese", "secondary", "none", OLD);
  add(&r, "R1", 9, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 9, "chinese", "secondary", "none", NEW);
  add(&r, "N", 9, "chinese", "secondary", "none", NEW);
  return county("scope", GROUPED_SCHOOLS, r.text);
}

static void rule_move_scope(void **state) {
  (void)state;
  county_t c = grouped_county();
  plan_t open = plan(&c, "scope_county", YEAR FREE "move_scope = county\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(open.sum, "moved", NULL), 3);
  assert_int_equal(count_rows(open.list, "from_school", "U", "to_school", "R2", NULL), 1);
  assert_int_equal(count_rows(open.list, "from_school", "V", "to_school", "R1", NULL), 1);
  assert_int_equal(count_rows(open.list, "to_school", "N", NULL), 1);
  assert_int_equal(jnum(open.sum, "shortfall_after", "staff"), 0);
  plan_t grp = plan(&c, "scope_group", YEAR FREE "move_scope = group\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(grp.sum, "moved", NULL), 2);
  assert_int_equal(count_rows(grp.list, "from_school", "U", "to_school", "R1", NULL), 1);
  assert_int_equal(count_rows(grp.list, "from_school", "V", "to_school", "R2", NULL), 1);
  assert_int_equal(count_rows(grp.list, "to_school", "N", NULL), 0);
  assert_int_equal(jnum(grp.sum, "shortfall_after", "staff"), 1);
  plan_free(&grp);

  /* verify: the county-wide plan breaks the group rule, move by move. */
  const char *pol = tu_write("scope_group_check.ini", YEAR FREE "move_scope = group\n" NO_TARGETS);
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", c.s,
                      c.t, pol, open.dir);
  assert_int_not_equal(r.exit_code, 0);
  assert_contains(r.err, "move_scope: teacher U");
  assert_contains(r.err, "moves to R2, but it is in group \"B\", and they are in group \"A\"");
  assert_contains(r.err, "moves to N, but it belongs to no group");
  tu_run_free(&r);
  plan_free(&open);
}

/* move_scope in the greedy baseline: with a quota of 2 moves, the rule of
 * thumb sends U's teacher to R1 and V's to R2 under group, never across. */
static void rule_move_scope_greedy(void **state) {
  (void)state;
  county_t c = grouped_county();
  plan_t open = plan(&c, "scope_greedy_county",
                     YEAR "quota_share = 0.04\nbackbone_share = 0\n" NO_TARGETS, "--method greedy");
  int crossing = count_rows(open.list, "from_school", "U", "to_school", "R2", NULL) +
                 count_rows(open.list, "from_school", "V", "to_school", "R1", NULL) +
                 count_rows(open.list, "to_school", "N", NULL);
  assert_true(crossing > 0); /* without the rule the neediest may be across */
  plan_free(&open);
  plan_t grp = plan(&c, "scope_greedy_group",
                    YEAR "quota_share = 0.04\nbackbone_share = 0\nmove_scope = group\n" NO_TARGETS,
                    "--method greedy");
  assert_int_equal(jnum(grp.sum, "moved", NULL), 2);
  assert_int_equal(count_rows(grp.list, "from_school", "U", "to_school", "R2", NULL) +
                       count_rows(grp.list, "from_school", "V", "to_school", "R1", NULL) +
                       count_rows(grp.list, "to_school", "N", NULL),
                   0);
  plan_free(&grp);
}

/* move_scope in the diagnosis: a quota of 5 moves needs N (gain cap 2 at R1
 * and at R2), so under group no plan exists, and the diagnosis names
 * move_scope as the rule whose relaxation gives one. */
static void rule_move_scope_diagnosis(void **state) {
  (void)state;
  county_t c = grouped_county();
  const char *pol =
      tu_write("scope_tight.ini", YEAR "quota_share = 0.1\nbackbone_share = 0\nmove_scope = group\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/scope_tight'",
                      c.s, c.t, pol, tu_tmpdir());
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.err, "a plan exists with move_scope = county (rule move_scope relaxed)");
  tu_run_free(&r);
}

/* The diagnosis names a relaxation only when the plan really exists: a
 * county of one school must rotate one teacher and has nowhere to send
 * them.  The model without its lazy self rows counts a move out of the
 * school and back in, so a diagnosis that skipped them named relaxations
 * that did not work when applied; solved to the end, none is named.  With
 * a time limit too short to try any relaxation, it says so and stops. */
static void diagnosis_names_only_relaxations_that_work(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 10, "chinese", "secondary", "none", OLD);
  county_t c = county("lonely", SCHOOLS_HDR "A,A,town,0,152,0,4,0,0,0,0,0\n", r.text);
  const char *pol = tu_write("lonely.ini", YEAR "backbone_share = 0\n");
  tu_run_t run = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/lonely'",
                        c.s, c.t, pol, tu_tmpdir());
  assert_int_equal(run.exit_code, 4);
  assert_null(strstr(run.err, "a plan exists with"));
  assert_contains(run.err, "no single rule relaxed makes a plan possible");
  tu_run_free(&run);
  run = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/lonely' "
               "--time-limit 0.1", c.s, c.t, pol, tu_tmpdir());
  /* The deadline holds either way: the diagnosis stops (exit 4), or under a
   * slow build (sanitizers) the solve itself runs out of time (exit 5). */
  if (run.exit_code == 4)
    assert_contains(run.err, "ended the search for a rule to relax");
  else
    assert_int_equal(run.exit_code, 5);
  assert_null(strstr(run.err, "a plan exists with"));
  tu_run_free(&run);
}

/* Eligibility.  B (200 students) is 4 teachers and 4 degree teachers short;
 * the only degree teachers free to move are A01-A04 at the teaching point A,
 * so when they are eligible all four go to B.  Made ineligible one way each
 * (exempt, age, min_years, term) none of them appears, and B gets four
 * teachers without a degree. */
static void rule_eligibility(void **state) {
  (void)state;
  static const char schools[] = SCHOOLS_HDR "A,A,rural,0,45,0,3,0,1,0,,\n"
                                            "B,B,rural,0,200,0,5,0,0,0,,\n";
  static const char policy[] = YEAR FREE "[targets]\nprimary_backbone = 0\nprimary_pe_art = 0\n";
  static const char *const ids[] = {"A01", "A02", "A03", "A04"};
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 4, "chinese", "bachelor", "none", OLD);
  add(&r, "A", 16, "chinese", "secondary", "none", OLD);
  add(&r, "B", 5, "chinese", "bachelor", "none", NEW);
  add(&r, "B", 2, "chinese", "secondary", "none", NEW);
  county_t c = county("elig_base", schools, r.text);
  plan_t base = plan(&c, "elig_base", policy, NULL);
  for (int i = 0; i < 4; i++)
    assert_true(moved(&base, ids[i]));
  assert_int_equal(jnum(base.sum, "shortfall_after", "degree"), 0);
  plan_free(&base);

  roster_init(&r);
  add(&r, "A", 1, "chinese", "bachelor", "none", "F,1985,2010,孕期,"); /* exempt */
  add(&r, "A", 1, "chinese", "bachelor", "none", "F,1975,2010,,");     /* 51, a woman */
  add(&r, "A", 1, "chinese", "bachelor", "none", "F,1985,2022,,");     /* 4 years < 6 */
  add(&r, "A", 1, "chinese", "bachelor", "none", "F,1985,2010,,2024"); /* term of 3 */
  add(&r, "A", 16, "chinese", "secondary", "none", OLD);
  add(&r, "B", 5, "chinese", "bachelor", "none", NEW);
  add(&r, "B", 2, "chinese", "secondary", "none", NEW);
  c = county("elig_out", schools, r.text);
  plan_t out = plan(&c, "elig_out", policy, NULL);
  for (int i = 0; i < 4; i++)
    assert_false(moved(&out, ids[i]));
  assert_int_equal(jnum(out.sum, "eligible", NULL), 16);
  assert_int_equal(jnum(out.sum, "moved", NULL), 4);
  assert_int_equal(jnum(out.sum, "shortfall_after", "staff"), 0);
  assert_int_equal(jnum(out.sum, "shortfall_after", "degree"), 4);
  plan_free(&out);
}

/* move_leaders.  The county of rule_eligibility, with the four bachelor
 * teachers of A a principal (A01), a vice principal (A02) and two teachers.
 * With move_leaders = no (the default) the leaders are outside the rotation:
 * not among the eligible (18 of 20), never moved by the model or the greedy
 * baseline, a pin to move one refused at its line, and verify refuses a list
 * that moves one; so B gets A03, A04 and two teachers without a degree.  With
 * yes all four go to B. */
static const char *leaders_roster(void) {
  static char buf[4096];
  static const char *const role[] = {"principal", "vice_principal", "teacher", "teacher"};
  size_t n = (size_t)tu_snprintf(buf, sizeof buf,
                                 "teacher_id,name,school_id,section,subject,degree,backbone,"
                                 "gender,birth_year,school_since,exempt,last_rotated_year,role\n");
  for (int i = 1; i <= 20; i++) /* A01-A04 bachelor, A05-A20 secondary */
    n += (size_t)tu_snprintf(buf + n, sizeof buf - n, "A%02d,A%02d,A,primary,chinese,%s,none,"
                             OLD ",%s\n", i, i, i <= 4 ? "bachelor" : "secondary",
                             i <= 4 ? role[i - 1] : "teacher");
  for (int i = 1; i <= 7; i++) /* B01-B05 bachelor, B06-B07 secondary */
    n += (size_t)tu_snprintf(buf + n, sizeof buf - n, "B%02d,B%02d,B,primary,chinese,%s,none,"
                             NEW ",teacher\n", i, i, i <= 5 ? "bachelor" : "secondary");
  return buf;
}

static void rule_move_leaders(void **state) {
  (void)state;
  static const char schools[] = SCHOOLS_HDR "A,A,rural,0,45,0,3,0,1,0,,\n"
                                            "B,B,rural,0,200,0,5,0,0,0,,\n";
#define LEADERS_POLICY YEAR FREE "[targets]\nprimary_backbone = 0\nprimary_pe_art = 0\n"
  county_t c = county("leaders", schools, leaders_roster());
  plan_t yes = plan(&c, "leaders_yes", LEADERS_POLICY "[rotation]\nmove_leaders = yes\n", NULL);
  assert_true(moved(&yes, "A01"));
  assert_true(moved(&yes, "A02"));
  assert_int_equal(count_rows(yes.list, "role", "principal", NULL), 1);
  assert_int_equal(count_rows(yes.list, "role", "vice_principal", NULL), 1);
  assert_int_equal(jnum(yes.sum, "eligible", NULL), 20);
  assert_int_equal(jnum(yes.sum, "shortfall_after", "degree"), 0);

  const char *no_pol = tu_write("leaders_no.ini", LEADERS_POLICY);
  for (int greedy = 0; greedy < 2; greedy++) {
    plan_t no = plan(&c, greedy ? "leaders_no_greedy" : "leaders_no", LEADERS_POLICY,
                     greedy ? "--method greedy" : NULL);
    assert_false(moved(&no, "A01"));
    assert_false(moved(&no, "A02"));
    assert_int_equal(count_rows(no.list, "role", "teacher", NULL), jnum(no.sum, "moved", NULL));
    assert_int_equal(jnum(no.sum, "eligible", NULL), 18);
    if (!greedy) {
      assert_true(moved(&no, "A03"));
      assert_int_equal(jnum(no.sum, "shortfall_after", "degree"), 2);
      /* verify: the same list with the principal in A03's place */
      char *row = strstr(no.list, "\nA03,A03,");
      assert_non_null(row);
      memcpy(row + 1, "A01,A01,", 8);
      tu_write("leaders_no/rotation_list.csv", no.list);
      tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", c.s,
                          c.t, no_pol, no.dir);
      assert_int_equal(r.exit_code, 4);
      assert_contains(r.err, "eligibility: teacher A01 is moved but not eligible "
                             "(principal; move_leaders = no)");
      tu_run_free(&r);
    }
    plan_free(&no);
  }
  /* verify: the plan made with yes breaks the rule under no, by name */
  tu_run_t r = tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", c.s, c.t,
                      no_pol, yes.dir);
  assert_int_equal(r.exit_code, 4);
  assert_contains(r.err, "teacher A01 is moved but not eligible (principal; move_leaders = no)");
  assert_contains(r.err,
                  "teacher A02 is moved but not eligible (vice principal; move_leaders = no)");
  tu_run_free(&r);
  plan_free(&yes);

  /* A pin to move a leader is refused at its line, by both methods. */
  const char *pins = tu_write("leaders_pins.csv", "teacher_id,action,school_id\nA03,move,\n"
                                                  "A01,to,B\n");
  for (int greedy = 0; greedy < 2; greedy++) {
    r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --pins '%s' --out "
               "'%s/leaders_pinned' %s",
               c.s, c.t, no_pol, pins, tu_tmpdir(), greedy ? "--method greedy" : "");
    assert_int_equal(r.exit_code, 4);
    assert_contains(r.err, "leaders_pins.csv:3: column \"action\": teacher \"A01\" is pinned to "
                           "move but is not eligible (principal; move_leaders = no)");
    tu_run_free(&r);
  }
#undef LEADERS_POLICY
}

/* ---- 2. regression set: optimum derived by hand, confirmed with CBC ------- */

static double absd(double x) { return x < 0 ? -x : x; }

/* Each stage's model as written (--write-model X.lp: X.<stage>.lp beside
 * it for every stage that costs anything), solved by CBC: the same optimum. */
static void cbc_confirms_stages(const char *lp_stem, const cJSON *sum, const char *tag) {
  if (system("command -v cbc >/dev/null 2>&1") != 0) {
    fprintf(stderr, "%s: cbc not installed (Debian coinor-cbc): CBC cross-check skipped\n", tag);
    return;
  }
  const cJSON *st = cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "solver"), "stages");
  int checked = 0;
  for (const cJSON *o = st ? st->child : NULL; o; o = o->next) {
    const char *name = cJSON_GetObjectItem(o, "name")->valuestring;
    double glpk = tu_stage(sum, name, "optimum"), cbc = 0;
    char lp[4400], t[4400];
    tu_snprintf(lp, sizeof lp, "%s.%s.lp", lp_stem, name);
    tu_snprintf(t, sizeof t, "%s/%s_%s.cbc.sol", tu_tmpdir(), tag, name);
    if (access(lp, F_OK) != 0) /* a stage that costs nothing is not written */
      continue;
    assert_int_equal(tu_cbc_optimum(lp, t, &cbc), 0);
    fprintf(stderr, "%s, stage %s: GLPK %.8f, CBC %.8f\n", tag, name, glpk, cbc);
    assert_true(absd(glpk - cbc) <= 1e-5 * (1 + absd(glpk)));
    checked++;
  }
  assert_true(checked >= 2);
}

/* A regression case of tests/data/regress/NAME: moves, shortfall, backbone
 * moved, and the excess and balance stages' optima (CV^2 terms), derived
 * by hand; CBC confirms every stage, as a program on the written models and
 * as rotaplan's backend (--solver cbc: the same optima, a plan verify
 * passes). */
static void regress(const char *name, int want_moved, int want_short, int want_bb,
                    double want_excess, double want_balance) {
  char s[4200], t[4200], p[4200], dir[4200], stem[4300], rel[512], extra[4400];
  tu_snprintf(rel, sizeof rel, "tests/data/regress/%s/schools.csv", name);
  tu_snprintf(s, sizeof s, "%s", tu_src(rel));
  tu_snprintf(rel, sizeof rel, "tests/data/regress/%s/teachers.csv", name);
  tu_snprintf(t, sizeof t, "%s", tu_src(rel));
  tu_snprintf(rel, sizeof rel, "tests/data/regress/%s/policy.ini", name);
  tu_snprintf(p, sizeof p, "%s", tu_src(rel));
  tu_snprintf(dir, sizeof dir, "%s/regress_%s", tu_tmpdir(), name);
  tu_snprintf(stem, sizeof stem, "%s/regress_%s", tu_tmpdir(), name);
  tu_snprintf(extra, sizeof extra, "--write-model '%s.lp'", stem);
  plan_t r = plan_files(s, t, p, dir, extra);
  fprintf(stderr, "%s: moved %g, shortfall after %g, backbone moved %g, excess %.6f, balance %.6f\n",
          name, jnum(r.sum, "moved", NULL), jnum(r.sum, "shortfall_after", "total"),
          jnum(r.sum, "moved_backbone", NULL), tu_stage(r.sum, "excess", "value"),
          tu_stage(r.sum, "balance", "value"));
  assert_string_equal(jstr(r.sum, "solver", "status"), "optimal");
  assert_int_equal(jnum(r.sum, "moved", NULL), want_moved);
  assert_int_equal(jnum(r.sum, "shortfall_after", "total"), want_short);
  assert_int_equal(tu_stage(r.sum, "shortfall", "value"), want_short);
  assert_int_equal(tu_stage(r.sum, "moves", "value"), want_moved);
  assert_int_equal(jnum(r.sum, "moved_backbone", NULL), want_bb);
  assert_true(absd(tu_stage(r.sum, "excess", "value") - want_excess) <= 1e-6);
  assert_true(absd(tu_stage(r.sum, "balance", "value") - want_balance) <= 1e-6);
  cbc_confirms_stages(stem, r.sum, name);
  if (tu_have_cbc(name)) {
    tu_snprintf(dir, sizeof dir, "%s/regress_%s_cbc", tu_tmpdir(), name);
    plan_t c = plan_files(s, t, p, dir, "--solver cbc"); /* verified there */
    assert_string_equal(jstr(c.sum, "solver", "status"), "optimal");
    assert_int_equal(jnum(c.sum, "moved", NULL), want_moved);
    assert_int_equal(jnum(c.sum, "shortfall_after", "total"), want_short);
    tu_backends_agree(r.sum, c.sum, name);
    plan_free(&c);
  }
  plan_free(&r);
}

/* U (town, 100 students: 6 staff required, 8 teachers + 1 other staff, all
 * free to move, max_outflow_share 0.25 -> may lose 2); R1 (40 students in 4
 * classes: a small school, max(ceil(40/19), 4 x 1, 2) = 4 required, 2
 * teachers) and R2 (teaching point, 15 students in 1 class: max(1, 1, 2) = 2
 * required, 1 teacher) are 3 short and cannot send anyone.  No indicator
 * counts anyone (targets 0, every degree secondary): no excess, no balance
 * term.  U's cap allows 2 moves, each filling one gap: moved 2, 1 short. */
static void regression_staffing_small(void **state) {
  (void)state;
  regress("staffing_small", 2, 1, 0, 0, 0);
}

/* U (urban, 100 students, 7 teachers of whom 3 county backbone, all free,
 * cap floor(1.4) = 1); U2 (urban, not weak, 6 teachers, no backbone) and R
 * (rural, 5 teachers: 1 short) cannot send.  Backbone target 1 each: U2 and
 * R miss one.  Quota ceil(0.1 x 7) = 1 with backbone share 0.2 -> the one
 * move must be a backbone teacher; backbone_direction keeps him out of U2,
 * so he goes to R and closes R's two gaps: moved 1 (backbone), 1 short (U2).
 * Backbone per 100 after (2, 0, 1), mean 1: CV^2 = 2/3 (the balance stage),
 * 2/3 - 1/4 over the limit 0.5 squared (the excess stage). */
static void regression_backbone_direction(void **state) {
  (void)state;
  regress("backbone_direction", 1, 1, 1, 2.0 / 3 - 0.25, 2.0 / 3);
}

/* A (town, 100 students, 8 teachers: one each of PE, music, art, 5 Chinese,
 * all free, cap 1), B (100 students, 5 teachers: 1 short) and C (6
 * teachers) have no PE/arts teacher for a target of 1 each.  Subject cover
 * forbids sending A's only PE, music or art teacher, which would have closed
 * two gaps at B; a Chinese teacher closes B's staffing gap: moved 1, 2 short
 * (PE/arts at B and C).  pe_art per 100 stays (3, 0, 0), mean 1: CV^2 = 2,
 * 2 - 1/4 over the limit. */
static void regression_subject_cover(void **state) {
  (void)state;
  regress("subject_cover", 1, 2, 0, 1.75, 2);
}

/* U at (0,0) may lose 2 of its 8 (max_outflow_share 0.25); N at 10 km and F
 * at 50 km (small schools: 3 required, 2 teachers) are 1 short each; max_km
 * 20 keeps U's teachers out of F: moved 1 (to N, 10 km: the distance
 * stage), 1 short. */
static void regression_max_km(void **state) {
  (void)state;
  regress("max_km", 1, 1, 0, 0, 0);
}

/* ---- 3. time limit and gap -------------------------------------------------- */

static void time_limit_and_gap(void **state) {
  (void)state;
  char gen[4200], s[4300], t[4300], pol[4200], dir[4300];
  tu_snprintf(gen, sizeof gen, "%s/gen300", tu_tmpdir());
  tu_run_t r = tu_run("generate --sections 300 --seed 2 --out '%s'", gen);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  tu_snprintf(s, sizeof s, "%s/schools.csv", gen);
  tu_snprintf(t, sizeof t, "%s/teachers.csv", gen);
  tu_snprintf(pol, sizeof pol, "%s", tu_write("gen300.ini", YEAR));
  static const char *const limits[] = {"0.1", "1"};
  /* Both backends, each within the limit (plus the grace its child gets,
   * and the reading and writing around the solve). */
  static const char *const solvers[] = {"glpk", "cbc"};
  const int n_solvers = tu_have_cbc("time_limit_and_gap with --solver cbc") ? 4 : 2;
  for (int i = 0; i < n_solvers; i++) {
    tu_snprintf(dir, sizeof dir, "%s/gen300_tl%d", tu_tmpdir(), i);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' --time-limit %s "
               "--solver %s", s, t, pol, dir, limits[i % 2], solvers[i / 2]);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    fprintf(stderr, "--time-limit %s --solver %s: exit %d, %.2f s\n", limits[i % 2],
            solvers[i / 2], r.exit_code, wall);
    assert_true(wall < atof(limits[i % 2]) + 6);
    if (r.exit_code == 5) {
      assert_non_null(strstr(r.err, "no plan found within the time limit"));
      /* ... and what to do about it: CBC offered only to a GLPK run */
      assert_non_null(strstr(r.err, "no plan in time: raise --time-limit"));
      int offers_cbc = strstr(r.err, "--solver cbc") != NULL;
      assert_int_equal(offers_cbc, i < 2 && n_solvers == 4);
      char *none = read_in(dir, "rotation_list.csv");
      assert_null(none); /* nothing written */
    } else {
      if (r.exit_code != 0)
        fprintf(stderr, "%s\n", r.err);
      assert_int_equal(r.exit_code, 0);
      verify_ok(s, t, pol, dir);
      char *text = read_in(dir, "summary.json");
      cJSON *sum = cJSON_Parse(text);
      free(text);
      assert_non_null(sum);
      const char *st = jstr(sum, "solver", "status");
      assert_true(strcmp(st, "optimal") == 0 || strcmp(st, "feasible (not proven optimal)") == 0);
      cJSON_Delete(sum);
    }
    tu_run_free(&r);
  }
  /* The same in Chinese: the message and the advice are the planner's */
  tu_snprintf(dir, sizeof dir, "%s/gen300_tl_zh", tu_tmpdir());
  r = tu_run("plan --lang zh --schools '%s' --teachers '%s' --policy '%s' --out '%s' "
             "--time-limit 0.1",
             s, t, pol, dir);
  if (r.exit_code == 5) {
    assert_non_null(strstr(r.err, "求解器：在 0.1 秒的时限内未找到方案"));
    assert_non_null(strstr(r.err, "未能在时限内得到方案：请加大 --time-limit"));
  }
  tu_run_free(&r);
  tu_snprintf(dir, sizeof dir, "%s/gen300_gap", tu_tmpdir());
  plan_t g = plan_files(s, t, pol, dir, "--gap 0.01");
  assert_string_equal(jstr(g.sum, "solver", "status"), "optimal");
  assert_true(jnum(g.sum, "solver", "gap") <= 0.01);
  plan_free(&g);
}

/* ---- 4. preferences --------------------------------------------------------- */

/* The default gap: the demo at quota_share 0.15 over three years spun in its
 * third year for minutes at a gap printed as 0.000% with --gap 0; with the
 * default (0.000005, model.md "Solving") every year is proven optimal within
 * the gap, well inside the limit. */
static void default_gap_never_spins(void **state) {
  (void)state;
  const char *pol = tu_write("q15.ini", YEAR "quota_share = 0.15\n");
  tu_run_t r = tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s/q15' --years 3 "
                      "--time-limit 120",
                      tu_src("scenarios/demo/county/schools.csv"),
                      tu_src("scenarios/demo/county/teachers.csv"), pol, tu_tmpdir());
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  for (int y = 2026; y <= 2028; y++) {
    char dir[4300];
    tu_snprintf(dir, sizeof dir, "%s/q15/year_%d", tu_tmpdir(), y);
    char *text = read_in(dir, "summary.json");
    assert_non_null(text);
    cJSON *sum = cJSON_Parse(text);
    free(text);
    assert_string_equal(jstr(sum, "solver", "status"), "optimal");
    cJSON_Delete(sum);
  }
}

/* U and V (on a line: U 0, R1 5, R2 25, V 30 km) have one teacher to spare
 * each, R1 and R2 lack one each.  Without wishes the longest-serving go to
 * the nearest gap: U01 to R1, V01 to R2, and U23 (newest) stays.  With U23's
 * wishes (1: R2, 2: R1), U23 is the one U sends, and to R2, although V01
 * then travels 25 km instead of 5. */
static void preferences_first_wish(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "U", 18, "chinese", "secondary", "none", "F,1985,2006,,");
  add(&r, "U", 5, "chinese", "secondary", "none", "F,1985,2015,,"); /* U19-U23 */
  add(&r, "V", 23, "chinese", "secondary", "none", "F,1985,2006,,");
  add(&r, "R1", 9, "chinese", "secondary", "none", NEW);
  add(&r, "R2", 9, "chinese", "secondary", "none", NEW);
  county_t c = county("prefs",
                      SCHOOLS_HDR "U,U,town,0,400,0,10,0,0,0,0,0\n"
                                  "V,V,town,0,400,0,10,0,0,0,30,0\n"
                                  "R1,R1,rural,0,190,0,5,0,0,0,5,0\n"
                                  "R2,R2,rural,0,190,0,5,0,0,0,25,0\n",
                      r.text);
  static const char policy[] = YEAR FREE NO_TARGETS;
  char buf[128], extra[4400];
  plan_t base = plan(&c, "prefs_none", policy, NULL);
  assert_int_equal(jnum(base.sum, "moved", NULL), 2);
  assert_string_equal(cell(base.list, "U01", "to_school", buf), "R1");
  assert_string_equal(cell(base.list, "V01", "to_school", buf), "R2");
  assert_false(moved(&base, "U23"));
  plan_free(&base);
  tu_snprintf(extra, sizeof extra, "--preferences '%s'",
           tu_write("prefs.csv", "teacher_id,rank,school_id\nU23,1,R2\nU23,2,R1\n"));
  plan_t wish = plan(&c, "prefs_wish", policy, extra);
  assert_int_equal(jnum(wish.sum, "moved", NULL), 2);
  assert_false(moved(&wish, "U01"));
  assert_non_null(cell(wish.list, "U23", "to_school", buf));
  assert_string_equal(buf, "R2");
  assert_string_equal(cell(wish.list, "V01", "to_school", buf), "R1");
  plan_free(&wish);
}

/* ---- bugs found while writing these tests (fail until fixed) --------------- */

/* Three identical rural schools, 10 interchangeable teachers each, nobody
 * short, quota 0.1 x 30 = 3.  A cycle A -> B -> C -> A meets every rule, but
 * the pooled balance_c rows let a section count its own leavers as its
 * arrivals (out_s0 = in_s0), which no routing can realise: plan stops with
 * "distance limit ... max_km = 0 km" (exit 4).  Expected: a 3-move plan. */
static void quota_forced_moves_are_routable(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 10, "chinese", "secondary", "none", OLD);
  add(&r, "B", 10, "chinese", "secondary", "none", OLD);
  add(&r, "C", 10, "chinese", "secondary", "none", OLD);
  county_t c = county("loop",
                      SCHOOLS_HDR "A,A,rural,0,190,0,5,0,0,0,,\n"
                                  "B,B,rural,0,190,0,5,0,0,0,,\n"
                                  "C,C,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t p = plan(&c, "loop", YEAR "quota_share = 0.1\nbackbone_share = 0\n" NO_TARGETS, NULL);
  assert_int_equal(jnum(p.sum, "moved", NULL), 3);
  assert_int_equal(jnum(p.sum, "shortfall_after", "total"), 0);
  plan_free(&p);
}

/* The same county with quota_share 0: the plan rightly moves nobody and
 * writes a rotation list with only its header, but `verify` refuses that
 * list ("the file has a header but no data rows", exit 3) instead of
 * verifying 0 moves. */
static void verify_accepts_a_plan_without_moves(void **state) {
  (void)state;
  static roster_t r;
  roster_init(&r);
  add(&r, "A", 10, "chinese", "secondary", "none", OLD);
  add(&r, "B", 10, "chinese", "secondary", "none", OLD);
  add(&r, "C", 10, "chinese", "secondary", "none", OLD);
  county_t c = county("nomove",
                      SCHOOLS_HDR "A,A,rural,0,190,0,5,0,0,0,,\n"
                                  "B,B,rural,0,190,0,5,0,0,0,,\n"
                                  "C,C,rural,0,190,0,5,0,0,0,,\n",
                      r.text);
  plan_t p = plan(&c, "nomove", YEAR FREE NO_TARGETS, NULL);
  assert_int_equal(jnum(p.sum, "moved", NULL), 0);
  plan_free(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rule_quota_share),
      cmocka_unit_test(rule_quota_max_share),
      cmocka_unit_test(rule_quota_scope_school),
      cmocka_unit_test(rule_backbone_share),
      cmocka_unit_test(rule_backbone_direction),
      cmocka_unit_test(direction_labels),
      cmocka_unit_test(rule_min_toward_share),
      cmocka_unit_test(rule_staffing_ratio),
      cmocka_unit_test(rule_pe_art_target),
      cmocka_unit_test(rule_max_outflow_share),
      cmocka_unit_test(rule_overstaff_share),
      cmocka_unit_test(rule_do_no_harm),
      cmocka_unit_test(rule_subject_cover),
      cmocka_unit_test(rule_subject_weak_form),
      cmocka_unit_test(rule_subject_gap),
      cmocka_unit_test(rule_max_km),
      cmocka_unit_test(rule_pins),
      cmocka_unit_test(rule_pin_not_to),
      cmocka_unit_test(rule_move_scope),
      cmocka_unit_test(rule_move_scope_greedy),
      cmocka_unit_test(rule_move_scope_diagnosis),
      cmocka_unit_test(diagnosis_names_only_relaxations_that_work),
      cmocka_unit_test(rule_eligibility),
      cmocka_unit_test(rule_move_leaders),
      cmocka_unit_test(regression_staffing_small),
      cmocka_unit_test(regression_backbone_direction),
      cmocka_unit_test(regression_subject_cover),
      cmocka_unit_test(regression_max_km),
      cmocka_unit_test(time_limit_and_gap),
      cmocka_unit_test(default_gap_never_spins),
      cmocka_unit_test(preferences_first_wish),
      cmocka_unit_test(quota_forced_moves_are_routable),
      cmocka_unit_test(verify_accepts_a_plan_without_moves),
  };
  if (getenv("RP_TEST_FILTER")) /* one test while working on it: RP_TEST_FILTER=rule_max_km */
    cmocka_set_test_filter(getenv("RP_TEST_FILTER"));
  return cmocka_run_group_tests(tests, NULL, NULL);
}
