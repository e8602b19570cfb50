/* Roster loading and validation (see roster.h). */
#include "io/roster.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_reader.h"
#include "io/lang.h"
#include "model/curriculum.h"
#include "model/indicators.h"
#include "model/limits.h"
#include "model/number.h"

/* ---- column tables ---------------------------------------------------- */

enum {
  S_ID, S_NAME, S_AREA, S_WEAK, S_PS, S_JS, S_PC, S_JC, S_TP, S_OTHER, S_X,
  S_Y, S_GROUP, S_LON, S_LAT, S_G1, S_NCOLS = S_G1 + RP_GRADES
};
static const rp_colspec_t school_cols[S_NCOLS] = {
    {"school_id", 1, {"school_id", "学校代码", "学校编号", "学校标识码", NULL}},
    {"name", 1, {"name", "学校名称", "校名", NULL}},
    {"area", 1, {"area", "城乡类型", "城乡分类", "所在地", NULL}},
    {"weak", 1, {"weak", "薄弱学校", "是否薄弱学校", NULL}},
    {"primary_students", 1, {"primary_students", "小学在校生数", "小学学生数", NULL}},
    {"junior_students", 1, {"junior_students", "初中在校生数", "初中学生数", NULL}},
    {"primary_classes", 1, {"primary_classes", "小学班级数", "小学班数", NULL}},
    {"junior_classes", 1, {"junior_classes", "初中班级数", "初中班数", NULL}},
    {"teaching_point", 0, {"teaching_point", "教学点", "是否教学点", NULL}},
    {"other_staff", 0, {"other_staff", "其他职工数", "非教学人员数", "工勤人员数", NULL}},
    {"x_km", 0, {"x_km", "横坐标", "x", NULL}},
    {"y_km", 0, {"y_km", "纵坐标", "y", NULL}},
    {"group", 0, {"group", "教育集团", "学区", NULL}},
    /* positions in degrees, instead of x_km/y_km: distances on the globe */
    {"longitude", 0, {"longitude", "经度", "lon", "lng", NULL}},
    {"latitude", 0, {"latitude", "纬度", "lat", NULL}},
    /* classes per grade (optional; model/curriculum.h) */
    {"grade1_classes", 0, {"grade1_classes", "一年级班数", "一年级班级数", NULL}},
    {"grade2_classes", 0, {"grade2_classes", "二年级班数", "二年级班级数", NULL}},
    {"grade3_classes", 0, {"grade3_classes", "三年级班数", "三年级班级数", NULL}},
    {"grade4_classes", 0, {"grade4_classes", "四年级班数", "四年级班级数", NULL}},
    {"grade5_classes", 0, {"grade5_classes", "五年级班数", "五年级班级数", NULL}},
    {"grade6_classes", 0, {"grade6_classes", "六年级班数", "六年级班级数", NULL}},
    {"grade7_classes", 0, {"grade7_classes", "七年级班数", "七年级班级数", "初一班数", NULL}},
    {"grade8_classes", 0, {"grade8_classes", "八年级班数", "八年级班级数", "初二班数", NULL}},
    {"grade9_classes", 0, {"grade9_classes", "九年级班数", "九年级班级数", "初三班数", NULL}},
};

