/* Audit output, text and JSON (see audit_report.h). */
#include "io/audit_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/curriculum.h"

double rp_round(double v, int decimals) {
  double s = pow(10, decimals);
  double r = round(v * s) / s;
  return r == 0 ? 0 : r;
}

static const char *misses_text(const rp_section_t *s, rp_lang_t l, char *buf, size_t n) {
  buf[0] = '\0';
  size_t used = 0;
  if (rp_section_staff_short(s))
    used += (size_t)rp_fmt(buf + used, n - used, "%s ", rp_tr(l, "staff"));
  for (int i = 0; i < RP_INDICATORS && used < n; i++)
    if (rp_section_misses(s, (rp_indicator_t)i))
      used += (size_t)rp_fmt(buf + used, n - used, "%s ", rp_indicator_label(l, i));
  if (used > 0 && used < n)
    buf[used - 1] = '\0';
  if (!s->counted)
    rp_fmt(buf, n, rp_tr(l, "excluded: %s"), rp_tr(l, s->excluded));
  return buf;
}

/* The policy echo: one line a key, its value, its default and where the
 * default comes from (rp_policy_each_labelled). */
typedef struct {
  FILE *fp;
  rp_lang_t lang;
  const char *section;
} echo_t;

static void echo_key(void *ud, const rp_policy_key_view_t *k) {
  echo_t *e = ud;
  char kv[96], pad[128];
  if (!e->section || strcmp(e->section, k->section) != 0)
    fprintf(e->fp, "  [%s]\n", k->section);
  e->section = k->section;
  rp_fmt(kv, sizeof kv, "%s = %s", k->key, k->value);
  fprintf(e->fp, "    %s  ", rp_pad(pad, sizeof pad, kv, 40));
  const char *dflt = k->dflt ? k->dflt : rp_tr(e->lang, "the year of the run");
  if (k->document)
    fprintf(e->fp, rp_tr(e->lang, "default %s, national: %s\n"), dflt, k->document);
  else
    fprintf(e->fp, rp_tr(e->lang, "default %s, local practice\n"), dflt);
}

/* Every distinct exemption reason read, with its teachers. */
static rp_status_t print_exempt_reasons(FILE *fp, const rp_county_t *c, rp_lang_t l) {
  rp_exempt_reason_t *r;
  size_t n;
  rp_status_t st = rp_county_exempt_reasons(c, &r, &n);
  if (st != RP_OK)
    return st;
  if (n == 0)
    fputs(rp_tr(l, "\nExemption reasons read (column exempt): none\n"), fp);
  else
    fputs(rp_tr(l, "\nExemption reasons read (column exempt), teachers giving each:\n"), fp);
  for (size_t i = 0; i < n; i++)
    fprintf(fp, rp_tr(l, "  %s: %d\n"), r[i].reason, r[i].teachers);
  free(r);
  return RP_OK;
}

/* ---- subjects: the curriculum's demand against the teachers ---------- */

/* Is subject j anywhere in the county, by demand or by teachers? */
static int subject_shown(const rp_subject_total_t *t) { return t->demand > 1e-9 || t->teachers > 0; }

/* The county table per subject and the sections short in any subject. */
static void print_subjects(FILE *fp, const rp_county_t *c, const rp_audit_t *a, rp_lang_t l) {
  rp_subject_total_t tot[RP_SUBJECTS];
  char pad[96];
  rp_subject_totals(a, tot);
  fputs(rp_tr(l, rp_county_curriculum(c)->from_file
                     ? "\nSubjects: demand from curriculum.csv, in full-time teachers\n"
                     : "\nSubjects: demand from the built-in curriculum (an example published "
                       "by one province), in full-time teachers\n"),
        fp);
  static const char *const h[] = {"subject", "demand", "teachers", "gap", "sections short",
                                  "part-time"};
  static const int w[] = {12, -8, -8, -5, -14, -9};
  for (int i = 0; i < 6; i++)
    fprintf(fp, "%s%s", i ? " " : "", rp_pad(pad, sizeof pad, rp_tr(l, h[i]), w[i]));
  fputc('\n', fp);
  for (int j = 0; j < RP_SUBJECTS; j++) {
    const rp_subject_total_t *t = &tot[j];
    if (!subject_shown(t))
      continue;
    fprintf(fp, "%s %8.2f %8d %5d %14d %9d\n",
            rp_pad(pad, sizeof pad, rp_subject_label(l, (rp_subject_t)j), 12), t->demand,
            t->teachers, t->gap, t->sections_short, t->part_time);
  }
  fprintf(fp, rp_tr(l, "  sections short of a whole teacher in some subject: %d of %zu; "
                       "part-time: demand under one teacher (a shared or visiting teacher), not a gap\n"),
          rp_subject_short_sections(a), a->n_sections);
}

