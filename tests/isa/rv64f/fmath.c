/* Compiled single-precision code (GCC -O2, lp64d): float kernels with exact results
 * (prefix sums, 4x4 matrix-vector product, Horner, bisection on a dyadic grid), the
 * float<->int conversions C generates (truncation, unsigned, 64-bit, int -> float
 * rounding to nearest even), float compares incl. NaN, float arguments and results in
 * registers and on the stack, and fflags: clear after exact kernels, NX after 0.1f*3.
 * main returns the number of the first failing check (0 = pass).
 */
#include <stdint.h>

static uint32_t fbits(float f) { union { float f; uint32_t u; } x = {f}; return x.u; }
static inline unsigned read_flags(void) { unsigned f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }
static inline void clear_flags(void) { __asm__ volatile("fsflags x0"); }
#define CHECK(n, cond) do { if (!(cond)) return (n); } while (0)

static volatile float vf[16];
static volatile int32_t vi[8];
static volatile int64_t vl[4];

__attribute__((noinline)) static void prefix(float *a, int n) {
    for (int i = 1; i < n; i++) a[i] += a[i - 1];
}

__attribute__((noinline)) static void matvec(const float m[4][4], const float *x, float *y) {
    for (int i = 0; i < 4; i++) {
        float s = 0;
        for (int j = 0; j < 4; j++) s += m[i][j] * x[j];
        y[i] = s;
    }
}

/* root of x^3 - 2x - 5 on [2, 3]: bisection stops when the interval is 2^-20 wide */
__attribute__((noinline)) static float bisect(float lo, float hi) {
    while (hi - lo > 0x1p-20f) {
        float mid = (lo + hi) * 0.5f;
        float f = mid * mid * mid - 2 * mid - 5;
        if (f > 0) hi = mid; else lo = mid;
    }
    return lo;
}

__attribute__((noinline)) static float many(float a, float b, float c, float d, float e, float f,
                                            float g, float h, float i, float j) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}

int main(void) {
    float a[10];
    for (int i = 0; i < 10; i++) { vf[0] = (float)(i + 1) * 0.5f; a[i] = vf[0]; }
    clear_flags();
    prefix(a, 10);
    CHECK(1, a[9] == 27.5f && a[4] == 7.5f);
    CHECK(2, read_flags() == 0);

    static const float M[4][4] = {{1, 2, 0, -1}, {0.5f, 0, 4, 2}, {-3, 1, 1, 1}, {0, 0, 0.25f, 8}};
    static const float X[4] = {2, -1, 0.5f, 4};
    float Y[4];
    clear_flags();
    matvec(M, X, Y);
    CHECK(3, Y[0] == -4 && Y[1] == 11 && Y[2] == -2.5f && Y[3] == 32.125f);
    CHECK(4, read_flags() == 0);

    float r = bisect(2, 3);
    CHECK(5, r > 2.0945f && r < 2.0946f);
    CHECK(6, (fbits(r) & 0x3) == 0);                            /* on the 2^-20 grid (ulp 2^-22) */

    /* conversions */
    vf[1] = -7.9f; vf[2] = 3e9f; vf[3] = 0.999f; vf[4] = -0.0f;
    CHECK(7, (int)vf[1] == -7);
    CHECK(8, (unsigned)vf[2] == 3000000000u);
    CHECK(9, (int64_t)vf[2] == 3000000000LL && (int)vf[3] == 0);
    CHECK(10, fbits((float)(int)vf[4]) == 0);                    /* int 0 -> +0 */
    vi[0] = 16777217; vi[1] = 16777219; vi[2] = -16777217;
    CHECK(11, fbits((float)vi[0]) == 0x4b800000);                /* 2^24: tie to even */
    CHECK(12, fbits((float)vi[1]) == 0x4b800002);                /* 2^24 + 4 */
    CHECK(13, fbits((float)vi[2]) == 0xcb800000);
    vl[0] = (int64_t)0x7fffffffffffffffLL;
    CHECK(14, fbits((float)vl[0]) == 0x5f000000);
    CHECK(15, fbits((float)(uint64_t)vl[0] * 2) == 0x5f800000);

    /* NX */
    vf[5] = 0.1f;
    clear_flags();
    float t = vf[5] * 3;
    CHECK(16, fbits(t) == 0x3e99999a && read_flags() == 1);

    /* compares with NaN */
    vf[6] = 0.0f;
    float nan = vf[6] / vf[6];
    CHECK(17, fbits(nan) == 0x7fc00000);
    CHECK(18, !(nan < 1) && !(nan > 1) && nan != nan && !(nan == nan));
    CHECK(19, __builtin_isnan(nan) && !__builtin_isnan(vf[5]));

    CHECK(20, many(1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5f) == 50.0f);
    return 0;
}
