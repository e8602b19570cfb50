/* Planner inputs (pins, preferences) and outputs (see plan_io.h). */
#include "io/plan_io.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/audit_report.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/out_file.h"
#include "io/plan_sheets.h"
#include "io/roster.h"
#include "io/summary_json.h"

/* ---- inputs ----------------------------------------------------------------- */

static size_t find_teacher(const rp_county_t *c, const char *id) {
  for (size_t i = 0; i < c->n_teachers; i++)
    if (strcmp(c->teachers[i].id, id) == 0)
      return i;
  return SIZE_MAX;
}

static const char *const col_tid[] = {"teacher_id", "工号", NULL};
static const char *const col_sid[] = {"school_id", "学校代码", NULL};
static const char *const col_action[] = {"action", "操作", NULL};
static const char *const col_rank[] = {"rank", "志愿顺序", NULL};

/* Does one of a teacher's two pins forbid what the other asks?  Only `to`
 * and `not_to` the same school: stay, move and to are exclusive (a second
 * one is "pinned twice"), and not_to adds to any of them. */
static int pins_contradict(const rp_pin_t *a, const rp_pin_t *b) {
  return a->school == b->school &&
         ((a->action == RP_PIN_TO && b->action == RP_PIN_NOT_TO) ||
          (a->action == RP_PIN_NOT_TO && b->action == RP_PIN_TO));
}

/* Checks pin p (teacher id `tid`) against the teacher's n pins read before
 * it; reports a second stay / move / to, or a `to` and a `not_to` of the
 * same school, naming both lines. */
static rp_status_t check_pin_pair(const rp_county_t *c, const rp_pin_t *pins, size_t n,
                                  const rp_pin_t *p, const char *tid, rp_diag_t *diag) {
  for (size_t q = 0; q < n; q++) {
    const rp_pin_t *e = &pins[q];
    if (e->teacher != p->teacher)
      continue;
    if (e->action != RP_PIN_NOT_TO && p->action != RP_PIN_NOT_TO) {
      rp_diag_error(diag, p->file, p->line, "teacher_id",
                    "teacher \"%s\" is pinned twice (first at line %ld)", tid, e->line);
      return RP_EINPUT;
    }
    if (pins_contradict(e, p)) {
      int to = p->action == RP_PIN_TO;
      rp_diag_error(diag, p->file, p->line, NULL,
                    "teacher \"%s\" is pinned %s \"%s\", but line %ld pins them %s it", tid,
                    to ? "to" : "not_to", c->schools[p->school].id, e->line,
                    to ? "not_to" : "to");
      return RP_EINPUT;
    }
  }
  return RP_OK;
}

/* A pin's action, in English or Chinese (the words of the rotation list's
 * readers: docs/data-format.md, pins.csv).  0, or -1 when unknown. */
static int pin_action(const char *s, rp_pin_action_t *a) {
  static const struct {
    const char *en, *zh;
    rp_pin_action_t action;
  } words[] = {{"stay", "留任", RP_PIN_STAY},
               {"move", "交流", RP_PIN_MOVE},
               {"to", "调往", RP_PIN_TO},
               {"not_to", "不去", RP_PIN_NOT_TO}};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(s, words[i].en) == 0 || strcmp(s, words[i].zh) == 0) {
      *a = words[i].action;
      return 0;
    }
  return -1;
}

