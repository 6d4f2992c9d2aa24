// SHA-256 as specified in FIPS 180-4 §6.2, processing one 64-byte block at a time.
#include "sha256.h"

#include <string.h>

static const uint32_t round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
  0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
  0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
  0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
  0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
};

static uint32_t rotate_right(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress_block(uint32_t state[8], const uint8_t block[64]) {
  uint32_t w[64];
  for (int t = 0; t < 16; t++)
    w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
           (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
  for (int t = 16; t < 64; t++) {
    uint32_t s0 = rotate_right(w[t - 15], 7) ^ rotate_right(w[t - 15], 18) ^ (w[t - 15] >> 3);
    uint32_t s1 = rotate_right(w[t - 2], 17) ^ rotate_right(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int t = 0; t < 64; t++) {
    uint32_t big_s1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
    uint32_t choose = (e & f) ^ (~e & g);
    uint32_t t1 = h + big_s1 + choose + round_constants[t] + w[t];
    uint32_t big_s0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
    uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = big_s0 + majority;
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

void spin_sha256_init(spin_sha256 *ctx) {
  static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(ctx->state, initial, sizeof initial);
  ctx->total_bytes = 0;
  ctx->block_used = 0;
}

void spin_sha256_update(spin_sha256 *ctx, const void *data, size_t len) {
  const uint8_t *bytes = data;
  ctx->total_bytes += len;
  if (ctx->block_used > 0) {
    size_t take = 64 - ctx->block_used;
    if (take > len) take = len;
    memcpy(ctx->block + ctx->block_used, bytes, take);
    ctx->block_used += take;
    bytes += take;
    len -= take;
    if (ctx->block_used < 64) return;
    compress_block(ctx->state, ctx->block);
    ctx->block_used = 0;
  }
  while (len >= 64) {
    compress_block(ctx->state, bytes);
    bytes += 64;
    len -= 64;
  }
  memcpy(ctx->block, bytes, len);
  ctx->block_used = len;
}

void spin_sha256_final(spin_sha256 *ctx, uint8_t out[SPIN_SHA256_DIGEST_SIZE]) {
  uint64_t bit_length = ctx->total_bytes * 8;
  // Padding: one 1 bit, zeros up to 56 mod 64, then the 64-bit big-endian length.
  ctx->block[ctx->block_used++] = 0x80;
  if (ctx->block_used > 56) {
    memset(ctx->block + ctx->block_used, 0, 64 - ctx->block_used);
    compress_block(ctx->state, ctx->block);
    ctx->block_used = 0;
  }
  memset(ctx->block + ctx->block_used, 0, 56 - ctx->block_used);
  for (int i = 0; i < 8; i++) ctx->block[56 + i] = (uint8_t)(bit_length >> (56 - 8 * i));
  compress_block(ctx->state, ctx->block);
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(ctx->state[i] >> 24);
    out[4 * i + 1] = (uint8_t)(ctx->state[i] >> 16);
    out[4 * i + 2] = (uint8_t)(ctx->state[i] >> 8);
    out[4 * i + 3] = (uint8_t)ctx->state[i];
  }
}

void spin_sha256_final_hex(spin_sha256 *ctx, char out[SPIN_SHA256_HEX_SIZE]) {
  static const char hex_digits[] = "0123456789abcdef";
  uint8_t digest[SPIN_SHA256_DIGEST_SIZE];
  spin_sha256_final(ctx, digest);
  for (int i = 0; i < SPIN_SHA256_DIGEST_SIZE; i++) {
    out[2 * i] = hex_digits[digest[i] >> 4];
    out[2 * i + 1] = hex_digits[digest[i] & 15];
  }
  out[64] = '\0';
}

void spin_sha256_hex(const void *data, size_t len, char out[SPIN_SHA256_HEX_SIZE]) {
  spin_sha256 ctx;
  spin_sha256_init(&ctx);
  spin_sha256_update(&ctx, data, len);
  spin_sha256_final_hex(&ctx, out);
}
