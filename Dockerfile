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
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/build build
COPY --from=build /src/bin bin
USER 65532:65532
ENTRYPOINT ["node", "/app/bin/cdk8s-skupper.js"]
