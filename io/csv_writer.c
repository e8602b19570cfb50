/* CSV field writing (see csv_writer.h). */
#include "io/csv_writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
