#!/usr/bin/env bash
# Boots Spin's guest on spin-emu --kernel and checks what a user of the machine sees.
#   guest-test.sh build PATHS_FILE              build (or find cached) kernel + test initrd
#   guest-test.sh CASE PATHS_FILE SPIN_EMU...   run one case against that spin-emu
# Prints "ok: ..." and exits 0, or says what was wrong and exits 1.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
case_name=$1 paths=$2
shift 2

if [ "$case_name" = build ]; then
  kernel=$("$here/osimage/build-kernel.sh" | tail -n 1) || exit 1
  initrd=$("$here/osimage/build-test-initrd.sh" | tail -n 1) || exit 1
  printf 'kernel=%q\ninitrd=%q\n' "$kernel" "$initrd" > "$paths.tmp" && mv "$paths.tmp" "$paths"
  echo "ok: kernel $kernel, initrd $initrd"
  exit 0
fi

# shellcheck disable=SC1090
. "$paths"
emu=("$@")
err_file=$(mktemp)
responder_pid=
trap 'rm -f "$err_file"; [ -z "$responder_pid" ] || kill "$responder_pid" 2>/dev/null' EXIT
fail() { echo "FAIL: $*"; echo "spin-emu said:"; cat "$err_file"; exit 1; }
now_ns() { date +%s%N; }
# run_guest OUT_VAR STATUS_VAR CMD...: runs a command in the guest (busybox initrd).
run_guest() {
  local -n out_ref=$1 status_ref=$2
  shift 2
  out_ref=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- "$@" 2>"$err_file")
  status_ref=$?
}
# cpu_seconds CMD...: user+system CPU seconds the command used.
cpu_seconds() {
  local t
  t=$(mktemp)
  /usr/bin/time -o "$t" -f '%U %S' "$@" >/dev/null 2>&1 || { rm -f "$t"; fail "$* failed"; }
  awk 'END { if (NF != 2) exit 1; print $1 + $2 }' "$t" || { rm -f "$t"; fail "no CPU time measured"; }
  rm -f "$t"
}

case $case_name in
boot-ready)
  err=$("${emu[@]}" --kernel "$kernel" 2>&1 >/dev/null); status=$?
  [ $status -eq 0 ] || fail "boot exited $status: $err"
  grep -Eq 'guest ready after [0-9.]+ s \(kernel 6\.1' <<<"$err" || fail "no ready report: $err"
  echo "ok: $err" ;;
verbose-log)
  err=$("${emu[@]}" --kernel "$kernel" --verbose 2>&1 >/dev/null); status=$?
  [ $status -eq 0 ] || fail "exit $status"
  grep -q 'Linux version 6.1' <<<"$err" || fail "no kernel log with --verbose"
  quiet=$("${emu[@]}" --kernel "$kernel" 2>&1 >/dev/null)
  grep -q 'Linux version' <<<"$quiet" && fail "kernel log printed without --verbose"
  echo "ok: kernel log only with --verbose" ;;
echo)
  run_guest out status /bin/busybox echo hello from the guest
  [ $status -eq 0 ] && [ "$out" = "hello from the guest" ] || fail "status $status, output '$out'"
  echo "ok: $out" ;;
exit-0)
  run_guest out status /bin/busybox true
  [ $status -eq 0 ] || fail "status $status"; echo "ok: 0" ;;
exit-3)
  run_guest out status /bin/sh -c 'exit 3'
  [ $status -eq 3 ] || fail "status $status"; echo "ok: 3" ;;
exit-signal)
  run_guest out status /bin/sh -c 'kill -9 $$'
  [ $status -eq 137 ] || fail "status $status (want 128+9)"; echo "ok: 137" ;;
not-found)
  run_guest out status /bin/no-such-program
  [ $status -eq 127 ] || fail "status $status (want 127)"; echo "ok: 127" ;;
sleep-1s)
  # The guest's `sleep 1` should take about a second of wall time: compare with `true`.
  t0=$(now_ns); run_guest out status /bin/busybox true; t1=$(now_ns)
  run_guest out status /bin/busybox sleep 1; t2=$(now_ns)
  [ $status -eq 0 ] || fail "sleep exited $status"
  extra=$(( (t2 - t1) - (t1 - t0) ))
  ms=$(( extra / 1000000 ))
  [ $ms -ge 800 ] && [ $ms -le 1500 ] || fail "sleep 1 took $ms ms more than true"
  echo "ok: sleep 1 took $ms ms" ;;
