#!/usr/bin/env bash
# Regenerates imports/ (typed cdk8s classes) from the CRD files under crds/, offline.
# cdk8s import writes one file per API group, so the CRDs of one group are first concatenated
# into a single multi-document file (importing them one by one would overwrite each other).
set -euo pipefail
cd "$(dirname "$0")/.."
concat() { local out="$1"; shift; for f in "$@"; do cat "$f"; printf '\n---\n'; done > "$out"; }
concat crds/skupper-v2alpha1.yaml crds/skupper/*.yaml
concat crds/cdk8s-skupper.yaml crds/cdk8s-skupper/*.yaml
rm -rf imports
CDK8S_CHECK_UPGRADE=false npx cdk8s import --no-check-upgrade
ls imports