rp_status_t rp_audit_print_text(FILE *fp, const rp_county_t *c, const rp_policy_t *p,
                                const rp_audit_t *a, rp_lang_t l) {
  char buf[128];
  fprintf(fp, rp_tr(l, "County audit, plan year %d: %zu schools, %zu sections, %zu teachers\n\n"),
          p->plan_year, c->n_schools, a->n_sections, c->n_teachers);
  /* Headers padded by display width (Chinese takes two columns); the
   * school's name beside its code, as wide as the longest (at most 30). */
  int wn = rp_text_width(rp_tr(l, "school\004name"));
  for (size_t i = 0; i < c->n_schools; i++) {
    int w = rp_text_width(c->schools[i].name);
    wn = w > wn ? (w < 30 ? w : 30) : wn;
  }
  const char *h1[] = {"school", "school\004name", "section", "students", "teachers", "other",
                      "required"};
  const int w1[] = {10, wn, 7, -8, -8, -5, -8};
  char pad[96], name_pad[160];
  for (int i = 0; i < 7; i++)
    fprintf(fp, "%s ", rp_pad(pad, sizeof pad, rp_tr(l, h1[i]), w1[i]));
  for (int i = 0; i < RP_INDICATORS; i++)
    fprintf(fp, "%s ", rp_pad(pad, sizeof pad, rp_indicator_short(l, i), -7));
  fprintf(fp, " %s\n", rp_tr(l, "targets missed"));
  fprintf(fp, "%-10s %s %-7s %8s %8s %s %s %s\n", "", rp_pad(name_pad, sizeof name_pad, "", wn),
          "", "", "", rp_pad(pad, sizeof pad, rp_tr(l, "staff"), -5),
          rp_pad(pad + 32, sizeof pad - 32, rp_tr(l, "staff"), -8),
          rp_pad(pad + 64, sizeof pad - 64, rp_tr(l, "-- per 100 students --"), -23));
  for (size_t k = 0; k < a->n_sections; k++) {
    const rp_section_t *s = &a->sections[k];
    fprintf(fp, "%-10s %s %s %8d %8d %5d %8d %7.2f %7.2f %7.2f  %s\n",
            c->schools[s->school].id,
            rp_pad(name_pad, sizeof name_pad, c->schools[s->school].name, wn),
            rp_pad(pad, sizeof pad, rp_level_label(l, s->level), 7),
            s->students,
            s->teachers, s->other_staff, s->required_staff,
            rp_per100(s->count[RP_IND_DEGREE], s->students),
            rp_per100(s->count[RP_IND_BACKBONE], s->students),
            rp_per100(s->count[RP_IND_PE_ART], s->students),
            misses_text(s, l, buf, sizeof buf));
  }
  fputc('\n', fp);
  fprintf(fp, rp_tr(l, "Difference coefficients (student-weighted; limit primary %.2f, junior "
                       "%.2f)\n"),
          p->cv_limit[RP_PRIMARY], p->cv_limit[RP_JUNIOR]);
  const char *h2[] = {"level", "sections", "excluded", "students"};
  const int w2[] = {8, -8, -8, -8};
  for (int i = 0; i < 4; i++)
    fprintf(fp, "%s%s", i ? " " : "", rp_pad(pad, sizeof pad, rp_tr(l, h2[i]), w2[i]));
  for (int i = 0; i < RP_INDICATORS; i++)
    fprintf(fp, " %s",
            rp_pad(pad, sizeof pad, rp_indicator_label(l, i), l == RP_LANG_ZH ? -15 : -14));
  fprintf(fp, " %s\n", rp_pad(pad, sizeof pad, rp_tr(l, "composite"), -9));
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    const rp_level_stats_t *L = &a->level[lv];
    fprintf(fp, "%s %8d %8d %8lld", rp_pad(pad, sizeof pad, rp_level_label(l, (rp_level_t)lv), 8),
            L->sections,
            L->excluded, L->students);
    for (int i = 0; i < RP_INDICATORS; i++)
      fprintf(fp, " %8.4f %s", L->cv[i],
              rp_pad(pad, sizeof pad, rp_tr(l, L->pass[i] ? "pass" : "FAIL"),
                     l == RP_LANG_ZH ? 6 : 5));
    fprintf(fp, " %9.4f\n", L->composite);
  }
  for (size_t k = 0; k < a->n_sections; k++)
    if (!a->sections[k].counted)
      fprintf(fp, rp_tr(l, "  excluded: %s %s %s (%s)\n"), c->schools[a->sections[k].school].id,
              c->schools[a->sections[k].school].name,
              rp_level_label(l, a->sections[k].level), rp_tr(l, a->sections[k].excluded));
  print_subjects(fp, c, a, l);
  const rp_rotation_stats_t *r = &a->rotation;
  fprintf(fp, rp_tr(l, "\nRotation %d: %d eligible teachers, %d eligible backbone; rotate at "
                       "least %d"),
          p->plan_year, r->eligible, r->eligible_backbone, r->min_rotate);
  if (r->max_rotate >= 0)
    fprintf(fp, rp_tr(l, " and at most %d"), r->max_rotate);
  fprintf(fp, rp_tr(l, ", at least %d of them backbone\n"), r->min_backbone);
  if (r->leaders_set_aside > 0)
    fprintf(fp, rp_tr(l, "  set aside: %d principals and vice principals, %d of them otherwise "
                         "eligible (move_leaders = no: they rotate under the separate "
                         "principals' exchange rule)\n"),
            r->leaders_set_aside, r->leaders_otherwise_eligible);
  rp_status_t st = print_exempt_reasons(fp, c, l);
  if (st != RP_OK)
    return st;
  fputs(rp_tr(l, "\nPolicy in force (each default is national, with its document, or local "
                 "practice)\n"),
        fp);
  echo_t e = {fp, l, NULL};
  rp_policy_each_labelled(p, echo_key, &e);
  return RP_OK;
}

