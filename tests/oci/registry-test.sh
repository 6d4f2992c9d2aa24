#!/usr/bin/env bash
# Registry tests of the `spin` command (native, or the wasm build's Node launcher) against
# Debian's docker-registry on loopback, one case per run:
# registry-test.sh SPIN_BINARY CASE [CONCURRENT_TEST_BINARY]. With SPIN_NATIVE_READER set
# to an executable native spin, every pulled image is also read back by it.
# Each case serves a copy of the cached test images (fixtures/build-test-images.sh) from
# its own registry, sometimes behind fixtures/registry-proxy.mjs, into its own store.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
spin=$1
case_name=$2
concurrent_test=${3:-}

storage_cache=$("$here/fixtures/build-test-images.sh")
work=$(mktemp -d)
. "$here/fixtures/lib.sh"
trap 'fixture_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
cp -a "$storage_cache" "$work/storage"
store="$work/store"
export HOME="$work/home" DOCKER_CONFIG="$work/docker" SPIN_REGISTRY_MIRROR=
mkdir -p "$HOME" "$DOCKER_CONFIG"

checks=0
die() { echo "FAIL ($case_name): $*" >&2; echo "0 passed, 1 failed"; exit 1; }
ok() { checks=$((checks + 1)); }

# run_spin EXPECTED_STATUS ARGS...: output in $out.
run_spin() {
  local expected=$1; shift
  local status=0
  out=$("$spin" --store "$store" "$@" 2>&1) || status=$?
  [ "$status" -eq "$expected" ] || die "spin $* exited $status, expected $expected: $out"
  ok
}
expect_output() { grep -qE -- "$1" <<< "$out" || die "output lacks /$1/: $out"; ok; }

