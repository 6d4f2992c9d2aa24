#!/usr/bin/env bash
# Boots the guest kernel on QEMU (-M virt) and checks the init's behaviour end to end:
# ready message, a command from the kernel command line and from the control port, exit
# status and signal propagation, error reports. Builds the kernel and the busybox test
# initramfs first (cached; minutes on the first run). Prints "N passed, N failed" and
# fails if anything failed.
#
#   osimage/tests/qemu-boot.test.sh [IMAGE [BUSYBOX_CPIO]]
set -uo pipefail
osimage=$(cd "$(dirname "$0")/.." && pwd)
image=${1:-$("$osimage/build-kernel.sh")} || { echo "kernel build failed"; exit 1; }
initrd=${2:-$("$osimage/build-test-initrd.sh")} || { echo "busybox build failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# boot NAME ARGS...: runs qemu-boot.sh; leaves $tmp/NAME.{out,err} and $status.
boot() {
  local name=$1; shift
  "$osimage/qemu-boot.sh" "$image" --timeout 60 "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  status=$?
}
ok() { passed=$((passed + 1)); echo "ok   - $1"; }
not_ok() {
  failed=$((failed + 1)); echo "FAIL - $1"
  echo "  --- control (stdout) ---"; sed 's/^/  /' "$tmp/$2.out"
  echo "  --- console (stderr, last 15 lines) ---"; tail -n 15 "$tmp/$2.err" | sed 's/^/  /'
}
# check NAME DESCRIPTION CONDITION...: records a result for boot NAME.
check() {
  local name=$1 what=$2; shift 2
  if "$@"; then ok "$what"; else not_ok "$what" "$name"; fi
}
has_line() { grep -qE "$2" "$tmp/$1.out"; }
first_line() { head -n 1 "$tmp/$1.out" | grep -qE "$2"; }
console_has() { tr -d '\r' < "$tmp/$1.err" | grep -qxE "$2"; }
last_line() { tail -n 1 "$tmp/$1.out" | grep -qxE "$2"; }

# 1. The embedded initramfs alone: ready, then a command that does not exist.
boot missing -- /bin/nothing-here
check missing "boots to ready (kernel version, boot_ns)" \
  first_line missing '^\{"type":"ready","kernel":"6\.1\.[^"]*","boot_ns":[0-9]+\}$'
check missing "a missing command is reported as an error" \
  has_line missing '^\{"type":"error","message":"exec /bin/nothing-here: No such file or directory"\}$'
check missing "... and ends with status 127" last_line missing '\{"type":"exit","status":127\}'
check missing "qemu-boot.sh exits with the command's status (127)" test "$status" -eq 127

# 2. busybox from the extra initramfs, unpacked over the embedded one.
boot echo --initrd "$initrd" -- /bin/busybox echo hi
check echo "runs /bin/busybox echo hi from the extra initramfs" console_has echo 'hi'
check echo "... and reports status 0" last_line echo '\{"type":"exit","status":0\}'
check echo "qemu-boot.sh exits 0" test "$status" -eq 0
ready_ms=$(grep -o 'ready [0-9]* ms' "$tmp/echo.err" | grep -o '[0-9]*')
boot_ns=$(grep -o '"boot_ns":[0-9]*' "$tmp/echo.out" | grep -o '[0-9]*$')
echo "     time to ready: ${ready_ms:-?} ms wall from QEMU start, guest boot_ns ${boot_ns:-?}"

# 3. Exit status propagation through a shell, with an argument holding a space.
boot exit3 --initrd "$initrd" -- sh -c 'exit 3'
check exit3 "sh -c 'exit 3' reports status 3" last_line exit3 '\{"type":"exit","status":3\}'
check exit3 "qemu-boot.sh exits 3" test "$status" -eq 3

# 4. A command killed by a signal: 128 + n, and the signal number.
boot kill --initrd "$initrd" -- sh -c 'kill -TERM $$'
check kill "killed by SIGTERM reports status 143 and signal 15" \
  last_line kill '\{"type":"exit","status":143,"signal":15\}'

# 4b. SIGKILL, and a stray unknown word before "--" (Linux passes it to init as argv[1]).
boot sigkill --initrd "$initrd" --append stray -- sh -c 'kill -KILL $$'
check sigkill "killed by SIGKILL reports 137/9, ignoring a stray word before --" \
  last_line sigkill '\{"type":"exit","status":137,"signal":9\}'

# 4c. No control port: the messages go to /dev/console.
boot console --no-control --initrd "$initrd" -- sh -c 'echo on the console; exit 7'
ready_then_exit7() {
  [ "$(wc -l < "$tmp/console.out")" -eq 2 ] && first_line console '^\{"type":"ready",' &&
    last_line console '\{"type":"exit","status":7\}'
}
check console "without a control port, ready and exit come on the console" ready_then_exit7
check console "... the command's output too" console_has console 'on the console'
check console "... and qemu-boot.sh exits 7" test "$status" -eq 7

# 5. The command from the control port: argv, env, cwd.
boot port --initrd "$initrd" \
  --run '{"type":"run","argv":["sh","-c","echo \"$GREETING from $(pwd)\"; exit 5"],"env":["PATH=/bin","GREETING=hello there"],"cwd":"/proc"}'
check port "a run message on the control port runs with its env and cwd" \
  console_has port 'hello there from /proc'
check port "... and reports status 5" last_line port '\{"type":"exit","status":5\}'

# 6. A malformed run message is reported, and the machine still stops.
boot badrun --run '{"type":"run","argv":[]}'
check badrun "an empty argv is reported as an error" \
  last_line badrun '\{"type":"error","message":"\\"argv\\" must be a non-empty array of strings"\}'
check badrun "qemu-boot.sh exits 125 without an exit message" test "$status" -eq 125

# 7. A bad cwd (a missing one is created, as docker does; a file cannot be one).
boot badcwd --initrd "$initrd" --run '{"type":"run","argv":["true"],"cwd":"/init"}'
check badcwd "a cwd that is not a directory is reported as an error with status 126" \
  grep -qzE '"chdir /init: Not a directory"\}.\{"type":"exit","status":126\}' "$tmp/badcwd.out"

# 8. The devices Spin's machine will offer: a 9p share as the lower layer of an
#    overlay, virtio-blk, -net and -rng, and the goldfish RTC. (The script has quotes
#    and newlines, so it goes in a run message rather than on the kernel command line.)
mkdir -p "$tmp/share"
echo "from the host" > "$tmp/share/hello.txt"
truncate -s 1M "$tmp/disk.img"
script='mkdir -p /mnt /o && mount -t 9p -o trans=virtio,version=9p2000.L host /mnt &&
mount -t tmpfs t /o && mkdir /o/u /o/w /o/m &&
mount -t overlay -o lowerdir=/mnt,upperdir=/o/u,workdir=/o/w ov /o/m &&
echo "9p+overlay: $(cat /o/m/hello.txt)" && echo written > /mnt/out.txt &&
echo "devices: $(ls /sys/class/block) $(ls /sys/class/net | tr "
" " ")$(cat /sys/class/misc/hw_random/rng_current)" &&
echo "year: $(date +%Y)"'
boot devices --initrd "$initrd" \
  --qemu -fsdev --qemu "local,id=fs0,path=$tmp/share,security_model=none" \
  --qemu -device --qemu virtio-9p-device,fsdev=fs0,mount_tag=host \
  --qemu -drive --qemu "if=none,file=$tmp/disk.img,format=raw,id=d0" \
  --qemu -device --qemu virtio-blk-device,drive=d0 \
  --qemu -netdev --qemu user,id=n0 --qemu -device --qemu virtio-net-device,netdev=n0 \
  --qemu -device --qemu virtio-rng-device \
  --run "$(python3 -c 'import json, sys; print(json.dumps({"type": "run", "argv": ["sh", "-c", sys.argv[1]]}))' "$script")"
check devices "9p share mounts and serves as an overlay's lower layer" \
  console_has devices '9p\+overlay: from the host'
check devices "writes through 9p reach the host" grep -qx written "$tmp/share/out.txt"
check devices "virtio-blk, virtio-net and virtio-rng are probed" \
  console_has devices 'devices: vda eth0 lo virtio_rng\.0'
check devices "the RTC gives the host's year" console_has devices "year: $(date +%Y)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
