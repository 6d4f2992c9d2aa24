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
fail() { echo "FAIL: $*"; echo "spin-emu said:"; cat "$err_file"; exit 1; }
now_ns() { date +%s%N; }
# run_guest OUT_VAR STATUS_VAR CMD...: runs a command in the guest (busybox initrd).
run_guest() {
  local -n out_ref=$1 status_ref=$2
  shift 2
  out_ref=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- "$@" 2>"$err_file")
  status_ref=$?
}
# run_guest_opts OUT_VAR STATUS_VAR SPIN-EMU-OPTIONS... -- CMD...: the same with options.
run_guest_opts() {
  local -n out_ref2=$1 status_ref2=$2
  shift 2
  out_ref2=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" "$@" 2>"$err_file")
  status_ref2=$?
}
# share_dir: a fresh host folder for a 9p case (removed on exit).
share_dir() {
  local d
  d=$(mktemp -d)
  cleanup+=("$d")
  echo "$d"
}
cleanup=()
trap 'rm -f "$err_file"; [ ${#cleanup[@]} -eq 0 ] || rm -rf "${cleanup[@]}";
  [ -z "$responder_pid" ] || kill "$responder_pid" 2>/dev/null' EXIT
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
quoted-arg)
  # The command travels in a run message: arguments may hold '"' and spaces.
  run_guest out status /bin/busybox echo 'say "hi"' '  two  spaces  '
  [ $status -eq 0 ] && [ "$out" = 'say "hi"   two  spaces  ' ] || fail "status $status, output '$out'"
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
  # (Generous above: on a loaded machine the two boots differ by more than a bit.)
  t0=$(now_ns); run_guest out status /bin/busybox true; t1=$(now_ns)
  run_guest out status /bin/busybox sleep 1; t2=$(now_ns)
  [ $status -eq 0 ] || fail "sleep exited $status"
  extra=$(( (t2 - t1) - (t1 - t0) ))
  ms=$(( extra / 1000000 ))
  [ $ms -ge 800 ] && [ $ms -le 3000 ] || fail "sleep 1 took $ms ms more than true"
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
stdout-stderr)
  # stdout and stderr come back apart, each on its own stream.
  run_guest out status /bin/sh -c 'echo to-out; echo to-err >&2; exit 4'
  [ $status -eq 4 ] || fail "status $status"
  [ "$out" = to-out ] || fail "stdout was '$out'"
  grep -qx to-err "$err_file" || fail "stderr lacks to-err"
  echo "ok: stdout and stderr apart, status 4" ;;
stdin-pipe)
  # -i forwards stdin and ends it at end of file; without -i the command reads nothing.
  out=$(printf 'one\ntwo\nthree\n' | "${emu[@]}" --kernel "$kernel" --initrd "$initrd" -i -- /bin/sh -c 'wc -l; echo done' 2>"$err_file")
  status=$?
  [ $status -eq 0 ] && [ "$(echo $out)" = "3 done" ] || fail "status $status, output '$out'"
  out=$(echo ignored | "${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- /bin/sh -c 'cat; echo end; [ -t 0 ] || echo not-a-tty' 2>"$err_file")
  [ "$(echo $out)" = "end not-a-tty" ] || fail "without -i: '$out'"
  echo "ok: piped 3 lines, EOF seen; without -i stdin is empty" ;;
options)
  # Environment (later -e wins), working directory and host name reach the command.
  run_guest_opts out status -e A=1 -e B=x -e A=2 -w /proc --hostname box -- \
    /bin/sh -c 'echo "$A $B $(pwd) $(hostname)"'
  [ $status -eq 0 ] && [ "$out" = "2 x /proc box" ] || fail "status $status, output '$out'"
  run_guest_opts out status -w /new/work/dir -- /bin/sh -c pwd
  [ $status -eq 0 ] && [ "$out" = /new/work/dir ] || fail "missing workdir not created: status $status, '$out'"
  run_guest_opts out status -w /bin/busybox -- /bin/true
  [ $status -eq 126 ] && grep -q 'chdir /bin/busybox: Not a directory' "$err_file" || fail "bad workdir: status $status"
  echo "ok: env, workdir (created if missing), hostname; a file as workdir gives 126" ;;
user)
  run_guest_opts out status -u 1000:100 -- /bin/sh -c 'id -u; id -g; echo $HOME'
  [ $status -eq 0 ] && [ "$(echo $out)" = "1000 100 /" ] || fail "status $status, output '$out'"
  run_guest_opts out status -u nosuchuser -- /bin/true
  [ $status -eq 126 ] && grep -q 'unable to find user nosuchuser' "$err_file" || fail "unknown user: status $status"
  run_guest_opts out status -u 1000 -- /bin/sh -c 'echo x > /dev/shm/f && cat /dev/shm/f; kill -0 1 2>/dev/null || echo denied'
  [ "$(echo $out)" = "x denied" ] || fail "uid 1000: '$out'"
  echo "ok: -u uid:gid, unknown user 126, unprivileged" ;;
tty)
  # -t: the command's stdio is a terminal (output processing on: "\r\n"); without, not.
  run_guest_opts out status -t -- /bin/sh -c '[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo "tty $TERM"'
  [ $status -eq 0 ] && [ "$out" = $'tty xterm\r' ] || fail "status $status, output '$out'"
  run_guest out status /bin/sh -c '[ -t 1 ] || [ -t 2 ] || echo no-tty'
  [ "$out" = no-tty ] || fail "without -t: '$out'"
  echo "ok: terminal with -t only" ;;
