/* Reading a county's own curriculum: curriculum.csv (docs/data-format.md,
 * "curriculum.csv").
 *
 * One row per grade (or per level: the same periods in each of its grades)
 * and subject: the weekly periods, and optionally a teacher's weekly load of
 * that subject at that level.  The file replaces the built-in table of
 * model/curriculum.c whole: a subject it does not list has no demand.  Read
 * after the rosters (pipeline/inputs.c), into rp_county_t.curriculum.
 */
#ifndef RP_CURRICULUM_CSV_H
#define RP_CURRICULUM_CSV_H

#include <stddef.h>

#include "model/curriculum.h"
#include "model/status.h"

/* Reads path.  On RP_OK *out is a malloc'ed curriculum (from_file = 1) that
 * the caller owns (free(), or hand it to rp_county_t.curriculum, which
 * rp_county_free frees).  Every defect goes to diag as file, line, column
 * and what is wrong (an unknown subject, a grade and subject given twice, a
 * row with neither grade nor level, loads that disagree for one level and
 * subject, ...); then the function returns RP_EINPUT (or RP_EIO, RP_ELIMIT,
 * RP_ENOMEM) and *out is NULL: nothing is half-read. */
rp_status_t rp_curriculum_load(const char *path, rp_curriculum_t **out, rp_diag_t *diag);

/* The same from memory (tests, fuzzers); `name` for messages. */
rp_status_t rp_curriculum_parse(const char *name, const char *data, size_t len,
                                rp_curriculum_t **out, rp_diag_t *diag);

#endif
