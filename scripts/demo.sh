#!/usr/bin/env bash
# The README's first command: set everything up, build the native emulator and run a
# program on it. (Until containers run, the program is a bare-metal RISC-V demo built
# here from source; no network is needed after setup.)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target spin-emu hello_program >/dev/null
exec build/native/emulator/spin-emu --bare build/native/tests/support/hello.elf "$@"
