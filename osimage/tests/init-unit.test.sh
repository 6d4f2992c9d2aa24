#!/usr/bin/env bash
# Builds osimage/tests/init-unit.c natively (with ASan+UBSan) against the init's pure
# parts and cJSON's source, and runs it. Prints "N passed, N failed".
set -euo pipefail
osimage=$(cd "$(dirname "$0")/.." && pwd)
. "$osimage/lib.sh"
cjson="$spin_deps/src/cjson"
[ -f "$cjson/.fetched" ] || die "$cjson missing: run scripts/setup.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -std=c11 -O1 -g -w -fsanitize=address,undefined -c -o "$tmp/cJSON.o" "$cjson/cJSON.c"
gcc -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -fsanitize=address,undefined \
  -fno-sanitize-recover=all -I"$osimage/init" -I"$cjson" -o "$tmp/init-unit" \
  "$osimage/tests/init-unit.c" "$osimage/init/cmdline.c" "$osimage/init/proto.c" \
  "$osimage/init/command.c" "$osimage/init/identity.c" "$osimage/init/net.c" "$tmp/cJSON.o"
"$tmp/init-unit"
