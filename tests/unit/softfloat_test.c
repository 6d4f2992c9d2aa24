/*
 * Unit test of emulator/riscv/softfloat.c.
 *
 * Part 1 (everywhere, native and wasm): hand-checked vectors for the RISC-V specific
 * rules (canonical NaN, min/max, comparisons, FCLASS, saturating conversions, RMM,
 * fused multiply-add, overflow per rounding mode, subnormals, tininess after rounding);
 * and a digest of all results over a fixed operand stream, which pins the wasm build to
 * the native one that part 2 verifies.
 *
 * Part 2 (native x86-64 only): differential testing against the host's hardware FP
 * (SSE, which like RISC-V detects tininess after rounding) and glibc's correctly
 * rounded fma/fmaf, over biased random operands in the four IEEE rounding modes the
 * host has; RMM is checked against a reference built from the host's RTZ results in a
 * wider format (binary64 for binary32 results, x87 long double for binary64 ones).
 * Host behaviour that differs from RISC-V by design is normalised: NaN results are
 * expected canonical, float->int conversions are referenced through rint() and
 * saturated, and fma(0, inf, qNaN) must raise NV.
 */
#include "riscv/softfloat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long checks, failures;

/* ---------------------------------------------------------------------------------
 * The operations under test, behind one dispatcher
 * ------------------------------------------------------------------------------- */

#define OP_LIST(X)                                                                         \
    X(F32_ADD, "f32_add", 2) X(F32_SUB, "f32_sub", 2) X(F32_MUL, "f32_mul", 2)              \
    X(F32_DIV, "f32_div", 2) X(F32_SQRT, "f32_sqrt", 1) X(F32_FMA, "f32_muladd", 3)         \
    X(F32_MIN, "f32_min", 2) X(F32_MAX, "f32_max", 2) X(F32_EQ, "f32_eq", 2)                \
    X(F32_LT, "f32_lt", 2) X(F32_LE, "f32_le", 2) X(F32_CLASS, "f32_classify", 1)           \
    X(F32_TO_I32, "f32_to_i32", 1) X(F32_TO_U32, "f32_to_u32", 1)                           \
    X(F32_TO_I64, "f32_to_i64", 1) X(F32_TO_U64, "f32_to_u64", 1)                           \
    X(I32_TO_F32, "i32_to_f32", 1) X(U32_TO_F32, "u32_to_f32", 1)                           \
    X(I64_TO_F32, "i64_to_f32", 1) X(U64_TO_F32, "u64_to_f32", 1)                           \
    X(F64_ADD, "f64_add", 2) X(F64_SUB, "f64_sub", 2) X(F64_MUL, "f64_mul", 2)              \
    X(F64_DIV, "f64_div", 2) X(F64_SQRT, "f64_sqrt", 1) X(F64_FMA, "f64_muladd", 3)         \
    X(F64_MIN, "f64_min", 2) X(F64_MAX, "f64_max", 2) X(F64_EQ, "f64_eq", 2)                \
    X(F64_LT, "f64_lt", 2) X(F64_LE, "f64_le", 2) X(F64_CLASS, "f64_classify", 1)           \
    X(F64_TO_I32, "f64_to_i32", 1) X(F64_TO_U32, "f64_to_u32", 1)                           \
    X(F64_TO_I64, "f64_to_i64", 1) X(F64_TO_U64, "f64_to_u64", 1)                           \
    X(I32_TO_F64, "i32_to_f64", 1) X(U32_TO_F64, "u32_to_f64", 1)                           \
    X(I64_TO_F64, "i64_to_f64", 1) X(U64_TO_F64, "u64_to_f64", 1)                           \
    X(F32_TO_F64, "f32_to_f64", 1) X(F64_TO_F32, "f64_to_f32", 1)

#define X_ENUM(id, name, n) OP_##id,
enum { OP_LIST(X_ENUM) OP_COUNT };
#define X_NAME(id, name, n) name,
static const char *const op_names[] = {OP_LIST(X_NAME)};
#define X_ARITY(id, name, n) n,
static const int op_arity[] = {OP_LIST(X_ARITY)};

static const char *const rm_names[] = {"RNE", "RTZ", "RDN", "RUP", "RMM"};

/* Operands and results travel as uint64_t: binary32 and 32-bit integers in the low half
 * (zero-extended), booleans as 0/1. */
static uint64_t run_op(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c;
    switch (op) {
    case OP_F32_ADD: return sf_f32_add(a32, b32, rm, fl);
    case OP_F32_SUB: return sf_f32_sub(a32, b32, rm, fl);
    case OP_F32_MUL: return sf_f32_mul(a32, b32, rm, fl);
    case OP_F32_DIV: return sf_f32_div(a32, b32, rm, fl);
    case OP_F32_SQRT: return sf_f32_sqrt(a32, rm, fl);
    case OP_F32_FMA: return sf_f32_muladd(a32, b32, c32, rm, fl);
    case OP_F32_MIN: return sf_f32_min(a32, b32, fl);
    case OP_F32_MAX: return sf_f32_max(a32, b32, fl);
    case OP_F32_EQ: return (uint64_t)sf_f32_eq(a32, b32, fl);
    case OP_F32_LT: return (uint64_t)sf_f32_lt(a32, b32, fl);
    case OP_F32_LE: return (uint64_t)sf_f32_le(a32, b32, fl);
    case OP_F32_CLASS: return sf_f32_classify(a32);
    case OP_F32_TO_I32: return (uint32_t)sf_f32_to_i32(a32, rm, fl);
    case OP_F32_TO_U32: return sf_f32_to_u32(a32, rm, fl);
    case OP_F32_TO_I64: return (uint64_t)sf_f32_to_i64(a32, rm, fl);
    case OP_F32_TO_U64: return sf_f32_to_u64(a32, rm, fl);
    case OP_I32_TO_F32: return sf_i32_to_f32((int32_t)a32, rm, fl);
    case OP_U32_TO_F32: return sf_u32_to_f32(a32, rm, fl);
    case OP_I64_TO_F32: return sf_i64_to_f32((int64_t)a, rm, fl);
    case OP_U64_TO_F32: return sf_u64_to_f32(a, rm, fl);
    case OP_F64_ADD: return sf_f64_add(a, b, rm, fl);
    case OP_F64_SUB: return sf_f64_sub(a, b, rm, fl);
    case OP_F64_MUL: return sf_f64_mul(a, b, rm, fl);
    case OP_F64_DIV: return sf_f64_div(a, b, rm, fl);
    case OP_F64_SQRT: return sf_f64_sqrt(a, rm, fl);
    case OP_F64_FMA: return sf_f64_muladd(a, b, c, rm, fl);
    case OP_F64_MIN: return sf_f64_min(a, b, fl);
    case OP_F64_MAX: return sf_f64_max(a, b, fl);
    case OP_F64_EQ: return (uint64_t)sf_f64_eq(a, b, fl);
    case OP_F64_LT: return (uint64_t)sf_f64_lt(a, b, fl);
    case OP_F64_LE: return (uint64_t)sf_f64_le(a, b, fl);
    case OP_F64_CLASS: return sf_f64_classify(a);
    case OP_F64_TO_I32: return (uint32_t)sf_f64_to_i32(a, rm, fl);
    case OP_F64_TO_U32: return sf_f64_to_u32(a, rm, fl);
    case OP_F64_TO_I64: return (uint64_t)sf_f64_to_i64(a, rm, fl);
    case OP_F64_TO_U64: return sf_f64_to_u64(a, rm, fl);
    case OP_I32_TO_F64: return sf_i32_to_f64((int32_t)a32, rm, fl);
    case OP_U32_TO_F64: return sf_u32_to_f64(a32, rm, fl);
    case OP_I64_TO_F64: return sf_i64_to_f64((int64_t)a, rm, fl);
    case OP_U64_TO_F64: return sf_u64_to_f64(a, rm, fl);
    case OP_F32_TO_F64: return sf_f32_to_f64(a32, fl);
    case OP_F64_TO_F32: return sf_f64_to_f32(a, rm, fl);
    }
    abort();
}