rp_status_t rp_pins_load(const char *path, const rp_county_t *c, rp_pin_t **pins,
                         size_t *n, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  *pins = NULL;
  *n = 0;
  rp_status_t st = rp_csv_read(path, &t, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  int ct = rp_table_column(t, col_tid), ca = rp_table_column(t, col_action),
      cs = rp_table_column(t, col_sid);
  if (ct < 0 || ca < 0) {
    rp_diag_error(diag, path, 1, ct < 0 ? "teacher_id" : "action", "required column is missing");
    rp_table_free(t);
    return RP_EINPUT;
  }
  *pins = calloc(t->nrows + 1, sizeof **pins);
  if (!*pins) {
    rp_table_free(t);
    return RP_ENOMEM;
  }
  for (size_t r = 0; r < t->nrows; r++) {
    rp_pin_t *p = &(*pins)[*n];
    const char *tid = rp_table_cell(t, r, ct), *act = rp_table_cell(t, r, ca),
               *sid = rp_table_cell(t, r, cs);
    p->line = t->lines[r];
    p->file = path;
    p->teacher = find_teacher(c, tid);
    if (p->teacher == SIZE_MAX) {
      rp_diag_error(diag, path, p->line, t->header[ct], "\"%s\" is not in the teachers file", tid);
      continue;
    }
    if (pin_action(act, &p->action) != 0) {
      rp_diag_error(diag, path, p->line, t->header[ca],
                    "\"%s\" is not an action (stay, move, to, not_to; 留任, 交流, 调往, 不去)",
                    act);
      continue;
    }
    if (p->action == RP_PIN_TO || p->action == RP_PIN_NOT_TO) {
      p->school = rp_county_find_school(c, sid);
      if (p->school == (size_t)-1) {
        rp_diag_error(diag, path, p->line, cs >= 0 ? t->header[cs] : "school_id",
                      "\"%s\" is not a school", sid);
        continue;
      }
    }
    if (check_pin_pair(c, *pins, *n, p, tid, diag) == RP_OK)
      (*n)++;
  }
  rp_table_free(t);
  return diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
}

rp_status_t rp_appeals_load(const char *path, const rp_county_t *c, const rp_pin_t *pins,
                           size_t n_pins, rp_pin_t **appeals, size_t *n, rp_diag_t *diag) {
  rp_status_t st = rp_pins_load(path, c, appeals, n, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  for (size_t i = 0; i < *n; i++) {
    const rp_pin_t *a = &(*appeals)[i];
    const char *tid = c->teachers[a->teacher].id;
    if (a->action != RP_PIN_STAY && a->action != RP_PIN_NOT_TO)
      rp_diag_error(diag, path, a->line, "action",
                    "an appeal is granted as stay (the teacher stays) or not_to (not to that "
                    "school), not as a move");
    else
      check_pin_pair(c, pins, n_pins, a, tid, diag);
  }
  if (diag->n_errors > errors0) {
    free(*appeals);
    *appeals = NULL;
    *n = 0;
    return RP_EINPUT;
  }
  return RP_OK;
}

rp_status_t rp_prefs_load(const char *path, const rp_county_t *c, rp_pref_t **prefs,
                          size_t *n, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  *prefs = NULL;
  *n = 0;
  rp_status_t st = rp_csv_read(path, &t, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  int ct = rp_table_column(t, col_tid), cr = rp_table_column(t, col_rank),
      cs = rp_table_column(t, col_sid);
  if (ct < 0 || cr < 0 || cs < 0) {
    rp_diag_error(diag, path, 1, ct < 0 ? "teacher_id" : cr < 0 ? "rank" : "school_id",
                  "required column is missing");
    rp_table_free(t);
    return RP_EINPUT;
  }
  *prefs = calloc(t->nrows + 1, sizeof **prefs);
  if (!*prefs) {
    rp_table_free(t);
    return RP_ENOMEM;
  }
  for (size_t r = 0; r < t->nrows; r++) {
    rp_pref_t *p = &(*prefs)[*n];
    long rank;
    const char *tid = rp_table_cell(t, r, ct), *sid = rp_table_cell(t, r, cs);
    p->teacher = find_teacher(c, tid);
    p->school = rp_county_find_school(c, sid);
    if (p->teacher == SIZE_MAX)
      rp_diag_error(diag, path, t->lines[r], t->header[ct], "\"%s\" is not in the teachers file",
                    tid);
    else if (p->school == (size_t)-1)
      rp_diag_error(diag, path, t->lines[r], t->header[cs], "\"%s\" is not a school", sid);
    else if (rp_parse_int(rp_table_cell(t, r, cr), 1, 99, &rank) != 0)
      rp_diag_error(diag, path, t->lines[r], t->header[cr], "\"%s\" is not a rank (1 to 99)",
                    rp_table_cell(t, r, cr));
    else {
      p->rank = (int)rank;
      (*n)++;
    }
  }
  rp_table_free(t);
  return diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
}

rp_status_t rp_forecast_load(const char *path, const rp_county_t *c, rp_forecast_t **rows,
                             size_t *n, rp_diag_t *diag) {
  static const char *const col_year[] = {"year", "年份", NULL};
  static const char *const col_ps[] = {"primary_students", "小学在校生数", NULL};
  static const char *const col_js[] = {"junior_students", "初中在校生数", NULL};
  rp_table_t *t = NULL;
  *rows = NULL;
  *n = 0;
  rp_status_t st = rp_csv_read(path, &t, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  int cs = rp_table_column(t, col_sid), cy = rp_table_column(t, col_year),
      cp = rp_table_column(t, col_ps), cj = rp_table_column(t, col_js);
  if (cs < 0 || cy < 0 || (cp < 0 && cj < 0)) {
    rp_diag_error(diag, path, 1, cs < 0 ? "school_id" : cy < 0 ? "year" : "primary_students",
                  "required column is missing");
    rp_table_free(t);
    return RP_EINPUT;
  }
  if (!(*rows = calloc(t->nrows + 1, sizeof **rows))) {
    rp_table_free(t);
    return RP_ENOMEM;
  }
  for (size_t r = 0; r < t->nrows; r++) {
    rp_forecast_t *f = &(*rows)[*n];
    long v;
    const char *sid = rp_table_cell(t, r, cs);
    f->school = rp_county_find_school(c, sid);
    if (f->school == (size_t)-1) {
      rp_diag_error(diag, path, t->lines[r], "school_id", "\"%s\" is not a school", sid);
      continue;
    }
    if (rp_parse_int(rp_table_cell(t, r, cy), 1950, 2200, &v) != 0) {
      rp_diag_error(diag, path, t->lines[r], "year", "\"%s\" is not a year",
                    rp_table_cell(t, r, cy));
      continue;
    }
    f->year = (int)v;
    const int col[RP_LEVELS] = {cp, cj};
    int ok = 1;
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      const char *cell = rp_table_cell(t, r, col[lv]);
      f->students[lv] = c->schools[f->school].students[lv];
      if (*cell && rp_parse_int(cell, 0, 100000, &v) != 0) {
        rp_diag_error(diag, path, t->lines[r], lv ? "junior_students" : "primary_students",
                      "\"%s\" is not a number of students", cell);
        ok = 0;
      } else if (*cell) {
        f->students[lv] = (int)v;
      }
    }
    *n += ok;
  }
  rp_table_free(t);
  return diag->n_errors > errors0 ? RP_EINPUT : RP_OK;
}

/* ---- outputs ---------------------------------------------------------------- */

rp_status_t rp_sheet_write_csv_file(const char *dir, const char *name, rp_sheet_t *s,
                                    rp_encoding_t enc, rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  rp_out_file_t *f = s && !s->failed ? rp_out_open(path, diag, &st) : NULL;
  if (f && (st = rp_out_set_encoding(f, enc)) == RP_OK) {
    rp_sheet_write_csv(rp_out_stream(f), s);
    st = rp_out_txn_add(txn, f, diag);
  } else {
    rp_out_abort(f);
  }
  rp_sheet_free(s);
  return st;
}

rp_status_t rp_plan_write(const char *dir, const rp_plan_view_t *v, const rp_inputs_t *in,
                          const rp_output_opts_t *o, rp_out_txn_t *txn, rp_diag_t *diag) {
  return rp_plan_write_files(dir, v, in, o, 1, txn, diag);
}

rp_status_t rp_plan_write_files(const char *dir, const rp_plan_view_t *v, const rp_inputs_t *in,
                                const rp_output_opts_t *o, int with_list, rp_out_txn_t *txn,
                                rp_diag_t *diag) {
  enum { F_LIST, F_AFTER, F_SUBJECTS, F_RECRUIT, F_LEDGER, F_SUMMARY, NF };
  static const char *const names[NF] = {"rotation_list.csv", "schools_after.csv",
                                        "subjects.csv", "recruitment.csv", "ledger.csv",
                                        "summary.json"};
  rp_out_file_t *f[NF] = {0};
  rp_sheet_t *sh[F_SUMMARY] = {rp_sheet_rotation_list(o->lang, v), rp_sheet_schools(o->lang, v),
                               rp_sheet_subjects(o->lang, v), rp_sheet_recruitment(o->lang, v),
                               rp_sheet_ledger(o->lang, v)};
  rp_status_t st = RP_OK;
  for (int i = 0; i < F_SUMMARY; i++)
    if (!sh[i])
      st = RP_ENOMEM;
  if (st == RP_OK)
    st = rp_out_mkdir(dir, diag);
  for (int i = with_list ? 0 : 1; st == RP_OK && i < NF; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (!(f[i] = rp_out_open(path, diag, &st)))
      break;
    if (i < F_SUMMARY && (st = rp_out_set_encoding(f[i], o->csv_encoding)) == RP_OK)
      rp_sheet_write_csv(rp_out_stream(f[i]), sh[i]);
  }
  if (st == RP_OK) {
    rp_summary_t sum;
    rp_summary_of(v, in, o->lang, &sum);
    st = rp_summary_write(rp_out_stream(f[F_SUMMARY]), &sum);
  }
  /* Every file is complete: the run's transaction takes them (and frees
   * them; rp_out_abort too, NULL being a no-op). */
  for (int i = 0; i < NF; i++) {
    if (st == RP_OK)
      st = rp_out_txn_add(txn, f[i], diag);
    else
      rp_out_abort(f[i]);
  }
  for (int i = 0; i < F_SUMMARY; i++)
    rp_sheet_free(sh[i]);
  /* The principals' exchange, a list of its own (principal_exchange = yes). */
  if (st == RP_OK && v->plan->principals)
    st = rp_sheet_write_csv_file(dir, "principals.csv", rp_sheet_principals(o->lang, v),
                                 o->csv_encoding, txn, diag);
  return st;
}

/* The moves toward rural or weak schools and the moves per direction.  Not
 * when the county has moved on (view->county NULL: the years of --years,
 * printed once all are planned); each year's summary.json has them. */
static void print_directions(FILE *fp, const rp_plan_view_t *v, rp_lang_t l) {
  const rp_plan_t *plan = v->plan;
  const rp_policy_t *p = v->policy;
  if (!v->county)
    return;
  int dirs[RP_MOVE_DIRS];
  int toward = rp_plan_directions(v->county, v->before, plan, dirs);
  fprintf(fp, rp_tr(l, "  toward rural or weak schools: %d of %zu moves (%.1f%%)"), toward,
          plan->n_moves, plan->n_moves ? 100.0 * toward / (double)plan->n_moves : 0.0);
  if (p->min_toward_share > 0)
    fprintf(fp, rp_tr(l, ", at least %.1f%%"), 100 * p->min_toward_share);
  fputs(rp_tr(l, "\n  by direction:"), fp);
  for (int d = 0; d < RP_MOVE_DIRS; d++)
    fprintf(fp, "%s%s %d", d ? ", " : l == RP_LANG_ZH ? "" : " ",
            rp_move_dir_label(l, (rp_move_dir_t)d), dirs[d]);
  fputc('\n', fp);
}

void rp_plan_print_summary(FILE *fp, const rp_plan_view_t *v, rp_lang_t l) {
  const rp_policy_t *p = v->policy;
  const rp_audit_t *b = v->before, *a = v->after;
  const rp_plan_t *plan = v->plan;
  if (plan->solver)
    fprintf(fp, rp_tr(l, "Rotation plan %d (%s, solver %s, %s, %.2f s)\n"), p->plan_year,
            rp_tr(l, plan->method), plan->solver, rp_tr(l, plan->status), plan->seconds);
  else if (strcmp(plan->method, plan->status) == 0) /* not solved: an edited list */
    fprintf(fp, rp_tr(l, "Rotation plan %d (%s)\n"), p->plan_year, rp_tr(l, plan->method));
  else
    fprintf(fp, rp_tr(l, "Rotation plan %d (%s, %s, %.2f s)\n"), p->plan_year,
            rp_tr(l, plan->method), rp_tr(l, plan->status), plan->seconds);
  fprintf(fp, rp_tr(l, "  moved %zu of %d eligible teachers (at least %d), %d backbone (at "
                       "least %d)\n"),
          plan->n_moves, b->rotation.eligible, b->rotation.min_rotate, plan->moved_backbone,
          rp_backbone_minimum(p, &b->rotation, (int)plan->n_moves));
  fprintf(fp, rp_tr(l, "  shortfall in whole teachers: %d before, %d after\n"),
          rp_audit_total_shortfall(b), rp_audit_total_shortfall(a));
  fprintf(fp, rp_tr(l, "  subject gaps in whole teachers: %d before, %d after\n"),
          rp_audit_subject_gaps(b, NULL), rp_audit_subject_gaps(a, NULL));
  print_directions(fp, v, l);
  if (plan->principals)
    fprintf(fp, rp_tr(l, "  principals exchanged: %zu of %d eligible (principals.csv)\n"),
            plan->principals->n, plan->principals->eligible);
  if (plan->has_previous)
    fprintf(fp, rp_tr(l, "  previous plan: %d of its %d moves kept; %d rows of the list changed\n"),
            plan->previous_kept, plan->previous_moves, rp_plan_rows_changed(plan));
  fputs(rp_tr(l, "  difference coefficients      before -> after (limit)\n"), fp);
  char p1[64], p2[64];
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      fprintf(fp, "    %s %s %.4f -> %.4f (%.2f) %s\n",
              rp_pad(p1, sizeof p1, rp_level_label(l, (rp_level_t)lv), 7),
              rp_pad(p2, sizeof p2, rp_indicator_label(l, i), l == RP_LANG_ZH ? 12 : 9),
              b->level[lv].cv[i],
              a->level[lv].cv[i], p->cv_limit[lv],
              rp_tr(l, a->level[lv].pass[i] ? "pass" : "FAIL"));
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++)
      if (rp_cv_harmed(p, b, a, lv, i))
        fprintf(fp,
                rp_tr(l, "  do no harm: the %s %s coefficient ends above both its limit and its "
                         "value before; no plan that keeps the hard rules avoids it\n"),
                rp_level_label(l, (rp_level_t)lv), rp_indicator_label(l, i));
}

void rp_frontier_print(FILE *fp, const rp_frontier_t *f, rp_lang_t l) {
  char pad[64], h[64];
  fprintf(fp, rp_tr(l, "Move frontier: %zu plans, fewest moves first (frontier.csv; each in "
                       "frontier/moves_NNNN/)\n"),
          f->n);
  fprintf(fp, "  %s", rp_pad(pad, sizeof pad, rp_tr(l, "moves"), -8));
  fprintf(fp, " %s", rp_pad(pad, sizeof pad, rp_tr(l, "shortfall"), -9));
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      if (l == RP_LANG_ZH)
        rp_fmt(h, sizeof h, "%s%s", rp_level_label(l, (rp_level_t)lv), rp_indicator_short(l, i));
      else
        rp_fmt(h, sizeof h, "%.1s.%s", rp_level_name((rp_level_t)lv), rp_indicator_short(l, i));
      fprintf(fp, " %s", rp_pad(pad, sizeof pad, h, -10));
    }
  fprintf(fp, " %s\n", rp_pad(pad, sizeof pad, rp_tr(l, "km_total"), -18));
  for (size_t k = 0; k < f->n; k++) {
    const rp_frontier_point_t *p = &f->point[k];
    fprintf(fp, "  %8d %9d", p->moves, p->shortfall);
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++)
        fprintf(fp, " %10.4f", p->cv[lv][i]);
    fprintf(fp, " %18.1f\n", p->km);
  }
}