/* o.key = s, or null when s is NULL. */
static void add_text_or_null(cJSON *o, const char *key, const char *s) {
  if (s)
    cJSON_AddStringToObject(o, key, s);
  else
    cJSON_AddNullToObject(o, key);
}

static cJSON *indicator_obj(const double *v, int decimals) {
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; o && i < RP_INDICATORS; i++)
    if (!cJSON_AddNumberToObject(o, rp_indicator_name((rp_indicator_t)i),
                                 rp_round(v[i], decimals))) {
      cJSON_Delete(o);
      return NULL;
    }
  return o;
}

cJSON *rp_levels_json(const double cv_limit[RP_LEVELS], const rp_level_stats_t level[RP_LEVELS]) {
  cJSON *levels = cJSON_CreateObject();
  for (int lv = 0; levels && lv < RP_LEVELS; lv++) {
    const rp_level_stats_t *L = &level[lv];
    cJSON *o = cJSON_AddObjectToObject(levels, rp_level_name((rp_level_t)lv));
    cJSON *po = cJSON_CreateObject();
    for (int i = 0; po && i < RP_INDICATORS; i++)
      cJSON_AddBoolToObject(po, rp_indicator_name((rp_indicator_t)i), L->pass[i]);
    if (!o || !po) {
      cJSON_Delete(po);
      cJSON_Delete(levels);
      return NULL;
    }
    cJSON_AddNumberToObject(o, "students", L->students);
    cJSON_AddNumberToObject(o, "sections", L->sections);
    cJSON_AddNumberToObject(o, "excluded", L->excluded);
    cJSON_AddItemToObject(o, "mean_per100", indicator_obj(L->mean, 4));
    cJSON_AddItemToObject(o, "cv", indicator_obj(L->cv, 4));
    cJSON_AddNumberToObject(o, "composite", rp_round(L->composite, 4));
    cJSON_AddNumberToObject(o, "cv_limit", cv_limit[lv]);
    cJSON_AddItemToObject(o, "pass", po);
  }
  return levels;
}

/* A subject's figures appended to arr as a new object, returned (NULL when
 * out of memory): the fields the section and the county arrays share. */
static cJSON *subject_item(cJSON *arr, int j, double demand, int need, int teachers, int gap,
                           int surplus) {
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return NULL;
  }
  cJSON_AddStringToObject(o, "subject", rp_subject_name((rp_subject_t)j));
  cJSON_AddNumberToObject(o, "demand", rp_round(demand, 2));
  cJSON_AddNumberToObject(o, "need", need);
  cJSON_AddNumberToObject(o, "teachers", teachers);
  cJSON_AddNumberToObject(o, "gap", gap);
  cJSON_AddNumberToObject(o, "surplus", surplus);
  return o;
}

