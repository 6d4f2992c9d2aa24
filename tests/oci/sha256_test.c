// SHA-256 against FIPS 180-4 / NIST example vectors, and streaming in uneven pieces
// must give the one-shot answer.
#include "oci/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

static void expect_hex(const char *what, const char *got, const char *want) {
  checks++;
  if (strcmp(got, want) != 0) {
    failures++;
    printf("FAIL %s: got %s want %s\n", what, got, want);
  }
}

int main(void) {
  char hex[SPIN_SHA256_HEX_SIZE];
  spin_sha256_hex("", 0, hex);
  expect_hex("empty", hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  spin_sha256_hex("abc", 3, hex);
  expect_hex("abc", hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  spin_sha256_hex(two_blocks, strlen(two_blocks), hex);
  expect_hex("448-bit", hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

  // One million 'a' fed in pieces of varying size (crosses every block boundary case).
  spin_sha256 ctx;
  spin_sha256_init(&ctx);
  char *million = malloc(1000000);
  memset(million, 'a', 1000000);
  size_t done = 0, piece = 1;
  while (done < 1000000) {
    size_t take = piece < 1000000 - done ? piece : 1000000 - done;
    spin_sha256_update(&ctx, million + done, take);
    done += take;
    piece = piece * 7 % 131 + 1;
  }
  spin_sha256_final_hex(&ctx, hex);
  expect_hex("million a", hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(million);

  // Lengths around the padding boundary (55, 56, 63, 64 bytes): streaming == one-shot.
  for (size_t len = 50; len <= 130; len++) {
    char data[130];
    for (size_t i = 0; i < len; i++) data[i] = (char)(i * 31 + 7);
    char one_shot[SPIN_SHA256_HEX_SIZE], streamed[SPIN_SHA256_HEX_SIZE];
    spin_sha256_hex(data, len, one_shot);
    spin_sha256_init(&ctx);
    for (size_t i = 0; i < len; i++) spin_sha256_update(&ctx, data + i, 1);
    spin_sha256_final_hex(&ctx, streamed);
    expect_hex("bytewise", streamed, one_shot);
  }
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures ? 1 : 0;
}
