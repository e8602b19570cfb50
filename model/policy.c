/* Policy keys, defaults and validation (see policy.h).  One table describes
 * every key; the INI reader, the audit trail and docs/data-format.md follow
 * it. */
#include "model/policy.h"

#include "model/number.h"

#include <float.h>
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
  double lo, hi;           /* allowed range for numbers */
  const char *const *enums; /* NULL-terminated names for K_ENUM */
} key_t_;

static const char *const bb_base_names[] = {"rotated", "eligible_backbone",
                                            NULL};
static const char *const scope_names[] = {"county", "school", NULL};
static const char *const dir_names[] = {"rural_or_weak", "any", NULL};
static const char *const bb_level_names[] = {
    "none", "school", "county", "city", "province", "national", NULL};

#define OFF(f) offsetof(rp_policy_t, f)
static const key_t_ keys[] = {
    {"staffing", "primary_ratio", K_DOUBLE, OFF(ratio[RP_PRIMARY]), 1, 100, NULL},
    {"staffing", "junior_ratio", K_DOUBLE, OFF(ratio[RP_JUNIOR]), 1, 100, NULL},
    {"staffing", "small_school_students", K_INT, OFF(small_school_students), 0, 100000, NULL},
    {"staffing", "class_ratio", K_DOUBLE, OFF(class_ratio), 0, 10, NULL},
    {"staffing", "small_school_min_teachers", K_INT, OFF(small_school_min), 0, 100, NULL},
    {"staffing", "overstaff_share", K_DOUBLE, OFF(overstaff_share), 0, 100, NULL},
    {"targets", "primary_degree", K_DOUBLE, OFF(t_degree[RP_PRIMARY]), 0, 100, NULL},
    {"targets", "junior_degree", K_DOUBLE, OFF(t_degree[RP_JUNIOR]), 0, 100, NULL},
    {"targets", "primary_backbone", K_DOUBLE, OFF(t_backbone[RP_PRIMARY]), 0, 100, NULL},
    {"targets", "junior_backbone", K_DOUBLE, OFF(t_backbone[RP_JUNIOR]), 0, 100, NULL},
    {"targets", "primary_pe_art", K_DOUBLE, OFF(t_pe_art[RP_PRIMARY]), 0, 100, NULL},
    {"targets", "junior_pe_art", K_DOUBLE, OFF(t_pe_art[RP_JUNIOR]), 0, 100, NULL},
    {"balance", "primary_cv_limit", K_DOUBLE, OFF(cv_limit[RP_PRIMARY]), 0, 10, NULL},
    {"balance", "junior_cv_limit", K_DOUBLE, OFF(cv_limit[RP_JUNIOR]), 0, 10, NULL},
    {"balance", "exclude_teaching_point_below", K_INT, OFF(exclude_teaching_point_below), 0, 100000, NULL},
    {"rotation", "plan_year", K_INT, OFF(plan_year), 1950, 2200, NULL},
    {"rotation", "min_years", K_INT, OFF(min_years), 0, 60, NULL},
    {"rotation", "exempt_age_male", K_INT, OFF(exempt_age_male), 18, 80, NULL},
    {"rotation", "exempt_age_female", K_INT, OFF(exempt_age_female), 18, 80, NULL},
    {"rotation", "term_years", K_INT, OFF(term_years), 0, 20, NULL},
    {"rotation", "quota_share", K_DOUBLE, OFF(quota_share), 0, 1, NULL},
    {"rotation", "quota_max_share", K_DOUBLE, OFF(quota_max_share), 0, 1, NULL},
    {"rotation", "quota_scope", K_ENUM, OFF(quota_scope), 0, 0, scope_names},
    {"rotation", "backbone_share", K_DOUBLE, OFF(backbone_share), 0, 1, NULL},
    {"rotation", "backbone_base", K_ENUM, OFF(backbone_base), 0, 0, bb_base_names},
    {"rotation", "backbone_min_level", K_ENUM, OFF(backbone_min_level), 0, 0, bb_level_names},
    {"rotation", "backbone_direction", K_ENUM, OFF(backbone_direction), 0, 0, dir_names},
    {"rotation", "max_outflow_share", K_DOUBLE, OFF(max_outflow_share), 0, 1, NULL},
    {"rotation", "subject_cover", K_INT, OFF(subject_cover), 0, 1, NULL},
    {"rotation", "max_km", K_DOUBLE, OFF(max_km), 0, 100000, NULL},
    {"rotation", "retire_age_male", K_INT, OFF(retire_age_male), 40, 80, NULL},
    {"rotation", "retire_age_female", K_INT, OFF(retire_age_female), 40, 80, NULL},
    {"rotation", "return_after_term", K_INT, OFF(return_after_term), 0, 1, NULL},
};
#undef OFF
#define NKEYS (sizeof keys / sizeof keys[0])

