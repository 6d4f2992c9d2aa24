/*
 * Writing wasm binaries: a growable byte buffer with the LEB128 encodings, the opcodes
 * the translator uses, and the module every translation is wrapped in (one function of
 * type rv_jit_function, importing the main module's memory and the jit.h helpers).
 * WebAssembly core specification, "Binary format".
 */
#ifndef SPIN_RISCV_JIT_WASM_H
#define SPIN_RISCV_JIT_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wasm_buf {
    uint8_t *bytes;
    size_t len, cap;
    bool failed; /* out of host memory: whatever is being built is abandoned */
} wasm_buf;

void wasm_put(wasm_buf *b, uint8_t v);
void wasm_put_u32(wasm_buf *b, uint32_t v); /* unsigned LEB128 */
void wasm_put_s64(wasm_buf *b, int64_t v);  /* signed LEB128 (also for i32 constants) */
void wasm_put_bytes(wasm_buf *b, const void *p, size_t n);

/* The module around one function body (its instructions, ending with `end`), whose
 * locals are `i32_locals` i32 then `i64_locals` i64 after the three i64 parameters. */
void wasm_module(wasm_buf *m, const wasm_buf *code, uint32_t i32_locals, uint32_t i64_locals);

/* The functions a translation may call, in the module's function index space. */
enum { WASM_CALL_FP, WASM_CALL_MULDIV };

enum wasm_opcode {
    W_UNREACHABLE = 0x00, W_BLOCK = 0x02, W_LOOP = 0x03, W_IF = 0x04, W_ELSE = 0x05,
    W_END = 0x0b, W_BR = 0x0c, W_BR_IF = 0x0d, W_BR_TABLE = 0x0e, W_RETURN = 0x0f, W_CALL = 0x10,
    W_DROP = 0x1a,
    W_LOCAL_GET = 0x20, W_LOCAL_SET = 0x21, W_LOCAL_TEE = 0x22,
    W_I32_LOAD = 0x28, W_I64_LOAD = 0x29, W_I64_LOAD8_S = 0x30, W_I64_LOAD8_U = 0x31,
    W_I64_LOAD16_S = 0x32, W_I64_LOAD16_U = 0x33, W_I64_LOAD32_S = 0x34,
    W_I64_LOAD32_U = 0x35, W_I64_STORE = 0x37, W_I64_STORE8 = 0x3c, W_I64_STORE16 = 0x3d,
    W_I64_STORE32 = 0x3e,
    W_I32_CONST = 0x41, W_I64_CONST = 0x42,
    W_I32_LT_S = 0x48,
    W_I64_EQZ = 0x50, W_I64_EQ = 0x51, W_I64_NE = 0x52, W_I64_LT_S = 0x53, W_I64_LT_U = 0x54,
    W_I64_GE_S = 0x59, W_I64_GE_U = 0x5a,
    W_I32_ADD = 0x6a, W_I32_SUB = 0x6b, W_I32_MUL = 0x6c, W_I32_AND = 0x71, W_I32_SHL = 0x74,
    W_I32_SHR_S = 0x75, W_I32_SHR_U = 0x76,
    W_I64_ADD = 0x7c, W_I64_SUB = 0x7d, W_I64_MUL = 0x7e, W_I64_AND = 0x83, W_I64_OR = 0x84,
    W_I64_XOR = 0x85, W_I64_SHL = 0x86, W_I64_SHR_S = 0x87, W_I64_SHR_U = 0x88,
    W_F64_ADD = 0xa0, W_F64_SUB = 0xa1, W_F64_MUL = 0xa2, W_F64_DIV = 0xa3,
    W_I64_REINTERPRET_F64 = 0xbd, W_F64_REINTERPRET_I64 = 0xbf,
    W_I32_EQZ = 0x45, W_I64_GT_U = 0x56,
    W_I32_WRAP_I64 = 0xa7, W_I64_EXTEND_I32_S = 0xac, W_I64_EXTEND_I32_U = 0xad,
};
enum wasm_type { W_VOID = 0x40, W_TYPE_I32 = 0x7f, W_TYPE_I64 = 0x7e };

#endif
