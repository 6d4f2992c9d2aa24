/* RV64M against a shift-and-add / shift-and-subtract reference on 3000 pseudo-random
 * operand pairs (biased towards edge values: 0, +-1, INT_MIN/MAX, 32-bit boundaries).
 * Exit status: 1 + index of the first instruction that disagreed (see `names`). */
#include <stdint.h>
#include "htif.h"

typedef uint64_t u64;
typedef int64_t s64;

static u64 rng = 0x9e3779b97f4a7c15u;
static u64 next(void) {                 /* xorshift64* without multiplication */
    rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
    return rng;
}
static u64 operand(void) {
    static const u64 edge[] = {0, 1, 2, (u64)-1, (u64)-2, 0x8000000000000000u, 0x7fffffffffffffffu,
                               0x80000000u, 0x7fffffffu, 0xffffffffu, 0x100000000u,
                               0xffffffff80000000u, 3, 7, (u64)-3, 0xfffffffeu};
    u64 r = next();
    switch (r & 7) {
    case 0: return edge[(r >> 8) & 15];       /* no division in the reference side */
    case 1: return (r >> 8) & 0xff;
    case 2: return (u64)(s64)(int32_t)(r >> 16);
    default: return next();
    }
}

/* 128-bit unsigned product, by shift and add */
static void mul128(u64 a, u64 b, u64 *hi, u64 *lo) {
    u64 h = 0, l = 0, ah = 0, al = a;
    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            u64 nl = l + al;
            h += ah + (nl < l);
            l = nl;
        }
        ah = (ah << 1) | (al >> 63);
        al <<= 1;
    }
    *hi = h; *lo = l;
}
static u64 ref_mulhu(u64 a, u64 b) { u64 h, l; mul128(a, b, &h, &l); return h; }
static u64 ref_mul(u64 a, u64 b) { u64 h, l; mul128(a, b, &h, &l); return l; }
static u64 ref_mulh(u64 a, u64 b) {
    u64 h = ref_mulhu(a, b);
    if ((s64)a < 0) h -= b;
    if ((s64)b < 0) h -= a;
    return h;
}
static u64 ref_mulhsu(u64 a, u64 b) {
    u64 h = ref_mulhu(a, b);
    if ((s64)a < 0) h -= b;
    return h;
}
static void udivrem(u64 n, u64 d, u64 *q, u64 *r) {
    if (d == 0) { *q = ~(u64)0; *r = n; return; }
    u64 qq = 0, rr = 0;
    for (int i = 63; i >= 0; i--) {
        int carry = (int)(rr >> 63);
        rr = (rr << 1) | ((n >> i) & 1);
        if (carry || rr >= d) { rr -= d; qq |= (u64)1 << i; }
    }
    *q = qq; *r = rr;
}
static u64 ref_divu(u64 a, u64 b) { u64 q, r; udivrem(a, b, &q, &r); return q; }
static u64 ref_remu(u64 a, u64 b) { u64 q, r; udivrem(a, b, &q, &r); return r; }
static u64 ref_div(u64 a, u64 b) {
    if (b == 0) return ~(u64)0;
    if (a == 0x8000000000000000u && b == (u64)-1) return a;
    int neg = ((s64)a < 0) != ((s64)b < 0);
    u64 q = ref_divu((s64)a < 0 ? -a : a, (s64)b < 0 ? -b : b);
    return neg ? -q : q;
}
static u64 ref_rem(u64 a, u64 b) {
    if (b == 0) return a;
    if (a == 0x8000000000000000u && b == (u64)-1) return 0;
    u64 r = ref_remu((s64)a < 0 ? -a : a, (s64)b < 0 ? -b : b);
    return (s64)a < 0 ? -r : r;
}
static u64 sx32(u64 v) { return (u64)(s64)(int32_t)(uint32_t)v; }
static u64 ref_mulw(u64 a, u64 b) { return sx32(ref_mul(a, b)); }
static u64 ref_divw(u64 a, u64 b) {
    s64 x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return ~(u64)0;
    if (x == INT32_MIN && y == -1) return sx32(0x80000000u);
    return sx32(ref_div((u64)x, (u64)y));
}
static u64 ref_remw(u64 a, u64 b) {
    s64 x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return sx32(a);
    if (x == INT32_MIN && y == -1) return 0;
    return sx32(ref_rem((u64)x, (u64)y));
}
static u64 ref_divuw(u64 a, u64 b) {
    if ((uint32_t)b == 0) return ~(u64)0;
    return sx32(ref_divu((uint32_t)a, (uint32_t)b));
}
static u64 ref_remuw(u64 a, u64 b) {
    if ((uint32_t)b == 0) return sx32(a);
    return sx32(ref_remu((uint32_t)a, (uint32_t)b));
}

#define HW(op) static u64 hw_##op(u64 a, u64 b) { u64 r; __asm__ volatile(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
HW(mul) HW(mulh) HW(mulhu) HW(mulhsu) HW(mulw) HW(div) HW(divu) HW(rem) HW(remu)
HW(divw) HW(divuw) HW(remw) HW(remuw)

typedef u64 (*fn)(u64, u64);
static const fn hw[] = {hw_mul, hw_mulh, hw_mulhu, hw_mulhsu, hw_mulw, hw_div, hw_divu,
                        hw_rem, hw_remu, hw_divw, hw_divuw, hw_remw, hw_remuw};
static const fn ref[] = {ref_mul, ref_mulh, ref_mulhu, ref_mulhsu, ref_mulw, ref_div, ref_divu,
                         ref_rem, ref_remu, ref_divw, ref_divuw, ref_remw, ref_remuw};
static const char *const names[] = {"mul", "mulh", "mulhu", "mulhsu", "mulw", "div", "divu",
                                    "rem", "remu", "divw", "divuw", "remw", "remuw"};

int main(void) {
    for (int i = 0; i < 3000; i++) {
        u64 a = operand(), b = operand();
        for (unsigned k = 0; k < sizeof hw / sizeof hw[0]; k++) {
            u64 got = hw[k](a, b), want = ref[k](a, b);
            if (got != want) {
                spin_puts(names[k]); spin_puts(" a="); spin_put_hex64(a);
                spin_puts(" b="); spin_put_hex64(b); spin_puts(" got="); spin_put_hex64(got);
                spin_puts(" want="); spin_put_hex64(want); spin_puts("\n");
                return 1 + (int)k;
            }
        }
    }
    return 0;
}
