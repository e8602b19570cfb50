/* The workbook of a plan (--xlsx FILE): its tables (io/plan_sheets.h) as
 * sheets, for the plan year alone or, with --years N, for every year
 * planned, after the years' overview (years.csv's table).  The HTML
 * report's counterparts are in io/html_report.h. */
#ifndef RP_PLAN_REPORTS_H
#define RP_PLAN_REPORTS_H

#include "io/out_file.h"
#include "io/plan_sheets.h"
#include "io/sheet.h"
#include "model/status.h"

/* The workbook of one planned year: rotation list, schools, subjects,
 * recruitment, summary, public list, then the principals' exchange
 * (principal_exchange = yes) and the move frontier (--frontier) when the
 * plan has them; into txn as rp_xlsx_write. */
rp_status_t rp_plan_workbook_write(const char *path, const rp_plan_view_t *v, rp_lang_t l,
                                   rp_out_txn_t *txn, rp_diag_t *diag);

/* The workbook of a multi-year plan: the overview (years.csv's table, not
 * owned) first, then each of the n years' sheets of rp_plan_workbook_write
 * (each view's county the county of that year), their names after the
 * year ("2027 rotation list"). */
rp_status_t rp_years_workbook_write(const char *path, const rp_plan_view_t *years, size_t n,
                                    const rp_sheet_t *overview, rp_lang_t l, rp_out_txn_t *txn,
                                    rp_diag_t *diag);

#endif