# Every blob in the store hashes to its name; no leftover temp files beside them.
check_store_blobs() {
  local f
  for f in "$store"/blobs/sha256/*; do
    [ -e "$f" ] || continue
    [ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$(basename "$f")" ] || die "blob $(basename "$f") has other content"
  done
  ok
}

# The image's busybox layer is in the store and unpacks to bin/busybox.
check_pulled_busybox() {
  local name=$1
  run_spin 0 inspect "$name"
  expect_output '"architecture":"riscv64"'
  expect_output '"Cmd":\["/bin/busybox","cat","/etc/hello.txt"\]'
  run_spin 0 images
  expect_output "^$name "
  check_store_blobs
  local found=no f
  for f in "$store"/blobs/sha256/*; do
    if { tar -tf "$f" 2>/dev/null || true; } | grep -x 'bin/busybox' >/dev/null; then found=yes; fi
  done
  [ $found = yes ] || die "no layer holding bin/busybox"
  ok
  # skopeo reads our layout.
  local inspect
  inspect=$(skopeo inspect "oci:$store:$name" 2>&1) || die "skopeo inspect oci:$store:$name failed: $inspect"
  grep -q '"Architecture": "riscv64"' <<< "$inspect" || die "skopeo sees another image: $inspect"
  ok
  umoci ls --layout "$store" | grep -qxF -- "$name" || die "umoci ls does not list $name"
  ok
  if [ -x "${SPIN_NATIVE_READER:-}" ]; then
    inspect=$("$SPIN_NATIVE_READER" --store "$store" inspect "$name" 2>&1) \
      || die "the native spin cannot read $name: $inspect"
    grep -q '"architecture":"riscv64"' <<< "$inspect" || die "the native spin sees another image: $inspect"
    ok
  fi
}

case "$case_name" in
  formats)
    start_registry "$work/storage"
    for tag in oci-gzip docker-gzip oci-plain docker-plain; do
      name="127.0.0.1:$registry_port/test/busybox:$tag"
      run_spin 0 pull "$name"
      expect_output "^Pulled $name$"
      check_pulled_busybox "$name"
    done
    run_spin 0 pull -q "127.0.0.1:$registry_port/test/busybox:oci-gzip"   # already there
    [ "$out" = "127.0.0.1:$registry_port/test/busybox:oci-gzip" ] || die "-q printed: $out"
    ok
    ;;
  layer-features)
    # The image that exercises layer application: its layers arrive intact, in order.
    start_registry "$work/storage"
    name="127.0.0.1:$registry_port/test/features:latest"
    run_spin 0 pull "$name"
    check_store_blobs
    listing=""
    for f in "$store"/blobs/sha256/*; do
      listing+=$( { tar -tvzf "$f" 2>/dev/null || true; } )$'\n'
    done
    grep -q 'data/hardlink.txt link to data/file.txt\|data/file.txt link to data/hardlink.txt' <<< "$listing" \
      || die "no hard link in the layers: $listing"
    ok
    grep -q 'data/symlink.txt -> file.txt' <<< "$listing" || die "no symlink in the layers"
    ok
    grep -qE 'data/d{60}/n{80}\.txt' <<< "$listing" || die "no long name in the layers"
    ok
    grep -q 'data/\.wh\.removed\.txt' <<< "$listing" || die "no whiteout in the layers"
    ok
    grep -q 'data/replaced/\.wh\.\.wh\.\.opq' <<< "$listing" || die "no opaque whiteout in the layers"
    ok
    ;;
  digest)
    start_registry "$work/storage"
    run_spin 0 pull "127.0.0.1:$registry_port/test/busybox:docker-gzip"
    digest=$(sed -n 's/^Digest: //p' <<< "$out")
    rm -rf "$store"
    name="127.0.0.1:$registry_port/test/busybox@$digest"
    run_spin 0 pull "$name"
    expect_output "^Pulled $name$"
    check_pulled_busybox "$name"
    run_spin 0 pull "127.0.0.1:$registry_port/test/busybox:docker-gzip@$digest"
    missing="sha256:$(printf x | sha256sum | cut -d' ' -f1)"
    run_spin 125 pull "127.0.0.1:$registry_port/test/busybox@$missing"
    expect_output "unknown image: .* has no manifest $missing"
    ;;
  platform)
    start_registry "$work/storage"
    for tag in oci docker; do
      name="127.0.0.1:$registry_port/test/multi:$tag"
      run_spin 0 pull "$name"
      check_pulled_busybox "$name"
      run_spin 0 pull --platform linux/amd64 "$name"
      run_spin 0 inspect "$name"
      expect_output '"architecture":"amd64"'
      run_spin 125 pull --platform linux/arm64/v8 "$name"
      expect_output "no such platform: .* has no image for linux/arm64/v8 \(it has linux/amd64, linux/riscv64\)"
    done
    run_spin 125 pull "127.0.0.1:$registry_port/test/amd64only"
    expect_output "no such platform: .* is an image for linux/amd64, not linux/riscv64"
    run_spin 125 images --platform linux/amd64
    run_spin 125 pull --platform linux "127.0.0.1:$registry_port/test/multi:oci"
    expect_output "invalid platform"
    ;;
  token-auth)
    start_registry "$work/storage"
    start_proxy "$registry_port" --token alice:s3cret --token-uses 3
    name="127.0.0.1:$proxy_port/test/busybox:oci-gzip"
    run_spin 125 pull "$name"
    expect_output "authentication to 127.0.0.1:$proxy_port was refused"
    run_spin 125 pull --username alice --password wrong "$name"
    expect_output "refused"
    [ ! -s "$store/index.json" ] || grep -q '"manifests":\[\]' "$store/index.json" || die "index changed"
    : > "$proxy_log"
    run_spin 0 pull --username alice --password s3cret "$name"
    check_pulled_busybox "$name"
    # Tokens were fetched, used as Bearer, and (3 uses each, 4 requests need one) refreshed
    # after a 401.
    tokens=$(grep -c '"url":"/token' "$proxy_log" || true)
    [ "$tokens" -ge 2 ] || die "expected a refreshed token, saw $tokens token requests"
    ok
    grep -q '"url":"/token?service=spin-test&scope=repository%3Atest%2Fbusybox%3Apull"' "$proxy_log" \
      || die "token request without the challenge's service and scope"
    ok
    grep -q '"authorization":"bearer"' "$proxy_log" || die "no bearer requests"
    ok
    # Credentials from docker's config.json.
    rm -rf "$store"
    printf '{"auths":{"http://127.0.0.1:%s/v2/":{"auth":"%s"}}}' "$proxy_port" \
      "$(printf alice:s3cret | base64)" > "$DOCKER_CONFIG/config.json"
    run_spin 0 pull "$name"
    ;;
  anonymous-token)
    start_registry "$work/storage"
    start_proxy "$registry_port" --token anonymous
    name="127.0.0.1:$proxy_port/test/multi:oci"
    run_spin 0 pull "$name"
    check_pulled_busybox "$name"
    grep -q '"url":"/token' "$proxy_log" || die "no token was fetched"
    ok
    ;;
  basic-auth)
    htpasswd -Bbn bob hunter2 > "$work/htpasswd"
    start_registry "$work/storage" "$work/htpasswd"
    name="127.0.0.1:$registry_port/test/busybox:docker-gzip"
    run_spin 125 pull "$name"
    expect_output "requires a user name and password"
    run_spin 125 pull --username bob --password nope "$name"
    expect_output "authentication to 127.0.0.1:$registry_port was refused"
    run_spin 0 pull --username bob --password hunter2 "$name"
    check_pulled_busybox "$name"
    rm -rf "$store"
    printf '{"auths":{"127.0.0.1:%s":{"username":"bob","password":"hunter2"}}}' "$registry_port" \
      > "$DOCKER_CONFIG/config.json"
    run_spin 0 pull "$name"
    ;;
  corrupt-blob)
    start_registry "$work/storage"
    start_proxy "$registry_port" --corrupt
    run_spin 0 images   # creates the empty store
    before=$(cat "$store/index.json")
    run_spin 125 pull "127.0.0.1:$proxy_port/test/busybox:oci-gzip"
    expect_output "digest mismatch: blob sha256:[0-9a-f]{64} arrived with content of digest sha256:"
    [ "$(cat "$store/index.json")" = "$before" ] || die "index.json changed"
    ok
    check_store_blobs
    [ -z "$(ls "$store/ingest")" ] || die "a corrupt partial download was kept: $(ls "$store/ingest")"
    ok
    ;;
  resume)
    # A connection cut mid-blob is resumed (Range) within the same pull.
    start_registry "$work/storage"
    start_proxy "$registry_port" --cut-once 300000
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    run_spin 0 pull "$name"
    check_pulled_busybox "$name"
    grep -q '"event":"cut"' "$proxy_log" || die "the proxy did not cut anything"
    ok
    grep -qE '"range":"bytes=300000-"' "$proxy_log" || die "no Range request resuming at byte 300000"
    ok
    [ -z "$(ls "$store/ingest")" ] || die "partial left after the resumed pull"
    ok

    # A registry that keeps cutting: the pull gives up after its retries, keeps what it
    # has, and the next pull (against a healthy registry) resumes from there.
    rm -rf "$store"
    start_proxy "$registry_port" --cut-always 100000
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    run_spin 125 pull "$name"
    expect_output "stopped after [0-9]+ of [0-9]+ bytes .*pull again to resume"
    partial=$(ls "$store/ingest")
    [ -n "$partial" ] || die "no partial download kept"
    ok
    have=$(stat -c %s "$store/ingest/$partial")
    grep -q '"manifests":\[\]' "$store/index.json" || die "index.json names an image after a failed pull"
    ok
    start_proxy "$registry_port"
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    run_spin 0 pull "$name"
    check_pulled_busybox "$name"
    grep -qE "\"range\":\"bytes=$have-\"" "$proxy_log" || die "the next pull did not resume at byte $have"
    ok

    # spin killed mid-download (a crash): the store stays consistent, the next pull
    # resumes from what reached the disk.
    rm -rf "$store"
    start_proxy "$registry_port" --throttle 200000
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    "$spin" --store "$store" pull "$name" > "$work/killed.out" 2>&1 &
    victim=$!
    for _ in $(seq 100); do
      partial=$(ls -S "$store/ingest" 2>/dev/null | head -n 1 || true)
      if [ -n "$partial" ] && [ "$(stat -c %s "$store/ingest/$partial" 2>/dev/null || echo 0)" -gt 50000 ]; then
        break
      fi
      sleep 0.1
    done
    kill -9 "$victim"
    wait "$victim" 2>/dev/null || true
    have=$(stat -c %s "$store/ingest/$partial")
    [ "$have" -gt 0 ] || die "nothing downloaded before the kill"
    ok
    grep -q '"manifests":\[\]' "$store/index.json" || die "index.json names an image after a crash"
    ok
    check_store_blobs
    start_proxy "$registry_port"
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    run_spin 0 pull "$name"
    check_pulled_busybox "$name"
    grep -qE '"range":"bytes=[1-9][0-9]*-"' "$proxy_log" || die "no Range request after the crash"
    ok
    ;;
  redirect)
    start_registry "$work/storage"
    start_proxy "$registry_port" --token carol:pw --redirect-blobs
    name="127.0.0.1:$proxy_port/test/busybox:oci-gzip"
    run_spin 0 pull --username carol --password pw "$name"
    check_pulled_busybox "$name"
    grep -q '"host":"localhost:' "$proxy_log" || die "the redirect was not followed"
    ok
    if grep '"host":"localhost:' "$proxy_log" | grep -qv '"authorization":"none"'; then
      die "Authorization was sent to the redirect's other host"
    fi
    ok
    ;;
  https-mirror)
    # docker.io names go to the configured mirror; here an HTTPS registry with its own CA.
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
      -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
    start_registry "$work/storage" "" "$work/cert.pem" "$work/key.pem"
    export SPIN_REGISTRY_MIRROR="https://127.0.0.1:$registry_port"
    run_spin 125 pull test/busybox:oci-gzip
    expect_output "^spin: registry docker.io is unreachable: .*(certificate|SSL)"
    export SSL_CERT_FILE="$work/cert.pem"
    run_spin 0 pull test/busybox:oci-gzip
    expect_output "^Pulled docker.io/test/busybox:oci-gzip$"
    check_pulled_busybox docker.io/test/busybox:oci-gzip
    export SPIN_REGISTRY_MIRROR="ftp://127.0.0.1:$registry_port"
    run_spin 125 pull test/busybox:oci-gzip
    expect_output "SPIN_REGISTRY_MIRROR must be an http:// or https:// URL"
    ;;
  hostile)
    # A registry that lies: each answer is refused with a sentence, nothing is stored,
    # nothing hangs.
    start_registry "$work/storage"
    for kind in oversize-blob redirect-loop huge-manifest garbage-manifest; do
      start_proxy "$registry_port" --hostile "$kind"
      rm -rf "$store"
      run_spin 125 pull "127.0.0.1:$proxy_port/test/busybox:oci-gzip"
      case $kind in
        oversize-blob) expect_output "the registry sent more than the [0-9]+ bytes the manifest gives for sha256:" ;;
        redirect-loop) expect_output "redirected more than 5 times" ;;
        huge-manifest) expect_output "the manifest of .* is larger than 4 MiB" ;;
        garbage-manifest) expect_output "cannot use the manifest of .*: the manifest is not a JSON object" ;;
      esac
      grep -q '"manifests":\[\]' "$store/index.json" || die "$kind: index.json changed"
      ok
      check_store_blobs
      [ -z "$(ls "$store/ingest")" ] || die "$kind: bad partial kept: $(ls "$store/ingest")"
      ok
    done
    ;;
  errors)
    start_registry "$work/storage"
    run_spin 125 pull Busybox
    expect_output '^spin: invalid image reference "Busybox": repository name must be lowercase$'
    run_spin 125 pull 'a..b'
    expect_output 'invalid image reference'
    run_spin 125 pull "127.0.0.1:$registry_port/test/nope:1"
    expect_output "^spin: unknown image: 127.0.0.1:$registry_port/test/nope has no manifest 1$"
    run_spin 125 pull "127.0.0.1:$(free_port)/test/busybox"
    expect_output "^spin: registry 127.0.0.1:[0-9]+ is unreachable"
    run_spin 125 pull busybox
    expect_output "no registry is configured for docker.io"
    run_spin 125 inspect "127.0.0.1:$registry_port/test/busybox:oci-gzip"
    expect_output "no such image"
    run_spin 125 rmi nothing/here
    expect_output "no such image: docker.io/nothing/here:latest"
    run_spin 125 frobnicate
    expect_output 'unknown command'
    run_spin 125 pull
    expect_output 'needs an image'
    # The wasm spin runs only images already in the store (tests/run), and says so.
    if [[ $spin == *spin-wasm ]]; then
      run_spin 125 run "127.0.0.1:$registry_port/test/busybox:oci-gzip" true
      expect_output 'no such image: .*(pull it first)'
    else
      run_spin 125 run -p 99999:80 "127.0.0.1:$registry_port/test/busybox:oci-gzip" true
      expect_output '-p takes \[IP:\]HOSTPORT:GUESTPORT'
    fi
    ;;
  rmi-gc)
    start_registry "$work/storage"
    a="127.0.0.1:$registry_port/test/busybox:oci-gzip"
    b="127.0.0.1:$registry_port/test/busybox:docker-gzip"
    run_spin 0 pull "$a"
    run_spin 0 pull "$b"
    run_spin 0 rmi "$a"
    expect_output "^Untagged: $a$"
    check_pulled_busybox "$b"
    run_spin 0 images -q
    [ "$out" = "$b" ] || die "images -q after rmi: $out"
    ok
    run_spin 0 rmi "$b"
    [ -z "$(ls "$store/blobs/sha256")" ] || die "blobs left after removing every image"
    ok
    ;;
  shared-download)
    start_registry "$work/storage"
    start_proxy "$registry_port" --slow-blobs 500
    "$concurrent_test" "127.0.0.1:$proxy_port/test/busybox:oci-gzip" "127.0.0.1:$proxy_port/test/busybox:docker-gzip" \
      "$store" || die "concurrent pulls failed"
    ok
    # The OCI and the Docker image share their layer and config blobs (same digests); the
    # proxy holds blob answers back so both pulls want them at once: one download each.
    dup=$(grep -o '"url":"/v2/[^"]*/blobs/sha256:[0-9a-f]*"' "$proxy_log" | sort | uniq -d)
    [ -z "$dup" ] || die "blobs downloaded twice: $dup"
    ok
    check_store_blobs
    # Two spin processes pulling the same image into one store at once both succeed.
    rm -rf "$store"
    name="127.0.0.1:$proxy_port/test/busybox:oci-plain"
    "$spin" --store "$store" pull -q "$name" > "$work/first.out" 2>&1 & first=$!
    "$spin" --store "$store" pull -q "$name" > "$work/second.out" 2>&1 & second=$!
    wait $first || die "first concurrent spin pull failed: $(cat "$work/first.out")"
    wait $second || die "second concurrent spin pull failed: $(cat "$work/second.out")"
    ok
    check_pulled_busybox "$name"
    [ -z "$(ls "$store/ingest")" ] || die "partials left: $(ls "$store/ingest")"
    ok
    ;;
  *) die "unknown case" ;;
esac
echo "$checks passed, 0 failed"