idle-cpu)
  # While the guest sleeps 5 s the host must stay (nearly) idle: under 10% of a core.
  base=$(cpu_seconds "${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- /bin/busybox true)
  slept=$(cpu_seconds "${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- /bin/busybox sleep 5)
  awk -v a="$base" -v b="$slept" 'BEGIN { exit !((b - a) < 0.5) }' \
    || fail "sleeping 5 s cost $slept s of CPU against $base s for true"
  echo "ok: CPU $slept s for sleep 5, $base s for true" ;;
wall-clock)
  # The guest's clock (from the goldfish RTC at boot) is the host's within a second.
  run_guest out status /bin/busybox date +%s
  host=$(date +%s)
  [ $status -eq 0 ] || fail "date exited $status"
  diff=$(( host - out )); diff=${diff#-}
  [ $diff -le 1 ] || fail "guest $out, host $host"
  echo "ok: guest $out, host $host" ;;
net-ping)
  # eth0 attached to a responder on loopback (tests/guest/net-responder.mjs) playing
  # 10.0.2.2: the guest configures the interface with busybox ip, sees the MAC given on
  # the command line, and pings; the responder sees the ARP and echo requests come
  # from that MAC (3 pings, then one of a full MTU, then a UDP datagram whose checksum
  # the guest leaves to the device). Without --net-udp the machine has no network device at all.
  run_guest out status /bin/busybox ls /sys/class/net
  [ $status -eq 0 ] && [ "$out" = lo ] || fail "without --net-udp: status $status, interfaces '$out'"
  mac=52:54:00:ab:cd:ef
  log=$(mktemp)
  node "$here/tests/guest/net-responder.mjs" > "$log" 2>&1 & responder_pid=$!
  for _ in $(seq 50); do grep -q '^port ' "$log" && break; sleep 0.1; done
  port=$(sed -n 's/^port //p' "$log")
  [ -n "$port" ] || fail "the responder did not start: $(cat "$log")"
  out=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" --net-udp "$port" --net-mac "$mac" \
    --stats -- /bin/sh -c 'ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 &&
                cat /sys/class/net/eth0/address && ping -c 3 10.0.2.2 &&
                ping -c 1 -s 1472 10.0.2.2 && echo hello | nc -u -w 1 10.0.2.2 9' 2>"$err_file")
  status=$?
  kill "$responder_pid"; wait "$responder_pid" 2>/dev/null; responder_pid=
  seen=$(cat "$log"); rm -f "$log"
  [ $status -eq 0 ] || fail "status $status, output: $out; responder saw: $seen"
  grep -qx "$mac" <<<"$out" || fail "the guest's eth0 address is not $mac: $out"
  grep -q '3 packets transmitted, 3 packets received' <<<"$out" || fail "ping: $out"
  grep -q "^arp-request $mac 10.0.2.15\$" <<<"$seen" || fail "no ARP request from $mac: $seen"
  # The last ping fills a whole 1500-byte MTU: 1514-byte frames both ways.
  grep -q '1 packets transmitted, 1 packets received' <<<"$out" || fail "full-size ping: $out"
  [ "$(grep -c "^echo-request $mac 10.0.2.15 seq" <<<"$seen")" -eq 4 ] \
    || fail "the responder did not see 4 echo requests from $mac: $seen"
  # The UDP datagram's checksum was left to the device (VIRTIO_NET_F_CSUM) and is right.
  grep -q "^udp $mac 10.0.2.15:[0-9]* to 9 bytes 6 checksum ok\$" <<<"$seen" \
    || fail "no UDP datagram with a good checksum: $seen"
  grep -q '"tx_checksums":[1-9]' "$err_file" || fail "the device completed no checksum"
  echo "ok: $(grep 'packets' <<<"$out" | tr '\n' ' ')UDP checksum completed by the device" ;;
qemu-same)
  # The reference: the same kernel and command on QEMU's virt machine give the same
  # output and status.
  run_guest ours status /bin/sh -c 'echo same; exit 5'
  theirs=$("$here/osimage/qemu-boot.sh" "$kernel" --initrd "$initrd" -- /bin/sh -c 'echo same; exit 5' 2>&1)
  qstatus=$?
  [ $status -eq 5 ] && [ $qstatus -eq 5 ] || fail "status: ours $status, QEMU $qstatus"
  grep -q '^same' <<<"$ours" || fail "our output: $ours"
  grep -q 'same' <<<"$theirs" || fail "QEMU's output: $theirs"
  echo "ok: both print 'same' and exit 5" ;;
*)
  fail "unknown case $case_name" ;;
esac
