#!/usr/bin/env bash
# Network benchmark: the guest's eth0 (virtio-net) attached by spin-emu --net-udp to the
# test responder (tests/guest/net-responder.mjs, playing 10.0.2.2 on loopback), and
# busybox ping sending echo requests with 1400-byte payloads as fast as its interval
# allows. Measures the whole path: guest driver, device, host socket, responder and back.
#   run.sh [--runs N] [--count N]     JSON lines on stdout, diagnostics on stderr.
# Lines: net.ping.rtt-avg-ms / rtt-max-ms (busybox ping's own figures, best run),
# net.ping.exchanges-per-second (echo requests the responder saw per second of wall
# time, first to last, best run), net.ping.loss-percent (worst run); then tcp.sh's
# net.tcp.* lines (throughput both ways through spin run's network, vs. loopback).
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3 count=500
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; --count) count=$2; shift 2 ;; *) shift ;; esac
done
native=${SPIN_EMU:-$root/build/native/emulator/spin-emu}
[ -x "$native" ] || { echo "net: no native spin-emu at $native (the wasm build has no --net-udp)" >&2; exit 0; }
command -v node >/dev/null || { echo "net: node not found" >&2; exit 1; }
kernel=$("$root/osimage/build-kernel.sh" 2>/dev/null | tail -n 1) || { echo "net: no kernel" >&2; exit 1; }
initrd=$("$root/osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1) || { echo "net: no initrd" >&2; exit 1; }

json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }
work=$(mktemp -d)
responder=
trap '[ -z "$responder" ] || kill "$responder" 2>/dev/null; rm -rf "$work"' EXIT

best_avg="" best_max="" best_rate="" worst_loss=0 status=0
for run in $(seq "$runs"); do
  node "$root/tests/guest/net-responder.mjs" --timestamps > "$work/seen" 2>&1 & responder=$!
  for _ in $(seq 50); do grep -q '^port ' "$work/seen" && break; sleep 0.1; done
  port=$(sed -n 's/^port //p' "$work/seen")
  [ -n "$port" ] || { echo "net: the responder did not start" >&2; exit 1; }
  out=$("$native" --kernel "$kernel" --initrd "$initrd" --net-udp "$port" -- /bin/sh -c \
    "ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 &&
     ping -q -c $count -i 0.001 -s 1400 10.0.2.2" 2>&1)
  kill "$responder"; wait "$responder" 2>/dev/null; responder=
  stats=$(sed -n 's|.*round-trip min/avg/max = \([0-9.]*\)/\([0-9.]*\)/\([0-9.]*\) ms.*|\2 \3|p' <<<"$out")
  loss=$(sed -n 's/.* \([0-9]*\)% packet loss.*/\1/p' <<<"$out")
  if [ -z "$stats" ] || [ -z "$loss" ]; then
    echo "net: run $run failed: $out" >&2
    status=1
    continue
  fi
  read -r avg max <<<"$stats"
  # Responder lines: "echo-request MAC IP seq N at SECONDS".
  rate=$(awk '/^echo-request/ { t = $NF; if (n++ == 0) first = t; last = t }
              END { if (n > 1 && last > first) printf "%.1f", (n - 1) / (last - first); else print 0 }' "$work/seen")
  echo "net: run $run: rtt avg $avg ms, max $max ms, loss $loss%, $rate exchanges/s" >&2
  if [ -z "$best_avg" ] || awk -v a="$avg" -v b="$best_avg" 'BEGIN { exit !(a < b) }'; then
    best_avg=$avg best_max=$max
  fi
  if [ -z "$best_rate" ] || awk -v a="$rate" -v b="$best_rate" 'BEGIN { exit !(a > b) }'; then best_rate=$rate; fi
  [ "$loss" -gt "$worst_loss" ] && worst_loss=$loss
done
[ -n "$best_avg" ] || exit 1
what=", \"what\":\"$count pings, 1400-byte payload, -i 0.001, best of $runs\""
json net.ping.rtt-avg-ms "$best_avg" ms null "$what"
json net.ping.rtt-max-ms "$best_max" ms null "$what"
json net.ping.exchanges-per-second "$best_rate" '1/s' null "$what"
json net.ping.loss-percent "$worst_loss" '%' null "$what"
# TCP throughput through spin run's user-mode network (tcp.sh).
bash "$root/tests/bench/net/tcp.sh" --runs "$runs" || status=1
exit $status
