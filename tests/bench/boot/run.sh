#!/usr/bin/env bash
# Boot benchmark: Spin's guest kernel booted to its init, which runs `true` and powers
# off; wall time per machine, best of N runs, all measured in this run:
#   spin-emu (native), spin-emu-wasm (Node), qemu-system-riscv64 -M virt (the reference,
#   with its own OpenSBI firmware and the same kernel and initramfs).
# Also: guest instructions to the init's ready message, and the CPU benchmark
# (tests/bench/cpu) run as a Linux program inside the booted guest on spin-emu and QEMU.
#   run.sh [--runs N]      JSON lines on stdout, diagnostics on stderr.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; *) shift ;; esac
done
native=${SPIN_EMU:-$root/build/native/emulator/spin-emu}
wasm=${SPIN_EMU_WASM:-$root/build/wasm/emulator/spin-emu-wasm}
kernel=$("$root/osimage/build-kernel.sh" 2>/dev/null | tail -n 1) || { echo "boot: no kernel" >&2; exit 1; }
initrd=$("$root/osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1) || { echo "boot: no initrd" >&2; exit 1; }

now() { date +%s.%N; }
json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }

# best_time CMD...: the least wall time of $runs runs; fails if any run fails.
best_time() {
  local best="" t0 t1 dt
  for _ in $(seq "$runs"); do
    t0=$(now)
    "$@" >/dev/null 2>&1 || { echo "boot: '$*' failed" >&2; return 1; }
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; fi
  done
  echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

status=0
declare -A t
if [ -x "$native" ]; then
  t[native]=$(best_time "$native" --kernel "$kernel" --initrd "$initrd" -- /bin/busybox true) || status=1
  ready=$("$native" --kernel "$kernel" 2>&1 >/dev/null)
  insns=$(sed -n 's/.* \([0-9]*\) instructions).*/\1/p' <<<"$ready")
  ready_s=$(sed -n 's/.*guest ready after \([0-9.]*\) s.*/\1/p' <<<"$ready")
  json boot.guest-instructions-to-ready "${insns:-0}" instructions '"spin-emu native"'
  json boot.spin-emu-native.ready-seconds "${ready_s:-0}" s null
fi
if [ -x "$wasm" ]; then
  t[wasm]=$(best_time "$wasm" --kernel "$kernel" --initrd "$initrd" -- /bin/busybox true) || status=1
fi
if command -v qemu-system-riscv64 >/dev/null; then
  t[qemu]=$(best_time "$root/osimage/qemu-boot.sh" "$kernel" --initrd "$initrd" -- /bin/busybox true) || status=1
fi
for k in native wasm qemu; do
  [ -n "${t[$k]:-}" ] && json "boot.$k.seconds" "${t[$k]}" s null ', "what":"boot, run true, power off"'
done
if [ -n "${t[qemu]:-}" ]; then
  [ -n "${t[native]:-}" ] && json boot.spin-emu-native.vs-qemu "$(ratio "${t[native]}" "${t[qemu]}")" x '"qemu-system-riscv64 -M virt"' ', "goal":1'
  [ -n "${t[wasm]:-}" ] && json boot.spin-emu-wasm.vs-qemu "$(ratio "${t[wasm]}" "${t[qemu]}")" x '"qemu-system-riscv64 -M virt"' ', "goal":1.5'
fi

# The CPU benchmark as a Linux program inside the guest.
bench_elf="$root/build/bench/cpu/cpu-linux-rv64.elf"
if [ -f "$bench_elf" ] && [ -n "${t[native]:-}" ]; then
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/root" && cp "$bench_elf" "$work/root/cpu-bench"
  (cd "$work/root" && echo cpu-bench | cpio -o -H newc -R 0:0 --quiet > "$work/bench.cpio")
  tb=$(best_time "$native" --kernel "$kernel" --initrd "$work/bench.cpio" -- /cpu-bench) || status=1
  tq=$(best_time "$root/osimage/qemu-boot.sh" "$kernel" --initrd "$work/bench.cpio" -- /cpu-bench) || status=1
  tn=$(best_time "$root/build/bench/cpu/cpu-native") || status=1
  json boot.cpu-in-linux.spin-emu-native.seconds "$tb" s null ', "what":"boot + CPU benchmark + power off"'
  json boot.cpu-in-linux.qemu.seconds "$tq" s null ', "what":"boot + CPU benchmark + power off"'
  json boot.cpu-in-linux.spin-emu-native.vs-native-x86 "$(ratio "$tb" "$tn")" x '"native-x86"'
  json boot.cpu-in-linux.spin-emu-native.vs-qemu "$(ratio "$tb" "$tq")" x '"qemu-system-riscv64 -M virt"'
fi
exit $status