enum {
  T_ID, T_NAME, T_SCHOOL, T_SECTION, T_SUBJECT, T_GENDER, T_BIRTH, T_SINCE,
  T_DEGREE, T_BACKBONE, T_EXEMPT, T_LASTROT, T_ROLE,
  /* history (issue 15; model/history.h) */
  T_RURAL, T_WEAKY, T_ROTS, T_TITLE, T_APPLIES,
  T_PRATING, /* the principals' exchange */
  T_NCOLS
};
static const rp_colspec_t teacher_cols[T_NCOLS] = {
    {"teacher_id", 1, {"teacher_id", "工号", "教师编号", "教师代码", NULL}},
    {"name", 1, {"name", "姓名", "教师姓名", NULL}},
    {"school_id", 1, {"school_id", "学校代码", "所在学校代码", "学校编号", NULL}},
    {"section", 0, {"section", "学段", NULL}},
    {"subject", 1, {"subject", "学科", "任教学科", NULL}},
    {"gender", 1, {"gender", "性别", NULL}},
    {"birth_year", 1, {"birth_year", "出生年份", "出生年", NULL}},
    {"school_since", 1, {"school_since", "到校年份", "调入本校年份", "本校任教起始年份", NULL}},
    {"degree", 1, {"degree", "学历", "最高学历", NULL}},
    {"backbone", 1, {"backbone", "骨干级别", "骨干教师", NULL}},
    {"exempt", 0, {"exempt", "免交流原因", "暂缓交流原因", NULL}},
    {"last_rotated_year", 0, {"last_rotated_year", "上次交流年份", NULL}},
    {"role", 0, {"role", "职务", "岗位", NULL}},
    /* history (issue 15): optional; absent means unknown, not zero */
    {"rural_years", 0, {"rural_years", "乡村学校任教年限", "农村学校任教年限", "乡村任教年限",
                        "农村任教年限", NULL}},
    {"weak_years", 0, {"weak_years", "薄弱学校任教年限", NULL}},
    {"rotations", 0, {"rotations", "交流次数", "累计交流次数", "已交流次数", NULL}},
    {"title", 0, {"title", "职称", "专业技术职务", "专业技术职称", NULL}},
    {"applies_senior", 0, {"applies_senior", "拟申报高级职称", "申报高级职称", "本周期申报高级职称",
                           NULL}},
    /* the principals' exchange (model/principals.h): higher is stronger */
    {"principal_rating", 0, {"principal_rating", "校长评价", "校长考核分", "校长评分", NULL}},
};

typedef struct {
  const rp_table_t *t;
  const rp_colspec_t *spec;
  const int *col;
  size_t row;
  rp_diag_t *diag;
} rowctx_t;

static const char *cell(const rowctx_t *r, int f) {
  return rp_table_cell(r->t, r->row, r->col[f]);
}

/* Column f as the file's header names it (rp_table_colname). */
static const char *colname(const rowctx_t *r, int f) {
  return rp_table_colname(r->t, &r->spec[f], r->col[f]);
}

#define ROW_ERR(r, f, ...)                                                   \
  rp_diag_error((r)->diag, (r)->t->path, (r)->t->lines[(r)->row],            \
                colname(r, f), __VA_ARGS__)
#define ROW_WARN(r, f, ...)                                                  \
  rp_diag_warn((r)->diag, (r)->t->path, (r)->t->lines[(r)->row],             \
               colname(r, f), __VA_ARGS__)

/* A message of row r, column f, written in both languages (its arguments
 * are words to translate too). */
static void row_text(const rowctx_t *r, rp_severity_t sev, int f, const char *en,
                     const char *zh) {
  rp_diag_add_text(r->diag, sev, r->t->path, r->t->lines[r->row], colname(r, f), en, zh);
}

/* Is s a number written with thousands separators ("1,894", "12，000",
 * "1,894.5")?  Then plain gets it without them. */
static int thousands(const char *s, char *plain, size_t n) {
  size_t o = 0, group = 0, seps = 0;
  const char *p = s;
  if (*p == '+' || *p == '-')
    plain[o++] = *p++;
  while (*p && o + 1 < n) {
    if (*p >= '0' && *p <= '9') {
      plain[o++] = *p++;
      group++;
    } else if ((*p == ',' || strncmp(p, "，", 3) == 0) &&
               (seps ? group == 3 : group >= 1 && group <= 3)) {
      p += *p == ',' ? 1 : 3;
      seps++;
      group = 0;
    } else if (*p == '.' && seps && group == 3) {
      while (*p && o + 1 < n)
        plain[o++] = *p++;
      break;
    } else {
      return 0;
    }
  }
  plain[o] = '\0';
  return seps > 0 && group == 3 && !*p;
}

/* Integer cell; empty gives `dflt` (or an error when dflt is LONG_MIN:
 * required).  `what` is English words, translated in the Chinese text. */
static int get_int(const rowctx_t *r, int f, long lo, long hi, long dflt,
                   const char *what, long *out) {
  char en[512], zh[512], half[128], plain[128];
  const char *s = cell(r, f);
  if (*s == '\0') {
    if (dflt == LONG_MIN) {
      rp_fmt(en, sizeof en, "is empty; expected %s", what);
      rp_fmt(zh, sizeof zh, rp_tr_zh("is empty; expected %s"), rp_tr_zh(what));
      row_text(r, RP_SEV_ERROR, f, en, zh);
      return -1;
    }
    *out = dflt;
    return 0;
  }
  if (rp_parse_int(rp_halfwidth(s, half, sizeof half), lo, hi, out) == 0)
    return 0;
  rp_fmt(en, sizeof en, "\"%s\" is not %s (%ld to %ld)", s, what, lo, hi);
  rp_fmt(zh, sizeof zh, rp_tr_zh("\"%s\" is not %s (%ld to %ld)"), s, rp_tr_zh(what), lo, hi);
  if (thousands(rp_halfwidth(s, half, sizeof half), plain, sizeof plain)) {
    size_t ne = strlen(en), nz = strlen(zh);
    rp_fmt(en + ne, sizeof en - ne, ": it has a thousands separator; write %s", plain);
    rp_fmt(zh + nz, sizeof zh - nz, rp_tr_zh(": it has a thousands separator; write %s"), plain);
  }
  row_text(r, RP_SEV_ERROR, f, en, zh);
  return -1;
}

