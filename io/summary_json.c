/* summary.json written and read back (see summary_json.h).  The writer
 * builds the document from an rp_summary_t in the file's key order; the
 * reader fills the same struct, leaving NAN for a number the file lacks. */
#include "io/summary_json.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/audit_report.h"
#include "io/input_file.h"
#include "io/sha256.h"
#include "io/xlsx_reader.h"
#include "model/limits.h"

const char *const rp_summary_group_names[RP_SUMMARY_GROUPS] = {
    [RP_REC_PE_ART] = "pe_art", [RP_REC_ANY] = "any",           [RP_REC_DEGREE] = "degree",
    [RP_REC_BACKBONE] = "backbone", [RP_REC_SUBJECTS] = "subjects"};
static const char *const input_names[RP_SUMMARY_INPUTS] = {
    "schools", "teachers", "policy", "pins", "preferences", "curriculum"};

/* The document's first keys, in the file's order: numbers (max_rotate may
 * be null) and texts, at their place in rp_summary_t. */
enum { F_NUMBER, F_NUMBER_OR_NULL, F_TEXT };
#define FIELD(key, kind) {#key, kind, offsetof(rp_summary_t, key), sizeof(((rp_summary_t *)0)->key)}
static const struct {
  const char *key;
  int kind;
  size_t offset, size;
} top[] = {FIELD(plan_year, F_NUMBER),          FIELD(lang, F_TEXT),
           FIELD(method, F_TEXT),               FIELD(eligible, F_NUMBER),
           FIELD(eligible_backbone, F_NUMBER),  FIELD(min_rotate, F_NUMBER),
           FIELD(max_rotate, F_NUMBER_OR_NULL), FIELD(min_backbone, F_NUMBER),
           FIELD(moved, F_NUMBER),              FIELD(moved_backbone, F_NUMBER),
           FIELD(km_total, F_NUMBER),           FIELD(km_max, F_NUMBER),
           FIELD(km_mean, F_NUMBER),            FIELD(toward, F_NUMBER),
           FIELD(toward_share, F_NUMBER),       FIELD(sections_missing_after, F_NUMBER),
           FIELD(far_km, F_NUMBER),             FIELD(far_moves, F_NUMBER)};
#undef FIELD

/* ---- from a planned year -------------------------------------------------- */

static void shortfall_of(const rp_audit_t *a, rp_summary_shortfall_t *s) {
  long long staff = 0, by[RP_INDICATORS] = {0}; /* sums over up to millions of sections */
  for (size_t k = 0; k < a->n_sections; k++) {
    staff += rp_section_staff_gap(&a->sections[k]);
    for (int i = 0; i < RP_INDICATORS; i++)
      by[i] += rp_section_gap(&a->sections[k], (rp_indicator_t)i);
  }
  s->staff = staff;
  s->subjects = rp_audit_subject_gaps(a, NULL);
  s->total = staff + s->subjects;
  for (int i = 0; i < RP_INDICATORS; i++) {
    s->by[i] = by[i];
    s->total += by[i];
  }
}

static void subject_gaps_of(const rp_audit_t *a, rp_summary_subject_gaps_t *g) {
  int by[RP_SUBJECTS];
  g->total = rp_audit_subject_gaps(a, by);
  for (int j = 0; j < RP_SUBJECTS; j++)
    g->by[j] = by[j];
}

/* A stage's value to 9 significant digits: the same in every run, and
 * still telling apart values that differ where the solver does. */
static double round_sig(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.9g", v);
  return strtod(buf, NULL);
}

