/* model/indicators: the weighted difference coefficient, teacher eligibility
 * and indicator membership, and the audit of a county (sections, the split of
 * nine-year schools, excluded teaching points, level statistics and the
 * rotation quota), checked against numbers worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <math.h>

#include "model/county.h"
#include "model/indicators.h"
#include "model/policy.h"
#include "io/audit_report.h"
#include "io/policy_ini.h"
#include "model/limits.h"
#include "io/roster.h"
#include "model/status.h"
#include "test_util.h"

#define assert_near(a, b, eps)                                               \
  do {                                                                       \
    double a_ = (a), b_ = (b);                                               \
    if (!(fabs(a_ - b_) <= (eps)))                                           \
      fail_msg("%s = %.10g, expected %.10g (+-%g)", #a, a_, b_, (double)(eps)); \
  } while (0)

static rp_county_t *load_paths(const char *schools, const char *teachers,
                               const rp_policy_t *p) {
  rp_diag_t d = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  rp_status_t st = rp_roster_load(schools, teachers, p, &c, &d);
  if (st != RP_OK || d.n_errors) {
    char *s = diag_str(&d);
    fail_msg("rp_roster_load: %s\n%s", rp_status_str(st), s);
  }
  assert_non_null(c);
  rp_diag_clear(&d);
  return c;
}

static rp_county_t *load_text(const char *schools, const char *teachers,
                              const rp_policy_t *p) {
  const char *s = tu_write("ind_schools.csv", schools);
  const char *t = tu_write("ind_teachers.csv", teachers);
  return load_paths(s, t, p);
}

static rp_audit_t *audit(const rp_county_t *c, const rp_policy_t *p) {
  rp_audit_t *a = NULL;
  assert_int_equal(rp_audit_build(c, p, &a), RP_OK);
  assert_non_null(a);
  return a;
}

static const rp_section_t *section(const rp_audit_t *a, const rp_county_t *c,
                                   const char *school, rp_level_t lv) {
  size_t i = rp_county_find_school(c, school);
  assert_true(i != (size_t)-1);
  size_t k = a->section_of[i * 2 + lv];
  assert_true(k != SIZE_MAX);
  assert_true(k < a->n_sections);
  assert_int_equal(a->sections[k].school, i);
  assert_int_equal(a->sections[k].level, lv);
  return &a->sections[k];
}

/* ---- rp_weighted_cv ---------------------------------------------------- */

static void test_weighted_cv_by_hand(void **state) {
  (void)state;
  const double x[] = {1.0, 0.0}, w[] = {200, 100};
  double mean = -1, cv = -1;
  rp_weighted_cv(x, w, 2, &mean, &cv);
  /* mean = 200/300; S = sqrt(2/3 (1/3)^2 + 1/3 (2/3)^2) = sqrt(2)/3 */
  assert_near(mean, 0.6667, 1e-4);
  assert_near(cv, 0.7071, 1e-4);
  assert_near(cv, sqrt(2.0) / 2.0, 1e-12);

  /* x = {2, 4, 9}, w = {1, 1, 2}: mean 6, S^2 = 16/4 + 4/4 + 9/2 = 9.5 */
  const double x3[] = {2, 4, 9}, w3[] = {1, 1, 2};
  rp_weighted_cv(x3, w3, 3, &mean, &cv);
  assert_near(mean, 6.0, 1e-12);
  assert_near(cv, sqrt(9.5) / 6.0, 1e-12);
  assert_near(cv, 0.5137, 1e-4);
}

/* The national formula is the population, enrolment-weighted form; the
 * unweighted sample form is a different (wrong) number. */
static void test_weighted_cv_is_population_weighted(void **state) {
  (void)state;
  const double x[] = {1.0, 0.0}, w[] = {200, 100};
  double mean, cv;
  rp_weighted_cv(x, w, 2, &mean, &cv);
  double um = (x[0] + x[1]) / 2;
  double sample_sd = sqrt(((x[0] - um) * (x[0] - um) + (x[1] - um) * (x[1] - um)) / 1);
  double sample_cv = sample_sd / um; /* 1.4142 */
  double pop_cv = sqrt(((x[0] - um) * (x[0] - um) + (x[1] - um) * (x[1] - um)) / 2) / um;
  assert_near(sample_cv, 1.4142, 1e-4);
  assert_near(pop_cv, 1.0, 1e-12);
  assert_true(fabs(cv - sample_cv) > 0.5);
  assert_true(fabs(cv - pop_cv) > 0.25);
  /* weights matter: swapping them changes the mean and the coefficient */
  const double w2[] = {100, 200};
  double mean2, cv2;
  rp_weighted_cv(x, w2, 2, &mean2, &cv2);
  assert_near(mean2, 1.0 / 3.0, 1e-12);
  assert_near(cv2, sqrt(2.0), 1e-12); /* S = sqrt(2)/3, mean 1/3 */
}

