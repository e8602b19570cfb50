/* The county's schools and teachers as the rest of the program sees them.
 *
 * io/roster.c fills an rp_county_t from schools.csv and teachers.csv; the
 * indicators, the model builder and the generator all work on it.  Enumerated
 * values (area, degree, backbone level, subject, ...) have one canonical
 * English name each, plus Chinese aliases, parsed by the rp_*_parse functions
 * below so that every reader and writer agrees on the spelling.
 */
#ifndef RP_COUNTY_H
#define RP_COUNTY_H

#include <stddef.h>

#include "model/status.h"

typedef enum { RP_PRIMARY = 0, RP_JUNIOR = 1, RP_LEVELS = 2 } rp_level_t;
#define RP_GRADES 9 /* grades 1-6 primary, 7-9 junior */
/* The curriculum (model/curriculum.h). */
typedef struct rp_curriculum rp_curriculum_t;
typedef enum { RP_AREA_URBAN, RP_AREA_TOWN, RP_AREA_RURAL } rp_area_t;
typedef enum {
  RP_DEG_SECONDARY,
  RP_DEG_ASSOCIATE,
  RP_DEG_BACHELOR,
  RP_DEG_MASTER,
  RP_DEG_DOCTOR
} rp_degree_t;
typedef enum {
  RP_BB_NONE,
  RP_BB_SCHOOL,
  RP_BB_COUNTY,
  RP_BB_CITY,
  RP_BB_PROVINCE,
  RP_BB_NATIONAL
} rp_backbone_t;
typedef enum { RP_ROLE_TEACHER, RP_ROLE_PRINCIPAL, RP_ROLE_VICE } rp_role_t;
/* Professional title (职称), teachers.csv's `title` (docs/data-format.md):
 * unknown when the column is absent or the cell empty. */
typedef enum {
  RP_TITLE_UNKNOWN,
  RP_TITLE_NONE,         /* 未定级 */
  RP_TITLE_JUNIOR,       /* 初级: 二级/三级教师, 小学一级 ... */
  RP_TITLE_INTERMEDIATE, /* 中级: 一级教师, 小学高级 ... */
  RP_TITLE_SENIOR,       /* 副高: 高级教师, 中学高级 ... */
  RP_TITLE_FULL_SENIOR   /* 正高: 正高级教师 */
} rp_title_t;

#define RP_SUBJECT_MAP(X)                                                    \
  X(CHINESE, "chinese")                                                      \
  X(MATH, "math")                                                            \
  X(ENGLISH, "english")                                                      \
  X(PE, "pe")                                                                \
  X(MUSIC, "music")                                                          \
  X(ART, "art")                                                              \
  X(SCIENCE, "science")                                                      \
  X(MORALITY, "morality")                                                    \
  X(HISTORY, "history")                                                      \
  X(GEOGRAPHY, "geography")                                                  \
  X(PHYSICS, "physics")                                                      \
  X(CHEMISTRY, "chemistry")                                                  \
  X(BIOLOGY, "biology")                                                      \
  X(IT, "it")                                                                \
  X(OTHER, "other")

typedef enum {
#define RP_SUBJ_ENUM(name, str) RP_SUBJ_##name,
  RP_SUBJECT_MAP(RP_SUBJ_ENUM)
#undef RP_SUBJ_ENUM
  RP_SUBJECTS
} rp_subject_t;

typedef struct {
  char *id;
  char *name;
  char *group; /* education group or district; "" when none */
  rp_area_t area;
  int weak;           /* designated weak school (薄弱学校) */
  int teaching_point; /* 教学点 */
  int students[RP_LEVELS];
  int classes[RP_LEVELS];
  /* classes per grade (grade1_classes ...); all 0 when schools.csv gives
   * none, and the level's classes are spread over its grades */
  int grade_classes[RP_GRADES];
  int other_staff; /* non-teaching staff counted in the staffing ratio */
  /* The position as schools.csv gives it (rp_school_km measures by it):
   * RP_POS_KM, x_km/y_km on a local grid, or RP_POS_GEO, longitude and
   * latitude in degrees (经度/纬度); 0 when not given. */
  int has_pos;
  double x_km, y_km;
  double lon, lat;
  long line; /* line in schools.csv, for messages */
} rp_school_t;

enum { RP_POS_NONE, RP_POS_KM, RP_POS_GEO };

