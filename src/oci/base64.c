#include "base64.h"

#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool spin_base64_encode(const void *data, size_t length, char *out, size_t size) {
  const unsigned char *bytes = data;
  if ((length + 2) / 3 * 4 + 1 > size) return false;
  size_t o = 0;
  for (size_t i = 0; i < length; i += 3) {
    unsigned value = (unsigned)bytes[i] << 16;
    if (i + 1 < length) value |= (unsigned)bytes[i + 1] << 8;
    if (i + 2 < length) value |= bytes[i + 2];
    out[o++] = alphabet[value >> 18 & 63];
    out[o++] = alphabet[value >> 12 & 63];
    out[o++] = i + 1 < length ? alphabet[value >> 6 & 63] : '=';
    out[o++] = i + 2 < length ? alphabet[value & 63] : '=';
  }
  out[o] = '\0';
  return true;
}

bool spin_base64_decode(const char *text, char *out, size_t size, size_t *length) {
  unsigned value = 0;
  int bits = 0;
  size_t o = 0;
  for (const char *p = text; *p && *p != '='; p++) {
    const char *at = strchr(alphabet, *p);
    if (!at || !*p) return false;
    value = value << 6 | (unsigned)(at - alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o + 1 >= size) return false;
      out[o++] = (char)(value >> bits & 0xff);
    }
  }
  if (size == 0) return false;
  out[o] = '\0';
  if (length) *length = o;
  return true;
}
