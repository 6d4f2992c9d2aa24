#!/usr/bin/env bash
# expect.sh STATUS REGEX -- COMMAND...: runs COMMAND and passes if it exits with STATUS
# and its combined output matches the extended regular expression REGEX.
set -u
want=$1 regex=$2
shift 3
out=$("$@" 2>&1)
got=$?
if [ "$got" != "$want" ]; then
  printf 'expected exit status %s, got %s; output:\n%s\n' "$want" "$got" "$out"
  exit 1
fi
if ! grep -Eq -- "$regex" <<<"$out"; then
  printf 'output does not match /%s/:\n%s\n' "$regex" "$out"
  exit 1
fi
echo "ok: status $got, output matches /$regex/"