static void print_flags(uint32_t fl)
{
    static const char *const names[] = {"NX", "UF", "OF", "DZ", "NV"};
    int any = 0;
    for (int i = 4; i >= 0; i--) {
        if (fl & (1u << i)) {
            printf("%s%s", any ? "|" : "", names[i]);
            any = 1;
        }
    }
    if (!any)
        printf("-");
}

static unsigned long reported;

/* Run one case and compare; report the first mismatches in detail. */
static void check(const char *what, int op, uint64_t a, uint64_t b, uint64_t c, int rm,
                  uint64_t want, uint32_t want_fl)
{
    uint32_t fl = 0;
    uint64_t got = run_op(op, a, b, c, rm, &fl);
    checks++;
    if (got == want && fl == want_fl)
        return;
    failures++;
    if (reported++ >= 25)
        return;
    printf("FAIL %s: %s %s a=%#" PRIx64, what, op_names[op], rm_names[rm], a);
    if (op_arity[op] >= 2)
        printf(" b=%#" PRIx64, b);
    if (op_arity[op] >= 3)
        printf(" c=%#" PRIx64, c);
    printf(": want %#" PRIx64 " ", want);
    print_flags(want_fl);
    printf(", got %#" PRIx64 " ", got);
    print_flags(fl);
    printf("\n");
}

/* ---------------------------------------------------------------------------------
 * Part 1: hand-checked vectors
 * ------------------------------------------------------------------------------- */

enum { RNE = SF_RM_RNE, RTZ = SF_RM_RTZ, RDN = SF_RM_RDN, RUP = SF_RM_RUP, RMM = SF_RM_RMM };
enum { NX = SF_FLAG_NX, UF = SF_FLAG_UF, OF = SF_FLAG_OF, DZ = SF_FLAG_DZ, NV = SF_FLAG_NV };

/* binary32 */
#define S_ONE 0x3f800000u
#define S_TWO 0x40000000u
#define S_HALF 0x3f000000u
#define S_M1 0xbf800000u
#define S_PZ 0x00000000u
#define S_NZ 0x80000000u
#define S_INF 0x7f800000u
#define S_NINF 0xff800000u
#define S_QNAN 0x7fc00000u
#define S_SNAN 0x7f800001u
#define S_MAX 0x7f7fffffu
#define S_MINN 0x00800000u
/* binary64 */
#define D_ONE UINT64_C(0x3ff0000000000000)
#define D_TWO UINT64_C(0x4000000000000000)
#define D_HALF UINT64_C(0x3fe0000000000000)
#define D_THREE UINT64_C(0x4008000000000000)
#define D_M1 UINT64_C(0xbff0000000000000)
#define D_PZ UINT64_C(0)
#define D_NZ UINT64_C(0x8000000000000000)
#define D_INF UINT64_C(0x7ff0000000000000)
#define D_NINF UINT64_C(0xfff0000000000000)
#define D_QNAN UINT64_C(0x7ff8000000000000)
#define D_SNAN UINT64_C(0x7ff0000000000001)
#define D_MAX UINT64_C(0x7fefffffffffffff)
#define D_NMAX UINT64_C(0xffefffffffffffff)
#define D_MINN UINT64_C(0x0010000000000000)
#define S_CNAN SF_F32_CANONICAL_NAN
#define D_CNAN SF_F64_CANONICAL_NAN

typedef struct {
    int op;
    uint64_t a, b, c;
    int rm;
    uint64_t want;
    uint32_t flags;
} vector;

#define V(op, a, b, c, rm, want, fl) {OP_##op, (a), (b), (c), (rm), (want), (fl)}

