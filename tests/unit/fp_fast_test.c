/* The FP fast paths (emulator/riscv/fp_fast.h) against softfloat, the exact reference:
 * wherever a fast path answers, its result bits and flags must be softfloat's. Operands
 * are biased towards where the fast paths must step aside: exponents near the smallest
 * normal and near overflow, exact and inexact results, cancellation. Runs natively and
 * in wasm (whose host arithmetic is the one the wasm build uses). */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>

#include "riscv/fp_fast.h"
#include "riscv/softfloat.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t operand64(void) {
    uint64_t r = next(), sign = r & (UINT64_C(1) << 63), frac = next() & ((UINT64_C(1) << 52) - 1);
    uint64_t exp;
    switch (r & 7) {
    case 0: exp = 1 + (r >> 8) % 40; break;              /* near the smallest normal */
    case 1: exp = 0x7fe - (r >> 8) % 40; break;          /* near overflow */
    case 2: frac &= ~((UINT64_C(1) << 40) - 1); exp = 1000 + (r >> 8) % 48; break; /* short */
    case 3: exp = (r >> 8) % 0x800; break;               /* anything, incl. specials */
    case 4: /* just below 1 or 2: times a number near the smallest normal, the product
             * may round up to the smallest normal after being tiny (UF) */
        exp = 1022 + (r >> 8) % 2;
        frac = ((UINT64_C(1) << 52) - 1) - (frac & 15);
        break;
    case 5: exp = 1 + (r >> 8) % 2; frac &= 15; break;   /* the smallest normals */
    default: exp = 1000 + (r >> 8) % 48; break;          /* ordinary */
    }
    return sign | exp << 52 | frac;
}

static uint32_t operand32(void) {
    uint64_t r = next();
    uint32_t sign = (uint32_t)r & 0x80000000u, frac = (uint32_t)next() & ((1u << 23) - 1), exp;
    switch (r & 7) {
    case 0: exp = 1 + (uint32_t)(r >> 8) % 20; break;
    case 1: exp = 0xfe - (uint32_t)(r >> 8) % 20; break;
    case 2: frac &= ~((1u << 14) - 1); exp = 120 + (uint32_t)(r >> 8) % 16; break;
    case 3: exp = (uint32_t)(r >> 8) % 0x100; break;
    case 4: exp = 126 + (uint32_t)(r >> 8) % 2; frac = ((1u << 23) - 1) - (frac & 15); break;
    case 5: exp = 1 + (uint32_t)(r >> 8) % 2; frac &= 15; break;
    default: exp = 120 + (uint32_t)(r >> 8) % 16; break;
    }
    return sign | exp << 23 | frac;
}

static long checked, answered, failures;

#define CHECK(name, type, fast, slow, a, b)                                                 \
    do {                                                                                    \
        type r = 0, want;                                                                   \
        uint32_t fl = 0, want_fl = 0;                                                       \
        checked++;                                                                          \
        if (!fast(a, b, &r, &fl)) break;                                                    \
        answered++;                                                                         \
        want = slow(a, b, SF_RM_RNE, &want_fl);                                             \
        if (r != want || fl != want_fl) {                                                   \
            if (failures++ < 10)                                                            \
                printf("%s(%#" PRIx64 ", %#" PRIx64 ") = %#" PRIx64 " flags %#x, want %#" PRIx64 \
                       " flags %#x\n", name, (uint64_t)(a), (uint64_t)(b), (uint64_t)r, fl,  \
                       (uint64_t)want, want_fl);                                            \
        }                                                                                   \
        /* NX already raised: the same answer and the result, NX kept */                    \
        type r_nx = 0;                                                                      \
        uint32_t fl_nx = SF_FLAG_NX;                                                        \
        if (!fast(a, b, &r_nx, &fl_nx) || r_nx != want || fl_nx != (want_fl | SF_FLAG_NX)) { \
            if (failures++ < 10)                                                            \
                printf("%s(%#" PRIx64 ", %#" PRIx64 ") with NX set = %#" PRIx64 " flags %#x\n", \
                       name, (uint64_t)(a), (uint64_t)(b), (uint64_t)r_nx, fl_nx);          \
        }                                                                                   \
    } while (0)

/* The quick paths (fflags.NX already raised): where they answer, softfloat's result and
 * no flag but NX. */