typedef struct {
  char *id;
  char *name;
  size_t school; /* index into rp_county_t.schools */
  rp_level_t level;
  rp_subject_t subject;
  char gender; /* 'M' or 'F' */
  int birth_year;
  int school_since;
  rp_degree_t degree;
  rp_backbone_t backbone;
  char *exempt;          /* reason; "" when not exempt */
  int last_rotated_year; /* 0 when never rotated */
  rp_role_t role;
  int closing; /* at a school a scenario closes: must move, exemptions lifted */
  /* Multi-year plans: a teacher rotated for a term returns home in
   * return_year (0: stays), policy return_after_term. */
  int return_year;
  size_t home_school;
  long line;   /* line in teachers.csv */
  /* History (issue 15; docs/data-format.md, "History columns"): -1 (and
   * RP_TITLE_UNKNOWN) when teachers.csv does not say.  Years served so far
   * in rural and in weak schools, the present school's years included;
   * rotations so far; the title; intends to apply for a senior title this
   * cycle (1 yes, 0 no).  model/history.h reads and advances them. */
  int rural_years, weak_years, rotations;
  rp_title_t title;
  int applies_senior;
  /* This run's burden (ledger.csv): rotations and km moved in the years
   * planned so far, from the plan year on. */
  int run_rotations;
  double run_km;
  /* principals' exchange (model/principals.h): teachers.csv's optional
   * principal_rating, higher is stronger; 0 when not given */
  double principal_rating;
} rp_teacher_t;

/* Owns every string and array inside it. */
typedef struct {
  rp_school_t *schools;
  size_t n_schools;
  rp_teacher_t *teachers;
  size_t n_teachers;
  int zh_headers; /* most roster headers are Chinese: outputs default to Chinese */
  /* The rosters' encoding as read (io/csv_reader.h: "UTF-8", "UTF-8 BOM",
   * "GB18030"; a static string, NULL for a county not read from files): the
   * output CSVs follow it unless --csv-encoding is given. */
  const char *encoding;
  rp_curriculum_t *curriculum; /* curriculum.csv when read; NULL: the built-in table */
  unsigned history_cols; /* the history columns teachers.csv gives (RP_HIST_*) */
  int principal_rated; /* teachers.csv has the principal_rating column */
} rp_county_t;

/* The history columns, bits of rp_county_t.history_cols. */
enum {
  RP_HIST_RURAL = 1u,
  RP_HIST_WEAK = 2u,
  RP_HIST_ROTATIONS = 4u,
  RP_HIST_TITLE = 8u,
  RP_HIST_APPLIES = 16u
};

void rp_county_free(rp_county_t *c); /* frees members and c; NULL is a no-op */
/* A deep copy of c (its strings, arrays and curriculum), or NULL when out of
 * memory: the county as a later year would find it is stepped on a copy. */
rp_county_t *rp_county_copy(const rp_county_t *c);
/* Sets t's history fields to unknown (-1, RP_TITLE_UNKNOWN): a teacher
 * made without the history columns. */
void rp_teacher_history_unknown(rp_teacher_t *t);

/* One exemption reason as read from teachers.csv and how many teachers give it. */
typedef struct {
  const char *reason; /* points into c: valid while c's teachers are unchanged */
  int teachers;
} rp_exempt_reason_t;

/* Every distinct non-empty `exempt` value of c's teachers (the words for
 * none already dropped by the reader) with its count, most teachers first,
 * then in byte order; *out is malloc'ed (NULL when there is none), the
 * caller frees it.  RP_OK or RP_ENOMEM.  The audit lists them, so that a
 * value a planner meant as "none" shows at once. */
rp_status_t rp_county_exempt_reasons(const rp_county_t *c, rp_exempt_reason_t **out,
                                     size_t *n);
/* Index of the school with this id, or (size_t)-1. Linear; see roster.c for
 * the hashed lookup used while loading. */
size_t rp_county_find_school(const rp_county_t *c, const char *id);
/* Does the school have a section of this level (students, classes or
 * teachers there)?  Teachers are counted by the caller when needed. */
int rp_school_has_level(const rp_school_t *s, rp_level_t lv);

/* Canonical names (English) for output, and parsers accepting the English
 * names and Chinese aliases.  Parsers return 0 on success, -1 if unknown. */
const char *rp_level_name(rp_level_t v);
const char *rp_area_name(rp_area_t v);
const char *rp_degree_name(rp_degree_t v);
const char *rp_backbone_name(rp_backbone_t v);
const char *rp_subject_name(rp_subject_t v);
const char *rp_role_name(rp_role_t v);
int rp_level_parse(const char *s, rp_level_t *out);
int rp_area_parse(const char *s, rp_area_t *out);
int rp_degree_parse(const char *s, rp_degree_t *out);
int rp_backbone_parse(const char *s, rp_backbone_t *out);
int rp_subject_parse(const char *s, rp_subject_t *out); /* unknown -> -1 */
int rp_role_parse(const char *s, rp_role_t *out);
int rp_gender_parse(const char *s, char *out);
int rp_bool_parse(const char *s, int *out); /* 1/0, yes/no, true/false, 是/否 */
/* A title in the usual spellings (初级/中级/副高/正高, 二级教师, 一级教师,
 * 高级教师, 正高级教师, the former 小学高级/中学一级 ..., English junior,
 * intermediate, senior, full_senior, none); "" is RP_TITLE_UNKNOWN.  0, or
 * -1 when s is none of them. */
int rp_title_parse(const char *s, rp_title_t *out);
const char *rp_title_name(rp_title_t v); /* "" for unknown */

/* PE + arts means pe, music and art (教督〔2017〕6号). */
int rp_subject_is_pe_art(rp_subject_t s);

#endif