static const vector vectors[] = {
    /* NaN results are canonical; sNaN operands raise NV. */
    V(F32_ADD, 0x7fc12345, S_ONE, 0, RNE, S_CNAN, 0),
    V(F32_ADD, S_SNAN, S_ONE, 0, RNE, S_CNAN, NV),
    V(F64_MUL, UINT64_C(0xfff8000000000123), D_TWO, 0, RNE, D_CNAN, 0),
    V(F64_ADD, D_INF, D_NINF, 0, RNE, D_CNAN, NV),
    V(F64_SUB, D_INF, D_INF, 0, RNE, D_CNAN, NV),
    V(F32_MUL, S_PZ, S_INF, 0, RNE, S_CNAN, NV),
    V(F64_DIV, D_PZ, D_NZ, 0, RNE, D_CNAN, NV),
    V(F32_DIV, S_INF, S_NINF, 0, RNE, S_CNAN, NV),
    V(F64_SQRT, D_M1, 0, 0, RNE, D_CNAN, NV),
    V(F64_SQRT, D_NINF, 0, 0, RNE, D_CNAN, NV),
    V(F32_SQRT, S_SNAN, 0, 0, RNE, S_CNAN, NV),
    V(F32_SQRT, S_NZ, 0, 0, RNE, S_NZ, 0),
    V(F32_SQRT, 0x40800000, 0, 0, RNE, S_TWO, 0),
    V(F64_SQRT, D_TWO, 0, 0, RNE, UINT64_C(0x3ff6a09e667f3bcd), NX),
    V(F64_SQRT, D_TWO, 0, 0, RTZ, UINT64_C(0x3ff6a09e667f3bcc), NX),
    /* Division by zero. */
    V(F32_DIV, S_ONE, S_PZ, 0, RNE, S_INF, DZ),
    V(F32_DIV, S_ONE, S_NZ, 0, RNE, S_NINF, DZ),
    V(F64_DIV, D_M1, D_PZ, 0, RNE, D_NINF, DZ),
    V(F64_DIV, D_INF, D_PZ, 0, RNE, D_INF, 0),
    V(F32_DIV, S_ONE, 0x40400000, 0, RNE, 0x3eaaaaab, NX),
    V(F32_DIV, S_ONE, 0x40400000, 0, RTZ, 0x3eaaaaaa, NX),
    V(F64_DIV, D_ONE, D_THREE, 0, RNE, UINT64_C(0x3fd5555555555555), NX),
    V(F64_DIV, D_ONE, D_THREE, 0, RUP, UINT64_C(0x3fd5555555555556), NX),
    /* Signed zeros: x + (-x) is +0 except when rounding down. */
    V(F32_ADD, S_ONE, S_M1, 0, RNE, S_PZ, 0),
    V(F32_ADD, S_ONE, S_M1, 0, RDN, S_NZ, 0),
    V(F64_SUB, D_ONE, D_ONE, 0, RDN, D_NZ, 0),
    V(F64_SUB, D_ONE, D_ONE, 0, RUP, D_PZ, 0),
    V(F64_ADD, D_NZ, D_NZ, 0, RNE, D_NZ, 0),
    V(F32_ADD, S_PZ, S_NZ, 0, RNE, S_PZ, 0),
    V(F32_ADD, S_PZ, S_NZ, 0, RDN, S_NZ, 0),
    V(F64_FMA, D_ONE, D_ONE, D_M1, RNE, D_PZ, 0),
    V(F64_FMA, D_ONE, D_ONE, D_M1, RDN, D_NZ, 0),
    V(F32_FMA, S_PZ, S_ONE, S_NZ, RNE, S_PZ, 0),
    V(F32_FMA, S_NZ, S_ONE, S_NZ, RNE, S_NZ, 0),
    V(F64_FMA, D_NZ, D_ONE, D_PZ, RDN, D_NZ, 0),
    /* Fused multiply-add: 0 * inf is invalid even with a quiet NaN addend. */
    V(F32_FMA, S_PZ, S_INF, S_QNAN, RNE, S_CNAN, NV),
    V(F64_FMA, D_NINF, D_PZ, D_QNAN, RNE, D_CNAN, NV),
    V(F64_FMA, D_ONE, D_ONE, D_SNAN, RNE, D_CNAN, NV),
    V(F32_FMA, S_ONE, S_QNAN, S_ONE, RNE, S_CNAN, 0),
    V(F64_FMA, D_INF, D_ONE, D_NINF, RNE, D_CNAN, NV),
    V(F32_FMA, S_INF, S_M1, S_NINF, RNE, S_NINF, 0),
    V(F64_FMA, D_ONE, D_TWO, D_INF, RNE, D_INF, 0),
    /* ...with a single rounding: (1+2^-52)^2 - (1+2^-51) = 2^-104 exactly. */
    V(F64_FMA, UINT64_C(0x3ff0000000000001), UINT64_C(0x3ff0000000000001),
      UINT64_C(0xbff0000000000002), RNE, UINT64_C(0x3970000000000000), 0),
    V(F32_FMA, 0x3f800001, 0x3f800001, 0xbf800002, RNE, 0x28800000, 0),
    /* min/max: -0 < +0, a single NaN operand is ignored, NV only for sNaN. */
    V(F32_MIN, S_NZ, S_PZ, 0, RNE, S_NZ, 0),
    V(F32_MIN, S_PZ, S_NZ, 0, RNE, S_NZ, 0),
    V(F32_MAX, S_NZ, S_PZ, 0, RNE, S_PZ, 0),
    V(F64_MAX, D_PZ, D_NZ, 0, RNE, D_PZ, 0),
    V(F64_MIN, D_PZ, D_NZ, 0, RNE, D_NZ, 0),
    V(F32_MIN, S_QNAN, S_ONE, 0, RNE, S_ONE, 0),
    V(F32_MAX, S_ONE, 0xffc00000, 0, RNE, S_ONE, 0),
    V(F32_MIN, S_SNAN, S_ONE, 0, RNE, S_ONE, NV),
    V(F64_MAX, D_SNAN, D_QNAN, 0, RNE, D_CNAN, NV),
    V(F64_MIN, UINT64_C(0x7ff8000000000042), D_QNAN, 0, RNE, D_CNAN, 0),
    V(F32_MIN, 0x7fc12345, 0x7fc00001, 0, RNE, S_CNAN, 0),
    V(F64_MIN, D_NINF, D_ONE, 0, RNE, D_NINF, 0),
    V(F64_MAX, D_M1, UINT64_C(0xc000000000000000), 0, RNE, D_M1, 0),
    /* Comparisons: eq is quiet, lt/le signal on any NaN. */
    V(F32_EQ, S_QNAN, S_QNAN, 0, RNE, 0, 0),
    V(F32_EQ, S_SNAN, S_ONE, 0, RNE, 0, NV),
    V(F32_LT, S_QNAN, S_ONE, 0, RNE, 0, NV),
    V(F64_LE, D_ONE, D_QNAN, 0, RNE, 0, NV),
    V(F64_EQ, D_PZ, D_NZ, 0, RNE, 1, 0),
    V(F64_LT, D_NZ, D_PZ, 0, RNE, 0, 0),
    V(F64_LE, D_NZ, D_PZ, 0, RNE, 1, 0),
    V(F32_LT, S_M1, S_ONE, 0, RNE, 1, 0),
    V(F32_LT, 0xc0000000, S_M1, 0, RNE, 1, 0),
    V(F32_LE, S_INF, S_INF, 0, RNE, 1, 0),
    V(F64_LT, D_ONE, D_ONE, 0, RNE, 0, 0),
    /* FCLASS. */
    V(F32_CLASS, S_NINF, 0, 0, RNE, 1u << 0, 0),
    V(F32_CLASS, S_M1, 0, 0, RNE, 1u << 1, 0),
    V(F32_CLASS, 0x80000001, 0, 0, RNE, 1u << 2, 0),
    V(F32_CLASS, S_NZ, 0, 0, RNE, 1u << 3, 0),
    V(F32_CLASS, S_PZ, 0, 0, RNE, 1u << 4, 0),
    V(F32_CLASS, 0x007fffff, 0, 0, RNE, 1u << 5, 0),
    V(F32_CLASS, S_MINN, 0, 0, RNE, 1u << 6, 0),
    V(F32_CLASS, S_INF, 0, 0, RNE, 1u << 7, 0),
    V(F32_CLASS, S_SNAN, 0, 0, RNE, 1u << 8, 0),
    V(F32_CLASS, 0xffc00000, 0, 0, RNE, 1u << 9, 0),
    V(F64_CLASS, UINT64_C(0x7ff4000000000000), 0, 0, RNE, 1u << 8, 0),
    V(F64_CLASS, D_QNAN, 0, 0, RNE, 1u << 9, 0),
    V(F64_CLASS, UINT64_C(0x000fffffffffffff), 0, 0, RNE, 1u << 5, 0),
    V(F64_CLASS, UINT64_C(0x800fffffffffffff), 0, 0, RNE, 1u << 2, 0),
    V(F64_CLASS, D_NMAX, 0, 0, RNE, 1u << 1, 0),
    /* Float to integer: saturation, NaN -> max, negative -> unsigned. */
    V(F32_TO_I32, S_QNAN, 0, 0, RNE, 0x7fffffff, NV),
    V(F32_TO_I32, S_NINF, 0, 0, RNE, 0x80000000, NV),
    V(F32_TO_I32, S_INF, 0, 0, RNE, 0x7fffffff, NV),
    V(F32_TO_I32, S_NZ, 0, 0, RNE, 0, 0),
    V(F32_TO_U32, S_QNAN, 0, 0, RNE, 0xffffffff, NV),
    V(F32_TO_U32, S_M1, 0, 0, RNE, 0, NV),
    V(F32_TO_U32, 0xbe99999a, 0, 0, RTZ, 0, NX), /* -0.3 */
    V(F32_TO_U32, 0xbe99999a, 0, 0, RNE, 0, NX),
    V(F32_TO_U32, 0xbe99999a, 0, 0, RDN, 0, NV),
    V(F32_TO_U32, 0xbf000000, 0, 0, RNE, 0, NX), /* -0.5 */
    V(F32_TO_U32, 0xbf000000, 0, 0, RMM, 0, NV),
    V(F64_TO_I32, UINT64_C(0x41e0000000000000), 0, 0, RNE, 0x7fffffff, NV), /* 2^31 */
    V(F64_TO_I32, UINT64_C(0xc1e0000000000000), 0, 0, RNE, 0x80000000, 0),
    V(F64_TO_I32, UINT64_C(0xc1e0000000100000), 0, 0, RTZ, 0x80000000, NX), /* -2^31-.5 */
    V(F64_TO_I32, UINT64_C(0xc1e0000000100000), 0, 0, RDN, 0x80000000, NV),
    V(F64_TO_I32, UINT64_C(0x41dfffffffe00000), 0, 0, RNE, 0x7fffffff, NV), /* 2^31-.5 */
    V(F64_TO_I32, UINT64_C(0x41dfffffffe00000), 0, 0, RTZ, 0x7fffffff, NX),
    V(F64_TO_U32, UINT64_C(0x41efffffffe00000), 0, 0, RTZ, 0xffffffff, 0), /* 2^32-1 */
    V(F64_TO_U32, UINT64_C(0x41efffffffe00001), 0, 0, RTZ, 0xffffffff, NX), /* + 2^-20 */
    V(F64_TO_U32, UINT64_C(0x41efffffffe00001), 0, 0, RUP, 0xffffffff, NV),
    V(F64_TO_U32, UINT64_C(0x41f0000000000000), 0, 0, RTZ, 0xffffffff, NV), /* 2^32 */
    V(F64_TO_U64, UINT64_C(0x43f0000000000000), 0, 0, RNE, UINT64_MAX, NV),   /* 2^64 */
    V(F64_TO_U64, UINT64_C(0x43efffffffffffff), 0, 0, RNE, UINT64_C(0xfffffffffffff800), 0),
    V(F64_TO_U64, D_NINF, 0, 0, RNE, 0, NV),
    V(F64_TO_I64, UINT64_C(0xc3e0000000000000), 0, 0, RNE, UINT64_C(0x8000000000000000), 0),
    V(F64_TO_I64, UINT64_C(0x43e0000000000000), 0, 0, RNE, INT64_MAX, NV),
    V(F64_TO_I64, D_QNAN, 0, 0, RNE, INT64_MAX, NV),
    V(F32_TO_U64, S_SNAN, 0, 0, RNE, UINT64_MAX, NV),
    V(F32_TO_I64, S_NINF, 0, 0, RNE, UINT64_C(0x8000000000000000), NV),
    V(F64_TO_I32, UINT64_C(0x4004000000000000), 0, 0, RMM, 3, NX), /* 2.5 */
    V(F64_TO_I32, UINT64_C(0x4004000000000000), 0, 0, RNE, 2, NX),
    V(F64_TO_I32, UINT64_C(0xc004000000000000), 0, 0, RMM, 0xfffffffd, NX),
    V(F64_TO_I32, UINT64_C(0xc004000000000000), 0, 0, RDN, 0xfffffffd, NX),
    V(F64_TO_I32, UINT64_C(0xc004000000000000), 0, 0, RUP, 0xfffffffe, NX),
    V(F32_TO_I32, S_HALF, 0, 0, RMM, 1, NX),
    V(F32_TO_I32, S_HALF, 0, 0, RNE, 0, NX),
    V(F64_TO_I64, UINT64_C(0x3ff8000000000000), 0, 0, RNE, 2, NX), /* 1.5 */
    V(F64_TO_I64, UINT64_C(1), 0, 0, RUP, 1, NX),
    V(F64_TO_I64, UINT64_C(1), 0, 0, RDN, 0, NX),
    V(F64_TO_I64, UINT64_C(0x8000000000000001), 0, 0, RDN, UINT64_MAX, NX),
    /* Integer to float. */
    V(I32_TO_F32, 0x7fffffff, 0, 0, RNE, 0x4f000000, NX),
    V(I32_TO_F32, 0x7fffffff, 0, 0, RTZ, 0x4effffff, NX),
    V(I32_TO_F32, 0, 0, 0, RDN, S_PZ, 0),
    V(I32_TO_F64, 0x80000000, 0, 0, RNE, UINT64_C(0xc1e0000000000000), 0),
    V(I64_TO_F64, UINT64_MAX, 0, 0, RNE, D_M1, 0),
    V(I64_TO_F32, UINT64_C(0x8000000000000000), 0, 0, RNE, 0xdf000000, 0),
    V(U64_TO_F64, UINT64_MAX, 0, 0, RNE, UINT64_C(0x43f0000000000000), NX),
    V(U64_TO_F64, UINT64_MAX, 0, 0, RTZ, UINT64_C(0x43efffffffffffff), NX),
    V(U64_TO_F32, UINT64_MAX, 0, 0, RTZ, 0x5f7fffff, NX),
    V(I64_TO_F32, 16777217, 0, 0, RNE, 0x4b800000, NX), /* 2^24 + 1: a tie */
    V(I64_TO_F32, 16777217, 0, 0, RMM, 0x4b800001, NX),
    V(I64_TO_F64, UINT64_C(9007199254740993), 0, 0, RNE, UINT64_C(0x4340000000000000), NX),
    V(I64_TO_F64, UINT64_C(9007199254740993), 0, 0, RMM, UINT64_C(0x4340000000000001), NX),
    V(I32_TO_F32, 0xfeffffff, 0, 0, RMM, 0xcb800001, NX), /* -(2^24 + 1) */
    V(I32_TO_F32, 0xfeffffff, 0, 0, RNE, 0xcb800000, NX),
    /* RMM: halfway cases round away from zero. */
    V(F32_ADD, S_ONE, 0x33800000, 0, RNE, S_ONE, NX), /* 1 + 2^-24 */
    V(F32_ADD, S_ONE, 0x33800000, 0, RMM, 0x3f800001, NX),
    V(F64_ADD, D_ONE, UINT64_C(0x3ca0000000000000), 0, RMM, UINT64_C(0x3ff0000000000001), NX),
    V(F64_ADD, D_M1, UINT64_C(0xbca0000000000000), 0, RMM, UINT64_C(0xbff0000000000001), NX),
    V(F64_ADD, D_M1, UINT64_C(0xbca0000000000000), 0, RNE, D_M1, NX),
    V(F64_MUL, UINT64_C(0x3ff0000000000003), UINT64_C(0x3ff8000000000000), 0, RNE,
      UINT64_C(0x3ff8000000000004), NX),
    V(F64_MUL, UINT64_C(0x3ff0000000000003), UINT64_C(0x3ff8000000000000), 0, RMM,
      UINT64_C(0x3ff8000000000005), NX),
    V(F64_FMA, UINT64_C(0x3ff0000000000003), UINT64_C(0x3ff8000000000000), D_PZ, RMM,
      UINT64_C(0x3ff8000000000005), NX),
    V(F64_TO_F32, UINT64_C(0x3ff0000010000000), 0, 0, RNE, S_ONE, NX), /* 1 + 2^-24 */
    V(F64_TO_F32, UINT64_C(0x3ff0000010000000), 0, 0, RMM, 0x3f800001, NX),
    V(F32_MUL, 0x00000005, S_HALF, 0, RNE, 0x00000002, UF | NX), /* 2.5 * 2^-149 */
    V(F32_MUL, 0x00000005, S_HALF, 0, RMM, 0x00000003, UF | NX),
    V(F32_MUL, 0x00000005, S_HALF, 0, RTZ, 0x00000002, UF | NX),
    V(F32_MUL, 0x00000005, S_HALF, 0, RUP, 0x00000003, UF | NX),
    /* Overflow: the result depends on the rounding mode and the sign. */
    V(F64_MUL, D_MAX, D_TWO, 0, RNE, D_INF, OF | NX),
    V(F64_MUL, D_MAX, D_TWO, 0, RTZ, D_MAX, OF | NX),
    V(F64_MUL, D_MAX, D_TWO, 0, RDN, D_MAX, OF | NX),
    V(F64_MUL, D_MAX, D_TWO, 0, RUP, D_INF, OF | NX),
    V(F64_MUL, D_MAX, D_TWO, 0, RMM, D_INF, OF | NX),
    V(F64_MUL, D_MAX, UINT64_C(0xc000000000000000), 0, RDN, D_NINF, OF | NX),
    V(F64_MUL, D_MAX, UINT64_C(0xc000000000000000), 0, RUP, D_NMAX, OF | NX),
    V(F64_MUL, D_MAX, UINT64_C(0xc000000000000000), 0, RTZ, D_NMAX, OF | NX),
    V(F32_ADD, S_MAX, S_MAX, 0, RTZ, S_MAX, OF | NX),
    V(F32_ADD, S_MAX, 0x73000000, 0, RNE, S_INF, OF | NX), /* max + 2^103, half an ulp */
    V(F32_ADD, S_MAX, 0x73000000, 0, RTZ, S_MAX, NX), /* no overflow: truncates */
    V(F32_ADD, S_MAX, 0x72800000, 0, RNE, S_MAX, NX), /* max + a quarter ulp */
    V(F32_ADD, S_MAX, 0x72800000, 0, RUP, S_INF, OF | NX),
    V(F64_TO_F32, D_MAX, 0, 0, RNE, S_INF, OF | NX),
    V(F64_TO_F32, D_MAX, 0, 0, RTZ, S_MAX, OF | NX),
    V(F64_TO_F32, D_MAX, 0, 0, RDN, S_MAX, OF | NX),
    V(F64_TO_F32, D_MAX, 0, 0, RUP, S_INF, OF | NX),
    V(F64_TO_F32, D_MAX, 0, 0, RMM, S_INF, OF | NX),
    V(F64_TO_F32, D_NMAX, 0, 0, RDN, S_NINF, OF | NX),
    V(F64_TO_F32, D_NMAX, 0, 0, RUP, 0xff7fffff, OF | NX),
    V(F64_TO_F32, D_INF, 0, 0, RTZ, S_INF, 0),
    V(F64_TO_F32, D_SNAN, 0, 0, RNE, S_CNAN, NV),
    V(F64_TO_F32, UINT64_C(0x7ff8000000000123), 0, 0, RNE, S_CNAN, 0),
    V(F32_TO_F64, S_SNAN, 0, 0, RNE, D_CNAN, NV),
    V(F32_TO_F64, 0x00000001, 0, 0, RNE, UINT64_C(0x36a0000000000000), 0),
    V(F32_TO_F64, 0xffc00001, 0, 0, RNE, D_CNAN, 0),
    /* Subnormal results: UF only when inexact. */
    V(F32_MUL, S_MINN, S_HALF, 0, RNE, 0x00400000, 0),
    V(F32_MUL, 0x00000001, S_HALF, 0, RNE, S_PZ, UF | NX),
    V(F32_MUL, 0x00000001, S_HALF, 0, RUP, 0x00000001, UF | NX),
    V(F32_MUL, 0x00000001, S_HALF, 0, RMM, 0x00000001, UF | NX),
    V(F32_MUL, 0x80000001, S_HALF, 0, RDN, 0x80000001, UF | NX),
    V(F32_SUB, 0x00800001, S_MINN, 0, RNE, 0x00000001, 0),
    V(F64_DIV, D_MINN, D_THREE, 0, RNE, UINT64_C(0x0005555555555555), UF | NX),
    V(F64_DIV, D_MINN, D_THREE, 0, RUP, UINT64_C(0x0005555555555556), UF | NX),
    V(F64_TO_F32, UINT64_C(0x3370000000000000), 0, 0, RNE, S_PZ, UF | NX), /* 2^-200 */
    V(F64_TO_F32, UINT64_C(0x3370000000000000), 0, 0, RUP, 0x00000001, UF | NX),
    V(F64_TO_F32, UINT64_C(0x36a0000000000000), 0, 0, RNE, 0x00000001, 0), /* 2^-149 */
    /*
     * Tininess after rounding. 2^-126 * (1 - 2^-25) rounds (to 24 bits, exponent
     * unbounded) up to 2^-126 in RNE/RUP/RMM: not tiny, so no UF although the value is
     * below the smallest normal. 2^-126 - 2^-150 is exact in 24 bits, so tiny: it
     * rounds to the smallest normal anyway (a tie, to even), with UF.
     */
    V(F64_TO_F32, UINT64_C(0x380ffffff0000000), 0, 0, RNE, S_MINN, NX),
    V(F64_TO_F32, UINT64_C(0x380ffffff0000000), 0, 0, RUP, S_MINN, NX),
    V(F64_TO_F32, UINT64_C(0x380ffffff0000000), 0, 0, RMM, S_MINN, NX),
    V(F64_TO_F32, UINT64_C(0x380ffffff0000000), 0, 0, RTZ, 0x007fffff, UF | NX),
    V(F64_TO_F32, UINT64_C(0x380ffffff0000000), 0, 0, RDN, 0x007fffff, UF | NX),
    V(F64_TO_F32, UINT64_C(0x380fffffe0000000), 0, 0, RNE, S_MINN, UF | NX),
    V(F64_MUL, UINT64_C(0x3fefffffffffffff), D_MINN, 0, RNE, D_MINN, UF | NX),
    V(F64_MUL, UINT64_C(0x3fefffffffffffff), D_MINN, 0, RTZ, UINT64_C(0x000fffffffffffff),
      UF | NX),
    V(F64_FMA, UINT64_C(0x3fefffffffffffff), D_MINN, D_PZ, RNE, D_MINN, UF | NX),
};

