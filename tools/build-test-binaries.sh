#!/usr/bin/env bash
# Builds the test binaries: the control plane (kube-apiserver, kube-controller-manager, etcd,
# sealed-secrets controller + kubeseal) from the pinned Go wrapper modules in tools/*, and the
# real Skupper (controller, skupper-router + Proton) from the vendored source snapshots in
# ${CDK8S_SKUPPER_VENDOR:-../shared/vendor} (checksums verified first).
#
# Output goes to a cache outside the repository, one folder per build keyed by the pinned
# version and a hash of its inputs (go.mod/go.sum, or the tarballs' checksums and the build
# script, which holds the flags), so a rebuild happens only when an input changes:
#   ${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/bin/<name>-<version>-<hash>/
# Prints the folder of each build and how long it took. Safe to run repeatedly.
set -euo pipefail

TOOLS="$(cd "$(dirname "$0")" && pwd)"
CACHE="${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/bin"
mkdir -p "$CACHE"
export CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=readonly

K8S_VERSION=1.36.3
ETCD_VERSION=3.6.8
SEALED_SECRETS_VERSION=0.36.6
SKUPPER_VERSION=2.2.1
SKUPPER_ROUTER_VERSION=3.5.1

# cache_dir <wrapper> <version>: the versioned cache folder of a wrapper module.
cache_dir() {
  local hash
  hash="$(cat "$TOOLS/$1/go.mod" "$TOOLS/$1/go.sum" | sha256sum | cut -c1-12)"
  echo "$CACHE/$1-$2-$hash"
}

# build_into <cache folder> <label> <command...>: runs the command with $BUILD_OUT set to a temp
# folder and renames it into place only on success, so a failed or interrupted build never
# leaves a cache entry (the temp folder is removed on failure, and the error is printed).
build_into() {
  local out="$1" label="$2"; shift 2
  if [ -f "$out/.complete" ]; then
    echo "[build] $label: cached in $out"
    return
  fi
  # Leftovers of interrupted builds (one build of a cache at a time is assumed).
  rm -rf "$out".tmp.*
  local tmp="$out.tmp.$$"; mkdir -p "$tmp"
  echo "[build] $label: building into $out"
  local start=$SECONDS
  if ! BUILD_OUT="$tmp" "$@"; then
    rm -rf "$tmp"
    echo "[build] $label: FAILED after $((SECONDS - start))s (no cache entry written)" >&2
    exit 1
  fi
  touch "$tmp/.complete"
  rm -rf "$out"; mv "$tmp" "$out"
  echo "[build] $label: built in $((SECONDS - start))s"
}

# build <wrapper> <version> <output> <go build args...>: a Go wrapper module's build (<output> is
# "dir/" for several binaries, or a file name for one).
build() {
  local name="$1" version="$2" output="$3"; shift 3
  build_into "$(cache_dir "$name" "$version")" "$name $version" go_build "$name" "$output" "$@"
}
go_build() {
  local name="$1" output="$2"; shift 2
  (cd "$TOOLS/$name" && go build -trimpath -o "$BUILD_OUT/$output" "$@")
}

# vendored <file>: the path of a vendored tarball, after checking its sha256 against the vendor
# folder's README (a changed or truncated snapshot must not be built and cached as if pinned).
vendored() {
  local file="$VENDOR/$1" expected
  [ -f "$file" ] || { echo "[build] missing vendored source $file (set CDK8S_SKUPPER_VENDOR)" >&2; exit 1; }
  expected="$(grep -E "^[0-9a-f]{64}  $1\$" "$VENDOR/README.md" | cut -c1-64)"
  [ -n "$expected" ] || { echo "[build] no sha256 for $1 in $VENDOR/README.md" >&2; exit 1; }
  echo "$expected  $file" | sha256sum --check --quiet >&2 || { echo "[build] $file does not match its sha256 $expected" >&2; exit 1; }
  echo "$file"
}

# source_cache_dir <name> <version> <build script> <tarball...>: cache folder keyed by the
# tarballs' checksums and the build script (which holds every build flag).
source_cache_dir() {
  local name="$1" version="$2" script="$3" hash; shift 3
  hash="$( (sha256sum "$@" | cut -c1-64; cat "$script") | sha256sum | cut -c1-12)"
  echo "$CACHE/$name-$version-$hash"
}

k8s_ldflags() {
  local date minor ld="-s -w" p
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"; minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ld="$ld -X $p.gitTreeState=clean -X $p.buildDate=$date"
  done
  echo "$ld"
}

