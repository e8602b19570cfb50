/* The tables of a plan, built once (sheet.h) and written as CSV, as sheets
 * of the workbook and as tables of the HTML report. */
#ifndef RP_PLAN_SHEETS_H
#define RP_PLAN_SHEETS_H

#include "model/county.h"
#include "model/indicators.h"
#include "model/plan.h"
#include "model/policy.h"
#include "io/sheet.h"

/* A planned year: what every report of it reads. */
typedef struct {
  const rp_county_t *county;
  const rp_policy_t *policy;
  const rp_audit_t *before, *after;
  const rp_plan_t *plan;
} rp_plan_view_t;

/* rotation_list.csv: one row a move. */
rp_sheet_t *rp_sheet_rotation_list(rp_lang_t l, const rp_plan_view_t *v);
/* schools_after.csv: each section before and after; shortfalls after and
 * per-100 values after that miss their target are flagged. */
rp_sheet_t *rp_sheet_schools(rp_lang_t l, const rp_plan_view_t *v);
/* recruitment.csv: what moving teachers cannot reach. */
rp_sheet_t *rp_sheet_recruitment(rp_lang_t l, const rp_plan_view_t *v);
/* The summary as item / value / before / after / limit rows; rules not met
 * are flagged. */
rp_sheet_t *rp_sheet_summary(rp_lang_t l, const rp_plan_view_t *v);

#endif
