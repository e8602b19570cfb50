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

/* ---- Excel workbooks (io/xlsx_reader.c) ----
 * A workbook is a zip of XML parts; its sheet becomes the same table a CSV
 * file does, under the CSV limits above.  These bound what the zip and the
 * XML can make a reader do before that: a zip bomb (a few KB that inflate
 * to gigabytes), a zip of a million entries, XML nested a million deep. */

/* One part as inflated (a sheet, the shared strings): a sheet of 2 million
 * rows of 13 cells is about 150 MB of XML. */
#define RP_XLSX_MAX_PART_BYTES (200L * 1024 * 1024)
/* workbook.xml and the relationship parts: a list of sheets. */
#define RP_XLSX_MAX_META_BYTES (4L * 1024 * 1024)
/* Entries in the zip: a workbook of a few sheets has a dozen or two. */
#define RP_XLSX_MAX_ENTRIES 10000
/* Elements open at once in one part: a sheet's cell text is 5 deep. */
#define RP_XLSX_MAX_DEPTH 64
/* Sheets in one workbook. */
#define RP_XLSX_MAX_SHEETS 1000
/* Shared strings (the workbook's distinct texts): eight text columns of
 * 2 million rows, all different. */
#define RP_XLSX_MAX_STRINGS 16000000L

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
