/* The comparison of scenarios (`rotaplan compare`): one row a scenario, its
 * figures read from its summary.json, the first scenario the reference the
 * others show their differences from.  Written as DIR/comparison.csv, .md
 * and .json, and on request as a workbook and a report with charts; the
 * table's headers and cells serve the command's printout too. */
#ifndef RP_COMPARISON_H
#define RP_COMPARISON_H

#include <stddef.h>

#include "io/lang.h"
#include "io/out_file.h"
#include "io/summary_json.h"
#include "model/indicators.h"
#include "model/status.h"

/* One scenario: its name, and its summary when it was planned (ok). */
typedef struct {
  const char *name;
  int ok;
  rp_summary_t s;
} rp_comparison_row_t;

/* The table's columns: scenario, status, moved, backbone moved, shortfall
 * before and after, sections missing, the coefficients, recruitment by
 * group, mean and longest distance, seconds. */
#define RP_COMPARISON_COLS (7 + RP_LEVELS * RP_INDICATORS + RP_SUMMARY_GROUPS + 4 + RP_MOVE_DIRS)

/* Column col's header in language l. */
void rp_comparison_header(rp_lang_t l, int col, char *buf, size_t n);
/* Row k's cell in column col as comparison.csv has it ("161 (+12)"). */
void rp_comparison_cell(rp_lang_t l, const rp_comparison_row_t *rows, size_t k, int col,
                        char *buf, size_t n);

/* Where and how the comparison is written. */
typedef struct {
  rp_encoding_t csv_encoding;
  const char *xlsx, *html; /* the workbook and the report, or NULL */
} rp_comparison_files_t;

/* Writes dir/comparison.csv, .md and .json, then x->xlsx and x->html when
 * asked, complete, into the run's transaction txn (io/out_file.h): the
 * caller commits them with the scenarios' files.  The report links each
 * scenario's dir/<name>/report.html. */
rp_status_t rp_comparison_write(const char *dir, const rp_comparison_row_t *rows, size_t n,
                                rp_lang_t l, const rp_comparison_files_t *x, rp_out_txn_t *txn,
                                rp_diag_t *diag);

#endif
