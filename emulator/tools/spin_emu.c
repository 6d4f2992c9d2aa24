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

#include "spin_emu.h"

#include "riscv/hart.h"
#include "riscv/jit.h"

static const char usage[] =
    "usage: spin-emu --bare PROG.elf [options]\n"
    "       spin-emu --kernel Image [--initrd FILE] [options] [-- CMD [ARG...]]\n"
    "\n"
    "--bare runs a bare-metal RISC-V 64 program in M-mode until it ends through HTIF\n"
    "tohost or the syscon; exits with the program's status (0 pass, n fail).\n"
    "--kernel boots a Linux Image (with Spin's init) to its ready point; with a command\n"
    "after --, runs it and exits with its status.\n"
    "\n"
    "  --bare FILE       the ELF program to run\n"
    "  --kernel FILE     the Linux kernel Image to boot\n"
    "  --initrd FILE     an extra initramfs (cpio), unpacked over the kernel's own\n"
    "  --append ARGS     more kernel command line\n"
    "  --rootfs DIR      serve host folder DIR as the command's root (over virtio-9p)\n"
    "  -v HOST:GUEST[:ro]  mount host folder HOST at GUEST in the guest (repeatable)\n"
    "  --verbose         print the kernel log (on stderr)\n"
    "  -e, --env K=V     add a variable to the command's environment (repeatable)\n"
    "  -w, --workdir DIR the command's working directory\n"
    "  -u, --user U[:G]  run the command as this user (name or id, from the guest's\n"
    "                    /etc/passwd and /etc/group)\n"
    "  --hostname NAME   the guest's host name\n"
    "  -t, --tty         run the command on a terminal (stdout and stderr together)\n"
    "  -i, --interactive forward stdin to the command (native build only)\n"
    "  --timeout SECONDS kill the command (SIGKILL) after this long\n"
    "  --max-insns N     stop after N instructions, traps counting as one (exit 124)\n"
    "  --ram MIB         guest RAM in MiB (default 256)\n"
    "  --trace           print every instruction (pc, bits) on stderr\n"
    "  --stats           print instruction count and speed on stderr at the end\n"
    "  --net-udp [127.0.0.1:]PORT\n"
    "                    give the guest a network device (eth0) whose frames are UDP\n"
    "                    datagrams to and from 127.0.0.1:PORT (native only)\n"
    "  --net-mac MAC     the device's MAC address (default 52:54:00:12:34:56)\n"
    "  --jit N|off       translate guest code to wasm after N entries (wasm build only;\n"
    "                    default 50000); off interprets everything\n"
    "  --help            this text\n";

uint8_t *spin_emu_read_file(const char *path, size_t *size) {
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

void spin_emu_configure_hart(const spin_emu_options *o, rv_hart *h) {
    if (o->jit_threshold >= 0 && rv_jit_available()) h->jit_threshold = (uint32_t)o->jit_threshold;
}

static int parse_u64(const char *s, uint64_t *v) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-') return -1;
    *v = n;
    return 0;
}

double spin_emu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void spin_emu_print_stats(const rv_hart *h, double seconds) {
    fprintf(stderr,
            "spin-emu: stats {\"instructions\":%" PRIu64 ",\"seconds\":%.6f,\"mips\":%.2f,"
            "\"translations\":%" PRIu64 "}\n",
            h->icount, seconds, seconds > 0 ? (double)h->icount / seconds / 1e6 : 0.0,
            h->jit_translations);
}