/* A total row (合计, 总计, 小计, total ...) in the id or the name column:
 * the column it is in, or -1. */
static int total_row(const rowctx_t *r, int id_col, int name_col) {
  static const char *const words[] = {"合计", "总计", "小计", "共计", "合  计", "总  计",
                                      "total", "totals", "subtotal", "sum", NULL};
  const int cols[2] = {id_col, name_col};
  for (int k = 0; k < 2; k++)
    for (int i = 0; words[i]; i++)
      if (rp_header_eq(cell(r, cols[k]), words[i]))
        return cols[k];
  return -1;
}

/* Skips a total row with a warning; 1 when row r is one. */
static int skip_total_row(const rowctx_t *r, int id_col, int name_col) {
  int f = total_row(r, id_col, name_col);
  if (f < 0)
    return 0;
  rp_diag_warn(r->diag, r->t->path, r->t->lines[r->row], colname(r, f),
               "\"%s\" looks like a total row: skipped (rotaplan adds up the county "
               "itself; delete the row to silence this warning)",
               cell(r, f));
  return 1;
}

/* Sorted index of ids, for duplicate checks and lookups in O(n log n). */
typedef struct {
  const char *id;
  size_t idx;
} idref_t;

static int idref_cmp(const void *a, const void *b) {
  const idref_t *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c)
    return c;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The level's grade columns (grade1_classes ...), when any of them is
 * given: they fill grade_classes and must add up to the level's classes
 * (an empty one among them counts 0). */
static void read_grade_classes(const rowctx_t *r, rp_school_t *s, rp_level_t lv, int classes_col) {
  int g0 = rp_level_first_grade(lv), g1 = rp_level_end_grade(lv), given = 0, bad = 0;
  long sum = 0, v;
  for (int g = g0; g < g1; g++)
    given |= *cell(r, S_G1 + g) != '\0';
  if (!given)
    return;
  for (int g = g0; g < g1; g++) {
    if (get_int(r, S_G1 + g, 0, 2000, 0, "a number of classes", &v) != 0) {
      bad = 1;
      continue;
    }
    s->grade_classes[g] = (int)v;
    sum += v;
  }
  if (!bad && sum != s->classes[lv]) {
    static const char fmt[] = "is %d, but the %s grade columns (%s to %s) add up to %ld";
    char en[512], zh[512];
    rp_fmt(en, sizeof en, fmt, s->classes[lv], rp_level_name(lv), colname(r, S_G1 + g0),
           colname(r, S_G1 + g1 - 1), sum);
    rp_fmt(zh, sizeof zh, rp_tr_zh(fmt), s->classes[lv], rp_level_label(RP_LANG_ZH, lv),
           colname(r, S_G1 + g0), colname(r, S_G1 + g1 - 1), sum);
    row_text(r, RP_SEV_ERROR, classes_col, en, zh);
  }
}

/* A decimal cell (full-width digits read as digits); 0 when it is one. */
static int get_double(const rowctx_t *r, int f, double lo, double hi, double *out) {
  char half[128];
  return rp_parse_double(rp_halfwidth(cell(r, f), half, sizeof half), lo, hi, out);
}

/* The school's position: x_km/y_km on a local grid, or longitude and
 * latitude (经度/纬度) in degrees; both of a pair, one kind. */
