/* Roster writing (see roster_writer.h).  One function per file, each a
 * straight walk over the county in its own order, so that the same county
 * always gives the same bytes. */
#include "io/roster_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_writer.h"
#include "io/out_file.h"
#include "model/curriculum.h"

static const char *const school_header[] = {
    "school_id", "name", "area", "weak", "primary_students", "junior_students",
    "primary_classes", "junior_classes", "teaching_point", "other_staff",
    "x_km", "y_km", "group", "grade1_classes", "grade2_classes", "grade3_classes",
    "grade4_classes", "grade5_classes", "grade6_classes", "grade7_classes", "grade8_classes",
    "grade9_classes", NULL};
/* school_header's columns before the grade columns. */
#define SCHOOL_FIXED_COLS 13
static const char *const teacher_header[] = {
    "teacher_id", "name", "school_id", "section", "subject", "gender",
    "birth_year", "school_since", "degree", "backbone", "exempt",
    "last_rotated_year", "role", NULL};

/* The grade columns are written when some school has them (a roster read
 * without them reads back the same without them); a level without its own
 * grade classes has empty cells, which the reader takes as not given. */
static int any_grade_classes(const rp_county_t *c) {
  for (size_t i = 0; i < c->n_schools; i++)
    for (int g = 0; g < RP_GRADES; g++)
      if (c->schools[i].grade_classes[g])
        return 1;
  return 0;
}

static void write_grade_classes(const rp_school_t *s, FILE *fp) {
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    int g0 = rp_level_first_grade((rp_level_t)lv), g1 = rp_level_end_grade((rp_level_t)lv);
    int given = 0;
    for (int g = g0; g < g1; g++)
      given |= s->grade_classes[g] != 0;
    for (int g = g0; g < g1; g++)
      if (given)
        rp_csv_int(fp, 0, s->grade_classes[g]);
      else
        rp_csv_field(fp, 0, "");
  }
}

static void write_schools(const rp_county_t *c, FILE *fp) {
  int grades = any_grade_classes(c);
  const char *header[SCHOOL_FIXED_COLS + RP_GRADES + 1];
  int n = grades ? SCHOOL_FIXED_COLS + RP_GRADES : SCHOOL_FIXED_COLS;
  memcpy(header, school_header, (size_t)n * sizeof *header);
  header[n] = NULL;
  /* Longitudes and latitudes as read (schools.csv gives one kind for all). */
  int geo = 0;
  for (size_t i = 0; i < c->n_schools; i++)
    geo |= c->schools[i].has_pos == RP_POS_GEO;
  if (geo) {
    header[10] = "longitude";
    header[11] = "latitude";
  }
  rp_csv_header(fp, header);
  for (size_t i = 0; i < c->n_schools; i++) {
    const rp_school_t *s = &c->schools[i];
    rp_csv_text(fp, 1, s->id);
    rp_csv_text(fp, 0, s->name);
    rp_csv_field(fp, 0, rp_area_name(s->area));
    rp_csv_int(fp, 0, s->weak ? 1 : 0);
    rp_csv_int(fp, 0, s->students[RP_PRIMARY]);
    rp_csv_int(fp, 0, s->students[RP_JUNIOR]);
    rp_csv_int(fp, 0, s->classes[RP_PRIMARY]);
    rp_csv_int(fp, 0, s->classes[RP_JUNIOR]);
    rp_csv_int(fp, 0, s->teaching_point ? 1 : 0);
    rp_csv_int(fp, 0, s->other_staff);
    if (s->has_pos == RP_POS_KM) {
      rp_csv_num_exact(fp, 0, s->x_km, 1); /* read back exactly: verify's km */
      rp_csv_num_exact(fp, 0, s->y_km, 1);
    } else if (s->has_pos == RP_POS_GEO) {
      rp_csv_num_exact(fp, 0, s->lon, 1);
      rp_csv_num_exact(fp, 0, s->lat, 1);
    } else {
      rp_csv_field(fp, 0, "");
      rp_csv_field(fp, 0, "");
    }
    rp_csv_text(fp, 0, s->group);
    if (grades)
      write_grade_classes(s, fp);
    rp_csv_eol(fp);
  }
}

/* The history columns teachers.csv gave (rp_county_t.history_cols), in
 * io/roster.c's names: a --years run writes each year's history so far. */
static const struct {
  unsigned bit;
  const char *name;
} history_col[] = {{RP_HIST_RURAL, "rural_years"}, {RP_HIST_WEAK, "weak_years"},
                   {RP_HIST_ROTATIONS, "rotations"}, {RP_HIST_TITLE, "title"},
                   {RP_HIST_APPLIES, "applies_senior"}};
enum { HISTORY_COLS = sizeof history_col / sizeof history_col[0] };

static void csv_known(FILE *fp, int v) {
  if (v >= 0)
    rp_csv_int(fp, 0, v);
  else
    rp_csv_field(fp, 0, "");
}

