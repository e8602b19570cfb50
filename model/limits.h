/* Every size limit of the program in one place: what it bounds, its value
 * and why.  A limit protects a run from a wrong or hostile file (a
 * spreadsheet of photos passed as teachers.csv, an `extends` loop) by
 * refusing it with a message, exit code 3 (RP_ELIMIT), instead of running
 * out of memory or time; none of them comes near a real county.
 * docs/reliability.md ("Limits") lists them with their messages; raising one
 * is a rebuild.
 *
 * The four CSV limits keep their RP_CSV_MAX_ names: the messages quote them
 * (`(RP_CSV_MAX_FIELD)`) and users search for those words.
 */
#ifndef RP_LIMITS_H
#define RP_LIMITS_H

/* ---- CSV files (io/csv_reader.c) ---- */

/* A whole CSV file, read into memory at once: 256 MiB holds a province. */
#define RP_CSV_MAX_BYTES (256L * 1024 * 1024)
/* One field: a name or an id is short; 4 KiB caps a runaway quoted field. */
#define RP_CSV_MAX_FIELD 4096
/* Data rows in one file: ten times the teachers of the largest province. */
#define RP_CSV_MAX_ROWS 2000000L
/* Fields in one record: the rosters have 13 columns, exports add a few. */
#define RP_CSV_MAX_COLS 256

/* ---- INI files (io/policy_ini.c, io/scenario_ini.c) ---- */

/* policy.ini: its 42 keys fit in 3 KiB; a bigger file is the wrong file. */
#define RP_MAX_POLICY_BYTES 65536
/* A scenario file is a page of changes, not a data file. */
#define RP_MAX_SCENARIO_BYTES (256 * 1024)
/* summary.json as `verify` and `compare` read it back: rotaplan writes a few
 * KiB; a larger file is not one of its summaries. */
#define RP_MAX_SUMMARY_BYTES (1024L * 1024)
/* Files in one `extends` chain: a family of scenarios, not a loop. */
#define RP_MAX_EXTENDS_DEPTH 16
/* Items in one list value ([schools] close, [retire] teachers): a county's
 * schools or one year's retirees, with room to spare. */
#define RP_MAX_LIST_ITEMS 1000

/* ---- what a county and a scenario may hold (io/roster.c, model/scenario.c) ---- */

/* Students in one school section, in schools.csv and after a scenario's
 * [enrolment], closure or merge: the largest real schools have about
 * 20,000.  Every section fits an int; totals over sections are 64-bit. */
#define RP_MAX_SECTION_STUDENTS 100000
/* Teachers one scenario recruits, its `extends` chain included: a county
 * hires tens to hundreds a year, a province a few thousand.  Each recruit is
 * a teacher in memory and a pass over the sections, so 8,000 lines of
 * `pe = 1000` (8 million recruits) would take gigabytes and minutes. */
#define RP_MAX_RECRUITS 10000
/* Schools one scenario opens, its `extends` chain included: a county opens a
 * few in a year.  Each is a school in memory and in the model. */
#define RP_MAX_OPENED_SCHOOLS 1000

/* ---- messages and generated counties ---- */

/* Messages kept in one rp_diag_t: beyond that a file is wrong throughout and
 * more lines would only bury the first ones; the rest are counted. */
#define RP_MAX_DIAG 10000
/* Messages kept per input file: a file wrong on every row (a shifted
 * column, a title row read as the header) shows its first 50, then how many
 * more it has, so that the other files' messages are not buried. */
#define RP_DIAG_PER_FILE 50
/* School sections `rotaplan generate` makes: ten times the 1,500-section
 * benchmark county. */
#define RP_MAX_GEN_SECTIONS 100000

#endif