void rp_summary_of(const rp_plan_view_t *v, const rp_inputs_t *in, rp_lang_t lang,
                   rp_summary_t *s) {
  const rp_policy_t *p = v->policy;
  const rp_audit_t *b = v->before, *a = v->after;
  const rp_plan_t *plan = v->plan;
  memset(s, 0, sizeof *s);
  s->plan_year = p->plan_year;
  snprintf(s->lang, sizeof s->lang, "%s", rp_lang_code(lang));
  snprintf(s->method, sizeof s->method, "%s", plan->method);
  s->eligible = b->rotation.eligible;
  s->eligible_backbone = b->rotation.eligible_backbone;
  s->min_rotate = b->rotation.min_rotate;
  s->max_rotate = b->rotation.max_rotate >= 0 ? b->rotation.max_rotate : NAN;
  s->min_backbone = rp_backbone_minimum(p, &b->rotation, (int)plan->n_moves);
  s->moved = (double)plan->n_moves;
  s->moved_backbone = plan->moved_backbone;
  double km, kmax, kmean;
  rp_plan_km(plan, &km, &kmax, &kmean);
  s->km_total = rp_round(km, 1);
  s->km_max = rp_round(kmax, 1);
  s->km_mean = rp_round(kmean, 1);
  int dirs[RP_MOVE_DIRS];
  s->toward = rp_plan_directions(v->county, b, plan, dirs);
  s->toward_share = plan->n_moves ? rp_round(s->toward / (double)plan->n_moves, 4) : 0;
  for (int d = 0; d < RP_MOVE_DIRS; d++)
    s->directions[d] = dirs[d];
  s->far_km = RP_FAR_KM;
  s->far_moves = rp_plan_far_moves(plan, RP_FAR_KM);
  /* What the plan cannot reach: sections still missing something, and the
   * recruitment.csv totals by subject group. */
  int rec[RP_SUMMARY_GROUPS];
  s->sections_missing_after = rp_audit_recruitment(a, rec);
  for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
    s->recruitment[i] = rec[i];
  shortfall_of(b, &s->shortfall_before);
  shortfall_of(a, &s->shortfall_after);
  subject_gaps_of(b, &s->subject_gaps_before);
  subject_gaps_of(a, &s->subject_gaps_after);
  memcpy(s->levels_before, b->level, sizeof s->levels_before);
  memcpy(s->levels_after, a->level, sizeof s->levels_after);
  memcpy(s->cv_limit, p->cv_limit, sizeof s->cv_limit);
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      s->harmed[lv][i] = rp_cv_harmed(p, v->before, a, lv, i);
  snprintf(s->solver.status, sizeof s->solver.status, "%s", plan->status);
  snprintf(s->solver.backend, sizeof s->solver.backend, "%s", plan->solver ? plan->solver : "");
  s->solver.gap = rp_round(plan->gap, 6);
  s->solver.stalled = plan->stalled;
  s->solver.n_stages = plan->n_stages;
  for (int k = 0; k < plan->n_stages; k++) {
    memcpy(s->solver.stage[k].name, plan->stage[k].name, sizeof s->solver.stage[k].name);
    s->solver.stage[k].value = round_sig(plan->stage[k].value);
    s->solver.stage[k].optimum = round_sig(plan->stage[k].optimum);
    s->solver.stage[k].proven = plan->stage[k].proven;
    s->solver.stage[k].gap = rp_round(plan->stage[k].gap, 6);
  }
  s->solver.seconds = rp_round(plan->seconds, 2);
  s->policy = p;
  if (plan->principals) {
    const rp_principals_t *pr = plan->principals;
    double pkm = 0;
    for (size_t k = 0; k < pr->n; k++)
      pkm += pr->moves[k].km > 0 ? pr->moves[k].km : 0;
    s->principals.given = 1;
    s->principals.eligible = pr->eligible;
    s->principals.exchanged = (double)pr->n;
    s->principals.stayed = pr->stayed;
    s->principals.km_total = rp_round(pkm, 1);
  }
  const char *paths[RP_SUMMARY_INPUTS] = {in->schools, in->teachers, in->policy, in->pins,
                                          in->prefs, in->curriculum};
  for (int i = 0; i < RP_SUMMARY_INPUTS; i++) {
    char *file = NULL, *sheet = NULL; /* FILE.xlsx#SHEET: the hash of FILE.xlsx */
    if (!paths[i] || rp_xlsx_path_split(paths[i], &file, &sheet) != 0 ||
        rp_sha256_file(file, s->inputs_sha256[i]) != 0)
      s->inputs_sha256[i][0] = '\0';
    free(file);
    free(sheet);
  }
}

/* ---- writing ---------------------------------------------------------------- */

static void add_policy(void *ud, const char *section, const char *key, const char *value) {
  cJSON *o = ud;
  cJSON *sec = cJSON_GetObjectItem(o, section);
  if (!sec)
    sec = cJSON_AddObjectToObject(o, section);
  cJSON_AddStringToObject(sec, key, value);
}

