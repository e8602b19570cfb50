/* CSV field writing (see csv_writer.h). */
#include "io/csv_writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/number.h"

void rp_csv_field(FILE *fp, int first, const char *s) {
  if (!first)
    fputc(',', fp);
  if (!s)
    s = "";
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

int rp_csv_formula_like(const char *s) {
  if (!s)
    return 0;
  size_t k = strspn(s, "'");
  if (!s[k] || !strchr("=+-@\t\r", s[k]))
    return 0;
  /* '=... itself gets one more apostrophe (''=...), so that the reader,
   * which drops one before such a run, gives it back as it was. */
  if (k > 0)
    return 1;
  /* A lone sign ("-" for "none") and a number of the one grammar
   * (model/number.h: "-1.7", "+3"), which a spreadsheet reads as a number,
   * are shown as they are. */
  double v;
  return !(s[1] == '\0' && (s[0] == '-' || s[0] == '+')) &&
         rp_parse_double(s, -HUGE_VAL, HUGE_VAL, &v) != 0;
}

void rp_csv_text(FILE *fp, int first, const char *s) {
  if (!rp_csv_formula_like(s)) {
    rp_csv_field(fp, first, s);
    return;
  }
  size_t n = strlen(s);
  char *q = malloc(n + 2);
  if (!q) { /* no memory for the copy: write it quoted after a lone apostrophe */
    rp_csv_field(fp, first, "'");
    return;
  }
  q[0] = '\'';
  memcpy(q + 1, s, n + 1);
  rp_csv_field(fp, first, q);
  free(q);
}

void rp_csv_int(FILE *fp, int first, long v) {
  fprintf(fp, first ? "%ld" : ",%ld", v);
}

void rp_csv_num(FILE *fp, int first, double v, int decimals) {
  /* No "-0.0000" in output: it would differ from a run that computed +0. */
  double scale = pow(10, decimals);
  if (round(v * scale) == 0)
    v = 0;
  fprintf(fp, first ? "%.*f" : ",%.*f", decimals, v);
}

void rp_csv_num_exact(FILE *fp, int first, double v, int decimals) {
  char buf[64];
  for (int d = decimals; d <= 17; d++) {
    snprintf(buf, sizeof buf, "%.*f", d, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  if (!first)
    fputc(',', fp);
  fputs(buf, fp);
}

void rp_csv_header(FILE *fp, const char *const *names) {
  for (int i = 0; names[i]; i++)
    rp_csv_field(fp, i == 0, names[i]);
  rp_csv_eol(fp);
}
