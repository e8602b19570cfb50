/* Reading what-if scenario files (scenarios/<name>.ini) with inih into an
 * rp_scenario_t; model/scenario.c applies the result to a policy and a
 * county.  Lines are read by io/ini_reader.c (as for policy.ini), which
 * counts them and checks the syntax of every line and each section name, so
 * that all defects of a file are reported in one run.
 *
 * THE FORMAT (docs/scenarios.md is written from this comment)
 *
 * An INI file: `[section]` lines, `key = value` lines (`:` also separates),
 * comments on lines starting with `;` or `#`, and after ` ;` at the end of a
 * line.  Lines are at most 199 bytes (split a long list over several lines
 * where the section allows it).  Indentation is ignored.  Section and key
 * names are lowercase as written here.  Lists are separated by `,` or the
 * full-width `，`.  Unknown sections and keys are errors.  Every defect is
 * reported as `file:line: message`, all of them in one run.
 *
 * [base]
 *   name        = free text label (default: the file name without .ini).
 *                 Not inherited through `extends`: each scenario of a family
 *                 keeps its own name in a comparison.
 *   extends     = another scenario file.  Its settings apply first and this
 *                 file's on top: a key of [base], [policy] or the settings of
 *                 [retire] given here overrides the one given there; the
 *                 entries of [enrolment], [schools], [recruit] and
 *                 [retire] teachers accumulate, the extended file's first.
 *                 Chains may be up to 16 files deep; a cycle is an error
 *                 naming the files.
 *   years       = school years to plan, 1 to 20 (default 1; `rotaplan plan
 *                 --scenario`), with `forecast` = enrolment_forecast.csv.
 *   schools, teachers, policy, pins, preferences, forecast, curriculum
 *               = input files, relative to the folder of the file that names
 *                 them (stored resolved).  schools and teachers are required
 *                 once `extends` has been followed; the others are optional.
 *   Each key at most once per file.
 *
 * [policy]
 *   Any key of policy.ini (docs/data-format.md) without its section, e.g.
 *   `quota_share = 0.15`.  Checked when the scenario is read; applied in
 *   file order (the extended file's first) on top of the policy file.  Each
 *   key at most once per file.
 *
 * [enrolment]  target = change     (applied in order; each target at most
 *                                   once per file)
 *   target: <school_id>            both sections of the school
 *           <school_id>.primary    one section (also .junior; 小学, 初中)
 *           urban | town | rural   every school of the area (城区, 镇区, 乡村)
 *           urban.primary, ...     one level of the area
 *           all, all.primary, all.junior
 *   change: -15% or +10% (or 10%, decimals allowed, -100% to +1000%):
 *           students := students x (1 + p/100), rounded half away from zero
 *           (exact decimal arithmetic);
 *           800 (a whole number): students := 800, only for one school
 *           section (<school_id>.<level>, or <school_id> when the school has
 *           a single section).
 *   A percentage for an area or `all` leaves sections without students
 *   alone (a warning when it matches no section at all).
 *   Classes follow students: classes := ceil(students / size), size being
 *   the section's students per class before the change when it had classes
 *   and students, else 45 (primary) or 50 (junior); 0 students, 0 classes.
 *   A school unknown at that point (schools opened in [schools] are not
 *   there yet: give their students in `open.`) is an error.
 *
 * [schools]    (applied in order; each key at most once per file; a school
 *               closed or merged earlier cannot be named again)
 *   close.<id> = <id2>[, <id3> ...]
 *       The school closes: for each level its students are split evenly
 *       among the listed schools that have that level (remainders to the
 *       first ones; an error when none has it), whose classes are
 *       recomputed as in [enrolment].  The closed school stays in the county
 *       with 0 students and 0 classes; each of its teachers is pinned to
 *       `move` (a pins.csv `to` or `move` pin is kept; a `stay` pin, or a
 *       `to` pin towards the closing school, is an error).
 *       A closure moves everyone, so exemptions do not apply to its
 *       teachers: they are marked `closing`, which makes them eligible
 *       whatever their exempt reason, years at the school, term or age (their
 *       data stay as they are); a warning counts those whose exemption is
 *       lifted.
 *   merge.<id> = <into_id>
 *       Students and classes of <id> are added to <into_id> per level; its
 *       teachers now belong to <into_id> (school_since unchanged); <id> is
 *       removed from the county, and pins.csv `to` / `not_to` pins naming it
 *       now name <into_id>.
 *   open.<new_id> = name, area, primary_students, junior_students[, x_km, y_km]
 *       A new school (not weak, not a teaching point, no other staff, no
 *       group) with classes of 45 (primary) and 50 (junior) students and no
 *       teachers: the planner and [recruit] staff it.  The id must be new;
 *       at least one level must have students.
 *
 * [recruit]    subject = count[, degree[, school]]   (may repeat)
 *   subject: as in teachers.csv (English or Chinese, 体育, 音乐, ...);
 *   count: 1 to 1000; degree: default bachelor; school: <school_id> or
 *   <school_id>.primary / .junior.
 *   Recruits are new teachers, placed by this rule before planning (not by
 *   the MILP): ids R0001, R0002, ... (after the highest R<number> already in
 *   the county), named 新教师R0001, ..., gender F, born plan_year - 23,
 *   school_since = plan_year, backbone none, role teacher, exempt "新招聘"
 *   (so they are not in the rotation pool).
 *   With a school: at that school, in the level given, else junior for a
 *   junior-only subject, else primary if it has a primary section, else
 *   junior; the school must have that section.
 *   Without: one by one, at the counted section (in the difference
 *   coefficient) of a level the subject is taught at (physics, chemistry,
 *   biology, history, geography: junior only; every other subject: both)
 *   ranked by, in order:
 *     1. the largest gap in whole teachers, max(0, need - count), of the
 *        indicator the recruit counts for: pe_art for pe, music and art;
 *        otherwise degree when the recruit's degree counts at that level
 *        (associate or higher at primary, bachelor or higher at junior);
 *        otherwise 0;
 *     2. the largest staffing gap, required staff - (teachers + other
 *        staff), negative when overstaffed;
 *     3. primary before junior;
 *     4. the lowest school_id.
 *   Gaps come from the audit of the county after [enrolment], [retire] and
 *   [schools], and are updated as each recruit is placed (all indicators
 *   the recruit counts for, and the staffing).
 *
 * [retire]
 *   age = on | off         (also yes/no, 1/0) retire everyone whose age in the plan year
 *                          (plan_year - birth_year) is at least the
 *                          retirement age of their gender (default on)
 *   retire_age_male = 60   (default; 40 to 80)
 *   retire_age_female = 55 (default; 40 to 80)
 *   teachers = T1, T2, ... named teachers retire (may repeat; an unknown
 *                          teacher is an error)
 *   Retired teachers leave the county; a pins.csv pin of one is dropped
 *   with a warning.
 *
 * Order of application (model/scenario.c): [policy] on top of the policy
 * file; then [enrolment], [retire], [schools], [recruit].
 */
