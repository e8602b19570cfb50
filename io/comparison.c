/* The comparison's table and files (see comparison.h): the columns and
 * their cells, comparison.csv, .md and .json, the workbook and the report
 * with the scenarios side by side. */
#define _DEFAULT_SOURCE /* realpath */
#include "io/comparison.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/audit_report.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/html_report.h"
#include "io/out_file.h"
#include "io/sheet.h"
#include "io/xlsx_writer.h"

/* One row of a rotation list: the teacher and where they go. */
typedef struct {
  const char *id, *to;
} placed_t;

static int placed_cmp(const void *x, const void *y) {
  return strcmp(((const placed_t *)x)->id, ((const placed_t *)y)->id);
}

/* The rows of the list at path, sorted by teacher, into *out (cells
 * pointing into *t); the count, or -1. */
static long read_placed(const char *path, rp_table_t **t, placed_t **out) {
  static const char *const col_tid[] = {"teacher_id", "工号", NULL};
  static const char *const col_to[] = {"to_school", "调入学校", NULL};
  rp_diag_t quiet = RP_DIAG_INIT;
  *out = NULL;
  rp_status_t st = rp_csv_read_maybe_empty(path, t, &quiet);
  rp_diag_clear(&quiet);
  if (st != RP_OK)
    return -1;
  int ct = rp_table_column(*t, col_tid), cd = rp_table_column(*t, col_to);
  if (ct < 0 || cd < 0 || !(*out = calloc((*t)->nrows + 1, sizeof **out)))
    return -1;
  for (size_t r = 0; r < (*t)->nrows; r++)
    (*out)[r] = (placed_t){rp_table_cell(*t, r, ct), rp_table_cell(*t, r, cd)};
  qsort(*out, (*t)->nrows, sizeof **out, placed_cmp);
  return (long)(*t)->nrows;
}

int rp_comparison_lists_differ(const char *list_a, const char *list_b) {
  rp_table_t *ta = NULL, *tb = NULL;
  placed_t *a = NULL, *b = NULL;
  long na = read_placed(list_a, &ta, &a), nb = read_placed(list_b, &tb, &b);
  int changed = -1;
  if (na >= 0 && nb >= 0) {
    long i = 0, j = 0;
    changed = 0;
    while (i < na || j < nb) {
      int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i].id, b[j].id);
      if (c == 0)
        changed += strcmp(a[i].to, b[j].to) != 0;
      else
        changed++; /* moved in one list only */
      i += c <= 0;
      j += c >= 0;
    }
  }
  free(a);
  free(b);
  rp_table_free(ta);
  rp_table_free(tb);
  return changed;
}

/* "161 (+12)": a figure and, for scenarios after the first, its difference. */
static void fig(char *buf, size_t n, double v, double ref, int is_ref, int decimals) {
  if (isnan(v)) {
    snprintf(buf, n, "-");
    return;
  }
  if (is_ref || isnan(ref) || fabs(v - ref) < 0.5 * pow(10, -decimals))
    snprintf(buf, n, "%.*f", decimals, v);
  else
    snprintf(buf, n, "%.*f (%+.*f)", decimals, v, decimals, v - ref);
}

/* The table's columns, in order: header and how to print a row's cell.
 * The solver's seconds are left to comparison.json: they say nothing about
 * the policy. */
enum {
  C_SCEN,
  C_STATUS,
  C_ELIG,     /* eligible teachers (符合交流条件教师) */
  C_MIN,      /* the quota's minimum */
  C_MOVED,
  C_BB,
  C_TOWARD,   /* moves toward rural or weak schools */
  C_OTHER,    /* the other moves */
  C_FAR,      /* moves over RP_FAR_KM */
  C_AFFECTED, /* teachers placed otherwise than by the reference */
  C_SB,
  C_SA,
  C_MISS,
  C_CV0
};
#define N_CV (RP_LEVELS * RP_INDICATORS)
enum { C_REC0 = C_CV0 + N_CV, C_KM = C_REC0 + RP_SUMMARY_GROUPS, C_KMMAX, C_COLS };
_Static_assert(C_COLS == RP_COMPARISON_COLS, "comparison.h counts the columns");

