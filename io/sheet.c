/* Output tables (see sheet.h). */
#include "io/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "io/csv_writer.h"

static char *dup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

rp_sheet_t *rp_sheet_new(rp_lang_t l, const char *name, const char *const *header) {
  rp_sheet_t *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  while (header[s->ncols])
    s->ncols++;
  s->name = dup(rp_tr(l, name));
  s->header = calloc(s->ncols + 1, sizeof *s->header);
  int ok = s->name && s->header;
  for (size_t i = 0; ok && i < s->ncols; i++)
    ok = (s->header[i] = dup(rp_tr(l, header[i]))) != NULL;
  if (!ok) {
    rp_sheet_free(s);
    return NULL;
  }
  return s;
}

void rp_sheet_free(rp_sheet_t *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->n_cells; i++)
    free(s->cells[i].text);
  for (size_t i = 0; s->header && i < s->ncols; i++)
    free(s->header[i]);
  free(s->header);
  free(s->cells);
  free(s->name);
  free(s);
}

static rp_cell_t *next_cell(rp_sheet_t *s) {
  if (s->failed)
    return NULL;
  if (s->n_cells == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    rp_cell_t *c = realloc(s->cells, cap * sizeof *c);
    if (!c) {
      s->failed = 1;
      return NULL;
    }
    s->cells = c;
    s->cap = cap;
  }
  rp_cell_t *c = &s->cells[s->n_cells++];
  memset(c, 0, sizeof *c);
  return c;
}

void rp_sheet_text(rp_sheet_t *s, const char *text) {
  rp_cell_t *c = next_cell(s);
  if (!c || !text || !*text)
    return;
  c->kind = RP_CELL_TEXT;
  if (!(c->text = dup(text))) {
    c->kind = RP_CELL_EMPTY;
    s->failed = 1;
  }
}

void rp_sheet_num(rp_sheet_t *s, double v, int decimals) {
  rp_cell_t *c = next_cell(s);
  if (!c)
    return;
  /* Stored as shown, so that CSV, workbook and report agree to the digit
   * (and no -0). */
  char buf[64];
  snprintf(buf, sizeof buf, "%.*f", decimals, v);
  v = strtod(buf, NULL); /* the double nearest the decimal shown */
  c->kind = RP_CELL_NUM;
  c->decimals = (unsigned char)decimals;
  c->num = v == 0 ? 0 : v;
}

void rp_sheet_empty(rp_sheet_t *s) { (void)next_cell(s); }

void rp_sheet_flag(rp_sheet_t *s) {
  if (!s->failed && s->n_cells > 0)
    s->cells[s->n_cells - 1].flag = 1;
}

void rp_cell_format(const rp_cell_t *c, char *buf, size_t n) {
  switch (c->kind) {
  case RP_CELL_TEXT: snprintf(buf, n, "%s", c->text); break;
  case RP_CELL_NUM: snprintf(buf, n, "%.*f", c->decimals, c->num); break;
  default: buf[0] = '\0';
  }
}

void rp_sheet_write_csv(FILE *fp, const rp_sheet_t *s) {
  rp_csv_header(fp, (const char *const *)s->header);
  size_t rows = rp_sheet_rows(s);
  for (size_t r = 0; r < rows; r++) {
    for (size_t k = 0; k < s->ncols; k++) {
      const rp_cell_t *c = rp_sheet_cell(s, r, k);
      if (c->kind == RP_CELL_NUM)
        rp_csv_num(fp, k == 0, c->num, c->decimals);
      else
        rp_csv_text(fp, k == 0, c->kind == RP_CELL_TEXT ? c->text : "");
    }
    rp_csv_eol(fp);
  }
}
