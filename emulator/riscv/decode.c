/* RV64GC instruction decoder. See decode.h. Field layouts follow the unprivileged ISA
 * manual's base formats (R, I, S, B, U, J) and the compressed formats (CR ... CJ). */
#include "riscv/decode.h"

#include <stdbool.h>
#include <string.h>

static const char *const op_names[] = {
#define RV_OP_NAME(name) #name,
    RV_OPS(RV_OP_NAME) RV_FP_OPS(RV_OP_NAME)
#undef RV_OP_NAME
};

const char *rv_op_name(int op) {
    return op >= 0 && op < RV_OP_COUNT ? op_names[op] : "?";
}

static inline uint32_t bits(uint32_t v, int hi, int lo) {
    return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline int32_t sext(uint32_t v, int width) {
    uint32_t m = 1u << (width - 1);
    return (int32_t)((v ^ m) - m);
}

static inline int32_t imm_i(uint32_t i) { return (int32_t)i >> 20; }
static inline int32_t imm_s(uint32_t i) { return ((int32_t)i >> 25) * 32 | (int32_t)bits(i, 11, 7); }
static inline int32_t imm_b(uint32_t i) {
    uint32_t v = bits(i, 31, 31) << 12 | bits(i, 7, 7) << 11 | bits(i, 30, 25) << 5 | bits(i, 11, 8) << 1;
    return sext(v, 13);
}
static inline int32_t imm_u(uint32_t i) { return (int32_t)(i & 0xfffff000u); }
static inline int32_t imm_j(uint32_t i) {
    uint32_t v = bits(i, 31, 31) << 20 | bits(i, 19, 12) << 12 | bits(i, 20, 20) << 11 | bits(i, 30, 21) << 1;
    return sext(v, 21);
}

/* Does the operation write integer register rd? Those get rd 0 mapped to the sink. */
static bool writes_xreg(int op) {
    switch (op) {
    case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT: case RV_OP_BGE: case RV_OP_BLTU:
    case RV_OP_BGEU: case RV_OP_SB: case RV_OP_SH: case RV_OP_SW: case RV_OP_SD:
    case RV_OP_FENCE: case RV_OP_FENCE_I: case RV_OP_ECALL: case RV_OP_EBREAK:
    case RV_OP_MRET: case RV_OP_SRET: case RV_OP_WFI: case RV_OP_SFENCE_VMA:
    case RV_OP_ILLEGAL: case RV_OP_FLW: case RV_OP_FSW: case RV_OP_FLD: case RV_OP_FSD:
        return false;
    case RV_OP_FCVT_W_S: case RV_OP_FCVT_WU_S: case RV_OP_FCVT_L_S: case RV_OP_FCVT_LU_S:
    case RV_OP_FMV_X_W: case RV_OP_FEQ_S: case RV_OP_FLT_S: case RV_OP_FLE_S:
    case RV_OP_FCLASS_S: case RV_OP_FCVT_W_D: case RV_OP_FCVT_WU_D: case RV_OP_FCVT_L_D:
    case RV_OP_FCVT_LU_D: case RV_OP_FMV_X_D: case RV_OP_FEQ_D: case RV_OP_FLT_D:
    case RV_OP_FLE_D: case RV_OP_FCLASS_D:
        return true;
    default:
        return op < RV_OP_FP_FIRST;
    }
}

bool rv_op_uses_rounding_mode(int op) {
    switch (op) {
    case RV_OP_FSGNJ_S: case RV_OP_FSGNJN_S: case RV_OP_FSGNJX_S: case RV_OP_FMIN_S:
    case RV_OP_FMAX_S: case RV_OP_FMV_X_W: case RV_OP_FEQ_S: case RV_OP_FLT_S:
    case RV_OP_FLE_S: case RV_OP_FCLASS_S: case RV_OP_FMV_W_X:
    case RV_OP_FSGNJ_D: case RV_OP_FSGNJN_D: case RV_OP_FSGNJX_D: case RV_OP_FMIN_D:
    case RV_OP_FMAX_D: case RV_OP_FMV_X_D: case RV_OP_FEQ_D: case RV_OP_FLT_D:
    case RV_OP_FLE_D: case RV_OP_FCLASS_D: case RV_OP_FMV_D_X:
        return false;
    default:
        return op >= RV_OP_FP_FIRST;
    }
}

static int decode_op_fp(uint32_t i) {
    uint32_t f7 = bits(i, 31, 25), f3 = bits(i, 14, 12), rs2 = bits(i, 24, 20);
    bool dbl = f7 & 1;
#define SD(s, d) (dbl ? RV_OP_##d : RV_OP_##s)
    switch (f7 & ~1u) {
    case 0x00: return SD(FADD_S, FADD_D);
    case 0x04: return SD(FSUB_S, FSUB_D);
    case 0x08: return SD(FMUL_S, FMUL_D);
    case 0x0c: return SD(FDIV_S, FDIV_D);
    case 0x2c: return rs2 == 0 ? SD(FSQRT_S, FSQRT_D) : RV_OP_ILLEGAL;
    case 0x10:
        if (f3 == 0) return SD(FSGNJ_S, FSGNJ_D);
        if (f3 == 1) return SD(FSGNJN_S, FSGNJN_D);
        if (f3 == 2) return SD(FSGNJX_S, FSGNJX_D);
        return RV_OP_ILLEGAL;
    case 0x14:
        if (f3 == 0) return SD(FMIN_S, FMIN_D);
        if (f3 == 1) return SD(FMAX_S, FMAX_D);
        return RV_OP_ILLEGAL;
    case 0x20:
        if (!dbl && rs2 == 1) return RV_OP_FCVT_S_D;
        if (dbl && rs2 == 0) return RV_OP_FCVT_D_S;
        return RV_OP_ILLEGAL;
    case 0x50:
        if (f3 == 0) return SD(FLE_S, FLE_D);
        if (f3 == 1) return SD(FLT_S, FLT_D);
        if (f3 == 2) return SD(FEQ_S, FEQ_D);
        return RV_OP_ILLEGAL;
    case 0x60:
        switch (rs2) {
        case 0: return SD(FCVT_W_S, FCVT_W_D);
        case 1: return SD(FCVT_WU_S, FCVT_WU_D);
        case 2: return SD(FCVT_L_S, FCVT_L_D);
        case 3: return SD(FCVT_LU_S, FCVT_LU_D);
        }
        return RV_OP_ILLEGAL;
    case 0x68:
        switch (rs2) {
        case 0: return SD(FCVT_S_W, FCVT_D_W);
        case 1: return SD(FCVT_S_WU, FCVT_D_WU);
        case 2: return SD(FCVT_S_L, FCVT_D_L);
        case 3: return SD(FCVT_S_LU, FCVT_D_LU);
        }
        return RV_OP_ILLEGAL;
    case 0x70:
        if (rs2 != 0) return RV_OP_ILLEGAL;
        if (f3 == 0) return SD(FMV_X_W, FMV_X_D);
        if (f3 == 1) return SD(FCLASS_S, FCLASS_D);
        return RV_OP_ILLEGAL;
    case 0x78:
        return rs2 == 0 && f3 == 0 ? SD(FMV_W_X, FMV_D_X) : RV_OP_ILLEGAL;
    }
#undef SD
    return RV_OP_ILLEGAL;
}

static int decode_amo(uint32_t i) {
    uint32_t f3 = bits(i, 14, 12), f5 = bits(i, 31, 27);
    if (f3 != 2 && f3 != 3) return RV_OP_ILLEGAL;
    bool d = f3 == 3;
#define WD(name) (d ? RV_OP_##name##_D : RV_OP_##name##_W)
    switch (f5) {
    case 0x02: return bits(i, 24, 20) == 0 ? WD(LR) : RV_OP_ILLEGAL;
    case 0x03: return WD(SC);
    case 0x01: return WD(AMOSWAP);
    case 0x00: return WD(AMOADD);
    case 0x04: return WD(AMOXOR);
    case 0x0c: return WD(AMOAND);
    case 0x08: return WD(AMOOR);
    case 0x10: return WD(AMOMIN);
    case 0x14: return WD(AMOMAX);
    case 0x18: return WD(AMOMINU);
    case 0x1c: return WD(AMOMAXU);
    }
#undef WD
    return RV_OP_ILLEGAL;
}

static int decode_system(uint32_t i, rv_decoded *d) {
    uint32_t f3 = bits(i, 14, 12);
    if (f3 == 0) {
        switch (i) {
        case 0x00000073: return RV_OP_ECALL;
        case 0x00100073: return RV_OP_EBREAK;
        case 0x30200073: return RV_OP_MRET;
        case 0x10200073: return RV_OP_SRET;
        case 0x10500073: return RV_OP_WFI;
        }
        if (bits(i, 31, 25) == 0x09 && bits(i, 11, 7) == 0) return RV_OP_SFENCE_VMA;
        return RV_OP_ILLEGAL;
    }
    d->imm = (int32_t)bits(i, 31, 20); /* the CSR number */
    switch (f3) {
    case 1: return RV_OP_CSRRW;
    case 2: return RV_OP_CSRRS;
    case 3: return RV_OP_CSRRC;
    case 5: return RV_OP_CSRRWI;
    case 6: return RV_OP_CSRRSI;
    case 7: return RV_OP_CSRRCI;
    }
    return RV_OP_ILLEGAL;
}

/* Does the operation end a basic block (may change the pc other than to the next
 * instruction, or change privilege, translation or interrupt state)? */
bool rv_op_ends_block(int op) {
    switch (op) {
    case RV_OP_JAL: case RV_OP_JALR: case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT:
    case RV_OP_BGE: case RV_OP_BLTU: case RV_OP_BGEU: case RV_OP_FENCE_I: case RV_OP_ECALL:
    case RV_OP_EBREAK: case RV_OP_MRET: case RV_OP_SRET: case RV_OP_WFI:
    case RV_OP_SFENCE_VMA: case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI: case RV_OP_ILLEGAL:
        return true;
    }
    return false;
}

static int decode32(uint32_t i, rv_decoded *d) {
    uint32_t f3 = bits(i, 14, 12), f7 = bits(i, 31, 25);
    d->rd = (uint8_t)bits(i, 11, 7);
    d->rs1 = (uint8_t)bits(i, 19, 15);
    d->rs2 = (uint8_t)bits(i, 24, 20);
    d->rm = (uint8_t)f3;
    d->imm = imm_i(i);
    switch (bits(i, 6, 0)) {
    case 0x37: d->imm = imm_u(i); return RV_OP_LUI;
    case 0x17: d->imm = imm_u(i); return RV_OP_AUIPC;
    case 0x6f: d->imm = imm_j(i); return RV_OP_JAL;
    case 0x67: return f3 == 0 ? RV_OP_JALR : RV_OP_ILLEGAL;
    case 0x63: {
        static const int ops[8] = {RV_OP_BEQ, RV_OP_BNE, RV_OP_ILLEGAL, RV_OP_ILLEGAL,
                                   RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU, RV_OP_BGEU};
        d->imm = imm_b(i);
        return ops[f3];
    }
    case 0x03: {
        static const int ops[8] = {RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_LD,
                                   RV_OP_LBU, RV_OP_LHU, RV_OP_LWU, RV_OP_ILLEGAL};
        return ops[f3];
    }
    case 0x23: {
        static const int ops[8] = {RV_OP_SB, RV_OP_SH, RV_OP_SW, RV_OP_SD,
                                   RV_OP_ILLEGAL, RV_OP_ILLEGAL, RV_OP_ILLEGAL, RV_OP_ILLEGAL};
        d->imm = imm_s(i);
        return ops[f3];
    }
    case 0x13: {
        uint32_t funct6 = bits(i, 31, 26);
        d->imm = f3 == 1 || f3 == 5 ? (int32_t)bits(i, 25, 20) : imm_i(i);
        switch (f3) {
        case 0: return RV_OP_ADDI;
        case 1: return funct6 == 0 ? RV_OP_SLLI : RV_OP_ILLEGAL;
        case 2: return RV_OP_SLTI;
        case 3: return RV_OP_SLTIU;
        case 4: return RV_OP_XORI;
        case 5: return funct6 == 0 ? RV_OP_SRLI : funct6 == 0x10 ? RV_OP_SRAI : RV_OP_ILLEGAL;
        case 6: return RV_OP_ORI;
        default: return RV_OP_ANDI;
        }
    }
    case 0x1b:
        if (f3 == 0) return RV_OP_ADDIW;
        d->imm = (int32_t)bits(i, 24, 20);
        if (f3 == 1) return f7 == 0 ? RV_OP_SLLIW : RV_OP_ILLEGAL;
        if (f3 == 5) return f7 == 0 ? RV_OP_SRLIW : f7 == 0x20 ? RV_OP_SRAIW : RV_OP_ILLEGAL;
        return RV_OP_ILLEGAL;
    case 0x33:
        if (f7 == 0) {
            static const int ops[8] = {RV_OP_ADD, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU,
                                       RV_OP_XOR, RV_OP_SRL, RV_OP_OR, RV_OP_AND};
            return ops[f3];
        }
        if (f7 == 1) {
            static const int ops[8] = {RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU,
                                       RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU};
            return ops[f3];
        }
        if (f7 == 0x20) return f3 == 0 ? RV_OP_SUB : f3 == 5 ? RV_OP_SRA : RV_OP_ILLEGAL;
        return RV_OP_ILLEGAL;
    case 0x3b:
        if (f7 == 0) return f3 == 0 ? RV_OP_ADDW : f3 == 1 ? RV_OP_SLLW : f3 == 5 ? RV_OP_SRLW : RV_OP_ILLEGAL;
        if (f7 == 0x20) return f3 == 0 ? RV_OP_SUBW : f3 == 5 ? RV_OP_SRAW : RV_OP_ILLEGAL;
        if (f7 == 1) {
            static const int ops[8] = {RV_OP_MULW, RV_OP_ILLEGAL, RV_OP_ILLEGAL, RV_OP_ILLEGAL,
                                       RV_OP_DIVW, RV_OP_DIVUW, RV_OP_REMW, RV_OP_REMUW};
            return ops[f3];
        }
        return RV_OP_ILLEGAL;
    case 0x0f:
        if (f3 == 0) return RV_OP_FENCE;
        if (f3 == 1) return RV_OP_FENCE_I;
        return RV_OP_ILLEGAL;
    case 0x73: return decode_system(i, d);
    case 0x2f: d->rm = (uint8_t)bits(i, 26, 25); return decode_amo(i);
    case 0x07: return f3 == 2 ? RV_OP_FLW : f3 == 3 ? RV_OP_FLD : RV_OP_ILLEGAL;
    case 0x27: d->imm = imm_s(i); return f3 == 2 ? RV_OP_FSW : f3 == 3 ? RV_OP_FSD : RV_OP_ILLEGAL;
    case 0x43: case 0x47: case 0x4b: case 0x4f: {
        uint32_t fmt = bits(i, 26, 25);
        if (fmt > 1) return RV_OP_ILLEGAL;
        static const int ops[2][4] = {
            {RV_OP_FMADD_S, RV_OP_FMSUB_S, RV_OP_FNMSUB_S, RV_OP_FNMADD_S},
            {RV_OP_FMADD_D, RV_OP_FMSUB_D, RV_OP_FNMSUB_D, RV_OP_FNMADD_D}};
        return ops[fmt][bits(i, 3, 2)];
    }
    case 0x53: return decode_op_fp(i);
    }
    return RV_OP_ILLEGAL;
}

/* Compressed instructions: registers rd'/rs1'/rs2' are x8..x15. */
static int decode16(uint32_t c, rv_decoded *d) {
    uint32_t f3 = bits(c, 15, 13);
    uint8_t r_hi = (uint8_t)bits(c, 11, 7), r_lo = (uint8_t)bits(c, 6, 2);
    uint8_t rp_hi = (uint8_t)(bits(c, 9, 7) + 8), rp_lo = (uint8_t)(bits(c, 4, 2) + 8);
    /* CI-format 6-bit immediate: c[12] is bit 5 (sign), c[6:2] bits 4..0. */
    int32_t imm6 = sext(bits(c, 12, 12) << 5 | bits(c, 6, 2), 6);
    d->rm = 0;
    switch (bits(c, 1, 0)) {
    case 0:
        d->rd = rp_lo;
        d->rs2 = rp_lo;
        d->rs1 = rp_hi;
        switch (f3) {
        case 0: /* C.ADDI4SPN */
            d->imm = (int32_t)(bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 3);
            d->rs1 = 2;
            return d->imm ? RV_OP_ADDI : RV_OP_ILLEGAL;
        case 1: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6); return RV_OP_FLD;
        case 2: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6); return RV_OP_LW;
        case 3: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6); return RV_OP_LD;
        case 5: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6); return RV_OP_FSD;
        case 6: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6); return RV_OP_SW;
        case 7: d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6); return RV_OP_SD;
        }
        return RV_OP_ILLEGAL;
    case 1:
        switch (f3) {
        case 0: d->rd = d->rs1 = r_hi; d->imm = imm6; return RV_OP_ADDI; /* C.NOP, C.ADDI */
        case 1: d->rd = d->rs1 = r_hi; d->imm = imm6; return r_hi ? RV_OP_ADDIW : RV_OP_ILLEGAL;
        case 2: d->rd = r_hi; d->rs1 = 0; d->imm = imm6; return RV_OP_ADDI; /* C.LI */
        case 3:
            if (r_hi == 2) { /* C.ADDI16SP */
                uint32_t v = bits(c, 12, 12) << 9 | bits(c, 6, 6) << 4 | bits(c, 5, 5) << 6 |
                             bits(c, 4, 3) << 7 | bits(c, 2, 2) << 5;
                d->rd = d->rs1 = 2;
                d->imm = sext(v, 10);
                return v ? RV_OP_ADDI : RV_OP_ILLEGAL;
            }
            d->rd = r_hi; /* C.LUI */
            d->imm = (int32_t)((uint32_t)imm6 << 12);
            return imm6 ? RV_OP_LUI : RV_OP_ILLEGAL;
        case 4: {
            d->rd = d->rs1 = rp_hi;
            d->rs2 = rp_lo;
            uint32_t f2 = bits(c, 11, 10);
            if (f2 == 0) { d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 2)); return RV_OP_SRLI; }
            if (f2 == 1) { d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 2)); return RV_OP_SRAI; }
            if (f2 == 2) { d->imm = imm6; return RV_OP_ANDI; }
            static const int ops[8] = {RV_OP_SUB, RV_OP_XOR, RV_OP_OR, RV_OP_AND,
                                       RV_OP_SUBW, RV_OP_ADDW, RV_OP_ILLEGAL, RV_OP_ILLEGAL};
            return ops[bits(c, 12, 12) << 2 | bits(c, 6, 5)];
        }
        case 5: { /* C.J */
            uint32_t v = bits(c, 12, 12) << 11 | bits(c, 11, 11) << 4 | bits(c, 10, 9) << 8 |
                         bits(c, 8, 8) << 10 | bits(c, 7, 7) << 6 | bits(c, 6, 6) << 7 |
                         bits(c, 5, 3) << 1 | bits(c, 2, 2) << 5;
            d->rd = 0;
            d->imm = sext(v, 12);
            return RV_OP_JAL;
        }
        default: { /* C.BEQZ, C.BNEZ */
            uint32_t v = bits(c, 12, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 |
                         bits(c, 4, 3) << 1 | bits(c, 2, 2) << 5;
            d->rs1 = rp_hi;
            d->rs2 = 0;
            d->imm = sext(v, 9);
            return f3 == 6 ? RV_OP_BEQ : RV_OP_BNE;
        }
        }
    case 2:
        d->rd = d->rs1 = r_hi;
        d->rs2 = r_lo;
        switch (f3) {
        case 0: d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 2)); return RV_OP_SLLI;
        case 1: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6); return RV_OP_FLD;
        case 2: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6); return r_hi ? RV_OP_LW : RV_OP_ILLEGAL;
        case 3: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6); return r_hi ? RV_OP_LD : RV_OP_ILLEGAL;
        case 4:
            d->imm = 0;
            if (!bits(c, 12, 12)) {
                if (r_lo == 0) { d->rd = 0; return r_hi ? RV_OP_JALR : RV_OP_ILLEGAL; } /* C.JR */
                d->rs1 = 0;
                return RV_OP_ADD; /* C.MV */
            }
            if (r_lo == 0) {
                if (r_hi == 0) return RV_OP_EBREAK;
                d->rd = 1;
                return RV_OP_JALR; /* C.JALR */
            }
            return RV_OP_ADD; /* C.ADD */
        case 5: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6); return RV_OP_FSD;
        case 6: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6); return RV_OP_SW;
        default: d->rs1 = 2; d->imm = (int32_t)(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6); return RV_OP_SD;
        }
    }
    return RV_OP_ILLEGAL;
}