static void read_position(const rowctx_t *r, rp_school_t *s) {
  const char *xs = cell(r, S_X), *ys = cell(r, S_Y), *lo = cell(r, S_LON), *la = cell(r, S_LAT);
  int km = *xs || *ys, geo = *lo || *la;
  if (km && geo) {
    ROW_ERR(r, S_LON, "the school has both x_km/y_km and longitude/latitude: give one of them");
  } else if (km) {
    if (get_double(r, S_X, -1e5, 1e5, &s->x_km) != 0)
      ROW_ERR(r, S_X, "\"%s\" is not a position in km", xs);
    else if (get_double(r, S_Y, -1e5, 1e5, &s->y_km) != 0)
      ROW_ERR(r, S_Y, "\"%s\" is not a position in km", ys);
    else
      s->has_pos = RP_POS_KM;
  } else if (geo) {
    if (get_double(r, S_LON, -180, 180, &s->lon) != 0)
      ROW_ERR(r, S_LON, "\"%s\" is not a longitude (degrees east, -180 to 180, such as 114.3)",
              lo);
    else if (get_double(r, S_LAT, -90, 90, &s->lat) != 0)
      ROW_ERR(r, S_LAT, "\"%s\" is not a latitude (degrees north, -90 to 90, such as 30.5)", la);
    else
      s->has_pos = RP_POS_GEO;
  }
}

/* One kind of position for the county; and x_km/y_km that are all within
 * China's longitudes (73 to 136) and latitudes (3 to 54) are degrees put
 * in the km columns, which would make max_km mean nothing (30 km would be
 * 30 degrees): refused, with the columns to use. */
static void check_positions(const rp_table_t *t, const rp_county_t *c, const int *col,
                            rp_diag_t *diag) {
  size_t km = 0, geo = 0, degrees = 0;
  const rp_school_t *first_km = NULL, *first_geo = NULL;
  for (size_t i = 0; i < c->n_schools; i++) {
    const rp_school_t *s = &c->schools[i];
    if (s->has_pos == RP_POS_KM) {
      km++;
      first_km = first_km ? first_km : s;
      degrees += s->x_km >= 73 && s->x_km <= 136 && s->y_km >= 3 && s->y_km <= 54;
    } else if (s->has_pos == RP_POS_GEO) {
      geo++;
      first_geo = first_geo ? first_geo : s;
    }
  }
  const char *xname = rp_table_colname(t, &school_cols[S_X], col[S_X]);
  if (km && geo) {
    if (first_km->line > first_geo->line)
      rp_diag_error(diag, t->path, first_km->line, NULL,
                    "school \"%s\" gives its position in x_km/y_km, but line %ld in "
                    "longitude/latitude: give every school's position one way",
                    first_km->id, first_geo->line);
    else
      rp_diag_error(diag, t->path, first_geo->line, NULL,
                    "school \"%s\" gives its position in longitude/latitude, but line %ld in "
                    "x_km/y_km: give every school's position one way",
                    first_geo->id, first_km->line);
  }
  if (km >= 2 && degrees == km)
    rp_diag_error(diag, t->path, 1, xname,
                  "every position (%zu schools) lies within China's longitudes and latitudes "
                  "(x 73 to 136, y 3 to 54): these look like degrees, not km; name the columns "
                  "经度 and 纬度 (longitude, latitude) for distances on the globe, or give km "
                  "on a local grid",
                  km);
}

