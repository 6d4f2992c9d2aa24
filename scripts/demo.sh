#!/usr/bin/env bash
# The README's first command: set everything up, build the npm package's bundle (the wasm
# build, with the guest kernel, into node/dist), make a small container image offline (a
# static riscv64 busybox built from Debian's source, packed with umoci into an OCI
# archive) and run it with the package's `spin` CLI (node/bin/spin.js):
#   scripts/demo.sh [COMMAND [ARG...]]     default: a greeting from inside the container
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
scripts/setup.sh
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten's JS optimizer needs it
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target node_dist >/dev/null

# The demo image: busybox with its applets linked, cached by the busybox build's hash.
busybox_cpio=$(osimage/build-test-initrd.sh | tail -n 1)
cache="${SPIN_CACHE_DIR:-$HOME/.cache/spin}/demo"
archive="$cache/$(sha256sum < "$busybox_cpio" | cut -c1-16)-busybox-oci.tar"
if [ ! -f "$archive" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && mkdir rootfs && cd rootfs && cpio -i --quiet --make-directories < "$busybox_cpio")
  rm -f "$work/rootfs/init"
  rootless=()
  [ "$(id -u)" -eq 0 ] || rootless=(--rootless)
  (cd "$work" && umoci init --layout layout && umoci new --image layout:demo &&
    umoci insert "${rootless[@]}" --image layout:demo rootfs / &&
    umoci config --image layout:demo --os linux --architecture riscv64 \
      --config.env PATH=/bin --config.workingdir / \
      --config.cmd /bin/sh --config.cmd -c \
      --config.cmd 'echo "Hello from a Spin container: $(uname -s) on $(uname -m), $(ls /bin | wc -l) programs in /bin"') >/dev/null
  tar -C "$work/layout" -cf "$archive.tmp" . && mv "$archive.tmp" "$archive"
fi
exec node node/bin/spin.js run --image-file "$archive" "$@"