#include "io/scenario_ini.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/ini_reader.h"
#include "io/input_file.h"
#include "model/limits.h"
#include "model/number.h"

/* Grows *v (n used) by one zeroed element of size `size`; NULL when out of
 * memory.  Capacity doubles at powers of two. */
static void *push(void *vp, size_t *n, size_t size) {
  void **v = vp;
  size_t cap = 4;
  while (cap < *n + 1)
    cap *= 2;
  if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
    void *nv = realloc(*v, cap * size);
    if (!nv)
      return NULL;
    *v = nv;
  }
  void *e = (char *)*v + *n * size;
  memset(e, 0, size);
  (*n)++;
  return e;
}

/* ---- sections ------------------------------------------------------------ */

enum { SEC_NONE, SEC_BASE, SEC_POLICY, SEC_ENROL, SEC_SCHOOLS, SEC_RECRUIT,
       SEC_RETIRE, SEC_UNKNOWN };
static const char *const section_names[] = {"", "base", "policy", "enrolment",
                                            "schools", "recruit", "retire", NULL};

static int section_id(const char *name) {
  while (*name == ' ' || *name == '\t')
    name++;
  size_t n = strlen(name);
  while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
    n--;
  for (int i = 0; i < SEC_UNKNOWN; i++)
    if (strlen(section_names[i]) == n && strncmp(section_names[i], name, n) == 0)
      return i;
  return SEC_UNKNOWN;
}

