// Tiny assertion helpers shared by the oci unit tests: count checks, print failures,
// and end with the "N passed, N failed" line CTest's readers understand.
#ifndef SPIN_TESTS_OCI_CHECK_H
#define SPIN_TESTS_OCI_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_count, check_failures;

#define CHECK(condition)                                                    \
  do {                                                                      \
    check_count++;                                                          \
    if (!(condition)) {                                                     \
      check_failures++;                                                     \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #condition);           \
    }                                                                       \
  } while (0)

#define CHECK_STR(got, want)                                                        \
  do {                                                                              \
    check_count++;                                                                  \
    if (strcmp((got), (want)) != 0) {                                               \
      check_failures++;                                                             \
      printf("FAIL %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, (got), (want)); \
    }                                                                               \
  } while (0)

static inline int check_summary(void) {
  printf("%d passed, %d failed\n", check_count - check_failures, check_failures);
  return check_failures ? 1 : 0;
}

#endif