static rp_status_t load_schools(const rp_table_t *t, rp_county_t *c,
                                rp_diag_t *diag) {
  int col[S_NCOLS];
  if (rp_table_map_columns(t, school_cols, S_NCOLS, col, diag) != 0)
    return RP_EINPUT;
  c->schools = calloc(t->nrows, sizeof *c->schools);
  if (!c->schools)
    return RP_ENOMEM;
  rowctx_t r = {t, school_cols, col, 0, diag};
  for (r.row = 0; r.row < t->nrows; r.row++) {
    if (skip_total_row(&r, S_ID, S_NAME))
      continue;
    rp_school_t *s = &c->schools[c->n_schools++];
    long v;
    s->line = t->lines[r.row];
    s->id = rp_strdup(cell(&r, S_ID));
    s->name = rp_strdup(cell(&r, S_NAME));
    s->group = rp_strdup(cell(&r, S_GROUP));
    if (!s->id || !s->name || !s->group)
      return RP_ENOMEM;
    if (s->id[0] == '\0')
      ROW_ERR(&r, S_ID, "is empty");
    if (rp_area_parse(cell(&r, S_AREA), &s->area) != 0)
      ROW_ERR(&r, S_AREA, "\"%s\" is not an area (urban, town, rural; 城区, 镇区, 乡村)",
              cell(&r, S_AREA));
    if (rp_bool_parse(cell(&r, S_WEAK), &s->weak) != 0)
      ROW_ERR(&r, S_WEAK, "\"%s\" is not yes/no (1/0, yes/no, 是/否)", cell(&r, S_WEAK));
    if (rp_bool_parse(cell(&r, S_TP), &s->teaching_point) != 0)
      ROW_ERR(&r, S_TP, "\"%s\" is not yes/no (1/0, yes/no, 是/否)", cell(&r, S_TP));
    static const int sf[2] = {S_PS, S_JS}, cf[2] = {S_PC, S_JC};
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      if (get_int(&r, sf[lv], 0, RP_MAX_SECTION_STUDENTS, 0, "a number of students", &v) == 0)
        s->students[lv] = (int)v;
      if (get_int(&r, cf[lv], 0, 2000, 0, "a number of classes", &v) == 0)
        s->classes[lv] = (int)v;
      if (s->students[lv] > 0 && s->classes[lv] == 0) {
        if (lv == RP_PRIMARY)
          ROW_ERR(&r, cf[lv], "is 0 but the school has %d primary students", s->students[lv]);
        else
          ROW_ERR(&r, cf[lv], "is 0 but the school has %d junior students", s->students[lv]);
      }
      int cap = lv == RP_PRIMARY ? 45 : 50;
      if (s->classes[lv] > 0 &&
          s->students[lv] > (long)cap * s->classes[lv])
        ROW_WARN(&r, sf[lv], "%d students in %d classes is above the class "
                 "size cap of %d", s->students[lv], s->classes[lv], cap);
      read_grade_classes(&r, s, (rp_level_t)lv, cf[lv]);
    }
    if (s->students[0] + s->students[1] == 0 && s->classes[0] + s->classes[1] == 0)
      ROW_WARN(&r, S_PS, "the school has no students in either section");
    if (get_int(&r, S_OTHER, 0, 10000, 0, "a number of staff", &v) == 0)
      s->other_staff = (int)v;
    read_position(&r, s);
  }
  check_positions(t, c, col, diag);
  /* Duplicate ids. */
  idref_t *ix = malloc((c->n_schools + 1) * sizeof *ix);
  if (!ix)
    return RP_ENOMEM;
  for (size_t i = 0; i < c->n_schools; i++)
    ix[i] = (idref_t){c->schools[i].id, i};
  qsort(ix, c->n_schools, sizeof *ix, idref_cmp);
  for (size_t i = 1; i < c->n_schools; i++)
    if (ix[i].id[0] && strcmp(ix[i].id, ix[i - 1].id) == 0)
      rp_diag_error(diag, t->path, c->schools[ix[i].idx].line, rp_table_colname(t, &school_cols[S_ID], col[S_ID]),
                    "duplicate school \"%s\" (first at line %ld)", ix[i].id,
                    c->schools[ix[i - 1].idx].line);
  free(ix);
  return RP_OK;
}

/* The ways planners write "no exemption" in an exemption column: a false
 * yes/no value (empty, 0, no, 否, ...), and the words and marks a
 * spreadsheet cell gets for "none".  They are no reason: the teacher is
 * eligible as far as this column goes. */
static int no_exemption(const char *s) {
  static const char *const none[] = {"无", "none", "/", "-", "—", "–", "－", "暂无", "没有",
                                     "不免", "n/a", "N/A", NULL};
  int yes = 0;
  if (rp_bool_parse(s, &yes) == 0 && yes == 0)
    return 1;
  for (int i = 0; none[i]; i++)
    if (strcmp(s, none[i]) == 0)
      return 1;
  return 0;
}

/* The history columns (docs/data-format.md, "History columns"): an empty
 * cell or an absent column is unknown (-1), never 0. */
