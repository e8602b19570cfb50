/* The generator (model/generator.c): subjects that follow the curriculum.
 *
 * Each section's teachers are split over the subjects in proportion to its
 * demand (model/curriculum.h, the built-in table and the default loads),
 * the PE + arts teachers over PE, music and art, the others over the rest;
 * then rural sections lose English and IT teachers to Chinese and maths and
 * some urban and town sections gain a surplus of Chinese and maths.  The
 * tests check the split against the demand computed here, the rural
 * shortages against the urban sections, and that the same options give the
 * same files byte for byte.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/roster_writer.h"
#include "model/curriculum.h"
#include "model/generator.h"
#include "model/policy.h"
#include "test_util.h"

#define YEAR 2026

/* Teachers per section and subject, with the section's demand. */
typedef struct {
  const rp_school_t *school;
  rp_level_t level;
  int n;                         /* teachers */
  int t[RP_SUBJECTS];            /* teachers per subject */
  double d[RP_SUBJECTS];         /* demand in full-time teachers */
  double quota[RP_SUBJECTS];     /* proportional share of the teachers */
} sec_t;

static rp_county_t *generate(int sections, unsigned long seed) {
  rp_gen_opts_t o = {sections, seed, YEAR, 0};
  rp_county_t *c = NULL;
  assert_int_equal(rp_generate(&o, &c), RP_OK);
  assert_non_null(c);
  return c;
}

/* Every section of c with its subjects, demand and proportional quotas;
 * *ns sections. */
static sec_t *sections_of(const rp_county_t *c, size_t *ns) {
  rp_policy_t pol;
  rp_policy_default(&pol, YEAR);
  const rp_curriculum_t *cur = rp_county_curriculum(NULL);
  sec_t *s = calloc(c->n_schools * RP_LEVELS, sizeof *s);
  assert_non_null(s);
  for (size_t i = 0; i < c->n_schools; i++)
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      sec_t *x = &s[i * RP_LEVELS + lv];
      x->school = &c->schools[i];
      x->level = (rp_level_t)lv;
      for (int j = 0; j < RP_SUBJECTS; j++)
        x->d[j] = rp_subject_demand(cur, &pol, x->school, x->level, (rp_subject_t)j);
    }
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    sec_t *x = &s[t->school * RP_LEVELS + t->level];
    x->n++;
    x->t[t->subject]++;
  }
  for (size_t k = 0; k < c->n_schools * RP_LEVELS; k++) {
    sec_t *x = &s[k];
    int pa = x->t[RP_SUBJ_PE] + x->t[RP_SUBJ_MUSIC] + x->t[RP_SUBJ_ART];
    double dpa = 0, drest = 0;
    for (int j = 0; j < RP_SUBJECTS; j++)
      *(rp_subject_is_pe_art((rp_subject_t)j) ? &dpa : &drest) += x->d[j];
    for (int j = 0; j < RP_SUBJECTS; j++)
      if (x->n > 0)
        x->quota[j] = rp_subject_is_pe_art((rp_subject_t)j) ? pa * x->d[j] / dpa
                                                            : (x->n - pa) * x->d[j] / drest;
  }
  *ns = c->n_schools * RP_LEVELS;
  return s;
}

/* PE, music and art take the section's PE + arts teachers by largest
 * remainders: each within one of its exact share, in every section. */
static void pe_arts_split_by_demand(void **state) {
  (void)state;
  rp_county_t *c = generate(300, 2);
  size_t ns;
  sec_t *s = sections_of(c, &ns);
  int checked = 0;
  for (size_t k = 0; k < ns; k++)
    for (int j = RP_SUBJ_PE; j <= RP_SUBJ_ART; j++)
      if (s[k].n > 0) {
        assert_true(fabs(s[k].t[j] - s[k].quota[j]) < 1);
        checked++;
      }
  assert_true(checked > 600);
  free(s);
  rp_county_free(c);
}

/* The other teachers follow demand: no teacher of a subject without demand
 * (`other`); a subject other than Chinese and maths never above the ceiling
 * of its share (the perturbations only take from them), and county-wide
 * every subject within 10% of its proportional share, English and IT
 * between 75% and 100% of it; Chinese and maths above their share by what
 * the others gave. */
