/* Link-time wrapper (ld --wrap=glp_intopt) for the test binary
 * rotaplan_glpk_fail: makes every MIP solve fail inside GLPK, as a library
 * bug or a broken model would, so that the tests can check that the
 * process does not abort, says so clearly and writes nothing.  glpk.h stays
 * in solver/ only: the one GLPK routine used is declared here. */
void glp_assert_(const char *expr, const char *file, int line);
int __wrap_glp_intopt(void *P, const void *parm);

int __wrap_glp_intopt(void *P, const void *parm) {
  (void)P;
  (void)parm;
  glp_assert_("forced failure (tests/glpk_fail.c)", __FILE__, __LINE__);
  return 0; /* not reached: GLPK's error path calls our error hook */
}
