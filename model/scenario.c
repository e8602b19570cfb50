/* Applying a what-if scenario (see scenario.h; the file format and every
 * rule are in the comment at the top of io/scenario_ini.c): [policy] keys
 * on top of the policy file, then [enrolment], [retire], [schools] and
 * [recruit] on the loaded county, before the audit and the planner see it.
 * Every defect names the scenario file and line; all of them are reported
 * in one run. */
#include "model/scenario.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/curriculum.h"
#include "model/indicators.h"
#include "model/limits.h"

/* ---- [policy] ------------------------------------------------------------- */

rp_status_t rp_scenario_apply_policy(const rp_scenario_t *s, rp_policy_t *p,
                                     rp_diag_t *diag) {
  rp_policy_t work = *p;
  size_t errors0 = diag->n_errors;
  /* The cross-key checks of policy.ini, each at the last scenario key it
   * reads: only a scenario key can break them here, since the policy file
   * passed them. */
  rp_policy_at_t at[RP_POLICY_CHECKS] = {{NULL, 0}, {NULL, 0}};
  for (size_t i = 0; i < s->n_policy; i++) {
    const rp_scn_policy_t *e = &s->policy[i];
    if (rp_policy_set_at(&work, NULL, e->key, e->value, e->file, e->line, "[policy] ", diag) !=
        RP_OK)
      continue;
    int c = rp_policy_check_of_key(e->key);
    if (c >= 0)
      at[c] = (rp_policy_at_t){e->file, e->line};
  }
  rp_policy_check(&work, at, RP_CHECK_SCENARIO, diag);
  if (diag->n_errors > errors0)
    return RP_EINPUT;
  *p = work;
  return RP_OK;
}

/* ---- shared helpers -------------------------------------------------------- */

typedef struct {
  const rp_scenario_t *s;
  const rp_policy_t *p;
  rp_county_t *c;
  rp_pin_t **pins;
  size_t *n_pins;
  rp_diag_t *diag;
  const rp_scn_school_t **done; /* closures and merges applied so far */
  size_t n_done;
} app_t;

static const int default_class_size[RP_LEVELS] = {45, 50};

/* Classes for `students`, at the section's students per class before the
 * change when it had classes and students, else at 45 / 50. */
static int classes_for(int students, int old_students, int old_classes, rp_level_t lv) {
  if (students <= 0)
    return 0;
  if (old_classes > 0 && old_students > 0)
    return (int)(((long long)students * old_classes + old_students - 1) / old_students);
  return (students + default_class_size[lv] - 1) / default_class_size[lv];
}

static void set_students(rp_school_t *sc, rp_level_t lv, int students) {
  rp_school_set_classes(sc, lv, classes_for(students, sc->students[lv], sc->classes[lv], lv));
  sc->students[lv] = students;
}

static size_t find_teacher(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_teachers; i++)
    if (strcmp(c->teachers[i].id, id) == 0)
      return i;
  return SIZE_MAX;
}

/* The closure or merge (applied earlier) that removed or emptied school
 * `id`, or NULL. */
static const rp_scn_school_t *done_with(const app_t *a, const char *id) {
  for (size_t i = 0; i < a->n_done; i++)
    if (strcmp(a->done[i]->id, id) == 0)
      return a->done[i];
  return NULL;
}

/* Finds a school named in a scenario line; reports it when unknown (with
 * why, if a closure or merge took it) or closed.  SIZE_MAX when unusable. */
static size_t school_at(app_t *a, const char *file, long line, const char *what,
                        const char *id, int allow_closed) {
  size_t i = rp_county_find_school(a->c, id);
  const rp_scn_school_t *d = done_with(a, id);
  if (i == (size_t)-1) {
    if (d)
      rp_diag_error(a->diag, file, line, NULL, "%s: school \"%s\" was merged into \"%s\" "
                    "(%s:%ld)", what, id, d->to[0], d->file, d->line);
    else
      rp_diag_error(a->diag, file, line, NULL, "%s: unknown school \"%s\"", what, id);
    return SIZE_MAX;
  }
  if (d && !allow_closed) {
    rp_diag_error(a->diag, file, line, NULL, "%s: school \"%s\" is closed (%s:%ld)", what,
                  id, d->file, d->line);
    return SIZE_MAX;
  }
  return i;
}