void rp_comparison_header(rp_lang_t l, int col, char *buf, size_t n) {
  /* Words, not keys (comparison.json keeps the keys); "comparison\004" is
   * the context of words that the plan's own tables translate otherwise. */
  static const char *const fixed[C_CV0] = {
      "comparison\004scenario",
      "comparison\004status",
      "comparison\004eligible teachers",
      "comparison\004minimum to move",
      "comparison\004teachers moved",
      "comparison\004of them backbone",
      "comparison\004toward rural or weak schools",
      "comparison\004in other directions",
      NULL, /* C_FAR: with its distance */
      "comparison\004teachers placed otherwise than by the reference",
      "comparison\004shortfall before",
      "comparison\004shortfall after",
      "comparison\004sections still missing a target"};
  static const char *const rec[RP_SUMMARY_GROUPS] = {
      [RP_REC_PE_ART] = "comparison\004to recruit: PE and arts",
      [RP_REC_ANY] = "comparison\004to recruit: any subject",
      [RP_REC_DEGREE] = "comparison\004to recruit: above the required degree",
      [RP_REC_BACKBONE] = "comparison\004to recruit: backbone",
      [RP_REC_SUBJECTS] = "comparison\004to recruit: subject gaps"};
  static const char *const words[RP_INDICATORS] = {
      "indicator\004degree", "indicator\004backbone", "indicator\004PE and arts"};
  if (col == C_FAR)
    rp_fmt(buf, n, rp_tr(l, "moves over %g km"), RP_FAR_KM);
  else if (col < C_CV0)
    rp_fmt(buf, n, "%s", rp_tr(l, fixed[col]));
  else if (col < C_REC0)
    rp_fmt(buf, n, rp_tr(l, "CV (%s · %s)"),
           rp_level_label(l, (rp_level_t)((col - C_CV0) / RP_INDICATORS)),
           rp_tr(l, words[(col - C_CV0) % RP_INDICATORS]));
  else if (col < C_KM)
    rp_fmt(buf, n, "%s", rp_tr(l, rec[col - C_REC0]));
  else
    rp_fmt(buf, n, "%s",
           rp_tr(l, col == C_KM ? "comparison\004mean km" : "comparison\004longest km"));
}

/* Column col's figure in summary a (NAN: none) and its decimals. */
static double value(const rp_comparison_row_t *r, int col, int *decimals) {
  const rp_summary_t *a = &r->s;
  *decimals = 0;
  if (col >= C_CV0 && col < C_REC0) {
    *decimals = 4;
    return a->levels_after[(col - C_CV0) / RP_INDICATORS].cv[(col - C_CV0) % RP_INDICATORS];
  }
  if (col >= C_REC0 && col < C_KM)
    return a->recruitment[col - C_REC0];
  switch (col) {
  case C_ELIG: return a->eligible;
  case C_MIN: return a->min_rotate;
  case C_MOVED: return a->moved;
  case C_BB: return a->moved_backbone;
  case C_TOWARD: return a->toward;
  case C_OTHER: return a->moved - a->toward;
  case C_FAR: return a->far_moves;
  case C_AFFECTED: return r->changed;
  case C_SB: return a->shortfall_before.total;
  case C_SA: return a->shortfall_after.total;
  case C_MISS: return a->sections_missing_after;
  case C_KM: *decimals = 1; return a->km_mean;
  case C_KMMAX: *decimals = 1; return a->km_max;
  default: return NAN;
  }
}

/* Does the cell say a limit is missed (a coefficient over its limit)? */
static int missed(const rp_summary_t *a, int col) {
  return col >= C_CV0 && col < C_REC0 &&
         !a->levels_after[(col - C_CV0) / RP_INDICATORS].pass[(col - C_CV0) % RP_INDICATORS];
}

