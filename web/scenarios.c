/* What-if scenarios of a workspace (docs/web.md, "What-if comparison"): a
 * small form (a name and a few policy changes) becomes a scenario file in
 * the format of docs/scenarios.md, scenarios/sNN.ini in the workspace,
 * extending the reference "the current policy".  The compare job
 * (jobs.c) gets the reference written into its run's inputs/ beside the
 * rosters it names (0-current.ini) and the scenario files linked there, so
 * the run keeps what it compared, and runs `rotaplan compare` on them. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/county.h"
#include "model/policy.h"
#include "web/web_i.h"

/* The policy keys the form offers: those a planner changes in a what-if
 * (docs/scenarios.md); any other key is a scenario file's business. */
const char *const rp_scenario_keys[] = {
    "quota_share",    "quota_max_share",   "backbone_share",  "min_years",
    "term_years",     "max_km",            "max_outflow_share", "min_toward_share",
    "subject_cover",  "backbone_direction", "move_scope",     "primary_ratio",
    "junior_ratio",   "overstaff_share",   NULL};

/* The form's county changes, each a line of the scenario file: a school
 * that closes ([schools] close.ID = ID2, ...), recruits ([recruit]
 * SUBJECT = COUNT, DEGREE[, SCHOOL]) and an enrolment change ([enrolment]
 * TARGET = CHANGE).  Their fields' names: */
const char *const rp_scenario_fields[] = {"close_school",    "close_to",       "recruit_subject",
                                          "recruit_count",   "recruit_degree", "recruit_school",
                                          "enrolment_target", "enrolment_change", NULL};
/* The areas and levels an enrolment change may name besides a school. */
const char *const rp_enrolment_targets[] = {"all",   "all.primary", "all.junior", "urban",
                                            "town",  "rural",       "rural.primary",
                                            "rural.junior", NULL};

#define MAX_SCENARIOS 20

/* sNN.ini: the files this folder writes, in the order they were made. */
static int scenario_file(const char *n) {
  return strlen(n) == 7 && n[0] == 's' && n[1] >= '0' && n[1] <= '9' && n[2] >= '0' &&
         n[2] <= '9' && strcmp(n + 3, ".ini") == 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The workspace's scenario files, sorted; returns the count (<= max). */
static int scenario_files(const char *root, const char *ws, char names[][8], int max) {
  char dir[RP_WEB_PATH];
  if (rp_store_path(dir, sizeof dir, root, ws, "scenarios") != 0)
    return 0;
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL && n < max)
    if (scenario_file(e->d_name))
      memcpy(names[n++], e->d_name, 8);
  if (d)
    closedir(d);
  char *p[MAX_SCENARIOS];
  for (int i = 0; i < n; i++)
    p[i] = names[i];
  qsort(p, (size_t)n, sizeof *p, cmp_str);
  char sorted[MAX_SCENARIOS][8];
  for (int i = 0; i < n; i++)
    memcpy(sorted[i], p[i], 8);
  memcpy(names, sorted, (size_t)n * 8);
  return n;
}

cJSON *rp_scenarios_list(const char *root, const char *ws) {
  cJSON *arr = cJSON_CreateArray();
  char names[MAX_SCENARIOS][8], rest[64], p[RP_WEB_PATH];
  int n = scenario_files(root, ws, names, MAX_SCENARIOS);
  for (int i = 0; i < n; i++) {
    snprintf(rest, sizeof rest, "scenarios/%.7s", names[i]);
    char *text = rp_store_path(p, sizeof p, root, ws, rest) == 0
                     ? rp_web_read_file(p, 16 * 1024, NULL)
                     : NULL;
    if (!text)
      continue;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", names[i]);
    cJSON_AddStringToObject(o, "text", text);
    const char *nm = strstr(text, "\nname = ");
    if (nm) {
      char buf[256];
      size_t k = strcspn(nm + 8, "\n");
      snprintf(buf, sizeof buf, "%.*s", (int)(k < 255 ? k : 255), nm + 8);
      cJSON_AddStringToObject(o, "name", buf);
    }
    cJSON_AddItemToArray(arr, o);
    free(text);
  }
  return arr;
}

/* A name the scenario file and compare's output folder take as it is. */
static int name_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 60 || s[0] == '.' || strcmp(s, "current") == 0 ||
      strcmp(s, "当前政策") == 0)
    return 0;
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    if (*c < 0x20 || *c == 0x7f || strchr("/\\;#[]=:*?\"<>|,", *c) || *c == ' ')
      return 0;
  return 1;
}

/* A school id as a scenario line takes it: letters, digits, _ and -, or
 * UTF-8 beyond ASCII, 1 to 32 bytes (nothing that would end a key, start a
 * comment or a section); with_level: ".primary" or ".junior" may follow. */
static int school_ok(const char *s, int with_level) {
  size_t n = strlen(s);
  const char *dot = with_level ? strchr(s, '.') : NULL;
  if (dot && strcmp(dot, ".primary") != 0 && strcmp(dot, ".junior") != 0)
    return 0;
  size_t idn = dot ? (size_t)(dot - s) : n;
  if (idn == 0 || idn > 32)
    return 0;
  for (size_t i = 0; i < idn; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!(c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
      return 0;
  }
  return 1;
}

static const char *form_value(const cJSON *form, const char *key) {
  const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(form, key));
  return v ? v : "";
}

