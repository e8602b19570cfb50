/* The tables of a plan, built once (sheet.h) and written as CSV, as sheets
 * of the workbook and as tables of the HTML report. */
#ifndef RP_PLAN_SHEETS_H
#define RP_PLAN_SHEETS_H

#include "model/county.h"
#include "model/indicators.h"
#include "model/plan.h"
#include "model/policy.h"
#include "model/principals.h"
#include "io/sheet.h"

/* One point of the move frontier (`plan --frontier`): a whole plan of the
 * county made with balance_moves = `balance_moves` (RP_UNLIMITED: the
 * balance before the moves), as frontier.csv lists it. */
typedef struct {
  int moves, balance_moves;
  int shortfall;                          /* total after, whole teachers */
  double cv[RP_LEVELS][RP_INDICATORS];    /* after */
  double excess;                          /* the excess stage's value */
  double km;                              /* total */
  int toward;                             /* moves toward rural or weak schools */
  double toward_share;
  char dir[64]; /* the point's plan, relative to the run's folder: frontier/moves_0062 */
} rp_frontier_point_t;

typedef struct {
  const rp_frontier_point_t *point;
  size_t n;
} rp_frontier_t;

/* A planned year: what every report of it reads. */
typedef struct {
  const rp_county_t *county;
  const rp_policy_t *policy;
  const rp_audit_t *before, *after;
  const rp_plan_t *plan;
  const rp_frontier_t *frontier; /* with --frontier, else NULL */
} rp_plan_view_t;

/* rotation_list.csv: one row a move, school names beside their codes. */
rp_sheet_t *rp_sheet_rotation_list(rp_lang_t l, const rp_plan_view_t *v);
/* The 公示 list, what may be posted: name, the schools' names and the
 * subject of each move, in the rotation list's order; never a birth year,
 * a degree, a gender or a reason. */
rp_sheet_t *rp_sheet_public_list(rp_lang_t l, const rp_plan_view_t *v);
/* Why this teacher of move `move` (plan->why, model/choice.h) in words,
 * into buf: the pin and its line, the wish and its rank, or the place by
 * years at the school among the group ("" when not derived). */
void rp_choice_text(rp_lang_t l, const rp_plan_view_t *v, size_t move, char *buf, size_t n);
/* schools_after.csv: each section before and after; shortfalls after and
 * per-100 values after that miss their target are flagged. */
rp_sheet_t *rp_sheet_schools(rp_lang_t l, const rp_plan_view_t *v);
/* subjects.csv: one row a section and subject asked for or taught (before
 * or after): demand, its whole part, teachers before and after, gaps,
 * surplus, part-time; gaps after flagged. */
rp_sheet_t *rp_sheet_subjects(rp_lang_t l, const rp_plan_view_t *v);
/* The report's subject table: one row a section, one column a subject any
 * section is asked for or teaches ("3 → 2 (2.40)": teachers before, after,
 * demand; "*" after a demand under one teacher); cells with a gap after
 * flagged. */
rp_sheet_t *rp_sheet_subjects_by_section(rp_lang_t l, const rp_plan_view_t *v);
/* recruitment.csv: what moving teachers cannot reach. */
rp_sheet_t *rp_sheet_recruitment(rp_lang_t l, const rp_plan_view_t *v);
/* ledger.csv: every teacher's burden after the plan year (rotations, km,
 * years in rural and weak schools, the title-service year), model/history.h. */
rp_sheet_t *rp_sheet_ledger(rp_lang_t l, const rp_plan_view_t *v);
/* The summary as item / value / before / after / limit rows; rules not met
 * are flagged. */
rp_sheet_t *rp_sheet_summary(rp_lang_t l, const rp_plan_view_t *v);

/* principals.csv (policy principal_exchange = yes): one row a principal
 * exchanged, school names beside their codes, in the exchange's order
 * (destination school id, then teacher id); no rows when plan->principals
 * is NULL or moves nobody. */
rp_sheet_t *rp_sheet_principals(rp_lang_t l, const rp_plan_view_t *v);

/* The principals' exchange list to post (校长交流名单, publish): name and
 * the two schools' names of each principal exchanged, as principals.csv
 * orders them. */
rp_sheet_t *rp_sheet_principals_public(rp_lang_t l, const rp_plan_view_t *v);

/* frontier.csv: one row a point of the move frontier, fewest moves first. */
rp_sheet_t *rp_sheet_frontier(rp_lang_t l, const rp_frontier_t *f);

#endif
