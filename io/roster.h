/* Loading the county's rosters: schools.csv and teachers.csv.
 *
 * Maps headers (English names or Chinese aliases, docs/data-format.md) to
 * fields, parses every cell through one strict parser per type and checks the
 * rows against each other (duplicate ids, unknown schools, sections).  Every
 * defect is reported in `diag` as `file:line: column "name": what is wrong`,
 * all of them in one run; warnings do not stop the run.
 */
#ifndef RP_ROSTER_H
#define RP_ROSTER_H

#include "model/county.h"
#include "model/number.h" /* rp_parse_int, rp_parse_double: once declared here */
#include "model/policy.h"
#include "model/status.h"

/* On RP_OK *out owns the county (rp_county_free).  On RP_EINPUT (bad data),
 * RP_EIO or RP_ELIMIT *out is NULL and diag says why.  The policy supplies the
 * plan year for plausibility checks (a teacher who joined in the future). */
rp_status_t rp_roster_load(const char *schools_path, const char *teachers_path,
                           const rp_policy_t *policy, rp_county_t **out,
                           rp_diag_t *diag);

#endif
