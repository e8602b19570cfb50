/* The workbook of a plan, one year or several (see plan_reports.h). */
#include "io/plan_reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_writer.h"

/* The sheets of one year, in the workbook's order; the number made (0
 * with a NULL among them: out of memory).  sh holds at least YEAR_SHEETS. */
enum { YEAR_SHEETS = 8 };
static size_t year_sheets(const rp_plan_view_t *v, rp_lang_t l, rp_sheet_t **sh) {
  size_t n = 0;
  sh[n++] = rp_sheet_rotation_list(l, v);
  sh[n++] = rp_sheet_schools(l, v);
  sh[n++] = rp_sheet_subjects(l, v);
  sh[n++] = rp_sheet_recruitment(l, v);
  sh[n++] = rp_sheet_summary(l, v);
  sh[n++] = rp_sheet_public_list(l, v);
  if (v->plan->principals)
    sh[n++] = rp_sheet_principals(l, v);
  if (v->frontier)
    sh[n++] = rp_sheet_frontier(l, v->frontier);
  for (size_t i = 0; i < n; i++)
    if (!sh[i])
      return 0;
  return n;
}

static void free_sheets(rp_sheet_t **sh, size_t n) {
  for (size_t i = 0; i < n; i++)
    rp_sheet_free(sh[i]);
}

rp_status_t rp_plan_workbook_write(const char *path, const rp_plan_view_t *v, rp_lang_t l,
                                   rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_sheet_t *sh[YEAR_SHEETS] = {0};
  size_t n = year_sheets(v, l, sh);
  rp_status_t st = n ? rp_xlsx_write(path, sh, n, v->policy->plan_year, txn, diag) : RP_ENOMEM;
  free_sheets(sh, YEAR_SHEETS);
  return st;
}

/* The sheet's name after its year: "2027 rotation list" (Excel allows 31
 * characters; the longest name of a year's sheets fits). */
static int name_by_year(rp_sheet_t *s, int year) {
  size_t n = strlen(s->name) + 16;
  char *name = malloc(n);
  if (!name)
    return -1;
  snprintf(name, n, "%d %s", year, s->name);
  free(s->name);
  s->name = name;
  return 0;
}

rp_status_t rp_years_workbook_write(const char *path, const rp_plan_view_t *years, size_t n,
                                    const rp_sheet_t *overview, rp_lang_t l, rp_out_txn_t *txn,
                                    rp_diag_t *diag) {
  rp_sheet_t **sh = calloc(n * YEAR_SHEETS + 2, sizeof *sh);
  size_t ns = 0;
  rp_status_t st = sh && n ? RP_OK : RP_ENOMEM;
  if (st == RP_OK)
    sh[ns++] = (rp_sheet_t *)overview; /* written, never changed or freed here */
  for (size_t y = 0; st == RP_OK && y < n; y++) {
    size_t k = year_sheets(&years[y], l, sh + ns);
    for (size_t i = 0; i < k; i++)
      if (name_by_year(sh[ns + i], years[y].policy->plan_year) != 0)
        k = 0;
    if (!k) {
      ns += YEAR_SHEETS; /* freed below, NULL or not */
      st = RP_ENOMEM;
    }
    ns += k;
  }
  if (st == RP_OK)
    st = rp_xlsx_write(path, sh, ns, years[0].policy->plan_year, txn, diag);
  if (sh)
    free_sheets(sh + 1, ns > 0 ? ns - 1 : 0);
  free(sh);
  return st;
}