# The real Skupper, from the vendored snapshots.
# The snapshots live beside the repository (../shared/vendor); a clone elsewhere finds them in the
# workplace's shared folder, or wherever CDK8S_SKUPPER_VENDOR points.
find_vendor() {
  local candidate
  if [ -n "${CDK8S_SKUPPER_VENDOR:-}" ]; then
    [ -f "$CDK8S_SKUPPER_VENDOR/README.md" ] || { echo "[build] CDK8S_SKUPPER_VENDOR=$CDK8S_SKUPPER_VENDOR has no README.md with checksums" >&2; exit 1; }
    echo "$CDK8S_SKUPPER_VENDOR"; return
  fi
  for candidate in "$(cd "$TOOLS/../.." && pwd)/shared/vendor" /work/shared/vendor; do
    if [ -f "$candidate/README.md" ]; then echo "$candidate"; return; fi
  done
  echo "[build] vendored sources not found (tried ../shared/vendor and /work/shared/vendor; set CDK8S_SKUPPER_VENDOR)" >&2
  exit 1
}
VENDOR="$(find_vendor)"
SKUPPER_TARBALL="$(vendored skupper-2.2.1.tar.gz)"
PROTON_TARBALL="$(vendored qpid-proton-e5d5c2b.tar.gz)"
ROUTER_TARBALL="$(vendored skupper-router-3.5.1.tar.gz)"
SKUPPER_DIR="$(source_cache_dir skupper "$SKUPPER_VERSION" "$TOOLS/skupper/build.sh" "$SKUPPER_TARBALL")"
build_into "$SKUPPER_DIR" "skupper controller $SKUPPER_VERSION" bash -c '"$0" "$1" "$BUILD_OUT"' "$TOOLS/skupper/build.sh" "$SKUPPER_TARBALL"
ROUTER_DIR="$(source_cache_dir skupper-router "$SKUPPER_ROUTER_VERSION" "$TOOLS/skupper-router/build.sh" "$PROTON_TARBALL" "$ROUTER_TARBALL")"
if [ ! -f "$ROUTER_DIR/.complete" ]; then bash "$TOOLS/install-router-build-deps.sh"; fi
build_into "$ROUTER_DIR" "skupper-router $SKUPPER_ROUTER_VERSION" bash -c '"$0" "$1" "$2" "$3" "$BUILD_OUT"' "$TOOLS/skupper-router/build.sh" "$PROTON_TARBALL" "$ROUTER_TARBALL" "$ROUTER_DIR"

# A named output: `go build -o dir/` would call etcd's main package "server".
build etcd "$ETCD_VERSION" etcd -ldflags "-s -w" go.etcd.io/etcd/server/v3
ETCD_DIR="$(cache_dir etcd "$ETCD_VERSION")"
build sealed-secrets "$SEALED_SECRETS_VERSION" "" \
  -ldflags "-s -w -X main.VERSION=v$SEALED_SECRETS_VERSION" \
  github.com/bitnami-labs/sealed-secrets/cmd/controller github.com/bitnami-labs/sealed-secrets/cmd/kubeseal
# Both k8s commands in one go build so their shared packages compile once.
build k8s "$K8S_VERSION" "" -tags selinux,notest -ldflags "$(k8s_ldflags)" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager

# The runtime image's bases (Debian + Node, cached by their inputs); the image itself is built from
# the checkout by its integration test (test/integ/runtime-image.test.ts).
bash "$TOOLS/image/build-base.sh" >/dev/null

# A manifest the test harness reads to find the binaries.
cat > "$CACHE/current.json" <<JSON
{
  "kubeApiserver": "$(cache_dir k8s "$K8S_VERSION")/kube-apiserver",
  "kubeControllerManager": "$(cache_dir k8s "$K8S_VERSION")/kube-controller-manager",
  "etcd": "$ETCD_DIR/etcd",
  "sealedSecretsController": "$(cache_dir sealed-secrets "$SEALED_SECRETS_VERSION")/controller",
  "kubeseal": "$(cache_dir sealed-secrets "$SEALED_SECRETS_VERSION")/kubeseal",
  "skupperController": "$SKUPPER_DIR/skupper-controller",
  "skrouterd": "$ROUTER_DIR/sbin/skrouterd",
  "skmanage": "$ROUTER_DIR/bin/skmanage",
  "routerPythonPath": "$ROUTER_DIR/$(cat "$ROUTER_DIR/python-path")"
}
JSON
echo "[build] binaries listed in $CACHE/current.json"