/* Removes the teachers with gone[k] set, renumbering the pins; a pin of a
 * removed teacher is dropped with a warning. */
static rp_status_t remove_teachers(app_t *a, const unsigned char *gone) {
  rp_county_t *c = a->c;
  size_t *map = malloc((c->n_teachers + 1) * sizeof *map);
  if (!map)
    return RP_ENOMEM;
  size_t n = 0;
  for (size_t k = 0; k < c->n_teachers; k++)
    map[k] = gone[k] ? SIZE_MAX : n++;
  size_t m = 0;
  for (size_t i = 0; i < *a->n_pins; i++) {
    rp_pin_t pin = (*a->pins)[i];
    if (map[pin.teacher] == SIZE_MAX) {
      rp_diag_warn(a->diag, pin.file, pin.line, NULL,
                   "teacher \"%s\" retires in scenario %s: pin dropped",
                   c->teachers[pin.teacher].id, a->s->path);
      continue;
    }
    pin.teacher = map[pin.teacher];
    (*a->pins)[m++] = pin;
  }
  *a->n_pins = m;
  for (size_t k = 0; k < c->n_teachers; k++) {
    rp_teacher_t *t = &c->teachers[k];
    if (map[k] == SIZE_MAX) {
      free(t->id);
      free(t->name);
      free(t->exempt);
    } else {
      c->teachers[map[k]] = *t;
    }
  }
  c->n_teachers = n;
  free(map);
  return RP_OK;
}

/* ---- [enrolment] ------------------------------------------------------------ */

/* students x (1 + pct/100), half away from zero, in exact decimals. */
static long long scale_students(int students, long pct_milli) {
  long long num = (long long)students * (100000LL + pct_milli);
  return (num + 50000) / 100000; /* num >= 0: pct >= -100% */
}

/* Is `students` within RP_MAX_SECTION_STUDENTS for section lv of sc?  If
 * not, reports it at the scenario line (`what`: the section and key). */
static int section_fits(app_t *a, const char *file, long line, const char *what,
                        const rp_school_t *sc, rp_level_t lv, long long students) {
  if (students <= RP_MAX_SECTION_STUDENTS)
    return 1;
  rp_diag_error(a->diag, file, line, NULL,
                "%s: %s %s would have %lld students (at most %d, RP_MAX_SECTION_STUDENTS)",
                what, sc->id, rp_level_name(lv), students, RP_MAX_SECTION_STUDENTS);
  return 0;
}

static void change_section(app_t *a, const rp_scn_enrol_t *e, rp_school_t *sc,
                           rp_level_t lv) {
  long long v = e->is_count ? e->count : scale_students(sc->students[lv], e->pct_milli);
  char what[300];
  snprintf(what, sizeof what, "[enrolment] %s", e->target);
  if (section_fits(a, e->file, e->line, what, sc, lv, v))
    set_students(sc, lv, (int)v);
}

static void apply_enrol(app_t *a) {
  rp_county_t *c = a->c;
  for (size_t k = 0; k < a->s->n_enrol; k++) {
    const rp_scn_enrol_t *e = &a->s->enrol[k];
    if (e->scope == RP_ENROL_SCHOOL) {
      size_t i = rp_county_find_school(c, e->school);
      if (i == (size_t)-1) {
        rp_diag_error(a->diag, e->file, e->line, NULL,
                      "[enrolment] %s: unknown school \"%s\" (schools opened in [schools] are "
                      "not there yet: give their students in open.)", e->target, e->school);
        continue;
      }
      rp_school_t *sc = &c->schools[i];
      int levels = e->levels;
      if (e->is_count && levels == 3) {
        int hp = rp_school_has_level(sc, RP_PRIMARY), hj = rp_school_has_level(sc, RP_JUNIOR);
        if (hp == hj) {
          rp_diag_error(a->diag, e->file, e->line, NULL,
                        "[enrolment] %s = %d: school \"%s\" has %s section: write %s.primary "
                        "or %s.junior", e->target, e->count, sc->id,
                        hp ? "a primary and a junior" : "no", sc->id, sc->id);
          continue;
        }
        levels = 1 << (hp ? RP_PRIMARY : RP_JUNIOR);
      }
      for (int lv = 0; lv < RP_LEVELS; lv++)
        if (levels & (1 << lv))
          change_section(a, e, sc, (rp_level_t)lv);
      continue;
    }
    int matched = 0;
    for (size_t i = 0; i < c->n_schools; i++) {
      rp_school_t *sc = &c->schools[i];
      if (e->scope == RP_ENROL_AREA && sc->area != e->area)
        continue;
      for (int lv = 0; lv < RP_LEVELS; lv++)
        if ((e->levels & (1 << lv)) && sc->students[lv] > 0) {
          change_section(a, e, sc, (rp_level_t)lv);
          matched++;
        }
    }
    if (!matched)
      rp_diag_warn(a->diag, e->file, e->line, NULL,
                   "[enrolment] %s: no school section with students matches", e->target);
  }
}

