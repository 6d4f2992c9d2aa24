/* lwIP's port to Spin's hosts (gcc natively, Emscripten's clang in wasm): C11 with
 * <stdint.h>, <inttypes.h> and libc's errno, nothing platform-specific. Diagnostics are
 * dropped; lwIP's assertions (internal invariants, never reachable from a frame) abort
 * loudly rather than let a broken stack run on. */
#ifndef SPIN_LWIP_ARCH_CC_H
#define SPIN_LWIP_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define LWIP_NO_CTYPE_H 0
#define LWIP_RAND() ((u32_t)rand())
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) do { fprintf(stderr, "lwIP: %s\n", x); abort(); } while (0)
#define BYTE_ORDER LITTLE_ENDIAN /* x86-64, arm64 and wasm32 hosts */

#endif