static void write_history(const rp_county_t *c, const rp_teacher_t *t, FILE *fp) {
  for (int i = 0; i < HISTORY_COLS; i++) {
    if (!(c->history_cols & history_col[i].bit))
      continue;
    switch (history_col[i].bit) {
    case RP_HIST_RURAL: csv_known(fp, t->rural_years); break;
    case RP_HIST_WEAK: csv_known(fp, t->weak_years); break;
    case RP_HIST_ROTATIONS: csv_known(fp, t->rotations); break;
    case RP_HIST_TITLE: rp_csv_field(fp, 0, rp_title_name(t->title)); break;
    default: rp_csv_field(fp, 0, t->applies_senior < 0 ? "" : t->applies_senior ? "yes" : "no");
    }
  }
}

static void write_teachers(const rp_county_t *c, FILE *fp) {
  const char *header[sizeof teacher_header / sizeof teacher_header[0] + HISTORY_COLS + 1];
  size_t n = 0;
  for (; teacher_header[n]; n++)
    header[n] = teacher_header[n];
  for (int i = 0; i < HISTORY_COLS; i++)
    if (c->history_cols & history_col[i].bit)
      header[n++] = history_col[i].name;
  if (c->principal_rated) /* the principals' exchange's rating, when read */
    header[n++] = "principal_rating";
  header[n] = NULL;
  rp_csv_header(fp, header);
  for (size_t i = 0; i < c->n_teachers; i++) {
    const rp_teacher_t *t = &c->teachers[i];
    const char gender[2] = {t->gender, '\0'};
    rp_csv_text(fp, 1, t->id);
    rp_csv_text(fp, 0, t->name);
    rp_csv_text(fp, 0, c->schools[t->school].id);
    rp_csv_field(fp, 0, rp_level_name(t->level));
    rp_csv_field(fp, 0, rp_subject_name(t->subject));
    rp_csv_field(fp, 0, gender);
    rp_csv_int(fp, 0, t->birth_year);
    rp_csv_int(fp, 0, t->school_since);
    rp_csv_field(fp, 0, rp_degree_name(t->degree));
    rp_csv_field(fp, 0, rp_backbone_name(t->backbone));
    rp_csv_text(fp, 0, t->exempt);
    if (t->last_rotated_year > 0)
      rp_csv_int(fp, 0, t->last_rotated_year);
    else
      rp_csv_field(fp, 0, "");
    rp_csv_field(fp, 0, rp_role_name(t->role));
    write_history(c, t, fp);
    if (c->principal_rated) {
      char rating[32];
      snprintf(rating, sizeof rating, "%g", t->principal_rating);
      rp_csv_field(fp, 0, t->principal_rating > 0 ? rating : "");
    }
    rp_csv_eol(fp);
  }
}

/* dir/base, malloc'ed; NULL when out of memory. */
static char *join(const char *dir, const char *base) {
  size_t n = strlen(dir) + strlen(base) + 2;
  char *path = malloc(n);
  if (path)
    snprintf(path, n, "%s/%s", dir, base);
  return path;
}

rp_status_t rp_roster_write(const rp_county_t *c, const char *dir, rp_out_txn_t *txn,
                            rp_diag_t *diag) {
  rp_status_t st = RP_EINTERNAL;
  char *sp = NULL, *tp = NULL;
  rp_out_file_t *sf = NULL, *tf = NULL;
  /* Checked before anything is written: a bad index would read out of
   * bounds, and a roster the reader rejects is no roster. */
  for (size_t i = 0; i < c->n_teachers; i++)
    if (c->teachers[i].school >= c->n_schools ||
        (c->teachers[i].gender != 'M' && c->teachers[i].gender != 'F')) {
      rp_diag_error(diag, NULL, 0, NULL,
                    "teacher \"%s\": no valid school or gender; roster not "
                    "written",
                    c->teachers[i].id ? c->teachers[i].id : "");
      goto done;
    }
  if ((st = rp_out_mkdir(dir, diag)) != RP_OK)
    goto done;
  st = RP_ENOMEM;
  if (!(sp = join(dir, "schools.csv")) || !(tp = join(dir, "teachers.csv")))
    goto done;
  /* Both files are written in full before either replaces the old one, so
   * that a failure leaves the previous pair in place. */
  if (!(sf = rp_out_open(sp, diag, &st)) || !(tf = rp_out_open(tp, diag, &st)))
    goto done;
  write_schools(c, rp_out_stream(sf));
  write_teachers(c, rp_out_stream(tf));
  rp_out_txn_t *own = txn ? NULL : rp_out_txn_create();
  if (!txn && !own) {
    st = RP_ENOMEM;
    goto done;
  }
  st = rp_out_txn_add(txn ? txn : own, sf, diag); /* owns sf from here, on failure too */
  sf = NULL;
  if (st == RP_OK)
    st = rp_out_txn_add(txn ? txn : own, tf, diag);
  tf = NULL;
  if (st == RP_OK && own)
    st = rp_out_txn_commit(own, diag);
  rp_out_txn_free(own);
done:
  rp_out_abort(sf);
  rp_out_abort(tf);
  free(sp);
  free(tp);
  return st;
}
