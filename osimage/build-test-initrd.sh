#!/usr/bin/env bash
# Builds the test initramfs: a static riscv64 busybox (from Debian's busybox source
# package, fetched by scripts/fetch-sources.sh; Debian has no riscv64 binaries for
# bookworm) with a small applet set, as /bin/busybox plus one symlink per applet, in a
# newc cpio. Loaded with `-initrd`, Linux unpacks it over the kernel's embedded
# initramfs, so tests get /bin/sh & co. next to our /init. Prints the cpio's path.
#
# Cache: $SPIN_CACHE_DIR/test-initrd/<hash>/busybox.cpio, hash = sha256 of this script,
# the busybox source version and the toolchain; published by one rename.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

"$repo/scripts/fetch-sources.sh" >&2
bb="$spin_deps/src/busybox"
[ -f "$bb/.fetched" ] || die "$bb missing: run scripts/setup.sh"
bb_ver=$(head -n 1 "$bb/debian/changelog")

hash=$(printf 'busybox %s\n%s\n' "$bb_ver" "$(toolchain_id)" \
  | hash_inputs "$here/build-test-initrd.sh" "$here/lib.sh")
tdir="$spin_cache/test-initrd"
out="$tdir/$hash"
if [ -f "$out/busybox.cpio" ]; then echo "$out/busybox.cpio"; exit 0; fi
mkdir -p "$tdir"
start=$(date +%s)

work=$(mktemp -d "$tdir/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on signals too
obj="$work/obj"
mkdir -p "$obj"
bmake=(make -C "$bb" O="$obj" CROSS_COMPILE="$cross" -j"$(nproc)")

# allnoconfig, then exactly the applets the tests and a debugging session need.
applets=(ASH SH_IS_ASH ASH_ECHO ASH_PRINTF ASH_TEST ASH_JOB_CONTROL ASH_ALIAS
  ASH_GETOPTS ASH_CMDCMD
  ECHO PRINTF TEST TEST1 TEST2 TRUE FALSE CAT LS SLEEP DATE KILL MOUNT UMOUNT
  MKDIR RM RMDIR CP MV LN PWD ENV ID UNAME HEAD TAIL GREP WC SEQ TOUCH STAT
  CHMOD EXPR YES SYNC DMESG PS HOSTNAME BASENAME DIRNAME TEE TR SORT UNIQ DD DF
  CUT SED FIND XARGS WHICH PRINTENV NPROC FREE UPTIME POWEROFF REBOOT HALT
  IP PING NC NC_SERVER NC_EXTRA STTY WGET NSLOOKUP HTTPD MD5SUM)
features=(STATIC LFS LONG_OPTS FEATURE_FANCY_ECHO FEATURE_SH_MATH FEATURE_SH_MATH_64
  FEATURE_EDITING FEATURE_TAB_COMPLETION FEATURE_LS_FILETYPES FEATURE_LS_FOLLOWLINKS
  FEATURE_LS_RECURSIVE FEATURE_LS_SORTFILES FEATURE_LS_TIMESTAMPS FEATURE_LS_USERNAME
  FEATURE_HUMAN_READABLE FEATURE_PS_WIDE FEATURE_MOUNT_FLAGS FEATURE_MOUNT_FSTAB
  FEATURE_FIND_PRINT0 FEATURE_FIND_TYPE FEATURE_FIND_NOT FEATURE_FIND_PATH
  FEATURE_FIND_MAXDEPTH FEATURE_FIND_EXEC SHOW_USAGE FEATURE_VERBOSE_USAGE
  FEATURE_USE_SENDFILE FEATURE_IP_ADDRESS FEATURE_IP_LINK FEATURE_IP_ROUTE
  FEATURE_FANCY_PING FLOAT_DURATION NC_110_COMPAT)
log "configuring busybox $bb_ver"
"${bmake[@]}" allnoconfig > "$work/config.log" 2>&1 || { tail -n 20 "$work/config.log" >&2; die "allnoconfig failed"; }
for o in "${applets[@]}" "${features[@]}"; do
  sed -i "s/^# CONFIG_$o is not set\$/CONFIG_$o=y/" "$obj/.config"
done
# olddefconfig-like: accept defaults for the options the new ones reveal.
"${bmake[@]}" oldconfig < <(yes '') >> "$work/config.log" 2>&1 || { tail -n 20 "$work/config.log" >&2; die "oldconfig failed"; }
missing=()
for o in "${applets[@]}" "${features[@]}"; do
  grep -qx "CONFIG_$o=y" "$obj/.config" || missing+=("$o")
done
[ ${#missing[@]} -eq 0 ] || die "busybox options not enabled: ${missing[*]}"

log "building busybox (log: $obj/build.log)"
if ! "${bmake[@]}" busybox busybox.links > "$obj/build.log" 2>&1; then
  tail -n 40 "$obj/build.log" >&2
  die "busybox build failed"
fi
if "${cross}readelf" -l "$obj/busybox" | grep -q INTERP; then die "busybox is not static"; fi

# The tree: /bin/busybox and its links (all in /bin, relative), nothing else.
root="$work/root"
mkdir -p "$root/bin"
install -m 0755 "$obj/busybox" "$root/bin/busybox"
"${cross}strip" "$root/bin/busybox"
while read -r link; do
  name=${link##*/}
  [ "$name" = busybox ] || ln -sf busybox "$root/bin/$name"
done < "$obj/busybox.links"

mkdir -p "$work/out"
# Sorted names, owner root, fixed mtimes: the same inputs give the same bytes.
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort \
  | cpio -o -H newc -R 0:0 --quiet > "$work/out/busybox.cpio")
publish_dir "$work/out" "$out"
log "done in $(( $(date +%s) - start )) s, $(stat -c %s "$out/busybox.cpio") bytes"
echo "$out/busybox.cpio"