/* Section s's subjects with demand or teachers, in subject order. */
static cJSON *section_subjects_json(const rp_audit_t *a, size_t s) {
  cJSON *arr = cJSON_CreateArray();
  for (int j = 0; arr && j < RP_SUBJECTS; j++) {
    const rp_subject_stat_t *st = &a->subjects[s * RP_SUBJECTS + (size_t)j];
    if (st->demand <= 1e-9 && st->teachers == 0)
      continue;
    rp_subject_t sj = (rp_subject_t)j;
    cJSON *o = subject_item(arr, j, st->demand, st->need, st->teachers, rp_subject_gap(a, s, sj),
                            rp_subject_surplus(a, s, sj));
    if (!o || !cJSON_AddBoolToObject(o, "part_time", rp_subject_part_time(a, s, sj))) {
      cJSON_Delete(arr);
      return NULL;
    }
  }
  return arr;
}

/* The county's totals per subject (rp_subject_totals), subjects with
 * demand or teachers. */
static cJSON *county_subjects_json(const rp_audit_t *a) {
  rp_subject_total_t tot[RP_SUBJECTS];
  rp_subject_totals(a, tot);
  cJSON *arr = cJSON_CreateArray();
  for (int j = 0; arr && j < RP_SUBJECTS; j++) {
    const rp_subject_total_t *t = &tot[j];
    if (!subject_shown(t))
      continue;
    cJSON *o = subject_item(arr, j, t->demand, t->need, t->teachers, t->gap, t->surplus);
    if (!o || !cJSON_AddNumberToObject(o, "sections_short", t->sections_short) ||
        !cJSON_AddNumberToObject(o, "part_time_sections", t->part_time)) {
      cJSON_Delete(arr);
      return NULL;
    }
  }
  return arr;
}

cJSON *rp_sections_json(const rp_county_t *c, const rp_audit_t *a) {
  cJSON *arr = cJSON_CreateArray();
  for (size_t k = 0; arr && k < a->n_sections; k++) {
    const rp_section_t *s = &a->sections[k];
    cJSON *o = cJSON_CreateObject();
    if (!o) {
      cJSON_Delete(arr);
      return NULL;
    }
    cJSON_AddItemToArray(arr, o);
    cJSON_AddStringToObject(o, "school_id", c->schools[s->school].id);
    cJSON_AddStringToObject(o, "name", c->schools[s->school].name);
    cJSON_AddStringToObject(o, "area", rp_area_name(c->schools[s->school].area));
    cJSON_AddBoolToObject(o, "weak", c->schools[s->school].weak);
    cJSON_AddStringToObject(o, "section", rp_level_name(s->level));
    cJSON_AddNumberToObject(o, "students", s->students);
    cJSON_AddNumberToObject(o, "teachers", s->teachers);
    cJSON_AddNumberToObject(o, "other_staff", s->other_staff);
    cJSON_AddNumberToObject(o, "required_staff", s->required_staff);
    cJSON_AddBoolToObject(o, "counted", s->counted);
    add_text_or_null(o, "excluded", s->excluded);
    double per100[RP_INDICATORS], count[RP_INDICATORS], need[RP_INDICATORS];
    for (int i = 0; i < RP_INDICATORS; i++) {
      per100[i] = rp_per100(s->count[i], s->students);
      count[i] = s->count[i];
      need[i] = s->need[i];
    }
    cJSON_AddItemToObject(o, "per100", indicator_obj(per100, 4));
    cJSON_AddItemToObject(o, "count", indicator_obj(count, 0));
    cJSON_AddItemToObject(o, "needed", indicator_obj(need, 0));
    cJSON *m = cJSON_AddArrayToObject(o, "misses");
    if (m && rp_section_staff_short(s))
      cJSON_AddItemToArray(m, cJSON_CreateString("staff"));
    for (int i = 0; m && i < RP_INDICATORS; i++)
      if (rp_section_misses(s, (rp_indicator_t)i))
        cJSON_AddItemToArray(m, cJSON_CreateString(rp_indicator_name((rp_indicator_t)i)));
    if (!cJSON_AddItemToObject(o, "subjects", section_subjects_json(a, k))) {
      cJSON_Delete(arr);
      return NULL;
    }
  }
  return arr;
}

