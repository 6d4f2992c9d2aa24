#!/bin/sh
# Builds every ISA test (tests/isa/<group>/<name>.S or .c) and runs it on QEMU's spike
# machine; prints the failures and "N passed, N failed". Optional args: groups or files.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cc=${RISCV_CC:-riscv64-linux-gnu-gcc}
qemu=${QEMU:-qemu-system-riscv64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ $# -gt 0 ]; then
  srcs=""
  for a in "$@"; do
    if [ -d "$here/$a" ]; then srcs="$srcs $(ls "$here/$a"/*.S "$here/$a"/*.c 2>/dev/null)"
    elif [ -f "$here/$a" ]; then srcs="$srcs $here/$a"
    else srcs="$srcs $(cd "$(dirname "$a")" && pwd)/$(basename "$a")"; fi
  done
else
  srcs=$(ls "$here"/*/*.S "$here"/*/*.c 2>/dev/null | grep -v /include/)
fi
pass=0; fail=0
for src in $srcs; do
  rel=${src#"$here"/}
  name=$(echo "${rel%.*}" | tr / .)
  elf="$out/$name.elf"
  if ! "$cc" -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -O2 \
      -nostdlib -nostartfiles -ffreestanding -fno-pie -no-pie -Wl,--build-id=none \
      -Wl,--no-warn-rwx-segments -T "$root/tests/support/link.ld" -I "$root/tests/support" \
      -I "$here/include" "$root/tests/support/crt.S" "$root/tests/support/htif.c" "$src" \
      -o "$elf" 2>"$out/$name.log"; then
    echo "BUILD FAIL $name"; sed 's/^/    /' "$out/$name.log" | head -20
    fail=$((fail + 1)); continue
  fi
  timeout 10 "$qemu" -M spike -bios none -nographic -monitor none -kernel "$elf" >"$out/$name.out" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL $name (status $rc)"; fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