/* ---- one file ------------------------------------------------------------ */

enum { BK_NAME = RP_SCN_INPUTS, BK_EXTENDS, BK_YEARS, BK_KEYS };
static const char *const base_keys[BK_KEYS] = {
    "schools", "teachers", "policy", "pins", "preferences", "forecast", "curriculum", "name",
    "extends", "years"};

typedef struct {
  rp_scenario_t *L; /* this file's settings and entries */
  const char *file; /* display path, owned by L->files */
  rp_ini_reader_t *rd;
  rp_diag_t *diag;
  int nomem;
  long base_line[BK_KEYS];
  long retire_line[3]; /* age, retire_age_male, retire_age_female */
} ctx_t;

#define ERR(c, ...) rp_diag_error((c)->diag, (c)->file, (c)->rd->line, NULL, __VA_ARGS__)

/* `rel` relative to the folder of `file` (unless absolute). */
static char *resolve(const char *file, const char *rel) {
  const char *slash = strrchr(file, '/');
  if (rel[0] == '/' || !slash)
    return rp_strdup(rel);
  size_t d = (size_t)(slash - file) + 1;
  char *p = malloc(d + strlen(rel) + 1);
  if (p) {
    memcpy(p, file, d);
    strcpy(p + d, rel);
  }
  return p;
}

