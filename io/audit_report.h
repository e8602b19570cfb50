/* The audit report: where the county stands today, as a text table for
 * people and as one JSON document for programs (docs/data-format.md).  The
 * planner reuses the section and level blocks for "before" and "after". */
#ifndef RP_AUDIT_REPORT_H
#define RP_AUDIT_REPORT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "model/county.h"
#include "model/indicators.h"
#include "io/lang.h"
#include "model/policy.h"

/* Rounds to `decimals` places for output, mapping -0 to 0. */
double rp_round(double v, int decimals);

/* The text table in language l (lang.h), then the exemption reasons read
 * (each distinct value with its teachers) and the policy in force, each
 * key with its default labelled national (with its document) or local
 * practice.  RP_OK, or RP_ENOMEM. */
rp_status_t rp_audit_print_text(FILE *fp, const rp_county_t *c, const rp_policy_t *p,
                                const rp_audit_t *a, rp_lang_t l);
/* New JSON objects (caller owns, cJSON_Delete); NULL when out of memory. */
/* The levels block: each level's figures (rp_level_stats_t) and limit. */
cJSON *rp_levels_json(const double cv_limit[RP_LEVELS], const rp_level_stats_t level[RP_LEVELS]);
cJSON *rp_sections_json(const rp_county_t *c, const rp_audit_t *a);
cJSON *rp_rotation_json(const rp_audit_t *a);
cJSON *rp_audit_json(const rp_county_t *c, const rp_policy_t *p,
                     const rp_audit_t *a);
/* Prints a cJSON document followed by a newline; RP_ENOMEM on failure. */
rp_status_t rp_json_print(FILE *fp, const cJSON *doc);

#endif