/* ---- [retire] ----------------------------------------------------------------- */

static rp_status_t apply_retire(app_t *a) {
  const rp_scenario_t *s = a->s;
  rp_county_t *c = a->c;
  unsigned char *gone = calloc(c->n_teachers + 1, 1);
  if (!gone)
    return RP_ENOMEM;
  for (size_t i = 0; i < s->n_retirees; i++) {
    size_t k = find_teacher(c, s->retirees[i].teacher);
    if (k == SIZE_MAX)
      rp_diag_error(a->diag, s->retirees[i].file, s->retirees[i].line, NULL,
                    "[retire] teachers: unknown teacher \"%s\"", s->retirees[i].teacher);
    else
      gone[k] = 1;
  }
  if (s->retire_by_age)
    for (size_t k = 0; k < c->n_teachers; k++) {
      const rp_teacher_t *t = &c->teachers[k];
      if (a->p->plan_year - t->birth_year >= s->retire_age[t->gender == 'F'])
        gone[k] = 1;
    }
  rp_status_t st = remove_teachers(a, gone);
  free(gone);
  return st;
}

/* ---- [schools] ------------------------------------------------------------------ */

static rp_status_t add_pin(app_t *a, size_t teacher, const rp_scn_school_t *e) {
  rp_pin_t *v = realloc(*a->pins, (*a->n_pins + 1) * sizeof *v);
  if (!v)
    return RP_ENOMEM;
  v[*a->n_pins] = (rp_pin_t){teacher, RP_PIN_MOVE, 0, e->file, e->line};
  *a->pins = v;
  (*a->n_pins)++;
  return RP_OK;
}