static cJSON *shortfall_json(const rp_summary_shortfall_t *s) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "total", s->total);
  cJSON_AddNumberToObject(o, "staff", s->staff);
  for (int i = 0; i < RP_INDICATORS; i++)
    cJSON_AddNumberToObject(o, rp_indicator_name((rp_indicator_t)i), s->by[i]);
  cJSON_AddNumberToObject(o, "subjects", s->subjects);
  return o;
}

static cJSON *subject_gaps_json(const rp_summary_subject_gaps_t *g) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "total", g->total);
  for (int j = 0; j < RP_SUBJECTS; j++)
    cJSON_AddNumberToObject(o, rp_subject_name((rp_subject_t)j), g->by[j]);
  return o;
}

/* A made_worse entry: "level.indicator" into buf[64]. */
static const char *harm_name(int lv, int i, char buf[64]) {
  snprintf(buf, 64, "%s.%s", rp_level_name((rp_level_t)lv), rp_indicator_name((rp_indicator_t)i));
  return buf;
}

static cJSON *summary_doc(const rp_summary_t *s) {
  cJSON *doc = cJSON_CreateObject();
  for (size_t k = 0; k < sizeof top / sizeof top[0]; k++) {
    const char *at = (const char *)s + top[k].offset;
    double v = NAN;
    if (top[k].kind != F_TEXT)
      memcpy(&v, at, sizeof v);
    if (top[k].kind == F_TEXT)
      cJSON_AddStringToObject(doc, top[k].key, at);
    else if (top[k].kind == F_NUMBER_OR_NULL && isnan(v))
      cJSON_AddNullToObject(doc, top[k].key);
    else
      cJSON_AddNumberToObject(doc, top[k].key, v);
  }
  cJSON *dirj = cJSON_AddObjectToObject(doc, "directions");
  for (int d = 0; d < RP_MOVE_DIRS; d++)
    cJSON_AddNumberToObject(dirj, rp_move_dir_name((rp_move_dir_t)d), s->directions[d]);
  cJSON *recj = cJSON_AddObjectToObject(doc, "recruitment");
  for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
    cJSON_AddNumberToObject(recj, rp_summary_group_names[i], s->recruitment[i]);
  cJSON_AddItemToObject(doc, "shortfall_before", shortfall_json(&s->shortfall_before));
  cJSON_AddItemToObject(doc, "shortfall_after", shortfall_json(&s->shortfall_after));
  cJSON_AddItemToObject(doc, "subject_gaps_before", subject_gaps_json(&s->subject_gaps_before));
  cJSON_AddItemToObject(doc, "subject_gaps_after", subject_gaps_json(&s->subject_gaps_after));
  cJSON_AddItemToObject(doc, "levels_before", rp_levels_json(s->cv_limit, s->levels_before));
  cJSON_AddItemToObject(doc, "levels_after", rp_levels_json(s->cv_limit, s->levels_after));
  cJSON *harmed = cJSON_AddArrayToObject(doc, "made_worse");
  char name[64];
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      if (s->harmed[lv][i])
        cJSON_AddItemToArray(harmed, cJSON_CreateString(harm_name(lv, i, name)));
  cJSON *sv = cJSON_AddObjectToObject(doc, "solver");
  cJSON_AddStringToObject(sv, "status", s->solver.status);
  if (s->solver.backend[0])
    cJSON_AddStringToObject(sv, "backend", s->solver.backend);
  cJSON_AddNumberToObject(sv, "gap", s->solver.gap);
  cJSON_AddBoolToObject(sv, "stalled", s->solver.stalled);
  cJSON *stages = cJSON_AddArrayToObject(sv, "stages");
  for (int k = 0; k < s->solver.n_stages; k++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", s->solver.stage[k].name);
    cJSON_AddNumberToObject(o, "value", s->solver.stage[k].value);
    cJSON_AddNumberToObject(o, "optimum", s->solver.stage[k].optimum);
    cJSON_AddBoolToObject(o, "proven", s->solver.stage[k].proven);
    cJSON_AddNumberToObject(o, "gap", s->solver.stage[k].gap);
    cJSON_AddItemToArray(stages, o);
  }
  cJSON_AddNumberToObject(sv, "seconds", s->solver.seconds);
  if (s->principals.given) {
    cJSON *pj = cJSON_AddObjectToObject(doc, "principals");
    cJSON_AddNumberToObject(pj, "eligible", s->principals.eligible);
    cJSON_AddNumberToObject(pj, "exchanged", s->principals.exchanged);
    cJSON_AddNumberToObject(pj, "stayed", s->principals.stayed);
    cJSON_AddNumberToObject(pj, "km_total", s->principals.km_total);
  }
  cJSON *trail = cJSON_AddObjectToObject(doc, "audit_trail");
  cJSON *pol = cJSON_AddObjectToObject(trail, "policy");
  if (s->policy)
    rp_policy_each(s->policy, add_policy, pol);
  cJSON *files = cJSON_AddObjectToObject(trail, "inputs_sha256");
  for (int i = 0; i < RP_SUMMARY_INPUTS; i++)
    if (s->inputs_sha256[i][0])
      cJSON_AddStringToObject(files, input_names[i], s->inputs_sha256[i]);
  return doc;
}

