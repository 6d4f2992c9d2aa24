/*
 * F and D instructions other than loads and stores: operand NaN-unboxing, rounding-mode
 * resolution (static or frm), the exact arithmetic of softfloat.c, and fflags. Single
 * values live NaN-boxed in the 64-bit f registers; a single operand whose upper half is
 * not all ones reads as the canonical NaN.
 */
#include "riscv/internal.h"
#include "riscv/softfloat.h"

#define BOX32 UINT64_C(0xffffffff00000000)

static inline int64_t sx32(uint32_t v) { return (int64_t)(int32_t)v; }

int rv_exec_fp(rv_hart *h, const rv_decoded *d) {
    if (!(h->mstatus & MSTATUS_FS)) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    int rm = d->rm == 7 ? (int)h->frm : d->rm;
    uint32_t fl = 0;
    uint64_t *f = h->f, *x = h->x;
    unsigned rs3 = d->raw >> 27;
    uint32_t a32 = rv_f32_operand(h, d->rs1), b32 = rv_f32_operand(h, d->rs2), c32 = rv_f32_operand(h, rs3);
    uint64_t a64 = f[d->rs1], b64 = f[d->rs2], c64 = f[rs3];

    /* A reserved dynamic rounding mode makes the operations that round illegal
     * (reserved static modes never decode). */
    if (rm > 4 && rv_op_uses_rounding_mode(d->op)) return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);

    bool wrote_f = false; /* FP state changed: FS becomes Dirty */