static void test_weighted_cv_degenerate(void **state) {
  (void)state;
  double mean = -1, cv = -1;
  const double same[] = {2.5, 2.5, 2.5}, w[] = {10, 300, 7};
  rp_weighted_cv(same, w, 3, &mean, &cv);
  assert_near(mean, 2.5, 1e-12);
  assert_true(cv == 0.0);
  const double zero[] = {0, 0};
  rp_weighted_cv(zero, w, 2, &mean, &cv);
  assert_true(mean == 0.0);
  assert_true(cv == 0.0);
  rp_weighted_cv(NULL, NULL, 0, &mean, &cv);
  assert_true(mean == 0.0);
  assert_true(cv == 0.0);
  const double one[] = {3.0}, w1[] = {50};
  rp_weighted_cv(one, w1, 1, &mean, &cv);
  assert_near(mean, 3.0, 1e-12);
  assert_true(cv == 0.0);
}

static void test_per100(void **state) {
  (void)state;
  assert_near(rp_per100(2, 200), 1.0, 1e-12);
  assert_near(rp_per100(1, 60), 100.0 / 60.0, 1e-12);
  assert_true(rp_per100(3, 0) == 0.0);
  assert_string_equal(rp_indicator_name(RP_IND_DEGREE), "degree");
  assert_string_equal(rp_indicator_name(RP_IND_BACKBONE), "backbone");
  assert_string_equal(rp_indicator_name(RP_IND_PE_ART), "pe_art");
}

/* ---- eligibility -------------------------------------------------------- */

static rp_teacher_t teacher(char gender, int born, int since, int last_rot,
                            const char *exempt) {
  rp_teacher_t t;
  memset(&t, 0, sizeof t);
  t.gender = gender;
  t.birth_year = born;
  t.school_since = since;
  t.last_rotated_year = last_rot;
  t.exempt = (char *)exempt;
  t.degree = RP_DEG_BACHELOR;
  return t;
}

static void expect_eligible(const rp_policy_t *p, rp_teacher_t t, const char *why_want) {
  const char *why = "unset";
  int e = rp_teacher_eligible(p, &t, &why);
  if (why_want) {
    assert_int_equal(e, 0);
    assert_non_null(why);
    assert_string_equal(why, why_want);
  } else {
    if (!e)
      fail_msg("not eligible: %s", why ? why : "(null)");
    assert_null(why);
  }
  assert_int_equal(rp_teacher_eligible(p, &t, NULL), why_want == NULL);
}

