#!/usr/bin/env bash
# Builds the Skupper 2.2.1 controller from the vendored source snapshot (the Go module proxy
# refuses github.com/skupperproject/skupper; its dependencies all come from the proxy).
#   build.sh <source tarball> <output folder>
# Writes <output folder>/skupper-controller.
set -euo pipefail
TARBALL="$1" OUT="$2"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
tar -xzf "$TARBALL" -C "$WORK"
SRC="$WORK/skupper-2.2.1"
# Its go.mod carries the gogo/protobuf replace; build inside the module, never in a workspace.
(cd "$SRC" && CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o "$OUT/skupper-controller" ./cmd/controller)
"$OUT/skupper-controller" --help >/dev/null 2>&1 || { echo "built skupper-controller does not run" >&2; exit 1; }
