/* The decoder's promise to the native interpreter (emulator/riscv/execute.c): a slot's
 * handler knows its instruction's size as a constant. So every 2-byte encoding must
 * decode to an operation of RV_COMPRESSED_OPS (handler: its compressed twin, or for
 * RV_COMPRESSED_ALU_OPS with rd == rs1 the twin that updates rd in place) or to one
 * that jumps or traps (JAL, JALR, EBREAK, ILLEGAL), and every 4-byte encoding to a
 * handler that is its operation. All 49152 compressed encodings are checked, and a
 * pseudo-random sample of 32-bit ones. */
#include <inttypes.h>
#include <stdio.h>

#include "riscv/decode.h"

static int failures;

static void fail(uint32_t bits, const rv_decoded *d, const char *why) {
    if (failures++ < 20)
        fprintf(stderr, "decode_test: %08" PRIx32 " (%s, len %u, handler %u): %s\n", bits,
                rv_op_name(d->op), (unsigned)d->len, (unsigned)d->handler, why);
}

static int compressed_twin(int op) {
    switch (op) {
#define TWIN(name) case RV_OP_##name: return RV_HANDLER_C_##name;
        RV_COMPRESSED_OPS(TWIN)
#undef TWIN
    default: return -1;
    }
}

static int same_register_twin(int op) {
    switch (op) {
#define TWIN(name) case RV_OP_##name: return RV_HANDLER_CD_##name;
        RV_COMPRESSED_ALU_OPS(TWIN)
#undef TWIN
    default: return -1;
    }
}

int main(void) {
    unsigned compressed = 0, twins = 0, in_place = 0;
    for (uint32_t bits = 0; bits < 0x10000; bits++) {
        if ((bits & 3) == 3) continue;
        rv_decoded d;
        rv_decode(&d, bits | 0xdead0000u); /* the high half must not matter */
        compressed++;
        if (d.len != 2) fail(bits, &d, "a compressed encoding is not 2 bytes");
        int twin = compressed_twin(d.op);
        int same = same_register_twin(d.op);
        if (same >= 0 && d.rd == d.rs1) {
            in_place++;
            if (d.handler != same) fail(bits, &d, "rd == rs1, but handler is not the in-place twin");
        } else if (twin >= 0) {
            twins++;
            if (d.handler != twin) fail(bits, &d, "handler is not the compressed twin");
        } else if (d.op == RV_OP_JAL || d.op == RV_OP_JALR || d.op == RV_OP_EBREAK ||
                   d.op == RV_OP_ILLEGAL) {
            if (d.handler != d.op) fail(bits, &d, "handler is not the operation");
        } else {
            fail(bits, &d, "2 bytes, but its operation is not in RV_COMPRESSED_OPS");
        }
    }
    uint64_t rng = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 4000000; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        uint32_t bits = (uint32_t)rng | 3;
        rv_decoded d;
        rv_decode(&d, bits);
        if (d.len != 4) fail(bits, &d, "a 32-bit encoding is not 4 bytes");
        if (d.handler != d.op) fail(bits, &d, "handler of a 32-bit encoding is not its operation");
    }
    printf("decode_test: %u compressed encodings (%u with a sized twin, %u in place), "
           "4000000 32-bit: %s\n", compressed, twins, in_place, failures ? "FAILED" : "ok");
    return failures != 0;
}
