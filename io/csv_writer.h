/* Writing CSV output: RFC 4180 quoting, LF line ends, UTF-8, numbers in the
 * C locale with a fixed number of decimals so that the same plan always gives
 * the same bytes.  Files go through out_file.h (temporary, then renamed). */
#ifndef RP_CSV_WRITER_H
#define RP_CSV_WRITER_H

#include <stdio.h>

/* Writes one field (quoted when it holds a comma, quote or line break),
 * preceded by a comma unless `first`. */
void rp_csv_field(FILE *fp, int first, const char *s);
/* A text cell of a table that people open in a spreadsheet: as
 * rp_csv_field, but a value that starts with =, +, -, @, a tab or a carriage
 * return and is not a plain number is written after an apostrophe ('=SUM(...)),
 * so that Excel and LibreOffice show it as text instead of running it as a
 * formula (CSV injection); a value that itself starts with an apostrophe
 * and one of those gets a second one.  rotaplan's reader drops one
 * apostrophe again (io/csv_reader.c), so whatever it wrote (a list, the
 * rosters of --years) reads back exactly as it was. */
void rp_csv_text(FILE *fp, int first, const char *s);
/* Would rp_csv_text neutralize s? */
int rp_csv_formula_like(const char *s);
void rp_csv_int(FILE *fp, int first, long v);
void rp_csv_num(FILE *fp, int first, double v, int decimals);
/* At least `decimals` decimals, more when needed to read back as exactly v
 * (input data written back, e.g. positions in a year's rosters). */
void rp_csv_num_exact(FILE *fp, int first, double v, int decimals);
/* Writes a header row from a NULL-terminated list of names. */
void rp_csv_header(FILE *fp, const char *const *names);
static inline void rp_csv_eol(FILE *fp) { fputc('\n', fp); }

#endif