rp_status_t rp_plan_read(const char *dir, const rp_county_t *c, const rp_audit_t *a,
                         rp_plan_t **out, rp_diag_t *diag) {
  char path[4096];
  snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  return rp_plan_read_file(path, c, a, out, diag);
}

rp_status_t rp_plan_read_file(const char *path, const rp_county_t *c, const rp_audit_t *a,
                              rp_plan_t **out, rp_diag_t *diag) {
  return rp_plan_read_reasons(path, c, a, out, NULL, diag);
}

void rp_reasons_free(char **reasons, size_t n) {
  for (size_t k = 0; reasons && k < n; k++)
    free(reasons[k]);
  free(reasons);
}

rp_status_t rp_plan_read_reasons(const char *path, const rp_county_t *c, const rp_audit_t *a,
                                 rp_plan_t **out, char ***reasons, rp_diag_t *diag) {
  rp_table_t *t = NULL;
  static const char *const col_to[] = {"to_school", "调入学校", NULL};
  static const char *const col_reason[] = {"reason", "原因", NULL};
  *out = NULL;
  if (reasons)
    *reasons = NULL;
  rp_status_t st = rp_csv_read_maybe_empty(path, &t, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  int ct = rp_table_column(t, col_tid), cd = rp_table_column(t, col_to);
  int cr = rp_table_column(t, col_reason);
  char **why = reasons ? calloc(t->nrows + 1, sizeof *why) : NULL;
  rp_plan_t *plan = calloc(1, sizeof *plan);
  if (reasons && !why) {
    rp_plan_free(plan);
    plan = NULL;
  }
  if (!plan || (ct < 0 || cd < 0) || !(plan->moves = calloc(t->nrows + 1, sizeof *plan->moves))) {
    if (plan && (ct < 0 || cd < 0))
      rp_diag_error(diag, path, 1, ct < 0 ? "teacher_id" : "to_school", "required column is missing");
    rp_plan_free(plan);
    rp_table_free(t);
    free(why);
    return ct < 0 || cd < 0 ? RP_EINPUT : RP_ENOMEM;
  }
  plan->method = "read";
  plan->status = "read";
  for (size_t r = 0; r < t->nrows; r++) {
    size_t k = find_teacher(c, rp_table_cell(t, r, ct));
    size_t s = rp_county_find_school(c, rp_table_cell(t, r, cd));
    if (k == SIZE_MAX || s == (size_t)-1) {
      rp_diag_error(diag, path, t->lines[r], k == SIZE_MAX ? "teacher_id" : "to_school",
                    "\"%s\" is not in the rosters",
                    rp_table_cell(t, r, k == SIZE_MAX ? ct : cd));
      continue;
    }
    const rp_teacher_t *tc = &c->teachers[k];
    size_t to = a->section_of[s * 2 + tc->level];
    if (to == SIZE_MAX) {
      rp_diag_error(diag, path, t->lines[r], "to_school", "school \"%s\" has no %s section",
                    c->schools[s].id, rp_level_name(tc->level));
      continue;
    }
    rp_move_t *mv = &plan->moves[plan->n_moves++];
    mv->teacher = k;
    mv->from_section = a->section_of[tc->school * 2 + tc->level];
    mv->to_section = to;
    mv->km = rp_school_km(&c->schools[tc->school], &c->schools[s]);
    mv->reason = "";
    /* The list's own reason, as the planner left it (NULL when empty). */
    if (why && cr >= 0 && *rp_table_cell(t, r, cr)) {
      if (!(why[plan->n_moves - 1] = rp_strdup(rp_table_cell(t, r, cr))))
        st = RP_ENOMEM;
      mv->reason = why[plan->n_moves - 1];
    }
  }
  rp_table_free(t);
  if (st != RP_OK || diag->n_errors > errors0) {
    rp_reasons_free(why, plan->n_moves);
    rp_plan_free(plan);
    return st != RP_OK ? st : RP_EINPUT;
  }
  if (reasons)
    *reasons = why;
  *out = plan;
  return RP_OK;
}

/* ---- principals.csv read back (verify) ----------------------------------- */

rp_status_t rp_principals_read(const char *path, const rp_county_t *c, rp_principals_t **out,
                               rp_diag_t *diag) {
  static const char *const col_from[] = {"from_school", "调出学校", NULL};
  static const char *const col_to[] = {"to_school", "调入学校", NULL};
  rp_table_t *t = NULL;
  *out = NULL;
  rp_status_t st = rp_csv_read_maybe_empty(path, &t, diag);
  if (st != RP_OK)
    return st;
  size_t errors0 = diag->n_errors;
  int ct = rp_table_column(t, col_tid), cf = rp_table_column(t, col_from),
      cd = rp_table_column(t, col_to);
  rp_principals_t *p = calloc(1, sizeof *p);
  if (p && (ct < 0 || cf < 0 || cd < 0)) {
    rp_diag_error(diag, path, 1, ct < 0 ? "teacher_id" : cf < 0 ? "from_school" : "to_school",
                  "required column is missing");
    st = RP_EINPUT;
  } else if (!p || !(p->moves = calloc(t->nrows + 1, sizeof *p->moves))) {
    st = RP_ENOMEM;
  }
  for (size_t r = 0; st == RP_OK && r < t->nrows; r++) {
    size_t k = find_teacher(c, rp_table_cell(t, r, ct));
    size_t from = rp_county_find_school(c, rp_table_cell(t, r, cf));
    size_t to = rp_county_find_school(c, rp_table_cell(t, r, cd));
    int bad = k == SIZE_MAX ? ct : from == (size_t)-1 ? cf : to == (size_t)-1 ? cd : -1;
    if (bad >= 0) {
      rp_diag_error(diag, path, t->lines[r], t->header[bad], "\"%s\" is not in the rosters",
                    rp_table_cell(t, r, bad));
      continue;
    }
    if (from != c->teachers[k].school) {
      rp_diag_error(diag, path, t->lines[r], t->header[cf],
                    "principal %s leads %s, not %s", c->teachers[k].id,
                    c->schools[c->teachers[k].school].id, c->schools[from].id);
      continue;
    }
    p->moves[p->n++] = (rp_principal_move_t){k, from, to,
                                             rp_school_km(&c->schools[from], &c->schools[to])};
  }
  rp_table_free(t);
  if (st == RP_OK && diag->n_errors > errors0)
    st = RP_EINPUT;
  if (st != RP_OK) {
    rp_principals_free(p);
    return st;
  }
  *out = p;
  return RP_OK;
}