static void test_eligibility_each_exemption(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  /* 46, 11 years at the school, never rotated */
  expect_eligible(&p, teacher('M', 1980, 2015, 0, ""), NULL);
  expect_eligible(&p, teacher('F', 1980, 2015, 0, NULL), NULL);
  expect_eligible(&p, teacher('M', 1980, 2015, 0, "孕期"), "exempt");
  expect_eligible(&p, teacher('F', 1980, 2022, 0, ""), "under min_years at the school");
  expect_eligible(&p, teacher('M', 1965, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('F', 1972, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('M', 1980, 2010, 2024, ""), "within the term of a rotation");
}

static void test_eligibility_boundaries(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  /* exactly min_years (6) at the school: eligible; 5: not */
  expect_eligible(&p, teacher('M', 1980, 2020, 0, ""), NULL);
  expect_eligible(&p, teacher('M', 1980, 2021, 0, ""), "under min_years at the school");
  /* men: 55 in the plan year exempt, 54 eligible */
  expect_eligible(&p, teacher('M', 1971, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('M', 1972, 2000, 0, ""), NULL);
  /* women: 50 exempt, 49 eligible; a man of 50 is not exempt */
  expect_eligible(&p, teacher('F', 1976, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('F', 1977, 2000, 0, ""), NULL);
  expect_eligible(&p, teacher('M', 1976, 2000, 0, ""), NULL);
  /* a 3-year term: rotated 2024 (2 years ago) no, 2023 (3 years) yes */
  expect_eligible(&p, teacher('F', 1985, 2010, 2024, ""), "within the term of a rotation");
  expect_eligible(&p, teacher('F', 1985, 2010, 2023, ""), NULL);
  /* the rules follow the policy */
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini",
                                   "[rotation]\nmin_years = 9\nexempt_age_male = 50\n"
                                   "exempt_age_female = 45\nterm_years = 1\nplan_year = 2027\n",
                                   &p, &d),
                   RP_OK);
  expect_eligible(&p, teacher('M', 1980, 2019, 0, ""), "under min_years at the school");
  expect_eligible(&p, teacher('M', 1980, 2018, 0, ""), NULL);
  expect_eligible(&p, teacher('M', 1977, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('F', 1982, 2000, 0, ""), "age exemption");
  expect_eligible(&p, teacher('F', 1983, 2000, 0, ""), NULL);
  expect_eligible(&p, teacher('F', 1983, 2000, 2026, ""), NULL);
  expect_eligible(&p, teacher('F', 1983, 2000, 2027, ""), "within the term of a rotation");
  rp_diag_clear(&d);
}

/* ---- which teachers count ----------------------------------------------- */

static void test_teacher_counts(void **state) {
  (void)state;
  rp_teacher_t t;
  memset(&t, 0, sizeof t);
  t.exempt = "";
  t.subject = RP_SUBJ_CHINESE;
  /* degree above the required one: primary associate+, junior bachelor+ */
  t.level = RP_PRIMARY;
  t.degree = RP_DEG_ASSOCIATE;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_DEGREE), 1);
  t.degree = RP_DEG_SECONDARY;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_DEGREE), 0);
  t.level = RP_JUNIOR;
  t.degree = RP_DEG_ASSOCIATE;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_DEGREE), 0);
  t.degree = RP_DEG_BACHELOR;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_DEGREE), 1);
  t.degree = RP_DEG_DOCTOR;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_DEGREE), 1);
  /* backbone: county level or above */
  static const struct {
    rp_backbone_t b;
    int counts;
  } bb[] = {{RP_BB_NONE, 0},   {RP_BB_SCHOOL, 0},   {RP_BB_COUNTY, 1},
            {RP_BB_CITY, 1},   {RP_BB_PROVINCE, 1}, {RP_BB_NATIONAL, 1}};
  for (size_t i = 0; i < sizeof bb / sizeof bb[0]; i++) {
    t.backbone = bb[i].b;
    assert_int_equal(rp_teacher_counts(&t, RP_IND_BACKBONE), bb[i].counts);
  }
  /* PE + arts: pe, music, art */
  for (int s = 0; s < RP_SUBJECTS; s++) {
    t.subject = (rp_subject_t)s;
    int want = s == RP_SUBJ_PE || s == RP_SUBJ_MUSIC || s == RP_SUBJ_ART;
    assert_int_equal(rp_teacher_counts(&t, RP_IND_PE_ART), want);
  }
  t.subject = RP_SUBJ_ENGLISH;
  assert_int_equal(rp_teacher_counts(&t, RP_IND_PE_ART), 0);
}

static void test_rotation_backbone_follows_policy(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_teacher_t t;
  memset(&t, 0, sizeof t);
  t.backbone = RP_BB_SCHOOL;
  assert_int_equal(rp_teacher_is_rotation_backbone(&p, &t), 0);
  t.backbone = RP_BB_COUNTY;
  assert_int_equal(rp_teacher_is_rotation_backbone(&p, &t), 1);
  p.backbone_min_level = RP_BB_CITY;
  assert_int_equal(rp_teacher_is_rotation_backbone(&p, &t), 0);
  /* ... while the per-100 indicator stays at county level */
  assert_int_equal(rp_teacher_counts(&t, RP_IND_BACKBONE), 1);
  p.backbone_min_level = RP_BB_NONE;
  t.backbone = RP_BB_NATIONAL;
  assert_int_equal(rp_teacher_is_rotation_backbone(&p, &t), 0);
}

/* ---- the audit of tests/data/tiny ---------------------------------------- */

