#!/usr/bin/env bash
# Builds the test control-plane binaries (kube-apiserver, kube-controller-manager, etcd,
# sealed-secrets controller + kubeseal) from the pinned Go wrapper modules in tools/*.
#
# Output goes to a cache outside the repository, one folder per wrapper keyed by the pinned
# version and a hash of its go.mod/go.sum, so a rebuild happens only when a pin changes:
#   ${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/bin/<wrapper>-<version>-<hash>/
# Prints the folder of each wrapper and how long each build took. Safe to run repeatedly.
set -euo pipefail

TOOLS="$(cd "$(dirname "$0")" && pwd)"
CACHE="${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/bin"
mkdir -p "$CACHE"
export CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=readonly

K8S_VERSION=1.36.3
ETCD_VERSION=3.6.8
SEALED_SECRETS_VERSION=0.36.6

# cache_dir <wrapper> <version>: the versioned cache folder of a wrapper module.
cache_dir() {
  local hash
  hash="$(cat "$TOOLS/$1/go.mod" "$TOOLS/$1/go.sum" | sha256sum | cut -c1-12)"
  echo "$CACHE/$1-$2-$hash"
}

# build <wrapper> <version> <output> <go build args...>: builds into a temp folder (<output> is
# "dir/" for several binaries, or a file name for one) and renames the folder into place only on
# success, so an interrupted build never leaves a half-filled cache entry.
build() {
  local name="$1" version="$2" output="$3"; shift 3
  local out; out="$(cache_dir "$name" "$version")"
  if [ -f "$out/.complete" ]; then
    echo "[build] $name $version: cached in $out"
    return
  fi
  local tmp="$out.tmp.$$"; rm -rf "$tmp"; mkdir -p "$tmp"
  echo "[build] $name $version: building into $out"
  local start=$SECONDS
  (cd "$TOOLS/$name" && go build -trimpath -o "$tmp/$output" "$@")
  touch "$tmp/.complete"
  rm -rf "$out"; mv "$tmp" "$out"
  echo "[build] $name $version: built in $((SECONDS - start))s"
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

# A named output: `go build -o dir/` would call etcd's main package "server".
build etcd "$ETCD_VERSION" etcd -ldflags "-s -w" go.etcd.io/etcd/server/v3
ETCD_DIR="$(cache_dir etcd "$ETCD_VERSION")"
build sealed-secrets "$SEALED_SECRETS_VERSION" "" \
  -ldflags "-s -w -X main.VERSION=v$SEALED_SECRETS_VERSION" \
  github.com/bitnami-labs/sealed-secrets/cmd/controller github.com/bitnami-labs/sealed-secrets/cmd/kubeseal
# Both k8s commands in one go build so their shared packages compile once.
build k8s "$K8S_VERSION" "" -tags selinux,notest -ldflags "$(k8s_ldflags)" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager

# A manifest the test harness reads to find the binaries.
cat > "$CACHE/current.json" <<JSON
{
  "kubeApiserver": "$(cache_dir k8s "$K8S_VERSION")/kube-apiserver",
  "kubeControllerManager": "$(cache_dir k8s "$K8S_VERSION")/kube-controller-manager",
  "etcd": "$ETCD_DIR/etcd",
  "sealedSecretsController": "$(cache_dir sealed-secrets "$SEALED_SECRETS_VERSION")/controller",
  "kubeseal": "$(cache_dir sealed-secrets "$SEALED_SECRETS_VERSION")/kubeseal"
}
JSON
echo "[build] binaries listed in $CACHE/current.json"
