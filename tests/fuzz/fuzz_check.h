/* What every fuzz harness shares: a broken promise is a finding, said with
 * its place, then abort() so that libFuzzer (or replay.c) reports it. */
#ifndef RP_FUZZ_CHECK_H
#define RP_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define check(ok)                                                            \
  do {                                                                       \
    if (!(ok)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #ok); \
      abort();                                                               \
    }                                                                        \
  } while (0)

#endif