static void test_audit_tiny(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_county_t *c = load_paths(tu_src("tests/data/tiny/schools.csv"),
                              tu_src("tests/data/tiny/teachers.csv"), &p);
  assert_int_equal(c->n_schools, 3);
  assert_int_equal(c->n_teachers, 12);
  rp_audit_t *a = audit(c, &p);
  assert_int_equal(a->n_sections, 4); /* A primary, A junior, B, C */

  const rp_section_t *ap = section(a, c, "A", RP_PRIMARY);
  assert_int_equal(ap - a->sections, 0);
  assert_int_equal(ap->students, 200);
  assert_int_equal(ap->classes, 5);
  assert_int_equal(ap->teachers, 5);
  assert_int_equal(ap->other_staff, 2); /* 3 split 200:100 */
  assert_int_equal(ap->required_staff, 11);
  assert_int_equal(ap->count[RP_IND_DEGREE], 4);
  assert_int_equal(ap->count[RP_IND_BACKBONE], 2);
  assert_int_equal(ap->count[RP_IND_PE_ART], 2);
  assert_int_equal(ap->need[RP_IND_DEGREE], 9);   /* 4.2 x 2 = 8.4 */
  assert_int_equal(ap->need[RP_IND_BACKBONE], 2); /* 1.0 x 2 */
  assert_int_equal(ap->need[RP_IND_PE_ART], 2);   /* 0.9 x 2 = 1.8 */
  assert_int_equal(ap->counted, 1);
  assert_null(ap->excluded);
  assert_int_equal(rp_section_misses(ap, RP_IND_DEGREE), 1);
  assert_int_equal(rp_section_misses(ap, RP_IND_BACKBONE), 0);
  assert_int_equal(rp_section_misses(ap, RP_IND_PE_ART), 0);
  assert_int_equal(rp_section_staff_short(ap), 1); /* 5 + 2 < 11 */

  const rp_section_t *aj = section(a, c, "A", RP_JUNIOR);
  assert_int_equal(aj->students, 100);
  assert_int_equal(aj->teachers, 3);
  assert_int_equal(aj->other_staff, 1);
  assert_int_equal(aj->required_staff, 8); /* 100 / 13.5 = 7.4 */
  assert_int_equal(aj->count[RP_IND_DEGREE], 2); /* bachelor, master; not associate */
  assert_int_equal(aj->count[RP_IND_BACKBONE], 1);
  assert_int_equal(aj->count[RP_IND_PE_ART], 1);
  assert_int_equal(aj->need[RP_IND_DEGREE], 6); /* 5.3 */

  const rp_section_t *b = section(a, c, "B", RP_PRIMARY);
  assert_int_equal(b->students, 100);
  assert_int_equal(b->teachers, 3);
  assert_int_equal(b->required_staff, 6); /* 100 is not a small school */
  assert_int_equal(b->count[RP_IND_DEGREE], 2);
  assert_int_equal(b->count[RP_IND_BACKBONE], 0);
  assert_int_equal(b->count[RP_IND_PE_ART], 0);
  assert_int_equal(b->counted, 1);

  const rp_section_t *cp = section(a, c, "C", RP_PRIMARY);
  assert_int_equal(cp->students, 30);
  assert_int_equal(cp->teachers, 1);
  assert_int_equal(cp->counted, 0);
  assert_non_null(cp->excluded);
  assert_string_equal(cp->excluded, "teaching point under the size limit");
  assert_int_equal(cp->required_staff, 2); /* small school: 2 classes, min 2 */
  for (int i = 0; i < RP_INDICATORS; i++) {
    assert_int_equal(cp->need[i], 0);
    assert_int_equal(rp_section_misses(cp, (rp_indicator_t)i), 0);
  }
  assert_true(a->section_of[rp_county_find_school(c, "B") * 2 + RP_JUNIOR] == SIZE_MAX);
  assert_true(a->section_of[rp_county_find_school(c, "C") * 2 + RP_JUNIOR] == SIZE_MAX);

  const rp_level_stats_t *pl = &a->level[RP_PRIMARY];
  assert_int_equal(pl->sections, 2);
  assert_int_equal(pl->excluded, 1);
  assert_int_equal(pl->students, 300);
  assert_near(pl->mean[RP_IND_DEGREE], 2.0, 1e-9);
  assert_near(pl->cv[RP_IND_DEGREE], 0.0, 1e-12);
  assert_int_equal(pl->pass[RP_IND_DEGREE], 1);
  assert_near(pl->mean[RP_IND_BACKBONE], 0.6667, 1e-4);
  assert_near(pl->cv[RP_IND_BACKBONE], 0.7071, 1e-4);
  assert_int_equal(pl->pass[RP_IND_BACKBONE], 0); /* limit 0.50 */
  assert_near(pl->cv[RP_IND_PE_ART], 0.7071, 1e-4);
  assert_int_equal(pl->pass[RP_IND_PE_ART], 0);
  assert_near(pl->composite, (0 + 2 * sqrt(2.0) / 2) / 3, 1e-9);

  const rp_level_stats_t *jl = &a->level[RP_JUNIOR];
  assert_int_equal(jl->sections, 1);
  assert_int_equal(jl->excluded, 0);
  assert_int_equal(jl->students, 100);
  assert_near(jl->mean[RP_IND_DEGREE], 2.0, 1e-9);
  assert_near(jl->mean[RP_IND_BACKBONE], 1.0, 1e-9);
  for (int i = 0; i < RP_INDICATORS; i++) {
    assert_near(jl->cv[i], 0.0, 1e-12);
    assert_int_equal(jl->pass[i], 1);
  }

  /* eligible: all but T5 (61) and T11 (exempt); backbone T1, T2, T6 */
  assert_int_equal(a->rotation.eligible, 10);
  assert_int_equal(a->rotation.eligible_backbone, 3);
  assert_int_equal(a->rotation.min_rotate, 1);
  assert_int_equal(a->rotation.max_rotate, -1);
  assert_int_equal(a->rotation.min_backbone, 1);

  /* a plan that gives B one county backbone teacher evens the level out */
  rp_section_t *bw = &a->sections[a->section_of[rp_county_find_school(c, "B") * 2]];
  bw->count[RP_IND_BACKBONE] = 1;
  rp_audit_update_levels(a, &p);
  assert_near(a->level[RP_PRIMARY].cv[RP_IND_BACKBONE], 0.0, 1e-12);
  assert_near(a->level[RP_PRIMARY].mean[RP_IND_BACKBONE], 1.0, 1e-12);
  assert_int_equal(a->level[RP_PRIMARY].pass[RP_IND_BACKBONE], 1);
  assert_int_equal(a->level[RP_PRIMARY].sections, 2);

  rp_audit_free(a);
  rp_county_free(c);
}

