#!/usr/bin/env bash
# Runs a bare program interpreted (--jit off) and translated (--jit 1: every block on
# its first entry; --jit 2: on its second, so interpreted and translated code mix), and
# checks that each run passes, that translations were made, and that the program
# printed the same thing every time (instruction counts, trap and interrupt points).
#   compare.sh PROGRAM.elf SPIN_EMU...
set -uo pipefail
elf=$1
shift
err=$(mktemp)
trap 'rm -f "$err"' EXIT
ref=$("$@" --bare "$elf" --jit off 2>"$err") || { echo "FAIL: interpreted run exited $?"; cat "$err"; exit 1; }
for n in 1 2; do
  out=$("$@" --bare "$elf" --jit "$n" --stats 2>"$err") || { echo "FAIL: --jit $n exited $?"; cat "$err"; exit 1; }
  made=$(sed -n 's/.*"translations":\([0-9]*\).*/\1/p' "$err")
  [ "${made:-0}" -gt 0 ] || { echo "FAIL: --jit $n made no translations"; cat "$err"; exit 1; }
  if [ "$out" != "$ref" ]; then
    echo "FAIL: --jit $n printed something else than the interpreter"
    diff <(echo "$ref") <(echo "$out")
    exit 1
  fi
  echo "ok: --jit $n, $made translations, same output as interpreted"
done
