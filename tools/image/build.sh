#!/usr/bin/env bash
# Builds the runtime image from this checkout with podman, with no container registry and no
# systemd (`npm run image`):
#   bash tools/image/build.sh [--tag IMAGE] [--save FILE.tar]
# The tag defaults to ghcr.io/cdk8s-skupper/runtime:<package.json version>, the constructs'
# default `image`; --save also writes it as an OCI archive (e.g. for `kind load image-archive`,
# or `skopeo copy oci-archive:FILE docker://REGISTRY/...`). The bases come from
# tools/image/build-base.sh (cached by their inputs); podman's layer cache reuses the dependency
# layers, so only a changed lockfile fetches packages again. npm in the build trusts the host's CA
# bundle, passed as build secrets (never in a layer). Prints the time taken and the image size.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PODMAN=(bash "$HERE/podman.sh")
VERSION="$(node -p 'require(process.argv[1]).version' "$REPO/package.json")"
TAG="ghcr.io/cdk8s-skupper/runtime:$VERSION"
SAVE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG="$2"; shift 2 ;;
    --save) SAVE="$2"; shift 2 ;;
    *) echo "usage: $0 [--tag IMAGE] [--save FILE.tar]" >&2; exit 2 ;;
  esac
done

start=$SECONDS
eval "$(bash "$HERE/build-base.sh")"
# The Dockerfile's build stages name node:20-bookworm-slim; this is its local equivalent, so
# `--pull=never` resolves it (the project's own podman storage: nothing else sees this tag).
"${PODMAN[@]}" tag "$BUILD_BASE" docker.io/library/node:20-bookworm-slim

# The host's CA bundle (this network may intercept TLS), for npm in the build only.
CA="${CDK8S_SKUPPER_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
secrets_dir="$(mktemp -d)"
trap 'rm -rf "$secrets_dir"' EXIT
[ -f "$CA" ] || { echo "[image] no CA bundle at $CA (set CDK8S_SKUPPER_CA_BUNDLE)" >&2; exit 1; }
printf 'cafile=/run/secrets/ca.crt\nfund=false\naudit=false\nupdate-notifier=false\n' > "$secrets_dir/npmrc"

echo "[image] building $TAG"
build_start=$SECONDS
"${PODMAN[@]}" build --pull=never --network=host --layers \
  --build-arg "RUNTIME_BASE=$RUNTIME_BASE" \
  --secret "id=ca.crt,src=$CA" --secret "id=npmrc,src=$secrets_dir/npmrc" \
  --tag "$TAG" --file "$REPO/Dockerfile" "$REPO" >&2
# Untagged images (earlier builds, and the build stages' layers, which are this build's cache)
# older than 3 days: storage stays bounded, and the cache of recent builds is kept.
"${PODMAN[@]}" image prune --force --filter until=72h >/dev/null
if [ -n "$SAVE" ]; then
  rm -f "$SAVE"
  "${PODMAN[@]}" save --quiet --format oci-archive --output "$SAVE" "$TAG"
  echo "[image] saved $SAVE"
fi
size="$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$TAG")"
echo "[image] built $TAG in $((SECONDS - build_start))s (total $((SECONDS - start))s with the bases): $((size / 1000000)) MB"
