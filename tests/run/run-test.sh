#!/usr/bin/env bash
# `spin run` end to end (native): images from Debian's docker-registry on loopback (the
# cached fixtures of tests/oci) and from archives built here with umoci and skopeo, run
# on the emulated machine with the guest kernel the build made.
#   run-test.sh SPIN_BINARY CASE
# Prints "ok: ..." and exits 0, or says what was wrong and exits 1.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
oci="$here/../oci"
spin=$1
case_name=$2

work=$(mktemp -d)
. "$oci/fixtures/lib.sh"
trap 'fixture_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
real_home=$HOME   # the fixtures' caches (busybox, test images) live under the real one
export HOME="$work/home" DOCKER_CONFIG="$work/docker" SPIN_REGISTRY_MIRROR= SPIN_STORE="$work/store"
mkdir -p "$HOME" "$DOCKER_CONFIG"
err="$work/stderr"

fail() { echo "FAIL ($case_name): $*"; echo "spin's stderr:"; cat "$err" 2>/dev/null; exit 1; }
# spin_run ARGS...: stdout in $out, status in $status, stderr in $err.
spin_run() {
  out=$("$spin" run "$@" 2>"$err")
  status=$?
}

# The registry with the fixture images (test/busybox:oci-gzip: busybox + /etc/hello.txt,
# Cmd cat /etc/hello.txt, Env PATH=/bin SPIN=test, WorkingDir /etc, User 0:0).
registry() {
  local storage
  storage=$(HOME=$real_home "$oci/fixtures/build-test-images.sh") || fail "cannot build the test images"
  cp -a "$storage" "$work/storage"
  start_registry "$work/storage" || fail "docker-registry did not start"
  image="127.0.0.1:$registry_port/test/busybox:oci-gzip"
  # The wasm spin runs only images already in the store (its pulls need Node's event
  # loop, which a running container holds).
  if [[ $spin == *spin-wasm ]]; then "$spin" pull -q "$image" >/dev/null 2>"$err" || fail "pull failed"; fi
}

# An image layout of our own in $work/layout: tag "hello" with an entrypoint that prints
# "Hello from Docker!" (busybox from the fixtures' build input).
hello_layout() {
  local cpio
  cpio=$(HOME=$real_home "$here/../../osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1) || fail "no busybox"
  mkdir -p "$work/files" && (cd "$work/files" && cpio -i --quiet --make-directories bin/busybox < "$cpio")
  local rootless=()
  [ "$(id -u)" -eq 0 ] || rootless=(--rootless)
  (cd "$work" && umoci init --layout layout && umoci new --image layout:hello &&
    umoci insert "${rootless[@]}" --image layout:hello files/bin/busybox /bin/busybox &&
    umoci config --image layout:hello --os linux --architecture riscv64 \
      --config.entrypoint /bin/busybox --config.entrypoint echo \
      --config.cmd "Hello from Docker!" --config.env PATH=/bin) >/dev/null 2>&1 \
    || fail "umoci could not build the hello image"
}

# The network cases' image: busybox alone, as an OCI archive in $work/busybox.tar;
# commands run as `busybox sh -c '...'` with every applet called through busybox.
net_image() {
  hello_layout
  (cd "$work" && umoci config --image layout:hello --config.entrypoint /bin/busybox --config.cmd sh &&
    tar -C layout -cf busybox.tar .) >/dev/null 2>&1 || fail "cannot build the network image"
  net_archive="$work/busybox.tar"
}
# peer NAME MODE ARGS...: a loopback peer (net-peer.py) whose port goes into ${NAME}_port.
peer() {
  local name=$1 log="$work/peer-$1.log" i
  shift
  python3 "$here/net-peer.py" "$@" > "$log" 2>&1 &
  fixture_pids+=($!)
  for i in $(seq 100); do grep -q '^port ' "$log" && break; sleep 0.1; done
  printf -v "${name}_port" '%s' "$(sed -n 's/^port //p' "$log")"
  [ -n "$(sed -n 's/^port //p' "$log")" ] || fail "peer $name did not start: $(cat "$log")"
}
# spin_net_run ARGS... -- SCRIPT: spin run of the network image with busybox sh -c SCRIPT.
spin_net_run() {
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  spin_run "${args[@]}" --image-file "$net_archive" sh -c "$2"
}

case $case_name in
cached)
  # A run from the store: output, stderr apart, exit status.
  registry
  "$spin" pull -q "$image" >/dev/null 2>"$err" || fail "pull failed"
  spin_run "$image" /bin/busybox sh -c 'echo out; echo err >&2; exit 5'
  [ $status -eq 5 ] && [ "$out" = out ] && grep -qx err "$err" || fail "status $status, output '$out'"
  spin_run "$image"
  [ $status -eq 0 ] && [ "$out" = "hello from the spin test image" ] || fail "status $status, output '$out'"
  echo "ok: $out" ;;
