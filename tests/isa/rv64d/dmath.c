/* Compiled floating-point code (GCC -O2, lp64d): small numeric kernels whose results are
 * exact in binary floating point, so each has one right answer bit for bit:
 * summation, Horner polynomial, matrix product, back substitution, mean/variance, float
 * dot product, int<->double/float conversions in both directions (C truncation, unsigned,
 * 64-bit, rounding of int -> fp), float<->double, fabs/copysign/fma builtins (fmin/fmax
 * and fsqrt through inline asm: GCC 12 would call libm), NaN comparisons, FP argument
 * passing in registers and on the stack. Exact kernels must leave fflags clear; 1.0f/3
 * must raise NX only and (float)1e300 OF|NX.
 * main returns the number of the first failing check (0 = pass).
 */
#include <stdint.h>

static uint64_t dbits(double d) { union { double d; uint64_t u; } x = {d}; return x.u; }
static uint32_t fbits(float f) { union { float f; uint32_t u; } x = {f}; return x.u; }
static inline unsigned read_flags(void) { unsigned f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }
static inline void clear_flags(void) { __asm__ volatile("fsflags x0"); }

#define CHECK(n, cond) do { if (!(cond)) return (n); } while (0)

static volatile double vd[16];
static volatile float vf[16];
static volatile int64_t vi[8];

__attribute__((noinline)) static double horner(const double *c, int n, double x) {
    double r = c[0];
    for (int i = 1; i < n; i++) r = r * x + c[i];
    return r;
}

__attribute__((noinline)) static void matmul(int n, const double *a, const double *b, double *c) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
}

/* solves U x = y for upper-triangular U with power-of-two diagonal */
__attribute__((noinline)) static void backsub(int n, const double *u, const double *y, double *x) {
    for (int i = n - 1; i >= 0; i--) {
        double s = y[i];
        for (int j = i + 1; j < n; j++) s -= u[i * n + j] * x[j];
        x[i] = s / u[i * n + i];
    }
}

