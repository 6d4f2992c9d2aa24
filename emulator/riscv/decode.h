/*
 * Instruction decoding: 32-bit and compressed encodings become one rv_decoded entry
 * each (code_cache.h). Compressed instructions are expanded to the operation of their
 * 32-bit equivalent with len = 2, so the interpreter has one case per operation.
 * Reserved and unknown encodings decode to RV_OP_ILLEGAL with raw = the bits.
 */
#ifndef SPIN_RISCV_DECODE_H
#define SPIN_RISCV_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "riscv/code_cache.h"

#define RV_OPS(X) \
    X(UNDECODED) X(PAGE_END) X(ILLEGAL) \
    X(LUI) X(AUIPC) X(JAL) X(JALR) \
    X(BEQ) X(BNE) X(BLT) X(BGE) X(BLTU) X(BGEU) \
    X(LB) X(LH) X(LW) X(LD) X(LBU) X(LHU) X(LWU) X(SB) X(SH) X(SW) X(SD) \
    X(ADDI) X(SLTI) X(SLTIU) X(XORI) X(ORI) X(ANDI) X(SLLI) X(SRLI) X(SRAI) \
    X(ADD) X(SUB) X(SLL) X(SLT) X(SLTU) X(XOR) X(SRL) X(SRA) X(OR) X(AND) \
    X(ADDIW) X(SLLIW) X(SRLIW) X(SRAIW) X(ADDW) X(SUBW) X(SLLW) X(SRLW) X(SRAW) \
    X(FENCE) X(FENCE_I) X(ECALL) X(EBREAK) X(MRET) X(SRET) X(WFI) X(SFENCE_VMA) \
    X(CSRRW) X(CSRRS) X(CSRRC) X(CSRRWI) X(CSRRSI) X(CSRRCI) \
    X(MUL) X(MULH) X(MULHSU) X(MULHU) X(DIV) X(DIVU) X(REM) X(REMU) \
    X(MULW) X(DIVW) X(DIVUW) X(REMW) X(REMUW) \
    X(LR_W) X(SC_W) X(AMOSWAP_W) X(AMOADD_W) X(AMOXOR_W) X(AMOAND_W) X(AMOOR_W) \
    X(AMOMIN_W) X(AMOMAX_W) X(AMOMINU_W) X(AMOMAXU_W) \
    X(LR_D) X(SC_D) X(AMOSWAP_D) X(AMOADD_D) X(AMOXOR_D) X(AMOAND_D) X(AMOOR_D) \
    X(AMOMIN_D) X(AMOMAX_D) X(AMOMINU_D) X(AMOMAXU_D) \
    X(FLW) X(FSW) X(FLD) X(FSD)

/* F and D operations other than loads and stores. They come last in the enumeration
 * (op >= RV_OP_FP_FIRST means "FP arithmetic"); the hot ones first, which the
 * interpreter tries on a fast path (fp_fast.h) before rv_exec_fp (fp_exec.c). */
#define RV_FP_HOT_OPS(X) \
    X(FADD_S) X(FSUB_S) X(FMUL_S) X(FDIV_S) X(FADD_D) X(FSUB_D) X(FMUL_D) X(FDIV_D)
#define RV_FP_OTHER_OPS(X) \
    X(FMADD_S) X(FMSUB_S) X(FNMSUB_S) X(FNMADD_S) X(FSQRT_S) X(FSGNJ_S) X(FSGNJN_S) \
    X(FSGNJX_S) X(FMIN_S) X(FMAX_S) X(FCVT_W_S) X(FCVT_WU_S) X(FCVT_L_S) X(FCVT_LU_S) \
    X(FMV_X_W) X(FEQ_S) X(FLT_S) X(FLE_S) X(FCLASS_S) X(FCVT_S_W) X(FCVT_S_WU) \
    X(FCVT_S_L) X(FCVT_S_LU) X(FMV_W_X) X(FMADD_D) X(FMSUB_D) X(FNMSUB_D) X(FNMADD_D) \
    X(FSQRT_D) X(FSGNJ_D) X(FSGNJN_D) X(FSGNJX_D) X(FMIN_D) X(FMAX_D) X(FCVT_W_D) \
    X(FCVT_WU_D) X(FCVT_L_D) X(FCVT_LU_D) X(FMV_X_D) X(FEQ_D) X(FLT_D) X(FLE_D) \
    X(FCLASS_D) X(FCVT_D_W) X(FCVT_D_WU) X(FCVT_D_L) X(FCVT_D_LU) X(FMV_D_X) X(FCVT_S_D) \
    X(FCVT_D_S)
