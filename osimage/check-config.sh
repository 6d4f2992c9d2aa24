#!/usr/bin/env bash
# check-config.sh FRAGMENT DOTCONFIG: prints every option of FRAGMENT that did not end up
# in DOTCONFIG as requested, and fails if there is any. `CONFIG_X=v` must appear
# verbatim; `# CONFIG_X is not set` means X must be off (unset or absent).
# Needed because `make olddefconfig` silently drops options whose dependencies are
# missing, which would otherwise surface only as a guest that does not boot.
set -euo pipefail
frag=$1 cfg=$2 bad=0
while IFS= read -r line; do
  case "$line" in
    CONFIG_*=*) opt=${line%%=*} want=$line ;;
    "# CONFIG_"*" is not set") opt=${line#\# } opt=${opt%% *} want=off ;;
    *) continue ;;
  esac
  got=$(grep -E "^($opt=|# $opt is not set)" "$cfg" || true)
  if [ "$want" = off ]; then
    case "$got" in "" | "# $opt is not set") ;; *) echo "  $opt: wanted off, got $got"; bad=1 ;; esac
  elif [ "$got" != "$want" ]; then
    echo "  $opt: wanted ${want#*=}, got ${got:-nothing}"; bad=1
  fi
done < "$frag"
exit "$bad"
