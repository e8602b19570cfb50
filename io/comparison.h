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

/* The most of a failed scenario's reason that the comparison keeps. */
#define RP_REASON_MAX 600

/* One scenario: its name, and its summary when it was planned (ok), else
 * why not: its first error message, as `rotaplan plan` printed it (the
 * input's file, line and column, or the rule that cannot hold), and how
 * many more there were. */
typedef struct {
  const char *name;
  int ok;
  rp_summary_t s;
  char reason[RP_REASON_MAX];
  /* The teachers whose placement differs from the reference's plan (moved
   * in one and not the other, or to another school): the people this
   * scenario changes; NAN for the reference and where a list is missing. */
  double changed;
} rp_comparison_row_t;

/* The teachers placed differently by two rotation lists (rotation_list.csv,
 * English or Chinese headers): moved in one and not in the other, or to
 * another school; -1 when either cannot be read. */
int rp_comparison_lists_differ(const char *list_a, const char *list_b);

/* The table's columns: scenario, status (a failed scenario's reason),
 * eligible teachers, the quota's minimum, teachers moved, backbone moved,
 * moves toward rural or weak schools and in other directions, moves over
 * RP_FAR_KM, the teachers placed otherwise than by the reference, shortfall
 * before and after, sections missing a target, the coefficients,
 * recruitment by group, mean and longest distance. */
#define RP_COMPARISON_COLS (13 + RP_LEVELS * RP_INDICATORS + RP_SUMMARY_GROUPS + 2)

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
