/* The workbook (see xlsx_writer.h). */
#define _DEFAULT_SOURCE /* timegm */
#include "io/xlsx_writer.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "io/out_file.h"

/* Number formats by decimals shown (0 to 4), plain and flagged. */
typedef struct {
  lxw_format *header, *text, *text_flag, *num[5], *num_flag[5];
} formats_t;

static void make_formats(lxw_workbook *wb, formats_t *f) {
  static const char *const num_fmt[5] = {"0", "0.0", "0.00", "0.000", "0.0000"};
  f->header = workbook_add_format(wb);
  format_set_bold(f->header);
  format_set_bg_color(f->header, 0xDDEBF7);
  format_set_bottom(f->header, LXW_BORDER_THIN);
  f->text = NULL;
  f->text_flag = workbook_add_format(wb);
  format_set_bg_color(f->text_flag, 0xFFC7CE);
  format_set_font_color(f->text_flag, 0x9C0006);
  for (int d = 0; d < 5; d++) {
    f->num[d] = workbook_add_format(wb);
    format_set_num_format(f->num[d], num_fmt[d]);
    f->num_flag[d] = workbook_add_format(wb);
    format_set_num_format(f->num_flag[d], num_fmt[d]);
    format_set_bg_color(f->num_flag[d], 0xFFC7CE);
    format_set_font_color(f->num_flag[d], 0x9C0006);
  }
}

/* XML 1.0 has no place for the control characters other than tab, newline
 * and carriage return, nor for U+FFFE and U+FFFF: a workbook holding one
 * does not open.  Such a character in a roster's text is written as U+FFFD
 * (the replacement character).  Returns s itself when it is clean, else a
 * malloc'ed copy (*copy owns it; NULL when out of memory). */
static const char *xml_safe(const char *s, char **copy) {
  *copy = NULL;
  size_t bad = 0, n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
    bad += (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
           (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF));
  if (!bad)
    return s;
  char *out = malloc(n + 3 * bad + 1), *o = out;
  if (!out)
    return NULL;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
      memcpy(o, "\xEF\xBF\xBD", 3);
      o += 3;
    } else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
      memcpy(o, "\xEF\xBF\xBD", 3);
      o += 3;
      p += 2;
    } else {
      *o++ = (char)*p;
    }
  }
  *o = '\0';
  return *copy = out;
}

/* worksheet_write_string with the text made fit for XML. */
static lxw_error write_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t k, const char *text,
                            lxw_format *fmt) {
  char *copy;
  const char *safe = xml_safe(text, &copy);
  if (!safe)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  lxw_error err = worksheet_write_string(ws, r, k, safe, fmt);
  free(copy);
  return err;
}

static lxw_error write_sheet(lxw_workbook *wb, const formats_t *f, const rp_sheet_t *s) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
  if (!ws)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  size_t rows = rp_sheet_rows(s);
  lxw_error err = LXW_NO_ERROR;
  for (size_t k = 0; k < s->ncols && !err; k++) {
    size_t w = (size_t)rp_text_width(s->header[k]);
    err = write_text(ws, 0, (lxw_col_t)k, s->header[k], f->header);
    for (size_t r = 0; r < rows && !err; r++) {
      const rp_cell_t *c = rp_sheet_cell(s, r, k);
      int d = c->decimals > 4 ? 4 : c->decimals;
      char buf[64];
      if (c->kind == RP_CELL_NUM) {
        err = worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)k, c->num,
                                     c->flag ? f->num_flag[d] : f->num[d]);
        rp_cell_format(c, buf, sizeof buf);
        w = strlen(buf) > w ? strlen(buf) : w;
      } else if (c->kind == RP_CELL_TEXT) {
        err = write_text(ws, (lxw_row_t)(r + 1), (lxw_col_t)k, c->text,
                         c->flag ? f->text_flag : f->text);
        size_t tw = (size_t)rp_text_width(c->text); /* a Chinese character: two */
        w = tw > w ? tw : w;
      } else if (c->flag) {
        err = worksheet_write_blank(ws, (lxw_row_t)(r + 1), (lxw_col_t)k, f->text_flag);
      }
    }
    if (w > 60)
      w = 60;
    if (!err)
      err = worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, (double)w + 2, NULL);
  }
  if (!err)
    worksheet_freeze_panes(ws, 1, 0);
  if (!err && s->ncols > 0)
    err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows, (lxw_col_t)(s->ncols - 1));
  return err;
}

rp_status_t rp_xlsx_write(const char *path, rp_sheet_t *const *sheets, size_t n, int year,
                          rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, diag, &st);
  if (!f)
    return st;
  lxw_workbook *wb = workbook_new(rp_out_temp_path(f));
  if (!wb) {
    rp_out_abort(f);
    rp_diag_error(diag, path, 0, NULL, "cannot create the workbook");
    return RP_EIO;
  }
  if (year < 1980)
    year = 1980;
  struct tm tm = {.tm_year = year - 1900, .tm_mon = 0, .tm_mday = 1};
  lxw_doc_properties props = {.title = "rotaplan", .created = timegm(&tm)};
  lxw_error err = workbook_set_properties(wb, &props);
  formats_t fm;
  make_formats(wb, &fm);
  for (size_t i = 0; i < n && !err; i++)
    err = write_sheet(wb, &fm, sheets[i]);
  lxw_error closed = workbook_close(wb); /* frees wb, written or not */
  if (!err)
    err = closed;
  if (err) {
    rp_diag_error(diag, path, 0, NULL, "cannot write the workbook: %s", lxw_strerror(err));
    rp_out_abort(f);
    return RP_EIO;
  }
  return rp_out_finish_into(txn, f, diag);
}