static void read_history(const rowctx_t *r, rp_teacher_t *tc) {
  long v;
  rp_teacher_history_unknown(tc);
  static const int yf[3] = {T_RURAL, T_WEAKY, T_ROTS};
  int *yv[3] = {&tc->rural_years, &tc->weak_years, &tc->rotations};
  for (int i = 0; i < 3; i++)
    if (*cell(r, yf[i]) && get_int(r, yf[i], 0, 60, 0, i < 2 ? "a number of years" :
                                   "a number of rotations", &v) == 0)
      *yv[i] = (int)v;
  const char *ti = cell(r, T_TITLE);
  if (rp_title_parse(ti, &tc->title) != 0) {
    char en[700], zh[700];
    rp_fmt(en, sizeof en,
           "\"%s\" is not a title: accepted are 初级 (二级教师, 三级教师, 中学二级, 小学一级, "
           "...), 中级 (一级教师, 中学一级, 小学高级), 副高 (高级教师, 中学高级, 中小学高级), "
           "正高 (正高级教师), 未定级; or junior, intermediate, senior, full_senior, none", ti);
    rp_fmt(zh, sizeof zh,
           "\"%s\" 不是职称: 可填 初级 (二级教师、三级教师、中学二级、小学一级等)、中级 (一级"
           "教师、中学一级、小学高级)、副高 (高级教师、中学高级、中小学高级)、正高 (正高级教"
           "师)、未定级; 或 junior, intermediate, senior, full_senior, none", ti);
    row_text(r, RP_SEV_ERROR, T_TITLE, en, zh);
  }
  const char *ap = cell(r, T_APPLIES);
  int yes;
  if (*ap && rp_bool_parse(ap, &yes) == 0)
    tc->applies_senior = yes;
  else if (*ap)
    ROW_ERR(r, T_APPLIES, "\"%s\" is not yes/no (1/0, yes/no, 是/否)", ap);
}

/* schools_ok 0: the schools file could not be read, so the school of each
 * teacher is not checked (every one would be "not a school"). */