/* A whole number in [lo, hi], digits only: 0 or -1. */
static int whole(const char *s, long lo, long hi, long *out) {
  char *end;
  if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 6)
    return -1;
  *out = strtol(s, &end, 10);
  return *out >= lo && *out <= hi ? 0 : -1;
}

/* The county changes of the form as scenario lines (appended to ini): 0,
 * or 1 with msg saying which field is wrong and why. */
static int county_changes(const cJSON *form, rp_web_lang_t lang, rp_wbuf_t *ini, char *msg,
                          size_t n) {
  const char *close = form_value(form, "close_school"), *to = form_value(form, "close_to");
  const char *subj = form_value(form, "recruit_subject"), *cnt = form_value(form, "recruit_count");
  const char *deg = form_value(form, "recruit_degree"), *at = form_value(form, "recruit_school");
  const char *tgt = form_value(form, "enrolment_target"),
             *chg = form_value(form, "enrolment_change");
  long v;
  if (*close || *to) {
    /* close.ID = ID2[, ID3 ...]: the receiving schools, split at , or ， */
    char list[512];
    size_t w = 0;
    int ids = 0, ok = school_ok(close, 0) && strlen(to) < 400;
    for (const char *p = to; ok && *p;) {
      size_t k = strcspn(p, ",");
      const char *fw = strstr(p, "，");
      if (fw && (size_t)(fw - p) < k)
        k = (size_t)(fw - p);
      char id[64];
      const char *a = p, *e = p + k;
      while (a < e && *a == ' ')
        a++;
      while (e > a && e[-1] == ' ')
        e--;
      ok = (size_t)(e - a) < sizeof id;
      if (ok) {
        memcpy(id, a, (size_t)(e - a));
        id[e - a] = 0;
        ok = school_ok(id, 0) && strcmp(id, close) != 0;
        w += (size_t)snprintf(list + w, sizeof list - w, "%s%s", ids++ ? ", " : "", id);
      }
      p += k;
      if (*p == ',')
        p++;
      else if (strncmp(p, "，", strlen("，")) == 0)
        p += strlen("，");
    }
    if (!ok || ids == 0) {
      snprintf(msg, n, "%s", rp_t(lang, "sc_bad_close"));
      return 1;
    }
    rp_wbuf_addf(ini, "\n[schools]\nclose.%s = %s\n", close, list);
  }
  if (*subj || *cnt || *at) {
    rp_subject_t su;
    rp_degree_t dg;
    if (rp_subject_parse(subj, &su) != 0 || whole(cnt, 1, 1000, &v) != 0 ||
        (*deg && rp_degree_parse(deg, &dg) != 0) || (*at && !school_ok(at, 1))) {
      snprintf(msg, n, "%s", rp_t(lang, "sc_bad_recruit"));
      return 1;
    }
    rp_wbuf_addf(ini, "\n[recruit]\n%s = %ld, %s%s%s\n", rp_subject_name(su), v,
                 *deg ? rp_degree_name(dg) : "bachelor", *at ? ", " : "", at);
  }
  if (*tgt || *chg) {
    int known = 0;
    for (int i = 0; rp_enrolment_targets[i]; i++)
      known |= strcmp(tgt, rp_enrolment_targets[i]) == 0;
    /* -15%, +10%, 2.5%: p from -100 to +1000 (docs/scenarios.md); a count
     * (800) only for one school's section. */
    char *end = NULL;
    size_t cl = strlen(chg);
    int pct = cl >= 2 && chg[cl - 1] == '%' && strspn(chg, "+-0123456789.%") == cl;
    double p = pct ? strtod(chg, &end) : 0;
    int ok = (known || school_ok(tgt, 1)) &&
             ((pct && end == chg + cl - 1 && p >= -100 && p <= 1000) ||
              (!known && !pct && whole(chg, 0, 100000, &v) == 0));
    if (!ok) {
      snprintf(msg, n, "%s", rp_t(lang, "sc_bad_enrolment"));
      return 1;
    }
    rp_wbuf_addf(ini, "\n[enrolment]\n%s = %s\n", tgt, chg);
  }
  return 0;
}

