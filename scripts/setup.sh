#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build and test Spin, from
# Debian's packages and the npm registry only, then fetches the C sources that must be
# compiled to wasm. Idempotent: a second run installs nothing and fetches nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates dpkg-dev
  emscripten
  gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu
  qemu-user-static qemu-system-misc
  python3 xxd time
  umoci
  device-tree-compiler
  linux-source-6.1 flex bison bc libssl-dev libelf-dev cpio
  libcurl4-openssl-dev curl
  docker-registry skopeo umoci apache2-utils openssl
  bsdutils
  chromium
)

missing=()
# Node.js: use the machine's own if it has one (it may come from elsewhere than Debian,
# and Debian's npm conflicts with such a node); otherwise Debian's.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$here/scripts/fetch-sources.sh"

# From the npm registry, each folder pinned by its package-lock.json and reinstalled only
# when that lock file changes: tests/node (TypeScript for the npm package's declarations),
# web (xterm.js, copied into the built playground), tests/web (playwright-core, which
# drives Debian's chromium and never downloads a browser).
for folder in tests/node web tests/web; do
  dir="$here/$folder"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.spin-installed-lock" 2>/dev/null; then
    echo "setup: installing the npm dependencies of $folder"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
    cp "$dir/package-lock.json" "$dir/node_modules/.spin-installed-lock"
  fi
done
echo "setup: ready"
