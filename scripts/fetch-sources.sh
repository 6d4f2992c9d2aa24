#!/usr/bin/env bash
# Fetches the source packages of the C libraries that Spin compiles itself (for wasm and
# for the riscv64 guest): zlib, cJSON, busybox and lwIP (the user-mode TCP/IP stack of
# src/net). They come from Debian through `apt-get source` with a private apt configuration whose deb-src entries are derived from this machine's
# own sources list, so apt verifies them against the archive's signed indexes exactly as
# it verifies binary packages. Nothing third-party is ever committed to the repository.
#
# Output: $SPIN_DEPS_DIR/src/<package>/ (default ~/.cache/spin/deps), unpacked with
# Debian's patches applied. Idempotent: a package already unpacked is not fetched again.
set -euo pipefail
deps=${SPIN_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/spin/deps}
packages=(zlib cjson busybox lwip)
mkdir -p "$deps/src"

need=()
for p in "${packages[@]}"; do [ -f "$deps/src/$p/.fetched" ] || need+=("$p"); done
[ ${#need[@]} -eq 0 ] && exit 0

apt_dir="$deps/apt"
mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"

# Derive deb-src entries from the machine's own deb entries, both one-line and deb822.
: > "$apt_dir/etc/sources.list.d/spin-src.list"
: > "$apt_dir/etc/sources.list.d/spin-src.sources"
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list \
    >> "$apt_dir/etc/sources.list.d/spin-src.list"
fi
for f in /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" \
    >> "$apt_dir/etc/sources.list.d/spin-src.list"
done
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  # Keep stanzas whose Types include "deb" and say "deb-src" instead.
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /(^|\n)Types:[^\n]*(^|[ \t])deb([ \t]|\n|$)/ {
         sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" \
    >> "$apt_dir/etc/sources.list.d/spin-src.sources"
done

apt_opts=(-o "Dir::Etc::SourceList=/dev/null"
          -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
          -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache=$apt_dir/cache"
          -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" update -qq

work=$(mktemp -d "$deps/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
for p in "${need[@]}"; do
  (cd "$work" && apt-get "${apt_opts[@]}" source -qq "$p" >/dev/null)
  dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$p-*" | head -n 1)
  [ -n "$dir" ] || { echo "fetch-sources: apt-get source $p produced no tree" >&2; exit 1; }
  touch "$dir/.fetched"
  rm -rf "$deps/src/$p"
  mv "$dir" "$deps/src/$p"     # atomic within one file system: never half a tree
  rm -rf "${work:?}"/*
  echo "fetch-sources: $p ready in $deps/src/$p"
done
