# The runtime image: `grant-server` on listening sites, `redeemer` on connecting sites.
# The constructs set only `args`, so this ENTRYPOINT is the command they run:
#   node /app/bin/cdk8s-skupper.js <grant-server|redeemer> ...
# Runs as non-root and needs no writable filesystem (the Deployments set readOnlyRootFilesystem).
#
# Built by `npm run image` (tools/image/build.sh) with no container registry: the bases are made
# from the Debian archive and the npm registry (tools/image/build-base.sh), `node:20-bookworm-slim`
# is that local equivalent, and RUNTIME_BASE a base with only Node and the libraries it links (no
# shell, no package manager). With a registry, a plain `podman build .` / `docker build .` works
# too (both stages on node:20-bookworm-slim, a larger image).
#
# npm trusts the CA bundle given at build time, never baked in: the optional secrets `ca.crt` (a
# PEM bundle) and `npmrc` (an npmrc, e.g. `cafile=/run/secrets/ca.crt`).
ARG RUNTIME_BASE=node:20-bookworm-slim

FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NPM_CONFIG_USERCONFIG=/run/secrets/npmrc
COPY package.json package-lock.json ./
# The dev dependencies include esbuild, which bundles the runtime, below.
RUN --mount=type=secret,id=npmrc --mount=type=secret,id=ca.crt \
    npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY lib lib
COPY imports imports
# The CLI and everything it loads (client-node, prom-client, ...) in one minified file, in place of
# build/lib/cli/main.js: V8 keeps every loaded script's source, so about 15 MiB less heap than
# loading node_modules' files (bench/image). The optional native helpers of ws and node-fetch stay
# `require`s (absent, as before).
RUN npx tsc -p tsconfig.build.json \
 && npx esbuild build/lib/cli/main.js --bundle --platform=node --target=node20 --format=cjs \
      --minify --keep-names --legal-comments=none --log-level=warning \
      --external:bufferutil --external:utf-8-validate --external:encoding \
      --outfile=bundle/build/lib/cli/main.js

# The production dependencies alone, in a stage of their own so a code change reuses them.
# The runtime's packages (client-node, prom-client) are optional peer dependencies, so construct
# users skip them (README, "Installing"); the image needs them: make them its production
# dependencies at their peer ranges, resolved from the lockfile (`npm prune` would drop them).
# Type declarations, TypeScript sources and source maps are never loaded at run time: dropped
# (a third of client-node's size).
FROM node:20-bookworm-slim AS production-dependencies
WORKDIR /src
ENV NPM_CONFIG_USERCONFIG=/run/secrets/npmrc
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc --mount=type=secret,id=ca.crt \
    for p in @kubernetes/client-node prom-client; do \
      range="$(npm pkg get "peerDependencies.$p" | tr -d '"')" \
      && npm pkg delete "devDependencies.$p" && npm pkg set "dependencies.$p=$range" || exit 1; \
    done \
 && npm install --omit=dev --omit=peer --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/.package-lock.json node_modules/@types \
 && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' \) -delete

FROM ${RUNTIME_BASE}
WORKDIR /app
# Less idle memory (bench/image): a 1 MiB young generation (V8's default is 16), and glibc
# returning freed memory to the system from 64 KiB (loading the bundle frees ~20 MiB it would
# otherwise keep). Override either in the Deployment's env.
ENV NODE_ENV=production NODE_OPTIONS=--max-semi-space-size=1 MALLOC_TRIM_THRESHOLD_=65536
COPY package.json ./
# Not loaded by the bundle; kept for whatever a package loads by a computed name.
COPY --from=production-dependencies /src/node_modules node_modules
COPY --from=build /src/bundle/build build
COPY bin bin
USER 65532:65532
ENTRYPOINT ["node", "/app/bin/cdk8s-skupper.js"]
