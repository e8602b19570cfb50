/* Names and aliases of the enumerated roster values, and the county's
 * lifetime.  Every reader and writer goes through these tables. */
#include "model/county.h"

#include "model/curriculum.h"

#include <stdlib.h>
#include <string.h>

#include "model/curriculum.h"

typedef struct {
  const char *alias;
  int value;
} alias_t;

/* ASCII-case-insensitive comparison after trimming blanks; Chinese aliases
 * compare byte for byte (UTF-8). */
static int alias_eq(const char *s, const char *alias) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  if (strlen(alias) != n)
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)alias[i];
    if (a >= 'A' && a <= 'Z')
      a = (unsigned char)(a - 'A' + 'a');
    if (a != b)
      return 0;
  }
  return 1;
}

static int alias_lookup(const alias_t *tab, const char *s, int *out) {
  if (!s)
    return -1;
  for (; tab->alias; tab++)
    if (alias_eq(s, tab->alias)) {
      *out = tab->value;
      return 0;
    }
  return -1;
}

static const alias_t level_alias[] = {
    {"primary", RP_PRIMARY}, {"小学", RP_PRIMARY}, {"junior", RP_JUNIOR},
    {"初中", RP_JUNIOR},     {"middle", RP_JUNIOR}, {NULL, 0}};
static const alias_t area_alias[] = {
    {"urban", RP_AREA_URBAN}, {"城区", RP_AREA_URBAN}, {"城市", RP_AREA_URBAN},
    {"town", RP_AREA_TOWN},   {"镇区", RP_AREA_TOWN},  {"镇", RP_AREA_TOWN},
    {"rural", RP_AREA_RURAL}, {"乡村", RP_AREA_RURAL}, {"农村", RP_AREA_RURAL},
    {NULL, 0}};
static const alias_t degree_alias[] = {
    {"secondary", RP_DEG_SECONDARY}, {"中专", RP_DEG_SECONDARY},
    {"高中", RP_DEG_SECONDARY},      {"高中及以下", RP_DEG_SECONDARY},
    {"associate", RP_DEG_ASSOCIATE}, {"专科", RP_DEG_ASSOCIATE},
    {"大专", RP_DEG_ASSOCIATE},      {"bachelor", RP_DEG_BACHELOR},
    {"本科", RP_DEG_BACHELOR},       {"master", RP_DEG_MASTER},
    {"硕士", RP_DEG_MASTER},         {"研究生", RP_DEG_MASTER},
    {"doctor", RP_DEG_DOCTOR},       {"博士", RP_DEG_DOCTOR},
    {NULL, 0}};
static const alias_t backbone_alias[] = {
    {"none", RP_BB_NONE},         {"", RP_BB_NONE},
    {"无", RP_BB_NONE},           {"否", RP_BB_NONE},
    {"school", RP_BB_SCHOOL},     {"校级", RP_BB_SCHOOL},
    {"county", RP_BB_COUNTY},     {"县级", RP_BB_COUNTY},
    {"区级", RP_BB_COUNTY},       {"city", RP_BB_CITY},
    {"市级", RP_BB_CITY},         {"province", RP_BB_PROVINCE},
    {"省级", RP_BB_PROVINCE},     {"national", RP_BB_NATIONAL},
    {"国家级", RP_BB_NATIONAL},   {NULL, 0}};
static const alias_t role_alias[] = {
    {"teacher", RP_ROLE_TEACHER},   {"", RP_ROLE_TEACHER},
    {"教师", RP_ROLE_TEACHER},      {"principal", RP_ROLE_PRINCIPAL},
    {"校长", RP_ROLE_PRINCIPAL},    {"vice_principal", RP_ROLE_VICE},
    {"副校长", RP_ROLE_VICE},       {NULL, 0}};
/* Titles in the unified system of 2015 (正高级/高级/一级/二级/三级教师) and
 * the former one (中学高级 = 副高; 中学一级, 小学高级 = 中级; 中学二级/三级,
 * 小学一级/二级/三级 = 初级), with and without 教师, and the grades'
 * names (初级, 中级, 副高级, 正高级). */