#define F32(v) (f[d->rd] = BOX32 | (uint32_t)(v), wrote_f = true)
#define F64(v) (f[d->rd] = (v), wrote_f = true)
    switch (d->op) {
    /* single precision */
    case RV_OP_FMADD_S: F32(sf_f32_muladd(a32, b32, c32, rm, &fl)); break;
    case RV_OP_FMSUB_S: F32(sf_f32_muladd(a32, b32, c32 ^ 0x80000000u, rm, &fl)); break;
    case RV_OP_FNMSUB_S: F32(sf_f32_muladd(a32 ^ 0x80000000u, b32, c32, rm, &fl)); break;
    case RV_OP_FNMADD_S: F32(sf_f32_muladd(a32 ^ 0x80000000u, b32, c32 ^ 0x80000000u, rm, &fl)); break;
    case RV_OP_FADD_S: F32(sf_f32_add(a32, b32, rm, &fl)); break;
    case RV_OP_FSUB_S: F32(sf_f32_sub(a32, b32, rm, &fl)); break;
    case RV_OP_FMUL_S: F32(sf_f32_mul(a32, b32, rm, &fl)); break;
    case RV_OP_FDIV_S: F32(sf_f32_div(a32, b32, rm, &fl)); break;
    case RV_OP_FSQRT_S: F32(sf_f32_sqrt(a32, rm, &fl)); break;
    case RV_OP_FSGNJ_S: F32((a32 & 0x7fffffffu) | (b32 & 0x80000000u)); break;
    case RV_OP_FSGNJN_S: F32((a32 & 0x7fffffffu) | (~b32 & 0x80000000u)); break;
    case RV_OP_FSGNJX_S: F32(a32 ^ (b32 & 0x80000000u)); break;
    case RV_OP_FMIN_S: F32(sf_f32_min(a32, b32, &fl)); break;
    case RV_OP_FMAX_S: F32(sf_f32_max(a32, b32, &fl)); break;
    case RV_OP_FCVT_W_S: x[d->rd] = (uint64_t)(int64_t)sf_f32_to_i32(a32, rm, &fl); break;
    case RV_OP_FCVT_WU_S: x[d->rd] = (uint64_t)sx32(sf_f32_to_u32(a32, rm, &fl)); break;
    case RV_OP_FCVT_L_S: x[d->rd] = (uint64_t)sf_f32_to_i64(a32, rm, &fl); break;
    case RV_OP_FCVT_LU_S: x[d->rd] = sf_f32_to_u64(a32, rm, &fl); break;
    case RV_OP_FMV_X_W: x[d->rd] = (uint64_t)sx32((uint32_t)a64); break;
    case RV_OP_FEQ_S: x[d->rd] = (uint64_t)sf_f32_eq(a32, b32, &fl); break;
    case RV_OP_FLT_S: x[d->rd] = (uint64_t)sf_f32_lt(a32, b32, &fl); break;
    case RV_OP_FLE_S: x[d->rd] = (uint64_t)sf_f32_le(a32, b32, &fl); break;
    case RV_OP_FCLASS_S: x[d->rd] = sf_f32_classify(a32); break;
    case RV_OP_FCVT_S_W: F32(sf_i32_to_f32((int32_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_S_WU: F32(sf_u32_to_f32((uint32_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_S_L: F32(sf_i64_to_f32((int64_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_S_LU: F32(sf_u64_to_f32(x[d->rs1], rm, &fl)); break;
    case RV_OP_FMV_W_X: F32((uint32_t)x[d->rs1]); break;

    /* double precision */
    case RV_OP_FMADD_D: F64(sf_f64_muladd(a64, b64, c64, rm, &fl)); break;
    case RV_OP_FMSUB_D: F64(sf_f64_muladd(a64, b64, c64 ^ (UINT64_C(1) << 63), rm, &fl)); break;
    case RV_OP_FNMSUB_D: F64(sf_f64_muladd(a64 ^ (UINT64_C(1) << 63), b64, c64, rm, &fl)); break;
    case RV_OP_FNMADD_D:
        F64(sf_f64_muladd(a64 ^ (UINT64_C(1) << 63), b64, c64 ^ (UINT64_C(1) << 63), rm, &fl));
        break;
    case RV_OP_FADD_D: F64(sf_f64_add(a64, b64, rm, &fl)); break;
    case RV_OP_FSUB_D: F64(sf_f64_sub(a64, b64, rm, &fl)); break;
    case RV_OP_FMUL_D: F64(sf_f64_mul(a64, b64, rm, &fl)); break;
    case RV_OP_FDIV_D: F64(sf_f64_div(a64, b64, rm, &fl)); break;
    case RV_OP_FSQRT_D: F64(sf_f64_sqrt(a64, rm, &fl)); break;
    case RV_OP_FSGNJ_D: F64((a64 & ~(UINT64_C(1) << 63)) | (b64 & (UINT64_C(1) << 63))); break;
    case RV_OP_FSGNJN_D: F64((a64 & ~(UINT64_C(1) << 63)) | (~b64 & (UINT64_C(1) << 63))); break;
    case RV_OP_FSGNJX_D: F64(a64 ^ (b64 & (UINT64_C(1) << 63))); break;
    case RV_OP_FMIN_D: F64(sf_f64_min(a64, b64, &fl)); break;
    case RV_OP_FMAX_D: F64(sf_f64_max(a64, b64, &fl)); break;
    case RV_OP_FCVT_W_D: x[d->rd] = (uint64_t)(int64_t)sf_f64_to_i32(a64, rm, &fl); break;
    case RV_OP_FCVT_WU_D: x[d->rd] = (uint64_t)sx32(sf_f64_to_u32(a64, rm, &fl)); break;
    case RV_OP_FCVT_L_D: x[d->rd] = (uint64_t)sf_f64_to_i64(a64, rm, &fl); break;
    case RV_OP_FCVT_LU_D: x[d->rd] = sf_f64_to_u64(a64, rm, &fl); break;
    case RV_OP_FMV_X_D: x[d->rd] = a64; break;
    case RV_OP_FEQ_D: x[d->rd] = (uint64_t)sf_f64_eq(a64, b64, &fl); break;
    case RV_OP_FLT_D: x[d->rd] = (uint64_t)sf_f64_lt(a64, b64, &fl); break;
    case RV_OP_FLE_D: x[d->rd] = (uint64_t)sf_f64_le(a64, b64, &fl); break;
    case RV_OP_FCLASS_D: x[d->rd] = sf_f64_classify(a64); break;
    case RV_OP_FCVT_D_W: F64(sf_i32_to_f64((int32_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_D_WU: F64(sf_u32_to_f64((uint32_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_D_L: F64(sf_i64_to_f64((int64_t)x[d->rs1], rm, &fl)); break;
    case RV_OP_FCVT_D_LU: F64(sf_u64_to_f64(x[d->rs1], rm, &fl)); break;
    case RV_OP_FMV_D_X: F64(x[d->rs1]); break;
    case RV_OP_FCVT_S_D: F32(sf_f64_to_f32(a64, rm, &fl)); break;
    case RV_OP_FCVT_D_S: F64(sf_f32_to_f64(a32, &fl)); break;
    default:
        return rv_fault(h, EXC_ILLEGAL_INSN, d->raw);
    }
#undef F32
#undef F64
    h->fflags |= fl;
    if (wrote_f || fl) rv_mark_fs_dirty(h);
    return 0;
}
