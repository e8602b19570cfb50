/* model/number: the one number grammar.  A table of fields, each with the
 * forms that accept it, pins the grammar down: a field that any form starts
 * or stops accepting fails this test, as does a value read wrongly, a range
 * not checked, or an output touched on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/number.h"
#include "test_util.h"

enum {
  W = 1,       /* a whole number (rp_parse_int; rp_parse_number with no form) */
  D = 2,       /* a decimal (rp_parse_double: RP_NUM_POINT) */
  P = 4,       /* a policy value (RP_NUM_POINT | RP_NUM_EXPONENT | RP_NUM_BLANKS) */
  ALL = W | D | P,
};

static const struct {
  const char *s;
  int accepted_by;
  double value; /* when accepted */
} fields[] = {
    {"0", ALL, 0},
    {"7", ALL, 7},
    {"+7", ALL, 7},
    {"-5", ALL, -5},
    {"007", ALL, 7},
    {"1.5", D | P, 1.5},
    {"-.5", D | P, -0.5},
    {"+.5", D | P, 0.5},
    {"5.", D | P, 5},
    {"1985.0", D | P, 1985},
    {"1e3", P, 1000},
    {"1E3", P, 1000},
    {"1e-05", P, 1e-05},
    {"2.5e+2", P, 250},
    {".5e1", P, 5},
    {"5.e1", P, 50},
    {" 5.8 ", P, 5.8},
    {"\t3\t", P, 3},
    {"", 0, 0},
    {" ", 0, 0},
    {"+", 0, 0},
    {"-", 0, 0},
    {".", 0, 0},
    {"-.", 0, 0},
    {"1.2.3", 0, 0},
    {"19x5", 0, 0},
    {"0.1x", 0, 0},
    {" 12", P, 12},
    {"12 ", P, 12},
    {"1 2", 0, 0},
    {"- 5", 0, 0},
    {"1,000", 0, 0},
    {"1e", 0, 0},
    {"1e+", 0, 0},
    {"e5", 0, 0},
    {"1e5.5", 0, 0},
    {"0x10", 0, 0},
    {"0x0.1p0", 0, 0}, /* a C hexadecimal float: the docs say decimal */
    {"0X1P3", 0, 0},
    {"1p3", 0, 0},
    {"nan", 0, 0},
    {"inf", 0, 0},
    {"infinity", 0, 0},
    {"\n5", 0, 0},
    {"5\n", 0, 0},
    {"１２", 0, 0}, /* full-width digits */
    {"1e400", 0, 0},  /* overflows */
    {"1e-400", 0, 0}, /* underflows */
    {"1e-310", 0, 0}, /* a subnormal double: underflows too */
    {"99999999999999999999999", D | P, 1e23}, /* too big for a long */
};

static int accepts(int form, const char *s, double *v) {
  long l;
  if (form == W) {
    int rc = rp_parse_int(s, -1000000, 1000000000L, &l);
    *v = (double)l;
    return rc == 0;
  }
  if (form == D)
    return rp_parse_double(s, -1e300, 1e300, v) == 0;
  return rp_parse_number(s, RP_NUM_POINT | RP_NUM_EXPONENT | RP_NUM_BLANKS, -1e300, 1e300,
                         v) == 0;
}

static void test_grammar(void **state) {
  (void)state;
  static const int forms[] = {W, D, P};
  static const char *const names[] = {"", "whole", "decimal", "", "policy"};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    for (size_t f = 0; f < 3; f++) {
      double v = 0;
      int want = (fields[i].accepted_by & forms[f]) != 0;
      if (accepts(forms[f], fields[i].s, &v) != want)
        fail_msg("\"%s\" as a %s number: %s, expected %s", fields[i].s, names[forms[f]],
                 want ? "refused" : "accepted", want ? "accepted" : "refused");
      if (want && v != fields[i].value)
        fail_msg("\"%s\" as a %s number reads %.17g, expected %.17g", fields[i].s,
                 names[forms[f]], v, fields[i].value);
    }
}

/* The whole number form of rp_parse_number is rp_parse_int's grammar. */
static void test_no_form_is_whole(void **state) {
  (void)state;
  double v = 0;
  assert_int_equal(rp_parse_number("-12", 0, -100, 100, &v), 0);
  assert_true(v == -12);
  assert_int_equal(rp_parse_number("1.5", 0, -100, 100, &v), -1);
  assert_int_equal(rp_parse_number("1e2", RP_NUM_EXPONENT, -1000, 1000, &v), 0);
  assert_true(v == 100);
}

static void test_range_and_output(void **state) {
  (void)state;
  long l = 42;
  assert_int_equal(rp_parse_int("10", 0, 10, &l), 0);
  assert_int_equal(l, 10);
  l = 42;
  assert_int_equal(rp_parse_int("11", 0, 10, &l), -1);
  assert_int_equal(rp_parse_int("-1", 0, 10, &l), -1);
  assert_int_equal(rp_parse_int("99999999999999999999999", 0, 10, &l), -1);
  assert_int_equal(rp_parse_int("x", 0, 10, &l), -1);
  assert_int_equal(l, 42); /* untouched on failure */
  assert_int_equal(rp_parse_int("9223372036854775807", 0, 9223372036854775807L, &l), 0);
  assert_true(l == 9223372036854775807L); /* exact, not through a double */
  double d = 42;
  assert_int_equal(rp_parse_double("-10", -10, 10, &d), 0);
  assert_true(d == -10);
  d = 42;
  assert_int_equal(rp_parse_double("10.001", -10, 10, &d), -1);
  assert_int_equal(rp_parse_double("1e3", -1e5, 1e5, &d), -1);
  assert_true(d == 42);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_grammar),
      cmocka_unit_test(test_no_form_is_whole),
      cmocka_unit_test(test_range_and_output),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