static const alias_t title_alias[] = {
    {"", RP_TITLE_UNKNOWN},
    {"none", RP_TITLE_NONE},             {"无", RP_TITLE_NONE},
    {"未定级", RP_TITLE_NONE},           {"未评", RP_TITLE_NONE},
    {"junior", RP_TITLE_JUNIOR},         {"初级", RP_TITLE_JUNIOR},
    {"员级", RP_TITLE_JUNIOR},           {"助理级", RP_TITLE_JUNIOR},
    {"二级", RP_TITLE_JUNIOR},           {"二级教师", RP_TITLE_JUNIOR},
    {"三级", RP_TITLE_JUNIOR},           {"三级教师", RP_TITLE_JUNIOR},
    {"中学二级", RP_TITLE_JUNIOR},       {"中学二级教师", RP_TITLE_JUNIOR},
    {"中学三级", RP_TITLE_JUNIOR},       {"中学三级教师", RP_TITLE_JUNIOR},
    {"小学一级", RP_TITLE_JUNIOR},       {"小学一级教师", RP_TITLE_JUNIOR},
    {"小学二级", RP_TITLE_JUNIOR},       {"小学二级教师", RP_TITLE_JUNIOR},
    {"小学三级", RP_TITLE_JUNIOR},       {"小学三级教师", RP_TITLE_JUNIOR},
    {"中小学二级", RP_TITLE_JUNIOR},     {"中小学二级教师", RP_TITLE_JUNIOR},
    {"中小学三级", RP_TITLE_JUNIOR},     {"中小学三级教师", RP_TITLE_JUNIOR},
    {"intermediate", RP_TITLE_INTERMEDIATE}, {"中级", RP_TITLE_INTERMEDIATE},
    {"一级", RP_TITLE_INTERMEDIATE},     {"一级教师", RP_TITLE_INTERMEDIATE},
    {"中学一级", RP_TITLE_INTERMEDIATE}, {"中学一级教师", RP_TITLE_INTERMEDIATE},
    {"小学高级", RP_TITLE_INTERMEDIATE}, {"小学高级教师", RP_TITLE_INTERMEDIATE},
    {"中小学一级", RP_TITLE_INTERMEDIATE}, {"中小学一级教师", RP_TITLE_INTERMEDIATE},
    {"senior", RP_TITLE_SENIOR},         {"副高", RP_TITLE_SENIOR},
    {"副高级", RP_TITLE_SENIOR},         {"高级", RP_TITLE_SENIOR},
    {"高级教师", RP_TITLE_SENIOR},       {"中学高级", RP_TITLE_SENIOR},
    {"中学高级教师", RP_TITLE_SENIOR},   {"中小学高级", RP_TITLE_SENIOR},
    {"中小学高级教师", RP_TITLE_SENIOR}, {"副高级教师", RP_TITLE_SENIOR},
    {"full_senior", RP_TITLE_FULL_SENIOR}, {"正高", RP_TITLE_FULL_SENIOR},
    {"正高级", RP_TITLE_FULL_SENIOR},    {"正高级教师", RP_TITLE_FULL_SENIOR},
    {"中小学正高级", RP_TITLE_FULL_SENIOR}, {"中小学正高级教师", RP_TITLE_FULL_SENIOR},
    {NULL, 0}};
static const alias_t gender_alias[] = {
    {"m", 'M'}, {"male", 'M'}, {"男", 'M'}, {"f", 'F'},
    {"female", 'F'}, {"女", 'F'}, {NULL, 0}};
static const alias_t bool_alias[] = {
    {"1", 1},   {"0", 0},  {"yes", 1}, {"no", 0}, {"true", 1}, {"false", 0},
    {"y", 1},   {"n", 0},  {"是", 1},  {"否", 0}, {"", 0},     {NULL, 0}};
