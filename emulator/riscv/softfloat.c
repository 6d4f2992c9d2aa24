/*
 * Exact IEEE 754 binary32/binary64 arithmetic in integer C, with the RISC-V F/D
 * conventions (see softfloat.h for the contract).
 *
 * Both formats share one implementation: every generic routine takes a format
 * descriptor (significand and exponent widths) and works on binary32 values widened to
 * uint64_t. The routines are forced inline so that each public wrapper gets a copy
 * specialised for its format, with the descriptor folded into constants.
 *
 * The core idea, used everywhere: a finite nonzero operand is unpacked into an integer
 * significand and a power-of-two exponent (value = sig * 2^exp). Each operation computes
 * its exact result, or a truncation of it whose lowest bit is "jammed" (ORed with 1 when
 * any nonzero bits were dropped), into such a pair, and one routine, round_pack(),
 * rounds it to the format (rounding mode, overflow, subnormals, flags). Jamming keeps
 * rounding exact as long as the dropped part sits at least two bits below the rounding
 * position, which every caller guarantees by leaving plenty of low-order headroom.
 */
#include "softfloat.h"

#include <stdbool.h>

/* ---------------------------------------------------------------------------------
 * Small integer helpers
 * ------------------------------------------------------------------------------- */

#define SF_INLINE static inline __attribute__((always_inline))

__extension__ typedef unsigned __int128 u128;

/* Count leading zeros; x must be nonzero. */
SF_INLINE int clz64(uint64_t x)
{
    return __builtin_clzll(x);
}

/*
 * The full 128-bit product of two 64-bit integers, as halves. 64-bit hosts multiply
 * natively through __int128; wasm has no multiply-high, and __int128 would call a
 * 128x128-bit library multiply, so there we combine four 32x32-bit products.
 */