static void cell_of(rp_lang_t l, const rp_comparison_row_t *r, const rp_comparison_row_t *ref,
                    int is_ref, int col, char *buf, size_t n) {
  if (col == C_SCEN) {
    rp_fmt(buf, n, "%s", r->name);
    return;
  }
  if (!r->ok) {
    /* A failed scenario says why: its first message (the reason). */
    if (col == C_STATUS && r->reason[0])
      rp_fmt(buf, n, rp_tr(l, "failed: %s"), r->reason);
    else
      rp_fmt(buf, n, "%s", col == C_STATUS ? rp_tr(l, "failed") : "-");
    return;
  }
  if (col == C_STATUS) {
    rp_fmt(buf, n, "%s", rp_tr(l, r->s.solver.status));
    return;
  }
  int d;
  double v = value(r, col, &d), w = value(ref, col, &d);
  if (col == C_AFFECTED) /* a difference from the reference already */
    is_ref = 1;
  if (col >= C_CV0 && col < C_REC0) {
    char x[48];
    fig(x, sizeof x, v, w, is_ref, d);
    rp_fmt(buf, n, "%s %s", x, rp_tr(l, missed(&r->s, col) ? "FAIL" : "pass"));
    return;
  }
  fig(buf, n, v, w, is_ref, d);
}

void rp_comparison_cell(rp_lang_t l, const rp_comparison_row_t *rows, size_t k, int col,
                        char *buf, size_t n) {
  cell_of(l, &rows[k], &rows[0], k == 0, col, buf, n);
}

/* The comparison as a table: `numbers` stores the figures as numbers (the
 * workbook), else as the text of comparison.csv ("161 (+12)"). */
static rp_sheet_t *comparison_sheet(rp_lang_t l, const rp_comparison_row_t *rows, size_t n,
                                    int numbers) {
  char hdr[C_COLS][128], buf[RP_REASON_MAX + 64];
  const char *names[C_COLS + 1];
  for (int c = 0; c < C_COLS; c++) {
    rp_comparison_header(l, c, hdr[c], sizeof hdr[c]);
    names[c] = hdr[c];
  }
  names[C_COLS] = NULL;
  rp_sheet_t *s = rp_sheet_new(l, "comparison", names);
  for (size_t k = 0; s && k < n; k++) {
    const rp_comparison_row_t *r = &rows[k];
    for (int c = 0; c < C_COLS; c++) {
      if (!numbers || c <= C_STATUS || !r->ok) {
        cell_of(l, r, &rows[0], k == 0, c, buf, sizeof buf);
        rp_sheet_text(s, numbers && !r->ok && c > C_STATUS ? NULL : buf);
        continue;
      }
      int d;
      double v = value(r, c, &d);
      if (isnan(v))
        rp_sheet_empty(s);
      else
        rp_sheet_num(s, v, d);
      if (missed(&r->s, c))
        rp_sheet_flag(s);
    }
  }
  if (s && s->failed) {
    rp_sheet_free(s);
    s = NULL;
  }
  return s;
}

/* The way from the folder of `page` to the folder `dir` ("" when the same,
 * else like "../out/compare/"), so that the comparison's page links each
 * scenario's report wherever --html puts it. */
static void rel_dir(const char *page, const char *dir, char *buf, size_t n) {
  const char *name;
  char *a = rp_out_folder_of(page, &name), *b = realpath(dir, NULL);
  buf[0] = '\0';
  if (!a || !b) {
    snprintf(buf, n, "%s/", dir);
  } else {
    size_t i = 0, common = 0;
    for (; a[i] && a[i] == b[i]; i++)
      if (a[i] == '/')
        common = i;
    if (!a[i] && (!b[i] || b[i] == '/'))
      common = i; /* a is b or an ancestor of it */
    size_t used = 0;
    for (const char *p = a + common; *p && used < n; p++)
      if (*p == '/')
        used += (size_t)snprintf(buf + used, n - used, "../");
    if (b[common] && used < n)
      snprintf(buf + used, n - used, "%s/", b + common + 1);
  }
  free(a);
  free(b);
}

