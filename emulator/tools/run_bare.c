/* spin-emu --bare: a bare-metal program on the bare machine (docs/spin-emu.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bare_machine.h"
#include "riscv/decode.h"
#include "spin_emu.h"

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

int spin_emu_run_bare(const spin_emu_options *o) {
    const char *program = o->bare;
    size_t size = 0;
    uint8_t *image = spin_emu_read_file(program, &size);
    if (!image) {
        fprintf(stderr, "spin-emu: cannot read %s: %s\n", program, strerror(errno));
        return EXIT_SPIN_FAILED;
    }
    static spin_bare_machine machine;
    char err[256];
    if (spin_bare_machine_init(&machine, o->ram_mib << 20, image, size, console_out, NULL, err,
                               sizeof err)) {
        fprintf(stderr, "spin-emu: %s: %s\n", program, err);
        free(image);
        return EXIT_SPIN_FAILED;
    }
    free(image);
    if (o->trace) machine.hart.trace = trace_insn;
    spin_emu_configure_hart(o, &machine.hart);

    double start = spin_emu_now();
    spin_bare_status status = spin_bare_machine_run(&machine, o->max_insns);
    double seconds = spin_emu_now() - start;
    fflush(stdout);
    if (o->stats) spin_emu_print_stats(&machine.hart, seconds);
    int code;
    switch (status) {
    case SPIN_BARE_EXITED:
        code = machine.exit_code;
        break;
    case SPIN_BARE_BUDGET:
        fprintf(stderr, "spin-emu: %s did not finish within %" PRIu64 " instructions (pc 0x%" PRIx64 ")\n",
                program, o->max_insns, machine.hart.pc);
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
