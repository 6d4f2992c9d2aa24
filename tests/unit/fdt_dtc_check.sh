#!/bin/sh
# unit.fdt_dtc: has fdt_test write its example virt tree, decompiles it with dtc, and
# compares it with the expected source (fdt_virt.dts) compiled and decompiled by the same
# dtc, so that only content counts, not formatting or dtc's guesses at a value's type. Exit 77 (skipped) when dtc is missing.
# usage: fdt_dtc_check.sh EXPECTED.dts OUT.dtb FDT_TEST_COMMAND...
set -eu
expected=$1 dtb=$2
shift 2
if ! command -v dtc >/dev/null 2>&1; then
    echo "fdt_dtc: dtc not found (Debian package device-tree-compiler); skipped"
    exit 77
fi
rm -f "$dtb"
"$@" --write "$dtb"
dtc -q -I dts -O dtb -o "$dtb.expected.dtb" "$expected"
dtc -q -I dtb -O dts -o "$dtb.expected.dts" "$dtb.expected.dtb"
# dtc's checks must find nothing to complain about in our blob.
dtc -I dtb -O dts -o "$dtb.dts" "$dtb" 2>"$dtb.warnings"
if [ -s "$dtb.warnings" ]; then
    echo "fdt_dtc: dtc warned about the blob:"
    cat "$dtb.warnings"
    exit 1
fi
if ! diff -u "$dtb.expected.dts" "$dtb.dts"; then
    echo "fdt_dtc: the blob does not decompile to $expected"
    exit 1
fi
echo "fdt_dtc: the blob decompiles to the expected tree"
