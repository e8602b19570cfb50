/* Policy keys, defaults and validation (see policy.h).  One table describes
 * every key; the INI reader, the audit trail and docs/data-format.md follow
 * it. */
#include "model/policy.h"

#include "model/number.h"

#include <float.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { K_DOUBLE, K_INT, K_ENUM } key_type_t;

typedef struct {
  const char *section;
  const char *name;
  key_type_t type;
  size_t off;
  double lo, hi;            /* allowed range for numbers */
  double dflt;              /* the default; for K_ENUM its index */
  const char *const *enums; /* NULL-terminated names for K_ENUM */
  const char *document;     /* the national document the default is from, or
                               LOCAL: the default is local practice */
  /* What a form shows (the web workspace's policy page): the key's name and
   * its unit in Chinese and English; a unit "" for words (enums). */
  const char *label_zh, *label_en, *unit_zh, *unit_en;
} key_t_;

static const char *const bb_base_names[] = {"rotated", "eligible_backbone",
                                            NULL};
static const char *const scope_names[] = {"county", "school", NULL};
static const char *const dir_names[] = {"rural_or_weak", "any", NULL};
static const char *const move_scope_names[] = {"county", "group", NULL};
static const char *const cover_names[] = {"off", "weak", "strong", NULL};
static const char *const unlimited_word[] = {"unlimited", NULL};
static const char *const no_yes_names[] = {"no", "yes", NULL};
static const char *const priority_names[] = {"service", "backbone", NULL};
static const char *const fairness_names[] = {"off", "once_before_twice", NULL};
static const char *const bb_level_names[] = {
    "none", "school", "county", "city", "province", "national", NULL};

/* Where a default comes from (../shared/domain.md, "Which defaults are
 * national and which are local practice"): the national document, or LOCAL
 * for a value that county rules set (years, ages, terms) or that is this
 * product's choice (caps, directions, cover).  The policy echo of `audit`
 * and docs/data-format.md show it beside each default. */
#define STAFFING "中央编办发〔2014〕72号, 国办发〔2001〕74号"
#define ASSESSMENT "教督〔2017〕6号"
#define ROTATION "教师〔2014〕4号"
#define LOCAL NULL

/* One row a key: section, name, field, range (numbers) or names (enums),
 * default, where the default comes from.  A new key is one row here and one
 * field in rp_policy_t. */
#define OFF(f) offsetof(rp_policy_t, f)
#define LABEL(zh, en, unit_zh, unit_en) zh, en, unit_zh, unit_en
#define NUM(sec, name, f, lo, hi, dflt, doc, label)                                              \
  {sec, name, K_DOUBLE, OFF(f), lo, hi, dflt, NULL, doc, label}
#define WHOLE(sec, name, f, lo, hi, dflt, doc, label)                                            \
  {sec, name, K_INT, OFF(f), lo, hi, dflt, NULL, doc, label}
#define ENUM(sec, name, f, names, dflt, doc, label)                                              \
  {sec, name, K_ENUM, OFF(f), 0, 0, dflt, names, doc, label}
/* A whole number whose top, hi, is also written as a word ("unlimited"). */
#define WHOLE_OR(sec, name, f, lo, hi, dflt, word, doc, label)                                   \
  {sec, name, K_INT, OFF(f), lo, hi, dflt, word, doc, label}
