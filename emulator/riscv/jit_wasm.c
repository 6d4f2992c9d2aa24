/* Writing wasm binaries. See jit_wasm.h. */
#include "riscv/jit_wasm.h"

#include <stdlib.h>

void wasm_put(wasm_buf *b, uint8_t v) {
    if (b->len == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 4096;
        uint8_t *p = b->failed ? NULL : realloc(b->bytes, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->bytes = p;
        b->cap = cap;
    }
    b->bytes[b->len++] = v;
}

void wasm_put_u32(wasm_buf *b, uint32_t v) {
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        wasm_put(b, (uint8_t)(byte | (v ? 0x80 : 0)));
    } while (v);
}

void wasm_put_s64(wasm_buf *b, int64_t v) {
    for (;;) {
        uint8_t byte = (uint8_t)(v & 0x7f);
        v >>= 7; /* arithmetic: gcc, clang and emcc all shift signed values that way */
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        wasm_put(b, (uint8_t)(byte | (done ? 0 : 0x80)));
        if (done) return;
    }
}

void wasm_put_bytes(wasm_buf *b, const void *p, size_t n) {
    for (size_t i = 0; i < n; i++) wasm_put(b, ((const uint8_t *)p)[i]);
}

/* A section: id, size, contents. */
static void put_section(wasm_buf *m, uint8_t id, const wasm_buf *contents) {
    wasm_put(m, id);
    wasm_put_u32(m, (uint32_t)contents->len);
    wasm_put_bytes(m, contents->bytes, contents->len);
    m->failed |= contents->failed;
}

void wasm_module(wasm_buf *m, const wasm_buf *code, uint32_t i32_locals, uint32_t i64_locals) {
    enum { I32 = W_TYPE_I32, I64 = W_TYPE_I64 };
    static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    static const uint8_t types[] = {
        3,
        0x60, 3, I64, I64, I64, 1, I32, /* the translation (rv_jit_function) */
        0x60, 2, I32, I32, 1, I32,      /* rv_jit_fp */
        0x60, 3, I32, I64, I64, 1, I64, /* rv_jit_muldiv */
    };
    /* Module "e": the memory (limits: no minimum asked, no maximum) and the helpers in
     * WASM_CALL_* order, typed as above. */
    static const uint8_t imports[] = {
        3,
        1, 'e', 1, 'm', 0x02, 0x00, 0x00,
        1, 'e', 1, 'f', 0x00, 1,
        1, 'e', 1, 'd', 0x00, 2,
    };
    static const uint8_t functions[] = {1, 0};
    static const uint8_t exports[] = {1, 1, 'f', 0x00, 2}; /* "f": the function after the imports */
    wasm_buf s = {0}, body = {0};
    wasm_put_bytes(m, header, sizeof header);
    wasm_put_bytes(&s, types, sizeof types);
    put_section(m, 1, &s);
    s.len = 0;
    wasm_put_bytes(&s, imports, sizeof imports);
    put_section(m, 2, &s);
    s.len = 0;
    wasm_put_bytes(&s, functions, sizeof functions);
    put_section(m, 3, &s);
    s.len = 0;
    wasm_put_bytes(&s, exports, sizeof exports);
    put_section(m, 7, &s);
    /* code: one body = its size, its local declarations, its instructions */
    wasm_put_u32(&body, 2);
    wasm_put_u32(&body, i32_locals);
    wasm_put(&body, I32);
    wasm_put_u32(&body, i64_locals);
    wasm_put(&body, I64);
    wasm_put_bytes(&body, code->bytes, code->len);
    body.failed |= code->failed;
    s.len = 0;
    wasm_put_u32(&s, 1);
    wasm_put_u32(&s, (uint32_t)body.len);
    wasm_put_bytes(&s, body.bytes, body.len);
    s.failed |= body.failed;
    put_section(m, 10, &s);
    free(s.bytes);
    free(body.bytes);
}