static void run_vectors(void)
{
    size_t n = sizeof vectors / sizeof vectors[0];
    for (size_t i = 0; i < n; i++) {
        const vector *v = &vectors[i];
        check("vector", v->op, v->a, v->b, v->c, v->rm, v->want, v->flags);
    }
    printf("vectors: %zu checked\n", n);
}

/* ---------------------------------------------------------------------------------
 * Random operands (integer only, so the same stream is produced on every platform)
 * ------------------------------------------------------------------------------- */


static uint64_t rng = UINT64_C(0x243f6a8885a308d3);

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * UINT64_C(0x2545f4914f6cdd1d);
}

static uint64_t rnd_below(uint64_t n) { return rnd() % n; }

/* Each operation has its own stream, so part 2 checks the digest's operands first. */
static void seed_for_op(int op)
{
    rng = UINT64_C(0x5851f42d4c957f2d) ^ ((uint64_t)(op + 1) * UINT64_C(0x9e3779b97f4a7c15));
}

/* A random floating-point bit pattern, biased towards the interesting places. */
static uint64_t gen_float(int dbl)
{
    const int P = dbl ? 53 : 24, E = dbl ? 11 : 8;
    const int emask = (1 << E) - 1, bias = emask >> 1;
    const uint64_t fmask = (UINT64_C(1) << (P - 1)) - 1;
    uint64_t sign = rnd() & 1, exp, frac;
    uint64_t r = rnd();

    switch (rnd_below(16)) {
    case 0: case 1: case 2: /* any bit pattern */
        return dbl ? r : (uint32_t)r;
    case 3: /* special values */
        switch (rnd_below(10)) {
        case 0: exp = 0; frac = 0; break;                        /* zero */
        case 1: exp = emask; frac = 0; break;                    /* inf */
        case 2: exp = emask; frac = (r & fmask) | (fmask + 1) / 2; break; /* qNaN */
        case 3: exp = emask; frac = (r & (fmask >> 1)) | 1; break;        /* sNaN */
        case 4: exp = emask - 1; frac = fmask; break;             /* max */
        case 5: exp = 1; frac = 0; break;                         /* min normal */
        case 6: exp = 0; frac = 1; break;                         /* min subnormal */
        case 7: exp = 0; frac = fmask; break;                     /* max subnormal */
        case 8: exp = (uint64_t)bias; frac = 0; break;            /* 1 */
        default: exp = (uint64_t)bias + rnd_below(3); frac = r & fmask >> (P - 3); break;
        }
        break;
    case 4: case 5: /* near a power of two */
        exp = rnd_below((uint64_t)emask);
        switch (rnd_below(5)) {
        case 0: frac = 0; break;
        case 1: frac = fmask; break;
        case 2: frac = rnd_below(4); break;
        case 3: frac = fmask - rnd_below(4); break;
        default: frac = (UINT64_C(1) << (P - 2)) + rnd_below(3) - 1; break;
        }
        break;
    case 6: case 7: /* subnormal */
        exp = 0;
        frac = (r & fmask) >> rnd_below((uint64_t)P);
        break;
    case 8: case 9: /* few significant bits: exact results and exact ties */
        exp = rnd_below((uint64_t)emask);
        frac = (r & fmask) & ~(fmask >> (1 + rnd_below(8)));
        break;
    case 10: case 11: /* near the ends of the exponent range */
        exp = rnd() & 1 ? 1 + rnd_below((uint64_t)P + 4)
                        : (uint64_t)emask - 1 - rnd_below((uint64_t)P + 4);
        frac = rnd() & 1 ? r & fmask : (r & fmask) & ~(fmask >> (1 + rnd_below(8)));
        break;
    default: /* ordinary magnitudes */
        exp = (uint64_t)bias - 40 + rnd_below(80);
        frac = r & fmask;
        break;
    }
    return (sign << (P - 1 + E)) | (exp << (P - 1)) | frac;
}

