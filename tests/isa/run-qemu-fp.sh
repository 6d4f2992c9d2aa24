#!/bin/sh
# Builds the floating-point ISA tests (rv64f, rv64d, fpmisc) into a temporary directory
# and runs each on QEMU's spike machine (the reference), printing one line per failing
# test and a final "N passed, N failed". Usage: tests/isa/run-qemu-fp.sh [test sources...]
# Environment: CC (default riscv64-linux-gnu-gcc), QEMU (default qemu-system-riscv64),
# TIMEOUT seconds per test (default 20); SPIN_EMU=path/to/spin-emu runs the programs on
# our emulator (spin-emu --bare) instead of QEMU.
set -u
here=$(cd "$(dirname "$0")" && pwd)
support="$here/../support"
CC=${CC:-riscv64-linux-gnu-gcc}
QEMU=${QEMU:-qemu-system-riscv64}
TIMEOUT=${TIMEOUT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -eq 0 ]; then
    set -- $(ls "$here"/rv64f/*.[Sc] "$here"/rv64d/*.[Sc] "$here"/fpmisc/*.[Sc] 2>/dev/null)
fi
pass=0
fail=0
for src in "$@"; do
    name=$(basename "$(dirname "$src")").$(basename "$src" | sed 's/\.[Sc]$//')
    elf="$tmp/$name.elf"
    if ! "$CC" -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -O2 \
            -nostdlib -nostartfiles -ffreestanding -fno-pie -no-pie \
            -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
            -T "$support/link.ld" -I "$support" -I "$here/include" \
            "$support/crt.S" "$support/htif.c" "$src" -o "$elf" 2>"$tmp/$name.log"; then
        echo "FAIL $name (build)"; head -n 5 "$tmp/$name.log" | sed "s/^/    /"
        fail=$((fail + 1)); continue
    fi
    if [ -n "${SPIN_EMU:-}" ]; then
        timeout "$TIMEOUT" "$SPIN_EMU" --bare "$elf" </dev/null >"$tmp/$name.out" 2>&1
    else
        timeout "$TIMEOUT" "$QEMU" -M spike -bios none -nographic -monitor none -kernel "$elf" \
            </dev/null >"$tmp/$name.out" 2>&1
    fi
    rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1))
    else
        if [ $rc -eq 124 ]; then why="timeout"; else why="exit status $rc (failing case number)"; fi
        echo "FAIL $name: $why"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
