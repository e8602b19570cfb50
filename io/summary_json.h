/* summary.json, the figures of a planned year (docs/data-format.md): one
 * struct, written by `rotaplan plan` (rp_plan_write) and read back by
 * `rotaplan verify`, which recomputes every figure, and `rotaplan compare`,
 * which sets the scenarios' figures side by side.  The file's layout is
 * described here and nowhere else. */
#ifndef RP_SUMMARY_JSON_H
#define RP_SUMMARY_JSON_H

#include <stdio.h>

#include "io/lang.h"
#include "io/plan_io.h"
#include "io/plan_sheets.h"
#include "model/indicators.h"
#include "model/policy.h"
#include "model/status.h"

/* The recruitment groups of recruitment.csv (model/plan.h, rp_recruit_group_t),
 * as summary.json names them. */
#define RP_SUMMARY_GROUPS RP_REC_GROUPS
extern const char *const rp_summary_group_names[RP_SUMMARY_GROUPS]; /* pe_art, any, degree, backbone, subjects */

/* The input files whose SHA-256 the audit trail keeps, in rp_inputs_t's order. */
#define RP_SUMMARY_INPUTS 6

/* Whole teachers missing: in all, for the staff norm, per indicator. */
typedef struct {
  double total, staff, by[RP_INDICATORS];
  double subjects; /* whole teachers below the subjects' demand */
} rp_summary_shortfall_t;

/* Subject gaps (rp_subject_gap) in whole teachers summed over sections: in
 * all and per subject. */
typedef struct {
  double total, by[RP_SUBJECTS];
} rp_summary_subject_gaps_t;

/* Every figure of summary.json.  A number missing from a file read back is
 * NAN (max_rotate is NAN too when the policy sets no maximum: null). */
typedef struct {
  double plan_year;
  char lang[8];    /* "zh" or "en"; "" when missing */
  char method[32]; /* milp, greedy */
  double eligible, eligible_backbone, min_rotate, max_rotate, min_backbone;
  double moved, moved_backbone;
  double km_total, km_max, km_mean; /* rounded to 0.1 km */
  /* Moves toward rural or weak schools, their share of the moves (rounded to
   * 0.0001; 0 without moves) and the moves per direction label. */
  double toward, toward_share;
  double directions[RP_MOVE_DIRS];
  double sections_missing_after;
  /* Moves longer than far_km (RP_FAR_KM), for the comparison. */
  double far_km, far_moves;
  double recruitment[RP_SUMMARY_GROUPS];
  rp_summary_shortfall_t shortfall_before, shortfall_after;
  rp_summary_subject_gaps_t subject_gaps_before, subject_gaps_after;
  rp_level_stats_t levels_before[RP_LEVELS], levels_after[RP_LEVELS];
  double cv_limit[RP_LEVELS];
  /* do_no_harm broken: coefficients the plan leaves above both their limit
   * and their value before (rp_cv_harmed), "level.indicator" in the file. */
  int harmed[RP_LEVELS][RP_INDICATORS];
  struct {
    char status[64]; /* "?" when missing */
    char backend[16]; /* "glpk", "cbc"; "" for greedy or when missing */
    double gap, seconds; /* rounded as written */
    int stalled; /* the first stage not proven stopped because its search stalled */
    /* The objective's stages (docs/model.md, "Objective"); none for greedy. */
    int n_stages;
    struct {
      char name[24];
      double value;   /* at the plan, rounded to 9 significant digits */
      double optimum; /* when the stage was solved, likewise */
      int proven;
      double gap; /* rounded to 6 decimals */
    } stage[RP_STAGES_MAX];
  } solver;
  /* The audit trail: the policy the plan was made with (written only: NULL
   * when read back) and the inputs' SHA-256 ("" when not given). */
  const rp_policy_t *policy;
  char inputs_sha256[RP_SUMMARY_INPUTS][65];
  /* The principals' exchange (principal_exchange = yes; the object
   * "principals", absent otherwise: given 0 and the numbers 0; a number
   * missing from a given object is NAN when read). */
  struct {
    int given;
    double eligible, exchanged, stayed, km_total;
  } principals;
} rp_summary_t;

/* The summary of a planned year whose inputs were `in`, written in lang. */
void rp_summary_of(const rp_plan_view_t *v, const rp_inputs_t *in, rp_lang_t lang,
                   rp_summary_t *s);

/* Writes s as summary.json's document to fp; RP_ENOMEM on failure. */
rp_status_t rp_summary_write(FILE *fp, const rp_summary_t *s);

/* Reads the summary.json at path into *s; RP_EINPUT when it cannot be read
 * or is not JSON (no message: the caller says what it means to it). */
rp_status_t rp_summary_read(const char *path, rp_summary_t *s);

#endif