/* A second operand: independent, or close in magnitude to the first (cancellation). */
static uint64_t gen_related(int dbl, uint64_t a)
{
    const int P = dbl ? 53 : 24;
    const uint64_t fmask = (UINT64_C(1) << (P - 1)) - 1;
    const uint64_t width_mask = dbl ? UINT64_MAX : 0xffffffffu;
    switch (rnd_below(6)) {
    case 0: /* same exponent or nearby, other sign maybe */
    case 1: {
        uint64_t e = (a >> (P - 1)) & (dbl ? 0x7ff : 0xff);
        int64_t d = (int64_t)rnd_below((uint64_t)P + 4) - 2;
        if (rnd() & 1)
            d = -d;
        int64_t ne = (int64_t)e + d;
        if (ne < 0 || ne >= (dbl ? 0x7ff : 0xff))
            ne = (int64_t)e;
        uint64_t s = rnd() & 1;
        uint64_t frac = rnd() & 1 ? rnd() & fmask : (a & fmask) ^ (rnd() & 0xff);
        return ((s << (P - 1 + (dbl ? 11 : 8))) | ((uint64_t)ne << (P - 1)) | frac) & width_mask;
    }
    case 2: /* a itself, negated or with low bits changed */
        return (a ^ (rnd() & 1 ? (dbl ? D_NZ : S_NZ) : rnd_below(8))) & width_mask;
    default:
        return gen_float(dbl);
    }
}

