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
#include "io/csv_writer.h"
#include "io/html_report.h"
#include "io/out_file.h"
#include "io/sheet.h"
#include "io/xlsx_writer.h"

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

/* The table's columns, in order: header and how to print a row's cell. */
enum { C_SCEN, C_STATUS, C_MOVED, C_BB, C_SB, C_SA, C_MISS, C_CV0 };
#define N_CV (RP_LEVELS * RP_INDICATORS)
enum {
  C_REC0 = C_CV0 + N_CV,
  C_KM = C_REC0 + RP_SUMMARY_GROUPS,
  C_KMMAX,
  C_TSHARE,                  /* share of moves toward rural or weak schools */
  C_DIR0,                    /* moves per direction label, one column each */
  C_SEC = C_DIR0 + RP_MOVE_DIRS,
  C_COLS
};
_Static_assert(C_COLS == RP_COMPARISON_COLS, "comparison.h counts the columns");

void rp_comparison_header(rp_lang_t l, int col, char *buf, size_t n) {
  static const char *const fixed[] = {"scenario", "status", "moved", "backbone_moved",
                                      "shortfall_before", "shortfall_after",
                                      "sections_missing"};
  char key[64];
  if (col < C_CV0) {
    snprintf(buf, n, "%s", rp_tr(l, fixed[col]));
  } else if (col < C_REC0) {
    rp_cv_header(l, (col - C_CV0) / RP_INDICATORS, (col - C_CV0) % RP_INDICATORS, buf, n);
  } else if (col < C_KM) {
    snprintf(key, sizeof key, "recruit_%s", rp_summary_group_names[col - C_REC0]);
    snprintf(buf, n, "%s", rp_tr(l, key));
  } else if (col >= C_DIR0 && col < C_SEC) {
    snprintf(buf, n, "%s", rp_move_dir_label(l, (rp_move_dir_t)(col - C_DIR0)));
  } else if (col == C_TSHARE) {
    snprintf(buf, n, "%s", rp_tr(l, "toward_share"));
  } else {
    snprintf(buf, n, "%s",
             rp_tr(l, col == C_KM ? "km_mean" : col == C_KMMAX ? "km_max" : "seconds"));
  }
}

static void cell_of(rp_lang_t l, const rp_comparison_row_t *r, const rp_comparison_row_t *ref,
                    int is_ref, int col, char *buf, size_t n) {
  if (col == C_SCEN) {
    snprintf(buf, n, "%s", r->name);
    return;
  }
  if (!r->ok) {
    snprintf(buf, n, "%s", col == C_STATUS ? rp_tr(l, "failed") : "-");
    return;
  }
  const rp_summary_t *a = &r->s, *b = &ref->s;
  switch (col) {
  case C_STATUS: snprintf(buf, n, "%s", rp_tr(l, a->solver.status)); return;
  case C_MOVED: fig(buf, n, a->moved, b->moved, is_ref, 0); return;
  case C_BB: fig(buf, n, a->moved_backbone, b->moved_backbone, is_ref, 0); return;
  case C_SB: fig(buf, n, a->shortfall_before.total, b->shortfall_before.total, is_ref, 0); return;
  case C_SA: fig(buf, n, a->shortfall_after.total, b->shortfall_after.total, is_ref, 0); return;
  case C_MISS: fig(buf, n, a->sections_missing_after, b->sections_missing_after, is_ref, 0); return;
  case C_KM: fig(buf, n, a->km_mean, b->km_mean, is_ref, 1); return;
  case C_KMMAX: fig(buf, n, a->km_max, b->km_max, is_ref, 1); return;
  case C_TSHARE: fig(buf, n, a->toward_share, b->toward_share, is_ref, 4); return;
  case C_SEC: snprintf(buf, n, "%.2f", a->solver.seconds); return;
  default: break;
  }
  if (col >= C_DIR0) {
    fig(buf, n, a->directions[col - C_DIR0], b->directions[col - C_DIR0], is_ref, 0);
    return;
  }
  if (col < C_REC0) {
    int lv = (col - C_CV0) / RP_INDICATORS, i = (col - C_CV0) % RP_INDICATORS;
    char v[48];
    fig(v, sizeof v, a->levels_after[lv].cv[i], b->levels_after[lv].cv[i], is_ref, 4);
    snprintf(buf, n, "%s %s", v, rp_tr(l, a->levels_after[lv].pass[i] ? "pass" : "FAIL"));
    return;
  }
  fig(buf, n, a->recruitment[col - C_REC0], b->recruitment[col - C_REC0], is_ref, 0);
}

void rp_comparison_cell(rp_lang_t l, const rp_comparison_row_t *rows, size_t k, int col,
                        char *buf, size_t n) {
  cell_of(l, &rows[k], &rows[0], k == 0, col, buf, n);
}

/* The comparison as a table: `numbers` stores the figures as numbers (the
 * workbook), else as the text of comparison.csv ("161 (+12)"). */
static rp_sheet_t *comparison_sheet(rp_lang_t l, const rp_comparison_row_t *rows, size_t n,
                                    int numbers) {
  char hdr[C_COLS][128], buf[128];
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
      int lv = (c - C_CV0) / RP_INDICATORS, i = (c - C_CV0) % RP_INDICATORS;
      const rp_summary_t *a = &r->s;
      const double fig[] = {[C_MOVED] = a->moved, [C_BB] = a->moved_backbone,
                            [C_SB] = a->shortfall_before.total, [C_SA] = a->shortfall_after.total,
                            [C_MISS] = a->sections_missing_after};
      if (c < C_CV0)
        rp_sheet_num(s, fig[c], 0);
      else if (c < C_REC0)
        rp_sheet_num(s, a->levels_after[lv].cv[i], 4);
      else if (c < C_KM)
        rp_sheet_num(s, a->recruitment[c - C_REC0], 0);
      else if (c >= C_DIR0 && c < C_SEC)
        rp_sheet_num(s, a->directions[c - C_DIR0], 0);
      else if (c == C_TSHARE)
        rp_sheet_num(s, a->toward_share, 4);
      else
        rp_sheet_num(s, c == C_KM ? a->km_mean : c == C_KMMAX ? a->km_max : a->solver.seconds,
                     c == C_SEC ? 2 : 1);
      if (c >= C_CV0 && c < C_REC0 && !a->levels_after[lv].pass[i])
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
    if (!r->ok)
      continue;
    cJSON_AddStringToObject(o, "status", a->solver.status);
    cJSON_AddNumberToObject(o, "moved", a->moved);
    cJSON_AddNumberToObject(o, "moved_backbone", a->moved_backbone);
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

