/* The little assertion harness the device unit tests share: CHECK counts and reports,
 * never aborts, so one run shows every failure; device_check_summary() prints the tally
 * and gives main's exit status. */
#ifndef SPIN_TESTS_UNIT_DEVICE_CHECK_H
#define SPIN_TESTS_UNIT_DEVICE_CHECK_H

#include <inttypes.h>
#include <stdio.h>

static unsigned long device_checks, device_failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        device_checks++;                                                             \
        if (!(cond)) {                                                               \
            device_failures++;                                                       \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                            \
    } while (0)

/* Equality of two integers, printing both on failure. */
#define CHECK_EQ(a, b)                                                               \
    do {                                                                             \
        uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b);                 \
        device_checks++;                                                             \
        if (check_a_ != check_b_) {                                                  \
            device_failures++;                                                       \
            printf("FAIL %s:%d: %s == %s (0x%" PRIx64 " != 0x%" PRIx64 ")\n", __FILE__, \
                   __LINE__, #a, #b, check_a_, check_b_);                            \
        }                                                                            \
    } while (0)

static int device_check_summary(const char *name) {
    printf("%s: %lu checks, %lu failed\n", name, device_checks, device_failures);
    return device_failures != 0;
}

#endif
