/*
 * The M extension's results that take more than one host operation: the high halves of
 * 128-bit products, and divisions with RISC-V's answers for a zero divisor (all ones,
 * or the dividend for remainders) and for the one overflowing quotient (the dividend,
 * remainder 0). Shared by the interpreter and the translator's helper.
 */
#ifndef SPIN_RISCV_MULDIV_H
#define SPIN_RISCV_MULDIV_H

#include <stdint.h>

static inline uint64_t rv_mulh(int64_t a, int64_t b) { return (uint64_t)(((__int128)a * b) >> 64); }
static inline uint64_t rv_mulhu(uint64_t a, uint64_t b) {
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}
static inline uint64_t rv_mulhsu(int64_t a, uint64_t b) {
    return (uint64_t)(((__int128)a * (__int128)(unsigned __int128)b) >> 64);
}
static inline uint64_t rv_div(int64_t a, int64_t b) {
    return b == 0 ? UINT64_MAX : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
}
static inline uint64_t rv_divu(uint64_t a, uint64_t b) { return b == 0 ? UINT64_MAX : a / b; }
static inline uint64_t rv_rem(int64_t a, int64_t b) {
    return b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
}
static inline uint64_t rv_remu(uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }
/* 32-bit forms: results sign-extended to 64 bits. */
static inline uint64_t rv_divw(int32_t a, int32_t b) {
    return (uint64_t)(int64_t)(b == 0 ? -1 : (a == INT32_MIN && b == -1) ? a : a / b);
}
static inline uint64_t rv_divuw(uint32_t a, uint32_t b) {
    return (uint64_t)(int64_t)(int32_t)(b == 0 ? UINT32_MAX : a / b);
}
static inline uint64_t rv_remw(int32_t a, int32_t b) {
    return (uint64_t)(int64_t)(b == 0 ? a : (a == INT32_MIN && b == -1) ? 0 : a % b);
}
static inline uint64_t rv_remuw(uint32_t a, uint32_t b) {
    return (uint64_t)(int64_t)(int32_t)(b == 0 ? a : a % b);
}

#endif
