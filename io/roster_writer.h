/* Writing a county back out as schools.csv and teachers.csv.
 *
 * The inverse of io/roster.c: the same canonical English column names and
 * enumeration spellings, so that whatever this writes reads back into the same
 * county.  Used by `rotaplan generate` to ship synthetic counties and by
 * tests that round-trip a roster.  Files go through io/out_file.h (temporary
 * file, then rename), so a failed run leaves no half-written roster.
 */
#ifndef RP_ROSTER_WRITER_H
#define RP_ROSTER_WRITER_H

#include "io/out_file.h"
#include "model/county.h"
#include "model/status.h"

/* Writes dir/schools.csv and dir/teachers.csv, creating dir (and its parents)
 * if missing.  Columns, in order:
 *   schools:  school_id,name,area,weak,primary_students,junior_students,
 *             primary_classes,junior_classes,teaching_point,other_staff,
 *             x_km,y_km,group
 *   teachers: teacher_id,name,school_id,section,subject,gender,birth_year,
 *             school_since,degree,backbone,exempt,last_rotated_year,role
 * Enumerations use their canonical English names, flags 1/0, positions one
 * decimal (empty when the school has none), last_rotated_year empty when 0;
 * the section is always written.  Both files are written in full before
 * either is renamed into place, so a failed write leaves the previous pair;
 * with txn they join the run's transaction instead (io/out_file.h).
 * Returns RP_OK; RP_EIO (cannot create or write) or RP_EUSAGE (dir holds an
 * input of this run, see rp_out_protect), with the reason in diag; RP_ENOMEM;
 * RP_EINTERNAL, nothing written, when a teacher has no valid school index or
 * a gender other than 'M'/'F'.  The county is not modified. */
rp_status_t rp_roster_write(const rp_county_t *c, const char *dir, rp_out_txn_t *txn,
                            rp_diag_t *diag);

#endif
