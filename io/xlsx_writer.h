/* The workbook (--xlsx FILE): one sheet a table (sheet.h), written with
 * libxlsxwriter.  Header rows frozen and bold, with an autofilter; column
 * widths fitted to the text (a Chinese character counts two); numbers
 * stored as numbers with the decimals the CSV shows; flagged cells (targets
 * missed) filled red.  The file goes through out_file.h like every output
 * (temporary name, then renamed; never over an input), and is byte-identical
 * for the same input: its creation time is fixed to 1 January of the plan
 * year. */
#ifndef RP_XLSX_WRITER_H
#define RP_XLSX_WRITER_H

#include "io/out_file.h"
#include "io/sheet.h"
#include "model/status.h"

/* Writes the workbook.  With `txn` NULL the file is renamed into place;
 * else it joins the run's transaction, still under its temporary name, to be
 * committed with the run's other outputs (out_file.h). */
rp_status_t rp_xlsx_write(const char *path, rp_sheet_t *const *sheets, size_t n, int year,
                          rp_out_txn_t *txn, rp_diag_t *diag);

#endif
