#!/usr/bin/env bash
# The README's second command: set everything up, build every preset and run every
# test. Prints each runner's summary; exits non-zero if anything failed.
#   scripts/test.sh [preset...]     default: native-asan native wasm
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
scripts/setup.sh || exit 1
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs it for its JS optimiser

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(native-asan native wasm)
jobs=$(nproc)
failed=()
for preset in "${presets[@]}"; do
  echo "=== $preset: configure and build"
  if ! cmake --preset "$preset" >/dev/null || ! cmake --build --preset "$preset" -j "$jobs"; then
    failed+=("$preset (build)")
    continue
  fi
  echo "=== $preset: tests"
  ctest --preset "$preset" -j "$jobs" --timeout 900 || failed+=("$preset (tests)")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all presets passed: ${presets[*]}"
