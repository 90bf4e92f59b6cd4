#!/usr/bin/env bash
# Builds skupper-router 3.5.1 and the Qpid Proton it pins from the vendored source snapshots
# (recipe and pitfalls: ../shared/reference/skupper-router-build.md).
#   build.sh <proton tarball> <router tarball> <prefix> <output folder>
# skrouterd and skmanage embed their install prefix (the router's Python library path), so they
# are configured for <prefix>, the final cache folder, and installed through a staging DESTDIR
# whose <prefix> subtree is copied to <output folder> (the caller renames that to <prefix>).
# Installs: sbin/skrouterd, bin/skstat, bin/skmanage, and Proton's Python binding (which the
# management tools need; Proton itself is linked into skrouterd statically).
set -euo pipefail
PROTON_TARBALL="$1" ROUTER_TARBALL="$2" PREFIX="$3" OUT="$4"
# Debian's python: a python3 first on PATH (pyenv) may lack the build modules.
PY=/usr/bin/python3
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# The router's configure step writes a config.sh into the current folder: keep it out of the repo.
cd "$WORK"
mkdir -p "$WORK/src"
tar -xzf "$PROTON_TARBALL" -C "$WORK/src"
tar -xzf "$ROUTER_TARBALL" -C "$WORK/src"
PROTON_SRC="$WORK/src/qpid-proton-e5d5c2b" ROUTER_SRC="$WORK/src/skupper-router-3.5.1"
PROTON_PREFIX="$WORK/proton" STAGE="$WORK/stage"
# Debian's setuptools rejects the PEP 639 license string.
sed -i 's/^license = "Apache-2.0"$/license = {text = "Apache-2.0"}/' "$PROTON_SRC/python/pyproject.toml"

cmake -G Ninja -S "$PROTON_SRC" -B "$WORK/build/proton" -DCMAKE_BUILD_TYPE=Release \
  -DENABLE_LINKTIME_OPTIMIZATION=ON -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DBUILD_TLS=ON -DSSL_IMPL=openssl \
  -DBUILD_STATIC_LIBS=ON -DBUILD_BINDINGS=python -DENABLE_PYTHON_ISOLATED=OFF -DPython_EXECUTABLE="$PY" \
  -DBUILD_TOOLS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX="$PROTON_PREFIX"
cmake --build "$WORK/build/proton" -j2
cmake --install "$WORK/build/proton"

# Profile-guided optimisation would need the router's own test suite.
cmake -G Ninja -S "$ROUTER_SRC" -B "$WORK/build/router" -DCMAKE_BUILD_TYPE=Release -DVERSION=3.5.1 \
  -DProton_USE_STATIC_LIBS=ON -DProton_DIR="$PROTON_PREFIX/lib/cmake/Proton" -DPython_EXECUTABLE="$PY" \
  -DBUILD_TESTING=OFF -DENABLE_FUZZ_TESTING=OFF -DBUILD_BENCHMARKS=OFF \
  -DENABLE_PROFILE_GUIDED_OPTIMIZATION=OFF -DCMAKE_INSTALL_PREFIX="$PREFIX"
cmake --build "$WORK/build/router" -j2
DESTDIR="$STAGE" cmake --install "$WORK/build/router"

"$PY" -m pip install --no-deps --no-index --no-warn-script-location --root "$STAGE" --prefix "$PREFIX" \
  "$WORK"/build/proton/python/dist/python_qpid_proton-*.whl
cp -a "$STAGE$PREFIX/." "$OUT/"
SITE_PACKAGES="$(cd "$OUT" && find . -path '*/python3*/*-packages' -prune -type d | sed 's|^\./||' | head -n 1)"
[ -n "$SITE_PACKAGES" ] || { echo "Proton's Python binding was not installed under $OUT" >&2; exit 1; }
echo "$SITE_PACKAGES" > "$OUT/python-path"
"$OUT/sbin/skrouterd" --version