cJSON *rp_rotation_json(const rp_audit_t *a) {
  const rp_rotation_stats_t *r = &a->rotation;
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  cJSON_AddNumberToObject(o, "eligible", r->eligible);
  cJSON_AddNumberToObject(o, "eligible_backbone", r->eligible_backbone);
  cJSON_AddNumberToObject(o, "leaders_set_aside", r->leaders_set_aside);
  cJSON_AddNumberToObject(o, "leaders_otherwise_eligible", r->leaders_otherwise_eligible);
  cJSON_AddNumberToObject(o, "min_rotate", r->min_rotate);
  if (r->max_rotate >= 0)
    cJSON_AddNumberToObject(o, "max_rotate", r->max_rotate);
  else
    cJSON_AddNullToObject(o, "max_rotate");
  cJSON_AddNumberToObject(o, "min_backbone", r->min_backbone);
  return o;
}

static void policy_item(void *ud, const rp_policy_key_view_t *k) {
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(ud, o)) {
    cJSON_Delete(o);
    return;
  }
  cJSON_AddStringToObject(o, "section", k->section);
  cJSON_AddStringToObject(o, "key", k->key);
  cJSON_AddStringToObject(o, "value", k->value);
  add_text_or_null(o, "default", k->dflt); /* NULL for plan_year: the year of the run */
  cJSON_AddStringToObject(o, "standing", k->document ? "national" : "local practice");
  add_text_or_null(o, "document", k->document);
}

/* The policy echo: one object a key (policy_item), in table order. */
static cJSON *policy_json(const rp_policy_t *p) {
  cJSON *arr = cJSON_CreateArray();
  if (arr)
    rp_policy_each_labelled(p, policy_item, arr);
  return arr;
}

static cJSON *exempt_reasons_json(const rp_county_t *c) {
  rp_exempt_reason_t *r;
  size_t n;
  if (rp_county_exempt_reasons(c, &r, &n) != RP_OK)
    return NULL;
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; arr && i < n; i++) {
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
      cJSON_Delete(o);
      cJSON_Delete(arr);
      arr = NULL;
      break;
    }
    cJSON_AddStringToObject(o, "reason", r[i].reason);
    cJSON_AddNumberToObject(o, "teachers", r[i].teachers);
  }
  free(r);
  return arr;
}

cJSON *rp_audit_json(const rp_county_t *c, const rp_policy_t *p,
                     const rp_audit_t *a) {
  cJSON *doc = cJSON_CreateObject();
  if (!doc)
    return NULL;
  cJSON_AddNumberToObject(doc, "plan_year", p->plan_year);
  cJSON_AddNumberToObject(doc, "school_count", (double)c->n_schools);
  cJSON_AddNumberToObject(doc, "teacher_count", (double)c->n_teachers);
  cJSON_AddItemToObject(doc, "levels", rp_levels_json(p->cv_limit, a->level));
  cJSON_AddItemToObject(doc, "schools", rp_sections_json(c, a));
  cJSON_AddItemToObject(doc, "subjects", county_subjects_json(a));
  cJSON_AddStringToObject(doc, "curriculum",
                          rp_county_curriculum(c)->from_file ? "curriculum.csv" : "built-in");
  cJSON_AddNumberToObject(doc, "sections_short_in_subjects", rp_subject_short_sections(a));
  cJSON_AddItemToObject(doc, "rotation", rp_rotation_json(a));
  cJSON_AddItemToObject(doc, "exemption_reasons", exempt_reasons_json(c));
  cJSON_AddItemToObject(doc, "policy", policy_json(p));
  /* cJSON silently drops NULL items: check that every block made it. */
  if (!cJSON_GetObjectItem(doc, "levels") || !cJSON_GetObjectItem(doc, "schools") ||
      !cJSON_GetObjectItem(doc, "rotation") || !cJSON_GetObjectItem(doc, "exemption_reasons") ||
      !cJSON_GetObjectItem(doc, "subjects") ||
      !cJSON_GetObjectItem(doc, "policy")) {
    cJSON_Delete(doc);
    return NULL;
  }
  return doc;
}

rp_status_t rp_json_print(FILE *fp, const cJSON *doc) {
  char *s = cJSON_Print(doc);
  if (!s)
    return RP_ENOMEM;
  fputs(s, fp);
  fputc('\n', fp);
  cJSON_free(s);
  return RP_OK;
}
