/* appeals.csv (see appeal_sheet.h). */
#include "io/appeal_sheet.h"

#include <stdio.h>

const char *rp_appeal_why(rp_lang_t l, const rp_appeal_cost_t *a) {
  return l == RP_LANG_ZH && a->why_zh[0] ? a->why_zh : a->why;
}

void rp_appeal_worse_text(rp_lang_t l, const rp_appeal_cost_t *a, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
  if (!a->planned)
    return;
  for (int lv = 0; lv < RP_LEVELS; lv++)
    for (int i = 0; i < RP_INDICATORS; i++) {
      double was = a->cv_before[lv][i], now = a->cv[lv][i];
      if (!rp_cv_above(now, was) || len + 1 >= n)
        continue; /* not worse, as printed */
      int k = snprintf(buf + len, n - len, "%s%s %s %.4f -> %.4f", len ? "; " : "",
                       rp_level_label(l, (rp_level_t)lv), rp_indicator_label(l, i), was, now);
      if (k > 0)
        len += (size_t)k < n - len ? (size_t)k : n - len - 1;
    }
}

const char *const rp_appeals_columns[] = {"teacher_id",    "name",
                                          "school_id",     "appeal",
                                          "appeal_school", "granted_alone",
                                          "shortfall_change", "coefficients_worse",
                                          "rows_changed",  "moves",
                                          NULL};

rp_sheet_t *rp_sheet_appeals(rp_lang_t l, const rp_county_t *c, const rp_appeal_cost_t *costs,
                             size_t n) {
  rp_sheet_t *s = rp_sheet_new(l, "appeals", rp_appeals_columns);
  for (size_t i = 0; s && i < n; i++) {
    const rp_appeal_cost_t *a = &costs[i];
    const rp_teacher_t *t = &c->teachers[a->appeal->teacher];
    rp_sheet_text(s, t->id);
    rp_sheet_text(s, t->name);
    rp_sheet_text(s, c->schools[t->school].id);
    rp_sheet_text(s, rp_tr(l, a->appeal->action == RP_PIN_STAY ? "stay" : "not_to"));
    rp_sheet_text(s, a->appeal->action == RP_PIN_NOT_TO ? c->schools[a->appeal->school].id
                                                        : NULL);
    if (!a->planned) {
      char why[480];
      snprintf(why, sizeof why, "%s: %s", rp_tr(l, "no"), rp_appeal_why(l, a));
      rp_sheet_text(s, why);
      for (int k = 0; k < 4; k++)
        rp_sheet_empty(s);
      continue;
    }
    rp_sheet_text(s, rp_tr(l, "yes"));
    rp_sheet_num(s, a->shortfall_change, 0);
    char worse[512];
    rp_appeal_worse_text(l, a, worse, sizeof worse);
    rp_sheet_text(s, worse);
    rp_sheet_num(s, a->rows_changed, 0);
    rp_sheet_num(s, a->moves, 0);
  }
  if (s && s->failed) {
    rp_sheet_free(s);
    return NULL;
  }
  return s;
}
