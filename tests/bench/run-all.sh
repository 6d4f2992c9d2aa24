#!/usr/bin/env bash
# Runs every benchmark under tests/bench: each subfolder with a run.mjs (run by node) or
# run.sh (run by bash). Arguments are passed to each; JSON lines from all of them go to
# stdout, diagnostics to stderr. Exit status 1 when any benchmark failed.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
ran=0
# cpu first: boot also runs the CPU benchmark's Linux binary, which cpu builds.
dirs=("$here/cpu/")
for dir in "$here"/*/; do [[ "$dir" == "$here/cpu/" ]] || dirs+=("$dir"); done
for dir in "${dirs[@]}"; do
  name="$(basename "$dir")"
  if [[ -f "$dir/run.mjs" ]]; then
    runner=(node "$dir/run.mjs")
  elif [[ -f "$dir/run.sh" ]]; then
    runner=(bash "$dir/run.sh")
  else
    continue
  fi
  echo "bench: running $name" >&2
  ran=$((ran + 1))
  if ! "${runner[@]}" "$@"; then
    echo "bench: $name FAILED" >&2
    status=1
  fi
done
if [[ $ran -eq 0 ]]; then
  echo "bench: no benchmarks found under $here" >&2
  exit 1
fi
exit $status
