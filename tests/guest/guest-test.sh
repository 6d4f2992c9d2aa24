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
fail() { echo "FAIL: $*"; echo "spin-emu said:"; cat "$err_file"; exit 1; }
now_ns() { date +%s%N; }
# run_guest OUT_VAR STATUS_VAR CMD...: runs a command in the guest (busybox initrd).
run_guest() {
  local -n out_ref=$1 status_ref=$2
  shift 2
  out_ref=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" -- "$@" 2>"$err_file")
  status_ref=$?
}
# share_dir: a fresh host folder for a 9p case (removed on exit).
share_dir() {
  local d
  d=$(mktemp -d)
  cleanup+=("$d")
  echo "$d"
}
cleanup=()
trap 'rm -f "$err_file"; [ ${#cleanup[@]} -eq 0 ] || rm -rf "${cleanup[@]}"' EXIT
# run_shared OUT_VAR STATUS_VAR SPIN_EMU_OPTIONS... -- CMD...: like run_guest, with options.
run_shared() {
  local -n sh_out=$1 sh_status=$2
  shift 2
  sh_out=$("${emu[@]}" --kernel "$kernel" --initrd "$initrd" "$@" 2>"$err_file")
  sh_status=$?
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
9p-ls)
  # A host folder at /import: the guest lists it and reads a file.
  d=$(share_dir)
  echo "hello from the host" > "$d/greeting.txt"
  mkdir "$d/sub" && touch "$d/sub/inner"
  run_shared out status -v "$d:/import" -- /bin/sh -c 'ls -1 /import; cat /import/greeting.txt; ls -1 /import/sub'
  [ $status -eq 0 ] || fail "status $status, output '$out'"
  [ "$out" = $'greeting.txt\nsub\nhello from the host\ninner' ] || fail "output '$out'"
  echo "ok: ls and cat through 9p" ;;
9p-write)
  # The guest writes, renames and removes in the host folder; the host sees it.
  d=$(share_dir)
  echo old > "$d/old.txt"
  run_shared out status -v "$d:/work" -- /bin/sh -c \
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
  run_shared out status -v "$d:/ro:ro" -- /bin/sh -c 'cat /ro/file.txt; echo x > /ro/file.txt; echo x > /ro/new.txt; rm -f /ro/file.txt'
  [ $status -ne 0 ] || fail "writes succeeded"
  grep -q "Read-only file system" <<<"$out" || fail "no 'Read-only file system' in: $out"
  grep -q '^keep' <<<"$out" || fail "could not read: $out"
  [ "$(cat "$d/file.txt")" = keep ] && [ ! -e "$d/new.txt" ] || fail "the host folder changed"
  echo "ok: read-only mount refused writes" ;;
9p-escape)
  # Symlinks in a host folder that point out of it lead nowhere outside.
  d=$(share_dir); outside=$(share_dir)
  echo TOP-SECRET-CONTENT > "$outside/secret"
  ln -s "$outside" "$d/abs"
  ln -s "../$(basename "$outside")" "$d/rel"
  run_shared out status -v "$d:/import" -- /bin/sh -c \
    'cat /import/abs/secret; cat /import/rel/secret; echo planted > /import/abs/planted; cat /import/../../secret; ls /import/..'
  grep -q TOP-SECRET <<<"$out" && fail "the guest read outside the folder: $out"
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