static void test_audit_rotation_quota_policy(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(rp_policy_parse("p.ini",
                                   "[rotation]\nquota_share = 0.15\nquota_max_share = 0.25\n"
                                   "backbone_share = 0.5\nbackbone_base = eligible_backbone\n",
                                   &p, &d),
                   RP_OK);
  rp_diag_clear(&d);
  rp_county_t *c = load_paths(tu_src("tests/data/tiny/schools.csv"),
                              tu_src("tests/data/tiny/teachers.csv"), &p);
  rp_audit_t *a = audit(c, &p);
  assert_int_equal(a->rotation.eligible, 10);
  assert_int_equal(a->rotation.min_rotate, 2);   /* 1.5 up */
  assert_int_equal(a->rotation.max_rotate, 2);   /* 2.5 down */
  assert_int_equal(a->rotation.min_backbone, 2); /* half of 3 eligible backbone */
  rp_audit_free(a);
  rp_county_free(c);
}

/* The backbone minimum of a plan is the one the model enforces for the
 * plan's own moves: backbone_share of those moved (rounded up) with
 * backbone_base = rotated, not the share of the least quota; the fixed
 * minimum of eligible backbone teachers otherwise. */
static void test_backbone_minimum_of_moves(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_rotation_stats_t r = {.eligible = 651, .eligible_backbone = 186, .min_rotate = 66};
  assert_int_equal(rp_backbone_minimum(&p, &r, 66), 14);   /* 13.2 up */
  assert_int_equal(rp_backbone_minimum(&p, &r, 161), 33);  /* 32.2 up, not 14 */
  assert_int_equal(rp_backbone_minimum(&p, &r, 65), 13);   /* 13.000000000000002 is 13 */
  p.backbone_share = 0;
  assert_int_equal(rp_backbone_minimum(&p, &r, 161), 0);
  p.backbone_share = 0.15;
  p.backbone_base = RP_BASE_ELIGIBLE_BACKBONE;
  assert_int_equal(rp_backbone_minimum(&p, &r, 66), 28);   /* 27.9 up, whatever moves */
  assert_int_equal(rp_backbone_minimum(&p, &r, 161), 28);
}

/* ---- nine-year schools are split ----------------------------------------- */