static char *trim_dup(const char *s, size_t n) {
  while (n > 0 && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  return rp_strndup(s, n);
}

static void free_list(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

/* Splits a list at `,` and `，` into trimmed items.  Returns 0, or -1 with
 * *why set (an empty item, too many items) or on no memory (c->nomem). */
static int split_list(ctx_t *c, const char *value, char ***out, size_t *n,
                      const char **why) {
  char **v = calloc(RP_MAX_LIST_ITEMS + 1, sizeof *v);
  size_t k = 0;
  *out = NULL;
  *n = 0;
  *why = NULL;
  if (!v) {
    c->nomem = 1;
    return -1;
  }
  const char *p = value;
  for (;;) {
    const char *a = strstr(p, ","), *b = strstr(p, "\xEF\xBC\x8C"); /* ， */
    const char *end = a && (!b || a < b) ? a : b;
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (k == RP_MAX_LIST_ITEMS) {
      *why = "too many items in one list";
      break;
    }
    if (!(v[k] = trim_dup(p, len))) {
      c->nomem = 1;
      break;
    }
    if (v[k++][0] == '\0') {
      *why = "an empty item in the list";
      break;
    }
    if (!end) {
      *out = v;
      *n = k;
      return 0;
    }
    p = end + (end == a ? 1 : 3);
  }
  free_list(v, k);
  return -1;
}

/* `<school_id>` or `<school_id>.<level>`: the id (malloc'ed) and level, -1
 * when none is given. */
static char *school_and_level(const char *s, int *level) {
  const char *dot = strrchr(s, '.');
  rp_level_t lv;
  *level = -1;
  if (dot && dot > s && rp_level_parse(dot + 1, &lv) == 0) {
    *level = (int)lv;
    return rp_strndup(s, (size_t)(dot - s));
  }
  return rp_strdup(s);
}

static void on_base(ctx_t *c, const char *key, const char *value) {
  int k = 0;
  while (k < BK_KEYS && strcmp(base_keys[k], key) != 0)
    k++;
  if (k == BK_KEYS) {
    ERR(c, "[base] unknown key \"%s\" (name, extends, schools, teachers, policy, pins, "
           "preferences, forecast, curriculum, years)", key);
    return;
  }
  if (c->base_line[k]) {
    ERR(c, "[base] %s is set twice (first at line %ld)", key, c->base_line[k]);
    return;
  }
  c->base_line[k] = c->rd->line;
  if (value[0] == '\0') {
    ERR(c, "[base] %s is empty", key);
    return;
  }
  if (k == BK_YEARS) {
    long y;
    if (rp_parse_int(value, 1, 20, &y) != 0)
      ERR(c, "[base] years = \"%s\": not a number of school years (1 to 20)", value);
    else
      c->L->years = (int)y;
    return;
  }
  char *v = k == BK_NAME ? rp_strdup(value) : resolve(c->file, value);
  if (!v) {
    c->nomem = 1;
    return;
  }
  if (k == BK_NAME) {
    c->L->name = v;
  } else if (k == BK_EXTENDS) {
    c->L->extends = v;
    c->L->extends_line = c->rd->line;
  } else {
    c->L->input[k] = v;
  }
}

static void on_policy(ctx_t *c, const char *key, const char *value) {
  rp_policy_t scratch;
  char msg[256];
  rp_policy_default(&scratch, 2026);
  for (size_t i = 0; i < c->L->n_policy; i++)
    if (strcmp(c->L->policy[i].key, key) == 0) {
      ERR(c, "[policy] %s is set twice (first at line %ld)", key, c->L->policy[i].line);
      return;
    }
  if (rp_policy_set(&scratch, NULL, key, value, msg, sizeof msg) != RP_OK) {
    ERR(c, "[policy] %s", msg);
    return;
  }
  rp_scn_policy_t *e = push(&c->L->policy, &c->L->n_policy, sizeof *e);
  if (!e || !(e->key = rp_strdup(key)) || !(e->value = rp_strdup(value))) {
    c->nomem = 1;
    return;
  }
  e->file = c->file;
  e->line = c->rd->line;
}

static void on_enrol(ctx_t *c, const char *key, const char *value) {
  rp_scn_enrol_t e = {.file = c->file, .line = c->rd->line, .levels = 3};
  for (size_t i = 0; i < c->L->n_enrol; i++)
    if (strcmp(c->L->enrol[i].target, key) == 0) {
      ERR(c, "[enrolment] %s is given twice (first at line %ld)", key,
          c->L->enrol[i].line);
      return;
    }
  /* Target: split at the last dot when what follows is a level. */
  int level;
  char *head = school_and_level(key, &level);
  if (!head) {
    c->nomem = 1;
    return;
  }
  if (level >= 0)
    e.levels = 1 << level;
  int ok = 1;
  if (strcmp(head, "all") == 0) {
    e.scope = RP_ENROL_ALL;
  } else if (rp_area_parse(head, &e.area) == 0) {
    e.scope = RP_ENROL_AREA;
  } else if (head[0] == '\0') {
    ERR(c, "[enrolment] a target without a school, area or `all`");
    ok = 0;
  } else {
    e.scope = RP_ENROL_SCHOOL;
    e.school = head;
    head = NULL;
  }
  free(head);
  /* Change: a percentage, or a count of students for one school. */
  size_t n = strlen(value);
  long cnt;
  double pct;
  if (ok && n > 0 && value[n - 1] == '%') {
    char num[64];
    size_t m = n - 1;
    while (m > 0 && (value[m - 1] == ' ' || value[m - 1] == '\t'))
      m--;
    num[0] = '\0';
    if (m < sizeof num) {
      memcpy(num, value, m);
      num[m] = '\0';
    }
    if (num[0] == '\0' || rp_parse_double(num, -100, 1000, &pct) != 0) {
      ERR(c, "[enrolment] %s = \"%s\": not a percentage from -100%% to +1000%%", key,
          value);
      ok = 0;
    } else {
      e.pct_milli = lround(pct * 1000.0);
    }
  } else if (ok && rp_parse_int(value, 0, RP_MAX_SECTION_STUDENTS, &cnt) == 0) {
    if (e.scope != RP_ENROL_SCHOOL) {
      ERR(c, "[enrolment] %s = %s: a number of students is only for one school section "
             "(S001.primary = 800); use a percentage for an area or all", key, value);
      ok = 0;
    }
    e.is_count = 1;
    e.count = (int)cnt;
  } else if (ok) {
    ERR(c, "[enrolment] %s = \"%s\": expected a percentage (-15%%, +10%%) or a number "
           "of students (0 to %d)", key, value, RP_MAX_SECTION_STUDENTS);
    ok = 0;
  }
  rp_scn_enrol_t *d = ok ? push(&c->L->enrol, &c->L->n_enrol, sizeof *d) : NULL;
  if (ok && (!d || !(e.target = rp_strdup(key)))) {
    c->nomem = 1;
    ok = 0;
  }
  if (!ok) {
    free(e.school);
    if (d)
      c->L->n_enrol--;
    return;
  }
  *d = e;
}

static int parse_students(const char *s, int *out) {
  long v;
  if (rp_parse_int(s, 0, RP_MAX_SECTION_STUDENTS, &v) != 0)
    return -1;
  *out = (int)v;
  return 0;
}

static void on_schools(ctx_t *c, const char *key, const char *value) {
  rp_scn_school_t e = {.file = c->file, .line = c->rd->line};
  const char *id;
  if (strncmp(key, "close.", 6) == 0) {
    e.action = RP_SCN_CLOSE;
    id = key + 6;
  } else if (strncmp(key, "merge.", 6) == 0) {
    e.action = RP_SCN_MERGE;
    id = key + 6;
  } else if (strncmp(key, "open.", 5) == 0) {
    e.action = RP_SCN_OPEN;
    id = key + 5;
  } else {
    ERR(c, "[schools] unknown key \"%s\" (close.<school_id>, merge.<school_id>, "
           "open.<school_id>)", key);
    return;
  }
  if (*id == '\0') {
    ERR(c, "[schools] %s: no school id after the dot", key);
    return;
  }
  for (size_t i = 0; i < c->L->n_schools; i++)
    if (strcmp(c->L->schools[i].key, key) == 0) {
      ERR(c, "[schools] %s is given twice (first at line %ld)", key,
          c->L->schools[i].line);
      return;
    }
  const char *why;
  if (split_list(c, value, &e.to, &e.n_to, &why) != 0) {
    if (why)
      ERR(c, "[schools] %s = \"%s\": %s", key, value, why);
    return;
  }
  int ok = 1;
  if (e.action == RP_SCN_CLOSE) {
    for (size_t i = 0; i < e.n_to && ok; i++) {
      if (strcmp(e.to[i], id) == 0) {
        ERR(c, "[schools] %s: a school cannot send its students to itself", key);
        ok = 0;
      }
      for (size_t j = 0; j < i && ok; j++)
        if (strcmp(e.to[i], e.to[j]) == 0) {
          ERR(c, "[schools] %s: \"%s\" is listed twice", key, e.to[i]);
          ok = 0;
        }
    }
  } else if (e.action == RP_SCN_MERGE) {
    if (e.n_to != 1) {
      ERR(c, "[schools] %s = \"%s\": expected one school to merge into", key, value);
      ok = 0;
    } else if (strcmp(e.to[0], id) == 0) {
      ERR(c, "[schools] %s: a school cannot merge into itself", key);
      ok = 0;
    }
  } else {
    /* name, area, primary_students, junior_students[, x_km, y_km] */
    if (e.n_to != 4 && e.n_to != 6) {
      ERR(c, "[schools] %s = \"%s\": expected name, area, primary_students, "
             "junior_students[, x_km, y_km]", key, value);
      ok = 0;
    } else {
      if (rp_area_parse(e.to[1], &e.area) != 0) {
        ERR(c, "[schools] %s: \"%s\" is not an area (urban, town, rural; 城区, 镇区, 乡村)",
            key, e.to[1]);
        ok = 0;
      }
      for (int lv = 0; lv < RP_LEVELS; lv++)
        if (parse_students(e.to[2 + lv], &e.students[lv]) != 0) {
          ERR(c, "[schools] %s: %s students \"%s\" is not a number from 0 to %d", key,
              rp_level_name((rp_level_t)lv), e.to[2 + lv], RP_MAX_SECTION_STUDENTS);
          ok = 0;
        }
      if (ok && e.students[0] + e.students[1] == 0) {
        ERR(c, "[schools] %s: a new school needs students in at least one level", key);
        ok = 0;
      }
      if (e.n_to == 6) {
        if (rp_parse_double(e.to[4], -1e5, 1e5, &e.x_km) != 0 ||
            rp_parse_double(e.to[5], -1e5, 1e5, &e.y_km) != 0) {
          ERR(c, "[schools] %s: \"%s, %s\" is not a position in km", key, e.to[4],
              e.to[5]);
          ok = 0;
        }
        e.has_pos = 1;
      }
      if (ok) {
        e.name = e.to[0];
        e.to[0] = NULL;
      }
    }
    /* An open keeps no list. */
    free_list(e.to, e.n_to);
    e.to = NULL;
    e.n_to = 0;
  }
  rp_scn_school_t *d = ok ? push(&c->L->schools, &c->L->n_schools, sizeof *d) : NULL;
  if (ok && (!d || !(e.key = rp_strdup(key)) || !(e.id = rp_strdup(id)))) {
    c->nomem = 1;
    ok = 0;
  }
  if (!ok) {
    free(e.key);
    free(e.id);
    free(e.name);
    free_list(e.to, e.n_to);
    if (d)
      c->L->n_schools--;
    return;
  }
  *d = e;
}

static void on_recruit(ctx_t *c, const char *key, const char *value) {
  rp_scn_recruit_t e = {.file = c->file, .line = c->rd->line, .degree = RP_DEG_BACHELOR,
                        .level = -1};
  char **v = NULL;
  size_t n = 0;
  const char *why;
  int ok = 1;
  long cnt;
  if (rp_subject_parse(key, &e.subject) != 0) {
    ERR(c, "[recruit] \"%s\" is not a subject (chinese, math, english, pe, music, art, "
           "science, morality, history, geography, physics, chemistry, biology, it, other; "
           "语文, 体育, ...)", key);
    ok = 0;
  }
  if (split_list(c, value, &v, &n, &why) != 0) {
    if (why)
      ERR(c, "[recruit] %s = \"%s\": %s", key, value, why);
    return;
  }
  if (n > 3) {
    ERR(c, "[recruit] %s = \"%s\": expected count[, degree[, school_id]]", key, value);
    ok = 0;
  } else {
    if (rp_parse_int(v[0], 1, 1000, &cnt) != 0) {
      ERR(c, "[recruit] %s: count \"%s\" is not a whole number from 1 to 1000", key, v[0]);
      ok = 0;
    }
    e.count = (int)cnt;
    if (n >= 2 && rp_degree_parse(v[1], &e.degree) != 0) {
      ERR(c, "[recruit] %s: \"%s\" is not a degree (secondary, associate, bachelor, "
             "master, doctor; 中专, 专科, 本科, 硕士, 博士)", key, v[1]);
      ok = 0;
    }
    if (n == 3 && ok && !(e.school = school_and_level(v[2], &e.level)))
      c->nomem = 1;
  }
  free_list(v, n);
  rp_scn_recruit_t *d = ok && !c->nomem ? push(&c->L->recruit, &c->L->n_recruit, sizeof *d)
                                        : NULL;
  if (!d) {
    if (ok)
      c->nomem = 1;
    free(e.school);
    return;
  }
  *d = e;
}

static void on_retire(ctx_t *c, const char *key, const char *value) {
  static const char *const keys[] = {"age", "retire_age_male", "retire_age_female"};
  if (strcmp(key, "teachers") == 0) {
    char **v;
    size_t n;
    const char *why;
    if (split_list(c, value, &v, &n, &why) != 0) {
      if (why)
        ERR(c, "[retire] teachers = \"%s\": %s", value, why);
      return;
    }
    for (size_t i = 0; i < n; i++) {
      rp_scn_retiree_t *d = push(&c->L->retirees, &c->L->n_retirees, sizeof *d);
      if (!d) {
        c->nomem = 1;
        break;
      }
      d->file = c->file;
      d->line = c->rd->line;
      d->teacher = v[i];
      v[i] = NULL;
    }
    free_list(v, n);
    return;
  }
  int k = 0;
  while (k < 3 && strcmp(keys[k], key) != 0)
    k++;
  if (k == 3) {
    ERR(c, "[retire] unknown key \"%s\" (age, retire_age_male, retire_age_female, "
           "teachers)", key);
    return;
  }
  if (c->retire_line[k]) {
    ERR(c, "[retire] %s is set twice (first at line %ld)", key, c->retire_line[k]);
    return;
  }
  c->retire_line[k] = c->rd->line;
  if (k == 0) {
    int on;
    if (strcmp(value, "on") == 0)
      on = 1;
    else if (strcmp(value, "off") == 0)
      on = 0;
    else if (value[0] == '\0' || rp_bool_parse(value, &on) != 0) {
      ERR(c, "[retire] age = \"%s\": expected on or off", value);
      return;
    }
    c->L->retire_by_age = on;
  } else {
    long v;
    if (rp_parse_int(value, 40, 80, &v) != 0) {
      ERR(c, "[retire] %s = \"%s\": not a whole number from 40 to 80", key, value);
      return;
    }
    c->L->retire_age[k - 1] = (int)v;
  }
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value) {
  ctx_t *c = user;
  if (!name)
    return 1;
  switch (section_id(section)) {
  case SEC_NONE:
    ERR(c, "\"%s\" is outside any section (start with [base])", name);
    break;
  case SEC_BASE:
    on_base(c, name, value);
    break;
  case SEC_POLICY:
    on_policy(c, name, value);
    break;
  case SEC_ENROL:
    on_enrol(c, name, value);
    break;
  case SEC_SCHOOLS:
    on_schools(c, name, value);
    break;
  case SEC_RECRUIT:
    on_recruit(c, name, value);
    break;
  case SEC_RETIRE:
    on_retire(c, name, value);
    break;
  default: /* unknown section: reported at its header by the reader */
    break;
  }
  return 1;
}

/* Appends `from`'s files and entries to `to`, and lets its settings
 * override; `from` is left empty. */
static rp_status_t merge_layer(rp_scenario_t *to, rp_scenario_t *from) {
#define APPEND(arr, n)                                                       \
  do {                                                                       \
    if (from->n) {                                                           \
      void *nv = realloc(to->arr, (to->n + from->n) * sizeof *to->arr);      \
      if (!nv)                                                               \
        return RP_ENOMEM;                                                    \
      to->arr = nv;                                                          \
      memcpy(to->arr + to->n, from->arr, from->n * sizeof *to->arr);         \
      to->n += from->n;                                                      \
      from->n = 0;                                                           \
    }                                                                        \
  } while (0)
  APPEND(files, n_files);
  APPEND(policy, n_policy);
  APPEND(enrol, n_enrol);
  APPEND(schools, n_schools);
  APPEND(recruit, n_recruit);
  APPEND(retirees, n_retirees);
#undef APPEND
  for (int i = 0; i < RP_SCN_INPUTS; i++)
    if (from->input[i]) {
      free(to->input[i]);
      to->input[i] = from->input[i];
      from->input[i] = NULL;
    }
  if (from->years > 0)
    to->years = from->years;
  if (from->retire_by_age >= 0)
    to->retire_by_age = from->retire_by_age;
  for (int g = 0; g < 2; g++)
    if (from->retire_age[g] >= 0)
      to->retire_age[g] = from->retire_age[g];
  return RP_OK;
}

/* The files being read, outermost first: a cycle is a file met again,
 * known by device and inode (so that another spelling of its path, or a
 * link to it, is the same file). */
typedef struct {
  dev_t dev[RP_MAX_EXTENDS_DEPTH + 1];
  ino_t ino[RP_MAX_EXTENDS_DEPTH + 1];
  const char *shown[RP_MAX_EXTENDS_DEPTH + 1];
  int depth;
} chain_t;

/* Reads `path` and, first, the files it extends, into `dst`.  `from` and
 * `from_line` name the extends line that asked for it (NULL for the top
 * file).  *name_out gets the top file's `name` when asked for. */
static rp_status_t load_file(rp_scenario_t *dst, const char *path, const char *from,
                             long from_line, chain_t *ch, char **name_out,
                             rp_diag_t *diag) {
  rp_status_t st;
  char *text = NULL;
  rp_scenario_t *L = NULL;
  struct stat sb;
  if ((st = rp_input_read_text(path, (rp_input_at_t){from, from_line}, RP_MAX_SCENARIO_BYTES,
                               "scenario file", &text, diag)) != RP_OK)
    return st;
  if (stat(path, &sb) != 0) {
    rp_diag_error(diag, from ? from : path, from ? from_line : 0, NULL, "cannot open %s: %s",
                  path, strerror(errno));
    free(text);
    return RP_EIO;
  }
  st = RP_ENOMEM;
  for (int i = 0; i < ch->depth; i++)
    if (ch->dev[i] == sb.st_dev && ch->ino[i] == sb.st_ino) {
      char msg[2048];
      int n = snprintf(msg, sizeof msg, "extends cycle: ");
      for (int k = i; k < ch->depth && n > 0 && (size_t)n < sizeof msg; k++)
        n += snprintf(msg + n, sizeof msg - (size_t)n, "%s -> ", ch->shown[k]);
      if (n > 0 && (size_t)n < sizeof msg)
        snprintf(msg + n, sizeof msg - (size_t)n, "%s", path);
      rp_diag_error(diag, from, from_line, NULL, "%s", msg);
      st = RP_EINPUT;
      goto done;
    }
  if (ch->depth == RP_MAX_EXTENDS_DEPTH) {
    rp_diag_error(diag, from, from_line, NULL,
                  "extends chain deeper than %d files", RP_MAX_EXTENDS_DEPTH);
    st = RP_ELIMIT;
    goto done;
  }
  if (!(L = calloc(1, sizeof *L)) || !(L->files = malloc(sizeof *L->files)) ||
      !(L->files[0] = rp_strdup(path)))
    goto done;
  L->n_files = 1;
  L->retire_by_age = L->retire_age[0] = L->retire_age[1] = L->years = -1;
  rp_ini_reader_t rd = {.file = L->files[0], .diag = diag, .sections = section_names + 1,
                        .long_line_advice = "split a list over several lines"};
  ctx_t c = {.L = L, .file = L->files[0], .rd = &rd, .diag = diag};
  size_t errors0 = diag->n_errors;
  if (rp_ini_parse(&rd, text, on_key, &c) != RP_OK || c.nomem)
    goto done;
  rp_status_t result = diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
  if (L->extends) {
    ch->dev[ch->depth] = sb.st_dev;
    ch->ino[ch->depth] = sb.st_ino;
    ch->shown[ch->depth] = L->files[0];
    ch->depth++;
    rp_status_t ps = load_file(dst, L->extends, L->files[0], L->extends_line, ch, NULL, diag);
    ch->depth--;
    if (ps == RP_ENOMEM)
      goto done;
    if (ps != RP_OK && result == RP_OK)
      result = RP_EINPUT;
  }
  if (name_out) { /* the top file: its name and parent are the scenario's */
    *name_out = L->name;
    L->name = NULL;
    dst->extends = L->extends;
    dst->extends_line = L->extends_line;
    L->extends = NULL;
  }
  if ((st = merge_layer(dst, L)) != RP_OK)
    goto done;
  st = result;
done:
  rp_scenario_free(L);
  free(text);
  return st;
}

rp_status_t rp_scenario_load(const char *path, rp_scenario_t **out, rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  chain_t ch = {.depth = 0};
  rp_scenario_t *s = calloc(1, sizeof *s);
  *out = NULL;
  if (!s || !(s->path = rp_strdup(path)))
    goto done;
  s->retire_by_age = 1;
  s->retire_age[0] = 60;
  s->retire_age[1] = 55;
  size_t errors0 = diag->n_errors;
  if ((st = load_file(s, path, NULL, 0, &ch, &s->name, diag)) == RP_ENOMEM ||
      st == RP_EIO)
    goto done;
  if (st == RP_OK || st == RP_EINPUT) {
    static const char *const need[] = {"schools", "teachers"};
    for (int i = 0; i < 2; i++)
      if (!s->input[i])
        rp_diag_error(diag, path, 0, NULL,
                      "no %s file: set `%s = ...` in [base] (here or in a file it "
                      "extends)", need[i], need[i]);
  }
  if (!s->name) {
    /* The file name without its folder and .ini. */
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".ini") == 0)
      n -= 4;
    if (!(s->name = rp_strndup(b, n))) {
      st = RP_ENOMEM;
      goto done;
    }
  }
  if (diag->n_errors > errors0) {
    if (st == RP_OK)
      st = RP_EINPUT;
    goto done;
  }
  *out = s;
  s = NULL;
  st = RP_OK;
done:
  rp_scenario_free(s);
  return st;
}