rp_status_t rp_summary_write(FILE *fp, const rp_summary_t *s) {
  cJSON *doc = summary_doc(s);
  rp_status_t st = doc ? rp_json_print(fp, doc) : RP_ENOMEM;
  cJSON_Delete(doc);
  return st;
}

/* ---- reading ---------------------------------------------------------------- */

static const cJSON *item(const cJSON *o, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* The number at o.key, or NAN. */
static double num(const cJSON *o, const char *key) {
  const cJSON *x = item(o, key);
  return cJSON_IsNumber(x) ? x->valuedouble : NAN;
}

/* The whole number at o.key, or 0. */
static int whole(const cJSON *o, const char *key) {
  const cJSON *x = item(o, key);
  return cJSON_IsNumber(x) ? x->valueint : 0;
}

/* A whole number past INT_MAX (a total of students), 0 when missing. */
static long long whole_ll(const cJSON *o, const char *key) {
  const cJSON *x = item(o, key);
  return cJSON_IsNumber(x) && fabs(x->valuedouble) < 9e18 ? (long long)x->valuedouble : 0;
}

/* The string at o.key into buf, or `missing`. */
static void text(const cJSON *o, const char *key, char *buf, size_t n, const char *missing) {
  const cJSON *x = item(o, key);
  snprintf(buf, n, "%s", cJSON_IsString(x) ? x->valuestring : missing);
}

static void read_indicators(const cJSON *o, double v[RP_INDICATORS]) {
  for (int i = 0; i < RP_INDICATORS; i++)
    v[i] = num(o, rp_indicator_name((rp_indicator_t)i));
}

static void read_shortfall(const cJSON *o, rp_summary_shortfall_t *s) {
  s->total = num(o, "total");
  s->staff = num(o, "staff");
  read_indicators(o, s->by);
  s->subjects = num(o, "subjects");
}

static void read_subject_gaps(const cJSON *o, rp_summary_subject_gaps_t *g) {
  g->total = num(o, "total");
  for (int j = 0; j < RP_SUBJECTS; j++)
    g->by[j] = num(o, rp_subject_name((rp_subject_t)j));
}

/* A levels_* block; cv_limit (when not NULL) takes the levels' limits. */
static void read_levels(const cJSON *o, rp_level_stats_t L[RP_LEVELS],
                        double cv_limit[RP_LEVELS]) {
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    const cJSON *x = item(o, rp_level_name((rp_level_t)lv));
    const cJSON *pass = item(x, "pass");
    L[lv].students = whole_ll(x, "students");
    L[lv].sections = whole(x, "sections");
    L[lv].excluded = whole(x, "excluded");
    read_indicators(item(x, "mean_per100"), L[lv].mean);
    read_indicators(item(x, "cv"), L[lv].cv);
    L[lv].composite = num(x, "composite");
    for (int i = 0; i < RP_INDICATORS; i++)
      L[lv].pass[i] = cJSON_IsTrue(item(pass, rp_indicator_name((rp_indicator_t)i)));
    if (cv_limit)
      cv_limit[lv] = num(x, "cv_limit");
  }
}