__attribute__((noinline)) static float fdot(const float *a, const float *b, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* many FP arguments: the ninth and later go on the stack */
__attribute__((noinline)) static double many(double a, double b, double c, double d, double e,
                                             double f, double g, double h, double i, float j,
                                             double k) {
    return a - b + c - d + e - f + g - h + i - (double)j + k;
}

/* GCC 12 does not expand fmin/fmax/sqrt inline here (no libm at all: -nostdlib) */
static inline double dfmin(double a, double b) { double r; __asm__("fmin.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
static inline double dfmax(double a, double b) { double r; __asm__("fmax.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }

__attribute__((noinline)) static double dsqrt(double x) {
    double r;
    __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x));
    return r;
}

int main(void) {
    /* 1-2: summation 1..1000, exact, no flags */
    clear_flags();
    double s = 0;
    for (int i = 1; i <= 1000; i++) { vd[0] = i; s += vd[0]; }
    CHECK(1, s == 500500.0);
    CHECK(2, read_flags() == 0);

    /* 3-4: Horner: 3x^3 - 2x^2 + 0.5x - 7 at 1.5 = -0.625 */
    static const double poly[4] = {3, -2, 0.5, -7};
    vd[1] = 1.5;
    clear_flags();
    double h = horner(poly, 4, vd[1]);
    CHECK(3, dbits(h) == dbits(-0.625));
    CHECK(4, read_flags() == 0);

    /* 5-6: 3x3 matrix product */
    static const double A[9] = {1, 2, 3, -4, 0.5, 6, 7, 8, -0.25};
    static const double B[9] = {2, 0, -1, 1, 4, 0.5, -3, 2, 8};
    static const double Cexp[9] = {-5, 14, 24, -25.5, 14, 52.25, 22.75, 31.5, -5};
    double C[9];
    clear_flags();
    matmul(3, A, B, C);
    for (int i = 0; i < 9; i++) CHECK(5, dbits(C[i]) == dbits(Cexp[i]));
    CHECK(6, read_flags() == 0);

    /* 7: back substitution with solution (1, -2, 0.5, 3) */
    static const double U[16] = {2, 1, -1, 4,   0, 4, 2, -2,   0, 0, 0.5, 8,   0, 0, 0, 8};
    static const double Y[16] = {11.5, -13, 24.25, 24};
    double X[4];
    backsub(4, U, Y, X);
    CHECK(7, X[0] == 1 && X[1] == -2 && X[2] == 0.5 && X[3] == 3);

    /* 8-9: mean and variance of dyadic samples */
    static const double smp[8] = {1.5, 2.5, -0.5, 4, 3, 0.25, 1.25, 4};
    double m = 0, v = 0;
    for (int i = 0; i < 8; i++) m += smp[i];
    m /= 8;
    for (int i = 0; i < 8; i++) v += (smp[i] - m) * (smp[i] - m);
    CHECK(8, m == 2.0);
    CHECK(9, v == 19.375);

    /* 10-11: float dot product, exact and not */
    static const float fa[6] = {1.5f, -2, 0.25f, 8, 3, -1};
    static const float fb[6] = {2, 0.5f, 4, -0.125f, 3, 7};
    clear_flags();
    CHECK(10, fdot(fa, fb, 6) == 4.0f && read_flags() == 0);
    vf[0] = 1.0f; vf[1] = 3.0f;
    clear_flags();
    float third = vf[0] / vf[1];
    CHECK(11, fbits(third) == 0x3eaaaaab && read_flags() == 1);

    /* 12-20: conversions */
    vd[2] = -2.7; vd[3] = 3.9; vd[4] = 1e18; vd[5] = -0.9;
    CHECK(12, (int)vd[2] == -2);
    CHECK(13, (unsigned)vd[3] == 3u);
    CHECK(14, (int64_t)vd[4] == 1000000000000000000LL);
    CHECK(15, (int)vd[5] == 0 && (uint64_t)vd[3] == 3);
    vi[0] = -123456789; vi[1] = (INT64_C(1) << 53) + 1; vi[2] = (INT64_C(1) << 53) + 3;
    CHECK(16, dbits((double)vi[0]) == dbits(-123456789.0));
    CHECK(17, dbits((double)vi[1]) == 0x4340000000000000ull);     /* ties to even: 2^53 */
    CHECK(18, dbits((double)vi[2]) == 0x4340000000000002ull);     /* 2^53 + 4 */
    vi[3] = -1;
    CHECK(19, (double)(uint64_t)vi[3] == 18446744073709551616.0);
    CHECK(20, fbits((float)(uint32_t)vi[3]) == 0x4f800000 && (float)(int32_t)vi[3] == -1.0f);

    /* 21-24: float <-> double */
    vf[2] = 0.1f;
    CHECK(21, dbits((double)vf[2]) == 0x3fb99999a0000000ull);
    vd[6] = 0.1;
    CHECK(22, fbits((float)vd[6]) == 0x3dcccccd);
    vf[3] = 1.17549435e-38f / 4;   /* subnormal float */
    CHECK(23, dbits((double)vf[3]) == 0x37f0000000000000ull);
    vd[7] = 1e300;
    clear_flags();
    float big = (float)vd[7];
    CHECK(24, fbits(big) == 0x7f800000 && read_flags() == 5);

    /* 25-30: builtins that map to single instructions */
    vd[8] = -3.25; vd[9] = 2.0; vd[10] = -0.0;
    CHECK(25, __builtin_fabs(vd[8]) == 3.25);
    CHECK(26, dbits(__builtin_copysign(vd[9], vd[10])) == dbits(-2.0));
    CHECK(27, dfmin(vd[8], vd[9]) == -3.25 && dfmax(vd[8], vd[9]) == 2.0);
    double e = 1.0 + 0x1p-30;
    vd[11] = e; vd[12] = -(1.0 + 0x1p-29);
    CHECK(28, __builtin_fma(vd[11], vd[11], vd[12]) == 0x1p-60);
    CHECK(29, dbits(dsqrt(2.0)) == 0x3ff6a09e667f3bcdull);
    vd[13] = 0.0;
    double nan = vd[13] / vd[13];
    CHECK(30, dbits(nan) == 0x7ff8000000000000ull);

    /* 31-34: comparisons with NaN */
    CHECK(31, nan != nan);
    CHECK(32, !(nan < 1.0) && !(nan >= 1.0) && !(nan == nan));
    CHECK(33, __builtin_isnan(nan) && !__builtin_isnan(vd[9]));
    CHECK(34, __builtin_isinf(1.0 / vd[13]) && dfmax(nan, vd[8]) == -3.25);

    /* 35: argument passing */
    CHECK(35, many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5f, 11.25) == 5.75);

    /* 36: Newton iteration for sqrt(3) reaches the correctly rounded root */
    double x = 1.0;
    vd[14] = 3.0;
    for (int i = 0; i < 8; i++) x = 0.5 * (x + vd[14] / x);
    CHECK(36, dbits(x) == dbits(dsqrt(3.0)));
    return 0;
}