pull-run)
  registry
  spin_run "$image"
  [ $status -eq 0 ] && [ "$out" = "hello from the spin test image" ] || fail "status $status, output '$out'"
  grep -q "Unable to find image" "$err" || fail "no pull message on stderr"
  spin_run "$image"   # now from the store: no pull
  [ $status -eq 0 ] && ! grep -q "Unable to find" "$err" || fail "second run pulled again or failed ($status)"
  echo "ok: pulled and ran: $out" ;;
seed-env)
  registry
  spin_run -e SPIN="is awesome" "$image" /bin/busybox sh -c 'echo $SPIN'
  [ $status -eq 0 ] && [ "$out" = "is awesome" ] || fail "status $status, output '$out'"
  printf '# comment\nA=1\n\nB=two words\n' > "$work/env.list"
  FROM_HOST=yes spin_run -e FROM_HOST --env-file "$work/env.list" "$image" \
    /bin/busybox sh -c 'echo "$FROM_HOST $A $B $SPIN"'
  [ "$out" = "yes 1 two words test" ] || fail "env from the host, a file and the image: '$out'"
  echo "ok: $out" ;;
seed-import)
  registry
  mkdir -p "$work/share/sub" && echo from-host > "$work/share/a.txt"
  spin_run -v "$work/share:/import" "$image" /bin/busybox ls /import
  [ $status -eq 0 ] && [ "$(echo $out)" = "a.txt sub" ] || fail "ls /import: status $status, '$out'"
  spin_run -v "$work/share:/import" "$image" /bin/busybox sh -c 'echo from-guest > /import/b.txt'
  [ $status -eq 0 ] && [ "$(cat "$work/share/b.txt")" = from-guest ] || fail "the guest's write did not reach the host"
  spin_run -v "$work/share:/import:ro" "$image" /bin/busybox sh -c 'echo x > /import/c.txt'
  [ $status -ne 0 ] && [ ! -e "$work/share/c.txt" ] && grep -q "Read-only file system" "$err" \
    || fail "a :ro mount took a write (status $status)"
  echo "ok: ls /import, rw write seen on the host, ro refused" ;;
rootfs-private)
  # The container's root is a private copy: writes do not reach the image or the next run.
  registry
  spin_run "$image" /bin/busybox sh -c 'echo changed > /etc/hello.txt; rm /bin/busybox.x 2>/dev/null; /bin/busybox cat /etc/hello.txt'
  [ $status -eq 0 ] && [ "$out" = changed ] || fail "write in the container: status $status, '$out'"
  spin_run "$image"
  [ "$out" = "hello from the spin test image" ] || fail "the image changed: '$out'"
  echo "ok: writes stay in the container" ;;
etc-files)
  # docker's /etc files and host name in the container's own copy.
  registry
  spin_run --hostname web1 "$image" /bin/busybox sh -c '/bin/busybox hostname; /bin/busybox cat /etc/hostname /etc/hosts /etc/resolv.conf'
  [ $status -eq 0 ] || fail "status $status"
  [ "$(head -n 2 <<<"$out")" = $'web1\nweb1' ] || fail "host name: '$out'"
  grep -q $'^127.0.0.1\tlocalhost' <<<"$out" && grep -q $'^127.0.1.1\tweb1' <<<"$out" || fail "/etc/hosts: '$out'"
  grep -q '^nameserver ' <<<"$out" && ! grep -q '^nameserver 127\.' <<<"$out" || fail "/etc/resolv.conf: '$out'"
  spin_run "$image" /bin/busybox hostname
  [[ "$out" =~ ^[0-9a-f]{12}$ ]] || fail "default host name '$out' is not a container id"
  echo "ok: hostname, hosts, resolv.conf" ;;