/* The comparison's report: the table and the figures charted. */
static rp_status_t write_html(const char *path, const char *out, const rp_comparison_row_t *rows,
                              size_t n, const rp_sheet_t *table, rp_lang_t l, rp_out_txn_t *txn,
                              rp_diag_t *diag) {
  rp_status_t st = RP_ENOMEM;
  rp_html_scenario_t *sc = calloc(n, sizeof *sc);
  char (*links)[8600] = calloc(n, sizeof *links);
  if (!sc || !links)
    goto done;
  char to_out[4200];
  rel_dir(path, out, to_out, sizeof to_out);
  for (size_t k = 0; k < n; k++) {
    const rp_comparison_row_t *r = &rows[k];
    rp_html_scenario_t *h = &sc[k];
    h->name = r->name;
    h->ok = r->ok;
    h->moved = r->s.moved;
    h->moved_bb = r->s.moved_backbone;
    h->toward = r->s.toward;
    h->far = r->s.far_moves;
    h->short_after = r->s.shortfall_after.total;
    h->missing = r->s.sections_missing_after;
    h->recruit = 0;
    for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
      h->recruit += r->s.recruitment[i];
    for (int lv = 0; lv < RP_LEVELS; lv++)
      for (int i = 0; i < RP_INDICATORS; i++) {
        h->cv[lv][i] = r->s.levels_after[lv].cv[i];
        h->pass[lv][i] = r->s.levels_after[lv].pass[i];
      }
    memcpy(h->cv_limit, r->s.cv_limit, sizeof h->cv_limit);
    snprintf(links[k], sizeof links[k], "%s%s/report.html", to_out, r->name);
    h->link = links[k];
  }
  st = rp_html_write_compare(path, sc, n, table, l, txn, diag);
done:
  free(links);
  free(sc);
  return st;
}

/* comparison.md: the table of comparison.csv, n rows, as Markdown. */
static void write_md(FILE *md, const rp_sheet_t *text, size_t n) {
  char buf[128];
  for (int c = 0; c < C_COLS; c++)
    fprintf(md, "| %s ", text->header[c]);
  fputs("|\n", md);
  for (int c = 0; c < C_COLS; c++)
    fputs("|---", md);
  fputs("|\n", md);
  for (size_t k = 0; k < n; k++) {
    for (int c = 0; c < C_COLS; c++) {
      rp_cell_format(rp_sheet_cell(text, k, (size_t)c), buf, sizeof buf);
      fprintf(md, "| %s ", buf);
    }
    fputs("|\n", md);
  }
}

/* comparison.json: each scenario's figures, and the others' differences
 * from the reference. */
