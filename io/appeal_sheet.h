/* appeals.csv (plan --appeals, docs/data-format.md): per accepted appeal,
 * what granting it alone costs against the previous plan. */
#ifndef RP_APPEAL_SHEET_H
#define RP_APPEAL_SHEET_H

#include "io/sheet.h"
#include "model/plan.h"

/* The columns of appeals.csv, NULL-ended, in English; each header is
 * rp_tr(l, column) (the web workspace shows them in the page's language). */
extern const char *const rp_appeals_columns[];

rp_sheet_t *rp_sheet_appeals(rp_lang_t l, const rp_county_t *c, const rp_appeal_cost_t *costs,
                             size_t n);

/* Why an appeal cannot be granted alone, in language l. */
const char *rp_appeal_why(rp_lang_t l, const rp_appeal_cost_t *a);

/* The coefficients an appeal makes worse, as text ("primary backbone
 * 0.3120 -> 0.3301; ..."), empty when none; 4 decimals, as pass and FAIL. */
void rp_appeal_worse_text(rp_lang_t l, const rp_appeal_cost_t *a, char *buf, size_t n);

#endif
