# The runtime image: `grant-server` on listening sites, `redeemer` on connecting sites.
# The constructs set only `args`, so this ENTRYPOINT is the command they run:
#   node /app/bin/cdk8s-skupper.js <grant-server|redeemer> ...
# Runs as non-root and needs no writable filesystem (the Deployments set readOnlyRootFilesystem).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY lib lib
COPY imports imports
COPY bin bin
RUN npx tsc -p tsconfig.build.json
# The runtime's packages (client-node, prom-client) are optional peer dependencies, so construct
# users skip them (README, "Installing"); the image needs them: make them its production
# dependencies at their peer ranges, then drop everything else (`npm prune` would drop them too).
RUN for p in @kubernetes/client-node prom-client; do \
      range="$(npm pkg get "peerDependencies.$p" | tr -d '"')" \
      && npm pkg delete "devDependencies.$p" && npm pkg set "dependencies.$p=$range" || exit 1; \
    done \
 && npm install --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/build build
COPY --from=build /src/bin bin
USER 65532:65532
ENTRYPOINT ["node", "/app/bin/cdk8s-skupper.js"]