static cJSON *comparison_json(const rp_comparison_row_t *rows, size_t n, rp_lang_t l) {
  const rp_summary_t *ref = &rows[0].s;
  cJSON *doc = cJSON_CreateObject();
  cJSON_AddStringToObject(doc, "reference", rows[0].name);
  cJSON_AddStringToObject(doc, "lang", rp_lang_code(l));
  cJSON *arr = cJSON_AddArrayToObject(doc, "scenarios");
  for (size_t k = 0; k < n; k++) {
    const rp_comparison_row_t *r = &rows[k];
    const rp_summary_t *a = &r->s;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(arr, o);
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddBoolToObject(o, "planned", r->ok);
    if (!r->ok) {
      cJSON_AddStringToObject(o, "reason", r->reason);
      continue;
    }
    cJSON_AddStringToObject(o, "status", a->solver.status);
    cJSON_AddNumberToObject(o, "eligible", a->eligible);
    cJSON_AddNumberToObject(o, "min_rotate", a->min_rotate);
    cJSON_AddNumberToObject(o, "moved", a->moved);
    cJSON_AddNumberToObject(o, "moved_backbone", a->moved_backbone);
    cJSON_AddNumberToObject(o, "far_km", a->far_km);
    cJSON_AddNumberToObject(o, "far_moves", a->far_moves);
    if (!isnan(r->changed))
      cJSON_AddNumberToObject(o, "changed_from_reference", r->changed);
    cJSON_AddNumberToObject(o, "shortfall_before", a->shortfall_before.total);
    cJSON_AddNumberToObject(o, "shortfall_after", a->shortfall_after.total);
    cJSON_AddNumberToObject(o, "sections_missing_after", a->sections_missing_after);
    cJSON *cv = cJSON_AddObjectToObject(o, "cv_after");
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      cJSON *L = cJSON_AddObjectToObject(cv, rp_level_name((rp_level_t)lv));
      for (int i = 0; i < RP_INDICATORS; i++)
        cJSON_AddNumberToObject(L, rp_indicator_name((rp_indicator_t)i),
                                a->levels_after[lv].cv[i]);
    }
    cJSON *rec = cJSON_AddObjectToObject(o, "recruitment");
    for (int i = 0; i < RP_SUMMARY_GROUPS; i++)
      cJSON_AddNumberToObject(rec, rp_summary_group_names[i], a->recruitment[i]);
    cJSON_AddNumberToObject(o, "km_mean", a->km_mean);
    cJSON_AddNumberToObject(o, "km_max", a->km_max);
    cJSON_AddNumberToObject(o, "toward", a->toward);
    cJSON_AddNumberToObject(o, "toward_share", a->toward_share);
    cJSON *dirs = cJSON_AddObjectToObject(o, "directions");
    for (int d = 0; d < RP_MOVE_DIRS; d++)
      cJSON_AddNumberToObject(dirs, rp_move_dir_name((rp_move_dir_t)d), a->directions[d]);
    cJSON_AddNumberToObject(o, "seconds", a->solver.seconds);
    if (k > 0) {
      cJSON *d = cJSON_AddObjectToObject(o, "difference");
      cJSON_AddNumberToObject(d, "moved", a->moved - ref->moved);
      cJSON_AddNumberToObject(d, "shortfall_after",
                              a->shortfall_after.total - ref->shortfall_after.total);
      cJSON_AddNumberToObject(d, "sections_missing_after",
                              a->sections_missing_after - ref->sections_missing_after);
    }
  }
  return doc;
}

rp_status_t rp_comparison_write(const char *dir, const rp_comparison_row_t *rows, size_t n,
                                rp_lang_t l, const rp_comparison_files_t *x, rp_out_txn_t *txn,
                                rp_diag_t *diag) {
  static const char *const names[3] = {"comparison.csv", "comparison.md", "comparison.json"};
  rp_out_file_t *f[3] = {0};
  rp_status_t st = RP_OK;
  char path[4200];
  rp_sheet_t *text = comparison_sheet(l, rows, n, 0);
  rp_sheet_t *nums = comparison_sheet(l, rows, n, 1);
  if (!text || !nums) {
    st = RP_ENOMEM;
    goto done;
  }
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (!(f[i] = rp_out_open(path, diag, &st)))
      goto done;
  }
  if ((st = rp_out_set_encoding(f[0], x->csv_encoding)) != RP_OK)
    goto done;
  rp_sheet_write_csv(rp_out_stream(f[0]), text);
  write_md(rp_out_stream(f[1]), text, n);
  cJSON *doc = comparison_json(rows, n, l);
  st = rp_json_print(rp_out_stream(f[2]), doc);
  cJSON_Delete(doc);
  if (st != RP_OK)
    goto done;
  for (int i = 0; i < 3; i++) {
    rp_out_file_t *y = f[i];
    f[i] = NULL;
    if ((st = rp_out_txn_add(txn, y, diag)) != RP_OK)
      goto done;
  }
  if (x->xlsx) {
    rp_sheet_t *one[1] = {nums};
    st = rp_xlsx_write(x->xlsx, one, 1, (int)rows[0].s.plan_year, txn, diag);
  }
  if (st == RP_OK && x->html)
    st = write_html(x->html, dir, rows, n, text, l, txn, diag);
done:
  for (int i = 0; i < 3; i++)
    rp_out_abort(f[i]);
  rp_sheet_free(text);
  rp_sheet_free(nums);
  return st;
}

