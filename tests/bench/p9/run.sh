#!/usr/bin/env bash
# 9p benchmark: the guest reads a 64 MiB file from a host folder (dd, 256 KiB reads)
# and writes one back, over virtio-9p, on spin-emu (native and wasm: -v HOST:/import,
# served by src/fs) and on qemu-system-riscv64 -M virt (the reference: QEMU's own 9p
# server, virtio-9p-device, mounted by the command itself with the init's options).
# Each time is the best of N runs minus the best time of the same boot running `true`,
# so it is the transfer alone.
#   run.sh [--runs N] [--mib M]     JSON lines on stdout, diagnostics on stderr.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3 mib=64
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; --mib) mib=$2; shift 2 ;; *) shift ;; esac
done
native=${SPIN_EMU:-$root/build/native/emulator/spin-emu}
wasm=${SPIN_EMU_WASM:-$root/build/wasm/emulator/spin-emu-wasm}
kernel=$("$root/osimage/build-kernel.sh" 2>/dev/null | tail -n 1) || { echo "p9: no kernel" >&2; exit 1; }
initrd=$("$root/osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1) || { echo "p9: no initrd" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/share"
head -c $((mib << 20)) /dev/urandom > "$work/share/big"

now() { date +%s.%N; }
json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }
# best_time CMD...: "WALL CPU", the least wall time and the least CPU time (user +
# system, children included) of $runs runs; fails if any run fails. CPU time is the
# steadier measure on a busy machine.
best_time() {
  local best="" best_cpu="" t0 t1 dt cpu
  for _ in $(seq "$runs"); do
    rm -f "$work/share/out"
    t0=$(now)
    /usr/bin/time -o "$work/time" -f '%U %S' "$@" >/dev/null 2>&1 </dev/null \
      || { echo "p9: '$*' failed" >&2; return 1; }
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    cpu=$(awk 'END { printf "%.4f", $1 + $2 }' "$work/time")
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; fi
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
  done
  echo "$best $best_cpu"
}
# mbps RUN BASE FIELD: MiB per second of the difference (FIELD 1 wall, 2 CPU).
mbps() {
  awk -v r="$1" -v b="$2" -v f="$3" -v m="$mib" 'BEGIN {
    split(r, x, " "); split(b, y, " "); d = x[f] - y[f]; if (d < 0.001) d = 0.001; printf "%.1f", m / d }'
}
# emit NAME RUN BASE REFERENCE EXTRA: one JSON line, wall-time rate plus cpu_MBps.
emit() {
  json "$1" "$(mbps "$2" "$3" 1)" MBps "$4" ", \"cpu_MBps\":$(mbps "$2" "$3" 2)$5"
}

read_cmd="dd if=/import/big of=/dev/null bs=262144 2>/dev/null"
write_cmd="dd if=/dev/zero of=/import/out bs=65536 count=$((mib * 16)) 2>/dev/null && sync"
status=0
# spin-emu: the host folder at /import through -v.
for variant in native wasm; do
  emu=$native
  [ $variant = wasm ] && emu=$wasm
  [ -x "$emu" ] || continue
  run=("$emu" --kernel "$kernel" --initrd "$initrd" -v "$work/share:/import" -- /bin/sh -c)
  base=$(best_time "${run[@]}" true) || { status=1; continue; }
  tr=$(best_time "${run[@]}" "$read_cmd") || { status=1; continue; }
  tw=$(best_time "${run[@]}" "$write_cmd") || { status=1; continue; }
  emit "p9.read.spin-emu-$variant.MBps" "$tr" "$base" null ", \"what\":\"guest dd of a ${mib} MiB host file to /dev/null, 256 KiB reads\", \"runs\":$runs"
  emit "p9.write.spin-emu-$variant.MBps" "$tw" "$base" null ", \"what\":\"guest dd of ${mib} MiB to a host file, sync\", \"runs\":$runs"
done
# QEMU: its own 9p server for the same folder, mounted by the command.
if command -v qemu-system-riscv64 >/dev/null; then
  mnt="mkdir -p /import && mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,access=client,cache=mmap spin /import"
  q=("$root/osimage/qemu-boot.sh" "$kernel" --initrd "$initrd"
     --qemu -fsdev --qemu "local,id=fs0,path=$work/share,security_model=none"
     --qemu -device --qemu virtio-9p-device,fsdev=fs0,mount_tag=spin -- /bin/sh -c)
  base=$(best_time "${q[@]}" "$mnt") || status=1
  tr=$(best_time "${q[@]}" "$mnt && $read_cmd") || status=1
  tw=$(best_time "${q[@]}" "$mnt && $write_cmd") || status=1
  if [ $status -eq 0 ]; then
    emit p9.read.qemu.MBps "$tr" "$base" '"qemu-system-riscv64 -M virt, virtio-9p-device"' ", \"runs\":$runs"
    emit p9.write.qemu.MBps "$tw" "$base" '"qemu-system-riscv64 -M virt, virtio-9p-device"' ", \"runs\":$runs"
  fi
fi
exit $status