void rp_policy_default(rp_policy_t *p, int year) {
  memset(p, 0, sizeof *p);
  p->ratio[RP_PRIMARY] = 19;
  p->ratio[RP_JUNIOR] = 13.5;
  p->small_school_students = 100;
  p->class_ratio = 1.0;
  p->small_school_min = 2;
  p->overstaff_share = 0.2;
  p->t_degree[RP_PRIMARY] = 4.2;
  p->t_degree[RP_JUNIOR] = 5.3;
  p->t_backbone[RP_PRIMARY] = p->t_backbone[RP_JUNIOR] = 1.0;
  p->t_pe_art[RP_PRIMARY] = p->t_pe_art[RP_JUNIOR] = 0.9;
  p->cv_limit[RP_PRIMARY] = 0.50;
  p->cv_limit[RP_JUNIOR] = 0.45;
  p->exclude_teaching_point_below = 50;
  p->plan_year = year;
  p->min_years = 6;
  p->exempt_age_male = 55;
  p->exempt_age_female = 50;
  p->term_years = 3;
  p->quota_share = 0.10;
  p->quota_max_share = 0;
  p->quota_scope = RP_SCOPE_COUNTY;
  p->backbone_share = 0.20;
  p->backbone_base = RP_BASE_ROTATED;
  p->backbone_min_level = RP_BB_COUNTY;
  p->backbone_direction = RP_DIR_RURAL_OR_WEAK;
  p->max_outflow_share = 0.2;
  p->subject_cover = 1;
  p->max_km = 0;
  p->retire_age_male = 60;
  p->retire_age_female = 55;
  p->return_after_term = 0;
}

/* A policy value: the number grammar of model/number.h with a point, an
 * exponent (rp_policy_each prints with %g) and blanks around it. */
static int parse_value(const char *s, double *out) {
  return rp_parse_number(s, RP_NUM_POINT | RP_NUM_EXPONENT | RP_NUM_BLANKS, -DBL_MAX,
                         DBL_MAX, out);
}

rp_status_t rp_policy_set(rp_policy_t *p, const char *section, const char *key,
                          const char *value, char *msg, size_t msglen) {
  const key_t_ *k = NULL;
  for (size_t i = 0; i < NKEYS; i++)
    if (strcmp(keys[i].name, key) == 0) {
      k = &keys[i];
      break;
    }
  if (!k) {
    snprintf(msg, msglen, "unknown policy key \"%s\"", key);
    return RP_EINPUT;
  }
  if (section && *section && strcmp(section, k->section) != 0) {
    snprintf(msg, msglen, "key \"%s\" belongs in section [%s], not [%s]", key,
             k->section, section);
    return RP_EINPUT;
  }
  char *base = (char *)p + k->off;
  if (k->type == K_ENUM) {
    for (int i = 0; k->enums[i]; i++)
      if (strcmp(k->enums[i], value) == 0) {
        memcpy(base, &(int){i}, sizeof(int));
        return RP_OK;
      }
    int n = snprintf(msg, msglen, "%s = \"%s\": expected one of", key, value);
    for (int i = 0; k->enums[i] && n > 0 && (size_t)n < msglen; i++)
      n += snprintf(msg + n, msglen - (size_t)n, "%s %s", i ? "," : "",
                    k->enums[i]);
    return RP_EINPUT;
  }
  double v;
  if (parse_value(value, &v) != 0 ||
      (k->type == K_INT && v != floor(v))) {
    snprintf(msg, msglen, "%s = \"%s\": not %s", key, value,
             k->type == K_INT ? "a whole number" : "a number");
    return RP_EINPUT;
  }
  if (v < k->lo || v > k->hi) {
    snprintf(msg, msglen, "%s = %s: out of range [%g, %g]", key, value, k->lo,
             k->hi);
    return RP_EINPUT;
  }
  if (k->type == K_INT) {
    int iv = (int)v;
    memcpy(base, &iv, sizeof iv);
  } else {
    memcpy(base, &v, sizeof v);
  }
  return RP_OK;
}

void rp_policy_each(const rp_policy_t *p,
                    void (*fn)(void *ud, const char *section, const char *key,
                               const char *value),
                    void *ud) {
  char buf[64];
  for (size_t i = 0; i < NKEYS; i++) {
    const key_t_ *k = &keys[i];
    const char *base = (const char *)p + k->off;
    if (k->type == K_ENUM) {
      int v;
      memcpy(&v, base, sizeof v);
      fn(ud, k->section, k->name, k->enums[v]);
      continue;
    }
    if (k->type == K_INT) {
      int v;
      memcpy(&v, base, sizeof v);
      snprintf(buf, sizeof buf, "%d", v);
    } else {
      double v;
      memcpy(&v, base, sizeof v);
      /* The shortest text, from 10 digits up, that reads back as the same
       * double: "%.10g" alone dropped digits, so the policy written beside
       * a plan (rp_policy_write) was not the one it was made with (found by
       * tests/fuzz/fuzz_policy.c).  Values of 10 digits or fewer print as
       * before. */
      for (int prec = 10; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
          break;
      }
    }
    fn(ud, k->section, k->name, buf);
  }
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