SF_INLINE uint64_t mul64x64(uint64_t a, uint64_t b, uint64_t *lo)
{
#if defined(__x86_64__) || defined(__aarch64__)
    u128 p = (u128)a * b;
    *lo = (uint64_t)p;
    return (uint64_t)(p >> 64);
#else
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10; /* < 3 * 2^32 */
    *lo = (mid << 32) | (uint32_t)p00;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

SF_INLINE u128 mul64x64_128(uint64_t a, uint64_t b)
{
    uint64_t lo, hi = mul64x64(a, b, &lo);
    return ((u128)hi << 64) | lo;
}

/* x >> n, with the lowest bit ORed with 1 if any 1 bit was shifted out. Any n >= 0. */
SF_INLINE uint64_t shift_right_jam64(uint64_t x, int n)
{
    if (n == 0)
        return x;
    if (n >= 64)
        return x != 0;
    return (x >> n) | ((x << (64 - n)) != 0);
}

SF_INLINE u128 shift_right_jam128(u128 x, int n)
{
    if (n == 0)
        return x;
    if (n >= 128)
        return x != 0;
    return (x >> n) | ((x << (128 - n)) != 0);
}

/* ---------------------------------------------------------------------------------
 * Formats, unpacking, packing
 * ------------------------------------------------------------------------------- */

typedef struct {
    int sig_bits; /* precision P, counting the hidden bit: 24 or 53 */
    int exp_bits; /* 8 or 11 */
} sf_fmt;

static const sf_fmt F32 = {24, 8};
static const sf_fmt F64 = {53, 11};

SF_INLINE int fmt_bias(const sf_fmt *f) { return (1 << (f->exp_bits - 1)) - 1; }
SF_INLINE int fmt_emin(const sf_fmt *f) { return 1 - fmt_bias(f); } /* of normals */
SF_INLINE int fmt_emax(const sf_fmt *f) { return fmt_bias(f); }
SF_INLINE int fmt_sign_shift(const sf_fmt *f) { return f->sig_bits - 1 + f->exp_bits; }
SF_INLINE uint64_t fmt_frac_mask(const sf_fmt *f) { return ((uint64_t)1 << (f->sig_bits - 1)) - 1; }
SF_INLINE uint64_t fmt_exp_mask(const sf_fmt *f) { return ((uint64_t)1 << f->exp_bits) - 1; }
SF_INLINE uint64_t fmt_quiet_bit(const sf_fmt *f) { return (uint64_t)1 << (f->sig_bits - 2); }

SF_INLINE uint64_t fmt_canonical_nan(const sf_fmt *f)
{
    return (fmt_exp_mask(f) << (f->sig_bits - 1)) | fmt_quiet_bit(f);
}

SF_INLINE uint64_t fmt_inf(const sf_fmt *f, int sign)
{
    return ((uint64_t)sign << fmt_sign_shift(f)) | (fmt_exp_mask(f) << (f->sig_bits - 1));
}

SF_INLINE uint64_t fmt_zero(const sf_fmt *f, int sign)
{
    return (uint64_t)sign << fmt_sign_shift(f);
}

SF_INLINE uint64_t fmt_max_finite(const sf_fmt *f, int sign)
{
    return fmt_inf(f, sign) - 1;
}

enum { CLS_ZERO, CLS_FINITE, CLS_INF, CLS_QNAN, CLS_SNAN };

/* A decoded operand. For CLS_FINITE (normal or subnormal), value = sig * 2^exp with
 * sig != 0 (not normalised: subnormals keep their leading zeros). */
typedef struct {
    int sign;
    int cls;
    int exp;
    uint64_t sig;
} sf_val;

SF_INLINE sf_val unpack(const sf_fmt *f, uint64_t a)
{
    sf_val v;
    uint64_t frac = a & fmt_frac_mask(f);
    int e = (int)((a >> (f->sig_bits - 1)) & fmt_exp_mask(f));
    v.sign = (int)((a >> fmt_sign_shift(f)) & 1);
    v.exp = 0;
    v.sig = 0;
    if (e == (int)fmt_exp_mask(f)) {
        if (frac == 0)
            v.cls = CLS_INF;
        else
            v.cls = (frac & fmt_quiet_bit(f)) ? CLS_QNAN : CLS_SNAN;
    } else if (e == 0 && frac == 0) {
        v.cls = CLS_ZERO;
    } else {
        v.cls = CLS_FINITE;
        /* Subnormals share the exponent of the smallest normal, without hidden bit. */
        v.sig = e ? frac | ((uint64_t)1 << (f->sig_bits - 1)) : frac;
        v.exp = (e ? e : 1) - fmt_bias(f) - (f->sig_bits - 1);
    }
    return v;
}

SF_INLINE bool is_nan_cls(int cls) { return cls == CLS_QNAN || cls == CLS_SNAN; }

/* Result for operations with NaN operands: always the canonical NaN; NV when any
 * operand is signaling. */
SF_INLINE uint64_t propagate_nan(const sf_fmt *f, const sf_val *a, const sf_val *b,
                                 uint32_t *flags)
{
    if (a->cls == CLS_SNAN || (b && b->cls == CLS_SNAN))
        *flags |= SF_FLAG_NV;
    return fmt_canonical_nan(f);
}

/*
 * Whether a value truncated to an integer `kept` must be incremented (in magnitude).
 * `half_cmp` compares the discarded fraction with one half (-1 below, 0 equal, +1
 * above); `inexact` says whether that fraction is nonzero.
 */
SF_INLINE bool round_up(int rm, int sign, bool odd, int half_cmp, bool inexact)
{
    switch (rm) {
    case SF_RM_RNE:
        return half_cmp > 0 || (half_cmp == 0 && odd);
    case SF_RM_RMM:
        return half_cmp >= 0;
    case SF_RM_RDN:
        return inexact && sign;
    case SF_RM_RUP:
        return inexact && !sign;
    default: /* SF_RM_RTZ */
        return false;
    }
}

SF_INLINE int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

/*
 * Round the nonzero value (-1)^sign * sig * 2^exp to the format and pack it. sig may
 * carry a jammed lowest bit (see the top of the file). Handles overflow (per rounding
 * mode), subnormal results and the NX/UF/OF flags, with tininess detected after
 * rounding: UF is raised when the result is inexact and the value rounded to P bits
 * with an unbounded exponent would be below the smallest normal.
 */
SF_INLINE uint64_t round_pack(const sf_fmt *f, int sign, int exp, uint64_t sig, int rm,
                              uint32_t *flags)
{
    const int P = f->sig_bits;
    const int low = 64 - P;                        /* bits below the kept lsb */
    const uint64_t low_mask = ((uint64_t)1 << low) - 1;
    const uint64_t half = (uint64_t)1 << (low - 1);
    const int emin = fmt_emin(f);

    /* Normalise: leading 1 at bit 63, so the value's leading exponent is E. */
    int n = clz64(sig);
    sig <<= n;
    int E = exp - n + 63;

    bool tiny = false;
    if (E < emin) {
        tiny = true;
        if (E == emin - 1) {
            /* Would rounding to P bits, exponent unbounded, carry up to 2^emin? */
            uint64_t kept = sig >> low, rest = sig & low_mask;
            if (kept == ((uint64_t)1 << P) - 1 &&
                round_up(rm, sign, true, cmp_u64(rest, half), rest != 0))
                tiny = false;
        }
        /* Denormalise: the result's quantum is that of the smallest normal. */
        sig = shift_right_jam64(sig, emin - E);
        E = emin;
    }

    uint64_t kept = sig >> low, rest = sig & low_mask;
    if (rest) {
        *flags |= SF_FLAG_NX;
        if (tiny)
            *flags |= SF_FLAG_UF;
        if (round_up(rm, sign, kept & 1, cmp_u64(rest, half), true))
            kept++;
        if (kept >> P) { /* carried out: 1.11..1 became 10.00..0 */
            kept >>= 1;
            E++;
        }
    }

    if (E > fmt_emax(f)) {
        *flags |= SF_FLAG_OF | SF_FLAG_NX;
        bool to_inf = rm == SF_RM_RNE || rm == SF_RM_RMM || (rm == SF_RM_RDN && sign) ||
                      (rm == SF_RM_RUP && !sign);
        return to_inf ? fmt_inf(f, sign) : fmt_max_finite(f, sign);
    }

    /* kept holds the hidden bit when normal; adding it to the exponent field minus one
     * yields the right field. A subnormal (E == emin, no hidden bit) gets field 0, and
     * one that rounded up to 2^emin carries into field 1 by itself. */
    uint64_t field = (uint64_t)(E + fmt_bias(f) - 1);
    return ((uint64_t)sign << fmt_sign_shift(f)) + (field << (P - 1)) + kept;
}

/* Same for an exact or jammed 128-bit significand: fold it into 64 bits, jamming.
 * (Works on 64-bit halves: variable 128-bit shifts are library calls in wasm.) */
SF_INLINE uint64_t round_pack128(const sf_fmt *f, int sign, int exp, u128 sig, int rm,
                                 uint32_t *flags)
{
    uint64_t hi = (uint64_t)(sig >> 64), lo = (uint64_t)sig;
    if (hi == 0)
        return round_pack(f, sign, exp, lo, rm, flags);
    int n = clz64(hi);
    if (n)
        hi = (hi << n) | (lo >> (64 - n));
    uint64_t rest = n ? lo << n : lo;
    return round_pack(f, sign, exp - n + 64, hi | (rest != 0), rm, flags);
}

/* Shift a finite operand's significand left so its leading 1 is at bit `pos` (callers
 * pick pos >= 23 or 52, so this never shifts right). */
SF_INLINE void normalize_to(sf_val *v, int pos)
{
    int s = clz64(v->sig) - (63 - pos);
    v->sig <<= s;
    v->exp -= s;
}

/* ---------------------------------------------------------------------------------
 * Addition and subtraction
 * ------------------------------------------------------------------------------- */

SF_INLINE uint64_t gen_add(const sf_fmt *f, uint64_t ua, uint64_t ub, int negate_b, int rm,
                           uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    b.sign ^= negate_b;

    if (is_nan_cls(a.cls) || is_nan_cls(b.cls))
        return propagate_nan(f, &a, &b, flags);
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (a.cls == CLS_INF && b.cls == CLS_INF && a.sign != b.sign) {
            *flags |= SF_FLAG_NV; /* inf - inf */
            return fmt_canonical_nan(f);
        }
        return fmt_inf(f, a.cls == CLS_INF ? a.sign : b.sign);
    }
    if (a.cls == CLS_ZERO && b.cls == CLS_ZERO) /* -0 + -0 = -0; mixed: +0 unless RDN */
        return fmt_zero(f, a.sign == b.sign ? a.sign : rm == SF_RM_RDN);
    if (a.cls == CLS_ZERO) /* x + 0 is exactly x */
        return ub ^ ((uint64_t)negate_b << fmt_sign_shift(f));
    if (b.cls == CLS_ZERO)
        return ua;

    /* Leading 1 at bit 62: room for the carry of a sum, and >= 9 zero bits below. */
    normalize_to(&a, 62);
    normalize_to(&b, 62);
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        sf_val t = a;
        a = b;
        b = t;
    }
    /* Now |a| >= |b|; align b to a (jamming what falls off). */
    b.sig = shift_right_jam64(b.sig, a.exp - b.exp);
    if (a.sign == b.sign)
        return round_pack(f, a.sign, a.exp, a.sig + b.sig, rm, flags);
    uint64_t diff = a.sig - b.sig;
    if (diff == 0) /* exact cancellation: +0, or -0 when rounding down */
        return fmt_zero(f, rm == SF_RM_RDN);
    return round_pack(f, a.sign, a.exp, diff, rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Multiplication
 * ------------------------------------------------------------------------------- */

SF_INLINE uint64_t gen_mul(const sf_fmt *f, uint64_t ua, uint64_t ub, int rm, uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    int sign = a.sign ^ b.sign;

    if (is_nan_cls(a.cls) || is_nan_cls(b.cls))
        return propagate_nan(f, &a, &b, flags);
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (a.cls == CLS_ZERO || b.cls == CLS_ZERO) {
            *flags |= SF_FLAG_NV; /* 0 * inf */
            return fmt_canonical_nan(f);
        }
        return fmt_inf(f, sign);
    }
    if (a.cls == CLS_ZERO || b.cls == CLS_ZERO)
        return fmt_zero(f, sign);

    if (f->sig_bits <= 32) {
        /* binary32: a 24x24-bit product fits in 64 bits exactly. */
        return round_pack(f, sign, a.exp + b.exp, a.sig * b.sig, rm, flags);
    }
    /* binary64: with both leading 1s at bit 63 the high half of the product has 63 or
     * 64 bits; the low half only matters as sticky. */
    normalize_to(&a, 63);
    normalize_to(&b, 63);
    uint64_t lo, hi = mul64x64(a.sig, b.sig, &lo);
    return round_pack(f, sign, a.exp + b.exp + 64, hi | (lo != 0), rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Division
 * ------------------------------------------------------------------------------- */

SF_INLINE uint64_t gen_div(const sf_fmt *f, uint64_t ua, uint64_t ub, int rm, uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    int sign = a.sign ^ b.sign;

    if (is_nan_cls(a.cls) || is_nan_cls(b.cls))
        return propagate_nan(f, &a, &b, flags);
    if (a.cls == CLS_INF) {
        if (b.cls == CLS_INF) {
            *flags |= SF_FLAG_NV; /* inf / inf */
            return fmt_canonical_nan(f);
        }
        return fmt_inf(f, sign);
    }
    if (b.cls == CLS_INF)
        return fmt_zero(f, sign);
    if (b.cls == CLS_ZERO) {
        if (a.cls == CLS_ZERO) {
            *flags |= SF_FLAG_NV; /* 0 / 0 */
            return fmt_canonical_nan(f);
        }
        *flags |= SF_FLAG_DZ;
        return fmt_inf(f, sign);
    }
    if (a.cls == CLS_ZERO)
        return fmt_zero(f, sign);

    /*
     * Dividend with its leading 1 at bit 62, divisor normalised higher so the quotient
     * has at least P + 2 bits, plus a sticky bit for a nonzero remainder.
     */
    normalize_to(&a, 62);
    if (f->sig_bits <= 32) {
        normalize_to(&b, 31); /* quotient in (2^30, 2^32) */
        uint64_t q = a.sig / b.sig, r = a.sig % b.sig;
        return round_pack(f, sign, a.exp - b.exp, q | (r != 0), rm, flags);
    }
    normalize_to(&b, 63); /* (a << 64) / b in [2^62, 2^64) */
    u128 num = (u128)a.sig << 64;
    uint64_t q = (uint64_t)(num / b.sig);
    bool rem = q * b.sig != 0; /* num has zero low bits: rem = -(q * b) mod 2^64 */
    return round_pack(f, sign, a.exp - b.exp - 64, q | rem, rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Square root
 * ------------------------------------------------------------------------------- */

/* floor(sqrt(x)) by Newton's iteration from above (it decreases monotonically to the
 * integer root, then stops decreasing). */
static uint64_t isqrt64(uint64_t x)
{
    if (x == 0)
        return 0;
    int bits = 64 - clz64(x);
    uint64_t g = (uint64_t)1 << ((bits + 1) / 2); /* > sqrt(x) since x < 2^bits */
    for (;;) {
        uint64_t n = (g + x / g) >> 1;
        if (n >= g)
            return g;
        g = n;
    }
}

/* floor(sqrt(x)) for x in [2^124, 2^126): the root of the high half gives ~31 good bits,
 * and one or two Newton steps in 128 bits finish it. */
static uint64_t isqrt128(u128 x)
{
    uint64_t s = isqrt64((uint64_t)(x >> 64));
    uint64_t g = (s + 1) << 32; /* (s+1)^2 > hi, so g > sqrt(x); and g <= 2^63 */
    for (;;) {
        uint64_t n = (g + (uint64_t)(x / g)) >> 1; /* x/g <= sqrt(x) < 2^63: no overflow */
        if (n >= g)
            return g;
        g = n;
    }
}

SF_INLINE uint64_t gen_sqrt(const sf_fmt *f, uint64_t ua, int rm, uint32_t *flags)
{
    sf_val a = unpack(f, ua);

    if (is_nan_cls(a.cls))
        return propagate_nan(f, &a, 0, flags);
    if (a.cls == CLS_ZERO) /* sqrt(-0) = -0 */
        return ua;
    if (a.sign) {
        *flags |= SF_FLAG_NV; /* negative, including -inf */
        return fmt_canonical_nan(f);
    }
    if (a.cls == CLS_INF)
        return ua;

    /*
     * value = sig * 2^exp. Scale sig up by s bits, with exp - s even, so that the root of
     * the scaled integer has plenty of bits; the remainder gives the sticky bit.
     */
    int lead = 63 - clz64(a.sig);
    if (f->sig_bits <= 32) {
        int s = 60 - lead; /* scaled sig in [2^60, 2^62): root has 31 bits */
        if ((a.exp - s) & 1)
            s++;
        uint64_t x = a.sig << s;
        uint64_t r = isqrt64(x);
        bool rem = x != r * r;
        return round_pack(f, 0, (a.exp - s) / 2, r | rem, rm, flags);
    }
    int s = 124 - lead; /* scaled sig in [2^124, 2^126): root has 63 bits */
    if ((a.exp - s) & 1)
        s++;
    u128 x = (u128)a.sig << s;
    uint64_t r = isqrt128(x);
    bool rem = x != mul64x64_128(r, r);
    return round_pack(f, 0, (a.exp - s) / 2, r | rem, rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Fused multiply-add
 * ------------------------------------------------------------------------------- */

SF_INLINE uint64_t gen_muladd(const sf_fmt *f, uint64_t ua, uint64_t ub, uint64_t uc, int rm,
                              uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub), c = unpack(f, uc);
    int psign = a.sign ^ b.sign;

    /* RISC-V: 0 * inf is invalid even when the addend is a quiet NaN. */
    if ((a.cls == CLS_INF && b.cls == CLS_ZERO) || (a.cls == CLS_ZERO && b.cls == CLS_INF)) {
        *flags |= SF_FLAG_NV;
        return fmt_canonical_nan(f);
    }
    if (is_nan_cls(a.cls) || is_nan_cls(b.cls) || is_nan_cls(c.cls)) {
        if (c.cls == CLS_SNAN)
            *flags |= SF_FLAG_NV;
        return propagate_nan(f, &a, &b, flags);
    }
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (c.cls == CLS_INF && c.sign != psign) {
            *flags |= SF_FLAG_NV; /* inf - inf */
            return fmt_canonical_nan(f);
        }
        return fmt_inf(f, psign);
    }
    if (c.cls == CLS_INF)
        return uc;
    if (a.cls == CLS_ZERO || b.cls == CLS_ZERO) {
        /* An exact zero product: the sum is c exactly, signed zeros as for addition. */
        if (c.cls == CLS_ZERO)
            return fmt_zero(f, psign == c.sign ? psign : rm == SF_RM_RDN);
        return uc;
    }
    if (c.cls == CLS_ZERO) {
        /* a*b + 0 rounds like a*b (a nonzero product never cancels with a zero). */
        return round_pack128(f, psign, a.exp + b.exp, mul64x64_128(a.sig, b.sig), rm, flags);
    }

    /*
     * All finite and nonzero. The exact product and the addend are both placed with
     * their leading 1 at bit 124 of a 128-bit integer (room for the carry of a sum).
     * Each then has >= 19 zero bits at the bottom, so jamming the smaller one during
     * alignment cannot disturb rounding.
     */
    normalize_to(&a, 62);
    normalize_to(&b, 62);
    normalize_to(&c, 62);
    u128 p = mul64x64_128(a.sig, b.sig); /* leading 1 at bit 124 or 125 */
    int pexp = a.exp + b.exp;
    if (p >> 125) { /* exact: the product's low 20 bits are zero */
        p >>= 1;
        pexp++;
    }
    u128 cs = (u128)c.sig << 62;
    int cexp = c.exp - 62;

    int sign, exp;
    u128 big, small;
    if (pexp > cexp || (pexp == cexp && p >= cs)) {
        sign = psign;
        big = p;
        exp = pexp;
        small = shift_right_jam128(cs, pexp - cexp);
    } else {
        sign = c.sign;
        big = cs;
        exp = cexp;
        small = shift_right_jam128(p, cexp - pexp);
    }

    if (psign == c.sign)
        return round_pack128(f, sign, exp, big + small, rm, flags);
    u128 diff = big - small;
    if (diff == 0)
        return fmt_zero(f, rm == SF_RM_RDN);
    return round_pack128(f, sign, exp, diff, rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Minimum, maximum, comparisons, classification
 * ------------------------------------------------------------------------------- */

/* a < b for non-NaN operands, with -0 < +0 (the order of sign-magnitude integers). */
SF_INLINE bool total_less(const sf_fmt *f, uint64_t a, uint64_t b)
{
    int sa = (int)(a >> fmt_sign_shift(f)), sb = (int)(b >> fmt_sign_shift(f));
    if (sa != sb)
        return sa;
    return sa ? a > b : a < b;
}

SF_INLINE uint64_t gen_minmax(const sf_fmt *f, uint64_t ua, uint64_t ub, bool want_max,
                              uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    if (a.cls == CLS_SNAN || b.cls == CLS_SNAN)
        *flags |= SF_FLAG_NV;
    bool an = is_nan_cls(a.cls), bn = is_nan_cls(b.cls);
    if (an && bn)
        return fmt_canonical_nan(f);
    if (an)
        return ub;
    if (bn)
        return ua;
    return total_less(f, ua, ub) != want_max ? ua : ub;
}

/* Ordered comparison for non-NaN operands: -1, 0, +1, with -0 == +0. */
SF_INLINE int compare(const sf_fmt *f, const sf_val *a, const sf_val *b, uint64_t ua,
                      uint64_t ub)
{
    if (a->cls == CLS_ZERO && b->cls == CLS_ZERO)
        return 0;
    if (ua == ub)
        return 0;
    return total_less(f, ua, ub) ? -1 : 1;
}

SF_INLINE int gen_eq(const sf_fmt *f, uint64_t ua, uint64_t ub, uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    if (is_nan_cls(a.cls) || is_nan_cls(b.cls)) { /* quiet: NV only for sNaN */
        if (a.cls == CLS_SNAN || b.cls == CLS_SNAN)
            *flags |= SF_FLAG_NV;
        return 0;
    }
    return compare(f, &a, &b, ua, ub) == 0;
}

SF_INLINE int gen_lt_le(const sf_fmt *f, uint64_t ua, uint64_t ub, bool or_equal,
                        uint32_t *flags)
{
    sf_val a = unpack(f, ua), b = unpack(f, ub);
    if (is_nan_cls(a.cls) || is_nan_cls(b.cls)) { /* signaling: NV for any NaN */
        *flags |= SF_FLAG_NV;
        return 0;
    }
    int c = compare(f, &a, &b, ua, ub);
    return or_equal ? c <= 0 : c < 0;
}

SF_INLINE uint32_t gen_classify(const sf_fmt *f, uint64_t ua)
{
    sf_val a = unpack(f, ua);
    bool subnormal = ((ua >> (f->sig_bits - 1)) & fmt_exp_mask(f)) == 0;
    switch (a.cls) {
    case CLS_SNAN:
        return 1u << 8;
    case CLS_QNAN:
        return 1u << 9;
    case CLS_INF:
        return a.sign ? 1u << 0 : 1u << 7;
    case CLS_ZERO:
        return a.sign ? 1u << 3 : 1u << 4;
    default:
        if (subnormal)
            return a.sign ? 1u << 2 : 1u << 5;
        return a.sign ? 1u << 1 : 1u << 6;
    }
}

/* ---------------------------------------------------------------------------------
 * Float to integer
 * ------------------------------------------------------------------------------- */

/*
 * Convert to an integer of `bits` (32 or 64) bits, signed or not, rounding with rm.
 * Out-of-range values and NaN saturate with NV only (no NX); in-range inexact results
 * raise NX. The result is returned as the two's complement bit pattern.
 */
SF_INLINE uint64_t gen_to_int(const sf_fmt *f, uint64_t ua, int rm, int bits, bool is_signed,
                              uint32_t *flags)
{
    sf_val a = unpack(f, ua);
    const uint64_t pos_limit = is_signed ? ((uint64_t)1 << (bits - 1)) - 1
                                         : (bits == 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1);
    const uint64_t neg_limit = is_signed ? (uint64_t)1 << (bits - 1) : 0; /* magnitude */

    if (is_nan_cls(a.cls)) {
        *flags |= SF_FLAG_NV;
        return pos_limit;
    }
    uint64_t mag;
    bool inexact = false;
    if (a.cls == CLS_ZERO) {
        return 0;
    } else if (a.cls == CLS_INF) {
        mag = ~(uint64_t)0;
        goto out_of_range;
    } else if (a.exp >= 0) {
        /* An integer already; too large once its leading 1 passes bit 63. */
        if (63 - clz64(a.sig) + a.exp > 63)
            goto out_of_range;
        mag = a.sig << a.exp;
    } else {
        int sh = -a.exp;
        int half_cmp;
        if (sh > 63) { /* sig < 2^53: value below one half */
            mag = 0;
            half_cmp = -1;
            inexact = true;
        } else {
            uint64_t rest = a.sig & (((uint64_t)1 << sh) - 1);
            mag = a.sig >> sh;
            half_cmp = cmp_u64(rest, (uint64_t)1 << (sh - 1));
            inexact = rest != 0;
        }
        if (inexact && round_up(rm, a.sign, mag & 1, half_cmp, true))
            mag++; /* mag < 2^53 here: no overflow */
    }

    if (a.sign ? mag > neg_limit : mag > pos_limit)
        goto out_of_range;
    if (inexact)
        *flags |= SF_FLAG_NX;
    return a.sign ? (uint64_t)0 - mag : mag;

out_of_range:
    *flags |= SF_FLAG_NV;
    return a.sign ? (uint64_t)0 - neg_limit : pos_limit;
}

/* ---------------------------------------------------------------------------------
 * Integer to float, and between formats
 * ------------------------------------------------------------------------------- */

SF_INLINE uint64_t gen_from_int(const sf_fmt *f, int sign, uint64_t mag, int rm,
                                uint32_t *flags)
{
    if (mag == 0)
        return 0; /* +0 */
    return round_pack(f, sign, 0, mag, rm, flags);
}

/* Magnitude of a two's complement value, without signed overflow. */
SF_INLINE uint64_t abs_i64(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

SF_INLINE uint64_t gen_convert(const sf_fmt *from, const sf_fmt *to, uint64_t ua, int rm,
                               uint32_t *flags)
{
    sf_val a = unpack(from, ua);
    if (is_nan_cls(a.cls))
        return propagate_nan(to, &a, 0, flags);
    if (a.cls == CLS_INF)
        return fmt_inf(to, a.sign);
    if (a.cls == CLS_ZERO)
        return fmt_zero(to, a.sign);
    return round_pack(to, a.sign, a.exp, a.sig, rm, flags);
}

/* ---------------------------------------------------------------------------------
 * Public entry points
 * ------------------------------------------------------------------------------- */

uint32_t sf_f32_add(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)gen_add(&F32, a, b, 0, rm, flags);
}

uint32_t sf_f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)gen_add(&F32, a, b, 1, rm, flags);
}

uint32_t sf_f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)gen_mul(&F32, a, b, rm, flags);
}

uint32_t sf_f32_div(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)gen_div(&F32, a, b, rm, flags);
}

uint32_t sf_f32_sqrt(uint32_t a, int rm, uint32_t *flags)
{
    return (uint32_t)gen_sqrt(&F32, a, rm, flags);
}

uint32_t sf_f32_muladd(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *flags)
{
    return (uint32_t)gen_muladd(&F32, a, b, c, rm, flags);
}

uint32_t sf_f32_min(uint32_t a, uint32_t b, uint32_t *flags)
{
    return (uint32_t)gen_minmax(&F32, a, b, false, flags);
}

uint32_t sf_f32_max(uint32_t a, uint32_t b, uint32_t *flags)
{
    return (uint32_t)gen_minmax(&F32, a, b, true, flags);
}

int sf_f32_eq(uint32_t a, uint32_t b, uint32_t *flags) { return gen_eq(&F32, a, b, flags); }
int sf_f32_lt(uint32_t a, uint32_t b, uint32_t *flags) { return gen_lt_le(&F32, a, b, false, flags); }
int sf_f32_le(uint32_t a, uint32_t b, uint32_t *flags) { return gen_lt_le(&F32, a, b, true, flags); }
uint32_t sf_f32_classify(uint32_t a) { return gen_classify(&F32, a); }

int32_t sf_f32_to_i32(uint32_t a, int rm, uint32_t *flags)
{
    return (int32_t)(uint32_t)gen_to_int(&F32, a, rm, 32, true, flags);
}

uint32_t sf_f32_to_u32(uint32_t a, int rm, uint32_t *flags)
{
    return (uint32_t)gen_to_int(&F32, a, rm, 32, false, flags);
}

int64_t sf_f32_to_i64(uint32_t a, int rm, uint32_t *flags)
{
    return (int64_t)gen_to_int(&F32, a, rm, 64, true, flags);
}

uint64_t sf_f32_to_u64(uint32_t a, int rm, uint32_t *flags)
{
    return gen_to_int(&F32, a, rm, 64, false, flags);
}

uint32_t sf_i32_to_f32(int32_t v, int rm, uint32_t *flags)
{
    return (uint32_t)gen_from_int(&F32, v < 0, abs_i64(v), rm, flags);
}

uint32_t sf_u32_to_f32(uint32_t v, int rm, uint32_t *flags)
{
    return (uint32_t)gen_from_int(&F32, 0, v, rm, flags);
}

uint32_t sf_i64_to_f32(int64_t v, int rm, uint32_t *flags)
{
    return (uint32_t)gen_from_int(&F32, v < 0, abs_i64(v), rm, flags);
}

uint32_t sf_u64_to_f32(uint64_t v, int rm, uint32_t *flags)
{
    return (uint32_t)gen_from_int(&F32, 0, v, rm, flags);
}

uint64_t sf_f64_add(uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    return gen_add(&F64, a, b, 0, rm, flags);
}

uint64_t sf_f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    return gen_add(&F64, a, b, 1, rm, flags);
}

