/* The HTML report (--html FILE): one self-contained page, no script and
 * nothing fetched, with inline SVG charts (svg.h) and the plan's tables
 * (sheet.h).  For a plan: each section's per-100 values before and after
 * against the target lines, the difference coefficients before and after
 * against their limits, the county's subject gaps before and after and each
 * section's teachers of each subject against its demand, and the flows of teachers between schools (on the
 * schools' positions when the rosters give them).  For a comparison: the
 * scenarios side by side. */
#ifndef RP_HTML_REPORT_H
#define RP_HTML_REPORT_H

#include "io/out_file.h"
#include "io/plan_sheets.h"
#include "model/status.h"

/* With `txn` non-NULL the page joins the run's transaction (as
 * rp_xlsx_write), else it is renamed into place. */
rp_status_t rp_html_write_plan(const char *path, const rp_plan_view_t *v, rp_lang_t lang,
                               rp_out_txn_t *txn, rp_diag_t *diag);

/* The report of a multi-year plan (--years N): the years' overview
 * (years.csv's table, not owned) with a link to each year, then each of the
 * n years as rp_html_write_plan shows a plan, under the year's heading
 * (each view's county the county of that year); into txn likewise. */
rp_status_t rp_html_write_years(const char *path, const rp_plan_view_t *years, size_t n,
                                const rp_sheet_t *overview, rp_lang_t l, rp_out_txn_t *txn,
                                rp_diag_t *diag);

/* One scenario of a comparison, as the report charts it. */
typedef struct {
  const char *name;
  int ok; /* planned; else only its name is shown */
  double moved, moved_bb, short_after, missing, recruit;
  double toward, far; /* moves toward rural or weak schools, over RP_FAR_KM */
  double cv[RP_LEVELS][RP_INDICATORS], cv_limit[RP_LEVELS];
  int pass[RP_LEVELS][RP_INDICATORS];
  const char *link; /* the scenario's own report, relative to the page, or NULL */
} rp_html_scenario_t;

/* The comparison's page: `table` (the side-by-side table) and charts of the
 * scenarios' figures, the first being the reference; into txn as
 * rp_html_write_plan. */
rp_status_t rp_html_write_compare(const char *path, const rp_html_scenario_t *s, size_t n,
                                  const rp_sheet_t *table, rp_lang_t lang, rp_out_txn_t *txn,
                                  rp_diag_t *diag);

#endif