static rp_status_t apply_close(app_t *a, const rp_scn_school_t *e) {
  rp_county_t *c = a->c;
  const rp_policy_t *p = a->p;
  size_t errors0 = a->diag->n_errors;
  size_t i = school_at(a, e->file, e->line, "[schools] close", e->id, 0);
  size_t *to = calloc(e->n_to + 1, sizeof *to);
  if (!to)
    return RP_ENOMEM;
  for (size_t k = 0; k < e->n_to; k++)
    to[k] = school_at(a, e->file, e->line, "[schools] close", e->to[k], 0);
  if (a->diag->n_errors > errors0) {
    free(to);
    return RP_OK;
  }
  rp_school_t *sc = &c->schools[i];
  /* Which listed schools take each level (decided before any moves). */
  size_t *recv = calloc(RP_LEVELS * e->n_to + 1, sizeof *recv);
  size_t n_recv[RP_LEVELS] = {0, 0};
  if (!recv) {
    free(to);
    return RP_ENOMEM;
  }
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    if (sc->students[lv] == 0)
      continue;
    for (size_t k = 0; k < e->n_to; k++)
      if (rp_school_has_level(&c->schools[to[k]], (rp_level_t)lv))
        recv[lv * e->n_to + n_recv[lv]++] = to[k];
    if (!n_recv[lv])
      rp_diag_error(a->diag, e->file, e->line, NULL,
                    "[schools] %s: none of the listed schools has a %s section for the %d "
                    "%s students", e->key, rp_level_name((rp_level_t)lv), sc->students[lv],
                    rp_level_name((rp_level_t)lv));
  }
  /* Pins that the closure contradicts. */
  unsigned char *pinned = calloc(c->n_teachers + 1, 1); /* already pinned to leave */
  if (!pinned) {
    free(to);
    free(recv);
    return RP_ENOMEM;
  }
  for (size_t q = 0; q < *a->n_pins; q++) {
    const rp_pin_t *pin = &(*a->pins)[q];
    const rp_teacher_t *t = &c->teachers[pin->teacher];
    if (pin->action == RP_PIN_TO && pin->school == i)
      rp_diag_error(a->diag, e->file, e->line, NULL,
                    "[schools] %s: teacher \"%s\" is pinned to move to \"%s\" (%s:%ld), "
                    "which closes", e->key, t->id, sc->id, pin->file ? pin->file : "pins",
                    pin->line);
    if (t->school != i)
      continue;
    if (pin->action == RP_PIN_STAY)
      rp_diag_error(a->diag, e->file, e->line, NULL,
                    "[schools] %s: teacher \"%s\" is pinned to stay (%s:%ld), but the school "
                    "closes", e->key, t->id, pin->file ? pin->file : "pins", pin->line);
    else if (pin->action == RP_PIN_MOVE || pin->action == RP_PIN_TO)
      pinned[pin->teacher] = 1;
  }
  rp_status_t st = RP_OK;
  if (a->diag->n_errors > errors0)
    goto done;
  /* Students to the receiving schools, evenly, remainders to the first. */
  char what[300];
  snprintf(what, sizeof what, "[schools] %s", e->key);
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    size_t n = n_recv[lv];
    for (size_t k = 0; k < n; k++) {
      rp_school_t *r = &c->schools[recv[lv * e->n_to + k]];
      int share = sc->students[lv] / (int)n + ((int)k < sc->students[lv] % (int)n);
      if (section_fits(a, e->file, e->line, what, r, (rp_level_t)lv,
                       (long long)r->students[lv] + share))
        set_students(r, (rp_level_t)lv, r->students[lv] + share);
    }
    sc->students[lv] = 0;
    rp_school_set_classes(sc, (rp_level_t)lv, 0);
  }
  /* A closure moves everyone: exemptions do not apply to its teachers
   * (rp_teacher_t.closing makes them eligible; their data stay true). */
  int lifted = 0, n_teachers = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    rp_teacher_t *t = &c->teachers[k];
    if (t->school != i)
      continue;
    n_teachers++;
    lifted += !rp_teacher_eligible(p, t, NULL);
    t->closing = 1;
    if (!pinned[k] && (st = add_pin(a, k, e)) != RP_OK)
      goto done;
  }
  if (lifted)
    rp_diag_warn(a->diag, e->file, e->line, NULL,
                 "[schools] %s: a closure moves all %d teachers; the exemptions of %d "
                 "(exempt, years at the school, term, age, school leader) are lifted", e->key,
                 n_teachers, lifted);
done:
  free(to);
  free(recv);
  free(pinned);
  return st;
}

static void apply_merge(app_t *a, const rp_scn_school_t *e) {
  rp_county_t *c = a->c;
  size_t errors0 = a->diag->n_errors;
  size_t i = school_at(a, e->file, e->line, "[schools] merge", e->id, 0);
  size_t j = school_at(a, e->file, e->line, "[schools] merge", e->to[0], 0);
  if (a->diag->n_errors > errors0)
    return;
  rp_school_t *from = &c->schools[i], *into = &c->schools[j];
  char what[300];
  snprintf(what, sizeof what, "[schools] %s", e->key);
  for (int lv = 0; lv < RP_LEVELS; lv++)
    if (!section_fits(a, e->file, e->line, what, into, (rp_level_t)lv,
                      (long long)into->students[lv] + from->students[lv]))
      return;
  into->other_staff += from->other_staff; /* its non-teaching staff come too */
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    into->students[lv] += from->students[lv];
    rp_school_merge_classes(into, from, (rp_level_t)lv);
  }
  /* Its teachers join <into>; then the school leaves the array and every
   * index above it moves down by one. */
  size_t j_after = j > i ? j - 1 : j;
  for (size_t k = 0; k < c->n_teachers; k++) {
    size_t *s = &c->teachers[k].school;
    *s = *s == i ? j_after : *s > i ? *s - 1 : *s;
  }
  for (size_t q = 0; q < *a->n_pins; q++) {
    rp_pin_t *pin = &(*a->pins)[q];
    if (pin->action == RP_PIN_TO || pin->action == RP_PIN_NOT_TO)
      pin->school = pin->school == i ? j_after : pin->school > i ? pin->school - 1 : pin->school;
  }
  free(from->id);
  free(from->name);
  free(from->group);
  memmove(&c->schools[i], &c->schools[i + 1], (c->n_schools - i - 1) * sizeof *c->schools);
  c->n_schools--;
}