int rp_scenario_add(const char *root, const char *ws, const char *name, const cJSON *form,
                    rp_web_lang_t lang, char *msg, size_t n) {
  if (!name_ok(name)) {
    snprintf(msg, n, "%s", rp_t(lang, "scenario_bad_name"));
    return 1;
  }
  cJSON *have = rp_scenarios_list(root, ws);
  const cJSON *o;
  int taken = 0;
  cJSON_ArrayForEach(o, have) {
    const char *nm = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
    taken |= nm && strcmp(nm, name) == 0;
  }
  int count = cJSON_GetArraySize(have);
  cJSON_Delete(have);
  if (taken) {
    snprintf(msg, n, "%s: %s", name, rp_t(lang, "scenario_taken"));
    return 1;
  }
  if (count >= MAX_SCENARIOS) {
    snprintf(msg, n, "%s", rp_t(lang, "scenario_full"));
    return 1;
  }
  rp_wbuf_t ini = {0};
  rp_wbuf_add(&ini, "; a what-if scenario made in the web workspace (docs/scenarios.md)\n"
                    "[base]\nextends = 0-current.ini\nname = ");
  rp_wbuf_add(&ini, name);
  rp_wbuf_add(&ini, "\n");
  rp_policy_t p;
  rp_policy_default(&p, 2000);
  int changes = 0;
  for (int k = 0; rp_scenario_keys[k]; k++) {
    const char *v =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(form, rp_scenario_keys[k]));
    if (!v || !*v)
      continue;
    char err[256];
    /* The CLI's own check of the value (model/policy.c), so the file the
     * compare job reads holds no value it would refuse. */
    if (strpbrk(v, "\r\n;#[]=") ||
        rp_policy_set(&p, NULL, rp_scenario_keys[k], v, err, sizeof err) != RP_OK) {
      if (strpbrk(v, "\r\n;#[]="))
        snprintf(msg, n, "%s = \"%s\": %s", rp_scenario_keys[k], v,
                 rp_t(lang, "policy_bad_char"));
      else
        snprintf(msg, n, "%s", err); /* the reader's message names the key */
      rp_wbuf_free(&ini);
      return 1;
    }
    rp_wbuf_addf(&ini, "%s%s = %s\n", changes++ ? "" : "\n[policy]\n", rp_scenario_keys[k], v);
  }
  if (county_changes(form, lang, &ini, msg, n) != 0) {
    rp_wbuf_free(&ini);
    return 1;
  }
  char names[MAX_SCENARIOS][8], file[32], rest[64], path[RP_WEB_PATH];
  int nf = scenario_files(root, ws, names, MAX_SCENARIOS);
  int next = nf ? atoi(names[nf - 1] + 1) + 1 : 1;
  snprintf(file, sizeof file, "s%02d.ini", next);
  int rc = -1;
  if (next <= 99 && !ini.oom && rp_store_path(path, sizeof path, root, ws, "scenarios") == 0 &&
      (mkdir(path, 0700) == 0 || access(path, W_OK) == 0)) {
    snprintf(rest, sizeof rest, "scenarios/%s", file);
    if (rp_store_path(path, sizeof path, root, ws, rest) == 0)
      rc = rp_web_write_file(path, ini.s);
  }
  rp_wbuf_free(&ini);
  return rc;
}

int rp_scenario_delete(const char *root, const char *ws, const char *file) {
  char rest[64], p[RP_WEB_PATH];
  if (!scenario_file(file))
    return -1;
  snprintf(rest, sizeof rest, "scenarios/%s", file);
  return rp_store_path(p, sizeof p, root, ws, rest) == 0 ? unlink(p) : -1;
}

/* The compare job's inputs beyond the rosters: the reference
 * 0-current.ini (naming the rosters and settings the run has) and the
 * workspace's scenarios, written or linked into the run's inputs/. */
int rp_scenarios_stage(const char *root, const char *ws, const char *in, const char *lang,
                       const char *const name[], char files[][RP_WEB_MAX_NAME + 1], int max) {
  static const char *const base_roles[] = {"schools", "teachers", "policy", "curriculum",
                                           "pins", "preferences", NULL};
  rp_wbuf_t ini = {0};
  rp_wbuf_addf(&ini, "; the reference of a comparison: the workspace's current files\n"
                     "[base]\nname = %s\n",
               strcmp(lang, "en") == 0 ? "current" : "当前政策");
  for (int i = 0; base_roles[i]; i++) {
    int r = rp_role_find(base_roles[i]);
    if (r >= 0 && name[r])
      rp_wbuf_addf(&ini, "%s = %s\n", base_roles[i], name[r]);
  }
  char p[RP_WEB_PATH], src[RP_WEB_PATH], rest[64];
  int n = 0, rc = -1;
  if (ini.oom || max < 1 || rp_web_path(p, sizeof p, "%s/0-current.ini", in) != 0 ||
      rp_web_write_file(p, ini.s) != 0)
    goto done;
  snprintf(files[n++], RP_WEB_MAX_NAME + 1, "0-current.ini");
  char names[MAX_SCENARIOS][8];
  int nf = scenario_files(root, ws, names, MAX_SCENARIOS);
  for (int i = 0; i < nf && n < max; i++) {
    snprintf(rest, sizeof rest, "scenarios/%.7s", names[i]);
    char *text = rp_store_path(src, sizeof src, root, ws, rest) == 0
                     ? rp_web_read_file(src, 16 * 1024, NULL)
                     : NULL;
    int ok = text && rp_web_path(p, sizeof p, "%s/%s", in, names[i]) == 0 &&
             rp_web_write_file(p, text) == 0;
    free(text);
    if (!ok)
      goto done;
    snprintf(files[n++], RP_WEB_MAX_NAME + 1, "%.7s", names[i]);
  }
  rc = n;
done:
  rp_wbuf_free(&ini);
  return rc;
}
