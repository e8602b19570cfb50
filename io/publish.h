/* What a bureau posts and hands out once a plan is settled (`rotaplan
 * publish`): one printable page per school for its principal (who leaves,
 * who arrives, the subjects before and after against the curriculum's
 * demand) with an index page; one notice (告知书) per moved teacher, all in
 * one printable file, a page each; and the 公示 list, only what may be
 * posted (name, the schools' names, subject), as CSV, a workbook and a
 * page.
 *
 * Pages are self-contained as the report is (io/html_report.c): one style
 * sheet, no script, nothing fetched, A4 in print.  Every file goes into the
 * run's transaction (io/out_file.h): all of them are renamed into place
 * together, or none.
 */
#ifndef RP_PUBLISH_H
#define RP_PUBLISH_H

#include "io/out_file.h"
#include "io/plan_sheets.h"
#include "model/status.h"

/* A calendar date. */
typedef struct {
  int y, m, d;
} rp_date_t;

/* "2026-09-01" into *out; 0, or -1 when it is not a date of the calendar. */
int rp_date_parse(const char *s, rp_date_t *out);
/* The date `days` working days (Monday to Friday) after d; public holidays
 * are not known, so a deadline over one is set by hand. */
rp_date_t rp_date_add_working_days(rp_date_t d, int days);
/* "2026-09-01", or 2026年9月1日 in Chinese, into buf. */
void rp_date_format(rp_lang_t l, rp_date_t d, char *buf, size_t n);

/* What the notices say besides the plan (docs/data-format.md, "publish"). */
typedef struct {
  rp_date_t published; /* the day the list is posted */
  rp_date_t start;     /* the first day at the new school */
  rp_date_t deadline;  /* the last day for an appeal */
  int term_years;      /* term of the rotation; 0: not stated */
  const char *contact; /* whom to ask and where to appeal */
} rp_notice_terms_t;

/* Writes into dir (created if missing): index.html, one
 * school_<id>.html per school, notices.html, public_list.html,
 * public_list.csv (in encoding enc) and public_list.xlsx, and with the
 * principals' exchange (v->plan->principals) principals_list.html and
 * principals_list.csv, into txn.  v's
 * plan has its reasons and plan->why derived.  RP_OK, RP_ENOMEM, RP_EIO or
 * RP_EUSAGE (an output over an input). */
rp_status_t rp_publish_write(const char *dir, const rp_plan_view_t *v, rp_lang_t lang,
                             rp_encoding_t enc, const rp_notice_terms_t *terms,
                             rp_out_txn_t *txn, rp_diag_t *diag);

/* The file name of school i's page ("school_S001.html"; a code with other
 * characters than letters, digits, '-' and '_' gives "school_<row>.html"),
 * into buf. */
void rp_publish_school_file(const rp_county_t *c, size_t i, char *buf, size_t n);

#endif