static rp_status_t apply_open(app_t *a, const rp_scn_school_t *e) {
  rp_county_t *c = a->c;
  if (rp_county_find_school(c, e->id) != (size_t)-1) {
    rp_diag_error(a->diag, e->file, e->line, NULL,
                  "[schools] %s: school \"%s\" already exists", e->key, e->id);
    return RP_OK;
  }
  rp_school_t *v = realloc(c->schools, (c->n_schools + 1) * sizeof *v);
  if (!v)
    return RP_ENOMEM;
  c->schools = v;
  rp_school_t *sc = &c->schools[c->n_schools];
  memset(sc, 0, sizeof *sc);
  sc->id = rp_strdup(e->id);
  sc->name = rp_strdup(e->name);
  sc->group = rp_strdup("");
  if (!sc->id || !sc->name || !sc->group) {
    free(sc->id);
    free(sc->name);
    free(sc->group);
    return RP_ENOMEM;
  }
  c->n_schools++;
  sc->area = e->area;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    set_students(sc, (rp_level_t)lv, e->students[lv]);
  /* The position in the county's own kind: x_km, y_km on its grid, or,
   * when schools.csv gives longitudes and latitudes, those two. */
  int geo = 0;
  for (size_t k = 0; k + 1 < c->n_schools; k++)
    geo |= c->schools[k].has_pos == RP_POS_GEO;
  sc->has_pos = e->has_pos ? (geo ? RP_POS_GEO : RP_POS_KM) : RP_POS_NONE;
  if (geo && e->has_pos && (fabs(e->x_km) > 180 || fabs(e->y_km) > 90)) {
    rp_diag_error(a->diag, e->file, e->line, NULL,
                  "[schools] %s: %g, %g is not a longitude and latitude (the county's schools "
                  "give theirs in degrees)", e->key, e->x_km, e->y_km);
    sc->has_pos = RP_POS_NONE;
  }
  sc->lon = sc->x_km = e->x_km;
  sc->lat = sc->y_km = e->y_km;
  if (!e->has_pos)
    for (size_t k = 0; k + 1 < c->n_schools; k++)
      if (c->schools[k].has_pos) {
        rp_diag_warn(a->diag, e->file, e->line, NULL,
                     "[schools] %s: no position (x_km, y_km) while the other schools have "
                     "one: distances to it are not known", e->key);
        break;
      }
  return RP_OK;
}

static rp_status_t apply_schools(app_t *a) {
  const rp_scenario_t *s = a->s;
  a->done = calloc(s->n_schools + 1, sizeof *a->done);
  if (!a->done)
    return RP_ENOMEM;
  for (size_t k = 0; k < s->n_schools; k++) {
    const rp_scn_school_t *e = &s->schools[k];
    size_t errors0 = a->diag->n_errors;
    rp_status_t st = RP_OK;
    if (e->action == RP_SCN_CLOSE)
      st = apply_close(a, e);
    else if (e->action == RP_SCN_MERGE)
      apply_merge(a, e);
    else
      st = apply_open(a, e);
    if (st != RP_OK)
      return st;
    if (e->action != RP_SCN_OPEN && a->diag->n_errors == errors0)
      a->done[a->n_done++] = e;
  }
  return RP_OK;
}

/* ---- [recruit] ------------------------------------------------------------------- */

static int junior_only(rp_subject_t s) {
  return s == RP_SUBJ_PHYSICS || s == RP_SUBJ_CHEMISTRY || s == RP_SUBJ_BIOLOGY ||
         s == RP_SUBJ_HISTORY || s == RP_SUBJ_GEOGRAPHY;
}

/* The recruit's first indicator at a level (ranking key 1), or -1. */
static int recruit_indicator(const rp_teacher_t *t) {
  if (rp_subject_is_pe_art(t->subject))
    return RP_IND_PE_ART;
  if (rp_teacher_counts(t, RP_IND_DEGREE))
    return RP_IND_DEGREE;
  return -1;
}