static const alias_t subject_alias[] = {
#define RP_SUBJ_ALIAS(name, str) {str, RP_SUBJ_##name},
    RP_SUBJECT_MAP(RP_SUBJ_ALIAS)
#undef RP_SUBJ_ALIAS
    {"语文", RP_SUBJ_CHINESE},
    {"maths", RP_SUBJ_MATH},
    {"mathematics", RP_SUBJ_MATH},
    {"数学", RP_SUBJ_MATH},
    {"英语", RP_SUBJ_ENGLISH},
    {"外语", RP_SUBJ_ENGLISH},
    {"physical education", RP_SUBJ_PE},
    {"体育", RP_SUBJ_PE},
    {"体育与健康", RP_SUBJ_PE},
    {"音乐", RP_SUBJ_MUSIC},
    {"fine art", RP_SUBJ_ART},
    {"arts", RP_SUBJ_ART},
    {"美术", RP_SUBJ_ART},
    {"科学", RP_SUBJ_SCIENCE},
    {"道德与法治", RP_SUBJ_MORALITY},
    {"道法", RP_SUBJ_MORALITY},
    {"思想品德", RP_SUBJ_MORALITY},
    {"思品", RP_SUBJ_MORALITY},
    {"政治", RP_SUBJ_MORALITY},
    {"历史", RP_SUBJ_HISTORY},
    {"地理", RP_SUBJ_GEOGRAPHY},
    {"物理", RP_SUBJ_PHYSICS},
    {"化学", RP_SUBJ_CHEMISTRY},
    {"生物", RP_SUBJ_BIOLOGY},
    {"information technology", RP_SUBJ_IT},
    {"信息技术", RP_SUBJ_IT},
    {"信息科技", RP_SUBJ_IT},
    {"其他", RP_SUBJ_OTHER},
    {"综合实践", RP_SUBJ_OTHER},
    {"劳动", RP_SUBJ_OTHER},
    {"心理健康", RP_SUBJ_OTHER},
    {NULL, 0}};

#define PARSE_FN(fn, type, tab)                                              \
  int fn(const char *s, type *out) {                                         \
    int v;                                                                   \
    if (alias_lookup(tab, s, &v) != 0)                                       \
      return -1;                                                             \
    *out = (type)v;                                                          \
    return 0;                                                                \
  }
PARSE_FN(rp_level_parse, rp_level_t, level_alias)
PARSE_FN(rp_area_parse, rp_area_t, area_alias)
PARSE_FN(rp_degree_parse, rp_degree_t, degree_alias)
PARSE_FN(rp_backbone_parse, rp_backbone_t, backbone_alias)
PARSE_FN(rp_subject_parse, rp_subject_t, subject_alias)
PARSE_FN(rp_role_parse, rp_role_t, role_alias)
PARSE_FN(rp_gender_parse, char, gender_alias)
PARSE_FN(rp_bool_parse, int, bool_alias)
PARSE_FN(rp_title_parse, rp_title_t, title_alias)
#undef PARSE_FN

const char *rp_level_name(rp_level_t v) {
  return v == RP_JUNIOR ? "junior" : "primary";
}
const char *rp_area_name(rp_area_t v) {
  static const char *const n[] = {"urban", "town", "rural"};
  return n[v];
}
const char *rp_degree_name(rp_degree_t v) {
  static const char *const n[] = {"secondary", "associate", "bachelor",
                                  "master", "doctor"};
  return n[v];
}
const char *rp_backbone_name(rp_backbone_t v) {
  static const char *const n[] = {"none", "school",   "county",
                                  "city", "province", "national"};
  return n[v];
}
const char *rp_subject_name(rp_subject_t v) {
  static const char *const n[] = {
#define RP_SUBJ_STR(name, str) str,
      RP_SUBJECT_MAP(RP_SUBJ_STR)
#undef RP_SUBJ_STR
  };
  return (unsigned)v < RP_SUBJECTS ? n[v] : "other";
}
const char *rp_role_name(rp_role_t v) {
  static const char *const n[] = {"teacher", "principal", "vice_principal"};
  return n[v];
}

void rp_teacher_history_unknown(rp_teacher_t *t) {
  t->rural_years = t->weak_years = t->rotations = t->applies_senior = -1;
  t->title = RP_TITLE_UNKNOWN;
}

const char *rp_title_name(rp_title_t v) {
  static const char *const n[] = {"", "none", "junior", "intermediate", "senior", "full_senior"};
  return (unsigned)v <= RP_TITLE_FULL_SENIOR ? n[v] : "";
}

