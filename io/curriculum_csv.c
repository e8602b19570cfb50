/* curriculum.csv read into an rp_curriculum_t (see curriculum_csv.h).  The
 * table is read by io/csv_reader.c and its headers matched by the same
 * alias lists as the rosters' (rp_table_map_columns); every row is checked
 * and every defect reported before anything is kept. */
#include "io/curriculum_csv.h"

#include <stdlib.h>
#include <string.h>

#include "io/csv_reader.h"
#include "model/number.h"

enum { C_GRADE, C_LEVEL, C_SUBJECT, C_PERIODS, C_LOAD, C_NCOLS };
static const rp_colspec_t cols[C_NCOLS] = {
    {"grade", 0, {"grade", "年级", NULL}},
    {"level", 0, {"level", "section", "学段", NULL}},
    {"subject", 1, {"subject", "学科", "科目", "课程", NULL}},
    {"periods", 1, {"periods", "周课时", "周课时数", "每周课时", "课时", NULL}},
    {"load", 0, {"load", "教师周课时", "教师周课时量", "教师标准课时", "标准课时", NULL}},
};

/* A weekly period count beyond a school week's length is a typing error. */
#define MAX_PERIODS 60
/* The policy's load keys' range ([staffing] primary_load_core, ...). */
#define MIN_LOAD 1
#define MAX_LOAD 40

/* Grade 1-9 as a number, 一年级 ... 九年级, or 初一 ... 初三: the 0-based
 * grade, or -1. */
static int parse_grade(const char *s) {
  static const char *const zh[RP_GRADES] = {"一年级", "二年级", "三年级", "四年级", "五年级",
                                            "六年级", "七年级", "八年级", "九年级"};
  static const char *const junior[3] = {"初一", "初二", "初三"};
  long g;
  if (rp_parse_int(s, 1, RP_GRADES, &g) == 0)
    return (int)g - 1;
  for (int i = 0; i < RP_GRADES; i++)
    if (strcmp(s, zh[i]) == 0)
      return i;
  for (int i = 0; i < 3; i++)
    if (strcmp(s, junior[i]) == 0)
      return 6 + i;
  return -1;
}

static rp_level_t level_of_grade(int g) { return g < 6 ? RP_PRIMARY : RP_JUNIOR; }

/* Where a value was first given, for "first at line N" messages. */
typedef struct {
  long periods_line[RP_GRADES][RP_SUBJECTS];
  const char *periods_name[RP_GRADES][RP_SUBJECTS]; /* the subject as written */
  long load_line[RP_LEVELS][RP_SUBJECTS];
} seen_t;

typedef struct {
  const rp_table_t *t;
  const int *col;
  size_t row;
  rp_diag_t *diag;
} row_t;

static const char *cell(const row_t *r, int f) { return rp_table_cell(r->t, r->row, r->col[f]); }

#define ROW_ERR(r, f, ...)                                                                 \
  rp_diag_error((r)->diag, (r)->t->path, (r)->t->lines[(r)->row],                          \
                rp_table_colname((r)->t, &cols[f], (r)->col[f]), __VA_ARGS__)

/* The grades a row covers, [*g0, *g1): its grade, or its level's grades.
 * 0, or -1 after reporting why not. */
static int row_grades(const row_t *r, int *g0, int *g1) {
  const char *gs = cell(r, C_GRADE), *ls = cell(r, C_LEVEL);
  rp_level_t lv;
  if (*gs == '\0' && *ls == '\0') {
    ROW_ERR(r, r->col[C_GRADE] >= 0 ? C_GRADE : C_LEVEL,
            "grade and level are both empty: give a grade (1-9) or a level (primary, junior; "
            "小学, 初中)");
    return -1;
  }
  if (*ls && rp_level_parse(ls, &lv) != 0) {
    ROW_ERR(r, C_LEVEL, "\"%s\" is not a level (primary, junior; 小学, 初中)", ls);
    return -1;
  }
  if (*gs == '\0') {
    *g0 = rp_level_first_grade(lv);
    *g1 = rp_level_end_grade(lv);
    return 0;
  }
  int g = parse_grade(gs);
  if (g < 0) {
    ROW_ERR(r, C_GRADE, "\"%s\" is not a grade (1 to 9; 一年级 ... 九年级)", gs);
    return -1;
  }
  if (*ls && level_of_grade(g) != lv) {
    ROW_ERR(r, C_GRADE, "grade %d is not a %s grade (level \"%s\" on the same row)", g + 1,
            rp_level_name(lv), ls);
    return -1;
  }
  *g0 = g;
  *g1 = g + 1;
  return 0;
}