void rv_decode(rv_decoded *d, uint32_t raw) {
    memset(d, 0, sizeof *d);
    int op;
    if ((raw & 3) == 3) {
        d->len = 4;
        d->raw = raw;
        op = decode32(raw, d);
    } else {
        d->len = 2;
        d->raw = raw & 0xffff;
        op = decode16(d->raw, d);
    }
    if (op != RV_OP_ILLEGAL && rv_op_uses_rounding_mode(op) && (d->rm == 5 || d->rm == 6))
        op = RV_OP_ILLEGAL;
    if (op != RV_OP_ILLEGAL && writes_xreg(op) && d->rd == 0) d->rd = 32;
    d->op = (uint8_t)op;
    d->handler = (uint8_t)op;
    if (d->len == 2) {
        switch (op) {
#define COMPRESSED_TWIN(name) case RV_OP_##name: d->handler = RV_HANDLER_C_##name; break;
        RV_COMPRESSED_OPS(COMPRESSED_TWIN)
#undef COMPRESSED_TWIN
        default: break;
        }
        switch (op) { /* (rd is 32 when it is x0, so C.NOP does not count) */
#define SAME_REGISTER_TWIN(name) \
        case RV_OP_##name: if (d->rd == d->rs1) d->handler = RV_HANDLER_CD_##name; break;
        RV_COMPRESSED_ALU_OPS(SAME_REGISTER_TWIN)
#undef SAME_REGISTER_TWIN
        default: break;
        }
    }
}