#define RV_FP_OPS(X) RV_FP_HOT_OPS(X) RV_FP_OTHER_OPS(X)

#define RV_OP_ENUM(name) RV_OP_##name,
enum rv_op { RV_OPS(RV_OP_ENUM) RV_FP_OPS(RV_OP_ENUM) RV_OP_COUNT };
#define RV_OP_FP_FIRST RV_OP_FADD_S
_Static_assert(RV_OP_COUNT <= 256, "rv_decoded.op is one byte");
#undef RV_OP_ENUM

/* Operations with a compressed form whose handler the native interpreter has twice,
 * once per instruction size, so that moving to the next slot does not wait for a load
 * of `len` (execute.c). rv_decoded.handler is RV_HANDLER_C_<op> for their compressed
 * encodings and the operation itself for everything else, so a handler of one of these
 * operations only ever sees 4-byte instructions.
 *
 * The integer operations among them (RV_COMPRESSED_ALU_OPS) have a third handler,
 * RV_HANDLER_CD_<op>, for compressed encodings whose destination is their first source
 * (rd == rs1, as in C.ADDI, C.ADD, C.XOR: most of them), which reads and writes the one
 * register. */
#define RV_COMPRESSED_ALU_OPS(X) \
    X(ADDI) X(ADDIW) X(SLLI) X(SRLI) X(SRAI) X(ANDI) \
    X(ADD) X(SUB) X(XOR) X(OR) X(AND) X(ADDW) X(SUBW)
#define RV_COMPRESSED_OPS(X) \
    X(LUI) RV_COMPRESSED_ALU_OPS(X) X(LW) X(LD) X(SW) X(SD) X(FLD) X(FSD) X(BEQ) X(BNE)
#define RV_HANDLER_ENUM(name) RV_HANDLER_C_##name,
#define RV_HANDLER_CD_ENUM(name) RV_HANDLER_CD_##name,
enum rv_handler {
    RV_HANDLER_C_FIRST_ = RV_OP_COUNT - 1,
    RV_COMPRESSED_OPS(RV_HANDLER_ENUM) RV_COMPRESSED_ALU_OPS(RV_HANDLER_CD_ENUM)
    RV_HANDLER_COUNT
};
_Static_assert(RV_HANDLER_COUNT <= 256, "rv_decoded.handler is one byte");
#undef RV_HANDLER_ENUM
#undef RV_HANDLER_CD_ENUM

/* Decodes the instruction whose first 16 bits are the low half of `bits` (the high half
 * is only looked at when those bits say the instruction is 32 bits long). */
void rv_decode(rv_decoded *d, uint32_t bits);

/* Length in bytes (2 or 4) of the instruction starting with these 16 bits. */
static inline int rv_insn_length(uint16_t low) { return (low & 3) == 3 ? 4 : 2; }

const char *rv_op_name(int op);

/* Is the operation's rm field a rounding mode (F/D operations that round)? Reserved
 * static modes (5, 6) decode as illegal; a reserved dynamic frm is illegal at run time. */
bool rv_op_uses_rounding_mode(int op);

/* Does the operation end a basic block (see rv_decoded in code_cache.h)? */
bool rv_op_ends_block(int op);

#endif
