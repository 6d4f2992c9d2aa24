// SHA-256 (FIPS 180-4), streaming. Our own small implementation because the same C must
// run in wasm, where neither OpenSSL nor libcurl is available; natively it is fast
// enough for registry downloads (bounded by the network and zlib, not by hashing).
#ifndef SPIN_OCI_SHA256_H
#define SPIN_OCI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SPIN_SHA256_DIGEST_SIZE 32
#define SPIN_SHA256_HEX_SIZE 65 /* 64 hex digits and the terminating NUL */

typedef struct {
  uint32_t state[8];
  uint64_t total_bytes;
  uint8_t block[64];
  size_t block_used;
} spin_sha256;

void spin_sha256_init(spin_sha256 *ctx);
void spin_sha256_update(spin_sha256 *ctx, const void *data, size_t len);
void spin_sha256_final(spin_sha256 *ctx, uint8_t out[SPIN_SHA256_DIGEST_SIZE]);
// Final digest as 64 lowercase hex digits.
void spin_sha256_final_hex(spin_sha256 *ctx, char out[SPIN_SHA256_HEX_SIZE]);
// One-shot helper: hex digest of a buffer.
void spin_sha256_hex(const void *data, size_t len, char out[SPIN_SHA256_HEX_SIZE]);

#endif