static const key_t_ keys[] = {
    NUM("staffing", "primary_ratio", ratio[RP_PRIMARY], 1, 100, 19, STAFFING,
         LABEL("小学生师比", "Primary students per staff", "生/师", "students per staff")),
    NUM("staffing", "junior_ratio", ratio[RP_JUNIOR], 1, 100, 13.5, STAFFING,
         LABEL("初中生师比", "Junior students per staff", "生/师", "students per staff")),
    WHOLE("staffing", "small_school_students", small_school_students, 0, 100000, 100, LOCAL,
         LABEL("小规模学校学生数上限", "Small school: students below", "人", "students")),
    NUM("staffing", "class_ratio", class_ratio, 0, 10, 1.0, LOCAL,
         LABEL("小规模学校班师比", "Small school: teachers per class", "人/班", "per class")),
    WHOLE("staffing", "small_school_min_teachers", small_school_min, 0, 100, 2, LOCAL,
         LABEL("小规模学校最少教师数", "Small school: fewest teachers", "人", "teachers")),
    NUM("staffing", "overstaff_share", overstaff_share, 0, 100, 0.2, LOCAL,
         LABEL("超编比例", "Overstaffing share", "比例", "share")),
    NUM("staffing", "primary_load_core", load_core[RP_PRIMARY], 1, 40, 15, LOCAL,
         LABEL("小学主科周课时", "Primary core periods a week", "节/周", "periods a week")),
    NUM("staffing", "primary_load_other", load_other[RP_PRIMARY], 1, 40, 18, LOCAL,
         LABEL("小学其他学科周课时", "Primary other periods a week", "节/周", "periods a week")),
    NUM("staffing", "junior_load_core", load_core[RP_JUNIOR], 1, 40, 11, LOCAL,
         LABEL("初中主科周课时", "Junior core periods a week", "节/周", "periods a week")),
    NUM("staffing", "junior_load_other", load_other[RP_JUNIOR], 1, 40, 14, LOCAL,
         LABEL("初中其他学科周课时", "Junior other periods a week", "节/周", "periods a week")),
    NUM("targets", "primary_degree", t_degree[RP_PRIMARY], 0, 100, 4.2, ASSESSMENT,
         LABEL("小学高学历教师数", "Primary teachers with a degree", "每百名学生", "per 100 students")),
    NUM("targets", "junior_degree", t_degree[RP_JUNIOR], 0, 100, 5.3, ASSESSMENT,
         LABEL("初中高学历教师数", "Junior teachers with a degree", "每百名学生", "per 100 students")),
    NUM("targets", "primary_backbone", t_backbone[RP_PRIMARY], 0, 100, 1.0, ASSESSMENT,
         LABEL("小学骨干教师数", "Primary backbone teachers", "每百名学生", "per 100 students")),
    NUM("targets", "junior_backbone", t_backbone[RP_JUNIOR], 0, 100, 1.0, ASSESSMENT,
         LABEL("初中骨干教师数", "Junior backbone teachers", "每百名学生", "per 100 students")),
    NUM("targets", "primary_pe_art", t_pe_art[RP_PRIMARY], 0, 100, 0.9, ASSESSMENT,
         LABEL("小学体育艺术教师数", "Primary PE and art teachers", "每百名学生", "per 100 students")),
    NUM("targets", "junior_pe_art", t_pe_art[RP_JUNIOR], 0, 100, 0.9, ASSESSMENT,
         LABEL("初中体育艺术教师数", "Junior PE and art teachers", "每百名学生", "per 100 students")),
    NUM("balance", "primary_cv_limit", cv_limit[RP_PRIMARY], 0, 10, 0.50, ASSESSMENT,
         LABEL("小学差异系数上限", "Primary coefficient of variation limit", "系数", "coefficient")),
    NUM("balance", "junior_cv_limit", cv_limit[RP_JUNIOR], 0, 10, 0.45, ASSESSMENT,
         LABEL("初中差异系数上限", "Junior coefficient of variation limit", "系数", "coefficient")),
    WHOLE("balance", "exclude_teaching_point_below", exclude_teaching_point_below, 0, 100000,
          50, ASSESSMENT,
         LABEL("不计入的教学点学生数", "Teaching points left out below", "人", "students")),
    /* Default: the year of the run, given to rp_policy_default. */
    WHOLE("rotation", "plan_year", plan_year, 1950, 2200, 0, LOCAL,
         LABEL("计划年度", "Plan year", "年", "year")),
    WHOLE("rotation", "min_years", min_years, 0, 60, 6, LOCAL,
         LABEL("在校最少年限", "Years at the school before rotating", "年", "years")),
    WHOLE("rotation", "exempt_age_male", exempt_age_male, 18, 80, 55, LOCAL,
         LABEL("男教师免交流年龄", "Exempt age, men", "岁", "years of age")),
    WHOLE("rotation", "exempt_age_female", exempt_age_female, 18, 80, 50, LOCAL,
         LABEL("女教师免交流年龄", "Exempt age, women", "岁", "years of age")),
    WHOLE("rotation", "term_years", term_years, 0, 20, 3, LOCAL,
         LABEL("交流期限", "Term of a rotation", "年", "years")),
    NUM("rotation", "quota_share", quota_share, 0, 1, 0.10, ROTATION,
         LABEL("交流比例下限", "Share that rotates, at least", "比例", "share")),
    NUM("rotation", "quota_max_share", quota_max_share, 0, 1, 0, ROTATION,
         LABEL("交流比例上限", "Share that rotates, at most", "比例", "share")),
    ENUM("rotation", "quota_scope", quota_scope, scope_names, RP_SCOPE_COUNTY, LOCAL,
         LABEL("比例适用范围", "Quota applies to", "", "")),
    NUM("rotation", "backbone_share", backbone_share, 0, 1, 0.20, ROTATION,
         LABEL("骨干教师比例", "Backbone share of the rotated", "比例", "share")),
    ENUM("rotation", "backbone_base", backbone_base, bb_base_names, RP_BASE_ROTATED, ROTATION,
         LABEL("骨干比例基数", "Backbone share counted on", "", "")),
    ENUM("rotation", "backbone_min_level", backbone_min_level, bb_level_names, RP_BB_COUNTY, LOCAL,
         LABEL("骨干最低级别", "Lowest backbone level", "", "")),
    ENUM("rotation", "backbone_direction", backbone_direction, dir_names,
         RP_DIR_RURAL_OR_WEAK, LOCAL,
         LABEL("骨干流向", "Backbone direction", "", "")),
    NUM("rotation", "max_outflow_share", max_outflow_share, 0, 1, 0.2, LOCAL,
         LABEL("学校流出比例上限", "Largest outflow of a school", "比例", "share")),
    ENUM("rotation", "subject_cover", subject_cover, cover_names, RP_COVER_WEAK, LOCAL,
         LABEL("学科保障", "Subject cover", "", "")),
    ENUM("rotation", "subject_demand", subject_demand, no_yes_names, 1, LOCAL,
         LABEL("学科需求为目标", "Subject demand is a target", "", "")),
    NUM("rotation", "max_km", max_km, 0, 100000, 0, LOCAL,
         LABEL("最远距离", "Farthest move", "公里", "km")),
    ENUM("rotation", "move_scope", move_scope, move_scope_names, RP_MOVE_COUNTY, LOCAL,
         LABEL("交流范围", "Move scope", "", "")),
    WHOLE_OR("rotation", "balance_moves", balance_moves, 0, RP_UNLIMITED, 0, unlimited_word,
             LOCAL,
         LABEL("为均衡可多交流人数", "Extra moves for balance", "人", "teachers")),
    ENUM("rotation", "move_leaders", move_leaders, no_yes_names, 0, LOCAL,
         LABEL("校长副校长参与", "Principals rotate as teachers", "", "")),
    NUM("rotation", "min_toward_share", min_toward_share, 0, 1, 0, LOCAL,
         LABEL("流向农村薄弱校比例", "Share toward rural or weak schools", "比例", "share")),
    WHOLE("rotation", "retire_age_male", retire_age_male, 40, 80, 60, LOCAL,
         LABEL("男教师退休年龄", "Retirement age, men", "岁", "years of age")),
    WHOLE("rotation", "retire_age_female", retire_age_female, 40, 80, 55, LOCAL,
         LABEL("女教师退休年龄", "Retirement age, women", "岁", "years of age")),
    WHOLE("rotation", "return_after_term", return_after_term, 0, 1, 0, LOCAL,
         LABEL("期满返回", "Return after the term", "", "")),
    ENUM("rotation", "backbone_reach", backbone_reach, no_yes_names, 0, LOCAL,
         LABEL("骨干不足时尽量达到", "Backbone share: reach what the year can", "", "")),
    /* The teachers' history (issue 15, seed 004: a year in a rural or weak
     * school before a senior title; long-serving backbone teachers first):
     * provincial and county rules, off by default. */
    ENUM("rotation", "title_service", title_service, no_yes_names, 0, LOCAL,
         LABEL("职称申报者优先到农村薄弱校", "Title applicants first to rural or weak schools",
               "", "")),
    WHOLE("rotation", "title_service_years", title_service_years, 1, 10, 1, LOCAL,
          LABEL("申报高级职称所需农村薄弱校年限", "Years in rural or weak schools for a senior title",
                "年", "years")),
    ENUM("rotation", "priority", priority, priority_names, RP_PRIORITY_SERVICE, LOCAL,
         LABEL("交流先后", "Who goes first", "", "")),
    ENUM("rotation", "fairness", fairness, fairness_names, RP_FAIRNESS_OFF, LOCAL,
         LABEL("轮岗公平", "Fairness across years", "", "")),
    /* the principals' exchange (校长交流, seeds 002 and 004; model/principals.h) */
    ENUM("rotation", "principal_exchange", principal_exchange, no_yes_names, 0, LOCAL,
         LABEL("校长交流", "Exchange principals", "", "")),
    WHOLE("rotation", "principal_min_years", principal_min_years, 0, 60, 6, LOCAL,
         LABEL("校长在校最少年限", "Years a principal leads a school before exchange", "年",
               "years")),
};
#undef ENUM
#undef LABEL
#undef WHOLE_OR
#undef WHOLE
#undef NUM
#undef OFF
#undef LOCAL
#undef ROTATION
#undef ASSESSMENT
#undef STAFFING
#define NKEYS (sizeof keys / sizeof keys[0])

