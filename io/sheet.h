/* A table of output: the one form in which every human-readable table of a
 * plan (rotation list, schools before and after, recruitment, summary,
 * comparison) is built, whatever it is written as: CSV (csv_writer.h), a
 * sheet of the workbook (xlsx_writer.h) or a table of the HTML report
 * (html_report.h).  Building a table once keeps the three identical.
 *
 * Cells are appended row by row; a number keeps its value and the decimals
 * it is shown with, so that CSV prints it exactly as before and the
 * workbook stores it as a number.  A cell can be flagged (a target missed):
 * highlighted in the workbook and the report, plain in CSV. */
#ifndef RP_SHEET_H
#define RP_SHEET_H

#include <stddef.h>
#include <stdio.h>

#include "io/lang.h"

typedef enum { RP_CELL_EMPTY, RP_CELL_TEXT, RP_CELL_NUM } rp_cell_kind_t;

typedef struct {
  unsigned char kind;     /* rp_cell_kind_t */
  unsigned char decimals; /* RP_CELL_NUM: decimals shown */
  unsigned char flag;     /* highlighted */
  double num;
  char *text; /* RP_CELL_TEXT: owned */
} rp_cell_t;

typedef struct {
  char *name;     /* sheet name / title, translated */
  size_t ncols;
  char **header;  /* translated */
  size_t n_cells, cap;
  rp_cell_t *cells; /* row-major */
  int failed;       /* an allocation failed: the sheet is incomplete */
} rp_sheet_t;

/* A sheet named `name` with the NULL-terminated English headers, both
 * translated to l.  NULL when out of memory. */
rp_sheet_t *rp_sheet_new(rp_lang_t l, const char *name, const char *const *header);
void rp_sheet_free(rp_sheet_t *s); /* NULL is a no-op */

static inline size_t rp_sheet_rows(const rp_sheet_t *s) { return s->n_cells / s->ncols; }
static inline const rp_cell_t *rp_sheet_cell(const rp_sheet_t *s, size_t row, size_t col) {
  return &s->cells[row * s->ncols + col];
}

/* Appending the next cell of the current row. */
void rp_sheet_text(rp_sheet_t *s, const char *text); /* NULL: empty */
void rp_sheet_num(rp_sheet_t *s, double v, int decimals);
void rp_sheet_empty(rp_sheet_t *s);
/* Flags the cell appended last. */
void rp_sheet_flag(rp_sheet_t *s);

/* The sheet as CSV: header row, then the rows (csv_writer.h conventions). */
void rp_sheet_write_csv(FILE *fp, const rp_sheet_t *s);
/* A cell as text, as CSV shows it (numbers with their decimals). */
void rp_cell_format(const rp_cell_t *c, char *buf, size_t n);

#endif
