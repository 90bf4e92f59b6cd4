#!/usr/bin/env bash
# Installs the Debian packages that building and running the runtime image needs (podman with
# runc and netavark, mmdebstrap for the bases), if any is missing: one dpkg-query first, apt-get
# only for what is missing (CI starts on a bare machine). Uses sudo when not root.
set -euo pipefail
PACKAGES=(podman buildah runc conmon catatonit netavark aardvark-dns fuse-overlayfs slirp4netns uidmap
  mmdebstrap skopeo golang-github-containers-common)
# "ii" is installed; a package dpkg has never seen prints nothing (and a complaint on stderr).
installed="$(dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "${PACKAGES[@]}" 2>/dev/null | awk '$1 == "ii" { print $2 }' || true)"
read -r -a missing <<< "$(comm -23 <(printf '%s\n' "${PACKAGES[@]}" | sort) <(sort <<< "$installed") | tr '\n' ' ')"
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "[image-deps] installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
start=$SECONDS
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[image-deps] installed in $((SECONDS - start))s"