static rp_status_t load_teachers(const rp_table_t *t, rp_county_t *c, const rp_policy_t *p,
                                 int schools_ok, rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  int col[T_NCOLS];
  idref_t *sx = NULL, *tx = NULL;
  int *per_section = NULL;
  char **unknown_subj = NULL;
  size_t n_unknown = 0;
  if (rp_table_map_columns(t, teacher_cols, T_NCOLS, col, diag) != 0)
    return RP_EINPUT;
  static const unsigned hist_bit[] = {RP_HIST_RURAL, RP_HIST_WEAK, RP_HIST_ROTATIONS,
                                      RP_HIST_TITLE, RP_HIST_APPLIES};
  for (int f = T_RURAL; f <= T_APPLIES; f++) /* the history columns, not those after */
    if (col[f] >= 0)
      c->history_cols |= hist_bit[f - T_RURAL];
  c->teachers = calloc(t->nrows, sizeof *c->teachers);
  sx = malloc((c->n_schools + 1) * sizeof *sx);
  per_section = calloc(c->n_schools * 2 + 1, sizeof *per_section);
  unknown_subj = calloc(t->nrows + 1, sizeof *unknown_subj);
  if (!c->teachers || !sx || !per_section || !unknown_subj)
    goto done;
  for (size_t i = 0; i < c->n_schools; i++)
    sx[i] = (idref_t){c->schools[i].id, i};
  qsort(sx, c->n_schools, sizeof *sx, idref_cmp);
  int year = p->plan_year;
  rowctx_t r = {t, teacher_cols, col, 0, diag};
  for (r.row = 0; r.row < t->nrows; r.row++) {
    if (skip_total_row(&r, T_ID, T_NAME))
      continue;
    rp_teacher_t *tc = &c->teachers[c->n_teachers++];
    long v;
    tc->line = t->lines[r.row];
    tc->id = rp_strdup(cell(&r, T_ID));
    tc->name = rp_strdup(cell(&r, T_NAME));
    tc->exempt = rp_strdup(no_exemption(cell(&r, T_EXEMPT)) ? "" : cell(&r, T_EXEMPT));
    if (!tc->id || !tc->name || !tc->exempt)
      goto done;
    if (tc->id[0] == '\0')
      ROW_ERR(&r, T_ID, "is empty");
    const char *sid = cell(&r, T_SCHOOL);
    idref_t key = {sid, 0};
    idref_t *hit = NULL;
    if (c->n_schools) {
      /* lower bound on the id alone */
      size_t lo = 0, hi = c->n_schools;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(sx[mid].id, key.id) < 0)
          lo = mid + 1;
        else
          hi = mid;
      }
      if (lo < c->n_schools && strcmp(sx[lo].id, sid) == 0)
        hit = &sx[lo];
    }
    int school_ok = hit != NULL;
    if (hit)
      tc->school = hit->idx;
    else if (schools_ok)
      ROW_ERR(&r, T_SCHOOL, "\"%s\" is not a school in the schools file", sid);
    const char *sec = cell(&r, T_SECTION);
    if (*sec) {
      if (rp_level_parse(sec, &tc->level) != 0) {
        ROW_ERR(&r, T_SECTION, "\"%s\" is not a section (primary, junior; 小学, 初中)", sec);
        school_ok = 0;
      } else if (school_ok &&
                 !rp_school_has_level(&c->schools[tc->school], tc->level)) {
        if (tc->level == RP_PRIMARY)
          ROW_ERR(&r, T_SECTION, "school \"%s\" has no primary section (no students or "
                  "classes)", sid);
        else
          ROW_ERR(&r, T_SECTION, "school \"%s\" has no junior section (no students or "
                  "classes)", sid);
        school_ok = 0;
      }
    } else if (school_ok) {
      const rp_school_t *s = &c->schools[tc->school];
      int hp = rp_school_has_level(s, RP_PRIMARY), hj = rp_school_has_level(s, RP_JUNIOR);
      if (hp && hj) {
        ROW_ERR(&r, T_SECTION, "is empty, but school \"%s\" has both primary and "
                "junior sections: say which one", sid);
        school_ok = 0;
      }
      tc->level = hj && !hp ? RP_JUNIOR : RP_PRIMARY;
    }
    if (school_ok)
      per_section[tc->school * 2 + tc->level]++;
    const char *subj = cell(&r, T_SUBJECT);
    if (*subj == '\0') {
      ROW_ERR(&r, T_SUBJECT, "is empty");
    } else if (rp_subject_parse(subj, &tc->subject) != 0) {
      tc->subject = RP_SUBJ_OTHER;
      size_t k = 0;
      while (k < n_unknown && strcmp(unknown_subj[k], subj) != 0)
        k++;
      if (k == n_unknown) {
        unknown_subj[n_unknown++] = (char *)subj;
        ROW_WARN(&r, T_SUBJECT, "\"%s\" is not a known subject; counted as "
                 "\"other\" (here and on later rows)", subj);
      }
    }
    if (rp_gender_parse(cell(&r, T_GENDER), &tc->gender) != 0)
      ROW_ERR(&r, T_GENDER, "\"%s\" is not a gender (M, F; 男, 女)", cell(&r, T_GENDER));
    if (get_int(&r, T_BIRTH, year - 80, year - 16, LONG_MIN, "a birth year", &v) == 0)
      tc->birth_year = (int)v;
    if (get_int(&r, T_SINCE, 1940, year, LONG_MIN, "a year", &v) == 0) {
      tc->school_since = (int)v;
      if (tc->birth_year && v < tc->birth_year + 16)
        ROW_ERR(&r, T_SINCE, "%ld is before the teacher turned 16 (born %d)", v,
                tc->birth_year);
    }
    if (get_int(&r, T_LASTROT, 1940, year, 0, "a year", &v) == 0)
      tc->last_rotated_year = (int)v;
    if (rp_degree_parse(cell(&r, T_DEGREE), &tc->degree) != 0)
      ROW_ERR(&r, T_DEGREE, "\"%s\" is not a degree (secondary, associate, bachelor, "
              "master, doctor; 中专, 专科, 本科, 硕士, 博士)", cell(&r, T_DEGREE));
    if (rp_backbone_parse(cell(&r, T_BACKBONE), &tc->backbone) != 0)
      ROW_ERR(&r, T_BACKBONE, "\"%s\" is not a backbone level (none, school, county, "
              "city, province, national; 无, 校级, 县级, 市级, 省级, 国家级)",
              cell(&r, T_BACKBONE));
    if (rp_role_parse(cell(&r, T_ROLE), &tc->role) != 0)
      ROW_ERR(&r, T_ROLE, "\"%s\" is not a role (teacher, principal, vice_principal)",
              cell(&r, T_ROLE));
    read_history(&r, tc);
    if (*cell(&r, T_PRATING) &&
        get_double(&r, T_PRATING, 0, 1000, &tc->principal_rating) != 0)
      ROW_ERR(&r, T_PRATING, "\"%s\" is not a rating (a number from 0 to 1000)",
              cell(&r, T_PRATING));
  }
  c->principal_rated = col[T_PRATING] >= 0;
  tx = malloc((c->n_teachers + 1) * sizeof *tx);
  if (!tx)
    goto done;
  for (size_t i = 0; i < c->n_teachers; i++)
    tx[i] = (idref_t){c->teachers[i].id, i};
  qsort(tx, c->n_teachers, sizeof *tx, idref_cmp);
  for (size_t i = 1; i < c->n_teachers; i++)
    if (tx[i].id[0] && strcmp(tx[i].id, tx[i - 1].id) == 0)
      rp_diag_error(diag, t->path, c->teachers[tx[i].idx].line,
                    rp_table_colname(t, &teacher_cols[T_ID], col[T_ID]),
                    "duplicate teacher \"%s\" (first at line %ld)", tx[i].id,
                    c->teachers[tx[i - 1].idx].line);
  for (size_t i = 0; i < c->n_schools; i++)
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      const rp_school_t *s = &c->schools[i];
      if (s->students[lv] > 0 && per_section[i * 2 + lv] > s->students[lv]) {
        if (lv == RP_PRIMARY)
          rp_diag_warn(diag, t->path, 0, NULL, "school \"%s\" primary: %d teachers for %d "
                       "students", s->id, per_section[i * 2 + lv], s->students[lv]);
        else
          rp_diag_warn(diag, t->path, 0, NULL, "school \"%s\" junior: %d teachers for %d "
                       "students", s->id, per_section[i * 2 + lv], s->students[lv]);
      }
    }
  st = RP_OK;