/* Stores v in key k's field of p (an int for whole numbers and enums). */
static void store(rp_policy_t *p, const key_t_ *k, double v) {
  char *base = (char *)p + k->off;
  if (k->type == K_DOUBLE) {
    memcpy(base, &v, sizeof v);
  } else {
    int iv = (int)v;
    memcpy(base, &iv, sizeof iv);
  }
}

void rp_policy_default(rp_policy_t *p, int year) {
  memset(p, 0, sizeof *p); /* padding too: policies are compared with memcmp */
  for (size_t i = 0; i < NKEYS; i++)
    store(p, &keys[i], keys[i].dflt);
  p->plan_year = year;
}

/* A policy value: the number grammar of model/number.h with a point, an
 * exponent (rp_policy_each prints with %g) and blanks around it. */
static int parse_value(const char *s, double *out) {
  return rp_parse_number(s, RP_NUM_POINT | RP_NUM_EXPONENT | RP_NUM_BLANKS, -DBL_MAX,
                         DBL_MAX, out);
}

/* Where set_key says what is wrong: into a buffer (rp_policy_set) or a
 * diag, in both languages (rp_policy_set_at). */
typedef struct {
  char *msg;
  size_t msglen;
  rp_diag_t *diag;
  const char *file;
  long line;
  const char *prefix;
} say_t;

