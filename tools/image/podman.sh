#!/usr/bin/env bash
# Runs podman with this project's own configuration, so building and testing the runtime image
# needs no systemd, no container registry and nothing under /var/lib/containers:
#   storage (overlay) and run state under ${CDK8S_SKUPPER_CACHE:-~/.cache/cdk8s-skupper}/podman/,
#   runc (crun 1.8 refuses hybrid cgroups), cgroupfs, a file events log, netavark, and
#   default ulimits this kind of VM can grant (it cannot raise them, so every `run` would fail).
# Usage: bash tools/image/podman.sh <podman args...>
set -euo pipefail
ROOT="${CDK8S_SKUPPER_CACHE:-$HOME/.cache/cdk8s-skupper}/podman"
mkdir -p "$ROOT/storage" "$ROOT/run" "$ROOT/tmp"
# Written every time (renamed into place, so concurrent runs never read half a file): a change
# here takes effect at once.
cat > "$ROOT/containers.conf.tmp.$$" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
netns = "host"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$ROOT/events.log"
events_logfile_max_size = "1m"
tmp_dir = "$ROOT/tmp"
[network]
network_backend = "netavark"
network_config_dir = "$ROOT/networks"
CONF
cat > "$ROOT/storage.conf.tmp.$$" <<CONF
[storage]
driver = "overlay"
graphroot = "$ROOT/storage"
runroot = "$ROOT/run"
CONF
mv "$ROOT/containers.conf.tmp.$$" "$ROOT/containers.conf"
mv "$ROOT/storage.conf.tmp.$$" "$ROOT/storage.conf"
export CONTAINERS_CONF="$ROOT/containers.conf" CONTAINERS_STORAGE_CONF="$ROOT/storage.conf"
exec podman "$@"
