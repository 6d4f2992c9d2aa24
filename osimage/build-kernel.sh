#!/usr/bin/env bash
# Builds the Spin guest kernel: Debian's linux-source-6.1, `tinyconfig` plus our fragment
# (osimage/kernel.config), with an embedded initramfs holding only our init and
# /dev/console. Prints the path of the Image on stdout (build output goes to stderr).
#
# Cache: $SPIN_CACHE_DIR/kernel/<hash>/{Image,config,init}, hash = sha256 of every input
# (fragment, this script, init sources, cJSON source, toolchain and linux-source
# versions). With unchanged inputs a run only prints the path. The kernel's object tree
# lives in the cache too (kernel/obj-<hash of the config inputs>) so that changing the
# init only relinks; the finished files are published by one rename, so an interrupted
# build never leaves a half Image behind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

"$repo/scripts/fetch-sources.sh" >&2
cjson="$spin_deps/src/cjson"
[ -f "$cjson/.fetched" ] || die "$cjson missing: run scripts/setup.sh"
linux_ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) \
  || die "linux-source-6.1 is not installed: run scripts/setup.sh"
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || die "$tarball missing"

init_srcs=$(find "$here/init" -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
tool=$(toolchain_id)
cfg_hash=$(printf 'linux-source-6.1 %s\n%s\n' "$linux_ver" "$tool" \
  | hash_inputs "$here/kernel.config")
hash=$(printf 'cfg %s\n' "$cfg_hash" \
  | hash_inputs "$here/build-kernel.sh" "$here/lib.sh" "$here/check-config.sh" $init_srcs "$cjson/cJSON.c" "$cjson/cJSON.h")

kdir="$spin_cache/kernel"
out="$kdir/$hash"
if [ -f "$out/Image" ]; then echo "$out/Image"; exit 0; fi

mkdir -p "$kdir"
tmp=""
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT   # an interrupted step leaves no temp dir
trap 'exit 130' INT TERM                      # ... also when interrupted by a signal
exec 9>"$kdir/.lock"
flock 9   # one kernel build at a time: they would share the source and object trees
if [ -f "$out/Image" ]; then echo "$out/Image"; exit 0; fi
start=$(date +%s)

# 1. The source, unpacked once per linux-source version (temp dir + rename).
src="$kdir/src-$linux_ver"
if [ ! -f "$src/Makefile" ]; then
  log "unpacking $tarball"
  tmp=$(mktemp -d "$kdir/.src.XXXXXX")
  tar -xf "$tarball" -C "$tmp"
  rm -rf "$src"
  mv -T "$tmp/linux-source-6.1" "$src"
  rm -rf "$tmp"
  tmp=""
fi

# 2. Configuration: tinyconfig, our fragment, then olddefconfig — which silently drops
#    options whose dependencies are missing, so every line of the fragment is checked.
obj="$kdir/obj-$cfg_hash"
ramfs="$obj/spin-initramfs"
mkdir -p "$ramfs"
# Fixed build stamps: the same inputs give the same Image, byte for byte.
kmake=(make -C "$src" O="$obj" ARCH=riscv CROSS_COMPILE="$cross" -j"$(nproc)"
  KBUILD_BUILD_USER=spin KBUILD_BUILD_HOST=spin KBUILD_BUILD_VERSION=1
  KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 1970")
#    Redone on every build (seconds): kbuild then recompiles only what a changed option
#    affects.
log "configuring in $obj (log: $obj/config.log)"
printf 'CONFIG_INITRAMFS_SOURCE="%s"\n' "$ramfs/initramfs.list" > "$obj/spin-initramfs.config"
{
  "${kmake[@]}" tinyconfig
  (cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" .config \
      "$here/kernel.config" "$obj/spin-initramfs.config")
  "${kmake[@]}" olddefconfig
} > "$obj/config.log" 2>&1 || { tail -n 20 "$obj/config.log" >&2; die "configuration failed"; }
bad=$("$here/check-config.sh" "$here/kernel.config" "$obj/.config") || {
  log "these options of kernel.config did not survive olddefconfig (missing dependencies?):"
  echo "$bad" >&2
  exit 1
}

# 3. The init: static riscv64, with cJSON compiled from Debian's source.
log "building init"
"${cross}gcc" -std=c11 -O2 -w -c -o "$ramfs/cJSON.o" "$cjson/cJSON.c"   # not ours: no -Werror
"${cross}gcc" -std=c11 -static -O2 -s -Wall -Wextra -Werror -D_GNU_SOURCE \
  -I"$cjson" -o "$ramfs/init.tmp" $(echo "$init_srcs" | grep '\.c$') "$ramfs/cJSON.o"
# The cpio records file mtimes: a fixed one keeps the Image reproducible. Kbuild would
# then not see a new init as newer, so the list names the init's hash: a new init is a
# new list, which kbuild does notice.
touch -d @0 "$ramfs/init.tmp"
mv "$ramfs/init.tmp" "$ramfs/init"
cat > "$ramfs/initramfs.list.tmp" <<EOF
# init sha256 $(sha256sum < "$ramfs/init" | cut -c1-64)
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
dir /tmp 1777 0 0
file /init $ramfs/init 0755 0 0
EOF
mv "$ramfs/initramfs.list.tmp" "$ramfs/initramfs.list"

# 4. The kernel. Kbuild is incremental: only what changed is rebuilt.
log "building Image in $obj (log: $obj/build.log)"
if ! "${kmake[@]}" Image > "$obj/build.log" 2>&1; then
  tail -n 40 "$obj/build.log" >&2
  die "kernel build failed (full log: $obj/build.log)"
fi

# 5. Publish atomically, and keep only the three most recently used object trees
#    (about 90 MB each; a config change starts a new one).
touch "$obj"
ls -dt "$kdir"/obj-* | tail -n +4 | xargs -r rm -rf
tmp=$(mktemp -d "$kdir/.out.XXXXXX")
cp "$obj/arch/riscv/boot/Image" "$tmp/Image"
cp "$obj/.config" "$tmp/config"
cp "$ramfs/init" "$tmp/init"
publish_dir "$tmp" "$out"
tmp=""
log "done in $(( $(date +%s) - start )) s, Image $(stat -c %s "$out/Image") bytes"
echo "$out/Image"