static void say(const say_t *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const say_t *to, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (!to->diag) {
    vsnprintf(to->msg, to->msglen, fmt, ap);
    va_end(ap);
    return;
  }
  /* Both languages, the prefix ("[policy] " in a scenario) before each. */
  const char *zfmt = rp_diag_tr(fmt), *pre = to->prefix ? to->prefix : "";
  char en[600], zh[600];
  size_t n = (size_t)snprintf(en, sizeof en, "%s", pre);
  vsnprintf(en + n, sizeof en - n, fmt, ap);
  va_end(ap);
  va_start(ap, fmt);
  n = (size_t)snprintf(zh, sizeof zh, "%s", pre);
  vsnprintf(zh + n, sizeof zh - n, zfmt, ap);
  va_end(ap);
  rp_diag_add_text(to->diag, RP_SEV_ERROR, to->file, to->line, NULL, en,
                   zfmt != fmt ? zh : NULL);
}

static rp_status_t set_key(rp_policy_t *p, const char *section, const char *key,
                           const char *value, const say_t *to) {
  const key_t_ *k = NULL;
  for (size_t i = 0; i < NKEYS; i++)
    if (strcmp(keys[i].name, key) == 0) {
      k = &keys[i];
      break;
    }
  if (!k) {
    say(to, "unknown policy key \"%s\"", key);
    return RP_EINPUT;
  }
  if (section && *section && strcmp(section, k->section) != 0) {
    say(to, "key \"%s\" belongs in section [%s], not [%s]", key, k->section, section);
    return RP_EINPUT;
  }
  if (k->type == K_ENUM) {
    for (int i = 0; k->enums[i]; i++)
      if (strcmp(k->enums[i], value) == 0) {
        store(p, k, i);
        return RP_OK;
      }
    char list[256];
    int n = 0;
    list[0] = '\0';
    for (int i = 0; k->enums[i] && n >= 0 && (size_t)n < sizeof list; i++)
      n += snprintf(list + n, sizeof list - (size_t)n, "%s%s", i ? ", " : "", k->enums[i]);
    say(to, "%s = \"%s\": expected one of %s", key, value, list);
    return RP_EINPUT;
  }
  double v;
  if (k->enums && strcmp(value, k->enums[0]) == 0) { /* the word for hi */
    store(p, k, k->hi);
    return RP_OK;
  }
  if (parse_value(value, &v) != 0 || (k->type == K_INT && v != floor(v))) {
    if (k->type == K_INT && k->enums)
      say(to, "%s = \"%s\": not a whole number or %s", key, value, k->enums[0]);
    else if (k->type == K_INT)
      say(to, "%s = \"%s\": not a whole number", key, value);
    else if (k->enums)
      say(to, "%s = \"%s\": not a number or %s", key, value, k->enums[0]);
    else
      say(to, "%s = \"%s\": not a number", key, value);
    return RP_EINPUT;
  }
  if (v < k->lo || v > k->hi) {
    say(to, "%s = %s: out of range [%g, %g]", key, value, k->lo, k->hi);
    return RP_EINPUT;
  }
  store(p, k, v);
  return RP_OK;
}

