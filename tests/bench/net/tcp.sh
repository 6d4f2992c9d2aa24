#!/usr/bin/env bash
# TCP throughput through the container's user-mode network (docs/net.md): `spin run` of a
# busybox image whose command reads BYTES from a loopback source (host -> guest) and
# writes BYTES to a loopback sink (guest -> host) through 10.0.2.2, both peers being
# tests/run/net-peer.py, which time each transfer themselves (sink: first byte to end
# of stream; source: accept to the reader's close). The reference is the same peers
# read and written by a host client on loopback in the same run.
#   tcp.sh [--runs N] [--bytes N]     JSON lines on stdout, diagnostics on stderr.
# Lines: net.tcp.host-to-guest-mib-per-second, net.tcp.guest-to-host-mib-per-second
# (best run; reference: the loopback figure), net.tcp.loopback-mib-per-second.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3 bytes=$((16 << 20))
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; --bytes) bytes=$2; shift 2 ;; *) shift ;; esac
done
spin=${SPIN:-$root/build/native/src/spin}
[ -x "$spin" ] || { echo "net.tcp: no native spin at $spin" >&2; exit 0; }
for tool in umoci python3; do
  command -v $tool >/dev/null || { echo "net.tcp: $tool not found" >&2; exit 0; }
done
cpio=$("$root/osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1) || { echo "net.tcp: no busybox" >&2; exit 1; }

json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

# The image: /bin/busybox alone.
(cd "$work" && mkdir files && (cd files && cpio -i --quiet --make-directories bin/busybox < "$cpio") &&
  umoci init --layout layout && umoci new --image layout:bb &&
  umoci insert --image layout:bb files/bin/busybox /bin/busybox &&
  umoci config --image layout:bb --os linux --architecture riscv64 --config.entrypoint /bin/busybox &&
  tar -C layout -cf bb.tar .) >/dev/null 2>&1 || { echo "net.tcp: cannot build the image" >&2; exit 1; }

peer() { # peer LOG MODE ARGS...: starts net-peer.py, prints its port
  local log=$1
  shift
  python3 "$root/tests/run/net-peer.py" "$@" > "$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^port ' "$log" && break; sleep 0.1; done
  sed -n 's/^port //p' "$log"
}
source_port=$(peer "$work/source.log" source "$bytes")
sink_port=$(peer "$work/sink.log" sink)
[ -n "$source_port" ] && [ -n "$sink_port" ] || { echo "net.tcp: the peers did not start" >&2; exit 1; }

# The last "<kind> BYTES SECONDS" line of a peer as MiB/s.
rate() { awk -v k="$1" '$1 == k { r = $2 / $3 / 1048576 } END { if (r) printf "%.2f", r; else exit 1 }' "$2"; }
better() { [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

best_in="" best_out="" best_loop="" status=0
for run in $(seq "$runs"); do
  # The loopback reference: a host client reading the source and feeding the sink.
  python3 - "$source_port" "$sink_port" "$bytes" <<'PY' || { echo "net.tcp: loopback client failed" >&2; exit 1; }
import socket, sys
src, sink, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
with socket.create_connection(("127.0.0.1", src)) as s:
    while s.recv(1 << 16):
        pass
with socket.create_connection(("127.0.0.1", sink)) as s:
    block = bytes(1 << 16)
    for _ in range(n // len(block)):
        s.sendall(block)
    s.shutdown(socket.SHUT_WR)
    s.recv(100)
PY
  loop=$(rate source "$work/source.log")
  loop_out=$(rate sink "$work/sink.log")
  [ -n "$loop_out" ] && awk -v a="$loop_out" -v b="$loop" 'BEGIN { exit !(a < b) }' && loop=$loop_out
  out=$("$spin" run --image-file "$work/bb.tar" sh -c \
    "busybox nc 10.0.2.2 $source_port > /dev/null && busybox dd if=/dev/zero bs=65536 count=$((bytes / 65536)) 2>/dev/null | busybox nc 10.0.2.2 $sink_port" 2>&1)
  if [ $? -ne 0 ]; then
    echo "net.tcp: run $run failed: $out" >&2
    status=1
    continue
  fi
  in=$(rate source "$work/source.log") guest_out=$(rate sink "$work/sink.log")
  echo "net.tcp: run $run: host->guest $in MiB/s, guest->host $guest_out MiB/s, loopback $loop MiB/s" >&2
  better "$in" "$best_in" && best_in=$in
  better "$guest_out" "$best_out" && best_out=$guest_out
  better "$loop" "$best_loop" && best_loop=$loop
done
[ -n "$best_in" ] || exit 1
what=", \"what\":\"$((bytes >> 20)) MiB through spin run's network (nc in busybox), best of $runs\""
json net.tcp.host-to-guest-mib-per-second "$best_in" 'MiB/s' "\"net.tcp.loopback-mib-per-second\"" "$what"
json net.tcp.guest-to-host-mib-per-second "$best_out" 'MiB/s' "\"net.tcp.loopback-mib-per-second\"" "$what"
json net.tcp.loopback-mib-per-second "$best_loop" 'MiB/s' null ", \"what\":\"the same peers with a host client, slower direction, best of $runs\""
exit $status
