/* The one number grammar (see number.h): a scanner that checks the shape of
 * the whole field, then strtol or strtod for the value and a range check.
 * Every number the program reads goes through here, so that a roster cell,
 * a policy key and a scenario value cannot disagree on what a number is. */
#include "model/number.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

static const char *skip_blanks(const char *p) {
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static const char *skip_sign(const char *p) {
  return *p == '+' || *p == '-' ? p + 1 : p;
}

static const char *skip_digits(const char *p, int *count) {
  while (*p >= '0' && *p <= '9') {
    p++;
    (*count)++;
  }
  return p;
}

/* Where the number at the start of p ends, or NULL when p does not start
 * with one of the shape `form` allows. */
static const char *number_end(const char *p, unsigned form) {
  int digits = 0, exp_digits = 0;
  p = skip_digits(skip_sign(p), &digits);
  if (*p == '.' && (form & RP_NUM_POINT))
    p = skip_digits(p + 1, &digits);
  if (digits == 0)
    return NULL;
  if ((*p == 'e' || *p == 'E') && (form & RP_NUM_EXPONENT)) {
    p = skip_digits(skip_sign(p + 1), &exp_digits);
    if (exp_digits == 0)
      return NULL;
  }
  return p;
}

/* The start of the number when the whole of s is one (blanks around it when
 * `form` allows them), else NULL. */
static const char *whole_field_number(const char *s, unsigned form) {
  const char *start = form & RP_NUM_BLANKS ? skip_blanks(s) : s;
  const char *end = number_end(start, form);
  if (end && (form & RP_NUM_BLANKS))
    end = skip_blanks(end);
  return end && *end == '\0' ? start : NULL;
}

int rp_parse_number(const char *s, unsigned form, double lo, double hi, double *out) {
  const char *start = whole_field_number(s, form);
  if (!start)
    return -1;
  errno = 0;
  double v = strtod(start, NULL);
  if (errno != 0 || !isfinite(v) || v < lo || v > hi)
    return -1;
  *out = v;
  return 0;
}

int rp_parse_int(const char *s, long lo, long hi, long *out) {
  const char *start = whole_field_number(s, 0);
  if (!start)
    return -1;
  errno = 0;
  long v = strtol(start, NULL, 10);
  if (errno != 0 || v < lo || v > hi)
    return -1;
  *out = v;
  return 0;
}

int rp_parse_double(const char *s, double lo, double hi, double *out) {
  return rp_parse_number(s, RP_NUM_POINT, lo, hi, out);
}