done:
  free(sx);
  free(tx);
  free(per_section);
  free(unknown_subj);
  return st;
}

static int school_cmp(const void *a, const void *b) {
  const rp_school_t *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int teacher_cmp(const void *a, const void *b) {
  const rp_teacher_t *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Headers holding non-ASCII text (Chinese), and all headers. */
static void count_zh(const rp_table_t *t, size_t *zh, size_t *all) {
  if (!t)
    return;
  for (size_t h = 0; h < t->ncols; h++) {
    const unsigned char *p = (const unsigned char *)t->header[h];
    while (*p && *p < 0x80)
      p++;
    *zh += *p != 0;
    (*all)++;
  }
}

/* The rosters' encoding: GB18030 when either is (Excel in China), else
 * UTF-8 with BOM when either has one, else UTF-8. */
static const char *roster_encoding(const rp_table_t *ts, const rp_table_t *tt) {
  const char *a = ts->encoding ? ts->encoding : "UTF-8", *b = tt->encoding ? tt->encoding : "UTF-8";
  if (strcmp(a, "GB18030") == 0 || strcmp(b, "GB18030") == 0)
    return "GB18030";
  if (strcmp(a, "UTF-8 BOM") == 0 || strcmp(b, "UTF-8 BOM") == 0)
    return "UTF-8 BOM";
  return "UTF-8";
}

rp_status_t rp_roster_load(const char *schools_path, const char *teachers_path,
                           const rp_policy_t *policy, rp_county_t **out,
                           rp_diag_t *diag) {
  rp_status_t st;
  rp_table_t *ts = NULL, *tt = NULL;
  rp_county_t *c = NULL;
  size_t errors0 = diag->n_errors;
  *out = NULL;
  /* Both files are read and checked as far as they can be, whatever the
   * other holds: every message of both in one run. */
  rp_status_t s1 = rp_csv_read(schools_path, &ts, diag);
  rp_status_t s2 = rp_csv_read(teachers_path, &tt, diag);
  size_t zh = 0, all = 0;
  count_zh(ts, &zh, &all);
  count_zh(tt, &zh, &all);
  diag->hdr_zh += zh;
  diag->hdr_all += all;
  st = RP_ENOMEM;
  if (!(c = calloc(1, sizeof *c)))
    goto done;
  if (ts && (s1 = load_schools(ts, c, diag)) == RP_ENOMEM)
    goto done;
  /* Schools and teachers in id order: the plan must not depend on the order
   * of the rows in the files (messages keep each row's own line). */
  if (c->n_schools > 1)
    qsort(c->schools, c->n_schools, sizeof *c->schools, school_cmp);
  if (tt && (s2 = load_teachers(tt, c, policy, s1 == RP_OK, diag)) == RP_ENOMEM)
    goto done;
  if (c->n_teachers > 1)
    qsort(c->teachers, c->n_teachers, sizeof *c->teachers, teacher_cmp);
  st = s1 != RP_OK ? s1 : s2;
  if (st == RP_OK && diag->n_errors > errors0)
    st = RP_EINPUT;
  if (st == RP_OK) {
    c->zh_headers = 2 * zh > all;
    c->encoding = roster_encoding(ts, tt);
    *out = c;
    c = NULL;
  }
done:
  rp_county_free(c);
  rp_table_free(ts);
  rp_table_free(tt);
  return st;
}
