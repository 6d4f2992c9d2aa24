/* Differential-test harness shared by both variants of a batch ELF (Linux user mode
 * under qemu-riscv64-static, bare metal under spin-emu --bare or QEMU's spike machine).
 * For every generated sequence it fills the scratch buffer with the sequence's initial
 * bytes, calls the sequence (which loads its registers, runs the random body and stores
 * x/f registers and fcsr next to the scratch buffer) and prints the final state as text.
 * Only diff_emit() differs between the variants, so equal machines print equal text.
 * Built with -ffreestanding -fno-tree-loop-distribute-patterns: no libc, no memcpy. */
#include <stdint.h>

#define SCRATCH_BYTES 512

struct diff_seq { void (*fn)(void); const uint64_t *init; };
extern const struct diff_seq spin_diff_seqs[];
extern const uint64_t spin_diff_nseq;
extern const uint64_t spin_diff_first;
/* spin_diff_area = scratch[0..512) then the state the sequence stores: x[32], f[32],
 * fcsr. The scratch buffer straddles a page boundary at its middle (s0 points there),
 * so misaligned accesses around s0 cross pages. */
uint64_t spin_diff_block[8192 / 8] __attribute__((aligned(4096)));
#define SCRATCH_OFFSET (4096 - SCRATCH_BYTES / 2)
__asm__(".globl spin_diff_area\n.set spin_diff_area, spin_diff_block + 3840");
_Static_assert(SCRATCH_OFFSET == 3840, "keep the .set above in step");
extern uint64_t spin_diff_area[];

void diff_emit(const char *s, unsigned long n);
void diff_flush(void);

static char line[64];

static void put_hex(char *p, uint64_t v, int digits) {
    for (int i = digits - 1; i >= 0; i--) { p[i] = "0123456789abcdef"[v & 15]; v >>= 4; }
}

static unsigned put_dec(char *p, uint64_t v) {
    char t[24];
    unsigned n = 0, k = 0;
    do { t[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) p[k++] = t[--n];
    return k;
}

/* "<name> <16 hex digits>\n" */
static void put_reg(const char *name, uint64_t v) {
    unsigned k = 0;
    while (name[k]) { line[k] = name[k]; k++; }
    line[k++] = ' ';
    put_hex(line + k, v, 16);
    k += 16;
    line[k++] = '\n';
    diff_emit(line, k);
}

static const char *const xname[32] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
    "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25",
    "x26", "x27", "x28", "x29", "x30", "x31"};
static const char *const fname[32] = {
    "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13",
    "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24", "f25",
    "f26", "f27", "f28", "f29", "f30", "f31"};

int diff_main(void) {
    volatile uint64_t *scratch = spin_diff_area;
    volatile uint64_t *xs = spin_diff_area + SCRATCH_BYTES / 8;
    volatile uint64_t *fs = xs + 32;
    const uint64_t base = (uint64_t)(uintptr_t)spin_diff_area;
    for (uint64_t i = 0; i < spin_diff_nseq; i++) {
        const uint64_t *mem = spin_diff_seqs[i].init + 65;
        for (unsigned w = 0; w < SCRATCH_BYTES / 8; w++) scratch[w] = mem[w];
        spin_diff_seqs[i].fn();
        unsigned k = 0;
        line[k++] = '@';
        k += put_dec(line + k, spin_diff_first + i);
        line[k++] = '\n';
        diff_emit(line, k);
        /* sp (x2) and s0 (x8) are the scratch bases: printed as offsets. */
        for (int r = 1; r < 32; r++)
            put_reg(xname[r], (r == 2 || r == 8) ? xs[r] - base : xs[r]);
        for (int r = 0; r < 32; r++) put_reg(fname[r], fs[r]);
        put_reg("fcsr", fs[32]);
        uint64_t h = 0xcbf29ce484222325u; /* FNV-1a over the scratch words */
        for (unsigned w = 0; w < SCRATCH_BYTES / 8; w++) {
            uint64_t v = scratch[w];
            if (v != mem[w]) {
                char nm[8] = {'m', 0, 0, 0, 0};
                put_hex(nm + 1, w * 8, 3);
                put_reg(nm, v);
            }
            for (int b = 0; b < 8; b++) { h ^= (v >> (8 * b)) & 0xff; h *= 0x100000001b3u; }
        }
        put_reg("mh", h);
    }
    diff_emit("@end\n", 5);
    diff_flush();
    return 0;
}