static const char nine_schools[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
    "junior_classes,teaching_point,other_staff\n"
    "N,Nine-year,rural,0,190,135,5,3,0,5\n"
    "J,Junior only,town,0,0,150,0,3,0,2\n";
static const char nine_teachers[] =
    "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone\n"
    "T1,A,N,primary,pe,F,1980,2010,associate,county\n"
    "T2,B,N,primary,chinese,M,1985,2021,secondary,none\n"
    "T3,C,N,junior,music,F,1970,2000,associate,city\n"
    "T4,D,N,junior,math,M,1990,2015,bachelor,none\n"
    "T5,E,N,junior,english,F,1988,2012,master,school\n"
    "T6,F,J,,chinese,M,1982,2010,bachelor,none\n";

static void test_audit_nine_year_split(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_county_t *c = load_text(nine_schools, nine_teachers, &p);
  rp_audit_t *a = audit(c, &p);
  assert_int_equal(a->n_sections, 3);

  const rp_section_t *np = section(a, c, "N", RP_PRIMARY);
  assert_int_equal(np->students, 190);
  assert_int_equal(np->classes, 5);
  assert_int_equal(np->teachers, 2);
  assert_int_equal(np->other_staff, 3); /* 5 x 190/325 = 2.92 */
  assert_int_equal(np->required_staff, 10); /* 190 / 19, primary ratio */
  assert_int_equal(np->count[RP_IND_DEGREE], 1);
  assert_int_equal(np->count[RP_IND_BACKBONE], 1);
  assert_int_equal(np->count[RP_IND_PE_ART], 1);
  assert_int_equal(np->need[RP_IND_DEGREE], 8);   /* 4.2 x 1.9 = 7.98 */
  assert_int_equal(np->need[RP_IND_BACKBONE], 2); /* 1.9 */
  assert_int_equal(np->need[RP_IND_PE_ART], 2);   /* 1.71 */

  const rp_section_t *nj = section(a, c, "N", RP_JUNIOR);
  assert_int_equal(nj->students, 135);
  assert_int_equal(nj->classes, 3);
  assert_int_equal(nj->teachers, 3);
  assert_int_equal(nj->other_staff, 2);
  assert_int_equal(nj->required_staff, 10); /* 135 / 13.5, junior ratio */
  assert_int_equal(nj->count[RP_IND_DEGREE], 2); /* associate does not count */
  assert_int_equal(nj->count[RP_IND_BACKBONE], 1); /* school level does not */
  assert_int_equal(nj->count[RP_IND_PE_ART], 1);
  assert_int_equal(nj->need[RP_IND_DEGREE], 8); /* 5.3 x 1.35 = 7.155 */

  const rp_section_t *jj = section(a, c, "J", RP_JUNIOR);
  assert_int_equal(jj->teachers, 1);
  assert_int_equal(jj->other_staff, 2); /* all to the only section */
  assert_int_equal(jj->required_staff, 12); /* 150 / 13.5 = 11.1 */
  assert_true(a->section_of[rp_county_find_school(c, "J") * 2 + RP_PRIMARY] == SIZE_MAX);

  assert_int_equal(a->level[RP_PRIMARY].sections, 1);
  assert_int_equal(a->level[RP_PRIMARY].students, 190);
  assert_int_equal(a->level[RP_JUNIOR].sections, 2);
  assert_int_equal(a->level[RP_JUNIOR].students, 285);
  /* junior degree per 100: N 2/135, J 1/150 */
  double x[] = {200.0 / 135, 100.0 / 150}, w[] = {135, 150}, mean, cv;
  rp_weighted_cv(x, w, 2, &mean, &cv);
  assert_near(a->level[RP_JUNIOR].mean[RP_IND_DEGREE], 3.0 / 285 * 100, 1e-9);
  assert_near(a->level[RP_JUNIOR].cv[RP_IND_DEGREE], cv, 1e-12);
  /* T2 (5 years at N) and T3 (F, 56) cannot rotate */
  assert_int_equal(a->rotation.eligible, 4);
  assert_int_equal(a->rotation.eligible_backbone, 1);
  rp_audit_free(a);
  rp_county_free(c);
}

/* ---- teaching points under 50 students are left out ----------------------- */

static const char tp_schools_head[] =
    "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
    "junior_classes,teaching_point,other_staff\n"
    "A,Alpha,town,0,200,0,5,0,0,0\n"
    "B,Beta,rural,0,100,0,4,0,0,0\n";
static const char tp_teachers_head[] =
    "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,backbone\n"
    "T1,A1,A,,chinese,F,1980,2010,bachelor,county\n"
    "T2,A2,A,,math,M,1981,2010,bachelor,county\n"
    "T3,B1,B,,math,M,1982,2010,bachelor,none\n";
static const char tp_teachers_point[] =
    "T4,P1,P,,chinese,F,1983,2010,bachelor,county\n"
    "T5,P2,P,,music,F,1984,2010,secondary,none\n";

/* Audits A, B and (when `point_row` is given) a school P with two teachers,
 * one a county backbone. */
static rp_audit_t *tp_audit(const char *point_row, const rp_policy_t *p,
                            rp_county_t **cp) {
  char schools[1024], teachers[1024];
  tu_snprintf(schools, sizeof schools, "%s%s", tp_schools_head, point_row ? point_row : "");
  tu_snprintf(teachers, sizeof teachers, "%s%s", tp_teachers_head,
           point_row ? tp_teachers_point : "");
  *cp = load_text(schools, teachers, p);
  return audit(*cp, p);
}

static void test_audit_excluded_teaching_point(void **state) {
  (void)state;
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_county_t *c0, *c1, *c2, *c3, *c4;
  rp_audit_t *a0 = tp_audit(NULL, &p, &c0);
  const rp_level_stats_t *l0 = &a0->level[RP_PRIMARY];
  assert_int_equal(l0->sections, 2);
  assert_int_equal(l0->students, 300);
  assert_near(l0->mean[RP_IND_BACKBONE], 0.6667, 1e-4);
  assert_near(l0->cv[RP_IND_BACKBONE], 0.7071, 1e-4);
  assert_near(l0->cv[RP_IND_DEGREE], 0.0, 1e-12);
  assert_near(l0->cv[RP_IND_PE_ART], 0.0, 1e-12); /* mean 0 */

  /* a teaching point of 30 students: its numbers change nothing */
  rp_audit_t *a1 = tp_audit("P,Point,rural,0,30,0,2,0,1,0\n", &p, &c1);
  const rp_level_stats_t *l1 = &a1->level[RP_PRIMARY];
  assert_int_equal(a1->n_sections, 3);
  assert_int_equal(l1->sections, 2);
  assert_int_equal(l1->excluded, 1);
  assert_int_equal(l1->students, 300);
  for (int i = 0; i < RP_INDICATORS; i++) {
    assert_near(l1->mean[i], l0->mean[i], 1e-12);
    assert_near(l1->cv[i], l0->cv[i], 1e-12);
  }
  const rp_section_t *p1 = section(a1, c1, "P", RP_PRIMARY);
  assert_int_equal(p1->counted, 0);
  assert_string_equal(p1->excluded, "teaching point under the size limit");
  assert_int_equal(p1->teachers, 2);
  assert_int_equal(p1->count[RP_IND_BACKBONE], 1);
  assert_int_equal(a1->rotation.eligible, 5); /* its teachers still rotate */

  /* 60 students: counted; backbone x = {1, 0, 1.6667}, w = {200, 100, 60} */
  rp_audit_t *a2 = tp_audit("P,Point,rural,0,60,0,2,0,1,0\n", &p, &c2);
  const rp_level_stats_t *l2 = &a2->level[RP_PRIMARY];
  assert_int_equal(l2->sections, 3);
  assert_int_equal(l2->excluded, 0);
  assert_int_equal(l2->students, 360);
  assert_near(l2->mean[RP_IND_BACKBONE], 0.8333, 1e-4);
  assert_near(l2->cv[RP_IND_BACKBONE], 0.6831, 1e-4);
  /* degree: {1, 1, 1.6667} (4 teachers); pe_art {0, 0, 1.6667} */
  assert_near(l2->mean[RP_IND_DEGREE], 4.0 / 360 * 100, 1e-9);
  assert_near(l2->mean[RP_IND_PE_ART], 1.0 / 360 * 100, 1e-9);
  const rp_section_t *p2 = section(a2, c2, "P", RP_PRIMARY);
  assert_int_equal(p2->counted, 1);
  assert_null(p2->excluded);
  assert_int_equal(p2->required_staff, 4); /* small: ceil(60/19) = 4 > 2 classes */
  assert_int_equal(p2->need[RP_IND_BACKBONE], 1);

  /* exactly 50 students is not "under 50" */
  rp_audit_t *a3 = tp_audit("P,Point,rural,0,50,0,2,0,1,0\n", &p, &c3);
  assert_int_equal(section(a3, c3, "P", RP_PRIMARY)->counted, 1);
  assert_int_equal(a3->level[RP_PRIMARY].sections, 3);

  /* a small school that is not a teaching point is always counted */
  rp_audit_t *a4 = tp_audit("P,Village,rural,0,30,0,2,0,0,0\n", &p, &c4);
  assert_int_equal(a4->level[RP_PRIMARY].sections, 3);
  assert_int_equal(a4->level[RP_PRIMARY].students, 330);
  assert_near(a4->level[RP_PRIMARY].cv[RP_IND_BACKBONE], 0.9775, 1e-4);

  rp_audit_free(a0);
  rp_audit_free(a1);
  rp_audit_free(a2);
  rp_audit_free(a3);
  rp_audit_free(a4);
  rp_county_free(c0);
  rp_county_free(c1);
  rp_county_free(c2);
  rp_county_free(c3);
  rp_county_free(c4);

  /* the size limit is a policy key */
  rp_diag_t d = RP_DIAG_INIT;
  assert_int_equal(
      rp_policy_parse("p.ini", "[balance]\nexclude_teaching_point_below = 70\n", &p, &d),
      RP_OK);
  rp_diag_clear(&d);
  rp_county_t *c5;
  rp_audit_t *a5 = tp_audit("P,Point,rural,0,60,0,2,0,1,0\n", &p, &c5);
  assert_int_equal(section(a5, c5, "P", RP_PRIMARY)->counted, 0);
  assert_near(a5->level[RP_PRIMARY].cv[RP_IND_BACKBONE], 0.7071, 1e-4);
  rp_audit_free(a5);
  rp_county_free(c5);
}

/* ---- totals at the documented limits -------------------------------------- */

/* 25,000 schools (far below RP_CSV_MAX_ROWS) of RP_MAX_SECTION_STUDENTS
 * primary students each: 2,500,000,000 students, past INT_MAX, which the
 * level total once wrapped to -1794967296. */
static void test_level_total_past_int(void **state) {
  (void)state;
  enum { N = 25000 };
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_county_t *c = calloc(1, sizeof *c);
  assert_non_null(c);
  c->schools = calloc(N, sizeof *c->schools);
  assert_non_null(c->schools);
  for (size_t i = 0; i < N; i++) {
    char id[16];
    tu_snprintf(id, sizeof id, "S%05zu", i);
    rp_school_t *sc = &c->schools[c->n_schools++];
    sc->id = rp_strdup(id);
    sc->name = rp_strdup(id);
    sc->group = rp_strdup("");
    assert_true(sc->id && sc->name && sc->group);
    sc->area = RP_AREA_TOWN;
    sc->students[RP_PRIMARY] = RP_MAX_SECTION_STUDENTS;
    sc->classes[RP_PRIMARY] = 2000;
  }
  rp_audit_t *a = audit(c, &p);
  assert_int_equal(a->level[RP_PRIMARY].sections, N);
  assert_true(a->level[RP_PRIMARY].students == 2500000000LL);
  /* The text report and the JSON print it whole. */
  char *text = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&text, &len);
  assert_non_null(fp);
  rp_audit_print_text(fp, c, &p, a, RP_LANG_EN);
  fclose(fp);
  assert_non_null(strstr(text, " 2500000000 "));
  assert_null(strstr(text, "-1794967296"));
  free(text);
  cJSON *levels = rp_levels_json(p.cv_limit, a->level);
  char *json = cJSON_PrintUnformatted(levels);
  assert_non_null(json);
  assert_non_null(strstr(json, "\"students\":2500000000,"));
  cJSON_free(json);
  cJSON_Delete(levels);
  rp_audit_free(a);
  rp_county_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_weighted_cv_by_hand),
      cmocka_unit_test(test_level_total_past_int),
      cmocka_unit_test(test_weighted_cv_is_population_weighted),
      cmocka_unit_test(test_weighted_cv_degenerate),
      cmocka_unit_test(test_per100),
      cmocka_unit_test(test_eligibility_each_exemption),
      cmocka_unit_test(test_eligibility_boundaries),
      cmocka_unit_test(test_teacher_counts),
      cmocka_unit_test(test_rotation_backbone_follows_policy),
      cmocka_unit_test(test_audit_tiny),
      cmocka_unit_test(test_audit_rotation_quota_policy),
      cmocka_unit_test(test_backbone_minimum_of_moves),
      cmocka_unit_test(test_audit_nine_year_split),
      cmocka_unit_test(test_audit_excluded_teaching_point),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
