#!/usr/bin/env bash
# Installs the Debian packages that building skupper-router and Proton needs, if any is missing
# (CI starts on a bare machine). Uses sudo when not root.
set -euo pipefail
PACKAGES=(cmake ninja-build pkg-config gcc g++ libssl-dev libsasl2-dev libnghttp2-dev libwebsockets-dev
  libunwind-dev python3-dev python3-pip python3-cffi python3-build python3-setuptools python3-wheel)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[deps] installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
