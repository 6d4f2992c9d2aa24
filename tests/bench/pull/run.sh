#!/usr/bin/env bash
# Pull benchmark: a 64 MiB image (one layer of seeded random bytes, so gzip cannot shrink
# it, plus the riscv64 busybox layer) served by Debian's docker-registry on 127.0.0.1;
# best wall time of N runs, all measured in this run, of
#   spin pull (native) into an empty store,
#   skopeo copy docker://… oci:DIR (the reference: the same work, registry to layout), and
#   spin pull by the wasm build under Node (build/wasm/src/spin-wasm, when built).
#   run.sh [--runs N]      JSON lines on stdout, diagnostics on stderr.
# The image's registry storage is cached by input hash in ~/.cache/spin/bench-pull.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; *) shift ;; esac
done
spin=${SPIN:-$root/build/native/src/spin}
[ -x "$spin" ] || { echo "pull: $spin not built, skipped" >&2; exit 0; }
for tool in docker-registry skopeo umoci; do
  command -v $tool >/dev/null || { echo "pull: $tool missing, skipped" >&2; exit 0; }
done
fixtures="$root/tests/oci/fixtures"
cache="${SPIN_CACHE_DIR:-$HOME/.cache/spin}/bench-pull"
size_mib=64

work=$(mktemp -d)
. "$fixtures/lib.sh"
trap 'fixture_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

base=$("$fixtures/build-test-images.sh") || { echo "pull: test images failed" >&2; exit 1; }
hash=$( { cat "$0"; echo "$base $size_mib"; } | sha256sum | cut -c1-32)
if [ ! -d "$cache/$hash/storage" ]; then
  echo "pull: building the ${size_mib} MiB image (once)" >&2
  mkdir -p "$cache"
  build=$(mktemp -d "$cache/.build.XXXXXX")
  python3 -c "import random,sys; r=random.Random(1); sys.stdout.buffer.write(r.randbytes($size_mib<<20))" > "$work/random.bin"
  cp -a "$base" "$build/storage"
  start_registry "$build/storage"
  skopeo copy --quiet --src-tls-verify=false "docker://127.0.0.1:$registry_port/test/busybox:oci-gzip" oci:"$work/layout:big"
  umoci insert --image "$work/layout:big" "$work/random.bin" /data/random.bin
  skopeo copy --quiet --dest-tls-verify=false oci:"$work/layout:big" "docker://127.0.0.1:$registry_port/bench/big:latest"
  fixture_cleanup; fixture_pids=()
  mkdir -p "$build/out" && mv "$build/storage" "$build/out/storage"
  mv -T "$build/out" "$cache/$hash" 2>/dev/null || true
  rm -rf "$build" "$work/layout" "$work/random.bin"
fi
cp -a "$cache/$hash/storage" "$work/storage"
start_registry "$work/storage"
image="127.0.0.1:$registry_port/bench/big:latest"

now() { date +%s.%N; }
json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }
# best_time [--keep] CMD...: best wall time of $runs runs of CMD, the target folder
# emptied before each (unless --keep).
best_time() {
  local keep=no best="" t0 t1 dt
  [ "$1" = --keep ] && { keep=yes; shift; }
  for _ in $(seq "$runs"); do
    [ $keep = yes ] || rm -rf "$work/target"
    t0=$(now)
    "$@" >/dev/null 2>"$work/err" || { echo "pull: '$*' failed: $(cat "$work/err")" >&2; return 1; }
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; fi
  done
  echo "$best"
}
bytes=$(du -sb "$work/storage/docker/registry/v2/blobs" | cut -f1)
spin_s=$(best_time "$spin" --store "$work/target" pull -q "$image") || exit 1
skopeo_s=$(best_time skopeo copy --quiet --src-tls-verify=false "docker://$image" "oci:$work/target:big") || exit 1
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
json pull.spin-native.seconds "$spin_s" s null ", \"runs\":$runs, \"what\":\"${size_mib} MiB image, loopback registry to empty store\""
json pull.skopeo.seconds "$skopeo_s" s null ", \"runs\":$runs"
json pull.spin-native.throughput "$(mbps "$spin_s")" MiB/s null ""
json pull.skopeo.throughput "$(mbps "$skopeo_s")" MiB/s null ""
ratio=$(awk -v a="$spin_s" -v b="$skopeo_s" 'BEGIN { printf "%.3f", a / b }')
met=$(awk -v r="$ratio" 'BEGIN { print (r <= 2) ? "true" : "false" }')
json pull.spin-native.vs-skopeo "$ratio" x '"skopeo copy docker:// oci:"' ", \"goal\":2, \"met\":$met"