rp_status_t rp_policy_set(rp_policy_t *p, const char *section, const char *key,
                          const char *value, char *msg, size_t msglen) {
  const say_t to = {msg, msglen, NULL, NULL, 0, NULL};
  return set_key(p, section, key, value, &to);
}

rp_status_t rp_policy_set_at(rp_policy_t *p, const char *section, const char *key,
                             const char *value, const char *file, long line,
                             const char *prefix, rp_diag_t *diag) {
  const say_t to = {NULL, 0, diag, file, line, prefix};
  return set_key(p, section, key, value, &to);
}

/* Key k's value in p as text, into buf (64 bytes). */
static const char *value_text(const rp_policy_t *p, const key_t_ *k, char buf[64]) {
  const char *base = (const char *)p + k->off;
  if (k->type == K_ENUM) {
    int v;
    memcpy(&v, base, sizeof v);
    return k->enums[v];
  }
  if (k->type == K_INT) {
    int v;
    memcpy(&v, base, sizeof v);
    if (k->enums && v == (int)k->hi)
      return k->enums[0];
    snprintf(buf, 64, "%d", v);
    return buf;
  }
  double v;
  memcpy(&v, base, sizeof v);
  /* The shortest text, from 10 digits up, that reads back as the same
   * double: "%.10g" alone dropped digits, so the policy written beside
   * a plan (rp_policy_write) was not the one it was made with (found by
   * tests/fuzz/fuzz_policy.c).  Values of 10 digits or fewer print as
   * before. */
  for (int prec = 10; prec <= 17; prec++) {
    snprintf(buf, 64, "%.*g", prec, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  return buf;
}

void rp_policy_each(const rp_policy_t *p,
                    void (*fn)(void *ud, const char *section, const char *key,
                               const char *value),
                    void *ud) {
  char buf[64];
  for (size_t i = 0; i < NKEYS; i++)
    fn(ud, keys[i].section, keys[i].name, value_text(p, &keys[i], buf));
}

void rp_policy_each_labelled(const rp_policy_t *p,
                             void (*fn)(void *ud, const rp_policy_key_view_t *k), void *ud) {
  rp_policy_t d;
  rp_policy_default(&d, 0);
  char value[64], dflt[64];
  for (size_t i = 0; i < NKEYS; i++) {
    const key_t_ *k = &keys[i];
    const int run_year = k->off == offsetof(rp_policy_t, plan_year);
    const rp_policy_key_view_t view = {k->section, k->name, value_text(p, k, value),
                                       run_year ? NULL : value_text(&d, k, dflt),
                                       k->document,
                                       k->label_zh,
                                       k->label_en,
                                       k->unit_zh,
                                       k->unit_en,
                                       k->type == K_ENUM ? k->enums : NULL};
    fn(ud, &view);
  }
}

/* The keys each cross-key check reads (rp_policy_check_t order). */
static const char *const check_keys[RP_POLICY_CHECKS][2] = {
    {"quota_share", "quota_max_share"},
    {"backbone_share", "backbone_min_level"},
};

int rp_policy_check_of_key(const char *key) {
  for (int c = 0; c < RP_POLICY_CHECKS; c++)
    if (strcmp(check_keys[c][0], key) == 0 || strcmp(check_keys[c][1], key) == 0)
      return c;
  return -1;
}

/* Whether check c fails on p; reports it at `at` when it does. */
static int check_fails(const rp_policy_t *p, rp_policy_check_t c, const rp_policy_at_t *at,
                       rp_policy_check_style_t style, rp_diag_t *diag) {
  const char *prefix = style == RP_CHECK_SCENARIO ? "[policy] " : "";
  if (c == RP_CHECK_QUOTA_MAX) {
    if (!(p->quota_max_share > 0 && p->quota_max_share < p->quota_share))
      return 0;
    rp_diag_error(diag, at->file, at->line, NULL,
                  "%squota_max_share %.3g is below quota_share %.3g", prefix,
                  p->quota_max_share, p->quota_share);
    return 1;
  }
  if (!(p->backbone_min_level == RP_BB_NONE && p->backbone_share > 0))
    return 0;
  rp_diag_error(diag, at->file, at->line, NULL,
                "%sbackbone_min_level = none counts nobody as a backbone teacher, so "
                "backbone_share %.3g can never be met: set backbone_share = 0%s",
                prefix, p->backbone_share,
                style == RP_CHECK_SCENARIO ? "" : " to drop the backbone rule");
  return 1;
}

rp_status_t rp_policy_check(const rp_policy_t *p, const rp_policy_at_t at[RP_POLICY_CHECKS],
                            rp_policy_check_style_t style, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  for (int c = 0; c < RP_POLICY_CHECKS; c++) {
    if (!at[c].file || !check_fails(p, (rp_policy_check_t)c, &at[c], style, diag))
      continue;
    st = RP_EINPUT;
    if (style == RP_CHECK_POLICY_FILE)
      break;
  }
  return st;
}

/* Rates are compared in thousandths so that 4.2 x 500 / 100 is exactly 21,
 * not 21.000000000000004 (whose ceiling would demand a 22nd teacher). */
static long long milli(double v) { return llround(v * 1000.0); }

static int ceil_div(long long a, long long b) {
  if (b <= 0)
    return 0;
  return (int)((a + b - 1) / b);
}

int rp_per100_needed(double target, int students) {
  if (students <= 0 || target <= 0)
    return 0;
  return ceil_div(milli(target) * students, 100000LL);
}

int rp_is_small_school(const rp_policy_t *p, int school_students) {
  return school_students < p->small_school_students;
}

int rp_policy_required_staff(const rp_policy_t *p, rp_level_t lv, int students,
                             int classes, int school_students) {
  int req = students > 0 ? ceil_div((long long)students * 1000, milli(p->ratio[lv]))
                         : 0;
  if (rp_is_small_school(p, school_students) && (students > 0 || classes > 0)) {
    int by_class = ceil_div(milli(p->class_ratio) * classes, 1000);
    if (by_class > req)
      req = by_class;
    if (p->small_school_min > req)
      req = p->small_school_min;
  }
  return req;
}