/* One row into cur; every defect to diag. */
static void read_row(const row_t *r, rp_curriculum_t *cur, seen_t *seen) {
  int g0 = 0, g1 = 0, ok = row_grades(r, &g0, &g1) == 0;
  const char *subj = cell(r, C_SUBJECT), *ps = cell(r, C_PERIODS), *loads = cell(r, C_LOAD);
  rp_subject_t j = RP_SUBJ_OTHER;
  double periods = 0, load = 0;
  char half[128];
  if (*subj == '\0') {
    ROW_ERR(r, C_SUBJECT, "is empty");
    ok = 0;
  } else if (rp_subject_parse(subj, &j) != 0) {
    ROW_ERR(r, C_SUBJECT, "\"%s\" is not a known subject (docs/data-format.md lists the names "
                          "and Chinese aliases)", subj);
    ok = 0;
  }
  if (*ps == '\0') {
    ROW_ERR(r, C_PERIODS, "is empty; expected the weekly periods (0 to %d)", MAX_PERIODS);
    ok = 0;
  } else if (rp_parse_double(rp_halfwidth(ps, half, sizeof half), 0, MAX_PERIODS, &periods) !=
             0) {
    ROW_ERR(r, C_PERIODS, "\"%s\" is not a number of weekly periods (0 to %d)", ps, MAX_PERIODS);
    ok = 0;
  }
  if (*loads &&
      rp_parse_double(rp_halfwidth(loads, half, sizeof half), MIN_LOAD, MAX_LOAD, &load) != 0) {
    ROW_ERR(r, C_LOAD, "\"%s\" is not a teacher's weekly periods (%d to %d)", loads, MIN_LOAD,
            MAX_LOAD);
    ok = 0;
  }
  if (!ok)
    return;
  long line = r->t->lines[r->row];
  for (int g = g0; g < g1; g++) {
    long first = seen->periods_line[g][j];
    if (first) {
      const char *was = seen->periods_name[g][j];
      if (strcmp(was, subj) == 0)
        ROW_ERR(r, C_SUBJECT, "grade %d, subject %s is given twice (first at line %ld)", g + 1,
                rp_subject_name(j), first);
      else
        ROW_ERR(r, C_SUBJECT, "\"%s\" is subject %s, as \"%s\" at line %ld: grade %d is "
                "given twice (put their periods in one row)", subj, rp_subject_name(j), was,
                first, g + 1);
      return;
    }
  }
  for (int g = g0; g < g1; g++) {
    seen->periods_line[g][j] = line;
    seen->periods_name[g][j] = subj;
    cur->periods[g][j] = periods;
  }
  if (load > 0) {
    rp_level_t lv = level_of_grade(g0);
    if (seen->load_line[lv][j] && cur->load[lv][j] != load)
      ROW_ERR(r, C_LOAD, "%s differs from the load %g given at line %ld for %s %s (one load "
              "per level and subject)", loads, cur->load[lv][j], seen->load_line[lv][j],
              rp_level_name(lv), rp_subject_name(j));
    else if (!seen->load_line[lv][j]) {
      seen->load_line[lv][j] = line;
      cur->load[lv][j] = load;
    }
  }
}

static rp_status_t read_table(const rp_table_t *t, rp_curriculum_t **out, rp_diag_t *diag) {
  int col[C_NCOLS];
  size_t errors0 = diag->n_errors;
  *out = NULL;
  if (rp_table_map_columns(t, cols, C_NCOLS, col, diag) != 0)
    return RP_EINPUT;
  if (col[C_GRADE] < 0 && col[C_LEVEL] < 0) {
    rp_diag_error(diag, t->path, 1, "grade",
                  "neither a grade nor a level column (grade, 年级; level, 学段): say which "
                  "grades each row is for");
    return RP_EINPUT;
  }
  rp_curriculum_t *cur = calloc(1, sizeof *cur);
  seen_t *seen = calloc(1, sizeof *seen);
  rp_status_t st = RP_ENOMEM;
  if (!cur || !seen)
    goto done;
  cur->from_file = 1;
  row_t r = {t, col, 0, diag};
  for (r.row = 0; r.row < t->nrows; r.row++)
    read_row(&r, cur, seen);
  st = diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
  if (st == RP_OK) {
    *out = cur;
    cur = NULL;
  }
done:
  free(cur);
  free(seen);
  return st;
}

/* The table just read (st its reading's status) into *out; frees it. */
static rp_status_t from_table(rp_status_t st, rp_table_t *t, rp_curriculum_t **out,
                              rp_diag_t *diag) {
  if (st == RP_OK)
    st = read_table(t, out, diag);
  rp_table_free(t);
  return st;
}

rp_status_t rp_curriculum_load(const char *path, rp_curriculum_t **out, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  *out = NULL;
  rp_status_t st = rp_csv_read(path, &t, diag);
  return from_table(st, t, out, diag);
}

rp_status_t rp_curriculum_parse(const char *name, const char *data, size_t len,
                                rp_curriculum_t **out, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  *out = NULL;
  rp_status_t st = rp_csv_parse(name, data, len, &t, diag);
  return from_table(st, t, out, diag);
}