static void summary_from(const cJSON *doc, rp_summary_t *s) {
  for (size_t k = 0; k < sizeof top / sizeof top[0]; k++) {
    char *at = (char *)s + top[k].offset;
    const double v = num(doc, top[k].key);
    if (top[k].kind == F_TEXT)
      text(doc, top[k].key, at, top[k].size, "");
    else
      memcpy(at, &v, sizeof v);
  }
  const cJSON *dirs = item(doc, "directions");
  for (int d = 0; d < RP_MOVE_DIRS; d++)
    s->directions[d] = num(dirs, rp_move_dir_name((rp_move_dir_t)d));
  const cJSON *rec = item(doc, "recruitment");
  for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
    s->recruitment[i] = num(rec, rp_summary_group_names[i]);
  read_shortfall(item(doc, "shortfall_before"), &s->shortfall_before);
  read_shortfall(item(doc, "shortfall_after"), &s->shortfall_after);
  read_subject_gaps(item(doc, "subject_gaps_before"), &s->subject_gaps_before);
  read_subject_gaps(item(doc, "subject_gaps_after"), &s->subject_gaps_after);
  read_levels(item(doc, "levels_before"), s->levels_before, NULL);
  read_levels(item(doc, "levels_after"), s->levels_after, s->cv_limit);
  memset(s->harmed, 0, sizeof s->harmed);
  const cJSON *harmed = item(doc, "made_worse");
  for (const cJSON *h = harmed ? harmed->child : NULL; h; h = h->next)
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++) {
        char name[64];
        if (cJSON_IsString(h) && strcmp(h->valuestring, harm_name(lv, i, name)) == 0)
          s->harmed[lv][i] = 1;
      }
  const cJSON *sv = item(doc, "solver");
  text(sv, "status", s->solver.status, sizeof s->solver.status, "?");
  text(sv, "backend", s->solver.backend, sizeof s->solver.backend, "");
  s->solver.gap = num(sv, "gap");
  s->solver.stalled = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sv, "stalled"));
  const cJSON *stages = item(sv, "stages");
  s->solver.n_stages = 0;
  for (const cJSON *o = stages ? stages->child : NULL; o && s->solver.n_stages < RP_STAGES_MAX;
       o = o->next) {
    int k = s->solver.n_stages++;
    text(o, "name", s->solver.stage[k].name, sizeof s->solver.stage[k].name, "?");
    s->solver.stage[k].value = num(o, "value");
    s->solver.stage[k].optimum = num(o, "optimum");
    s->solver.stage[k].proven = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "proven"));
    s->solver.stage[k].gap = num(o, "gap");
  }
  s->solver.seconds = num(sv, "seconds");
  s->policy = NULL;
  const cJSON *pj = item(doc, "principals");
  if ((s->principals.given = cJSON_IsObject(pj))) {
    s->principals.eligible = num(pj, "eligible");
    s->principals.exchanged = num(pj, "exchanged");
    s->principals.stayed = num(pj, "stayed");
    s->principals.km_total = num(pj, "km_total");
  }
  const cJSON *files =
      item(item(doc, "audit_trail"), "inputs_sha256");
  for (int i = 0; i < RP_SUMMARY_INPUTS; i++)
    text(files, input_names[i], s->inputs_sha256[i], sizeof s->inputs_sha256[i], "");
}

/* The whole file as a string (caller frees), or NULL: what is not a regular
 * file of at most RP_MAX_SUMMARY_BYTES is not a summary (the caller says so). */
static char *read_text(const char *path) {
  rp_diag_t quiet = RP_DIAG_INIT;
  char *buf;
  size_t len;
  if (rp_input_read(path, (rp_input_at_t){NULL, 0}, RP_MAX_SUMMARY_BYTES, &buf, &len, &quiet) !=
      RP_OK)
    buf = NULL;
  rp_diag_clear(&quiet);
  return buf;
}

rp_status_t rp_summary_read(const char *path, rp_summary_t *s) {
  char *buf = read_text(path);
  cJSON *doc = buf ? cJSON_Parse(buf) : NULL;
  rp_status_t st = doc ? RP_OK : RP_EINPUT;
  memset(s, 0, sizeof *s);
  if (doc)
    summary_from(doc, s);
  cJSON_Delete(doc);
  free(buf);
  return st;
}
