/* The HTML report (see html_report.h). */
#include "html_report.h"

#include "out_file.h"
#include "svg.h"

rp_status_t rp_html_write_plan(const char *path, const rp_plan_view_t *v, rp_lang_t lang,
                               rp_diag_t *diag) {
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, diag, &st);
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>rotaplan %d</title></head><body></body></html>\n",
          lang == RP_LANG_ZH ? "zh-CN" : "en", v->policy->plan_year);
  return rp_out_commit(f, diag);
}

rp_status_t rp_html_write_compare(const char *path, const rp_html_scenario_t *s, size_t n,
                                  const rp_sheet_t *table, rp_lang_t lang, rp_diag_t *diag) {
  (void)s; (void)n; (void)table;
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, diag, &st);
  if (!f)
    return st;
  fprintf(rp_out_stream(f), "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>rotaplan</title></head><body></body></html>\n", lang == RP_LANG_ZH ? "zh-CN" : "en");
  return rp_out_commit(f, diag);
}
