/*
 * Exact IEEE 754 binary32/binary64 arithmetic in integer C, as RISC-V F and D define
 * it, for hosts without a usable floating-point environment (wasm has none, and host
 * FP would round with the host's mode and never report flags).
 *
 * Values travel as raw bit patterns. Every operation takes a rounding mode (one of
 * SF_RM_*, already resolved from frm: never "dynamic") and ORs the exception flags it
 * raises into *flags (SF_FLAG_*, the fflags bit layout). RISC-V conventions throughout:
 *  - any NaN result is the canonical NaN (0x7fc00000 / 0x7ff8000000000000);
 *  - tininess is detected after rounding;
 *  - conversions to integers saturate, and NaN converts to the largest positive value;
 *  - min/max follow IEEE 754-2019 minimumNumber/maximumNumber (-0 < +0; one NaN
 *    operand returns the other; NV only for signaling NaNs);
 *  - eq is quiet (NV only for sNaN); lt/le are signaling (NV for any NaN).
 */
#ifndef SPIN_RISCV_SOFTFLOAT_H
#define SPIN_RISCV_SOFTFLOAT_H

#include <stdint.h>

enum {
    SF_RM_RNE = 0, /* round to nearest, ties to even */
    SF_RM_RTZ = 1, /* toward zero */
    SF_RM_RDN = 2, /* down, toward -inf */
    SF_RM_RUP = 3, /* up, toward +inf */
    SF_RM_RMM = 4, /* to nearest, ties to max magnitude */
};

enum {
    SF_FLAG_NX = 1,  /* inexact */
    SF_FLAG_UF = 2,  /* underflow */
    SF_FLAG_OF = 4,  /* overflow */
    SF_FLAG_DZ = 8,  /* divide by zero */
    SF_FLAG_NV = 16, /* invalid */
};

#define SF_F32_CANONICAL_NAN 0x7fc00000u
#define SF_F64_CANONICAL_NAN UINT64_C(0x7ff8000000000000)

/* binary32 */
uint32_t sf_f32_add(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t sf_f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t sf_f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t sf_f32_div(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t sf_f32_sqrt(uint32_t a, int rm, uint32_t *flags);
/* a*b + c with a single rounding; the FMSUB/FNMSUB/FNMADD forms flip sign bits of the
 * operands before calling (a NaN operand still gives the canonical NaN). */
uint32_t sf_f32_muladd(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *flags);
uint32_t sf_f32_min(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t sf_f32_max(uint32_t a, uint32_t b, uint32_t *flags);
int sf_f32_eq(uint32_t a, uint32_t b, uint32_t *flags);
int sf_f32_lt(uint32_t a, uint32_t b, uint32_t *flags);
int sf_f32_le(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t sf_f32_classify(uint32_t a); /* the 10-bit FCLASS mask */
int32_t sf_f32_to_i32(uint32_t a, int rm, uint32_t *flags);
uint32_t sf_f32_to_u32(uint32_t a, int rm, uint32_t *flags);
int64_t sf_f32_to_i64(uint32_t a, int rm, uint32_t *flags);
uint64_t sf_f32_to_u64(uint32_t a, int rm, uint32_t *flags);
uint32_t sf_i32_to_f32(int32_t v, int rm, uint32_t *flags);
uint32_t sf_u32_to_f32(uint32_t v, int rm, uint32_t *flags);
uint32_t sf_i64_to_f32(int64_t v, int rm, uint32_t *flags);
uint32_t sf_u64_to_f32(uint64_t v, int rm, uint32_t *flags);

/* binary64 */
uint64_t sf_f64_add(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t sf_f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t sf_f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t sf_f64_div(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t sf_f64_sqrt(uint64_t a, int rm, uint32_t *flags);
uint64_t sf_f64_muladd(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags);
uint64_t sf_f64_min(uint64_t a, uint64_t b, uint32_t *flags);
uint64_t sf_f64_max(uint64_t a, uint64_t b, uint32_t *flags);
int sf_f64_eq(uint64_t a, uint64_t b, uint32_t *flags);
int sf_f64_lt(uint64_t a, uint64_t b, uint32_t *flags);
int sf_f64_le(uint64_t a, uint64_t b, uint32_t *flags);
uint32_t sf_f64_classify(uint64_t a);
int32_t sf_f64_to_i32(uint64_t a, int rm, uint32_t *flags);
uint32_t sf_f64_to_u32(uint64_t a, int rm, uint32_t *flags);
int64_t sf_f64_to_i64(uint64_t a, int rm, uint32_t *flags);
uint64_t sf_f64_to_u64(uint64_t a, int rm, uint32_t *flags);
uint64_t sf_i32_to_f64(int32_t v, int rm, uint32_t *flags);
uint64_t sf_u32_to_f64(uint32_t v, int rm, uint32_t *flags);
uint64_t sf_i64_to_f64(int64_t v, int rm, uint32_t *flags);
uint64_t sf_u64_to_f64(uint64_t v, int rm, uint32_t *flags);

/* between formats */
uint64_t sf_f32_to_f64(uint32_t a, uint32_t *flags);
uint32_t sf_f64_to_f32(uint64_t a, int rm, uint32_t *flags);

#endif