dev)
  run_guest out status /bin/sh -c 'for d in null zero full random urandom tty ptmx; do [ -c /dev/$d ] || echo "no $d"; done;
    [ -d /dev/shm ] && [ -d /dev/pts ] || echo "no shm/pts"; echo x > /dev/full 2>/dev/null && echo "full took it";
    [ "$(dd if=/dev/zero bs=4 count=1 2>/dev/null | wc -c)" = 4 ] || echo "zero broken";
    ls -l /dev/fd | grep -q "/dev/fd -> /proc/self/fd" || echo "no /dev/fd"; echo ok'
  [ $status -eq 0 ] && [ "$out" = ok ] || fail "status $status, output '$out'"
  echo "ok: /dev nodes" ;;
timeout)
  t0=$(now_ns)
  run_guest_opts out status --timeout 1 -- /bin/sleep 30
  ms=$(( ($(now_ns) - t0) / 1000000 ))
  [ $status -eq 137 ] || fail "status $status (want 137)"
  [ $ms -lt 20000 ] || fail "took $ms ms"
  echo "ok: killed after the timeout, 137" ;;
kill-signal)
  # SIGTERM to spin-emu reaches the command: sleep dies of it, 128+15.
  "${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- /bin/sleep 30 >/dev/null 2>"$err_file" &
  pid=$!
  sleep 3
  kill -TERM $pid
  wait $pid; status=$?
  [ $status -eq 143 ] || fail "status $status (want 143)"
  echo "ok: SIGTERM forwarded, 143" ;;
9p-ls)
  # A host folder at /import: the guest lists it and reads a file.
  d=$(share_dir)
  echo "hello from the host" > "$d/greeting.txt"
  mkdir "$d/sub" && touch "$d/sub/inner"
  run_guest_opts out status -v "$d:/import" -- /bin/sh -c 'ls -1 /import; cat /import/greeting.txt; ls -1 /import/sub'
  [ $status -eq 0 ] || fail "status $status, output '$out'"
  [ "$out" = $'greeting.txt\nsub\nhello from the host\ninner' ] || fail "output '$out'"
  echo "ok: ls and cat through 9p" ;;
9p-write)
  # The guest writes, renames and removes in the host folder; the host sees it.
  d=$(share_dir)
  echo old > "$d/old.txt"
  run_guest_opts out status -v "$d:/work" -- /bin/sh -c \
    'echo "written by the guest" > /work/new.txt && mkdir /work/dir && mv /work/old.txt /work/dir/moved.txt && rm /work/dir/moved.txt && ln -s new.txt /work/link'
  [ $status -eq 0 ] || fail "status $status, output '$out'"
  [ "$(cat "$d/new.txt")" = "written by the guest" ] || fail "host sees '$(cat "$d/new.txt" 2>&1)'"
  [ -d "$d/dir" ] && [ ! -e "$d/old.txt" ] && [ ! -e "$d/dir/moved.txt" ] || fail "host tree: $(ls -R "$d")"
  [ "$(readlink "$d/link")" = new.txt ] || fail "symlink: $(ls -l "$d")"
  echo "ok: the host sees the guest's writes" ;;
9p-ro)
  # :ro mounts refuse writes with "Read-only file system"; reads still work.
  d=$(share_dir)
  echo keep > "$d/file.txt"
  run_guest_opts out status -v "$d:/ro:ro" -- /bin/sh -c 'cat /ro/file.txt; echo x > /ro/file.txt; echo x > /ro/new.txt; rm -f /ro/file.txt'
  [ $status -ne 0 ] || fail "writes succeeded"
  grep -q "Read-only file system" "$err_file" || fail "no 'Read-only file system' on stderr"
  grep -q '^keep' <<<"$out" || fail "could not read: $out"
  [ "$(cat "$d/file.txt")" = keep ] && [ ! -e "$d/new.txt" ] || fail "the host folder changed"
  echo "ok: read-only mount refused writes" ;;
9p-escape)
  # Symlinks in a host folder that point out of it lead nowhere outside.
  d=$(share_dir); outside=$(share_dir)
  echo TOP-SECRET-CONTENT > "$outside/secret"
  ln -s "$outside" "$d/abs"
  ln -s "../$(basename "$outside")" "$d/rel"
  run_guest_opts out status -v "$d:/import" -- /bin/sh -c \
    'cat /import/abs/secret; cat /import/rel/secret; echo planted > /import/abs/planted; cat /import/../../secret; ls /import/..'
  { grep -q TOP-SECRET <<<"$out" || grep -q TOP-SECRET "$err_file"; } && fail "the guest read outside the folder: $out"
  [ ! -e "$outside/planted" ] || fail "the guest wrote outside the folder"
  echo "ok: no way out of the folder" ;;
9p-rootfs)
  # --rootfs: a host folder holding a static busybox is the command's root.
  d=$(share_dir); data=$(share_dir)
  (cd "$d" && cpio -idm --quiet < "$initrd") || fail "cannot unpack $initrd"
  out=$("${emu[@]}" --kernel "$kernel" --rootfs "$d" -- /bin/busybox echo hi 2>"$err_file"); status=$?
  [ $status -eq 0 ] && [ "$out" = hi ] || fail "status $status, output '$out'"
  out=$("${emu[@]}" --kernel "$kernel" --rootfs "$d" -v "$data:/data" -- \
        /bin/sh -c 'echo root-write > /made-in-guest; ls -1d /proc/1 /dev/null /data; cat /proc/mounts | grep -c 9p' 2>"$err_file"); status=$?
  [ $status -eq 0 ] || fail "status $status, output '$out'"
  [ "$(cat "$d/made-in-guest")" = root-write ] || fail "the root's write did not reach the host"
  grep -q '^/proc/1$' <<<"$out" && grep -q '^/dev/null$' <<<"$out" || fail "proc/dev not moved: $out"
  echo "ok: busybox ran from a 9p root; its writes reach the host folder" ;;
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