int rp_subject_is_pe_art(rp_subject_t s) {
  return s == RP_SUBJ_PE || s == RP_SUBJ_MUSIC || s == RP_SUBJ_ART;
}

int rp_school_has_level(const rp_school_t *s, rp_level_t lv) {
  return s->students[lv] > 0 || s->classes[lv] > 0;
}

size_t rp_county_find_school(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_schools; i++)
    if (strcmp(c->schools[i].id, id) == 0)
      return i;
  return (size_t)-1;
}

void rp_county_free(rp_county_t *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n_schools; i++) {
    free(c->schools[i].id);
    free(c->schools[i].name);
    free(c->schools[i].group);
  }
  for (size_t i = 0; i < c->n_teachers; i++) {
    free(c->teachers[i].id);
    free(c->teachers[i].name);
    free(c->teachers[i].exempt);
  }
  free(c->schools);
  free(c->teachers);
  free(c->curriculum);
  free(c);
}

static int dup_str(char **s) {
  if (!*s)
    return 0;
  char *d = strdup(*s);
  *s = d;
  return d ? 0 : -1;
}

rp_county_t *rp_county_copy(const rp_county_t *c) {
  rp_county_t *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  *d = *c;
  d->schools = malloc((c->n_schools + 1) * sizeof *d->schools);
  d->teachers = malloc((c->n_teachers + 1) * sizeof *d->teachers);
  d->curriculum = c->curriculum ? malloc(sizeof *d->curriculum) : NULL;
  d->n_schools = d->n_teachers = 0;
  int bad = !d->schools || !d->teachers || (c->curriculum && !d->curriculum);
  if (!bad && c->curriculum)
    *d->curriculum = *c->curriculum;
  for (size_t i = 0; !bad && i < c->n_schools; i++) {
    rp_school_t *s = &d->schools[d->n_schools];
    *s = c->schools[i];
    s->name = s->group = NULL;
    char *name = c->schools[i].name, *group = c->schools[i].group;
    bad = dup_str(&s->id) | dup_str(&name) | dup_str(&group);
    s->name = name;
    s->group = group;
    d->n_schools++;
  }
  for (size_t i = 0; !bad && i < c->n_teachers; i++) {
    rp_teacher_t *t = &d->teachers[d->n_teachers];
    *t = c->teachers[i];
    t->name = t->exempt = NULL;
    char *name = c->teachers[i].name, *exempt = c->teachers[i].exempt;
    bad = dup_str(&t->id) | dup_str(&name) | dup_str(&exempt);
    t->name = name;
    t->exempt = exempt;
    d->n_teachers++;
  }
  if (bad) {
    rp_county_free(d);
    return NULL;
  }
  return d;
}

static int by_text(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_count(const void *a, const void *b) {
  const rp_exempt_reason_t *x = a, *y = b;
  if (x->teachers != y->teachers)
    return x->teachers > y->teachers ? -1 : 1;
  return strcmp(x->reason, y->reason);
}

rp_status_t rp_county_exempt_reasons(const rp_county_t *c, rp_exempt_reason_t **out,
                                     size_t *n) {
  *out = NULL;
  *n = 0;
  size_t k = 0;
  for (size_t i = 0; i < c->n_teachers; i++)
    k += c->teachers[i].exempt && c->teachers[i].exempt[0];
  if (k == 0)
    return RP_OK;
  const char **text = malloc(k * sizeof *text);
  rp_exempt_reason_t *r = malloc(k * sizeof *r);
  if (!text || !r) {
    free(text);
    free(r);
    return RP_ENOMEM;
  }
  k = 0;
  for (size_t i = 0; i < c->n_teachers; i++)
    if (c->teachers[i].exempt && c->teachers[i].exempt[0])
      text[k++] = c->teachers[i].exempt;
  qsort(text, k, sizeof *text, by_text);
  size_t m = 0;
  for (size_t i = 0; i < k; i++) {
    if (m > 0 && strcmp(r[m - 1].reason, text[i]) == 0) {
      r[m - 1].teachers++;
      continue;
    }
    r[m].reason = text[i];
    r[m++].teachers = 1;
  }
  free(text);
  qsort(r, m, sizeof *r, by_count);
  *out = r;
  *n = m;
  return RP_OK;
}
