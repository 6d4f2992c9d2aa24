#!/usr/bin/env bash
# Boots a guest kernel on QEMU's reference machine (qemu-system-riscv64 -M virt, QEMU's
# own OpenSBI) with the control port our init looks for, and plays the host's side of
# the control protocol (osimage/control-host.py).
#
#   osimage/qemu-boot.sh IMAGE [--initrd CPIO] [--append ARGS] [--run JSON]
#                        [--timeout SECONDS] [--no-control] [--qemu ARG]...
#                        [-- CMD ARGS...]
#
# --qemu passes one more argument to QEMU (e.g. --qemu -device --qemu virtio-rng-device).
# --no-control leaves out the control port, so the init falls back to /dev/console: the
# control messages are then picked out of the console output.
# stdout: the init's control messages, one JSON object per line.
# stderr: the serial console (kernel log and the command's stdio) and timings.
# Exit status: the command's (from the "exit" message); 125 if there was none; 124 if
# the guest did not stop within the timeout (default 120 s).
#
# CMD ARGS go on the kernel command line after "--"; arguments holding spaces are
# double-quoted for the kernel. An argument containing '"' cannot be passed that way:
# use --run '{"type":"run","argv":[...]}' instead, which is sent on the control port.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '6,8p' "$0" | sed 's/^# *//' >&2; exit 2; }
# Exits like the script does, given the control messages on stdin.
exit_from_messages() {
  local st
  st=$(sed -n 's/^{"type":"exit","status":\([0-9]*\).*/\1/p' | tail -n 1)
  exit "${st:-125}"
}
[ $# -ge 1 ] || usage
image=$1; shift
initrd="" append="console=ttyS0 quiet" run="" timeout_s=120 control=1 cmd=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --initrd) initrd=$2; shift 2 ;;
    --append) append="$append $2"; shift 2 ;;
    --run) run=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --no-control) control=0; shift ;;
    --qemu) extra+=("$2"); shift 2 ;;
    --) shift; cmd=("$@"); break ;;
    *) usage ;;
  esac
done
[ -f "$image" ] || { echo "qemu-boot: no kernel image $image" >&2; exit 2; }

if [ ${#cmd[@]} -gt 0 ]; then
  append="$append --"
  for a in "${cmd[@]}"; do
    case "$a" in
      *'"'*) echo "qemu-boot: argument with '\"' cannot go on the kernel command line: $a" >&2; exit 2 ;;
      "" | *[[:space:]]*) append="$append \"$a\"" ;;
      *) append="$append $a" ;;
    esac
  done
fi

tmp=$(mktemp -d)
qemu_pid=""
cleanup() {
  [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

qemu=(qemu-system-riscv64 -M virt -smp 1 -m 256M -bios default
  -display none -monitor none -serial stdio -no-reboot
  -kernel "$image" -append "$append")
[ -n "$initrd" ] && qemu+=(-initrd "$initrd")
qemu+=("${extra[@]}")

if [ "$control" -eq 0 ]; then
  timeout "$timeout_s" "${qemu[@]}" < /dev/null > "$tmp/console" || true
  tr -d '\r' < "$tmp/console" | tee /dev/stderr | grep '^{"type":' | tee "$tmp/messages"
  exit_from_messages < "$tmp/messages"
fi
qemu+=(-device virtio-serial-device
  -chardev "socket,id=control,path=$tmp/control.sock,server=on,wait=on"
  -device virtserialport,chardev=control,name=spin.control)

start_ns=$(date +%s%N)
# The console goes to stderr so that stdout carries only control messages.
timeout "$timeout_s" "${qemu[@]}" < /dev/null >&2 &
qemu_pid=$!
status=0
python3 "$here/control-host.py" "$tmp/control.sock" "$start_ns" "$qemu_pid" ${run:+"$run"} || status=$?
qemu_status=0
wait "$qemu_pid" || qemu_status=$?
qemu_pid=""
if [ "$qemu_status" -eq 124 ]; then
  echo "qemu-boot: guest still running after $timeout_s s, stopped" >&2
  exit 124
fi
exit "$status"