/* An integer with a random number of significant bits. */
static uint64_t gen_int(void)
{
    uint64_t v = rnd();
    v >>= rnd_below(64);
    switch (rnd_below(8)) {
    case 0: return (uint64_t)0 - v;
    case 1: return v | (UINT64_C(1) << 63);
    case 2: { /* near 2^k (separate statements: C leaves the call order open) */
        uint64_t p = UINT64_C(1) << rnd_below(64);
        return p + rnd_below(5) - 2;
    }
    default: return v;
    }
}

/* A float near the integer range limits or near halves. */
static uint64_t gen_float_for_int(int dbl)
{
    if (rnd_below(3) == 0)
        return gen_float(dbl);
    const int P = dbl ? 53 : 24, E = dbl ? 11 : 8, bias = (1 << (E - 1)) - 1;
    const uint64_t fmask = (UINT64_C(1) << (P - 1)) - 1;
    uint64_t sign = rnd() & 1;
    uint64_t exp = (uint64_t)bias - 2 + rnd_below(68);
    uint64_t frac = rnd();
    switch (rnd_below(4)) {
    case 0: frac &= ~(fmask >> (1 + rnd_below(P))); break; /* few bits: .5 cases */
    case 1: frac = fmask - rnd_below(3); break;
    case 2: frac = rnd_below(3); break;
    default: break;
    }
    return (sign << (P - 1 + E)) | (exp << (P - 1)) | (frac & fmask);
}

static int op_is_dbl_operand(int op)
{
    return (op >= OP_F64_ADD && op <= OP_F64_TO_U64) || op == OP_F64_TO_F32;
}

static int op_int_source(int op)
{
    return (op >= OP_I32_TO_F32 && op <= OP_U64_TO_F32) ||
           (op >= OP_I32_TO_F64 && op <= OP_U64_TO_F64);
}

static int op_to_int(int op)
{
    return (op >= OP_F32_TO_I32 && op <= OP_F32_TO_U64) ||
           (op >= OP_F64_TO_I32 && op <= OP_F64_TO_U64);
}

static void gen_operands(int op, uint64_t *a, uint64_t *b, uint64_t *c)
{
    int dbl = op_is_dbl_operand(op);
    *b = *c = 0;
    if (op_int_source(op)) {
        *a = gen_int();
        if (op == OP_I32_TO_F32 || op == OP_U32_TO_F32 || op == OP_I32_TO_F64 ||
            op == OP_U32_TO_F64)
            *a = rnd() & 1 ? (uint32_t)*a : (uint32_t)(*a >> 32);
        return;
    }
    if (op_to_int(op)) {
        *a = gen_float_for_int(dbl);
        return;
    }
    if (op == OP_F64_TO_F32 && rnd_below(2)) {
        /* binary64 values around binary32's range and precision boundaries */
        uint64_t exp = 1023 - 152 + rnd_below(160);
        exp += rnd() & 1 ? 0 : 120;
        uint64_t frac = rnd() & ((UINT64_C(1) << 52) - 1);
        if (rnd() & 1) /* only bits binary32 keeps, plus a half or a sticky bit */
            frac = (frac & ~((UINT64_C(1) << 29) - 1)) |
                   (rnd() & 1 ? UINT64_C(1) << 28 : rnd_below(2));
        *a = ((rnd() & 1) << 63) | (exp << 52) | frac;
        return;
    }
    *a = gen_float(dbl);
    *b = gen_related(dbl, *a);
    if (op == OP_F32_FMA || op == OP_F64_FMA) {
        *c = gen_related(dbl, *a);
        if (rnd_below(4) == 0) {
            /* c close to -(a*b): massive cancellation */
            uint32_t dummy = 0;
            uint64_t p = run_op(dbl ? OP_F64_MUL : OP_F32_MUL, *a, *b, 0, SF_RM_RNE, &dummy);
            *c = (p ^ (dbl ? D_NZ : S_NZ)) + rnd_below(5) - 2;
            if (!dbl)
                *c = (uint32_t)*c;
        }
    }
}

/*
 * Part 1b (everywhere): a digest of the results and flags of all operations in all five
 * rounding modes over a fixed pseudo-random operand stream. IEEE 754 and RISC-V fix
 * every bit of these, so the digest is a constant; the native x86-64 build checks the
 * same operations against the host FPU (part 2), and the wasm build must reproduce the
 * digest bit for bit. If the generator changes, update SOFTFLOAT_DIGEST from a native
 * run whose host differential passes.
 */
#define SOFTFLOAT_DIGEST_SETS 20000ul
#define SOFTFLOAT_DIGEST UINT64_C(0xcdca2ae927827349)

static void run_digest(void)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (int op = 0; op < OP_COUNT; op++) {
        seed_for_op(op);
        for (unsigned long i = 0; i < SOFTFLOAT_DIGEST_SETS; i++) {
            uint64_t a, b, c;
            gen_operands(op, &a, &b, &c);
            for (int rm = 0; rm < 5; rm++) {
                uint32_t fl = 0;
                uint64_t r = run_op(op, a, b, c, rm, &fl);
                uint64_t words[3] = {(uint64_t)op << 8 | (uint64_t)rm, r, fl};
                for (int w = 0; w < 3; w++) {
                    h ^= words[w];
                    h *= UINT64_C(0x100000001b3);
                    h ^= h >> 29;
                }
            }
        }
    }
    checks++;
    printf("digest: %#" PRIx64 " over %lu operand sets per operation\n", h,
           SOFTFLOAT_DIGEST_SETS);
    if (h != SOFTFLOAT_DIGEST) {
        failures++;
        printf("FAIL digest: want %#" PRIx64 "\n", SOFTFLOAT_DIGEST);
    }
}

/* ---------------------------------------------------------------------------------
 * Part 2: differential testing against the host (x86-64 native builds only)
 * ------------------------------------------------------------------------------- */

/*
 * Built only where CMake defines SPIN_SOFTFLOAT_HOST_DIFF (native x86-64 builds), with
 * -frounding-math -fsignaling-nans so the compiler neither folds nor reorders host FP
 * operations across the fenv calls; operands and results go through volatiles.
 */
#if defined(SPIN_SOFTFLOAT_HOST_DIFF) && defined(__x86_64__)
#include <fenv.h>
#include <math.h>

#if defined(__clang__)
#pragma STDC FENV_ACCESS ON
#endif

static const int host_modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};

