/* The one grammar of every number the program reads: roster cells,
 * policy.ini and scenario values, command-line options.
 *
 *   number = [+|-] digits [. digits] [(e|E) [+|-] digits]
 *
 * with at least one digit before the exponent (".5" and "5." are numbers,
 * "." is not).  The whole field must be the number: no thousands
 * separators, no hex, no inf or nan, no text before or after it.  Digits
 * and the point are ASCII, whatever the locale (the program never calls
 * setlocale, so strtod reads the point).  A value that overflows or
 * underflows a double is refused, as is one outside [lo, hi].
 *
 * The point, the exponent and blanks (spaces, tabs) around the number are
 * allowed only where the caller says so (rp_num_form_t): whole numbers take
 * none of them; decimals (roster cells, scenario values, options) take the
 * point; policy values take all three, since rp_policy_write prints them with
 * %g ("1e-05") and rp_policy_set has always allowed blanks around a value.
 */
#ifndef RP_NUMBER_H
#define RP_NUMBER_H

/* What a number may have beyond [+|-] digits. */
typedef enum {
  RP_NUM_POINT = 1,    /* one decimal point */
  RP_NUM_EXPONENT = 2, /* an exponent: 1e-05, 2.5E3 */
  RP_NUM_BLANKS = 4,   /* spaces and tabs before and after */
} rp_num_form_t;

/* Parses s, which may take the parts `form` (a set of rp_num_form_t)
 * allows, into *out.  Returns 0, or -1 (and *out untouched) when s is not
 * such a number or its value is outside [lo, hi]. */
int rp_parse_number(const char *s, unsigned form, double lo, double hi, double *out);

/* A whole number: [+|-] digits, in [lo, hi] (exact for every long). */
int rp_parse_int(const char *s, long lo, long hi, long *out);

/* A decimal: [+|-] digits with at most one point, in [lo, hi]; no exponent. */
int rp_parse_double(const char *s, double lo, double hi, double *out);

#endif