#define CHECK_QUICK(name, type, quick, slow, a, b)                                          \
    do {                                                                                    \
        type r = 0, want;                                                                   \
        uint32_t want_fl = 0;                                                               \
        checked++;                                                                          \
        if (!quick(a, b, &r)) break;                                                        \
        answered++;                                                                         \
        want = slow(a, b, SF_RM_RNE, &want_fl);                                             \
        if (r != want || (want_fl & ~(uint32_t)SF_FLAG_NX) != 0) {                          \
            if (failures++ < 10)                                                            \
                printf("quick %s(%#" PRIx64 ", %#" PRIx64 ") = %#" PRIx64 ", want %#" PRIx64 \
                       " flags %#x\n", name, (uint64_t)(a), (uint64_t)(b), (uint64_t)r,      \
                       (uint64_t)want, want_fl);                                            \
        }                                                                                   \
    } while (0)

/* Zeros, infinities, NaNs (quiet and signaling), subnormals: operands the quick paths
 * take without looking at them. */
static uint64_t special64(void) {
    static const uint64_t v[] = {0, UINT64_C(0x7ff0000000000000), UINT64_C(0x7ff8000000000000),
                                 UINT64_C(0x7ff0000000000001), 1, UINT64_C(0x000fffffffffffff)};
    return v[next() % 6] | (next() & 1 ? UINT64_C(1) << 63 : 0);
}
static uint32_t special32(void) {
    static const uint32_t v[] = {0, 0x7f800000u, 0x7fc00000u, 0x7f800001u, 1, 0x007fffffu};
    return v[next() % 6] | (next() & 1 ? 0x80000000u : 0);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 400000;
    for (long i = 0; i < n; i++) {
        uint64_t a = operand64(), b = operand64();
        if (next() & 1) b = (a ^ (next() & 0xff)) ^ (next() & 1 ? UINT64_C(1) << 63 : 0); /* cancellation */
        CHECK("add64", uint64_t, fpf_add64, sf_f64_add, a, b);
        CHECK("mul64", uint64_t, fpf_mul64, sf_f64_mul, a, b);
        CHECK("div64", uint64_t, fpf_div64, sf_f64_div, a, b);
        uint32_t x = operand32(), y = operand32();
        if (next() & 1) y = (x ^ (uint32_t)(next() & 0xff)) ^ (next() & 1 ? 0x80000000u : 0);
        CHECK("add32", uint32_t, fpf_add32, sf_f32_add, x, y);
        CHECK("mul32", uint32_t, fpf_mul32, sf_f32_mul, x, y);
        CHECK("div32", uint32_t, fpf_div32, sf_f32_div, x, y);
        CHECK_QUICK("add64", uint64_t, fpf_quick_add64, sf_f64_add, a, b);
        CHECK_QUICK("mul64", uint64_t, fpf_quick_mul64, sf_f64_mul, a, b);
        CHECK_QUICK("div64", uint64_t, fpf_quick_div64, sf_f64_div, a, b);
        CHECK_QUICK("add32", uint32_t, fpf_quick_add32, sf_f32_add, x, y);
        CHECK_QUICK("mul32", uint32_t, fpf_quick_mul32, sf_f32_mul, x, y);
        CHECK_QUICK("div32", uint32_t, fpf_quick_div32, sf_f32_div, x, y);
        uint64_t s64 = special64();
        uint32_t s32 = special32();
        CHECK_QUICK("add64", uint64_t, fpf_quick_add64, sf_f64_add, a, s64);
        CHECK_QUICK("mul64", uint64_t, fpf_quick_mul64, sf_f64_mul, s64, b);
        CHECK_QUICK("div64", uint64_t, fpf_quick_div64, sf_f64_div, a, s64);
        CHECK_QUICK("div64", uint64_t, fpf_quick_div64, sf_f64_div, s64, b);
        CHECK_QUICK("add32", uint32_t, fpf_quick_add32, sf_f32_add, s32, y);
        CHECK_QUICK("mul32", uint32_t, fpf_quick_mul32, sf_f32_mul, x, s32);
        CHECK_QUICK("div32", uint32_t, fpf_quick_div32, sf_f32_div, x, s32);
        CHECK_QUICK("div32", uint32_t, fpf_quick_div32, sf_f32_div, s32, y);
    }
    printf("fp_fast: %ld operations, %ld answered by the fast path, %ld disagreed with softfloat\n",
           checked, answered, failures);
    /* The fast paths must actually take the common cases, or they are not fast paths. */
    if (answered < checked / 4) {
        printf("fp_fast: too few operations took the fast path\n");
        return 1;
    }
    printf("%ld passed, %ld failed\n", checked - failures, failures);
    return failures != 0;
}