# The wasm build's spin under Node (fetch() backend, pull driven from the event loop).
spin_wasm=${SPIN_WASM:-$root/build/wasm/src/spin-wasm}
if [ -x "$spin_wasm" ]; then
  wasm_s=$(best_time "$spin_wasm" --store "$work/target" pull -q "$image") || exit 1
  json pull.spin-wasm.seconds "$wasm_s" s null ", \"runs\":$runs, \"what\":\"the same pull by the wasm spin under Node\""
  json pull.spin-wasm.throughput "$(mbps "$wasm_s")" MiB/s null ""
  json pull.spin-wasm.vs-native "$(awk -v a="$wasm_s" -v b="$spin_s" 'BEGIN { printf "%.3f", a / b }')" x '"spin pull (native)"' ""
fi

# Pull + apply, the whole way to a running container: spin pull and spin run of the image
# (layers applied into memory, the guest booted, `true` run) into an empty store, against
# skopeo copy + umoci unpack (the layers extracted with tar's rules onto disk).
kernel="$root/build/native/guest/Image"
if [ -f "$kernel" ]; then
  export SPIN_KERNEL="$kernel"
  spin_full=$(best_time sh -c '"$1" --store "$2" pull -q "$3" && "$1" --store "$2" run "$3" /bin/busybox true' \
    _ "$spin" "$work/target" "$image") || exit 1
  rootless=()
  [ "$(id -u)" -eq 0 ] || rootless=(--rootless)
  ref_full=$(best_time sh -c 'mkdir -p "$2" && skopeo copy --quiet --src-tls-verify=false "docker://$1" "oci:$2/layout:big" &&
    umoci unpack '"${rootless[*]}"' --image "$2/layout:big" "$2/bundle"' _ "$image" "$work/target") || exit 1
  json pull-apply.spin-native.seconds "$spin_full" s null ", \"what\":\"spin pull + spin run IMAGE true (boot included)\""
  json pull-apply.skopeo-umoci.seconds "$ref_full" s null ", \"what\":\"skopeo copy + umoci unpack\""
  ratio=$(awk -v a="$spin_full" -v b="$ref_full" 'BEGIN { printf "%.3f", b / a }')
  met=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) ? "true" : "false" }')
  json pull-apply.spin-native.relative-throughput "$ratio" x '"skopeo copy + umoci unpack"' ", \"goal\":0.5, \"met\":$met"

  # A cached busybox echo: spin run from the store against the bare machine running the
  # same command from an initramfs (spin-emu --kernel), both native.
  small="127.0.0.1:$registry_port/test/busybox:oci-gzip"   # the fixtures' busybox image
  "$spin" --store "$work/target" pull -q "$small" >/dev/null 2>&1
  run_s=$(best_time --keep "$spin" --store "$work/target" run "$small" /bin/busybox echo hi) || exit 1
  initrd=$("$root/osimage/build-test-initrd.sh" 2>/dev/null | tail -n 1)
  emu_s=$(best_time --keep "$root/build/native/emulator/spin-emu" --kernel "$kernel" --initrd "$initrd" -- /bin/busybox echo hi) || exit 1
  json run.busybox-echo.spin-native.seconds "$run_s" s null ", \"what\":\"spin run of a cached image: tree, boot, 9p root, echo\""
  spin_wasm="$root/build/wasm/src/spin-wasm"
  if [ -x "$spin_wasm" ] && [ -f "$root/build/wasm/guest/Image" ]; then
    wasm_s=$(SPIN_KERNEL="$root/build/wasm/guest/Image" best_time --keep "$spin_wasm" --store "$work/target" \
      run "$small" /bin/busybox echo hi) || exit 1
    json run.busybox-echo.spin-wasm.seconds "$wasm_s" s null ", \"what\":\"the same with spin's wasm build under Node\""
  fi
  if [ -f "$root/node/dist/spin-node.wasm" ]; then
    node_s=$(best_time --keep node "$root/node/bin/spin.js" --store "$work/target" run "$small" /bin/busybox echo hi) || exit 1
    json run.busybox-echo.spin-node-cli.seconds "$node_s" s null ", \"what\":\"the same with the npm package's CLI (a worker thread per container)\""
  fi
  json run.busybox-echo.spin-emu-initramfs.seconds "$emu_s" s null ", \"what\":\"the same kernel and command without an image (spin-emu)\""
  json run.busybox-echo.overhead "$(awk -v a="$run_s" -v b="$emu_s" 'BEGIN { printf "%.3f", a / b }')" x '"spin-emu --kernel with an initramfs"' ""
fi