uint64_t sf_f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    return gen_mul(&F64, a, b, rm, flags);
}

uint64_t sf_f64_div(uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    return gen_div(&F64, a, b, rm, flags);
}

uint64_t sf_f64_sqrt(uint64_t a, int rm, uint32_t *flags)
{
    return gen_sqrt(&F64, a, rm, flags);
}

uint64_t sf_f64_muladd(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags)
{
    return gen_muladd(&F64, a, b, c, rm, flags);
}

uint64_t sf_f64_min(uint64_t a, uint64_t b, uint32_t *flags)
{
    return gen_minmax(&F64, a, b, false, flags);
}

uint64_t sf_f64_max(uint64_t a, uint64_t b, uint32_t *flags)
{
    return gen_minmax(&F64, a, b, true, flags);
}

int sf_f64_eq(uint64_t a, uint64_t b, uint32_t *flags) { return gen_eq(&F64, a, b, flags); }
int sf_f64_lt(uint64_t a, uint64_t b, uint32_t *flags) { return gen_lt_le(&F64, a, b, false, flags); }
int sf_f64_le(uint64_t a, uint64_t b, uint32_t *flags) { return gen_lt_le(&F64, a, b, true, flags); }
uint32_t sf_f64_classify(uint64_t a) { return gen_classify(&F64, a); }