workdir-user)
  registry
  spin_run "$image" /bin/busybox pwd
  [ "$out" = /etc ] || fail "image WorkingDir: '$out'"
  spin_run -w /tmp/new "$image" /bin/busybox pwd
  [ "$out" = /tmp/new ] || fail "-w: '$out'"
  spin_run -u 1000:1000 "$image" /bin/busybox id
  [ $status -eq 0 ] && [ "$out" = "uid=1000 gid=1000" ] || fail "-u: status $status, '$out'"
  spin_run -u nobody "$image" /bin/busybox id
  [ $status -eq 126 ] && grep -q "unable to find user nobody" "$err" || fail "unknown user: status $status"
  echo "ok: workdir from the image and -w, -u" ;;
exit-codes)
  registry
  spin_run "$image" /bin/busybox sh -c 'exit 3'
  [ $status -eq 3 ] || fail "exit 3 gave $status"
  spin_run "$image" /no/such/program
  [ $status -eq 127 ] || fail "missing program gave $status"
  spin_run "$image" /etc/hello.txt
  [ $status -eq 126 ] || fail "non-executable gave $status"
  spin_run "$image" /bin/busybox sh -c 'kill -9 $$'
  [ $status -eq 137 ] || fail "killed gave $status"
  spin_run --memory 1k "$image"
  [ $status -eq 125 ] && grep -q -- "--memory" "$err" || fail "bad --memory gave $status"
  "$spin" run 2>"$err"; status=$?
  [ $status -eq 125 ] && grep -q "needs an image" "$err" || fail "no image gave $status"
  spin_run "127.0.0.1:$registry_port/test/nosuch:latest"
  [ $status -eq 125 ] || fail "unknown image gave $status"
  echo "ok: 3, 127, 126, 137, 125" ;;
stdio)
  registry
  out=$(printf 'one\ntwo\n' | "$spin" run -i "$image" /bin/busybox sh -c '/bin/busybox cat; echo to-err >&2' 2>"$err")
  status=$?
  [ $status -eq 0 ] && [ "$(echo $out)" = "one two" ] || fail "stdin: status $status, '$out'"
  grep -qx to-err "$err" || fail "stderr not on stderr"
  out=$("$spin" run -t "$image" /bin/busybox sh -c '[ -t 1 ] && echo tty' 2>"$err")
  [ "$out" = $'tty\r' ] || fail "-t: '$out'"
  echo "ok: stdin piped, stderr apart, -t" ;;
features)
  # Whiteouts, opaque directories and the platform check, through the runtime.
  registry
  spin_run "127.0.0.1:$registry_port/test/features:latest" /bin/busybox find /data
  [ $status -eq 0 ] || fail "status $status"
  grep -q removed.txt <<<"$out" && fail "a whited-out file is there: $out"
  spin_run "127.0.0.1:$registry_port/test/multi:oci" /bin/busybox cat /etc/hello.txt
  [ $status -eq 0 ] && [ "$out" = "hello from the spin test image" ] || fail "multi-platform: $status '$out'"
  spin_run "127.0.0.1:$registry_port/test/amd64only:latest"
  [ $status -eq 125 ] && grep -q "no linux/riscv64\|linux/amd64" "$err" || fail "amd64 image: status $status"
  echo "ok: whiteouts applied, platform picked, amd64 refused" ;;
image-file)
  hello_layout
  (cd "$work" && tar -C layout -cf hello-oci.tar .) || fail "tar"
  spin_run --image-file "$work/hello-oci.tar"
  [ $status -eq 0 ] && [ "$out" = "Hello from Docker!" ] || fail "OCI archive: status $status, '$out'"
  skopeo copy --quiet "oci:$work/layout:hello" "docker-archive:$work/hello-docker.tar:hello:latest" \
    || fail "skopeo could not write a docker archive"
  spin_run --image-file "$work/hello-docker.tar"
  [ $status -eq 0 ] && [ "$out" = "Hello from Docker!" ] || fail "docker archive: status $status, '$out'"
  spin_run --image-file "$work/hello-docker.tar" "from the command line"
  [ "$out" = "from the command line" ] || fail "command replacing Cmd: '$out'"
  spin_run --image-file "$work/hello-docker.tar" --entrypoint /bin/busybox true
  [ $status -eq 0 ] && [ -z "$out" ] || fail "--entrypoint: $status '$out'"
  echo "hi" > "$work/not-an-archive"
  spin_run --image-file "$work/not-an-archive"
  [ $status -eq 125 ] || fail "a non-archive gave $status"
  echo "ok: OCI and docker archives" ;;