/* Is section x a better place than y for this recruit (ranking of
 * io/scenario_ini.c)? */
static int better(const rp_county_t *c, const rp_section_t *x, const rp_section_t *y,
                  rp_teacher_t *t) {
  t->level = x->level;
  int ix = recruit_indicator(t);
  t->level = y->level;
  int iy = recruit_indicator(t);
  int gx = ix < 0 ? 0 : x->need[ix] - x->count[ix], gy = iy < 0 ? 0 : y->need[iy] - y->count[iy];
  gx = gx > 0 ? gx : 0;
  gy = gy > 0 ? gy : 0;
  if (gx != gy)
    return gx > gy;
  int sx = x->required_staff - x->teachers - x->other_staff;
  int sy = y->required_staff - y->teachers - y->other_staff;
  if (sx != sy)
    return sx > sy;
  if (x->level != y->level)
    return x->level == RP_PRIMARY;
  return strcmp(c->schools[x->school].id, c->schools[y->school].id) < 0;
}

static rp_status_t apply_recruit(app_t *a) {
  const rp_scenario_t *s = a->s;
  rp_county_t *c = a->c;
  const rp_policy_t *p = a->p;
  if (!s->n_recruit)
    return RP_OK;
  rp_audit_t *au = NULL;
  rp_status_t st = rp_audit_build(c, p, &au);
  if (st != RP_OK)
    return st;
  size_t total = 0;
  for (size_t k = 0; k < s->n_recruit; k++)
    total += (size_t)s->recruit[k].count;
  rp_teacher_t *v = realloc(c->teachers, (c->n_teachers + total + 1) * sizeof *v);
  if (!v) {
    rp_audit_free(au);
    return RP_ENOMEM;
  }
  c->teachers = v;
  /* Numbers after the highest R<digits> id already in the county. */
  long next = 1;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const char *id = c->teachers[k].id;
    if (id[0] != 'R' || id[1] == '\0' || strspn(id + 1, "0123456789") != strlen(id + 1) ||
        strlen(id + 1) > 9)
      continue;
    long n = strtol(id + 1, NULL, 10);
    if (n >= next)
      next = n + 1;
  }
  for (size_t k = 0; k < s->n_recruit; k++) {
    const rp_scn_recruit_t *e = &s->recruit[k];
    rp_teacher_t t = {.subject = e->subject, .degree = e->degree};
    size_t fixed = SIZE_MAX; /* section, when a school is named */
    if (e->school) {
      size_t i = school_at(a, e->file, e->line, "[recruit]", e->school, 0);
      if (i == SIZE_MAX)
        continue;
      const rp_school_t *sc = &c->schools[i];
      rp_level_t lv = e->level >= 0 ? (rp_level_t)e->level
                      : junior_only(e->subject) ? RP_JUNIOR
                      : rp_school_has_level(sc, RP_PRIMARY) ? RP_PRIMARY
                                                            : RP_JUNIOR;
      if (lv == RP_PRIMARY && junior_only(e->subject)) {
        rp_diag_error(a->diag, e->file, e->line, NULL,
                      "[recruit] %s is taught at junior level only, not at %s primary",
                      rp_subject_name(e->subject), sc->id);
        continue;
      }
      if (!rp_school_has_level(sc, lv)) {
        rp_diag_error(a->diag, e->file, e->line, NULL,
                      "[recruit] %s: school \"%s\" has no %s section", rp_subject_name(e->subject),
                      sc->id, rp_level_name(lv));
        continue;
      }
      fixed = au->section_of[i * 2 + lv];
    }
    for (int n = 0; n < e->count; n++) {
      size_t best = fixed;
      if (fixed == SIZE_MAX)
        for (size_t q = 0; q < au->n_sections; q++) {
          const rp_section_t *x = &au->sections[q];
          if (!x->counted || (x->level == RP_PRIMARY && junior_only(e->subject)))
            continue;
          if (best == SIZE_MAX || better(c, x, &au->sections[best], &t))
            best = q;
        }
      if (best == SIZE_MAX) {
        rp_diag_error(a->diag, e->file, e->line, NULL,
                      "[recruit] no counted school section teaches %s: name a school",
                      rp_subject_name(e->subject));
        break;
      }
      rp_section_t *sec = &au->sections[best];
      rp_teacher_t *r = &c->teachers[c->n_teachers];
      char id[32], name[64];
      snprintf(id, sizeof id, "R%04ld", next);
      snprintf(name, sizeof name, "新教师R%04ld", next);
      next++;
      *r = (rp_teacher_t){.school = sec->school, .level = sec->level, .subject = e->subject,
                          .gender = 'F', .birth_year = p->plan_year - 23,
                          .school_since = p->plan_year, .degree = e->degree,
                          .backbone = RP_BB_NONE, .last_rotated_year = 0,
                          .role = RP_ROLE_TEACHER, .line = 0};
      rp_teacher_history_unknown(r);
      r->id = rp_strdup(id);
      r->name = rp_strdup(name);
      r->exempt = rp_strdup("新招聘");
      if (!r->id || !r->name || !r->exempt) {
        free(r->id);
        free(r->name);
        free(r->exempt);
        rp_audit_free(au);
        return RP_ENOMEM;
      }
      c->n_teachers++;
      /* The gaps as they are now, for the next recruit. */
      sec->teachers++;
      for (int ind = 0; ind < RP_INDICATORS; ind++)
        sec->count[ind] += rp_teacher_counts(r, (rp_indicator_t)ind);
    }
  }
  rp_audit_free(au);
  return RP_OK;
}

