/* The planner's extra inputs and its outputs.
 *
 * In: pins.csv (teacher_id, action = stay | move | to | not_to, school_id)
 * and preferences.csv (teacher_id, rank, school_id).  Out, into --out DIR:
 * rotation_list.csv, schools_after.csv, subjects.csv, recruitment.csv and
 * summary.json (docs/data-format.md), each written to a temporary name and renamed into
 * place only when every file of the run is complete.
 */
#ifndef RP_PLAN_IO_H
#define RP_PLAN_IO_H

#include "model/pins.h"
#include "model/county.h"
#include "io/lang.h"
#include "io/out_file.h"
#include "io/plan_sheets.h"
#include "model/plan.h"
#include "model/policy.h"
#include "model/principals.h"

rp_status_t rp_pins_load(const char *path, const rp_county_t *c, rp_pin_t **pins,
                         size_t *n, rp_diag_t *diag);
/* appeals.csv (plan --appeals): the appeals a bureau accepted, in pins.csv's
 * columns, each `stay` or `not_to` a school.  Checked against the pins
 * (a teacher pinned to move cannot also stay: both lines named). */
rp_status_t rp_appeals_load(const char *path, const rp_county_t *c, const rp_pin_t *pins,
                           size_t n_pins, rp_pin_t **appeals, size_t *n, rp_diag_t *diag);
rp_status_t rp_prefs_load(const char *path, const rp_county_t *c, rp_pref_t **prefs,
                          size_t *n, rp_diag_t *diag);

/* One row of enrolment_forecast.csv: a school's students in a year. */
typedef struct {
  size_t school;
  int year;
  int students[RP_LEVELS];
} rp_forecast_t;

/* enrolment_forecast.csv: school_id, year, primary_students,
 * junior_students (docs/data-format.md). */
rp_status_t rp_forecast_load(const char *path, const rp_county_t *c, rp_forecast_t **rows,
                             size_t *n, rp_diag_t *diag);

typedef struct {
  const char *schools, *teachers, *policy, *pins, *prefs; /* input paths */
  const char *curriculum; /* curriculum.csv; NULL: the built-in table */
  /* plan --previous DIR (its rotation_list.csv: the plan to stay close to)
   * and --appeals FILE (appeals.csv), or NULL */
  const char *previous, *appeals;
} rp_inputs_t;

/* How outputs are written: the language of what people read (headers,
 * values, text) and the encoding of CSV files. */
typedef struct {
  rp_lang_t lang;
  rp_encoding_t csv_encoding;
  int csv_encoding_given; /* --csv-encoding given; else the rosters' (rp_encoding_of_input) */
} rp_output_opts_t;

/* Writes the six plan files (ledger.csv among them) into dir, complete, into the run's
 * transaction txn: they are renamed into place with the run's other outputs
 * when it commits (io/out_file.h). */
rp_status_t rp_plan_write(const char *dir, const rp_plan_view_t *v, const rp_inputs_t *in,
                          const rp_output_opts_t *o, rp_out_txn_t *txn, rp_diag_t *diag);
/* The same, without rotation_list.csv when with_list is 0: `rotaplan
 * report` rebuilds the other four beside a list a planner edited. */
rp_status_t rp_plan_write_files(const char *dir, const rp_plan_view_t *v, const rp_inputs_t *in,
                                const rp_output_opts_t *o, int with_list, rp_out_txn_t *txn,
                                rp_diag_t *diag);

/* One table as the CSV file dir/name, in encoding enc, complete, into
 * txn (years.csv, frontier.csv).  Frees s; NULL or an incomplete s is
 * RP_ENOMEM. */
rp_status_t rp_sheet_write_csv_file(const char *dir, const char *name, rp_sheet_t *s,
                                    rp_encoding_t enc, rp_out_txn_t *txn, rp_diag_t *diag);

/* Reads DIR/rotation_list.csv back into a plan (moved_backbone left 0). */
rp_status_t rp_plan_read(const char *dir, const rp_county_t *c, const rp_audit_t *a,
                         rp_plan_t **out, rp_diag_t *diag);
/* The same from a rotation list's path (a file of the run read back before
 * its commit, rp_out_txn_temp_of). */
rp_status_t rp_plan_read_file(const char *path, const rp_county_t *c, const rp_audit_t *a,
                              rp_plan_t **out, rp_diag_t *diag);
/* The same, keeping each move's `reason` cell (原因) as the list gives it,
 * for a list edited by hand (`rotaplan report`): the moves' reasons point
 * into *reasons (one string a move, NULL where the cell is empty, the
 * move's reason then ""), which the caller frees with rp_reasons_free(
 * *reasons, plan->n_moves) after the plan. */
rp_status_t rp_plan_read_reasons(const char *path, const rp_county_t *c, const rp_audit_t *a,
                                 rp_plan_t **out, char ***reasons, rp_diag_t *diag);
void rp_reasons_free(char **reasons, size_t n);

/* principals.csv read back (verify): teacher_id, from_school, to_school
 * of each principal exchanged; a principal not leading from_school, or a
 * code not in the rosters, is an error at its line.  *out is the
 * caller's (rp_principals_free). */
rp_status_t rp_principals_read(const char *path, const rp_county_t *c, rp_principals_t **out,
                               rp_diag_t *diag);

/* The short human summary on stdout. */
void rp_plan_print_summary(FILE *fp, const rp_plan_view_t *v, rp_lang_t lang);

/* The move frontier's points on stdout: moves, shortfall, the six
 * coefficients and the km, one line a point. */
void rp_frontier_print(FILE *fp, const rp_frontier_t *f, rp_lang_t lang);

#endif