int32_t sf_f64_to_i32(uint64_t a, int rm, uint32_t *flags)
{
    return (int32_t)(uint32_t)gen_to_int(&F64, a, rm, 32, true, flags);
}

uint32_t sf_f64_to_u32(uint64_t a, int rm, uint32_t *flags)
{
    return (uint32_t)gen_to_int(&F64, a, rm, 32, false, flags);
}

int64_t sf_f64_to_i64(uint64_t a, int rm, uint32_t *flags)
{
    return (int64_t)gen_to_int(&F64, a, rm, 64, true, flags);
}

uint64_t sf_f64_to_u64(uint64_t a, int rm, uint32_t *flags)
{
    return gen_to_int(&F64, a, rm, 64, false, flags);
}

uint64_t sf_i32_to_f64(int32_t v, int rm, uint32_t *flags)
{
    return gen_from_int(&F64, v < 0, abs_i64(v), rm, flags);
}

uint64_t sf_u32_to_f64(uint32_t v, int rm, uint32_t *flags)
{
    return gen_from_int(&F64, 0, v, rm, flags);
}

uint64_t sf_i64_to_f64(int64_t v, int rm, uint32_t *flags)
{
    return gen_from_int(&F64, v < 0, abs_i64(v), rm, flags);
}

uint64_t sf_u64_to_f64(uint64_t v, int rm, uint32_t *flags)
{
    return gen_from_int(&F64, 0, v, rm, flags);
}

uint64_t sf_f32_to_f64(uint32_t a, uint32_t *flags)
{
    /* Exact: the rounding mode is irrelevant. */
    return gen_convert(&F32, &F64, a, SF_RM_RNE, flags);
}

uint32_t sf_f64_to_f32(uint64_t a, int rm, uint32_t *flags)
{
    return (uint32_t)gen_convert(&F64, &F32, a, rm, flags);
}
