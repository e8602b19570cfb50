/* A deterministic synthetic county, for demos, tests and benchmarks.
 *
 * Builds the schools and teachers of a plausible county of a given number of
 * school sections: a county seat with large urban schools, town central and
 * nine-year schools, rural primary schools, village schools and teaching
 * points, with the imbalances real counties show (PE and arts teachers and
 * backbone teachers concentrated in the county seat, fewer graduates in rural
 * junior sections).  Each section's teachers are split over the subjects in
 * proportion to its curriculum demand (model/curriculum.h: the built-in
 * table, the default loads); rural sections then fall short of PE, the arts,
 * English and IT, and some urban and town sections hold a surplus of Chinese
 * and maths (docs/user-guide.md, "generate: a synthetic county").  The same options always give the same county, on every
 * platform: the generator uses its own PRNG (splitmix64), never rand().  The
 * result goes through io/roster_writer.c to CSV and reads back unchanged.
 */
#ifndef RP_GENERATOR_H
#define RP_GENERATOR_H

#include "model/county.h"
#include "model/limits.h"
#include "model/status.h"

typedef struct {
  int sections;       /* school sections wanted; a nine-year school counts 2 */
  unsigned long seed; /* any value; different seeds give different counties */
  int year;           /* plan year: ages and years at the school refer to it */
  int grade_classes;  /* 1: about half the schools get classes per grade
                         (grade1_classes ...), and their subjects follow
                         that exact demand; 0: none (the default) */
} rp_gen_opts_t;

/* Builds a county of o->sections school sections, 40 to 50 teachers per
 * section on average (about 1,900 teachers at 40 sections, 12,000 at 300).
 * Deterministic for (sections, seed, year, grade_classes).  On RP_OK *out owns the county
 * (free with rp_county_free).  Returns RP_EUSAGE when
 * sections is outside 1..RP_MAX_GEN_SECTIONS (model/limits.h) or year outside 1950..2200, and
 * RP_ENOMEM; *out is NULL on any error. */
rp_status_t rp_generate(const rp_gen_opts_t *o, rp_county_t **out);

#endif