hostile-layer)
  # A docker-save archive whose layer tries to write outside the tree is refused.
  python3 - "$work" <<'PY' || fail "python"
import io, json, sys, tarfile
work = sys.argv[1]
def member(tf, name, data=b"x", **kw):
    ti = tarfile.TarInfo(name); ti.size = len(data)
    for k, v in kw.items(): setattr(ti, k, v)
    tf.addfile(ti, io.BytesIO(data))
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as tf:
    member(tf, "ok.txt")
    member(tf, "../../escaped.txt")
config = json.dumps({"architecture": "riscv64", "os": "linux", "config": {"Cmd": ["/ok.txt"]},
                     "rootfs": {"type": "layers", "diff_ids": []}}).encode()
with tarfile.open(f"{work}/evil.tar", "w") as tf:
    member(tf, "layer.tar", layer.getvalue())
    member(tf, "config.json", config)
    member(tf, "manifest.json", json.dumps([{"Config": "config.json", "Layers": ["layer.tar"]}]).encode())
PY
  spin_run --image-file "$work/evil.tar"
  [ $status -eq 125 ] || fail "status $status"
  grep -q "escaped.txt" "$err" || fail "the error does not name the entry"
  [ ! -e "$work/../escaped.txt" ] && [ ! -e "$work/escaped.txt" ] || fail "something was written outside"
  echo "ok: $(head -n 1 "$err")" ;;
net-http)
  # A container fetches from an HTTP server on the host's loopback: 10.0.2.2 is the
  # host's 127.0.0.1 (docs/net.md). Its eth0 is 10.0.2.15/24 with a default route via
  # 10.0.2.2; a closed port is refused at once; --network none leaves only lo.
  net_image
  mkdir -p "$work/www" && echo "hello over the network" > "$work/www/hello.txt"
  peer web http "$work/www"
  closed=$(free_port)
  spin_net_run -- "busybox ip -o -4 addr show eth0; busybox ip route; busybox wget -q -O - http://10.0.2.2:$web_port/hello.txt;
    busybox wget -q -O - http://10.0.2.2:$closed/ || echo refused"
  [ $status -eq 0 ] || fail "status $status: $out"
  grep -q "inet 10.0.2.15/24" <<<"$out" || fail "eth0's address: $out"
  grep -q "^default via 10.0.2.2 dev eth0" <<<"$out" || fail "no default route: $out"
  grep -qx "hello over the network" <<<"$out" || fail "no page: $out"
  grep -qx "refused" <<<"$out" || fail "the closed port was not refused: $out"
  page=$(grep -x "hello over the network" <<<"$out")
  spin_net_run --network none -- "busybox ls /sys/class/net; busybox wget -q -T 2 -O - http://10.0.2.2:$web_port/hello.txt || echo unreachable"
  [ "$(head -n 1 <<<"$out")" = lo ] && grep -qx unreachable <<<"$out" || fail "--network none: $out"
  spin_net_run --network nonsense -- "true"
  [ $status -eq 125 ] && grep -q -- "--network" "$err" || fail "--network nonsense: status $status"
  echo "ok: fetched '$page' from the host; --network none has only lo" ;;
net-udp-dns)
  # UDP through the NAT (an echo server on the host's loopback) and DNS through
  # 10.0.2.3, forwarded to the host's name server ($SPIN_DNS points it at a test server).
  net_image
  peer echo udp-echo
  peer dns dns spin.test 10.1.2.3
  SPIN_DNS=127.0.0.1:$dns_port spin_net_run -- "echo ping | busybox nc -u -w 2 10.0.2.2 $echo_port; echo;
    busybox nslookup spin.test 10.0.2.3; busybox nslookup missing.test 10.0.2.3 || echo nxdomain"
  [ $status -eq 0 ] || fail "status $status: $out"
  grep -qx "echo:ping" <<<"$out" || fail "no UDP echo: $out"
  grep -q "Address.*10.1.2.3" <<<"$out" || fail "spin.test did not resolve: $out"
  grep -qx nxdomain <<<"$out" || fail "missing.test resolved: $out"
  echo "ok: UDP echo and DNS through 10.0.2.3" ;;
