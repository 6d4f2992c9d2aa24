#!/usr/bin/env bash
# For the node:test suites: Debian's docker-registry on loopback serving a copy of the
# cached test images (tests/oci/fixtures/build-test-images.sh: test/busybox:oci-gzip and
# friends). Prints "port N" and "archive PATH" (the demo-style OCI archive of
# test/busybox, for imageFile tests), then serves until its stdin closes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
. "$here/../oci/fixtures/lib.sh"
trap 'fixture_cleanup; rm -rf "$work"' EXIT
storage=$("$here/../oci/fixtures/build-test-images.sh")
cp -a "$storage" "$work/storage"
start_registry "$work/storage" >&2
skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$registry_port/test/busybox:oci-gzip" \
  "oci-archive:$work/busybox-oci.tar" >&2
echo "port $registry_port"
echo "archive $work/busybox-oci.tar"
cat > /dev/null   # until the test closes our stdin
