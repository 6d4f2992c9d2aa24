/* Spin's CPU benchmark workload: table-driven CRC32, SHA-256, quicksort of 32-bit keys,
 * double-precision matrix multiply and an integer pass over a 32 MiB buffer. Pure C11,
 * no libc: the same source is built natively, for riscv64 Linux (qemu-user) and for
 * bare-metal riscv64 (spin-emu --bare, QEMU spike). Deterministic; prints one line per
 * kernel and a final "checksum" line that every build must agree on. Build with
 * -ffp-contract=off so no target fuses the matrix multiply's a*b+c. */
#include <stddef.h>
#include <stdint.h>

#include "bench.h"

#ifndef BENCH_BUF_BYTES
#define BENCH_BUF_BYTES (32u << 20) /* the buffer CRC32 and the integer pass walk */
#endif
#ifndef BENCH_SHA_BYTES
#define BENCH_SHA_BYTES (4u << 20) /* prefix of the buffer SHA-256 hashes */
#endif
#ifndef BENCH_SORT_KEYS
#define BENCH_SORT_KEYS (2u << 20)
#endif
#ifndef BENCH_MAT_N
#define BENCH_MAT_N 320
#endif

static uint8_t buf[BENCH_BUF_BYTES] __attribute__((aligned(64)));
static uint32_t keys[BENCH_SORT_KEYS];
static double mat_a[BENCH_MAT_N * BENCH_MAT_N], mat_b[BENCH_MAT_N * BENCH_MAT_N],
    mat_c[BENCH_MAT_N * BENCH_MAT_N];

/* ---- output ---------------------------------------------------------------------- */

static void out_hex(uint64_t v, int digits) {
    char s[17];
    for (int i = digits - 1; i >= 0; i--) {
        s[i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    }
    s[digits] = 0;
    bench_out(s);
}

static void out_line(const char *name, uint64_t v) {
    bench_out(name);
    bench_out(" ");
    out_hex(v, 16);
    bench_out("\n");
}

/* Combines the kernels' results into the final checksum (splitmix64's finaliser). */
static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    return h ^ (h >> 31);
}

/* ---- input ----------------------------------------------------------------------- */

static uint64_t xorshift64(uint64_t *s) {
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static void fill_buffer(void) {
    uint64_t s = 0x5350494e42454e43u; /* "SPINBENC" */
    for (size_t i = 0; i < BENCH_BUF_BYTES; i += 8) {
        uint64_t v = xorshift64(&s);
        for (int b = 0; b < 8; b++) buf[i + b] = (uint8_t)(v >> (8 * b));
    }
}

/* ---- CRC32 (IEEE 802.3, reflected, byte-at-a-time table) --------------------------- */

static uint32_t crc_table[256];

static uint32_t crc32(const uint8_t *p, size_t n) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        crc_table[i] = c;
    }
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

/* ---- SHA-256 (FIPS 180-4) ---------------------------------------------------------- */

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
               p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
        uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256(uint32_t h[8], const uint8_t *p, size_t n) {
    static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 8; i++) h[i] = init[i];
    size_t full = n & ~(size_t)63;
    for (size_t i = 0; i < full; i += 64) sha256_block(h, p + i);
    uint8_t last[128];
    size_t rest = n - full, len = rest + 9 <= 64 ? 64 : 128;
    for (size_t i = 0; i < len; i++) last[i] = i < rest ? p[full + i] : 0;
    last[rest] = 0x80;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++) last[len - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < len; i += 64) sha256_block(h, last + i);
}

/* ---- sort (quicksort, median of three, insertion sort below 16) -------------------- */

static void insertion_sort(uint32_t *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void swap32(uint32_t *a, uint32_t *b) {
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(uint32_t *a, size_t n) {
    while (n > 16) {
        size_t m = n / 2;
        if (a[m] < a[0]) swap32(&a[m], &a[0]);
        if (a[n - 1] < a[0]) swap32(&a[n - 1], &a[0]);
        if (a[n - 1] < a[m]) swap32(&a[n - 1], &a[m]);
        uint32_t pivot = a[m];
        size_t i = 0, j = n - 1;
        for (;;) { /* Hoare partition */
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            swap32(&a[i], &a[j]);
            i++;
            j--;
        }
        size_t left = j + 1; /* a[0..j] <= pivot <= a[j+1..n) */
        if (left < n - left) { /* recurse into the smaller side, loop on the larger */
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static uint64_t sort_keys(void) {
    uint32_t s = 0x2545f491u;
    for (size_t i = 0; i < BENCH_SORT_KEYS; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        keys[i] = s;
    }
    quicksort(keys, BENCH_SORT_KEYS);
    uint64_t h = 0, unsorted = 0;
    for (size_t i = 0; i < BENCH_SORT_KEYS; i++) {
        if (i && keys[i - 1] > keys[i]) unsorted++;
        h = h * 0x100000001b3u + keys[i];
    }
    return h ^ (unsorted << 48);
}

/* ---- matrix multiply (double, i-k-j order) ----------------------------------------- */

static uint64_t matmul(void) {
    const int n = BENCH_MAT_N;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            mat_a[i * n + j] = (double)((i * 7 + j * 3) % 17 - 8) / 8.0 + 0.001 * j;
            mat_b[i * n + j] = (double)((i * 5 + j * 11) % 13 - 6) / 3.0 - 0.002 * i;
            mat_c[i * n + j] = 0.0;
        }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double a = mat_a[i * n + k];
            for (int j = 0; j < n; j++) mat_c[i * n + j] += a * mat_b[k * n + j];
        }
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) {
        union { double d; uint64_t u; } v = {mat_c[i]};
        h = h * 0x100000001b3u ^ v.u;
    }
    return h;
}

/* ---- integer pass: in-place prefix sums of 32-bit words, byte histogram ------------ */

static uint64_t integer_pass(void) {
    uint32_t *w = (uint32_t *)(void *)buf;
    size_t n = BENCH_BUF_BYTES / 4;
    uint32_t hist[256] = {0};
    uint32_t sum = 0;
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = w[i];
        hist[v >> 24]++;
        hist[v & 0xff]++;
        sum += v;
        w[i] = sum;
        acc = (acc ^ sum) * 0x100000001b3u + (v % 251u);
    }
    uint64_t h = acc;
    for (int i = 0; i < 256; i++) h = h * 31 + hist[i];
    return h;
}

/* ---- driver ------------------------------------------------------------------------ */

int bench_run(void) {
    uint64_t all = 0, r;

    fill_buffer();
    r = crc32(buf, BENCH_BUF_BYTES);
    out_line("crc32", r);
    all = mix(all, r);

    uint32_t h[8];
    sha256(h, buf, BENCH_SHA_BYTES);
    bench_out("sha256 ");
    for (int i = 0; i < 8; i++) {
        out_hex(h[i], 8);
        all = mix(all, h[i]);
    }
    bench_out("\n");

    r = sort_keys();
    out_line("sort", r);
    all = mix(all, r);

    r = matmul();
    out_line("matmul", r);
    all = mix(all, r);

    r = integer_pass();
    out_line("intpass", r);
    all = mix(all, r);

    out_line("checksum", all);
    return 0;
}
