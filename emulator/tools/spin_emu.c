/*
 * spin-emu: the developer's command-line front end to the emulator (docs/spin-emu.md).
 * Reads the program file, builds the machine, runs it in slices and turns its end into
 * an exit status. Built natively and as wasm (run under Node with the same flags).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bare_machine.h"
#include "riscv/decode.h"

#define EXIT_BUDGET 124
#define EXIT_SPIN_FAILED 125

static const char usage[] =
    "usage: spin-emu --bare PROG.elf [options]\n"
    "\n"
    "Runs a bare-metal RISC-V 64 program in M-mode until it ends through HTIF tohost or\n"
    "the syscon; exits with the program's status (0 pass, n fail).\n"
    "\n"
    "  --bare FILE       the ELF program to run\n"
    "  --max-insns N     stop after N instructions, traps counting as one (exit 124)\n"
    "  --ram MIB         guest RAM in MiB (default 256)\n"
    "  --trace           print every instruction (pc, bits) on stderr\n"
    "  --stats           print instruction count and speed on stderr at the end\n"
    "  --help            this text\n";

static void console_out(void *opaque, uint8_t byte) {
    (void)opaque;
    putchar(byte);
    if (byte == '\n') fflush(stdout);
}

static void trace_insn(void *opaque, uint64_t pc, uint32_t insn, int len) {
    (void)opaque;
    rv_decoded d;
    rv_decode(&d, insn);
    if (len == 2)
        fprintf(stderr, "%016" PRIx64 "     %04" PRIx32 "  %s\n", pc, insn & 0xffff, rv_op_name(d.op));
    else
        fprintf(stderr, "%016" PRIx64 " %08" PRIx32 "  %s\n", pc, insn, rv_op_name(d.op));
}

static uint8_t *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (len < cap) break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    *size = len;
    return buf;
}

static int parse_u64(const char *s, uint64_t *v) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-') return -1;
    *v = n;
    return 0;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *program = NULL;
    uint64_t max_insns = UINT64_MAX, ram_mib = 256;
    int trace = 0, stats = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--bare") && i + 1 < argc) {
            program = argv[++i];
        } else if (!strcmp(a, "--max-insns") && i + 1 < argc) {
            if (parse_u64(argv[++i], &max_insns) || max_insns == 0) {
                fprintf(stderr, "spin-emu: --max-insns needs a positive number, not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--ram") && i + 1 < argc) {
            if (parse_u64(argv[++i], &ram_mib) || ram_mib == 0 || ram_mib > 65536) {
                fprintf(stderr, "spin-emu: --ram needs a size in MiB (1..65536), not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--trace")) {
            trace = 1;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else {
            fprintf(stderr, "spin-emu: unknown or incomplete option '%s'\n%s", a, usage);
            return EXIT_SPIN_FAILED;
        }
    }
    if (!program) {
        fprintf(stderr, "spin-emu: nothing to run: give --bare PROG.elf\n%s", usage);
        return EXIT_SPIN_FAILED;
    }

    size_t size = 0;
    uint8_t *image = read_file(program, &size);
    if (!image) {
        fprintf(stderr, "spin-emu: cannot read %s: %s\n", program, strerror(errno));
        return EXIT_SPIN_FAILED;
    }
    static spin_bare_machine machine;
    char err[256];
    if (spin_bare_machine_init(&machine, ram_mib << 20, image, size, console_out, NULL, err,
                               sizeof err)) {
        fprintf(stderr, "spin-emu: %s: %s\n", program, err);
        free(image);
        return EXIT_SPIN_FAILED;
    }
    free(image);
    if (trace) machine.hart.trace = trace_insn;

    double start = now_seconds();
    spin_bare_status status = spin_bare_machine_run(&machine, max_insns);
    double seconds = now_seconds() - start;
    fflush(stdout);

    if (stats) {
        uint64_t n = machine.hart.icount;
        fprintf(stderr, "spin-emu: stats {\"instructions\":%" PRIu64 ",\"seconds\":%.6f,\"mips\":%.2f}\n",
                n, seconds, seconds > 0 ? (double)n / seconds / 1e6 : 0.0);
    }
    int code;
    switch (status) {
    case SPIN_BARE_EXITED:
        code = machine.exit_code;
        break;
    case SPIN_BARE_BUDGET:
        fprintf(stderr, "spin-emu: %s did not finish within %" PRIu64 " instructions (pc 0x%" PRIx64 ")\n",
                program, max_insns, machine.hart.pc);
        code = EXIT_BUDGET;
        break;
    default:
        fprintf(stderr, "spin-emu: %s waits for an interrupt that nothing can raise (wfi at pc 0x%" PRIx64 ")\n",
                program, machine.hart.pc);
        code = EXIT_SPIN_FAILED;
        break;
    }
    spin_bare_machine_destroy(&machine);
    return code;
}