/* ---- id order ------------------------------------------------------------------- */

typedef struct {
  const char *id;
  size_t idx;
} idref_t;

static int idref_cmp(const void *x, const void *y) {
  const idref_t *a = x, *b = y;
  int c = strcmp(a->id, b->id);
  return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Sorts v (n elements of `size`) by id_of(element); inv[old] = new. */
static rp_status_t sort_by_id(void *v, size_t n, size_t size,
                              const char *(*id_of)(const void *), size_t *inv) {
  idref_t *ix = malloc((n + 1) * sizeof *ix);
  char *copy = malloc(n * size + 1);
  if (!ix || !copy) {
    free(ix);
    free(copy);
    return RP_ENOMEM;
  }
  for (size_t k = 0; k < n; k++)
    ix[k] = (idref_t){id_of((char *)v + k * size), k};
  qsort(ix, n, sizeof *ix, idref_cmp);
  memcpy(copy, v, n * size);
  for (size_t k = 0; k < n; k++) {
    memcpy((char *)v + k * size, copy + ix[k].idx * size, size);
    inv[ix[k].idx] = k;
  }
  free(ix);
  free(copy);
  return RP_OK;
}

static const char *school_id(const void *x) { return ((const rp_school_t *)x)->id; }
static const char *teacher_id(const void *x) { return ((const rp_teacher_t *)x)->id; }

/* Schools and teachers back in id order (as rp_roster_load leaves them), with
 * every index renumbered. */
static rp_status_t restore_id_order(app_t *a) {
  rp_county_t *c = a->c;
  size_t n = c->n_schools > c->n_teachers ? c->n_schools : c->n_teachers;
  size_t *inv = malloc((n + 1) * sizeof *inv);
  if (!inv)
    return RP_ENOMEM;
  rp_status_t st = sort_by_id(c->schools, c->n_schools, sizeof *c->schools, school_id, inv);
  if (st == RP_OK) {
    for (size_t k = 0; k < c->n_teachers; k++)
      c->teachers[k].school = inv[c->teachers[k].school];
    for (size_t q = 0; q < *a->n_pins; q++)
      if ((*a->pins)[q].action == RP_PIN_TO || (*a->pins)[q].action == RP_PIN_NOT_TO)
        (*a->pins)[q].school = inv[(*a->pins)[q].school];
    st = sort_by_id(c->teachers, c->n_teachers, sizeof *c->teachers, teacher_id, inv);
  }
  if (st == RP_OK)
    for (size_t q = 0; q < *a->n_pins; q++)
      (*a->pins)[q].teacher = inv[(*a->pins)[q].teacher];
  free(inv);
  return st;
}

/* ---- limits ---------------------------------------------------------------------- */

/* Refuses a scenario that would recruit more than RP_MAX_RECRUITS teachers or
 * open more than RP_MAX_OPENED_SCHOOLS schools, at the line that crosses the
 * limit, before anything is applied. */
static rp_status_t check_limits(const rp_scenario_t *s, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  long recruits = 0, opened = 0;
  for (size_t k = 0; k < s->n_recruit; k++) {
    const rp_scn_recruit_t *e = &s->recruit[k];
    recruits += e->count;
    if (recruits > RP_MAX_RECRUITS) {
      rp_diag_error(diag, e->file, e->line, NULL,
                    "[recruit] %s = %d: the scenario recruits more than %d teachers "
                    "(RP_MAX_RECRUITS)", rp_subject_name(e->subject), e->count,
                    RP_MAX_RECRUITS);
      st = RP_ELIMIT;
      break;
    }
  }
  for (size_t k = 0; k < s->n_schools; k++) {
    const rp_scn_school_t *e = &s->schools[k];
    if (e->action == RP_SCN_OPEN && ++opened > RP_MAX_OPENED_SCHOOLS) {
      rp_diag_error(diag, e->file, e->line, NULL,
                    "[schools] %s: the scenario opens more than %d schools "
                    "(RP_MAX_OPENED_SCHOOLS)", e->key, RP_MAX_OPENED_SCHOOLS);
      st = RP_ELIMIT;
      break;
    }
  }
  return st;
}

/* ---- the whole ------------------------------------------------------------------ */

rp_status_t rp_scenario_apply_county(const rp_scenario_t *s, const rp_policy_t *p,
                                     rp_county_t *c, rp_pin_t **pins, size_t *n_pins,
                                     rp_diag_t *diag) {
  app_t a = {s, p, c, pins, n_pins, diag, NULL, 0};
  size_t errors0 = diag->n_errors;
  rp_status_t st;
  if ((st = check_limits(s, diag)) != RP_OK)
    return st;
  apply_enrol(&a);
  if ((st = apply_retire(&a)) != RP_OK)
    goto done;
  if ((st = apply_schools(&a)) != RP_OK)
    goto done;
  if ((st = apply_recruit(&a)) != RP_OK)
    goto done;
  if ((st = restore_id_order(&a)) != RP_OK)
    goto done;
  st = diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
done:
  free(a.done);
  return st;
}

/* ---- the scenario's lifetime ------------------------------------------- */

static void free_lists(rp_scenario_t *s) {
  for (size_t i = 0; i < s->n_policy; i++) {
    free(s->policy[i].key);
    free(s->policy[i].value);
  }
  for (size_t i = 0; i < s->n_enrol; i++) {
    free(s->enrol[i].target);
    free(s->enrol[i].school);
  }
  for (size_t i = 0; i < s->n_schools; i++) {
    rp_scn_school_t *e = &s->schools[i];
    free(e->key);
    free(e->id);
    free(e->name);
    for (size_t k = 0; k < e->n_to; k++)
      free(e->to[k]);
    free(e->to);
  }
  for (size_t i = 0; i < s->n_recruit; i++)
    free(s->recruit[i].school);
  for (size_t i = 0; i < s->n_retirees; i++)
    free(s->retirees[i].teacher);
  free(s->policy);
  free(s->enrol);
  free(s->schools);
  free(s->recruit);
  free(s->retirees);
}

void rp_scenario_free(rp_scenario_t *s) {
  if (!s)
    return;
  free_lists(s);
  for (size_t i = 0; i < s->n_files; i++)
    free(s->files[i]);
  free(s->files);
  for (int i = 0; i < RP_SCN_INPUTS; i++)
    free(s->input[i]);
  free(s->extends);
  free(s->name);
  free(s->path);
  free(s);
}

const char *rp_scenario_name(const rp_scenario_t *s) { return s ? s->name : NULL; }

int rp_scenario_years(const rp_scenario_t *s) { return s && s->years > 0 ? s->years : 1; }

const char *rp_scenario_input(const rp_scenario_t *s, const char *what) {
  static const char *const names[RP_SCN_INPUTS] = {"schools", "teachers", "policy",
                                                    "pins", "preferences", "forecast",
                                                    "curriculum"};
  if (!s || !what)
    return NULL;
  for (int i = 0; i < RP_SCN_INPUTS; i++)
    if (strcmp(what, names[i]) == 0)
      return s->input[i];
  return NULL;
}
