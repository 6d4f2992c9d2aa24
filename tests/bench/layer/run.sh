#!/usr/bin/env bash
# Layer benchmark: applying a ~55 MB (tar) gzip layer into memfs (src/fs/tar_apply.h), natively
# and as wasm under Node, against GNU tar extracting the same layer to disk (tmpfs when
# /dev/shm exists), best of N runs each; and the time memfs_clone takes to give a
# container its copy-on-write tree of the result.
#   run.sh [--runs N]      JSON lines on stdout, diagnostics on stderr.
# The layer is generated (deterministic python, seeded): 2000 files in 60 directories,
# half text-like (compressible), half random, sizes spread from 0 to 70 KiB (every 50th
# 200 KiB), plus hard links and symlinks.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case $1 in --runs) runs=$2; shift 2 ;; *) shift ;; esac
done
native=${SPIN_TAR_APPLY_NATIVE:-$root/build/native/tests/unit/tar_apply_test}
wasm=${SPIN_TAR_APPLY_WASM:-$root/build/wasm/tests/unit/tar_apply_test.js}
work=$(mktemp -d "${TMPDIR:-/tmp}/spin-bench-layer.XXXXXX")
scratch_parent=/dev/shm; [ -d "$scratch_parent" ] && [ -w "$scratch_parent" ] || scratch_parent=$work
scratch=$(mktemp -d "$scratch_parent/spin-bench-layer-x.XXXXXX")
trap 'rm -rf "$work" "$scratch"' EXIT

python3 - "$work/src" <<'EOF'
import os, random, sys
root = sys.argv[1]
rng = random.Random(20261122)
words = [("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))))
         for _ in range(5000)]
for d in range(60):
    os.makedirs(os.path.join(root, "usr/lib/pkg%02d/sub" % d))
for i in range(2000):
    path = os.path.join(root, "usr/lib/pkg%02d/%s/file%04d" % (i % 60, "sub" if i % 3 else ".", i))
    size = int(rng.random() ** 2 * 70 * 1024) if i % 50 else 200 * 1024
    with open(path, "wb") as f:
        if i % 2:
            f.write(rng.randbytes(size))
        else:
            text = " ".join(rng.choice(words) for _ in range(size // 5 + 1)).encode()
            f.write(text[:size])
    if i % 100 == 0:
        os.link(path, path + ".hardlink")
        os.symlink("file%04d" % i, path + ".symlink")
EOF
tar --format=pax -C "$work/src" -cf "$work/layer.tar" . && gzip -6 "$work/layer.tar"
layer=$work/layer.tar.gz
echo "layer: $(stat -c %s "$layer") bytes gzip, $(gzip -dc "$layer" | wc -c) bytes tar" >&2

now() { date +%s.%N; }
json() { printf '{"name":"%s","value":%s,"unit":"%s","reference":%s%s}\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

# best_tar: GNU tar -xzf into an empty scratch folder.
best_tar() {
  local best="" t0 t1
  for _ in $(seq "$runs"); do
    rm -rf "$scratch"/* && t0=$(now)
    tar -xzf "$layer" -C "$scratch" || return 1
    t1=$(now)
    best=$(least "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" "$best")
  done
  echo "$best"
}

# best_apply CMD...: the least apply_seconds and clone_seconds the tool reports.
best_apply() {
  local best="" clone="" out a c
  for _ in $(seq "$runs"); do
    out=$("$@" apply "$layer") || { echo "layer: '$*' failed: $out" >&2; return 1; }
    a=$(echo "$out" | awk '{ for (i = 1; i < NF; i++) if ($i == "apply_seconds") print $(i + 1) }')
    c=$(echo "$out" | awk '{ for (i = 1; i < NF; i++) if ($i == "clone_seconds") print $(i + 1) }')
    echo "layer: $out" >&2
    best=$(least "$a" "$best")
    clone=$(least "$c" "$clone")
  done
  echo "$best $clone"
}

status=0
tar_s=$(best_tar) || { echo "layer: tar -x failed" >&2; exit 1; }
json layer.tar-x.seconds "$tar_s" s null ",\"runs\":$runs"
for variant in native wasm; do
  if [ "$variant" = native ]; then cmd=("$native"); else cmd=(node "$wasm"); fi
  if [ ! -e "${cmd[-1]}" ]; then
    echo "layer: ${cmd[-1]} not built, skipping $variant" >&2
    continue
  fi
  read -r apply_s clone_s < <(best_apply "${cmd[@]}") || { status=1; continue; }
  [ -n "$apply_s" ] || { status=1; continue; }
  json "layer.memfs-$variant.seconds" "$apply_s" s null ",\"runs\":$runs"
  json "layer.memfs-$variant.clone-seconds" "$clone_s" s null ",\"runs\":$runs"
  slow=$(ratio "$apply_s" "$tar_s")
  met=$(awk -v a="$slow" 'BEGIN { print (a <= 2) ? "true" : "false" }')
  # Goal 2: at least half GNU tar's throughput (issue 4 asks pull + apply >= 0.5x of
  # skopeo copy + tar -x; this is the apply half).
  json "layer.memfs-$variant.slowdown-vs-tar-x" "$slow" x '"layer.tar-x.seconds"' ",\"goal\":2,\"met\":$met"
done
exit $status