static float f32_of(uint64_t a)
{
    uint32_t u = (uint32_t)a;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static double f64_of(uint64_t a)
{
    double d;
    memcpy(&d, &a, sizeof d);
    return d;
}

static uint64_t bits32(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static uint64_t bits64(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static int is_nan32(uint64_t a) { return (a & 0x7fffffffu) > 0x7f800000u; }
static int is_snan32(uint64_t a) { return is_nan32(a) && !(a & 0x00400000u); }
static int is_nan64(uint64_t a) { return (a & ~D_NZ) > D_INF; }
static int is_snan64(uint64_t a) { return is_nan64(a) && !(a & UINT64_C(0x0008000000000000)); }

static uint32_t host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    return (e & FE_INEXACT ? NX : 0) | (e & FE_UNDERFLOW ? UF : 0) |
           (e & FE_OVERFLOW ? OF : 0) | (e & FE_DIVBYZERO ? DZ : 0) |
           (e & FE_INVALID ? NV : 0);
}

/*
 * Expected float->integer result, given the value already rounded to an integer by the
 * host (rint in the current mode, or round() for RMM). RISC-V saturates out-of-range
 * values with NV only; in range, NX when the rounding changed the value.
 */
static uint64_t int_ref(double x, double r, int bits, int is_signed, uint32_t *fl)
{
    double lo = is_signed ? -ldexp(1, bits - 1) : 0;
    double hi_excl = is_signed ? ldexp(1, bits - 1) : ldexp(1, bits);
    if (r != r || r >= hi_excl) {
        *fl = NV;
        return is_signed ? (UINT64_C(1) << (bits - 1)) - 1
                         : (bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1);
    }
    if (r < lo) {
        *fl = NV;
        uint64_t v = is_signed ? (uint64_t)0 - (UINT64_C(1) << (bits - 1)) : 0;
        return bits == 32 ? (uint32_t)v : v;
    }
    *fl = r != x ? NX : 0;
    uint64_t v;
    if (r < 0)
        v = (uint64_t)0 - (uint64_t)(-r);
    else
        v = (uint64_t)r;
    return bits == 32 ? (uint32_t)v : v;
}

/* min/max/compare/classify references from the rules (host compares on non-NaNs). */
static uint64_t minmax_ref(int dbl, int want_max, uint64_t a, uint64_t b, uint32_t *fl)
{
    int an = dbl ? is_nan64(a) : is_nan32(a), bn = dbl ? is_nan64(b) : is_nan32(b);
    int as = dbl ? is_snan64(a) : is_snan32(a), bs = dbl ? is_snan64(b) : is_snan32(b);
    *fl = as || bs ? NV : 0;
    if (an && bn)
        return dbl ? D_CNAN : S_CNAN;
    if (an)
        return b;
    if (bn)
        return a;
    double x = dbl ? f64_of(a) : f32_of(a), y = dbl ? f64_of(b) : f32_of(b);
    if (x == y) { /* equal, or zeros of either sign: the sign bit decides */
        int sa = signbit(x) != 0;
        return (sa != want_max) ? a : b;
    }
    return (x < y) != want_max ? a : b;
}

static uint64_t cmp_ref(int op, int dbl, uint64_t a, uint64_t b, uint32_t *fl)
{
    int an = dbl ? is_nan64(a) : is_nan32(a), bn = dbl ? is_nan64(b) : is_nan32(b);
    int as = dbl ? is_snan64(a) : is_snan32(a), bs = dbl ? is_snan64(b) : is_snan32(b);
    int eq = op == OP_F32_EQ || op == OP_F64_EQ, lt = op == OP_F32_LT || op == OP_F64_LT;
    if (an || bn) {
        *fl = (!eq || as || bs) ? NV : 0;
        return 0;
    }
    *fl = 0;
    double x = dbl ? f64_of(a) : f32_of(a), y = dbl ? f64_of(b) : f32_of(b);
    return eq ? x == y : lt ? x < y : x <= y;
}

static uint64_t class_ref(int dbl, uint64_t a)
{
    if (dbl ? is_nan64(a) : is_nan32(a))
        return (dbl ? is_snan64(a) : is_snan32(a)) ? 1u << 8 : 1u << 9;
    double x = dbl ? f64_of(a) : f32_of(a);
    int neg = signbit(x) != 0;
    switch (fpclassify(x)) {
    case FP_INFINITE: return neg ? 1u << 0 : 1u << 7;
    case FP_ZERO: return neg ? 1u << 3 : 1u << 4;
    default: break;
    }
    /* (double)x of a binary32 subnormal is normal, so look at the bits. */
    int sub = dbl ? (a & D_INF) == 0 : (a & S_INF) == 0;
    if (sub)
        return neg ? 1u << 2 : 1u << 5;
    return neg ? 1u << 1 : 1u << 6;
}

/* One operation on the host in one of its four modes; NaN results made canonical and
 * flags read back. */
static uint64_t host_op(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
    volatile float fa = f32_of(a), fb = f32_of(b), fc = f32_of(c);
    volatile double da = f64_of(a), db = f64_of(b), dc = f64_of(c);
    volatile float fr = 0;
    volatile double dr = 0;
    int res32 = 0, res64 = 0;
    uint64_t r = 0;

    fesetround(host_modes[rm]);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case OP_F32_ADD: fr = fa + fb; res32 = 1; break;
    case OP_F32_SUB: fr = fa - fb; res32 = 1; break;
    case OP_F32_MUL: fr = fa * fb; res32 = 1; break;
    case OP_F32_DIV: fr = fa / fb; res32 = 1; break;
    case OP_F32_SQRT: fr = sqrtf(fa); res32 = 1; break;
    case OP_F32_FMA: fr = fmaf(fa, fb, fc); res32 = 1; break;
    case OP_F64_ADD: dr = da + db; res64 = 1; break;
    case OP_F64_SUB: dr = da - db; res64 = 1; break;
    case OP_F64_MUL: dr = da * db; res64 = 1; break;
    case OP_F64_DIV: dr = da / db; res64 = 1; break;
    case OP_F64_SQRT: dr = sqrt(da); res64 = 1; break;
    case OP_F64_FMA: dr = fma(da, db, dc); res64 = 1; break;
    case OP_I32_TO_F32: fr = (float)(int32_t)a; res32 = 1; break;
    case OP_U32_TO_F32: fr = (float)(uint32_t)a; res32 = 1; break;
    case OP_I64_TO_F32: fr = (float)(int64_t)a; res32 = 1; break;
    case OP_U64_TO_F32: fr = (float)a; res32 = 1; break;
    case OP_I32_TO_F64: dr = (double)(int32_t)a; res64 = 1; break;
    case OP_U32_TO_F64: dr = (double)(uint32_t)a; res64 = 1; break;
    case OP_I64_TO_F64: dr = (double)(int64_t)a; res64 = 1; break;
    case OP_U64_TO_F64: dr = (double)a; res64 = 1; break;
    case OP_F32_TO_F64: dr = (double)fa; res64 = 1; break;
    case OP_F64_TO_F32: fr = (float)da; res32 = 1; break;
    default: break;
    }
    *fl = host_flags();
    if (res32) {
        r = bits32(fr);
        if (is_nan32(r))
            r = S_CNAN;
        /* RISC-V: 0 * inf raises NV even when the addend is a quiet NaN; x86 does not. */
        if (op == OP_F32_FMA && is_nan32(c) && !is_nan32(a) && !is_nan32(b) &&
            ((isinf(fa) && fb == 0) || (fa == 0 && isinf(fb))))
            *fl |= NV;
        return r;
    }
    if (res64) {
        r = bits64(dr);
        if (is_nan64(r))
            r = D_CNAN;
        if (op == OP_F64_FMA && is_nan64(c) && !is_nan64(a) && !is_nan64(b) &&
            ((isinf(da) && db == 0) || (da == 0 && isinf(db))))
            *fl |= NV;
        return r;
    }

    /* Conversions to integers: rint() rounds in the current mode, the rest is rules. */
    int dbl = op >= OP_F64_ADD;
    if (op == OP_F32_TO_I32 || op == OP_F32_TO_U32 || op == OP_F32_TO_I64 ||
        op == OP_F32_TO_U64 || op == OP_F64_TO_I32 || op == OP_F64_TO_U32 ||
        op == OP_F64_TO_I64 || op == OP_F64_TO_U64) {
        int bits = (op == OP_F32_TO_I32 || op == OP_F32_TO_U32 || op == OP_F64_TO_I32 ||
                    op == OP_F64_TO_U32) ? 32 : 64;
        int sgn = op == OP_F32_TO_I32 || op == OP_F32_TO_I64 || op == OP_F64_TO_I32 ||
                  op == OP_F64_TO_I64;
        if (dbl ? is_nan64(a) : is_nan32(a))
            return int_ref(NAN, NAN, bits, sgn, fl);
        double x = dbl ? f64_of(a) : (double)f32_of(a);
        volatile double vx = x;
        double rr = rint(vx);
        return int_ref(x, rr, bits, sgn, fl);
    }
    switch (op) {
    case OP_F32_MIN: return minmax_ref(0, 0, a, b, fl);
    case OP_F32_MAX: return minmax_ref(0, 1, a, b, fl);
    case OP_F64_MIN: return minmax_ref(1, 0, a, b, fl);
    case OP_F64_MAX: return minmax_ref(1, 1, a, b, fl);
    case OP_F32_EQ: case OP_F32_LT: case OP_F32_LE: return cmp_ref(op, 0, a, b, fl);
    case OP_F64_EQ: case OP_F64_LT: case OP_F64_LE: return cmp_ref(op, 1, a, b, fl);
    case OP_F32_CLASS: *fl = 0; return class_ref(0, a);
    case OP_F64_CLASS: *fl = 0; return class_ref(1, a);
    }
    abort();
}

/*
 * RMM reference for binary32 results. The host computes the operation in binary64
 * rounding toward zero: d, plus whether that was inexact. Every binary32 midpoint is a
 * binary64 number, so comparing |d| with the midpoint between the two binary32
 * neighbours decides ties-away exactly (a truncated d equal to the midpoint means the
 * exact value is at or above it). The flags of RMM equal those of RNE (same overflow
 * and tininess thresholds, same inexactness), so they come from the host's RNE run.
 */
static int rmm32_ref(int op, uint64_t a, uint64_t b, uint64_t c, uint64_t *want,
                     uint32_t *fl)
{
    volatile double da = f32_of(a), db = f32_of(b), dc = f32_of(c), x = f64_of(a);
    volatile double d;
    uint64_t rne = host_op(op, a, b, c, SF_RM_RNE, fl);

    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case OP_F32_ADD: d = da + db; break;
    case OP_F32_SUB: d = da - db; break;
    case OP_F32_MUL: d = da * db; break;
    case OP_F32_DIV: d = da / db; break;
    case OP_F32_SQRT: d = sqrt(da); break;
    case OP_F32_FMA: d = fma(da, db, dc); break;
    case OP_F64_TO_F32: d = x; break;
    case OP_I32_TO_F32: d = (double)(int32_t)a; break;
    case OP_U32_TO_F32: d = (double)(uint32_t)a; break;
    case OP_I64_TO_F32: d = (double)(int64_t)a; break;
    case OP_U64_TO_F32: d = (double)a; break;
    default: fesetround(FE_TONEAREST); return 0;
    }
    int d_inexact = fetestexcept(FE_INEXACT) != 0;
    double dv = d;
    if (dv != dv || isinf(dv) || dv == 0) {
        *want = rne;
        fesetround(FE_TONEAREST);
        return 1;
    }
    volatile float tzv = (float)dv; /* truncation of a truncation: the truncation */
    float tz = tzv;
    fesetround(FE_TONEAREST);
    if (!d_inexact && (double)tz == dv) {
        *want = bits32(tz);
        return 1;
    }
    float away = nextafterf(tz, dv < 0 ? -INFINITY : INFINITY);
    double mid = isinf(away) ? copysign(ldexp(2.0 - ldexp(1, -24), 127), dv)
                             : ((double)tz + (double)away) / 2;
    *want = bits32(fabs(dv) >= fabs(mid) ? away : tz);
    return 1;
}

