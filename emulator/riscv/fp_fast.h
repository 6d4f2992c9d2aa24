/*
 * Fast paths for the commonest F/D operations: round-to-nearest-even add, subtract,
 * multiply and divide of finite, normal operands whose result is normal (or an exact
 * zero). There the host's own IEEE arithmetic (RNE in both C on x86-64/SSE and wasm,
 * with no excess precision) gives exactly the RISC-V result; the one thing host
 * arithmetic cannot say, whether the result is inexact (fflags.NX), is found with an
 * error-free transformation (add, subtract) or from the operands' significands
 * (multiply, divide). Every other case returns false and is left to softfloat.c, the
 * exact reference. `flags` holds the flags raised so far (the guest's fflags, say): NX
 * is only worked out when it is not set already, since it is sticky and then nothing
 * about this result can change it (most FP loops set it on their first rounding). Build without -ffast-math (and with -ffp-contract=off) so the
 * compiler keeps these operations as written.
 */
#ifndef SPIN_RISCV_FP_FAST_H
#define SPIN_RISCV_FP_FAST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "riscv/softfloat.h"

static inline double fpf_f64(uint64_t bits) {
    double d;
    memcpy(&d, &bits, 8);
    return d;
}
static inline uint64_t fpf_bits64(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}
static inline float fpf_f32(uint32_t bits) {
    float f;
    memcpy(&f, &bits, 4);
    return f;
}
static inline uint32_t fpf_bits32(float f) {
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

/* Exponent field is neither 0 (zero, subnormal) nor all ones (inf, NaN). */
static inline bool fpf_normal64(uint64_t v) {
    uint64_t e = (v >> 52) & 0x7ff;
    return e - 1 < 0x7fe;
}
static inline bool fpf_normal32(uint32_t v) {
    uint32_t e = (v >> 23) & 0xff;
    return e - 1 < 0xfe;
}
/* A result the fast path may return: finite with an exponent above the smallest normal
 * one. (One that rounded to the smallest normal may have been tiny before rounding,
 * which raises UF; a zero product or quotient underflowed: softfloat decides those.) */
static inline bool fpf_result_ok64(uint64_t r) { return ((r >> 52) & 0x7ff) - 2 < 0x7fd; }
static inline bool fpf_result_ok32(uint32_t r) { return ((r >> 23) & 0xff) - 2 < 0xfd; }

/* Odd part of a normal operand's significand (implicit bit included). */
static inline uint64_t fpf_odd_sig64(uint64_t v) {
    uint64_t m = (v & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    return m >> __builtin_ctzll(m);
}
static inline uint64_t fpf_odd_sig32(uint32_t v) {
    uint64_t m = (v & ((1u << 23) - 1)) | (1u << 23);
    return m >> __builtin_ctzll(m);
}

/* a + b (b already negated for subtraction). */
static inline bool fpf_add64(uint64_t a, uint64_t b, uint64_t *r, uint32_t *flags) {
    if (!fpf_normal64(a) || !fpf_normal64(b)) return false;
    double x = fpf_f64(a), y = fpf_f64(b), s = x + y;
    uint64_t bits = fpf_bits64(s);
    if (!fpf_result_ok64(bits) && (bits << 1) != 0) return false; /* x + -x: exact zero */
    if (!(*flags & SF_FLAG_NX)) {
        double yy = s - x, err = (x - (s - yy)) + (y - yy); /* TwoSum: s + err == x + y */
        if (err != 0) *flags |= SF_FLAG_NX;
    }
    *r = bits;
    return true;
}

static inline bool fpf_add32(uint32_t a, uint32_t b, uint32_t *r, uint32_t *flags) {
    if (!fpf_normal32(a) || !fpf_normal32(b)) return false;
    float x = fpf_f32(a), y = fpf_f32(b), s = x + y;
    uint32_t bits = fpf_bits32(s);
    if (!fpf_result_ok32(bits) && (bits << 1) != 0) return false;
    if (!(*flags & SF_FLAG_NX)) {
        float yy = s - x, err = (x - (s - yy)) + (y - yy);
        if (err != 0) *flags |= SF_FLAG_NX;
    }
    *r = bits;
    return true;
}

/* The product of two normal numbers is exact iff the product of their significands'
 * odd parts fits in the format's significand. */
static inline bool fpf_mul64(uint64_t a, uint64_t b, uint64_t *r, uint32_t *flags) {
    if (!fpf_normal64(a) || !fpf_normal64(b)) return false;
    uint64_t bits = fpf_bits64(fpf_f64(a) * fpf_f64(b));
    if (!fpf_result_ok64(bits)) return false;
    uint64_t p;
    if (!(*flags & SF_FLAG_NX) &&
        (__builtin_mul_overflow(fpf_odd_sig64(a), fpf_odd_sig64(b), &p) || p >> 53))
        *flags |= SF_FLAG_NX;
    *r = bits;
    return true;
}

static inline bool fpf_mul32(uint32_t a, uint32_t b, uint32_t *r, uint32_t *flags) {
    if (!fpf_normal32(a) || !fpf_normal32(b)) return false;
    /* the double product of two floats is exact, so one rounding to float is correct */
    double p = (double)fpf_f32(a) * (double)fpf_f32(b);
    float f = (float)p;
    uint32_t bits = fpf_bits32(f);
    if (!fpf_result_ok32(bits)) return false;
    if ((double)f != p) *flags |= SF_FLAG_NX;
    *r = bits;
    return true;
}

/* A quotient of normal numbers is exact iff the divisor's odd significand divides the
 * dividend's (otherwise the reduced fraction has an odd denominator and no finite
 * binary expansion). */
static inline bool fpf_div64(uint64_t a, uint64_t b, uint64_t *r, uint32_t *flags) {
    if (!fpf_normal64(a) || !fpf_normal64(b)) return false;
    uint64_t bits = fpf_bits64(fpf_f64(a) / fpf_f64(b));
    if (!fpf_result_ok64(bits)) return false;
    if (!(*flags & SF_FLAG_NX) && fpf_odd_sig64(a) % fpf_odd_sig64(b) != 0) *flags |= SF_FLAG_NX;
    *r = bits;
    return true;
}

static inline bool fpf_div32(uint32_t a, uint32_t b, uint32_t *r, uint32_t *flags) {
    if (!fpf_normal32(a) || !fpf_normal32(b)) return false;
    /* float -> double -> float rounding of a quotient is correct (53 >= 2 * 24 + 2) */
    uint32_t bits = fpf_bits32((float)((double)fpf_f32(a) / (double)fpf_f32(b)));
    if (!fpf_result_ok32(bits)) return false;
    if (!(*flags & SF_FLAG_NX) && fpf_odd_sig32(a) % fpf_odd_sig32(b) != 0) *flags |= SF_FLAG_NX;
    *r = bits;
    return true;
}

/* Quicker still once fflags.NX is raised (FP code sets it on its first rounding): when
 * the host's result is finite and normal with an exponent above the smallest normal
 * one, it is the RISC-V result whatever the operands were (zeros, subnormals), and the
 * operation raises no flag but NX: invalid operations, division by zero and overflow
 * give NaNs or infinities, underflow a tiny result. Anything else returns false. */
static inline bool fpf_quick_add64(uint64_t a, uint64_t b, uint64_t *r) {
    *r = fpf_bits64(fpf_f64(a) + fpf_f64(b));
    return fpf_result_ok64(*r);
}
static inline bool fpf_quick_mul64(uint64_t a, uint64_t b, uint64_t *r) {
    *r = fpf_bits64(fpf_f64(a) * fpf_f64(b));
    return fpf_result_ok64(*r);
}
static inline bool fpf_quick_div64(uint64_t a, uint64_t b, uint64_t *r) {
    *r = fpf_bits64(fpf_f64(a) / fpf_f64(b));
    return fpf_result_ok64(*r);
}
static inline bool fpf_quick_add32(uint32_t a, uint32_t b, uint32_t *r) {
    *r = fpf_bits32(fpf_f32(a) + fpf_f32(b));
    return fpf_result_ok32(*r);
}
static inline bool fpf_quick_mul32(uint32_t a, uint32_t b, uint32_t *r) {
    *r = fpf_bits32((float)((double)fpf_f32(a) * (double)fpf_f32(b))); /* as fpf_mul32 */
    return fpf_result_ok32(*r);
}
static inline bool fpf_quick_div32(uint32_t a, uint32_t b, uint32_t *r) {
    *r = fpf_bits32((float)((double)fpf_f32(a) / (double)fpf_f32(b))); /* as fpf_div32 */
    return fpf_result_ok32(*r);
}

#endif