static void subjects_follow_demand(void **state) {
  (void)state;
  for (unsigned long seed = 1; seed <= 3; seed++) {
    rp_county_t *c = generate(300, seed);
    size_t ns;
    sec_t *s = sections_of(c, &ns);
    double got[RP_SUBJECTS] = {0}, share[RP_SUBJECTS] = {0};
    for (size_t k = 0; k < ns; k++) {
      assert_int_equal(s[k].t[RP_SUBJ_OTHER], 0);
      for (int j = 0; j < RP_SUBJECTS; j++) {
        if (s[k].d[j] == 0)
          assert_int_equal(s[k].t[j], 0);
        if (j != RP_SUBJ_CHINESE && j != RP_SUBJ_MATH)
          assert_true(s[k].t[j] <= ceil(s[k].quota[j] - 1e-9));
        got[j] += s[k].t[j];
        share[j] += s[k].quota[j];
      }
    }
    for (int j = 0; j < RP_SUBJECTS; j++) {
      if (j == RP_SUBJ_OTHER)
        continue;
      /* English and IT lose to Chinese and maths (rural sections, and the
       * subjects furthest above demand give the surplus) */
      int lose = j == RP_SUBJ_ENGLISH || j == RP_SUBJ_IT;
      double lo = lose ? 0.75 : 0.9, hi = lose ? 1 : 1.1;
      if (got[j] < lo * share[j] || got[j] > hi * share[j])
        fprintf(stderr, "seed %lu %s: %g teachers, share %g\n", seed,
                rp_subject_name((rp_subject_t)j), got[j], share[j]);
      assert_true(got[j] >= lo * share[j] && got[j] <= hi * share[j]);
    }
    assert_true(got[RP_SUBJ_CHINESE] > share[RP_SUBJ_CHINESE]);
    assert_true(got[RP_SUBJ_MATH] > share[RP_SUBJ_MATH]);
    free(s);
    rp_county_free(c);
  }
}

/* Rural sections end below the whole part of their demand in PE, music, art
 * or English far more often than urban ones (which never do), have fewer IT
 * teachers for their IT demand, and some urban or town sections hold a
 * surplus of Chinese and maths beyond their share. */
static void rural_short_urban_surplus(void **state) {
  (void)state;
  static const rp_subject_t scarce[] = {RP_SUBJ_PE, RP_SUBJ_MUSIC, RP_SUBJ_ART,
                                        RP_SUBJ_ENGLISH};
  rp_county_t *c = generate(300, 2);
  size_t ns;
  sec_t *s = sections_of(c, &ns);
  int secs[3] = {0}, short_secs[3] = {0}, english_short = 0, surplus = 0, urban_town = 0;
  double it_t[3] = {0}, it_d[3] = {0};
  for (size_t k = 0; k < ns; k++) {
    const sec_t *x = &s[k];
    if (x->n == 0)
      continue;
    rp_area_t a = x->school->area;
    secs[a]++;
    int short_any = 0;
    for (size_t i = 0; i < sizeof scarce / sizeof scarce[0]; i++)
      if (x->t[scarce[i]] < rp_subject_need(x->d[scarce[i]]))
        short_any = 1;
    short_secs[a] += short_any;
    english_short += a == RP_AREA_RURAL &&
                     x->t[RP_SUBJ_ENGLISH] < rp_subject_need(x->d[RP_SUBJ_ENGLISH]);
    it_t[a] += x->t[RP_SUBJ_IT];
    it_d[a] += x->d[RP_SUBJ_IT];
    if (a != RP_AREA_RURAL) {
      urban_town++;
      surplus += x->t[RP_SUBJ_CHINESE] + x->t[RP_SUBJ_MATH] >
                 ceil(x->quota[RP_SUBJ_CHINESE]) + ceil(x->quota[RP_SUBJ_MATH]);
    }
    /* The county seat is never short of anything. */
    if (a == RP_AREA_URBAN)
      for (int j = 0; j < RP_SUBJECTS; j++)
        assert_true(x->t[j] >= rp_subject_need(x->d[j]));
  }
  fprintf(stderr, "short of PE/music/art/English: rural %d of %d, town %d of %d, urban %d of %d;"
                  " rural English %d; IT per demand rural %.2f urban %.2f; surplus %d of %d\n",
          short_secs[RP_AREA_RURAL], secs[RP_AREA_RURAL], short_secs[RP_AREA_TOWN],
          secs[RP_AREA_TOWN], short_secs[RP_AREA_URBAN], secs[RP_AREA_URBAN], english_short,
          it_t[RP_AREA_RURAL] / it_d[RP_AREA_RURAL], it_t[RP_AREA_URBAN] / it_d[RP_AREA_URBAN],
          surplus, urban_town);
  assert_true(secs[RP_AREA_RURAL] > 50 && secs[RP_AREA_URBAN] > 20);
  assert_int_equal(short_secs[RP_AREA_URBAN], 0);
  assert_true(short_secs[RP_AREA_RURAL] * 10 > secs[RP_AREA_RURAL] * 3); /* over 30% */
  assert_true(short_secs[RP_AREA_RURAL] * secs[RP_AREA_TOWN] >
              2 * short_secs[RP_AREA_TOWN] * secs[RP_AREA_RURAL]);
  assert_true(english_short >= 10);
  assert_true(it_t[RP_AREA_RURAL] / it_d[RP_AREA_RURAL] <
              0.8 * it_t[RP_AREA_URBAN] / it_d[RP_AREA_URBAN]);
  /* a few: the quarter SURPLUS_CHANCE gives, give or take */
  assert_true(surplus * 10 >= urban_town && surplus * 10 <= urban_town * 4);
  free(s);
  rp_county_free(c);
}

