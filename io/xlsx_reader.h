/* Reading one sheet of an Excel workbook (.xlsx) into the table a CSV file
 * gives (io/csv_reader.h, rp_table_t), so that every reader of a roster,
 * pins, preferences, a curriculum or a forecast takes a workbook unchanged.
 *
 * The workbook is a zip (minizip's unzip API, read from memory) of XML
 * parts (expat): _rels/.rels names the workbook part, its relationships
 * name the sheets' parts and the shared strings.  The sheet's cells become
 * CSV text, one sheet row per line, which io/csv_reader.c then reads as it
 * reads a file: the same header matching, trimming, skipped empty rows,
 * limits and messages.  Line numbers are the sheet's row numbers, as Excel
 * shows them (`学校.xlsx:7: ...`), gaps between rows and line breaks inside
 * cells included.
 *
 * Cells: shared and inline strings (rich text runs joined, phonetic runs
 * left out), numbers as Excel shows them in General format with 15
 * significant digits (1894, not 1894.0; a date is its serial number),
 * booleans TRUE/FALSE, errors as written (#N/A), a formula's last saved
 * value.  Cells missing between two cells of a row are empty.
 *
 * Sheet: the first visible one in the workbook's order, or the one named
 * after a `#` at the end of the path: `县.xlsx#教师` (see rp_xlsx_path_split).
 *
 * Messages (all through rp_diag, at the file):
 *   `not an Excel workbook (.xlsx): <what is wrong>` (RP_EINPUT), with
 *   `an Excel 97-2003 workbook (.xls), not .xlsx: ...` and
 *   `is password-protected: ...` for those two cases;
 *   `no sheet named "X" in the workbook (its sheets: ...)` (RP_EINPUT);
 *   the RP_XLSX_ limits of model/limits.h (RP_ELIMIT).
 */
#ifndef RP_XLSX_READER_H
#define RP_XLSX_READER_H

#include <stddef.h>

#include "io/csv_reader.h"
#include "model/status.h"

/* Does `path` name an Excel workbook: does it end in ".xlsx" (any case),
 * or in ".xlsx#SHEET"? */
int rp_xlsx_path(const char *path);

/* Splits an input path at the `#` that follows ".xlsx": *file gets the
 * file's path, *sheet the sheet's name or NULL (both malloc'ed, caller
 * frees).  A path that is not rp_xlsx_path is all file.  0, or -1 when out
 * of memory. */
int rp_xlsx_path_split(const char *path, char **file, char **sheet);

/* Reads a sheet of the workbook `data` (the file's bytes) as rp_csv_parse
 * reads CSV text: on RP_OK *out owns the table, its path `name`.  `sheet`:
 * the sheet's name, or NULL for the first visible one; allow_empty as
 * rp_csv_read_maybe_empty.  Errors go to diag (RP_EINPUT, RP_ELIMIT,
 * RP_ENOMEM), *out NULL.  rp_csv_read and rp_csv_read_maybe_empty call it
 * for a path that rp_xlsx_path accepts; the web workspace and the fuzzer
 * call it on bytes in memory. */
rp_status_t rp_xlsx_parse(const char *name, const void *data, size_t len, const char *sheet,
                          int allow_empty, rp_table_t **out, rp_diag_t *diag);

#endif