int main(int argc, char **argv) {
    spin_emu_options o = {.max_insns = UINT64_MAX, .ram_mib = 256, .jit_threshold = -1};
    const char *volumes[argc > 0 ? argc : 1];
    o.volumes = volumes;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--")) {
            o.command = argv + i + 1;
            o.command_count = argc - i - 1;
            break;
        } else if (!strcmp(a, "--bare") && i + 1 < argc) {
            o.bare = argv[++i];
        } else if (!strcmp(a, "--kernel") && i + 1 < argc) {
            o.kernel = argv[++i];
        } else if (!strcmp(a, "--initrd") && i + 1 < argc) {
            o.initrd = argv[++i];
        } else if (!strcmp(a, "--rootfs") && i + 1 < argc) {
            o.rootfs = argv[++i];
        } else if (!strcmp(a, "-v") && i + 1 < argc) {
            o.volumes[o.volume_count++] = argv[++i];
        } else if (!strcmp(a, "--append") && i + 1 < argc) {
            o.append = argv[++i];
        } else if (!strcmp(a, "--max-insns") && i + 1 < argc) {
            if (parse_u64(argv[++i], &o.max_insns) || o.max_insns == 0) {
                fprintf(stderr, "spin-emu: --max-insns needs a positive number, not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--ram") && i + 1 < argc) {
            if (parse_u64(argv[++i], &o.ram_mib) || o.ram_mib == 0 || o.ram_mib > 65536) {
                fprintf(stderr, "spin-emu: --ram needs a size in MiB (1..65536), not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if ((!strcmp(a, "-e") || !strcmp(a, "--env")) && i + 1 < argc) {
            if (!strchr(argv[i + 1], '=')) {
                fprintf(stderr, "spin-emu: %s needs KEY=VALUE, not '%s'\n", a, argv[i + 1]);
                return EXIT_SPIN_FAILED;
            }
            const char **more = realloc(o.env, (size_t)(o.env_count + 1) * sizeof *more);
            if (!more) return EXIT_SPIN_FAILED;
            o.env = more;
            o.env[o.env_count++] = argv[++i];
        } else if ((!strcmp(a, "-w") || !strcmp(a, "--workdir")) && i + 1 < argc) {
            o.workdir = argv[++i];
        } else if ((!strcmp(a, "-u") || !strcmp(a, "--user")) && i + 1 < argc) {
            o.user = argv[++i];
        } else if (!strcmp(a, "--hostname") && i + 1 < argc) {
            o.hostname = argv[++i];
        } else if (!strcmp(a, "-t") || !strcmp(a, "--tty")) {
            o.tty = 1;
        } else if (!strcmp(a, "-i") || !strcmp(a, "--interactive")) {
            o.interactive = 1;
        } else if (!strcmp(a, "-it") || !strcmp(a, "-ti")) {
            o.tty = o.interactive = 1;
        } else if (!strcmp(a, "--timeout") && i + 1 < argc) {
            char *end;
            o.timeout = strtod(argv[++i], &end);
            if (end == argv[i] || *end || !(o.timeout > 0)) {
                fprintf(stderr, "spin-emu: --timeout needs a positive number of seconds, not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--net-udp") && i + 1 < argc) {
            if (spin_emu_parse_udp_port(argv[++i], &o.net_udp_port)) {
                fprintf(stderr, "spin-emu: --net-udp needs a port on loopback ([127.0.0.1:]PORT), not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--net-mac") && i + 1 < argc) {
            if (spin_emu_parse_mac(argv[++i], o.net_mac)) {
                fprintf(stderr, "spin-emu: --net-mac needs a unicast address like 52:54:00:12:34:56, not '%s'\n", argv[i]);
                return EXIT_SPIN_FAILED;
            }
        } else if (!strcmp(a, "--trace")) {
            o.trace = 1;
        } else if (!strcmp(a, "--stats")) {
            o.stats = 1;
        } else if (!strcmp(a, "--jit") && i + 1 < argc) {
            uint64_t n = 0;
            if (!strcmp(argv[++i], "off")) {
                o.jit_threshold = 0;
            } else if (parse_u64(argv[i], &n) || n == 0 || n > RV_JIT_MAX_THRESHOLD) {
                fprintf(stderr, "spin-emu: --jit needs off or a count (1..%" PRIu32 "), not '%s'\n",
                        RV_JIT_MAX_THRESHOLD, argv[i]);
                return EXIT_SPIN_FAILED;
            } else {
                o.jit_threshold = (int64_t)n;
            }
        } else if (!strcmp(a, "--verbose")) {
            o.verbose = 1;
        } else {
            fprintf(stderr, "spin-emu: unknown or incomplete option '%s'\n%s", a, usage);
            return EXIT_SPIN_FAILED;
        }
    }
    if (!o.bare == !o.kernel) {
        fprintf(stderr, "spin-emu: nothing to run: give --bare PROG.elf or --kernel Image\n%s", usage);
        return EXIT_SPIN_FAILED;
    }
    int status = o.bare ? spin_emu_run_bare(&o) : spin_emu_run_kernel(&o);
    free(o.env);
    return status;
}
