# Shared by osimage/build-*.sh (sourced, not run): where the cache lives, how inputs
# are identified, and how a finished artefact is published so that nobody ever sees
# half of it.

spin_cache=${SPIN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/spin}
spin_deps=${SPIN_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/spin/deps}
cross=riscv64-linux-gnu-

log() { echo "${0##*/}: $*" >&2; }
die() { log "$*"; exit 1; }

# Versions of everything outside the repository that shapes a guest binary: the cross
# compiler, binutils and the static C library the init is linked with.
toolchain_id() {
  command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing: run scripts/setup.sh"
  "${cross}gcc" --version | head -n 1
  "${cross}ld" --version | head -n 1
  dpkg-query -W -f='${Package} ${Version}\n' \
    gcc-12-riscv64-linux-gnu binutils-riscv64-linux-gnu libc6-dev-riscv64-cross 2>/dev/null || true
}

# sha256 of a stream of "name + content" records, so that renaming an input changes the
# hash as well as editing it.
hash_inputs() {  # hash_inputs FILE... ; extra text on stdin is hashed first
  { cat; for f in "$@"; do printf '\n== %s\n' "${f##*/}"; cat "$f"; done; } \
    | sha256sum | cut -c1-64
}

# Moves the finished directory $1 to $2 in one rename. If another build published the
# same hash meanwhile, theirs is kept (identical inputs, so identical content).
publish_dir() {
  mv -T "$1" "$2" 2>/dev/null || { [ -d "$2" ] && rm -rf "$1"; } || die "cannot publish $2"
}