static int op_uses_rm(int op)
{
    switch (op) {
    case OP_F32_MIN: case OP_F32_MAX: case OP_F32_EQ: case OP_F32_LT: case OP_F32_LE:
    case OP_F32_CLASS: case OP_F64_MIN: case OP_F64_MAX: case OP_F64_EQ: case OP_F64_LT:
    case OP_F64_LE: case OP_F64_CLASS: case OP_F32_TO_F64:
        return 0;
    }
    return 1;
}

/*
 * RMM reference for binary64 results: the same method as rmm32_ref, one size up. The
 * x87's 80-bit long double (64-bit significand, wide exponent) holds every binary64
 * midpoint, and its operations (and glibc's fmal) round correctly in the current mode.
 */
static int rmm64_ref(int op, uint64_t a, uint64_t b, uint64_t c, uint64_t *want,
                     uint32_t *fl)
{
    volatile long double la = f64_of(a), lb = f64_of(b), lc = f64_of(c);
    volatile long double d;
    uint64_t rne = host_op(op, a, b, c, SF_RM_RNE, fl);

    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case OP_F64_ADD: d = la + lb; break;
    case OP_F64_SUB: d = la - lb; break;
    case OP_F64_MUL: d = la * lb; break;
    case OP_F64_DIV: d = la / lb; break;
    case OP_F64_SQRT: d = sqrtl(la); break;
    case OP_F64_FMA: d = fmal(la, lb, lc); break;
    case OP_I32_TO_F64: d = (long double)(int32_t)a; break;
    case OP_U32_TO_F64: d = (long double)(uint32_t)a; break;
    case OP_I64_TO_F64: d = (long double)(int64_t)a; break;
    case OP_U64_TO_F64: d = (long double)a; break;
    default: fesetround(FE_TONEAREST); return 0;
    }
    int d_inexact = fetestexcept(FE_INEXACT) != 0;
    long double dv = d;
    if (dv != dv || isinf(dv) || dv == 0) {
        *want = rne;
        fesetround(FE_TONEAREST);
        return 1;
    }
    volatile double tzv = (double)dv;
    double tz = tzv;
    fesetround(FE_TONEAREST);
    if (!d_inexact && (long double)tz == dv) {
        *want = bits64(tz);
        return 1;
    }
    double away = nextafter(tz, dv < 0 ? -INFINITY : INFINITY);
    long double mid = isinf(away) ? copysignl(ldexpl(2.0L - ldexpl(1, -53), 1023), dv)
                                  : ((long double)tz + (long double)away) / 2;
    *want = bits64(fabsl(dv) >= fabsl(mid) ? away : tz);
    return 1;
}

static void run_host_diff(unsigned long per_op)
{
    for (int op = 0; op < OP_COUNT; op++) {
        unsigned long before = failures;
        seed_for_op(op);
        for (unsigned long i = 0; i < per_op; i++) {
            uint64_t a, b, c;
            gen_operands(op, &a, &b, &c);
            int nmodes = op_uses_rm(op) ? 4 : 1;
            for (int rm = 0; rm < nmodes; rm++) {
                uint32_t fl;
                uint64_t want = host_op(op, a, b, c, rm, &fl);
                fesetround(FE_TONEAREST);
                check("host", op, a, b, c, rm, want, fl);
            }
            if (!op_uses_rm(op))
                continue;
            /* RMM, which the host lacks. */
            uint64_t want;
            uint32_t fl;
            if (op_to_int(op)) {
                int dbl = op_is_dbl_operand(op);
                int bits = (op == OP_F32_TO_I32 || op == OP_F32_TO_U32 || op == OP_F64_TO_I32 ||
                            op == OP_F64_TO_U32) ? 32 : 64;
                int sgn = op == OP_F32_TO_I32 || op == OP_F32_TO_I64 || op == OP_F64_TO_I32 ||
                          op == OP_F64_TO_I64;
                if (dbl ? is_nan64(a) : is_nan32(a)) {
                    want = int_ref(NAN, NAN, bits, sgn, &fl);
                } else {
                    double x = dbl ? f64_of(a) : (double)f32_of(a);
                    want = int_ref(x, round(x), bits, sgn, &fl); /* round(): ties away */
                }
                check("host-rmm", op, a, b, c, SF_RM_RMM, want, fl);
            } else if (rmm32_ref(op, a, b, c, &want, &fl) ||
                       rmm64_ref(op, a, b, c, &want, &fl)) {
                check("host-rmm", op, a, b, c, SF_RM_RMM, want, fl);
            } else {
                abort(); /* every rounded operation has a reference */
            }
        }
        printf("host diff: %-13s %s\n", op_names[op], failures == before ? "ok" : "FAILED");
    }
    fesetround(FE_TONEAREST);
    printf("host diff: %lu operand sets per operation\n", per_op);
}
#endif

/* Usage: softfloat_test [operand sets per operation for part 2, default 200000] */
int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    run_vectors();
    run_digest();
#if defined(SPIN_SOFTFLOAT_HOST_DIFF) && defined(__x86_64__)
    run_host_diff(argc > 1 ? strtoul(argv[1], 0, 0) : 200000);
#endif
    printf("softfloat: %lu checks, %lu failures\n", checks, failures);
    return failures ? 1 : 0;
}