net-forward)
  # -p 127.0.0.1:H:8080: the host's port H reaches the container's 8080 (busybox httpd);
  # a bad -p and -p with --network none are refused before anything runs.
  net_image
  host_port=$(free_port)
  "$spin" run -p "127.0.0.1:$host_port:8080" --timeout 60 --image-file "$net_archive" sh -c \
    'busybox mkdir -p /www && echo served by the container > /www/index.html && busybox httpd -f -p 8080 -h /www' \
    >/dev/null 2>"$err" &
  fixture_pids+=($!)
  page=
  for _ in $(seq 100); do
    page=$(curl -s --max-time 5 "http://127.0.0.1:$host_port/") && [ -n "$page" ] && break
    sleep 0.2
  done
  [ "$page" = "served by the container" ] || fail "curl got '$page'"
  for i in $(seq 20); do
    [ "$(curl -s --max-time 5 "http://127.0.0.1:$host_port/")" = "served by the container" ] || fail "request $i failed"
  done
  spin_net_run -p 99999:80 -- "true"
  [ $status -eq 125 ] && grep -q -- "-p takes" "$err" || fail "a bad -p: status $status"
  spin_net_run -p 8080:80/udp -- "true"
  [ $status -eq 125 ] || fail "-p /udp: status $status"
  spin_net_run --network none -p 18080:80 -- "true"
  [ $status -eq 125 ] || fail "-p with --network none: status $status"
  echo "ok: curl reached the container's httpd 21 times through -p" ;;
net-large)
  # 4 MiB each way, checksummed at both ends, then 8 MiB to a host that reads slowly.
  net_image
  peer sink sink
  peer source source 4194304
  want=$(python3 -c "import random,hashlib; print(hashlib.md5(random.Random(4194304).randbytes(4194304)).hexdigest())")
  spin_net_run -- "busybox nc 10.0.2.2 $source_port | busybox md5sum;
    busybox dd if=/dev/urandom of=/blob bs=65536 count=64 2>/dev/null; busybox md5sum /blob;
    busybox nc 10.0.2.2 $sink_port < /blob"
  [ $status -eq 0 ] || fail "status $status: $out"
  grep -q "^$want  -" <<<"$out" || fail "host -> guest: want $want, got $out"
  sent=$(awk '$2 == "/blob" { print $1 }' <<<"$out")
  [ -n "$sent" ] && grep -qx "4194304 $sent" <<<"$out" || fail "guest -> host: $out"
  # A host that reads slowly (more than the host socket's buffer holds): the guest must
  # be held back (flow control: the socket says "full" and later "writable"), no loss.
  peer slow sink --slow
  spin_net_run -- "busybox dd if=/dev/urandom of=/blob bs=65536 count=128 2>/dev/null; busybox md5sum /blob;
    busybox nc 10.0.2.2 $slow_port < /blob"
  slow_sent=$(awk '$2 == "/blob" { print $1 }' <<<"$out")
  [ $status -eq 0 ] && [ -n "$slow_sent" ] && grep -qx "8388608 $slow_sent" <<<"$out" || fail "to a slow host: $out"
  echo "ok: 4 MiB each way, md5 $want and $sent; 8 MiB to a slow reader, md5 $slow_sent" ;;
net-many)
  # Many connections: 100 in a row and 20 at once, every one answered.
  net_image
  mkdir -p "$work/www" && echo ok > "$work/www/n.txt"
  peer web http "$work/www"
  spin_net_run -- "n=0; for i in \$(busybox seq 100); do busybox wget -q -O - http://10.0.2.2:$web_port/n.txt >/dev/null && n=\$((n+1)); done; echo serial \$n;
    for i in \$(busybox seq 20); do busybox wget -q -O /p\$i http://10.0.2.2:$web_port/n.txt & done; wait;
    echo parallel \$(busybox cat /p* | busybox grep -c ok)"
  [ $status -eq 0 ] || fail "status $status: $out"
  grep -qx "serial 100" <<<"$out" && grep -qx "parallel 20" <<<"$out" || fail "$out"
  echo "ok: 100 serial and 20 parallel connections" ;;
*)
  fail "unknown case" ;;
esac
