/*
 * What translated code (jit_translate.c) needs at run time: the engine that compiles
 * its modules (the host's WebAssembly, reached through two EM_JS functions), the
 * function-table slots translations live in, and the C helpers translations import for
 * what they do not do inline (F/D arithmetic, the multiplications and divisions wasm has
 * no instruction for).
 */
#include <stdlib.h>
#include <string.h>

#include "riscv/fp_fast.h"
#include "riscv/internal.h"
#include "riscv/jit.h"
#include "riscv/muldiv.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

/* Compiled synchronously: the host drives the machine in slices and a translation is
 * small (V8 compiles it in well under a millisecond). The helpers are imported straight
 * from the main module's table, so calls to them stay wasm-to-wasm. Freed table slots
 * are kept for reuse. Any engine error (which would be a translator bug) returns 0 and
 * the slot is interpreted. */
EM_JS(uint32_t, rv_jit_instantiate_js,
      (const uint8_t *bytes, uint32_t size, uint32_t fp, uint32_t muldiv),
      {
          try {
              var module = new WebAssembly.Module(HEAPU8.subarray(bytes, bytes + size));
              var instance = new WebAssembly.Instance(module, {
                  e : {
                      m : wasmMemory,
                      f : wasmTable.get(fp),
                      d : wasmTable.get(muldiv)
                  }
              });
              var free = Module.spinJitFreeSlots || (Module.spinJitFreeSlots = []);
              var index = free.length ? free.pop() : wasmTable.grow(1);
              wasmTable.set(index, instance.exports.f);
              return index;
          } catch (e) {
              if (!Module.spinJitWarned) {
                  Module.spinJitWarned = true;
                  err('spin: translation refused by the engine: ' + e);
              }
              return 0;
          }
      });

EM_JS(void, rv_jit_release_js, (uint32_t index), {
    wasmTable.set(index, null);
    Module.spinJitFreeSlots.push(index);
});

bool rv_jit_available(void) { return true; }

uint32_t rv_jit_instantiate(const uint8_t *module, uint32_t size) {
    return rv_jit_instantiate_js(module, size, (uint32_t)(uintptr_t)&rv_jit_fp,
                                 (uint32_t)(uintptr_t)&rv_jit_muldiv);
}

static void release(uint32_t index) { rv_jit_release_js(index); }

#else /* no engine to compile translations with */

bool rv_jit_available(void) { return false; }

uint32_t rv_jit_instantiate(const uint8_t *module, uint32_t size) {
    (void)module;
    (void)size;
    return 0;
}

static void release(uint32_t index) { (void)index; }

#endif

void rv_jit_forget(uint32_t *entries) {
    for (unsigned i = 0; i <= RV_CODE_SLOTS; i++)
        if (entries[i] & RV_JIT_FUNCTION) release(entries[i] & ~RV_JIT_FUNCTION);
    memset(entries, 0, (RV_CODE_SLOTS + 1) * sizeof *entries);
}

/* The interpreter's FP dispatch (execute.c) in one function: the host-arithmetic fast
 * path for round-to-nearest add, subtract, multiply and divide, else rv_exec_fp. */
int rv_jit_fp(rv_hart *h, const rv_decoded *d) {
    if ((h->mstatus & MSTATUS_FS) && (d->rm == 0 || (d->rm == 7 && h->frm == 0)) &&
        d->op <= RV_OP_FDIV_D) {
        uint32_t fl = 0, r32 = 0, a32 = rv_f32_operand(h, d->rs1), b32 = rv_f32_operand(h, d->rs2);
        uint64_t r64 = 0, a64 = h->f[d->rs1], b64 = h->f[d->rs2];
        bool single = d->op <= RV_OP_FDIV_S, ok;
        switch (d->op) {
        case RV_OP_FADD_S: ok = fpf_add32(a32, b32, &r32, &fl); break;
        case RV_OP_FSUB_S: ok = fpf_add32(a32, b32 ^ 0x80000000u, &r32, &fl); break;
        case RV_OP_FMUL_S: ok = fpf_mul32(a32, b32, &r32, &fl); break;
        case RV_OP_FDIV_S: ok = fpf_div32(a32, b32, &r32, &fl); break;
        case RV_OP_FADD_D: ok = fpf_add64(a64, b64, &r64, &fl); break;
        case RV_OP_FSUB_D: ok = fpf_add64(a64, b64 ^ (UINT64_C(1) << 63), &r64, &fl); break;
        case RV_OP_FMUL_D: ok = fpf_mul64(a64, b64, &r64, &fl); break;
        default: ok = fpf_div64(a64, b64, &r64, &fl); break;
        }
        if (ok) {
            h->f[d->rd] = single ? UINT64_C(0xffffffff00000000) | r32 : r64;
            h->fflags |= fl;
            rv_mark_fs_dirty(h);
            return 0;
        }
    }
    return rv_exec_fp(h, d);
}

uint64_t rv_jit_muldiv(uint32_t op, uint64_t a, uint64_t b) {
    switch (op) {
    case RV_OP_MULH: return rv_mulh((int64_t)a, (int64_t)b);
    case RV_OP_MULHSU: return rv_mulhsu((int64_t)a, b);
    case RV_OP_MULHU: return rv_mulhu(a, b);
    case RV_OP_DIV: return rv_div((int64_t)a, (int64_t)b);
    case RV_OP_DIVU: return rv_divu(a, b);
    case RV_OP_REM: return rv_rem((int64_t)a, (int64_t)b);
    case RV_OP_REMU: return rv_remu(a, b);
    case RV_OP_DIVW: return rv_divw((int32_t)a, (int32_t)b);
    case RV_OP_DIVUW: return rv_divuw((uint32_t)a, (uint32_t)b);
    case RV_OP_REMW: return rv_remw((int32_t)a, (int32_t)b);
    default: return rv_remuw((uint32_t)a, (uint32_t)b); /* REMUW */
    }
}