/* Same options, byte-identical files; another seed, other subjects. */
static void deterministic(void **state) {
  (void)state;
  char a[4200], b[4200], x[4200];
  tu_snprintf(a, sizeof a, "%s/a", tu_tmpdir());
  tu_snprintf(b, sizeof b, "%s/b", tu_tmpdir());
  tu_snprintf(x, sizeof x, "%s/x", tu_tmpdir());
  const char *dirs[3] = {a, b, x};
  unsigned long seeds[3] = {7, 7, 8};
  for (int i = 0; i < 3; i++) {
    rp_county_t *c = generate(60, seeds[i]);
    rp_diag_t diag = RP_DIAG_INIT;
    assert_int_equal(rp_roster_write(c, dirs[i], NULL, &diag), RP_OK);
    rp_diag_clear(&diag);
    rp_county_free(c);
  }
  static const char *const files[] = {"schools.csv", "teachers.csv"};
  for (int f = 0; f < 2; f++) {
    char pa[4300], pb[4300], px[4300];
    tu_snprintf(pa, sizeof pa, "%s/%s", a, files[f]);
    tu_snprintf(pb, sizeof pb, "%s/%s", b, files[f]);
    tu_snprintf(px, sizeof px, "%s/%s", x, files[f]);
    char *ta = tu_read(pa), *tb = tu_read(pb), *tx = tu_read(px);
    assert_non_null(ta);
    assert_non_null(tb);
    assert_non_null(tx);
    assert_string_equal(ta, tb);
    assert_string_not_equal(ta, tx);
    free(ta);
    free(tb);
    free(tx);
  }
}

/* --grade-classes: about half the schools give classes per grade, adding up
 * to each level's classes, rural schools with more classes in the upper
 * grades than the lower; the subjects follow that exact demand (PE, music
 * and art within one of their share of it); nothing but the subjects
 * differs from the county without the option; none without it. */
static void grade_classes(void **state) {
  (void)state;
  rp_gen_opts_t o = {300, 2, YEAR, 1};
  rp_county_t *g = NULL, *c = generate(300, 2);
  assert_int_equal(rp_generate(&o, &g), RP_OK);
  assert_int_equal(g->n_schools, c->n_schools);
  assert_int_equal(g->n_teachers, c->n_teachers);
  int with = 0, low = 0, high = 0;
  for (size_t i = 0; i < g->n_schools; i++) {
    const rp_school_t *s = &g->schools[i];
    int given = 0;
    for (int gr = 0; gr < RP_GRADES; gr++) {
      assert_int_equal(c->schools[i].grade_classes[gr], 0);
      given |= s->grade_classes[gr] != 0;
    }
    with += given;
    for (int lv = 0; given && lv < RP_LEVELS; lv++) {
      int sum = 0;
      for (int gr = rp_level_first_grade((rp_level_t)lv); gr < rp_level_end_grade((rp_level_t)lv);
           gr++)
        sum += s->grade_classes[gr];
      assert_int_equal(sum, s->classes[lv]);
    }
    if (given && s->area == RP_AREA_RURAL && s->classes[RP_PRIMARY] >= 6) {
      low += s->grade_classes[0] + s->grade_classes[1];
      high += s->grade_classes[4] + s->grade_classes[5];
    }
  }
  assert_true(with * 10 >= (int)g->n_schools * 4 && with * 10 <= (int)g->n_schools * 6);
  assert_true(low < high);
  for (size_t k = 0; k < g->n_teachers; k++) {
    const rp_teacher_t *a = &g->teachers[k], *b = &c->teachers[k];
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->name, b->name);
    assert_int_equal(a->school, b->school);
    assert_int_equal(a->birth_year, b->birth_year);
    assert_int_equal(a->degree, b->degree);
    assert_int_equal(a->backbone, b->backbone);
    assert_int_equal(rp_subject_is_pe_art(a->subject), rp_subject_is_pe_art(b->subject));
  }
  size_t ns;
  sec_t *x = sections_of(g, &ns);
  for (size_t k = 0; k < ns; k++)
    for (int j = RP_SUBJ_PE; j <= RP_SUBJ_ART; j++)
      if (x[k].n > 0)
        assert_true(fabs(x[k].t[j] - x[k].quota[j]) < 1);
  free(x);
  rp_county_free(g);
  rp_county_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pe_arts_split_by_demand),
      cmocka_unit_test(subjects_follow_demand),
      cmocka_unit_test(rural_short_urban_surplus),
      cmocka_unit_test(deterministic),
      cmocka_unit_test(grade_classes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
